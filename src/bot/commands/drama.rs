//! `/drama query`: a drama and its OST tracklist.

use crate::bot::context::{Args, Ctx};
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Response};
use crate::catalog::{self, Drama, Track};
use crate::locale::Locale;
use crate::{t, Result};
use serenity::all::{Colour, CommandOptionType};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed};

pub const COLOUR: Colour = Colour::new(0x5B_7F_D6);
/// Tracklist lines shown before "…and N more".
const TRACKLIST_LINES: usize = 20;

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
    let tracks = catalog::tracks_of(&bot.pool, drama.id, ctx.guild).await?;
    let message = super::review::decorate(
        bot,
        ctx,
        crate::reviews::Target::Drama(drama.id),
        &drama.title,
        embed(&drama, &tracks, ctx.locale),
        Vec::new(),
    )
    .await?;
    Ok(Response::message(message))
}

pub async fn autocomplete(bot: &Bot, ctx: &Ctx, typed: &str) -> Result<Vec<Choice>> {
    lookup::drama_choices(bot, ctx.guild, typed).await
}

pub fn embed(drama: &Drama, tracks: &[Track], l: Locale) -> CreateEmbed {
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
    embed.field(t!(l, "drama-tracklist"), tracklist(tracks, l), false)
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

fn tracklist(tracks: &[Track], l: Locale) -> String {
    if tracks.is_empty() {
        return t!(l, "drama-no-tracks");
    }
    let mut lines: Vec<String> = tracks
        .iter()
        .take(TRACKLIST_LINES)
        .map(|t| {
            let part = t
                .ost_part
                .map(|p| format!("Pt. {p} · "))
                .unwrap_or_default();
            format!("{part}{}", t.label())
        })
        .collect();
    if tracks.len() > TRACKLIST_LINES {
        let more = tracks.len() - TRACKLIST_LINES;
        lines.push(t!(l, "drama-more-tracks", more = more));
    }
    clip(&lines.join("\n"), 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            id: crate::catalog::DramaId(1),
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
