//! The floor: raw SQLite through rusqlite, on the same file with the same
//! pragmas, running the statements the bot runs, without the bot around them.

use crate::stats::{Rate, Samples, Summary};
use ostbot::polls;
use rusqlite::{params, Connection};
use std::path::Path;
use std::time::{Duration, Instant};

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

    /// The statements `reviews::scores::summary` runs: the aggregate row, then
    /// the middle voice(s) from the ordered index.
    pub fn score_summaries(&self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        let mut totals = self.0.prepare_cached(
            "SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
             FROM score_totals WHERE guild_id = ? AND kind = 'drama' AND target_id = ?",
        )?;
        let mut middle = self.0.prepare_cached(
            "SELECT voice FROM voices WHERE guild_id = ? AND kind = 'drama' AND target_id = ?
             ORDER BY voice LIMIT ? OFFSET ?",
        )?;
        let mut samples = Samples::with_capacity(keys.len());
        for (guild, drama) in keys {
            let start = Instant::now();
            if let Ok(n) = totals.query_row(params![guild, drama], |r| r.get::<_, i64>(0)) {
                let rows = middle
                    .query_map(params![guild, drama, 2 - n % 2, (n - 1) / 2], |r| {
                        r.get::<_, f64>(0)
                    })?;
                let _ = rows.count();
            }
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The all-time drama leaderboard statement of `reviews::scores::leaderboard`.
    /// `guilds` of 0 read across servers (global entries only, as the bot does).
    pub fn leaderboard(&self, guilds: &[i64]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(guilds.len());
        for guild in guilds {
            let exists = if *guild == 0 {
                "EXISTS (SELECT 1 FROM dramas WHERE dramas.id = s.target_id AND dramas.scope = 0)"
            } else {
                "EXISTS (SELECT 1 FROM dramas WHERE dramas.id = s.target_id)"
            };
            let mut stmt = self.0.prepare_cached(&format!(
            "WITH s AS (SELECT target_id, voices, total FROM score_totals
                        WHERE guild_id = ?1 AND kind = ?2),
                  c AS (SELECT SUM(total) / SUM(voices) AS mean FROM s)
             SELECT s.target_id, s.voices, s.total, c.mean AS server_mean FROM s, c
             JOIN dramas d ON d.id = s.target_id
             WHERE s.voices >= ?4 AND {exists}
               AND (?5 IS NULL OR d.year = ?5)
               AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(d.genres) WHERE lower(json_each.value) = lower(?6)))
             ORDER BY (s.total + ?7 * c.mean) / (s.voices + ?7) DESC, s.voices DESC, s.target_id"
            ))?;
            let start = Instant::now();
            let rows = stmt.query_map(
                params![
                    guild,
                    "drama",
                    "",
                    1_i64,
                    None::<i32>,
                    None::<String>,
                    10.0_f64
                ],
                |r| r.get::<_, i64>(0),
            )?;
            let _ = rows.count();
            samples.push(start.elapsed());
        }
        Ok(samples.summary())
    }

    /// The statements of `reviews::save` for a new whole-OST review, one
    /// `BEGIN IMMEDIATE` transaction each, for `duration`.
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
            let at = "2026-11-24T21:00:00.000Z";
            let start = Instant::now();
            c.execute_batch("BEGIN IMMEDIATE")?;
            let _: Option<i64> = c
                .prepare_cached(
                    "SELECT id, score, body, spoiler, updated_at FROM reviews
                     WHERE guild_id = ? AND drama_id = ? AND track_key = ? AND member_id = ?",
                )?
                .query_row(params![guild, drama, 0, member], |r| r.get(0))
                .ok();
            let id: i64 = c
                .prepare_cached(
                    "INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
                         score, body, spoiler, created_at, updated_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                )?
                .query_row(
                    params![
                        guild,
                        member,
                        "floor",
                        drama,
                        0,
                        score,
                        None::<String>,
                        false,
                        at,
                        at
                    ],
                    |r| r.get(0),
                )?;
            let rows = c
                .prepare_cached(
                    "SELECT track_key, score FROM reviews
                     WHERE member_id = ? AND guild_id = ? AND drama_id = ?",
                )?
                .query_map(params![member, guild, drama], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?))
                })?
                .count();
            debug_assert_eq!(rows, 1);
            let _: Option<f64> = c
                .prepare_cached(
                    "SELECT voice FROM voices WHERE guild_id = ? AND kind = ? AND target_id = ? AND member_id = ?",
                )?
                .query_row(params![guild, "drama", drama, member], |r| r.get(0))
                .ok();
            c.prepare_cached(
                "INSERT INTO voices (guild_id, kind, target_id, member_id, voice, updated_at)
                 VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (guild_id, kind, target_id, member_id)
                 DO UPDATE SET voice = excluded.voice, updated_at = excluded.updated_at",
            )?
            .execute(params![guild, "drama", drama, member, score as f64, at])?;
            let mut h = [0_i64; 10];
            h[(score - 1) as usize] = 1;
            for g in [guild, 0] {
                c.prepare_cached(
                    "INSERT INTO score_totals (guild_id, kind, target_id, voices, total, total_sq,
                         h1, h2, h3, h4, h5, h6, h7, h8, h9, h10)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (guild_id, kind, target_id) DO UPDATE SET
                         voices = voices + excluded.voices, total = total + excluded.total,
                         total_sq = total_sq + excluded.total_sq,
                         h1 = h1 + excluded.h1, h2 = h2 + excluded.h2, h3 = h3 + excluded.h3,
                         h4 = h4 + excluded.h4, h5 = h5 + excluded.h5, h6 = h6 + excluded.h6,
                         h7 = h7 + excluded.h7, h8 = h8 + excluded.h8, h9 = h9 + excluded.h9,
                         h10 = h10 + excluded.h10",
                )?
                .execute(params![
                    g,
                    "drama",
                    drama,
                    1,
                    score as f64,
                    (score * score) as f64,
                    h[0],
                    h[1],
                    h[2],
                    h[3],
                    h[4],
                    h[5],
                    h[6],
                    h[7],
                    h[8],
                    h[9]
                ])?;
                c.prepare_cached(
                    "DELETE FROM score_totals WHERE guild_id = ? AND kind = ? AND target_id = ? AND voices <= 0",
                )?
                .execute(params![g, "drama", drama])?;
            }
            let _: String = c
                .prepare_cached(
                    "SELECT r.id, r.guild_id, r.member_id, r.member_name, r.drama_id, r.track_key,
                         r.score, r.body, r.spoiler, r.created_at, r.updated_at,
                         (SELECT COUNT(*) FROM review_history h WHERE h.review_id = r.id) AS edits
                     FROM reviews r WHERE r.id = ?",
                )?
                .query_row(params![id], |r| r.get(3))?;
            c.execute_batch("COMMIT")?;
            samples.push(start.elapsed());
        }
        Ok(samples.rate())
    }

    /// The statement of `polls::vote` for a first single-choice ballot.
    pub fn votes(&self, poll: i64, guild: i64, n: usize) -> anyhow::Result<Rate> {
        let c = &self.0;
        let mut samples = Samples::with_capacity(n);
        let now = chrono::Utc::now().timestamp();
        for v in 0..n {
            let member = 8_000_000_000_000_000 + v as i64;
            let start = Instant::now();
            let _: (i64, bool, String) = c.prepare_cached(polls::VOTE_SQL)?.query_row(
                params![
                    poll,
                    guild,
                    now,
                    member,
                    1_i64 << (v % 4),
                    true,
                    polls::EDIT_GAP_SECS
                ],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            samples.push(start.elapsed());
        }
        Ok(samples.rate())
    }

    /// What closing a poll reads: the tally (at its forced edit and again
    /// for the results post) and the voters the results post shows.
    pub fn close_statements(&self, poll: i64) -> anyhow::Result<f64> {
        let c = &self.0;
        let start = Instant::now();
        for _ in 0..2 {
            let _ = c
                .prepare_cached(polls::TALLY_SQL)?
                .query_map(params![poll, false], |r| r.get::<_, i64>(1))?
                .count();
        }
        let _ = c
            .prepare_cached(polls::VOTERS_SQL)?
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

    pub fn count(&self, sql: &str) -> anyhow::Result<i64> {
        Ok(self.0.query_row(sql, [], |r| r.get(0))?)
    }
}
