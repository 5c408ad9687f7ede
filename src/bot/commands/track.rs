//! `/track query`: look up one OST track.

use crate::bot::context::{Args, Ctx};
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Response};
use crate::catalog::credits::{self, credit_line, Artist};
use crate::catalog::{self, Drama, Track, TrackId};
use crate::locale::Locale;
use crate::{t, Result};
use serenity::all::{Colour, CommandOptionType};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateEmbedFooter,
};

pub const COLOUR: Colour = Colour::new(0xE8_6A_92);

pub fn register() -> CreateCommand {
    CreateCommand::new("track")
        .localized("cmd-track")
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "query", "")
                .localized("cmd-track-query")
                .required(true)
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let track = match lookup::resolve_track_or_list(bot, ctx, args.required_str("query")?).await? {
        lookup::TrackAnswer::One(track) => track,
        lookup::TrackAnswer::List(message) => return Ok(Response::message(message)),
    };
    card(bot, ctx, &track).await
}

/// The track card with its review summary and buttons.
pub async fn card(bot: &Bot, ctx: &Ctx, track: &Track) -> Result<Response> {
    let drama = catalog::get_drama(&bot.pool, track.drama_id, ctx.guild).await?;
    let artists = credits::credits_of(&bot.pool, &[track.id])
        .await?
        .remove(&track.id)
        .unwrap_or_default();
    let target = crate::reviews::Target::Track {
        drama: track.drama_id,
        track: track.id,
    };
    let message = crate::bot::render::card::decorate(
        bot,
        ctx,
        target,
        &track.title,
        embed(track, drama.as_ref(), &artists, ctx.locale),
        vec![listen_buttons(track, ctx.locale)],
    )
    .await?;
    Ok(Response::message(message))
}

/// A picker's button (`CustomId::TrackPick`): opens that track's card.
pub async fn component(bot: &Bot, ctx: &Ctx, track: TrackId) -> Result<Response> {
    let track = catalog::get_track(&bot.pool, track, ctx.guild)
        .await?
        .ok_or(crate::Error::EntryGone)?;
    card(bot, ctx, &track).await
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
        .label(t!(l, "track-listen-youtube")),
        CreateButton::new_link(format!(
            "https://www.melon.com/search/total/index.htm?q={query}"
        ))
        .label(t!(l, "track-listen-melon")),
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
pub fn embed(track: &Track, drama: Option<&Drama>, artists: &[Artist], l: Locale) -> CreateEmbed {
    let mut title = track.title.clone();
    if let Some(ko) = &track.title_ko {
        title.push_str(&format!(" ({ko})"));
    }
    let mut embed = CreateEmbed::new().title(clip(&title, 256)).colour(COLOUR);
    if let Some(line) = credit_line(artists).or_else(|| track.artist_line()) {
        let n = artists.len().max(1);
        embed = embed.field(t!(l, "track-field-artist", n = n), clip(&line, 1024), true);
    }
    if let Some(drama) = drama {
        embed = embed.field(t!(l, "track-field-drama"), clip(&drama.label(), 1024), true);
    }
    if let Some(part) = track.ost_part {
        embed = embed.field(
            t!(l, "track-field-ost-part"),
            t!(l, "track-ost-part", part = part),
            true,
        );
    }
    if let Some(date) = &track.release_date {
        embed = embed.field(t!(l, "track-field-released"), clip(date, 1024), true);
    }
    if let Some(album) = &track.album {
        embed = embed.field(t!(l, "track-field-album"), clip(album, 1024), false);
    }
    if !track.links.is_empty() {
        let links: Vec<String> = track.links.iter().map(|u| format!("<{u}>")).collect();
        embed = embed.field(
            t!(l, "track-field-listen"),
            clip(&links.join("\n"), 1024),
            false,
        );
    }
    if !track.verified {
        embed = embed.footer(CreateEmbedFooter::new(t!(l, "track-unverified")));
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
