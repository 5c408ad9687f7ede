//! The SQL of reviews. Every write runs in one `BEGIN IMMEDIATE` transaction
//! together with the voices and aggregates it changes.

use super::scores::refresh_voice;
use super::{NewReview, Removal, Review, ReviewId, Score, Target, Version};
use crate::catalog::{DramaId, Kind, TrackId};
use crate::db::Writer;
use crate::ids::{GuildId, UserId};
use crate::timestamp::{at, Timestamp};
use crate::{Error, Result};
use chrono::{DateTime, Utc};
use sqlx::{FromRow, SqliteConnection, SqlitePool};

const COLUMNS: &str = "r.id, r.guild_id, r.member_id, r.member_name, r.drama_id, r.track_key,
    r.score, r.body, r.spoiler, r.created_at, r.updated_at,
    (SELECT COUNT(*) FROM review_history h WHERE h.review_id = r.id) AS edits";

#[derive(FromRow)]
struct Row {
    id: ReviewId,
    guild_id: GuildId,
    member_id: UserId,
    member_name: String,
    drama_id: DramaId,
    track_key: i64,
    score: i64,
    body: Option<String>,
    spoiler: bool,
    created_at: Timestamp,
    updated_at: Timestamp,
    edits: i64,
}

impl TryFrom<Row> for Review {
    type Error = Error;

    fn try_from(r: Row) -> Result<Self> {
        Ok(Review {
            id: r.id,
            guild: r.guild_id,
            member: r.member_id,
            member_name: r.member_name,
            target: Target::from_keys(r.drama_id, r.track_key)?,
            score: Score::new(r.score)
                .map_err(|_| Error::Internal(format!("review {} has score {}", r.id, r.score)))?,
            text: r.body,
            spoiler: r.spoiler,
            created_at: r.created_at.get(),
            updated_at: r.updated_at.get(),
            edits: r.edits.clamp(0, i64::from(u32::MAX)) as u32,
        })
    }
}

fn map_rows(rows: Vec<Row>) -> Result<Vec<Review>> {
    rows.into_iter().map(Review::try_from).collect()
}

async fn by_id(conn: &mut SqliteConnection, id: ReviewId) -> Result<Option<Review>> {
    let sql = format!("SELECT {COLUMNS} FROM reviews r WHERE r.id = ?");
    let row: Option<Row> = sqlx::query_as(&sql).bind(id).fetch_optional(conn).await?;
    row.map(Review::try_from).transpose()
}

/// Recomputes the voices a review on `target` feeds: the track's and the drama's.
async fn refresh(
    conn: &mut SqliteConnection,
    guild: GuildId,
    member: UserId,
    target: Target,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(track) = target.track() {
        refresh_voice(conn, guild, Kind::Track, track.to_i64_bits(), member, now).await?;
    }
    refresh_voice(
        conn,
        guild,
        Kind::Drama,
        target.drama().to_i64_bits(),
        member,
        now,
    )
    .await
}

/// The statement of [`save`]. Parameters: guild, member, member name,
/// drama, track key, score, text, spoiler, time. The benchmark's floor runs
/// a copy (`bench/sql/review_save.sql`); `crate::bench_statements` keeps
/// the two equal.
pub(crate) const SAVE_SQL: &str =
    "INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
         score, body, spoiler, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)
     ON CONFLICT (guild_id, drama_id, track_key, member_id) DO UPDATE SET
         score = excluded.score, body = excluded.body, spoiler = excluded.spoiler,
         member_name = excluded.member_name, updated_at = excluded.updated_at
     RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
         spoiler, created_at, updated_at,
         (SELECT COUNT(*) FROM review_history h WHERE h.review_id = reviews.id) AS edits";

/// Saves a member's review of a target, replacing their earlier one (which
/// goes to the history). Returns the review as stored.
///
/// One statement, atomic on its own: the triggers of migration 0007 keep the
/// history, the voices and the aggregates in step with it. It goes through
/// the group-commit writer, with the other reviews and votes of the moment.
#[tracing::instrument(skip_all, fields(guild = %new.guild, member = %new.member))]
pub async fn save(writer: &Writer, new: &NewReview, now: DateTime<Utc>) -> Result<Review> {
    let new = new.clone();
    let now = at(now);
    let rows: Vec<Row> = writer
        .run(move |conn| {
            let new = new.clone();
            Box::pin(async move {
                // To the end, not `fetch_one`: see `db::connect`.
                crate::on_db!(conn, |e| sqlx::query_as(SAVE_SQL)
                    .bind(new.guild)
                    .bind(new.member)
                    .bind(new.member_name.clone())
                    .bind(new.target.drama())
                    .bind(new.target.track_key())
                    .bind(i64::from(new.score.get()))
                    .bind(new.text.as_ref().map(|t| t.as_str().to_owned()))
                    .bind(new.spoiler)
                    .bind(now)
                    .fetch_all(e)
                    .await)
            })
        })
        .await?;
    let row = rows
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("the review upsert returned no row".into()))?;
    Review::try_from(row)
}

/// One review by id, if it still exists.
pub async fn get(pool: &SqlitePool, id: ReviewId) -> Result<Option<Review>> {
    let mut conn = pool.acquire().await?;
    by_id(&mut conn, id).await
}

/// A member's current review of a target in a server.
pub async fn find(
    pool: &SqlitePool,
    guild: GuildId,
    member: UserId,
    target: Target,
) -> Result<Option<Review>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reviews r
         WHERE r.guild_id = ? AND r.drama_id = ? AND r.track_key = ? AND r.member_id = ?"
    );
    let row: Option<Row> = sqlx::query_as(&sql)
        .bind(guild)
        .bind(target.drama())
        .bind(target.track_key())
        .bind(member)
        .fetch_optional(pool)
        .await?;
    row.map(Review::try_from).transpose()
}

/// Earlier versions of a review, oldest first.
pub async fn history(pool: &SqlitePool, id: ReviewId) -> Result<Vec<Version>> {
    let rows: Vec<(i64, Option<String>, bool, Timestamp)> = sqlx::query_as(
        "SELECT score, body, spoiler, written_at FROM review_history
         WHERE review_id = ? ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(score, text, spoiler, at)| {
            Ok(Version {
                score: Score::new(score)?,
                text,
                spoiler,
                written_at: at.get(),
            })
        })
        .collect()
}

fn not_yours() -> Error {
    super::ReviewError::NotYours.into()
}

/// Deletes a member's own review (and its history) in a server.
#[tracing::instrument(skip(pool))]
pub async fn delete_own(
    pool: &SqlitePool,
    guild: GuildId,
    member: UserId,
    id: ReviewId,
    now: DateTime<Utc>,
) -> Result<Review> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let review = by_id(&mut tx, id).await?.ok_or(Error::EntryGone)?;
    if review.guild != guild {
        return Err(Error::EntryGone);
    }
    if review.member != member {
        return Err(not_yours());
    }
    sqlx::query("DELETE FROM reviews WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    refresh(&mut tx, guild, member, review.target, now).await?;
    tx.commit().await?;
    Ok(review)
}

/// A moderator removes any review of their server; the removal is recorded.
#[tracing::instrument(skip(pool, reason))]
pub async fn remove(
    pool: &SqlitePool,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Review> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let review = remove_in(&mut tx, guild, id, moderator, reason, now).await?;
    tx.commit().await?;
    Ok(review)
}

async fn remove_in(
    tx: &mut SqliteConnection,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Review> {
    let missing = || Error::from(super::ReviewError::NoSuchReview(id));
    let review = by_id(&mut *tx, id).await?.ok_or_else(missing)?;
    if review.guild != guild {
        // Another server's review looks the same as a missing one.
        return Err(missing());
    }
    sqlx::query(
        "INSERT INTO review_removals (guild_id, review_id, member_id, drama_id, track_key, score,
             removed_by, removed_at, reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(guild)
    .bind(id)
    .bind(review.member)
    .bind(review.target.drama())
    .bind(review.target.track_key())
    .bind(i64::from(review.score.get()))
    .bind(moderator)
    .bind(at(now))
    .bind(reason)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM reviews WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    refresh(&mut *tx, guild, review.member, review.target, now).await?;
    Ok(review)
}

/// A moderator's request to remove a review, waiting for their confirmation.
pub type RemovalRequest = crate::ids::RemovalRequestId;

/// How long a removal request waits for its confirmation.
const REQUEST_HOURS: i64 = 24;

/// `/moderate remove-review`, first step: the review as it is now, and a
/// request (holding the reason) that only [`answer_removal`] by the same
/// moderator carries out. Nothing is removed yet.
#[tracing::instrument(skip(pool, reason))]
pub async fn request_removal(
    pool: &SqlitePool,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(RemovalRequest, Review)> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Another server's review looks the same as a missing one.
    let review = by_id(&mut tx, id)
        .await?
        .filter(|r| r.guild == guild)
        .ok_or(Error::from(super::ReviewError::NoSuchReview(id)))?;
    sqlx::query("DELETE FROM review_removal_requests WHERE requested_at < ?")
        .bind(at(now - chrono::Duration::hours(REQUEST_HOURS)))
        .execute(&mut *tx)
        .await?;
    let request: RemovalRequest = sqlx::query_scalar(
        "INSERT INTO review_removal_requests (guild_id, review_id, moderator_id, reason, requested_at)
         VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(guild)
    .bind(id)
    .bind(moderator)
    .bind(reason)
    .bind(at(now))
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok((request, review))
}

/// Carries out (`confirm`) or drops a removal request. Only the moderator who
/// asked may answer it; an answered or expired request is gone.
#[tracing::instrument(skip(pool))]
pub async fn answer_removal(
    pool: &SqlitePool,
    guild: GuildId,
    request: RemovalRequest,
    moderator: UserId,
    confirm: bool,
    now: DateTime<Utc>,
) -> Result<Option<Review>> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let row: Option<(ReviewId, UserId, Option<String>, Timestamp)> = sqlx::query_as(
        "SELECT review_id, moderator_id, reason, requested_at FROM review_removal_requests
         WHERE id = ? AND guild_id = ?",
    )
    .bind(request)
    .bind(guild)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((review, asked_by, reason, at)) = row else {
        return Err(Error::Refused(crate::error::Refusal::ConfirmationGone));
    };
    if asked_by != moderator {
        return Err(Error::Refused(crate::error::Refusal::NotYourConfirmation));
    }
    sqlx::query("DELETE FROM review_removal_requests WHERE id = ?")
        .bind(request)
        .execute(&mut *tx)
        .await?;
    let expired = at.get() < now - chrono::Duration::hours(REQUEST_HOURS);
    if expired {
        tx.commit().await?;
        return Err(Error::Refused(crate::error::Refusal::ConfirmationGone));
    }
    let removed = if confirm {
        Some(remove_in(&mut tx, guild, review, moderator, reason.as_deref(), now).await?)
    } else {
        None
    };
    tx.commit().await?;
    Ok(removed)
}

/// The moderators' removals in a server, newest first.
pub async fn removals(pool: &SqlitePool, guild: GuildId) -> Result<Vec<Removal>> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        ReviewId,
        Option<UserId>,
        DramaId,
        i64,
        i64,
        UserId,
        Timestamp,
        Option<String>,
    )> = sqlx::query_as(
        "SELECT review_id, member_id, drama_id, track_key, score, removed_by, removed_at, reason
             FROM review_removals WHERE guild_id = ? ORDER BY removed_at DESC, id DESC",
    )
    .bind(guild)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(review, member, drama, track, score, by, at, reason)| {
            Ok(Removal {
                review,
                guild,
                member,
                target: Target::from_keys(drama, track)?,
                score: Score::new(score)?,
                removed_by: by,
                removed_at: at.get(),
                reason,
            })
        })
        .collect()
}

/// Deletes every review a member wrote, in every server, and updates the
/// scores; their name leaves the moderators' removal records too.
/// Returns how many reviews were deleted.
#[tracing::instrument(skip(pool))]
pub async fn forget_member(pool: &SqlitePool, member: UserId, now: DateTime<Utc>) -> Result<u64> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let deleted = forget_member_in(&mut tx, member, now).await?;
    tx.commit().await?;
    Ok(deleted)
}

/// [`forget_member`] inside the caller's transaction.
pub async fn forget_member_in(
    tx: &mut SqliteConnection,
    member: UserId,
    now: DateTime<Utc>,
) -> Result<u64> {
    let rows: Vec<(GuildId, DramaId, i64)> =
        sqlx::query_as("SELECT guild_id, drama_id, track_key FROM reviews WHERE member_id = ?")
            .bind(member)
            .fetch_all(&mut *tx)
            .await?;
    sqlx::query("DELETE FROM reviews WHERE member_id = ?")
        .bind(member)
        .execute(&mut *tx)
        .await?;
    for (guild, drama, track) in &rows {
        refresh(
            &mut *tx,
            *guild,
            member,
            Target::from_keys(*drama, *track)?,
            now,
        )
        .await?;
    }
    sqlx::query("UPDATE review_removals SET member_id = NULL WHERE member_id = ?")
        .bind(member)
        .execute(&mut *tx)
        .await?;
    Ok(rows.len() as u64)
}

/// Whose reviews a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// A drama's reviews: of the whole OST and of each track.
    Drama(DramaId),
    Track(TrackId),
    Member(UserId),
}

/// One page of reviews in a server, newest first: `(page, total)`.
#[tracing::instrument(skip(pool))]
pub async fn list(
    pool: &SqlitePool,
    guild: GuildId,
    listing: Listing,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Review>, u64)> {
    let (condition, key) = match listing {
        Listing::Drama(d) => ("r.drama_id = ?", d.to_i64_bits()),
        Listing::Track(t) => ("r.track_key = ?", t.to_i64_bits()),
        Listing::Member(u) => ("r.member_id = ?", u.to_i64_bits()),
    };
    let (total,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM reviews r WHERE r.guild_id = ? AND {condition}"
    ))
    .bind(guild)
    .bind(key)
    .fetch_one(pool)
    .await?;
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = ? AND {condition}
         ORDER BY r.updated_at DESC, r.id DESC LIMIT ? OFFSET ?"
    ))
    .bind(guild)
    .bind(key)
    .bind(limit.min(i64::MAX as u64) as i64)
    .bind(offset.min(i64::MAX as u64) as i64)
    .fetch_all(pool)
    .await?;
    Ok((map_rows(rows)?, total.max(0) as u64))
}

/// The newest reviews in a server (the public pages' home), over the
/// `reviews_by_guild_time` index.
pub async fn recent(pool: &SqlitePool, guild: GuildId, limit: u64) -> Result<Vec<Review>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = ?
         ORDER BY r.updated_at DESC, r.id DESC LIMIT ?"
    ))
    .bind(guild)
    .bind(limit.min(100) as i64)
    .fetch_all(pool)
    .await?;
    map_rows(rows)
}

/// The reviews shown under a drama or track card: those with text first,
/// then by score, newest breaking ties.
pub async fn top(
    pool: &SqlitePool,
    guild: GuildId,
    listing: Listing,
    limit: u64,
) -> Result<Vec<Review>> {
    let (condition, key) = match listing {
        Listing::Drama(d) => ("r.drama_id = ? AND r.track_key = 0", d.to_i64_bits()),
        Listing::Track(t) => ("r.track_key = ?", t.to_i64_bits()),
        Listing::Member(u) => ("r.member_id = ?", u.to_i64_bits()),
    };
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = ? AND {condition}
         ORDER BY r.body IS NULL, r.score DESC, r.updated_at DESC LIMIT ?"
    ))
    .bind(guild)
    .bind(key)
    .bind(limit.min(100) as i64)
    .fetch_all(pool)
    .await?;
    map_rows(rows)
}

/// What `/profile` shows about a member in one server.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub reviews: u64,
    pub mean_given: Option<f64>,
    /// Dramas the member gave the highest voices, best first.
    pub favourites: Vec<(DramaId, f64)>,
    pub latest: Vec<Review>,
}

pub async fn profile(pool: &SqlitePool, guild: GuildId, member: UserId) -> Result<Profile> {
    let (count, mean): (i64, Option<f64>) = sqlx::query_as(
        "SELECT COUNT(*), AVG(score) FROM reviews WHERE member_id = ? AND guild_id = ?",
    )
    .bind(member)
    .bind(guild)
    .fetch_one(pool)
    .await?;
    let favourites: Vec<(DramaId, f64)> = sqlx::query_as(
        "SELECT target_id, voice FROM voices
         WHERE guild_id = ? AND kind = 'drama' AND member_id = ?
         ORDER BY voice DESC, updated_at DESC LIMIT 3",
    )
    .bind(guild)
    .bind(member)
    .fetch_all(pool)
    .await?;
    let (latest, _) = list(pool, guild, Listing::Member(member), 0, 3).await?;
    Ok(Profile {
        reviews: count.max(0) as u64,
        mean_given: mean,
        favourites,
        latest,
    })
}

#[derive(FromRow)]
struct ExportRow {
    id: ReviewId,
    member_id: UserId,
    member_name: String,
    drama: String,
    drama_ko: Option<String>,
    track: Option<String>,
    track_ko: Option<String>,
    score: i64,
    spoiler: bool,
    body: Option<String>,
    created_at: Timestamp,
    updated_at: Timestamp,
    edits: i64,
}

/// The UTF-8 byte order mark the export starts with.
pub const CSV_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A stored time as ISO 8601 UTC to the second, e.g. `2026-11-23T12:00:00Z`.
fn iso_time(stored: Timestamp) -> String {
    stored.get().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A server's reviews as CSV (oldest first), for moderators: UTF-8 with a
/// byte order mark (Excel reads Korean right only with it), Korean titles
/// beside the English ones, times in ISO 8601 UTC.
#[tracing::instrument(skip(pool))]
pub async fn export_csv(pool: &SqlitePool, guild: GuildId) -> Result<Vec<u8>> {
    let rows: Vec<ExportRow> = sqlx::query_as(
        "SELECT r.id, r.member_id, r.member_name, d.title AS drama, d.title_ko AS drama_ko,
                t.title AS track, t.title_ko AS track_ko, r.score,
                r.spoiler, r.body, r.created_at, r.updated_at,
                (SELECT COUNT(*) FROM review_history h WHERE h.review_id = r.id) AS edits
         FROM reviews r JOIN dramas d ON d.id = r.drama_id
         LEFT JOIN tracks t ON t.id = r.track_key
         WHERE r.guild_id = ? ORDER BY r.created_at, r.id",
    )
    .bind(guild)
    .fetch_all(pool)
    .await?;
    let mut out = csv::Writer::from_writer(CSV_BOM.to_vec());
    let internal = |e: csv::Error| Error::Internal(format!("csv: {e}"));
    out.write_record([
        "review_id",
        "member_id",
        "member_name",
        "drama",
        "drama_ko",
        "track",
        "track_ko",
        "score",
        "spoiler",
        "text",
        "created_at",
        "updated_at",
        "edits",
    ])
    .map_err(internal)?;
    for r in rows {
        out.write_record([
            r.id.to_string(),
            r.member_id.to_string(),
            defuse_formula(&r.member_name),
            defuse_formula(&r.drama),
            defuse_formula(r.drama_ko.as_deref().unwrap_or("")),
            defuse_formula(r.track.as_deref().unwrap_or("")),
            defuse_formula(r.track_ko.as_deref().unwrap_or("")),
            r.score.to_string(),
            r.spoiler.to_string(),
            defuse_formula(r.body.as_deref().unwrap_or("")),
            iso_time(r.created_at),
            iso_time(r.updated_at),
            r.edits.to_string(),
        ])
        .map_err(internal)?;
    }
    out.into_inner()
        .map_err(|e| Error::Internal(format!("csv: {e}")))
}

/// Spreadsheet apps run cells that start with `=`, `+`, `-` or `@`: member
/// text is prefixed with an apostrophe so it stays text.
fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}
