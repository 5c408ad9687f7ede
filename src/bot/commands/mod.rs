//! One file per command group: each exposes `register()` (the definition
//! sent to Discord) and its handlers. This file routes to them.

pub mod catalog;
pub mod drama;
pub mod help;
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
    ]
}

pub async fn run(bot: &Bot, ctx: &Ctx, name: &str, args: &Args<'_>) -> Result<Response> {
    match name {
        "track" => track::run(bot, ctx, args).await,
        "drama" => drama::run(bot, ctx, args).await,
        "catalog" => catalog::run(bot, ctx, args).await,
        "help" => Ok(help::run(ctx)),
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
        _ => Ok(Vec::new()),
    }
}

pub async fn component(_bot: &Bot, _ctx: &Ctx, input: &Component<'_>) -> Result<Response> {
    let group = input.custom_id.split(':').next().unwrap_or_default();
    Err(unknown("button", group))
}

pub async fn modal(_bot: &Bot, _ctx: &Ctx, input: &ModalSubmit<'_>) -> Result<Response> {
    let group = input.custom_id.split(':').next().unwrap_or_default();
    Err(unknown("form", group))
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
