//! The database: SQLite (embedded, the default) or PostgreSQL, chosen by the
//! URL's scheme; pools, pragmas and migrations. Ids are bound and read as
//! themselves (their codec is in `crate::ids`). [`Handle`] is how the store's
//! functions reach either backend.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

pub mod copy;
mod database;
mod handle;
mod postgres;
mod url;
mod writer;
pub use database::{Backend, Database, PoolSettings};
pub use handle::{Handle, Transaction};
pub use postgres::connect as connect_postgres;
pub use url::DatabaseUrl;
pub use writer::{BoxFuture, Writer};

/// Pages of WAL after which a commit checkpoints (SQLite's default is 1 000).
pub const WAL_AUTOCHECKPOINT_PAGES: u32 = 4_000;

/// Bytes of the database file each connection maps into memory.
pub const MMAP_BYTES: u64 = 1 << 30;

/// Page cache of each connection, in KiB (SQLite's default is 2 000). A write that dirties
/// more pages than its cache holds spills them to the WAL before it commits, and reads them
/// back from there: a catalog import of 2 000 tracks dirties tens of megabytes of the search
/// index. Reads come from the memory-mapped file and take little of it.
pub const CACHE_KIB: u32 = 32 * 1024;

/// Opens (creating if missing) the database and runs pending migrations.
///
/// A write outside a transaction that returns rows (`INSERT … RETURNING`) must
/// be read to its end (`fetch_all`): stopped after its first row, SQLite commits
/// it when the statement is reset, and skips the WAL hook there, so the
/// automatic checkpoint never runs and the WAL grows without bound (4.9 GB in
/// the full benchmark), slowing every read that has to search it.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5))
        // After a bulk import the WAL file can reach gigabytes; once a
        // checkpoint empties it, SQLite cuts the file back to this size.
        .pragma("journal_size_limit", (64 * 1024 * 1024).to_string())
        // A checkpoint every 4 000 pages (16 MB) rather than 1 000: each one
        // waits for two fsyncs, and the pages every write touches (aggregates,
        // index roots) are copied once per checkpoint, not once per 1 000 pages.
        .pragma("wal_autocheckpoint", WAL_AUTOCHECKPOINT_PAGES.to_string())
        .pragma("mmap_size", MMAP_BYTES.to_string())
        .pragma("cache_size", format!("-{}", CACHE_KIB));
    let mut attempt = 1;
    loop {
        match open_and_migrate(&options).await {
            Err(error) if attempt < START_ATTEMPTS && another_process_is_starting(&error) => {
                tracing::info!(
                    attempt,
                    "another process is setting up the database; trying again"
                );
                tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

/// Attempts at opening and migrating before an error is final.
const START_ATTEMPTS: u32 = 8;

async fn open_and_migrate(options: &SqliteConnectOptions) -> Result<SqlitePool, sqlx::Error> {
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // Two open at all times: a search runs its two misspelling lookups side by side.
        .min_connections(2)
        // A connection to a local file cannot go stale; the default ping
        // before every checkout is one more hop to the worker thread per statement.
        .test_before_acquire(false)
        .connect_with(options.clone())
        .await?;
    if let Err(error) = sqlx::migrate!("../../migrations/sqlite").run(&pool).await {
        pool.close().await;
        return Err(error.into());
    }
    Ok(pool)
}

/// Whether `error` is what a process meets when another one creates or
/// migrates the same file at the same moment (two replicas deployed
/// together). Turning a new file to WAL takes a lock that SQLite's busy
/// timeout does not wait for (`SQLITE_BUSY`); and SQLite gives sqlx's
/// migrator no lock, so both may read the same pending list, and the one
/// that loses (`table … already exists`) applied nothing: each migration is
/// one transaction with its `_sqlx_migrations` row. Both are over in a
/// moment, and a new attempt finds the work done.
fn another_process_is_starting(error: &sqlx::Error) -> bool {
    use sqlx::migrate::MigrateError;
    match error {
        sqlx::Error::Database(error) => {
            let code = error.code();
            // SQLITE_BUSY, SQLITE_LOCKED and their extended codes.
            code.as_deref()
                .and_then(|c| c.parse::<i32>().ok())
                .is_some_and(|c| matches!(c & 0xff, 5 | 6))
        }
        sqlx::Error::Migrate(error) => matches!(
            **error,
            MigrateError::Execute(_) | MigrateError::ExecuteMigration(..)
        ),
        _ => false,
    }
}
