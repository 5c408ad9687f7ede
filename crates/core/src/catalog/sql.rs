//! The few SQL fragments the catalog writes differently for SQLite and
//! PostgreSQL, so that a statement built from them reads alike on both and
//! gives the same rows in the same order; and the transaction every catalog
//! write runs in.

use crate::db::{Backend, Handle, Transaction};
use crate::db_execute;

/// A subquery of the integers of a JSON array bound (as text) at `$n`.
pub(crate) fn json_ints(backend: Backend, n: u8) -> String {
    match backend {
        Backend::Sqlite => format!("SELECT value FROM json_each(${n})"),
        Backend::Postgres => format!(
            "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(${n} AS json))"
        ),
    }
}

/// A subquery of the strings of a JSON array bound (as text) at `$n`.
pub(crate) fn json_texts(backend: Backend, n: u8) -> String {
    match backend {
        Backend::Sqlite => format!("SELECT value FROM json_each(${n})"),
        Backend::Postgres => {
            format!("SELECT value FROM json_array_elements_text(CAST(${n} AS json))")
        }
    }
}

/// `expr` with A–Z lowered and every other character kept, as SQLite's
/// `lower()` does (PostgreSQL's lowers every script its locale knows).
pub(crate) fn ascii_lower(backend: Backend, expr: &str) -> String {
    match backend {
        Backend::Sqlite => format!("lower({expr})"),
        Backend::Postgres => {
            format!("translate({expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')")
        }
    }
}

/// Whether text `haystack` holds `needle`, ignoring ASCII case.
pub(crate) fn holds(backend: Backend, haystack: &str, needle: &str) -> String {
    let (h, n) = (ascii_lower(backend, haystack), ascii_lower(backend, needle));
    match backend {
        Backend::Sqlite => format!("instr({h}, {n}) > 0"),
        Backend::Postgres => format!("strpos({h}, {n}) > 0"),
    }
}

/// What follows a text in `ORDER BY`, `MIN` or `GROUP BY` for SQLite's order
/// (code points, which UTF-8 bytes keep): PostgreSQL's follows its collation.
pub(crate) fn by_code_point(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " COLLATE \"C\"",
    }
}

/// Starts a transaction that writes the catalog (a savepoint inside the caller's). On
/// PostgreSQL it first takes the lock every catalog writer takes, on `search_keys`, whose ids
/// the writers hand out from the largest stored: the writers follow one another as SQLite's
/// one writer at a time does, so two adds of one slug are an add and a refusal, and two
/// writers never wait for each other's rows. Readers are not held up.
pub(crate) async fn begin_catalog_write<'c>(
    db: impl Into<Handle<'c>>,
) -> Result<Transaction<'c>, sqlx::Error> {
    let mut tx = db.into().begin_write().await?;
    if tx.handle().backend() == Backend::Postgres {
        db_execute!(
            tx.handle(),
            sqlx::query("LOCK TABLE search_keys IN SHARE ROW EXCLUSIVE MODE")
        )?;
    }
    Ok(tx)
}
