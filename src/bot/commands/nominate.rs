//! `/nominate track:…`: put a track forward for the next weekly poll.

use crate::bot::context::{Args, Ctx};
use crate::bot::l10n::Localized;
use crate::bot::{lookup, Bot, Choice, Response};
use crate::polls::weekly;
use crate::Result;
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("nominate")
        .localized("cmd-nominate")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "track", "")
                .localized("cmd-nominate-track")
                .required(true)
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let track = lookup::resolve_track(bot, ctx.guild, args.required_str("track")?, None).await?;
    let count = weekly::nominate(&bot.pool, guild, ctx.user, track.id, bot.clock.now()).await?;
    let left = weekly::MAX_NOMINATIONS - count;
    let next = weekly::job(&bot.pool, guild)
        .await?
        .map(|j| j.next_run.timestamp())
        .unwrap_or_default();
    let label = track.label();
    Ok(Response::ephemeral_text(crate::t!(
        ctx.locale,
        "nominate-done",
        track = label.as_str(),
        opens = format!("<t:{next}:R>"),
        left = left
    )))
}

pub async fn autocomplete(bot: &Bot, ctx: &Ctx, typed: &str) -> Result<Vec<Choice>> {
    lookup::track_choices(bot, ctx.guild, typed, None).await
}
