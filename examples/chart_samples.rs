//! Writes sample charts to `target/chart-samples/` to look at them:
//! `cargo run --example chart_samples`.

use ostbot::bot::charts::{bars_png, histogram_png, Bar, BarChart, ScoreChart};
use std::path::Path;

fn main() -> anyhow::Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/chart-samples");
    std::fs::create_dir_all(&dir)?;
    let scores = [
        (
            "histogram-en.png",
            "Scores for Crash Landing on You (사랑의 불시착)",
            "Mean 7.4",
            "Median 8.0",
            "score",
            "voices",
        ),
        (
            "histogram-ko.png",
            "사랑의 불시착 (Crash Landing on You) 점수 분포",
            "평균 7.4",
            "중앙값 8.0",
            "점수",
            "평가 수",
        ),
    ];
    for (file, title, mean, median, x, y) in scores {
        let png = histogram_png(&ScoreChart {
            title,
            counts: [0, 1, 0, 2, 3, 5, 8, 9, 4, 1],
            mean: Some(7.4),
            median: Some(8.0),
            mean_label: mean,
            median_label: median,
            x_label: x,
            y_label: y,
        })?;
        std::fs::write(dir.join(file), png)?;
    }
    let bar = |label: &str, count, highlight| Bar {
        label: label.to_owned(),
        count,
        highlight,
    };
    let polls = [
        (
            "poll-winner.png",
            "Which OST should we listen to together this week? (이번 주 함께 들을 OST는?)",
            vec![
                bar("Flower (꽃) — IU from Crash Landing on You", 7, true),
                bar(
                    "Stay With Me — Chanyeol & Punch (Goblin: The Lonely and Great God)",
                    3,
                    false,
                ),
                bar(
                    "그대라는 시 (A Poem Called You) — 태연 (호텔 델루나)",
                    2,
                    false,
                ),
                bar("All of My Life", 0, false),
            ],
            "winner",
        ),
        (
            "poll-tie-ko.png",
            "이번 주 감상곡",
            vec![
                bar("시작 — 가호 (이태원 클라쓰)", 1, true),
                bar(
                    "우리가 사랑한 시간들은 모두 기억 속에 남아 있을 거예요",
                    1,
                    true,
                ),
                bar("Stay", 0, false),
            ],
            "공동 1위",
        ),
    ];
    for (file, title, bars, note) in polls {
        let png = bars_png(&BarChart {
            title,
            bars,
            highlight_note: note,
            x_label: if file.ends_with("ko.png") {
                "득표 수"
            } else {
                "votes"
            },
        })?;
        std::fs::write(dir.join(file), png)?;
    }
    println!("wrote samples to {}", dir.display());
    Ok(())
}
