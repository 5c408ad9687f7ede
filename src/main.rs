//! The `ostbot` command line.

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use ostbot::bot::scheduler;
use ostbot::catalog::search::{self, SearchFilter};
use ostbot::catalog::{self, DramaId, Kind, TrackId};
use ostbot::config::{Config, Needs};
use ostbot::transport::{console, gateway};
use ostbot::transport::{http, metrics};
use ostbot::{app, bot};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "ostbot",
    version,
    about = "A Discord bot for K-drama OST communities"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Connect to Discord's gateway and serve (needs DISCORD_TOKEN).
    Run {
        /// Also serve GET /metrics (Prometheus) and GET /healthz on this address.
        #[arg(long, value_name = "ADDR")]
        metrics: Option<SocketAddr>,
    },
    /// Serve Discord's "Interactions Endpoint URL" over HTTP (needs
    /// DISCORD_TOKEN and DISCORD_PUBLIC_KEY); also GET /healthz and /metrics.
    Serve {
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// A simulated Discord server in the terminal: try the bot without a token.
    Console {
        /// Print each exact interaction response body as one JSON line.
        #[arg(long)]
        json: bool,
    },
    /// Print the application command definitions as sent to Discord.
    Commands {
        /// JSON, exactly the bulk-overwrite body (the only format).
        #[arg(long)]
        json: bool,
    },
    /// Send the command definitions to Discord (needs DISCORD_TOKEN).
    Register {
        /// Register in one server (instant) instead of globally.
        #[arg(long)]
        guild: Option<u64>,
    },
    /// Import global catalog entries from a CSV or JSON file.
    Import { file: PathBuf },
    /// Search the catalog from the command line.
    Search {
        query: String,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Include this server's own entries.
        #[arg(long)]
        guild: Option<u64>,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Write an online, consistent copy of the database to PATH.
    Backup { path: PathBuf },
    /// Replace the database with BACKUP, after checking its integrity and
    /// that its migrations are this binary's (stop the bot first). The
    /// replaced database is kept beside it as `*.before-restore-<time>`.
    Restore {
        backup: PathBuf,
        /// The database to replace (default: DATABASE_URL).
        #[arg(long, value_name = "DATABASE_URL")]
        to: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Track,
    Drama,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = matches!(
        cli.command,
        Command::Console { .. } | Command::Commands { .. } | Command::Search { .. }
    );
    ostbot::telemetry::init(if quiet { "warn" } else { "info,serenity=warn" });
    match execute(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ostbot: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(command: Command) -> anyhow::Result<()> {
    let needs = match command {
        Command::Run { .. } | Command::Register { .. } => Needs {
            token: true,
            public_key: false,
        },
        Command::Serve { .. } => Needs {
            token: true,
            public_key: true,
        },
        _ => Needs::default(),
    };
    let config = Config::load(needs)?;
    if matches!(command, Command::Run { .. } | Command::Serve { .. }) {
        gateway::listen_for_shutdown().context("cannot listen for shutdown signals")?;
    }
    match command {
        Command::Commands { .. } => {
            println!(
                "{}",
                serde_json::to_string_pretty(&bot::commands::definitions())?
            );
            Ok(())
        }
        Command::Register { guild } => {
            let http = gateway::http_client(&config)?;
            let guild = guild.or(config.dev_guild_id);
            let count = gateway::register(&http, guild)
                .await
                .context("Discord refused the commands")?;
            println!(
                "registered {count} commands {}",
                guild
                    .map(|g| format!("in server {g}"))
                    .unwrap_or("globally".into())
            );
            Ok(())
        }
        Command::Run { metrics: address } => {
            let pool = app::open_database(&config.database_url).await?;
            let mut bot = app::offline_bot(pool);
            bot.announcer = Arc::new(gateway::RestAnnouncer(Arc::new(gateway::http_client(
                &config,
            )?)));
            bot.files = Arc::new(bot::files::HttpFetcher::new(&config.attachment_hosts));
            let options = gateway::Options::default();
            if let Some(address) = address {
                let listener = tokio::net::TcpListener::bind(address)
                    .await
                    .with_context(|| format!("cannot listen on {address}"))?;
                let address = listener.local_addr().unwrap_or(address);
                tracing::info!(%address, "serving /metrics and /healthz");
                let router = metrics::router(options.metrics.clone(), bot.pool.clone());
                tokio::spawn(async move {
                    let stop = gateway::shutdown_signal();
                    if let Err(error) = metrics::serve(listener, router, stop).await {
                        tracing::error!(%error, "the metrics server stopped");
                    }
                });
            }
            // One scheduler per process: its first pass closes polls that fell due while down.
            let scheduler = scheduler::spawn_scheduler(bot.clone(), gateway::shutdown_signal());
            let backups = spawn_backups(&config, &bot.pool, options.metrics.clone());
            let pool = bot.pool.clone();
            let result = gateway::run(&config, bot, gateway::http_client(&config)?, options).await;
            let _ = scheduler.await;
            if let Some(backups) = backups {
                let _ = backups.await;
            }
            pool.close().await;
            tracing::info!("stopped cleanly");
            result
        }
        Command::Serve { listen } => {
            let key = http::parse_public_key(config.public_key.as_deref().unwrap_or_default())?;
            let pool = app::open_database(&config.database_url).await?;
            let mut bot = app::offline_bot(pool);
            let rest = Arc::new(gateway::http_client(&config)?);
            bot.announcer = Arc::new(gateway::RestAnnouncer(rest.clone()));
            bot.files = Arc::new(bot::files::HttpFetcher::new(&config.attachment_hosts));
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            let address = listener.local_addr().unwrap_or(listen);
            tracing::info!(%address, "serving interactions at POST /interactions");
            let pool = bot.pool.clone();
            let scheduler = scheduler::spawn_scheduler(bot.clone(), gateway::shutdown_signal());
            let metrics = metrics::Metrics::new();
            let backups = spawn_backups(&config, &bot.pool, metrics.clone());
            let endpoint = http::Endpoint {
                bot,
                key,
                rest,
                metrics,
                deadline: Default::default(),
                in_flight: Default::default(),
            };
            let result = http::serve(listener, endpoint, gateway::shutdown_signal()).await;
            let _ = scheduler.await;
            if let Some(backups) = backups {
                let _ = backups.await;
            }
            pool.close().await;
            result?;
            tracing::info!("stopped cleanly");
            Ok(())
        }
        Command::Console { json } => {
            let pool = app::open_database(&config.database_url).await?;
            console::run(app::offline_bot(pool), json).await
        }
        Command::Import { file } => import(&config, &file).await,
        Command::Search {
            query,
            kind,
            guild,
            json,
            limit,
        } => {
            let pool = app::open_database(&config.database_url).await?;
            search_cli(&pool, &query, kind, guild, json, limit).await
        }
        Command::Backup { path } => {
            let pool = app::open_database(&config.database_url).await?;
            ostbot::backup::write(&pool, &path).await?;
            println!("backed up to {}", path.display());
            Ok(())
        }
        Command::Restore { backup, to } => {
            let url = to.unwrap_or_else(|| config.database_url.clone());
            let restored = ostbot::backup::restore(&backup, &url, chrono::Utc::now()).await?;
            println!(
                "restored {} into {}",
                backup.display(),
                restored.target.display()
            );
            if let Some(kept) = restored.kept {
                println!("the database it replaced is kept as {}", kept.display());
            }
            Ok(())
        }
    }
}

/// Scheduled backups (`BACKUP_DIR`, `BACKUP_EVERY`, `BACKUP_KEEP`), until shutdown.
fn spawn_backups(
    config: &Config,
    pool: &sqlx::SqlitePool,
    metrics: Arc<metrics::Metrics>,
) -> Option<tokio::task::JoinHandle<()>> {
    let schedule = config.backups.clone()?;
    tracing::info!(dir = %schedule.dir.display(), every_s = schedule.every.as_secs(), keep = schedule.keep, "scheduled backups on");
    Some(tokio::spawn(ostbot::backup::run_schedule(
        pool.clone(),
        schedule,
        metrics,
        gateway::shutdown_signal(),
    )))
}

async fn import(config: &Config, file: &PathBuf) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let pool = app::open_database(&config.database_url).await?;
    let bar = indicatif::ProgressBar::new(0);
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let progress = |done: usize, total: usize| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    };
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let result =
        catalog::import::import_bytes(&pool, catalog::Scope::Global, None, name, &bytes, &progress)
            .await;
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            println!("{}", report.describe(ostbot::locale::Locale::En));
            Ok(())
        }
        Err(ostbot::Error::Import(report)) => {
            anyhow::bail!("{}", report.describe(ostbot::locale::Locale::En))
        }
        Err(ostbot::Error::Invalid { en, .. }) => anyhow::bail!("{en}"),
        Err(other) => Err(other.into()),
    }
}

async fn search_cli(
    pool: &sqlx::SqlitePool,
    query: &str,
    kind: Option<KindArg>,
    guild: Option<u64>,
    json: bool,
    limit: usize,
) -> anyhow::Result<()> {
    let kind = kind.map(|k| match k {
        KindArg::Track => Kind::Track,
        KindArg::Drama => Kind::Drama,
    });
    let filter = SearchFilter {
        kind,
        scope: guild.map(ostbot::db::to_db),
        drama: None,
    };
    let guild = guild.map(ostbot::ids::GuildId);
    let hits = search::search(pool, query, filter, limit).await?;
    let mut rows = Vec::new();
    for hit in hits {
        let row = match hit.kind {
            Kind::Drama => catalog::get_drama(pool, DramaId(hit.id), guild)
                .await?
                .map(|d| {
                    serde_json::json!({
                        "id": d.slug, "kind": "drama", "title": d.title, "title_ko": d.title_ko,
                        "artist": null, "drama": null, "year": d.year, "score": hit.score
                    })
                }),
            Kind::Track => match catalog::get_track(pool, TrackId(hit.id), guild).await? {
                Some(t) => {
                    let drama = catalog::get_drama(pool, t.drama_id, guild).await?;
                    Some(serde_json::json!({
                        "id": t.slug, "kind": "track", "title": t.title, "title_ko": t.title_ko,
                        "artist": t.artist_line(), "drama": drama.map(|d| d.title), "year": t.year, "score": hit.score
                    }))
                }
                None => None,
            },
        };
        rows.extend(row);
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else if rows.is_empty() {
        println!("no match for {query:?}");
    } else {
        for (i, row) in rows.iter().enumerate() {
            let extra = [
                &row["title_ko"],
                &row["artist"],
                &row["drama"],
                &row["year"],
            ]
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect::<Vec<_>>()
            .join(" · ");
            println!(
                "{:>2}. [{}] {} — {}  ({})",
                i + 1,
                row["kind"].as_str().unwrap_or_default(),
                row["title"].as_str().unwrap_or_default(),
                extra,
                row["id"].as_str().unwrap_or_default()
            );
        }
    }
    Ok(())
}
