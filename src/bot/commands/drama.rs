//! `/drama query`: a drama and its OST tracklist.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Response};
use crate::catalog::credits::{self, credit_line, Artist};
use crate::catalog::{self, Drama, DramaId, Track, TrackId};
use crate::locale::Locale;
use crate::{t, Error, Result};
use serenity::all::{Colour, CommandOptionType};
use serenity::builder::{
    CreateActionRow, CreateCommand, CreateCommandOption, CreateEmbed, CreateEmbedFooter,
};
use std::collections::HashMap;

pub const COLOUR: Colour = Colour::new(0x5B_7F_D6);
/// Tracklist lines per page (Goblin's 14 parts take two pages).
pub const PAGE_LINES: usize = 8;
/// Longest tracklist line, in characters: eight of them and their part headings stay far
/// below an embed field's 1024.
const LINE_CHARS: usize = 110;

pub fn register() -> CreateCommand {
    CreateCommand::new("drama")
        .localized("cmd-drama")
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "query", "")
                .localized("cmd-drama-query")
                .required(true)
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let drama = lookup::resolve_drama(bot, ctx.guild, args.required_str("query")?).await?;
    Ok(Response::message(decorated(bot, ctx, &drama, 0).await?))
}

/// The card at one page of its tracklist, and its page buttons.
async fn card(
    bot: &Bot,
    ctx: &Ctx,
    drama: &Drama,
    page: usize,
) -> Result<(CreateEmbed, Vec<CreateActionRow>)> {
    let tracks = catalog::tracks_of(&bot.pool, drama.id, ctx.guild).await?;
    let ids: Vec<TrackId> = tracks.iter().map(|t| t.id).collect();
    let credits = credits::credits_of(&bot.pool, &ids).await?;
    let lines = tracklist_lines(&tracks, &credits, ctx.locale);
    let pages = lines.len().div_ceil(PAGE_LINES).max(1);
    let page = page.min(pages - 1);
    let mut embed = embed(drama, &lines, page, ctx.locale);
    let mut rows = Vec::new();
    if pages > 1 {
        embed = embed.footer(CreateEmbedFooter::new(t!(
            ctx.locale,
            "catalog-page",
            page = page + 1,
            pages = pages
        )));
        rows.push(page_buttons(drama.id, page, pages, ctx.locale));
    }
    Ok((embed, rows))
}

/// The page buttons of a drama card's tracklist.
fn page_buttons(drama: DramaId, page: usize, pages: usize, l: Locale) -> CreateActionRow {
    crate::bot::render::pager::buttons(page as u64, pages as u64, l, |page| {
        CustomId::DramaPage { drama, page }.to_string()
    })
}

/// A page button (`CustomId::DramaPage`): the same card at another page.
pub async fn component(bot: &Bot, ctx: &Ctx, drama: DramaId, page: u64) -> Result<Response> {
    let page = usize::try_from(page).unwrap_or(usize::MAX);
    let drama = catalog::get_drama(&bot.pool, drama, ctx.guild)
        .await?
        .ok_or(Error::EntryGone)?;
    Ok(Response::Update(decorated(bot, ctx, &drama, page).await?))
}

/// The card at one page, with the community part below it.
async fn decorated(
    bot: &Bot,
    ctx: &Ctx,
    drama: &catalog::Drama,
    page: usize,
) -> Result<crate::bot::Message> {
    let (embed, rows) = card(bot, ctx, drama, page).await?;
    let target = crate::reviews::Target::Drama(drama.id);
    crate::bot::render::card::decorate(bot, ctx, target, &drama.title, embed, rows).await
}

pub async fn autocomplete(bot: &Bot, ctx: &Ctx, typed: &str) -> Result<Vec<Choice>> {
    lookup::drama_choices(bot, ctx.guild, typed).await
}

pub fn embed(drama: &Drama, lines: &[String], page: usize, l: Locale) -> CreateEmbed {
    let mut embed = CreateEmbed::new()
        .title(clip(&drama.label(), 256))
        .colour(COLOUR);
    let mut facts: Vec<String> = Vec::new();
    if let Some(network) = &drama.network {
        facts.push(network.clone());
    }
    if let Some(episodes) = drama.episodes {
        facts.push(t!(l, "drama-episodes", episodes = episodes));
    }
    if !drama.genres.is_empty() {
        facts.push(drama.genres.join(", "));
    }
    if !facts.is_empty() {
        embed = embed.description(clip(&facts.join(" · "), 4096));
    }
    if let (Some(rating), Some(votes)) = (drama.mdl_rating, drama.mdl_votes) {
        embed = embed.field(
            "MyDramaList",
            t!(
                l,
                "drama-mdl-rating",
                rating = format!("{rating:.1}"),
                votes = votes
            ),
            true,
        );
    }
    let aka = also_known_as(drama, l);
    if !aka.is_empty() {
        let names: Vec<&str> = aka.iter().map(|a| a.as_str()).collect();
        embed = embed.field(
            t!(l, "drama-also-known-as"),
            clip(&names.join(", "), 1024),
            true,
        );
    }
    let value = if lines.is_empty() {
        t!(l, "drama-no-tracks")
    } else {
        let start = (page * PAGE_LINES).min(lines.len());
        let end = (start + PAGE_LINES).min(lines.len());
        lines[start..end].join("\n")
    };
    embed.field(t!(l, "drama-tracklist"), clip(&value, 1024), false)
}

/// Titles a member of `l` would use: romanizations of the Korean title and
/// English titles first, then titles in the member's own script when the
/// catalog has them (Hangul for Korean). Titles in other languages (the
/// catalog has Italian, French, Czech… ones without saying which) are left out.
pub fn also_known_as(drama: &Drama, l: Locale) -> Vec<String> {
    use crate::catalog::search::{normalize, romanize};
    let key = |s: &str| normalize::compact(&normalize::normalize(s));
    let romanized = drama
        .title_ko
        .as_deref()
        .map(|ko| key(&romanize::romanize(ko)))
        .unwrap_or_default();
    let english_words: Vec<String> = normalize::normalize(&drama.title)
        .split(' ')
        .filter(|w| w.len() >= 4)
        .map(str::to_owned)
        .collect();
    let is_romanization = |alt: &str| !romanized.is_empty() && similar(&key(alt), &romanized);
    let is_english = |alt: &str| {
        let acronym = alt.len() <= 6 && alt.chars().all(|c| c.is_ascii_uppercase());
        acronym
            || normalize::normalize(alt)
                .split(' ')
                .any(|w| english_words.iter().any(|e| e == w))
    };
    let own = |alt: &str| l == Locale::Ko && normalize::has_hangul(alt);
    let shown = |alt: &&String| {
        alt.as_str() != drama.title && Some(alt.as_str()) != drama.title_ko.as_deref()
    };
    let mut out: Vec<String> = Vec::new();
    for rule in [&is_romanization as &dyn Fn(&str) -> bool, &is_english, &own] {
        for alt in drama.alt_titles.iter().filter(shown) {
            if rule(alt) && !out.contains(alt) {
                out.push(alt.clone());
            }
        }
    }
    out.truncate(3);
    out
}

/// Whether two spelling keys share most of their letter pairs (Dice ≥ 0.6):
/// "nunmuluiyeowang" and "nunmuruiyeowang" do, "lareginadellelacrime" does not.
fn similar(a: &str, b: &str) -> bool {
    let pairs = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let (x, mut y) = (pairs(a), pairs(b));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    let total = x.len() + y.len();
    let mut shared = 0;
    for p in &x {
        if let Some(i) = y.iter().position(|q| q == p) {
            y.swap_remove(i);
            shared += 1;
        }
    }
    shared * 10 >= total * 3
}

/// One line per track, in part order: "**Part 1** · Stay With Me — 찬열 · CHANYEOL ·
/// 2016-12-03"; tracks without a part last, under "Other tracks".
pub fn tracklist_lines(
    tracks: &[Track],
    credits: &HashMap<TrackId, Vec<Artist>>,
    l: Locale,
) -> Vec<String> {
    let mut sorted: Vec<&Track> = tracks.iter().collect();
    sorted.sort_by_key(|t| (t.ost_part.is_none(), t.ost_part, t.release_date.clone()));
    sorted
        .into_iter()
        .map(|t| {
            let part = match t.ost_part {
                Some(p) => t!(l, "catalog-drama-part", part = p),
                None => t!(l, "catalog-drama-other-tracks"),
            };
            let mut line = t.title.clone();
            if let Some(ko) = &t.title_ko {
                line.push_str(&format!(" ({ko})"));
            }
            let artists = credits
                .get(&t.id)
                .and_then(|a| credit_line(a))
                .or_else(|| t.artist_line());
            if let Some(artists) = artists {
                line.push_str(&format!(" — {artists}"));
            }
            if let Some(date) = &t.release_date {
                line.push_str(&format!(" · {date}"));
            }
            clip(&format!("**{part}** · {line}"), LINE_CHARS)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Scope, Track};

    fn track(id: u64, title: &str, part: Option<i32>, date: Option<&str>) -> Track {
        Track {
            id: TrackId::new(id),
            scope: Scope::Global,
            slug: format!("t{id}"),
            drama_id: DramaId::new(1),
            title: title.to_owned(),
            title_ko: None,
            artist: Some("X".into()),
            artist_ko: None,
            ost_part: part,
            year: Some(2016),
            album: None,
            release_date: date.map(str::to_owned),
            links: Vec::new(),
            verified: true,
        }
    }

    #[test]
    fn tracklists_go_by_part_with_dates_and_every_singer() {
        let tracks = vec![
            track(3, "Loose", None, None),
            track(2, "Beautiful", Some(4), Some("2016-12-17")),
            track(1, "Stay With Me", Some(1), Some("2016-12-03")),
        ];
        let mut credits = HashMap::new();
        credits.insert(
            TrackId::new(1),
            vec![
                Artist {
                    id: crate::ids::ArtistId::new(1),
                    name_ko: Some("찬열".into()),
                    name: Some("CHANYEOL".into()),
                },
                Artist {
                    id: crate::ids::ArtistId::new(2),
                    name_ko: Some("펀치".into()),
                    name: Some("Punch".into()),
                },
            ],
        );
        let lines = tracklist_lines(&tracks, &credits, Locale::En);
        assert_eq!(
            lines,
            vec![
                "**Part 1** · Stay With Me — 찬열, 펀치 · CHANYEOL, Punch · 2016-12-03",
                "**Part 4** · Beautiful — X · 2016-12-17",
                "**Other tracks** · Loose — X",
            ]
        );
        let long = vec![track(9, &"Very long title ".repeat(20), Some(1), None)];
        assert!(
            tracklist_lines(&long, &HashMap::new(), Locale::En)[0]
                .chars()
                .count()
                <= LINE_CHARS
        );
    }

    fn queen_of_tears() -> Drama {
        Drama {
            title: "Queen of Tears".into(),
            title_ko: Some("눈물의 여왕".into()),
            alt_titles: [
                "Královna slz",
                "La Regina delle Lacrime",
                "La Reina de las Lágrimas",
                "La Reine des Larmes",
                "Nunmului Yeowang",
                "Rainha das Lágrimas",
                "The Queen of Tears",
                "Untitled Park Ji Eun Project",
                "눈물의 여왕님",
            ]
            .map(String::from)
            .to_vec(),
            id: crate::catalog::DramaId::new(1),
            scope: crate::catalog::Scope::Global,
            slug: "queen-of-tears".into(),
            year: Some(2024),
            network: None,
            genres: Vec::new(),
            episodes: None,
            mdl_rating: None,
            mdl_votes: None,
        }
    }

    #[test]
    fn also_known_as_shows_romanizations_and_english_not_other_languages() {
        let drama = queen_of_tears();
        assert_eq!(
            also_known_as(&drama, Locale::En),
            vec!["Nunmului Yeowang", "The Queen of Tears"]
        );
        assert_eq!(
            also_known_as(&drama, Locale::Ko),
            vec!["Nunmului Yeowang", "The Queen of Tears", "눈물의 여왕님"]
        );
    }
}
