//! `/track query`: look up one OST track.

use crate::bot::context::{Args, Ctx};
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Response};
use crate::catalog::{self, Drama, Track};
use crate::locale::Locale;
use crate::Result;
use serenity::all::{Colour, CommandOptionType};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateEmbedFooter,
};

pub const COLOUR: Colour = Colour::new(0xE8_6A_92);

pub fn register() -> CreateCommand {
    CreateCommand::new("track")
        .description("Look up an OST track by title, Korean title, artist or drama")
        .name_localized("ko", "곡")
        .description_localized("ko", "제목, 한글 제목, 가수, 드라마로 OST 곡을 찾아요")
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "query",
                "Title, artist or drama (any spelling)",
            )
            .name_localized("ko", "검색어")
            .description_localized("ko", "제목, 가수 또는 드라마 (철자 자유)")
            .required(true)
            .set_autocomplete(true)
            .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let track = lookup::resolve_track(bot, ctx.guild, args.required_str("query")?, None).await?;
    let drama = catalog::get_drama(&bot.pool, track.drama_id, ctx.guild).await?;
    let target = crate::reviews::Target::Track {
        drama: track.drama_id,
        track: track.id,
    };
    let message = super::review::decorate(
        bot,
        ctx,
        target,
        &track.title,
        embed(&track, drama.as_ref(), ctx.locale),
        vec![listen_buttons(&track, ctx.locale)],
    )
    .await?;
    Ok(Response::message(message))
}

/// Link buttons that search the track on YouTube and Melon (no interaction:
/// Discord opens them directly).
pub fn listen_buttons(track: &Track, l: Locale) -> CreateActionRow {
    let artist = track.artist_ko.as_ref().or(track.artist.as_ref());
    let mut query = track
        .title_ko
        .clone()
        .unwrap_or_else(|| track.title.clone());
    if let Some(artist) = artist {
        query.push(' ');
        query.push_str(artist);
    }
    let query = url_encode(&query);
    CreateActionRow::Buttons(vec![
        CreateButton::new_link(format!(
            "https://www.youtube.com/results?search_query={query}"
        ))
        .label(l.pick("YouTube", "유튜브")),
        CreateButton::new_link(format!(
            "https://www.melon.com/search/total/index.htm?q={query}"
        ))
        .label(l.pick("Melon", "멜론")),
    ])
}

/// Percent-encodes a query string value (RFC 3986 unreserved kept).
fn url_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

pub async fn autocomplete(bot: &Bot, ctx: &Ctx, typed: &str) -> Result<Vec<Choice>> {
    lookup::track_choices(bot, ctx.guild, typed, None).await
}

/// The track card: title (with Hangul), artist, drama and year, OST part, album, links.
pub fn embed(track: &Track, drama: Option<&Drama>, l: Locale) -> CreateEmbed {
    let mut title = track.title.clone();
    if let Some(ko) = &track.title_ko {
        title.push_str(&format!(" ({ko})"));
    }
    let mut embed = CreateEmbed::new().title(clip(&title, 256)).colour(COLOUR);
    if let Some(artist) = track.artist_line() {
        embed = embed.field(l.pick("Artist", "가수"), clip(&artist, 1024), true);
    }
    if let Some(drama) = drama {
        embed = embed.field(l.pick("Drama", "드라마"), clip(&drama.label(), 1024), true);
    }
    if let Some(part) = track.ost_part {
        embed = embed.field(l.pick("OST part", "OST 파트"), format!("Pt. {part}"), true);
    }
    if let Some(album) = &track.album {
        embed = embed.field(l.pick("Album", "앨범"), clip(album, 1024), false);
    }
    if !track.links.is_empty() {
        let links: Vec<String> = track.links.iter().map(|u| format!("<{u}>")).collect();
        embed = embed.field(
            l.pick("Listen", "듣기"),
            clip(&links.join("\n"), 1024),
            false,
        );
    }
    if !track.verified {
        embed = embed.footer(CreateEmbedFooter::new(l.pick(
            "The credit for this track is unconfirmed in our sources.",
            "이 곡의 크레딧은 출처에서 확인되지 않았어요.",
        )));
    }
    embed
}

#[cfg(test)]
mod tests {
    use super::url_encode;

    #[test]
    fn queries_are_percent_encoded() {
        assert_eq!(url_encode("꽃 IU&co"), "%EA%BD%83+IU%26co");
    }
}
