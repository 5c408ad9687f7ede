//! Turning what a member typed (or picked in autocomplete) into a catalog
//! entry. Every command that takes a drama or a track goes through here.

use super::response::Choice;
use super::Bot;
use crate::catalog::search::{self, Hit, SearchFilter};
use crate::catalog::{self, Drama, DramaId, Kind, Track, TrackId};
use crate::ids::GuildId;
use crate::{Error, Result};
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

pub fn choice_value(id: i64) -> String {
    format!("{ID_PREFIX}{id}")
}

fn picked_id(input: &str) -> Option<i64> {
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
        scope: guild.map(|g| crate::db::to_db(g.0)),
        drama,
    }
}

/// The drama a member meant: the picked one, or the clear best match.
pub async fn resolve_drama(bot: &Bot, guild: Option<GuildId>, input: &str) -> Result<Drama> {
    if let Some(id) = picked_id(input) {
        return catalog::get_drama(&bot.pool, DramaId(id), guild)
            .await?
            .ok_or(Error::EntryGone);
    }
    let query = check_query(input)?;
    let hits = search::search(
        &bot.pool,
        query,
        filter(Kind::Drama, guild, None),
        SUGGESTIONS,
    )
    .await?;
    if search::is_clear_winner(&hits) {
        if let Some(drama) = catalog::get_drama(&bot.pool, DramaId(hits[0].id), guild).await? {
            return Ok(drama);
        }
    }
    let labels = drama_labels(bot, guild, &hits).await?;
    Err(Error::NoMatch {
        kind: "drama",
        query: query.to_owned(),
        suggestions: labels.into_values_in(&hits),
    })
}

/// The track a member meant, optionally within one drama.
pub async fn resolve_track(
    bot: &Bot,
    guild: Option<GuildId>,
    input: &str,
    within: Option<DramaId>,
) -> Result<Track> {
    if let Some(id) = picked_id(input) {
        let track = catalog::get_track(&bot.pool, TrackId(id), guild)
            .await?
            .ok_or(Error::EntryGone)?;
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
    if search::is_clear_winner(&hits) {
        if let Some(track) = catalog::get_track(&bot.pool, TrackId(hits[0].id), guild).await? {
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
                .map(|t| Choice::new(t.label(), choice_value(t.id.0)))
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

async fn drama_labels(bot: &Bot, guild: Option<GuildId>, hits: &[Hit]) -> Result<Labels> {
    let ids: Vec<DramaId> = hits.iter().map(|h| DramaId(h.id)).collect();
    let dramas = catalog::dramas_by_ids(&bot.pool, &ids, guild).await?;
    Ok(Labels(
        dramas.into_iter().map(|d| (d.id.0, d.label())).collect(),
    ))
}

async fn track_labels(bot: &Bot, guild: Option<GuildId>, hits: &[Hit]) -> Result<Labels> {
    let ids: Vec<TrackId> = hits.iter().map(|h| TrackId(h.id)).collect();
    let tracks = catalog::tracks_by_ids(&bot.pool, &ids, guild).await?;
    Ok(Labels(
        tracks
            .into_iter()
            .map(|(t, drama)| (t.id.0, format!("{} · {}", t.label(), drama)))
            .collect(),
    ))
}
