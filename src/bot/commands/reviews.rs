//! `/reviews [drama] [track] [member]`: a server's reviews of a drama, a
//! track or by a member, newest first, with Previous/Next buttons that keep
//! working after a restart (the page lives in the custom id), and a Delete
//! button on each of the viewer's own reviews.
//!
//! Custom ids: `reviews:page:<d|t|m>:<key>:<page>` and
//! `reviews:delete:<review>:<d|t|m>:<key>:<page>`.

use super::review::{fit_lines, review_line, safe};
use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::{self, DramaId, TrackId};
use crate::ids::{GuildId, UserId};
use crate::reviews::{self, Listing, Review, Target};
use crate::{Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateEmbedFooter,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 5;
/// Pages past this are not drawn (a forged custom id cannot overflow the offset).

pub fn register() -> CreateCommand {
    CreateCommand::new("reviews")
        .description("Read this server's reviews of a drama, a track, or by a member")
        .name_localized("ko", "리뷰목록")
        .description_localized("ko", "이 서버의 드라마·곡 리뷰나 멤버의 리뷰를 읽어요")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "drama", "A drama")
                .name_localized("ko", "드라마")
                .description_localized("ko", "드라마")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "track", "A track")
                .name_localized("ko", "곡")
                .description_localized("ko", "곡")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::User, "member", "A member's reviews")
                .name_localized("ko", "멤버")
                .description_localized("ko", "멤버의 리뷰"),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let listing = if let Some((user, _)) = args.user("member") {
        Listing::Member(UserId(user.id.get()))
    } else {
        let drama = match args.str("drama").map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(lookup::resolve_drama(bot, ctx.guild, d).await?),
            None => None,
        };
        match args.str("track").map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Listing::Track(
                lookup::resolve_track(bot, ctx.guild, t, drama.as_ref().map(|d| d.id))
                    .await?
                    .id,
            ),
            None => match drama {
                Some(d) => Listing::Drama(d.id),
                None => Listing::Member(ctx.user),
            },
        }
    };
    Ok(Response::message(
        page(bot, ctx, guild, listing, 0).await?.ephemeral(),
    ))
}

pub async fn autocomplete(
    bot: &Bot,
    ctx: &Ctx,
    args: &Args<'_>,
    option: &str,
    typed: &str,
) -> Result<Vec<Choice>> {
    super::review::autocomplete(bot, ctx, args, option, typed).await
}

/// Labels of the dramas and tracks the reviews are about.
pub async fn subjects(
    bot: &Bot,
    guild: GuildId,
    list: &[Review],
) -> Result<HashMap<Target, String>> {
    let dramas: Vec<DramaId> = list
        .iter()
        .filter(|r| r.target.track().is_none())
        .map(|r| r.target.drama())
        .collect();
    let tracks: Vec<TrackId> = list.iter().filter_map(|r| r.target.track()).collect();
    let mut out = HashMap::new();
    for d in catalog::dramas_by_ids(&bot.pool, &dramas, Some(guild)).await? {
        out.insert(Target::Drama(d.id), d.label());
    }
    for (t, drama) in catalog::tracks_by_ids(&bot.pool, &tracks, Some(guild)).await? {
        out.insert(
            Target::Track {
                drama: t.drama_id,
                track: t.id,
            },
            format!("{} · {drama}", t.label()),
        );
    }
    Ok(out)
}

async fn page(
    bot: &Bot,
    ctx: &Ctx,
    guild: GuildId,
    listing: Listing,
    page: u64,
) -> Result<Message> {
    let l = ctx.locale;
    let (list, total) =
        reviews::list(&bot.pool, guild, listing, page * PAGE_SIZE, PAGE_SIZE).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    if page >= pages && page > 0 {
        // The list shrank since the button was drawn: show its last page.
        return Box::pin(self::page(bot, ctx, guild, listing, pages - 1)).await;
    }
    let title = match listing {
        Listing::Drama(d) => {
            let name = catalog::get_drama(&bot.pool, d, Some(guild))
                .await?
                .map(|d| d.label())
                .unwrap_or_default();
            l.pick(format!("Reviews of {name}"), format!("{name} 리뷰"))
        }
        Listing::Track(t) => {
            let name = catalog::tracks_by_ids(&bot.pool, &[t], Some(guild))
                .await?
                .into_iter()
                .next()
                .map(|(t, _)| t.label())
                .unwrap_or_default();
            l.pick(format!("Reviews of {name}"), format!("{name} 리뷰"))
        }
        Listing::Member(u) if u == ctx.user => l
            .pick("Your reviews".to_owned(), "내 리뷰".to_owned())
            .to_owned(),
        Listing::Member(_) => {
            let name = list
                .first()
                .map(|r| safe(&r.member_name))
                .unwrap_or_else(|| l.pick("this member", "이 멤버").to_owned());
            l.pick(format!("Reviews by {name}"), format!("{name}님의 리뷰"))
        }
    };
    let labels = subjects(bot, guild, &list).await?;
    let lines: Vec<String> = list
        .iter()
        .map(|r| {
            // Under a drama, only track reviews need to say what they are about.
            let show = match listing {
                Listing::Drama(_) => r.target.track().is_some(),
                Listing::Track(_) => false,
                Listing::Member(_) => true,
            };
            review_line(
                r,
                labels.get(&r.target).map(String::as_str).filter(|_| show),
            )
        })
        .collect();
    let body = if lines.is_empty() {
        l.pick("No reviews yet.", "아직 리뷰가 없어요.").to_owned()
    } else {
        fit_lines(&lines, "\n\n", 4096)
    };
    let embed = CreateEmbed::new()
        .title(clip(&title, 256))
        .colour(super::review::COLOUR)
        .description(body)
        .footer(CreateEmbedFooter::new(l.pick(
            format!("Page {} of {pages} · {total} review(s)", page + 1),
            format!("{pages}쪽 중 {}쪽 · 리뷰 {total}개", page + 1),
        )));
    let mut rows = vec![CreateActionRow::Buttons(vec![
        CreateButton::new(
            CustomId::ReviewsPage {
                listing,
                page: page.saturating_sub(1),
            }
            .to_string(),
        )
        .label(l.pick("Previous", "이전"))
        .style(ButtonStyle::Secondary)
        .disabled(page == 0),
        CreateButton::new(
            CustomId::ReviewsPage {
                listing,
                page: page + 1,
            }
            .to_string(),
        )
        .label(l.pick("Next", "다음"))
        .style(ButtonStyle::Secondary)
        .disabled(page + 1 >= pages),
    ])];
    let own: Vec<CreateButton> = list
        .iter()
        .filter(|r| r.member == ctx.user)
        .map(|r| {
            CreateButton::new(
                CustomId::ReviewsDelete {
                    review: r.id,
                    listing,
                    page,
                }
                .to_string(),
            )
            .label(l.pick(format!("Delete #{}", r.id.0), format!("#{} 삭제", r.id.0)))
            .style(ButtonStyle::Danger)
        })
        .collect();
    if !own.is_empty() {
        rows.push(CreateActionRow::Buttons(own));
    }
    Ok(Message::embed(embed).with_components(rows))
}

pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.guild()?;
    match *id {
        CustomId::ReviewsPage { listing, page: p } => {
            Ok(Response::Update(page(bot, ctx, guild, listing, p).await?))
        }
        CustomId::ReviewsDelete {
            review: id,
            listing,
            page: p,
        } => {
            reviews::delete_own(&bot.pool, guild, ctx.user, id, bot.clock.now()).await?;
            let mut message = page(bot, ctx, guild, listing, p).await?;
            message.content = Some(
                ctx.locale
                    .pick(
                        format!("Review #{} deleted.", id.0),
                        format!("리뷰 #{}을(를) 삭제했어요.", id.0),
                    )
                    .to_owned(),
            );
            Ok(Response::Update(message))
        }
        _ => Err(Error::StaleComponent),
    }
}
