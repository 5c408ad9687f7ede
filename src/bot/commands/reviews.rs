//! `/reviews [drama] [track] [member]`: a server's reviews of a drama, a
//! track or by a member, newest first, with Previous/Next buttons that keep
//! working after a restart (the page lives in the custom id), and a Delete
//! button on each of the viewer's own reviews.
//!
//! Custom ids: `reviews:page:<d|t|m>:<key>:<page>` and
//! `reviews:delete:<review>:<d|t|m>:<key>:<page>`.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::render::{
    review::review_line,
    text::{fit_lines, safe},
};
use crate::bot::response::clip;
use crate::bot::snowflakes::ToCore;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::{self, DramaId, TrackId};
use crate::ids::GuildId;
use crate::reviews::{self, Listing, Review, Target};
use crate::{t, Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateEmbedFooter,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 5;

pub fn register() -> CreateCommand {
    CreateCommand::new("reviews")
        .localized("cmd-reviews")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "drama", "")
                .localized("cmd-reviews-drama")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "track", "")
                .localized("cmd-reviews-track")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::User, "member", "")
                .localized("cmd-reviews-member"),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let listing = if let Some((user, _)) = args.user("member") {
        Listing::Member(user.id.to_core())
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
            t!(l, "reviews-title-of", name = name)
        }
        Listing::Track(t) => {
            let name = catalog::tracks_by_ids(&bot.pool, &[t], Some(guild))
                .await?
                .into_iter()
                .next()
                .map(|(t, _)| t.label())
                .unwrap_or_default();
            t!(l, "reviews-title-of", name = name)
        }
        Listing::Member(u) if u == ctx.user => t!(l, "reviews-title-yours"),
        Listing::Member(_) => {
            let name = list
                .first()
                .map(|r| safe(&r.member_name))
                .unwrap_or_else(|| t!(l, "reviews-this-member"));
            t!(l, "reviews-title-by", name = name)
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
        t!(l, "reviews-none")
    } else {
        fit_lines(&lines, "\n\n", 4096)
    };
    let embed = CreateEmbed::new()
        .title(clip(&title, 256))
        .colour(crate::bot::render::review::COLOUR)
        .description(body)
        .footer(CreateEmbedFooter::new(t!(
            l,
            "reviews-footer",
            page = page + 1,
            pages = pages,
            total = total
        )));
    let mut rows = vec![crate::bot::render::pager::buttons(page, pages, l, |page| {
        CustomId::ReviewsPage { listing, page }.to_string()
    })];
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
            .label(t!(l, "reviews-delete-button", review = r.id.get()))
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
            message.content = Some(t!(ctx.locale, "reviews-deleted", review = id.get()));
            Ok(Response::Update(message))
        }
        _ => Err(Error::StaleComponent),
    }
}
