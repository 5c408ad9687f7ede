//! The public pages over loopback HTTP, served in this process as
//! `ostbot serve` serves them: a drama page and a leaderboard of published
//! servers, beside `/livez` on the same server (what HTTP alone costs) as
//! the floor; and, where Debian's `wrk` is installed, their throughput
//! under load beside `/livez`'s.

use crate::data::Rng;
use crate::population::{guild_id, popular};
use crate::stats::{Samples, Summary};
use ostbot::bot::Bot;
use ostbot::ids::GuildId;

pub struct Pages {
    pub drama: Summary,
    pub leaderboard: Summary,
    pub floor: Summary,
    /// Requests per second under `wrk`: (drama page, `/livez`).
    pub wrk: Option<(f64, f64)>,
}

pub async fn measure(
    bot: &Bot,
    guilds: &[usize],
    dramas: &[i64],
    requests: usize,
    wrk_seconds: u64,
) -> anyhow::Result<Pages> {
    let mut slugs = Vec::with_capacity(guilds.len());
    for g in guilds {
        let guild = GuildId::from_i64_bits(guild_id(*g))?;
        slugs.push(ostbot::publishing::publish(&bot.pool, guild).await?);
    }
    let router = ostbot::web::router(ostbot::app::site(bot))
        .route("/livez", axum::routing::get(|| async { "alive\n" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = reqwest::Client::new();
    let mut rng = Rng::new(0x5EB);
    let mut urls = |kind: &str| -> Vec<String> {
        (0..requests)
            .map(|i| {
                let slug = &slugs[i % slugs.len()];
                match kind {
                    "drama" => {
                        let drama = dramas[popular(&mut rng, dramas.len())];
                        format!("{base}/s/{slug}/drama/{drama}")
                    }
                    _ => format!("{base}/s/{slug}/top/dramas"),
                }
            })
            .collect()
    };
    let drama_urls = urls("drama");
    let board_urls = urls("leaderboard");
    let floor_urls = vec![format!("{base}/livez"); requests];
    let drama = timed(&client, &drama_urls).await?;
    let leaderboard = timed(&client, &board_urls).await?;
    let floor = timed(&client, &floor_urls).await?;
    let wrk = match which_wrk() {
        Some(wrk) => Some((
            load(&wrk, &drama_urls[0], wrk_seconds)?,
            load(&wrk, &floor_urls[0], wrk_seconds)?,
        )),
        None => {
            eprintln!("wrk not installed (apt-get install wrk): no throughput figures");
            None
        }
    };
    Ok(Pages {
        drama,
        leaderboard,
        floor,
        wrk,
    })
}

/// One request after another, each read to its end; every answer must be 200.
async fn timed(client: &reqwest::Client, urls: &[String]) -> anyhow::Result<Summary> {
    let mut samples = Samples::with_capacity(urls.len());
    for url in urls {
        let (status, _) = samples
            .time(async {
                let response = client.get(url).send().await?;
                let status = response.status();
                Ok::<_, reqwest::Error>((status, response.bytes().await?))
            })
            .await?;
        anyhow::ensure!(status.is_success(), "{url} answered {status}");
    }
    Ok(samples.summary())
}

fn which_wrk() -> Option<std::path::PathBuf> {
    ["/usr/bin/wrk", "/usr/local/bin/wrk"]
        .into_iter()
        .map(std::path::PathBuf::from)
        .find(|p| p.exists())
}

/// Requests per second `wrk` sustains on `url` (2 threads, 16 connections).
fn load(wrk: &std::path::Path, url: &str, seconds: u64) -> anyhow::Result<f64> {
    let out = std::process::Command::new(wrk)
        .args(["-t2", "-c16", &format!("-d{seconds}s"), url])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    anyhow::ensure!(
        !text.contains("Non-2xx"),
        "wrk saw failed answers from {url}:\n{text}"
    );
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no rate in wrk's output:\n{text}"))
}
