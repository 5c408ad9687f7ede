//! Community-scale pre-population: servers, reviews and poll ballots,
//! bulk-inserted through raw SQL in one transaction each (rusqlite on
//! SQLite; on PostgreSQL, 10 000 rows a statement through `unnest`). The
//! voices and aggregates follow from the inserted reviews through the
//! triggers (SQLite's migration 0007, their PL/pgSQL twins), exactly as for
//! a review saved by the bot.

use crate::data::Rng;
use crate::target::Target;
use ostbot::transport::simulated::stable_id;
use rusqlite::{params, Connection};
use sqlx::{Connection as _, PgConnection};
use std::path::Path;

/// Rows per PostgreSQL `INSERT`.
const BATCH: usize = 10_000;

/// The name of the `k`-th simulated server (an `Actor`'s guild).
pub fn guild_name(k: usize) -> String {
    format!("server-{k}")
}

/// The database id of the `k`-th simulated server.
pub fn guild_id(k: usize) -> i64 {
    ostbot::ids::GuildId::new(stable_id("guild", &guild_name(k))).to_i64_bits()
}

/// The name of the `m`-th pre-populated member.
pub fn member_name(m: usize) -> String {
    format!("member-{m}")
}

/// A drama index skewed towards the popular ones (a few dramas draw most reviews).
pub fn popular(rng: &mut Rng, n: usize) -> usize {
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    ((u * u * n as f64) as usize).min(n - 1)
}

/// A score leaning to the upper half, as fans score.
pub fn score(rng: &mut Rng) -> i64 {
    const SCORES: [i64; 16] = [10, 9, 9, 8, 8, 8, 7, 7, 7, 6, 6, 5, 4, 3, 2, 1];
    *rng.pick(&SCORES)
}

/// One pre-populated review: server, member, member name, drama, score, time.
type ReviewRow = (i64, i64, String, i64, i64, i64);

/// About `reviews` whole-OST reviews spread over `guilds` servers, in a
/// fixed order (a member may come twice for one drama: the insert skips it).
fn review_rows(
    drama_ids: &[i64],
    guilds: usize,
    reviews: usize,
) -> impl Iterator<Item = anyhow::Result<ReviewRow>> + '_ {
    let members: Vec<i64> = (0..(reviews / guilds).max(1) * 4)
        .map(|m| ostbot::ids::UserId::new(stable_id("user", &member_name(m))).to_i64_bits())
        .collect();
    let guild_ids: Vec<i64> = (0..guilds).map(guild_id).collect();
    let mut rng = Rng::new(0x005C_04E5);
    (0..reviews).map(move |i| {
        let m = rng.below(members.len());
        let day = 1 + i % 28;
        // Noon UTC of a day of 2026, in unix milliseconds (as times are stored).
        let at = chrono::NaiveDate::from_ymd_opt(2026, 1 + (i % 10) as u32, day as u32)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .map(|t| t.and_utc().timestamp_millis())
            .ok_or_else(|| anyhow::anyhow!("no such day: {day}"))?;
        Ok((
            guild_ids[i % guilds],
            members[m],
            member_name(m),
            drama_ids[popular(&mut rng, drama_ids.len())],
            score(&mut rng),
            at,
        ))
    })
}

/// `votes` single-choice ballots in a poll of `options` options: member, position, time.
fn ballot_rows(options: i64, votes: usize) -> impl Iterator<Item = (i64, i64, i64)> {
    let mut rng = Rng::new(0x00B4_1107);
    (0..votes).map(move |v| {
        let member =
            ostbot::ids::UserId::new(stable_id("user", &format!("voter-{v}"))).to_i64_bits();
        let position = rng.below(options as usize) as i64;
        // Unix milliseconds, as times are stored.
        let voted_at = (1_780_000_000 + v as i64) * 1000;
        (member, position, voted_at)
    })
}

/// Inserts about `reviews` whole-OST reviews spread over `guilds` servers
/// (duplicates of one member, server and drama are skipped); the triggers
/// derive voices and aggregates. Returns the number of reviews stored.
pub async fn reviews(
    target: &Target,
    drama_ids: &[i64],
    guilds: usize,
    reviews: usize,
) -> anyhow::Result<usize> {
    let rows = review_rows(drama_ids, guilds, reviews);
    match target {
        Target::Sqlite { path, .. } => reviews_sqlite(path, rows),
        Target::Postgres { url, .. } => reviews_postgres(url, rows).await,
    }
}

fn reviews_sqlite(
    path: &Path,
    rows: impl Iterator<Item = anyhow::Result<ReviewRow>>,
) -> anyhow::Result<usize> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT OR IGNORE INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
                 score, body, spoiler, created_at, updated_at)
             VALUES (?, ?, ?, ?, 0, ?, NULL, 0, ?, ?)",
        )?;
        for row in rows {
            let (guild, member, name, drama, score, at) = row?;
            insert.execute(params![guild, member, name, drama, score, at, at])?;
        }
    }
    let stored: i64 = tx.query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))?;
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(stored as usize)
}

async fn reviews_postgres(
    url: &str,
    rows: impl Iterator<Item = anyhow::Result<ReviewRow>>,
) -> anyhow::Result<usize> {
    let mut conn = PgConnection::connect(url).await?;
    let mut tx = conn.begin().await?;
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let mut batch: [Vec<i64>; 5] = Default::default();
        let mut names = Vec::with_capacity(BATCH);
        for row in rows.by_ref().take(BATCH) {
            let (guild, member, name, drama, score, at) = row?;
            for (column, value) in batch.iter_mut().zip([guild, member, drama, score, at]) {
                column.push(value);
            }
            names.push(name);
        }
        let [guilds, members, dramas, scores, times] = batch;
        sqlx::query(
            "INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
                 score, body, spoiler, created_at, updated_at)
             SELECT g, m, n, d, 0, s, NULL, FALSE, t, t
             FROM unnest($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::BIGINT[], $5::BIGINT[],
                         $6::BIGINT[]) AS u(g, m, n, d, s, t)
             ON CONFLICT DO NOTHING",
        )
        .bind(guilds)
        .bind(members)
        .bind(names)
        .bind(dramas)
        .bind(scores)
        .bind(times)
        .execute(&mut *tx)
        .await?;
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM reviews")
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(stored as usize)
}

/// Casts `votes` single-choice ballots in poll `poll` (options 0..options).
pub async fn ballots(target: &Target, poll: i64, options: i64, votes: usize) -> anyhow::Result<()> {
    let rows = ballot_rows(options, votes);
    match target {
        Target::Sqlite { path, .. } => ballots_sqlite(path, poll, rows),
        Target::Postgres { url, .. } => ballots_postgres(url, poll, rows).await,
    }
}

fn ballots_sqlite(
    path: &Path,
    poll: i64,
    rows: impl Iterator<Item = (i64, i64, i64)>,
) -> anyhow::Result<()> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO poll_votes (poll_id, member_id, position, voted_at) VALUES (?, ?, ?, ?)",
        )?;
        for (member, position, voted_at) in rows {
            insert.execute(params![poll, member, position, voted_at])?;
        }
    }
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(())
}

async fn ballots_postgres(
    url: &str,
    poll: i64,
    rows: impl Iterator<Item = (i64, i64, i64)>,
) -> anyhow::Result<()> {
    let mut conn = PgConnection::connect(url).await?;
    let mut tx = conn.begin().await?;
    let mut rows = rows.peekable();
    while rows.peek().is_some() {
        let (mut members, mut positions, mut times) = (Vec::new(), Vec::new(), Vec::new());
        for (member, position, voted_at) in rows.by_ref().take(BATCH) {
            members.push(member);
            positions.push(position);
            times.push(voted_at);
        }
        sqlx::query(
            "INSERT INTO poll_votes (poll_id, member_id, position, voted_at)
             SELECT $1, m, p, t FROM unnest($2::BIGINT[], $3::BIGINT[], $4::BIGINT[]) AS u(m, p, t)",
        )
        .bind(poll)
        .bind(members)
        .bind(positions)
        .bind(times)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// After the bulk inserts, what a live server's autovacuum would have done by
/// now on PostgreSQL: fresh planner statistics and visibility maps.
pub async fn settle(target: &Target) -> anyhow::Result<()> {
    if let Target::Postgres { url, .. } = target {
        let mut conn = PgConnection::connect(url).await?;
        sqlx::query("VACUUM ANALYZE").execute(&mut conn).await?;
        conn.close().await?;
    }
    Ok(())
}
