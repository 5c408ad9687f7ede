//! End to end through the fake Discord of `tests/support/`: interaction →
//! callback latency at a fixed 500 interactions/s, for the real `ostbot run`
//! gateway client beside a bare serenity bot that answers every interaction
//! with a fixed message on the same fake (the framework's own floor).
//!
//! `cargo bench --bench e2e` (about 30 s after the build), `-- --quick` for a
//! short run, `-- --json` for one object. BENCHMARKS.md explains the figures.

#[allow(dead_code)]
#[path = "../bench/src/figures.rs"]
mod figures;
#[allow(dead_code)]
#[path = "../bench/src/stats.rs"]
mod stats;
#[path = "../tests/support/mod.rs"]
mod support;

use figures::Figure;
use ostbot::config::Needs;
use ostbot::transport::answer::Deadline;
use ostbot::transport::rest;
use ostbot::transport::simulated::Actor;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{json, Value};
use serenity::all::{
    ClientBuilder, Context, CreateInteractionResponse, CreateInteractionResponseMessage,
    EventHandler, GatewayIntents, Interaction, ShardManager,
};
use stats::Samples;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::fake::{FakeDiscord, Recorded};
use support::GatewayBot;
use tokio::task::JoinHandle;

/// Interactions per second, sent open-loop on a fixed schedule.
const RATE: u32 = 500;
/// Each bot is fed in turns of this many interactions (one second), so a
/// change in the machine's load falls on both bots alike.
const TURN: usize = RATE as usize;

struct Args {
    quick: bool,
    json: bool,
}

impl Args {
    /// `--quick`, `--json`; `cargo bench` adds `--bench` and maybe a filter.
    fn parse() -> anyhow::Result<Args> {
        let mut args = Args {
            quick: false,
            json: false,
        };
        for arg in std::env::args().skip(1) {
            match arg.as_str() {
                "--quick" => args.quick = true,
                "--json" => args.json = true,
                "--bench" => {}
                other if !other.starts_with('-') => {}
                other => anyhow::bail!("unknown option {other} (expected --quick or --json)"),
            }
        }
        Ok(args)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Autocomplete,
    Track,
    Drama,
}

/// What the interactions are made of: members of the fake's server, and
/// the shipped catalog the bot's database holds.
struct Mix {
    members: Vec<Actor>,
    tracks: Vec<i64>,
    dramas: Vec<i64>,
    /// Titles a member starts typing (track and drama, Latin and Hangul).
    titles: Vec<(Kind, String)>,
    rng: StdRng,
}

impl Mix {
    async fn load(pool: &ostbot::db::Database) -> anyhow::Result<Mix> {
        let ids = |sql: &'static str| async move {
            ostbot_core::on_db!(pool, |e| sqlx::query_scalar::<_, i64>(sql)
                .fetch_all(e)
                .await)
        };
        let (tracks, dramas) = (
            ids("SELECT id FROM tracks").await?,
            ids("SELECT id FROM dramas").await?,
        );
        let names = |sql: &'static str| async move {
            ostbot_core::on_db!(pool, |e| sqlx::query_scalar::<_, String>(sql)
                .fetch_all(e)
                .await)
        };
        let mut titles: Vec<(Kind, String)> = Vec::new();
        for (kind, sql) in [
            (Kind::Track, "SELECT title FROM tracks"),
            (Kind::Drama, "SELECT title FROM dramas"),
            (
                Kind::Drama,
                "SELECT title_ko FROM dramas WHERE title_ko IS NOT NULL AND title_ko <> ''",
            ),
        ] {
            titles.extend(names(sql).await?.into_iter().map(|t| (kind, t)));
        }
        anyhow::ensure!(
            !tracks.is_empty() && !dramas.is_empty(),
            "the shipped catalog is empty"
        );
        let guild = "Seoul OST Club";
        let members = (0..50)
            .map(|i| Actor::new(guild, "general", &format!("member-{i}"), false))
            .collect();
        Ok(Mix {
            members,
            tracks,
            dramas,
            titles,
            rng: StdRng::seed_from_u64(6),
        })
    }

    /// 40 % autocomplete (a title's first 2–8 characters, in `/track` or
    /// `/drama`), 40 % `/track` and 20 % `/drama` on a chosen suggestion.
    fn next(&mut self) -> (Kind, Value) {
        let member = &self.members[self.rng.gen_range(0..self.members.len())];
        let roll = self.rng.gen_range(0..10);
        if roll < 4 {
            let (kind, title) = &self.titles[self.rng.gen_range(0..self.titles.len())];
            let typed: String = title.chars().take(self.rng.gen_range(2..=8)).collect();
            let command = if *kind == Kind::Track {
                "track"
            } else {
                "drama"
            };
            let options = json!([{ "name": "query", "type": 3, "value": typed, "focused": true }]);
            return (Kind::Autocomplete, member.autocomplete(command, options));
        }
        let (kind, command, ids) = if roll < 8 {
            (Kind::Track, "track", &self.tracks)
        } else {
            (Kind::Drama, "drama", &self.dramas)
        };
        let id = ids[self.rng.gen_range(0..ids.len())];
        let options = json!([{ "name": "query", "type": 3, "value": format!("id:{id}") }]);
        (kind, member.command(command, options, json!({})))
    }
}

/// Round trips of one bot: interaction sent → callback received by the fake.
#[derive(Default)]
struct Trips {
    all: Samples,
    by_kind: HashMap<Kind, Samples>,
    max: Duration,
    /// How late the sender was against the schedule (harness precision).
    lag: Samples,
    lag_max: Duration,
}

impl Trips {
    fn push(&mut self, kind: Kind, trip: Duration) {
        self.all.push(trip);
        self.by_kind.entry(kind).or_default().push(trip);
        self.max = self.max.max(trip);
    }

    fn p99(&mut self, kind: Kind) -> f64 {
        self.by_kind.entry(kind).or_default().summary().p99_ms
    }
}

/// Sends one turn at `RATE` from a thread of its own, and waits until every
/// interaction was answered. Each trip is measured from its *scheduled*
/// send time, so a late sender or a backlog in the bot counts against the
/// bot (no coordinated omission).
async fn turn(
    fake: &Arc<FakeDiscord>,
    batch: Vec<(Kind, Value)>,
    trips: Option<&mut Trips>,
) -> anyhow::Result<()> {
    let interval = Duration::from_secs(1) / RATE;
    let start = Instant::now() + Duration::from_millis(10);
    let mut pending: HashMap<String, (Kind, Instant)> = HashMap::new();
    let mut payloads = Vec::with_capacity(batch.len());
    for (i, (kind, payload)) in batch.into_iter().enumerate() {
        let id = payload["id"].as_str().unwrap_or_default().to_owned();
        let at = start + interval * i as u32;
        pending.insert(id, (kind, at));
        payloads.push((at, payload));
    }
    let sender = {
        let fake = fake.clone();
        tokio::task::spawn_blocking(move || {
            let mut lags = Vec::with_capacity(payloads.len());
            for (at, payload) in payloads {
                if let Some(wait) = at.checked_duration_since(Instant::now()) {
                    std::thread::sleep(wait);
                }
                lags.push(Instant::now().saturating_duration_since(at));
                fake.interaction(payload);
            }
            lags
        })
    };
    let mut answered = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let callback = fake.wait_for("an interaction callback", is_callback).await;
        let id = callback.path.split('/').nth(2).unwrap_or_default();
        if let Some((kind, at)) = pending.remove(id) {
            anyhow::ensure!(
                callback.status == 204,
                "callback {} answered {}: {:?}",
                callback.path,
                callback.status,
                callback.schema_errors
            );
            answered.push((kind, callback.received.saturating_duration_since(at)));
        }
    }
    let lags = sender.await?;
    if let Some(trips) = trips {
        for (kind, trip) in answered {
            trips.push(kind, trip);
        }
        for lag in lags {
            trips.lag.push(lag);
            trips.lag_max = trips.lag_max.max(lag);
        }
    }
    Ok(())
}

fn is_callback(request: &Recorded) -> bool {
    request.method == "POST" && request.path.ends_with("/callback")
}

/// The framework's floor: serenity's client with a handler that answers
/// every interaction with the same message, no database, no dispatcher.
struct Fixed;

#[serenity::async_trait]
impl EventHandler for Fixed {
    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let (Interaction::Command(i) | Interaction::Autocomplete(i)) = interaction else {
            return;
        };
        let reply = CreateInteractionResponse::Message(
            CreateInteractionResponseMessage::new().content("OST!"),
        );
        if let Err(error) = i.create_response(&ctx.http, reply).await {
            eprintln!("the bare bot's callback failed: {error}");
        }
    }
}

struct BareBot {
    shards: Arc<ShardManager>,
    task: JoinHandle<serenity::Result<()>>,
}

impl BareBot {
    /// The same REST client set-up as `ostbot run` (`rest::http_client`)
    /// and the same intents, pointed at `fake`.
    async fn start(fake: &FakeDiscord) -> anyhow::Result<BareBot> {
        let config = support::config(
            &[
                ("DISCORD_TOKEN", support::TOKEN),
                ("DISCORD_API_BASE", fake.api_base()),
            ],
            Needs {
                token: true,
                public_key: false,
            },
        );
        let http = rest::http_client(&config)?;
        let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
            .event_handler(Fixed)
            .await?;
        let shards = client.shard_manager.clone();
        let task = tokio::spawn(async move { client.start().await });
        fake.wait_sessions(1).await;
        Ok(BareBot { shards, task })
    }

    async fn stop(self) -> anyhow::Result<()> {
        self.shards.shutdown_all().await;
        Ok(tokio::time::timeout(Duration::from_secs(20), self.task).await???)
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse()?;
    let turns = if args.quick { 2 } else { 10 };

    let ostbot_fake = Arc::new(FakeDiscord::start().await);
    let ostbot = GatewayBot::start(&ostbot_fake, Deadline::default()).await;
    ostbot_fake.wait_sessions(1).await;
    ostbot_fake
        .wait_for("the command registration", |r| r.method == "PUT")
        .await;
    let bare_fake = Arc::new(FakeDiscord::start().await);
    let bare = BareBot::start(&bare_fake).await?;

    let mut mix = Mix::load(&ostbot.pool).await?;
    let (dramas, tracks) = (mix.dramas.len(), mix.tracks.len());
    let mut batch = |n: usize| (0..n).map(|_| mix.next()).collect::<Vec<_>>();

    // Warm-up: connections, statement caches, the allocator.
    turn(&bare_fake, batch(TURN / 2), None).await?;
    turn(&ostbot_fake, batch(TURN / 2), None).await?;
    let (mut ours, mut floor) = (Trips::default(), Trips::default());
    for _ in 0..turns {
        // The same interactions for both, in alternating turns.
        let interactions = batch(TURN);
        turn(&bare_fake, fresh_ids(&interactions), Some(&mut floor)).await?;
        turn(&ostbot_fake, fresh_ids(&interactions), Some(&mut ours)).await?;
    }

    // The same interactions through `dispatch` alone, one after another:
    // the bot's own service time, without transport or queueing.
    let mut alone = Samples::with_capacity(TURN);
    for (_, payload) in batch(TURN) {
        let body = payload.to_string().into_bytes();
        alone
            .time(ostbot::bot::dispatch_json(&ostbot.bot, &body))
            .await?;
    }

    ostbot.stop().await;
    bare.stop().await?;
    ostbot_fake.assert_bodies_valid();
    bare_fake.assert_bodies_valid();

    let lag_p99 = ours.lag.summary().p99_ms.max(floor.lag.summary().p99_ms);
    if lag_p99 > 1.0 {
        eprintln!(
            "warning: the sender ran {lag_p99:.1} ms late at p99: the machine is busy, and the trips below include it"
        );
    }
    let mut figures = figures(&mut ours, &mut floor);
    let alone = alone.summary();
    for (name, value) in [
        ("dispatch alone p50", alone.p50_ms),
        ("dispatch alone p99", alone.p99_ms),
    ] {
        figures.push(Figure {
            name,
            value,
            unit: "ms",
            floor: None,
            target: "(ostbot's service time)",
        });
    }
    let interactions = turns * TURN;
    if args.json {
        let out = json!({
            "scale": {
                "rate_per_s": RATE, "seconds_per_bot": turns, "interactions_per_bot": interactions,
                "dramas": dramas, "tracks": tracks, "quick": args.quick,
            },
            "figures": figures::to_json(&figures),
        });
        println!("{out}");
        return Ok(());
    }
    println!(
        "ostbot e2e — {RATE} interactions/s for {turns} s per bot ({interactions} each: 40% autocomplete, 40% /track, 20% /drama), shipped catalog ({dramas} dramas, {tracks} tracks){}; floor: bare serenity bot",
        if args.quick { ", quick" } else { "" }
    );
    figures::print_table(&figures);
    Ok(())
}

/// The interactions again, each with a new id and token (Discord never
/// repeats one), so a turn's callbacks are told from another's.
fn fresh_ids(batch: &[(Kind, Value)]) -> Vec<(Kind, Value)> {
    batch
        .iter()
        .map(|(kind, payload)| {
            let mut payload = payload.clone();
            let id = ostbot::transport::simulated::next_snowflake();
            payload["id"] = json!(id.to_string());
            payload["token"] = json!(format!("sim-token-{id}"));
            (*kind, payload)
        })
        .collect()
}

fn figures(ours: &mut Trips, floor: &mut Trips) -> Vec<Figure> {
    let (all, bare) = (ours.all.summary(), floor.all.summary());
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    vec![
        Figure {
            name: "interaction→callback p50",
            value: all.p50_ms,
            unit: "ms",
            floor: Some(bare.p50_ms),
            target: "",
        },
        Figure {
            name: "interaction→callback p99",
            value: all.p99_ms,
            unit: "ms",
            floor: Some(bare.p99_ms),
            target: "≤ 5 ms, ≤ 1.5× bare serenity",
        },
        Figure {
            name: "interaction→callback max",
            value: ms(ours.max),
            unit: "ms",
            floor: Some(ms(floor.max)),
            target: "",
        },
        Figure {
            name: "autocomplete e2e p99",
            value: ours.p99(Kind::Autocomplete),
            unit: "ms",
            floor: Some(floor.p99(Kind::Autocomplete)),
            target: "",
        },
        Figure {
            name: "/track e2e p99",
            value: ours.p99(Kind::Track),
            unit: "ms",
            floor: Some(floor.p99(Kind::Track)),
            target: "",
        },
        Figure {
            name: "/drama e2e p99",
            value: ours.p99(Kind::Drama),
            unit: "ms",
            floor: Some(floor.p99(Kind::Drama)),
            target: "",
        },
        Figure {
            name: "sender lag p99 (harness)",
            value: ours.lag.summary().p99_ms,
            unit: "ms",
            floor: Some(floor.lag.summary().p99_ms),
            target: "(included above)",
        },
        Figure {
            name: "sender lag max (harness)",
            value: ms(ours.lag_max),
            unit: "ms",
            floor: Some(ms(floor.lag_max)),
            target: "",
        },
    ]
}
