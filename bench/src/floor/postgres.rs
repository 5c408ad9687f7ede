//! PostgreSQL's floor: one plain sqlx `PgConnection` to the same database,
//! running the statements the bot runs on PostgreSQL (their own texts, copied
//! in `sql/postgres/`), prepared once, one after another, each in its own
//! implicit transaction, without the bot around them: no pool, no writer, no
//! dispatch, no decoding into the store's types.

use crate::stats::{Rate, Samples, Summary};
use ostbot::polls;
use sqlx::{Connection, Executor, PgConnection};
use std::time::{Duration, Instant};

/// `reviews::save`'s statement on PostgreSQL.
const REVIEW_SAVE: &str = include_str!("../../sql/postgres/review_save.sql");
/// `polls::vote`'s on PostgreSQL (the schema's `poll_vote`).
const POLL_VOTE: &str = include_str!("../../sql/postgres/poll_vote.sql");
/// `polls::tally`.
const POLL_TALLY: &str = include_str!("../../sql/postgres/poll_tally.sql");
/// The first voters per option, for a results post.
const POLL_VOTERS: &str = include_str!("../../sql/postgres/poll_voters.sql");
/// `reviews::scores::summary` in one server.
const SCORE_SUMMARY: &str = include_str!("../../sql/postgres/score_summary_guild.sql");
/// `reviews::scores::leaderboard` of dramas, all time, in one server.
const LEADERBOARD_GUILD: &str = include_str!("../../sql/postgres/leaderboard_guild_drama.sql");
/// The same across servers (global entries only).
const LEADERBOARD_ALL: &str = include_str!("../../sql/postgres/leaderboard_all_drama.sql");

pub struct PgFloor(PgConnection);

impl PgFloor {
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        Ok(PgFloor(PgConnection::connect(url).await?))
    }

    /// Bytes of each table (with its TOAST) and each index, by name.
    pub async fn sizes(&mut self) -> anyhow::Result<Vec<(String, u64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT relname::TEXT,
                    CASE relkind WHEN 'r' THEN pg_table_size(oid) ELSE pg_relation_size(oid) END
             FROM pg_class
             WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i')
             ORDER BY 2 DESC",
        )
        .fetch_all(&mut self.0)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(name, bytes)| (name, bytes.max(0) as u64))
            .collect())
    }

    /// The floor of building the catalog: copying its rows (dramas, tracks)
    /// into new tables of the same database, without any search index. Seconds.
    pub async fn catalog_copy(&mut self) -> anyhow::Result<f64> {
        let c = &mut self.0;
        c.execute("DROP TABLE IF EXISTS floor_dramas, floor_tracks")
            .await?;
        let started = Instant::now();
        let mut tx = c.begin().await?;
        tx.execute("CREATE TABLE floor_dramas AS SELECT * FROM dramas")
            .await?;
        tx.execute("CREATE TABLE floor_tracks AS SELECT * FROM tracks")
            .await?;
        tx.commit().await?;
        let seconds = started.elapsed().as_secs_f64();
        c.execute("DROP TABLE floor_dramas, floor_tracks").await?;
        Ok(seconds)
    }

    pub async fn track_reads(&mut self, ids: &[i64]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(ids.len());
        for id in ids {
            let read = sqlx::query(
                "SELECT t.id, t.title, t.artist, t.album, d.title FROM tracks t JOIN dramas d ON d.id = t.drama_id WHERE t.id = $1",
            )
            .bind(id)
            .fetch_optional(&mut self.0);
            samples.time(read).await?;
        }
        Ok(samples.summary())
    }

    /// The prefix read of the word index `catalog::search` starts from.
    pub async fn search_statements(&mut self, queries: &[String]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(queries.len());
        for q in queries {
            let compact: String = q
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect();
            let read = sqlx::query_scalar::<_, i64>(
                "SELECT key_id FROM search_words WHERE term >= $1 AND term < $1 || chr(1114111) LIMIT 30",
            )
            .bind(compact)
            .fetch_all(&mut self.0);
            samples.time(read).await?;
        }
        Ok(samples.summary())
    }

    pub async fn score_pk_reads(&mut self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(keys.len());
        for (guild, drama) in keys {
            let read = sqlx::query(
                "SELECT voices, total, total_sq, h1, h2, h3, h4, h5, h6, h7, h8, h9, h10
                 FROM score_totals WHERE guild_id = $1 AND kind = 'drama' AND target_id = $2",
            )
            .bind(guild)
            .bind(drama)
            .fetch_optional(&mut self.0);
            samples.time(read).await?;
        }
        Ok(samples.summary())
    }

    pub async fn score_summaries(&mut self, keys: &[(i64, i64)]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(keys.len());
        for (guild, drama) in keys {
            let read = sqlx::query(SCORE_SUMMARY)
                .bind(guild)
                .bind("drama")
                .bind(drama)
                .fetch_optional(&mut self.0);
            samples.time(read).await?;
        }
        Ok(samples.summary())
    }

    /// The first page of the all-time drama leaderboard; `guilds` of 0 read
    /// across servers. The binds are typed as the bot's are.
    pub async fn leaderboard(&mut self, guilds: &[i64]) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(guilds.len());
        for guild in guilds {
            let sql = if *guild == 0 {
                LEADERBOARD_ALL
            } else {
                LEADERBOARD_GUILD
            };
            let read = sqlx::query(sql)
                .bind(guild)
                .bind("drama")
                .bind(None::<i64>)
                .bind(1_i64)
                .bind(None::<i32>)
                .bind(None::<String>)
                .bind(10.0_f64)
                .bind(10_i64)
                .bind(0_i64)
                .fetch_all(&mut self.0);
            samples.time(read).await?;
        }
        Ok(samples.summary())
    }

    /// The statement of `reviews::save` for new whole-OST reviews, each
    /// committed on its own (the server's `synchronous_commit`), for `duration`.
    pub async fn review_writes(
        &mut self,
        guild: i64,
        dramas: &[i64],
        duration: Duration,
    ) -> anyhow::Result<Rate> {
        let mut rng = crate::data::Rng::new(0x000F_1004);
        let mut samples = Samples::with_capacity(100_000);
        let mut n = 0_i64;
        while samples.total() < duration {
            n += 1;
            let member = 9_000_000_000_000_000 + n;
            let drama = dramas[crate::population::popular(&mut rng, dramas.len())];
            let score = crate::population::score(&mut rng);
            let at = 1_795_554_000_000_i64; // 2026-11-24T21:00:00Z in unix milliseconds
            let write = sqlx::query(REVIEW_SAVE)
                .bind(guild)
                .bind(member)
                .bind("floor")
                .bind(drama)
                .bind(0_i64)
                .bind(score)
                .bind(None::<String>)
                .bind(false)
                .bind(at)
                .fetch_all(&mut self.0);
            samples.time(write).await?;
        }
        Ok(samples.rate())
    }

    /// The statement of `polls::vote` for a first single-choice ballot.
    pub async fn votes(&mut self, poll: i64, guild: i64, n: usize) -> anyhow::Result<Rate> {
        let mut samples = Samples::with_capacity(n);
        let now = chrono::Utc::now().timestamp_millis();
        for v in 0..n {
            let member = 8_000_000_000_000_000 + v as i64;
            let vote = sqlx::query(POLL_VOTE)
                .bind(poll)
                .bind(guild)
                .bind(now)
                .bind(member)
                .bind(1_i64 << (v % 4))
                .bind(true)
                .bind(polls::EDIT_GAP_SECS * 1000)
                .fetch_all(&mut self.0);
            samples.time(vote).await?;
        }
        Ok(samples.rate())
    }

    /// The tally twice and the voters once, as closing a poll reads them.
    pub async fn close_statements(&mut self, poll: i64) -> anyhow::Result<f64> {
        let start = Instant::now();
        for _ in 0..2 {
            sqlx::query(POLL_TALLY)
                .bind(poll)
                .bind(false)
                .fetch_all(&mut self.0)
                .await?;
        }
        sqlx::query(POLL_VOTERS)
            .bind(poll)
            .bind(ostbot::bot::poll_view::VOTERS_SHOWN as i64)
            .fetch_all(&mut self.0)
            .await?;
        Ok(start.elapsed().as_secs_f64() * 1e3)
    }

    /// One trivial statement, prepared once: a round trip to the server.
    pub async fn trivial_statements(&mut self, n: usize) -> anyhow::Result<Summary> {
        let mut samples = Samples::with_capacity(n);
        for _ in 0..n {
            samples
                .time(sqlx::query("SELECT 1").execute(&mut self.0))
                .await?;
        }
        Ok(samples.summary())
    }

    pub async fn count(&mut self, sql: &str) -> anyhow::Result<i64> {
        Ok(sqlx::query_scalar(sql).fetch_one(&mut self.0).await?)
    }
}
