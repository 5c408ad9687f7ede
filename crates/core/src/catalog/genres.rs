//! The genres the global catalog's dramas carry (they stay in English in
//! every language), most common first.

use crate::Result;
use sqlx::SqlitePool;

pub async fn global(pool: &SqlitePool) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT MIN(j.value) FROM dramas d, json_each(d.genres) j
         WHERE d.scope = 0 AND trim(j.value) != ''
         GROUP BY lower(j.value) ORDER BY COUNT(*) DESC, lower(j.value)",
    )
    .fetch_all(pool)
    .await?)
}
