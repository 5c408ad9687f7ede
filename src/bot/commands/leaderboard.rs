//! `/leaderboard`: top dramas or tracks of the server by weighted
//! (Bayesian) score, filtered by year, genre, period and minimum voices,
//! paginated, for this server or across all servers. The filters and page
//! travel in the custom id:
//! `leaderboard:<d|t>:<s|a>:<period>:<year|0>:<min>:<page>:<genre>`.

use crate::bot::context::{Args, Ctx};
use crate::bot::response::clip;
use crate::bot::{Bot, Message, Response};
use crate::catalog::{self, DramaId, Kind, TrackId};
use crate::ids::GuildId;
use crate::locale::Locale;
use crate::reviews::scores::{self, Empty, Filter, FilterName, Period, Scope};
use crate::{Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateEmbedFooter,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 10;
const MAX_GENRE_CHARS: usize = 40;
/// Pages past this are not drawn (a forged custom id cannot overflow the offset).
const MAX_PAGE: u64 = 1_000_000;

pub fn register() -> CreateCommand {
    CreateCommand::new("leaderboard")
        .description("Top dramas or tracks of this server by community score")
        .name_localized("ko", "순위")
        .description_localized("ko", "이 서버의 커뮤니티 점수 상위 드라마·곡")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "kind", "Dramas or tracks")
                .name_localized("ko", "종류")
                .description_localized("ko", "드라마 또는 곡")
                .add_string_choice_localized("dramas", "drama", [("ko", "드라마")])
                .add_string_choice_localized("tracks", "track", [("ko", "곡")]),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "scope", "Whose voices count")
                .name_localized("ko", "범위")
                .description_localized("ko", "어느 서버의 평가를 셀지")
                .add_string_choice_localized("this server", "server", [("ko", "이 서버")])
                .add_string_choice_localized("all servers", "all", [("ko", "모든 서버")]),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "period", "Which reviews count")
                .name_localized("ko", "기간")
                .description_localized("ko", "어느 기간의 리뷰를 셀지")
                .add_string_choice_localized("all time", "all", [("ko", "전체")])
                .add_string_choice_localized("this year", "year", [("ko", "올해")])
                .add_string_choice_localized("last 30 days", "30d", [("ko", "최근 30일")]),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "year", "The drama's year")
                .name_localized("ko", "연도")
                .description_localized("ko", "드라마 방영 연도")
                .min_int_value(1950)
                .max_int_value(2100),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "genre", "A genre, e.g. Romance")
                .name_localized("ko", "장르")
                .description_localized("ko", "장르 (예: Romance)")
                .max_length(MAX_GENRE_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Integer,
                "min-voices",
                "Only entries with at least this many voices",
            )
            .name_localized("ko", "최소인원")
            .description_localized("ko", "최소 이만큼의 평가가 있는 항목만")
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
        Some(_) => {
            return Err(Error::invalid(
                "year",
                "give a year from 1950 to 2100",
                "1950년부터 2100년 사이로 입력해 주세요",
            ))
        }
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
        Some(_) => {
            return Err(Error::invalid(
                "min-voices",
                "give a number from 1 to 1000",
                "1부터 1000 사이로 입력해 주세요",
            ))
        }
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
                    genre = super::review::safe(filter.genre.as_deref().unwrap_or_default())
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
    format!(
        "leaderboard:{}:{}:{}:{}:{}:{page}:{}",
        match filter.kind {
            Kind::Drama => "d",
            Kind::Track => "t",
        },
        if everywhere { "a" } else { "s" },
        filter.period.as_str(),
        filter.year.unwrap_or(0),
        filter.min_voices,
        filter.genre.as_deref().unwrap_or(""),
    )
}

fn parse_state(custom_id: &str) -> Result<(Filter, bool, u64)> {
    let bad = || Error::Malformed(format!("bad leaderboard id {custom_id:?}"));
    let mut parts = custom_id.splitn(8, ':');
    let _ = parts.next();
    let kind = match parts.next() {
        Some("d") => Kind::Drama,
        Some("t") => Kind::Track,
        _ => return Err(bad()),
    };
    let everywhere = match parts.next() {
        Some("a") => true,
        Some("s") => false,
        _ => return Err(bad()),
    };
    let period = parts.next().and_then(Period::parse).ok_or_else(bad)?;
    let year: i32 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
    let min_voices: u32 = parts.next().and_then(|m| m.parse().ok()).ok_or_else(bad)?;
    let page = parts
        .next()
        .and_then(|p| p.parse::<u64>().ok())
        .ok_or_else(bad)?
        .min(MAX_PAGE);
    let genre = parts.next().unwrap_or("").to_owned();
    Ok((
        Filter {
            kind,
            period,
            year: (year != 0).then_some(year),
            genre: (!genre.is_empty()).then_some(genre),
            min_voices,
        },
        everywhere,
        page,
    ))
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
            let ids: Vec<DramaId> = rows.iter().map(|r| DramaId(r.target)).collect();
            catalog::dramas_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|d| (d.id.0, d.label()))
                .collect()
        }
        Kind::Track => {
            let ids: Vec<TrackId> = rows.iter().map(|r| TrackId(r.target)).collect();
            catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|(t, drama)| (t.id.0, format!("{} · {drama}", t.label())))
                .collect()
        }
    };
    let lines: Vec<String> = rows
        .iter()
        .map(|r| {
            let label = labels.get(&r.target).cloned().unwrap_or_default();
            l.pick(
                format!(
                    "**{}.** {} — **{:.2}** (mean {:.1} · {} voice(s))",
                    r.rank,
                    clip(&label, 90),
                    r.weighted,
                    r.mean,
                    r.voices
                ),
                format!(
                    "**{}.** {} — **{:.2}** (평균 {:.1} · {}명)",
                    r.rank,
                    clip(&label, 90),
                    r.weighted,
                    r.mean,
                    r.voices
                ),
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
        Kind::Drama => l.pick("Top dramas", "드라마 순위"),
        Kind::Track => l.pick("Top tracks", "곡 순위"),
    };
    let mut filters = Vec::new();
    if everywhere {
        filters.push(l.pick("all servers", "모든 서버").to_owned());
    }
    filters.push(
        match filter.period {
            Period::AllTime => l.pick("all time", "전체 기간"),
            Period::ThisYear => l.pick("this year", "올해"),
            Period::Last30Days => l.pick("last 30 days", "최근 30일"),
        }
        .to_owned(),
    );
    if let Some(y) = filter.year {
        filters.push(y.to_string());
    }
    if let Some(g) = &filter.genre {
        filters.push(super::review::safe(g));
    }
    if filter.min_voices > 1 {
        filters.push(l.pick(
            format!("≥ {} voices", filter.min_voices),
            format!("{}명 이상", filter.min_voices),
        ));
    }
    let embed = CreateEmbed::new()
        .title(format!("{title} · {}", filters.join(" · ")))
        .colour(super::review::COLOUR)
        .description(clip(&body, 4096))
        .footer(CreateEmbedFooter::new(l.pick(
            format!(
                "Weighted score (v·R + m·C)/(v + m), m = {m} · page {} of {pages}",
                page + 1
            ),
            format!(
                "가중 점수 (v·R + m·C)/(v + m), m = {m} · {pages}쪽 중 {}쪽",
                page + 1
            ),
        )));
    let buttons = CreateActionRow::Buttons(vec![
        CreateButton::new(state(filter, everywhere, page.saturating_sub(1)))
            .label(l.pick("Previous", "이전"))
            .style(ButtonStyle::Secondary)
            .disabled(page == 0),
        CreateButton::new(state(filter, everywhere, page + 1))
            .label(l.pick("Next", "다음"))
            .style(ButtonStyle::Secondary)
            .disabled(page + 1 >= pages),
    ]);
    Ok(Message::embed(embed).with_components(vec![buttons]))
}

pub async fn component(bot: &Bot, ctx: &Ctx, custom_id: &str) -> Result<Response> {
    let guild = ctx.guild()?;
    let (filter, everywhere, p) = parse_state(custom_id)?;
    Ok(Response::Update(
        page(bot, ctx, guild, everywhere, &filter, p).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_through_the_custom_id() {
        let filter = Filter {
            kind: Kind::Track,
            period: Period::Last30Days,
            year: Some(2019),
            genre: Some("Romance Comedy".into()),
            min_voices: 3,
        };
        let id = state(&filter, true, 4);
        assert!(id.chars().count() <= 100);
        assert_eq!(parse_state(&id).unwrap(), (filter, true, 4));
        assert!(parse_state("leaderboard:x").is_err());
    }
}
