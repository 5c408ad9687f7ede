//! Discord's REST API as both Discord transports (`run` and `serve`) and the
//! operator's `register` use it: the client, the application id, command
//! registration, interaction callbacks and channel posts.

use super::answer::retry;
use crate::bot::announcer::{AnnounceError, Announcer};
use crate::bot::snowflakes::{ToCore, ToSerenity};
use crate::bot::{commands, Message, Response};
use crate::catalog::suggestions::follow_up::ReplyAddress;
use crate::config::Config;
use crate::ids::{ChannelId, MessageId};
use async_trait::async_trait;
use serenity::all::{ApplicationId, Builder, Command, GuildId, Http, HttpBuilder, Nonce};
use std::sync::Arc;

/// serenity's REST client, pointed at `DISCORD_API_BASE` when set. serenity
/// honours the proxy only with its own rate limiter off.
pub fn http_client(config: &Config) -> anyhow::Result<Http> {
    let token = config
        .token
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("DISCORD_TOKEN is not set"))?;
    let mut builder = HttpBuilder::new(token.expose());
    if let Some(base) = &config.api_base {
        builder = builder.proxy(base.clone()).ratelimiter_disabled(true);
    }
    Ok(builder.build())
}

/// Sets the application id on `http` and returns it: `DISCORD_APPLICATION_ID`
/// when configured, else what Discord says the token's application is
/// (`GET /oauth2/applications/@me`). Routes that name the application
/// (command registration, interaction follow-ups) need it.
pub async fn resolve_application_id(
    http: &Http,
    configured: Option<u64>,
) -> anyhow::Result<ApplicationId> {
    let id = match configured {
        Some(id) => ApplicationId::new(id),
        None => {
            let info = retry(|| http.get_current_application_info())
                .await
                .map_err(|error| {
                    anyhow::anyhow!(
                        "cannot learn the application id from Discord ({}); set DISCORD_APPLICATION_ID",
                        describe(&error)
                    )
                })?;
            info.id
        }
    };
    http.set_application_id(id);
    Ok(id)
}

/// One line for a serenity error: Discord's status and message for a refused
/// request; otherwise each distinct cause once (serenity's errors repeat
/// their source's text).
pub fn describe(error: &serenity::Error) -> String {
    use serenity::http::HttpError;
    if let serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) = error {
        return format!(
            "HTTP {}: {} (Discord error {})",
            response.status_code.as_u16(),
            response.error.message,
            response.error.code
        );
    }
    crate::error::one_line(error)
}

/// Sends the command definitions: to one server when `guild` is given
/// (instant), else globally (may take up to an hour to show everywhere).
pub async fn register(http: &Http, guild: Option<u64>) -> serenity::Result<usize> {
    let count = commands::definitions().len();
    retry(|| async {
        let definitions = commands::definitions();
        match guild {
            Some(id) => GuildId::new(id)
                .set_commands(http, definitions)
                .await
                .map(|_| ()),
            None => Command::set_global_commands(http, definitions)
                .await
                .map(|_| ()),
        }
    })
    .await?;
    Ok(count)
}

/// Posts through serenity's REST client (gateway and HTTP endpoint modes).
pub struct RestAnnouncer(pub Arc<Http>);

#[async_trait]
impl Announcer for RestAnnouncer {
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        let mut create = message.to_create_message();
        if let Some(nonce) = nonce {
            create = create
                .nonce(Nonce::String(nonce.to_owned()))
                .enforce_nonce(true);
        }
        let channel = channel.to_serenity();
        let sent = retry(|| channel.send_message(&self.0, create.clone())).await;
        match sent {
            Ok(posted) => Ok(posted.id.to_core()),
            Err(error) => Err(announce_error(error)),
        }
    }

    async fn edit(
        &self,
        channel: ChannelId,
        message_id: MessageId,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        let channel = channel.to_serenity();
        let id = message_id.to_serenity();
        retry(|| channel.edit_message(&self.0, id, message.to_edit_message()))
            .await
            .map(|_| ())
            .map_err(announce_error)
    }

    async fn check_access(&self, channel: ChannelId) -> Result<(), AnnounceError> {
        crate::bot::access::check_over_http(&self.0, channel).await
    }

    async fn guild_of(
        &self,
        channel: ChannelId,
    ) -> Result<Option<crate::ids::GuildId>, AnnounceError> {
        let id = channel.to_serenity();
        match retry(|| self.0.get_channel(id)).await {
            Ok(serenity::all::Channel::Guild(c)) => Ok(Some(c.guild_id.to_core())),
            Ok(_) => Ok(None),
            Err(error) => Err(announce_error(error)),
        }
    }

    async fn direct_message(
        &self,
        user: crate::ids::UserId,
        message: &Message,
    ) -> Result<MessageId, AnnounceError> {
        let user = user.to_serenity();
        let channel = retry(|| user.create_dm_channel(&self.0))
            .await
            .map_err(announce_error)?;
        let create = message.to_create_message();
        match retry(|| channel.id.send_message(&self.0, create.clone())).await {
            Ok(sent) => Ok(sent.id.to_core()),
            Err(error) => Err(announce_error(error)),
        }
    }

    async fn follow_up(
        &self,
        reply: &ReplyAddress,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        // The id every interaction carries; this client may not have been told it.
        self.0
            .set_application_id(ApplicationId::new(reply.application));
        let token = reply.token.expose();
        retry(|| super::answer::follow_up(&self.0, token, message))
            .await
            .map_err(announce_error)
    }
}

/// Discord's "unknown channel" and "missing access/permissions" become
/// states the scheduler records; anything else is a passing failure.
fn announce_error(error: serenity::Error) -> AnnounceError {
    use serenity::http::HttpError;
    if let serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) = &error {
        return match (response.status_code.as_u16(), response.error.code) {
            (404, _) | (_, 10003) => AnnounceError::ChannelGone,
            (403, _) | (_, 50001 | 50013) => {
                AnnounceError::MissingAccess(response.error.message.clone())
            }
            _ => AnnounceError::Unavailable(format!("HTTP {}", response.status_code)),
        };
    }
    AnnounceError::Unavailable(error.to_string())
}

/// Sends a dispatcher response as the interaction callback; false if Discord
/// did not take it.
pub async fn respond(
    http: &Http,
    id: serenity::all::InteractionId,
    token: &str,
    response: Response,
) -> bool {
    let response = response.into_serenity();
    match retry(|| response.clone().execute(http, (id, token))).await {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(%error, "sending the interaction response failed");
            false
        }
    }
}
