//! Databases for tests. Importing the shipped catalog with its search
//! indexes takes seconds in a debug build, so it happens once: the first test
//! of a test binary builds a template database (migrations + catalog) and
//! every test copies that file. The template lives in Cargo's temporary
//! directory for integration tests, named after the test binary and its
//! build, so a rerun of an unchanged binary reuses it and a rebuilt one
//! (new migrations, new catalog, new import code) makes a new one. Test
//! processes running at once are safe: each builds under a name of its own
//! and renames the finished file into place, which is atomic, and a copy is
//! only ever taken of a finished file.
//!
//! `OSTBOT_TEST_DATABASE=postgres` runs the suite on PostgreSQL instead
//! (`.ci/run` runs it on both): the template is then a database on the test
//! server, built the same way and renamed into place, and each test's
//! database is `CREATE DATABASE … TEMPLATE` of it.

use ostbot::db::{Backend, Database};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// The URL of a SQLite file.
pub fn url_of(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// The template for this test binary, built on first use.
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        // Its own thread and runtime: the caller may be inside any test's
        // runtime, and the pool must not outlive the runtime it ran on.
        std::thread::spawn(build)
            .join()
            .expect("the template database builds")
    })
}

/// This test binary's name and build, which decide the template's name.
fn identity() -> (String, String) {
    let exe = std::env::current_exe().expect("test binary path");
    let stem = exe
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("tests")
        .to_owned();
    let meta = std::fs::metadata(&exe).expect("test binary metadata");
    let built = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    (stem, format!("{built:x}-{:x}", meta.len()))
}

fn build() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("templates");
    std::fs::create_dir_all(&dir).expect("template directory");
    let (stem, build) = identity();
    let path = dir.join(format!("{stem}-{build}.db"));
    if path.exists() {
        return path;
    }
    forget_old_templates(&dir, &stem, &path);
    let partial = dir.join(format!("{stem}-{build}.{}.partial", std::process::id()));
    let _ = std::fs::remove_file(&partial);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let scratch = tempfile::tempdir().expect("temp dir");
        let db = ostbot::app::open_database(&url_of(&scratch.path().join("template.db")))
            .await
            .expect("the shipped catalog imports");
        let pool = db.as_sqlite().expect("a SQLite template");
        // One self-contained file, WAL folded in, whatever the journal mode.
        sqlx::query("VACUUM INTO ?")
            .bind(partial.display().to_string())
            .execute(pool)
            .await
            .expect("VACUUM INTO the template");
        db.close().await;
    });
    std::fs::rename(&partial, &path).expect("template moved into place");
    path
}

/// Templates of earlier builds of this binary, once they are an hour old
/// (a process of that build may still be copying a young one).
fn forget_old_templates(dir: &Path, stem: &str, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in entries.flatten() {
        let path = entry.path();
        let ours = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with(&format!("{stem}-")));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < hour_ago);
        if ours && old && path != keep {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The backend this run of the suite tests: `OSTBOT_TEST_DATABASE`
/// (`sqlite`, the default, or `postgres`).
pub fn backend() -> Backend {
    match std::env::var("OSTBOT_TEST_DATABASE").as_deref() {
        Ok("postgres") | Ok("postgresql") => Backend::Postgres,
        Ok("sqlite") | Ok("") | Err(_) => Backend::Sqlite,
        Ok(other) => panic!("OSTBOT_TEST_DATABASE must be sqlite or postgres, not {other:?}"),
    }
}

/// Whether this run is on PostgreSQL; a test of something SQLite alone has
/// (its file, its WAL, `VACUUM INTO` backups) says it skipped.
pub fn skipped_on_postgres(test: &str) -> bool {
    use std::io::Write as _;
    let skip = backend() == Backend::Postgres;
    if skip {
        let _ = writeln!(
            std::io::stderr(),
            "{test}: skipped on PostgreSQL (it tests SQLite's own file)"
        );
    }
    skip
}

/// Copies the template (schema and shipped catalog) to `dir/name`, or, on
/// PostgreSQL, to a new database, and returns its URL: for tests that start
/// the real binary on it.
pub fn seed(dir: &Path, name: &str) -> String {
    seed_on(backend(), dir, name)
}

/// [`seed`] on `backend`, whichever the suite runs on.
pub fn seed_on(backend: Backend, dir: &Path, name: &str) -> String {
    if backend == Backend::Postgres {
        return postgres_seed();
    }
    let path = dir.join(name);
    std::fs::copy(template(), &path).expect("template copied");
    url_of(&path)
}

/// A new PostgreSQL database copied from this binary's template.
fn postgres_seed() -> String {
    let template = postgres_template();
    on_own_runtime(move || async move {
        let admin = super::postgres::admin("template copy")
            .await
            .expect("OSTBOT_TEST_DATABASE=postgres needs the PostgreSQL server");
        let url = super::postgres::copy_of(&admin, template).await;
        admin.close().await;
        url
    })
}

/// The PostgreSQL template of this binary (schema and shipped catalog),
/// built on first use.
fn postgres_template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| on_own_runtime(build_postgres_template))
}

async fn build_postgres_template() -> String {
    use std::hash::{Hash, Hasher};
    let admin = super::postgres::admin("template")
        .await
        .expect("OSTBOT_TEST_DATABASE=postgres needs the PostgreSQL server");
    let (stem, build) = identity();
    let hash = |s: &str| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        s.hash(&mut hasher);
        hasher.finish() as u32
    };
    // This test binary's templates share a prefix; the build tells them apart.
    let prefix = format!("ostbot_template_{:08x}_", hash(&stem));
    let name = format!("{prefix}{:08x}", hash(&build));
    if !super::postgres::exists(&admin, &name).await {
        forget_old_postgres_templates(&admin, &prefix).await;
        let partial = format!("{name}_{}", std::process::id());
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {partial}"))
            .execute(&admin)
            .await;
        sqlx::query(&format!("CREATE DATABASE {partial}"))
            .execute(&admin)
            .await
            .expect("the template database");
        let db = ostbot::app::open_database(&super::postgres::url_of(&partial))
            .await
            .expect("the shipped catalog imports into PostgreSQL");
        db.close().await;
        let renamed = sqlx::query(&format!("ALTER DATABASE {partial} RENAME TO {name}"))
            .execute(&admin)
            .await;
        if renamed.is_err() {
            // Another test process finished the same template first.
            let _ = sqlx::query(&format!("DROP DATABASE {partial} WITH (FORCE)"))
                .execute(&admin)
                .await;
        }
    }
    admin.close().await;
    name
}

/// Earlier builds' templates of this test binary. One that a test process
/// of that build is still copying has a connection, and PostgreSQL refuses
/// to drop it: it goes next time.
async fn forget_old_postgres_templates(admin: &sqlx::PgPool, prefix: &str) {
    let old: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE starts_with(datname, $1)")
            .bind(prefix)
            .fetch_all(admin)
            .await
            .unwrap_or_default();
    for name in old {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name}"))
            .execute(admin)
            .await;
    }
}

/// Runs `work` to its end on a thread and runtime of its own: the caller may
/// be inside any test's runtime, and pools must not outlive the runtime they
/// ran on.
fn on_own_runtime<F, T>(work: impl FnOnce() -> F + Send + 'static) -> T
where
    F: std::future::Future<Output = T>,
    T: Send + 'static,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(work())
    })
    .join()
    .expect("the database work finishes")
}

/// A fresh database with the shipped catalog (in a temporary directory on
/// SQLite), as `ostbot run` would open it (the catalog's fingerprint
/// matches, so opening imports nothing).
pub async fn database() -> (tempfile::TempDir, String, Database) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = seed(dir.path(), "ostbot.db");
    let pool = ostbot::app::open_database(&url).await.expect("database");
    (dir, url, pool)
}

/// A fresh SQLite database with the schema and no catalog (`db::connect`),
/// for tests that compare it with PostgreSQL.
pub async fn empty_database() -> (tempfile::TempDir, String, SqlitePool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = url_of(&dir.path().join("ostbot.db"));
    let pool = ostbot::db::connect(&url).await.expect("database");
    (dir, url, pool)
}
