//! The floor: raw SQLite through rusqlite, on the same file with the same
//! pragmas, running the statements the bot runs, without the bot around them.

use crate::stats::{Samples, Summary};
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::Instant;

pub struct Floor(Connection);

impl Floor {
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
        )?;
        Ok(Floor(conn))
    }

    /// A track read by primary key with its drama: what `/track` must at least do.
    pub fn track_reads(&self, ids: &[i64]) -> anyhow::Result<Summary> {
        let mut stmt = self.0.prepare_cached(
            "SELECT t.id, t.title, t.artist, t.album, d.title FROM tracks t JOIN dramas d ON d.id = t.drama_id WHERE t.id = ?",
        )?;
        let mut samples = Samples::with_capacity(ids.len());
        for id in ids {
            let start = Instant::now();
            let _: Option<String> = stmt.query_row(params![id], |r| r.get(1)).ok();
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The trigram index probe a search starts from, one per query.
    pub fn search_statements(&self, queries: &[String]) -> anyhow::Result<Summary> {
        let mut fts = self
            .0
            .prepare_cached("SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 200")?;
        let mut samples = Samples::with_capacity(queries.len());
        for q in queries {
            let compact: String = q
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let start = Instant::now();
            if compact.chars().count() >= 3 {
                let phrase = format!("\"{compact}\"");
                let rows = fts.query_map(params![phrase], |r| r.get::<_, i64>(0))?;
                let _ = rows.count();
            }
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }
}
