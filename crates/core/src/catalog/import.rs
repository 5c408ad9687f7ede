//! Importing dramas and tracks from CSV or JSON. An import is atomic: every
//! row is checked first, and if any is bad nothing is written and the report
//! names each bad row by its line. Re-importing the same file changes nothing.

use super::store::{self, Change, NewDrama, NewTrack};
use super::{search, sql, Scope};
use crate::db::Handle;
use crate::ids::{DramaId, GuildId, TrackId, UserId};
use crate::{db_execute, on_db};
use crate::{Error, Result};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

/// Bad rows listed in a report before the rest are only counted.
const LISTED_PROBLEMS: usize = 20;
pub const MAX_TITLE_CHARS: usize = 200;

/// The catalog that ships with the bot, built by `scripts/build_catalog.py`.
pub const SHIPPED_DRAMAS: &str = include_str!("../../../../data/dramas.csv");
pub const SHIPPED_TRACKS: &str = include_str!("../../../../data/tracks.csv");

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Server-local copies merged into the global entries that replace them.
    pub merged: usize,
    pub bad_rows: usize,
    /// (line number in the file, problem), at most the first 20.
    pub problems: Vec<(usize, RowProblem)>,
    /// Field by field, what changed in entries that existed.
    pub changes: Vec<FieldChange>,
}

/// Why a file as a whole cannot be imported (worded by `bot::error_text`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is not UTF-8")]
    NotUtf8,
    #[error("no CSV header")]
    NoHeader,
    #[error("the header names no known columns")]
    UnknownColumns,
    #[error("malformed JSON near line {line}")]
    BadJson { line: usize },
}

/// What is wrong with one row of an imported file.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// Not valid CSV: wrong number of fields or a broken quote.
    BadCsv,
    /// A column (1-based, when known) holds a value of the wrong kind.
    WrongKind {
        column: Option<usize>,
    },
    Unreadable,
    /// A JSON entry (1-based) in `dramas` or `tracks` of the wrong shape.
    BadJsonEntry {
        track: bool,
        index: usize,
    },
    NoTitle {
        track: bool,
    },
    TitleTooLong {
        max: usize,
    },
    Year(i32),
    Episodes(i32),
    Rating(f64),
    BadId(String),
    NoDramaNamed,
    BadLink(String),
    OstPart(i32),
    Verified(String),
    UnknownDrama(String),
    /// A credits file's row without a `track_id`.
    NoTrackId,
    /// No global track has this id.
    UnknownTrack(String),
    /// A credits file credits the same track on two lines.
    TrackListedTwice {
        track: String,
        first_line: usize,
    },
    /// A credited artist's name is empty.
    EmptyArtistName,
    /// The same artist is credited twice on one track.
    ArtistListedTwice(String),
    /// An alias file names an artist the catalog does not have.
    UnknownArtist(String),
    /// An alias file's `kind` is neither `artist` nor `track`.
    AliasKind(String),
    /// The same alias of the same entry on two lines.
    AliasListedTwice {
        first_line: usize,
    },
    /// The alias itself is refused (empty, too long, another artist's name).
    Alias(super::aliases::AliasError),
    /// A `local_in` entry that is not a server id.
    BadGuild(String),
}

impl ImportReport {
    pub(crate) fn problem(&mut self, line: usize, problem: RowProblem) {
        self.bad_rows += 1;
        if self.problems.len() < LISTED_PROBLEMS {
            self.problems.push((line, problem));
        }
    }

    fn count(&mut self, change: Change) {
        match change {
            Change::Inserted => self.inserted += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
        }
    }
}

/// Accepts `a|b|c` in CSV and `["a","b","c"]` in JSON. A CSV field that looks
/// like a number (an alternative title "2521", one server id) reaches an
/// untagged enum as a number.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum List {
    #[default]
    None,
    Text(String),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Items(Vec<String>),
}

impl List {
    fn is_given(&self) -> bool {
        match self {
            List::None => false,
            List::Text(t) => !t.trim().is_empty(),
            List::Unsigned(_) | List::Signed(_) | List::Float(_) => true,
            List::Items(items) => !items.is_empty(),
        }
    }

    fn into_vec(self) -> Vec<String> {
        let items = match self {
            List::None => Vec::new(),
            List::Text(t) => t.split('|').map(str::to_owned).collect(),
            List::Unsigned(n) => vec![n.to_string()],
            List::Signed(n) => vec![n.to_string()],
            List::Float(n) => vec![n.to_string()],
            List::Items(items) => items,
        };
        items
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }
}

#[derive(Deserialize)]
struct DramaRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    title_ko: Option<String>,
    #[serde(default)]
    alt_titles: List,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    network: Option<String>,
    #[serde(default)]
    genres: List,
    #[serde(default)]
    episodes: Option<i32>,
    #[serde(default)]
    mdl_rating: Option<f64>,
    #[serde(default)]
    mdl_votes: Option<i64>,
    #[serde(default)]
    local_in: List,
}

/// Tracks name their drama by `drama_id` (a slug), or by `drama_title_ko`.
/// `title_en`/`artist_en` (the shared data's columns) are accepted too.
#[derive(Deserialize)]
struct TrackRecord {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    drama_id: Option<String>,
    #[serde(default)]
    drama_title_ko: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    title_en: Option<String>,
    #[serde(default)]
    title_ko: Option<String>,
    #[serde(default)]
    artist: Option<String>,
    #[serde(default)]
    artist_en: Option<String>,
    #[serde(default)]
    artist_ko: Option<String>,
    #[serde(default)]
    ost_part: Option<i32>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    album: Option<String>,
    #[serde(default)]
    links: List,
    #[serde(default)]
    verified: Option<String>,
    /// Servers whose local copy of the entry merges into it (`ostbot
    /// suggestions export` writes it; a server's own import ignores it).
    #[serde(default)]
    local_in: List,
}

#[derive(Deserialize)]
struct JsonCatalog {
    #[serde(default)]
    dramas: Vec<serde_json::Value>,
    #[serde(default)]
    tracks: Vec<serde_json::Value>,
}

/// A checked track row; its drama is resolved when writing.
struct PendingTrack {
    line: usize,
    drama_slug: Option<String>,
    drama_title_ko: Option<String>,
    track: TrackDraft,
    given: TrackGiven,
    local_in: Vec<GuildId>,
}

/// A track of the file as a [`NewTrack`] without its drama, which is found
/// when the rows are written (it may be a drama of the same file).
struct TrackDraft {
    slug: String,
    title: String,
    title_ko: Option<String>,
    artist: Option<String>,
    artist_ko: Option<String>,
    ost_part: Option<i32>,
    year: Option<i32>,
    album: Option<String>,
    links: Vec<String>,
    verified: bool,
}

impl TrackDraft {
    fn of_drama(self, drama_id: DramaId) -> NewTrack {
        NewTrack {
            slug: self.slug,
            drama_id,
            title: self.title,
            title_ko: self.title_ko,
            artist: self.artist,
            artist_ko: self.artist_ko,
            ost_part: self.ost_part,
            year: self.year,
            album: self.album,
            links: self.links,
            verified: self.verified,
        }
    }
}

#[derive(Default)]
struct Parsed {
    dramas: Vec<NewDrama>,
    /// Which fields each drama row had, and whose local copies merge into it, beside it.
    drama_given: Vec<DramaGiven>,
    drama_local_in: Vec<Vec<GuildId>>,
    tracks: Vec<PendingTrack>,
}

/// The fields a drama row has (its title always): a merge takes these from
/// the file and keeps the entry's other fields.
#[derive(Clone, Copy, Debug, Default)]
struct DramaGiven {
    title_ko: bool,
    alt_titles: bool,
    year: bool,
    network: bool,
    genres: bool,
    episodes: bool,
    mdl_rating: bool,
    mdl_votes: bool,
}

impl DramaGiven {
    fn of(r: &DramaRecord) -> Self {
        DramaGiven {
            title_ko: has_text(&r.title_ko),
            alt_titles: r.alt_titles.is_given(),
            year: r.year.is_some(),
            network: has_text(&r.network),
            genres: r.genres.is_given(),
            episodes: r.episodes.is_some(),
            mdl_rating: r.mdl_rating.is_some(),
            mdl_votes: r.mdl_votes.is_some(),
        }
    }
}

/// The fields a track row has (its title and drama always).
#[derive(Clone, Copy, Debug, Default)]
struct TrackGiven {
    title_ko: bool,
    artist: bool,
    artist_ko: bool,
    ost_part: bool,
    year: bool,
    album: bool,
    links: bool,
    verified: bool,
}

impl TrackGiven {
    fn of(r: &TrackRecord) -> Self {
        TrackGiven {
            title_ko: has_text(&r.title_ko),
            artist: has_text(&r.artist) || has_text(&r.artist_en),
            artist_ko: has_text(&r.artist_ko),
            ost_part: r.ost_part.is_some() || has_text(&r.album),
            year: r.year.is_some(),
            album: has_text(&r.album),
            links: r.links.is_given(),
            verified: has_text(&r.verified),
        }
    }
}

fn has_text(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

/// How an import treats entries that already exist.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Replace whole entries (fields the file leaves out are emptied)
    /// instead of merging the file's fields into them.
    pub replace: bool,
    /// Check and compare everything, write nothing.
    pub dry_run: bool,
}

/// One field an import changes (or, in a dry run, would change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The entry's slug.
    pub entry: String,
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// Imports a file's bytes (CSV or JSON, told apart by name or content),
/// merging it into entries that exist.
pub async fn import_bytes<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    added_by: Option<UserId>,
    file_name: &str,
    bytes: &[u8],
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    let options = ImportOptions::default();
    import_with(db, scope, added_by, file_name, bytes, options, progress).await
}

/// [`import_bytes`], replacing whole entries or only trying (`options`).
pub async fn import_with<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    added_by: Option<UserId>,
    file_name: &str,
    bytes: &[u8],
    options: ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::from(ImportError::NotUtf8))?;
    let text = text.trim_start_matches('\u{feff}');
    if scope == Scope::Global && super::credits::is_credits_file(text) {
        return super::credits::import_credits(db, text).await;
    }
    if scope == Scope::Global && super::aliases::is_alias_file(text) {
        return super::aliases::import_aliases(db, text).await;
    }
    let mut report = ImportReport::default();
    let looks_json =
        file_name.to_ascii_lowercase().ends_with(".json") || text.trim_start().starts_with('{');
    let parsed = if looks_json {
        parse_json(text, &mut report)?
    } else {
        parse_csv(text, &mut report)?
    };
    if report.bad_rows > 0 {
        return Err(Error::Import(report));
    }
    let mut db = db.into();
    let report = write(
        db.reborrow(),
        scope,
        added_by,
        parsed,
        report,
        options,
        progress,
    )
    .await?;
    if !options.dry_run && report.inserted + report.updated >= BULK_ENTRIES {
        search::compact_trigrams(db).await?;
    }
    Ok(report)
}

/// Loads the shipped catalog, after rewriting a search index of an earlier layout; cheap
/// when nothing changed. Of several processes starting on one database, one loads it and
/// the others wait for it.
pub async fn load_shipped<'c>(db: impl Into<Handle<'c>>) -> Result<ImportReport> {
    let mut db = db.into();
    let fingerprint = shipped_fingerprint();
    if shipped_is_loaded(db.reborrow(), &fingerprint).await? {
        return Ok(ImportReport::default());
    }
    super::shipped::claim_loading(db.reborrow()).await?;
    let loaded = load_shipped_claimed(db.reborrow(), &fingerprint).await;
    super::shipped::release_loading(db).await?;
    loaded
}

fn shipped_fingerprint() -> String {
    format!(
        "{}:{}:{}",
        fnv(SHIPPED_DRAMAS),
        fnv(SHIPPED_TRACKS),
        fnv(super::aliases::SHIPPED_ALIASES)
    )
}

/// Whether the search index has this binary's layout and the shipped catalog is this one.
async fn shipped_is_loaded<'c>(db: impl Into<Handle<'c>>, fingerprint: &str) -> Result<bool> {
    let mut db = db.into();
    let loaded: Option<String> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT value FROM meta WHERE key = 'shipped_catalog'"
    )
    .fetch_optional(e)
    .await)?;
    Ok(loaded.as_deref() == Some(fingerprint) && super::store::search_is_current(db).await?)
}

async fn load_shipped_claimed<'c>(
    db: impl Into<Handle<'c>>,
    fingerprint: &str,
) -> Result<ImportReport> {
    let mut db = db.into();
    super::store::ensure_search_current(db.reborrow()).await?;
    // Another process may have loaded it while this one waited.
    if shipped_is_loaded(db.reborrow(), fingerprint).await? {
        return Ok(ImportReport::default());
    }
    // Both files in one write: one transaction, and the search index built in one pass.
    let mut report = ImportReport::default();
    let mut parsed = parse_csv(SHIPPED_DRAMAS, &mut report)?;
    parsed.tracks = parse_csv(SHIPPED_TRACKS, &mut report)?.tracks;
    if report.bad_rows > 0 {
        return Err(Error::Import(report));
    }
    let options = ImportOptions::default();
    let none = |_: usize, _: usize| {};
    let mut report = write(
        db.reborrow(),
        Scope::Global,
        None,
        parsed,
        report,
        options,
        &none,
    )
    .await?;
    report.inserted += super::shipped::load_extras(db.reborrow()).await?;
    // Once the extras have rewritten the artists' keys too.
    search::compact_trigrams(db.reborrow()).await?;
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ('shipped_catalog', $1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        )
        .bind(fingerprint)
    )?;
    tracing::info!(
        inserted = report.inserted,
        updated = report.updated,
        "loaded the shipped catalog"
    );
    Ok(report)
}

/// FNV-1a: a stable fingerprint of the shipped files (not for security).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn parse_csv(text: &str, report: &mut ImportReport) -> Result<Parsed> {
    let (headers, lines) = records(text, report)?;
    let has = |name: &str| headers.iter().any(|h| h.trim() == name);
    let is_tracks = has("drama_id") || has("drama_title_ko");
    if !is_tracks && !has("title") {
        return Err(ImportError::UnknownColumns.into());
    }
    let mut parsed = Parsed::default();
    for (line, row) in lines {
        if is_tracks {
            match row.deserialize::<TrackRecord>(Some(&headers)) {
                Ok(r) => accept_track(r, line, &mut parsed, report),
                Err(e) => report.problem(line, describe_csv_error(&e)),
            }
        } else {
            match row.deserialize::<DramaRecord>(Some(&headers)) {
                Ok(r) => accept_drama(r, line, &mut parsed, report),
                Err(e) => report.problem(line, describe_csv_error(&e)),
            }
        }
    }
    Ok(parsed)
}

/// A CSV file's header and the rows after it, each with its line number and its fields trimmed
/// (an empty field is a missing value). A row the reader cannot read is a problem of its line;
/// after anything worse than a row of the wrong length, reading stops. Shared by every file
/// `ostbot import` takes (catalog, credits, aliases), so they report alike.
pub(crate) fn records(
    text: &str,
    report: &mut ImportReport,
) -> Result<(csv::StringRecord, Vec<(usize, csv::StringRecord)>)> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| Error::from(ImportError::NoHeader))?
        .clone();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize + 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map(|p| p.line() as usize).unwrap_or(line);
                rows.push((line, record.iter().map(str::trim).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(line);
                report.problem(line, RowProblem::BadCsv);
                if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                    break;
                }
            }
        }
    }
    Ok((headers, rows))
}

fn describe_csv_error(error: &csv::Error) -> RowProblem {
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => RowProblem::WrongKind {
            column: err
                .field()
                .and_then(|f| usize::try_from(f).ok())
                .map(|f| f + 1),
        },
        _ => RowProblem::Unreadable,
    }
}

fn parse_json(text: &str, report: &mut ImportReport) -> Result<Parsed> {
    let catalog: JsonCatalog = serde_json::from_str(text)
        .map_err(|e| Error::from(ImportError::BadJson { line: e.line() }))?;
    // JSON rows are numbered by their position: dramas first, then tracks.
    let mut parsed = Parsed::default();
    for (i, value) in catalog.dramas.into_iter().enumerate() {
        match serde_json::from_value::<DramaRecord>(value) {
            Ok(r) => accept_drama(r, i + 1, &mut parsed, report),
            Err(_) => report.problem(
                i + 1,
                RowProblem::BadJsonEntry {
                    track: false,
                    index: i + 1,
                },
            ),
        }
    }
    let offset = parsed.dramas.len() + report.bad_rows;
    for (i, value) in catalog.tracks.into_iter().enumerate() {
        match serde_json::from_value::<TrackRecord>(value) {
            Ok(r) => accept_track(r, offset + i + 1, &mut parsed, report),
            Err(_) => report.problem(
                offset + i + 1,
                RowProblem::BadJsonEntry {
                    track: true,
                    index: i + 1,
                },
            ),
        }
    }
    Ok(parsed)
}

fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

fn accept_drama(r: DramaRecord, line: usize, parsed: &mut Parsed, report: &mut ImportReport) {
    let given = DramaGiven::of(&r);
    let local_in = match guilds(r.local_in) {
        Ok(guilds) => guilds,
        Err(reason) => return report.problem(line, reason),
    };
    let title = clean(r.title).or_else(|| clean(r.title_ko.clone()));
    let Some(title) = title else {
        return report.problem(line, RowProblem::NoTitle { track: false });
    };
    let slug = match clean(r.id) {
        Some(id) => match check_slug(&id) {
            Ok(()) => id,
            Err(reason) => return report.problem(line, reason),
        },
        None => slugify(&title, r.year),
    };
    let drama = NewDrama {
        slug,
        title,
        title_ko: clean(r.title_ko),
        alt_titles: r.alt_titles.into_vec(),
        year: r.year,
        network: clean(r.network),
        genres: r.genres.into_vec(),
        episodes: r.episodes,
        mdl_rating: r.mdl_rating,
        mdl_votes: r.mdl_votes,
    };
    match validate_drama(&drama) {
        Ok(()) => {
            parsed.dramas.push(drama);
            parsed.drama_given.push(given);
            parsed.drama_local_in.push(local_in);
        }
        Err(reason) => report.problem(line, reason),
    }
}

/// The rules a drama obeys, whether it comes from a file or from
/// `/catalog add-drama` and `/catalog edit`.
pub fn validate_drama(d: &NewDrama) -> std::result::Result<(), RowProblem> {
    check_common(&d.title, d.year)?;
    if let Some(episodes) = d.episodes.filter(|e| !(1..=2000).contains(e)) {
        return Err(RowProblem::Episodes(episodes));
    }
    if let Some(rating) = d.mdl_rating.filter(|r| !(0.0..=10.0).contains(r)) {
        return Err(RowProblem::Rating(rating));
    }
    Ok(())
}

/// The rules a track obeys, from a file or from `/catalog add-track` and edit.
pub fn validate_track(t: &NewTrack) -> std::result::Result<(), RowProblem> {
    check_track(&t.title, t.year, &t.links, t.ost_part)
}

/// A track's fields by the catalog's rules (a file's row, `/catalog add-track`,
/// a member's suggestion).
pub fn check_track(
    title: &str,
    year: Option<i32>,
    links: &[String],
    ost_part: Option<i32>,
) -> std::result::Result<(), RowProblem> {
    check_common(title, year)?;
    if let Some(bad) = links
        .iter()
        .find(|l| !(l.starts_with("https://") || l.starts_with("http://")) || l.len() > 512)
    {
        return Err(RowProblem::BadLink(bad.clone()));
    }
    if let Some(part) = ost_part.filter(|p| !(0..=100).contains(p)) {
        return Err(RowProblem::OstPart(part));
    }
    Ok(())
}

fn accept_track(r: TrackRecord, line: usize, parsed: &mut Parsed, report: &mut ImportReport) {
    let given = TrackGiven::of(&r);
    let local_in = match guilds(r.local_in) {
        Ok(guilds) => guilds,
        Err(reason) => return report.problem(line, reason),
    };
    let title_ko = clean(r.title_ko);
    let Some(title) = clean(r.title)
        .or(clean(r.title_en))
        .or_else(|| title_ko.clone())
    else {
        return report.problem(line, RowProblem::NoTitle { track: true });
    };
    if let Err(reason) = check_common(&title, r.year) {
        return report.problem(line, reason);
    }
    let drama_slug = clean(r.drama_id);
    let drama_title_ko = clean(r.drama_title_ko);
    if drama_slug.is_none() && drama_title_ko.is_none() {
        return report.problem(line, RowProblem::NoDramaNamed);
    }
    let links = r.links.into_vec();
    let verified = match clean(r.verified)
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("yes" | "true" | "1") => true,
        Some("no" | "false" | "0") => false,
        Some(other) => return report.problem(line, RowProblem::Verified(other.to_owned())),
    };
    let album = clean(r.album);
    let slug = match clean(r.id) {
        Some(id) => match check_slug(&id) {
            Ok(()) => id,
            Err(reason) => return report.problem(line, reason),
        },
        None => {
            let drama = drama_slug
                .clone()
                .or(drama_title_ko.clone())
                .unwrap_or_default();
            format!("{}-{}", slugify(&drama, None), slugify(&title, None))
        }
    };
    let title_ko = title_ko.filter(|ko| *ko != title);
    let artist = clean(r.artist).or(clean(r.artist_en));
    let artist_ko = clean(r.artist_ko).filter(|ko| Some(ko) != artist.as_ref());
    let track = TrackDraft {
        slug,
        title,
        title_ko,
        artist,
        artist_ko,
        ost_part: r
            .ost_part
            .or_else(|| album.as_deref().and_then(ost_part_of)),
        year: r.year,
        album,
        links,
        verified,
    };
    if let Err(reason) = check_track(&track.title, track.year, &track.links, track.ost_part) {
        return report.problem(line, reason);
    }
    parsed.tracks.push(PendingTrack {
        line,
        drama_slug,
        drama_title_ko,
        track,
        given,
        local_in,
    });
}

/// A `local_in` list: server ids.
fn guilds(list: List) -> std::result::Result<Vec<GuildId>, RowProblem> {
    list.into_vec()
        .into_iter()
        .map(|id| id.parse().map_err(|_| RowProblem::BadGuild(id)))
        .collect()
}

fn check_common(title: &str, year: Option<i32>) -> std::result::Result<(), RowProblem> {
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(RowProblem::TitleTooLong {
            max: MAX_TITLE_CHARS,
        });
    }
    if let Some(year) = year.filter(|y| !(1950..=2100).contains(y)) {
        return Err(RowProblem::Year(year));
    }
    Ok(())
}

fn check_slug(slug: &str) -> std::result::Result<(), RowProblem> {
    let ok = slug.len() <= 120
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(RowProblem::BadId(slug.to_owned()))
    }
}

/// A stable id from a title: `Crash Landing on You` → `crash-landing-on-you`.
pub fn slugify(title: &str, year: Option<i32>) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug = slug
        .trim_end_matches('-')
        .chars()
        .take(100)
        .collect::<String>();
    if let Some(year) = year.filter(|_| slug.is_empty()) {
        slug = year.to_string();
    }
    if slug.is_empty() {
        slug.push_str("untitled");
    }
    slug
}

/// The OST part from an album name: "눈물의 여왕 OST, Pt.4" → 4.
pub fn ost_part_of(album: &str) -> Option<i32> {
    let lower = album.to_ascii_lowercase();
    for marker in ["part", "pt"] {
        let mut rest = lower.as_str();
        while let Some(at) = rest.find(marker) {
            let after = &rest[at + marker.len()..];
            let digits: String = after
                .trim_start_matches(['.', ' '])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let word_start = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphabetic();
            if word_start && !digits.is_empty() {
                return digits.parse().ok();
            }
            rest = after;
        }
    }
    None
}

/// Writes the checked rows in one transaction. On SQLite, with statement journals in memory
/// (set back before the connection returns to the pool): on disk they were 930 000 writes to
/// a temporary file for the shipped catalog alone.
async fn write(
    db: Handle<'_>,
    scope: Scope,
    added_by: Option<UserId>,
    parsed: Parsed,
    report: ImportReport,
    options: ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    let mut conn = match db {
        Handle::SqlitePool(pool) => pool.acquire().await?,
        other => {
            return write_rows(other, scope, added_by, parsed, report, options, progress).await
        }
    };
    sqlx::query(BULK_WRITE).execute(&mut *conn).await?;
    let written = write_rows(
        Handle::Sqlite(&mut conn),
        scope,
        added_by,
        parsed,
        report,
        options,
        progress,
    )
    .await;
    sqlx::query(USUAL_WRITE).execute(&mut *conn).await?;
    written
}

async fn write_rows(
    db: Handle<'_>,
    scope: Scope,
    added_by: Option<UserId>,
    parsed: Parsed,
    mut report: ImportReport,
    options: ImportOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ImportReport> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let mut rows = Rows {
        scope,
        added_by,
        options,
        total: parsed.dramas.len() + parsed.tracks.len(),
        done: 0,
        progress,
        drama_ids: HashMap::new(),
        changed_dramas: Vec::new(),
        changed_tracks: Vec::new(),
    };
    let Parsed {
        dramas,
        drama_given,
        drama_local_in,
        tracks,
    } = parsed;
    let dramas: Vec<DramaRow> = dramas
        .into_iter()
        .zip(drama_given)
        .zip(drama_local_in)
        .map(|((drama, given), local_in)| (drama, given, local_in))
        .collect();
    rows.write_dramas(tx.handle(), dramas, &mut report).await?;
    rows.write_tracks(tx.handle(), tracks, &mut report).await?;
    // Dropped rather than committed, the transaction rolls back.
    if report.bad_rows > 0 {
        return Err(Error::Import(report));
    }
    if !options.dry_run {
        // Written entries are reindexed together: a few statements for the whole file.
        store::reindex(tx.handle(), &rows.changed_dramas, &rows.changed_tracks).await?;
        tx.commit().await?;
    }
    Ok(report)
}

/// Entries written from which an import ends by merging the trigram index
/// ([`search::compact_trigrams`]): an operator's catalog. The shipped catalog's first load
/// always ends with it.
const BULK_ENTRIES: usize = 1_000;

/// A drama row of the file: the drama, the fields it has, the servers whose copies merge in.
type DramaRow = (NewDrama, DramaGiven, Vec<GuildId>);

/// New entries waiting to be inserted together, and beside each the servers whose copies
/// merge into it.
struct NewRows<T> {
    entries: Vec<T>,
    local_in: Vec<Vec<GuildId>>,
}

impl<T> Default for NewRows<T> {
    fn default() -> Self {
        NewRows {
            entries: Vec::new(),
            local_in: Vec::new(),
        }
    }
}

impl<T> NewRows<T> {
    fn push(&mut self, entry: T, local_in: Vec<GuildId>) {
        self.entries.push(entry);
        self.local_in.push(local_in);
    }
}

/// Writing a file's rows. An entry that exists is merged and updated row by row; new ones
/// are inserted together ([`store::insert_dramas`]), as are the reads of what exists. A slug
/// that repeats in the file is written as the earlier row left it, as row by row.
struct Rows<'p> {
    scope: Scope,
    added_by: Option<UserId>,
    options: ImportOptions,
    total: usize,
    done: usize,
    progress: &'p (dyn Fn(usize, usize) + Sync),
    /// The file's dramas as written, by slug, for its tracks.
    drama_ids: HashMap<String, DramaId>,
    changed_dramas: Vec<DramaId>,
    changed_tracks: Vec<TrackId>,
}

impl Rows<'_> {
    fn step(&mut self) {
        self.done += 1;
        (self.progress)(self.done, self.total);
    }

    async fn write_dramas(
        &mut self,
        mut db: Handle<'_>,
        dramas: Vec<DramaRow>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let slugs: Vec<&str> = dramas.iter().map(|(d, _, _)| d.slug.as_str()).collect();
        let mut existing = store::dramas_in_scope(db.reborrow(), self.scope, &slugs).await?;
        let mut written: HashSet<String> = HashSet::new();
        let mut new = NewRows::default();
        for (drama, given, local_in) in dramas {
            if written.contains(&drama.slug) {
                self.insert_dramas(db.reborrow(), std::mem::take(&mut new), report)
                    .await?;
                let slug = [drama.slug.as_str()];
                existing.extend(store::dramas_in_scope(db.reborrow(), self.scope, &slug).await?);
            }
            written.insert(drama.slug.clone());
            self.step();
            let Some(old) = existing.remove(&drama.slug) else {
                new.push(drama, local_in);
                continue;
            };
            let drama = if self.options.replace {
                drama
            } else {
                merge_drama(&old, &drama, &given)
            };
            drama_changes(&old, &drama, &mut report.changes);
            let (id, change) = store::write_drama_over(
                db.reborrow(),
                self.scope,
                &drama,
                self.added_by,
                Some(old.id),
            )
            .await?;
            self.drama_written(db.reborrow(), &drama.slug, id, change, &local_in, report)
                .await?;
        }
        self.insert_dramas(db, new, report).await
    }

    async fn insert_dramas(
        &mut self,
        mut db: Handle<'_>,
        new: NewRows<NewDrama>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let ids =
            store::insert_dramas(db.reborrow(), self.scope, &new.entries, self.added_by).await?;
        for ((drama, local_in), id) in new.entries.iter().zip(&new.local_in).zip(ids) {
            self.drama_written(
                db.reborrow(),
                &drama.slug,
                id,
                Change::Inserted,
                local_in,
                report,
            )
            .await?;
        }
        Ok(())
    }

    async fn drama_written(
        &mut self,
        db: Handle<'_>,
        slug: &str,
        id: DramaId,
        change: Change,
        local_in: &[GuildId],
        report: &mut ImportReport,
    ) -> Result<()> {
        if change != Change::Unchanged {
            self.changed_dramas.push(id);
        }
        self.drama_ids.insert(slug.to_owned(), id);
        report.count(change);
        if self.scope == Scope::Global {
            report.merged += merge_drama_copies(db, slug, id, local_in).await?;
        }
        Ok(())
    }

    async fn write_tracks(
        &mut self,
        mut db: Handle<'_>,
        tracks: Vec<PendingTrack>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let dramas = self.dramas_named(db.reborrow(), &tracks).await?;
        let slugs: Vec<&str> = tracks.iter().map(|t| t.track.slug.as_str()).collect();
        let mut existing = store::tracks_in_scope(db.reborrow(), self.scope, &slugs).await?;
        let mut written: HashSet<String> = HashSet::new();
        let mut new = NewRows::default();
        for pending in tracks {
            self.step();
            let Some(drama_id) =
                resolve_drama(db.reborrow(), &dramas, &pending, self.guild()).await?
            else {
                let named = pending
                    .drama_slug
                    .or(pending.drama_title_ko)
                    .unwrap_or_default();
                report.problem(pending.line, RowProblem::UnknownDrama(named));
                continue;
            };
            let track = pending.track.of_drama(drama_id);
            if written.contains(&track.slug) {
                self.insert_tracks(db.reborrow(), std::mem::take(&mut new), report)
                    .await?;
                let slug = [track.slug.as_str()];
                existing.extend(store::tracks_in_scope(db.reborrow(), self.scope, &slug).await?);
            }
            written.insert(track.slug.clone());
            let Some(old) = existing.remove(&track.slug) else {
                new.push(track, pending.local_in);
                continue;
            };
            let track = if self.options.replace {
                track
            } else {
                merge_track(&old, track, &pending.given)
            };
            track_changes(&old, &track, &mut report.changes);
            let (id, change) = store::write_track_over(
                db.reborrow(),
                self.scope,
                &track,
                self.added_by,
                Some(old.id),
            )
            .await?;
            self.track_written(db.reborrow(), &track, id, change, &pending.local_in, report)
                .await?;
        }
        self.insert_tracks(db, new, report).await
    }

    async fn insert_tracks(
        &mut self,
        mut db: Handle<'_>,
        new: NewRows<NewTrack>,
        report: &mut ImportReport,
    ) -> Result<()> {
        let ids =
            store::insert_tracks(db.reborrow(), self.scope, &new.entries, self.added_by).await?;
        for ((track, local_in), id) in new.entries.iter().zip(&new.local_in).zip(ids) {
            self.track_written(db.reborrow(), track, id, Change::Inserted, local_in, report)
                .await?;
        }
        Ok(())
    }

    async fn track_written(
        &mut self,
        db: Handle<'_>,
        track: &NewTrack,
        id: TrackId,
        change: Change,
        local_in: &[GuildId],
        report: &mut ImportReport,
    ) -> Result<()> {
        if change != Change::Unchanged {
            self.changed_tracks.push(id);
        }
        report.count(change);
        if self.scope == Scope::Global {
            let global = (track.drama_id, id);
            report.merged += merge_track_copies(db, &track.slug, global, local_in).await?;
        }
        Ok(())
    }

    fn guild(&self) -> Option<GuildId> {
        match self.scope {
            Scope::Global => None,
            Scope::Guild(g) => Some(g),
        }
    }

    /// The dramas the tracks name by slug, the file's own first, then those the scope sees.
    async fn dramas_named(
        &self,
        db: Handle<'_>,
        tracks: &[PendingTrack],
    ) -> Result<HashMap<String, DramaId>> {
        let mut elsewhere: Vec<&str> = tracks
            .iter()
            .filter_map(|t| t.drama_slug.as_deref())
            .filter(|slug| !self.drama_ids.contains_key(*slug))
            .collect();
        elsewhere.sort_unstable();
        elsewhere.dedup();
        let mut known = store::drama_ids_by_slug(db, &elsewhere, self.guild()).await?;
        known.extend(self.drama_ids.iter().map(|(s, id)| (s.clone(), *id)));
        Ok(known)
    }
}

const BULK_WRITE: &str = "PRAGMA temp_store = MEMORY";
const USUAL_WRITE: &str = "PRAGMA temp_store = DEFAULT";

/// The file's fields over the entry's: what the row has wins, the rest stays.
fn merge_drama(old: &super::Drama, new: &NewDrama, given: &DramaGiven) -> NewDrama {
    let pick = |given: bool, new: &Option<String>, old: &Option<String>| {
        if given {
            new.clone()
        } else {
            old.clone()
        }
    };
    NewDrama {
        slug: new.slug.clone(),
        title: new.title.clone(),
        title_ko: pick(given.title_ko, &new.title_ko, &old.title_ko),
        alt_titles: if given.alt_titles {
            new.alt_titles.clone()
        } else {
            old.alt_titles.clone()
        },
        year: if given.year { new.year } else { old.year },
        network: pick(given.network, &new.network, &old.network),
        genres: if given.genres {
            new.genres.clone()
        } else {
            old.genres.clone()
        },
        episodes: if given.episodes {
            new.episodes
        } else {
            old.episodes
        },
        mdl_rating: if given.mdl_rating {
            new.mdl_rating
        } else {
            old.mdl_rating
        },
        mdl_votes: if given.mdl_votes {
            new.mdl_votes
        } else {
            old.mdl_votes
        },
    }
}

fn merge_track(old: &super::Track, new: NewTrack, given: &TrackGiven) -> NewTrack {
    fn pick<T>(given: bool, new: T, old: &T) -> T
    where
        T: Clone,
    {
        if given {
            new
        } else {
            old.clone()
        }
    }
    NewTrack {
        title_ko: pick(given.title_ko, new.title_ko, &old.title_ko),
        artist: pick(given.artist, new.artist, &old.artist),
        artist_ko: pick(given.artist_ko, new.artist_ko, &old.artist_ko),
        ost_part: pick(given.ost_part, new.ost_part, &old.ost_part),
        year: pick(given.year, new.year, &old.year),
        album: pick(given.album, new.album, &old.album),
        links: pick(given.links, new.links, &old.links),
        verified: pick(given.verified, new.verified, &old.verified),
        ..new
    }
}

/// A field's value as the dry run shows it: text quoted, numbers bare,
/// nothing for an empty field.
fn shown<T: std::fmt::Debug>(value: &Option<T>) -> String {
    value.as_ref().map(|v| format!("{v:?}")).unwrap_or_default()
}

fn list(items: &[String]) -> String {
    items.join(" | ")
}

fn drama_changes(old: &super::Drama, new: &NewDrama, out: &mut Vec<FieldChange>) {
    let fields: [(&'static str, String, String); 9] = [
        (
            "title",
            format!("{:?}", old.title),
            format!("{:?}", new.title),
        ),
        ("title_ko", shown(&old.title_ko), shown(&new.title_ko)),
        ("alt_titles", list(&old.alt_titles), list(&new.alt_titles)),
        ("year", shown(&old.year), shown(&new.year)),
        ("network", shown(&old.network), shown(&new.network)),
        ("genres", list(&old.genres), list(&new.genres)),
        ("episodes", shown(&old.episodes), shown(&new.episodes)),
        ("mdl_rating", shown(&old.mdl_rating), shown(&new.mdl_rating)),
        ("mdl_votes", shown(&old.mdl_votes), shown(&new.mdl_votes)),
    ];
    push_changes(&new.slug, fields, out);
}

fn track_changes(old: &super::Track, new: &NewTrack, out: &mut Vec<FieldChange>) {
    let fields: [(&'static str, String, String); 10] = [
        (
            "title",
            format!("{:?}", old.title),
            format!("{:?}", new.title),
        ),
        ("title_ko", shown(&old.title_ko), shown(&new.title_ko)),
        ("artist", shown(&old.artist), shown(&new.artist)),
        ("artist_ko", shown(&old.artist_ko), shown(&new.artist_ko)),
        ("ost_part", shown(&old.ost_part), shown(&new.ost_part)),
        ("year", shown(&old.year), shown(&new.year)),
        ("album", shown(&old.album), shown(&new.album)),
        ("links", list(&old.links), list(&new.links)),
        (
            "verified",
            old.verified.to_string(),
            new.verified.to_string(),
        ),
        ("drama", old.drama_id.to_string(), new.drama_id.to_string()),
    ];
    push_changes(&new.slug, fields, out);
}

fn push_changes<const N: usize>(
    entry: &str,
    fields: [(&'static str, String, String); N],
    out: &mut Vec<FieldChange>,
) {
    for (field, before, after) in fields {
        if before != after {
            out.push(FieldChange {
                entry: entry.to_owned(),
                field,
                before,
                after,
            });
        }
    }
}

/// Merges the listed servers' local dramas with this slug into the global one.
async fn merge_drama_copies(
    mut db: Handle<'_>,
    slug: &str,
    global: DramaId,
    local_in: &[GuildId],
) -> Result<usize> {
    let mut merged = 0;
    for &guild in local_in {
        if let Some(copy) = store::drama_in_scope(db.reborrow(), Scope::Guild(guild), slug).await? {
            super::merge::drama_into(db.reborrow(), guild, copy.id, global).await?;
            merged += 1;
        }
    }
    Ok(merged)
}

/// Merges the listed servers' local tracks with this slug into the global one.
async fn merge_track_copies(
    mut db: Handle<'_>,
    slug: &str,
    global: (DramaId, TrackId),
    local_in: &[GuildId],
) -> Result<usize> {
    let mut merged = 0;
    for &guild in local_in {
        if let Some(copy) = store::track_in_scope(db.reborrow(), Scope::Guild(guild), slug).await? {
            let local = (copy.drama_id, copy.id);
            super::merge::track_into(db.reborrow(), guild, local, global).await?;
            merged += 1;
        }
    }
    Ok(merged)
}

/// A track row's drama: by slug among `dramas` (those of the file and those its slugs name),
/// else by Korean title.
async fn resolve_drama(
    db: Handle<'_>,
    dramas: &HashMap<String, DramaId>,
    pending: &PendingTrack,
    guild: Option<GuildId>,
) -> Result<Option<DramaId>> {
    if let Some(id) = pending
        .drama_slug
        .as_ref()
        .and_then(|slug| dramas.get(slug))
    {
        return Ok(Some(*id));
    }
    if let Some(title_ko) = &pending.drama_title_ko {
        let found = store::drama_by_korean_title(db, title_ko, pending.track.year, guild).await?;
        return Ok(found.map(|d| d.id));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ost_parts_are_read_from_album_names() {
        assert_eq!(
            ost_part_of("눈물의 여왕 (Original Television Soundtrack), Pt.4 - Single"),
            Some(4)
        );
        assert_eq!(
            ost_part_of("홍천기 (Original Soundtrack) Part.1 - Single"),
            Some(1)
        );
        assert_eq!(
            ost_part_of("SKY 캐슬, Pt. 4 (Original Television Soundtrack)"),
            Some(4)
        );
        assert_eq!(ost_part_of("Departures"), None);
        assert_eq!(
            ost_part_of("사랑의 불시착 (Original Television Soundtrack)"),
            None
        );
    }

    #[test]
    fn slugs_are_stable_and_readable() {
        assert_eq!(
            slugify("Crash Landing on You", None),
            "crash-landing-on-you"
        );
        assert_eq!(
            slugify("  It's Okay, That's Love!", None),
            "it-s-okay-that-s-love"
        );
        assert_eq!(slugify("눈물의 여왕", None), "눈물의-여왕");
        assert_eq!(slugify("!!!", Some(2020)), "2020");
    }

    #[test]
    fn list_fields_that_look_like_numbers_are_text() {
        let csv = "id,title,alt_titles,local_in\ntwenty,Twenty-Five Twenty-One,2521,12\n";
        let mut report = ImportReport::default();
        let parsed = parse_csv(csv, &mut report).expect("parsed");
        assert_eq!(report.bad_rows, 0, "{report:?}");
        assert_eq!(parsed.dramas[0].alt_titles, ["2521"]);
        assert_eq!(parsed.drama_local_in[0], [GuildId::new(12)]);
    }

    #[test]
    fn reports_list_twenty_problems_then_count() {
        let mut report = ImportReport::default();
        for line in 2..32 {
            report.problem(line, RowProblem::Year(1800));
        }
        assert_eq!(report.bad_rows, 30);
        assert_eq!(report.problems.len(), 20);
        assert_eq!(report.problems[19], (21, RowProblem::Year(1800)));
    }
}
