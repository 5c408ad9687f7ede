//! Whole OSTs from MusicBrainz, the open music database: `ostbot catalog fetch QUERY` (the
//! global catalog) and `/catalog fetch` (a server's own). A fetch finds the drama's OST
//! release groups (a search by title, or one release group by its MBID), reads their releases
//! with tracks and credits ([`client`]), turns them into a plan ([`plan`]: parts, tracks,
//! every credited artist, what is new, updated or unchanged), and imports it only when asked.
//! MusicBrainz ids are stored on dramas, tracks and artists (`migrations/sqlite/0018_…`), so a later
//! fetch updates the same entries; a track the catalog has without an id is matched by its
//! normalised title and one of its artists, and gets the id.

pub mod client;
pub mod model;
pub mod plan;

pub use client::MusicBrainz;
pub use model::Mbid;
pub use plan::{Action, Fetched, Known, KnownDrama, KnownTrack, Ost};

use super::credits::{self, MbArtist};
use super::import::{slugify, validate_track};
use super::search::normalize::{compact, has_hangul, normalize};
use super::store::{self, Change, FetchedFields, NewDrama, NewTrack};
use super::{sql, Scope};
use crate::db::Handle;
use crate::ids::{GuildId, UserId};
use crate::{db_execute, on_db, Error, Result};

/// Release groups a text query takes (the drama's parts), at most.
pub const MAX_GROUPS: usize = 30;
/// Releases a fetch reads, at most, across its release groups; more are said, not read.
pub const MAX_RELEASES: usize = 150;

/// Why a fetch found nothing to show (worded by `bot::error_text`); nothing is imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("MusicBrainz cannot be reached: {0}")]
    Unreachable(String),
    #[error("MusicBrainz did not answer within 10 s")]
    Timeout,
    #[error("MusicBrainz does not know this id")]
    NotFound,
    #[error("MusicBrainz answered something that is not its JSON")]
    Malformed,
    #[error("MusicBrainz is busy (503 after retries)")]
    Busy,
    #[error("MusicBrainz answered HTTP {0}")]
    Status(u16),
    #[error("MusicBrainz has no OST matching {0:?}")]
    NothingFound(String),
    #[error("MusicBrainz is not configured (MUSICBRAINZ_CONTACT)")]
    NotConfigured,
    #[error("an empty query")]
    EmptyQuery,
}

/// Reads what MusicBrainz has for `query`: a release-group MBID, or a title such as
/// "도깨비 OST" (the release groups of the best hit's drama).
pub async fn fetch(client: &MusicBrainz, query: &str) -> std::result::Result<Fetched, FetchError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(FetchError::EmptyQuery);
    }
    let groups = match Mbid::parse(query) {
        Some(id) => vec![client.release_group(&id).await?],
        None => {
            let hits = client.search_release_groups(query, 50).await?;
            // The best soundtrack when there is one: a singer's album is no drama's OST.
            let Some(best) = hits
                .iter()
                .find(|g| plan::is_soundtrack(g))
                .or(hits.first())
            else {
                return Err(FetchError::NothingFound(query.to_owned()));
            };
            let name = plan::drama_name(&best.title);
            hits.iter()
                .filter(|g| plan::same_drama(g, &name))
                .take(MAX_GROUPS)
                .cloned()
                .collect()
        }
    };
    let mut fetched = Fetched {
        groups,
        ..Fetched::default()
    };
    let mut total: u64 = 0;
    for group in &fetched.groups {
        let budget = MAX_RELEASES.saturating_sub(fetched.releases.len());
        if budget == 0 {
            // The groups left unread count as one release each at least.
            total += 1;
            continue;
        }
        let (releases, count) = client.releases_of(&group.id, budget).await?;
        total += count.max(releases.len() as u64);
        fetched
            .releases
            .extend(releases.into_iter().map(|r| (group.id.clone(), r)));
    }
    if total > fetched.releases.len() as u64 {
        fetched.capped = Some(plan::Capped {
            read: fetched.releases.len(),
            total,
        });
    }
    if fetched
        .releases
        .iter()
        .all(|(_, r)| r.media.iter().all(|m| m.tracks.is_empty()))
    {
        return Err(FetchError::NothingFound(query.to_owned()));
    }
    Ok(fetched)
}

fn key(text: &str) -> String {
    compact(&normalize(text))
}

fn guild_of(scope: Scope) -> Option<GuildId> {
    match scope {
        Scope::Global => None,
        Scope::Guild(g) => Some(g),
    }
}

/// What the catalog (as `scope` sees it) holds that `fetched` may match.
pub async fn known<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    fetched: &Fetched,
) -> Result<Known> {
    let guild = guild_of(scope);
    let mut db = db.into();
    let groups: Vec<String> = fetched.groups.iter().map(|g| g.id.to_string()).collect();
    let mut drama = store::drama_of_release_groups(db.reborrow(), &groups, guild).await?;
    if drama.is_none() {
        if let Some(first) = fetched.groups.first() {
            let name = key(&plan::drama_name(&first.title));
            let dramas = store::visible_dramas(db.reborrow(), guild).await?;
            // A drama's own titles first: another drama may list this one's as an alt title.
            drama = dramas
                .iter()
                .find(|d| {
                    key(&d.title) == name || d.title_ko.as_deref().is_some_and(|k| key(k) == name)
                })
                .or_else(|| {
                    dramas
                        .iter()
                        .find(|d| d.alt_titles.iter().any(|a| key(a) == name))
                })
                .cloned();
        }
    }
    let recordings: Vec<String> = fetched
        .releases
        .iter()
        .flat_map(|(_, r)| r.media.iter().flat_map(|m| m.tracks.iter()))
        .map(|t| t.recording.id.to_string())
        .collect();
    let drama_id = drama.as_ref().map(|d| d.id);
    let rows = store::tracks_for_fetch(db.reborrow(), drama_id, &recordings, guild).await?;
    let mut tracks = Vec::with_capacity(rows.len());
    for row in rows {
        let t = row.track;
        let credited = credits::credit_mbids(db.reborrow(), t.id).await?;
        let mut artist_names: Vec<String> = [t.artist.clone(), t.artist_ko.clone()]
            .into_iter()
            .flatten()
            .flat_map(|c| {
                credits::split_credit(&c)
                    .into_iter()
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        artist_names.extend(
            credited
                .iter()
                .flat_map(|(_, a)| a.names().map(str::to_owned)),
        );
        tracks.push(KnownTrack {
            id: t.id,
            own: t.scope == scope,
            titles: [Some(t.title.clone()), t.title_ko.clone()]
                .into_iter()
                .flatten()
                .collect(),
            artist_names,
            mb_recording: row.mb_recording.as_deref().and_then(Mbid::parse),
            mb_release: row.mb_release.as_deref().and_then(Mbid::parse),
            ost_part: t.ost_part,
            release_date: t.release_date.clone(),
            album: t.album.clone(),
            credits: credited
                .iter()
                .map(|(mbid, a)| {
                    (
                        mbid.as_deref().and_then(Mbid::parse),
                        a.names().map(str::to_owned).collect(),
                    )
                })
                .collect(),
        });
    }
    Ok(Known {
        drama: drama.map(|d| KnownDrama {
            id: d.id,
            label: d.label(),
            own: d.scope == scope,
        }),
        tracks,
    })
}

/// The plan of `fetched` against the catalog `scope` sees.
pub async fn preview<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    fetched: &Fetched,
) -> Result<Option<Ost>> {
    let known = known(db, scope, fetched).await?;
    Ok(plan::plan(fetched, &known))
}

/// What an import wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub drama_created: bool,
    pub counts: plan::Counts,
}

/// Imports a plan into `scope` in one transaction: the drama when the catalog lacks it, new
/// tracks, and the updates of tracks it has (MusicBrainz ids, every credited artist, and the
/// part, album and release date they lack). Shared entries are left as they are.
pub async fn import<'c>(
    db: impl Into<Handle<'c>>,
    scope: Scope,
    added_by: Option<UserId>,
    ost: &Ost,
) -> Result<Imported> {
    let mut tx = sql::begin_catalog_write(db).await?;
    let mut imported = Imported {
        counts: ost.counts(),
        ..Imported::default()
    };
    let drama_id = match &ost.drama {
        Some(known) => {
            if known.own {
                store::set_drama_release_group(tx.handle(), known.id, ost.release_group.as_str())
                    .await?;
            }
            known.id
        }
        None => {
            let new = NewDrama {
                slug: slugify(&ost.title, ost.year),
                title: ost.title.clone(),
                title_ko: has_hangul(&ost.title).then(|| ost.title.clone()),
                year: ost.year,
                ..NewDrama::default()
            };
            super::import::validate_drama(&new).map_err(Error::BadEntry)?;
            let (id, change) = store::upsert_drama(tx.handle(), scope, &new, added_by).await?;
            imported.drama_created = change == Change::Inserted;
            store::set_drama_release_group(tx.handle(), id, ost.release_group.as_str()).await?;
            id
        }
    };
    let drama_slug = store::drama_slug(tx.handle(), drama_id).await?;
    for (part, track) in ost.tracks() {
        let id = match track.action {
            Action::Unchanged(_) | Action::Shared(_) => continue,
            Action::Update(id) => id,
            Action::New => {
                // Imported meanwhile (another moderator's Import of the same preview).
                if let Some(id) =
                    store::track_by_recording(tx.handle(), scope, track.recording.as_str()).await?
                {
                    id
                } else {
                    let (artist, artist_ko) = plan::source_credit(&track.credits);
                    let mut slug = format!("{drama_slug}-{}", slugify(&track.title, None));
                    if store::track_in_scope(tx.handle(), scope, &slug)
                        .await?
                        .is_some()
                    {
                        // Another recording of the same title (a version, an instrumental).
                        slug = format!("{slug}-{}", &track.recording.as_str()[..8]);
                    }
                    let new = NewTrack {
                        slug,
                        drama_id,
                        title: track.title.clone(),
                        title_ko: None,
                        artist,
                        artist_ko,
                        ost_part: part.number,
                        year: part
                            .date
                            .as_deref()
                            .and_then(|d| d.get(..4))
                            .and_then(|y| y.parse().ok()),
                        album: Some(part.title.clone()),
                        links: Vec::new(),
                        verified: true,
                    };
                    validate_track(&new).map_err(Error::BadEntry)?;
                    store::upsert_track(tx.handle(), scope, &new, added_by)
                        .await?
                        .0
                }
            }
        };
        let date = part.date.as_deref().filter(|d| d.len() >= 7);
        store::set_fetched_fields(
            tx.handle(),
            id,
            &FetchedFields {
                recording: track.recording.as_str(),
                release: part.release.as_str(),
                release_group: part.release_group.as_str(),
                release_date: date,
                ost_part: part.number,
                album: Some(&part.title),
            },
        )
        .await?;
        let artists: Vec<MbArtist> = track
            .credits
            .iter()
            .map(|c| MbArtist {
                name_ko: c.name_ko.clone(),
                name: c.latin.clone(),
                mbid: c.mbid.to_string(),
            })
            .collect();
        if !artists.is_empty() {
            credits::set_credits_with_mbids(tx.handle(), id, &artists).await?;
        }
        store::reindex_track(tx.handle(), id).await?;
    }
    tx.commit().await?;
    Ok(imported)
}

/// A `/catalog fetch` preview waiting for its Import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingFetch {
    pub guild: GuildId,
    pub moderator: UserId,
    pub query: String,
}

/// How long a preview's Import button works.
pub const PENDING_FOR_MS: i64 = 24 * 3600 * 1000;

/// Keeps a preview's query for its Import button (and drops those older than a day).
pub async fn remember_fetch<'c>(
    db: impl Into<Handle<'c>>,
    pending: &PendingFetch,
    now: crate::timestamp::Timestamp,
) -> Result<crate::ids::FetchId> {
    let mut db = db.into();
    db_execute!(
        db.reborrow(),
        sqlx::query("DELETE FROM musicbrainz_fetches WHERE created_at < $1")
            .bind(now.millis() - PENDING_FOR_MS)
    )?;
    // To the end, not `fetch_one`: see `db::connect`.
    let ids: Vec<crate::ids::FetchId> = on_db!(db, |e| sqlx::query_scalar(
        "INSERT INTO musicbrainz_fetches (guild_id, moderator_id, query, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(pending.guild)
    .bind(pending.moderator)
    .bind(&pending.query)
    .bind(now)
    .fetch_all(e)
    .await)?;
    ids.first()
        .copied()
        .ok_or_else(|| Error::Internal("a fetch insert returned nothing".into()))
}

/// The preview `id` of `guild`, when it is still there.
pub async fn pending_fetch<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: crate::ids::FetchId,
) -> Result<Option<PendingFetch>> {
    let row: Option<(GuildId, UserId, String)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT guild_id, moderator_id, query FROM musicbrainz_fetches WHERE id = $1 AND guild_id = $2",
    )
    .bind(id)
    .bind(guild)
    .fetch_optional(e)
    .await
    })?;
    Ok(row.map(|(guild, moderator, query)| PendingFetch {
        guild,
        moderator,
        query,
    }))
}

/// Forgets a preview (Cancel, or done).
pub async fn forget_fetch<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: crate::ids::FetchId,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM musicbrainz_fetches WHERE id = $1 AND guild_id = $2")
            .bind(id)
            .bind(guild)
    )?;
    Ok(())
}
