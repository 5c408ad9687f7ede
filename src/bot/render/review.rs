//! How a review looks: its card, its line in lists, the community score as text and as a chart.

use super::text::{safe, show_text};
use crate::bot::charts;
use crate::bot::response::clip;
use crate::locale::Locale;
use crate::reviews::scores::Summary;
use crate::reviews::{Review, Score};
use crate::{t, Result};
use serenity::all::Colour;
use serenity::builder::{CreateEmbed, CreateEmbedFooter};

pub const COLOUR: Colour = Colour::new(0xF2_B1_34);

/// Characters of a review quoted in lists and cards.
pub const SNIPPET_CHARS: usize = 180;

pub const CHART_FILE: &str = "scores.png";

/// A saved review as a card: who, what, the score, the (safe) text.
pub fn review_embed(review: &Review, subject: &str, l: Locale) -> CreateEmbed {
    let name = safe(&review.member_name);
    let title = format!("{name} · {}", clip(subject, 200));
    let mut embed = CreateEmbed::new()
        .title(clip(&title, 256))
        .colour(COLOUR)
        .field(
            t!(l, "review-field-score"),
            format!("{} **{}**/10", stars(review.score), review.score),
            true,
        )
        .field(
            t!(l, "review-field-review"),
            format!("#{}", review.id),
            true,
        );
    if let Some(text) = &review.text {
        embed = embed.description(show_text(text, review.spoiler, 4000));
    }
    let date = review.updated_at.format("%Y-%m-%d").to_string();
    let footer = if review.edits > 0 {
        t!(l, "review-footer-edited", date = date, edits = review.edits)
    } else {
        t!(l, "review-footer", date = date)
    };
    embed.footer(CreateEmbedFooter::new(footer))
}

fn stars(score: Score) -> String {
    let full = usize::from(score.get()) / 2;
    let half = score.get() % 2 == 1;
    format!("{}{}", "★".repeat(full), if half { "½" } else { "" })
}

/// One line per review in lists: score, author, target, snippet.
pub fn review_line(review: &Review, subject: Option<&str>) -> String {
    let mut line = format!(
        "`#{}` **{}**/10 · {}",
        review.id,
        review.score,
        safe(&review.member_name)
    );
    if let Some(subject) = subject {
        line.push_str(&format!(" · {}", safe(&clip(subject, 80))));
    }
    if let Some(text) = &review.text {
        line.push_str(&format!(
            "\n> {}",
            show_text(text, review.spoiler, SNIPPET_CHARS).replace('\n', " ")
        ));
    }
    line
}

/// The community score as embed text.
pub fn summary_text(s: &Summary, l: Locale) -> String {
    t!(
        l,
        "review-summary",
        mean = format!("{:.1}", s.mean),
        voices = s.voices,
        median = format!("{:.1}", s.median),
        spread = format!("{:.1}", s.spread)
    )
}

/// The score histogram of a card, with its texts in `l`.
pub fn score_chart(s: &Summary, title: &str, l: Locale) -> Result<Vec<u8>> {
    let chart_title = crate::t!(l, "chart-score-title", title = title);
    let mean = crate::t!(l, "chart-score-mean", mean = format!("{:.1}", s.mean));
    let median = crate::t!(l, "chart-score-median", median = format!("{:.1}", s.median));
    let x_label = crate::t!(l, "chart-score-axis-score");
    let y_label = crate::t!(l, "chart-score-axis-voices");
    let voiced = s.voices > 0;
    Ok(charts::histogram_png(&charts::ScoreChart {
        title: &chart_title,
        counts: s.histogram,
        mean: voiced.then_some(s.mean),
        median: voiced.then_some(s.median),
        mean_label: &mean,
        median_label: &median,
        x_label: &x_label,
        y_label: &y_label,
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_show_halves() {
        assert_eq!(stars(Score::new(7).unwrap()), "★★★½");
        assert_eq!(stars(Score::new(10).unwrap()), "★★★★★");
    }
}
