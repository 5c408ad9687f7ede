//! The `ostbot` command line.

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use ostbot::app::{self, Open};
use ostbot::bot;
use ostbot::bot::error_text::UserMessage as _;
use ostbot::bot::scheduler;
use ostbot::catalog::search::{self, SearchFilter};
use ostbot::catalog::{self, DramaId, Kind, TrackId};
use ostbot::config::{Config, Needs};
use ostbot::transport::shards::{Register, ShardPlan, ShardRange};
use ostbot::transport::{console, gateway, http, metrics, rest, shutdown};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

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
        /// Also serve the public pages of servers that publish them on this address.
        #[arg(long, value_name = "ADDR")]
        web: Option<SocketAddr>,
        /// Run only these shards (FIRST-LAST, or one number) and leave the
        /// rest to other processes; needs --shard-total. Default: every shard.
        #[arg(long, value_name = "FIRST-LAST", requires = "shard_total")]
        shards: Option<ShardRange>,
        /// The bot's shards in all, the same on every process. Default: the
        /// number Discord recommends.
        #[arg(long, value_name = "N")]
        shard_total: Option<u32>,
        /// Which process sends the command definitions: auto (the one that
        /// runs shard 0), always (`--register` alone), or never.
        #[arg(long, value_enum, value_name = "WHEN", default_value = "auto",
              num_args = 0..=1, default_missing_value = "always")]
        register: Register,
    },
    /// Serve Discord's "Interactions Endpoint URL" over HTTP (needs
    /// DISCORD_TOKEN and DISCORD_PUBLIC_KEY); also GET /healthz, /metrics and
    /// the public pages of servers that publish them.
    Serve {
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// A simulated Discord server in the terminal: try the bot without a token.
    Console {
        /// Print each exact interaction response body as one JSON line.
        #[arg(long)]
        json: bool,
        /// Serve the simulated server's public pages on this address.
        #[arg(long, value_name = "ADDR")]
        web: Option<SocketAddr>,
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
    /// Import global catalog entries from a CSV or JSON file. Entries that
    /// exist keep the fields the file leaves out (a merge).
    Import {
        file: PathBuf,
        /// Replace whole entries: fields the file leaves out are emptied.
        #[arg(long)]
        replace: bool,
        /// Show what would change, field by field, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Members' suggestions across every server.
    Suggestions {
        #[command(subcommand)]
        action: SuggestionsAction,
    },
    /// The global catalog from outside sources.
    Catalog {
        #[command(subcommand)]
        action: CatalogAction,
    },
    /// Search the catalog from the command line.
    Search {
        query: String,
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Include this server's own entries.
        #[arg(long)]
        guild: Option<ostbot::ids::GuildId>,
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
    /// Copy a SQLite deployment's data (catalog, reviews with their history,
    /// polls and ballots, settings, weekly state) into a PostgreSQL database,
    /// then verify it by counts and sums. Stop the bot first. An interrupted
    /// copy carries on when run again.
    CopyData {
        /// The SQLite database to copy (default: DATABASE_URL).
        #[arg(long, value_name = "SQLITE_URL")]
        from: Option<String>,
        /// The PostgreSQL database to fill (it must exist; the schema is created).
        #[arg(long, value_name = "POSTGRES_URL")]
        to: String,
        /// Replace what the target already holds instead of refusing.
        #[arg(long)]
        force: bool,
        /// Rows per transaction.
        #[arg(long, value_name = "ROWS", default_value_t = 1_000,
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        batch: u32,
    },
}

#[derive(Subcommand)]
enum SuggestionsAction {
    /// Write the suggested entries of every server to FILE (`.json`, or CSV
    /// with the dramas beside it), in the import's format: `ostbot import` of
    /// it makes them global and merges each server's local copy into them.
    Export {
        file: PathBuf,
        /// Only approved suggestions (else the open ones too).
        #[arg(long)]
        approved: bool,
        /// Only those decided (or made) since DATE (`2026-11-01` or RFC 3339).
        #[arg(long, value_name = "DATE", value_parser = since_arg)]
        since: Option<chrono::DateTime<chrono::Utc>>,
    },
}

fn since_arg(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    catalog::export::parse_since(text)
        .ok_or_else(|| format!("{text:?} is not a date (2026-11-01) or an RFC 3339 time"))
}

#[derive(Subcommand)]
enum CatalogAction {
    /// Find a drama's OST on MusicBrainz (QUERY: "도깨비 OST" or a release-group MBID),
    /// show its parts, tracks, credits and ids, and import it into the global catalog with
    /// --yes (needs MUSICBRAINZ_CONTACT; MUSICBRAINZ_URL for a mirror).
    Fetch {
        query: String,
        /// Import what was found (without it, only show it).
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Track,
    Drama,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let quiet = matches!(
        cli.command,
        Command::Console { .. } | Command::Commands { .. } | Command::Search { .. }
    );
    ostbot::telemetry::init(if quiet { "warn" } else { "info,serenity=warn" });
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("ostbot: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(execute(cli.command));
    // A DNS lookup of an unreachable Discord runs on a blocking thread that
    // cannot be cancelled: do not let it hold the exit.
    runtime.shutdown_timeout(Duration::from_secs(1));
    match result {
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
    match command {
        Command::Commands { .. } => {
            println!(
                "{}",
                serde_json::to_string_pretty(&bot::commands::definitions())?
            );
            Ok(())
        }
        Command::Register { guild } => {
            let http = rest::http_client(&config)?;
            rest::resolve_application_id(&http, config.application_id).await?;
            let guild = guild.or(config.dev_guild_id);
            let count = rest::register(&http, guild).await.map_err(|error| {
                anyhow::anyhow!("Discord refused the commands: {}", rest::describe(&error))
            })?;
            println!(
                "registered {count} commands {}",
                guild
                    .map(|g| format!("in server {g}"))
                    .unwrap_or("globally".into())
            );
            Ok(())
        }
        Command::Run {
            metrics,
            web,
            shards,
            shard_total,
            register,
        } => {
            let shards = ShardPlan {
                range: shards,
                total: shard_total,
            };
            shards.check()?;
            let gateway = Online::Gateway {
                metrics,
                web,
                shards,
                register,
            };
            online(&config, gateway).await
        }
        Command::Serve { listen } => online(&config, Online::Endpoint { listen }).await,
        Command::Console { json, web } => {
            let pool = app::open(
                config.database_url.expose(),
                &config.database,
                Open::CreateIfMissing,
            )
            .await?;
            let mut bot = app::offline_bot(pool);
            bot.musicbrainz = config.musicbrainz();
            let pages = match web {
                Some(address) => {
                    let (listener, address) = bind(address).await?;
                    bot.web_base = Some(web_base(&config, address));
                    eprintln!(
                        "public pages at {}/s/… (publish them with /config web on)",
                        web_base(&config, address)
                    );
                    Some(listener)
                }
                None => None,
            };
            console::run(bot, json, pages).await
        }
        Command::Import {
            file,
            replace,
            dry_run,
        } => {
            let options = catalog::import::ImportOptions { replace, dry_run };
            import(&config, &file, options).await
        }
        Command::Suggestions {
            action:
                SuggestionsAction::Export {
                    file,
                    approved,
                    since,
                },
        } => {
            let filter = catalog::export::ExportFilter {
                approved_only: approved,
                since,
            };
            export_suggestions(&config, &file, filter).await
        }
        Command::Catalog {
            action: CatalogAction::Fetch { query, yes },
        } => catalog_fetch(&config, &query, yes).await,
        Command::Search {
            query,
            kind,
            guild,
            json,
            limit,
        } => {
            let pool = app::open(
                config.database_url.expose(),
                &config.database,
                Open::Existing,
            )
            .await?;
            search_cli(&pool, &query, kind, guild, json, limit).await
        }
        Command::Backup { path } => {
            let pool = app::open(
                config.database_url.expose(),
                &config.database,
                Open::Existing,
            )
            .await?;
            ostbot::backup::write(&pool, &path).await?;
            println!("backed up to {}", path.display());
            Ok(())
        }
        Command::CopyData {
            from,
            to,
            force,
            batch,
        } => {
            let from = from.unwrap_or_else(|| config.database_url.expose().to_owned());
            copy_data(&config, &from, &to, force, batch).await
        }
        Command::Restore { backup, to } => {
            let url = to.unwrap_or_else(|| config.database_url.expose().to_owned());
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

/// How the online bot receives interactions.
enum Online {
    /// `run`: the gateway, with `/metrics` and `/healthz` on `metrics` and
    /// the public pages on `web` if given.
    Gateway {
        metrics: Option<SocketAddr>,
        web: Option<SocketAddr>,
        shards: ShardPlan,
        register: Register,
    },
    /// `serve`: Discord's Interactions Endpoint URL on `listen`.
    Endpoint { listen: SocketAddr },
}

/// Listens on `address`; the address actually bound (for port 0).
async fn bind(address: SocketAddr) -> anyhow::Result<(tokio::net::TcpListener, SocketAddr)> {
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let bound = listener.local_addr().unwrap_or(address);
    Ok((listener, bound))
}

/// The pages' origin: `WEB_BASE_URL`, else the address they are served on.
fn web_base(config: &Config, address: SocketAddr) -> String {
    config
        .web_base_url
        .clone()
        .unwrap_or_else(|| format!("http://{address}"))
}

/// `run` and `serve`: the same database, bot, REST client, scheduler and
/// shutdown around either transport.
async fn online(config: &Config, transport: Online) -> anyhow::Result<()> {
    shutdown::listen().context("cannot listen for shutdown signals")?;
    let pool = app::open(
        config.database_url.expose(),
        &config.database,
        Open::CreateIfMissing,
    )
    .await?;
    let (mut bot, rest) = app::online_bot(config, pool.clone())?;
    let pages = match &transport {
        Online::Gateway { web: Some(a), .. } | Online::Endpoint { listen: a } => {
            bot.web_base.get_or_insert_with(|| web_base(config, *a));
            true
        }
        Online::Gateway { web: None, .. } => false,
    };
    // One scheduler per process: its first pass closes polls that fell due while down.
    let scheduler = scheduler::spawn_scheduler(bot.clone(), shutdown::signal());
    let metrics = metrics::Metrics::new();
    let backups = spawn_backups(config, &pool, metrics.clone());
    let result = match transport {
        Online::Gateway {
            metrics: address,
            web,
            shards,
            register,
        } => {
            if let Some(web) = web.filter(|_| pages) {
                let (listener, address) = bind(web).await?;
                tracing::info!(%address, "serving the public pages");
                let router = ostbot::web::router(app::site(&bot));
                tokio::spawn(async move {
                    if let Err(error) = metrics::serve(listener, router, shutdown::signal()).await {
                        tracing::error!(%error, "the pages' server stopped");
                    }
                });
            }
            let options = gateway::Options {
                metrics: metrics.clone(),
                shards,
                register,
                ..Default::default()
            };
            if let Some(address) = address {
                let listener = tokio::net::TcpListener::bind(address)
                    .await
                    .with_context(|| format!("cannot listen on {address}"))?;
                let address = listener.local_addr().unwrap_or(address);
                tracing::info!(%address, "serving /metrics and /healthz");
                let router = metrics::gateway_router(
                    options.metrics.clone(),
                    pool.clone(),
                    options.connected.subscribe(),
                );
                tokio::spawn(async move {
                    if let Err(error) = metrics::serve(listener, router, shutdown::signal()).await {
                        tracing::error!(%error, "the metrics server stopped");
                    }
                });
            }
            gateway::run(config, bot, rest::http_client(config)?, options).await
        }
        Online::Endpoint { listen } => {
            let key = http::parse_public_key(config.public_key.as_deref().unwrap_or_default())?;
            // Follow-ups name the application; each interaction does too, so
            // a Discord that cannot be asked now is not fatal.
            if let Err(error) = rest::resolve_application_id(&rest, config.application_id).await {
                tracing::warn!("{error:#}; using the id each interaction carries");
            }
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            let address = listener.local_addr().unwrap_or(listen);
            tracing::info!(%address, "serving interactions at POST /interactions");
            let endpoint = http::Endpoint {
                bot,
                key,
                rest,
                metrics,
                deadline: Default::default(),
                in_flight: Default::default(),
            };
            http::serve(listener, endpoint, shutdown::signal()).await
        }
    };
    if tokio::time::timeout(gateway::SHUTDOWN_STEP, scheduler)
        .await
        .is_err()
    {
        tracing::warn!("the scheduler did not stop in time");
    }
    // A backup under way is one statement: it finishes, or is left as a
    // `.partial` that the next backup removes.
    if let Some(backups) = backups {
        if tokio::time::timeout(gateway::SHUTDOWN_STEP, backups)
            .await
            .is_err()
        {
            tracing::warn!("the backup did not stop in time");
        }
    }
    pool.close().await;
    result?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// `copy-data`: SQLite → PostgreSQL, verified, resumable.
async fn copy_data(
    config: &Config,
    from: &str,
    to: &str,
    force: bool,
    batch: u32,
) -> anyhow::Result<()> {
    use ostbot::db::{copy, Backend, Database, DatabaseUrl};
    let (source, target) = (DatabaseUrl::new(from), DatabaseUrl::new(to));
    anyhow::ensure!(
        source.backend() == Some(Backend::Sqlite),
        "--from must be a SQLite database (sqlite://…), got {source}"
    );
    anyhow::ensure!(
        target.backend() == Some(Backend::Postgres),
        "--to must be a PostgreSQL database (postgres://…), got {target}"
    );
    let Database::Sqlite(from_pool) = app::open_source(from).await? else {
        anyhow::bail!("--from must be a SQLite database");
    };
    let to_pool = ostbot::db::connect_postgres(to, &config.database)
        .await
        .with_context(|| format!("cannot open {target}"))?;
    let options = copy::CopyOptions {
        force,
        batch_rows: batch as usize,
        ..copy::CopyOptions::default()
    };
    println!("copying {source} into {target}");
    let report = copy::copy(&from_pool, &to_pool, &options).await?;
    if report.resumed {
        println!("(carried on from an interrupted copy)");
    }
    for table in &report.tables {
        println!(
            "  {:<24} {:>9} rows ({} copied now)",
            table.table, table.rows, table.copied
        );
    }
    println!(
        "verified: every table's rows, counts and sums are the same on both; set DATABASE_URL={target} and start the bot"
    );
    from_pool.close().await;
    to_pool.close().await;
    Ok(())
}

/// Scheduled backups (`BACKUP_DIR`, `BACKUP_EVERY`, `BACKUP_KEEP`), until shutdown.
fn spawn_backups(
    config: &Config,
    pool: &ostbot::db::Database,
    metrics: std::sync::Arc<metrics::Metrics>,
) -> Option<tokio::task::JoinHandle<()>> {
    let schedule = config.backups.clone()?;
    tracing::info!(dir = %schedule.dir.display(), every_s = schedule.every.as_secs(), keep = schedule.keep, "scheduled backups on");
    Some(tokio::spawn(ostbot::backup::run_schedule(
        pool.clone(),
        schedule,
        metrics,
        shutdown::signal(),
    )))
}

async fn import(
    config: &Config,
    file: &PathBuf,
    options: catalog::import::ImportOptions,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let pool = app::open(
        config.database_url.expose(),
        &config.database,
        Open::CreateIfMissing,
    )
    .await?;
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
    let result = catalog::import::import_with(
        &pool,
        catalog::Scope::Global,
        None,
        name,
        &bytes,
        options,
        &progress,
    )
    .await;
    bar.finish_and_clear();
    match result {
        Ok(report) => {
            let or_dash = |v: &str| {
                if v.is_empty() {
                    "—".to_owned()
                } else {
                    v.to_owned()
                }
            };
            for change in &report.changes {
                println!(
                    "{}: {} {} → {}",
                    change.entry,
                    change.field,
                    or_dash(&change.before),
                    or_dash(&change.after)
                );
            }
            let summary = if options.dry_run {
                ostbot::t!(
                    ostbot::locale::Locale::En,
                    "import-dry-run",
                    new = report.inserted,
                    updated = report.updated,
                    unchanged = report.unchanged
                )
            } else {
                ostbot::bot::error_text::import_report(&report, ostbot::locale::Locale::En)
            };
            println!("{summary}");
            Ok(())
        }
        Err(error @ (ostbot::Error::Import(_) | ostbot::Error::ImportFile(_))) => {
            anyhow::bail!("{}", error.user_message(ostbot::locale::Locale::En))
        }
        Err(other) => Err(other.into()),
    }
}

async fn export_suggestions(
    config: &Config,
    file: &std::path::Path,
    filter: catalog::export::ExportFilter,
) -> anyhow::Result<()> {
    let pool = app::open(
        config.database_url.expose(),
        &config.database,
        Open::Existing,
    )
    .await?;
    let exported = catalog::export::suggested(&pool, filter).await?;
    let write = |path: &std::path::Path, text: String| {
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
    };
    let json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let dramas_file = if json {
        write(file, exported.to_json())?;
        None
    } else {
        write(file, exported.tracks_csv()?)?;
        let dramas = file.with_extension("dramas.csv");
        if !exported.dramas.is_empty() {
            write(&dramas, exported.dramas_csv()?)?;
        }
        (!exported.dramas.is_empty()).then_some(dramas)
    };
    let l = ostbot::locale::Locale::En;
    let file = file.display().to_string();
    let summary = match dramas_file {
        Some(dramas) => ostbot::t!(
            l,
            "suggestions-exported-with-dramas",
            tracks = exported.tracks.len(),
            dramas = exported.dramas.len(),
            file = file,
            dramas_file = dramas.display().to_string()
        ),
        None => ostbot::t!(
            l,
            "suggestions-exported",
            tracks = exported.tracks.len(),
            dramas = exported.dramas.len(),
            file = file
        ),
    };
    println!("{summary}");
    Ok(())
}

/// `ostbot catalog fetch QUERY [--yes]`: the preview, and the import with `--yes`.
async fn catalog_fetch(config: &Config, query: &str, yes: bool) -> anyhow::Result<()> {
    use ostbot::catalog::musicbrainz;
    use ostbot::locale::Locale;
    let en = Locale::En;
    let failed = |error: musicbrainz::FetchError| {
        anyhow::anyhow!("{}", bot::error_text::musicbrainz(&error, en))
    };
    let client = config
        .musicbrainz()
        .ok_or_else(|| failed(musicbrainz::FetchError::NotConfigured))?;
    let pool = app::open(
        config.database_url.expose(),
        &config.database,
        Open::CreateIfMissing,
    )
    .await?;
    let fetched = musicbrainz::fetch(&client, query).await.map_err(failed)?;
    let scope = catalog::Scope::Global;
    let ost = musicbrainz::preview(&pool, scope, &fetched)
        .await?
        .ok_or_else(|| failed(musicbrainz::FetchError::NothingFound(query.to_owned())))?;
    // Plain text: the messages' Discord markdown is left out.
    let plain = |line: String| line.replace("**", "").replace("__", "").replace('`', "");
    for line in bot::commands::fetch::preview_lines(&ost, en, true, &|s: &str| s.to_owned()) {
        println!("{}", plain(line));
    }
    if !ost.changes_anything() {
        return Ok(());
    }
    if !yes {
        println!("{}", ostbot::t!(en, "mb-cli-confirm"));
        return Ok(());
    }
    let imported = musicbrainz::import(&pool, scope, None, &ost).await?;
    let text = bot::commands::fetch::imported_text(&ost, &imported, en, &|s: &str| s.to_owned());
    println!("{}", plain(text));
    Ok(())
}

async fn search_cli(
    pool: &ostbot::db::Database,
    query: &str,
    kind: Option<KindArg>,
    guild: Option<ostbot::ids::GuildId>,
    json: bool,
    limit: usize,
) -> anyhow::Result<()> {
    let kind = kind.map(|k| match k {
        KindArg::Track => Kind::Track,
        KindArg::Drama => Kind::Drama,
    });
    let filter = SearchFilter {
        kind,
        scope: guild.map(|g| catalog::Scope::Guild(g).to_db()),
        drama: None,
    };
    // Below the relevance floor nothing is a plausible answer ("qqqq").
    let hits = search::plausible(search::search(pool, query, filter, limit).await?);
    let mut rows = Vec::new();
    for hit in hits {
        let row = match hit.kind {
            Kind::Drama => catalog::get_drama(pool, DramaId::try_from(hit.id)?, guild)
                .await?
                .map(|d| {
                    serde_json::json!({
                        "id": d.slug, "kind": "drama", "title": d.title, "title_ko": d.title_ko,
                        "artist": null, "artists": [], "drama": null, "year": d.year, "part": null,
                        "score": hit.score
                    })
                }),
            Kind::Track => match catalog::get_track(pool, TrackId::try_from(hit.id)?, guild).await?
            {
                Some(t) => {
                    let drama = catalog::get_drama(pool, t.drama_id, guild).await?;
                    let credited = catalog::credits::credits_of(pool, &[t.id])
                        .await?
                        .remove(&t.id)
                        .unwrap_or_default();
                    // Every credited singer, in credit order: {"name_ko", "name"}.
                    let artists: Vec<serde_json::Value> = credited
                        .iter()
                        .map(|a| serde_json::json!({ "name_ko": a.name_ko, "name": a.name }))
                        .collect();
                    let artist =
                        catalog::credits::credit_line(&credited).or_else(|| t.artist_line());
                    Some(serde_json::json!({
                        "id": t.slug, "kind": "track", "title": t.title, "title_ko": t.title_ko,
                        "artist": artist, "artists": artists, "drama": drama.map(|d| d.title),
                        "year": t.year, "part": t.ost_part, "score": hit.score
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
