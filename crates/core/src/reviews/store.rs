//! The SQL of reviews, on either backend ([`Handle`]). Every write runs in
//! one transaction together with the voices and aggregates it changes (a
//! save is one statement; the schema's triggers do the rest).

use super::scores::refresh_voice;
use super::{NewReview, Removal, Review, ReviewId, Score, Target, Version};
use crate::catalog::{DramaId, Kind, TrackId};
use crate::db::{Backend, Handle, Writer};
use crate::ids::{GuildId, UserId};
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Error, Result};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

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

async fn by_id<'c>(db: impl Into<Handle<'c>>, id: ReviewId) -> Result<Option<Review>> {
    let sql = format!("SELECT {COLUMNS} FROM reviews r WHERE r.id = $1");
    let row: Option<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(e)
        .await)?;
    row.map(Review::try_from).transpose()
}

/// Recomputes the voices a review on `target` feeds: the track's and the drama's.
async fn refresh(
    mut db: Handle<'_>,
    guild: GuildId,
    member: UserId,
    target: Target,
    now: DateTime<Utc>,
) -> Result<()> {
    if let Some(track) = target.track() {
        let track = track.to_i64_bits();
        refresh_voice(db.reborrow(), guild, Kind::Track, track, member, now).await?;
    }
    refresh_voice(
        db,
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

/// [`SAVE_SQL`] for PostgreSQL, where it differs in two ways:
/// - an upsert draws the next id before it meets the conflict, so every edit
///   would skip a review number (SQLite hands out each one once, in order):
///   an existing review is updated first, and only a new one is inserted
///   (two saves of one member's first review racing still meet the
///   conflict clause);
/// - the earlier versions are counted by `review_edits`, which sees the one
///   the history trigger adds within this statement (a subquery here reads
///   the statement's snapshot, taken before it; see the schema).
pub(crate) const SAVE_SQL_POSTGRES: &str = "WITH changed AS (
         UPDATE reviews SET score = $6, body = $7, spoiler = $8, member_name = $3,
                updated_at = $9
         WHERE guild_id = $1 AND drama_id = $4 AND track_key = $5 AND member_id = $2
         RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
             spoiler, created_at, updated_at, review_edits(id) AS edits),
     added AS (
         INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key,
             score, body, spoiler, created_at, updated_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $9 WHERE NOT EXISTS (SELECT 1 FROM changed)
         ON CONFLICT (guild_id, drama_id, track_key, member_id) DO UPDATE SET
             score = excluded.score, body = excluded.body, spoiler = excluded.spoiler,
             member_name = excluded.member_name, updated_at = excluded.updated_at
         RETURNING id, guild_id, member_id, member_name, drama_id, track_key, score, body,
             spoiler, created_at, updated_at, review_edits(reviews.id) AS edits)
     SELECT * FROM changed UNION ALL SELECT * FROM added";

/// Saves a member's review of a target, replacing their earlier one (which
/// goes to the history). Returns the review as stored.
///
/// One statement, atomic on its own: the triggers of migration 0007 (on
/// PostgreSQL, their PL/pgSQL twins in the schema) keep the history, the
/// voices and the aggregates in step with it. It goes through
/// the group-commit writer, with the other reviews and votes of the moment.
#[tracing::instrument(skip_all, fields(guild = %new.guild, member = %new.member))]
pub async fn save(writer: &Writer, new: &NewReview, now: DateTime<Utc>) -> Result<Review> {
    let new = new.clone();
    let now = at(now);
    let rows: Vec<Row> = writer
        .run(move |conn| {
            let new = new.clone();
            Box::pin(async move {
                let sql = match conn.backend() {
                    Backend::Sqlite => SAVE_SQL,
                    Backend::Postgres => SAVE_SQL_POSTGRES,
                };
                // To the end, not `fetch_one`: see `db::connect`.
                on_db!(conn, |e| sqlx::query_as(sql)
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
        .await
        .map_err(|e| match e {
            // The drama left the catalog since the member picked it.
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => Error::EntryGone,
            e => e.into(),
        })?;
    let row = rows
        .into_iter()
        .next()
        .ok_or_else(|| Error::Internal("the review upsert returned no row".into()))?;
    Review::try_from(row)
}

/// One review by id, if it still exists.
pub async fn get<'c>(db: impl Into<Handle<'c>>, id: ReviewId) -> Result<Option<Review>> {
    by_id(db, id).await
}

/// A member's current review of a target in a server.
pub async fn find<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
    target: Target,
) -> Result<Option<Review>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reviews r
         WHERE r.guild_id = $1 AND r.drama_id = $2 AND r.track_key = $3 AND r.member_id = $4"
    );
    let row: Option<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(target.drama())
        .bind(target.track_key())
        .bind(member)
        .fetch_optional(e)
        .await)?;
    row.map(Review::try_from).transpose()
}

/// Earlier versions of a review, oldest first.
pub async fn history<'c>(db: impl Into<Handle<'c>>, id: ReviewId) -> Result<Vec<Version>> {
    let rows: Vec<(i64, Option<String>, bool, Timestamp)> = on_db!(db, |e| sqlx::query_as(
        "SELECT score, body, spoiler, written_at FROM review_history
         WHERE review_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(e)
    .await)?;
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
#[tracing::instrument(skip(db))]
pub async fn delete_own<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
    id: ReviewId,
    now: DateTime<Utc>,
) -> Result<Review> {
    let mut tx = db.into().begin_write().await?;
    let review = by_id(tx.handle(), id).await?.ok_or(Error::EntryGone)?;
    if review.guild != guild {
        return Err(Error::EntryGone);
    }
    if review.member != member {
        return Err(not_yours());
    }
    delete(tx.handle(), id).await?;
    refresh(tx.handle(), guild, member, review.target, now).await?;
    tx.commit().await?;
    Ok(review)
}

async fn delete(db: Handle<'_>, id: ReviewId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM reviews WHERE id = $1").bind(id)
    )?;
    Ok(())
}

/// A moderator removes any review of their server; the removal is recorded.
#[tracing::instrument(skip(db, reason))]
pub async fn remove<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Review> {
    let mut tx = db.into().begin_write().await?;
    let review = remove_in(tx.handle(), guild, id, moderator, reason, now).await?;
    tx.commit().await?;
    Ok(review)
}

async fn remove_in(
    mut tx: Handle<'_>,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Review> {
    let missing = || Error::from(super::ReviewError::NoSuchReview(id));
    let review = by_id(tx.reborrow(), id).await?.ok_or_else(missing)?;
    if review.guild != guild {
        // Another server's review looks the same as a missing one.
        return Err(missing());
    }
    db_execute!(
        tx.reborrow(),
        sqlx::query(
            "INSERT INTO review_removals (guild_id, review_id, member_id, drama_id, track_key,
                 score, removed_by, removed_at, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
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
    )?;
    delete(tx.reborrow(), id).await?;
    refresh(tx, guild, review.member, review.target, now).await?;
    Ok(review)
}

/// A moderator's request to remove a review, waiting for their confirmation.
pub type RemovalRequest = crate::ids::RemovalRequestId;

/// How long a removal request waits for its confirmation.
const REQUEST_HOURS: i64 = 24;

/// `/moderate remove-review`, first step: the review as it is now, and a
/// request (holding the reason) that only [`answer_removal`] by the same
/// moderator carries out. Nothing is removed yet.
#[tracing::instrument(skip(db, reason))]
pub async fn request_removal<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: ReviewId,
    moderator: UserId,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(RemovalRequest, Review)> {
    let mut tx = db.into().begin_write().await?;
    // Another server's review looks the same as a missing one.
    let review = by_id(tx.handle(), id)
        .await?
        .filter(|r| r.guild == guild)
        .ok_or(Error::from(super::ReviewError::NoSuchReview(id)))?;
    db_execute!(
        tx.handle(),
        sqlx::query("DELETE FROM review_removal_requests WHERE requested_at < $1")
            .bind(at(now - chrono::Duration::hours(REQUEST_HOURS)))
    )?;
    let request: RemovalRequest = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "INSERT INTO review_removal_requests (guild_id, review_id, moderator_id, reason,
             requested_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(guild)
    .bind(id)
    .bind(moderator)
    .bind(reason)
    .bind(at(now))
    .fetch_one(e)
    .await)?;
    tx.commit().await?;
    Ok((request, review))
}

/// Carries out (`confirm`) or drops a removal request. Only the moderator who
/// asked may answer it; an answered or expired request is gone.
#[tracing::instrument(skip(db))]
pub async fn answer_removal<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    request: RemovalRequest,
    moderator: UserId,
    confirm: bool,
    now: DateTime<Utc>,
) -> Result<Option<Review>> {
    let mut tx = db.into().begin_write().await?;
    let row: Option<(ReviewId, UserId, Option<String>, Timestamp)> =
        on_db!(tx.handle(), |e| sqlx::query_as(
            "SELECT review_id, moderator_id, reason, requested_at FROM review_removal_requests
             WHERE id = $1 AND guild_id = $2",
        )
        .bind(request)
        .bind(guild)
        .fetch_optional(e)
        .await)?;
    let Some((review, asked_by, reason, at)) = row else {
        return Err(Error::Refused(crate::error::Refusal::ConfirmationGone));
    };
    if asked_by != moderator {
        return Err(Error::Refused(crate::error::Refusal::NotYourConfirmation));
    }
    db_execute!(
        tx.handle(),
        sqlx::query("DELETE FROM review_removal_requests WHERE id = $1").bind(request)
    )?;
    let expired = at.get() < now - chrono::Duration::hours(REQUEST_HOURS);
    if expired {
        tx.commit().await?;
        return Err(Error::Refused(crate::error::Refusal::ConfirmationGone));
    }
    let removed = if confirm {
        Some(
            remove_in(
                tx.handle(),
                guild,
                review,
                moderator,
                reason.as_deref(),
                now,
            )
            .await?,
        )
    } else {
        None
    };
    tx.commit().await?;
    Ok(removed)
}

/// The moderators' removals in a server, newest first.
pub async fn removals<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Vec<Removal>> {
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
    )> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT review_id, member_id, drama_id, track_key, score, removed_by, removed_at, reason
             FROM review_removals WHERE guild_id = $1 ORDER BY removed_at DESC, id DESC",
    )
    .bind(guild)
    .fetch_all(e)
    .await
    })?;
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
#[tracing::instrument(skip(db))]
pub async fn forget_member<'c>(
    db: impl Into<Handle<'c>>,
    member: UserId,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut tx = db.into().begin_write().await?;
    let deleted = forget_member_in(tx.handle(), member, now).await?;
    tx.commit().await?;
    Ok(deleted)
}

/// [`forget_member`] inside the caller's transaction.
pub async fn forget_member_in<'c>(
    db: impl Into<Handle<'c>>,
    member: UserId,
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut db = db.into();
    let rows: Vec<(GuildId, DramaId, i64)> = on_db!(db.reborrow(), |e| sqlx::query_as(
        "SELECT guild_id, drama_id, track_key FROM reviews WHERE member_id = $1"
    )
    .bind(member)
    .fetch_all(e)
    .await)?;
    db_execute!(
        db.reborrow(),
        sqlx::query("DELETE FROM reviews WHERE member_id = $1").bind(member)
    )?;
    for (guild, drama, track) in &rows {
        let target = Target::from_keys(*drama, *track)?;
        refresh(db.reborrow(), *guild, member, target, now).await?;
    }
    db_execute!(
        db,
        sqlx::query("UPDATE review_removals SET member_id = NULL WHERE member_id = $1")
            .bind(member)
    )?;
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
#[tracing::instrument(skip(db))]
pub async fn list<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    listing: Listing,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Review>, u64)> {
    let mut db = db.into();
    let (condition, key) = match listing {
        Listing::Drama(d) => ("r.drama_id = $2", d.to_i64_bits()),
        Listing::Track(t) => ("r.track_key = $2", t.to_i64_bits()),
        Listing::Member(u) => ("r.member_id = $2", u.to_i64_bits()),
    };
    let count = format!("SELECT COUNT(*) FROM reviews r WHERE r.guild_id = $1 AND {condition}");
    let (total,): (i64,) = on_db!(db.reborrow(), |e| sqlx::query_as(&count)
        .bind(guild)
        .bind(key)
        .fetch_one(e)
        .await)?;
    let page = format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = $1 AND {condition}
         ORDER BY r.updated_at DESC, r.id DESC LIMIT $3 OFFSET $4"
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&page)
        .bind(guild)
        .bind(key)
        .bind(limit.min(i64::MAX as u64) as i64)
        .bind(offset.min(i64::MAX as u64) as i64)
        .fetch_all(e)
        .await)?;
    Ok((map_rows(rows)?, total.max(0) as u64))
}

/// The newest reviews in a server (the public pages' home), over the
/// `reviews_by_guild_time` index.
pub async fn recent<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    limit: u64,
) -> Result<Vec<Review>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = $1
         ORDER BY r.updated_at DESC, r.id DESC LIMIT $2"
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(limit.min(100) as i64)
        .fetch_all(e)
        .await)?;
    map_rows(rows)
}

/// The reviews shown under a drama or track card: those with text first,
/// then by score, newest breaking ties (and the later review of one moment).
pub async fn top<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    listing: Listing,
    limit: u64,
) -> Result<Vec<Review>> {
    let (condition, key) = match listing {
        Listing::Drama(d) => ("r.drama_id = $2 AND r.track_key = 0", d.to_i64_bits()),
        Listing::Track(t) => ("r.track_key = $2", t.to_i64_bits()),
        Listing::Member(u) => ("r.member_id = $2", u.to_i64_bits()),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM reviews r WHERE r.guild_id = $1 AND {condition}
         ORDER BY r.body IS NULL, r.score DESC, r.updated_at DESC, r.id DESC LIMIT $3"
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(key)
        .bind(limit.min(100) as i64)
        .fetch_all(e)
        .await)?;
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

pub async fn profile<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
) -> Result<Profile> {
    let mut db = db.into();
    // AVG of an integer column is NUMERIC in PostgreSQL: the scores are cast first.
    let (count, mean): (i64, Option<f64>) = on_db!(db.reborrow(), |e| sqlx::query_as(
        "SELECT COUNT(*), AVG(CAST(score AS DOUBLE PRECISION)) FROM reviews
         WHERE member_id = $1 AND guild_id = $2",
    )
    .bind(member)
    .bind(guild)
    .fetch_one(e)
    .await)?;
    let favourites: Vec<(DramaId, f64)> = on_db!(db.reborrow(), |e| sqlx::query_as(
        "SELECT target_id, voice FROM voices
         WHERE guild_id = $1 AND kind = 'drama' AND member_id = $2
         ORDER BY voice DESC, updated_at DESC, target_id LIMIT 3",
    )
    .bind(guild)
    .bind(member)
    .fetch_all(e)
    .await)?;
    let (latest, _) = list(db, guild, Listing::Member(member), 0, 3).await?;
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
#[tracing::instrument(skip(db))]
pub async fn export_csv<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Vec<u8>> {
    let rows: Vec<ExportRow> = on_db!(db, |e| sqlx::query_as(
        "SELECT r.id, r.member_id, r.member_name, d.title AS drama, d.title_ko AS drama_ko,
                t.title AS track, t.title_ko AS track_ko, r.score,
                r.spoiler, r.body, r.created_at, r.updated_at,
                (SELECT COUNT(*) FROM review_history h WHERE h.review_id = r.id) AS edits
         FROM reviews r JOIN dramas d ON d.id = r.drama_id
         LEFT JOIN tracks t ON t.id = r.track_key
         WHERE r.guild_id = $1 ORDER BY r.created_at, r.id",
    )
    .bind(guild)
    .fetch_all(e)
    .await)?;
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
