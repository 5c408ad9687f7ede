//! The one entry point every transport calls: an interaction in, a response
//! out. Errors become friendly ephemeral replies here and nowhere else.

use super::commands::{self, Component, ModalSubmit};
use super::context::{Args, Ctx};
use super::error_text::UserMessage as _;
use super::{Bot, Response};
use crate::bot::snowflakes::ToCore;
use crate::{Error, Result};
use serenity::all::{ActionRowComponent, ComponentInteractionDataKind, Interaction};
use std::time::Instant;

/// Parses a raw interaction body (HTTP and console transports).
pub fn parse_interaction(body: &[u8]) -> Result<Interaction> {
    serde_json::from_slice(body).map_err(|e| Error::Malformed(e.to_string()))
}

/// Parses and dispatches a raw body; a malformed one is an error for the
/// transport to answer (HTTP 400), since there is no interaction to reply to.
pub async fn dispatch_json(bot: &Bot, body: &[u8]) -> Result<Response> {
    Ok(dispatch(bot, parse_interaction(body)?).await)
}

pub async fn dispatch(bot: &Bot, interaction: Interaction) -> Response {
    handle(bot, interaction).await.response
}

/// How an interaction ended, for metrics: answered, refused with a user
/// error, failed internally, or of a kind the bot does not handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    UserError,
    InternalError,
    Unsupported,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::UserError => "user_error",
            Outcome::InternalError => "internal_error",
            Outcome::Unsupported => "unsupported",
        }
    }
}

/// A dispatched interaction with what transports record about it.
pub struct Handled {
    /// `command`, `autocomplete`, `component`, `modal`, `ping` or `unsupported`.
    pub kind: &'static str,
    /// The command name, or the component/modal group (`review` of `review:open:12`).
    pub name: String,
    pub outcome: Outcome,
    pub response: Response,
}

/// `dispatch`, also telling which command ran and how it ended.
pub async fn handle(bot: &Bot, interaction: Interaction) -> Handled {
    let started = Instant::now();
    let (kind, name, (response, outcome)) = match interaction {
        Interaction::Ping(_) => ("ping", String::new(), (Response::Pong, Outcome::Ok)),
        Interaction::Command(c) => {
            let ctx = Ctx::of_command(&c);
            if let (Some(guild), Some(code)) = (ctx.guild, c.guild_locale.as_deref()) {
                // Channel posts default to the server's language; a failure
                // here only leaves them in English.
                if let Err(error) =
                    crate::guild_settings::remember_guild_locale(&bot.pool, guild, code).await
                {
                    tracing::warn!(%error, "could not keep the server's locale");
                }
            }
            let args = Args::new(c.data.options());
            let result = commands::run(bot, &ctx, &c.data.name, &args).await;
            ("command", c.data.name.clone(), reply(result, &ctx))
        }
        Interaction::Autocomplete(c) => {
            let ctx = Ctx::of_command(&c);
            let focused = c.data.autocomplete().map(|f| (f.name, f.value));
            let args = Args::new(c.data.options());
            let choices = match focused {
                Some((option, typed)) => {
                    commands::autocomplete(bot, &ctx, &c.data.name, &args, option, typed).await
                }
                None => Ok(Vec::new()),
            };
            let (choices, outcome) = match choices {
                Ok(choices) => (choices, Outcome::Ok),
                Err(error) => {
                    tracing::error!(%error, command = %c.data.name, "autocomplete failed");
                    (Vec::new(), Outcome::InternalError)
                }
            };
            (
                "autocomplete",
                c.data.name.clone(),
                (Response::Autocomplete(choices), outcome),
            )
        }
        Interaction::Component(c) => {
            let ctx = Ctx::new(
                c.guild_id,
                c.channel_id,
                c.member.as_ref(),
                &c.user,
                &c.locale,
            );
            let values = match &c.data.kind {
                ComponentInteractionDataKind::StringSelect { values } => values.clone(),
                _ => Vec::new(),
            };
            let input = Component {
                custom_id: &c.data.custom_id,
                values,
                message: c.message.id.to_core(),
            };
            let result = commands::component(bot, &ctx, &input).await;
            ("component", prefix(&c.data.custom_id), reply(result, &ctx))
        }
        Interaction::Modal(m) => {
            let ctx = Ctx::new(
                m.guild_id,
                m.channel_id,
                m.member.as_ref(),
                &m.user,
                &m.locale,
            );
            let fields = m
                .data
                .components
                .iter()
                .flat_map(|row| row.components.iter())
                .filter_map(|c| match c {
                    ActionRowComponent::InputText(input) => Some((
                        input.custom_id.clone(),
                        input.value.clone().unwrap_or_default(),
                    )),
                    _ => None,
                })
                .collect();
            let input = ModalSubmit {
                custom_id: &m.data.custom_id,
                fields,
            };
            let result = commands::modal(bot, &ctx, &input).await;
            ("modal", prefix(&m.data.custom_id), reply(result, &ctx))
        }
        _ => (
            "unsupported",
            String::new(),
            (
                Response::ephemeral_text(crate::t!(
                    crate::locale::Locale::En,
                    "error-unsupported-interaction"
                )),
                Outcome::Unsupported,
            ),
        ),
    };
    tracing::info!(kind, name = %name, outcome = outcome.as_str(), elapsed_us = started.elapsed().as_micros() as u64, "interaction handled");
    Handled {
        kind,
        name,
        outcome,
        response,
    }
}

/// The component or modal group, for logs: `review:open:12` → `review`.
fn prefix(custom_id: &str) -> String {
    custom_id.split(':').next().unwrap_or_default().to_owned()
}

/// A command's result as what the member sees.
fn reply(result: Result<Response>, ctx: &Ctx) -> (Response, Outcome) {
    match result {
        Ok(response) => (response, Outcome::Ok),
        Err(error) => {
            let outcome = if error.is_internal() {
                tracing::error!(%error, user = %ctx.user, "interaction failed");
                Outcome::InternalError
            } else {
                tracing::debug!(%error, "refused with a user error");
                Outcome::UserError
            };
            (
                Response::ephemeral_text(error.user_message(ctx.locale)),
                outcome,
            )
        }
    }
}
