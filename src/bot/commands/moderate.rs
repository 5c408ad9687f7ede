//! Moderators' review tools: `/moderate remove-review` (recorded: who, when,
//! why) and `/export reviews` (the server's reviews as CSV).

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::render::text::safe;
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::reviews::{self, ReviewId};
use crate::{t, Error, Result};
use serenity::all::{
    ButtonStyle, CommandOptionType, InstallationContext, InteractionContext, Permissions,
};
use serenity::builder::{
    CreateActionRow, CreateAttachment, CreateButton, CreateCommand, CreateCommandOption,
};

const MAX_REASON_CHARS: usize = 300;
/// Characters of the review's text quoted in the removal prompt.
const EXCERPT_CHARS: usize = 200;

pub fn register() -> CreateCommand {
    CreateCommand::new("moderate")
        .localized("cmd-moderate")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "remove-review", "")
                .localized("cmd-moderate-remove-review")
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::Integer, "review", "")
                        .localized("cmd-moderate-review")
                        .min_int_value(1)
                        .required(true),
                )
                .add_sub_option(
                    CreateCommandOption::new(CommandOptionType::String, "reason", "")
                        .localized("cmd-moderate-reason")
                        .max_length(MAX_REASON_CHARS as u16),
                ),
        )
}

pub fn register_export() -> CreateCommand {
    CreateCommand::new("export")
        .localized("cmd-export")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "reviews", "")
                .localized("cmd-export-reviews"),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    match args.subcommand {
        Some("remove-review") => {
            // Required, from 1: Discord sends nothing else.
            let id = args
                .int("review")
                .and_then(|n| ReviewId::try_from(n).ok())
                .ok_or_else(|| Error::Malformed("`review` is no review number".into()))?;
            let reason = args.str("reason").map(str::trim).filter(|r| !r.is_empty());
            if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
                return Err(Error::TooLong {
                    field: "reason",
                    max: MAX_REASON_CHARS,
                });
            }
            let (request, review) =
                reviews::request_removal(&bot.pool, guild, id, ctx.user, reason, bot.clock.now())
                    .await?;
            let subject = super::review::subject(bot, Some(guild), review.target).await?;
            let excerpt = review
                .text
                .as_deref()
                .map(|t| crate::bot::render::text::show_text(t, review.spoiler, EXCERPT_CHARS))
                .unwrap_or_default();
            let mut text = t!(
                l,
                "safety-remove-review-prompt",
                id = id.get(),
                author = safe(&review.member_name),
                subject = safe(&subject),
                score = review.score.get()
            );
            if !excerpt.is_empty() {
                text.push_str(&format!("\n> {}", excerpt.replace('\n', " ")));
            }
            let buttons = vec![
                CreateButton::new(CustomId::ModerateRemove(request).to_string())
                    .label(t!(l, "safety-remove-review-confirm"))
                    .style(ButtonStyle::Danger),
                CreateButton::new(CustomId::ModerateKeep(request).to_string())
                    .label(t!(l, "safety-cancel"))
                    .style(ButtonStyle::Secondary),
            ];
            Ok(Response::message(
                Message::text(clip(&text, 2000))
                    .with_components(vec![CreateActionRow::Buttons(buttons)])
                    .ephemeral(),
            ))
        }
        _ => Err(Error::Malformed("unknown /moderate subcommand".into())),
    }
}

/// The answer to a removal prompt: [`CustomId::ModerateRemove`] removes,
/// [`CustomId::ModerateKeep`] keeps the review. Only the moderator who asked
/// may answer.
pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let (request, confirm) = match id {
        CustomId::ModerateRemove(request) => (*request, true),
        CustomId::ModerateKeep(request) => (*request, false),
        _ => return Err(Error::StaleComponent),
    };
    let removed = reviews::answer_removal(
        &bot.pool,
        guild,
        request,
        ctx.user,
        confirm,
        bot.clock.now(),
    )
    .await?;
    let Some(review) = removed else {
        return Ok(Response::Update(Message::text(t!(
            l,
            "safety-remove-review-kept"
        ))));
    };
    let subject = super::review::subject(bot, Some(guild), review.target).await?;
    Ok(Response::Update(Message::text(clip(
        &t!(
            l,
            "moderate-removed",
            review = review.id.get(),
            member = safe(&review.member_name),
            subject = safe(&subject),
            score = review.score.get()
        ),
        2000,
    ))))
}

pub async fn run_export(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    match args.subcommand {
        Some("reviews") => {
            let csv = reviews::export_csv(&bot.pool, guild).await?;
            let message = Message::text(t!(l, "export-reviews"))
                .with_file(CreateAttachment::bytes(csv, "reviews.csv"))
                .ephemeral();
            Ok(Response::message(message))
        }
        _ => Err(Error::Malformed("unknown /export subcommand".into())),
    }
}
