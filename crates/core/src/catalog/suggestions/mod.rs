//! Members suggest tracks for their server's catalog; moderators approve
//! (adding a server-local entry), edit or reject them. The rules: the
//! catalog's own validation, no duplicate of an entry or of an open
//! suggestion, at most [`MAX_OPEN`] open per member, and a day's pause after
//! [`REJECTIONS_IN_A_ROW`] rejections in a row.

use super::import::{check_track, slugify, validate_drama};
use super::store::{self, upsert_drama, upsert_track, NewDrama, NewTrack};
use super::{Drama, DramaId, Scope, Track, TrackId};
pub use crate::ids::SuggestionId;
pub mod follow_up;
use crate::db::Handle;
use crate::ids::{ChannelId, GuildId, UserId};
use crate::polls::label_key;
use crate::timestamp::{at, Timestamp};
use crate::{db_execute, on_db, Result};
use chrono::{DateTime, Duration, Utc};
use sqlx::FromRow;

pub const MAX_OPEN: i64 = 10;
pub const REJECTIONS_IN_A_ROW: i64 = 5;
pub const PAUSE_HOURS: i64 = 24;
pub const MAX_REASON_CHARS: usize = 300;
pub const MAX_SINGERS_CHARS: usize = 200;

/// Why a suggestion or a decision is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SuggestionError {
    #[error("no drama given")]
    NoDrama,
    #[error("{open} suggestions are open")]
    TooManyOpen { open: i64 },
    #[error("rejected {REJECTIONS_IN_A_ROW} times in a row; wait until {until}")]
    Paused { until: DateTime<Utc> },
    #[error("already suggested as #{0}")]
    AlreadySuggested(SuggestionId),
    #[error("no suggestion #{0}")]
    NoSuchSuggestion(SuggestionId),
    #[error("already decided")]
    AlreadyDecided(Box<Decision>),
    #[error("a link must start with https://")]
    LinkNotHttps,
}

/// Which drama a suggestion is for.
#[derive(Clone, Debug, PartialEq)]
pub enum DramaChoice {
    Existing(Drama),
    /// A drama the catalog lacks, by its title.
    New(String),
}

/// A suggestion as a member makes it.
#[derive(Clone, Debug)]
pub struct NewSuggestion {
    pub guild: GuildId,
    pub member: UserId,
    pub member_name: String,
    pub locale: String,
    pub drama: DramaChoice,
    pub title: String,
    pub singers: Option<String>,
    pub ost_part: Option<i32>,
    pub link: Option<String>,
    pub notify_dm: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Open,
    Approved,
    Rejected,
}

/// Who decided, when, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub state: State,
    pub by: UserId,
    pub by_name: String,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub id: SuggestionId,
    pub guild: GuildId,
    pub member: UserId,
    pub member_name: String,
    pub locale: String,
    pub drama_id: Option<DramaId>,
    pub drama_title: String,
    pub title: String,
    pub singers: Option<String>,
    pub ost_part: Option<i32>,
    pub link: Option<String>,
    pub notify_dm: bool,
    pub created_at: DateTime<Utc>,
    pub decision: Option<Decision>,
    pub track: Option<TrackId>,
}

/// What `suggest` did.
#[derive(Clone, Debug, PartialEq)]
pub enum Suggested {
    /// Stored, waiting for moderators; `open` counts the member's open ones.
    Stored {
        suggestion: Box<Suggestion>,
        open: i64,
    },
    /// The catalog has it already: the member gets its card instead.
    Exists(TrackId),
}

/// The fields a member or a moderator gives, checked by the catalog's rules.
fn check(title: &str, singers: Option<&str>, part: Option<i32>, link: Option<&str>) -> Result<()> {
    if title.trim().is_empty() {
        return Err(crate::Error::BadEntry(super::import::RowProblem::NoTitle {
            track: true,
        }));
    }
    let links: Vec<String> = link.map(str::to_owned).into_iter().collect();
    check_track(title.trim(), None, &links, part).map_err(crate::Error::BadEntry)?;
    if link.is_some_and(|l| !l.starts_with("https://")) {
        return Err(SuggestionError::LinkNotHttps.into());
    }
    if singers.is_some_and(|s| s.chars().count() > MAX_SINGERS_CHARS) {
        return Err(crate::Error::TooLong {
            field: "singers",
            max: MAX_SINGERS_CHARS,
        });
    }
    Ok(())
}

/// Checks and stores a member's suggestion, unless the catalog or an open
/// suggestion has it already.
#[tracing::instrument(skip_all, fields(guild = %new.guild))]
pub async fn suggest<'c>(
    db: impl Into<Handle<'c>>,
    new: &NewSuggestion,
    now: DateTime<Utc>,
) -> Result<Suggested> {
    check(
        &new.title,
        new.singers.as_deref(),
        new.ost_part,
        new.link.as_deref(),
    )?;
    let drama_title = match &new.drama {
        DramaChoice::Existing(d) => d.title.clone(),
        DramaChoice::New(title) if title.trim().is_empty() => {
            return Err(SuggestionError::NoDrama.into())
        }
        DramaChoice::New(title) => {
            let drama = NewDrama {
                title: title.trim().to_owned(),
                ..NewDrama::default()
            };
            validate_drama(&drama).map_err(crate::Error::BadEntry)?;
            drama.title
        }
    };
    let mut db = db.into();
    if let DramaChoice::Existing(drama) = &new.drama {
        if let Some(track) = existing_track(db.reborrow(), new.guild, drama.id, &new.title).await? {
            return Ok(Suggested::Exists(track));
        }
    }
    let mut tx = db.begin_write().await?;
    let (g, m) = (new.guild, new.member);
    one_suggestion_at_a_time(tx.handle(), g).await?;
    if let Some(id) = open_duplicate(tx.handle(), g, &new.drama, &drama_title, &new.title).await? {
        return Err(SuggestionError::AlreadySuggested(id).into());
    }
    let open: i64 = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM suggestions
         WHERE guild_id = $1 AND member_id = $2 AND state = 'open'",
    )
    .bind(g)
    .bind(m)
    .fetch_one(e)
    .await)?;
    if open >= MAX_OPEN {
        return Err(SuggestionError::TooManyOpen { open }.into());
    }
    if let Some(until) = paused_until(tx.handle(), g, m).await? {
        if until > now {
            return Err(SuggestionError::Paused { until }.into());
        }
    }
    let drama_id = match &new.drama {
        DramaChoice::Existing(d) => Some(d.id),
        DramaChoice::New(_) => None,
    };
    let id: SuggestionId = on_db!(tx.handle(), |e| sqlx::query_scalar(INSERT_SQL)
        .bind(g)
        .bind(m)
        .bind(&new.member_name)
        .bind(&new.locale)
        .bind(drama_id)
        .bind(&drama_title)
        .bind(new.title.trim())
        .bind(new.singers.as_deref().map(str::trim))
        .bind(new.ost_part.map(i64::from))
        .bind(new.link.as_deref())
        .bind(new.notify_dm)
        .bind(at(now))
        .fetch_one(e)
        .await)?;
    let suggestion = Box::new(get(tx.handle(), new.guild, id).await?);
    tx.commit().await?;
    Ok(Suggested::Stored {
        suggestion,
        open: open + 1,
    })
}

const INSERT_SQL: &str = "\
    INSERT INTO suggestions (guild_id, member_id, member_name, locale, drama_id, drama_title,
        title, singers, ost_part, link, notify_dm, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

/// Makes the checks of a server's new suggestions (duplicates, open ones,
/// the pause) and its insert one at a time: SQLite's write transaction holds
/// its one write lock already; on PostgreSQL, a lock of the server's
/// suggestions held to the transaction's end (an advisory lock: there is no
/// row to lock before the new one exists).
async fn one_suggestion_at_a_time(db: Handle<'_>, guild: GuildId) -> Result<()> {
    if let Handle::Postgres(conn) = db {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended('suggestions', $1))")
            .bind(guild)
            .fetch_all(conn)
            .await?;
    }
    Ok(())
}

/// A track of `drama` this server sees whose title is `title`, as typed.
async fn existing_track(
    db: Handle<'_>,
    guild: GuildId,
    drama: DramaId,
    title: &str,
) -> Result<Option<TrackId>> {
    let key = label_key(title);
    let tracks: Vec<Track> = store::tracks_of(db, drama, Some(guild)).await?;
    Ok(tracks
        .into_iter()
        .find(|t| {
            label_key(&t.title) == key || t.title_ko.as_deref().map(label_key) == Some(key.clone())
        })
        .map(|t| t.id))
}

async fn open_duplicate(
    db: Handle<'_>,
    guild: GuildId,
    drama: &DramaChoice,
    drama_title: &str,
    title: &str,
) -> Result<Option<SuggestionId>> {
    let rows: Vec<(SuggestionId, Option<DramaId>, Option<String>, String)> =
        on_db!(db, |e| sqlx::query_as(
            "SELECT id, drama_id, drama_title, title FROM suggestions
             WHERE guild_id = $1 AND state = 'open'",
        )
        .bind(guild)
        .fetch_all(e)
        .await)?;
    let (title, drama_key) = (label_key(title), label_key(drama_title));
    let same_drama = |id: Option<DramaId>, t: &Option<String>| match drama {
        DramaChoice::Existing(d) => id == Some(d.id),
        DramaChoice::New(_) => {
            id.is_none() && t.as_deref().map(label_key) == Some(drama_key.clone())
        }
    };
    Ok(rows
        .into_iter()
        .find(|(_, d, dt, t)| same_drama(*d, dt) && label_key(t) == title)
        .map(|(id, ..)| id))
}

/// When a member rejected [`REJECTIONS_IN_A_ROW`] times in a row may suggest again.
async fn paused_until(
    db: Handle<'_>,
    guild: GuildId,
    member: UserId,
) -> Result<Option<DateTime<Utc>>> {
    let rows: Vec<(String, Timestamp)> = on_db!(db, |e| sqlx::query_as(
        "SELECT state, decided_at FROM suggestions
         WHERE guild_id = $1 AND member_id = $2 AND state != 'open'
         ORDER BY decided_at DESC, id DESC LIMIT $3",
    )
    .bind(guild)
    .bind(member)
    .bind(REJECTIONS_IN_A_ROW)
    .fetch_all(e)
    .await)?;
    if rows.len() < REJECTIONS_IN_A_ROW as usize || rows.iter().any(|(s, _)| s != "rejected") {
        return Ok(None);
    }
    Ok(rows
        .first()
        .map(|(_, last)| last.get() + Duration::hours(PAUSE_HOURS)))
}

#[derive(FromRow)]
struct Row {
    id: SuggestionId,
    guild_id: GuildId,
    member_id: UserId,
    member_name: String,
    locale: String,
    drama_id: Option<DramaId>,
    drama_title: Option<String>,
    title: String,
    singers: Option<String>,
    /// BIGINT on PostgreSQL, which does not decode as `i32`.
    ost_part: Option<i64>,
    link: Option<String>,
    notify_dm: bool,
    state: String,
    created_at: Timestamp,
    decided_by: Option<UserId>,
    decided_name: Option<String>,
    decided_at: Option<Timestamp>,
    reason: Option<String>,
    track_id: Option<TrackId>,
}

const COLUMNS: &str = "id, guild_id, member_id, member_name, locale, drama_id, drama_title, title,
    singers, ost_part, link, notify_dm, state, created_at, decided_by, decided_name, decided_at,
    reason, track_id";

impl Row {
    fn into_suggestion(self) -> Result<Suggestion> {
        let state = match self.state.as_str() {
            "open" => State::Open,
            "approved" => State::Approved,
            "rejected" => State::Rejected,
            other => {
                return Err(crate::Error::Internal(format!(
                    "suggestion state {other:?}"
                )))
            }
        };
        let decision = match (state, self.decided_by, self.decided_at) {
            (State::Open, ..) => None,
            (_, Some(by), Some(at)) => Some(Decision {
                state,
                by,
                by_name: self.decided_name.unwrap_or_default(),
                at: at.get(),
                reason: self.reason,
            }),
            _ => {
                return Err(crate::Error::Internal(
                    "a decision without its moderator".into(),
                ))
            }
        };
        let ost_part = self
            .ost_part
            .map(i32::try_from)
            .transpose()
            .map_err(|_| crate::Error::Internal(format!("suggestion {}: OST part", self.id)))?;
        Ok(Suggestion {
            id: self.id,
            guild: self.guild_id,
            member: self.member_id,
            member_name: self.member_name,
            locale: self.locale,
            drama_id: self.drama_id,
            drama_title: self.drama_title.unwrap_or_default(),
            title: self.title,
            singers: self.singers,
            ost_part,
            link: self.link,
            notify_dm: self.notify_dm,
            created_at: self.created_at.get(),
            decision,
            track: self.track_id,
        })
    }
}

/// One suggestion of this server.
pub async fn get<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: SuggestionId,
) -> Result<Suggestion> {
    let sql = format!("SELECT {COLUMNS} FROM suggestions WHERE id = $1 AND guild_id = $2");
    let row: Option<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(id)
        .bind(guild)
        .fetch_optional(e)
        .await)?;
    row.ok_or(SuggestionError::NoSuchSuggestion(id))?
        .into_suggestion()
}

/// One suggestion still waiting for a decision, or who decided it.
pub async fn open<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: SuggestionId,
) -> Result<Suggestion> {
    let suggestion = get(db, guild, id).await?;
    match suggestion.decision {
        Some(decision) => Err(SuggestionError::AlreadyDecided(Box::new(decision)).into()),
        None => Ok(suggestion),
    }
}

/// The open suggestions of a server, oldest first: `(page, total)`.
pub async fn queue<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    offset: u64,
    limit: u64,
) -> Result<(Vec<Suggestion>, u64)> {
    let mut db = db.into();
    let total: i64 = on_db!(db.reborrow(), |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM suggestions WHERE guild_id = $1 AND state = 'open'",
    )
    .bind(guild)
    .fetch_one(e)
    .await)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM suggestions WHERE guild_id = $1 AND state = 'open'
         ORDER BY id LIMIT $2 OFFSET $3"
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(limit.min(100) as i64)
        .bind(offset.min(i64::MAX as u64) as i64)
        .fetch_all(e)
        .await)?;
    let page = rows
        .into_iter()
        .map(Row::into_suggestion)
        .collect::<Result<_>>()?;
    Ok((page, total.max(0) as u64))
}

/// A member's latest suggestions in a server, newest first.
pub async fn of_member<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
    limit: u64,
) -> Result<Vec<Suggestion>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM suggestions WHERE guild_id = $1 AND member_id = $2
         ORDER BY id DESC LIMIT $3"
    );
    let rows: Vec<Row> = on_db!(db, |e| sqlx::query_as(&sql)
        .bind(guild)
        .bind(member)
        .bind(limit.min(100) as i64)
        .fetch_all(e)
        .await)?;
    rows.into_iter().map(Row::into_suggestion).collect()
}

/// A moderator's edit of an open suggestion: `None` keeps a field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Changes {
    pub title: Option<String>,
    pub singers: Option<Option<String>>,
    pub ost_part: Option<Option<i32>>,
    pub link: Option<Option<String>>,
}

/// Changes an open suggestion's fields, checked as a new one is.
pub async fn edit<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: SuggestionId,
    changes: &Changes,
) -> Result<Suggestion> {
    let mut db = db.into();
    let current = open(db.reborrow(), guild, id).await?;
    let title = changes.title.clone().unwrap_or(current.title);
    let singers = changes.singers.clone().unwrap_or(current.singers);
    let part = changes.ost_part.unwrap_or(current.ost_part);
    let link = changes.link.clone().unwrap_or(current.link);
    check(&title, singers.as_deref(), part, link.as_deref())?;
    db_execute!(
        db.reborrow(),
        sqlx::query(
            "UPDATE suggestions SET title = $1, singers = $2, ost_part = $3, link = $4
             WHERE id = $5 AND guild_id = $6 AND state = 'open'",
        )
        .bind(title.trim())
        .bind(singers.as_deref().map(str::trim))
        .bind(part.map(i64::from))
        .bind(link.as_deref())
        .bind(id)
        .bind(guild)
    )?;
    get(db, guild, id).await
}

/// Who decides, as the decision records them.
#[derive(Clone, Debug)]
pub struct Moderator {
    pub id: UserId,
    pub name: String,
}

/// Approves an open suggestion: in one transaction, the decision is taken
/// (once: a second approval at the same moment finds it decided) and the
/// server-local drama (if new) and track are added.
#[tracing::instrument(skip(db, by))]
pub async fn approve<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: SuggestionId,
    by: &Moderator,
    now: DateTime<Utc>,
) -> Result<(Suggestion, TrackId)> {
    // The catalog's write lock first: the drama and track it adds take it,
    // and taking it after the suggestion's row could deadlock on PostgreSQL.
    let mut tx = crate::catalog::sql::begin_catalog_write(db).await?;
    let current = claim(tx.handle(), guild, id, by, "approved", None, now).await?;
    let scope = Scope::Guild(guild);
    let drama = match current.drama_id {
        Some(d) => d,
        None => {
            let new = NewDrama {
                slug: slugify(&current.drama_title, None),
                title: current.drama_title.clone(),
                ..NewDrama::default()
            };
            upsert_drama(tx.handle(), scope, &new, Some(by.id)).await?.0
        }
    };
    let drama_slug: String = on_db!(tx.handle(), |e| sqlx::query_scalar(
        "SELECT slug FROM dramas WHERE id = $1"
    )
    .bind(drama)
    .fetch_optional(e)
    .await)?
    .ok_or(crate::Error::EntryGone)?;
    let (artist, artist_ko) = split_singers(current.singers.as_deref());
    let slug = format!("{drama_slug}-{}", slugify(&current.title, None));
    let new = NewTrack {
        artist,
        artist_ko,
        ost_part: current.ost_part,
        links: current.link.clone().into_iter().collect(),
        verified: true,
        ..NewTrack::new(slug, drama, current.title.clone())
    };
    let (track, _) = upsert_track(tx.handle(), scope, &new, Some(by.id)).await?;
    db_execute!(
        tx.handle(),
        sqlx::query("UPDATE suggestions SET track_id = $1 WHERE id = $2")
            .bind(track)
            .bind(id)
    )?;
    let approved = get(tx.handle(), guild, id).await?;
    tx.commit().await?;
    Ok((approved, track))
}

/// Rejects an open suggestion, with an optional reason.
pub async fn reject<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    id: SuggestionId,
    by: &Moderator,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Suggestion> {
    if reason.is_some_and(|r| r.chars().count() > MAX_REASON_CHARS) {
        return Err(crate::Error::TooLong {
            field: "reason",
            max: MAX_REASON_CHARS,
        });
    }
    let mut tx = db.into().begin_write().await?;
    let rejected = claim(tx.handle(), guild, id, by, "rejected", reason, now).await?;
    tx.commit().await?;
    Ok(rejected)
}

/// Records a decision on an open suggestion, or says who decided first. One
/// conditional `UPDATE … RETURNING` on either backend: PostgreSQL tests
/// `state = 'open'` again on the row a concurrent decision left, so the
/// second finds it decided.
async fn claim(
    mut db: Handle<'_>,
    guild: GuildId,
    id: SuggestionId,
    by: &Moderator,
    state: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Suggestion> {
    let sql = format!(
        "UPDATE suggestions SET state = $1, decided_by = $2, decided_name = $3, decided_at = $4,
             reason = $5
         WHERE id = $6 AND guild_id = $7 AND state = 'open'
         RETURNING {COLUMNS}"
    );
    let claimed: Vec<Row> = on_db!(db.reborrow(), |e| sqlx::query_as(&sql)
        .bind(state)
        .bind(by.id)
        .bind(&by.name)
        .bind(at(now))
        .bind(reason.map(str::trim).filter(|r| !r.is_empty()))
        .bind(id)
        .bind(guild)
        .fetch_all(e)
        .await)?;
    if let Some(row) = claimed.into_iter().next() {
        return row.into_suggestion();
    }
    let decided = get(db, guild, id).await?;
    match decided.decision {
        Some(decision) => Err(SuggestionError::AlreadyDecided(Box::new(decision)).into()),
        None => Err(crate::Error::Internal(
            "an open suggestion was not claimed".into(),
        )),
    }
}

/// Singers as typed: Hangul names go to the Korean credit, others to the Latin one.
pub(super) fn split_singers(singers: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(singers) = singers.map(str::trim).filter(|s| !s.is_empty()) else {
        return (None, None);
    };
    let hangul = singers
        .chars()
        .any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if hangul {
        (None, Some(singers.to_owned()))
    } else {
        (Some(singers.to_owned()), None)
    }
}

/// Where the server's new suggestions are posted, if a moderator chose.
pub async fn channel<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Option<ChannelId>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT channel_id FROM catalog_channels WHERE guild_id = $1"
    )
    .bind(guild)
    .fetch_optional(e)
    .await)?)
}

pub async fn set_channel<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    channel: ChannelId,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO catalog_channels (guild_id, channel_id) VALUES ($1, $2)
             ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id",
        )
        .bind(guild)
        .bind(channel)
    )?;
    Ok(())
}

/// Forgets the server's suggestions channel (`/config reset`).
pub async fn forget_channel<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM catalog_channels WHERE guild_id = $1").bind(guild)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singers_in_hangul_are_the_korean_credit() {
        assert_eq!(
            split_singers(Some(" 찬열, 펀치 ")),
            (None, Some("찬열, 펀치".into()))
        );
        assert_eq!(split_singers(Some("Punch")), (Some("Punch".into()), None));
        assert_eq!(split_singers(Some("  ")), (None, None));
    }

    #[test]
    fn fields_follow_the_catalogs_rules() {
        assert!(check(
            "Stay With Me",
            Some("Punch"),
            Some(1),
            Some("https://x.example")
        )
        .is_ok());
        assert!(check(" ", None, None, None).is_err());
        assert!(check(&"a".repeat(500), None, None, None).is_err());
        assert!(matches!(
            check("Song", None, None, Some("http://x.example")),
            Err(crate::Error::Suggestion(SuggestionError::LinkNotHttps))
        ));
        assert!(check("Song", None, Some(500), None).is_err());
        assert!(check("Song", Some(&"x".repeat(201)), None, None).is_err());
    }
}
