//! `/leaderboard`: top dramas or tracks of the server by weighted
//! (Bayesian) score, filtered by year, genre, period and minimum voices,
//! paginated, for this server or across all servers. The filters and page
//! travel in the custom id:
//! `leaderboard:<d|t>:<s|a>:<period>:<year|0>:<min>:<page>:<genre>`.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::{CustomId, LeaderboardState};
use crate::bot::l10n::{Localized, LocalizedChoice};
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::catalog::{self, DramaId, Kind, TrackId};
use crate::ids::GuildId;
use crate::locale::Locale;
use crate::reviews::scores::{self, Empty, Filter, FilterName, Period, Scope};
use crate::{t, Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed, CreateEmbedFooter};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 10;
const MAX_GENRE_CHARS: usize = 40;

pub fn register() -> CreateCommand {
    CreateCommand::new("leaderboard")
        .localized("cmd-leaderboard")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "kind", "")
                .localized("cmd-leaderboard-kind")
                .localized_choice("cmd-leaderboard-choice-drama", "drama")
                .localized_choice("cmd-leaderboard-choice-track", "track"),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "scope", "")
                .localized("cmd-leaderboard-scope")
                .localized_choice("cmd-leaderboard-choice-server", "server")
                .localized_choice("cmd-leaderboard-choice-all", "all"),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "period", "")
                .localized("cmd-leaderboard-period")
                .localized_choice("cmd-leaderboard-choice-all-time", "all")
                .localized_choice("cmd-leaderboard-choice-year", "year")
                .localized_choice("cmd-leaderboard-choice-30d", "30d"),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "year", "")
                .localized("cmd-leaderboard-year")
                .min_int_value(1950)
                .max_int_value(2100),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "genre", "")
                .localized("cmd-leaderboard-genre")
                .max_length(MAX_GENRE_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "min-voices", "")
                .localized("cmd-leaderboard-min-voices")
                .min_int_value(1)
                .max_int_value(1000),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let kind = match args.str("kind") {
        Some("track") => Kind::Track,
        _ => Kind::Drama,
    };
    let period = args
        .str("period")
        .and_then(Period::parse)
        .unwrap_or(Period::AllTime);
    let year = match args.int("year") {
        Some(y) if (1950..=2100).contains(&y) => Some(y as i32),
        Some(_) => return Err(Error::User(crate::msg!("leaderboard-bad-year"))),
        None => None,
    };
    let genre = args.str("genre").map(str::trim).filter(|g| !g.is_empty());
    if genre.is_some_and(|g| g.chars().count() > MAX_GENRE_CHARS) {
        return Err(Error::TooLong {
            field: "genre",
            max: MAX_GENRE_CHARS,
        });
    }
    // ':' separates the custom id's parts; a genre never needs one.
    let genre = genre.map(|g| g.replace(':', " "));
    let min_voices = match args.int("min-voices") {
        Some(n) if (1..=1000).contains(&n) => n as u32,
        Some(_) => return Err(Error::User(crate::msg!("leaderboard-bad-min-voices"))),
        None => 1,
    };
    let filter = Filter {
        kind,
        period,
        year,
        genre,
        min_voices,
    };
    let everywhere = args.str("scope") == Some("all");
    Ok(Response::message(
        page(bot, ctx, guild, everywhere, &filter, 0).await?,
    ))
}

/// What left the leaderboard empty, and what the member can change.
pub fn empty_text(why: &Empty, filter: &Filter, l: Locale) -> String {
    let kind = match filter.kind {
        Kind::Drama => "drama",
        Kind::Track => "track",
    };
    match why {
        Empty::NoReviews if filter.period == Period::AllTime => {
            crate::t!(l, "leaderboard-empty-no-reviews", kind = kind)
        }
        Empty::NoReviews => crate::t!(l, "leaderboard-empty-period", kind = kind),
        Empty::Together => crate::t!(l, "leaderboard-empty-together"),
        Empty::Filters(names) => names
            .iter()
            .map(|name| match name {
                FilterName::Genre => crate::t!(
                    l,
                    "leaderboard-empty-genre",
                    kind = kind,
                    genre =
                        crate::bot::render::text::safe(filter.genre.as_deref().unwrap_or_default())
                ),
                FilterName::Year => crate::t!(
                    l,
                    "leaderboard-empty-year",
                    kind = kind,
                    year = filter.year.unwrap_or_default().to_string()
                ),
                FilterName::MinVoices => crate::t!(
                    l,
                    "leaderboard-empty-min-voices",
                    kind = kind,
                    min = filter.min_voices
                ),
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn state(filter: &Filter, everywhere: bool, page: u64) -> String {
    CustomId::Leaderboard(LeaderboardState {
        filter: filter.clone(),
        everywhere,
        page,
    })
    .to_string()
}

async fn page(
    bot: &Bot,
    ctx: &Ctx,
    guild: GuildId,
    everywhere: bool,
    filter: &Filter,
    page: u64,
) -> Result<Message> {
    let l = ctx.locale;
    let m = crate::guild_settings::get(&bot.pool, guild)
        .await?
        .min_voices;
    let scope = if everywhere {
        Scope::AllServers
    } else {
        Scope::Guild(guild)
    };
    let (rows, total) = scores::leaderboard(
        &bot.pool,
        scope,
        filter,
        m,
        bot.clock.now(),
        page * PAGE_SIZE,
        PAGE_SIZE,
    )
    .await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let labels: HashMap<i64, String> = match filter.kind {
        Kind::Drama => {
            let ids: Vec<DramaId> = rows
                .iter()
                .map(|r| DramaId::try_from(r.target))
                .collect::<Result<_, _>>()?;
            catalog::dramas_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|d| (d.id.to_i64_bits(), d.label()))
                .collect()
        }
        Kind::Track => {
            let ids: Vec<TrackId> = rows
                .iter()
                .map(|r| TrackId::try_from(r.target))
                .collect::<Result<_, _>>()?;
            catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|(t, drama)| (t.id.to_i64_bits(), format!("{} · {drama}", t.label())))
                .collect()
        }
    };
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let label = labels.get(&r.target).cloned().unwrap_or_default();
            t!(
                l,
                "leaderboard-line",
                rank = r.rank,
                label = clip(&label, 90),
                score = format!("{:.2}", r.weighted),
                mean = format!("{:.1}", r.mean),
                voices = r.voices
            )
        })
        .collect();
    let body = if lines.is_empty() {
        let why = scores::why_empty(&bot.pool, scope, filter, m, bot.clock.now()).await?;
        empty_text(&why, filter, l)
    } else {
        lines.join("\n")
    };
    let title = match filter.kind {
        Kind::Drama => t!(l, "leaderboard-title-dramas"),
        Kind::Track => t!(l, "leaderboard-title-tracks"),
    };
    let mut filters = Vec::new();
    if everywhere {
        filters.push(t!(l, "leaderboard-filter-all-servers"));
    }
    filters.push(match filter.period {
        Period::AllTime => t!(l, "leaderboard-filter-all-time"),
        Period::ThisYear => t!(l, "leaderboard-filter-this-year"),
        Period::Last30Days => t!(l, "leaderboard-filter-last-30-days"),
    });
    if let Some(y) = filter.year {
        filters.push(y.to_string());
    }
    if let Some(g) = &filter.genre {
        filters.push(crate::bot::render::text::safe(g));
    }
    if filter.min_voices > 1 {
        filters.push(t!(
            l,
            "leaderboard-filter-min-voices",
            voices = filter.min_voices
        ));
    }
    let embed = CreateEmbed::new()
        .title(format!("{title} · {}", filters.join(" · ")))
        .colour(crate::bot::render::review::COLOUR)
        .description(clip(&body, 4096))
        .footer(CreateEmbedFooter::new(t!(
            l,
            "leaderboard-footer",
            m = m,
            page = page + 1,
            pages = pages
        )));
    let buttons =
        crate::bot::render::pager::buttons(page, pages, l, |p| state(filter, everywhere, p));
    Ok(Message::embed(embed).with_components(vec![buttons]))
}

pub async fn component(bot: &Bot, ctx: &Ctx, state: &LeaderboardState) -> Result<Response> {
    let guild = ctx.guild()?;
    Ok(Response::Update(
        page(bot, ctx, guild, state.everywhere, &state.filter, state.page).await?,
    ))
}
