//! The weekly listening cycle's state: one job row per server, numbered
//! cycles, nominations and past winners. A run is claimed and the next one
//! scheduled in a single UPDATE; each step of a run is recorded, so a
//! restart resumes where the last process stopped. A run in progress is
//! leased to the process running it, so two processes never run it at once.
//!
//! On either backend. A claim ([`claim`], [`resume`]) is one conditional
//! `UPDATE … WHERE` of the job's row that changes what its `WHERE` tests
//! (`run_cycle`, `lease_until`): SQLite runs one write at a time, and
//! PostgreSQL locks the row and tests the `WHERE` again, on the row as the
//! winner left it, for a claimer that waited, so the loser changes nothing
//! and learns it lost. `FOR UPDATE SKIP LOCKED` would hand many queued rows
//! to many workers without waiting; here every claim names one row, and
//! the loser must not run it, not skip to another. A process killed
//! mid-run leaves `lease_until` behind, after which [`due`] lists the run
//! again and one other process [`resume`]s it at its recorded step.

use super::{PollError, PollId};
use crate::catalog::TrackId;
use crate::db::Handle;
use crate::ids::{GuildId, UserId};
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Error, Result};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// Nominations per member per week.
pub const MAX_NOMINATIONS: i64 = 3;
/// A community average (out of 10) from which a track counts as well
/// reviewed: such tracks fill a poll before the rest.
pub const WELL_REVIEWED: f64 = 7.0;
/// Winners of this many past weeks are not offered again as filler.
pub const FEATURED_WEEKS: i64 = 8;

/// Steps of a run, in order.
pub const STEP_CLOSE_PREVIOUS: i64 = 0;
pub const STEP_OPEN_POLL: i64 = 1;

/// How long a claimed run belongs to its process, unless configured
/// (`JOB_LEASE_SECS`). A run takes seconds; the lease only matters when the
/// process died mid-run: another process takes the run over when it ends.
pub const LEASE_SECS: i64 = 5 * 60;
pub const DEFAULT_LEASE: chrono::Duration = chrono::Duration::seconds(LEASE_SECS);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub guild: GuildId,
    pub next_run: DateTime<Utc>,
    /// The cycle nominations currently go to.
    pub cycle: i64,
    /// The run in progress: its cycle, scheduled time and step.
    pub running: Option<Run>,
    pub open_poll: Option<PollId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub cycle: i64,
    pub at: DateTime<Utc>,
    pub step: i64,
}

#[derive(FromRow)]
struct JobRow {
    guild_id: GuildId,
    next_run: Timestamp,
    cycle: i64,
    run_cycle: Option<i64>,
    run_at: Option<Timestamp>,
    step: i64,
    open_poll: Option<PollId>,
}

impl From<JobRow> for Job {
    fn from(r: JobRow) -> Self {
        Job {
            guild: r.guild_id,
            next_run: r.next_run.get(),
            cycle: r.cycle,
            running: r.run_cycle.map(|cycle| Run {
                cycle,
                at: r.run_at.unwrap_or(r.next_run).get(),
                step: r.step,
            }),
            open_poll: r.open_poll,
        }
    }
}

const JOB_COLUMNS: &str = "guild_id, next_run, cycle, run_cycle, run_at, step, open_poll";

/// Turns the cycle on (or moves its next run) without losing its state.
pub async fn schedule<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    next_run: DateTime<Utc>,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO weekly_jobs (guild_id, next_run) VALUES ($1, $2)
             ON CONFLICT (guild_id) DO UPDATE SET next_run = excluded.next_run",
        )
        .bind(guild)
        .bind(at(next_run))
    )?;
    Ok(())
}

/// Turns the cycle off. An open weekly poll still closes at its deadline.
pub async fn unschedule<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM weekly_jobs WHERE guild_id = $1").bind(guild)
    )?;
    Ok(())
}

pub async fn job<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Option<Job>> {
    let sql = format!("SELECT {JOB_COLUMNS} FROM weekly_jobs WHERE guild_id = $1");
    let row: Option<JobRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .fetch_optional(e)
        .await)?;
    Ok(row.map(Job::from))
}

/// Jobs due at `now`, and runs in progress that no process holds.
pub async fn due<'c>(db: impl Into<Handle<'c>>, now: DateTime<Utc>) -> Result<Vec<Job>> {
    let sql = format!(
        "SELECT {JOB_COLUMNS} FROM weekly_jobs
         WHERE CASE WHEN run_cycle IS NULL THEN next_run ELSE COALESCE(lease_until, 0) END <= $1
         ORDER BY next_run, guild_id"
    );
    let rows: Vec<JobRow> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(at(now))
        .fetch_all(e)
        .await)?;
    Ok(rows.into_iter().map(Job::from).collect())
}

/// The earliest scheduled run, or the end of a lease on a run in progress.
pub async fn next_due<'c>(db: impl Into<Handle<'c>>) -> Result<Option<DateTime<Utc>>> {
    let due: Option<Timestamp> = on_db!(db, |e| sqlx::query_scalar(
        "SELECT MIN(CASE WHEN run_cycle IS NULL THEN next_run
                         ELSE COALESCE(lease_until, 0) END)
         FROM weekly_jobs",
    )
    .fetch_one(e)
    .await)?;
    Ok(due.map(Timestamp::get))
}

/// Claims the due run of `job` and schedules the following one at `then`,
/// in one statement: of two processes, only one gets the run. However many
/// runs were missed, this is one run.
pub async fn claim<'c>(
    db: impl Into<Handle<'c>>,
    job: &Job,
    then: DateTime<Utc>,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<Option<Run>> {
    let claimed = db_execute!(
        db,
        sqlx::query(
            "UPDATE weekly_jobs SET run_cycle = cycle, run_at = next_run, step = 0,
                 cycle = cycle + 1, next_run = $1, lease_until = $2
             WHERE guild_id = $3 AND run_cycle IS NULL AND next_run = $4 AND cycle = $5",
        )
        .bind(at(then))
        .bind(at(now + lease))
        .bind(job.guild)
        .bind(at(job.next_run))
        .bind(job.cycle)
    )?;
    Ok((claimed == 1).then_some(Run {
        cycle: job.cycle,
        at: job.next_run,
        step: STEP_CLOSE_PREVIOUS,
    }))
}

/// Takes over a run in progress whose lease ran out (its process stopped);
/// of two processes, only one gets it.
pub async fn resume<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    run: &Run,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<bool> {
    let taken = db_execute!(
        db,
        sqlx::query(
            "UPDATE weekly_jobs SET lease_until = $1
             WHERE guild_id = $2 AND run_cycle = $3 AND COALESCE(lease_until, 0) <= $4",
        )
        .bind(at(now + lease))
        .bind(guild)
        .bind(run.cycle)
        .bind(at(now))
    )?;
    Ok(taken == 1)
}

/// Gives a run in progress back after a failure, for the next pass of any
/// process to resume.
pub async fn release<'c>(db: impl Into<Handle<'c>>, guild: GuildId, run: &Run) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE weekly_jobs SET lease_until = NULL WHERE guild_id = $1 AND run_cycle = $2"
        )
        .bind(guild)
        .bind(run.cycle)
    )?;
    Ok(())
}

/// Records that the run reached `step`.
pub async fn advance<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    run: &mut Run,
    step: i64,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("UPDATE weekly_jobs SET step = $1 WHERE guild_id = $2 AND run_cycle = $3")
            .bind(step)
            .bind(guild)
            .bind(run.cycle)
    )?;
    run.step = step;
    Ok(())
}

/// Ends the run; `open_poll` is the poll members now vote in.
pub async fn finish<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    run: &Run,
    open_poll: Option<PollId>,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE weekly_jobs SET run_cycle = NULL, run_at = NULL, step = 0, open_poll = $1,
                 lease_until = NULL
             WHERE guild_id = $2 AND run_cycle = $3",
        )
        .bind(open_poll)
        .bind(guild)
        .bind(run.cycle)
    )?;
    Ok(())
}

/// Nominates a track for the coming week; returns how many the member has
/// nominated this week.
#[tracing::instrument(skip(db))]
pub async fn nominate<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
    track: TrackId,
    now: DateTime<Utc>,
) -> Result<i64> {
    let mut db = db.into();
    let Some(job) = job(db.reborrow(), guild).await? else {
        return Err(PollError::NoWeeklyCycle.into());
    };
    let count: i64 = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM nominations
         WHERE guild_id = $1 AND cycle = $2 AND member_id = $3",
    )
    .bind(guild)
    .bind(job.cycle)
    .bind(member)
    .fetch_one(e)
    .await)?;
    if count >= MAX_NOMINATIONS {
        return Err(too_many());
    }
    // The slot and the track are constraints: a race or a repeat fails here.
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO nominations (guild_id, cycle, member_id, slot, track_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(guild)
        .bind(job.cycle)
        .bind(member)
        .bind(count + 1)
        .bind(track)
        .bind(at(now))
    )
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => PollError::AlreadyNominated.into(),
        sqlx::Error::Database(d) if d.is_check_violation() => too_many(),
        _ => Error::Database(e),
    })?;
    Ok(count + 1)
}

fn too_many() -> Error {
    PollError::TooManyNominations {
        max: MAX_NOMINATIONS,
    }
    .into()
}

/// Nominated tracks of a cycle, most nominated first (earliest first on ties).
pub async fn nominated<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    cycle: i64,
) -> Result<Vec<(TrackId, i64)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT track_id, COUNT(*) AS n FROM nominations WHERE guild_id = $1 AND cycle = $2
         GROUP BY track_id ORDER BY n DESC, MIN(created_at), track_id",
    )
    .bind(guild)
    .bind(cycle)
    .fetch_all(e)
    .await)?)
}

/// Tracks ranked for filling a poll: well reviewed first (this server's
/// community scores, then the drama's MyDramaList rating), without the
/// winners of the last [`FEATURED_WEEKS`] cycles. [`plan`] leaves those out
/// again, so the rule holds on plain data; here it keeps `limit` useful.
/// Unrated dramas and unknown vote counts sort last on both backends.
pub async fn filler<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    cycle: i64,
    limit: i64,
) -> Result<Vec<TrackId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT t.id FROM tracks t JOIN dramas d ON d.id = t.drama_id
         LEFT JOIN score_totals s ON s.guild_id = $1 AND s.kind = 'track' AND s.target_id = t.id
         WHERE t.scope IN (0, $1)
           AND t.id NOT IN (SELECT track_id FROM weekly_winners
                            WHERE guild_id = $1 AND cycle > $2 AND track_id IS NOT NULL)
         ORDER BY COALESCE(s.voices > 0 AND s.total / s.voices >= $3, FALSE) DESC,
                  COALESCE(s.total / NULLIF(s.voices, 0), 0) DESC,
                  d.mdl_rating IS NULL, d.mdl_rating DESC,
                  d.mdl_votes IS NULL, d.mdl_votes DESC,
                  t.ost_part IS NULL, t.ost_part, t.id
         LIMIT $4",
    )
    .bind(guild)
    .bind(cycle - FEATURED_WEEKS)
    .bind(WELL_REVIEWED)
    .bind(limit)
    .fetch_all(e)
    .await)?)
}

/// Remembers what a cycle chose (once).
pub async fn record_winner<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    cycle: i64,
    poll: PollId,
    track: Option<TrackId>,
    label: &str,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO weekly_winners (guild_id, cycle, poll_id, track_id, label)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (guild_id, cycle) DO NOTHING",
        )
        .bind(guild)
        .bind(cycle)
        .bind(poll)
        .bind(track)
        .bind(label)
    )?;
    Ok(())
}

/// Tracks that won a cycle after `cycle - FEATURED_WEEKS`: (cycle, track).
pub async fn featured<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    cycle: i64,
) -> Result<Vec<(i64, TrackId)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT cycle, track_id FROM weekly_winners
         WHERE guild_id = $1 AND cycle > $2 AND track_id IS NOT NULL ORDER BY cycle",
    )
    .bind(guild)
    .bind(cycle - FEATURED_WEEKS)
    .fetch_all(e)
    .await)?)
}

/// The candidates of a cycle's poll, `wanted` at most: the nominated tracks
/// (most nominated first, as given), then the ranked fill-ins, leaving out
/// any track already in and any fill-in that won one of the last
/// [`FEATURED_WEEKS`] cycles (`featured`: (cycle, track) of past winners).
pub fn plan(
    cycle: i64,
    nominated: &[TrackId],
    fill_ins: &[TrackId],
    featured: &[(i64, TrackId)],
    wanted: usize,
) -> Vec<TrackId> {
    let recent = |t: &TrackId| {
        featured
            .iter()
            .any(|(c, f)| f == t && *c > cycle - FEATURED_WEEKS)
    };
    let mut picked: Vec<TrackId> = Vec::with_capacity(wanted);
    for t in nominated {
        if picked.len() < wanted && !picked.contains(t) {
            picked.push(*t);
        }
    }
    for t in fill_ins {
        if picked.len() < wanted && !picked.contains(t) && !recent(t) {
            picked.push(*t);
        }
    }
    picked
}

/// How a cycle's poll ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nobody voted: no track this week.
    NoTrack,
    /// The option (index) with the most votes.
    Won(usize),
    /// Options shared the most votes; the one listed first won. Options are
    /// listed most nominated first, so that is the most nominated.
    TieBroken { chosen: usize, tied: Vec<usize> },
}

impl Verdict {
    /// The winning option's index, if any.
    pub fn chosen(&self) -> Option<usize> {
        match self {
            Verdict::NoTrack => None,
            Verdict::Won(i) | Verdict::TieBroken { chosen: i, .. } => Some(*i),
        }
    }
}

/// The winner of a cycle's poll from its outcome.
pub fn verdict(outcome: &super::Outcome) -> Verdict {
    match outcome {
        super::Outcome::NoVotes => Verdict::NoTrack,
        super::Outcome::Winner(i) => Verdict::Won(*i),
        super::Outcome::Tie(tied) => match tied.iter().min() {
            Some(first) => Verdict::TieBroken {
                chosen: *first,
                tied: tied.clone(),
            },
            None => Verdict::NoTrack,
        },
    }
}

/// Past winners, newest first.
pub async fn winners<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    limit: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT cycle, label FROM weekly_winners WHERE guild_id = $1 ORDER BY cycle DESC LIMIT $2",
    )
    .bind(guild)
    .bind(limit)
    .fetch_all(e)
    .await)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::polls::Outcome;

    fn t(ids: &[u64]) -> Vec<TrackId> {
        ids.iter().map(|i| TrackId::new(*i)).collect()
    }

    #[test]
    fn nominations_come_first_then_fill_ins_up_to_the_number_wanted() {
        assert_eq!(
            plan(10, &t(&[5, 3]), &t(&[7, 3, 8, 9]), &[], 4),
            t(&[5, 3, 7, 8])
        );
        assert_eq!(plan(10, &t(&[5, 3, 1, 2]), &t(&[7]), &[], 3), t(&[5, 3, 1]));
        assert_eq!(plan(10, &[], &t(&[7, 7, 8]), &[], 5), t(&[7, 8]));
        assert!(plan(10, &[], &[], &[], 4).is_empty());
    }

    #[test]
    fn recent_winners_are_not_filled_in_again_for_eight_weeks() {
        let fill = t(&[1, 2, 3, 4]);
        // Won in cycle 3 (7 weeks before cycle 10): still featured.
        assert_eq!(plan(10, &[], &fill, &[(3, TrackId::new(1))], 2), t(&[2, 3]));
        // Won in cycle 2 (8 weeks before): offered again.
        assert_eq!(plan(10, &[], &fill, &[(2, TrackId::new(1))], 2), t(&[1, 2]));
        // A nominated recent winner stays: members asked for it.
        assert_eq!(
            plan(10, &t(&[1]), &fill, &[(9, TrackId::new(1))], 2),
            t(&[1, 2])
        );
    }

    #[test]
    fn a_tie_goes_to_the_option_listed_first() {
        assert_eq!(verdict(&Outcome::NoVotes), Verdict::NoTrack);
        assert_eq!(verdict(&Outcome::Winner(2)), Verdict::Won(2));
        let tie = verdict(&Outcome::Tie(vec![3, 1]));
        assert_eq!(
            tie,
            Verdict::TieBroken {
                chosen: 1,
                tied: vec![3, 1]
            }
        );
        assert_eq!(tie.chosen(), Some(1));
        assert_eq!(Verdict::NoTrack.chosen(), None);
    }
}
