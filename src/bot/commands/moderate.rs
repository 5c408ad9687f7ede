//! Moderators' review tools: `/moderate remove-review` (recorded: who, when,
//! why) and `/export reviews` (the server's reviews as CSV).

use super::review::safe;
use crate::bot::context::{Args, Ctx};
use crate::bot::l10n::Localized;
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::reviews::{self, ReviewId};
use crate::{t, Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext, Permissions};
use serenity::builder::{CreateAttachment, CreateCommand, CreateCommandOption};

const MAX_REASON_CHARS: usize = 300;

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
            let id = ReviewId(args.int("review").unwrap_or(0));
            let reason = args.str("reason").map(str::trim).filter(|r| !r.is_empty());
            if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
                return Err(Error::TooLong {
                    field: "reason",
                    max: MAX_REASON_CHARS,
                });
            }
            let review =
                reviews::remove(&bot.pool, guild, id, ctx.user, reason, bot.clock.now()).await?;
            let subject = super::review::subject(bot, Some(guild), review.target).await?;
            Ok(Response::ephemeral_text(clip(
                &t!(
                    l,
                    "moderate-removed",
                    review = id.0,
                    member = safe(&review.member_name),
                    subject = safe(&subject),
                    score = review.score.get()
                ),
                2000,
            )))
        }
        _ => Err(Error::Malformed("unknown /moderate subcommand".into())),
    }
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
