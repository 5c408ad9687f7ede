//! Moderators' review tools: `/moderate remove-review` (recorded: who, when,
//! why) and `/export reviews` (the server's reviews as CSV).

use super::review::safe;
use crate::bot::context::{Args, Ctx};
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::reviews::{self, ReviewId};
use crate::{Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext, Permissions};
use serenity::all::ButtonStyle;
use serenity::builder::{
    CreateActionRow, CreateAttachment, CreateButton, CreateCommand, CreateCommandOption,
};

const MAX_REASON_CHARS: usize = 300;
/// Characters of the review's text quoted in the removal prompt.
const EXCERPT_CHARS: usize = 200;

pub fn register() -> CreateCommand {
    CreateCommand::new("moderate")
        .description("Moderators: remove reviews")
        .name_localized("ko", "관리")
        .description_localized("ko", "운영진: 리뷰 삭제")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "remove-review",
                "Remove a member's review (the removal is recorded)",
            )
            .name_localized("ko", "리뷰삭제")
            .description_localized("ko", "멤버의 리뷰를 삭제해요 (삭제 기록이 남아요)")
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::Integer,
                    "review",
                    "The review number (#123 in /reviews)",
                )
                .name_localized("ko", "리뷰")
                .description_localized("ko", "리뷰 번호 (/reviews의 #123)")
                .min_int_value(1)
                .required(true),
            )
            .add_sub_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "reason",
                    "Why (kept in the record)",
                )
                .name_localized("ko", "사유")
                .description_localized("ko", "사유 (기록에 남아요)")
                .max_length(MAX_REASON_CHARS as u16),
            ),
        )
}

pub fn register_export() -> CreateCommand {
    CreateCommand::new("export")
        .description("Moderators: download this server's data")
        .name_localized("ko", "내보내기")
        .description_localized("ko", "운영진: 이 서버의 데이터를 내려받아요")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::SubCommand,
                "reviews",
                "Every review of this server as a CSV file",
            )
            .name_localized("ko", "리뷰")
            .description_localized("ko", "이 서버의 모든 리뷰를 CSV 파일로"),
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
            let (request, review) =
                reviews::request_removal(&bot.pool, guild, id, ctx.user, reason, bot.clock.now())
                    .await?;
            let subject = super::review::subject(bot, Some(guild), review.target).await?;
            let excerpt = review
                .text
                .as_deref()
                .map(|t| super::review::show_text(t, review.spoiler, EXCERPT_CHARS))
                .unwrap_or_default();
            let mut text = crate::t!(
                l,
                "safety-remove-review-prompt",
                id = id.0,
                author = safe(&review.member_name),
                subject = safe(&subject),
                score = review.score.get()
            );
            if !excerpt.is_empty() {
                text.push_str(&format!("\n> {}", excerpt.replace('\n', " ")));
            }
            let buttons = vec![
                CreateButton::new(format!("moderate:remove:{}", request.0))
                    .label(crate::t!(l, "safety-remove-review-confirm"))
                    .style(ButtonStyle::Danger),
                CreateButton::new(format!("moderate:keep:{}", request.0))
                    .label(crate::t!(l, "safety-cancel"))
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

/// The answer to a removal prompt: `moderate:remove:<request>` removes,
/// `moderate:keep:<request>` keeps the review.
pub async fn component(bot: &Bot, ctx: &Ctx, custom_id: &str) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let parts: Vec<&str> = custom_id.split(':').collect();
    let (confirm, request) = match parts.as_slice() {
        ["moderate", "remove", n] => (true, n),
        ["moderate", "keep", n] => (false, n),
        _ => return Err(Error::Malformed(format!("bad moderate id {custom_id:?}"))),
    };
    let request = reviews::RemovalRequest(
        request
            .parse()
            .map_err(|_| Error::Malformed(format!("bad moderate id {custom_id:?}")))?,
    );
    let removed =
        reviews::answer_removal(&bot.pool, guild, request, ctx.user, confirm, bot.clock.now())
            .await?;
    let Some(review) = removed else {
        return Ok(Response::Update(Message::text(crate::t!(
            l,
            "safety-remove-review-kept"
        ))));
    };
    let subject = super::review::subject(bot, Some(guild), review.target).await?;
    Ok(Response::Update(Message::text(clip(
        &crate::t!(
            l,
            "safety-remove-review-done",
            id = review.id.0,
            author = safe(&review.member_name),
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
            let message = Message::text(l.pick(
                "This server's reviews, oldest first.",
                "이 서버의 리뷰예요 (오래된 순).",
            ))
            .with_file(CreateAttachment::bytes(csv, "reviews.csv"))
            .ephemeral();
            Ok(Response::message(message))
        }
        _ => Err(Error::Malformed("unknown /export subcommand".into())),
    }
}
