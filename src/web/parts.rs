//! Pieces several pages show: entry labels, a ranking, a review, a score.

use super::page::View;
use crate::catalog::{self, DramaId, TrackId};
use crate::db::Database;
use crate::i18n::FluentValue;
use crate::ids::{GuildId, UserId};
use crate::reviews::scores::Ranked;
use crate::reviews::{Review, Target};
use crate::Result;
use maud::{html, Markup};
use std::collections::{HashMap, HashSet};

/// What a page names an entry by, and the drama page it links to.
#[derive(Clone, Debug)]
pub struct Label {
    pub text: String,
    /// The drama's title under a track's.
    pub drama: Option<String>,
    pub drama_id: DramaId,
}

/// Labels of dramas and tracks, by target id, as this server sees them.
#[derive(Default)]
pub struct Labels {
    pub dramas: HashMap<i64, Label>,
    pub tracks: HashMap<i64, Label>,
}

impl Labels {
    pub async fn load(
        pool: &Database,
        guild: GuildId,
        dramas: &[DramaId],
        tracks: &[TrackId],
    ) -> Result<Labels> {
        let mut labels = Labels::default();
        for d in catalog::dramas_by_ids(pool, dramas, Some(guild)).await? {
            let label = Label {
                text: d.label(),
                drama: None,
                drama_id: d.id,
            };
            labels.dramas.insert(d.id.to_i64_bits(), label);
        }
        for (t, drama) in catalog::tracks_by_ids(pool, tracks, Some(guild)).await? {
            let label = Label {
                text: t.label(),
                drama: Some(drama),
                drama_id: t.drama_id,
            };
            labels.tracks.insert(t.id.to_i64_bits(), label);
        }
        Ok(labels)
    }

    /// The labels a list of reviews needs.
    pub async fn of_reviews(pool: &Database, guild: GuildId, reviews: &[Review]) -> Result<Labels> {
        let dramas: Vec<DramaId> = reviews.iter().map(|r| r.target.drama()).collect();
        let tracks: Vec<TrackId> = reviews.iter().filter_map(|r| r.target.track()).collect();
        Labels::load(pool, guild, &dramas, &tracks).await
    }

    fn of_target(&self, target: Target) -> Option<&Label> {
        match target {
            Target::Drama(d) => self.dramas.get(&d.to_i64_bits()),
            Target::Track { track, .. } => self.tracks.get(&track.to_i64_bits()),
        }
    }
}

/// "7.4 / 10 · 12 voices".
pub fn score(view: &View, mean: f64, voices: u64) -> String {
    view.tw(
        "web-score",
        &[
            ("mean", FluentValue::from(format!("{mean:.1}"))),
            ("voices", FluentValue::from(voices)),
        ],
    )
}

/// A leaderboard as an ordered list; entries the server no longer sees are
/// left out (their rank numbers stay).
pub fn ranking(view: &View, rows: &[Ranked], labels: &HashMap<i64, Label>) -> Markup {
    html! {
        ol.ranking {
            @for row in rows {
                @if let Some(label) = labels.get(&row.target) {
                    li value=(row.rank) {
                        a href=(view.link(&format!("/drama/{}", label.drama_id))) { (label.text) }
                        @if let Some(drama) = &label.drama {
                            span.drama { " · " (drama) }
                        }
                        span.score {
                            strong { (format!("{:.1}", row.weighted)) }
                            " " (score(view, row.mean, row.voices))
                        }
                    }
                }
            }
        }
    }
}

/// Reviews as articles. An author is "a member" unless they chose to be
/// named here; a spoiler stays folded until clicked.
pub fn reviews(
    view: &View,
    reviews: &[Review],
    labels: &Labels,
    named: &HashSet<UserId>,
    show_subject: bool,
) -> Markup {
    html! {
        @for review in reviews {
            article.review {
                header {
                    span.author {
                        @if named.contains(&review.member) { (review.member_name) }
                        @else { (view.t("web-author-anonymous")) }
                    }
                    " "
                    span.given { (view.tw("web-review-score", &[("score", FluentValue::from(review.score.get()))])) }
                    @if show_subject {
                        @if let Some(label) = labels.of_target(review.target) {
                            " · "
                            a href=(view.link(&format!("/drama/{}", label.drama_id))) { (label.text) }
                        }
                    }
                    " "
                    time datetime=(review.updated_at.format("%Y-%m-%d").to_string()) {
                        (review.updated_at.format("%Y-%m-%d").to_string())
                    }
                }
                @if let Some(text) = &review.text {
                    @if review.spoiler {
                        details {
                            summary { (view.t("web-spoiler")) }
                            (paragraphs(text))
                        }
                    } @else {
                        (paragraphs(text))
                    }
                }
            }
        }
    }
}

fn paragraphs(text: &str) -> Markup {
    html! {
        @for line in text.lines().filter(|l| !l.trim().is_empty()) {
            p { (line) }
        }
    }
}

/// The members among `reviews`' authors who chose to be named.
pub async fn named_authors(
    pool: &Database,
    guild: GuildId,
    reviews: &[Review],
) -> Result<HashSet<UserId>> {
    let members: Vec<UserId> = reviews.iter().map(|r| r.member).collect();
    crate::publishing::named(pool, guild, &members).await
}

/// Previous/next links of a paged list (pages are 1-based); nothing for one page.
pub fn pager(view: &View, page: u64, pages: u64, href: impl Fn(u64) -> String) -> Markup {
    let number = |n: u64| FluentValue::from(n);
    html! {
        @if pages > 1 {
            nav.pager aria-label=(view.t("web-pages")) {
                @if page > 1 {
                    a rel="prev" href=(href(page - 1)) { (view.t("web-previous")) }
                }
                " " span { (view.tw("web-page-of", &[("page", number(page)), ("pages", number(pages))])) } " "
                @if page < pages {
                    a rel="next" href=(href(page + 1)) { (view.t("web-next")) }
                }
            }
        }
    }
}
