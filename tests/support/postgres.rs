//! A PostgreSQL database of its own for a test, created on the server at
//! `OSTBOT_TEST_POSTGRES_URL` (default: the machines' `postgres@127.0.0.1:5432/test`),
//! migrated with `migrations/postgres`, and dropped by [`TestDatabase::drop`].
//!
//! Without a server the test is skipped and says so on the terminal (not in the
//! captured output); with `OSTBOT_TEST_POSTGRES` set, as `.ci/run` sets it, an
//! unreachable server fails the test instead.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use std::io::Write as _;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

pub const DEFAULT_URL: &str = "postgres://postgres@127.0.0.1:5432/test";

pub struct TestDatabase {
    pub pool: PgPool,
    admin: PgPool,
    name: String,
}

/// The server's URL, and whether a test must fail when it cannot be reached.
fn server() -> (String, bool) {
    let url = std::env::var("OSTBOT_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_URL.into());
    (url, std::env::var_os("OSTBOT_TEST_POSTGRES").is_some())
}

/// A new, migrated database for `test`, or `None` (skipped) without a server.
pub async fn database(test: &str) -> Option<TestDatabase> {
    let (url, required) = server();
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&url)
        .await;
    let admin = match admin {
        Ok(admin) => admin,
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
            return None;
        }
    };
    drop_leftovers(&admin).await;
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "ostbot_test_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .expect("a test database");
    let options = PgConnectOptions::from_str(&url)
        .expect("a PostgreSQL URL")
        .database(&name);
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .expect("the test database");
    sqlx::migrate!("./migrations/postgres")
        .run(&pool)
        .await
        .expect("migrations/postgres apply");
    Some(TestDatabase { pool, admin, name })
}

/// Drops the databases of test processes that ended without dropping theirs (a
/// failed assertion skips `drop`).
async fn drop_leftovers(admin: &PgPool) {
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
