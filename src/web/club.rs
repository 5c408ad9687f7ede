//! The listening club: this week's poll (or last week's pick) for the home
//! page, the archive of finished weeks, and a page per week. Voters are
//! never shown, anonymous poll or not: only counts.

use super::page::{Page, View};
use super::{parts, svg, Site};
use crate::i18n::FluentValue;
use crate::ids::GuildId;
use crate::polls::archive::{self, Week};
use crate::polls::{self, Poll, Tally};
use crate::Result;
use maud::{html, Markup};

pub const PAGE_SIZE: u64 = 20;

/// A finished week with its poll and counts.
struct Played {
    week: Week,
    poll: Poll,
    tally: Tally,
}

impl Played {
    /// The winning option's index (matched by track, else by label).
    fn winner(&self) -> Option<usize> {
        let key = polls::label_key(&self.week.label);
        self.poll
            .options
            .iter()
            .position(|o| self.week.track.is_some() && o.track == self.week.track)
            .or_else(|| {
                self.poll
                    .options
                    .iter()
                    .position(|o| polls::label_key(&o.label) == key)
            })
    }

    fn winner_votes(&self) -> u64 {
        self.winner()
            .and_then(|i| self.tally.counts.get(i).copied())
            .unwrap_or(0)
    }
}

async fn played(site: &Site, week: Week) -> Result<Option<Played>> {
    let Some(poll) = polls::get(&site.pool, week.poll).await? else {
        return Ok(None);
    };
    let tally = polls::tally(&site.pool, &poll).await?;
    Ok(Some(Played { week, poll, tally }))
}

fn votes(view: &View, n: u64) -> String {
    view.tw("web-votes", &[("votes", FluentValue::from(n))])
}

fn chart(view: &View, poll: &Poll, tally: &Tally, winner: Option<usize>) -> Markup {
    let options: Vec<(String, u64)> = poll
        .options
        .iter()
        .zip(&tally.counts)
        .map(|(o, n)| (o.label.clone(), *n))
        .collect();
    let summary: Vec<String> = options.iter().map(|(l, n)| format!("{l}: {n}")).collect();
    let alt = view.tw(
        "web-votes-alt",
        &[("counts", FluentValue::from(summary.join(", ")))],
    );
    svg::votes(&options, winner, &alt)
}

/// The home page's box: the open weekly poll, else the newest week's pick.
pub async fn this_week(site: &Site, guild: GuildId, view: &View) -> Result<Option<Markup>> {
    let Some(id) = archive::latest_poll(&site.pool, guild).await? else {
        return Ok(None);
    };
    let Some(poll) = polls::get(&site.pool, id).await? else {
        return Ok(None);
    };
    if poll.is_open(site.clock.now()) {
        let tally = polls::tally(&site.pool, &poll).await?;
        let closes = poll.closes_at.format("%Y-%m-%d %H:%M UTC").to_string();
        return Ok(Some(html! {
            p { strong { (poll.question) } }
            p { (view.tw("web-poll-open", &[("closes", FluentValue::from(closes))])) }
            @if poll.counts_visible() { (chart(view, &poll, &tally, None)) }
            @else {
                ul { @for o in &poll.options { li { (o.label) } } }
                p { (view.t("web-poll-hidden")) }
            }
        }));
    }
    let (weeks, _) = archive::weeks(&site.pool, guild, 0, 1).await?;
    let Some(week) = weeks.into_iter().next() else {
        return Ok(None);
    };
    let Some(played) = played(site, week).await? else {
        return Ok(None);
    };
    Ok(Some(html! {
        p {
            (view.t("web-club-winner")) ": "
            a href=(view.link(&format!("/club/{}", played.week.cycle))) { strong { (played.week.label) } }
            " · " (votes(view, played.winner_votes()))
        }
    }))
}

/// The archive: one row per finished week, newest first.
pub async fn archive(site: &Site, guild: GuildId, view: &View, page: u64) -> Result<Page> {
    let offset = page.saturating_sub(1).saturating_mul(PAGE_SIZE);
    let (weeks, total) = archive::weeks(&site.pool, guild, offset, PAGE_SIZE).await?;
    let mut rows = Vec::with_capacity(weeks.len());
    for week in weeks {
        rows.extend(played(site, week).await?);
    }
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let body = html! {
        h1 { (view.t("web-club-title")) }
        @if rows.is_empty() { p.empty { (view.t("web-club-empty")) } }
        ol.weeks {
            @for row in &rows {
                li {
                    h2 {
                        a href=(view.link(&format!("/club/{}", row.week.cycle))) {
                            (week_title(view, &row.poll))
                        }
                    }
                    p {
                        (view.t("web-club-winner")) ": " strong { (row.week.label) }
                        " · " (votes(view, row.winner_votes()))
                    }
                    (chart(view, &row.poll, &row.tally, row.winner()))
                }
            }
        }
        (parts::pager(view, page, pages, |p| view.link_with("/club", &[("page", p.to_string())])))
    };
    Ok(Page {
        title: view.t("web-club-title"),
        description: None,
        image: None,
        body,
    })
}

fn week_title(view: &View, poll: &Poll) -> String {
    let date = poll.created_at.format("%Y-%m-%d").to_string();
    view.tw("web-week-of", &[("date", FluentValue::from(date))])
}

/// One finished week: its question, every option's votes and the winner.
pub async fn week(site: &Site, guild: GuildId, view: &View, cycle: i64) -> Result<Option<Page>> {
    let Some(week) = archive::finished(&site.pool, guild, cycle).await? else {
        return Ok(None);
    };
    let Some(row) = played(site, week).await? else {
        return Ok(None);
    };
    let winner = row.winner();
    let title = week_title(view, &row.poll);
    let body = html! {
        h1 { (title) }
        p { (row.poll.question) }
        p.big { (view.t("web-club-winner")) ": " strong { (row.week.label) } }
        (chart(view, &row.poll, &row.tally, winner))
        table {
            caption { (view.t("web-week-votes")) }
            thead { tr { th scope="col" { (view.t("web-option")) } th scope="col" { (view.t("web-votes-heading")) } } }
            tbody {
                @for (i, (option, count)) in row.poll.options.iter().zip(&row.tally.counts).enumerate() {
                    tr.winner[winner == Some(i)] { td { (option.label) } td { (count) } }
                }
            }
        }
        p { a href=(view.link("/club")) { (view.t("web-club-all")) } }
    };
    Ok(Some(Page {
        description: Some(format!("{}: {}", view.t("web-club-winner"), row.week.label)),
        title,
        image: None,
        body,
    }))
}
