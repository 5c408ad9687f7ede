//! SQL for the `dramas` and `tracks` tables. Every write also refreshes the
//! search index in the same transaction.

use super::{search, Drama, DramaId, Kind, Scope, Track, TrackId};
use crate::error::Refusal;
use crate::ids::ArtistId;
use crate::ids::{GuildId, UserId};
use crate::Result;
use sqlx::{FromRow, SqliteConnection, SqlitePool};

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
    year: Option<i32>,
    network: Option<String>,
    genres: String,
    episodes: Option<i32>,
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
            year: r.year,
            network: r.network,
            genres: json_list(&r.genres),
            episodes: r.episodes,
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
    ost_part: Option<i32>,
    year: Option<i32>,
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
            ost_part: r.ost_part,
            year: r.year,
            album: r.album,
            release_date: r.release_date,
            links: json_list(&r.links),
            verified: r.verified,
        }
    }
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
pub async fn upsert_drama(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
) -> Result<(DramaId, Change)> {
    let (id, change) = write_drama(conn, scope, new, added_by).await?;
    if change != Change::Unchanged {
        reindex(conn, &[id], &[]).await?;
    }
    Ok((id, change))
}

/// [`upsert_drama`] without the search keys: the caller reindexes what changed
/// ([`reindex`]), as an import does once for its whole file.
pub async fn write_drama(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
) -> Result<(DramaId, Change)> {
    let existed: Option<DramaId> =
        sqlx::query_scalar("SELECT id FROM dramas WHERE scope = ? AND slug = ?")
            .bind(scope.to_db())
            .bind(&new.slug)
            .fetch_optional(&mut *conn)
            .await?;
    write_drama_over(conn, scope, new, added_by, existed).await
}

/// [`write_drama`] for a caller that has read the drama of this slug already (`existed`, its
/// id if there is one): an import, one statement fewer per row.
pub async fn write_drama_over(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewDrama,
    added_by: Option<UserId>,
    existed: Option<DramaId>,
) -> Result<(DramaId, Change)> {
    let changed: Option<DramaId> = sqlx::query_scalar(
        "INSERT INTO dramas (scope, slug, title, title_ko, alt_titles, year, network, genres, episodes, mdl_rating, mdl_votes, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, slug) DO UPDATE SET
            title = excluded.title, title_ko = excluded.title_ko, alt_titles = excluded.alt_titles,
            year = excluded.year, network = excluded.network, genres = excluded.genres,
            episodes = excluded.episodes, mdl_rating = excluded.mdl_rating, mdl_votes = excluded.mdl_votes
         WHERE (title, title_ko, alt_titles, year, network, genres, episodes, mdl_rating, mdl_votes)
            IS NOT (excluded.title, excluded.title_ko, excluded.alt_titles, excluded.year, excluded.network,
                    excluded.genres, excluded.episodes, excluded.mdl_rating, excluded.mdl_votes)
         RETURNING id",
    )
    .bind(scope.to_db())
    .bind(&new.slug)
    .bind(&new.title)
    .bind(&new.title_ko)
    .bind(to_json_list(&new.alt_titles))
    .bind(new.year)
    .bind(&new.network)
    .bind(to_json_list(&new.genres))
    .bind(new.episodes)
    .bind(new.mdl_rating)
    .bind(new.mdl_votes)
    .bind(added_by)
    .fetch_optional(&mut *conn)
    .await?;

    match (changed, existed) {
        (Some(id), _) => {
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
pub async fn upsert_track(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
) -> Result<(TrackId, Change)> {
    let (id, change) = write_track(conn, scope, new, added_by).await?;
    if change != Change::Unchanged {
        reindex(conn, &[], &[id]).await?;
    }
    Ok((id, change))
}

/// [`upsert_track`] without the search keys (see [`write_drama`]).
pub async fn write_track(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
) -> Result<(TrackId, Change)> {
    let existed: Option<TrackId> =
        sqlx::query_scalar("SELECT id FROM tracks WHERE scope = ? AND slug = ?")
            .bind(scope.to_db())
            .bind(&new.slug)
            .fetch_optional(&mut *conn)
            .await?;
    write_track_over(conn, scope, new, added_by, existed).await
}

/// [`write_track`] for a caller that has read the track of this slug already (see
/// [`write_drama_over`]).
pub async fn write_track_over(
    conn: &mut SqliteConnection,
    scope: Scope,
    new: &NewTrack,
    added_by: Option<UserId>,
    existed: Option<TrackId>,
) -> Result<(TrackId, Change)> {
    let changed: Option<TrackId> = sqlx::query_scalar(
        "INSERT INTO tracks (scope, slug, drama_id, title, title_ko, artist, artist_ko, ost_part, year, album, links, verified, added_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (scope, slug) DO UPDATE SET
            drama_id = excluded.drama_id, title = excluded.title, title_ko = excluded.title_ko,
            artist = excluded.artist, artist_ko = excluded.artist_ko, ost_part = excluded.ost_part,
            year = excluded.year, album = excluded.album, links = excluded.links, verified = excluded.verified
         WHERE (drama_id, title, title_ko, artist, artist_ko, ost_part, year, album, links, verified)
            IS NOT (excluded.drama_id, excluded.title, excluded.title_ko, excluded.artist, excluded.artist_ko,
                    excluded.ost_part, excluded.year, excluded.album, excluded.links, excluded.verified)
         RETURNING id",
    )
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
    .bind(to_json_list(&new.links))
    .bind(new.verified)
    .bind(added_by)
    .fetch_optional(&mut *conn)
    .await?;

    match (changed, existed) {
        (Some(id), _) => {
            let (artist, artist_ko) = (new.artist.as_deref(), new.artist_ko.as_deref());
            if existed.is_some() {
                super::credits::ensure_from_source(conn, id, artist, artist_ko).await?;
                Ok((id, Change::Updated))
            } else {
                super::credits::credit_from_source(conn, id, artist, artist_ko).await?;
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
pub async fn reindex(
    conn: &mut SqliteConnection,
    dramas: &[DramaId],
    tracks: &[TrackId],
) -> Result<()> {
    // In bounded batches, so that a large import's keys are never all in memory at once.
    let mut artists: Vec<ArtistId> = Vec::new();
    for chunk in dramas.chunks(REINDEX_BATCH) {
        artists.extend(reindex_batch(conn, chunk, &[]).await?);
    }
    for chunk in tracks.chunks(REINDEX_BATCH) {
        artists.extend(reindex_batch(conn, &[], chunk).await?);
    }
    reindex_artists(conn, &artists).await
}

/// Rewrites the search keys of these artists (each once, whatever the repeats): their names
/// and aliases, ranked by their most popular track (so after their tracks' keys).
pub(crate) async fn reindex_artists(conn: &mut SqliteConnection, ids: &[ArtistId]) -> Result<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    for chunk in ids.chunks(REINDEX_BATCH) {
        let artists = super::credits::artists_by_ids(&mut *conn, chunk).await?;
        let bits: Vec<i64> = chunk.iter().map(|a| a.to_i64_bits()).collect();
        let aliases = super::aliases::aliases_of_artists(&mut *conn, &bits).await?;
        let popularity = search::index::artist_popularity(&mut *conn, &bits).await?;
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
        search::write_keys(conn, &items).await?;
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
pub async fn ensure_search_current(pool: &SqlitePool) -> Result<()> {
    if search_is_current(pool).await? {
        return Ok(());
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let dramas: Vec<DramaId> = sqlx::query_scalar("SELECT id FROM dramas ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    if !dramas.is_empty() {
        tracing::info!(dramas = dramas.len(), "rewriting the search index");
    }
    reindex(&mut tx, &dramas, &[]).await?;
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(SEARCH_INDEX_KEY)
    .bind(SEARCH_INDEX_LAYOUT)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Rewrites one track's search keys (after its credits, aliases or drama changed).
pub(crate) async fn reindex_track(conn: &mut SqliteConnection, id: TrackId) -> Result<()> {
    reindex(conn, &[], &[id]).await
}

/// Entries reindexed together by [`reindex`].
const REINDEX_BATCH: usize = 2_000;

/// Reindexes these dramas and tracks; returns the artists credited to the tracks.
async fn reindex_batch(
    conn: &mut SqliteConnection,
    dramas: &[DramaId],
    tracks: &[TrackId],
) -> Result<Vec<ArtistId>> {
    let json = |ids: Vec<i64>| serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned());
    let drama_ids = json(dramas.iter().map(|d| d.to_i64_bits()).collect());
    let track_ids = json(tracks.iter().map(|t| t.to_i64_bits()).collect());
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas
         WHERE id IN (SELECT value FROM json_each(?))
           AND NOT EXISTS (SELECT 1 FROM catalog_hidden h WHERE h.kind = 0 AND h.item_id = dramas.id)
         ORDER BY id"
    );
    let drama_rows: Vec<DramaRow> = sqlx::query_as(&sql)
        .bind(&drama_ids)
        .fetch_all(&mut *conn)
        .await?;
    let columns = TRACK_COLUMNS
        .split(", ")
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {columns}, d.mdl_votes FROM tracks t LEFT JOIN dramas d ON d.id = t.drama_id
         WHERE t.id IN (SELECT value FROM json_each(?1)
                        UNION SELECT id FROM tracks WHERE drama_id IN (SELECT value FROM json_each(?2)))
           AND NOT EXISTS (SELECT 1 FROM catalog_hidden h WHERE h.kind = 1 AND h.item_id = t.id)
         ORDER BY t.id"
    );
    let rows = sqlx::query(&sql)
        .bind(&track_ids)
        .bind(&drama_ids)
        .fetch_all(&mut *conn)
        .await?;
    let mut track_rows: Vec<(Track, Option<i64>)> = Vec::with_capacity(rows.len());
    for row in rows {
        use sqlx::Row;
        let votes: Option<i64> = row.try_get("mdl_votes")?;
        track_rows.push((Track::from(TrackRow::from_row(&row)?), votes));
    }
    let ids: Vec<TrackId> = track_rows.iter().map(|(t, _)| t.id).collect();
    let credits = super::credits::credits_of(&mut *conn, &ids).await?;
    let none = Vec::new();
    let credited: Vec<(TrackId, i64, &[super::credits::Artist])> = track_rows
        .iter()
        .map(|(t, _)| {
            let artists = credits.get(&t.id).unwrap_or(&none);
            (t.id, t.scope.to_db(), artists.as_slice())
        })
        .collect();
    let scoped: Vec<(TrackId, i64)> = credited.iter().map(|(t, s, _)| (*t, *s)).collect();
    let aliases = super::aliases::alias_keys_of_tracks(conn, &scoped).await?;
    let mut items: Vec<search::ItemKeys> = drama_rows
        .into_iter()
        .map(|row| search::drama_keys(&Drama::from(row)))
        .collect();
    for (((track, votes), (_, _, artists)), aliases) in
        track_rows.iter().zip(&credited).zip(&aliases)
    {
        items.push(search::track_keys(track, *votes, artists, aliases));
    }
    search::write_keys(conn, &items).await?;
    Ok(credited
        .iter()
        .flat_map(|(_, _, artists)| artists.iter().map(|a| a.id))
        .collect())
}

async fn drama_in(conn: &mut SqliteConnection, id: DramaId) -> Result<Option<Drama>> {
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE id = ?");
    let row: Option<DramaRow> = sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?;
    Ok(row.map(Drama::from))
}

async fn track_in(conn: &mut SqliteConnection, id: TrackId) -> Result<Option<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE id = ?");
    let row: Option<TrackRow> = sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?;
    Ok(row.map(Track::from))
}

pub(super) async fn tracks_in(conn: &mut SqliteConnection, drama: DramaId) -> Result<Vec<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE drama_id = ?");
    let rows: Vec<TrackRow> = sqlx::query_as(&sql).bind(drama).fetch_all(conn).await?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// A drama visible in `guild` (global, or local to that guild).
#[tracing::instrument(skip(pool))]
pub async fn get_drama(
    pool: &SqlitePool,
    id: DramaId,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE id = ? AND scope IN (?, ?)");
    let row: Option<DramaRow> = sqlx::query_as(&sql)
        .bind(id)
        .bind(global)
        .bind(local)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Drama::from))
}

/// A track visible in `guild`.
#[tracing::instrument(skip(pool))]
pub async fn get_track(
    pool: &SqlitePool,
    id: TrackId,
    guild: Option<GuildId>,
) -> Result<Option<Track>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE id = ? AND scope IN (?, ?)");
    let row: Option<TrackRow> = sqlx::query_as(&sql)
        .bind(id)
        .bind(global)
        .bind(local)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(Track::from))
}

/// A drama's tracks visible in `guild`, in OST order.
#[tracing::instrument(skip(pool))]
pub async fn tracks_of(
    pool: &SqlitePool,
    drama: DramaId,
    guild: Option<GuildId>,
) -> Result<Vec<Track>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM tracks WHERE drama_id = ? AND scope IN (?, ?)
         ORDER BY ost_part IS NULL, ost_part, title"
    );
    let rows: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(drama)
        .bind(global)
        .bind(local)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// Looks a drama up by its slug, the guild's own first, then the global one.
pub async fn drama_by_slug(
    conn: &mut SqliteConnection,
    slug: &str,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE slug = ? AND scope IN (?, ?) ORDER BY scope DESC LIMIT 1"
    );
    let row: Option<DramaRow> = sqlx::query_as(&sql)
        .bind(slug)
        .bind(global)
        .bind(local)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Drama::from))
}

/// Looks a drama up by its exact Hangul title (and year when given), for
/// import rows that name their drama that way.
pub async fn drama_by_korean_title(
    conn: &mut SqliteConnection,
    title_ko: &str,
    year: Option<i32>,
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE title_ko = ? AND scope IN (?, ?)
         ORDER BY (year IS ?) DESC, scope DESC LIMIT 1"
    );
    let row: Option<DramaRow> = sqlx::query_as(&sql)
        .bind(title_ko)
        .bind(global)
        .bind(local)
        .bind(year)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Drama::from))
}

/// Whether the search index has this binary's layout.
pub async fn search_is_current(pool: &SqlitePool) -> Result<bool> {
    let layout: Option<String> = sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
        .bind(SEARCH_INDEX_KEY)
        .fetch_optional(pool)
        .await?;
    Ok(layout.as_deref() == Some(SEARCH_INDEX_LAYOUT))
}

/// Removes a server-local entry. Global entries can never be removed this
/// way: the scope must be the guild's own. Returns whether a row went away.
#[tracing::instrument(skip(pool))]
pub async fn remove_local(pool: &SqlitePool, guild: GuildId, kind: Kind, id: i64) -> Result<bool> {
    let mut tx = pool.begin().await?;
    let removed = delete_local_in(&mut tx, guild, kind, id).await?;
    tx.commit().await?;
    Ok(removed)
}

/// Deletes a server-local entry (a drama with its tracks), out of search and
/// of the hidden marks, inside the caller's transaction.
pub(super) async fn delete_local_in(
    conn: &mut SqliteConnection,
    guild: GuildId,
    kind: Kind,
    id: i64,
) -> Result<bool> {
    let scope = Scope::Guild(guild).to_db();
    let removed = match kind {
        Kind::Drama => {
            let track_ids: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM tracks WHERE drama_id = ?")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            let gone = sqlx::query("DELETE FROM dramas WHERE id = ? AND scope = ?")
                .bind(id)
                .bind(scope)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                > 0;
            if gone {
                for track in track_ids {
                    search::unindex(conn, Kind::Track, track).await?;
                }
            }
            gone
        }
        Kind::Track => {
            sqlx::query("DELETE FROM tracks WHERE id = ? AND scope = ?")
                .bind(id)
                .bind(scope)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                > 0
        }
    };
    if removed {
        search::unindex(conn, kind, id).await?;
        // Its tracks went with a drama (by cascade); hidden marks go too.
        sqlx::query(
            "DELETE FROM catalog_hidden
             WHERE (kind = ?1 AND item_id = ?2)
                OR (?1 = 0 AND kind = 1 AND item_id NOT IN (SELECT id FROM tracks))",
        )
        .bind(hidden_kind(kind))
        .bind(id)
        .execute(&mut *conn)
        .await?;
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
pub async fn counts(pool: &SqlitePool) -> Result<(i64, i64)> {
    let dramas: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM dramas WHERE scope = 0")
        .fetch_one(pool)
        .await?;
    let tracks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM tracks WHERE scope = 0")
        .fetch_one(pool)
        .await?;
    Ok((dramas, tracks))
}

/// Several dramas at once (autocomplete labels), visible in `guild`.
pub async fn dramas_by_ids(
    pool: &SqlitePool,
    ids: &[DramaId],
    guild: Option<GuildId>,
) -> Result<Vec<Drama>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (global, local) = visible_scopes(guild);
    let ids = serde_json::to_string(&ids.iter().map(|d| d.to_i64_bits()).collect::<Vec<_>>())
        .unwrap_or_default();
    // `+scope`: read the ids by primary key; through the (scope, slug)
    // index SQLite would walk every entry of the scope.
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE id IN (SELECT value FROM json_each(?)) AND +scope IN (?, ?)"
    );
    let rows: Vec<DramaRow> = sqlx::query_as(&sql)
        .bind(ids)
        .bind(global)
        .bind(local)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// Several tracks at once, each with its drama's title.
pub async fn tracks_by_ids(
    pool: &SqlitePool,
    ids: &[TrackId],
    guild: Option<GuildId>,
) -> Result<Vec<(Track, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let (global, local) = visible_scopes(guild);
    let ids = serde_json::to_string(&ids.iter().map(|t| t.to_i64_bits()).collect::<Vec<_>>())
        .unwrap_or_default();
    let columns = TRACK_COLUMNS
        .split(", ")
        .map(|c| format!("t.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    // `+scope`: read the ids by primary key; through the (scope, slug)
    // index SQLite would walk every entry of the scope.
    let sql = format!(
        "SELECT {columns}, d.title AS drama_title FROM tracks t JOIN dramas d ON d.id = t.drama_id
         WHERE t.id IN (SELECT value FROM json_each(?)) AND +t.scope IN (?, ?)"
    );
    let rows = sqlx::query(&sql)
        .bind(ids)
        .bind(global)
        .bind(local)
        .fetch_all(pool)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        use sqlx::Row;
        let drama: String = row.try_get("drama_title")?;
        out.push((Track::from(TrackRow::from_row(&row)?), drama));
    }
    Ok(out)
}

/// A server's own dramas whose title or Korean title holds `typed` (all of
/// them for an empty `typed`), by title.
#[tracing::instrument(skip(pool))]
pub async fn own_dramas_matching(
    pool: &SqlitePool,
    guild: GuildId,
    typed: &str,
    limit: i64,
) -> Result<Vec<Drama>> {
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope = ?1
           AND (instr(lower(title), lower(?2)) > 0 OR instr(lower(IFNULL(title_ko, '')), lower(?2)) > 0)
         ORDER BY title, id LIMIT ?3"
    );
    let rows: Vec<DramaRow> = sqlx::query_as(&sql)
        .bind(Scope::Guild(guild).to_db())
        .bind(typed)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// A server's own tracks whose title, Korean title or artist holds `typed`,
/// by title.
#[tracing::instrument(skip(pool))]
pub async fn own_tracks_matching(
    pool: &SqlitePool,
    guild: GuildId,
    typed: &str,
    limit: i64,
) -> Result<Vec<Track>> {
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM tracks WHERE scope = ?1
           AND (instr(lower(title), lower(?2)) > 0 OR instr(lower(IFNULL(title_ko, '')), lower(?2)) > 0
                OR instr(lower(IFNULL(artist, '')), lower(?2)) > 0)
         ORDER BY title, id LIMIT ?3"
    );
    let rows: Vec<TrackRow> = sqlx::query_as(&sql)
        .bind(Scope::Guild(guild).to_db())
        .bind(typed)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Track::from).collect())
}

/// The drama with this slug in exactly this scope.
pub async fn drama_in_scope(
    conn: &mut SqliteConnection,
    scope: Scope,
    slug: &str,
) -> Result<Option<Drama>> {
    let sql = format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope = ? AND slug = ?");
    let row: Option<DramaRow> = sqlx::query_as(&sql)
        .bind(scope.to_db())
        .bind(slug)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Drama::from))
}

/// The track with this slug in exactly this scope.
pub async fn track_in_scope(
    conn: &mut SqliteConnection,
    scope: Scope,
    slug: &str,
) -> Result<Option<Track>> {
    let sql = format!("SELECT {TRACK_COLUMNS} FROM tracks WHERE scope = ? AND slug = ?");
    let row: Option<TrackRow> = sqlx::query_as(&sql)
        .bind(scope.to_db())
        .bind(slug)
        .fetch_optional(conn)
        .await?;
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
pub async fn add_drama(
    pool: &SqlitePool,
    guild: GuildId,
    new: &NewDrama,
    added_by: UserId,
) -> Result<DramaId> {
    super::import::validate_drama(new).map_err(invalid)?;
    let scope = Scope::Guild(guild);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(existing) = drama_in_scope(&mut tx, scope, &new.slug).await? {
        return Err(crate::Error::Refused(Refusal::DramaExists {
            title: existing.title,
        }));
    }
    let (id, _) = upsert_drama(&mut tx, scope, new, Some(added_by)).await?;
    tx.commit().await?;
    Ok(id)
}

/// `/catalog add-track`, as [`add_drama`].
#[tracing::instrument(skip_all, fields(slug = %new.slug))]
pub async fn add_track(
    pool: &SqlitePool,
    guild: GuildId,
    new: &NewTrack,
    added_by: UserId,
) -> Result<TrackId> {
    super::import::validate_track(new).map_err(invalid)?;
    let scope = Scope::Guild(guild);
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(existing) = track_in_scope(&mut tx, scope, &new.slug).await? {
        let drama = drama_in(&mut tx, existing.drama_id)
            .await?
            .map(|d| d.title)
            .unwrap_or_default();
        return Err(crate::Error::Refused(Refusal::TrackExists {
            title: existing.title,
            drama,
        }));
    }
    let (id, _) = upsert_track(&mut tx, scope, new, Some(added_by)).await?;
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
#[tracing::instrument(skip(pool, edit))]
pub async fn edit_drama(
    pool: &SqlitePool,
    guild: GuildId,
    id: DramaId,
    edit: &Edit,
) -> Result<Drama> {
    if edit.is_empty() {
        return Err(crate::Error::Refused(Refusal::NothingToEdit));
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let old = drama_in(&mut tx, id)
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
    upsert_drama(&mut tx, old.scope, &new, None).await?;
    let drama = drama_in(&mut tx, id)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    tx.commit().await?;
    Ok(drama)
}

/// `/catalog edit` of a track of this server, as [`edit_drama`].
#[tracing::instrument(skip(pool, edit))]
pub async fn edit_track(
    pool: &SqlitePool,
    guild: GuildId,
    id: TrackId,
    edit: &Edit,
) -> Result<Track> {
    if edit.is_empty() {
        return Err(crate::Error::Refused(Refusal::NothingToEdit));
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let old = track_in(&mut tx, id)
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
    upsert_track(&mut tx, old.scope, &new, None).await?;
    if edit.artist.is_some() || edit.artist_ko.is_some() {
        // The singers given replace the credits that cards show and search finds.
        let artists =
            super::credits::source_artists(new.artist.as_deref(), new.artist_ko.as_deref());
        super::credits::set_credits(&mut tx, id, &artists).await?;
        reindex(&mut tx, &[], &[id]).await?;
    }
    let track = track_in(&mut tx, id)
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
#[tracing::instrument(skip(pool))]
pub async fn attached(pool: &SqlitePool, kind: Kind, id: i64) -> Result<Attached> {
    let tracks = match kind {
        Kind::Drama => "SELECT id FROM tracks WHERE drama_id = ?1",
        Kind::Track => "SELECT ?1",
    };
    let reviews = match kind {
        Kind::Drama => "SELECT COUNT(*) FROM reviews WHERE drama_id = ?1",
        Kind::Track => "SELECT COUNT(*) FROM reviews WHERE track_key = ?1",
    };
    let sql = format!(
        "SELECT ({reviews}),
                (SELECT COUNT(*) FROM poll_options WHERE track_id IN ({tracks})),
                (SELECT COUNT(*) FROM nominations WHERE track_id IN ({tracks}))"
    );
    let (reviews, options, nominations): (i64, i64, i64) =
        sqlx::query_as(&sql).bind(id).fetch_one(pool).await?;
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
#[tracing::instrument(skip(pool))]
pub async fn hide_local(
    pool: &SqlitePool,
    guild: GuildId,
    kind: Kind,
    id: i64,
    by: UserId,
) -> Result<bool> {
    let scope = Scope::Guild(guild).to_db();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let table = match kind {
        Kind::Drama => "SELECT COUNT(*) FROM dramas WHERE id = ? AND scope = ?",
        Kind::Track => "SELECT COUNT(*) FROM tracks WHERE id = ? AND scope = ?",
    };
    let own: i64 = sqlx::query_scalar(table)
        .bind(id)
        .bind(scope)
        .fetch_one(&mut *tx)
        .await?;
    if own == 0 {
        return Ok(false);
    }
    let mut items = vec![(kind, id)];
    if kind == Kind::Drama {
        let tracks: Vec<i64> = sqlx::query_scalar("SELECT id FROM tracks WHERE drama_id = ?")
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
        items.extend(tracks.into_iter().map(|t| (Kind::Track, t)));
    }
    for (kind, item) in items {
        sqlx::query(
            "INSERT INTO catalog_hidden (kind, item_id, guild_id, hidden_by, hidden_at)
             VALUES (?, ?, ?, ?, CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER))
             ON CONFLICT (kind, item_id) DO NOTHING",
        )
        .bind(hidden_kind(kind))
        .bind(item)
        .bind(scope)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        search::unindex(&mut tx, kind, item).await?;
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
pub async fn tracks_for_fetch(
    conn: &mut SqliteConnection,
    drama: Option<DramaId>,
    recordings: &[String],
    guild: Option<GuildId>,
) -> Result<Vec<TrackWithMbids>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {TRACK_COLUMNS}, mb_recording, mb_release FROM tracks
         WHERE scope IN (?1, ?2)
           AND (drama_id = ?3 OR mb_recording IN (SELECT value FROM json_each(?4)))
         ORDER BY scope DESC, id"
    );
    let rows: Vec<TrackMbRow> = sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .bind(drama)
        .bind(serde_json::to_string(recordings).unwrap_or_else(|_| "[]".into()))
        .fetch_all(conn)
        .await?;
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
pub async fn drama_of_release_groups(
    conn: &mut SqliteConnection,
    groups: &[String],
    guild: Option<GuildId>,
) -> Result<Option<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas
         WHERE scope IN (?1, ?2) AND (mb_release_group IN (SELECT value FROM json_each(?3))
            OR id IN (SELECT drama_id FROM tracks WHERE scope IN (?1, ?2)
                      AND mb_release_group IN (SELECT value FROM json_each(?3))))
         ORDER BY scope DESC, id LIMIT 1"
    );
    let row: Option<DramaRow> = sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .bind(serde_json::to_string(groups).unwrap_or_else(|_| "[]".into()))
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Drama::from))
}

/// Every drama visible in `guild`, the guild's own first (a fetch compares their titles).
pub async fn visible_dramas(
    conn: &mut SqliteConnection,
    guild: Option<GuildId>,
) -> Result<Vec<Drama>> {
    let (global, local) = visible_scopes(guild);
    let sql =
        format!("SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope IN (?, ?) ORDER BY scope DESC, id");
    let rows: Vec<DramaRow> = sqlx::query_as(&sql)
        .bind(global)
        .bind(local)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(Drama::from).collect())
}

/// Stores the release group a drama was first fetched from (kept once set).
pub async fn set_drama_release_group(
    conn: &mut SqliteConnection,
    drama: DramaId,
    group: &str,
) -> Result<()> {
    sqlx::query(
        "UPDATE dramas SET mb_release_group = ?1 WHERE id = ?2 AND mb_release_group IS NULL
         AND NOT EXISTS (SELECT 1 FROM dramas d WHERE d.mb_release_group = ?1
                         AND d.scope = (SELECT scope FROM dramas WHERE id = ?2))",
    )
    .bind(group)
    .bind(drama)
    .execute(conn)
    .await?;
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

pub async fn set_fetched_fields(
    conn: &mut SqliteConnection,
    track: TrackId,
    fields: &FetchedFields<'_>,
) -> Result<()> {
    sqlx::query(
        "UPDATE tracks SET mb_recording = ?, mb_release = ?, mb_release_group = ?,
            release_date = COALESCE(release_date, ?), ost_part = COALESCE(ost_part, ?),
            album = COALESCE(album, ?)
         WHERE id = ?",
    )
    .bind(fields.recording)
    .bind(fields.release)
    .bind(fields.release_group)
    .bind(fields.release_date)
    .bind(fields.ost_part)
    .bind(fields.album)
    .bind(track)
    .execute(conn)
    .await?;
    Ok(())
}

/// A drama's slug (new tracks' slugs start with it).
pub async fn drama_slug(conn: &mut SqliteConnection, drama: DramaId) -> Result<String> {
    sqlx::query_scalar("SELECT slug FROM dramas WHERE id = ?")
        .bind(drama)
        .fetch_optional(conn)
        .await?
        .ok_or(crate::Error::EntryGone)
}

/// The track of `scope` that holds this MusicBrainz recording id.
pub async fn track_by_recording(
    conn: &mut SqliteConnection,
    scope: Scope,
    recording: &str,
) -> Result<Option<TrackId>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM tracks WHERE scope = ? AND mb_recording = ?")
            .bind(scope.to_db())
            .bind(recording)
            .fetch_optional(conn)
            .await?,
    )
}
