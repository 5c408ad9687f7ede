//! The SQLite pool: pragmas and migrations. Ids are bound and read as
//! themselves (their codec is in `crate::ids`).

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

mod writer;
pub use writer::{BoxFuture, Writer};

/// Pages of WAL after which a commit checkpoints (SQLite's default is 1 000).
pub const WAL_AUTOCHECKPOINT_PAGES: u32 = 4_000;

/// Bytes of the database file each connection maps into memory.
pub const MMAP_BYTES: u64 = 1 << 30;

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
        .pragma("mmap_size", MMAP_BYTES.to_string());
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        // A connection to a local file cannot go stale; the default ping
        // before every checkout is one more hop to the worker thread per statement.
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    sqlx::migrate!("../../migrations").run(&pool).await?;
    Ok(pool)
}
