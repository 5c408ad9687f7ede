use super::*;

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn count_colour(png_bytes: &[u8], colour: RGBColor) -> usize {
    let (_, _, rgb) = decode(png_bytes);
    rgb.chunks(3)
        .filter(|p| p == &[colour.0, colour.1, colour.2])
        .count()
}

fn score_chart(counts: [u64; 10], mean: Option<f64>, median: Option<f64>) -> Vec<u8> {
    histogram_png(&ScoreChart {
        title: "사랑의 불시착 · Crash Landing on You 점수 분포",
        counts,
        mean,
        median,
        mean_label: "Mean 7.4",
        median_label: "Median 8.0",
        x_label: "score",
        y_label: "voices",
    })
    .unwrap()
}

fn bar(label: &str, count: u64, highlight: bool) -> Bar {
    Bar {
        label: label.to_owned(),
        count,
        highlight,
    }
}

#[test]
fn axis_ends_at_a_round_number_just_above_the_top() {
    assert_eq!(integer_axis(9), (2, 10));
    assert_eq!(integer_ticks(9), vec![0, 2, 4, 6, 8, 10]);
    assert_eq!(integer_axis(1), (1, 1));
    assert_eq!(integer_ticks(1), vec![0, 1]);
    assert_eq!(integer_axis(0), (1, 1));
    assert_eq!(integer_axis(5), (1, 5));
    assert_eq!(integer_axis(6), (1, 6));
    assert_eq!(integer_axis(7), (2, 8));
    assert_eq!(integer_axis(10), (2, 10));
    assert_eq!(integer_axis(11), (2, 12));
    assert_eq!(integer_axis(13), (5, 15));
    assert_eq!(integer_axis(48), (10, 50));
    assert_eq!(integer_axis(100), (20, 100));
    assert_eq!(integer_axis(101), (20, 120));
    assert_eq!(integer_axis(48_472), (10_000, 50_000));
    // Never loops forever nor overflows at the far end.
    let (step, max) = integer_axis(u64::MAX);
    assert!(step > 0 && max >= step);
}

#[test]
fn every_top_gets_few_integer_ticks_ending_at_or_above_it() {
    for top in 0..=2_000u64 {
        let ticks = integer_ticks(top);
        let last = *ticks.last().unwrap();
        assert!(last >= top.max(1), "top {top}: ends at {last}");
        assert!(ticks.len() <= 7, "top {top}: {ticks:?}");
        let (step, _) = integer_axis(top);
        assert!(
            last - top.max(1) < step,
            "top {top}: {last} is not the first tick above"
        );
    }
}

/// One "pixel" per character, like a monospace font.
fn chars(s: &str) -> u32 {
    s.chars().count() as u32
}

#[test]
fn labels_wrap_at_word_boundaries() {
    assert_eq!(
        wrap("Stay With Me by Chanyeol and Punch", 16, 3, chars),
        vec!["Stay With Me by", "Chanyeol and", "Punch"]
    );
    // Hangul words stay whole too.
    assert_eq!(
        wrap("사랑의 불시착 오리지널 사운드트랙", 8, 3, chars),
        vec!["사랑의 불시착", "오리지널", "사운드트랙"]
    );
    assert_eq!(wrap("short", 16, 2, chars), vec!["short"]);
    assert!(wrap("   ", 16, 2, chars).is_empty());
}

#[test]
fn text_beyond_the_last_line_ends_with_an_ellipsis_after_a_whole_word() {
    let lines = wrap("one two three four five six", 9, 2, chars);
    assert_eq!(lines, vec!["one two", "three…"]);
    for line in &lines {
        assert!(chars(line) <= 9);
    }
}

#[test]
fn a_word_wider_than_a_line_is_split_between_characters() {
    assert_eq!(
        wrap("가나다라마바사아자차", 4, 3, chars),
        vec!["가나다라", "마바사아", "자차"]
    );
    let lines = wrap("abcdefghijklmnop", 4, 2, chars);
    assert_eq!(lines.len(), 2);
    assert!(lines[1].ends_with('…') && chars(&lines[1]) <= 4);
}

#[test]
fn wrapping_with_the_real_font_keeps_lines_inside_the_width() {
    font().unwrap();
    let measure = text_width(LABEL_PX);
    let label = "그 해 우리는 (Our Beloved Summer) — Christmas Tree by V of BTS";
    let lines = wrap(label, 400, 2, &measure);
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert!(measure(line) <= 400, "{line} is too wide");
    }
}

#[test]
fn histogram_is_drawn_at_twice_the_old_size_with_mean_and_median_marks() {
    let png = score_chart([0, 1, 0, 2, 3, 5, 8, 9, 4, 1], Some(7.4), Some(8.0));
    assert!(png.starts_with(&[0x89, b'P', b'N', b'G']));
    let (w, h, _) = decode(&png);
    assert_eq!((w, h), HISTOGRAM_SIZE);
    assert_eq!(HISTOGRAM_SIZE, (1280, 720));
    assert!(count_colour(&png, MEAN) > 500, "no mean line");
    assert!(count_colour(&png, MEDIAN) > 500, "no median line");
    // Without voices there is nothing to mark.
    let empty = score_chart([0; 10], None, None);
    assert_eq!(count_colour(&empty, MEAN), 0);
    assert_eq!(count_colour(&empty, MEDIAN), 0);
    assert_eq!(count_colour(&empty, ACCENT), 0);
}

#[test]
fn poll_chart_highlights_the_winner_only() {
    let title = "이번 주 감상곡 · This week's listening poll";
    let chart = |bars: Vec<Bar>| {
        bars_png(&BarChart {
            title,
            bars,
            highlight_note: "winner",
            x_label: "votes",
        })
        .unwrap()
    };
    let png = chart(vec![
        bar("Flower (꽃) — IU", 7, true),
        bar("Stay With Me", 3, false),
        bar("All of My Life", 0, false),
    ]);
    let (w, _, _) = decode(&png);
    assert_eq!(w, BARS_WIDTH);
    let highlighted = count_colour(&png, ACCENT);
    let muted = count_colour(&png, MUTED);
    assert!(highlighted > 1000 && muted > 1000, "{highlighted} {muted}");
    // The winner's bar (7 of 7) is longer than the other one (3 of 7).
    assert!(highlighted > muted * 2);
    // No winner, no highlight.
    let none = chart(vec![bar("A", 0, false), bar("B", 0, false)]);
    assert_eq!(count_colour(&none, ACCENT), 0);
    assert!(bars_png(&BarChart::default()).is_ok());
}

#[test]
fn poll_chart_grows_with_options_and_with_wrapped_labels() {
    let height = |bars: Vec<Bar>| {
        decode(
            &bars_png(&BarChart {
                title: "Poll",
                bars,
                ..Default::default()
            })
            .unwrap(),
        )
        .1
    };
    let one = height(vec![bar("Only", 1, true)]);
    let three = height(vec![
        bar("A", 1, true),
        bar("B", 0, false),
        bar("C", 0, false),
    ]);
    assert!(three > one);
    let long = height(vec![
        bar(
            "A very long option label that cannot possibly fit on a single line of the chart",
            1,
            true,
        ),
        bar("B", 0, false),
        bar("C", 0, false),
    ]);
    assert!(long > three, "a wrapped label makes its row taller");
    let many: Vec<Bar> = (0..40)
        .map(|i| bar(&format!("Option {i}"), i, i == 39))
        .collect();
    assert!(bars_png(&BarChart {
        title: "Many",
        bars: many,
        ..Default::default()
    })
    .is_ok());
}
