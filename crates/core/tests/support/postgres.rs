//! A PostgreSQL database of its own for a test, created on the server at
//! `OSTBOT_TEST_POSTGRES_URL` (default: the machines' `postgres@127.0.0.1:5432/test`),
//! opened as the bot opens one (`db::connect_postgres`, which migrates it), and
//! dropped by [`TestDatabase::drop`] (or, when a failed test skipped that, by the
//! next test process: [`drop_leftovers`]). Shared by the core's tests and the root
//! package's (`tests/support` includes this file); both name the core `ostbot`.
//!
//! Without a server the test is skipped and says so on the terminal (not in the
//! captured output); with `OSTBOT_TEST_POSTGRES` set, as `.ci/run` sets it, an
//! unreachable server fails the test instead.

#![allow(dead_code)]

use sqlx::postgres::{PgPool, PgPoolOptions};
use std::io::Write as _;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestDatabase {
    pub pool: PgPool,
    admin: PgPool,
    name: String,
    /// Its URL, for a process started on it.
    pub url: String,
}

/// The server's URL, and whether a test must fail when it cannot be reached.
pub fn server() -> (String, bool) {
    let url = std::env::var("OSTBOT_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    (url, std::env::var_os("OSTBOT_TEST_POSTGRES").is_some())
}

/// The server's URL with its database replaced by `name`.
pub fn url_of(name: &str) -> String {
    let (server, _) = server();
    let (base, query) = server.split_once('?').unwrap_or((&server, ""));
    let base = match base.rsplit_once('/') {
        Some((host, _)) if host.contains("//") && !host.ends_with('/') => host,
        _ => base,
    };
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    format!("{base}/{name}{query}")
}

/// A connection to the server's own database, for creating and dropping
/// others; `None` (and a line on the terminal) when there is no server and
/// none is required.
pub async fn admin(test: &str) -> Option<PgPool> {
    let (url, required) = server();
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&url)
        .await;
    match admin {
        Ok(admin) => Some(admin),
        Err(error) if required => {
            panic!(
                "OSTBOT_TEST_POSTGRES is set, but PostgreSQL at {url} cannot be reached: {error}"
            )
        }
        Err(error) => {
            // Straight to the terminal: libtest captures print!, not the handle.
            let _ = writeln!(
                std::io::stderr(),
                "{test}: skipped, no PostgreSQL at {url} ({error}); OSTBOT_TEST_POSTGRES=1 requires it"
            );
            None
        }
    }
}

/// A name no other test database has, with this process's id in it (see
/// [`drop_leftovers`]).
pub fn new_name() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!(
        "ostbot_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    )
}

/// A new, migrated database for `test`, or `None` (skipped) without a server.
pub async fn database(test: &str) -> Option<TestDatabase> {
    let admin = admin(test).await?;
    drop_leftovers(&admin).await;
    let name = new_name();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let url = url_of(&name);
    let pool = ostbot::db::connect_postgres(&url, &ostbot::db::PoolSettings::default())
        .await
        .expect("the test database opens and migrates");
    Some(TestDatabase {
        pool,
        admin,
        name,
        url,
    })
}

/// A new database that starts as a copy of `template` (PostgreSQL copies its
/// files: milliseconds, where loading the catalog takes seconds); its URL.
pub async fn copy_of(admin: &PgPool, template: &str) -> String {
    drop_leftovers(admin).await;
    let name = new_name();
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .execute(admin)
        .await
        .expect("a copy of the template database");
    url_of(&name)
}

/// Whether the server has a database named `name`.
pub async fn exists(admin: &PgPool, name: &str) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(admin)
        .await
        .expect("pg_database")
        > 0
}

/// Drops the databases of test processes that ended without dropping theirs (a
/// failed assertion skips `drop`; the root's databases are dropped this way).
pub async fn drop_leftovers(admin: &PgPool) {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT datname FROM pg_database WHERE datname LIKE 'ostbot\\_test\\_%'",
    )
    .fetch_all(admin)
    .await
    .unwrap_or_default();
    for name in names {
        let pid = name.split('_').nth(2).unwrap_or_default();
        let alive = std::path::Path::new("/proc").join(pid).exists();
        if !alive {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(admin)
                .await;
        }
    }
}

impl TestDatabase {
    /// The bot's view of it.
    pub fn database(&self) -> ostbot::db::Database {
        ostbot::db::Database::Postgres(self.pool.clone())
    }

    /// Drops the database (also when the test left connections open).
    pub async fn drop(self) {
        self.pool.close().await;
        sqlx::query(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .execute(&self.admin)
            .await
            .expect("the test database dropped");
        self.admin.close().await;
    }
}
