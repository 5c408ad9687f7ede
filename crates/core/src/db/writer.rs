//! Group commit for the busiest writes (votes, reviews): one task runs them
//! in order on one connection, and the writes that queue up while a commit is
//! under way share the next transaction.
//!
//! Each connection of the pool that writes at the same time as another waits
//! in SQLite's busy handler, which sleeps a millisecond or more, and every
//! commit pays for its own WAL frames. Queued here, a burst of clicks costs one
//! commit instead of one each and nobody sleeps. A lone write runs as before,
//! in a transaction of its own.

use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use tokio::sync::{mpsc, oneshot};

/// The most writes that share one transaction.
const MAX_BATCH: usize = 64;

pub type BoxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Runs writes through the group-commit task, started on first use.
#[derive(Clone)]
pub struct Writer {
    pool: SqlitePool,
    queue: Arc<OnceLock<mpsc::UnboundedSender<Box<dyn Job>>>>,
}

impl Writer {
    pub fn new(pool: SqlitePool) -> Self {
        Writer {
            pool,
            queue: Arc::new(OnceLock::new()),
        }
    }

    /// The pool it writes with, for the reads that go with a write.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Runs `statement`, which must be **one** statement (so that its failure
    /// undoes only itself inside a shared transaction), and returns its result
    /// once it is committed. It may run twice: a batch that fails is rolled
    /// back and each of its writes runs again on its own.
    pub async fn run<T, F>(&self, statement: F) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> Fn(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, sqlx::Error>>
            + Send
            + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let job = Box::new(Pending {
            statement,
            result: None,
            reply,
        });
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::unbounded_channel();
            tokio::spawn(serve(self.pool.clone(), rx));
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
    fn run<'c>(&'c mut self, conn: &'c mut SqliteConnection) -> BoxFuture<'c, bool>;
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
    F: for<'c> Fn(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, sqlx::Error>>
        + Send
        + 'static,
{
    fn run<'c>(&'c mut self, conn: &'c mut SqliteConnection) -> BoxFuture<'c, bool> {
        Box::pin(async move {
            let result = (self.statement)(conn).await;
            let ok = result.is_ok();
            self.result = Some(result);
            ok
        })
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

/// The task: takes what is queued, commits it together, answers each.
///
/// It keeps a connection of its own, taken out of the pool: SQLite empties a
/// connection's page cache whenever another connection has written, so a
/// writer that changed connections read every page it touched again (a vote
/// cost 5× its statement); one connection that does all these writes stays warm.
async fn serve(pool: SqlitePool, mut queue: mpsc::UnboundedReceiver<Box<dyn Job>>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    let mut own: Option<SqliteConnection> = None;
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        if own.is_none() {
            match pool.acquire().await {
                Ok(conn) => own = Some(conn.detach()),
                Err(error) => {
                    batch.drain(..).for_each(|job| job.fail(&error));
                    continue;
                }
            }
        }
        let Some(conn) = own.as_mut() else { continue };
        if batch.len() == 1 || !together(conn, &mut batch).await {
            for job in &mut batch {
                job.run(conn).await;
            }
        }
        batch.drain(..).for_each(|job| job.deliver());
    }
}

/// Runs the batch in one transaction; `false` (rolled back) if any part failed.
async fn together(conn: &mut SqliteConnection, batch: &mut [Box<dyn Job>]) -> bool {
    let Ok(mut tx) = conn.begin_with("BEGIN IMMEDIATE").await else {
        return false;
    };
    for job in batch.iter_mut() {
        if !job.run(&mut tx).await {
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
                let rows: Vec<(i64,)> = sqlx::query_as("INSERT INTO t (n) VALUES (?) RETURNING n")
                    .bind(n)
                    .fetch_all(conn)
                    .await?;
                Ok(rows[0].0)
            })
        })
    }

    async fn stored(writer: &Writer) -> Vec<i64> {
        sqlx::query_scalar("SELECT n FROM t ORDER BY n")
            .fetch_all(writer.pool())
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
