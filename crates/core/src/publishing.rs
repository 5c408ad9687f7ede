//! A server's public pages: whether they are published, under which slug,
//! and which members chose to be named on them. Pages are off until a
//! moderator turns them on; every author is "a member" until they opt in.
//! On either backend ([`Handle`]).

use crate::db::Handle;
use crate::ids::{GuildId, UserId};
use crate::{db_execute, on_db, Error, Result};
use std::collections::HashSet;

/// Random bytes in a slug: 128 bits, as unguessable as a UUID.
const SLUG_BYTES: usize = 16;

/// The letters of a slug: lowercase and digits, no look-alikes (0/o, 1/l).
const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";

/// A new unguessable slug: 26 characters of base 32 over 128 random bits.
pub fn new_slug() -> Result<String> {
    let mut bytes = [0u8; SLUG_BYTES];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::Internal(format!("no randomness for a slug: {e}")))?;
    let mut bits = u128::from_le_bytes(bytes);
    let mut slug = String::with_capacity(26);
    for _ in 0..26 {
        slug.push(ALPHABET[(bits & 31) as usize] as char);
        bits >>= 5;
    }
    Ok(slug)
}

/// Whether `text` has a slug's shape (checked before any query).
pub fn looks_like_slug(text: &str) -> bool {
    text.len() == 26 && text.bytes().all(|b| ALPHABET.contains(&b))
}

/// Publishes the server's pages and returns their slug: the one they already
/// have, or a new one.
#[tracing::instrument(skip(db))]
pub async fn publish<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<String> {
    let mut db = db.into();
    if let Some(slug) = slug(db.reborrow(), guild).await? {
        return Ok(slug);
    }
    let new = new_slug()?;
    // Two moderators at once: the first slug stays, the second insert does nothing.
    db_execute!(
        db.reborrow(),
        sqlx::query(
            "INSERT INTO web_pages (guild_id, slug) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        )
        .bind(guild)
        .bind(&new)
    )?;
    slug(db, guild)
        .await?
        .ok_or_else(|| Error::Internal("a published server has no slug".into()))
}

/// Takes the pages down. Returns whether they were published.
#[tracing::instrument(skip(db))]
pub async fn unpublish<'c>(db: impl Into<crate::db::Handle<'c>>, guild: GuildId) -> Result<bool> {
    let removed = crate::db_execute!(
        db,
        sqlx::query("DELETE FROM web_pages WHERE guild_id = $1").bind(guild)
    )?;
    Ok(removed > 0)
}

/// The slug of a published server.
pub async fn slug<'c>(db: impl Into<Handle<'c>>, guild: GuildId) -> Result<Option<String>> {
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT slug FROM web_pages WHERE guild_id = $1"
    )
    .bind(guild)
    .fetch_optional(e)
    .await)?)
}

/// The server published under `slug`, if any.
pub async fn guild_of<'c>(db: impl Into<Handle<'c>>, slug: &str) -> Result<Option<GuildId>> {
    if !looks_like_slug(slug) {
        return Ok(None);
    }
    Ok(on_db!(db, |e| sqlx::query_scalar(
        "SELECT guild_id FROM web_pages WHERE slug = $1"
    )
    .bind(slug)
    .fetch_optional(e)
    .await)?)
}

/// Whether the member's reviews show their name on this server's pages.
#[tracing::instrument(skip(db))]
pub async fn set_named<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    member: UserId,
    named: bool,
) -> Result<()> {
    let sql = if named {
        "INSERT INTO web_names (guild_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM web_names WHERE guild_id = $1 AND member_id = $2"
    };
    db_execute!(db, sqlx::query(sql).bind(guild).bind(member))?;
    Ok(())
}

/// Of `members`, those who chose to be named on this server's pages.
pub async fn named<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    members: &[UserId],
) -> Result<HashSet<UserId>> {
    if members.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = members.iter().map(|m| m.to_i64_bits()).collect();
    // The list is one parameter: a JSON array for SQLite, an array for PostgreSQL.
    const SQLITE: &str = "SELECT member_id FROM web_names
        WHERE guild_id = $1 AND member_id IN (SELECT value FROM json_each($2))";
    const POSTGRES: &str =
        "SELECT member_id FROM web_names WHERE guild_id = $1 AND member_id = ANY($2)";
    let json = || serde_json::to_string(&ids).map_err(|e| Error::Internal(e.to_string()));
    use sqlx::query_scalar as q;
    let rows: Vec<UserId> = match db.into() {
        Handle::SqlitePool(e) => q(SQLITE).bind(guild).bind(json()?).fetch_all(e).await,
        Handle::Sqlite(e) => q(SQLITE).bind(guild).bind(json()?).fetch_all(e).await,
        Handle::PostgresPool(e) => q(POSTGRES).bind(guild).bind(&ids).fetch_all(e).await,
        Handle::Postgres(e) => q(POSTGRES).bind(guild).bind(&ids).fetch_all(e).await,
    }?;
    Ok(rows.into_iter().collect())
}

/// `/forget-me`: the member's choices in every server, inside its transaction.
pub async fn forget_member_in<'c>(db: impl Into<Handle<'c>>, member: UserId) -> Result<()> {
    db_execute!(
        db,
        sqlx::query("DELETE FROM web_names WHERE member_id = $1").bind(member)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool() -> (tempfile::TempDir, sqlx::SqlitePool) {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        (dir, crate::db::connect(&url).await.expect("db"))
    }

    #[test]
    fn slugs_are_long_random_and_recognised() {
        let a = new_slug().expect("slug");
        let b = new_slug().expect("slug");
        assert_ne!(a, b);
        assert!(looks_like_slug(&a), "{a}");
        assert!(!looks_like_slug("short"));
        assert!(!looks_like_slug(&a.to_uppercase()));
        assert!(!looks_like_slug(&format!("{}'", &a[..25])));
    }

    #[tokio::test]
    async fn publishing_keeps_the_slug_and_a_new_one_follows_off() {
        let (_dir, pool) = pool().await;
        let guild = GuildId::new(7);
        assert_eq!(slug(&pool, guild).await.expect("read"), None);
        let first = publish(&pool, guild).await.expect("publish");
        assert_eq!(publish(&pool, guild).await.expect("again"), first);
        assert_eq!(guild_of(&pool, &first).await.expect("find"), Some(guild));
        assert!(unpublish(&pool, guild).await.expect("off"));
        assert!(!unpublish(&pool, guild).await.expect("off twice"));
        assert_eq!(guild_of(&pool, &first).await.expect("find"), None);
        let second = publish(&pool, guild).await.expect("publish");
        assert_ne!(second, first);
    }

    #[tokio::test]
    async fn members_are_named_only_where_they_chose_it() {
        let (_dir, pool) = pool().await;
        let (here, there) = (GuildId::new(1), GuildId::new(2));
        let (alice, bob) = (UserId::new(10), UserId::new(11));
        set_named(&pool, here, alice, true).await.expect("on");
        set_named(&pool, here, alice, true).await.expect("on twice");
        let named_here = named(&pool, here, &[alice, bob]).await.expect("read");
        assert_eq!(named_here, HashSet::from([alice]));
        assert!(named(&pool, there, &[alice])
            .await
            .expect("read")
            .is_empty());
        set_named(&pool, here, alice, false).await.expect("off");
        assert!(named(&pool, here, &[alice]).await.expect("read").is_empty());
    }
}
