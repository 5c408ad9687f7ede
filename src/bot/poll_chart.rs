//! The results bar chart, drawn by `bot::charts`.

use super::charts;
use crate::polls::{Poll, Tally};
use serenity::builder::CreateAttachment;

/// A PNG with one bar per option, in option order, and its file name; `None` (and a log line)
/// if drawing fails: the results still go out as text.
pub fn chart(poll: &Poll, tally: &Tally) -> Option<(CreateAttachment, String)> {
    let bars: Vec<(String, u64)> = poll
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| (o.label.clone(), tally.counts.get(i).copied().unwrap_or(0)))
        .collect();
    match charts::bars_png(&poll.question, &bars) {
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
