//! The community workloads, measured through `bot::dispatch_json` with
//! payloads exactly as Discord sends them: reviews, score reads,
//! leaderboards, poll votes and closing a big poll.

use crate::data::Rng;
use crate::population::{guild_id, guild_name, popular, score};
use crate::stats::{Rate, Samples, Summary};
use ostbot::bot::{self, Bot};
use ostbot::catalog::Kind;
use ostbot::ids::GuildId;
use ostbot::reviews::scores::{self, Scope};
use ostbot::transport::simulated::{self, stable_id, Actor};
use serde_json::json;
use std::ops::Range;
use std::time::{Duration, Instant};

fn bytes(v: serde_json::Value) -> Vec<u8> {
    v.to_string().into_bytes()
}

/// New whole-OST reviews by fresh members of one server, `/review` after
/// `/review`, for at least `duration` of dispatch time.
pub async fn review_writes(bot: &Bot, dramas: &[i64], duration: Duration) -> anyhow::Result<Rate> {
    let mut rng = Rng::new(0x004E_71E3);
    let mut samples = Samples::with_capacity(100_000);
    timed_reviews(bot, dramas, &mut rng, "writer", CHUNK, &mut samples, |s| {
        s.total() >= duration
    })
    .await?;
    Ok(samples.rate())
}

/// `/review`s sent one after another while `ostbot backup` writes a copy of
/// the database beside it: how long a member's write waits for a backup
/// (SQLite's: PostgreSQL is backed up by its own tools).
pub async fn review_writes_during_backup(
    bot: &Bot,
    dramas: &[i64],
    copy: &std::path::Path,
) -> anyhow::Result<Rate> {
    let mut rng = Rng::new(0x00BA_C0B0);
    let mut samples = Samples::with_capacity(100_000);
    let backup = tokio::spawn({
        let (pool, copy) = (bot.pool.clone(), copy.to_path_buf());
        async move { ostbot::backup::write(&pool, &copy).await }
    });
    let sent = timed_reviews(
        bot,
        dramas,
        &mut rng,
        "backup-writer",
        64,
        &mut samples,
        |_| backup.is_finished(),
    )
    .await?;
    backup.await??;
    anyhow::ensure!(sent > 0, "no /review was sent while the backup ran");
    Ok(samples.rate())
}

/// Sends `/review`s of fresh members in batches of `batch` (built outside
/// the timed section) until `done`, timing each; returns how many it sent.
async fn timed_reviews(
    bot: &Bot,
    dramas: &[i64],
    rng: &mut Rng,
    who: &str,
    batch: usize,
    samples: &mut Samples,
    done: impl Fn(&Samples) -> bool,
) -> anyhow::Result<usize> {
    let mut n = 0;
    while !done(samples) {
        let payloads = review_payloads(rng, dramas, n..n + batch, who);
        n += payloads.len();
        for payload in &payloads {
            samples.time(bot::dispatch_json(bot, payload)).await?;
        }
    }
    Ok(n)
}

/// `/review`s of popular dramas by fresh members of one server.
fn review_payloads(
    rng: &mut Rng,
    dramas: &[i64],
    members: Range<usize>,
    who: &str,
) -> Vec<Vec<u8>> {
    let guild = guild_name(0);
    members
        .map(|i| {
            let actor = Actor::new(&guild, "general", &format!("{who}-{i}"), false);
            let drama = dramas[popular(rng, dramas.len())];
            let options = json!([
                { "name": "drama", "type": 3, "value": format!("id:{drama}") },
                { "name": "score", "type": 4, "value": score(rng) }
            ]);
            bytes(actor.command("review", options, json!({})))
        })
        .collect()
}

/// `n` new reviews as a busy server sends them, `in_flight` at a time:
/// reviews / wall time of the dispatches.
pub async fn review_writes_concurrent(
    bot: &Bot,
    dramas: &[i64],
    n: usize,
    in_flight: usize,
) -> anyhow::Result<f64> {
    let mut rng = Rng::new(0x0C_0C0C);
    concurrently(bot, n, in_flight, |members| {
        review_payloads(&mut rng, dramas, members, "crowd-writer")
    })
    .await
}

/// `(guild id, drama id)` pairs of score reads: popular dramas in random servers.
pub fn score_keys(dramas: &[i64], guilds: usize, n: usize) -> Vec<(usize, i64)> {
    let mut rng = Rng::new(0x0005_C04E);
    (0..n)
        .map(|_| (rng.below(guilds), dramas[popular(&mut rng, dramas.len())]))
        .collect()
}

/// `/drama` (card with the server's and every server's score) through dispatch,
/// and the store's `scores::summary` called directly.
pub async fn score_reads(bot: &Bot, keys: &[(usize, i64)]) -> anyhow::Result<(Summary, Summary)> {
    let mut card = Samples::with_capacity(keys.len());
    for (g, drama) in keys {
        let actor = Actor::new(&guild_name(*g), "general", "reader", false);
        let options = json!([{ "name": "query", "type": 3, "value": format!("id:{drama}") }]);
        let payload = bytes(actor.command("drama", options, json!({})));
        card.time(bot::dispatch_json(bot, &payload)).await?;
    }
    let mut direct = Samples::with_capacity(keys.len());
    for (g, drama) in keys {
        let scope = Scope::Guild(GuildId::new(stable_id("guild", &guild_name(*g))));
        direct
            .time(scores::summary(&bot.pool, scope, Kind::Drama, *drama))
            .await?;
    }
    Ok((card.summary(), direct.summary()))
}

/// The database ids of the servers `keys` read from.
pub fn key_ids(keys: &[(usize, i64)]) -> Vec<(i64, i64)> {
    keys.iter().map(|(g, d)| (guild_id(*g), *d)).collect()
}

/// `/leaderboard` (dramas, this server, all time) in `n` servers.
pub async fn leaderboards(bot: &Bot, guilds: &[usize]) -> anyhow::Result<Summary> {
    let mut samples = Samples::with_capacity(guilds.len());
    for g in guilds {
        let actor = Actor::new(&guild_name(*g), "general", "reader", false);
        let payload = bytes(actor.command("leaderboard", json!([]), json!({})));
        samples.time(bot::dispatch_json(bot, &payload)).await?;
    }
    Ok(samples.summary())
}

/// `/leaderboard scope:all` (dramas, every server, all time).
pub async fn leaderboards_everywhere(bot: &Bot, guilds: &[usize]) -> anyhow::Result<Summary> {
    let mut samples = Samples::with_capacity(guilds.len());
    for g in guilds {
        let actor = Actor::new(&guild_name(*g), "general", "reader", false);
        let options = json!([{ "name": "scope", "type": 3, "value": "all" }]);
        let payload = bytes(actor.command("leaderboard", options, json!({})));
        samples.time(bot::dispatch_json(bot, &payload)).await?;
    }
    Ok(samples.summary())
}

/// Vote button clicks by `n` fresh members on poll `poll` (4 options).
fn vote_payloads(poll: i64, members: Range<usize>, who: &str) -> Vec<Vec<u8>> {
    let guild = guild_name(0);
    members
        .map(|v| {
            let actor = Actor::new(&guild, "general", &format!("{who}-{v}"), false);
            let message = simulated::message(
                simulated::next_snowflake(),
                actor.channel_id,
                "",
                json!([]),
                json!([]),
            );
            bytes(actor.component(&format!("poll:vote:{poll}:{}", v % 4), None, message))
        })
        .collect()
}

/// Payloads are built this many at a time, outside the timed sections, so
/// that the harness's buffers stay small beside the bot's memory.
const CHUNK: usize = 500;

/// The chunks of `0..n`.
fn chunks(n: usize) -> impl Iterator<Item = Range<usize>> {
    (0..n)
        .step_by(CHUNK)
        .map(move |from| from..(from + CHUNK).min(n))
}

/// Clicks one after another: the rate is clicks / time spent in dispatch.
pub async fn votes(bot: &Bot, poll: i64, n: usize) -> anyhow::Result<Rate> {
    let mut samples = Samples::with_capacity(n);
    for members in chunks(n) {
        for payload in &vote_payloads(poll, members, "clicker") {
            samples.time(bot::dispatch_json(bot, payload)).await?;
        }
    }
    Ok(samples.rate())
}

/// Clicks as a busy server sends them, `in_flight` at a time: clicks / wall
/// time of the dispatches.
pub async fn votes_concurrent(
    bot: &Bot,
    poll: i64,
    n: usize,
    in_flight: usize,
) -> anyhow::Result<f64> {
    concurrently(bot, n, in_flight, |members| {
        vote_payloads(poll, members, "crowd")
    })
    .await
}

/// Dispatches `n` payloads, built chunk by chunk by `build`, `in_flight` at
/// a time (the gateway handles each interaction in a task of its own):
/// payloads / wall time of the dispatches.
async fn concurrently(
    bot: &Bot,
    n: usize,
    in_flight: usize,
    mut build: impl FnMut(Range<usize>) -> Vec<Vec<u8>>,
) -> anyhow::Result<f64> {
    let mut busy = Duration::ZERO;
    for members in chunks(n) {
        busy += in_lanes(bot, build(members), in_flight).await?;
    }
    Ok(n as f64 / busy.as_secs_f64())
}

/// Dispatches `payloads` `in_flight` at a time: the wall time it took.
async fn in_lanes(bot: &Bot, payloads: Vec<Vec<u8>>, in_flight: usize) -> anyhow::Result<Duration> {
    let mut lanes: Vec<Vec<Vec<u8>>> = vec![Vec::new(); in_flight];
    for (i, p) in payloads.into_iter().enumerate() {
        lanes[i % in_flight].push(p);
    }
    let start = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for lane in lanes {
        let bot = bot.clone();
        tasks.spawn(async move {
            for payload in &lane {
                bot::dispatch_json(&bot, payload).await?;
            }
            anyhow::Ok(())
        });
    }
    while let Some(done) = tasks.join_next().await {
        done??;
    }
    Ok(start.elapsed())
}

/// `/poll close` on poll `poll` by its creator (results posted): milliseconds.
pub async fn close(bot: &Bot, creator: &Actor, poll: i64) -> anyhow::Result<f64> {
    let options = json!([{ "name": "close", "type": 1,
        "options": [{ "name": "poll", "type": 4, "value": poll }] }]);
    let payload = bytes(creator.command("poll", options, json!({})));
    let start = Instant::now();
    bot::dispatch_json(bot, &payload).await?;
    Ok(start.elapsed().as_secs_f64() * 1e3)
}

/// One trivial statement through the bot's pool: what sqlx adds to every
/// statement (on SQLite the hop to the connection's worker thread and back,
/// on PostgreSQL the pool's checkout and a round trip to the server).
pub async fn trivial_statements(bot: &Bot, n: usize) -> anyhow::Result<Summary> {
    let mut samples = Samples::with_capacity(n);
    for _ in 0..n {
        let q = async { ostbot_core::db_execute!(&bot.pool, sqlx::query("SELECT 1")) };
        samples.time(q).await?;
    }
    Ok(samples.summary())
}
