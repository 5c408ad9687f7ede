//! One file per command group: each exposes `register()` (the definition
//! sent to Discord) and its handlers. This file routes to them.

pub mod catalog;
pub mod config;
pub mod drama;
pub mod help;
pub mod leaderboard;
pub mod moderate;
pub mod nominate;
pub mod poll;
pub mod profile;
pub mod review;
pub mod reviews;
pub mod track;

use super::context::{Args, Ctx};
use super::{Bot, Choice, Response};
use crate::ids::MessageId;
use crate::{Error, Result};
use serenity::builder::CreateCommand;
use std::collections::HashMap;

/// A clicked button or chosen select option.
pub struct Component<'a> {
    pub custom_id: &'a str,
    pub values: Vec<String>,
    /// The message the component belongs to.
    pub message: MessageId,
}

/// A submitted modal: its id and each text input's value by id.
pub struct ModalSubmit<'a> {
    pub custom_id: &'a str,
    pub fields: HashMap<String, String>,
}

/// Every command, as sent to Discord's bulk-overwrite endpoint.
pub fn definitions() -> Vec<CreateCommand> {
    vec![
        track::register(),
        drama::register(),
        catalog::register(),
        help::register(),
        poll::register(),
        nominate::register(),
        config::register(),
        review::register(),
        reviews::register(),
        leaderboard::register(),
        profile::register(),
        profile::register_forget(),
        moderate::register(),
        moderate::register_export(),
    ]
}

pub async fn run(bot: &Bot, ctx: &Ctx, name: &str, args: &Args<'_>) -> Result<Response> {
    match name {
        "track" => track::run(bot, ctx, args).await,
        "drama" => drama::run(bot, ctx, args).await,
        "catalog" => catalog::run(bot, ctx, args).await,
        "help" => Ok(help::run(ctx)),
        "poll" => poll::run(bot, ctx, args).await,
        "nominate" => nominate::run(bot, ctx, args).await,
        "config" => config::run(bot, ctx, args).await,
        "review" => review::run(bot, ctx, args).await,
        "reviews" => reviews::run(bot, ctx, args).await,
        "leaderboard" => leaderboard::run(bot, ctx, args).await,
        "profile" => profile::run(bot, ctx, args).await,
        "forget-me" => profile::run_forget(bot, ctx).await,
        "moderate" => moderate::run(bot, ctx, args).await,
        "export" => moderate::run_export(bot, ctx, args).await,
        other => Err(unknown("command", other)),
    }
}

pub async fn autocomplete(
    bot: &Bot,
    ctx: &Ctx,
    name: &str,
    args: &Args<'_>,
    option: &str,
    typed: &str,
) -> Result<Vec<Choice>> {
    match name {
        "track" => track::autocomplete(bot, ctx, typed).await,
        "drama" => drama::autocomplete(bot, ctx, typed).await,
        "catalog" => catalog::autocomplete(bot, ctx, args, option, typed).await,
        "poll" => poll::autocomplete(bot, ctx, option, typed).await,
        "nominate" => nominate::autocomplete(bot, ctx, typed).await,
        "review" => review::autocomplete(bot, ctx, args, option, typed).await,
        "reviews" => reviews::autocomplete(bot, ctx, args, option, typed).await,
        _ => Ok(Vec::new()),
    }
}

pub async fn component(bot: &Bot, ctx: &Ctx, input: &Component<'_>) -> Result<Response> {
    let group = input.custom_id.split(':').next().unwrap_or_default();
    match group {
        "poll" => poll::component(bot, ctx, input).await,
        "review" => review::component(bot, ctx, input.custom_id).await,
        "reviews" => reviews::component(bot, ctx, input.custom_id).await,
        "leaderboard" => leaderboard::component(bot, ctx, input.custom_id).await,
        "forget" => profile::component(bot, ctx, input.custom_id).await,
        "moderate" => moderate::component(bot, ctx, input.custom_id).await,
        "catalog" => catalog::component(bot, ctx, input.custom_id).await,
        "config" => config::component(bot, ctx, input.custom_id).await,
        _ => Err(unknown("button", group)),
    }
}

pub async fn modal(bot: &Bot, ctx: &Ctx, input: &ModalSubmit<'_>) -> Result<Response> {
    let group = input.custom_id.split(':').next().unwrap_or_default();
    match group {
        "review" => review::modal(bot, ctx, input.custom_id, &input.fields).await,
        _ => Err(unknown("form", group)),
    }
}

/// A command or component this version does not know (e.g. an old button
/// from before an upgrade).
fn unknown(what: &'static str, name: &str) -> Error {
    Error::invalid(
        what,
        format!("`{name}` is not something I know any more. It may be from an older version of the bot."),
        format!("`{name}`은(는) 더 이상 알 수 없는 항목이에요. 이전 버전의 봇에서 온 것일 수 있어요."),
    )
}
