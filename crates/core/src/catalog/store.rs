//! SQL for the `dramas` and `tracks` tables, on either backend ([`Handle`]).
//! Every write also refreshes the search index in the same transaction.

use super::sql;
use super::{search, Drama, DramaId, Kind, Scope, Track, TrackId};
use crate::db::Handle;
use crate::error::Refusal;
use crate::ids::ArtistId;
use crate::ids::{GuildId, UserId};
use crate::timestamp::at;
use crate::{db_execute, on_db, Result};
use sqlx::FromRow;

mod bulk;
pub use bulk::*;

/// A drama as an import or a moderator gives it, before it has an id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewDrama {
    pub slug: String,
    pub title: String,
    pub title_ko: Option<String>,
    pub alt_titles: Vec<String>,
    pub year: Option<i32>,
    pub network: Option<String>,
    pub genres: Vec<String>,
    pub episodes: Option<i32>,
    pub mdl_rating: Option<f64>,
    pub mdl_votes: Option<i64>,
}

/// A track as an import or a moderator gives it; its drama is already known.
#[derive(Clone, Debug, PartialEq)]
pub struct NewTrack {
    pub slug: String,
    pub drama_id: DramaId,
    pub title: String,
    pub title_ko: Option<String>,
    pub artist: Option<String>,
    pub artist_ko: Option<String>,
    pub ost_part: Option<i32>,
    pub year: Option<i32>,
    pub album: Option<String>,
    pub links: Vec<String>,
    pub verified: bool,
}

impl NewTrack {
    /// A track with its slug, drama and title only: every other field empty,
    /// and not verified.
    pub fn new(slug: impl Into<String>, drama_id: DramaId, title: impl Into<String>) -> Self {
        NewTrack {
            slug: slug.into(),
            drama_id,
            title: title.into(),
            title_ko: None,
            artist: None,
            artist_ko: None,
            ost_part: None,
            year: None,
            album: None,
            links: Vec::new(),
            verified: false,
        }
    }
}

/// What an upsert did, so imports can say "changed nothing".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Unchanged,
}

#[derive(FromRow)]
struct DramaRow {
    id: DramaId,
    scope: i64,
    slug: String,
    title: String,
    title_ko: Option<String>,
    alt_titles: String,
    year: Option<i64>,
    network: Option<String>,
    genres: String,
    episodes: Option<i64>,
    mdl_rating: Option<f64>,
    mdl_votes: Option<i64>,
}

impl From<DramaRow> for Drama {
    fn from(r: DramaRow) -> Self {
        Drama {
            id: r.id,
            scope: Scope::from_db(r.scope),
            slug: r.slug,
            title: r.title,
            title_ko: r.title_ko,
            alt_titles: json_list(&r.alt_titles),
            year: small(r.year),
            network: r.network,
            genres: json_list(&r.genres),
            episodes: small(r.episodes),
            mdl_rating: r.mdl_rating,
            mdl_votes: r.mdl_votes,
        }
    }
}

#[derive(FromRow)]
struct TrackRow {
    id: TrackId,
    scope: i64,
    slug: String,
    drama_id: DramaId,
    title: String,
    title_ko: Option<String>,
    artist: Option<String>,
    artist_ko: Option<String>,
    ost_part: Option<i64>,
    year: Option<i64>,
    album: Option<String>,
    release_date: Option<String>,
    links: String,
    verified: bool,
}

impl From<TrackRow> for Track {
    fn from(r: TrackRow) -> Self {
        Track {
            id: r.id,
            scope: Scope::from_db(r.scope),
            slug: r.slug,
            drama_id: r.drama_id,
            title: r.title,
            title_ko: r.title_ko,
            artist: r.artist,
            artist_ko: r.artist_ko,
            ost_part: small(r.ost_part),
            year: small(r.year),
            album: r.album,
            release_date: r.release_date,
            links: json_list(&r.links),
            verified: r.verified,
        }
    }
}

/// A stored number of the model's `i32` fields (PostgreSQL keeps them as
/// BIGINT, which does not decode into `i32`).
fn small(value: Option<i64>) -> Option<i32> {
    value.and_then(|v| i32::try_from(v).ok())
}

/// A track with its drama's MyDramaList votes (its popularity in search).
#[derive(FromRow)]
struct TrackVotesRow {
    #[sqlx(flatten)]
    track: TrackRow,
    mdl_votes: Option<i64>,
}

/// A track with its drama's title.
#[derive(FromRow)]
struct TrackTitledRow {
    #[sqlx(flatten)]
    track: TrackRow,
    drama_title: String,
}

fn json_list(text: &str) -> Vec<String> {
    serde_json::from_str(text).unwrap_or_default()
}

fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

const DRAMA_COLUMNS: &str = "id, scope, slug, title, title_ko, alt_titles, year, network, genres, episodes, mdl_rating, mdl_votes";
const TRACK_COLUMNS: &str = "id, scope, slug, drama_id, title, title_ko, artist, artist_ko, ost_part, year, album, release_date, links, verified";

/// The scope filter: global entries, plus the guild's own when there is one.
fn visible_scopes(guild: Option<GuildId>) -> (i64, i64) {
    (0, guild.map(|g| Scope::Guild(g).to_db()).unwrap_or(0))
}

/// Inserts or updates a drama, and rewrites its and its tracks' search keys when it changed.
#[tracing::instrument(skip_all, fields(slug = %new.slug))]
pub async fn upsert_drama<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
) -> Result<(DramaId, Change)> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let (id, change) = write_drama(tx.handle(), scope, new, added_by).await?;
    if change != Change::Unchanged {
        reindex(tx.handle(), &[id], &[]).await?;
    }
    tx.commit().await?;
    Ok((id, change))
}

/// [`upsert_drama`] without the search keys: the caller reindexes what changed
/// ([`reindex`]), as an import does once for its whole file.
pub async fn write_drama<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
) -> Result<(DramaId, Change)> {
    let mut db = db.into();
    let existed: Option<DramaId> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT id FROM dramas WHERE scope = $1 AND slug = $2"
    )
    .bind(scope.to_db())
    .bind(&new.slug)
    .fetch_optional(e)
    .await)?;
    write_drama_over(db, scope, new, added_by, existed).await
}

/// A drama that exists, changed only where it differs (`RETURNING` nothing
/// when nothing does). An entry that exists is updated rather than inserted
/// over: PostgreSQL spends an identity number on every insert it tries, and
/// new entries then get the numbers SQLite gives them.
const UPDATE_DRAMA: &str = "UPDATE dramas SET title = $2, title_ko = $3, alt_titles = $4, year = $5,
        network = $6, genres = $7, episodes = $8, mdl_rating = $9, mdl_votes = $10
     WHERE id = $1 AND (title, title_ko, alt_titles, year, network, genres, episodes, mdl_rating, mdl_votes)
        IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id";

/// A new drama; one another writer inserted meanwhile is updated as [`UPDATE_DRAMA`] would.
const INSERT_DRAMA: &str = "INSERT INTO dramas (scope, slug, title, title_ko, alt_titles, year, network,
        genres, episodes, mdl_rating, mdl_votes, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (scope, slug) DO UPDATE SET
        title = excluded.title, title_ko = excluded.title_ko, alt_titles = excluded.alt_titles,
        year = excluded.year, network = excluded.network, genres = excluded.genres,
        episodes = excluded.episodes, mdl_rating = excluded.mdl_rating, mdl_votes = excluded.mdl_votes
     WHERE (dramas.title, dramas.title_ko, dramas.alt_titles, dramas.year, dramas.network,
            dramas.genres, dramas.episodes, dramas.mdl_rating, dramas.mdl_votes)
        IS DISTINCT FROM (excluded.title, excluded.title_ko, excluded.alt_titles, excluded.year,
            excluded.network, excluded.genres, excluded.episodes, excluded.mdl_rating, excluded.mdl_votes)
     RETURNING id";

/// [`write_drama`] for a caller that has read the drama of this slug already (`existed`, its
/// id if there is one): an import, one statement fewer per row.
pub async fn write_drama_over<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
    existed: Option<DramaId>,
) -> Result<(DramaId, Change)> {
    let (alt_titles, genres) = (to_json_list(&new.alt_titles), to_json_list(&new.genres));
    // To the end, not `fetch_optional`: see `db::connect`.
    let changed: Vec<DramaId> = match existed {
        Some(id) => on_db!(db, |e| sqlx::query_scalar(UPDATE_DRAMA)
            .bind(id)
            .bind(&new.title)
            .bind(&new.title_ko)
            .bind(&alt_titles)
            .bind(new.year)
            .bind(&new.network)
            .bind(&genres)
            .bind(new.episodes)
            .bind(new.mdl_rating)
            .bind(new.mdl_votes)
            .fetch_all(e)
            .await)?,
        None => on_db!(db, |e| sqlx::query_scalar(INSERT_DRAMA)
            .bind(scope.to_db())
            .bind(&new.slug)
            .bind(&new.title)
            .bind(&new.title_ko)
            .bind(&alt_titles)
            .bind(new.year)
            .bind(&new.network)
            .bind(&genres)
            .bind(new.episodes)
            .bind(new.mdl_rating)
            .bind(new.mdl_votes)
            .bind(added_by)
            .fetch_all(e)
            .await)?,
    };
    match (changed.first(), existed) {
        (Some(&id), _) => {
            let change = if existed.is_some() {
                Change::Updated
            } else {
                Change::Inserted
            };
            Ok((id, change))
        }
        (None, Some(id)) => Ok((id, Change::Unchanged)),
        (None, None) => Err(crate::Error::Internal(
            "drama upsert returned nothing".into(),
        )),
    }
}

/// Inserts or updates a track (giving a new one its source's credits), and rewrites its
/// search keys when it changed.
#[tracing::instrument(skip_all, fields(slug = %new.slug))]
pub async fn upsert_track<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
) -> Result<(TrackId, Change)> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let (id, change) = write_track(tx.handle(), scope, new, added_by).await?;
    if change != Change::Unchanged {
        reindex(tx.handle(), &[], &[id]).await?;
    }
    tx.commit().await?;
    Ok((id, change))
}

/// [`upsert_track`] without the search keys (see [`write_drama`]).
pub async fn write_track<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
) -> Result<(TrackId, Change)> {
    let mut db = db.into();
    let existed: Option<TrackId> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE scope = $1 AND slug = $2"
    )
    .bind(scope.to_db())
    .bind(&new.slug)
    .fetch_optional(e)
    .await)?;
    write_track_over(db, scope, new, added_by, existed).await
}

/// A track that exists, as [`UPDATE_DRAMA`].
const UPDATE_TRACK: &str = "UPDATE tracks SET drama_id = $2, title = $3, title_ko = $4, artist = $5,
        artist_ko = $6, ost_part = $7, year = $8, album = $9, links = $10, verified = $11
     WHERE id = $1 AND (drama_id, title, title_ko, artist, artist_ko, ost_part, year, album, links, verified)
        IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     RETURNING id";

/// A new track, as [`INSERT_DRAMA`].
const INSERT_TRACK: &str = "INSERT INTO tracks (scope, slug, drama_id, title, title_ko, artist, artist_ko,
        ost_part, year, album, links, verified, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (scope, slug) DO UPDATE SET
        drama_id = excluded.drama_id, title = excluded.title, title_ko = excluded.title_ko,
        artist = excluded.artist, artist_ko = excluded.artist_ko, ost_part = excluded.ost_part,
        year = excluded.year, album = excluded.album, links = excluded.links, verified = excluded.verified
     WHERE (tracks.drama_id, tracks.title, tracks.title_ko, tracks.artist, tracks.artist_ko,
            tracks.ost_part, tracks.year, tracks.album, tracks.links, tracks.verified)
        IS DISTINCT FROM (excluded.drama_id, excluded.title, excluded.title_ko, excluded.artist,
            excluded.artist_ko, excluded.ost_part, excluded.year, excluded.album, excluded.links,
            excluded.verified)
     RETURNING id";

/// [`write_track`] for a caller that has read the track of this slug already (see
/// [`write_drama_over`]).
pub async fn write_track_over<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
    existed: Option<TrackId>,
) -> Result<(TrackId, Change)> {
    let mut db = db.into();
    let links = to_json_list(&new.links);
    let changed: Vec<TrackId> = match existed {
        Some(id) => on_db!(db.reborrow(), |e| sqlx::query_scalar(UPDATE_TRACK)
            .bind(id)
            .bind(new.drama_id)
            .bind(&new.title)
            .bind(&new.title_ko)
            .bind(&new.artist)
            .bind(&new.artist_ko)
            .bind(new.ost_part)
            .bind(new.year)
            .bind(&new.album)
            .bind(&links)
            .bind(new.verified)
            .fetch_all(e)
            .await)?,
        None => on_db!(db.reborrow(), |e| sqlx::query_scalar(INSERT_TRACK)
            .bind(scope.to_db())
            .bind(&new.slug)
            .bind(new.drama_id)
            .bind(&new.title)
            .bind(&new.title_ko)
            .bind(&new.artist)
            .bind(&new.artist_ko)
            .bind(new.ost_part)
            .bind(new.year)
            .bind(&new.album)
            .bind(&links)
            .bind(new.verified)
            .bind(added_by)
            .fetch_all(e)
            .await)?,
    };
    match (changed.first(), existed) {
        (Some(&id), _) => {
            let (artist, artist_ko) = (new.artist.as_deref(), new.artist_ko.as_deref());
            if existed.is_some() {
                super::credits::ensure_from_source(db, id, artist, artist_ko).await?;
                Ok((id, Change::Updated))
            } else {
                super::credits::credit_from_source(db, id, artist, artist_ko).await?;
                Ok((id, Change::Inserted))
            }
        }
        (None, Some(id)) => Ok((id, Change::Unchanged)),
        (None, None) => Err(crate::Error::Internal(
            "track upsert returned nothing".into(),
        )),
    }
}

/// Rewrites the search keys of these dramas, of their tracks (a track's popularity is its
/// drama's), of these tracks and of their artists, in a few statements whatever their number;
/// hidden entries stay out of search.
pub async fn reindex<'c>(
    db: impl Into<Handle<'c>>,
    dramas: &[DramaId],
    tracks: &[TrackId],
) -> Result<()> {
    if dramas.is_empty() && tracks.is_empty() {
        return Ok(());
    }
    let mut tx = sql::begin_catalog_write(db).await?;
    // In bounded batches, so that a large import's keys are never all in memory at once.
    let mut artists: Vec<ArtistId> = Vec::new();
    for chunk in dramas.chunks(REINDEX_BATCH) {
        artists.extend(reindex_batch(tx.handle(), chunk, &[]).await?);
    }
    for chunk in tracks.chunks(REINDEX_BATCH) {
        artists.extend(reindex_batch(tx.handle(), &[], chunk).await?);
    }
    reindex_artists(tx.handle(), &artists).await?;
    tx.commit().await?;
    Ok(())
}

/// Rewrites the search keys of these artists (each once, whatever the repeats): their names
/// and aliases, ranked by their most popular track (so after their tracks' keys).
pub(crate) async fn reindex_artists<'c>(db: impl Into<Handle<'c>>, ids: &[ArtistId]) -> Result<()> {
    let mut db = db.into();
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(REINDEX_BATCH) {
        let artists = super::credits::artists_by_ids(db.reborrow(), chunk).await?;
        let bits: Vec<i64> = chunk.iter().map(|a| a.to_i64_bits()).collect();
        let aliases = super::aliases::aliases_of_artists(db.reborrow(), &bits).await?;
        let popularity = search::index::artist_popularity(db.reborrow(), &bits).await?;
        let none = Vec::new();
        let items: Vec<search::ItemKeys> = artists
            .iter()
            .map(|artist| {
                let id = artist.id.to_i64_bits();
                let aliases = aliases.get(&id).unwrap_or(&none);
                let popularity = popularity.get(&id).copied().unwrap_or(0.0);
                search::index::artist_keys(artist, aliases, popularity)
            })
            .collect();
        search::write_keys(db.reborrow(), &items).await?;
    }
    Ok(())
}

/// Meta key of the search index's layout: an index written by an earlier layout is
/// rewritten whole at start-up ([`ensure_search_current`]).
const SEARCH_INDEX_KEY: &str = "search_index";
/// 2: artists' names are keys of the artists (migration 0024), not of each of their tracks.
const SEARCH_INDEX_LAYOUT: &str = "2";

/// Rewrites every entry's search keys when the index was written by an earlier layout; cheap
/// otherwise.
pub async fn ensure_search_current<'c>(db: impl Into<Handle<'c>>) -> Result<()> {
    let mut db = db.into();
    if search_is_current(db.reborrow()).await? {
        return Ok(());
    }
    let mut tx = sql::begin_catalog_write(db).await?;
    let dramas: Vec<DramaId> = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "SELECT id FROM dramas ORDER BY id"
    )
    .fetch_all(e)
    .await)?;
    if !dramas.is_empty() {
        tracing::info!(dramas = dramas.len(), "rewriting the search index");
    }
    reindex(tx.handle(), &dramas, &[]).await?;
    db_execute!(
        tx.handle(),
        sqlx::query(
            "INSERT INTO meta (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(SEARCH_INDEX_KEY)
        .bind(SEARCH_INDEX_LAYOUT)
    )?;
    tx.commit().await?;
    Ok(())
}

/// Rewrites one track's search keys (after its credits, aliases or drama changed).
pub(crate) async fn reindex_track<'c>(db: impl Into<Handle<'c>>, id: TrackId) -> Result<()> {
    reindex(db, &[], &[id]).await
}

/// Entries reindexed together by [`reindex`].
const REINDEX_BATCH: usize = 2_000;

/// The track columns of `TRACK_COLUMNS` read from the table aliased `t`.
fn track_columns_of_t() -> String {
    TRACK_COLUMNS
        .split(", ")
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn json_ids(ids: impl Iterator<Item = i64>) -> String {
    serde_json::to_string(&ids.collect::<Vec<_>>()).unwrap_or_else(|_| "[]".to_owned())
}

/// Reindexes these dramas and tracks; returns the artists credited to the tracks.
async fn reindex_batch<'c>(
    db: impl Into<Handle<'c>>,
    dramas: &[DramaId],
    tracks: &[TrackId],
) -> Result<Vec<ArtistId>> {
    let mut db = db.into();
    let backend = db.backend();
    let drama_ids = json_ids(dramas.iter().map(|d| d.to_i64_bits()));
    let track_ids = json_ids(tracks.iter().map(|t| t.to_i64_bits()));
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas
         WHERE id IN ({})
           AND NOT EXISTS (SELECT 1 FROM catalog_hidden h WHERE h.kind = 0 AND h.item_id = dramas.id)
         ORDER BY id",
        sql::json_ints(backend, 1)
    );
    let drama_rows: Vec<DramaRow> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(&drama_ids)
        .fetch_all(e)
        .await)?;
    let sql = format!(
        "SELECT {}, d.mdl_votes FROM tracks t LEFT JOIN dramas d ON d.id = t.drama_id
         WHERE t.id IN ({} UNION SELECT id FROM tracks WHERE drama_id IN ({}))
           AND NOT EXISTS (SELECT 1 FROM catalog_hidden h WHERE h.kind = 1 AND h.item_id = t.id)
         ORDER BY t.id",
        track_columns_of_t(),
        sql::json_ints(backend, 1),
        sql::json_ints(backend, 2)
    );
    let rows: Vec<TrackVotesRow> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(&track_ids)
        .bind(&drama_ids)
        .fetch_all(e)
        .await)?;
    let track_rows: Vec<(Track, Option<i64>)> = rows
        .into_iter()
        .map(|r| (Track::from(r.track), r.mdl_votes))
        .collect();
    let ids: Vec<TrackId> = track_rows.iter().map(|(t, _)| t.id).collect();
    let credits = super::credits::credits_of(db.reborrow(), &ids).await?;
    let none = Vec::new();
    let credited: Vec<(TrackId, i64, &[super::credits::Artist])> = track_rows
        .iter()
        .map(|(t, _)| {
            let artists = credits.get(&t.id).unwrap_or(&none);
            (t.id, t.scope.to_db(), artists.as_slice())
        })
        .collect();
    let scoped: Vec<(TrackId, i64)> = credited.iter().map(|(t, s, _)| (*t, *s)).collect();
    let aliases = super::aliases::alias_keys_of_tracks(db.reborrow(), &scoped).await?;
    let mut items: Vec<search::ItemKeys> = drama_rows
        .into_iter()
        .map(|row| search::drama_keys(&Drama::from(row)))
        .collect();
    for (((track, votes), (_, _, artists)), aliases) in
        track_rows.iter().zip(&credited).zip(&aliases)
    {
        items.push(search::track_keys(track, *votes, artists, aliases));
    }
    search::write_keys(db, &items).await?;
    Ok(credited
        .iter()
        .flat_map(|(_, _, artists)| artists.iter().map(|a| a.id))
        .collect())
}

async fn drama_in<'c>(db: impl Into<Handle<'c>>, id: DramaId) -> Result<Option<Drama>> {
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE id = $1");
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

async fn track_in<'c>(db: impl Into<Handle<'c>>, id: TrackId) -> Result<Option<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE id = $1");
    let row: Option<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Track::from))
}

pub(super) async fn tracks_in<'c>(db: impl Into<Handle<'c>>, drama: DramaId) -> Result<Vec<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE drama_id = $1 ORDER BY id");
    let rows: Vec<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql).bind(drama).fetch_all(e).await)?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// A drama visible in `guild` (global, or local to that guild).
#[tracing::instrument(skip(db))]
pub async fn get_drama<'c>(
    db: impl Into<Handle<'c>>,
    id: DramaId,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE id = $1 AND scope IN ($2, $3)");
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .bind(global)
        .bind(local)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

/// A track visible in `guild`.
#[tracing::instrument(skip(db))]
pub async fn get_track<'c>(
    db: impl Into<Handle<'c>>,
    id: TrackId,
    guild: Option<GuildId>,
) -> Result<Option<Track>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE id = $1 AND scope IN ($2, $3)");
    let row: Option<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .bind(global)
        .bind(local)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Track::from))
}

/// A drama's tracks visible in `guild`, in OST order.
#[tracing::instrument(skip(db))]
pub async fn tracks_of<'c>(
    db: impl Into<Handle<'c>>,
    drama: DramaId,
    guild: Option<GuildId>,
) -> Result<Vec<Track>> {
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM tracks WHERE drama_id = $1 AND scope IN ($2, $3)
         ORDER BY ost_part IS NULL, ost_part, title{}, id",
        sql::by_code_point(db.backend())
    );
    let rows: Vec<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(drama)
        .bind(global)
        .bind(local)
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// Looks a drama up by its slug, the guild's own first, then the global one.
pub async fn drama_by_slug<'c>(
    db: impl Into<Handle<'c>>,
    slug: &str,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE slug = $1 AND scope IN ($2, $3) ORDER BY scope DESC LIMIT 1"
    );
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(slug)
        .bind(global)
        .bind(local)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

/// Looks a drama up by its exact Hangul title (and year when given), for
/// import rows that name their drama that way.
pub async fn drama_by_korean_title<'c>(
    db: impl Into<Handle<'c>>,
    title_ko: &str,
    year: Option<i32>,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE title_ko = $1 AND scope IN ($2, $3)
         ORDER BY (year IS NOT DISTINCT FROM $4) DESC, scope DESC, id LIMIT 1"
    );
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(title_ko)
        .bind(global)
        .bind(local)
        .bind(year)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

/// Whether the search index has this binary's layout.
pub async fn search_is_current<'c>(db: impl Into<Handle<'c>>) -> Result<bool> {
    let layout: Option<String> = on_db!(db, |e| sqlx::query_scalar(
        "SELECT value FROM meta WHERE key = $1"
    )
    .bind(SEARCH_INDEX_KEY)
    .fetch_optional(e)
    .await)?;
    Ok(layout.as_deref() == Some(SEARCH_INDEX_LAYOUT))
}

/// Removes a server-local entry. Global entries can never be removed this
/// way: the scope must be the guild's own. Returns whether a row went away.
#[tracing::instrument(skip(db))]
pub async fn remove_local<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    kind: Kind,
    id: i64,
) -> Result<bool> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let removed = delete_local_in(tx.handle(), guild, kind, id).await?;
    tx.commit().await?;
    Ok(removed)
}

/// Deletes a server-local entry (a drama with its tracks), out of search and
/// of the hidden marks, inside the caller's transaction.
pub(super) async fn delete_local_in<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    kind: Kind,
    id: i64,
) -> Result<bool> {
    let mut db = db.into();
    let scope = Scope::Guild(guild).to_db();
    let removed = match kind {
        Kind::Drama => {
            let track_ids: Vec<i64> = on_db!(db.reborrow(), |e| sqlx::query_scalar(
                "SELECT id FROM tracks WHERE drama_id = $1 ORDER BY id"
            )
            .bind(id)
            .fetch_all(e)
            .await)?;
            let gone = db_execute!(
                db.reborrow(),
                sqlx::query("DELETE FROM dramas WHERE id = $1 AND scope = $2")
                    .bind(id)
                    .bind(scope)
            )? > 0;
            if gone {
                for track in track_ids {
                    search::unindex(db.reborrow(), Kind::Track, track).await?;
                }
            }
            gone
        }
        Kind::Track => {
            db_execute!(
                db.reborrow(),
                sqlx::query("DELETE FROM tracks WHERE id = $1 AND scope = $2")
                    .bind(id)
                    .bind(scope)
            )? > 0
        }
    };
    if removed {
        search::unindex(db.reborrow(), kind, id).await?;
        // Its tracks went with a drama (by cascade); hidden marks go too.
        db_execute!(
            db,
            sqlx::query(
                "DELETE FROM catalog_hidden
                 WHERE (kind = $1 AND item_id = $2)
                    OR ($1 = 0 AND kind = 1 AND item_id NOT IN (SELECT id FROM tracks))",
            )
            .bind(hidden_kind(kind))
            .bind(id)
        )?;
    }
    Ok(removed)
}

/// `catalog_hidden.kind`: 0 drama, 1 track.
fn hidden_kind(kind: Kind) -> i64 {
    match kind {
        Kind::Drama => 0,
        Kind::Track => 1,
    }
}

/// How many dramas and tracks exist globally (for start-up and `/help`).
pub async fn counts<'c>(db: impl Into<Handle<'c>>) -> Result<(i64, i64)> {
    Ok(on_db!(db, |e| {
        sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM dramas WHERE scope = 0), (SELECT COUNT(*) FROM tracks WHERE scope = 0)"
    )
    .fetch_one(e)
    .await
    })?)
}

/// Several dramas at once (autocomplete labels), visible in `guild`.
pub async fn dramas_by_ids<'c>(
    db: impl Into<Handle<'c>>,
    ids: &[DramaId],
    guild: Option<GuildId>,
) -> Result<Vec<Drama>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let ids = json_ids(ids.iter().map(|d| d.to_i64_bits()));
    // `+scope`: read the ids by primary key; through the (scope, slug)
    // index SQLite would walk every entry of the scope.
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE id IN ({}) AND +scope IN ($2, $3)",
        sql::json_ints(db.backend(), 1)
    );
    let rows: Vec<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(&ids)
        .bind(global)
        .bind(local)
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// Several tracks at once, each with its drama's title.
pub async fn tracks_by_ids<'c>(
    db: impl Into<Handle<'c>>,
    ids: &[TrackId],
    guild: Option<GuildId>,
) -> Result<Vec<(Track, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let ids = json_ids(ids.iter().map(|t| t.to_i64_bits()));
    // `+scope`: read the ids by primary key; through the (scope, slug)
    // index SQLite would walk every entry of the scope.
    let sql = format!(
        "SELECT {}, d.title AS drama_title FROM tracks t JOIN dramas d ON d.id = t.drama_id
         WHERE t.id IN ({}) AND +t.scope IN ($2, $3)",
        track_columns_of_t(),
        sql::json_ints(db.backend(), 1)
    );
    let rows: Vec<TrackTitledRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(&ids)
        .bind(global)
        .bind(local)
        .fetch_all(e)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| (Track::from(r.track), r.drama_title))
        .collect())
}

/// A server's own dramas whose title or Korean title holds `typed` (all of
/// them for an empty `typed`), by title.
#[tracing::instrument(skip(db))]
pub async fn own_dramas_matching<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    typed: &str,
    limit: i64,
) -> Result<Vec<Drama>> {
    let db = db.into();
    let b = db.backend();
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope = $1
           AND ({} OR {})
         ORDER BY title{}, id LIMIT $3",
        sql::holds(b, "title", "$2"),
        sql::holds(b, "COALESCE(title_ko, '')", "$2"),
        sql::by_code_point(b)
    );
    let rows: Vec<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(Scope::Guild(guild).to_db())
        .bind(typed)
        .bind(limit)
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// A server's own tracks whose title, Korean title or artist holds `typed`,
/// by title.
#[tracing::instrument(skip(db))]
pub async fn own_tracks_matching<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    typed: &str,
    limit: i64,
) -> Result<Vec<Track>> {
    let db = db.into();
    let b = db.backend();
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM tracks WHERE scope = $1
           AND ({} OR {} OR {})
         ORDER BY title{}, id LIMIT $3",
        sql::holds(b, "title", "$2"),
        sql::holds(b, "COALESCE(title_ko, '')", "$2"),
        sql::holds(b, "COALESCE(artist, '')", "$2"),
        sql::by_code_point(b)
    );
    let rows: Vec<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(Scope::Guild(guild).to_db())
        .bind(typed)
        .bind(limit)
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// The drama with this slug in exactly this scope.
pub async fn drama_in_scope<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    slug: &str,
) -> Result<Option<Drama>> {
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope = $1 AND slug = $2");
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(scope.to_db())
        .bind(slug)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

/// The track with this slug in exactly this scope.
pub async fn track_in_scope<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    slug: &str,
) -> Result<Option<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE scope = $1 AND slug = $2");
    let row: Option<TrackRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(scope.to_db())
        .bind(slug)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Track::from))
}

/// An entry that breaks the catalog's rules, as `/catalog` reports it.
fn invalid(problem: super::import::RowProblem) -> crate::Error {
    crate::Error::BadEntry(problem)
}

/// `/catalog add-drama`: a new server-local drama, checked by the import's
/// rules, in one transaction. An entry that exists is refused, never
/// overwritten (`/catalog edit` changes it).
#[tracing::instrument(skip_all, fields(slug = %new.slug))]
pub async fn add_drama<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    new: &NewDrama,
    added_by: UserId,
) -> Result<DramaId> {
    super::import::validate_drama(new).map_err(invalid)?;
    let scope = Scope::Guild(guild);
    let mut tx = sql::begin_catalog_write(db).await?;
    if let Some(existing) = drama_in_scope(tx.handle(), scope, &new.slug).await? {
        return Err(crate::Error::Refused(Refusal::DramaExists {
            title: existing.title,
        }));
    }
    let (id, _) = upsert_drama(tx.handle(), scope, new, Some(added_by)).await?;
    tx.commit().await?;
    Ok(id)
}

/// `/catalog add-track`, as [`add_drama`].
#[tracing::instrument(skip_all, fields(slug = %new.slug))]
pub async fn add_track<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    new: &NewTrack,
    added_by: UserId,
) -> Result<TrackId> {
    super::import::validate_track(new).map_err(invalid)?;
    let scope = Scope::Guild(guild);
    let mut tx = sql::begin_catalog_write(db).await?;
    if let Some(existing) = track_in_scope(tx.handle(), scope, &new.slug).await? {
        let drama = drama_in(tx.handle(), existing.drama_id)
            .await?
            .map(|d| d.title)
            .unwrap_or_default();
        return Err(crate::Error::Refused(Refusal::TrackExists {
            title: existing.title,
            drama,
        }));
    }
    let (id, _) = upsert_track(tx.handle(), scope, new, Some(added_by)).await?;
    tx.commit().await?;
    Ok(id)
}

/// The fields `/catalog edit` was given; `None` keeps the entry's value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    pub title: Option<String>,
    pub title_ko: Option<String>,
    pub year: Option<i32>,
    pub network: Option<String>,
    pub alt_titles: Option<Vec<String>>,
    pub artist: Option<String>,
    pub artist_ko: Option<String>,
    pub ost_part: Option<i32>,
    pub links: Option<Vec<String>>,
}

impl Edit {
    pub fn is_empty(&self) -> bool {
        *self == Edit::default()
    }
}

/// `/catalog edit` of a drama of this server: only the given fields change
/// (its slug, the entry's stable id, never does). One transaction.
#[tracing::instrument(skip(db, edit))]
pub async fn edit_drama<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: DramaId,
    edit: &Edit,
) -> Result<Drama> {
    if edit.is_empty() {
        return Err(crate::Error::Refused(Refusal::NothingToEdit));
    }
    let mut tx = sql::begin_catalog_write(db).await?;
    let old = drama_in(tx.handle(), id)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    if old.scope != Scope::Guild(guild) {
        return Err(crate::Error::Refused(Refusal::SharedEntry));
    }
    let new = NewDrama {
        slug: old.slug.clone(),
        title: edit.title.clone().unwrap_or(old.title),
        title_ko: edit.title_ko.clone().or(old.title_ko),
        alt_titles: edit.alt_titles.clone().unwrap_or(old.alt_titles),
        year: edit.year.or(old.year),
        network: edit.network.clone().or(old.network),
        genres: old.genres,
        episodes: old.episodes,
        mdl_rating: old.mdl_rating,
        mdl_votes: old.mdl_votes,
    };
    super::import::validate_drama(&new).map_err(invalid)?;
    upsert_drama(tx.handle(), old.scope, &new, None).await?;
    let drama = drama_in(tx.handle(), id)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    tx.commit().await?;
    Ok(drama)
}

/// `/catalog edit` of a track of this server, as [`edit_drama`].
#[tracing::instrument(skip(db, edit))]
pub async fn edit_track<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: TrackId,
    edit: &Edit,
) -> Result<Track> {
    if edit.is_empty() {
        return Err(crate::Error::Refused(Refusal::NothingToEdit));
    }
    let mut tx = sql::begin_catalog_write(db).await?;
    let old = track_in(tx.handle(), id)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    if old.scope != Scope::Guild(guild) {
        return Err(crate::Error::Refused(Refusal::SharedEntry));
    }
    let new = NewTrack {
        slug: old.slug.clone(),
        drama_id: old.drama_id,
        title: edit.title.clone().unwrap_or(old.title),
        title_ko: edit.title_ko.clone().or(old.title_ko),
        artist: edit.artist.clone().or(old.artist),
        artist_ko: edit.artist_ko.clone().or(old.artist_ko),
        ost_part: edit.ost_part.or(old.ost_part),
        year: edit.year.or(old.year),
        album: old.album,
        links: edit.links.clone().unwrap_or(old.links),
        verified: old.verified,
    };
    super::import::validate_track(&new).map_err(invalid)?;
    upsert_track(tx.handle(), old.scope, &new, None).await?;
    if edit.artist.is_some() || edit.artist_ko.is_some() {
        // The singers given replace the credits that cards show and search finds.
        let artists =
            super::credits::source_artists(new.artist.as_deref(), new.artist_ko.as_deref());
        super::credits::set_credits(tx.handle(), id, &artists).await?;
        reindex(tx.handle(), &[], &[id]).await?;
    }
    let track = track_in(tx.handle(), id)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    tx.commit().await?;
    Ok(track)
}

/// Members' data that hangs on a catalog entry: what removing it would take.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attached {
    pub reviews: u64,
    /// Poll options (past and open polls) that name the entry's tracks.
    pub poll_options: u64,
    pub nominations: u64,
}

impl Attached {
    pub fn is_empty(&self) -> bool {
        *self == Attached::default()
    }
}

/// What hangs on a drama (with its tracks) or a track.
#[tracing::instrument(skip(db))]
pub async fn attached<'c>(db: impl Into<Handle<'c>>, kind: Kind, id: i64) -> Result<Attached> {
    let tracks = match kind {
        Kind::Drama => "SELECT id FROM tracks WHERE drama_id = $1",
        Kind::Track => "SELECT CAST($1 AS BIGINT)",
    };
    let reviews = match kind {
        Kind::Drama => "SELECT COUNT(*) FROM reviews WHERE drama_id = $1",
        Kind::Track => "SELECT COUNT(*) FROM reviews WHERE track_key = $1",
    };
    let sql = format!(
        "SELECT ({reviews}),
                (SELECT COUNT(*) FROM poll_options WHERE track_id IN ({tracks})),
                (SELECT COUNT(*) FROM nominations WHERE track_id IN ({tracks}))"
    );
    let (reviews, options, nominations): (i64, i64, i64) =
        on_db!(db, |e| sqlx::query_as(&sql).bind(id).fetch_one(e).await)?;
    let n = |v: i64| v.max(0) as u64;
    Ok(Attached {
        reviews: n(reviews),
        poll_options: n(options),
        nominations: n(nominations),
    })
}

/// Hides a server-local entry: out of search and autocomplete (a drama with
/// its tracks), while members' reviews of it stay. Returns whether the entry
/// is this server's own.
#[tracing::instrument(skip(db))]
pub async fn hide_local<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    kind: Kind,
    id: i64,
    by: UserId,
) -> Result<bool> {
    let scope = Scope::Guild(guild).to_db();
    let mut tx = sql::begin_catalog_write(db).await?;
    let table = match kind {
        Kind::Drama => "SELECT COUNT(*) FROM dramas WHERE id = $1 AND scope = $2",
        Kind::Track => "SELECT COUNT(*) FROM tracks WHERE id = $1 AND scope = $2",
    };
    let own: i64 = on_db!(tx.handle(), |e| sqlx::query_scalar(table)
        .bind(id)
        .bind(scope)
        .fetch_one(e)
        .await)?;
    if own == 0 {
        return Ok(false);
    }
    let mut items = vec![(kind, id)];
    if kind == Kind::Drama {
        let tracks: Vec<i64> = on_db!(tx.handle(), |e| sqlx::query_scalar(
            "SELECT id FROM tracks WHERE drama_id = $1 ORDER BY id"
        )
        .bind(id)
        .fetch_all(e)
        .await)?;
        items.extend(tracks.into_iter().map(|t| (Kind::Track, t)));
    }
    let now = at(chrono::Utc::now());
    for (kind, item) in items {
        db_execute!(
            tx.handle(),
            sqlx::query(
                "INSERT INTO catalog_hidden (kind, item_id, guild_id, hidden_by, hidden_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (kind, item_id) DO NOTHING",
            )
            .bind(hidden_kind(kind))
            .bind(item)
            .bind(scope)
            .bind(by)
            .bind(now)
        )?;
        search::unindex(tx.handle(), kind, item).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// A track as a MusicBrainz fetch compares it: the entry and its MusicBrainz ids.
#[derive(Clone, Debug)]
pub struct TrackWithMbids {
    pub track: Track,
    pub mb_recording: Option<String>,
    pub mb_release: Option<String>,
}

#[derive(FromRow)]
struct TrackMbRow {
    #[sqlx(flatten)]
    track: TrackRow,
    mb_recording: Option<String>,
    mb_release: Option<String>,
}

/// The tracks visible in `guild` that a fetch may match: the drama's, and any holding one of
/// the `recordings` (MusicBrainz ids).
pub async fn tracks_for_fetch<'c>(
    db: impl Into<Handle<'c>>,
    drama: Option<DramaId>,
    recordings: &[String],
    guild: Option<GuildId>,
) -> Result<Vec<TrackWithMbids>> {
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {TRACK_COLUMNS}, mb_recording, mb_release FROM tracks
         WHERE scope IN ($1, $2)
           AND (drama_id = $3 OR mb_recording IN ({}))
         ORDER BY scope DESC, id",
        sql::json_texts(db.backend(), 4)
    );
    let recordings = serde_json::to_string(recordings).unwrap_or_else(|_| "[]".into());
    let rows: Vec<TrackMbRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .bind(drama)
        .bind(&recordings)
        .fetch_all(e)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| TrackWithMbids {
            track: r.track.into(),
            mb_recording: r.mb_recording,
            mb_release: r.mb_release,
        })
        .collect())
}

/// The drama a fetch of these release groups updates: the one that holds one of them (its
/// own, or one of its tracks'), the guild's own first.
pub async fn drama_of_release_groups<'c>(
    db: impl Into<Handle<'c>>,
    groups: &[String],
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let groups_in = sql::json_texts(db.backend(), 3);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas
         WHERE scope IN ($1, $2) AND (mb_release_group IN ({groups_in})
            OR id IN (SELECT drama_id FROM tracks WHERE scope IN ($1, $2)
                      AND mb_release_group IN ({groups_in})))
         ORDER BY scope DESC, id LIMIT 1"
    );
    let groups = serde_json::to_string(groups).unwrap_or_else(|_| "[]".into());
    let row: Option<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .bind(&groups)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Drama::from))
}

/// Every drama visible in `guild`, the guild's own first (a fetch compares their titles).
pub async fn visible_dramas<'c>(
    db: impl Into<Handle<'c>>,
    guild: Option<GuildId>,
) -> Result<Vec<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope IN ($1, $2) ORDER BY scope DESC, id"
    );
    let rows: Vec<DramaRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// Stores the release group a drama was first fetched from (kept once set).
pub async fn set_drama_release_group<'c>(
    db: impl Into<Handle<'c>>,
    drama: DramaId,
    group: &str,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE dramas SET mb_release_group = $1 WHERE id = $2 AND mb_release_group IS NULL
             AND NOT EXISTS (SELECT 1 FROM dramas d WHERE d.mb_release_group = $1
                             AND d.scope = (SELECT scope FROM dramas WHERE id = $2))",
        )
        .bind(group)
        .bind(drama)
    )?;
    Ok(())
}

/// What a MusicBrainz fetch gives a track: its ids, and the part, album and release date it
/// lacks (what the catalog has already is kept).
#[derive(Clone, Debug, Default)]
pub struct FetchedFields<'a> {
    pub recording: &'a str,
    pub release: &'a str,
    pub release_group: &'a str,
    pub release_date: Option<&'a str>,
    pub ost_part: Option<i32>,
    pub album: Option<&'a str>,
}

pub async fn set_fetched_fields<'c>(
    db: impl Into<Handle<'c>>,
    track: TrackId,
    fields: &FetchedFields<'_>,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE tracks SET mb_recording = $1, mb_release = $2, mb_release_group = $3,
                release_date = COALESCE(release_date, $4), ost_part = COALESCE(ost_part, $5),
                album = COALESCE(album, $6)
             WHERE id = $7",
        )
        .bind(fields.recording)
        .bind(fields.release)
        .bind(fields.release_group)
        .bind(fields.release_date)
        .bind(fields.ost_part.map(i64::from))
        .bind(fields.album)
        .bind(track)
    )?;
    Ok(())
}

/// A drama's slug (new tracks' slugs start with it).
pub async fn drama_slug<'c>(db: impl Into<Handle<'c>>, drama: DramaId) -> Result<String> {
    let slug: Option<String> = on_db!(db, |e| sqlx::query_scalar(
        "SELECT slug FROM dramas WHERE id = $1"
    )
    .bind(drama)
    .fetch_optional(e)
    .await)?;
    slug.ok_or(crate::Error::EntryGone)
}

/// The track of `scope` that holds this MusicBrainz recording id.
pub async fn track_by_recording<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    recording: &str,
) -> Result<Option<TrackId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE scope = $1 AND mb_recording = $2"
    )
    .bind(scope.to_db())
    .bind(recording)
    .fetch_optional(e)
    .await)?)
}
