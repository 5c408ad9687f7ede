//! `/profile [member]` and `/forget-me` (with a confirmation button).
//!
//! Custom ids: `forget:confirm:<user>` and `forget:cancel`.

use super::review::{review_line, safe};
use crate::bot::context::{Args, Ctx};
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::catalog::{self, DramaId};
use crate::ids::UserId;
use crate::reviews;
use crate::{Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
};
use std::collections::HashMap;

pub fn register() -> CreateCommand {
    CreateCommand::new("profile")
        .description("A member's reviews: how many, their mean score, favourites, latest")
        .name_localized("ko", "프로필")
        .description_localized("ko", "멤버의 리뷰 수, 평균 점수, 최애 드라마, 최근 리뷰")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::User,
                "member",
                "Whose profile (you by default)",
            )
            .name_localized("ko", "멤버")
            .description_localized("ko", "누구의 프로필 (기본: 나)"),
        )
}

pub fn register_forget() -> CreateCommand {
    CreateCommand::new("forget-me")
        .description("Delete all your reviews in every server (asks to confirm)")
        .name_localized("ko", "기록삭제")
        .description_localized("ko", "모든 서버에서 내 리뷰를 전부 삭제해요 (확인 후)")
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let l = ctx.locale;
    let (member, name) = match args.user("member") {
        Some((user, partial)) => (
            UserId(user.id.get()),
            partial
                .and_then(|m| m.nick.clone())
                .or_else(|| user.global_name.clone())
                .unwrap_or_else(|| user.name.clone()),
        ),
        None => (ctx.user, ctx.user_name.clone()),
    };
    let profile = reviews::profile(&bot.pool, guild, member).await?;
    let mut embed = CreateEmbed::new()
        .title(clip(
            &l.pick(
                format!("{}'s reviews", safe(&name)),
                format!("{}님의 리뷰", safe(&name)),
            ),
            256,
        ))
        .colour(super::review::COLOUR)
        .field(
            l.pick("Reviews written", "작성한 리뷰"),
            profile.reviews.to_string(),
            true,
        )
        .field(
            l.pick("Mean score given", "평균 점수"),
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
            l.pick("Favourite dramas", "최애 드라마"),
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
        let shown = super::review::fit_lines(&lines, "\n", 1024);
        if !shown.is_empty() {
            embed = embed.field(l.pick("Latest reviews", "최근 리뷰"), shown, false);
        }
    }
    Ok(Response::message(Message::embed(embed)))
}

pub async fn run_forget(bot: &Bot, ctx: &Ctx) -> Result<Response> {
    let l = ctx.locale;
    let footprint = crate::forget::footprint(&bot.pool, ctx.user).await?;
    let text = crate::t!(
        l,
        "safety-forget-prompt",
        reviews = footprint.reviews,
        versions = footprint.versions,
        ballots = footprint.ballots,
        nominations = footprint.nominations
    );
    let message = Message::text(text)
        .with_components(vec![CreateActionRow::Buttons(vec![
            CreateButton::new(format!("forget:confirm:{}", ctx.user.0))
                .label(l.pick("Delete everything", "전부 삭제"))
                .style(ButtonStyle::Danger),
            CreateButton::new("forget:cancel")
                .label(l.pick("Cancel", "취소"))
                .style(ButtonStyle::Secondary),
        ])])
        .ephemeral();
    Ok(Response::message(message))
}

pub async fn component(bot: &Bot, ctx: &Ctx, custom_id: &str) -> Result<Response> {
    let l = ctx.locale;
    let parts: Vec<&str> = custom_id.split(':').collect();
    match parts.as_slice() {
        ["forget", "cancel"] => Ok(Response::Update(Message::text(
            l.pick("Nothing was deleted.", "아무것도 삭제하지 않았어요."),
        ))),
        ["forget", "confirm", user] => {
            if user.parse::<u64>().ok() != Some(ctx.user.0) {
                return Err(Error::Refused(crate::error::Refusal::NotYourConfirmation));
            }
            let gone = crate::forget::forget(&bot.pool, ctx.user, bot.clock.now()).await?;
            Ok(Response::Update(Message::text(crate::t!(
                l,
                "safety-forget-done",
                reviews = gone.reviews,
                versions = gone.versions,
                ballots = gone.ballots,
                nominations = gone.nominations
            ))))
        }
        _ => Err(Error::Malformed(format!("bad forget id {custom_id:?}"))),
    }
}
