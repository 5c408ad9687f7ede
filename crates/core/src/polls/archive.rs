//! The listening club's history: one row per weekly cycle that chose a
//! winner, and the cycle whose poll runs now. Read by the public pages.

use super::PollId;
use crate::catalog::TrackId;
use crate::ids::GuildId;
use crate::Result;
use sqlx::SqlitePool;

/// A week the club finished: its poll and what won.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Week {
    pub cycle: i64,
    pub poll: PollId,
    pub track: Option<TrackId>,
    pub label: String,
}

type WeekRow = (i64, PollId, Option<TrackId>, String);

fn week((cycle, poll, track, label): WeekRow) -> Week {
    Week {
        cycle,
        poll,
        track,
        label,
    }
}

/// Finished weeks, newest first: `(page, total)`.
pub async fn weeks(
    pool: &SqlitePool,
    guild: GuildId,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Week>, u64)> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM weekly_winners WHERE guild_id = ?")
        .bind(guild)
        .fetch_one(pool)
        .await?;
    let rows: Vec<WeekRow> = sqlx::query_as(
        "SELECT cycle, poll_id, track_id, label FROM weekly_winners
         WHERE guild_id = ? ORDER BY cycle DESC LIMIT ? OFFSET ?",
    )
    .bind(guild)
    .bind(limit.min(i64::MAX as u64) as i64)
    .bind(offset.min(i64::MAX as u64) as i64)
    .fetch_all(pool)
    .await?;
    Ok((rows.into_iter().map(week).collect(), total.max(0) as u64))
}

/// One finished week.
pub async fn finished(pool: &SqlitePool, guild: GuildId, cycle: i64) -> Result<Option<Week>> {
    let row: Option<WeekRow> = sqlx::query_as(
        "SELECT cycle, poll_id, track_id, label FROM weekly_winners
         WHERE guild_id = ? AND cycle = ?",
    )
    .bind(guild)
    .bind(cycle)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(week))
}

/// The poll of the newest cycle, open or closed.
pub async fn latest_poll(pool: &SqlitePool, guild: GuildId) -> Result<Option<PollId>> {
    let poll: Option<PollId> = sqlx::query_scalar(
        "SELECT id FROM polls WHERE guild_id = ? AND weekly_cycle IS NOT NULL
         ORDER BY weekly_cycle DESC, id DESC LIMIT 1",
    )
    .bind(guild)
    .fetch_optional(pool)
    .await?;
    Ok(poll)
}
