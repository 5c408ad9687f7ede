//! Other names as data (`aliases`, `migrations/sqlite/0016_…`): an artist's stage names,
//! romanizations and group names, a track's official English title or fan nickname.
//!
//! Global aliases come from the shipped `data/aliases.csv` (`kind,target,alias`: `artist` with
//! the artist's name, or `track` with the track's id) or the operator's `ostbot import` of such
//! a file; a server's moderators add their own with `/catalog alias`, searched in that server
//! only. Every alias becomes a search key of the track or the artist it names, in the alias's
//! scope.

use super::credits::{self, artist_key, ArtistId};
use super::import::{ImportReport, RowProblem};
use super::sql;
use super::{Scope, TrackId};
use crate::db::Handle;
use crate::ids::{GuildId, UserId};
use crate::{db_execute, on_db, Error, Result};
use std::collections::HashMap;

/// The shipped global aliases.
pub const SHIPPED_ALIASES: &str = include_str!("../../../../data/aliases.csv");
/// Longest alias, in characters.
pub const MAX_ALIAS_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AliasKind {
    Artist,
    Track,
}

impl AliasKind {
    pub fn to_db(self) -> i64 {
        match self {
            AliasKind::Artist => 0,
            AliasKind::Track => 1,
        }
    }

    pub fn from_db(v: i64) -> Self {
        if v == 0 {
            AliasKind::Artist
        } else {
            AliasKind::Track
        }
    }
}

/// Why an alias was refused (worded for the moderator by `bot::error_text`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasError {
    #[error("empty alias")]
    Empty,
    #[error("alias longer than 100 characters")]
    TooLong,
    #[error("alias {alias:?} is already the name of {other:?}")]
    ShadowsArtist { alias: String, other: String },
    #[error("alias {alias:?} exists")]
    Exists { alias: String },
    #[error("no artist named {name:?}")]
    NoArtist { name: String },
    #[error("no such alias")]
    NoAlias,
}

/// One alias with what it names, as listed to moderators.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub id: i64,
    pub scope: Scope,
    pub kind: AliasKind,
    pub target_id: i64,
    pub alias: String,
}

/// One alias key: (scope it is visible in, alias).
pub type AliasKey = (i64, String);

/// The search keys each track gains from its own aliases, in one statement for all of them:
/// for each (track, its scope), (scope, alias) visible in the track's scope (global,
/// plus one guild's own). An artist's aliases are keys of the artist
/// ([`aliases_of_artists`]).
pub async fn alias_keys_of_tracks<'c>(
    db: impl Into<Handle<'c>>,
    tracks: &[(TrackId, i64)],
) -> Result<Vec<Vec<AliasKey>>, sqlx::Error> {
    let db = db.into();
    let track_ids: Vec<i64> = tracks.iter().map(|(t, _)| t.to_i64_bits()).collect();
    let sql = format!(
        "SELECT scope, target_id, alias FROM aliases
         WHERE kind = 1 AND target_id IN ({}) ORDER BY scope, id",
        sql::json_ints(db.backend(), 1)
    );
    let ids = serde_json::to_string(&track_ids).unwrap_or_default();
    let rows: Vec<(i64, i64, String)> =
        on_db!(db, |e| sqlx::query_as(&sql).bind(&ids).fetch_all(e).await)?;
    Ok(tracks
        .iter()
        .map(|(track, track_scope)| {
            rows.iter()
                // A global track gains every server's aliases (each key in its server's
                // scope); a local one only its own server's and the global ones.
                .filter(|(scope, target, _)| {
                    *target == track.to_i64_bits()
                        && (*track_scope == 0 || *scope == 0 || scope == track_scope)
                })
                .map(|(scope, _, alias)| {
                    let scope = if *scope == 0 { *track_scope } else { *scope };
                    (scope, alias.clone())
                })
                .collect()
        })
        .collect())
}

fn check_alias(alias: &str) -> Result<String, AliasError> {
    let alias = alias.trim();
    if artist_key(alias).is_empty() {
        return Err(AliasError::Empty);
    }
    if alias.chars().count() > MAX_ALIAS_CHARS {
        return Err(AliasError::TooLong);
    }
    Ok(alias.to_owned())
}

/// Refuses an artist alias that is another artist's name (or global alias).
async fn check_shadow<'c>(
    db: impl Into<Handle<'c>>,
    artist: ArtistId,
    alias: &str,
) -> Result<(), Error> {
    let mut db = db.into();
    if let Some(other) = credits::artist_named(db.reborrow(), alias).await? {
        if other.artist_id() != artist {
            return Err(AliasError::ShadowsArtist {
                alias: alias.to_owned(),
                other: other.primary().to_owned(),
            }
            .into());
        }
    }
    let key = artist_key(alias);
    let sql = format!(
        "SELECT target_id, alias FROM aliases WHERE kind = 0 AND scope = 0 AND target_id != $1
         ORDER BY target_id, alias{}",
        sql::by_code_point(db.backend())
    );
    let rows: Vec<(i64, String)> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(artist)
        .fetch_all(e)
        .await)?;
    if let Some((other, _)) = rows.iter().find(|(_, a)| artist_key(a) == key) {
        let name: Option<Option<String>> = on_db!(db, |e| sqlx::query_scalar(
            "SELECT coalesce(name_ko, name) FROM artists WHERE id = $1"
        )
        .bind(other)
        .fetch_optional(e)
        .await)?;
        let name = name.flatten();
        return Err(AliasError::ShadowsArtist {
            alias: alias.to_owned(),
            other: name.unwrap_or_default(),
        }
        .into());
    }
    Ok(())
}

/// Every alias of these artists, as (scope, alias) per artist, in the order they were added.
pub async fn aliases_of_artists<'c>(
    db: impl Into<Handle<'c>>,
    artists: &[i64],
) -> Result<HashMap<i64, Vec<(i64, String)>>, sqlx::Error> {
    let db = db.into();
    let sql = format!(
        "SELECT target_id, scope, alias FROM aliases
         WHERE kind = 0 AND target_id IN ({}) ORDER BY scope, id",
        sql::json_ints(db.backend(), 1)
    );
    let ids = serde_json::to_string(artists).unwrap_or_default();
    let rows: Vec<(i64, i64, String)> =
        on_db!(db, |e| sqlx::query_as(&sql).bind(&ids).fetch_all(e).await)?;
    let mut out: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (artist, scope, alias) in rows {
        out.entry(artist).or_default().push((scope, alias));
    }
    Ok(out)
}

/// Rewrites the search keys of the tracks and artists these aliases name, all at once.
async fn reindex_targets<'c>(
    db: impl Into<Handle<'c>>,
    targets: &[(AliasKind, i64)],
) -> Result<()> {
    let mut db = db.into();
    let mut tracks: Vec<TrackId> = Vec::new();
    let mut artists: Vec<ArtistId> = Vec::new();
    for (kind, target) in targets {
        match kind {
            AliasKind::Track => tracks.push(TrackId::try_from(*target)?),
            AliasKind::Artist => artists.push(ArtistId::try_from(*target)?),
        }
    }
    super::store::reindex(db.reborrow(), &[], &tracks).await?;
    super::store::reindex_artists(db, &artists).await
}

/// A new alias, when it is not there already. Checked before inserting, not only by the
/// conflict: PostgreSQL spends an identity number on every insert it tries, and the next
/// alias then gets the number SQLite gives it.
const INSERT_ALIAS: &str = "INSERT INTO aliases (scope, kind, target_id, alias, added_by)
     SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (
         SELECT 1 FROM aliases WHERE scope = $1 AND kind = $2 AND target_id = $3 AND alias = $4)
     ON CONFLICT (scope, kind, target_id, alias) DO NOTHING";

/// Adds a server-local alias (a moderator's). `target` is a track id, or an artist id.
pub async fn add_local<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    kind: AliasKind,
    target: i64,
    alias: &str,
    added_by: Option<UserId>,
) -> Result<()> {
    let alias = check_alias(alias)?;
    let mut tx = sql::begin_catalog_write(db).await?;
    if kind == AliasKind::Artist {
        check_shadow(tx.handle(), ArtistId::try_from(target)?, &alias).await?;
    }
    let scope = Scope::Guild(guild).to_db();
    let inserted = db_execute!(
        tx.handle(),
        sqlx::query(INSERT_ALIAS)
            .bind(scope)
            .bind(kind.to_db())
            .bind(target)
            .bind(&alias)
            .bind(added_by)
    )?;
    if inserted == 0 {
        return Err(AliasError::Exists { alias }.into());
    }
    reindex_targets(tx.handle(), &[(kind, target)]).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes one of a server's own aliases; global ones can never be removed this way.
pub async fn remove_local<'c>(db: impl Into<Handle<'c>>, guild: GuildId, id: i64) -> Result<Alias> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let rows: Vec<(i64, i64, i64, String)> = on_db!(tx.handle(), |e| sqlx::query_as(
        "DELETE FROM aliases WHERE id = $1 AND scope = $2 RETURNING id, kind, target_id, alias",
    )
    .bind(id)
    .bind(Scope::Guild(guild).to_db())
    .fetch_all(e)
    .await)?;
    let Some((id, kind, target_id, alias)) = rows.into_iter().next() else {
        return Err(AliasError::NoAlias.into());
    };
    let kind = AliasKind::from_db(kind);
    reindex_targets(tx.handle(), &[(kind, target_id)]).await?;
    tx.commit().await?;
    Ok(Alias {
        id,
        scope: Scope::Guild(guild),
        kind,
        target_id,
        alias,
    })
}

/// A server's own aliases, each with a label of what it names ("IU → 아이유").
pub async fn list_local<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
) -> Result<Vec<(Alias, String)>> {
    let db = db.into();
    let sql = format!(
        "SELECT x.id, x.kind, x.target_id, x.alias,
                CASE x.kind WHEN 0 THEN (SELECT coalesce(name_ko, name) FROM artists WHERE id = x.target_id)
                            ELSE (SELECT title FROM tracks WHERE id = x.target_id) END
         FROM aliases x WHERE x.scope = $1 ORDER BY x.alias{}, x.id LIMIT 200",
        sql::by_code_point(db.backend())
    );
    let rows: Vec<(i64, i64, i64, String, Option<String>)> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(Scope::Guild(guild).to_db())
        .fetch_all(e)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, target_id, alias, label)| {
            (
                Alias {
                    id,
                    scope: Scope::Guild(guild),
                    kind: AliasKind::from_db(kind),
                    target_id,
                    alias,
                },
                label.unwrap_or_default(),
            )
        })
        .collect())
}

/// Whether a CSV's header is an alias file's.
pub fn is_alias_file(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    cols.contains(&"kind") && cols.contains(&"target") && cols.contains(&"alias")
}

#[derive(serde::Deserialize)]
struct AliasRecord {
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default)]
    alias: Option<String>,
}

/// Imports a global alias file. Every line is checked first; any bad line (unknown kind or
/// target, empty alias, a repeated line, an alias that is another artist's name) refuses the
/// whole file with line numbers.
pub async fn import_aliases<'c>(db: impl Into<Handle<'c>>, text: &str) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let (headers, lines) = super::import::records(text, &mut report)?;
    let mut tx = sql::begin_catalog_write(db).await?;
    let mut rows: Vec<(AliasKind, i64, String)> = Vec::new();
    let mut seen: HashMap<(AliasKind, i64, String), usize> = HashMap::new();
    for (line, row) in lines {
        let Ok(r) = row.deserialize::<AliasRecord>(Some(&headers)) else {
            report.problem(line, RowProblem::Unreadable);
            continue;
        };
        let target = r.target.unwrap_or_default();
        let alias = match check_alias(r.alias.as_deref().unwrap_or("")) {
            Ok(a) => a,
            Err(e) => {
                report.problem(line, RowProblem::Alias(e));
                continue;
            }
        };
        let (kind, id) = match r.kind.as_deref().map(str::to_ascii_lowercase).as_deref() {
            Some("artist") => match credits::artist_named(tx.handle(), &target).await? {
                Some(a) => (AliasKind::Artist, a.id.to_i64_bits()),
                None => {
                    report.problem(line, RowProblem::UnknownArtist(target.clone()));
                    continue;
                }
            },
            Some("track") => {
                let id: Option<i64> = on_db!(tx.handle(), |e| sqlx::query_scalar(
                    "SELECT id FROM tracks WHERE scope = 0 AND slug = $1"
                )
                .bind(&target)
                .fetch_optional(e)
                .await)?;
                match id {
                    Some(id) => (AliasKind::Track, id),
                    None => {
                        report.problem(line, RowProblem::UnknownTrack(target.clone()));
                        continue;
                    }
                }
            }
            other => {
                report.problem(line, RowProblem::AliasKind(other.unwrap_or("").to_owned()));
                continue;
            }
        };
        let key = (kind, id, artist_key(&alias));
        if let Some(first) = seen.insert(key, line) {
            report.problem(line, RowProblem::AliasListedTwice { first_line: first });
            continue;
        }
        if kind == AliasKind::Artist {
            match check_shadow(tx.handle(), ArtistId::try_from(id)?, &alias).await {
                Ok(()) => {}
                Err(Error::Alias(e)) => {
                    report.problem(line, RowProblem::Alias(e));
                    continue;
                }
                Err(e) => return Err(e),
            }
        }
        rows.push((kind, id, alias));
    }
    if report.bad_rows > 0 {
        // Dropped, the transaction rolls back.
        return Err(Error::Import(report));
    }
    let mut added: Vec<(AliasKind, i64)> = Vec::new();
    for (kind, id, alias) in rows {
        let done = db_execute!(
            tx.handle(),
            sqlx::query(INSERT_ALIAS)
                .bind(Scope::Global.to_db())
                .bind(kind.to_db())
                .bind(id)
                .bind(&alias)
                .bind(None::<UserId>)
        )?;
        if done > 0 {
            report.inserted += 1;
            added.push((kind, id));
        } else {
            report.unchanged += 1;
        }
    }
    reindex_targets(tx.handle(), &added).await?;
    tx.commit().await?;
    Ok(report)
}
