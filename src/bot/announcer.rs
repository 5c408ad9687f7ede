//! Posting to channels is a side effect the core asks for; transports
//! implement it (serenity's REST client, the console's printer, test recorders).

use super::response::Message;
use crate::catalog::suggestions::follow_up::ReplyAddress;
use crate::ids::{ChannelId, GuildId, MessageId, UserId};
use async_trait::async_trait;

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum AnnounceError {
    #[error("the channel no longer exists")]
    ChannelGone,
    #[error("the bot may not post there: {0}")]
    MissingAccess(String),
    #[error("Discord could not be reached: {0}")]
    Unavailable(String),
}

#[async_trait]
pub trait Announcer: Send + Sync {
    /// Posts a message; `nonce` makes a retried post land only once.
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError>;

    /// Replaces a message the bot posted earlier.
    async fn edit(
        &self,
        channel: ChannelId,
        message_id: MessageId,
        message: &Message,
    ) -> Result<(), AnnounceError>;

    /// Whether the bot may post in `channel` (view, send, embed links,
    /// attach files); `MissingAccess` names what is missing. Transports
    /// that cannot tell answer `Ok`, and a later post reports the problem.
    async fn check_access(&self, _channel: ChannelId) -> Result<(), AnnounceError> {
        Ok(())
    }

    /// The server `channel` belongs to, when the transport can tell
    /// (`None` when it cannot: the console, tools).
    async fn guild_of(&self, _channel: ChannelId) -> Result<Option<GuildId>, AnnounceError> {
        Ok(None)
    }

    /// Sends a member a direct message (only ever one they asked for).
    async fn direct_message(
        &self,
        _user: UserId,
        _message: &Message,
    ) -> Result<MessageId, AnnounceError> {
        Err(AnnounceError::Unavailable(
            "this transport sends no direct messages".into(),
        ))
    }

    /// Sends a follow-up message on an interaction answered earlier (its
    /// token is good for 15 minutes).
    async fn follow_up(
        &self,
        _reply: &ReplyAddress,
        _message: &Message,
    ) -> Result<(), AnnounceError> {
        Err(AnnounceError::Unavailable(
            "this transport sends no follow-ups".into(),
        ))
    }
}

/// For tools that never post (the search and import CLI).
pub struct NoAnnouncer;

#[async_trait]
impl Announcer for NoAnnouncer {
    async fn post(
        &self,
        _: ChannelId,
        _: &Message,
        _: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        Err(AnnounceError::Unavailable(
            "this command does not post messages".into(),
        ))
    }

    async fn edit(&self, _: ChannelId, _: MessageId, _: &Message) -> Result<(), AnnounceError> {
        Err(AnnounceError::Unavailable(
            "this command does not post messages".into(),
        ))
    }
}
