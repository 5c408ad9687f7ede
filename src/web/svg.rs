//! Charts drawn as inline SVG: sizes are attributes, colours come from the
//! stylesheet's classes (so dark mode follows), and each chart carries its
//! numbers as text for screen readers.

use maud::{html, Markup};

const WIDTH: u32 = 320;
const PLOT_HEIGHT: u32 = 110;

/// Voices per score, 1 to 10, as columns with their counts above.
pub fn histogram(counts: &[u64; 10], label: &str) -> Markup {
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    let column = WIDTH / 10;
    html! {
        svg.chart viewBox={"0 0 " (WIDTH) " " (PLOT_HEIGHT + 40)} role="img" aria-label=(label) {
            title { (label) }
            @for (i, count) in counts.iter().enumerate() {
                @let height = scaled(*count, top, PLOT_HEIGHT);
                @let x = i as u32 * column + 3;
                rect.bar x=(x) y=(PLOT_HEIGHT + 18 - height) width=(column - 6) height=(height) {}
                text.count x=(x + (column - 6) / 2) y=(PLOT_HEIGHT + 14 - height) text-anchor="middle" {
                    @if *count > 0 { (count) }
                }
                text.axis x=(x + (column - 6) / 2) y=(PLOT_HEIGHT + 34) text-anchor="middle" { (i + 1) }
            }
        }
    }
}

/// One bar per poll option, longest for the most votes, the winner marked.
pub fn votes(options: &[(String, u64)], winner: Option<usize>, label: &str) -> Markup {
    let top = options.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let row = 34;
    let height = row * options.len().max(1) as u32;
    html! {
        svg.chart.votes viewBox={"0 0 " (WIDTH) " " (height)} role="img" aria-label=(label) {
            title { (label) }
            @for (i, (name, count)) in options.iter().enumerate() {
                @let y = i as u32 * row;
                @let class = if winner == Some(i) { "bar winner" } else { "bar" };
                text.axis x="0" y=(y + 12) { (clip(name, 48)) }
                rect class=(class) x="0" y=(y + 16) width=(scaled(*count, top, WIDTH - 40).max(2)) height="12" {}
                text.count x=(scaled(*count, top, WIDTH - 40).max(2) + 4) y=(y + 27) { (count) }
            }
        }
    }
}

fn scaled(value: u64, top: u64, span: u32) -> u32 {
    ((value as f64 / top as f64) * f64::from(span)).round() as u32
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tallest_column_fills_the_plot_and_text_is_escaped() {
        let mut counts = [0u64; 10];
        counts[6] = 4;
        counts[9] = 2;
        let svg = histogram(&counts, "<b>scores</b>").into_string();
        assert!(svg.contains(&format!("height=\"{PLOT_HEIGHT}\"")), "{svg}");
        assert!(
            svg.contains(&format!("height=\"{}\"", PLOT_HEIGHT / 2)),
            "{svg}"
        );
        assert!(svg.contains("&lt;b&gt;scores"), "{svg}");
        assert!(!svg.contains("<b>"));
        let bars =
            votes(&[("<script>".into(), 3), ("B".into(), 0)], Some(0), "votes").into_string();
        assert!(
            bars.contains("bar winner") && bars.contains("&lt;script&gt;"),
            "{bars}"
        );
    }
}
