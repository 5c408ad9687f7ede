//! A drama's page: its community score with the histogram, its OST by part
//! with each track's score, and its top reviews. Also the score chart as a
//! PNG, the image of the page's unfurl.

use super::page::{Page, View};
use super::parts::{self, Labels};
use super::{svg, Site};
use crate::catalog::{self, Drama, DramaId, Kind, Track};
use crate::i18n::FluentValue;
use crate::ids::GuildId;
use crate::reviews::scores::{self, Scope, Summary};
use crate::reviews::{self, Listing};
use crate::Result;
use maud::{html, Markup};
use std::collections::HashMap;

const TOP_REVIEWS: u64 = 10;

/// The page, or `None` for a drama this server does not see.
pub async fn page(site: &Site, guild: GuildId, view: &View, id: i64) -> Result<Option<Page>> {
    let Ok(id) = DramaId::try_from(id) else {
        return Ok(None);
    };
    let Some(drama) = catalog::get_drama(&site.pool, id, Some(guild)).await? else {
        return Ok(None);
    };
    let id = id.to_i64_bits();
    let scope = Scope::Guild(guild);
    let summary = scores::summary(&site.pool, scope, Kind::Drama, id).await?;
    let tracks = catalog::tracks_of(&site.pool, drama.id, Some(guild)).await?;
    let track_scores: HashMap<i64, (u64, f64)> = scores::track_scores(&site.pool, scope, drama.id)
        .await?
        .into_iter()
        .map(|(t, voices, mean)| (t, (voices, mean)))
        .collect();
    let top = reviews::top(&site.pool, guild, Listing::Drama(drama.id), TOP_REVIEWS).await?;
    let named = parts::named_authors(&site.pool, guild, &top).await?;
    let description = summary
        .as_ref()
        .map(|s| parts::score(view, s.mean, s.voices));
    let body = html! {
        h1 { (drama.title) }
        (facts(&drama))
        section aria-labelledby="score" {
            h2 id="score" { (view.t("web-community-score")) }
            @match &summary {
                Some(s) => (score(view, s)),
                None => p.empty { (view.t("web-drama-unscored")) },
            }
        }
        section aria-labelledby="ost" {
            h2 id="ost" { (view.t("web-ost")) }
            @if tracks.is_empty() { p.empty { (view.t("web-ost-empty")) } }
            (tracklist(view, &tracks, &track_scores))
        }
        section aria-labelledby="reviews" {
            h2 id="reviews" { (view.t("web-top-reviews")) }
            @if top.is_empty() { p.empty { (view.t("web-no-reviews")) } }
            (parts::reviews(view, &top, &Labels::default(), &named, false))
        }
    };
    Ok(Some(Page {
        title: drama.label(),
        description,
        image: summary.is_some().then(|| format!("/drama/{id}/score.png")),
        body,
    }))
}

fn facts(drama: &Drama) -> Markup {
    let mut facts: Vec<String> = Vec::new();
    if let Some(ko) = drama.title_ko.as_ref().filter(|ko| **ko != drama.title) {
        facts.push(ko.clone());
    }
    facts.extend(drama.year.map(|y| y.to_string()));
    facts.extend(drama.network.clone());
    if !drama.genres.is_empty() {
        facts.push(drama.genres.join(", "));
    }
    html! { @if !facts.is_empty() { p.facts { (facts.join(" · ")) } } }
}

fn score(view: &View, s: &Summary) -> Markup {
    let number = |v: f64| FluentValue::from(format!("{v:.1}"));
    let counts: Vec<String> = s
        .histogram
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}: {n}", i + 1))
        .collect();
    let alt = view.tw(
        "web-histogram-alt",
        &[("counts", FluentValue::from(counts.join(", ")))],
    );
    html! {
        p.big { strong { (format!("{:.1}", s.mean)) } " / 10" }
        dl.stats {
            div { dt { (view.t("web-voices")) } dd { (s.voices) } }
            div { dt { (view.t("web-mean")) } dd { (format!("{:.1}", s.mean)) } }
            div { dt { (view.t("web-median")) } dd { (format!("{:.1}", s.median)) } }
            div { dt { (view.t("web-spread")) } dd { (view.tw("web-spread-value", &[("spread", number(s.spread))])) } }
        }
        (svg::histogram(&s.histogram, &alt))
    }
}

/// Tracks grouped by OST part, in part order; tracks without a part last.
fn tracklist(view: &View, tracks: &[Track], scores: &HashMap<i64, (u64, f64)>) -> Markup {
    let mut parts: Vec<(Option<i32>, Vec<&Track>)> = Vec::new();
    for track in tracks {
        match parts.last_mut() {
            Some((part, list)) if *part == track.ost_part => list.push(track),
            _ => parts.push((track.ost_part, vec![track])),
        }
    }
    html! {
        @for (part, list) in &parts {
            h3 {
                @match part {
                    Some(n) => (view.tw("web-part", &[("part", FluentValue::from(*n))])),
                    None => (view.t("web-part-none")),
                }
            }
            ul.tracks {
                @for track in list {
                    li {
                        span.title { (track.title) }
                        @if let Some(ko) = &track.title_ko { " " span.ko lang="ko" { "(" (ko) ")" } }
                        @if let Some(artist) = track.artist_line() { " — " span.artist { (artist) } }
                        @if let Some(date) = &track.release_date {
                            " " time datetime=(date) { (date) }
                        }
                        @if let Some((voices, mean)) = scores.get(&track.id.to_i64_bits()) {
                            " " span.score { (parts::score(view, *mean, *voices)) }
                        }
                    }
                }
            }
        }
    }
}

/// The score chart of a drama (the unfurl's image), or `None` before anyone
/// reviewed it or for a drama this server does not see.
pub async fn chart(site: &Site, guild: GuildId, view: &View, id: i64) -> Result<Option<Vec<u8>>> {
    let Ok(drama_id) = DramaId::try_from(id) else {
        return Ok(None);
    };
    let Some(drama) = catalog::get_drama(&site.pool, drama_id, Some(guild)).await? else {
        return Ok(None);
    };
    let Some(summary) = scores::summary(&site.pool, Scope::Guild(guild), Kind::Drama, id).await?
    else {
        return Ok(None);
    };
    let png = crate::bot::render::review::score_chart(&summary, &drama.title, view.locale())?;
    Ok(Some(png))
}
