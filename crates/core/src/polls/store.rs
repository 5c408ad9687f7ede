//! SQL for polls, options and ballots, on either backend ([`Handle`]). Times
//! are [`Timestamp`]s (unix milliseconds).
//!
//! Where many writers meet one poll (votes, a new option, a close), the order
//! is the poll's row: SQLite runs one write transaction at a time, and on
//! PostgreSQL each of these takes the poll's row lock before it reads what it
//! decides on (`poll_vote`, [`add_option`]), so two processes on one database
//! decide as one would.

use super::{
    label_key, Creator, NewOption, NewPoll, Poll, PollError, PollId, PollOption, Tally, MAX_OPTIONS,
};
use crate::catalog::TrackId;
use crate::db::{Backend, Handle, Writer};
use crate::ids::{ChannelId, GuildId, MessageId, UserId};
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Error, Result};
use chrono::{DateTime, Utc};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, FromRow};

/// Votes arriving faster than this are shown by one coalesced edit.
pub const EDIT_GAP_SECS: i64 = 2;
pub(super) const EDIT_GAP: chrono::Duration = chrono::Duration::seconds(EDIT_GAP_SECS);

const POLL_COLUMNS: &str = "id, guild_id, channel_id, message_id, creator_id, question, multi, \
     anonymous, hide_results, created_at, closes_at, closed_at, weekly_cycle";

/// A poll's `creator_id`: the member's id, or 0 for the weekly listening club
/// (what the column has always held for it). Generic over the database, like
/// the ids' codec.
impl Creator {
    fn stored(self) -> i64 {
        match self {
            Creator::Member(member) => member.to_i64_bits(),
            Creator::WeeklyClub => 0,
        }
    }
}

impl<DB: Database> sqlx::Type<DB> for Creator
where
    i64: sqlx::Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as sqlx::Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as sqlx::Type<DB>>::compatible(ty)
    }
}

impl<'q, DB: Database> sqlx::Encode<'q, DB> for Creator
where
    i64: sqlx::Encode<'q, DB>,
{
    fn encode_by_ref(
        &self,
        buf: &mut <DB as Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        self.stored().encode_by_ref(buf)
    }
}

impl<'r, DB: Database> sqlx::Decode<'r, DB> for Creator
where
    i64: sqlx::Decode<'r, DB>,
{
    fn decode(value: <DB as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let stored = <i64 as sqlx::Decode<DB>>::decode(value)?;
        Ok(UserId::from_i64_bits(stored).map_or(Creator::WeeklyClub, Creator::Member))
    }
}

#[derive(FromRow)]
struct PollRow {
    id: PollId,
    guild_id: GuildId,
    channel_id: ChannelId,
    message_id: Option<MessageId>,
    creator_id: Creator,
    question: String,
    multi: bool,
    anonymous: bool,
    hide_results: bool,
    created_at: Timestamp,
    closes_at: Timestamp,
    closed_at: Option<Timestamp>,
    weekly_cycle: Option<i64>,
}

#[derive(FromRow)]
struct OptionRow {
    position: i64,
    label: String,
    track_id: Option<i64>,
}

impl PollRow {
    fn into_poll(self, options: Vec<OptionRow>) -> Result<Poll> {
        let options = options
            .into_iter()
            .map(|o| {
                Ok(PollOption {
                    position: o.position.clamp(0, 24) as u8,
                    label: o.label,
                    track: o.track_id.map(TrackId::try_from).transpose()?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Poll {
            id: self.id,
            guild: self.guild_id,
            channel: self.channel_id,
            message: self.message_id,
            creator: self.creator_id,
            question: self.question,
            multi: self.multi,
            anonymous: self.anonymous,
            hide_results: self.hide_results,
            created_at: self.created_at.get(),
            closes_at: self.closes_at.get(),
            closed_at: self.closed_at.map(Timestamp::get),
            weekly_cycle: self.weekly_cycle,
            options,
        })
    }
}

/// Stores a new poll and its options. A weekly poll is created once per
/// cycle: asking again returns the poll already stored.
#[tracing::instrument(skip_all)]
pub async fn create<'c>(db: impl Into<Handle<'c>>, new: &NewPoll) -> Result<PollId> {
    let mut tx = db.into().begin_write().await?;
    let inserted: Option<PollId> = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "INSERT INTO polls (guild_id, channel_id, creator_id, question, multi, anonymous,
             hide_results, created_at, closes_at, weekly_cycle)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (guild_id, weekly_cycle) DO NOTHING
         RETURNING id",
    )
    .bind(new.guild)
    .bind(new.channel)
    .bind(new.creator)
    .bind(new.question.trim())
    .bind(new.multi)
    .bind(new.anonymous)
    .bind(new.hide_results)
    .bind(at(new.created_at))
    .bind(at(new.closes_at))
    .bind(new.weekly_cycle)
    .fetch_optional(e)
    .await)?;
    let Some(id) = inserted else {
        let id: PollId = on_db!(tx.handle(), |e| sqlx::query_scalar(
            "SELECT id FROM polls WHERE guild_id = $1 AND weekly_cycle = $2"
        )
        .bind(new.guild)
        .bind(new.weekly_cycle)
        .fetch_one(e)
        .await)?;
        return Ok(id);
    };
    for (position, option) in new.options.iter().enumerate() {
        insert_option(tx.handle(), id, position as i64, option).await?;
    }
    tx.commit().await?;
    Ok(id)
}

async fn insert_option(
    db: Handle<'_>,
    poll: PollId,
    position: i64,
    option: &NewOption,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO poll_options (poll_id, position, label, label_key, track_id)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(poll)
        .bind(position)
        .bind(option.label.trim())
        .bind(label_key(&option.label))
        .bind(option.track)
    )
    .map_err(|e| match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => duplicate(&option.label),
        _ => Error::Database(e),
    })?;
    Ok(())
}

fn duplicate(label: &str) -> Error {
    PollError::AlreadyAnOption(label.to_owned()).into()
}

/// Takes the poll's row for the rest of the transaction, on PostgreSQL, where
/// a vote takes it first too (`poll_vote`): the statements after it see every
/// vote committed before, and no vote lands until the transaction ends.
/// SQLite's write transaction holds the database's one write lock already.
async fn hold_poll(db: Handle<'_>, poll: PollId) -> Result<()> {
    if let Handle::Postgres(conn) = db {
        sqlx::query("SELECT id FROM polls WHERE id = $1 FOR NO KEY UPDATE")
            .bind(poll)
            .fetch_all(conn)
            .await?;
    }
    Ok(())
}

/// Grows a poll that nobody voted in yet; returns the new option's position.
#[tracing::instrument(skip(db))]
pub async fn add_option<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    option: &NewOption,
    now: DateTime<Utc>,
) -> Result<u8> {
    let mut tx = db.into().begin_write().await?;
    hold_poll(tx.handle(), poll).await?;
    // Writing first takes SQLite's write lock: no vote can slip in between the checks.
    let open = db_execute!(
        tx.handle(),
        sqlx::query(
            "UPDATE polls SET dirty = TRUE WHERE id = $1 AND closed_at IS NULL AND closes_at > $2
               AND NOT EXISTS (SELECT 1 FROM poll_votes WHERE poll_id = polls.id)",
        )
        .bind(poll)
        .bind(at(now))
    )?;
    if open == 0 {
        return Err(PollError::OptionsLocked.into());
    }
    let count: i64 = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM poll_options WHERE poll_id = $1"
    )
    .bind(poll)
    .fetch_one(e)
    .await)?;
    if count as usize >= MAX_OPTIONS {
        return Err(PollError::TooManyOptions { max: MAX_OPTIONS }.into());
    }
    insert_option(tx.handle(), poll, count, option).await?;
    tx.commit().await?;
    Ok(count as u8)
}

/// Forgets a poll whose message could not be posted.
pub async fn delete<'c>(db: impl Into<Handle<'c>>, poll: PollId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM polls WHERE id = $1").bind(poll)
    )?;
    Ok(())
}

pub async fn set_message<'c>(
    db: impl Into<Handle<'c>>,
    poll: PollId,
    message: MessageId,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("UPDATE polls SET message_id = $1 WHERE id = $2")
            .bind(message)
            .bind(poll)
    )?;
    Ok(())
}

/// A poll with its options (JSON `[[position, label, track], …]`), in one statement.
fn get_sql(backend: Backend) -> String {
    let options = match backend {
        Backend::Sqlite => {
            "(SELECT json_group_array(json_array(position, label, track_id)) FROM (
                 SELECT position, label, track_id FROM poll_options
                 WHERE poll_id = polls.id ORDER BY position))"
        }
        Backend::Postgres => {
            "COALESCE((SELECT CAST(json_agg(json_build_array(position, label, track_id)
                                            ORDER BY position) AS TEXT)
                       FROM poll_options WHERE poll_id = polls.id), '[]')"
        }
    };
    format!("SELECT {POLL_COLUMNS}, {options} AS options FROM polls WHERE id = $1")
}

/// A poll with its options, in one statement.
#[tracing::instrument(skip(db))]
pub async fn get<'c>(db: impl Into<Handle<'c>>, poll: PollId) -> Result<Option<Poll>> {
    let db = db.into();
    let sql = get_sql(db.backend());
    let row: Option<PollWithOptions> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(poll)
        .fetch_optional(e)
        .await)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let options: Vec<(i64, String, Option<i64>)> = serde_json::from_str(&row.options)
        .map_err(|e| Error::Internal(format!("options of poll {poll}: {e}")))?;
    let options = options
        .into_iter()
        .map(|(position, label, track_id)| OptionRow {
            position,
            label,
            track_id,
        })
        .collect();
    row.poll.into_poll(options).map(Some)
}

#[derive(FromRow)]
struct PollWithOptions {
    #[sqlx(flatten)]
    poll: PollRow,
    options: String,
}

async fn options_of(db: Handle<'_>, poll: PollId) -> Result<Vec<OptionRow>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT position, label, track_id FROM poll_options WHERE poll_id = $1 ORDER BY position",
    )
    .bind(poll)
    .fetch_all(e)
    .await)?)
}

/// A poll of this server, or a clear error. Another server's poll looks
/// exactly like a missing one, so poll numbers cannot be probed across
/// servers.
pub async fn get_in<'c>(db: impl Into<Handle<'c>>, poll: PollId, guild: GuildId) -> Result<Poll> {
    match get(db, poll).await? {
        Some(p) if p.guild == guild => Ok(p),
        _ => Err(PollError::NoSuchPoll(poll).into()),
    }
}

/// Open polls first (soonest deadline first), then the most recently closed.
pub async fn list<'c>(db: impl Into<Handle<'c>>, guild: GuildId, recent: i64) -> Result<Vec<Poll>> {
    let mut db = db.into();
    let sql = format!(
        "SELECT {POLL_COLUMNS} FROM polls WHERE guild_id = $1 AND closed_at IS NULL
         ORDER BY closes_at, id LIMIT 25"
    );
    let mut rows: Vec<PollRow> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(guild)
        .fetch_all(e)
        .await)?;
    let sql = format!(
        "SELECT {POLL_COLUMNS} FROM polls WHERE guild_id = $1 AND closed_at IS NOT NULL
         ORDER BY closed_at DESC, id DESC LIMIT $2"
    );
    let closed: Vec<PollRow> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(recent)
        .fetch_all(e)
        .await)?;
    rows.extend(closed);
    let mut polls = Vec::with_capacity(rows.len());
    for row in rows {
        let options = options_of(db.reborrow(), row.id).await?;
        polls.push(row.into_poll(options)?);
    }
    Ok(polls)
}

/// Counts per option and, for multiple choice, voters (position -1).
/// Binds: poll, multi. The benchmark's floor runs copies of this and the two below
/// (`bench/sql/`), kept equal by `crate::bench_statements`.
pub(crate) const TALLY_SQL: &str = "\
    SELECT position, COUNT(*) FROM poll_votes WHERE poll_id = ?1 GROUP BY position
    UNION ALL
    SELECT -1, COUNT(*) FROM (
        SELECT 1 FROM poll_votes WHERE poll_id = ?1 AND ?2 GROUP BY member_id)";

/// [`TALLY_SQL`] for PostgreSQL (`$N`, and a name for the subquery).
pub(crate) const TALLY_SQL_PG: &str = "\
    SELECT position, COUNT(*) FROM poll_votes WHERE poll_id = $1 GROUP BY position
    UNION ALL
    SELECT -1, COUNT(*) FROM (
        SELECT 1 FROM poll_votes WHERE poll_id = $1 AND $2 GROUP BY member_id) AS voters";

/// The first voters per option, in voting order. Binds: poll, per option.
pub(crate) const VOTERS_SQL: &str = "\
    SELECT v.position, v.member_id
    FROM poll_options o JOIN poll_votes v ON v.rowid IN (
        SELECT rowid FROM poll_votes
        WHERE poll_id = o.poll_id AND position = o.position
        ORDER BY voted_at, member_id LIMIT ?2)
    WHERE o.poll_id = ?1
    ORDER BY v.position, v.voted_at, v.member_id";

/// [`VOTERS_SQL`] for PostgreSQL, which has no `rowid`: a lateral join.
pub(crate) const VOTERS_SQL_PG: &str = "\
    SELECT v.position, v.member_id
    FROM poll_options o CROSS JOIN LATERAL (
        SELECT position, member_id, voted_at FROM poll_votes
        WHERE poll_id = o.poll_id AND position = o.position
        ORDER BY voted_at, member_id LIMIT $2) AS v
    WHERE o.poll_id = $1
    ORDER BY v.position, v.voted_at, v.member_id";

/// One vote. Binds: poll, guild, now, member, choices (bits), toggle,
/// edit gap. Returns the ballot's bits, whether the edit was claimed, and
/// the chosen labels (JSON).
pub(crate) const VOTE_SQL: &str = "\
    WITH asked AS (
        SELECT p.id, p.multi, p.message_id, p.edited_at,
            (SELECT IFNULL(SUM(1 << position), 0) FROM poll_votes
              WHERE poll_id = p.id AND member_id = ?4) AS current,
            (SELECT SUM(1 << position) FROM poll_options WHERE poll_id = p.id) AS valid
        FROM polls p
        WHERE p.id = ?1 AND p.guild_id = ?2 AND p.closed_at IS NULL AND p.closes_at > ?3
    ), ballot AS (
        SELECT *, CASE WHEN ?6 AND multi THEN (current | ?5) & ~(current & ?5)
                       ELSE ?5 END AS choices
        FROM asked
    )
    INSERT INTO poll_ballots (poll_id, member_id, choices, voted_at, claim_edit)
    SELECT id, ?4, choices, ?3, message_id IS NOT NULL AND edited_at <= ?3 - ?7
    FROM ballot
    WHERE choices & ~valid = 0 AND (multi OR choices & (choices - 1) = 0)
    RETURNING choices, claim_edit,
        (SELECT json_group_array(label) FROM (
            SELECT label FROM poll_options
            WHERE poll_id = ?1 AND (choices >> position) & 1 ORDER BY position))";

/// [`VOTE_SQL`] on PostgreSQL: the same rules in the schema's `poll_vote`,
/// which takes the poll's row before it reads the ballot, so that two
/// processes' votes (a member's double click, the edit claim) apply one
/// after the other as SQLite's single writer applies them. Same binds, same
/// result.
pub(crate) const VOTE_SQL_PG: &str =
    "SELECT choices, edit_claimed, labels FROM poll_vote($1, $2, $3, $4, $5, $6, $7)";

/// Counts per option, in option order, in one statement over the
/// `poll_votes_by_option` index. A single-choice ballot is one row, so its
/// voters are its votes; only multiple choice counts members (row -1).
pub async fn tally<'c>(db: impl Into<Handle<'c>>, poll: &Poll) -> Result<Tally> {
    let db = db.into();
    let sql = match db.backend() {
        Backend::Sqlite => TALLY_SQL,
        Backend::Postgres => TALLY_SQL_PG,
    };
    let rows: Vec<(i64, i64)> = on_db!(db, |e| sqlx::query_as(sql)
        .bind(poll.id)
        .bind(poll.multi)
        .fetch_all(e)
        .await)?;
    let count = |position: i64| {
        rows.iter()
            .find(|(p, _)| *p == position)
            .map(|(_, c)| (*c).max(0) as u64)
            .unwrap_or(0)
    };
    let counts: Vec<u64> = poll
        .options
        .iter()
        .map(|o| count(i64::from(o.position)))
        .collect();
    let voters = if poll.multi {
        count(-1)
    } else {
        counts.iter().sum()
    };
    Ok(Tally { counts, voters })
}

/// Who chose what, for polls that are not anonymous: per option, the first
/// `per_option` voters in voting order (what a results post can show).
pub async fn voters<'c>(
    db: impl Into<Handle<'c>>,
    poll: &Poll,
    per_option: usize,
) -> Result<Vec<(u8, UserId)>> {
    if poll.anonymous {
        return Ok(Vec::new());
    }
    let db = db.into();
    let sql = match db.backend() {
        Backend::Sqlite => VOTERS_SQL,
        Backend::Postgres => VOTERS_SQL_PG,
    };
    let rows: Vec<(i64, UserId)> = on_db!(db, |e| sqlx::query_as(sql)
        .bind(poll.id)
        .bind(i64::try_from(per_option).unwrap_or(i64::MAX))
        .fetch_all(e)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(p, m)| (p.clamp(0, 24) as u8, m))
        .collect())
}

/// What a click asks for.
#[derive(Clone, Debug)]
pub enum Choice {
    /// Replace the ballot by these options (select menu).
    Set(Vec<u8>),
    /// A button: single choice replaces the ballot, multiple choice toggles.
    Toggle(u8),
}

/// A ballot as stored by [`vote`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cast {
    /// The options the ballot now holds, in option order.
    pub positions: Vec<u8>,
    /// Their labels, in the same order.
    pub labels: Vec<String>,
    /// This vote claimed the poll message's edit: the caller makes it now.
    /// Otherwise the message is marked as lagging behind, for the
    /// scheduler's coalesced edit.
    pub edit_claimed: bool,
}

/// Bits of a set of options; `None` when one cannot be an option at all.
fn mask(positions: &[u8]) -> Option<i64> {
    positions.iter().try_fold(0i64, |mask, p| {
        (usize::from(*p) < MAX_OPTIONS).then(|| mask | (1 << p))
    })
}

/// Records a member's ballot, in one statement: the poll must be open and
/// of this server, and the ballot must hold options of the poll (at most
/// one unless multiple choice). The `poll_ballots` trigger (migration
/// 0008) replaces the member's rows and claims or defers the message edit.
#[tracing::instrument(skip(writer))]
pub async fn vote(
    writer: &Writer,
    poll: PollId,
    guild: GuildId,
    member: UserId,
    choice: &Choice,
    now: DateTime<Utc>,
) -> Result<Cast> {
    let (positions, toggle) = match choice {
        Choice::Set(set) => (set.as_slice(), false),
        Choice::Toggle(p) => (std::slice::from_ref(p), true),
    };
    let Some(mask) = mask(positions) else {
        return Err(refusal(writer.db(), poll, guild, now).await);
    };
    let rows: Vec<(i64, bool, String)> = writer
        .run(move |conn| {
            Box::pin(async move {
                let sql = match conn.backend() {
                    Backend::Sqlite => VOTE_SQL,
                    Backend::Postgres => VOTE_SQL_PG,
                };
                // To the end, not `fetch_optional`: see `db::connect`.
                on_db!(conn, |e| sqlx::query_as(sql)
                    .bind(poll)
                    .bind(guild)
                    .bind(at(now))
                    .bind(member)
                    .bind(mask)
                    .bind(toggle)
                    .bind(EDIT_GAP.num_milliseconds())
                    .fetch_all(e)
                    .await)
            })
        })
        .await?;
    let Some((choices, edit_claimed, labels)) = rows.into_iter().next() else {
        return Err(refusal(writer.db(), poll, guild, now).await);
    };
    let labels: Vec<String> = serde_json::from_str(&labels)
        .map_err(|e| Error::Internal(format!("poll option labels: {e}")))?;
    let positions = (0..MAX_OPTIONS as u8)
        .filter(|p| (choices >> p) & 1 == 1)
        .collect();
    Ok(Cast {
        positions,
        labels,
        edit_claimed,
    })
}

/// Why a vote was refused: the poll is unknown, of another server, closed,
/// or the ballot is not made of its options.
async fn refusal(
    db: &crate::db::Database,
    poll: PollId,
    guild: GuildId,
    now: DateTime<Utc>,
) -> Error {
    match get_in(db, poll, guild).await {
        Ok(p) if !p.is_open(now) => closed_error(&p),
        Ok(_) => PollError::NotAnOption.into(),
        Err(error) => error,
    }
}

pub(super) fn closed_error(poll: &Poll) -> Error {
    PollError::Closed(poll.id).into()
}

/// `/forget-me`: deletes a member's ballots and nominations in every
/// server. Returns (ballots, nominations) deleted. Open polls show the new
/// counts at their next edit; closed polls keep the results already posted.
#[tracing::instrument(skip(db))]
pub async fn forget_member<'c>(db: impl Into<Handle<'c>>, member: UserId) -> Result<(u64, u64)> {
    let mut tx = db.into().begin_write().await?;
    let counts = forget_member_in(tx.handle(), member).await?;
    tx.commit().await?;
    Ok(counts)
}

/// [`forget_member`] inside the caller's transaction, on either backend.
pub async fn forget_member_in<'c>(db: impl Into<Handle<'c>>, member: UserId) -> Result<(u64, u64)> {
    let mut db = db.into();
    let ballots: i64 = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT COUNT(DISTINCT poll_id) FROM poll_votes WHERE member_id = $1"
    )
    .bind(member)
    .fetch_one(e)
    .await)?;
    db_execute!(
        db.reborrow(),
        sqlx::query("DELETE FROM poll_votes WHERE member_id = $1").bind(member)
    )?;
    let nominations = db_execute!(
        db,
        sqlx::query("DELETE FROM nominations WHERE member_id = $1").bind(member)
    )?;
    Ok((ballots.max(0) as u64, nominations))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_weekly_club_is_stored_as_0_and_a_member_as_their_id() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:").await.unwrap();
        for (creator, stored) in [
            (Creator::WeeklyClub, 0),
            (Creator::Member(UserId::new(42)), 42),
            (Creator::Member(UserId::new(u64::MAX)), -1),
        ] {
            let (bits, back): (i64, Creator) = sqlx::query_as("SELECT ?1, ?1")
                .bind(creator)
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!((bits, back), (stored, creator));
        }
    }
}
