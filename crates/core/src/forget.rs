//! `/forget-me` as one use case: what would go (counted for the prompt), and
//! deleting all of it in one transaction, so a failure midway leaves the
//! member exactly as they were.

use crate::db::Handle;
use crate::ids::UserId;
use crate::{on_db, Result};
use chrono::{DateTime, Utc};

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
#[tracing::instrument(skip(db))]
pub async fn footprint<'c>(db: impl Into<Handle<'c>>, member: UserId) -> Result<Footprint> {
    let (reviews, versions, ballots, nominations): (i64, i64, i64, i64) = on_db!(db, |e| {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM reviews WHERE member_id = $1),
                    (SELECT COUNT(*) FROM review_history h JOIN reviews r ON r.id = h.review_id
                      WHERE r.member_id = $1),
                    (SELECT COUNT(DISTINCT poll_id) FROM poll_votes WHERE member_id = $1),
                    (SELECT COUNT(*) FROM nominations WHERE member_id = $1)",
        )
        .bind(member)
        .fetch_one(e)
        .await
    })?;
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
#[tracing::instrument(skip(db))]
pub async fn forget<'c>(
    db: impl Into<Handle<'c>>,
    member: UserId,
    now: DateTime<Utc>,
) -> Result<Footprint> {
    let mut tx = db.into().begin_write().await?;
    let versions: i64 = on_db!(tx.handle(), |e| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM review_history h JOIN reviews r ON r.id = h.review_id
             WHERE r.member_id = $1",
        )
        .bind(member)
        .fetch_one(e)
        .await
    })?;
    let reviews = crate::reviews::forget_member_in(tx.handle(), member, now).await?;
    let (ballots, nominations) = crate::polls::forget_member_in(tx.handle(), member).await?;
    crate::publishing::forget_member_in(tx.handle(), member).await?;
    tx.commit().await?;
    Ok(Footprint {
        reviews,
        versions: versions.max(0) as u64,
        ballots,
        nominations,
    })
}
