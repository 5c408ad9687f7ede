//! `/profile [member]` and `/forget-me` (with a confirmation button).
//!
//! Custom ids: `forget:confirm:<user>` and `forget:cancel`.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::render::{review::review_line, text::safe};
use crate::bot::response::clip;
use crate::bot::snowflakes::ToCore;
use crate::bot::{Bot, Message, Response};
use crate::catalog::{self, DramaId};
use crate::error::Refusal;
use crate::reviews;
use crate::{t, Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
};
use std::collections::HashMap;

pub fn register() -> CreateCommand {
    CreateCommand::new("profile")
        .localized("cmd-profile")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::User, "member", "")
                .localized("cmd-profile-member"),
        )
}

pub fn register_forget() -> CreateCommand {
    CreateCommand::new("forget-me").localized("cmd-forget-me")
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let l = ctx.locale;
    let (member, name) = match args.user("member") {
        Some((user, partial)) => (
            user.id.to_core(),
            partial
                .and_then(|m| m.nick.clone())
                .or_else(|| user.global_name.clone())
                .unwrap_or_else(|| user.name.clone()),
        ),
        None => (ctx.user, ctx.user_name.clone()),
    };
    let profile = reviews::profile(&bot.pool, guild, member).await?;
    let mut embed = CreateEmbed::new()
        .title(clip(&t!(l, "profile-title", name = safe(&name)), 256))
        .colour(crate::bot::render::review::COLOUR)
        .field(
            t!(l, "profile-reviews-written"),
            profile.reviews.to_string(),
            true,
        )
        .field(
            t!(l, "profile-mean-given"),
            profile
                .mean_given
                .map(|m| format!("{m:.1}/10"))
                .unwrap_or_else(|| "—".to_owned()),
            true,
        );
    if !profile.favourites.is_empty() {
        let ids: Vec<DramaId> = profile.favourites.iter().map(|(d, _)| *d).collect();
        let labels: HashMap<DramaId, String> = catalog::dramas_by_ids(&bot.pool, &ids, Some(guild))
            .await?
            .into_iter()
            .map(|d| (d.id, d.label()))
            .collect();
        let lines: Vec<String> = profile
            .favourites
            .iter()
            .filter_map(|(d, voice)| labels.get(d).map(|label| format!("{label} — {voice:.1}")))
            .collect();
        embed = embed.field(
            t!(l, "profile-favourites"),
            clip(&lines.join("\n"), 1024),
            false,
        );
    }
    if !profile.latest.is_empty() {
        let labels = super::reviews::subjects(bot, guild, &profile.latest).await?;
        let lines: Vec<String> = profile
            .latest
            .iter()
            .map(|r| review_line(r, labels.get(&r.target).map(String::as_str)))
            .collect();
        let shown = crate::bot::render::text::fit_lines(&lines, "\n", 1024);
        if !shown.is_empty() {
            embed = embed.field(t!(l, "profile-latest"), shown, false);
        }
    }
    Ok(Response::message(Message::embed(embed)))
}

pub async fn run_forget(bot: &Bot, ctx: &Ctx) -> Result<Response> {
    let l = ctx.locale;
    let footprint = crate::forget::footprint(&bot.pool, ctx.user).await?;
    let text = t!(
        l,
        "safety-forget-prompt",
        reviews = footprint.reviews,
        versions = footprint.versions,
        ballots = footprint.ballots,
        nominations = footprint.nominations
    );
    let message = Message::text(text)
        .with_components(vec![CreateActionRow::Buttons(vec![
            CreateButton::new(CustomId::ForgetConfirm(ctx.user).to_string())
                .label(t!(l, "forget-confirm-button"))
                .style(ButtonStyle::Danger),
            CreateButton::new(CustomId::ForgetCancel.to_string())
                .label(t!(l, "forget-cancel-button"))
                .style(ButtonStyle::Secondary),
        ])])
        .ephemeral();
    Ok(Response::message(message))
}

pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let l = ctx.locale;
    match *id {
        CustomId::ForgetCancel => Ok(Response::Update(Message::text(t!(l, "forget-cancelled")))),
        CustomId::ForgetConfirm(user) => {
            if user != ctx.user {
                return Err(Error::Refused(Refusal::NotYourConfirmation));
            }
            // Reviews, votes and nominations go in one transaction.
            let gone = crate::forget::forget(&bot.pool, ctx.user, bot.clock.now()).await?;
            Ok(Response::Update(Message::text(t!(
                l,
                "safety-forget-done",
                reviews = gone.reviews,
                versions = gone.versions,
                ballots = gone.ballots,
                nominations = gone.nominations
            ))))
        }
        _ => Err(Error::StaleComponent),
    }
}
