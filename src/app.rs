//! Start-up shared by every subcommand: open the database, migrate, load
//! the shipped catalog, and assemble the bot (offline for the console,
//! online for `run` and `serve`).

use crate::bot::announcer::{Announcer, NoAnnouncer};
use crate::bot::files::{AttachmentFetcher, HttpFetcher, LocalFiles};
use crate::bot::Bot;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::db::{Backend, Database, DatabaseUrl, PoolSettings};
use crate::error::one_line;
use crate::transport::rest::{self, RestAnnouncer};
use crate::Result;
use serenity::all::{ApplicationId, Http};
use sqlx::sqlite::SqliteConnectOptions;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

/// Opens (creating it and its folders) the database, runs migrations, loads
/// the shipped catalog.
pub async fn open_database(url: &str) -> Result<Database> {
    open(url, &PoolSettings::default(), Open::CreateIfMissing)
        .await
        .map_err(|error| crate::Error::Internal(error.to_string()))
}

/// Whether a subcommand may create the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Open {
    /// `run`, `serve`, `console`, `import`: a new deployment starts here.
    CreateIfMissing,
    /// `backup`, `search` and other readers of a deployment: a missing file
    /// is a mistyped `DATABASE_URL`, not a wish for an empty database.
    Existing,
}

/// Why the database could not be opened, in one line that names the file.
#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("DATABASE_URL {url:?} is not a SQLite or PostgreSQL URL: {reason}")]
    Url { url: String, reason: String },
    #[error("cannot open the PostgreSQL database {url}: {reason}")]
    Server { url: String, reason: String },
    #[error("the database {} does not exist: check DATABASE_URL ({url}); `ostbot run`, `serve` or `console` create a new one", .path.display())]
    Missing { path: PathBuf, url: String },
    #[error("cannot create the folder {} for the database: {reason}", .path.display())]
    Folder { path: PathBuf, reason: String },
    #[error("cannot open the database {}: {reason}", .path.display())]
    Open { path: PathBuf, reason: String },
}

/// Opens the database at `url` as `mode` allows (a PostgreSQL database must
/// exist: the server creates databases, not the bot), migrates it and loads
/// the shipped catalog.
pub async fn open(
    url: &str,
    settings: &PoolSettings,
    mode: Open,
) -> std::result::Result<Database, DatabaseError> {
    let shown = DatabaseUrl::new(url).redacted();
    let db = match Backend::of_url(url) {
        Some(Backend::Postgres) => {
            Database::open(url, settings)
                .await
                .map_err(|error| DatabaseError::Server {
                    url: shown.clone(),
                    reason: one_line(&error),
                })?
        }
        Some(Backend::Sqlite) => Database::Sqlite(open_sqlite(url, mode).await?),
        None => {
            return Err(DatabaseError::Url {
                url: shown,
                reason: "it must start with sqlite: or postgres:".into(),
            })
        }
    };
    crate::catalog::import::load_shipped(&db)
        .await
        .map_err(|error| DatabaseError::Server {
            url: shown,
            reason: format!("the shipped catalog did not load: {}", one_line(&error)),
        })?;
    Ok(db)
}

/// Opens an existing database to read a deployment out of it
/// (`copy-data`): migrated forward, its catalog left as it is.
pub async fn open_source(url: &str) -> std::result::Result<Database, DatabaseError> {
    match Backend::of_url(url) {
        Some(Backend::Sqlite) => Ok(Database::Sqlite(open_sqlite(url, Open::Existing).await?)),
        Some(Backend::Postgres) => {
            Database::open(url, &PoolSettings::default())
                .await
                .map_err(|error| DatabaseError::Server {
                    url: DatabaseUrl::new(url).redacted(),
                    reason: one_line(&error),
                })
        }
        None => Err(DatabaseError::Url {
            url: DatabaseUrl::new(url).redacted(),
            reason: "it must start with sqlite: or postgres:".into(),
        }),
    }
}

/// Opens (creating it, as `mode` allows) and migrates a SQLite file.
async fn open_sqlite(
    url: &str,
    mode: Open,
) -> std::result::Result<sqlx::SqlitePool, DatabaseError> {
    let options = SqliteConnectOptions::from_str(url).map_err(|error| DatabaseError::Url {
        url: url.to_owned(),
        reason: one_line(&error),
    })?;
    let path = options.get_filename().to_path_buf();
    let in_memory = url.contains(":memory:") || url.contains("mode=memory");
    if !in_memory {
        match mode {
            Open::Existing if !path.exists() => {
                return Err(DatabaseError::Missing {
                    path,
                    url: url.to_owned(),
                })
            }
            Open::Existing => {}
            Open::CreateIfMissing => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|error| DatabaseError::Folder {
                        path: folder.to_path_buf(),
                        reason: error.to_string(),
                    })?;
                }
            }
        }
    }
    let failed = |reason: String| DatabaseError::Open {
        path: path.clone(),
        reason,
    };
    crate::db::connect(url)
        .await
        .map_err(|error| failed(one_line(&error)))
}

/// A bot with the system clock that posts nowhere and reads local files;
/// transports replace the parts they provide.
pub fn offline_bot(pool: Database) -> Bot {
    let writer = crate::db::Writer::new(pool.clone());
    Bot {
        ledger: crate::deliveries::Ledger::new(writer.clone()),
        writer,
        pool,
        clock: Arc::new(SystemClock) as Arc<dyn Clock>,
        announcer: Arc::new(NoAnnouncer) as Arc<dyn Announcer>,
        files: Arc::new(LocalFiles) as Arc<dyn AttachmentFetcher>,
        web_base: None,
        musicbrainz: None,
        job_lease: crate::polls::weekly::DEFAULT_LEASE,
    }
}

/// What the public pages read, from the bot that keeps them current.
pub fn site(bot: &Bot) -> crate::web::Site {
    crate::web::Site::new(bot.pool.clone(), bot.clock.clone(), bot.web_base.clone())
}

/// The bot as `run` and `serve` assemble it: it posts through Discord's REST
/// API (the returned client, shared with the transport) and downloads
/// attachments. The application id is set when configured.
pub fn online_bot(config: &Config, pool: Database) -> anyhow::Result<(Bot, Arc<Http>)> {
    let rest = Arc::new(rest::http_client(config)?);
    if let Some(id) = config.application_id {
        rest.set_application_id(ApplicationId::new(id));
    }
    let mut bot = offline_bot(pool);
    bot.announcer = Arc::new(RestAnnouncer(rest.clone()));
    bot.files = Arc::new(HttpFetcher::new(&config.attachment_hosts));
    bot.web_base = config.web_base_url.clone();
    bot.musicbrainz = config.musicbrainz();
    bot.job_lease = config.job_lease;
    Ok((bot, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_reader_refuses_a_database_that_does_not_exist() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("typo.db");
        let url = format!("sqlite://{}", path.display());
        let error = open(&url, &PoolSettings::default(), Open::Existing)
            .await
            .unwrap_err();
        assert!(matches!(error, DatabaseError::Missing { .. }), "{error}");
        assert!(error.to_string().contains("typo.db"), "{error}");
        assert!(!path.exists(), "refusing must not create the file");
    }
}
