//! `/drama query`: a drama and its OST tracklist.

use crate::bot::context::{Args, Ctx};
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Response};
use crate::catalog::{self, Drama, Track};
use crate::locale::Locale;
use crate::Result;
use serenity::all::{Colour, CommandOptionType};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed};

pub const COLOUR: Colour = Colour::new(0x5B_7F_D6);
/// Tracklist lines shown before "…and N more".
const TRACKLIST_LINES: usize = 20;

pub fn register() -> CreateCommand {
    CreateCommand::new("drama")
        .description("Look up a K-drama and its OST tracklist")
        .name_localized("ko", "드라마")
        .description_localized("ko", "드라마와 OST 곡 목록을 찾아요")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "query",
                "Title in English, Korean or romanized",
            )
            .name_localized("ko", "검색어")
            .description_localized("ko", "영어, 한글 또는 로마자 제목")
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
        facts.push(l.pick(format!("{episodes} episodes"), format!("{episodes}부작")));
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
            l.pick(
                format!("{rating:.1}/10 ({votes} ratings)"),
                format!("{rating:.1}/10 ({votes}명 평가)"),
            ),
            true,
        );
    }
    let aka: Vec<&String> = drama
        .alt_titles
        .iter()
        .filter(|a| a.is_ascii())
        .take(3)
        .collect();
    if !aka.is_empty() {
        let names: Vec<&str> = aka.iter().map(|a| a.as_str()).collect();
        embed = embed.field(
            l.pick("Also known as", "다른 제목"),
            clip(&names.join(", "), 1024),
            true,
        );
    }
    embed.field(
        l.pick("OST tracklist", "OST 곡 목록"),
        tracklist(tracks, l),
        false,
    )
}

fn tracklist(tracks: &[Track], l: Locale) -> String {
    if tracks.is_empty() {
        return l
            .pick("No tracks in the catalog yet.", "아직 등록된 곡이 없어요.")
            .to_owned();
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
        lines.push(l.pick(format!("…and {more} more"), format!("…외 {more}곡")));
    }
    clip(&lines.join("\n"), 1024)
}
