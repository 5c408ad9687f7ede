//! A pool of either backend, as the bot holds it: every store function takes
//! `&Database` (through [`Handle`]), so nothing above the store knows which
//! one it runs on.

use super::Handle;
use sqlx::{PgPool, SqlitePool};
use std::time::Duration;

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of `url` by its scheme (`sqlite:`, `postgres:` or
    /// `postgresql:`), or `None` for any other.
    pub fn of_url(url: &str) -> Option<Backend> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme)?;
        match scheme.to_ascii_lowercase().as_str() {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// How a PostgreSQL pool is sized and bounded, and whether it uses TLS
/// (SQLite's are fixed: one file, four connections, see [`super::connect`]).
#[derive(Clone, Debug)]
pub struct PoolSettings {
    /// Connections each process keeps at most.
    pub max_connections: u32,
    /// How long one statement may run before the server cancels it.
    pub statement_timeout: Duration,
    /// How long a checkout waits for a free connection.
    pub acquire_timeout: Duration,
    /// TLS to the server; `None` keeps the URL's `sslmode` (sqlx's default
    /// is `prefer`: TLS when the server offers it).
    pub tls: Option<sqlx::postgres::PgSslMode>,
}

impl Default for PoolSettings {
    fn default() -> Self {
        PoolSettings {
            max_connections: 10,
            statement_timeout: Duration::from_secs(30),
            acquire_timeout: Duration::from_secs(10),
            tls: None,
        }
    }
}

/// A pool of SQLite or of PostgreSQL. Clones share the pool.
#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Database {
    /// Opens the database `url` names, creating a SQLite file if missing, and
    /// runs its backend's pending migrations.
    pub async fn open(url: &str, settings: &PoolSettings) -> Result<Database, sqlx::Error> {
        match Backend::of_url(url) {
            Some(Backend::Sqlite) => super::connect(url).await.map(Database::Sqlite),
            Some(Backend::Postgres) => super::connect_postgres(url, settings)
                .await
                .map(Database::Postgres),
            None => Err(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres:".into(),
            )),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite pool, when this is one (backups and `VACUUM` are SQLite's).
    pub fn as_sqlite(&self) -> Option<&SqlitePool> {
        match self {
            Database::Sqlite(pool) => Some(pool),
            Database::Postgres(_) => None,
        }
    }

    /// Whether the database answers (`/healthz`).
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        crate::db_execute!(self, sqlx::query("SELECT 1")).map(|_| ())
    }

    /// The pool's connections now: (open, idle, most allowed).
    pub fn connections(&self) -> (u32, u32, u32) {
        match self {
            Database::Sqlite(pool) => (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            ),
            Database::Postgres(pool) => (
                pool.size(),
                pool.num_idle() as u32,
                pool.options().get_max_connections(),
            ),
        }
    }

    pub fn handle(&self) -> Handle<'_> {
        self.into()
    }

    pub async fn close(&self) {
        match self {
            Database::Sqlite(pool) => pool.close().await,
            Database::Postgres(pool) => pool.close().await,
        }
    }
}

impl From<SqlitePool> for Database {
    fn from(pool: SqlitePool) -> Self {
        Database::Sqlite(pool)
    }
}

impl From<PgPool> for Database {
    fn from(pool: PgPool) -> Self {
        Database::Postgres(pool)
    }
}

impl<'c> From<&'c Database> for Handle<'c> {
    fn from(db: &'c Database) -> Self {
        match db {
            Database::Sqlite(pool) => Handle::SqlitePool(pool),
            Database::Postgres(pool) => Handle::PostgresPool(pool),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_backend() {
        assert_eq!(Backend::of_url("sqlite://ostbot.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::of_url("sqlite::memory:"), Some(Backend::Sqlite));
        assert_eq!(
            Backend::of_url("postgres://postgres@127.0.0.1/test"),
            Some(Backend::Postgres)
        );
        assert_eq!(
            Backend::of_url("PostgreSQL://db.internal/ostbot"),
            Some(Backend::Postgres)
        );
        assert_eq!(Backend::of_url("mysql://x"), None);
        assert_eq!(Backend::of_url("ostbot.db"), None);
    }
}
