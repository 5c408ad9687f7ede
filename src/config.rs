//! Configuration, read once from the environment (and `.env`) into a typed
//! struct. Every problem is reported at once; the token is never printed.

use ostbot_core::db::{Backend, DatabaseUrl, PoolSettings};
pub use ostbot_core::secret::Secret;
use sqlx::postgres::PgSslMode;

#[derive(Clone, Debug)]
pub struct Config {
    pub token: Option<Secret>,
    /// `DATABASE_URL`: `sqlite://…` (the default) or `postgres://…`.
    pub database_url: DatabaseUrl,
    /// `DATABASE_POOL_SIZE`, `DATABASE_STATEMENT_TIMEOUT_SECS`, `DATABASE_TLS`
    /// (PostgreSQL only).
    pub database: PoolSettings,
    pub dev_guild_id: Option<u64>,
    /// `DISCORD_APPLICATION_ID`; when absent, `register` and `serve` ask
    /// Discord (`GET /oauth2/applications/@me`) and `run` reads it from READY.
    pub application_id: Option<u64>,
    /// Base URL that replaces `https://discord.com` (a REST proxy, or a fake Discord in tests).
    pub api_base: Option<String>,
    /// Hex Ed25519 public key of the application, for the HTTP interactions endpoint.
    pub public_key: Option<String>,
    /// Hosts besides Discord's CDN that attachments may be downloaded from
    /// (`ATTACHMENT_HOSTS`, comma-separated `host[:port]`; a fake in tests).
    pub attachment_hosts: Vec<String>,
    /// Scheduled backups, when `BACKUP_DIR` is set.
    pub backups: Option<crate::backup::Schedule>,
    /// `WEB_BASE_URL`: the origin the public pages are reached at (links,
    /// unfurls), without a trailing slash.
    pub web_base_url: Option<String>,
    /// `MUSICBRAINZ_URL`: the MusicBrainz web service `fetch` asks (default the public
    /// one; a mirror, or a test server), without a trailing slash.
    pub musicbrainz_url: String,
    /// `MUSICBRAINZ_CONTACT`: who runs this bot (an e-mail address or a URL), sent in the
    /// User-Agent as MusicBrainz asks; without it `fetch` is off.
    pub musicbrainz_contact: Option<String>,
    /// `JOB_LEASE_SECS`: how long a scheduled job (a weekly run, a results
    /// post) claimed by a process stays its own; when the process dies
    /// holding it, another one takes it over after this.
    pub job_lease: chrono::Duration,
}

impl Config {
    /// The MusicBrainz client `fetch` uses, when `MUSICBRAINZ_CONTACT` is set.
    pub fn musicbrainz(&self) -> Option<crate::catalog::musicbrainz::MusicBrainz> {
        let contact = self.musicbrainz_contact.as_deref()?;
        match crate::catalog::musicbrainz::MusicBrainz::new(&self.musicbrainz_url, contact) {
            Ok(client) => Some(client),
            Err(error) => {
                tracing::warn!(%error, "no MusicBrainz client");
                None
            }
        }
    }
}

/// What a subcommand needs beyond the defaults.
#[derive(Clone, Copy, Debug, Default)]
pub struct Needs {
    pub token: bool,
    pub public_key: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("the configuration has problems:\n{}", .0.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"))]
pub struct ConfigError(pub Vec<String>);

pub const DEFAULT_DATABASE_URL: &str = "sqlite://ostbot.db";

/// Bounds of `JOB_LEASE_SECS`: a job must fit in its lease (a post retried
/// through a rate limit takes seconds), and a day is longer than any
/// takeover is worth waiting for.
pub const MIN_JOB_LEASE_SECS: i64 = 2;
pub const MAX_JOB_LEASE_SECS: i64 = 24 * 60 * 60;

impl Config {
    /// Reads `.env` (if present) and the process environment.
    pub fn load(needs: Needs) -> Result<Config, ConfigError> {
        let _ = dotenvy::dotenv();
        Config::from_lookup(needs, |name| std::env::var(name).ok())
    }

    /// Builds the config from any variable source, so tests need no process environment.
    pub fn from_lookup(
        needs: Needs,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut problems = Vec::new();
        let present = |name: &str| {
            var(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };

        let token = present("DISCORD_TOKEN").map(|t| Secret::new(t.trim_start_matches("Bot ")));
        if needs.token && token.is_none() {
            problems.push("DISCORD_TOKEN is not set: copy your bot token from the Discord developer portal (Bot tab) into .env".to_owned());
        }
        if let Some(t) = &token {
            if t.expose().contains(char::is_whitespace) {
                problems.push("DISCORD_TOKEN contains spaces: paste the token alone".to_owned());
            }
        }

        let database_url = DatabaseUrl::new(
            present("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        );
        if database_url.backend().is_none() {
            problems.push(format!(
                "DATABASE_URL must start with sqlite: or postgres: (got {:?})",
                database_url.redacted()
            ));
        }
        let database = pool_settings(&present, &mut problems);

        let dev_guild_id = match present("DEV_GUILD_ID") {
            None => None,
            Some(raw) => match raw.parse::<u64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    problems.push(format!(
                        "DEV_GUILD_ID must be a server id (a number), got {raw:?}"
                    ));
                    None
                }
            },
        };

        let application_id = match present("DISCORD_APPLICATION_ID") {
            None => None,
            Some(raw) => match raw.parse::<u64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    problems.push(format!(
                        "DISCORD_APPLICATION_ID must be the application's id (a number, General Information in the developer portal), got {raw:?}"
                    ));
                    None
                }
            },
        };

        let api_base = present("DISCORD_API_BASE").map(|b| b.trim_end_matches('/').to_owned());
        if let Some(base) = &api_base {
            if !(base.starts_with("http://") || base.starts_with("https://")) {
                problems.push(format!(
                    "DISCORD_API_BASE must be an http(s) URL, got {base:?}"
                ));
            }
        }

        let public_key = present("DISCORD_PUBLIC_KEY");
        match &public_key {
            None if needs.public_key => problems.push("DISCORD_PUBLIC_KEY is not set: copy the application's public key from the developer portal (General Information)".to_owned()),
            Some(key) if key.len() != 64 || !key.chars().all(|c| c.is_ascii_hexdigit()) => {
                problems.push("DISCORD_PUBLIC_KEY must be 64 hexadecimal characters".to_owned())
            }
            _ => {}
        }

        let attachment_hosts = present("ATTACHMENT_HOSTS")
            .map(|list| {
                list.split(',')
                    .map(|h| h.trim().to_owned())
                    .filter(|h| !h.is_empty())
                    .collect()
            })
            .unwrap_or_default();

        let backups = crate::backup::Schedule::from_vars(
            present("BACKUP_DIR"),
            present("BACKUP_EVERY"),
            present("BACKUP_KEEP"),
        )
        .unwrap_or_else(|problem| {
            problems.push(problem);
            None
        });
        if backups.is_some() && database_url.backend() == Some(Backend::Postgres) {
            problems.push("BACKUP_DIR backs up a SQLite file; back PostgreSQL up with its own tools (pg_dump, or the server's continuous archiving) and unset BACKUP_DIR".to_owned());
        }

        let web_base_url = present("WEB_BASE_URL").map(|b| b.trim_end_matches('/').to_owned());
        if let Some(base) = &web_base_url {
            let rest = base
                .strip_prefix("https://")
                .or_else(|| base.strip_prefix("http://"));
            if rest.is_none_or(|host| host.is_empty() || host.contains(char::is_whitespace)) {
                problems.push(format!(
                    "WEB_BASE_URL must be the pages' http(s) origin, such as https://ost.example.org, got {base:?}"
                ));
            }
        }

        let musicbrainz_url = present("MUSICBRAINZ_URL")
            .map(|b| b.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| crate::catalog::musicbrainz::client::DEFAULT_URL.to_owned());
        if !(musicbrainz_url.starts_with("https://") || musicbrainz_url.starts_with("http://")) {
            problems.push(format!(
                "MUSICBRAINZ_URL must be an http(s) URL such as https://musicbrainz.org, got {musicbrainz_url:?}"
            ));
        }
        let musicbrainz_contact = present("MUSICBRAINZ_CONTACT");
        if let Some(contact) = &musicbrainz_contact {
            if contact
                .chars()
                .any(|c| c.is_control() || c == '(' || c == ')')
            {
                problems.push("MUSICBRAINZ_CONTACT must be an e-mail address or a URL on one line, without parentheses".to_owned());
            }
        }

        let job_lease = match present("JOB_LEASE_SECS") {
            None => crate::polls::weekly::DEFAULT_LEASE,
            Some(raw) => match raw.parse::<i64>() {
                Ok(secs) if (MIN_JOB_LEASE_SECS..=MAX_JOB_LEASE_SECS).contains(&secs) => {
                    chrono::Duration::seconds(secs)
                }
                _ => {
                    problems.push(format!(
                        "JOB_LEASE_SECS must be a number of seconds from {MIN_JOB_LEASE_SECS} to {MAX_JOB_LEASE_SECS}, longer than a job takes (default 300), got {raw:?}"
                    ));
                    crate::polls::weekly::DEFAULT_LEASE
                }
            },
        };

        if problems.is_empty() {
            Ok(Config {
                token,
                database_url,
                database,
                dev_guild_id,
                application_id,
                api_base,
                public_key,
                attachment_hosts,
                backups,
                web_base_url,
                musicbrainz_url,
                musicbrainz_contact,
                job_lease,
            })
        } else {
            Err(ConfigError(problems))
        }
    }
}

/// Bounds of `DATABASE_POOL_SIZE` and `DATABASE_STATEMENT_TIMEOUT_SECS`.
pub const MAX_POOL_SIZE: u32 = 1_000;
pub const MAX_STATEMENT_TIMEOUT_SECS: u64 = 3_600;

/// The PostgreSQL pool's settings; SQLite ignores them.
fn pool_settings(
    present: &impl Fn(&str) -> Option<String>,
    problems: &mut Vec<String>,
) -> PoolSettings {
    let mut settings = PoolSettings::default();
    if let Some(raw) = present("DATABASE_POOL_SIZE") {
        match raw.parse::<u32>() {
            Ok(size) if (1..=MAX_POOL_SIZE).contains(&size) => settings.max_connections = size,
            _ => problems.push(format!(
                "DATABASE_POOL_SIZE must be a number of connections from 1 to {MAX_POOL_SIZE} (default {}), got {raw:?}",
                settings.max_connections
            )),
        }
    }
    if let Some(raw) = present("DATABASE_STATEMENT_TIMEOUT_SECS") {
        match raw.parse::<u64>() {
            Ok(secs) if (1..=MAX_STATEMENT_TIMEOUT_SECS).contains(&secs) => {
                settings.statement_timeout = std::time::Duration::from_secs(secs)
            }
            _ => problems.push(format!(
                "DATABASE_STATEMENT_TIMEOUT_SECS must be a number of seconds from 1 to {MAX_STATEMENT_TIMEOUT_SECS} (default {}), got {raw:?}",
                settings.statement_timeout.as_secs()
            )),
        }
    }
    if let Some(raw) = present("DATABASE_TLS") {
        match raw.parse::<PgSslMode>() {
            Ok(mode) => settings.tls = Some(mode),
            Err(_) => problems.push(format!(
                "DATABASE_TLS must be one of disable, allow, prefer, require, verify-ca, verify-full, got {raw:?}"
            )),
        }
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let config = Config::from_lookup(Needs::default(), lookup(&[])).unwrap();
        assert_eq!(config.database_url.expose(), DEFAULT_DATABASE_URL);
        assert!(config.token.is_none());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let needs = Needs {
            token: true,
            public_key: false,
        };
        let err = Config::from_lookup(
            needs,
            lookup(&[
                ("DEV_GUILD_ID", "abc"),
                ("DATABASE_URL", "mysql://bot:hunter2@db/ostbot"),
                ("DATABASE_POOL_SIZE", "0"),
                ("DATABASE_TLS", "sometimes"),
            ]),
        )
        .unwrap_err();
        assert_eq!(err.0.len(), 5, "{err}");
        assert!(!err.to_string().contains("hunter2"), "{err}");
    }

    #[test]
    fn postgres_is_chosen_by_its_url_with_its_pool_settings() {
        let config = Config::from_lookup(
            Needs::default(),
            lookup(&[
                ("DATABASE_URL", "postgres://bot:hunter2@db.internal/ostbot"),
                ("DATABASE_POOL_SIZE", "24"),
                ("DATABASE_STATEMENT_TIMEOUT_SECS", "5"),
                ("DATABASE_TLS", "verify-full"),
            ]),
        )
        .unwrap();
        assert_eq!(config.database_url.backend(), Some(Backend::Postgres));
        assert_eq!(config.database.max_connections, 24);
        assert_eq!(config.database.statement_timeout.as_secs(), 5);
        assert!(matches!(config.database.tls, Some(PgSslMode::VerifyFull)));
        assert!(!format!("{config:?}").contains("hunter2"));
        let with_backups = Config::from_lookup(
            Needs::default(),
            lookup(&[
                ("DATABASE_URL", "postgres://db/ostbot"),
                ("BACKUP_DIR", "/var/backups/ostbot"),
            ]),
        );
        assert!(with_backups.unwrap_err().to_string().contains("pg_dump"));
    }

    #[test]
    fn the_application_id_is_a_number() {
        let config = Config::from_lookup(
            Needs::default(),
            lookup(&[("DISCORD_APPLICATION_ID", " 1234567890 ")]),
        )
        .unwrap();
        assert_eq!(config.application_id, Some(1234567890));
        let err = Config::from_lookup(
            Needs::default(),
            lookup(&[("DISCORD_APPLICATION_ID", "my-bot")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("DISCORD_APPLICATION_ID"), "{err}");
    }

    #[test]
    fn the_web_base_url_is_an_http_origin() {
        let config = Config::from_lookup(
            Needs::default(),
            lookup(&[("WEB_BASE_URL", "https://ost.example.org/")]),
        )
        .unwrap();
        assert_eq!(
            config.web_base_url.as_deref(),
            Some("https://ost.example.org")
        );
        for bad in ["ost.example.org", "https://", "ftp://x"] {
            let err = Config::from_lookup(Needs::default(), lookup(&[("WEB_BASE_URL", bad)]))
                .unwrap_err();
            assert!(err.to_string().contains("WEB_BASE_URL"), "{bad}: {err}");
        }
    }

    #[test]
    fn musicbrainz_defaults_to_the_public_service_and_needs_a_contact() {
        let config = Config::from_lookup(Needs::default(), lookup(&[])).unwrap();
        assert_eq!(config.musicbrainz_url, "https://musicbrainz.org");
        assert!(config.musicbrainz().is_none(), "no contact, no fetch");
        let config = Config::from_lookup(
            Needs::default(),
            lookup(&[
                ("MUSICBRAINZ_URL", "http://127.0.0.1:5000/"),
                ("MUSICBRAINZ_CONTACT", "ops@example.org"),
            ]),
        )
        .unwrap();
        assert_eq!(config.musicbrainz_url, "http://127.0.0.1:5000");
        assert!(config.musicbrainz().is_some());
        let err = Config::from_lookup(
            Needs::default(),
            lookup(&[("MUSICBRAINZ_URL", "musicbrainz.org")]),
        )
        .unwrap_err();
        assert!(err.to_string().contains("MUSICBRAINZ_URL"), "{err}");
    }

    #[test]
    fn the_job_lease_is_a_bounded_number_of_seconds() {
        let config = Config::from_lookup(Needs::default(), lookup(&[])).unwrap();
        assert_eq!(config.job_lease, chrono::Duration::minutes(5));
        let config =
            Config::from_lookup(Needs::default(), lookup(&[("JOB_LEASE_SECS", "30")])).unwrap();
        assert_eq!(config.job_lease, chrono::Duration::seconds(30));
        for bad in ["0", "1", "86401", "5m", "-3"] {
            let err = Config::from_lookup(Needs::default(), lookup(&[("JOB_LEASE_SECS", bad)]))
                .unwrap_err();
            assert!(err.to_string().contains("JOB_LEASE_SECS"), "{bad}: {err}");
        }
    }

    #[test]
    fn the_token_never_shows_in_debug_output() {
        let config = Config::from_lookup(
            Needs::default(),
            lookup(&[("DISCORD_TOKEN", "abc.def.ghi")]),
        )
        .unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("abc.def.ghi"), "{shown}");
        assert_eq!(config.token.unwrap().expose(), "abc.def.ghi");
    }
}
