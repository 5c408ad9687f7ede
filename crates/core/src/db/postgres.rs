//! The PostgreSQL pool: its settings, and the migrations of
//! `migrations/postgres`, which sqlx's migrator runs under an advisory lock, so
//! processes started together apply each one once.

use super::PoolSettings;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;
use std::time::Duration;

/// Attempts at reaching the server before an error is final: a process
/// started with its database (one compose file, one deploy) may be first.
const START_ATTEMPTS: u32 = 8;

/// Opens a pool on `url` (TLS as its `sslmode` says; sqlx's default,
/// `prefer`, uses TLS when the server offers it) and runs pending migrations.
pub async fn connect(url: &str, settings: &PoolSettings) -> Result<PgPool, sqlx::Error> {
    let timeout = format!("{}ms", settings.statement_timeout.as_millis());
    let mut options = PgConnectOptions::from_str(url)?
        .application_name("ostbot")
        .options([("statement_timeout", timeout.as_str())]);
    if let Some(mode) = settings.tls {
        options = options.ssl_mode(mode);
    }
    let mut attempt = 1;
    loop {
        match open_and_migrate(&options, settings).await {
            Err(error) if attempt < START_ATTEMPTS && server_not_ready(&error) => {
                tracing::info!(
                    attempt,
                    "the database server is not answering yet; trying again"
                );
                tokio::time::sleep(Duration::from_millis(250 * u64::from(attempt))).await;
                attempt += 1;
            }
            result => return result,
        }
    }
}

async fn open_and_migrate(
    options: &PgConnectOptions,
    settings: &PoolSettings,
) -> Result<PgPool, sqlx::Error> {
    let pool = PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(settings.acquire_timeout)
        // A connection the server or the network dropped is found out at
        // checkout and replaced, rather than failing the statement.
        .test_before_acquire(true)
        .connect_with(options.clone())
        .await?;
    if let Err(error) = sqlx::migrate!("../../migrations/postgres").run(&pool).await {
        pool.close().await;
        return Err(error.into());
    }
    Ok(pool)
}

/// Whether `error` is a server that is not up yet (refused, starting up).
fn server_not_ready(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => true,
        // 57P03: cannot_connect_now (the server is starting up).
        sqlx::Error::Database(error) => error.code().as_deref() == Some("57P03"),
        _ => false,
    }
}
