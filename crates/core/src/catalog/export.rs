//! `ostbot suggestions export`: the entries members suggested in every server,
//! in the import's format. Each row's `local_in` lists the servers whose
//! local copy an `ostbot import` of the file merges into the global entry.

use super::store::{self, drama_by_slug};
use super::suggestions::split_singers;
use super::{Drama, DramaId, Scope, Track, TrackId};
use crate::db::Handle;
use crate::ids::GuildId;
use crate::on_db;
use crate::timestamp::at;
use crate::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which suggestions an export takes.
#[derive(Clone, Copy, Debug, Default)]
pub struct ExportFilter {
    /// Only approved ones (else the open ones too, as proposed rows).
    pub approved_only: bool,
    /// Only those decided (or, when open, made) at or after this time.
    pub since: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DramaRow {
    pub id: String,
    pub title: String,
    pub title_ko: Option<String>,
    pub alt_titles: Vec<String>,
    pub year: Option<i32>,
    pub network: Option<String>,
    pub genres: Vec<String>,
    pub episodes: Option<i32>,
    pub local_in: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrackRow {
    pub id: String,
    pub drama_id: String,
    pub title: String,
    pub title_ko: Option<String>,
    pub artist: Option<String>,
    pub artist_ko: Option<String>,
    pub ost_part: Option<i32>,
    pub year: Option<i32>,
    pub album: Option<String>,
    pub links: Vec<String>,
    pub verified: &'static str,
    pub local_in: Vec<String>,
    /// Where each row came from: `server:suggestion`, for the operator's eyes.
    pub suggestions: Vec<String>,
}

/// An export: dramas (those not global yet) and tracks, one row per slug.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Exported {
    pub dramas: Vec<DramaRow>,
    pub tracks: Vec<TrackRow>,
}

/// A suggestion as stored (its part a BIGINT, which does not decode into `i32`).
#[derive(sqlx::FromRow)]
struct StoredSuggestion {
    id: i64,
    guild_id: GuildId,
    state: String,
    drama_id: Option<DramaId>,
    drama_title: Option<String>,
    title: String,
    singers: Option<String>,
    ost_part: Option<i64>,
    link: Option<String>,
    track_id: Option<TrackId>,
}

impl From<StoredSuggestion> for SuggestionRow {
    fn from(s: StoredSuggestion) -> Self {
        let part = s.ost_part.and_then(|p| i32::try_from(p).ok());
        let (drama, track) = (s.drama_id, s.track_id);
        let (id, guild, state, drama_title, title) =
            (s.id, s.guild_id, s.state, s.drama_title, s.title);
        (
            id,
            guild,
            state,
            drama,
            drama_title,
            title,
            s.singers,
            part,
            s.link,
            track,
        )
    }
}

type SuggestionRow = (
    i64,
    GuildId,
    String,
    Option<DramaId>,
    Option<String>,
    String,
    Option<String>,
    Option<i32>,
    Option<String>,
    Option<TrackId>,
);

/// The suggestions of every server that `filter` takes, as import rows.
pub async fn suggested<'c>(db: impl Into<Handle<'c>>, filter: ExportFilter) -> Result<Exported> {
    let mut db = db.into();
    let rows: Vec<StoredSuggestion> = on_db!(db.reborrow(), |e| {
        sqlx::query_as(
        "SELECT id, guild_id, state, drama_id, drama_title, title, singers, ost_part, link, track_id
         FROM suggestions
         WHERE (state = 'approved' OR (state = 'open' AND NOT $1))
           AND ($2 IS NULL OR COALESCE(decided_at, created_at) >= $2)
         ORDER BY id",
    )
    .bind(filter.approved_only)
    .bind(filter.since.map(at))
    .fetch_all(e)
    .await
    })?;
    let mut out = Collected::default();
    for row in rows {
        out.add(db.reborrow(), row.into()).await?;
    }
    Ok(out.finish())
}

#[derive(Default)]
struct Collected {
    dramas: BTreeMap<String, DramaRow>,
    tracks: BTreeMap<String, TrackRow>,
}

impl Collected {
    async fn add(&mut self, mut db: Handle<'_>, row: SuggestionRow) -> Result<()> {
        let (id, guild, state, drama_id, drama_title, title, singers, part, link, track_id) = row;
        let origin = format!("{guild}:{id}");
        if state == "approved" {
            // A removed entry has nothing left to export; a merged one is global already.
            let Some(track) = track_id else { return Ok(()) };
            let Some(track) = store::get_track(db.reborrow(), track, Some(guild)).await? else {
                return Ok(());
            };
            if track.scope == Scope::Global {
                return Ok(());
            }
            let Some(drama) = store::get_drama(db, track.drama_id, Some(guild)).await? else {
                return Ok(());
            };
            self.add_drama(&drama, guild);
            self.add_track(track_row(&track, &drama.slug), guild, origin, true);
            return Ok(());
        }
        let drama_slug = match (drama_id, drama_title) {
            (Some(d), _) => match store::get_drama(db, d, Some(guild)).await? {
                Some(drama) => {
                    self.add_drama(&drama, guild);
                    drama.slug
                }
                None => return Ok(()),
            },
            (None, Some(title)) => self.add_new_drama(db, title).await?,
            (None, None) => return Ok(()),
        };
        let (artist, artist_ko) = split_singers(singers.as_deref());
        let proposed = TrackRow {
            id: format!("{drama_slug}-{}", super::import::slugify(&title, None)),
            drama_id: drama_slug,
            title,
            title_ko: None,
            artist,
            artist_ko,
            ost_part: part,
            year: None,
            album: None,
            links: link.into_iter().collect(),
            verified: "yes",
            local_in: Vec::new(),
            suggestions: Vec::new(),
        };
        self.add_track(proposed, guild, origin, false);
        Ok(())
    }

    /// A local drama goes in the file (with its server, whose copy merges);
    /// a global one is named by the tracks only.
    fn add_drama(&mut self, drama: &Drama, guild: GuildId) {
        if drama.scope == Scope::Global {
            return;
        }
        let row = self
            .dramas
            .entry(drama.slug.clone())
            .or_insert_with(|| drama_row(drama));
        push_new(&mut row.local_in, guild.to_string());
    }

    /// An open suggestion's new drama, by its title: the global one with its
    /// slug if there is one, else a row of the file.
    async fn add_new_drama(&mut self, db: Handle<'_>, title: String) -> Result<String> {
        let slug = super::import::slugify(&title, None);
        if drama_by_slug(db, &slug, None).await?.is_none() {
            self.dramas.entry(slug.clone()).or_insert_with(|| DramaRow {
                id: slug.clone(),
                title,
                title_ko: None,
                alt_titles: Vec::new(),
                year: None,
                network: None,
                genres: Vec::new(),
                episodes: None,
                local_in: Vec::new(),
            });
        }
        Ok(slug)
    }

    /// One row per slug; `copy` when `guild` has the entry as a local copy.
    fn add_track(&mut self, row: TrackRow, guild: GuildId, origin: String, copy: bool) {
        let kept = self.tracks.entry(row.id.clone()).or_insert(row);
        if copy {
            push_new(&mut kept.local_in, guild.to_string());
        }
        push_new(&mut kept.suggestions, origin);
    }

    fn finish(self) -> Exported {
        Exported {
            dramas: self.dramas.into_values().collect(),
            tracks: self.tracks.into_values().collect(),
        }
    }
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn drama_row(d: &Drama) -> DramaRow {
    DramaRow {
        id: d.slug.clone(),
        title: d.title.clone(),
        title_ko: d.title_ko.clone(),
        alt_titles: d.alt_titles.clone(),
        year: d.year,
        network: d.network.clone(),
        genres: d.genres.clone(),
        episodes: d.episodes,
        local_in: Vec::new(),
    }
}

/// An approved suggestion's local track as the moderators left it; its
/// server's copy merges into the global entry.
fn track_row(t: &Track, drama_slug: &str) -> TrackRow {
    TrackRow {
        id: t.slug.clone(),
        drama_id: drama_slug.to_owned(),
        title: t.title.clone(),
        title_ko: t.title_ko.clone(),
        artist: t.artist.clone(),
        artist_ko: t.artist_ko.clone(),
        ost_part: t.ost_part,
        year: t.year,
        album: t.album.clone(),
        links: t.links.clone(),
        verified: if t.verified { "yes" } else { "no" },
        local_in: Vec::new(),
        suggestions: Vec::new(),
    }
}

impl Exported {
    pub fn is_empty(&self) -> bool {
        self.dramas.is_empty() && self.tracks.is_empty()
    }

    /// One JSON file with both lists (`ostbot import` reads it whole).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The tracks as CSV (lists joined by `|`, as the import reads them).
    pub fn tracks_csv(&self) -> Result<String> {
        let header = [
            "id",
            "drama_id",
            "title",
            "title_ko",
            "artist",
            "artist_ko",
            "ost_part",
            "year",
            "album",
            "links",
            "verified",
            "local_in",
            "suggestions",
        ];
        let rows = self.tracks.iter().map(|t| {
            vec![
                t.id.clone(),
                t.drama_id.clone(),
                t.title.clone(),
                text(&t.title_ko),
                text(&t.artist),
                text(&t.artist_ko),
                number(t.ost_part),
                number(t.year),
                text(&t.album),
                t.links.join("|"),
                t.verified.to_owned(),
                t.local_in.join("|"),
                t.suggestions.join("|"),
            ]
        });
        csv_text(&header, rows)
    }

    /// The dramas as CSV; they are imported before the tracks that name them.
    pub fn dramas_csv(&self) -> Result<String> {
        let header = [
            "id",
            "title",
            "title_ko",
            "alt_titles",
            "year",
            "network",
            "genres",
            "episodes",
            "local_in",
        ];
        let rows = self.dramas.iter().map(|d| {
            vec![
                d.id.clone(),
                d.title.clone(),
                text(&d.title_ko),
                d.alt_titles.join("|"),
                number(d.year),
                text(&d.network),
                d.genres.join("|"),
                number(d.episodes),
                d.local_in.join("|"),
            ]
        });
        csv_text(&header, rows)
    }
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn number(value: Option<i32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

fn csv_text(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| crate::Error::Internal(format!("writing CSV: {e}"));
    writer.write_record(header).map_err(failed)?;
    for row in rows {
        writer.write_record(&row).map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| crate::Error::Internal(format!("writing CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| crate::Error::Internal(format!("writing CSV: {e}")))
}

/// Parses `--since`: a date (`2026-11-01`, midnight UTC) or an RFC 3339 time.
pub fn parse_since(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        return Some(time.with_timezone(&Utc));
    }
    let date = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_a_date_or_a_time() {
        let day = parse_since("2026-11-01").map(|t| t.to_rfc3339());
        assert_eq!(day.as_deref(), Some("2026-11-01T00:00:00+00:00"));
        let time = parse_since("2026-11-01T09:30:00+09:00").map(|t| t.to_rfc3339());
        assert_eq!(time.as_deref(), Some("2026-11-01T00:30:00+00:00"));
        assert_eq!(parse_since("last week"), None);
    }
}
