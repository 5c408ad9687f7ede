//! Where a statement runs, on either backend: a pool, or a connection (one
//! inside a transaction, say) of SQLite or PostgreSQL.
//!
//! One set of store functions over an enum, rather than a store trait with
//! an implementation per backend: nine statements in ten are the same text
//! on both (below), so a trait would write each function twice to differ in
//! one line; here the few that differ match on the handle, next to the one
//! they differ from. `sqlx::Any` is not used: it decodes no chrono types and
//! mixes placeholder styles. The store's functions
//! take `impl Into<Handle>`, so a caller passes `&pool` or `&mut *tx` of
//! whichever backend it has, as it passed SQLite's before.
//!
//! [`on_db!`] runs one statement on whichever it is: the statement is one SQL
//! text, compiled against both drivers (their types and row decoding). The
//! text is written for both dialects where they agree, which is most of the
//! time: `$1`-style placeholders (sqlx's SQLite driver reads `$N` as the N-th
//! argument, as PostgreSQL does), `ON CONFLICT … DO UPDATE`, `RETURNING`,
//! `IS DISTINCT FROM` (SQLite 3.39), TRUE and FALSE for flags, and times bound
//! from Rust rather than read from the database's clock. Where they differ, a
//! function matches on the handle's variants and gives each its own text.
//!
//! Every store function takes `db: impl Into<Handle<'c>>`: a caller passes
//! `&Database` (what the bot holds), a pool, `&mut *conn`, or `tx.handle()`
//! inside a [`Transaction`]. `tests/postgres.rs` runs the store on both.

use sqlx::{PgConnection, PgPool, SqliteConnection, SqlitePool};

/// A pool or a connection of either backend.
pub enum Handle<'c> {
    SqlitePool(&'c SqlitePool),
    Sqlite(&'c mut SqliteConnection),
    PostgresPool(&'c PgPool),
    Postgres(&'c mut PgConnection),
}

impl<'c> From<&'c SqlitePool> for Handle<'c> {
    fn from(pool: &'c SqlitePool) -> Self {
        Handle::SqlitePool(pool)
    }
}

impl<'c> From<&'c mut SqliteConnection> for Handle<'c> {
    fn from(conn: &'c mut SqliteConnection) -> Self {
        Handle::Sqlite(conn)
    }
}

impl<'c> From<&'c PgPool> for Handle<'c> {
    fn from(pool: &'c PgPool) -> Self {
        Handle::PostgresPool(pool)
    }
}

impl<'c> From<&'c mut PgConnection> for Handle<'c> {
    fn from(conn: &'c mut PgConnection) -> Self {
        Handle::Postgres(conn)
    }
}

/// A transaction's or a checked-out connection, as `&mut tx` and `&mut conn`
/// reached a function that took `&mut SqliteConnection`.
impl<'c, 't> From<&'c mut sqlx::Transaction<'t, sqlx::Sqlite>> for Handle<'c> {
    fn from(tx: &'c mut sqlx::Transaction<'t, sqlx::Sqlite>) -> Self {
        Handle::Sqlite(tx)
    }
}

impl<'c, 't> From<&'c mut sqlx::Transaction<'t, sqlx::Postgres>> for Handle<'c> {
    fn from(tx: &'c mut sqlx::Transaction<'t, sqlx::Postgres>) -> Self {
        Handle::Postgres(tx)
    }
}

impl<'c> From<&'c mut sqlx::pool::PoolConnection<sqlx::Sqlite>> for Handle<'c> {
    fn from(conn: &'c mut sqlx::pool::PoolConnection<sqlx::Sqlite>) -> Self {
        Handle::Sqlite(conn)
    }
}

impl<'c> From<&'c mut sqlx::pool::PoolConnection<sqlx::Postgres>> for Handle<'c> {
    fn from(conn: &'c mut sqlx::pool::PoolConnection<sqlx::Postgres>) -> Self {
        Handle::Postgres(conn)
    }
}

impl<'c> Handle<'c> {
    /// The same pool or connection for one more statement, keeping this
    /// handle for the ones after it.
    pub fn reborrow(&mut self) -> Handle<'_> {
        match self {
            Handle::SqlitePool(pool) => Handle::SqlitePool(pool),
            Handle::Sqlite(conn) => Handle::Sqlite(conn),
            Handle::PostgresPool(pool) => Handle::PostgresPool(pool),
            Handle::Postgres(conn) => Handle::Postgres(conn),
        }
    }

    pub fn backend(&self) -> super::Backend {
        match self {
            Handle::SqlitePool(_) | Handle::Sqlite(_) => super::Backend::Sqlite,
            Handle::PostgresPool(_) | Handle::Postgres(_) => super::Backend::Postgres,
        }
    }

    /// Starts a transaction that writes: on a SQLite pool it takes the write
    /// lock at once (`BEGIN IMMEDIATE`), so it never fails half-way on a lock
    /// another writer holds; on a connection already in one, a savepoint.
    pub async fn begin_write(self) -> Result<Transaction<'c>, sqlx::Error> {
        use sqlx::Connection;
        Ok(match self {
            Handle::SqlitePool(pool) => {
                Transaction::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)
            }
            Handle::Sqlite(conn) if conn.is_in_transaction() => {
                Transaction::Sqlite(conn.begin().await?)
            }
            Handle::Sqlite(conn) => Transaction::Sqlite(conn.begin_with("BEGIN IMMEDIATE").await?),
            Handle::PostgresPool(pool) => Transaction::Postgres(pool.begin().await?),
            Handle::Postgres(conn) => Transaction::Postgres(conn.begin().await?),
        })
    }
}

/// A transaction of either backend.
pub enum Transaction<'c> {
    Sqlite(sqlx::Transaction<'c, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'c, sqlx::Postgres>),
}

impl<'c> Transaction<'c> {
    /// The transaction's connection, for one statement or a function that
    /// takes a handle.
    pub fn handle(&mut self) -> Handle<'_> {
        match self {
            Transaction::Sqlite(tx) => Handle::Sqlite(tx),
            Transaction::Postgres(tx) => Handle::Postgres(tx),
        }
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Transaction::Sqlite(tx) => tx.commit().await,
            Transaction::Postgres(tx) => tx.commit().await,
        }
    }
}

/// Runs `$statement` with `$exec` bound to the pool or connection `$handle`
/// reaches (anything `Into<Handle>`): one SQL text for both backends. The
/// statement's value must be of one type for both (rows decoded into the same
/// Rust types); [`db_execute!`] is the form for writes.
#[macro_export]
macro_rules! on_db {
    ($handle:expr, |$exec:ident| $statement:expr) => {
        match ::std::convert::Into::<$crate::db::Handle<'_>>::into($handle) {
            $crate::db::Handle::SqlitePool($exec) => $statement,
            $crate::db::Handle::Sqlite($exec) => $statement,
            $crate::db::Handle::PostgresPool($exec) => $statement,
            $crate::db::Handle::Postgres($exec) => $statement,
        }
    };
}

/// Executes `$query` (a `sqlx::query(…)` with its binds) on `$handle`;
/// the rows it changed.
#[macro_export]
macro_rules! db_execute {
    ($handle:expr, $query:expr) => {
        $crate::on_db!($handle, |exec| ($query)
            .execute(exec)
            .await
            .map(|done| done.rows_affected()))
    };
}
