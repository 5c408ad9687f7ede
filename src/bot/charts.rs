//! PNG charts drawn with plotters on an in-memory bitmap, labelled with an
//! embedded Hangul-capable font (NanumSquare, OFL) so that no system font
//! configuration is needed and Korean titles stay readable.

use plotters::prelude::*;
use plotters::style::FontStyle;
use std::sync::OnceLock;

/// NanumSquare Regular (SIL Open Font License 1.1, see `assets/fonts/`).
static FONT: &[u8] = include_bytes!("../../assets/fonts/NanumSquareR.ttf");
const FAMILY: &str = "nanum";

pub const HISTOGRAM_SIZE: (u32, u32) = (640, 360);
const BAR_WIDTH: u32 = 720;
const BAR_ROW: u32 = 34;
/// Bars drawn at most; a poll has far fewer options.
pub const MAX_BARS: usize = 25;

const ACCENT: RGBColor = RGBColor(0xE8, 0x6A, 0x92);
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);
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

/// Keeps titles on one line of the chart.
fn short(title: &str, max: usize) -> String {
    crate::bot::response::clip(title.trim(), max)
}

/// A score histogram: scores 1–10 on the x axis, number of voices on the
/// y axis, the count written above each bar.
pub fn histogram_png(counts: &[u64; 10], title: &str) -> Result<Vec<u8>, ChartError> {
    font()?;
    let (w, h) = HISTOGRAM_SIZE;
    let mut buffer = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_err)?;
        let top = counts.iter().copied().max().unwrap_or(0);
        // Headroom for the count labels above the tallest bar.
        let y_max = (top + top / 5 + 1).max(2);
        let mut chart = ChartBuilder::on(&root)
            .caption(short(title, 60), (FAMILY, 22).into_font().color(&INK))
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(48)
            .build_cartesian_2d((1u32..10u32).into_segmented(), 0u64..y_max)
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
            .light_line_style(TRANSPARENT)
            .y_desc("voices · 인원")
            .x_desc("score · 점수")
            .axis_desc_style((FAMILY, 15).into_font().color(&INK))
            .label_style((FAMILY, 14).into_font().color(&INK))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(n) | SegmentValue::Exact(n) => n.to_string(),
                SegmentValue::Last => String::new(),
            })
            .y_label_formatter(&|v| v.to_string())
            .draw()
            .map_err(draw_err)?;
        chart
            .draw_series((1u32..=10).zip(counts.iter()).map(|(score, &count)| {
                let mut bar = Rectangle::new(
                    [
                        (SegmentValue::Exact(score), 0),
                        (SegmentValue::Exact(score + 1), count),
                    ],
                    ACCENT.filled(),
                );
                bar.set_margin(0, 0, 6, 6);
                bar
            }))
            .map_err(draw_err)?;
        let label =
            (FAMILY, 14)
                .into_font()
                .color(&INK)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Center,
                    plotters::style::text_anchor::VPos::Bottom,
                ));
        chart
            .draw_series(
                (1u32..=10)
                    .zip(counts.iter())
                    .filter(|(_, &count)| count > 0)
                    .map(|(score, &count)| {
                        Text::new(
                            count.to_string(),
                            (SegmentValue::CenterOf(score), count),
                            label.clone(),
                        )
                    }),
            )
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    encode(&buffer, w, h)
}

/// A horizontal bar chart (poll results): one bar per label, longest
/// first as given, each with its count and share of the total.
pub fn bars_png(title: &str, bars: &[(String, u64)]) -> Result<Vec<u8>, ChartError> {
    font()?;
    let bars = &bars[..bars.len().min(MAX_BARS)];
    let rows = bars.len().max(1) as u32;
    // A segmented axis needs two segments; a single bar sits in the upper one.
    let segments = rows.max(2);
    let (w, h) = (BAR_WIDTH, 90 + segments * BAR_ROW);
    let total: u64 = bars.iter().map(|(_, c)| c).sum();
    let top = bars.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let mut buffer = vec![0u8; (w * h * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut buffer, (w, h)).into_drawing_area();
        root.fill(&BACKGROUND).map_err(draw_err)?;
        let labels: Vec<String> = bars.iter().map(|(l, _)| short(l, 28)).collect();
        let x_max = (top + top / 3 + 1).max(2);
        let mut chart = ChartBuilder::on(&root)
            .caption(short(title, 60), (FAMILY, 22).into_font().color(&INK))
            .margin(14)
            .x_label_area_size(30)
            .y_label_area_size(230)
            .build_cartesian_2d(0u64..x_max, (0u32..segments - 1).into_segmented())
            .map_err(draw_err)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
            .light_line_style(TRANSPARENT)
            .y_labels(segments as usize)
            .label_style((FAMILY, 14).into_font().color(&INK))
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => {
                    // Row 0 is at the bottom; the first bar goes on top.
                    let index = (segments - 1).saturating_sub(*i) as usize;
                    labels.get(index).cloned().unwrap_or_default()
                }
                SegmentValue::Last => String::new(),
            })
            .x_label_formatter(&|v| v.to_string())
            .draw()
            .map_err(draw_err)?;
        let row_of = |i: usize| segments - 1 - i as u32;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, (_, count))| {
                let mut bar = Rectangle::new(
                    [
                        (0, SegmentValue::Exact(row_of(i))),
                        (*count, SegmentValue::Exact(row_of(i) + 1)),
                    ],
                    ACCENT.filled(),
                );
                bar.set_margin(5, 5, 0, 0);
                bar
            }))
            .map_err(draw_err)?;
        let label =
            (FAMILY, 14)
                .into_font()
                .color(&INK)
                .pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                ));
        chart
            .draw_series(bars.iter().enumerate().map(|(i, (_, count))| {
                let percent = if total == 0 {
                    0.0
                } else {
                    *count as f64 * 100.0 / total as f64
                };
                Text::new(
                    format!(" {count} ({percent:.0}%)"),
                    (*count, SegmentValue::CenterOf(row_of(i))),
                    label.clone(),
                )
            }))
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
mod tests {
    use super::*;

    fn size_of(png_bytes: &[u8]) -> (u32, u32) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        (info.width, info.height)
    }

    #[test]
    fn histogram_is_a_png_of_the_chart_size() {
        let png = histogram_png(
            &[0, 1, 0, 2, 3, 5, 8, 13, 4, 1],
            "사랑의 불시착 · Crash Landing",
        )
        .unwrap();
        assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
        assert_eq!(size_of(&png), HISTOGRAM_SIZE);
        // An empty histogram still draws.
        assert!(histogram_png(&[0; 10], "").is_ok());
    }

    #[test]
    fn bars_grow_with_the_number_of_options() {
        let bars = vec![
            ("Flower (꽃) — IU".to_owned(), 7),
            ("Stay With Me".to_owned(), 3),
            ("All of My Life".to_owned(), 0),
        ];
        let png = bars_png("이번 주 투표 · This week's poll", &bars).unwrap();
        assert_eq!(size_of(&png), (BAR_WIDTH, 90 + 3 * BAR_ROW));
        assert!(bars_png("nothing", &[]).is_ok());
        let one = bars_png("one", &[("Only".to_owned(), 1)]).unwrap();
        assert_eq!(size_of(&one), (BAR_WIDTH, 90 + 2 * BAR_ROW));
    }
}
