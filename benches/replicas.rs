//! Review and vote throughput over `ostbot serve` replicas of one database:
//! 8 clients send signed reviews and votes through a round-robin balancer
//! (`tests/support/proxy.rs`) to one replica, then to two. The floor is the
//! one replica: the figure says what a second process on the same database
//! adds (or costs: on SQLite both serialize on its one writer).
//!
//! `cargo bench --bench replicas` (about 20 s after the build), `-- --quick`
//! for a short run, `-- --json` for one object, `-- --database postgres://…`
//! for PostgreSQL: each run then gets a fresh database on that server (a copy
//! of a template with the shipped catalog, as the tests' `support::seed`
//! makes on PostgreSQL), dropped after it. BENCHMARKS.md has the figures.

#[allow(dead_code)]
#[path = "../bench/src/figures.rs"]
mod figures;
#[path = "../tests/support/mod.rs"]
mod support;

use ed25519_dalek::SigningKey;
use figures::Figure;
use ostbot::transport::simulated::Actor;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;
use support::fake::FakeDiscord;
use support::replicas::{serve_with_key, signed_post};

/// Clients sending at once, each waiting for its answer before the next write.
const CLIENTS: usize = 8;

struct Run {
    writes_per_s: f64,
    acknowledged: usize,
}

/// One member's review and vote, from each of `CLIENTS` clients, through a
/// balancer in front of `replicas` processes on one fresh database.
async fn run(replicas: usize, members_per_client: usize) -> anyhow::Result<Run> {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir()?;
    let database = support::seed(dir.path(), "bench.db");
    let written = serve_and_write(&fake, dir.path(), &database, replicas, members_per_client).await;
    if !database.starts_with("sqlite:") {
        drop_database(&database).await;
    }
    written
}

/// Drops the PostgreSQL database `url` names (its last path segment).
async fn drop_database(url: &str) {
    let name = url
        .split('?')
        .next()
        .and_then(|base| base.rsplit('/').next())
        .unwrap_or_default();
    if let Some(admin) = support::postgres::admin("replicas").await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&admin)
            .await;
        admin.close().await;
    }
}

async fn serve_and_write(
    fake: &FakeDiscord,
    dir: &std::path::Path,
    database: &str,
    replicas: usize,
    members_per_client: usize,
) -> anyhow::Result<Run> {
    let key = SigningKey::from_bytes(&[7; 32]);
    let mut processes = Vec::new();
    let mut backends = Vec::new();
    for _ in 0..replicas {
        let mut process = serve_with_key(fake, dir, database, &key, &[]);
        backends.push(support::child::address_in(
            &process.logged("serving interactions").await,
        ));
        processes.push(process);
    }
    let balancer = support::proxy::RoundRobin::start(&backends).await;
    let client = reqwest::Client::new();
    let send = {
        let (client, address, key) = (client.clone(), balancer.address.clone(), key.clone());
        move |payload: Value| {
            let (client, address, key) = (client.clone(), address.clone(), key.clone());
            async move {
                let answer = signed_post(&client, &address, &key, &payload).await.ok()?;
                serde_json::from_str::<Value>(&answer.text().await.ok()?).ok()
            }
        }
    };
    let (poll, form, channel) = poll_and_review_form(&send, fake).await?;

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (send, form, acknowledged) = (send.clone(), form.clone(), acknowledged.clone());
        clients.push(tokio::spawn(async move {
            for n in 0..members_per_client {
                let actor = Actor::new("Seoul OST Club", "general", &format!("r{c}-{n}"), false);
                let score = (1 + (c + n) % 10).to_string();
                let review = actor.modal_submit(&form, &[("score".into(), score)]);
                if saved(send(review).await, "Your review is saved.") {
                    acknowledged.fetch_add(1, Ordering::Relaxed);
                }
                let vote = support::click(&actor, &format!("poll:vote:{poll}:{}", n % 2), channel);
                if saved(send(vote).await, "You voted for") {
                    acknowledged.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    for client in clients {
        client.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    for process in processes {
        process.terminate().await;
    }
    let acknowledged = acknowledged.load(Ordering::Relaxed);
    Ok(Run {
        writes_per_s: acknowledged as f64 / elapsed,
        acknowledged,
    })
}

fn saved(reply: Option<Value>, starts: &str) -> bool {
    reply.is_some_and(|r| {
        r["data"]["content"]
            .as_str()
            .unwrap_or_default()
            .starts_with(starts)
    })
}

/// A poll to vote in and the review form of a track, made through the balancer.
async fn poll_and_review_form<F, Fut>(
    send: &F,
    fake: &FakeDiscord,
) -> anyhow::Result<(u64, String, u64)>
where
    F: Fn(Value) -> Fut,
    Fut: std::future::Future<Output = Option<Value>>,
{
    let creator = Actor::new("Seoul OST Club", "general", "mod", true);
    let create = support::sub(
        "create",
        vec![
            support::s("question", "Which one?"),
            support::s("duration", "1d"),
            support::s("option1", "첫눈처럼 너에게 가겠다"),
            support::s("option2", "Something else"),
        ],
    );
    send(creator.command("poll", create, json!({}))).await;
    let posted = fake
        .wait_for("the poll message", |r| {
            r.method == "POST" && r.path.ends_with("/messages")
        })
        .await;
    let poll = support::custom_ids(posted.body.as_ref().unwrap_or(&Value::Null))
        .iter()
        .find_map(|id| {
            id.strip_prefix("poll:vote:")?
                .split(':')
                .next()?
                .parse()
                .ok()
        })
        .ok_or_else(|| anyhow::anyhow!("no vote button on the poll"))?;
    let member = Actor::new("Seoul OST Club", "general", "first", false);
    let lookup = json!([support::s("query", "첫눈처럼 너에게 가겠다")]);
    let card = send(member.command("track", lookup, json!({})))
        .await
        .unwrap_or_default();
    let button = support::custom_ids(&card["data"])
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .ok_or_else(|| anyhow::anyhow!("no Review button on the card"))?;
    let modal = send(support::click(&member, &button, creator.channel_id))
        .await
        .unwrap_or_default();
    let form = modal["data"]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    Ok((poll, form, creator.channel_id))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let json_out = args.iter().any(|a| a == "--json");
    let database = args
        .iter()
        .position(|a| a == "--database")
        .and_then(|i| args.get(i + 1));
    let backend = match database {
        Some(url) if url.starts_with("postgres") => {
            // `support::seed` copies its template database on this server.
            std::env::set_var("OSTBOT_TEST_DATABASE", "postgres");
            std::env::set_var("OSTBOT_TEST_POSTGRES_URL", url);
            std::env::set_var("OSTBOT_TEST_POSTGRES", "1");
            "postgres"
        }
        Some(other) => anyhow::bail!("--database takes a postgres:// URL, not {other:?}"),
        None => "sqlite",
    };
    let members = if quick { 25 } else { 150 };
    let one = run(1, members).await?;
    let two = run(2, members).await?;
    let expected = 2 * CLIENTS * members;
    for (replicas, run) in [(1, &one), (2, &two)] {
        if run.acknowledged != expected {
            anyhow::bail!(
                "{replicas} replica(s): {} of {expected} writes acknowledged",
                run.acknowledged
            );
        }
    }
    let figures = vec![
        Figure {
            name: "writes, 1 replica",
            value: one.writes_per_s,
            unit: "/s",
            floor: None,
            target: "(reviews and votes, 8 clients)",
        },
        Figure {
            name: "writes, 2 replicas",
            value: two.writes_per_s,
            unit: "/s",
            floor: Some(one.writes_per_s),
            target: "(floor: 1 replica)",
        },
    ];
    if json_out {
        let out = json!({
            "database": backend,
            "scale": { "clients": CLIENTS, "members_per_client": members, "writes": expected, "quick": quick },
            "figures": figures::to_json(&figures),
        });
        println!("{out}");
        return Ok(());
    }
    println!(
        "ostbot replicas — {CLIENTS} clients, {expected} writes (a review and a vote per member) through a round-robin balancer, one {} database{}",
        if backend == "postgres" { "PostgreSQL" } else { "SQLite" },
        if quick { ", quick" } else { "" }
    );
    figures::print_table(&figures);
    Ok(())
}
