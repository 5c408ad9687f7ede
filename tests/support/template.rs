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
        let pool = ostbot::app::open_database(&url_of(&scratch.path().join("template.db")))
            .await
            .expect("the shipped catalog imports");
        // One self-contained file, WAL folded in, whatever the journal mode.
        sqlx::query("VACUUM INTO ?")
            .bind(partial.display().to_string())
            .execute(&pool)
            .await
            .expect("VACUUM INTO the template");
        pool.close().await;
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

/// Copies the template (schema and shipped catalog) to `dir/name` and
/// returns its URL: for tests that start the real binary on it.
pub fn seed(dir: &Path, name: &str) -> String {
    let path = dir.join(name);
    std::fs::copy(template(), &path).expect("template copied");
    url_of(&path)
}

/// A fresh database with the shipped catalog in a temporary directory, as
/// `ostbot run` would open it (the catalog's fingerprint matches, so opening
/// imports nothing).
pub async fn database() -> (tempfile::TempDir, String, SqlitePool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = seed(dir.path(), "ostbot.db");
    let pool = ostbot::app::open_database(&url).await.expect("database");
    (dir, url, pool)
}

/// A fresh database with the schema and no catalog (`db::connect`), for
/// tests that bring their own entries.
pub async fn empty_database() -> (tempfile::TempDir, String, SqlitePool) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = url_of(&dir.path().join("ostbot.db"));
    let pool = ostbot::db::connect(&url).await.expect("database");
    (dir, url, pool)
}
