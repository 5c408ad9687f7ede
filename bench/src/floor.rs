//! The floor: the statements the bot runs, on the same database, in a tight
//! loop with no bot around them: raw SQLite (rusqlite) on SQLite, a plain
//! sqlx connection on PostgreSQL.

mod postgres;
mod sqlite;

use crate::stats::{Rate, Summary};
use crate::target::Target;
use postgres::PgFloor;
use sqlite::SqliteFloor;
use std::time::Duration;

pub enum Floor {
    Sqlite(SqliteFloor),
    Postgres(PgFloor),
}

impl Floor {
    pub async fn open(target: &Target) -> anyhow::Result<Self> {
        Ok(match target {
            Target::Sqlite { path, .. } => Floor::Sqlite(SqliteFloor::open(path)?),
            Target::Postgres { url, .. } => Floor::Postgres(PgFloor::open(url).await?),
        })
    }

    /// Bytes of each table and index, by name.
    pub async fn sizes(&mut self) -> anyhow::Result<Vec<(String, u64)>> {
        match self {
            Floor::Sqlite(f) => f.sizes(),
            Floor::Postgres(f) => f.sizes().await,
        }
    }

    /// Seconds to write the catalog's rows without a search index;
    /// `scratch` holds SQLite's copy.
    pub async fn catalog_copy(&mut self, scratch: Option<&std::path::Path>) -> anyhow::Result<f64> {
        match (self, scratch) {
            (Floor::Sqlite(f), Some(dir)) => f.catalog_copy(dir),
            (Floor::Sqlite(_), None) => anyhow::bail!("SQLite's catalog floor needs a directory"),
            (Floor::Postgres(f), _) => f.catalog_copy().await,
        }
    }

    pub async fn track_reads(&mut self, ids: &[i64]) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.track_reads(ids),
            Floor::Postgres(f) => f.track_reads(ids).await,
        }
    }

    pub async fn search_statements(&mut self, queries: &[String]) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.search_statements(queries),
            Floor::Postgres(f) => f.search_statements(queries).await,
        }
    }

    pub async fn score_pk_reads(&mut self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.score_pk_reads(keys),
            Floor::Postgres(f) => f.score_pk_reads(keys).await,
        }
    }

    pub async fn score_summaries(&mut self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.score_summaries(keys),
            Floor::Postgres(f) => f.score_summaries(keys).await,
        }
    }

    pub async fn leaderboard(&mut self, guilds: &[i64]) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.leaderboard(guilds),
            Floor::Postgres(f) => f.leaderboard(guilds).await,
        }
    }

    pub async fn review_writes(
        &mut self,
        guild: i64,
        dramas: &[i64],
        duration: Duration,
    ) -> anyhow::Result<Rate> {
        match self {
            Floor::Sqlite(f) => f.review_writes(guild, dramas, duration),
            Floor::Postgres(f) => f.review_writes(guild, dramas, duration).await,
        }
    }

    pub async fn votes(&mut self, poll: i64, guild: i64, n: usize) -> anyhow::Result<Rate> {
        match self {
            Floor::Sqlite(f) => f.votes(poll, guild, n),
            Floor::Postgres(f) => f.votes(poll, guild, n).await,
        }
    }

    pub async fn close_statements(&mut self, poll: i64) -> anyhow::Result<f64> {
        match self {
            Floor::Sqlite(f) => f.close_statements(poll),
            Floor::Postgres(f) => f.close_statements(poll).await,
        }
    }

    pub async fn trivial_statements(&mut self, n: usize) -> anyhow::Result<Summary> {
        match self {
            Floor::Sqlite(f) => f.trivial_statements(n),
            Floor::Postgres(f) => f.trivial_statements(n).await,
        }
    }

    pub async fn count(&mut self, sql: &str) -> anyhow::Result<i64> {
        match self {
            Floor::Sqlite(f) => f.count(sql),
            Floor::Postgres(f) => f.count(sql).await,
        }
    }
}
