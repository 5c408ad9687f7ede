//! A server's home page: its best dramas and tracks, the newest reviews and
//! this week's listening poll or last week's pick.

use super::page::{Page, View};
use super::parts::{self, Labels};
use super::{club, Site};
use crate::catalog::{DramaId, Kind, TrackId};
use crate::ids::GuildId;
use crate::reviews::scores::{self, Filter, Period, Ranked, Scope};
use crate::reviews::{self};
use crate::Result;
use maud::html;

/// Entries per list on the home page.
const TOP: u64 = 5;
const RECENT: u64 = 6;

pub async fn page(site: &Site, guild: GuildId, view: &View) -> Result<Page> {
    let dramas = top(site, guild, Kind::Drama).await?;
    let tracks = top(site, guild, Kind::Track).await?;
    let recent = reviews::recent(&site.pool, guild, RECENT).await?;
    let drama_ids: Vec<DramaId> = dramas
        .iter()
        .filter_map(|r| DramaId::try_from(r.target).ok())
        .collect();
    let track_ids: Vec<TrackId> = tracks
        .iter()
        .filter_map(|r| TrackId::try_from(r.target).ok())
        .collect();
    let ranked = Labels::load(&site.pool, guild, &drama_ids, &track_ids).await?;
    let labels = Labels::of_reviews(&site.pool, guild, &recent).await?;
    let named = parts::named_authors(&site.pool, guild, &recent).await?;
    let week = club::this_week(site, guild, view).await?;
    let body = html! {
        h1 { (view.t("web-home-title")) }
        @if let Some(week) = week {
            section aria-labelledby="week" {
                h2 id="week" { (view.t("web-this-week")) }
                (week)
                p { a href=(view.link("/club")) { (view.t("web-club-all")) } }
            }
        }
        div.columns {
            section aria-labelledby="top-dramas" {
                h2 id="top-dramas" { (view.t("web-top-dramas")) }
                @if dramas.is_empty() { p.empty { (view.t("web-no-scores")) } }
                @else { (parts::ranking(view, &dramas, &ranked.dramas)) }
                p { a href=(view.link("/top/dramas")) { (view.t("web-see-ranking")) } }
            }
            section aria-labelledby="top-tracks" {
                h2 id="top-tracks" { (view.t("web-top-tracks")) }
                @if tracks.is_empty() { p.empty { (view.t("web-no-scores")) } }
                @else { (parts::ranking(view, &tracks, &ranked.tracks)) }
                p { a href=(view.link("/top/tracks")) { (view.t("web-see-ranking")) } }
            }
        }
        section aria-labelledby="recent" {
            h2 id="recent" { (view.t("web-recent-reviews")) }
            @if recent.is_empty() { p.empty { (view.t("web-no-reviews")) } }
            (parts::reviews(view, &recent, &labels, &named, true))
        }
    };
    Ok(Page {
        title: view.t("web-home-title"),
        description: None,
        image: None,
        body,
    })
}

async fn top(site: &Site, guild: GuildId, kind: Kind) -> Result<Vec<Ranked>> {
    let filter = Filter {
        kind,
        period: Period::AllTime,
        year: None,
        genre: None,
        min_voices: 1,
    };
    let m = crate::guild_settings::get(&site.pool, guild)
        .await?
        .min_voices;
    let now = site.clock.now();
    let scope = Scope::Guild(guild);
    Ok(
        scores::leaderboard(&site.pool, scope, &filter, m, now, 0, TOP)
            .await?
            .0,
    )
}
