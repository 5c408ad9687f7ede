//! Group commit for the busiest writes (votes, reviews): one task runs them
//! in order on one connection, and the writes that queue up while a commit is
//! under way share the next transaction.
//!
//! Each connection of the pool that writes at the same time as another waits
//! in SQLite's busy handler, which sleeps a millisecond or more, and every
//! commit pays for its own WAL frames. Queued here, a burst of clicks costs one
//! commit instead of one each and nobody sleeps. A lone write runs as before,
//! in a transaction of its own. On PostgreSQL the same batching saves a
//! round trip and a WAL flush per write.

use super::{Database, Handle};
use sqlx::{Connection, PgConnection, SqliteConnection};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// The most writes that share one transaction.
const MAX_BATCH: usize = 64;

pub type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Runs writes through the group-commit task, started on first use.
#[derive(Clone)]
pub struct Writer {
    db: Database,
    queue: Arc<OnceLock<mpsc::UnboundedSender<Box<dyn Job>>>>,
}

impl Writer {
    pub fn new(db: impl Into<Database>) -> Self {
        Writer {
            db: db.into(),
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// The database it writes to, for the reads that go with a write.
    pub fn db(&self) -> &Database {
        &self.db
    }

    /// Runs `statement`, which must be **one** statement (so that its failure
    /// undoes only itself inside a shared transaction), and returns its result
    /// once it is committed. It may run twice: a batch that fails is rolled
    /// back and each of its writes runs again on its own.
    pub async fn run<T, F>(&self, statement: F) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> Fn(Handle<'c>) -> BoxFuture<'c, Result<T, sqlx::Error>> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job = Box::new(Pending {
            statement,
            result: None,
            reply,
        });
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(serve(self.db.clone(), rx));
            tx
        });
        queue.send(job).map_err(|_| stopped())?;
        answer.await.map_err(|_| stopped())?
    }
}

fn stopped() -> sqlx::Error {
    sqlx::Error::WorkerCrashed
}

/// A queued write with its result, kept until its transaction has committed.
trait Job: Send {
    /// Runs the statement; `false` when it failed.
    fn run<'c>(&'c mut self, conn: Handle<'c>) -> BoxFuture<'c, bool>;
    /// Whether it failed because the connection did (not the statement).
    fn lost_connection(&self) -> bool;
    /// Whether it lost a race with another process's transaction
    /// (PostgreSQL's deadlock or serialization failure): run again, it
    /// goes through.
    fn lost_a_race(&self) -> bool;
    /// Hands the result to the caller.
    fn deliver(self: Box<Self>);
    /// Fails without running (no connection).
    fn fail(self: Box<Self>, error: &sqlx::Error);
}

struct Pending<T, F> {
    statement: F,
    result: Option<Result<T, sqlx::Error>>,
    reply: oneshot::Sender<Result<T, sqlx::Error>>,
}

impl<T, F> Job for Pending<T, F>
where
    T: Send + 'static,
    F: for<'c> Fn(Handle<'c>) -> BoxFuture<'c, Result<T, sqlx::Error>> + Send + 'static,
{
    fn run<'c>(&'c mut self, conn: Handle<'c>) -> BoxFuture<'c, bool> {
        Box::pin(async move {
            let result = (self.statement)(conn).await;
            let ok = result.is_ok();
            self.result = Some(result);
            ok
        })
    }

    fn lost_connection(&self) -> bool {
        match &self.result {
            Some(Err(sqlx::Error::Io(_) | sqlx::Error::Protocol(_) | sqlx::Error::Tls(_))) => true,
            // PostgreSQL's connection exceptions (08…) and shutdowns (57P…).
            Some(Err(sqlx::Error::Database(error))) => error
                .code()
                .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
            _ => false,
        }
    }

    fn lost_a_race(&self) -> bool {
        match &self.result {
            Some(Err(sqlx::Error::Database(error))) => {
                matches!(error.code().as_deref(), Some("40P01" | "40001"))
            }
            _ => false,
        }
    }

    fn deliver(self: Box<Self>) {
        let result = self.result.unwrap_or(Err(sqlx::Error::WorkerCrashed));
        // The caller may have gone (its interaction timed out): nothing to do.
        let _ = self.reply.send(result);
    }

    fn fail(self: Box<Self>, error: &sqlx::Error) {
        let _ = self.reply.send(Err(sqlx::Error::Protocol(format!(
            "no connection: {error}"
        ))));
    }
}

/// The writer's own connection, of either backend.
enum Own {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Own {
    async fn take(db: &Database) -> Result<Own, sqlx::Error> {
        Ok(match db {
            Database::Sqlite(pool) => Own::Sqlite(pool.acquire().await?.detach()),
            Database::Postgres(pool) => Own::Postgres(pool.acquire().await?.detach()),
        })
    }

    fn handle(&mut self) -> Handle<'_> {
        match self {
            Own::Sqlite(conn) => Handle::Sqlite(conn),
            Own::Postgres(conn) => Handle::Postgres(conn),
        }
    }
}

/// The task: takes what is queued, commits it together, answers each.
///
/// It keeps a connection of its own, taken out of the pool: SQLite empties a
/// connection's page cache whenever another connection has written, so a
/// writer that changed connections read every page it touched again (a vote
/// cost 5× its statement); one connection that does all these writes stays
/// warm. A connection that was lost (the server restarted, the network broke)
/// is dropped, and the next batch takes a new one.
async fn serve(db: Database, mut queue: mpsc::UnboundedReceiver<Box<dyn Job>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut own: Option<Own> = None;
    let mut last_used = Instant::now();
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        if last_used.elapsed() > IDLE_CHECK {
            own = still_connected(own).await;
        }
        last_used = Instant::now();
        if own.is_none() {
            match Own::take(&db).await {
                Ok(conn) => own = Some(conn),
                Err(error) => {
                    batch.drain(..).for_each(|job| job.fail(&error));
                    continue;
                }
            }
        }
        let Some(conn) = own.as_mut() else { continue };
        if batch.len() == 1 || !together(conn.handle(), &mut batch).await {
            for job in &mut batch {
                alone(conn, job.as_mut()).await;
            }
        }
        if batch.iter().any(|job| job.lost_connection()) {
            tracing::warn!("the writer's database connection was lost; taking a new one");
            own = None;
        }
        batch.drain(..).for_each(|job| job.deliver());
    }
}

/// After this long without a write, the writer checks that its connection
/// still answers before it writes: a server restart or a proxy's idle
/// timeout drops a connection unseen, and a write that failed on it could
/// not be told apart from one that was applied.
const IDLE_CHECK: Duration = Duration::from_millis(500);

/// The connection, if it still answers a ping.
async fn still_connected(own: Option<Own>) -> Option<Own> {
    let mut conn = own?;
    let answered = match &mut conn {
        Own::Sqlite(c) => c.ping().await,
        Own::Postgres(c) => c.ping().await,
    };
    match answered {
        Ok(()) => Some(conn),
        Err(error) => {
            tracing::warn!(%error, "the writer's database connection was lost; taking a new one");
            None
        }
    }
}

/// Times a write that lost a race with another process runs again.
const RACE_RETRIES: u32 = 3;

/// Runs one job in a transaction of its own, again when it lost a race.
async fn alone(conn: &mut Own, job: &mut dyn Job) {
    for attempt in 0..=RACE_RETRIES {
        job.run(conn.handle()).await;
        if !job.lost_a_race() || attempt == RACE_RETRIES {
            return;
        }
        tracing::debug!(
            attempt,
            "a write lost a race with another process; running it again"
        );
        tokio::time::sleep(Duration::from_millis(5 << attempt)).await;
    }
}

/// Runs the batch in one transaction; `false` (rolled back) if any part failed.
async fn together(conn: Handle<'_>, batch: &mut [Box<dyn Job>]) -> bool {
    let Ok(mut tx) = conn.begin_write().await else {
        return false;
    };
    for job in batch.iter_mut() {
        if !job.run(tx.handle()).await {
            return false; // dropping `tx` rolls back
        }
    }
    tx.commit().await.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn writer() -> (Writer, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("w.db").display());
        let pool = crate::db::connect(&url).await.unwrap();
        sqlx::query("CREATE TABLE t (n INTEGER PRIMARY KEY CHECK (n >= 0))")
            .execute(&pool)
            .await
            .unwrap();
        (Writer::new(pool), dir)
    }

    fn insert(writer: &Writer, n: i64) -> impl Future<Output = Result<i64, sqlx::Error>> + '_ {
        writer.run(move |conn| {
            Box::pin(async move {
                let rows: Vec<(i64,)> = crate::on_db!(conn, |e| {
                    sqlx::query_as("INSERT INTO t (n) VALUES ($1) RETURNING n")
                        .bind(n)
                        .fetch_all(e)
                        .await
                })?;
                Ok(rows[0].0)
            })
        })
    }

    async fn stored(writer: &Writer) -> Vec<i64> {
        sqlx::query_scalar("SELECT n FROM t ORDER BY n")
            .fetch_all(writer.db().as_sqlite().unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn concurrent_writes_all_land_with_their_own_results() {
        let (writer, _dir) = writer().await;
        let results = futures_util::future::join_all((0..200).map(|n| insert(&writer, n))).await;
        let results: Vec<i64> = results.into_iter().map(Result::unwrap).collect();
        assert_eq!(results, (0..200).collect::<Vec<_>>());
        assert_eq!(stored(&writer).await, (0..200).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn a_failing_write_fails_alone_and_its_batch_still_lands() {
        let (writer, _dir) = writer().await;
        // Queued together: the CHECK refuses -1 and the primary key the
        // second 5; the batch is rolled back and each write runs on its own.
        let ns = [1, 2, -1, 3, 5, 4, 5, 6];
        let results = futures_util::future::join_all(ns.iter().map(|n| insert(&writer, *n))).await;
        let refused: Vec<i64> = ns
            .iter()
            .zip(&results)
            .filter(|(_, r)| r.is_err())
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(refused, [-1, 5]);
        assert_eq!(stored(&writer).await, [1, 2, 3, 4, 5, 6]);
    }
}
