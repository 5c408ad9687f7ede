//! Online backups and restores of the SQLite database.
//!
//! A backup is `VACUUM INTO` on a connection of its own: it reads one
//! snapshot of the database (WAL mode lets writers go on meanwhile; the WAL
//! only grows until the snapshot is released) and writes a compact,
//! consistent copy. The copy is written under a `.partial` name, synced, and
//! renamed: a process killed mid-backup leaves a `.partial` file, never a
//! damaged backup under a real name, and never touches the database or the
//! previous backups.

use chrono::{DateTime, NaiveDateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// Names of scheduled backups: `ostbot-20261201T203000Z.db`.
const PREFIX: &str = "ostbot-";
const SUFFIX: &str = ".db";
const PARTIAL: &str = ".partial";
const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// `BACKUP_DIR`, `BACKUP_EVERY` (default `6h`), `BACKUP_KEEP` (default 14).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

impl Schedule {
    pub const DEFAULT_EVERY: Duration = Duration::from_secs(6 * 3600);
    pub const DEFAULT_KEEP: usize = 14;

    /// From the three variables; `None` without `BACKUP_DIR`.
    pub fn from_vars(
        dir: Option<String>,
        every: Option<String>,
        keep: Option<String>,
    ) -> Result<Option<Schedule>, String> {
        let Some(dir) = dir else {
            return match (every, keep) {
                (None, None) => Ok(None),
                _ => Err(
                    "BACKUP_EVERY and BACKUP_KEEP need BACKUP_DIR (where to write backups)"
                        .to_owned(),
                ),
            };
        };
        let every = match every {
            None => Self::DEFAULT_EVERY,
            Some(text) => crate::polls::parse_duration(&text)
                .ok()
                .and_then(|d| d.to_std().ok())
                .ok_or_else(|| {
                    format!("BACKUP_EVERY must be a duration like 6h, 30m or 1d (got {text:?})")
                })?,
        };
        let keep = match keep {
            None => Self::DEFAULT_KEEP,
            Some(text) => match text.parse::<usize>() {
                Ok(n) if n > 0 => n,
                _ => {
                    return Err(format!(
                        "BACKUP_KEEP must be a positive number (got {text:?})"
                    ))
                }
            },
        };
        Ok(Some(Schedule {
            dir: PathBuf::from(dir),
            every,
            keep,
        }))
    }
}

/// Writes a consistent copy of the database behind `pool` to `path`, which
/// must not exist. Runs on a connection of its own, so the pool keeps all of
/// its connections for interactions.
pub async fn write(db: &crate::db::Database, path: &Path) -> anyhow::Result<()> {
    let Some(pool) = db.as_sqlite() else {
        anyhow::bail!(
            "ostbot backup copies a SQLite file; back PostgreSQL up with pg_dump or the server's continuous archiving"
        );
    };
    anyhow::ensure!(
        !path.exists(),
        "{} already exists; choose a new path",
        path.display()
    );
    let partial = partial_of(path);
    let _ = std::fs::remove_file(&partial);
    let options = pool.connect_options().as_ref().clone();
    let mut conn = options.connect().await?;
    let result = sqlx::query("VACUUM INTO ?")
        .bind(partial.to_string_lossy().to_string())
        .execute(&mut conn)
        .await;
    let _ = conn.close().await;
    if let Err(error) = result {
        let _ = std::fs::remove_file(&partial);
        anyhow::bail!(
            "cannot back up to {}: {}",
            path.display(),
            crate::error::one_line(&error)
        );
    }
    // Syncing a large file takes a while: off the runtime's threads.
    let path = path.to_path_buf();
    tokio::task::spawn_blocking(move || -> std::io::Result<()> {
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, &path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Ok(dir) = std::fs::File::open(dir) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    })
    .await??;
    Ok(())
}

fn partial_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(PARTIAL);
    PathBuf::from(name)
}

/// The file name of a scheduled backup taken at `at`.
pub fn name_at(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
}

/// The scheduled backups in `dir`, oldest first, with their times.
pub fn list(dir: &Path) -> Vec<(DateTime<Utc>, PathBuf)> {
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
            let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            Some((at, entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// One scheduled backup at `now`: written, then all but the newest `keep`
/// removed (with any `.partial` left by a process killed mid-backup).
pub async fn run_once(
    pool: &crate::db::Database,
    schedule: &Schedule,
    now: DateTime<Utc>,
) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(&schedule.dir)?;
    let path = schedule.dir.join(name_at(now));
    write(pool, &path).await?;
    let backups = list(&schedule.dir);
    let extra = backups.len().saturating_sub(schedule.keep);
    for (_, old) in &backups[..extra] {
        if let Err(error) = std::fs::remove_file(old) {
            tracing::warn!(%error, path = %old.display(), "could not remove an old backup");
        }
    }
    for entry in std::fs::read_dir(&schedule.dir)?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(PREFIX) && name.ends_with(PARTIAL) && entry.path() != partial_of(&path)
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(path)
}

/// When the next backup is due: `every` after the newest one in the
/// directory, or now when there is none (or it is overdue).
pub fn next_due(schedule: &Schedule, now: DateTime<Utc>) -> DateTime<Utc> {
    let every = chrono::Duration::from_std(schedule.every).unwrap_or(chrono::Duration::hours(6));
    match list(&schedule.dir).last() {
        Some((newest, _)) if *newest + every > now => *newest + every,
        _ => now,
    }
}

/// What the scheduled loop reports (the transports' `/metrics`).
pub trait Observer: Send + Sync {
    fn backed_up(&self, at: DateTime<Utc>);
    fn backup_failed(&self);
}

/// Runs scheduled backups until `shutdown` resolves. A backup under way
/// when it does is finished first (it is one statement).
pub async fn run_schedule(
    pool: crate::db::Database,
    schedule: Schedule,
    observer: std::sync::Arc<dyn Observer>,
    shutdown: impl std::future::Future<Output = ()> + Send,
) {
    tokio::pin!(shutdown);
    loop {
        let now = Utc::now();
        let wait = (next_due(&schedule, now) - now)
            .to_std()
            .unwrap_or_default();
        tokio::select! {
            _ = &mut shutdown => return,
            _ = tokio::time::sleep(wait) => {}
        }
        let started = std::time::Instant::now();
        let now = Utc::now();
        tracing::info!(dir = %schedule.dir.display(), "backing up the database");
        match run_once(&pool, &schedule, now).await {
            Ok(path) => {
                observer.backed_up(now);
                tracing::info!(path = %path.display(), elapsed_ms = started.elapsed().as_millis() as u64, "backed up the database");
            }
            Err(error) => {
                observer.backup_failed();
                tracing::error!(error = %format!("{error:#}"), "the scheduled backup failed");
                // Try again in a while rather than in a tight loop.
                tokio::select! {
                    _ = &mut shutdown => return,
                    _ = tokio::time::sleep(schedule.every.min(Duration::from_secs(600))) => {}
                }
            }
        }
    }
}

/// Why a backup may not be restored.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refusal {
    #[error("the backup fails PRAGMA integrity_check: {0}")]
    Damaged(String),
    #[error("the backup is not an ostbot database (no migrations table)")]
    NotOstbot,
    #[error("the backup has migration {0}, which this binary does not know: it is newer than this ostbot; restore it with the version that wrote it")]
    Newer(i64),
    #[error("migration {0} in the backup differs from this binary's")]
    Mismatch(i64),
    #[error("migration {0} did not finish in the backup")]
    Unfinished(i64),
}

/// Checks a backup file without changing it: integrity, and that every
/// migration it has applied is one of this binary's, unchanged. Returns
/// how many migrations it has (fewer than the binary's is fine: they run
/// on the next start).
pub async fn check(backup: &Path) -> anyhow::Result<Result<usize, Refusal>> {
    anyhow::ensure!(backup.is_file(), "{} is not a file", backup.display());
    let options = SqliteConnectOptions::new()
        .filename(backup)
        .read_only(true)
        .create_if_missing(false);
    let mut conn: SqliteConnection = options.connect().await?;
    let verdict = verdict(&mut conn).await;
    let _ = conn.close().await;
    verdict
}

async fn verdict(conn: &mut SqliteConnection) -> anyhow::Result<Result<usize, Refusal>> {
    let integrity: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await?;
    let problems: Vec<String> = integrity.into_iter().map(|(line,)| line).collect();
    if problems != ["ok"] {
        return Ok(Err(Refusal::Damaged(problems.join("; "))));
    }
    let applied: Vec<(i64, bool, Vec<u8>)> = match sqlx::query_as(
        "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await
    {
        Ok(rows) => rows,
        Err(_) => return Ok(Err(Refusal::NotOstbot)),
    };
    let migrator = sqlx::migrate!("../../migrations/sqlite");
    for (version, success, checksum) in &applied {
        let Some(known) = migrator.iter().find(|m| m.version == *version) else {
            return Ok(Err(Refusal::Newer(*version)));
        };
        if !success {
            return Ok(Err(Refusal::Unfinished(*version)));
        }
        if known.checksum.as_ref() != checksum.as_slice() {
            return Ok(Err(Refusal::Mismatch(*version)));
        }
    }
    Ok(Ok(applied.len()))
}

/// Replaces the database at `url` with `backup`, after `check` passed. The
/// database it replaces (with its WAL) is kept beside it as
/// `<name>.before-restore-<time>`. The bot must be stopped.
pub async fn restore(backup: &Path, url: &str, now: DateTime<Utc>) -> anyhow::Result<Restored> {
    if let Err(refusal) = check(backup).await? {
        anyhow::bail!("nothing was replaced: {refusal}");
    }
    let target = SqliteConnectOptions::from_str(url)?
        .get_filename()
        .to_path_buf();
    anyhow::ensure!(
        target != backup,
        "the backup and the database are the same file"
    );
    let staged = partial_of(&target);
    std::fs::copy(backup, &staged)?;
    std::fs::File::open(&staged)?.sync_all()?;
    let mut kept = None;
    if target.exists() {
        let mut aside = target.as_os_str().to_owned();
        aside.push(format!(".before-restore-{}", now.format(STAMP)));
        let aside = PathBuf::from(aside);
        std::fs::rename(&target, &aside)?;
        for side in ["-wal", "-shm"] {
            let mut from = target.as_os_str().to_owned();
            from.push(side);
            let mut to = aside.as_os_str().to_owned();
            to.push(side);
            // The last connection to close deletes these; one may go
            // between a check and the rename, so a missing one is fine.
            match std::fs::rename(&from, &to) {
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                other => other?,
            }
        }
        kept = Some(aside);
    }
    std::fs::rename(&staged, &target)?;
    Ok(Restored { target, kept })
}

/// Where a restore put things.
#[derive(Debug)]
pub struct Restored {
    pub target: PathBuf,
    /// The database that was replaced, kept aside.
    pub kept: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn the_schedule_reads_its_variables() {
        assert_eq!(Schedule::from_vars(None, None, None), Ok(None));
        let s = Schedule::from_vars(Some("/b".into()), Some("6h".into()), Some("3".into()))
            .expect("valid")
            .expect("on");
        assert_eq!((s.every, s.keep), (Duration::from_secs(21_600), 3));
        let d = Schedule::from_vars(Some("/b".into()), None, None)
            .expect("valid")
            .expect("on");
        assert_eq!((d.every, d.keep), (Schedule::DEFAULT_EVERY, 14));
        assert!(Schedule::from_vars(Some("/b".into()), Some("often".into()), None).is_err());
        assert!(Schedule::from_vars(Some("/b".into()), None, Some("0".into())).is_err());
        assert!(Schedule::from_vars(None, Some("6h".into()), None).is_err());
    }

    async fn pool(dir: &Path) -> sqlx::SqlitePool {
        let url = format!("sqlite://{}", dir.join("live.db").display());
        crate::db::connect(&url).await.expect("database")
    }

    #[tokio::test]
    async fn scheduled_backups_keep_the_newest_and_restore_checks_first() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = pool(dir.path()).await;
        sqlx::query("INSERT INTO seen_interactions (id, seen_at) VALUES (7, 1)")
            .execute(&pool)
            .await
            .expect("insert");
        let schedule = Schedule {
            dir: dir.path().join("backups"),
            every: Duration::from_secs(3600),
            keep: 2,
        };
        assert_eq!(next_due(&schedule, at(1)), at(1), "none yet: due now");
        std::fs::create_dir_all(&schedule.dir).expect("dir");
        std::fs::write(
            schedule.dir.join("ostbot-20261201T000000Z.db.partial"),
            b"torn",
        )
        .expect("write");
        for h in 1..=3 {
            run_once(&pool.clone().into(), &schedule, at(h))
                .await
                .expect("backup");
        }
        let names: Vec<String> = std::fs::read_dir(&schedule.dir)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            names,
            [name_at(at(2)), name_at(at(3))],
            "newest two, no partial"
        );
        assert_eq!(next_due(&schedule, at(3)), at(4));
        let newest = &list(&schedule.dir)[1].1;
        assert_eq!(
            check(newest).await.expect("opens"),
            Ok(sqlx::migrate!("../../migrations/sqlite").iter().count())
        );

        // A restore puts the backup's rows back and keeps what it replaced.
        sqlx::query("DELETE FROM seen_interactions")
            .execute(&pool)
            .await
            .expect("delete");
        pool.close().await;
        let url = format!("sqlite://{}", dir.path().join("live.db").display());
        let restored = restore(newest, &url, at(5)).await.expect("restored");
        assert!(restored.kept.is_some_and(|p| p.exists()));
        let pool = crate::db::connect(&url).await.expect("reopens");
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM seen_interactions")
            .fetch_one(&pool)
            .await
            .expect("count");
        assert_eq!(n, 1);
    }

    /// A backup reads one snapshot on a connection of its own: writes go
    /// on meanwhile, each within milliseconds, and the copy holds what was
    /// committed when it started.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn writes_go_on_while_a_backup_is_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = pool(dir.path()).await;
        sqlx::query("CREATE TABLE ballast (b BLOB)")
            .execute(&pool)
            .await
            .expect("table");
        // Some 32 MB, so that the copy takes a while.
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)
             INSERT INTO ballast SELECT randomblob(4000) FROM n",
        )
        .execute(&pool)
        .await
        .expect("ballast");
        let copy = dir.path().join("copy.db");
        let backup = tokio::spawn({
            let (pool, copy) = (pool.clone(), copy.clone());
            async move { write(&pool.into(), &copy).await }
        });
        // How long a write may wait is a bench figure ("/review write p99
        // during a backup"); here, writes must finish while the copy runs.
        let mut writes = 0i64;
        let mut finished_during_backup = 0;
        loop {
            sqlx::query("INSERT INTO seen_interactions (id, seen_at) VALUES (?, 0)")
                .bind(writes)
                .execute(&pool)
                .await
                .expect("a write during the backup");
            writes += 1;
            if backup.is_finished() {
                break;
            }
            finished_during_backup += 1;
        }
        backup.await.expect("join").expect("backup");
        assert!(
            finished_during_backup > 0,
            "no write finished before the backup did"
        );
        let mut copied = SqliteConnectOptions::new()
            .filename(&copy)
            .read_only(true)
            .connect()
            .await
            .expect("open the copy");
        let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM seen_interactions")
            .fetch_one(&mut copied)
            .await
            .expect("count");
        assert!(rows < writes, "{rows} rows copied of {writes} written");
    }

    #[tokio::test]
    async fn restore_refuses_damaged_newer_and_foreign_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = pool(dir.path()).await;
        let good = dir.path().join("good.db");
        write(&pool.clone().into(), &good).await.expect("backup");
        let url = format!("sqlite://{}", dir.path().join("live.db").display());

        let newer = dir.path().join("newer.db");
        std::fs::copy(&good, &newer).expect("copy");
        let mut conn = SqliteConnectOptions::new()
            .filename(&newer)
            .connect()
            .await
            .expect("open");
        sqlx::query("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (9999, 'future', 1, x'00', 0)")
            .execute(&mut conn).await.expect("insert");
        conn.close().await.expect("close");
        assert_eq!(
            check(&newer).await.expect("opens"),
            Err(Refusal::Newer(9999))
        );

        let foreign = dir.path().join("foreign.db");
        let mut conn = SqliteConnectOptions::new()
            .filename(&foreign)
            .create_if_missing(true)
            .connect()
            .await
            .expect("open");
        sqlx::query("CREATE TABLE t (x)")
            .execute(&mut conn)
            .await
            .expect("create");
        conn.close().await.expect("close");
        assert_eq!(
            check(&foreign).await.expect("opens"),
            Err(Refusal::NotOstbot)
        );

        let damaged = dir.path().join("damaged.db");
        let mut bytes = std::fs::read(&good).expect("read");
        let page = 4096;
        for b in bytes.iter_mut().skip(page).take(page * 3) {
            *b = 0x5a;
        }
        std::fs::write(&damaged, bytes).expect("write");
        let verdict = check(&damaged).await;
        assert!(!matches!(verdict, Ok(Ok(_))), "{verdict:?}");

        let before = std::fs::read(dir.path().join("live.db")).expect("live");
        for bad in [&newer, &foreign, &damaged] {
            assert!(
                restore(bad, &url, at(1)).await.is_err(),
                "{}",
                bad.display()
            );
        }
        assert_eq!(
            std::fs::read(dir.path().join("live.db")).expect("live"),
            before,
            "untouched"
        );
    }
}
