//! Test support, shared by every suite: databases (a template with the
//! shipped catalog, built once and copied per test), interaction builders and
//! `send`, a recording announcer, a fake Discord (REST + gateway) on
//! 127.0.0.1, the OpenAPI check of every body the bot sends, and starters
//! for the real transports.

#![allow(dead_code)]

pub mod browser;
pub mod child;
pub mod fake;
#[path = "../../crates/core/tests/support/postgres.rs"]
pub mod postgres;
pub mod proxy;
pub mod replicas;
pub mod schema;

use fake::FakeDiscord;
use ostbot::config::{Config, Needs};
use ostbot::transport::answer::Deadline;
use ostbot::transport::gateway;
use ostbot::transport::metrics::Metrics;
use ostbot::transport::rest::{self, RestAnnouncer};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A token-shaped value; the fake accepts any token.
pub const TOKEN: &str = "MTAxMDEwMTAxMDEwMTAxMDEw.fake00.not-a-real-token-at-all";

pub mod template;

#[allow(unused_imports)]
pub use template::{backend, database, empty_database, seed, seed_on, skipped_on_postgres};

mod builders;
pub mod recorder;

#[allow(unused_imports)]
pub use builders::*;
#[allow(unused_imports)]
pub use recorder::Recorder;

/// Frames in the write-ahead log since it last restarted (a PASSIVE checkpoint
/// reports them and changes nothing a test can see).
pub async fn wal_frames(pool: &sqlx::SqlitePool) -> i64 {
    let (_, frames, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(pool)
        .await
        .expect("checkpoint");
    frames
}

/// The number `sql` (a `SELECT COUNT(*) …`) reads, on either backend.
pub async fn count<'c>(db: impl Into<ostbot::db::Handle<'c>>, sql: &str) -> i64 {
    ostbot_core::on_db!(db, |e| sqlx::query_scalar(sql).fetch_one(e).await).expect(sql)
}

/// Makes every `when` (`"BEFORE INSERT ON weekly_jobs"`) fail with "boom"
/// until [`stop_failing`]: a failure in the middle of a use case, on either
/// backend (a SQLite trigger; a PL/pgSQL function and trigger).
pub async fn fail_on(db: &ostbot::db::Database, name: &str, when: &str) {
    let sql = match db {
        ostbot::db::Database::Sqlite(_) => {
            format!("CREATE TRIGGER {name} {when} BEGIN SELECT RAISE(ABORT, 'boom'); END")
        }
        ostbot::db::Database::Postgres(_) => format!(
            "CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
             CREATE TRIGGER {name} {when} FOR EACH ROW EXECUTE FUNCTION {name}();"
        ),
    };
    ostbot_core::on_db!(db, |e| sqlx::raw_sql(&sql).execute(e).await.map(|_| ()))
        .expect("the failing trigger");
}

/// Undoes [`fail_on`].
pub async fn stop_failing(db: &ostbot::db::Database, name: &str, table: &str) {
    let sql = match db {
        ostbot::db::Database::Sqlite(_) => format!("DROP TRIGGER {name}"),
        ostbot::db::Database::Postgres(_) => {
            format!("DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}();")
        }
    };
    ostbot_core::on_db!(db, |e| sqlx::raw_sql(&sql).execute(e).await.map(|_| ()))
        .expect("the failing trigger dropped");
}

/// SQLite's `PRAGMA integrity_check` ("ok"); on PostgreSQL, whose server
/// keeps its own files whole, "ok" when it answers.
pub async fn integrity(db: &ostbot::db::Database) -> String {
    match db {
        ostbot::db::Database::Sqlite(pool) => sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .expect("integrity_check"),
        ostbot::db::Database::Postgres(_) => {
            db.ping().await.expect("the server answers");
            "ok".into()
        }
    }
}

/// The configuration `ostbot run` would build from this environment.
pub fn config(vars: &[(&str, &str)], needs: Needs) -> Config {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(needs, |name| {
        vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    })
    .expect("valid test configuration")
}

/// The real gateway transport (`ostbot run`), connected to a fake Discord.
pub struct GatewayBot {
    pub metrics: Arc<Metrics>,
    /// The bot the client runs (for `scheduler::run_due` with its clock).
    pub bot: ostbot::bot::Bot,
    pub pool: ostbot::db::Database,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
    _dir: tempfile::TempDir,
}

impl GatewayBot {
    /// Starts the client as `ostbot run` does, with `DISCORD_API_BASE`
    /// pointing at `fake`.
    pub async fn start(fake: &FakeDiscord, deadline: Deadline) -> GatewayBot {
        GatewayBot::start_with(fake, deadline, &[]).await
    }

    /// `start`, with more environment (`DEV_GUILD_ID`, …).
    pub async fn start_with(
        fake: &FakeDiscord,
        deadline: Deadline,
        more: &[(&str, &str)],
    ) -> GatewayBot {
        GatewayBot::start_clocked(fake, deadline, more, None).await
    }

    /// `start_with`, and the bot reads time from `clock` when given.
    pub async fn start_clocked(
        fake: &FakeDiscord,
        deadline: Deadline,
        more: &[(&str, &str)],
        clock: Option<Arc<dyn ostbot::clock::Clock>>,
    ) -> GatewayBot {
        let (dir, url, pool) = database().await;
        let mut vars = vec![
            ("DISCORD_TOKEN", TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DATABASE_URL", &url),
        ];
        vars.extend_from_slice(more);
        let config = config(
            &vars,
            Needs {
                token: true,
                public_key: false,
            },
        );
        let mut bot = ostbot::app::offline_bot(pool.clone());
        let rest = rest::http_client(&config).expect("REST client");
        bot.announcer = Arc::new(RestAnnouncer(Arc::new(rest)));
        if let Some(clock) = clock {
            bot.clock = clock;
        }
        let handle = bot.clone();
        let options = gateway::Options {
            metrics: Metrics::new(),
            deadline,
            ..Default::default()
        };
        let metrics = options.metrics.clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let http = rest::http_client(&config).expect("REST client");
        let task = tokio::spawn(async move {
            gateway::run_until(&config, bot, http, options, async {
                let _ = stopped.await;
            })
            .await
        });
        GatewayBot {
            metrics,
            bot: handle,
            pool,
            stop: Some(stop),
            task: Some(task),
            _dir: dir,
        }
    }

    /// Shuts the client down as SIGTERM would and waits until it returned.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let result = tokio::time::timeout(Duration::from_secs(20), task)
                .await
                .expect("the client stops when told to")
                .expect("the client task did not panic");
            result.expect("the client ran without an error");
        }
    }
}

impl Drop for GatewayBot {
    fn drop(&mut self) {
        if let Some(task) = &self.task {
            task.abort();
        }
    }
}
