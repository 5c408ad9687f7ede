//! Catalog search. INTERIM: a plain LIKE search until the ranked, multilingual
//! index lands from the `search` branch (same API).

use super::{Drama, DramaId, Kind, Track};
use sqlx::{SqliteConnection, SqlitePool};

#[derive(Clone, Copy, Debug, Default)]
pub struct SearchFilter {
    pub kind: Option<Kind>,
    /// Global entries plus this guild's own; `None` is global only.
    pub scope: Option<i64>,
    /// Restricts track results to one drama.
    pub drama: Option<DramaId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub score: f32,
    pub matched: String,
}

pub async fn index_drama(_conn: &mut SqliteConnection, _drama: &Drama) -> Result<(), sqlx::Error> {
    Ok(())
}

pub async fn index_track(
    _conn: &mut SqliteConnection,
    _track: &Track,
    _drama: Option<&Drama>,
) -> Result<(), sqlx::Error> {
    Ok(())
}

pub async fn unindex(
    _conn: &mut SqliteConnection,
    _kind: Kind,
    _id: i64,
) -> Result<(), sqlx::Error> {
    Ok(())
}

pub async fn search(
    pool: &SqlitePool,
    query: &str,
    filter: SearchFilter,
    limit: usize,
) -> Result<Vec<Hit>, sqlx::Error> {
    let query: String = query.trim().chars().take(200).collect();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = format!("%{}%", query.replace(['%', '_'], ""));
    let scope = filter.scope.unwrap_or(0);
    let mut hits = Vec::new();
    if filter.kind != Some(Kind::Track) {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, title FROM dramas WHERE scope IN (0, ?) AND (title LIKE ? OR title_ko LIKE ? OR alt_titles LIKE ?)
             ORDER BY length(title), mdl_votes DESC LIMIT ?",
        )
        .bind(scope)
        .bind(&pattern)
        .bind(&pattern)
        .bind(&pattern)
        .bind(limit as i64)
        .fetch_all(pool)
        .await?;
        hits.extend(rows.into_iter().map(|(id, t)| Hit {
            kind: Kind::Drama,
            id,
            score: 1.0,
            matched: t,
        }));
    }
    if filter.kind != Some(Kind::Drama) {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, title FROM tracks WHERE scope IN (0, ?) AND (? IS NULL OR drama_id = ?)
             AND (title LIKE ? OR title_ko LIKE ? OR artist LIKE ? OR artist_ko LIKE ?) LIMIT ?",
        )
        .bind(scope)
        .bind(filter.drama.map(|d| d.0))
        .bind(filter.drama.map(|d| d.0))
        .bind(&pattern)
        .bind(&pattern)
        .bind(&pattern)
        .bind(&pattern)
        .bind(limit as i64)
        .fetch_all(pool)
        .await?;
        hits.extend(rows.into_iter().map(|(id, t)| Hit {
            kind: Kind::Track,
            id,
            score: 1.0,
            matched: t,
        }));
    }
    hits.truncate(limit);
    Ok(hits)
}

/// Whether the first hit is clearly the one meant.
pub fn is_clear_winner(hits: &[Hit]) -> bool {
    hits.len() == 1
}
