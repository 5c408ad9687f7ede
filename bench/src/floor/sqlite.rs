//! SQLite's floor: raw SQLite through rusqlite, on the same file with the
//! same pragmas, running the statements the bot runs, without the bot around
//! them. The statements are the bench's own copies (`sql/`); the bot's test
//! `bench_statements` fails when one of them drifts from what the bot runs.

use crate::stats::{Rate, Samples, Summary};
use ostbot::polls;
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::{Duration, Instant};

/// `reviews::save`'s upsert.
const REVIEW_SAVE: &str = include_str!("../../sql/review_save.sql");
/// `polls::vote`'s ballot statement.
const POLL_VOTE: &str = include_str!("../../sql/poll_vote.sql");
/// `polls::tally`.
const POLL_TALLY: &str = include_str!("../../sql/poll_tally.sql");
/// The first voters per option, for a results post.
const POLL_VOTERS: &str = include_str!("../../sql/poll_voters.sql");
/// `reviews::scores::summary` in one server.
const SCORE_SUMMARY: &str = include_str!("../../sql/score_summary_guild.sql");
/// `reviews::scores::leaderboard` of dramas, all time, in one server.
const LEADERBOARD_GUILD: &str = include_str!("../../sql/leaderboard_guild_drama.sql");
/// The same across servers (global entries only).
const LEADERBOARD_ALL: &str = include_str!("../../sql/leaderboard_all_drama.sql");

pub struct SqliteFloor(Connection);

impl SqliteFloor {
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let conn = Connection::open(path)?;
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA wal_autocheckpoint = {};",
            ostbot::db::WAL_AUTOCHECKPOINT_PAGES
        ))?;
        Ok(SqliteFloor(conn))
    }

    /// Bytes of each table and index, by name (SQLite's `dbstat`).
    pub fn sizes(&self) -> anyhow::Result<Vec<(String, u64)>> {
        let mut stmt = self
            .0
            .prepare("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows
            .filter_map(Result::ok)
            .map(|(name, bytes)| (name, bytes.max(0) as u64))
            .collect())
    }

    /// The floor of building the catalog: writing its rows (dramas, tracks) into a fresh
    /// file with raw SQLite, without any search index. Seconds.
    pub fn catalog_copy(&self, dir: &Path) -> anyhow::Result<f64> {
        let target = dir.join("catalog-floor.db");
        let _ = std::fs::remove_file(&target);
        let started = Instant::now();
        self.0.execute(
            "ATTACH DATABASE ?1 AS copy",
            params![target.to_string_lossy()],
        )?;
        self.0.execute_batch(
            "BEGIN; CREATE TABLE copy.dramas AS SELECT * FROM main.dramas;
             CREATE TABLE copy.tracks AS SELECT * FROM main.tracks; COMMIT;",
        )?;
        let seconds = started.elapsed().as_secs_f64();
        self.0.execute_batch("DETACH DATABASE copy")?;
        Ok(seconds)
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

    /// The index probe `catalog::search::search` starts from: a B-tree
    /// prefix read of the word-suffix index for the compact query.
    pub fn search_statements(&self, queries: &[String]) -> anyhow::Result<Summary> {
        let mut words = self.0.prepare_cached(
            "SELECT key_id FROM search_words WHERE term >= ?1 AND term < ?1 || char(1114111) LIMIT 30",
        )?;
        let mut samples = Samples::with_capacity(queries.len());
        for q in queries {
            let compact: String = q
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let start = Instant::now();
            let n = words
                .query_map(params![compact], |r| r.get::<_, i64>(0))?
                .count();
            samples.push(start.elapsed());
            debug_assert!(n <= 30);
        }
        Ok(samples.summary())
    }

    /// A primary-key read of one aggregate row: the floor of a score read.
    pub fn score_pk_reads(&self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        let mut stmt = self.0.prepare_cached(
            "SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
             FROM score_totals WHERE guild_id = ? AND kind = 'drama' AND target_id = ?",
        )?;
        let mut samples = Samples::with_capacity(keys.len());
        for (guild, drama) in keys {
            let start = Instant::now();
            let _: Option<i64> = stmt.query_row(params![guild, drama], |r| r.get(0)).ok();
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The statement `reviews::scores::summary` runs: the aggregate row with
    /// the middle voice(s) from the ordered index.
    pub fn score_summaries(&self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        let mut stmt = self.0.prepare_cached(SCORE_SUMMARY)?;
        let mut samples = Samples::with_capacity(keys.len());
        for (guild, drama) in keys {
            let start = Instant::now();
            let _: Option<f64> = stmt
                .query_row(params![guild, "drama", drama], |r| r.get("median"))
                .ok();
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The first page of the all-time drama leaderboard, with the statement of
    /// `reviews::scores::leaderboard`. `guilds` of 0 read across servers
    /// (global entries only, as the bot does).
    pub fn leaderboard(&self, guilds: &[i64]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(guilds.len());
        for guild in guilds {
            let sql = if *guild == 0 {
                LEADERBOARD_ALL
            } else {
                LEADERBOARD_GUILD
            };
            let mut stmt = self.0.prepare_cached(sql)?;
            let start = Instant::now();
            let rows = stmt.query_map(
                params![
                    guild,
                    "drama",
                    "",
                    1_i64,
                    None::<i32>,
                    None::<String>,
                    10.0_f64,
                    10_i64,
                    0_i64
                ],
                |r| r.get::<_, i64>(0),
            )?;
            let _ = rows.count();
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The statement of `reviews::save` for a new whole-OST review (its
    /// triggers keep history, voices and aggregates), for `duration`.
    pub fn review_writes(
        &self,
        guild: i64,
        dramas: &[i64],
        duration: Duration,
    ) -> anyhow::Result<Rate> {
        let c = &self.0;
        let mut rng = crate::data::Rng::new(0x000F_1004);
        let mut samples = Samples::with_capacity(100_000);
        let mut n = 0_i64;
        while samples.total() < duration {
            n += 1;
            let member = 9_000_000_000_000_000 + n;
            let drama = dramas[crate::population::popular(&mut rng, dramas.len())];
            let score = crate::population::score(&mut rng);
            let at = 1_795_554_000_000_i64; // 2026-11-24T21:00:00Z in unix milliseconds
            let start = Instant::now();
            // Read to the end, as the bot does (see `ostbot::db::connect`).
            let _: Vec<String> = c
                .prepare_cached(REVIEW_SAVE)?
                .query_map(
                    params![
                        guild,
                        member,
                        "floor",
                        drama,
                        0,
                        score,
                        None::<String>,
                        false,
                        at
                    ],
                    |r| r.get(3),
                )?
                .collect::<Result<_, _>>()?;
            samples.push(start.elapsed());
        }
        self.checkpoint()?;
        Ok(samples.rate())
    }

    /// The statement of `polls::vote` for a first single-choice ballot.
    pub fn votes(&self, poll: i64, guild: i64, n: usize) -> anyhow::Result<Rate> {
        let c = &self.0;
        let mut samples = Samples::with_capacity(n);
        let now = chrono::Utc::now().timestamp_millis();
        for v in 0..n {
            let member = 8_000_000_000_000_000 + v as i64;
            let start = Instant::now();
            let _: Vec<(i64, bool, String)> = c
                .prepare_cached(POLL_VOTE)?
                .query_map(
                    params![
                        poll,
                        guild,
                        now,
                        member,
                        1_i64 << (v % 4),
                        true,
                        polls::EDIT_GAP_SECS * 1000
                    ],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?
                .collect::<Result<_, _>>()?;
            samples.push(start.elapsed());
        }
        self.checkpoint()?;
        Ok(samples.rate())
    }

    /// What closing a poll reads: the tally (at its forced edit and again
    /// for the results post) and the voters the results post shows.
    pub fn close_statements(&self, poll: i64) -> anyhow::Result<f64> {
        let c = &self.0;
        let start = Instant::now();
        for _ in 0..2 {
            let _ = c
                .prepare_cached(POLL_TALLY)?
                .query_map(params![poll, false], |r| r.get::<_, i64>(1))?
                .count();
        }
        let _ = c
            .prepare_cached(POLL_VOTERS)?
            .query_map(
                params![poll, ostbot::bot::poll_view::VOTERS_SHOWN as i64],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )?
            .count();
        Ok(start.elapsed().as_secs_f64() * 1e3)
    }

    /// One trivial statement, prepared once.
    pub fn trivial_statements(&self, n: usize) -> anyhow::Result<Summary> {
        let mut stmt = self.0.prepare_cached("SELECT 1")?;
        let mut samples = Samples::with_capacity(n);
        for _ in 0..n {
            let start = Instant::now();
            let _: i64 = stmt.query_row([], |r| r.get(0))?;
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// Writes back and empties the WAL the floor's writes left: thousands of
    /// commits in a tight loop outrun SQLite's automatic checkpoints, and the
    /// bot's next commit would pay for copying them (a 25 ms to 1 s "close").
    pub fn checkpoint(&self) -> anyhow::Result<()> {
        self.0
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn count(&self, sql: &str) -> anyhow::Result<i64> {
        Ok(self.0.query_row(sql, [], |r| r.get(0))?)
    }
}
