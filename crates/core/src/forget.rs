//! `/forget-me` as one use case: what would go (counted for the prompt), and
//! deleting all of it in one transaction, so a failure midway leaves the
//! member exactly as they were.

use crate::ids::UserId;
use crate::Result;
use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

/// A member's data in every server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Footprint {
    pub reviews: u64,
    /// Earlier versions of those reviews.
    pub versions: u64,
    /// Polls the member voted in.
    pub ballots: u64,
    pub nominations: u64,
}

/// What `/forget-me` would delete, counted.
#[tracing::instrument(skip(pool))]
pub async fn footprint(pool: &SqlitePool, member: UserId) -> Result<Footprint> {
    let (reviews, versions, ballots, nominations): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM reviews WHERE member_id = ?1),
                (SELECT COUNT(*) FROM review_history h JOIN reviews r ON r.id = h.review_id
                  WHERE r.member_id = ?1),
                (SELECT COUNT(DISTINCT poll_id) FROM poll_votes WHERE member_id = ?1),
                (SELECT COUNT(*) FROM nominations WHERE member_id = ?1)",
    )
    .bind(member)
    .fetch_one(pool)
    .await?;
    let n = |v: i64| v.max(0) as u64;
    Ok(Footprint {
        reviews: n(reviews),
        versions: n(versions),
        ballots: n(ballots),
        nominations: n(nominations),
    })
}

/// Deletes the member's reviews (with their history), poll votes and
/// nominations in every server, in one transaction. Returns what went.
#[tracing::instrument(skip(pool))]
pub async fn forget(pool: &SqlitePool, member: UserId, now: DateTime<Utc>) -> Result<Footprint> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let versions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM review_history h JOIN reviews r ON r.id = h.review_id
         WHERE r.member_id = ?",
    )
    .bind(member)
    .fetch_one(&mut *tx)
    .await?;
    let reviews = crate::reviews::forget_member_in(&mut tx, member, now).await?;
    let (ballots, nominations) = crate::polls::forget_member_in(&mut tx, member).await?;
    crate::publishing::forget_member_in(&mut tx, member).await?;
    tx.commit().await?;
    Ok(Footprint {
        reviews,
        versions: versions.max(0) as u64,
        ballots,
        nominations,
    })
}
