//! The listening club's history: one row per weekly cycle that chose a
//! winner, and the cycle whose poll runs now. Read by the public pages.

use super::PollId;
use crate::catalog::TrackId;
use crate::db::Handle;
use crate::ids::GuildId;
use crate::{on_db, Result};

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
pub async fn weeks<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Week>, u64)> {
    let mut db = db.into();
    let total: i64 = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM weekly_winners WHERE guild_id = $1"
    )
    .bind(guild)
    .fetch_one(e)
    .await)?;
    let rows: Vec<WeekRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT cycle, poll_id, track_id, label FROM weekly_winners
         WHERE guild_id = $1 ORDER BY cycle DESC LIMIT $2 OFFSET $3",
    )
    .bind(guild)
    .bind(limit.min(i64::MAX as u64) as i64)
    .bind(offset.min(i64::MAX as u64) as i64)
    .fetch_all(e)
    .await)?;
    Ok((rows.into_iter().map(week).collect(), total.max(0) as u64))
}

/// One finished week.
pub async fn finished<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    cycle: i64,
) -> Result<Option<Week>> {
    let row: Option<WeekRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT cycle, poll_id, track_id, label FROM weekly_winners
         WHERE guild_id = $1 AND cycle = $2",
    )
    .bind(guild)
    .bind(cycle)
    .fetch_optional(e)
    .await)?;
    Ok(row.map(week))
}

/// The poll of the newest cycle, open or closed.
pub async fn latest_poll<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Option<PollId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT id FROM polls WHERE guild_id = $1 AND weekly_cycle IS NOT NULL
         ORDER BY weekly_cycle DESC, id DESC LIMIT 1",
    )
    .bind(guild)
    .fetch_optional(e)
    .await)?)
}
