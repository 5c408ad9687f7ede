#!/usr/bin/env python3
"""Builds the shipped catalog (data/dramas.csv, data/tracks.csv) from the facts
in ../shared/data. Run once by a maintainer when those facts change; the bot
itself only reads data/.

Tracks come from ost_tracks_full.csv (883 rows: the 244 shipped ones, same ids, plus
639 Melon chart hits with OST parts and release dates). What it does beyond copying:
- every track gets a drama: the unlinked rows (no MyDramaList row) get a drama of their
  own per Korean title (romanized title, year: the shipped list's, else the first release);
- track titles: the English title where there is one, the Hangul one beside it; the
  shipped rows keep their shipped titles and credits;
- the OST part number: the source's, else read from the album name ("OST Pt. 9");
- known limits stay visible: the source credits the first singer only (the operator
  adds the others with `ostbot import` of a credits file, `track_id,artists`);
- `signature` marks the track the one-per-drama list (ost_tracks.csv) chose for its drama:
  the song a fan means by the drama's name alone ("도깨비" in /track);
- the one credit the source README proves wrong (SKY 캐슬: 하진, not 하니) is corrected.
"""
import csv, re, sys, pathlib

SHARED = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
OUT = pathlib.Path(__file__).resolve().parent.parent / "data"

INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# A final consonant before a syllable that starts with ㅇ is carried over (liaison).
CARRY = {1: "g", 2: "kk", 4: "n", 7: "d", 8: "r", 16: "m", 17: "b", 19: "s", 20: "ss", 22: "j", 23: "ch", 24: "k", 25: "t", 26: "p", 27: "h"}


def romanize(text: str) -> str:
    out, chars = [], list(text)
    for i, ch in enumerate(chars):
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            out.append(ch)
            continue
        ini, med, fin = code // 588, (code % 588) // 28, code % 28
        nxt = ord(chars[i + 1]) - 0xAC00 if i + 1 < len(chars) else -1
        next_is_vowel = 0 <= nxt < 11172 and nxt // 588 == 11
        prev_carried = out and out[-1].endswith("\0")
        if prev_carried:
            out[-1] = out[-1][:-1]
        initial = INITIALS[ini]
        if ini == 5 and out and out[-1].endswith("l"):  # ㄹ + ㄹ is written "ll"
            initial = "l"
        s = ("" if prev_carried else initial) + VOWELS[med]
        if fin and next_is_vowel and fin in CARRY:
            s += "\0"
            out.append(s)
            out.append(CARRY[fin])
            continue
        out.append(s + FINALS[fin])
    # merge carried consonants into the next syllable
    text = "".join(out).replace("\0", "")
    return text


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", romanize(text).lower()).strip("-")


def part_of(album: str):
    m = re.search(r"\b(?:Pt|Part)\.?\s*(\d+)", album or "", re.I)
    return int(m.group(1)) if m else None


def hangul(text: str) -> bool:
    return any(0xAC00 <= ord(c) < 0xD7A4 for c in text)


def year_of(date: str):
    return int(date[:4]) if date and date[:4].isdigit() else None


def main():
    dramas = list(csv.DictReader(open(SHARED / "dramas.csv", encoding="utf-8", newline="")))
    shipped = {t["id"]: t for t in csv.DictReader(open(SHARED / "ost_tracks.csv", encoding="utf-8", newline=""))}
    tracks = list(csv.DictReader(open(SHARED / "ost_tracks_full.csv", encoding="utf-8", newline="")))
    by_id = {d["id"]: d for d in dramas}
    known = set(by_id)
    # Unlinked rows: one drama per Korean title. Its year is the shipped list's first broadcast
    # year when a shipped row names it, else the earliest release year of its tracks.
    unlinked = {}
    for t in tracks:
        if t["drama_id"]:
            continue
        year = shipped[t["id"]]["year"] if t["id"] in shipped else year_of(t["release_date"])
        years = unlinked.setdefault(t["drama_title_ko"], [])
        if year:
            years.append((t["id"] not in shipped, int(year)))
    extra = {}
    for title_ko in sorted(unlinked):
        years = sorted(unlinked[title_ko])
        year = str(years[0][1]) if years else ""
        slug = slugify(title_ko)
        if slug in known or any(e["id"] == slug for e in extra.values()):
            slug = f"{slug}-{year}"
        extra[title_ko] = {"id": slug, "title": romanize(title_ko).title(), "title_ko": title_ko,
                           "alt_titles": "", "year": year, "network": "", "genres": "", "episodes": "",
                           "mdl_rating": "", "mdl_votes": ""}

    fields = ["id", "title", "title_ko", "alt_titles", "year", "network", "genres", "episodes", "mdl_rating", "mdl_votes"]
    with open(OUT / "dramas.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for d in dramas + sorted(extra.values(), key=lambda d: d["id"]):
            w.writerow({k: d[k] for k in fields})

    tfields = ["id", "drama_id", "year", "title", "title_ko", "artist", "artist_ko", "ost_part", "album",
               "release_date", "links", "verified", "signature"]
    with open(OUT / "tracks.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=tfields, lineterminator="\n")
        w.writeheader()
        for t in tracks:
            old = shipped.get(t["id"])
            drama_id = t["drama_id"] or extra[t["drama_title_ko"]]["id"]
            if old:
                year = old["year"]
            else:
                year = by_id[drama_id]["year"] if drama_id in by_id else extra[t["drama_title_ko"]]["year"]
            if old:
                # The shipped rows keep the titles fans already know them by.
                title = old["title_en"] or old["title_ko"]
                title_ko = old["title_ko"]
            else:
                title_ko = t["title_ko"]
                # "모든 날, 모든 순간 (Every day, Every Moment)": the Latin translation is the title.
                title = t["title_en"] or title_ko
                if t["title_en"] and hangul(title_ko):
                    title_ko = re.sub(r"\s*\(" + re.escape(t["title_en"]) + r"\)\s*$", "", title_ko)
                if t["title_en"] and title_ko.startswith(t["title_en"]):
                    title_ko = ""  # "Round and round (Feat. 한수지)" is no Korean title
            if title_ko == title or not hangul(title_ko):
                title_ko = ""
            artist_ko = old["artist_ko"] if old else t["artist_ko"]
            artist_en = (old["artist_en"] if old else "") or t["artist_en"]
            verified = old["verified"] if old else "yes"
            if t["drama_title_ko"] == "SKY 캐슬" and artist_ko == "하니":
                artist_ko, verified = "하진", "yes"
            m = re.fullmatch(r"(.*[가-힣].*?)\s*\(([^)가-힣]+)\)", artist_ko)
            if m:  # "엠씨더맥스 (M.C the MAX)": the Latin name in parentheses
                artist_ko, artist_en = m.group(1), artist_en or m.group(2)
            artist = artist_en or ("" if hangul(artist_ko) else artist_ko)
            if artist == artist_ko or not hangul(artist_ko):
                artist_ko = ""
            albums = [a for a in t["album"].split("|") if a]
            part = t["ost_part"] or next((str(p) for p in map(part_of, albums) if p), "")
            w.writerow({"id": t["id"], "drama_id": drama_id, "year": year, "title": title,
                        "title_ko": title_ko, "artist": artist, "artist_ko": artist_ko,
                        "ost_part": part, "album": albums[-1] if albums else "",
                        "release_date": t["release_date"], "links": "", "verified": verified,
                        "signature": "yes" if old else ""})
    print(f"{len(dramas) + len(extra)} dramas ({len(extra)} added for unlinked tracks), {len(tracks)} tracks")


if __name__ == "__main__":
    main()
