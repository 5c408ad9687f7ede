//! Removing items' search keys with their words and prefixes.
//!
//! `search_words` and `search_prefix` have no index by key: 18 MB of the full bench's index
//! that only deletions read. A key's terms follow from its stored forms, as
//! [`write_keys`](super::write_keys) computed them, so a deletion computes them again and
//! deletes each row by its primary key.

use super::index::{prefix_terms, word_terms, KeyForms};
use super::rank::Field;
use crate::catalog::sql;
use crate::db::{Backend, Handle};
use crate::{db_execute, on_db};

/// Terms deleted per statement.
const TERMS_PER_STATEMENT: usize = 5_000;

/// Deletes the search keys of these items of `kind` (a `search_keys.kind`), with their words
/// and prefixes (SQLite's trigram rows go with the keys, by trigger).
pub async fn forget_items(mut db: Handle<'_>, kind: i64, ids: &[i64]) -> Result<(), sqlx::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let backend = db.backend();
    let ids = serde_json::to_string(ids).unwrap_or_default();
    let sql = format!(
        "SELECT id, field, norm, compact, phon FROM search_keys
          WHERE kind = $1 AND item_id IN ({})",
        sql::json_ints(backend, 2)
    );
    let keys: Vec<(i64, i64, String, String, String)> =
        on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
            .bind(kind)
            .bind(&ids)
            .fetch_all(e)
            .await)?;
    let (mut words, mut prefixes) = (Vec::new(), Vec::new());
    for (id, field, norm, compact, phon) in keys {
        // Initials are matched whole, through `search_keys.compact`: they have no terms.
        if field == Field::Initials as i64 {
            continue;
        }
        let forms = KeyForms {
            norm,
            compact,
            phon,
        };
        words.extend(word_terms(&forms).into_iter().map(|t| (t, id)));
        prefixes.extend(prefix_terms(&forms).into_iter().map(|t| (t, id)));
    }
    let (delete_words, delete_prefixes) = statements(backend);
    for chunk in words.chunks(TERMS_PER_STATEMENT) {
        let chunk = serde_json::to_string(chunk).unwrap_or_default();
        db_execute!(
            db.reborrow(),
            sqlx::query(delete_words).bind(&chunk).bind(kind)
        )?;
    }
    // Before the keys go: a prefix row's popularity is its key's.
    for chunk in prefixes.chunks(TERMS_PER_STATEMENT) {
        let chunk = serde_json::to_string(chunk).unwrap_or_default();
        db_execute!(db.reborrow(), sqlx::query(delete_prefixes).bind(&chunk))?;
    }
    let sql = format!(
        "DELETE FROM search_keys WHERE kind = $1 AND item_id IN ({})",
        sql::json_ints(backend, 2)
    );
    db_execute!(db, sqlx::query(&sql).bind(kind).bind(&ids))?;
    Ok(())
}

/// The deletions of words (`$1` a JSON array of [term, key id], `$2` the kind) and of
/// prefixes (`$1` the same) by primary key. The casts give the subquery's columns the
/// primary key's types, without which SQLite reads the key by its term alone.
fn statements(backend: Backend) -> (&'static str, &'static str) {
    match backend {
        Backend::Sqlite => (
            "DELETE FROM search_words WHERE (term, kind, key_id) IN (
               SELECT CAST(value ->> 0 AS TEXT), CAST($2 AS INTEGER), CAST(value ->> 1 AS INTEGER)
                 FROM json_each($1))",
            "DELETE FROM search_prefix WHERE (term, popularity, key_id) IN (
               SELECT CAST(o.value ->> 0 AS TEXT), k.popularity, k.id
                 FROM json_each($1) o JOIN search_keys k ON k.id = CAST(o.value ->> 1 AS INTEGER))",
        ),
        Backend::Postgres => (
            "DELETE FROM search_words WHERE (term, kind, key_id) IN (
               SELECT value ->> 0, CAST($2 AS BIGINT), CAST(value ->> 1 AS BIGINT)
                 FROM json_array_elements(CAST($1 AS json)))",
            "DELETE FROM search_prefix WHERE (term, popularity, key_id) IN (
               SELECT o.value ->> 0, k.popularity, k.id
                 FROM json_array_elements(CAST($1 AS json)) o
                 JOIN search_keys k ON k.id = CAST(o.value ->> 1 AS BIGINT))",
        ),
    }
}
