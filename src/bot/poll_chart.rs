//! The results bar chart, drawn by `bot::charts`.

use super::charts::{self, Bar, BarChart};
use crate::locale::Locale;
use crate::polls::{Outcome, Poll, Tally};
use serenity::builder::CreateAttachment;

/// The chart's data: one bar per option in option order, the winner (or
/// the tied leaders) highlighted, texts in `locale`.
pub fn bars(poll: &Poll, tally: &Tally) -> Vec<Bar> {
    let leaders = match tally.outcome() {
        Outcome::NoVotes => Vec::new(),
        Outcome::Winner(i) => vec![i],
        Outcome::Tie(tied) => tied,
    };
    poll.options
        .iter()
        .enumerate()
        .map(|(i, o)| Bar {
            label: o.label.clone(),
            count: tally.counts.get(i).copied().unwrap_or(0),
            highlight: leaders.contains(&i),
        })
        .collect()
}

/// A PNG with one bar per option, in option order, and its file name; `None` (and a log line)
/// if drawing fails: the results still go out as text.
pub fn chart(poll: &Poll, tally: &Tally, locale: Locale) -> Option<(CreateAttachment, String)> {
    let note = match tally.outcome() {
        Outcome::Tie(_) => crate::t!(locale, "chart-poll-tied"),
        _ => crate::t!(locale, "chart-poll-winner"),
    };
    let x_label = crate::t!(locale, "chart-poll-axis-votes");
    let data = BarChart {
        title: &poll.question,
        bars: bars(poll, tally),
        highlight_note: &note,
        x_label: &x_label,
    };
    match charts::bars_png(&data) {
        Ok(png) => {
            let name = format!("poll-{}.png", poll.id);
            Some((CreateAttachment::bytes(png, name.clone()), name))
        }
        Err(error) => {
            tracing::warn!(%error, poll = %poll.id, "results chart failed");
            None
        }
    }
}
