//! `ostbot-bench`: the bot at community scale, measured through the same
//! `dispatch` the transports use, beside the floor of its own database
//! (raw SQLite, same pragmas, the same statements in a tight loop).
//!
//! `cargo run --release --bin ostbot-bench -- --quick` (CI smoke, < 1 min)
//! or without `--quick` for the full data set; `--json` for one object.

mod data;
mod floor;
mod stats;

use clap::Parser;
use ostbot::bot::{self, Bot};
use ostbot::transport::simulated::Actor;
use serde_json::{json, Value};
use stats::{Samples, Summary};
use std::time::Instant;

#[derive(Parser)]
#[command(about = "Benchmarks ostbot at community scale")]
struct Args {
    /// A small data set that finishes in under a minute (CI smoke run).
    #[arg(long)]
    quick: bool,
    /// Print one JSON object with every figure instead of a table.
    #[arg(long)]
    json: bool,
}

struct Scale {
    dramas: usize,
    tracks: usize,
    queries: usize,
}

/// One reported figure: its value, unit, and ratio to its floor if any.
struct Figure {
    name: &'static str,
    value: f64,
    unit: &'static str,
    floor: Option<f64>,
    target: &'static str,
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let scale = if args.quick {
        Scale {
            dramas: 2_000,
            tracks: 10_000,
            queries: 500,
        }
    } else {
        Scale {
            dramas: 20_000,
            tracks: 100_000,
            queries: 5_000,
        }
    };
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let url = format!("sqlite://{}", path.display());
    let started = Instant::now();
    let pool = ostbot::app::open_database(&url).await?;
    let generated = data::populate(&pool, scale.dramas, scale.tracks).await?;
    let populate_s = started.elapsed().as_secs_f64();
    pool.close().await;

    // Start-up on the populated database: open, migrate, check the shipped catalog.
    let started = Instant::now();
    let pool = ostbot::app::open_database(&url).await?;
    let startup_ms = started.elapsed().as_secs_f64() * 1e3;
    let bot = ostbot::app::offline_bot(pool);

    let queries = data::queries(&generated, scale.queries);
    let mut figures = Vec::new();
    let floor_db = floor::Floor::open(&path)?;

    let (autocomplete, floor_fts) = autocomplete(&bot, &queries, &floor_db).await?;
    figures.push(Figure {
        name: "autocomplete p50",
        value: autocomplete.p50_ms,
        unit: "ms",
        floor: Some(floor_fts.p50_ms),
        target: "",
    });
    figures.push(Figure {
        name: "autocomplete p99",
        value: autocomplete.p99_ms,
        unit: "ms",
        floor: Some(floor_fts.p99_ms),
        target: "≤ 2 ms",
    });

    let (lookup, floor_pk) = lookup(&bot, &generated, scale.queries, &floor_db).await?;
    figures.push(Figure {
        name: "/track lookup p50",
        value: lookup.p50_ms,
        unit: "ms",
        floor: Some(floor_pk.p50_ms),
        target: "",
    });
    figures.push(Figure {
        name: "/track lookup p99",
        value: lookup.p99_ms,
        unit: "ms",
        floor: Some(floor_pk.p99_ms),
        target: "≤ 2 ms",
    });

    figures.push(Figure {
        name: "start-up (populated db)",
        value: startup_ms,
        unit: "ms",
        floor: None,
        target: "≤ 500 ms",
    });
    figures.push(Figure {
        name: "peak RSS",
        value: peak_rss_mb(),
        unit: "MB",
        floor: None,
        target: "≤ 50 MB",
    });

    report(&args, &scale, populate_s, &figures);
    Ok(())
}

fn autocomplete_payload(actor: &Actor, command: &str, typed: &str) -> Vec<u8> {
    let options = json!([{ "name": "query", "type": 3, "value": typed, "focused": true }]);
    actor
        .autocomplete(command, options)
        .to_string()
        .into_bytes()
}

async fn autocomplete(
    bot: &Bot,
    queries: &[String],
    floor: &floor::Floor,
) -> anyhow::Result<(Summary, Summary)> {
    let actor = Actor::new("Bench", "general", "bencher", false);
    let mut samples = Samples::with_capacity(queries.len());
    for (i, q) in queries.iter().enumerate() {
        let payload = autocomplete_payload(&actor, if i % 2 == 0 { "track" } else { "drama" }, q);
        let response = samples.time(bot::dispatch_json(bot, &payload)).await?;
        debug_assert!(matches!(response, bot::Response::Autocomplete(_)));
    }
    Ok((samples.summary(), floor.search_statements(queries)?))
}

async fn lookup(
    bot: &Bot,
    data: &data::Generated,
    n: usize,
    floor: &floor::Floor,
) -> anyhow::Result<(Summary, Summary)> {
    let actor = Actor::new("Bench", "general", "bencher", false);
    let mut rng = data::Rng::new(7);
    let ids: Vec<i64> = (0..n).map(|_| *rng.pick(&data.track_ids)).collect();
    let mut samples = Samples::with_capacity(n);
    for id in &ids {
        let options = json!([{ "name": "query", "type": 3, "value": format!("id:{id}") }]);
        let payload = actor
            .command("track", options, json!({}))
            .to_string()
            .into_bytes();
        samples.time(bot::dispatch_json(bot, &payload)).await?;
    }
    Ok((samples.summary(), floor.track_reads(&ids)?))
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

fn report(args: &Args, scale: &Scale, populate_s: f64, figures: &[Figure]) {
    if args.json {
        let figures: Vec<Value> = figures
            .iter()
            .map(|f| {
                json!({
                    "name": f.name, "value": round(f.value), "unit": f.unit,
                    "floor": f.floor.map(round), "floor_ratio": f.floor.map(|fl| round(ratio(f.value, fl))),
                    "target": f.target,
                })
            })
            .collect();
        let out = json!({
            "scale": { "dramas": scale.dramas, "tracks": scale.tracks, "queries": scale.queries, "quick": args.quick },
            "populate_seconds": round(populate_s),
            "figures": figures,
        });
        println!("{out}");
        return;
    }
    println!(
        "ostbot-bench — {} dramas, {} tracks{} (populated in {populate_s:.1} s)",
        scale.dramas,
        scale.tracks,
        if args.quick { ", quick" } else { "" }
    );
    println!(
        "{:<28} {:>10} {:>6} {:>10} {:>8}  target",
        "figure", "value", "unit", "floor", "× floor"
    );
    for f in figures {
        let floor = f
            .floor
            .map(|x| format!("{x:.3}"))
            .unwrap_or_else(|| "—".into());
        let times = f
            .floor
            .map(|x| format!("{:.1}", ratio(f.value, x)))
            .unwrap_or_else(|| "—".into());
        println!(
            "{:<28} {:>10.3} {:>6} {:>10} {:>8}  {}",
            f.name, f.value, f.unit, floor, times, f.target
        );
    }
}

fn ratio(value: f64, floor: f64) -> f64 {
    if floor > 0.0 {
        value / floor
    } else {
        0.0
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
