//! The genres the global catalog's dramas carry (they stay in English in
//! every language), most common first.

use crate::db::{Backend, Handle};
use crate::{on_db, Result};

pub async fn global<'c>(db: impl Into<Handle<'c>>) -> Result<Vec<String>> {
    let db = db.into();
    let sql = match db.backend() {
        Backend::Sqlite => {
            "SELECT MIN(j.value) FROM dramas d, json_each(d.genres) j
             WHERE d.scope = 0 AND trim(j.value) != ''
             GROUP BY lower(j.value) ORDER BY COUNT(*) DESC, lower(j.value)"
        }
        // SQLite's lower() and text order: ASCII letters lowered, code points compared.
        Backend::Postgres => {
            "SELECT MIN(j.value COLLATE \"C\") FROM dramas d,
                 json_array_elements_text(CAST(d.genres AS json)) AS j(value),
                 translate(j.value, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS l(lowered)
             WHERE d.scope = 0 AND trim(j.value) != ''
             GROUP BY l.lowered ORDER BY COUNT(*) DESC, l.lowered COLLATE \"C\""
        }
    };
    Ok(on_db!(db, |e| sqlx::query_scalar(sql).fetch_all(e).await)?)
}
