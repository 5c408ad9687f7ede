//! Community-scale pre-population: servers, reviews and poll ballots,
//! bulk-inserted through raw SQL in one transaction each. The voices and
//! aggregates follow from the inserted reviews through the triggers of
//! migration 0007, exactly as for a review saved by the bot.

use crate::data::Rng;
use ostbot::transport::simulated::stable_id;
use rusqlite::{params, Connection};
use std::path::Path;

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

/// Inserts about `reviews` whole-OST reviews spread over `guilds` servers
/// (duplicates of one member, server and drama are skipped); the triggers
/// derive voices and aggregates. Returns the number of reviews stored.
pub fn reviews(
    path: &Path,
    drama_ids: &[i64],
    guilds: usize,
    reviews: usize,
) -> anyhow::Result<usize> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    let members: Vec<i64> = (0..(reviews / guilds).max(1) * 4)
        .map(|m| ostbot::ids::UserId::new(stable_id("user", &member_name(m))).to_i64_bits())
        .collect();
    let guild_ids: Vec<i64> = (0..guilds).map(guild_id).collect();
    let mut rng = Rng::new(0x005C_04E5);
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT OR IGNORE INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
                 score, body, spoiler, created_at, updated_at)
             VALUES (?, ?, ?, ?, 0, ?, NULL, 0, ?, ?)",
        )?;
        for i in 0..reviews {
            let m = rng.below(members.len());
            let day = 1 + i % 28;
            // Noon UTC of a day of 2026, in unix milliseconds (as times are stored).
            let at = chrono::NaiveDate::from_ymd_opt(2026, 1 + (i % 10) as u32, day as u32)
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .map(|t| t.and_utc().timestamp_millis())
                .ok_or_else(|| anyhow::anyhow!("no such day: {day}"))?;
            insert.execute(params![
                guild_ids[i % guilds],
                members[m],
                member_name(m),
                drama_ids[popular(&mut rng, drama_ids.len())],
                score(&mut rng),
                at,
                at
            ])?;
        }
    }
    let stored: i64 = tx.query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))?;
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(stored as usize)
}

/// Casts `votes` single-choice ballots in poll `poll` (options 0..options).
pub fn ballots(path: &Path, poll: i64, options: i64, votes: usize) -> anyhow::Result<()> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")?;
    let mut rng = Rng::new(0x00B4_1107);
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO poll_votes (poll_id, member_id, position, voted_at) VALUES (?, ?, ?, ?)",
        )?;
        for v in 0..votes {
            let member =
                ostbot::ids::UserId::new(stable_id("user", &format!("voter-{v}"))).to_i64_bits();
            let position = rng.below(options as usize) as i64;
            // Unix milliseconds, as times are stored.
            let voted_at = (1_780_000_000 + v as i64) * 1000;
            insert.execute(params![poll, member, position, voted_at])?;
        }
    }
    tx.commit()?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(())
}
