//! Artists as entities and the ordered credits of each track (`migrations/sqlite/0016_…`).
//!
//! A track's credits start as its source credit (`tracks.artist` / `artist_ko`, split into
//! its artists) the first time the track is written; after that they are data of their own,
//! which the operator corrects through `ostbot import` of a credits file
//! (`track_id,artists`, the artists pipe-separated in credit order, each as `한글 (Latin)`,
//! `한글` or `Latin`). A credits file is checked whole first and refused whole, with line
//! numbers, when a track id is unknown, a name is empty or a line repeats a track or an artist.

use super::import::{ImportReport, RowProblem};
use super::search::normalize::{compact, has_hangul, normalize};
use super::{sql, TrackId};
use crate::db::Handle;
use crate::{db_execute, on_db, Error, Result};
use std::collections::{HashMap, HashSet};

pub use crate::ids::ArtistId;

/// One artist: the Hangul name and the Latin stage name, whichever the data has.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Artist {
    pub id: ArtistId,
    pub name_ko: Option<String>,
    pub name: Option<String>,
}

impl Artist {
    pub fn artist_id(&self) -> ArtistId {
        self.id
    }

    /// The name a Korean fan reads first: Hangul when there is one.
    pub fn primary(&self) -> &str {
        self.name_ko
            .as_deref()
            .or(self.name.as_deref())
            .unwrap_or("")
    }

    /// The Latin name, or the Hangul one when there is none.
    pub fn latin(&self) -> &str {
        self.name
            .as_deref()
            .or(self.name_ko.as_deref())
            .unwrap_or("")
    }

    /// Every name of the artist (for search).
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [self.name_ko.as_deref(), self.name.as_deref()]
            .into_iter()
            .flatten()
    }
}

/// Every singer of a track on one line: "찬열, 펀치 · CHANYEOL, Punch"; one script only when
/// the other would say the same ("Crush").
pub fn credit_line(artists: &[Artist]) -> Option<String> {
    if artists.is_empty() {
        return None;
    }
    let first: Vec<&str> = artists.iter().map(Artist::primary).collect();
    let second: Vec<&str> = artists.iter().map(Artist::latin).collect();
    let first = first.join(", ");
    let second = second.join(", ");
    if first == second {
        Some(first)
    } else {
        Some(format!("{first} · {second}"))
    }
}

/// The identity of an artist name: normalized, without spaces.
pub fn artist_key(name: &str) -> String {
    compact(&normalize(name))
}

/// One name as a credit gives it: "엠씨더맥스 (M.C the MAX)", "펀치", "Punch".
fn parse_name(text: &str) -> Option<(Option<String>, Option<String>)> {
    let text = text.trim();
    if text.is_empty() || artist_key(text).is_empty() {
        return None;
    }
    if let (Some(open), true) = (text.rfind('('), text.ends_with(')')) {
        let outer = text[..open].trim();
        let inner = text[open + 1..text.len() - 1].trim();
        if has_hangul(outer) && !inner.is_empty() && !has_hangul(inner) {
            return Some((Some(outer.to_owned()), Some(inner.to_owned())));
        }
    }
    if has_hangul(text) {
        Some((Some(text.to_owned()), None))
    } else {
        Some((None, Some(text.to_owned())))
    }
}

/// "로꼬 & 유성은" → ["로꼬", "유성은"]; a single credit gives itself.
pub fn split_credit(credit: &str) -> Vec<&str> {
    credit
        .split(['&', ',', '/', '+'])
        .flat_map(|part| part.split(" x "))
        .flat_map(|part| part.split(" feat. "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect()
}

/// The artists of a source credit: the Hangul and Latin credits split alike and paired in
/// order when they have as many artists, else each on its own.
pub fn source_artists(
    artist: Option<&str>,
    artist_ko: Option<&str>,
) -> Vec<(Option<String>, Option<String>)> {
    let latin: Vec<&str> = artist.map(split_credit).unwrap_or_default();
    let hangul: Vec<&str> = artist_ko.map(split_credit).unwrap_or_default();
    let mut out = Vec::new();
    if !hangul.is_empty() && (latin.len() == hangul.len() || latin.is_empty()) {
        for (i, ko) in hangul.iter().enumerate() {
            let Some((k, l)) = parse_name(ko) else {
                continue;
            };
            let l = l.or_else(|| latin.get(i).map(|s| (*s).to_owned()));
            out.push((k, l));
        }
    } else {
        for name in latin.iter().chain(hangul.iter()) {
            if let Some(parsed) = parse_name(name) {
                out.push(parsed);
            }
        }
    }
    out
}

/// The artist with these names, created when new; a Latin name fills a missing one.
async fn artist_for<'c>(
    db: impl Into<Handle<'c>>,
    name_ko: Option<&str>,
    name: Option<&str>,
) -> Result<ArtistId> {
    let mut db = db.into();
    let ko_key = name_ko.map(artist_key).filter(|k| !k.is_empty());
    let latin_key = name.map(artist_key).filter(|k| !k.is_empty());
    // A Hangul name is the identity; a Latin-only name matches an artist of that Latin name.
    let found: Option<(ArtistId, Option<String>)> = match (&ko_key, &latin_key) {
        (Some(key), latin) => match by_key(db.reborrow(), key).await? {
            Some(found) => Some(found),
            None => match latin {
                Some(latin) => adopt_latin_only(db.reborrow(), latin, key, name_ko).await?,
                None => None,
            },
        },
        (None, Some(key)) => match by_key(db.reborrow(), key).await? {
            Some(found) => Some(found),
            None => by_latin_name(db.reborrow(), key).await?,
        },
        (None, None) => return Err(Error::Internal("an artist without a name".into())),
    };
    if let Some((id, latin)) = found {
        if latin.is_none() && name.is_some() {
            db_execute!(
                db,
                sqlx::query("UPDATE artists SET name = $1 WHERE id = $2")
                    .bind(name)
                    .bind(id)
            )?;
        }
        return Ok(id);
    }
    let key = ko_key.or(latin_key).unwrap_or_default();
    let id: Vec<ArtistId> = on_db!(db, |e| sqlx::query_scalar(
        "INSERT INTO artists (key, name_ko, name) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&key)
    .bind(name_ko)
    .bind(name)
    .fetch_all(e)
    .await)?;
    id.first()
        .copied()
        .ok_or_else(|| Error::Internal("an artist insert returned nothing".into()))
}

async fn by_key<'c>(
    db: impl Into<Handle<'c>>,
    key: &str,
) -> Result<Option<(ArtistId, Option<String>)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT id, name FROM artists WHERE key = $1"
    )
    .bind(key)
    .fetch_optional(e)
    .await)?)
}

/// An artist known by Hangul whose Latin name (or global alias) is `key`: "SHINee" is 샤이니.
/// Their name first, then their alias; the first added of several.
async fn by_latin_name<'c>(
    db: impl Into<Handle<'c>>,
    key: &str,
) -> Result<Option<(ArtistId, Option<String>)>> {
    let db = db.into();
    let b = db.backend();
    let sql = format!(
        "SELECT id, name FROM (
             SELECT 0 AS rank, id, name FROM artists WHERE {} = $1
             UNION ALL SELECT 1, a.id, a.name FROM artists a JOIN aliases x
                ON x.kind = 0 AND x.scope = 0 AND x.target_id = a.id
             WHERE {} = $1) AS found
         ORDER BY rank, id LIMIT 1",
        sql::ascii_lower(b, "replace(name, ' ', '')"),
        sql::ascii_lower(b, "replace(x.alias, ' ', '')"),
    );
    Ok(on_db!(db, |e| sqlx::query_as(&sql)
        .bind(key)
        .fetch_optional(e)
        .await)?)
}

/// An artist first met by Latin name only ("SHINee"), now credited with the Hangul name
/// too ("샤이니 (SHINee)"): the same artist, whose identity becomes the Hangul name. Whichever
/// credit an import meets first, both end in one record.
async fn adopt_latin_only<'c>(
    db: impl Into<Handle<'c>>,
    latin_key: &str,
    ko_key: &str,
    name_ko: Option<&str>,
) -> Result<Option<(ArtistId, Option<String>)>> {
    let mut db = db.into();
    let found: Option<(ArtistId, Option<String>)> = on_db!(db.reborrow(), |e| sqlx::query_as(
        "SELECT id, name FROM artists WHERE key = $1 AND name_ko IS NULL"
    )
    .bind(latin_key)
    .fetch_optional(e)
    .await)?;
    if let Some((id, _)) = &found {
        db_execute!(
            db,
            sqlx::query("UPDATE artists SET key = $1, name_ko = $2 WHERE id = $3")
                .bind(ko_key)
                .bind(name_ko)
                .bind(id)
        )?;
    }
    Ok(found)
}

/// Replaces a track's credits with these artists, in order.
pub async fn set_credits<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    artists: &[(Option<String>, Option<String>)],
) -> Result<()> {
    let mut db = db.into();
    let mut ids = Vec::with_capacity(artists.len());
    for (ko, latin) in artists {
        ids.push(artist_for(db.reborrow(), ko.as_deref(), latin.as_deref()).await?);
    }
    write_credits(db, track, &ids).await
}

/// An artist MusicBrainz credits: its (Hangul, Latin) names and its MusicBrainz id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MbArtist {
    pub name_ko: Option<String>,
    pub name: Option<String>,
    pub mbid: String,
}

/// Replaces a track's credits with artists MusicBrainz credits, in order. An artist is the one
/// with its MBID, else the one with its names (which then gets the MBID), else a new one.
pub async fn set_credits_with_mbids<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    artists: &[MbArtist],
) -> Result<()> {
    let mut db = db.into();
    let mut ids = Vec::with_capacity(artists.len());
    for artist in artists {
        let known: Option<ArtistId> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
            "SELECT id FROM artists WHERE mbid = $1"
        )
        .bind(&artist.mbid)
        .fetch_optional(e)
        .await)?;
        let id = match known {
            Some(id) => id,
            None => {
                let (ko, latin) = (artist.name_ko.as_deref(), artist.name.as_deref());
                let id = artist_for(db.reborrow(), ko, latin).await?;
                // An artist of the same name with another MBID keeps its own.
                db_execute!(
                    db.reborrow(),
                    sqlx::query("UPDATE artists SET mbid = $1 WHERE id = $2 AND mbid IS NULL")
                        .bind(&artist.mbid)
                        .bind(id)
                )?;
                id
            }
        };
        ids.push(id);
    }
    write_credits(db, track, &ids).await
}

/// The MusicBrainz ids of a track's credited artists, in credit order (`None` for an artist
/// never fetched), with each artist's names.
pub async fn credit_mbids<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
) -> Result<Vec<(Option<String>, Artist)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        mbid: Option<String>,
        #[sqlx(flatten)]
        artist: Artist,
    }
    let rows: Vec<Row> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT a.mbid, a.id, a.name_ko, a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
         WHERE c.track_id = $1 ORDER BY c.position",
    )
    .bind(track)
    .fetch_all(e)
    .await
    })?;
    Ok(rows.into_iter().map(|r| (r.mbid, r.artist)).collect())
}

async fn write_credits<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    ids: &[ArtistId],
) -> Result<()> {
    let mut db = db.into();
    db_execute!(
        db.reborrow(),
        sqlx::query("DELETE FROM track_credits WHERE track_id = $1").bind(track)
    )?;
    insert_credits(db, track, ids).await
}

/// Credits a track that has none with these artists, in order.
async fn insert_credits<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    ids: &[ArtistId],
) -> Result<()> {
    let mut db = db.into();
    for (position, id) in credit_positions(ids) {
        db_execute!(
            db.reborrow(),
            sqlx::query(
                "INSERT INTO track_credits (track_id, position, artist_id) VALUES ($1, $2, $3)"
            )
            .bind(track)
            .bind(position)
            .bind(id)
        )?;
    }
    Ok(())
}

/// Gives a track the credits of its source credit (`artist`, `artist_ko`) when it has none
/// yet. Credits the operator corrected are kept: re-importing a track never takes a singer
/// away.
pub async fn ensure_from_source<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    artist: Option<&str>,
    artist_ko: Option<&str>,
) -> Result<()> {
    let mut db = db.into();
    let has: Option<i64> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT CAST(1 AS BIGINT) FROM track_credits WHERE track_id = $1 LIMIT 1"
    )
    .bind(track)
    .fetch_optional(e)
    .await)?;
    if has.is_some() {
        return Ok(());
    }
    credit_from_source(db, track, artist, artist_ko).await
}

/// Gives a track just inserted (so without credits) the credits of its source credit.
pub async fn credit_from_source<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    artist: Option<&str>,
    artist_ko: Option<&str>,
) -> Result<()> {
    let mut db = db.into();
    let mut ids = Vec::new();
    for (ko, latin) in source_artists(artist, artist_ko) {
        ids.push(artist_for(db.reborrow(), ko.as_deref(), latin.as_deref()).await?);
    }
    insert_credits(db, track, &ids).await
}

/// A track just inserted and its source credit (`artist`, `artist_ko`).
pub type SourceCredit<'a> = (TrackId, Option<&'a str>, Option<&'a str>);

/// [`credit_from_source`] for many tracks just inserted: each artist named is looked up (or
/// created) once, and the credits are written in a few multi-row statements.
pub async fn credit_many_from_source<'c>(
    db: impl Into<Handle<'c>>,
    tracks: &[SourceCredit<'_>],
) -> Result<()> {
    let mut db = db.into();
    let mut known: HashMap<(Option<String>, Option<String>), ArtistId> = HashMap::new();
    let mut rows: Vec<(TrackId, i64, ArtistId)> = Vec::new();
    for &(track, artist, artist_ko) in tracks {
        let mut ids = Vec::new();
        for names in source_artists(artist, artist_ko) {
            let id = match known.get(&names) {
                Some(&id) => id,
                None => {
                    let id =
                        artist_for(db.reborrow(), names.0.as_deref(), names.1.as_deref()).await?;
                    *known.entry(names).or_insert(id)
                }
            };
            ids.push(id);
        }
        rows.extend(
            credit_positions(&ids)
                .into_iter()
                .map(|(position, id)| (track, position, id)),
        );
    }
    for chunk in rows.chunks(CREDITS_PER_INSERT) {
        on_db!(db.reborrow(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO track_credits (track_id, position, artist_id) ",
            );
            insert.push_values(chunk, |mut row, (track, position, artist)| {
                row.push_bind(*track)
                    .push_bind(*position)
                    .push_bind(*artist);
            });
            insert
                .build()
                .execute(e)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    Ok(())
}

/// Credits written per multi-row statement.
const CREDITS_PER_INSERT: usize = 2_000;

/// Each artist once, numbered from 1 in credit order.
fn credit_positions(ids: &[ArtistId]) -> Vec<(i64, ArtistId)> {
    let mut seen = HashSet::new();
    ids.iter()
        .filter(|id| seen.insert(**id))
        .enumerate()
        .map(|(n, &id)| (n as i64 + 1, id))
        .collect()
}

/// A track's credited artists, in order.
pub async fn credits_in<'c>(db: impl Into<Handle<'c>>, track: TrackId) -> Result<Vec<Artist>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT a.id, a.name_ko, a.name FROM track_credits c JOIN artists a ON a.id = c.artist_id
         WHERE c.track_id = $1 ORDER BY c.position",
    )
    .bind(track)
    .fetch_all(e)
    .await)?)
}

/// The credited artists of several tracks at once.
pub async fn credits_of<'c>(
    db: impl Into<Handle<'c>>,
    tracks: &[TrackId],
) -> Result<HashMap<TrackId, Vec<Artist>>> {
    let mut out: HashMap<TrackId, Vec<Artist>> = HashMap::new();
    if tracks.is_empty() {
        return Ok(out);
    }
    let db = db.into();
    let ids = serde_json::to_string(&tracks.iter().map(|t| t.to_i64_bits()).collect::<Vec<_>>())
        .unwrap_or_default();
    let sql = format!(
        "SELECT c.track_id, a.id, a.name_ko, a.name FROM track_credits c
         JOIN artists a ON a.id = c.artist_id
         WHERE c.track_id IN ({}) ORDER BY c.track_id, c.position",
        sql::json_ints(db.backend(), 1)
    );
    let rows: Vec<(TrackId, ArtistId, Option<String>, Option<String>)> =
        on_db!(db, |e| sqlx::query_as(&sql).bind(&ids).fetch_all(e).await)?;
    for (track, id, name_ko, name) in rows {
        out.entry(track)
            .or_default()
            .push(Artist { id, name_ko, name });
    }
    Ok(out)
}

/// Several artists by id, in id order; unknown ids are left out.
pub async fn artists_by_ids<'c>(
    db: impl Into<Handle<'c>>,
    ids: &[ArtistId],
) -> Result<Vec<Artist>> {
    let db = db.into();
    let ids = serde_json::to_string(&ids.iter().map(|a| a.to_i64_bits()).collect::<Vec<_>>())
        .unwrap_or_default();
    let sql = format!(
        "SELECT id, name_ko, name FROM artists WHERE id IN ({}) ORDER BY id",
        sql::json_ints(db.backend(), 1)
    );
    Ok(on_db!(db, |e| sqlx::query_as(&sql)
        .bind(&ids)
        .fetch_all(e)
        .await)?)
}

/// One artist by id.
pub async fn artist_by_id<'c>(
    db: impl Into<Handle<'c>>,
    artist: ArtistId,
) -> Result<Option<Artist>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT id, name_ko, name FROM artists WHERE id = $1"
    )
    .bind(artist)
    .fetch_optional(e)
    .await)?)
}

/// The tracks credited to an artist (their "Tracks by" page).
pub async fn tracks_of_artist<'c>(
    db: impl Into<Handle<'c>>,
    artist: ArtistId,
) -> Result<Vec<TrackId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT track_id FROM track_credits WHERE artist_id = $1 ORDER BY track_id"
    )
    .bind(artist)
    .fetch_all(e)
    .await)?)
}

/// The artist whose name (either script) or global alias is exactly `name`, normalized.
pub async fn artist_named<'c>(db: impl Into<Handle<'c>>, name: &str) -> Result<Option<Artist>> {
    let key = artist_key(name);
    if key.is_empty() {
        return Ok(None);
    }
    let mut db = db.into();
    let b = db.backend();
    // Latin names are compared normalized: read the few candidates sharing the first letter.
    let sql = format!(
        "SELECT id, name_ko, name FROM artists WHERE key = $1
         UNION SELECT id, name_ko, name FROM artists
               WHERE name IS NOT NULL AND {} = substr($1, 1, 1)
         ORDER BY id",
        sql::ascii_lower(b, "substr(name, 1, 1)")
    );
    let rows: Vec<Artist> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(&key)
        .fetch_all(e)
        .await)?;
    if let Some(found) = rows
        .into_iter()
        .find(|a| a.names().any(|n| artist_key(n) == key))
    {
        return Ok(Some(found));
    }
    // A global alias: "IU" for 아이유.
    let sql = format!(
        "SELECT target_id, alias FROM aliases WHERE kind = 0 AND scope = 0
         ORDER BY target_id, alias{}",
        sql::by_code_point(b)
    );
    let aliases: Vec<(i64, String)> =
        on_db!(db.reborrow(), |e| sqlx::query_as(&sql).fetch_all(e).await)?;
    let Some((id, _)) = aliases.into_iter().find(|(_, a)| artist_key(a) == key) else {
        return Ok(None);
    };
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT id, name_ko, name FROM artists WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(e)
    .await)?)
}

/// An artist's (Hangul, Latin) names as a credit gives them.
type Names = (Option<String>, Option<String>);

#[derive(serde::Deserialize)]
struct CreditRecord {
    #[serde(default)]
    track_id: Option<String>,
    #[serde(default)]
    artists: Option<String>,
}

/// Whether a CSV's header is a credits file's.
pub fn is_credits_file(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    cols.contains(&"track_id") && cols.contains(&"artists")
}

/// Imports a credits file (global: the operator's). Every line is checked before anything is
/// written; any bad line refuses the whole file.
pub async fn import_credits<'c>(db: impl Into<Handle<'c>>, text: &str) -> Result<ImportReport> {
    let mut db = db.into();
    let mut report = ImportReport::default();
    let (headers, lines) = super::import::records(text, &mut report)?;
    let mut rows: Vec<(TrackId, Vec<Names>)> = Vec::new();
    let mut seen_tracks: HashMap<String, usize> = HashMap::new();
    for (line, row) in lines {
        let Ok(r) = row.deserialize::<CreditRecord>(Some(&headers)) else {
            report.problem(line, RowProblem::Unreadable);
            continue;
        };
        let Some(slug) = r.track_id.filter(|s| !s.is_empty()) else {
            report.problem(line, RowProblem::NoTrackId);
            continue;
        };
        if let Some(first) = seen_tracks.insert(slug.clone(), line) {
            report.problem(
                line,
                RowProblem::TrackListedTwice {
                    track: slug,
                    first_line: first,
                },
            );
            continue;
        }
        let id: Option<TrackId> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
            "SELECT id FROM tracks WHERE scope = 0 AND slug = $1"
        )
        .bind(&slug)
        .fetch_optional(e)
        .await)?;
        let Some(id) = id else {
            report.problem(line, RowProblem::UnknownTrack(slug));
            continue;
        };
        let names: Vec<&str> = r
            .artists
            .as_deref()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .collect();
        let mut artists = Vec::new();
        let mut keys = HashSet::new();
        let mut bad = false;
        for name in &names {
            match parse_name(name) {
                None => {
                    report.problem(line, RowProblem::EmptyArtistName);
                    bad = true;
                    break;
                }
                Some(parsed) => {
                    let key = artist_key(parsed.0.as_deref().or(parsed.1.as_deref()).unwrap_or(""));
                    if !keys.insert(key) {
                        report.problem(line, RowProblem::ArtistListedTwice((*name).to_owned()));
                        bad = true;
                        break;
                    }
                    artists.push(parsed);
                }
            }
        }
        if !bad {
            rows.push((id, artists));
        }
    }
    if report.bad_rows > 0 {
        return Err(Error::Import(report));
    }
    let mut tx = sql::begin_catalog_write(db).await?;
    let mut changed: Vec<TrackId> = Vec::new();
    for (track, artists) in &rows {
        let before: Vec<Artist> = credits_in(tx.handle(), *track).await?;
        set_credits(tx.handle(), *track, artists).await?;
        let after = credits_in(tx.handle(), *track).await?;
        if before == after {
            report.unchanged += 1;
        } else {
            report.updated += 1;
            changed.push(*track);
        }
    }
    super::store::reindex(tx.handle(), &[], &changed).await?;
    tx.commit().await?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artist(ko: Option<&str>, latin: Option<&str>) -> Artist {
        Artist {
            id: ArtistId::new(1),
            name_ko: ko.map(str::to_owned),
            name: latin.map(str::to_owned),
        }
    }

    #[test]
    fn credit_lines_show_every_singer_in_both_scripts() {
        let line = credit_line(&[
            artist(Some("찬열"), Some("CHANYEOL")),
            artist(Some("펀치"), Some("Punch")),
        ]);
        assert_eq!(line.as_deref(), Some("찬열, 펀치 · CHANYEOL, Punch"));
        assert_eq!(
            credit_line(&[artist(None, Some("Crush"))]).as_deref(),
            Some("Crush")
        );
        assert_eq!(
            credit_line(&[artist(Some("정준일"), None)]).as_deref(),
            Some("정준일")
        );
        assert_eq!(credit_line(&[]), None);
    }

    #[test]
    fn source_credits_split_and_pair() {
        assert_eq!(
            source_artists(Some("CHANYEOL"), Some("찬열")),
            vec![(Some("찬열".into()), Some("CHANYEOL".into()))]
        );
        assert_eq!(
            source_artists(None, Some("로꼬 & 유성은")),
            vec![(Some("로꼬".into()), None), (Some("유성은".into()), None)]
        );
        assert_eq!(
            source_artists(None, Some("엠씨더맥스 (M.C the MAX)")),
            vec![(Some("엠씨더맥스".into()), Some("M.C the MAX".into()))]
        );
        assert_eq!(
            source_artists(Some("Crush"), None),
            vec![(None, Some("Crush".into()))]
        );
        assert!(source_artists(None, Some("  ")).is_empty());
    }

    #[test]
    fn credits_files_are_told_by_their_header() {
        assert!(is_credits_file("track_id,artists\nx,y"));
        assert!(!is_credits_file("id,drama_id,title\n"));
    }
}
