//! The leaderboards: dramas or tracks, all time, this year or the last 30
//! days, one genre or all, paged; ranked exactly as `/leaderboard` ranks.

use super::page::{Page, View};
use super::parts::{self, Labels};
use super::Site;
use crate::catalog::{DramaId, Kind, TrackId};
use crate::i18n::FluentValue;
use crate::ids::GuildId;
use crate::reviews::scores::{self, Filter, Period, Scope};
use crate::Result;
use maud::html;
use std::collections::HashMap;

pub const PAGE_SIZE: u64 = 20;
/// Longer genres match nothing; the form says so.
const MAX_GENRE_CHARS: usize = 40;

/// What the reader asked for, read leniently: anything unreadable is the default.
pub struct Asked {
    pub kind: Kind,
    pub period: Period,
    pub genre: Option<String>,
    /// 1-based.
    pub page: u64,
}

impl Asked {
    pub fn read(kind: Kind, query: &HashMap<String, String>) -> Asked {
        let genre = query
            .get("genre")
            .map(|g| g.trim())
            .filter(|g| !g.is_empty())
            .map(|g| g.chars().take(MAX_GENRE_CHARS).collect());
        Asked {
            kind,
            period: query
                .get("period")
                .and_then(|p| Period::parse(p))
                .unwrap_or(Period::AllTime),
            genre,
            page: query
                .get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    fn query(&self, page: u64) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if self.period != Period::AllTime {
            query.push(("period", self.period.as_str().to_owned()));
        }
        if let Some(genre) = &self.genre {
            query.push(("genre", genre.clone()));
        }
        if page > 1 {
            query.push(("page", page.to_string()));
        }
        query
    }
}

pub async fn page(site: &Site, guild: GuildId, view: &View, asked: &Asked) -> Result<Page> {
    let filter = Filter {
        kind: asked.kind,
        period: asked.period,
        year: None,
        genre: asked.genre.clone(),
        min_voices: 1,
    };
    let m = crate::guild_settings::get(&site.pool, guild)
        .await?
        .min_voices;
    let offset = (asked.page - 1).saturating_mul(PAGE_SIZE);
    let scope = Scope::Guild(guild);
    let now = site.clock.now();
    let (rows, total) =
        scores::leaderboard(&site.pool, scope, &filter, m, now, offset, PAGE_SIZE).await?;
    let labels = match asked.kind {
        Kind::Drama => {
            let ids: Vec<DramaId> = rows
                .iter()
                .filter_map(|r| DramaId::try_from(r.target).ok())
                .collect();
            Labels::load(&site.pool, guild, &ids, &[]).await?.dramas
        }
        Kind::Track => {
            let ids: Vec<TrackId> = rows
                .iter()
                .filter_map(|r| TrackId::try_from(r.target).ok())
                .collect();
            Labels::load(&site.pool, guild, &[], &ids).await?.tracks
        }
    };
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let (title_id, path) = match asked.kind {
        Kind::Drama => ("web-nav-dramas", "/top/dramas"),
        Kind::Track => ("web-nav-tracks", "/top/tracks"),
    };
    let periods = [
        (Period::AllTime, "web-period-all"),
        (Period::ThisYear, "web-period-year"),
        (Period::Last30Days, "web-period-30d"),
    ];
    let genres = site.genres().await?;
    let chosen = |g: &str| {
        asked
            .genre
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case(g))
    };
    let body = html! {
        h1 { (view.t(title_id)) }
        form.filters method="get" action=(format!("/s/{}{path}", view.slug)) {
            @if view.lang.chosen { input type="hidden" name="lang" value=(view.lang.code()); }
            label { (view.t("web-period")) " "
                select name="period" {
                    @for (period, id) in periods {
                        option value=(period.as_str()) selected[period == asked.period] { (view.t(id)) }
                    }
                }
            }
            " "
            label { (view.t("web-genre")) " "
                select name="genre" {
                    option value="" selected[asked.genre.is_none()] { (view.t("web-genre-any")) }
                    @for genre in genres {
                        option value=(genre) selected[chosen(genre)] { (genre) }
                    }
                }
            }
            " "
            button type="submit" { (view.t("web-filter")) }
        }
        @if rows.is_empty() { p.empty { (view.t("web-ranking-empty")) } }
        @else { (parts::ranking(view, &rows, &labels)) }
        (parts::pager(view, asked.page, pages, |p| view.link_with(path, &asked.query(p))))
        p.rule { (view.tw("web-ranking-rule", &[("m", FluentValue::from(m))])) }
    };
    Ok(Page {
        title: view.t(title_id),
        description: None,
        image: None,
        body,
    })
}
