//! PNG charts drawn with plotters on an in-memory bitmap, labelled with an
//! embedded Hangul-capable font (NanumSquare, OFL) so that no system font
//! configuration is needed and Korean titles stay readable.
//!
//! Each chart is a function of plain data (counts and already-translated
//! texts) to PNG bytes, drawn at 2× (1280 px wide) so that it stays legible
//! when Discord scales it down to a phone's width.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontStyle;
use std::sync::OnceLock;

/// NanumSquare Regular (SIL Open Font License 1.1, see `assets/fonts/`).
static FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");
const FAMILY: &str = "nanum";

pub const HISTOGRAM_SIZE: (u32, u32) = (1280, 720);
pub const BARS_WIDTH: u32 = 1280;
/// Bars drawn at most; a poll has far fewer options.
pub const MAX_BARS: usize = 25;

const MARGIN: i32 = 36;
const TITLE_PX: u32 = 44;
const TITLE_LINE: i32 = 54;
const TITLE_LINES: usize = 2;
/// Tick labels, counts, legends and bar labels: at least 24 px at 2×.
const LABEL_PX: u32 = 28;
const LABEL_LINE: i32 = 36;
const BAR_LABEL_LINES: usize = 2;
/// Gridlines end at the top tick; counts above the top bar need this much room.
const HEADROOM: i32 = 44;

const ACCENT: RGBColor = RGBColor(0xD9, 0x4A, 0x7B);
const MUTED: RGBColor = RGBColor(0xC9, 0xC3, 0xCF);
const INK: RGBColor = RGBColor(0x2B, 0x2B, 0x33);
const SOFT_INK: RGBColor = RGBColor(0x6B, 0x6B, 0x78);
const GRID: RGBColor = RGBColor(0xE2, 0xE2, 0xE8);
const MEAN: RGBColor = RGBColor(0x1F, 0x5F, 0xBF);
const MEDIAN: RGBColor = RGBColor(0xE0, 0x8A, 0x00);
const BACKGROUND: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("the embedded font could not be loaded")]
    Font,
    #[error("drawing failed: {0}")]
    Draw(String),
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

impl From<ChartError> for crate::Error {
    fn from(e: ChartError) -> Self {
        crate::Error::Internal(e.to_string())
    }
}

fn draw_err<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

fn font() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED
        .get_or_init(|| plotters::style::register_font(FAMILY, FontStyle::Normal, FONT).is_ok());
    if ok {
        Ok(())
    } else {
        Err(ChartError::Font)
    }
}

/// An integer axis from 0: the step between ticks and the last tick, the
/// smallest multiple of the step at or above `top`. Steps are 1, 2 or 5
/// times a power of ten, the smallest that needs at most six intervals, so
/// a top of 9 ends at 10 (step 2) and a top of 1 ends at 1.
pub fn integer_axis(top: u64) -> (u64, u64) {
    const MAX_INTERVALS: u64 = 6;
    let top = top.max(1);
    let mut magnitude: u64 = 1;
    loop {
        for factor in [1u64, 2, 5] {
            let step = factor.saturating_mul(magnitude);
            let intervals = top.div_ceil(step);
            if intervals <= MAX_INTERVALS || step == u64::MAX {
                return (step, intervals.saturating_mul(step));
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// The ticks of [`integer_axis`]: 0, step, 2·step, … up to the last tick.
pub fn integer_ticks(top: u64) -> Vec<u64> {
    let (step, max) = integer_axis(top);
    (0..=max / step).map(|i| i * step).collect()
}

/// Breaks `text` into at most `max_lines` lines no wider than `max_width`
/// (as `width` measures them), at spaces; Hangul and Latin words alike stay
/// whole. A single word wider than a line is split between characters. Text
/// that does not fit ends the last line with "…".
pub fn wrap(
    text: &str,
    max_width: u32,
    max_lines: usize,
    width: impl Fn(&str) -> u32,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words = text.split_whitespace();
    let mut overflow = false;
    'words: for word in words {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
        // The word starts a line; split it if even alone it is too wide.
        for c in word.chars() {
            let mut longer = current.clone();
            longer.push(c);
            if width(&longer) > max_width && !current.is_empty() {
                lines.push(std::mem::replace(&mut current, c.to_string()));
                if lines.len() == max_lines {
                    overflow = true;
                    break 'words;
                }
            } else {
                current = longer;
            }
        }
    }
    if !overflow && !current.is_empty() {
        lines.push(current);
    }
    if overflow {
        if let Some(last) = lines.last_mut() {
            ellipsize(last, max_width, &width);
        }
    }
    lines
}

/// Ends `line` with "…", dropping its last words (or characters) until it fits.
fn ellipsize(line: &mut String, max_width: u32, width: &impl Fn(&str) -> u32) {
    loop {
        let candidate = format!("{line}…");
        if width(&candidate) <= max_width || line.is_empty() {
            *line = candidate;
            return;
        }
        match line.trim_end().rfind(' ') {
            Some(space) if space > 0 => line.truncate(space),
            _ => {
                line.pop();
            }
        }
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
    }
}

fn text_width(px: u32) -> impl Fn(&str) -> u32 {
    move |s: &str| {
        (FAMILY, px)
            .into_font()
            .box_size(s)
            .map(|(w, _)| w)
            // Without a measure, assume wide (Hangul) glyphs: a line stays inside.
            .unwrap_or(s.chars().count() as u32 * px)
    }
}

fn style(px: u32, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FAMILY, px).into_font().color(&colour).pos(Pos::new(h, v))
}

type Area<'a> = DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>;

fn text(area: &Area<'_>, s: &str, at: (i32, i32), style: &TextStyle<'_>) -> Result<(), ChartError> {
    area.draw(&Text::new(s.to_owned(), at, style.clone()))
        .map_err(draw_err)
}

/// Draws the wrapped title from `top`; returns the y below it.
fn title(area: &Area<'_>, title: &str, width: u32, top: i32) -> Result<i32, ChartError> {
    let lines = wrap(title.trim(), width, TITLE_LINES, text_width(TITLE_PX));
    let centre = (width as i32) / 2 + MARGIN;
    let st = style(TITLE_PX, INK, HPos::Center, VPos::Top);
    let mut y = top;
    for line in &lines {
        text(area, line, (centre, y), &st)?;
        y += TITLE_LINE;
    }
    Ok(y)
}

fn dashed_vline(
    area: &Area<'_>,
    x: i32,
    y0: i32,
    y1: i32,
    colour: RGBColor,
) -> Result<(), ChartError> {
    let mut y = y0;
    while y < y1 {
        let end = (y + 14).min(y1);
        area.draw(&Rectangle::new([(x - 2, y), (x + 2, end)], colour.filled()))
            .map_err(draw_err)?;
        y += 24;
    }
    Ok(())
}

/// Everything the score chart shows, already translated by the caller.
#[derive(Clone, Debug, Default)]
pub struct ScoreChart<'a> {
    pub title: &'a str,
    /// Voices per score, 1 to 10.
    pub counts: [u64; 10],
    /// The mean and median score, marked with a line each when given.
    pub mean: Option<f64>,
    pub median: Option<f64>,
    /// Legend texts, e.g. "Mean 7.4" and "Median 8".
    pub mean_label: &'a str,
    pub median_label: &'a str,
    /// Axis names, e.g. "score" and "voices".
    pub x_label: &'a str,
    pub y_label: &'a str,
}

/// A score histogram: scores 1–10 across, voices up, the count above each
/// bar, the mean as a solid line and the median as a dashed one.
pub fn histogram_png(chart: &ScoreChart<'_>) -> Result<Vec<u8>, ChartError> {
    font()?;
    let (w, h) = HISTOGRAM_SIZE;
    let mut buffer = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_err)?;
        let inner = w - 2 * MARGIN as u32;
        let mut y = title(&root, chart.title, inner, MARGIN - 8)?;

        // Legend: a sample of each line and its text, on one row.
        let legend = style(LABEL_PX, INK, HPos::Left, VPos::Center);
        let measure = text_width(LABEL_PX);
        let mut x = MARGIN;
        let row = y + LABEL_LINE / 2;
        let marks = [
            (chart.mean, chart.mean_label, MEAN, false),
            (chart.median, chart.median_label, MEDIAN, true),
        ];
        let mut any_mark = false;
        for (value, label, colour, dashed) in marks {
            if value.is_none() || label.is_empty() {
                continue;
            }
            any_mark = true;
            if dashed {
                for i in 0..3 {
                    let x0 = x + i * 20;
                    root.draw(&Rectangle::new(
                        [(x0, row - 2), (x0 + 12, row + 2)],
                        colour.filled(),
                    ))
                    .map_err(draw_err)?;
                }
            } else {
                root.draw(&Rectangle::new(
                    [(x, row - 2), (x + 52, row + 2)],
                    colour.filled(),
                ))
                .map_err(draw_err)?;
            }
            text(&root, label, (x + 64, row), &legend)?;
            x += 64 + measure(label) as i32 + 48;
        }
        if any_mark {
            y += LABEL_LINE + 8;
        }

        let top = chart.counts.iter().copied().max().unwrap_or(0);
        let ticks = integer_ticks(top);
        let axis_max = ticks.last().copied().unwrap_or(1).max(1);
        let tick_width = ticks
            .iter()
            .map(|t| measure(&t.to_string()))
            .max()
            .unwrap_or(0) as i32;
        let left = MARGIN + tick_width + 16;
        let right = w as i32 - MARGIN;
        // Axis name above the y ticks, the counts' headroom under it.
        if !chart.y_label.is_empty() {
            text(
                &root,
                chart.y_label,
                (MARGIN, y),
                &style(LABEL_PX, SOFT_INK, HPos::Left, VPos::Top),
            )?;
        }
        let plot_top = y + LABEL_LINE + HEADROOM;
        let plot_bottom = h as i32 - MARGIN - 2 * LABEL_LINE - 8;
        let plot_h = (plot_bottom - plot_top).max(1);
        let y_of = |v: f64| plot_bottom - (v / axis_max as f64 * plot_h as f64).round() as i32;
        let slot = (right - left) as f64 / 10.0;
        let x_of = |score: f64| left + ((score - 0.5) * slot).round() as i32;

        let tick_style = style(LABEL_PX, INK, HPos::Right, VPos::Center);
        for t in &ticks {
            let ty = y_of(*t as f64);
            root.draw(&Rectangle::new(
                [(left, ty - 1), (right, ty + 1)],
                GRID.filled(),
            ))
            .map_err(draw_err)?;
            text(&root, &t.to_string(), (left - 12, ty), &tick_style)?;
        }
        let count_style = style(LABEL_PX, INK, HPos::Center, VPos::Bottom);
        let score_style = style(LABEL_PX, INK, HPos::Center, VPos::Top);
        let half_bar = (slot * 0.36).round() as i32;
        // Each bar's count, written after the mean and median lines, over them.
        let mut counts: Vec<(i32, i32, String)> = Vec::new();
        for (i, &count) in chart.counts.iter().enumerate() {
            let score = i as f64 + 1.0;
            let cx = x_of(score);
            if count > 0 {
                let top_y = y_of(count as f64);
                root.draw(&Rectangle::new(
                    [(cx - half_bar, top_y), (cx + half_bar, plot_bottom)],
                    ACCENT.filled(),
                ))
                .map_err(draw_err)?;
                counts.push((cx, top_y - 6, count.to_string()));
            }
            text(
                &root,
                &(i + 1).to_string(),
                (cx, plot_bottom + 10),
                &score_style,
            )?;
        }
        root.draw(&Rectangle::new(
            [(left, plot_bottom - 1), (right, plot_bottom + 1)],
            INK.filled(),
        ))
        .map_err(draw_err)?;
        if !chart.x_label.is_empty() {
            text(
                &root,
                chart.x_label,
                ((left + right) / 2, plot_bottom + 10 + LABEL_LINE),
                &style(LABEL_PX, SOFT_INK, HPos::Center, VPos::Top),
            )?;
        }
        // The marks over the bars, from the top tick to the axis.
        let clamp = |v: f64| v.clamp(1.0, 10.0);
        if let Some(mean) = chart.mean.filter(|m| m.is_finite()) {
            let mx = x_of(clamp(mean));
            root.draw(&Rectangle::new(
                [
                    (mx - 2, y_of(axis_max as f64) - HEADROOM / 2),
                    (mx + 2, plot_bottom),
                ],
                MEAN.filled(),
            ))
            .map_err(draw_err)?;
        }
        if let Some(median) = chart.median.filter(|m| m.is_finite()) {
            dashed_vline(
                &root,
                x_of(clamp(median)),
                y_of(axis_max as f64) - HEADROOM / 2,
                plot_bottom,
                MEDIAN,
            )?;
        }
        for (cx, bottom, count) in &counts {
            let half = measure(count) as i32 / 2 + 6;
            root.draw(&Rectangle::new(
                [
                    (cx - half, bottom - LABEL_PX as i32 - 2),
                    (cx + half, *bottom),
                ],
                BACKGROUND.filled(),
            ))
            .map_err(draw_err)?;
            text(&root, count, (*cx, *bottom), &count_style)?;
        }
        root.present().map_err(draw_err)?;
    }
    encode(&buffer, w, h)
}

/// One bar of a [`BarChart`].
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub count: u64,
    /// Drawn in the accent colour with `BarChart::highlight_note` (the winner).
    pub highlight: bool,
}

/// Everything the bar chart shows, already translated by the caller.
#[derive(Clone, Debug, Default)]
pub struct BarChart<'a> {
    pub title: &'a str,
    pub bars: Vec<Bar>,
    /// Written after a highlighted bar's count, e.g. "winner".
    pub highlight_note: &'a str,
    /// The axis name under the ticks, e.g. "votes".
    pub x_label: &'a str,
}

/// A horizontal bar chart (poll results): one bar per label, in the order
/// given, each with its count and share of the total; labels wrap onto two
/// lines at word boundaries. Grows with the number of bars.
pub fn bars_png(chart: &BarChart<'_>) -> Result<Vec<u8>, ChartError> {
    font()?;
    let bars = &chart.bars[..chart.bars.len().min(MAX_BARS)];
    let w = BARS_WIDTH;
    let inner = w - 2 * MARGIN as u32;
    let measure = text_width(LABEL_PX);
    let label_column = inner * 34 / 100;
    let wrapped: Vec<Vec<String>> = bars
        .iter()
        .map(|b| wrap(&b.label, label_column, BAR_LABEL_LINES, &measure))
        .collect();
    let title_lines = wrap(chart.title.trim(), inner, TITLE_LINES, text_width(TITLE_PX))
        .len()
        .max(1) as i32;
    let row_height = |lines: usize| lines.max(1) as i32 * LABEL_LINE + 28;
    let rows: i32 = wrapped
        .iter()
        .map(|l| row_height(l.len()))
        .sum::<i32>()
        .max(row_height(1));
    let header = MARGIN - 8 + title_lines * TITLE_LINE + 16;
    let footer = 2 * LABEL_LINE + 16 + MARGIN;
    let h = (header + rows + footer) as u32;

    let total: u64 = bars.iter().map(|b| b.count).sum();
    let top = bars.iter().map(|b| b.count).max().unwrap_or(0);
    let ticks = integer_ticks(top);
    let axis_max = ticks.last().copied().unwrap_or(1).max(1);
    let value_texts: Vec<String> = bars
        .iter()
        .map(|b| {
            let percent = if total == 0 {
                0.0
            } else {
                b.count as f64 * 100.0 / total as f64
            };
            let mut s = format!("{} ({percent:.0}%)", b.count);
            if b.highlight && !chart.highlight_note.is_empty() {
                s.push_str(" · ");
                s.push_str(chart.highlight_note);
            }
            s
        })
        .collect();
    let value_width = value_texts.iter().map(|s| measure(s)).max().unwrap_or(0) as i32;

    let mut buffer = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_err)?;
        title(&root, chart.title, inner, MARGIN - 8)?;
        let left = MARGIN + label_column as i32 + 24;
        let right = (w as i32 - MARGIN - value_width - 16).max(left + 100);
        let plot_top = header;
        let plot_bottom = header + rows;
        let x_of =
            |v: u64| left + ((v as f64 / axis_max as f64) * (right - left) as f64).round() as i32;

        let tick_style = style(LABEL_PX, INK, HPos::Center, VPos::Top);
        for t in &ticks {
            let tx = x_of(*t);
            root.draw(&Rectangle::new(
                [(tx - 1, plot_top), (tx + 1, plot_bottom)],
                GRID.filled(),
            ))
            .map_err(draw_err)?;
            text(&root, &t.to_string(), (tx, plot_bottom + 8), &tick_style)?;
        }
        if !chart.x_label.is_empty() {
            text(
                &root,
                chart.x_label,
                ((left + right) / 2, plot_bottom + 8 + LABEL_LINE),
                &style(LABEL_PX, SOFT_INK, HPos::Center, VPos::Top),
            )?;
        }
        let mut row_top = plot_top;
        for ((bar, lines), value) in bars.iter().zip(&wrapped).zip(&value_texts) {
            let height = row_height(lines.len());
            let centre = row_top + height / 2;
            let ink = if bar.highlight { INK } else { SOFT_INK };
            let label_style = style(LABEL_PX, ink, HPos::Right, VPos::Center);
            let first = centre - (lines.len() as i32 - 1) * LABEL_LINE / 2;
            for (i, line) in lines.iter().enumerate() {
                text(
                    &root,
                    line,
                    (left - 20, first + i as i32 * LABEL_LINE),
                    &label_style,
                )?;
            }
            let colour = if bar.highlight { ACCENT } else { MUTED };
            let end = x_of(bar.count);
            if bar.count > 0 {
                root.draw(&Rectangle::new(
                    [(left, row_top + 10), (end, row_top + height - 10)],
                    colour.filled(),
                ))
                .map_err(draw_err)?;
            }
            text(
                &root,
                value,
                (end + 12, centre),
                &style(LABEL_PX, ink, HPos::Left, VPos::Center),
            )?;
            row_top += height;
        }
        root.draw(&Rectangle::new(
            [(left - 1, plot_top), (left + 1, plot_bottom)],
            INK.filled(),
        ))
        .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    encode(&buffer, w, h)
}

fn encode(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .write_image_data(rgb)
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
