//! Interactions already taken. Discord can deliver one interaction twice: a
//! gateway resume re-sends the dispatches the bot may have seen, and anyone
//! who captured a signed HTTP request can send it again while its timestamp
//! is inside the replay window. The first delivery claims the interaction id
//! here, in the database, so every process sharing the database handles an
//! interaction once (at most once: a process that dies between the claim
//! and the effect loses that one interaction, which Discord shows the member
//! as failed, rather than applying it twice).

use crate::db::Writer;
use crate::ids::InteractionId;
use crate::timestamp::at;
use crate::{db_execute, on_db, Result};
use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How far `X-Signature-Timestamp` may be from now, either way. Discord signs
/// a request when it sends it and wants an answer within 3 s, so a genuine
/// request is seconds old; five minutes leaves room for a host clock that
/// drifted without NTP, and keeps the record of seen ids to a few minutes of
/// traffic. Outside it the endpoint answers 401.
pub const REPLAY_WINDOW: Duration = Duration::from_secs(5 * 60);

/// How long a seen id is kept. A request signed at `T` is accepted while now
/// is within `T ± REPLAY_WINDOW`; its first copy was seen no earlier than
/// `T - REPLAY_WINDOW`, so its last accepted copy arrives at most two windows
/// after the first.
pub const RETENTION: Duration = Duration::from_secs(2 * REPLAY_WINDOW.as_secs());
const RETENTION_DELTA: chrono::Duration = chrono::Duration::seconds(RETENTION.as_secs() as i64);

/// Claims between two prunes of expired ids, per process.
const PRUNE_EVERY: u64 = 256;

/// The ledger of seen interaction ids.
#[derive(Clone)]
pub struct Ledger {
    writer: Writer,
    claims: std::sync::Arc<AtomicU64>,
}

impl Ledger {
    pub fn new(writer: Writer) -> Self {
        Ledger {
            writer,
            claims: Default::default(),
        }
    }

    /// Records `id` as taken at `now`: `true` for its first delivery, `false`
    /// for every later copy (from this process or another).
    #[tracing::instrument(skip(self))]
    pub async fn claim(&self, id: InteractionId, now: DateTime<Utc>) -> Result<bool> {
        let seen_at = at(now);
        let rows: Vec<(i64,)> = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    // To the end, not `fetch_optional`: see `db::connect`.
                    on_db!(conn, |e| sqlx::query_as(
                        "INSERT INTO seen_interactions (id, seen_at) VALUES ($1, $2) \
                         ON CONFLICT (id) DO NOTHING RETURNING id",
                    )
                    .bind(id)
                    .bind(seen_at)
                    .fetch_all(e)
                    .await)
                })
            })
            .await?;
        if self
            .claims
            .fetch_add(1, Ordering::Relaxed)
            .is_multiple_of(PRUNE_EVERY)
        {
            if let Err(error) = self.prune(now).await {
                tracing::warn!(%error, "could not prune the record of seen interactions");
            }
        }
        Ok(!rows.is_empty())
    }

    /// Forgets ids seen longer than `RETENTION` before `now`.
    pub async fn prune(&self, now: DateTime<Utc>) -> Result<u64> {
        let before = at(now - RETENTION_DELTA);
        let removed = self
            .writer
            .run(move |conn| {
                Box::pin(async move {
                    db_execute!(
                        conn,
                        sqlx::query("DELETE FROM seen_interactions WHERE seen_at < $1")
                            .bind(before)
                    )
                })
            })
            .await?;
        Ok(removed)
    }
}

/// Whether a request signed at `timestamp` (unix seconds, as Discord sends
/// it) may be accepted at `now`.
pub fn within_window(timestamp: &str, now: DateTime<Utc>) -> bool {
    match timestamp.trim().parse::<i64>() {
        Ok(signed) => now
            .timestamp()
            .checked_sub(signed)
            .is_some_and(|age| age.unsigned_abs() <= REPLAY_WINDOW.as_secs()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).single().expect("a time")
    }

    #[test]
    fn the_window_is_five_minutes_either_way() {
        let now = at(1_800_000_000);
        assert!(within_window("1800000000", now));
        assert!(within_window("1799999700", now));
        assert!(within_window("1800000300", now));
        assert!(!within_window("1799999699", now));
        assert!(!within_window("1800000301", now));
        assert!(!within_window("", now));
        assert!(!within_window("soon", now));
        assert!(!within_window("-9223372036854775808", now));
        assert!(!within_window("99999999999999999999", now));
    }

    async fn ledger() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("seen.db").display());
        let pool = crate::db::connect(&url).await.expect("database");
        (dir, Ledger::new(Writer::new(pool)))
    }

    #[tokio::test]
    async fn an_id_is_claimed_once_and_forgotten_after_the_retention() {
        let (_dir, ledger) = ledger().await;
        let now = at(1_800_000_000);
        assert!(ledger
            .claim(InteractionId::new(42), now)
            .await
            .expect("claim"));
        assert!(!ledger
            .claim(InteractionId::new(42), now)
            .await
            .expect("claim"));
        assert!(ledger
            .claim(InteractionId::new(43), now)
            .await
            .expect("claim"));
        assert_eq!(ledger.prune(now + RETENTION / 2).await.expect("prune"), 0);
        let later = now + chrono::Duration::seconds(RETENTION.as_secs() as i64 + 1);
        assert_eq!(ledger.prune(later).await.expect("prune"), 2);
        assert!(ledger
            .claim(InteractionId::new(42), later)
            .await
            .expect("claim"));
    }
}
