//! What the shipped catalog holds beyond dramas and tracks: release dates and signature
//! tracks (columns of `data/tracks.csv` that imports do not carry) and the global aliases of `data/aliases.csv`.
//! Loaded right after the shipped dramas and tracks, only when a shipped file changed.

use super::aliases;
use super::import::SHIPPED_TRACKS;
use crate::db::{Backend, Handle};
use crate::{db_execute, Result};

#[derive(serde::Deserialize)]
struct Dated {
    id: String,
    #[serde(default)]
    release_date: Option<String>,
    #[serde(default)]
    signature: Option<String>,
}

/// Writes the shipped release dates, signature tracks and aliases; returns the aliases added.
pub async fn load_extras<'c>(db: impl Into<Handle<'c>>) -> Result<usize> {
    let mut db = db.into();
    let mut reader = csv::Reader::from_reader(SHIPPED_TRACKS.as_bytes());
    let rows: Vec<serde_json::Value> = reader
        .deserialize::<Dated>()
        .filter_map(|row| row.ok())
        .map(|row| {
            let date = row.release_date.filter(|d| !d.trim().is_empty());
            let signature = row.signature.is_some_and(|s| s.trim() == "yes");
            serde_json::json!([row.id, date, signature])
        })
        .collect();
    // One statement for every row: each one is a round trip to SQLite's thread. The rows are
    // materialized first so that each is looked up by its slug; as a subquery of the join,
    // SQLite scanned them for every track (0.9 s of the first start).
    let sql = match db.backend() {
        Backend::Sqlite => EXTRAS_SQLITE,
        Backend::Postgres => EXTRAS_POSTGRES,
    };
    db_execute!(
        db.reborrow(),
        sqlx::query(sql).bind(serde_json::Value::Array(rows).to_string())
    )?;
    let report = aliases::import_aliases(db, aliases::SHIPPED_ALIASES).await?;
    Ok(report.inserted)
}

const EXTRAS_SQLITE: &str = "WITH j AS MATERIALIZED (
         SELECT value ->> 0 AS slug, value ->> 1 AS date, value ->> 2 AS signature
         FROM json_each($1))
     UPDATE tracks SET release_date = j.date, signature = j.signature FROM j
     WHERE tracks.scope = 0 AND tracks.slug = j.slug
       AND (tracks.release_date IS NOT j.date OR tracks.signature IS NOT j.signature)";

const EXTRAS_POSTGRES: &str = "WITH j AS MATERIALIZED (
         SELECT value ->> 0 AS slug, value ->> 1 AS date, CAST(value ->> 2 AS BOOLEAN) AS signature
         FROM json_array_elements(CAST($1 AS json)))
     UPDATE tracks SET release_date = j.date, signature = j.signature FROM j
     WHERE tracks.scope = 0 AND tracks.slug = j.slug
       AND (tracks.release_date IS DISTINCT FROM j.date OR tracks.signature IS DISTINCT FROM j.signature)";

/// How long a process loading the shipped catalog holds that right. Another process starting
/// on the same database at the same moment waits for it instead of loading it too; if the
/// loader dies, the next one takes over when this ran out.
const LOADING_LEASE_MS: i64 = 60_000;
const LOADING_KEY: &str = "shipped_catalog_loading";
const LOADING_POLL: std::time::Duration = std::time::Duration::from_millis(100);

/// Waits until no other process is loading the shipped catalog, and claims the loading.
pub async fn claim_loading<'c>(db: impl Into<Handle<'c>>) -> Result<()> {
    let mut db = db.into();
    let mut waited = false;
    loop {
        let now = chrono::Utc::now().timestamp_millis();
        let claim = db_execute!(
            db.reborrow(),
            sqlx::query(
                "INSERT INTO meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value
                 WHERE CAST(meta.value AS BIGINT) <= $3",
            )
            .bind(LOADING_KEY)
            .bind((now + LOADING_LEASE_MS).to_string())
            .bind(now)
        );
        let claimed = match claim {
            Ok(claimed) => claimed,
            // The loader's import holds SQLite's write lock, maybe longer than the busy
            // timeout: still loading.
            Err(error) if sqlite_busy(&error) => 0,
            Err(error) => return Err(error.into()),
        };
        if claimed == 1 {
            return Ok(());
        }
        if !std::mem::replace(&mut waited, true) {
            tracing::info!("another process is loading the shipped catalog; waiting for it");
        }
        tokio::time::sleep(LOADING_POLL).await;
    }
}

/// Whether SQLite answered that another connection holds the lock it needs
/// (`SQLITE_BUSY`, `SQLITE_LOCKED` or one of their extended codes).
fn sqlite_busy(error: &sqlx::Error) -> bool {
    let sqlx::Error::Database(error) = error else {
        return false;
    };
    error
        .try_downcast_ref::<sqlx::sqlite::SqliteError>()
        .is_some()
        && error
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

/// Gives the loading up: done, or failed (the next start tries again).
pub async fn release_loading<'c>(db: impl Into<Handle<'c>>) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM meta WHERE key = $1").bind(LOADING_KEY)
    )?;
    Ok(())
}
