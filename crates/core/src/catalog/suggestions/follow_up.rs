//! The token of the interaction a member suggested with, kept while Discord
//! takes follow-ups on it, so that a decision made meanwhile tells them in
//! an ephemeral follow-up. Tokens are secrets: never logged.

use super::SuggestionId;
use crate::db::Handle;
use crate::secret::Secret;
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Result};
use chrono::{DateTime, Duration, Utc};

/// Discord takes follow-ups for 15 minutes; a minute less leaves room for
/// the clocks and the request.
const KEPT_MINUTES: i64 = 14;

/// Where a follow-up goes: the application and the interaction's token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplyAddress {
    pub application: u64,
    pub token: Secret,
}

/// Keeps the address for `suggestion` (and drops the ones that expired).
pub async fn keep<'c>(
    db: impl Into<Handle<'c>>,
    suggestion: SuggestionId,
    address: &ReplyAddress,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.into().begin_write().await?;
    db_execute!(
        tx.handle(),
        sqlx::query("DELETE FROM suggestion_follow_ups WHERE expires_at <= $1").bind(at(now))
    )?;
    db_execute!(
        tx.handle(),
        sqlx::query(
            "INSERT INTO suggestion_follow_ups (suggestion_id, application_id, token, expires_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (suggestion_id) DO UPDATE SET application_id = excluded.application_id,
                 token = excluded.token, expires_at = excluded.expires_at",
        )
        .bind(suggestion)
        .bind(address.application as i64)
        .bind(address.token.expose())
        .bind(at(now + Duration::minutes(KEPT_MINUTES)))
    )?;
    tx.commit().await?;
    Ok(())
}

/// The address, once, while it is still good.
pub async fn take<'c>(
    db: impl Into<Handle<'c>>,
    suggestion: SuggestionId,
    now: DateTime<Utc>,
) -> Result<Option<ReplyAddress>> {
    // To the end, not `fetch_optional`: see `db::connect`.
    let row: Vec<(i64, String, Timestamp)> = on_db!(db, |e| sqlx::query_as(
        "DELETE FROM suggestion_follow_ups WHERE suggestion_id = $1
         RETURNING application_id, token, expires_at",
    )
    .bind(suggestion)
    .fetch_all(e)
    .await)?;
    Ok(row
        .into_iter()
        .find(|(_, _, expires)| expires.get() > now)
        .map(|(application, token, _)| ReplyAddress {
            application: application as u64,
            token: Secret::new(token),
        }))
}
