//! Reading and inserting many catalog entries in a few statements: an import's rows, the
//! bench's generated catalog. Each statement is a round trip to SQLite's worker thread (or to
//! the PostgreSQL server), and one per row was most of a first start's time.

use super::{to_json_list, visible_scopes};
use super::{DramaRow, NewDrama, NewTrack, Scope, TrackRow, DRAMA_COLUMNS, TRACK_COLUMNS};
use crate::catalog::{credits, sql, Drama, DramaId, Track, TrackId};
use crate::db::Handle;
use crate::ids::{GuildId, UserId};
use crate::{on_db, Error, Result};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;
use std::collections::HashMap;

/// Slugs looked up per statement (one JSON array each).
const SLUGS_PER_STATEMENT: usize = 5_000;
/// Rows per multi-row `INSERT`: at most 13 values each, well under SQLite's 32 766 variables
/// and PostgreSQL's 65 535 parameters.
const ROWS_PER_INSERT: usize = 1_000;

/// The dramas of these slugs in exactly this scope, by slug.
pub async fn dramas_in_scope<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    slugs: &[&str],
) -> Result<HashMap<String, Drama>> {
    let db = db.into();
    let sql = format!(
        "SELECT {DRAMA_COLUMNS} FROM dramas WHERE scope = $1 AND slug IN ({})",
        sql::json_texts(db.backend(), 2)
    );
    let rows: Vec<DramaRow> = by_slugs(db, &sql, &[scope.to_db()], slugs).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.slug.clone(), Drama::from(r)))
        .collect())
}

/// The tracks of these slugs in exactly this scope, by slug.
pub async fn tracks_in_scope<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    slugs: &[&str],
) -> Result<HashMap<String, Track>> {
    let db = db.into();
    let sql = format!(
        "SELECT {TRACK_COLUMNS} FROM tracks WHERE scope = $1 AND slug IN ({})",
        sql::json_texts(db.backend(), 2)
    );
    let rows: Vec<TrackRow> = by_slugs(db, &sql, &[scope.to_db()], slugs).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.slug.clone(), Track::from(r)))
        .collect())
}

/// The ids of the dramas of these slugs that `guild` sees (its own before a global one of
/// the same slug), as [`drama_by_slug`](super::drama_by_slug) finds each.
pub async fn drama_ids_by_slug<'c>(
    db: impl Into<Handle<'c>>,
    slugs: &[&str],
    guild: Option<GuildId>,
) -> Result<HashMap<String, DramaId>> {
    let db = db.into();
    let (global, local) = visible_scopes(guild);
    let sql = format!(
        "SELECT slug, id FROM dramas WHERE scope IN ($1, $2) AND slug IN ({}) ORDER BY scope",
        sql::json_texts(db.backend(), 3)
    );
    let rows: Vec<(String, DramaId)> = by_slugs(db, &sql, &[global, local], slugs).await?;
    // In scope order, so a server's own overwrites the global one.
    Ok(rows.into_iter().collect())
}

/// The rows of `sql`, whose parameters are `ints` and then a JSON array of slugs, for all of
/// `slugs` (so many per statement).
async fn by_slugs<R>(mut db: Handle<'_>, sql: &str, ints: &[i64], slugs: &[&str]) -> Result<Vec<R>>
where
    R: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
{
    let mut found = Vec::new();
    for chunk in slugs.chunks(SLUGS_PER_STATEMENT) {
        let chunk = serde_json::to_string(chunk).unwrap_or_default();
        let rows: Vec<R> = on_db!(db.reborrow(), |e| {
            let query = ints.iter().fold(sqlx::query_as(sql), |q, n| q.bind(*n));
            query.bind(&chunk).fetch_all(e).await
        })?;
        found.extend(rows);
    }
    Ok(found)
}

/// Inserts these new dramas (distinct slugs, none of them stored in `scope`) in a few
/// statements; their ids, in order.
pub async fn insert_dramas<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    dramas: &[NewDrama],
    added_by: Option<UserId>,
) -> Result<Vec<DramaId>> {
    let mut db = db.into();
    let mut ids: HashMap<String, DramaId> = HashMap::with_capacity(dramas.len());
    for chunk in dramas.chunks(ROWS_PER_INSERT) {
        let rows: Vec<(String, DramaId)> = on_db!(db.reborrow(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO dramas (scope, slug, title, title_ko, alt_titles, year, network,
                    genres, episodes, mdl_rating, mdl_votes, added_by) ",
            );
            insert.push_values(chunk, |mut row, d| {
                row.push_bind(scope.to_db())
                    .push_bind(d.slug.as_str())
                    .push_bind(d.title.as_str())
                    .push_bind(d.title_ko.as_deref())
                    .push_bind(to_json_list(&d.alt_titles))
                    .push_bind(d.year)
                    .push_bind(d.network.as_deref())
                    .push_bind(to_json_list(&d.genres))
                    .push_bind(d.episodes)
                    .push_bind(d.mdl_rating)
                    .push_bind(d.mdl_votes)
                    .push_bind(added_by);
            });
            insert.push(" RETURNING slug, id");
            insert.build_query_as().fetch_all(e).await
        })?;
        ids.extend(rows);
    }
    in_order(dramas.iter().map(|d| d.slug.as_str()), &ids, "drama")
}

/// Inserts these new tracks (distinct slugs, none of them stored in `scope`) in a few
/// statements, with the credits of their source credits, as
/// [`write_track`](super::write_track) gives a new track; their ids, in order.
pub async fn insert_tracks<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    tracks: &[NewTrack],
    added_by: Option<UserId>,
) -> Result<Vec<TrackId>> {
    let mut db = db.into();
    let mut ids: HashMap<String, TrackId> = HashMap::with_capacity(tracks.len());
    for chunk in tracks.chunks(ROWS_PER_INSERT) {
        let rows: Vec<(String, TrackId)> = on_db!(db.reborrow(), |e| {
            let mut insert = sqlx::QueryBuilder::new(
                "INSERT INTO tracks (scope, slug, drama_id, title, title_ko, artist, artist_ko,
                    ost_part, year, album, links, verified, added_by) ",
            );
            insert.push_values(chunk, |mut row, t| {
                row.push_bind(scope.to_db())
                    .push_bind(t.slug.as_str())
                    .push_bind(t.drama_id)
                    .push_bind(t.title.as_str())
                    .push_bind(t.title_ko.as_deref())
                    .push_bind(t.artist.as_deref())
                    .push_bind(t.artist_ko.as_deref())
                    .push_bind(t.ost_part)
                    .push_bind(t.year)
                    .push_bind(t.album.as_deref())
                    .push_bind(to_json_list(&t.links))
                    .push_bind(t.verified)
                    .push_bind(added_by);
            });
            insert.push(" RETURNING slug, id");
            insert.build_query_as().fetch_all(e).await
        })?;
        ids.extend(rows);
    }
    let ids = in_order(tracks.iter().map(|t| t.slug.as_str()), &ids, "track")?;
    let sources: Vec<credits::SourceCredit> = ids
        .iter()
        .zip(tracks)
        .map(|(&id, t)| (id, t.artist.as_deref(), t.artist_ko.as_deref()))
        .collect();
    credits::credit_many_from_source(db, &sources).await?;
    Ok(ids)
}

/// The ids the inserts returned (by slug: a multi-row `RETURNING` gives its rows in no set
/// order), in the order of `slugs`.
fn in_order<'a, Id: Copy>(
    slugs: impl Iterator<Item = &'a str>,
    ids: &HashMap<String, Id>,
    what: &str,
) -> Result<Vec<Id>> {
    slugs
        .map(|slug| {
            ids.get(slug)
                .copied()
                .ok_or_else(|| Error::Internal(format!("the {what} insert returned no {slug}")))
        })
        .collect()
}
