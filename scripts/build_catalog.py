#!/usr/bin/env python3
"""Builds the shipped catalog (data/dramas.csv, data/tracks.csv) from the facts
in ../shared/data. Run once by a maintainer when those facts change; the bot
itself only reads data/.

What it does beyond copying:
- every track gets a drama: the 26 tracks whose drama has no MyDramaList row
  get a drama of their own (Korean title, romanized title, year);
- track titles: the English (iTunes) title where there is one, the Hangul one beside it;
- the OST part number is read from the album name ("OST Pt. 9", "Part 3");
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


def main():
    dramas = list(csv.DictReader(open(SHARED / "dramas.csv", encoding="utf-8", newline="")))
    tracks = list(csv.DictReader(open(SHARED / "ost_tracks.csv", encoding="utf-8", newline="")))
    known = {d["id"] for d in dramas}
    extra = {}
    for t in tracks:
        if t["drama_id"]:
            continue
        key = (t["drama_title_ko"], t["year"])
        if key not in extra:
            slug = slugify(t["drama_title_ko"])
            if slug in known or any(e["id"] == slug for e in extra.values()):
                slug = f"{slug}-{t['year']}"
            extra[key] = {"id": slug, "title": romanize(t["drama_title_ko"]).title(), "title_ko": t["drama_title_ko"],
                          "alt_titles": "", "year": t["year"], "network": "", "genres": "", "episodes": "",
                          "mdl_rating": "", "mdl_votes": ""}
        t["drama_id"] = extra[key]["id"]

    fields = ["id", "title", "title_ko", "alt_titles", "year", "network", "genres", "episodes", "mdl_rating", "mdl_votes"]
    with open(OUT / "dramas.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for d in dramas + sorted(extra.values(), key=lambda d: d["id"]):
            w.writerow({k: d[k] for k in fields})

    tfields = ["id", "drama_id", "year", "title", "title_ko", "artist", "artist_ko", "ost_part", "album", "links", "verified"]
    with open(OUT / "tracks.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=tfields, lineterminator="\n")
        w.writeheader()
        for t in tracks:
            title = t["title_en"] or t["title_ko"]
            title_ko = t["title_ko"] if t["title_ko"] != title and hangul(t["title_ko"]) else ""
            artist_ko = t["artist_ko"]
            if t["drama_title_ko"] == "SKY 캐슬" and artist_ko == "하니":
                artist_ko, t["verified"] = "하진", "yes"
            artist = t["artist_en"] or ("" if hangul(artist_ko) else artist_ko)
            if artist == artist_ko:
                artist_ko = ""
            w.writerow({"id": t["id"], "drama_id": t["drama_id"], "year": t["year"], "title": title,
                        "title_ko": title_ko, "artist": artist, "artist_ko": artist_ko,
                        "ost_part": part_of(t["album"]) or "", "album": t["album"], "links": "",
                        "verified": t["verified"]})
    print(f"{len(dramas) + len(extra)} dramas ({len(extra)} added for unlinked tracks), {len(tracks)} tracks")


if __name__ == "__main__":
    main()
