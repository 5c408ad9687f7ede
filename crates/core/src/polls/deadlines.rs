//! A poll's life after its votes: the close (once), the results post owed
//! after it, and the coalesced edit of its message. Each is claimed by the
//! process that does it, so that of several processes on one database only
//! one closes a poll, posts its results or makes an edit.
//!
//! A claim is one conditional `UPDATE` of the poll's row, the same text on
//! both backends: it names its row and changes the very columns its `WHERE`
//! tests. SQLite runs one write at a time; PostgreSQL locks the row, and a
//! second claimer that waited for it tests the `WHERE` again on the row as
//! the first left it, finds it no longer holds, and changes nothing. (A
//! `FOR UPDATE SKIP LOCKED` queue would spread many rows over many workers;
//! here each claim is for one named row, and a loser must learn that it lost,
//! not skip ahead.) A lease (`results_lease_until`) is a time in the row: a
//! process killed while posting leaves it to be taken once the time is past.

use super::store::EDIT_GAP;
use super::PollId;
use crate::db::{Backend, Handle};
use crate::ids::MessageId;
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Result};
use chrono::{DateTime, Utc};

/// Closes a poll; true when this call closed it (so its results are owed
/// once). Closing an anonymous poll also unnames its ballots, in the same
/// statement (trigger `polls_close_anonymous`, migration 0008).
#[tracing::instrument(skip(db))]
pub async fn close<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    now: DateTime<Utc>,
    post_results: bool,
) -> Result<bool> {
    let done = db_execute!(
        db,
        sqlx::query(
            "UPDATE polls SET closed_at = $1, results_pending = $2, dirty = TRUE
             WHERE id = $3 AND closed_at IS NULL",
        )
        .bind(at(now))
        .bind(post_results)
        .bind(poll)
    )?;
    Ok(done == 1)
}

/// Open polls whose deadline has passed. The poll a weekly job is running
/// is left to that job (its winner announcement carries the results); once
/// the job is gone (`/config reset`) it closes here like any other.
pub async fn due_to_close<'c>(
    db: impl Into<Handle<'c>>,
    now: DateTime<Utc>,
) -> Result<Vec<PollId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT id FROM polls WHERE closed_at IS NULL AND closes_at <= $1
           AND id NOT IN (SELECT open_poll FROM weekly_jobs WHERE open_poll IS NOT NULL)
         ORDER BY closes_at, id",
    )
    .bind(at(now))
    .fetch_all(e)
    .await)?)
}

/// Closed polls whose results post is still owed and that no process holds.
pub async fn results_owed<'c>(
    db: impl Into<Handle<'c>>,
    now: DateTime<Utc>,
) -> Result<Vec<PollId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT id FROM polls
         WHERE results_pending = TRUE AND COALESCE(results_lease_until, 0) <= $1
         ORDER BY id",
    )
    .bind(at(now))
    .fetch_all(e)
    .await)?)
}

/// Claims an owed results post for this process until `now + lease`: of two
/// processes (or the scheduler and `/poll close` in one), only one posts it.
/// A post takes seconds; the lease only matters when the process died
/// posting.
pub async fn claim_results<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    now: DateTime<Utc>,
    lease: chrono::Duration,
) -> Result<bool> {
    let claimed = db_execute!(
        db,
        sqlx::query(
            "UPDATE polls SET results_lease_until = $1
             WHERE id = $2 AND results_pending = TRUE AND COALESCE(results_lease_until, 0) <= $3",
        )
        .bind(at(now + lease))
        .bind(poll)
        .bind(at(now))
    )?;
    Ok(claimed == 1)
}

/// Gives a claimed results post back after a failure, for the next pass of
/// any process.
pub async fn release_results<'c>(db: impl Into<Handle<'c>>, poll: PollId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("UPDATE polls SET results_lease_until = NULL WHERE id = $1").bind(poll)
    )?;
    Ok(())
}

/// The results were posted (or can never be: the channel is gone).
pub async fn results_done<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    message: Option<MessageId>,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE polls SET results_pending = FALSE, results_message = $1,
                 results_lease_until = NULL
             WHERE id = $2",
        )
        .bind(message)
        .bind(poll)
    )?;
    Ok(())
}

/// Claims the right to edit a poll's message now: true when its message
/// lags behind and the last edit is at least [`super::EDIT_GAP_SECS`] old.
/// Votes in between only mark it dirty; the scheduler makes the coalesced
/// edit. `force` skips the gap (the poll just closed).
pub async fn claim_edit<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    now: DateTime<Utc>,
    force: bool,
) -> Result<bool> {
    let claimed = db_execute!(
        db,
        sqlx::query(
            "UPDATE polls SET dirty = FALSE, edited_at = $1
             WHERE id = $2 AND dirty = TRUE AND message_id IS NOT NULL
               AND (edited_at <= $3 OR $4)",
        )
        .bind(at(now))
        .bind(poll)
        .bind(at(now - EDIT_GAP))
        .bind(force)
    )?;
    Ok(claimed == 1)
}

/// Polls whose coalesced edit is due.
pub async fn edits_due<'c>(db: impl Into<Handle<'c>>, now: DateTime<Utc>) -> Result<Vec<PollId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT id FROM polls WHERE dirty = TRUE AND message_id IS NOT NULL AND edited_at <= $1
         ORDER BY id",
    )
    .bind(at(now - EDIT_GAP))
    .fetch_all(e)
    .await)?)
}

/// When the next poll work falls due: a deadline, an owed results post, or
/// a coalesced edit. Binds: the edit gap.
fn next_due_sql(backend: Backend) -> String {
    // SQLite's two-argument MAX is PostgreSQL's GREATEST.
    let later = match backend {
        Backend::Sqlite => "MAX",
        Backend::Postgres => "GREATEST",
    };
    format!(
        "SELECT MIN(t) FROM (
             SELECT MIN(closes_at) AS t FROM polls WHERE closed_at IS NULL
               AND id NOT IN (SELECT open_poll FROM weekly_jobs WHERE open_poll IS NOT NULL)
             UNION ALL SELECT MIN(edited_at) + $1 FROM polls
               WHERE dirty = TRUE AND message_id IS NOT NULL
             UNION ALL SELECT MIN({later}(closed_at, COALESCE(results_lease_until, 0)))
               FROM polls WHERE results_pending = TRUE) AS due"
    )
}

/// When the next poll work falls due: a deadline, an owed results post, or
/// a coalesced edit.
pub async fn next_due<'c>(db: impl Into<Handle<'c>>) -> Result<Option<DateTime<Utc>>> {
    let db = db.into();
    let sql = next_due_sql(db.backend());
    let due: Option<Timestamp> = on_db!(db, |e| sqlx::query_scalar(&sql)
        .bind(EDIT_GAP.num_milliseconds())
        .fetch_one(e)
        .await)?;
    Ok(due.map(Timestamp::get))
}
