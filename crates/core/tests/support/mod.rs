//! Databases for the core's tests: a fresh SQLite file, and a fresh
//! PostgreSQL database beside it ([`postgres`]), so a test runs one story on
//! both and compares. Test files name the core `ostbot`, as the root package
//! does (`extern crate ostbot_core as ostbot;`), so `postgres` is shared.

#![allow(dead_code)]

pub mod postgres;

use ostbot::db::Database;

/// A new SQLite database with the schema and no catalog.
pub async fn sqlite() -> (tempfile::TempDir, Database) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("ostbot.db").display());
    let pool = ostbot::db::connect(&url).await.expect("database");
    (dir, Database::Sqlite(pool))
}

/// Both databases, empty, for `test`; `None` when PostgreSQL is skipped.
pub async fn both(test: &str) -> Option<(tempfile::TempDir, Database, postgres::TestDatabase)> {
    let postgres = postgres::database(test).await?;
    let (dir, sqlite) = sqlite().await;
    Some((dir, sqlite, postgres))
}

/// Loads the shipped catalog into `db`, as the bot does on its first start.
pub async fn with_catalog(db: &Database) {
    ostbot::catalog::import::load_shipped(db)
        .await
        .expect("the shipped catalog loads");
}
