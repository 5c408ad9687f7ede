//! `ostbot-bench`: the bot at community scale, measured through the same
//! `dispatch` the transports use, beside the floor of its own database (the
//! same statements in a tight loop with no bot around them: raw SQLite with
//! the same pragmas, or a plain sqlx connection to the same PostgreSQL).
//!
//! `cargo run --release --bin ostbot-bench -- --quick` from the repository root (CI smoke, < 1 min)
//! or without `--quick` for the full data set; `--json` for one object;
//! `--database postgres://…` for PostgreSQL.

mod data;
mod figures;
mod floor;
mod pages;
mod population;
mod stats;
mod target;
mod workloads;

use clap::Parser;
use figures::Figure;
use floor::Floor;
use ostbot::bot::{self, Bot};
use ostbot::db::Database;
use ostbot::transport::simulated::Actor;
use serde_json::json;
use stats::{Samples, Summary};
use std::time::Instant;
use target::Target;

#[derive(Parser)]
#[command(about = "Benchmarks ostbot at community scale")]
struct Args {
    /// A small data set that finishes in under a minute (CI smoke run).
    #[arg(long)]
    quick: bool,
    /// Print one JSON object with every figure instead of a table.
    #[arg(long)]
    json: bool,
    /// Keep the generated database (its path or URL is printed on stderr) for profiling.
    #[arg(long)]
    keep: bool,
    /// Run on PostgreSQL: a postgres:// URL of a server and a database on it
    /// to connect to. The bench creates a fresh database `ostbot_bench_<pid>`
    /// on that server (so the user needs CREATEDB), runs there, and drops it
    /// at the end unless --keep; the URL's own database is left untouched.
    /// Without it: a fresh SQLite file in a temporary directory.
    #[arg(long, value_name = "URL")]
    database: Option<String>,
    /// Only the catalog and search figures, with the bytes of each search table and index:
    /// no reviews, polls or pages (for work on search).
    #[arg(long)]
    search_only: bool,
    /// Print the N slowest autocomplete queries on stderr, with their times.
    #[arg(long, default_value_t = 0)]
    slowest: usize,
}

struct Scale {
    dramas: usize,
    tracks: usize,
    queries: usize,
    guilds: usize,
    reviews: usize,
    poll_votes: usize,
    clicks: usize,
    crowd_reviews: usize,
    write_seconds: u64,
    leaderboards: usize,
    wrk_seconds: u64,
}

/// Interactions in flight at once in the concurrent workloads.
const IN_FLIGHT: usize = 8;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let target = Target::create(args.database.as_deref()).await?;
    let result = run(&args, &target).await;
    target.finish(args.keep).await?;
    result
}

fn scale(args: &Args) -> Scale {
    if args.quick {
        Scale {
            dramas: 2_000,
            tracks: 10_000,
            queries: 500,
            guilds: 1_000,
            reviews: 50_000,
            poll_votes: 10_000,
            clicks: 1_000,
            crowd_reviews: 4_000,
            write_seconds: 2,
            leaderboards: 50,
            wrk_seconds: 1,
        }
    } else {
        Scale {
            dramas: 20_000,
            tracks: 100_000,
            queries: 5_000,
            guilds: 1_000,
            reviews: 1_000_000,
            poll_votes: 100_000,
            clicks: 20_000,
            crowd_reviews: 40_000,
            write_seconds: 10,
            leaderboards: 200,
            wrk_seconds: 5,
        }
    }
}

async fn run(args: &Args, target: &Target) -> anyhow::Result<()> {
    let scale = scale(args);
    let url = target.url();
    let started = Instant::now();
    let pool = ostbot::app::open_database(&url).await?;
    // A new database imports and indexes the shipped catalog: the first start.
    let first_start_s = started.elapsed().as_secs_f64();
    let building = Instant::now();
    let generated = data::populate(&pool, scale.dramas, scale.tracks).await?;
    let catalog_build_s = building.elapsed().as_secs_f64();
    if args.search_only {
        return search_only(
            args,
            &scale,
            pool,
            target,
            &generated,
            first_start_s,
            catalog_build_s,
        )
        .await;
    }
    // Two polls in server 0: one for clicks, one pre-filled to be closed.
    let creator = Actor::new(&population::guild_name(0), "general", "poll-host", true);
    let click_poll = create_poll(&pool, &creator).await?;
    let big_poll = create_poll(&pool, &creator).await?;
    pool.close().await;
    let stored_reviews =
        population::reviews(target, &generated.drama_ids, scale.guilds, scale.reviews).await?;
    population::ballots(target, big_poll, 4, scale.poll_votes).await?;
    population::settle(target).await?;
    let populate_s = started.elapsed().as_secs_f64();

    // The generator's peak, then a fresh peak for the bot's phase (Linux
    // resets VmHWM on writing 5 to clear_refs).
    let populate_rss = peak_rss_mb();
    let _ = std::fs::write("/proc/self/clear_refs", "5");

    // Start-up on the populated database: open, migrate, check the shipped catalog.
    let started = Instant::now();
    let pool = ostbot::app::open_database(&url).await?;
    let startup_ms = started.elapsed().as_secs_f64() * 1e3;
    let bot = ostbot::app::offline_bot(pool);

    let queries = data::queries(&generated, scale.queries);
    let mut figures = Vec::new();
    let mut floor_db = Floor::open(target).await?;
    catalog_figures(
        &mut figures,
        &mut floor_db,
        target,
        first_start_s,
        catalog_build_s,
    )
    .await?;

    let (autocomplete, floor_fts) =
        autocomplete(&bot, &queries, &mut floor_db, args.slowest).await?;
    figures.extend(summary_figures(
        ["autocomplete p50", "autocomplete p99"],
        &autocomplete,
        &floor_fts,
        "≤ 2 ms",
    ));

    let (lookup, floor_pk) = lookup(&bot, &generated, scale.queries, &mut floor_db).await?;
    figures.extend(summary_figures(
        ["/track lookup p50", "/track lookup p99"],
        &lookup,
        &floor_pk,
        "≤ 1 ms",
    ));

    let keys = workloads::score_keys(&generated.drama_ids, scale.guilds, scale.queries);
    let (card, direct) = workloads::score_reads(&bot, &keys).await?;
    let key_ids = workloads::key_ids(&keys);
    let pk = floor_db.score_pk_reads(&key_ids).await?;
    let summary_floor = floor_db.score_summaries(&key_ids).await?;
    figures.push(Figure {
        name: "score read (store) p50",
        value: direct.p50_ms,
        unit: "ms",
        floor: Some(pk.p50_ms),
        target: "",
    });
    figures.push(Figure {
        name: "score read (store) p99",
        value: direct.p99_ms,
        unit: "ms",
        floor: Some(pk.p99_ms),
        target: "≤ 1 ms, ≤ 3× pk read",
    });
    figures.push(Figure {
        name: "score read (store) p99/same",
        value: direct.p99_ms,
        unit: "ms",
        floor: Some(summary_floor.p99_ms),
        target: "",
    });
    figures.push(Figure {
        name: "/drama card p50",
        value: card.p50_ms,
        unit: "ms",
        floor: Some(summary_floor.p50_ms),
        target: "",
    });
    figures.push(Figure {
        name: "/drama card p99",
        value: card.p99_ms,
        unit: "ms",
        floor: Some(summary_floor.p99_ms),
        target: "",
    });

    let boards: Vec<usize> = (0..scale.leaderboards)
        .map(|i| i * 7 % scale.guilds)
        .collect();
    let board = workloads::leaderboards(&bot, &boards).await?;
    let board_ids: Vec<i64> = boards.iter().map(|g| population::guild_id(*g)).collect();
    let board_floor = floor_db.leaderboard(&board_ids).await?;
    figures.push(Figure {
        name: "/leaderboard p50",
        value: board.p50_ms,
        unit: "ms",
        floor: Some(board_floor.p50_ms),
        target: "",
    });
    figures.push(Figure {
        name: "/leaderboard p99",
        value: board.p99_ms,
        unit: "ms",
        floor: Some(board_floor.p99_ms),
        target: "≤ 5 ms",
    });
    let board_all =
        workloads::leaderboards_everywhere(&bot, &boards[..boards.len().min(20)]).await?;
    let board_all_floor = floor_db
        .leaderboard(&[0; 20][..boards.len().min(20)])
        .await?;
    figures.push(Figure {
        name: "/leaderboard all servers p99",
        value: board_all.p99_ms,
        unit: "ms",
        floor: Some(board_all_floor.p99_ms),
        target: "≤ 5 ms",
    });

    let web = pages::measure(
        &bot,
        &boards[..boards.len().min(20)],
        &generated.drama_ids,
        scale.queries,
        scale.wrk_seconds,
    )
    .await?;
    figures.push(Figure {
        name: "web drama page p99",
        value: web.drama.p99_ms,
        unit: "ms",
        floor: Some(web.floor.p99_ms),
        target: "≤ 10 ms",
    });
    figures.push(Figure {
        name: "web leaderboard p99",
        value: web.leaderboard.p99_ms,
        unit: "ms",
        floor: Some(web.floor.p99_ms),
        target: "≤ 10 ms",
    });
    if let Some((drama, livez)) = web.wrk {
        figures.push(Figure {
            name: "web drama page, wrk",
            value: drama,
            unit: "/s",
            floor: Some(livez),
            target: "(floor: /livez)",
        });
    }

    let before = floor_db.count("SELECT COUNT(*) FROM reviews").await?;
    let duration = std::time::Duration::from_secs(scale.write_seconds);
    let writes = workloads::review_writes(&bot, &generated.drama_ids, duration).await?;
    let written = floor_db.count("SELECT COUNT(*) FROM reviews").await? - before;
    anyhow::ensure!(written > 0, "no /review was stored");
    let write_floor = floor_db
        .review_writes(population::guild_id(0), &generated.drama_ids, duration)
        .await?;
    figures.push(Figure {
        name: "/review writes",
        value: writes.per_s,
        unit: "/s",
        floor: Some(write_floor.per_s),
        target: "≥ 15000/s, ≥ 0.6× floor",
    });
    figures.push(Figure {
        name: "/review write p99",
        value: writes.p99_ms,
        unit: "ms",
        floor: Some(write_floor.p99_ms),
        target: "",
    });
    if let Some(dir) = target.scratch() {
        let during = workloads::review_writes_during_backup(
            &bot,
            &generated.drama_ids,
            &dir.join("backup.db"),
        )
        .await?;
        figures.push(Figure {
            name: "/review write p99 during a backup",
            value: during.p99_ms,
            unit: "ms",
            floor: Some(writes.p99_ms),
            target: "a few ms (floor: without a backup)",
        });
    }
    let before = floor_db.count("SELECT COUNT(*) FROM reviews").await?;
    let crowd = workloads::review_writes_concurrent(
        &bot,
        &generated.drama_ids,
        scale.crowd_reviews,
        IN_FLIGHT,
    )
    .await?;
    stored(
        &mut floor_db,
        "reviews",
        before,
        scale.crowd_reviews,
        "concurrent reviews",
    )
    .await?;
    figures.push(Figure {
        name: "/review writes, 8 in flight",
        value: crowd,
        unit: "/s",
        floor: Some(write_floor.per_s),
        target: "≥ 15000/s, ≥ 0.6× floor",
    });

    let before = floor_db.count("SELECT COUNT(*) FROM poll_votes").await?;
    let clicks = workloads::votes(&bot, click_poll, scale.clicks).await?;
    stored(&mut floor_db, "poll_votes", before, scale.clicks, "votes").await?;
    let vote_floor = floor_db
        .votes(click_poll, population::guild_id(0), scale.clicks)
        .await?;
    let before = floor_db.count("SELECT COUNT(*) FROM poll_votes").await?;
    let crowd = workloads::votes_concurrent(&bot, click_poll, scale.clicks, IN_FLIGHT).await?;
    stored(
        &mut floor_db,
        "poll_votes",
        before,
        scale.clicks,
        "concurrent votes",
    )
    .await?;
    figures.push(Figure {
        name: "poll votes",
        value: clicks.per_s,
        unit: "/s",
        floor: Some(vote_floor.per_s),
        target: "≥ 10000/s",
    });
    figures.push(Figure {
        name: "poll vote p99",
        value: clicks.p99_ms,
        unit: "ms",
        floor: Some(vote_floor.p99_ms),
        target: "",
    });
    figures.push(Figure {
        name: "poll votes, 8 in flight",
        value: crowd,
        unit: "/s",
        floor: Some(vote_floor.per_s),
        target: "",
    });

    let close_ms = workloads::close(&bot, &creator, big_poll).await?;
    let closed = floor_db
        .count(&format!(
            "SELECT COUNT(*) FROM polls WHERE id = {big_poll} AND closed_at IS NOT NULL"
        ))
        .await?;
    anyhow::ensure!(closed == 1, "the big poll did not close");
    let close_floor = floor_db.close_statements(big_poll).await?;
    figures.push(Figure {
        name: "close the big poll",
        value: close_ms,
        unit: "ms",
        floor: Some(close_floor),
        target: "≤ 50 ms",
    });

    let trivial = workloads::trivial_statements(&bot, scale.queries).await?;
    let trivial_floor = floor_db.trivial_statements(scale.queries).await?;
    figures.push(Figure {
        name: "one statement via sqlx p50",
        value: trivial.p50_ms,
        unit: "ms",
        floor: Some(trivial_floor.p50_ms),
        target: "(overhead per statement)",
    });

    figures.push(Figure {
        name: "start-up (populated db)",
        value: startup_ms,
        unit: "ms",
        floor: None,
        target: "≤ 500 ms",
    });
    figures.push(Figure {
        name: "peak RSS (bot phase)",
        value: peak_rss_mb(),
        unit: "MB",
        floor: None,
        target: "≤ 50 MB",
    });
    figures.push(Figure {
        name: "peak RSS (generating data)",
        value: populate_rss,
        unit: "MB",
        floor: None,
        target: "",
    });

    report(args, &scale, target, stored_reviews, populate_s, &figures);
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
    floor: &mut Floor,
    slowest: usize,
) -> anyhow::Result<(Summary, Summary)> {
    let actor = Actor::new("Bench", "general", "bencher", false);
    let mut samples = Samples::with_capacity(queries.len());
    let mut timed = Vec::with_capacity(queries.len());
    for (i, q) in queries.iter().enumerate() {
        let command = if i % 2 == 0 { "track" } else { "drama" };
        let payload = autocomplete_payload(&actor, command, q);
        let start = Instant::now();
        let response = bot::dispatch_json(bot, &payload).await?;
        let took = start.elapsed();
        samples.push(took);
        timed.push((took, command, q));
        debug_assert!(matches!(response, bot::Response::Autocomplete(_)));
    }
    timed.sort_unstable_by_key(|t| std::cmp::Reverse(t.0));
    for (took, command, q) in timed.iter().take(slowest) {
        eprintln!("{:>8.3} ms  /{command}  {q}", took.as_secs_f64() * 1e3);
    }
    Ok((samples.summary(), floor.search_statements(queries).await?))
}

async fn lookup(
    bot: &Bot,
    data: &data::Generated,
    n: usize,
    floor: &mut Floor,
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
    Ok((samples.summary(), floor.track_reads(&ids).await?))
}

/// A four-option poll open for three days, stored as `/poll create` stores it.
async fn create_poll(db: &Database, creator: &Actor) -> anyhow::Result<i64> {
    use ostbot::ids::{ChannelId, GuildId, UserId};
    use ostbot::polls::{NewOption, NewPoll};
    let now = chrono::Utc::now();
    let new = NewPoll {
        guild: GuildId::new(creator.guild_id),
        channel: ChannelId::new(creator.channel_id),
        creator: ostbot::polls::Creator::Member(UserId::new(creator.user_id)),
        question: "Best OST of the week?".into(),
        options: ["Stay With Me", "Beautiful", "I Miss You", "Start"]
            .iter()
            .map(|l| NewOption {
                label: (*l).to_owned(),
                track: None,
            })
            .collect(),
        multi: false,
        anonymous: false,
        hide_results: false,
        created_at: now,
        closes_at: now + chrono::Duration::days(3),
        weekly_cycle: None,
    };
    Ok(ostbot::polls::create(db, &new).await?.to_i64_bits())
}

/// Fails unless `table` has exactly `expected` more rows than `before`.
async fn stored(
    floor: &mut Floor,
    table: &str,
    before: i64,
    expected: usize,
    what: &str,
) -> anyhow::Result<()> {
    let added = floor
        .count(&format!("SELECT COUNT(*) FROM {table}"))
        .await?
        - before;
    anyhow::ensure!(
        usize::try_from(added) == Ok(expected),
        "{added} of {expected} {what} stored"
    );
    Ok(())
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

/// The catalog's own costs: importing the shipped one on a first start, and building the
/// generated one with its search index, beside the database copying the same rows without
/// it; the search tables' size beside the catalog tables'.
async fn catalog_figures(
    figures: &mut Vec<Figure>,
    floor_db: &mut Floor,
    target: &Target,
    first_start_s: f64,
    catalog_build_s: f64,
) -> anyhow::Result<()> {
    figures.push(Figure {
        name: "shipped catalog, first start",
        value: first_start_s,
        unit: "s",
        floor: None,
        target: "≤ 1 s",
    });
    figures.push(Figure {
        name: "catalog build with search",
        value: catalog_build_s,
        unit: "s",
        floor: Some(floor_db.catalog_copy(target.scratch()).await?),
        target: "≤ 30 s (full)",
    });
    let sizes = floor_db.sizes().await?;
    let mb = |pick: &dyn Fn(&str) -> bool| {
        sizes
            .iter()
            .filter(|(name, _)| pick(name))
            .map(|(_, bytes)| *bytes as f64)
            .sum::<f64>()
            / 1e6
    };
    let search = mb(&|name| name.starts_with("search") || name.contains("search_"));
    // The catalog tables and the indexes of their keys (SQLite's autoindexes,
    // PostgreSQL's `_pkey` and `_key` constraint indexes).
    let catalog = mb(&|name| {
        ["dramas", "tracks", "artists", "track_credits"]
            .iter()
            .any(|t| {
                name == *t
                    || name.starts_with(&format!("sqlite_autoindex_{t}"))
                    || (name.starts_with(&format!("{t}_"))
                        && (name.ends_with("_pkey") || name.ends_with("_key")))
            })
    });
    figures.push(Figure {
        name: "search tables",
        value: search,
        unit: "MB",
        floor: Some(catalog),
        target: "≤ 120 MB (full)",
    });
    Ok(())
}

/// `--search-only`: the catalog's figures, autocomplete and lookups, and where the search
/// tables' bytes go.
async fn search_only(
    args: &Args,
    scale: &Scale,
    pool: Database,
    target: &Target,
    generated: &data::Generated,
    first_start_s: f64,
    catalog_build_s: f64,
) -> anyhow::Result<()> {
    let bot = ostbot::app::offline_bot(pool);
    let mut floor_db = Floor::open(target).await?;
    let mut figures = Vec::new();
    catalog_figures(
        &mut figures,
        &mut floor_db,
        target,
        first_start_s,
        catalog_build_s,
    )
    .await?;
    let queries = data::queries(generated, scale.queries);
    let (autocomplete, floor_fts) =
        autocomplete(&bot, &queries, &mut floor_db, args.slowest).await?;
    figures.extend(summary_figures(
        ["autocomplete p50", "autocomplete p99"],
        &autocomplete,
        &floor_fts,
        "≤ 2 ms",
    ));
    let (lookup, floor_pk) = lookup(&bot, generated, scale.queries, &mut floor_db).await?;
    figures.extend(summary_figures(
        ["/track lookup p50", "/track lookup p99"],
        &lookup,
        &floor_pk,
        "≤ 1 ms",
    ));
    report(args, scale, target, 0, catalog_build_s, &figures);
    println!("\nsearch tables and indexes, MB:");
    for (name, bytes) in floor_db.sizes().await? {
        if name.starts_with("search") {
            println!("{name:<36} {:>8.1}", bytes as f64 / 1e6);
        }
    }
    Ok(())
}

/// The p50 and p99 figures of one workload, named `names`.
fn summary_figures(
    names: [&'static str; 2],
    value: &Summary,
    floor: &Summary,
    target: &'static str,
) -> [Figure; 2] {
    [
        Figure {
            name: names[0],
            value: value.p50_ms,
            unit: "ms",
            floor: Some(floor.p50_ms),
            target: "",
        },
        Figure {
            name: names[1],
            value: value.p99_ms,
            unit: "ms",
            floor: Some(floor.p99_ms),
            target,
        },
    ]
}

fn report(
    args: &Args,
    scale: &Scale,
    target: &Target,
    reviews: usize,
    populate_s: f64,
    figures: &[Figure],
) {
    let backend = if target.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    if args.json {
        let out = json!({
            "database": backend,
            "scale": {
                "dramas": scale.dramas, "tracks": scale.tracks, "queries": scale.queries,
                "servers": scale.guilds, "reviews": reviews, "poll_votes": scale.poll_votes,
                "quick": args.quick,
            },
            "populate_seconds": figures::round(populate_s),
            "figures": figures::to_json(figures),
        });
        println!("{out}");
        return;
    }
    println!(
        "ostbot-bench on {backend} — {} dramas, {} tracks, {} servers, {reviews} reviews, {} votes in the closed poll{} (populated in {populate_s:.1} s)",
        scale.dramas,
        scale.tracks,
        scale.guilds,
        scale.poll_votes,
        if args.quick { ", quick" } else { "" }
    );
    figures::print_table(figures);
}
