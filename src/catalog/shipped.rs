//! What the shipped catalog holds beyond dramas and tracks: release dates and signature
//! tracks (columns of `data/tracks.csv` that imports do not carry) and the global aliases of `data/aliases.csv`.
//! Loaded right after the shipped dramas and tracks, only when a shipped file changed.

use super::aliases;
use super::import::SHIPPED_TRACKS;
use crate::Result;
use sqlx::SqlitePool;

#[derive(serde::Deserialize)]
struct Dated {
    id: String,
    #[serde(default)]
    release_date: Option<String>,
    #[serde(default)]
    signature: Option<String>,
}

/// Writes the shipped release dates, signature tracks and aliases; returns the aliases added.
pub async fn load_extras(pool: &SqlitePool) -> Result<usize> {
    let mut reader = csv::Reader::from_reader(SHIPPED_TRACKS.as_bytes());
    let mut tx = pool.begin().await?;
    for row in reader.deserialize::<Dated>() {
        let Ok(row) = row else {
            continue;
        };
        let date = row.release_date.filter(|d| !d.trim().is_empty());
        let signature = row.signature.is_some_and(|s| s.trim() == "yes");
        sqlx::query(
            "UPDATE tracks SET release_date = ?1, signature = ?3
             WHERE scope = 0 AND slug = ?2 AND (release_date IS NOT ?1 OR signature IS NOT ?3)",
        )
        .bind(date)
        .bind(&row.id)
        .bind(signature)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let report = aliases::import_aliases(pool, aliases::SHIPPED_ALIASES).await?;
    Ok(report.inserted)
}
