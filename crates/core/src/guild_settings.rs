//! Per-server configuration: channels, roles, the weekly schedule. On
//! either backend ([`Handle`]): one SQL text each.

use crate::db::Handle;
use crate::ids::{ChannelId, GuildId, RoleId};
use crate::locale::Locale;
use crate::timestamp::at;
use crate::{db_execute, on_db, Result};
use sqlx::FromRow;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeeklySchedule {
    pub channel: ChannelId,
    /// 0 = Monday … 6 = Sunday.
    pub day: u8,
    /// "HH:MM" in `timezone`.
    pub time: String,
    /// IANA zone name, e.g. "Asia/Seoul".
    pub timezone: String,
    pub candidates: u8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuildSettings {
    pub guild: GuildId,
    pub review_feed: Option<ChannelId>,
    pub poll_role: Option<RoleId>,
    pub ping_role: Option<RoleId>,
    pub weekly: Option<WeeklySchedule>,
    /// m in the Bayesian average of community scores.
    pub min_voices: u32,
    /// Why the last post to a configured channel failed, if it did.
    pub channel_problem: Option<String>,
}

impl GuildSettings {
    pub fn defaults(guild: GuildId) -> Self {
        GuildSettings {
            guild,
            review_feed: None,
            poll_role: None,
            ping_role: None,
            weekly: None,
            min_voices: 5,
            channel_problem: None,
        }
    }
}

#[derive(FromRow)]
struct Row {
    review_feed_channel: Option<ChannelId>,
    poll_role: Option<RoleId>,
    ping_role: Option<RoleId>,
    weekly_channel: Option<ChannelId>,
    weekly_day: Option<i64>,
    weekly_time: Option<String>,
    weekly_timezone: Option<String>,
    weekly_candidates: i64,
    min_voices: i64,
    channel_problem: Option<String>,
}

/// The server's settings, or the defaults when it never configured anything.
#[tracing::instrument(skip(db))]
pub async fn get<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<GuildSettings> {
    let row: Option<Row> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT review_feed_channel, poll_role, ping_role, weekly_channel, weekly_day, weekly_time,
                weekly_timezone, weekly_candidates, min_voices, channel_problem
         FROM guild_settings WHERE guild_id = $1",
    )
    .bind(guild)
    .fetch_optional(e)
    .await
    })?;
    let Some(r) = row else {
        return Ok(GuildSettings::defaults(guild));
    };
    let weekly = match (
        r.weekly_channel,
        r.weekly_day,
        r.weekly_time,
        r.weekly_timezone,
    ) {
        (Some(channel), Some(day), Some(time), Some(timezone)) => Some(WeeklySchedule {
            channel,
            day: day.clamp(0, 6) as u8,
            time,
            timezone,
            candidates: r.weekly_candidates.clamp(2, 10) as u8,
        }),
        _ => None,
    };
    Ok(GuildSettings {
        guild,
        review_feed: r.review_feed_channel,
        poll_role: r.poll_role,
        ping_role: r.ping_role,
        weekly,
        min_voices: r.min_voices.clamp(0, 1000) as u32,
        channel_problem: r.channel_problem,
    })
}

/// Writes all settings of a server at once.
#[tracing::instrument(skip(db))]
pub async fn save<'c>(db: impl Into<Handle<'c>>, s: &GuildSettings) -> Result<()> {
    let weekly = s.weekly.as_ref();
    db_execute!(db, sqlx::query(
        "INSERT INTO guild_settings (guild_id, review_feed_channel, poll_role, ping_role, weekly_channel,
             weekly_day, weekly_time, weekly_timezone, weekly_candidates, min_voices, channel_problem, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (guild_id) DO UPDATE SET
             review_feed_channel = excluded.review_feed_channel, poll_role = excluded.poll_role,
             ping_role = excluded.ping_role, weekly_channel = excluded.weekly_channel,
             weekly_day = excluded.weekly_day, weekly_time = excluded.weekly_time,
             weekly_timezone = excluded.weekly_timezone, weekly_candidates = excluded.weekly_candidates,
             min_voices = excluded.min_voices, channel_problem = excluded.channel_problem,
             updated_at = excluded.updated_at",
    )
    .bind(s.guild)
    .bind(s.review_feed)
    .bind(s.poll_role)
    .bind(s.ping_role)
    .bind(weekly.map(|w| w.channel))
    .bind(weekly.map(|w| i64::from(w.day)))
    .bind(weekly.map(|w| w.time.clone()))
    .bind(weekly.map(|w| w.timezone.clone()))
    .bind(weekly.map(|w| i64::from(w.candidates)).unwrap_or(5))
    .bind(i64::from(s.min_voices))
    .bind(&s.channel_problem)
    .bind(at(chrono::Utc::now())))?;
    Ok(())
}

/// The language of the server's channel posts: the one moderators chose
/// with `/config language`, else the server's preferred locale, else English.
#[tracing::instrument(skip(db))]
pub async fn language<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Locale> {
    let row: Option<(Option<String>, Option<String>)> = on_db!(db, |e| sqlx::query_as(
        "SELECT language, guild_locale FROM guild_settings WHERE guild_id = $1"
    )
    .bind(guild)
    .fetch_optional(e)
    .await)?;
    Ok(row
        .and_then(|(chosen, seen)| chosen.or(seen))
        .map(|code| Locale::from_discord(&code))
        .unwrap_or_default())
}

/// Whether moderators chose the language (rather than it following the server's locale).
pub async fn chosen_language<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
) -> Result<Option<Locale>> {
    let chosen: Option<Option<String>> = on_db!(db, |e| sqlx::query_scalar(
        "SELECT language FROM guild_settings WHERE guild_id = $1"
    )
    .bind(guild)
    .fetch_optional(e)
    .await)?;
    Ok(chosen.flatten().map(|code| Locale::from_discord(&code)))
}

/// `/config language`: the language of the server's channel posts.
#[tracing::instrument(skip(db))]
pub async fn set_language<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    language: Locale,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "INSERT INTO guild_settings (guild_id, language, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (guild_id) DO UPDATE SET language = excluded.language,
             updated_at = excluded.updated_at",
        )
        .bind(guild)
        .bind(language.discord_code())
        .bind(at(chrono::Utc::now()))
    )?;
    Ok(())
}

/// Keeps the server's preferred locale as Discord reports it for a
/// configured server, so channel posts default to it. Written only when it
/// changed; a server without settings gets no row from it.
#[tracing::instrument(skip(db))]
pub async fn remember_guild_locale<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    code: &str,
) -> Result<()> {
    db_execute!(
        db,
        sqlx::query(
            "UPDATE guild_settings SET guild_locale = $1
         WHERE guild_id = $2 AND guild_locale IS DISTINCT FROM $1",
        )
        .bind(code)
        .bind(guild)
    )?;
    Ok(())
}

/// Removes every setting of a server.
pub async fn reset<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM guild_settings WHERE guild_id = $1").bind(guild)
    )?;
    Ok(())
}

/// `/config weekly`: the settings and the weekly job are written in one
/// transaction, so a failure leaves neither.
#[tracing::instrument(skip(db, s))]
pub async fn configure_weekly<'c>(
    db: impl Into<Handle<'c>>,
    s: &GuildSettings,
    next_run: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let mut tx = db.into().begin_write().await?;
    save(tx.handle(), s).await?;
    crate::polls::weekly::schedule(tx.handle(), s.guild, next_run).await?;
    tx.commit().await?;
    Ok(())
}

/// `/config reset`: every setting forgotten, the weekly cycle stopped, the
/// suggestions channel forgotten and the public pages taken down, in one
/// transaction. Open polls still close on time.
#[tracing::instrument(skip(db))]
pub async fn reset_all<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<()> {
    let mut tx = db.into().begin_write().await?;
    reset(tx.handle(), guild).await?;
    crate::polls::weekly::unschedule(tx.handle(), guild).await?;
    crate::catalog::suggestions::forget_channel(tx.handle(), guild).await?;
    crate::publishing::unpublish(tx.handle(), guild).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn settings_round_trip_and_reset() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let pool = crate::db::connect(&url).await.unwrap();
        let guild = GuildId::new(42);
        assert_eq!(
            get(&pool, guild).await.unwrap(),
            GuildSettings::defaults(guild)
        );
        let mut s = GuildSettings::defaults(guild);
        s.review_feed = Some(ChannelId::new(7));
        s.weekly = Some(WeeklySchedule {
            channel: ChannelId::new(8),
            day: 4,
            time: "20:00".into(),
            timezone: "Asia/Seoul".into(),
            candidates: 5,
        });
        save(&pool, &s).await.unwrap();
        assert_eq!(get(&pool, guild).await.unwrap(), s);
        reset(&pool, guild).await.unwrap();
        assert_eq!(
            get(&pool, guild).await.unwrap(),
            GuildSettings::defaults(guild)
        );
    }

    #[tokio::test]
    async fn the_post_language_is_chosen_else_the_servers_locale_else_english() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let pool = crate::db::connect(&url).await.unwrap();
        let guild = GuildId::new(42);
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::En);
        remember_guild_locale(&pool, guild, "ko").await.unwrap();
        assert_eq!(
            get(&pool, guild).await.unwrap(),
            GuildSettings::defaults(guild)
        );
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::En);
        save(&pool, &GuildSettings::defaults(guild)).await.unwrap();
        remember_guild_locale(&pool, guild, "pt-BR").await.unwrap();
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::PtBr);
        remember_guild_locale(&pool, guild, "id").await.unwrap();
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::Id);
        assert_eq!(chosen_language(&pool, guild).await.unwrap(), None);
        set_language(&pool, guild, Locale::Ko).await.unwrap();
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::Ko);
        // Other settings are kept, and saving them keeps the language.
        let mut s = get(&pool, guild).await.unwrap();
        s.review_feed = Some(ChannelId::new(7));
        save(&pool, &s).await.unwrap();
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::Ko);
        reset(&pool, guild).await.unwrap();
        assert_eq!(language(&pool, guild).await.unwrap(), Locale::En);
    }
}
