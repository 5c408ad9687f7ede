//! The database a run measures: a fresh SQLite file in a temporary directory
//! (the default), or a fresh database created for the run on the PostgreSQL
//! server `--database` names, dropped at the end unless `--keep`.

use sqlx::{Connection, PgConnection};
use std::path::{Path, PathBuf};

pub enum Target {
    Sqlite {
        dir: tempfile::TempDir,
        path: PathBuf,
    },
    Postgres {
        /// The URL given, whose database runs `CREATE DATABASE` and `DROP DATABASE`.
        server: String,
        name: String,
        url: String,
    },
}

impl Target {
    /// `database` is `--database`: none for SQLite, or a `postgres://` URL.
    pub async fn create(database: Option<&str>) -> anyhow::Result<Target> {
        let dir = tempfile::tempdir()?;
        let Some(server) = database.filter(|url| !url.starts_with("sqlite:")) else {
            anyhow::ensure!(
                database.is_none(),
                "--database takes a postgres:// URL; SQLite runs on a fresh file without it"
            );
            let path = dir.path().join("bench.db");
            return Ok(Target::Sqlite { dir, path });
        };
        anyhow::ensure!(
            server.starts_with("postgres://") || server.starts_with("postgresql://"),
            "--database takes a postgres:// URL, not {server:?}"
        );
        let name = format!("ostbot_bench_{}", std::process::id());
        let mut admin = PgConnection::connect(server).await?;
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&mut admin)
            .await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        Ok(Target::Postgres {
            url: with_database(server, &name),
            server: server.to_owned(),
            name,
        })
    }

    pub fn url(&self) -> String {
        match self {
            Target::Sqlite { path, .. } => format!("sqlite://{}", path.display()),
            Target::Postgres { url, .. } => url.clone(),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Target::Postgres { .. })
    }

    /// A directory for the run's other files (a backup, the catalog floor's copy).
    pub fn scratch(&self) -> Option<&Path> {
        match self {
            Target::Sqlite { dir, .. } => Some(dir.path()),
            Target::Postgres { .. } => None,
        }
    }

    /// Drops the run's database, or with `keep` says where it is.
    pub async fn finish(self, keep: bool) -> anyhow::Result<()> {
        match self {
            Target::Sqlite { dir, .. } if keep => {
                eprintln!("database kept: {}", dir.keep().join("bench.db").display());
            }
            Target::Sqlite { .. } => {}
            Target::Postgres { url, .. } if keep => eprintln!("database kept: {url}"),
            Target::Postgres { server, name, .. } => {
                let mut admin = PgConnection::connect(&server).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await?;
                admin.close().await?;
            }
        }
        Ok(())
    }
}

/// `url` with its database (the last path segment) replaced by `name`, its query kept.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let scheme_end = base.find("//").map_or(0, |i| i + 2);
    let host = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    if query.is_empty() {
        format!("{host}/{name}")
    } else {
        format!("{host}/{name}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_of_a_url_is_replaced_and_its_options_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "b"),
            "postgres://postgres@127.0.0.1:5432/b"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "b"),
            "postgres://u:p@h/b?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "b"),
            "postgres://h:5432/b"
        );
    }
}
