//! Turning what a member typed (or picked in autocomplete) into a catalog
//! entry. Every command that takes a drama or a track goes through here.

use super::context::Ctx;
use super::custom_id::CustomId;
use super::response::{clip, Choice, Message};
use super::Bot;
use crate::bot::error_text::quote;
use crate::catalog::credits::{self, credit_line, Artist, ArtistId};
use crate::catalog::search::{self, Hit, SearchFilter};
use crate::catalog::{self, Drama, DramaId, Kind, Scope, Track, TrackId};
use crate::ids::marker::{DramaMarker, TrackMarker};
use crate::ids::{GuildId, Id};
use crate::locale::Locale;
use crate::{t, Error, Result};
use serenity::all::ButtonStyle;
use serenity::builder::{CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter};
use std::collections::HashMap;

/// Autocomplete values carry the entry's id with this prefix; anything
/// else is text the member typed.
const ID_PREFIX: &str = "id:";
/// Longest query we search for; longer input is refused, not truncated.
pub const MAX_QUERY_CHARS: usize = 200;
const SUGGESTIONS: usize = 5;
/// The refusal of a picked track that is not from the drama given with it
/// (`/review` offers the track's own drama instead).
pub const TRACK_NOT_IN_DRAMA: &str = "lookup-track-not-in-drama";
/// Entries in an exact-title picker (two rows of buttons).
const PICKER_ENTRIES: usize = 10;
/// Tracks per page of an artist's list.
const ARTIST_PAGE: usize = 10;

pub fn choice_value(id: i64) -> String {
    format!("{ID_PREFIX}{id}")
}

/// The id of an autocomplete choice the member picked, if the text is one.
pub fn picked_id(input: &str) -> Option<i64> {
    input.strip_prefix(ID_PREFIX)?.parse().ok()
}

fn check_query(input: &str) -> Result<&str> {
    let query = input.trim();
    if query.is_empty() {
        return Err(Error::EmptyQuery);
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::TooLong {
            field: "query",
            max: MAX_QUERY_CHARS,
        });
    }
    Ok(query)
}

fn filter(kind: Kind, guild: Option<GuildId>, drama: Option<DramaId>) -> SearchFilter {
    SearchFilter {
        kind: Some(kind),
        scope: guild.map(|g| Scope::Guild(g).to_db()),
        drama,
    }
}

/// The drama a member meant: the picked one, or the clear best match.
pub async fn resolve_drama(bot: &Bot, guild: Option<GuildId>, input: &str) -> Result<Drama> {
    if let Some(id) = picked_id(input) {
        let drama = match DramaId::try_from(id) {
            Ok(id) => catalog::get_drama(&bot.pool, id, guild).await?,
            Err(_) => None,
        };
        return drama.ok_or(Error::EntryGone);
    }
    let query = check_query(input)?;
    let hits = search::search(
        &bot.pool,
        query,
        filter(Kind::Drama, guild, None),
        SUGGESTIONS,
    )
    .await?;
    let hits = search::plausible(hits);
    if search::is_clear_winner(&hits) {
        if let Some(drama) =
            catalog::get_drama(&bot.pool, DramaId::try_from(hits[0].id)?, guild).await?
        {
            return Ok(drama);
        }
    }
    // A server's own copy of a global drama (same title and year) ties with it: the query is
    // clear, and the server's own entry is the one its members mean.
    if let Some(drama) = local_copy_of_top(bot, guild, &hits).await? {
        return Ok(drama);
    }
    let labels = drama_labels(bot, guild, &hits).await?;
    Err(Error::NoMatch {
        kind: "drama",
        query: query.to_owned(),
        suggestions: labels.into_values_in(&hits),
    })
}

/// When the two best hits are a global drama and this server's copy of it (same title and
/// year) and nothing else comes close, the server's copy.
async fn local_copy_of_top(
    bot: &Bot,
    guild: Option<GuildId>,
    hits: &[Hit],
) -> Result<Option<Drama>> {
    let (Some(guild), [a, b, rest @ ..]) = (guild, hits) else {
        return Ok(None);
    };
    let third = rest.first().map_or(0.0, |h| h.score);
    if !search::is_clear_winner(&[
        Hit {
            score: a.score.min(b.score),
            ..a.clone()
        },
        Hit {
            score: third,
            ..b.clone()
        },
    ]) {
        return Ok(None);
    }
    let both = catalog::dramas_by_ids(
        &bot.pool,
        &[DramaId::try_from(a.id)?, DramaId::try_from(b.id)?],
        Some(guild),
    )
    .await?;
    let [x, y] = both.as_slice() else {
        return Ok(None);
    };
    let same = x.title.eq_ignore_ascii_case(&y.title) && x.year == y.year;
    if !same || x.scope == y.scope {
        return Ok(None);
    }
    let local = [x, y]
        .into_iter()
        .find(|d| d.scope == Scope::Guild(guild))
        .cloned();
    Ok(local)
}

/// What `/track` answers: one track's card, or a list to pick from.
pub enum TrackAnswer {
    One(Track),
    List(Message),
}

/// `/track`: the picked or clearly meant track; a picker when several tracks bear exactly the
/// typed title; the tracks of an artist typed by name; a drama's tracklist for "goblin ost".
pub async fn resolve_track_or_list(bot: &Bot, ctx: &Ctx, input: &str) -> Result<TrackAnswer> {
    let guild = ctx.guild;
    if picked_id(input).is_some() {
        return Ok(TrackAnswer::One(
            resolve_track(bot, guild, input, None).await?,
        ));
    }
    let query = check_query(input)?;
    let hits = search::search(
        &bot.pool,
        query,
        filter(Kind::Track, guild, None),
        MAX_PICKS,
    )
    .await?;
    let hits = search::plausible(hits);
    // Several tracks titled exactly so: a short picker, never "no match", however popular
    // one of their dramas is.
    let ids: Vec<TrackId> = hits
        .iter()
        .filter(|h| search::is_exact_title(query, &h.matched))
        .map(|h| TrackId::try_from(h.id))
        .collect::<Result<_, _>>()?;
    if ids.len() >= 2 {
        let titled: Vec<(Track, String)> = ordered_tracks(bot, guild, &ids)
            .await?
            .into_iter()
            .filter(|(t, _)| {
                search::is_exact_title(query, &t.title)
                    || t.title_ko
                        .as_deref()
                        .is_some_and(|ko| search::is_exact_title(query, ko))
            })
            .take(PICKER_ENTRIES)
            .collect();
        if titled.len() >= 2 {
            return Ok(TrackAnswer::List(picker(query, &titled, ctx.locale)));
        }
    }
    if search::is_clear_winner(&hits) {
        if let Some(track) =
            catalog::get_track(&bot.pool, TrackId::try_from(hits[0].id)?, guild).await?
        {
            return Ok(TrackAnswer::One(track));
        }
    }
    // An artist's name: their tracks.
    let artist = credits::artist_named(&bot.pool, query).await?;
    if let Some(artist) = artist {
        return Ok(TrackAnswer::List(artist_page(bot, ctx, &artist, 0).await?));
    }
    // "goblin ost": the drama's tracklist.
    let parsed = search::parse_query(query);
    if parsed.ost && parsed.part.is_none() && !parsed.text.is_empty() {
        if let Ok(drama) = resolve_drama(bot, guild, &parsed.text).await {
            let tracks = catalog::tracks_of(&bot.pool, drama.id, guild).await?;
            let ids: Vec<TrackId> = tracks.iter().map(|t| t.id).collect();
            let credits = credits::credits_of(&bot.pool, &ids).await?;
            let lines = super::commands::drama::tracklist_lines(&tracks, &credits, ctx.locale);
            let embed = super::commands::drama::embed(&drama, &lines, 0, ctx.locale);
            let mut rows = Vec::new();
            for chunk in tracks.chunks(5).take(5) {
                rows.push(CreateActionRow::Buttons(
                    chunk
                        .iter()
                        .map(|t| pick_button(t.id, &t.label()))
                        .collect(),
                ));
            }
            return Ok(TrackAnswer::List(
                Message::embed(embed).with_components(rows),
            ));
        }
    }
    let top: Vec<Hit> = hits.into_iter().take(SUGGESTIONS).collect();
    let labels = track_labels(bot, guild, &top).await?;
    Err(Error::NoMatch {
        kind: "track",
        query: query.to_owned(),
        suggestions: labels.into_values_in(&top),
    })
}

/// Hits a picker may list.
const MAX_PICKS: usize = 25;

async fn ordered_tracks(
    bot: &Bot,
    guild: Option<GuildId>,
    ids: &[TrackId],
) -> Result<Vec<(Track, String)>> {
    let mut found = catalog::tracks_by_ids(&bot.pool, ids, guild).await?;
    found.sort_by_key(|(t, _)| ids.iter().position(|id| *id == t.id));
    Ok(found)
}

/// A button that opens one track's card, labelled `label`.
fn pick_button(track: TrackId, label: &str) -> CreateButton {
    CreateButton::new(CustomId::TrackPick(track).to_string())
        .label(clip(label, 80))
        .style(ButtonStyle::Secondary)
}

/// "2 tracks are titled **소나기**. Pick one:" and a button per track.
/// Buttons five to a row, Discord's limit.
fn pick_rows(buttons: Vec<CreateButton>) -> Vec<CreateActionRow> {
    buttons
        .chunks(5)
        .map(|row| CreateActionRow::Buttons(row.to_vec()))
        .collect()
}

fn picker(query: &str, tracks: &[(Track, String)], l: Locale) -> Message {
    let lines: Vec<String> = tracks
        .iter()
        .map(|(t, drama)| format!("• {} · {drama}", t.label()))
        .collect();
    let title = t!(
        l,
        "catalog-exact-picker",
        n = tracks.len(),
        query = quote(query)
    );
    let rows = pick_rows(
        tracks
            .iter()
            .map(|(t, drama)| pick_button(t.id, &format!("{} · {drama}", t.label())))
            .collect(),
    );
    Message::text(clip(&format!("{title}\n{}", lines.join("\n")), 2000))
        .ephemeral()
        .with_components(rows)
}

/// "Tracks by Taeyeon": one page of an artist's tracks, with page buttons.
async fn artist_page(bot: &Bot, ctx: &Ctx, artist: &Artist, page: usize) -> Result<Message> {
    let l = ctx.locale;
    let ids = credits::tracks_of_artist(&bot.pool, artist.artist_id()).await?;
    let mut tracks = catalog::tracks_by_ids(&bot.pool, &ids, ctx.guild).await?;
    tracks.sort_by(|a, b| {
        b.0.release_date
            .cmp(&a.0.release_date)
            .then(b.0.year.cmp(&a.0.year))
            .then(a.0.title.cmp(&b.0.title))
    });
    let pages = tracks.len().div_ceil(ARTIST_PAGE).max(1);
    let page = page.min(pages - 1);
    let shown: Vec<&(Track, String)> = tracks
        .iter()
        .skip(page * ARTIST_PAGE)
        .take(ARTIST_PAGE)
        .collect();
    let shown_ids: Vec<TrackId> = shown.iter().map(|(t, _)| t.id).collect();
    let credits = credits::credits_of(&bot.pool, &shown_ids).await?;
    let lines: Vec<String> = shown
        .iter()
        .map(|(t, drama)| {
            let mut line = format!("**{}**", t.title);
            if let Some(ko) = &t.title_ko {
                line.push_str(&format!(" ({ko})"));
            }
            if let Some(with) = credits
                .get(&t.id)
                .filter(|c| c.len() > 1)
                .and_then(|c| credit_line(c))
            {
                line.push_str(&format!(" — {with}"));
            }
            line.push_str(&format!(" · {drama}"));
            if let Some(part) = t.ost_part {
                line.push_str(&format!(" · {}", t!(l, "catalog-drama-part", part = part)));
            }
            clip(&line, 120)
        })
        .collect();
    let name = credit_line(std::slice::from_ref(artist)).unwrap_or_default();
    let mut embed = CreateEmbed::new()
        .title(clip(
            &t!(l, "catalog-artist-tracks", artist = name.as_str()),
            256,
        ))
        .description(clip(
            &format!(
                "{}\n\n{}",
                t!(l, "catalog-artist-track-count", n = tracks.len()),
                lines.join("\n")
            ),
            4096,
        ))
        .colour(super::commands::track::COLOUR);
    let mut rows = Vec::new();
    if pages > 1 {
        embed = embed.footer(CreateEmbedFooter::new(t!(
            l,
            "catalog-page",
            page = page + 1,
            pages = pages
        )));
        let artist = artist.artist_id();
        rows.push(crate::bot::render::pager::buttons(
            page as u64,
            pages as u64,
            l,
            |page| CustomId::ArtistPage { artist, page }.to_string(),
        ));
    }
    // A button for every listed track: two rows for a page of ten.
    rows.extend(pick_rows(
        shown
            .iter()
            .map(|(t, _)| pick_button(t.id, &t.label()))
            .collect(),
    ));
    Ok(Message::embed(embed).with_components(rows))
}

/// An artist page button (`CustomId::ArtistPage`): the same list at another page.
pub async fn artist_component(
    bot: &Bot,
    ctx: &Ctx,
    artist: ArtistId,
    page: u64,
) -> Result<super::Response> {
    let artist = credits::artist_by_id(&bot.pool, artist)
        .await?
        .ok_or(Error::EntryGone)?;
    let page = usize::try_from(page).unwrap_or(usize::MAX);
    Ok(super::Response::Update(
        artist_page(bot, ctx, &artist, page).await?,
    ))
}
/// The track a member meant, optionally within one drama.
pub async fn resolve_track(
    bot: &Bot,
    guild: Option<GuildId>,
    input: &str,
    within: Option<DramaId>,
) -> Result<Track> {
    if let Some(id) = picked_id(input) {
        let track = match TrackId::try_from(id) {
            Ok(id) => catalog::get_track(&bot.pool, id, guild).await?,
            Err(_) => None,
        };
        let track = track.ok_or(Error::EntryGone)?;
        if within.is_some_and(|d| d != track.drama_id) {
            return Err(Error::User(crate::msg!(TRACK_NOT_IN_DRAMA)));
        }
        return Ok(track);
    }
    let query = check_query(input)?;
    let hits = search::search(
        &bot.pool,
        query,
        filter(Kind::Track, guild, within),
        SUGGESTIONS,
    )
    .await?;
    let hits = search::plausible(hits);
    if search::is_clear_winner(&hits) {
        if let Some(track) =
            catalog::get_track(&bot.pool, TrackId::try_from(hits[0].id)?, guild).await?
        {
            return Ok(track);
        }
    }
    let labels = track_labels(bot, guild, &hits).await?;
    Err(Error::NoMatch {
        kind: "track",
        query: query.to_owned(),
        suggestions: labels.into_values_in(&hits),
    })
}

/// Autocomplete choices for a drama option. When nothing matches, the typed
/// text is echoed so the member can still submit it.
pub async fn drama_choices(bot: &Bot, guild: Option<GuildId>, typed: &str) -> Result<Vec<Choice>> {
    let hits = autocomplete_hits(bot, typed, filter(Kind::Drama, guild, None)).await?;
    let labels = drama_labels(bot, guild, &hits).await?;
    Ok(choices(typed, &hits, labels))
}

/// Autocomplete choices for a track option, optionally within one drama.
pub async fn track_choices(
    bot: &Bot,
    guild: Option<GuildId>,
    typed: &str,
    within: Option<DramaId>,
) -> Result<Vec<Choice>> {
    if typed.trim().is_empty() {
        if let Some(drama) = within {
            // An empty box under a chosen drama lists its tracklist.
            let tracks = catalog::tracks_of(&bot.pool, drama, guild).await?;
            return Ok(tracks
                .iter()
                .take(25)
                .map(|t| Choice::new(t.label(), choice_value(t.id.to_i64_bits())))
                .collect());
        }
    }
    let hits = autocomplete_hits(bot, typed, filter(Kind::Track, guild, within)).await?;
    let labels = track_labels(bot, guild, &hits).await?;
    Ok(choices(typed, &hits, labels))
}

async fn autocomplete_hits(bot: &Bot, typed: &str, filter: SearchFilter) -> Result<Vec<Hit>> {
    let query: String = typed.trim().chars().take(MAX_QUERY_CHARS).collect();
    if query.is_empty() {
        return Ok(Vec::new());
    }
    Ok(search::search(&bot.pool, &query, filter, 25).await?)
}

fn choices(typed: &str, hits: &[Hit], labels: Labels) -> Vec<Choice> {
    let mut out: Vec<Choice> = hits
        .iter()
        .filter_map(|h| {
            labels
                .0
                .get(&h.id)
                .map(|label| Choice::new(label, choice_value(h.id)))
        })
        .collect();
    let typed = typed.trim();
    if out.is_empty() && !typed.is_empty() {
        out.push(Choice::new(typed, typed));
    }
    out
}

/// Display labels of hits, by id.
struct Labels(HashMap<i64, String>);

impl Labels {
    fn into_values_in(mut self, hits: &[Hit]) -> Vec<String> {
        hits.iter().filter_map(|h| self.0.remove(&h.id)).collect()
    }
}

/// The ids of search hits, as the kind of id they are.
fn hit_ids<M>(hits: &[Hit]) -> Result<Vec<Id<M>>> {
    Ok(hits
        .iter()
        .map(|h| Id::try_from(h.id))
        .collect::<Result<_, _>>()?)
}

async fn drama_labels(bot: &Bot, guild: Option<GuildId>, hits: &[Hit]) -> Result<Labels> {
    let ids = hit_ids::<DramaMarker>(hits)?;
    let dramas = catalog::dramas_by_ids(&bot.pool, &ids, guild).await?;
    Ok(Labels(
        dramas
            .into_iter()
            .map(|d| (d.id.to_i64_bits(), with_mark(d.label(), d.scope)))
            .collect(),
    ))
}

/// "Crash Landing on You (사랑의 불시착, 2019) · this server" for a server's own entry, so that
/// it is told apart from the global one of the same title. The mark is English in
/// autocomplete, which Discord shows in the member's language only for fixed choices.
fn with_mark(label: String, scope: Scope) -> String {
    match scope {
        Scope::Global => label,
        Scope::Guild(_) => format!("{label} · {}", t!(Locale::En, "catalog-this-server")),
    }
}

/// Autocomplete for `/catalog remove`: the server's own dramas only.
pub async fn local_drama_choices(bot: &Bot, guild: GuildId, typed: &str) -> Result<Vec<Choice>> {
    let hits = autocomplete_hits(bot, typed, filter(Kind::Drama, Some(guild), None)).await?;
    let ids = hit_ids::<DramaMarker>(&hits)?;
    let own: HashMap<i64, String> = catalog::dramas_by_ids(&bot.pool, &ids, Some(guild))
        .await?
        .into_iter()
        .filter(|d| d.scope == Scope::Guild(guild))
        .map(|d| (d.id.to_i64_bits(), d.label()))
        .collect();
    Ok(hits
        .iter()
        .filter_map(|h| own.get(&h.id).map(|l| Choice::new(l, choice_value(h.id))))
        .collect())
}

/// Autocomplete for `/catalog remove`: the server's own tracks only.
pub async fn local_track_choices(bot: &Bot, guild: GuildId, typed: &str) -> Result<Vec<Choice>> {
    let hits = autocomplete_hits(bot, typed, filter(Kind::Track, Some(guild), None)).await?;
    let ids = hit_ids::<TrackMarker>(&hits)?;
    let own: HashMap<i64, String> = catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
        .await?
        .into_iter()
        .filter(|(t, _)| t.scope == Scope::Guild(guild))
        .map(|(t, drama)| (t.id.to_i64_bits(), format!("{} · {drama}", t.label())))
        .collect();
    Ok(hits
        .iter()
        .filter_map(|h| own.get(&h.id).map(|l| Choice::new(l, choice_value(h.id))))
        .collect())
}

async fn track_labels(bot: &Bot, guild: Option<GuildId>, hits: &[Hit]) -> Result<Labels> {
    let ids = hit_ids::<TrackMarker>(hits)?;
    let tracks = catalog::tracks_by_ids(&bot.pool, &ids, guild).await?;
    Ok(Labels(
        tracks
            .into_iter()
            .map(|(t, drama)| {
                (
                    t.id.to_i64_bits(),
                    with_mark(format!("{} · {}", t.label(), drama), t.scope),
                )
            })
            .collect(),
    ))
}
