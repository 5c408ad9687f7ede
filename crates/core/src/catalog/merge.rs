//! A server-local entry merged into the global entry that replaces it (after
//! `ostbot import` of exported suggestions): its reviews with their history,
//! its poll options, nominations and weekly winners, its suggestion and its
//! server-local aliases move to the global entry; then the local copy goes.
//! The voices and aggregates follow from the reviews' triggers.
//!
//! A member who reviewed both the copy and the global entry keeps the newer
//! review, as if they had written it over the older one.

use super::store::{delete_local_in, reindex, reindex_track, tracks_in};
use super::{DramaId, Kind, TrackId};
use crate::db::Handle;
use crate::ids::GuildId;
use crate::{db_execute, Result};

/// Merges `guild`'s local drama into `global`: its tracks (all local) and
/// the reviews of the drama as a whole move, then the copy is deleted.
pub(super) async fn drama_into<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    local: DramaId,
    global: DramaId,
) -> Result<()> {
    let mut db = db.into();
    keep_newer_reviews(db.reborrow(), guild, (local, 0), (global, 0)).await?;
    let moved = tracks_in(db.reborrow(), local).await?;
    db_execute!(
        db.reborrow(),
        sqlx::query("UPDATE tracks SET drama_id = $1 WHERE drama_id = $2")
            .bind(global)
            .bind(local)
    )?;
    for table in ["reviews", "review_removals"] {
        let sql = format!("UPDATE {table} SET drama_id = $1 WHERE guild_id = $2 AND drama_id = $3");
        db_execute!(
            db.reborrow(),
            sqlx::query(&sql).bind(global).bind(guild).bind(local)
        )?;
    }
    // The moved tracks' search keys hold their drama's titles.
    let moved: Vec<TrackId> = moved.into_iter().map(|t| t.id).collect();
    reindex(db.reborrow(), &[], &moved).await?;
    let (local_bits, global_bits) = (local.to_i64_bits(), global.to_i64_bits());
    keep_musicbrainz_ids(db.reborrow(), "dramas", local_bits, global_bits).await?;
    delete_local_in(db, guild, Kind::Drama, local_bits).await?;
    Ok(())
}

/// Merges `guild`'s local track into the global `global` track of drama
/// `global_drama`, then deletes the copy.
pub(super) async fn track_into<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    local: (DramaId, TrackId),
    global: (DramaId, TrackId),
) -> Result<()> {
    let mut db = db.into();
    let (local_drama, local_track) = local;
    let (global_drama, global_track) = global;
    let local_key = local_track.to_i64_bits();
    let global_key = global_track.to_i64_bits();
    keep_newer_reviews(
        db.reborrow(),
        guild,
        (local_drama, local_key),
        (global_drama, global_key),
    )
    .await?;
    // The reviews, and the record of removed ones, name the global entry.
    for table in ["reviews", "review_removals"] {
        let sql = format!(
            "UPDATE {table} SET drama_id = $1, track_key = $2
             WHERE guild_id = $3 AND drama_id = $4 AND track_key = $5"
        );
        db_execute!(
            db.reborrow(),
            sqlx::query(&sql)
                .bind(global_drama)
                .bind(global_key)
                .bind(guild)
                .bind(local_drama)
                .bind(local_key)
        )?;
    }
    move_track_references(db.reborrow(), guild, local_track, global_track).await?;
    keep_musicbrainz_ids(db.reborrow(), "tracks", local_key, global_key).await?;
    reindex_track(db.reborrow(), global_track).await?;
    // The delete's trigger recounts the old drama's voices and drops the copy's.
    delete_local_in(db, guild, Kind::Track, local_key).await?;
    Ok(())
}

/// Polls, nominations, winners, the suggestion and local aliases name the
/// global track instead of the copy. A member's nomination of both in one
/// cycle stays one nomination.
async fn move_track_references<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    local: TrackId,
    global: TrackId,
) -> Result<()> {
    let mut db = db.into();
    const MOVES: [&str; 6] = [
        "UPDATE poll_options SET track_id = $2 WHERE track_id = $1",
        "DELETE FROM nominations WHERE track_id = $1 AND EXISTS (
             SELECT 1 FROM nominations o WHERE o.guild_id = nominations.guild_id
               AND o.cycle = nominations.cycle AND o.member_id = nominations.member_id
               AND o.track_id = $2)",
        "UPDATE nominations SET track_id = $2 WHERE track_id = $1",
        "UPDATE weekly_winners SET track_id = $2 WHERE track_id = $1",
        "UPDATE suggestions SET track_id = $2 WHERE track_id = $1 AND guild_id = $3",
        // An alias the global track has in this server already stays the copy's (as
        // SQLite's UPDATE OR IGNORE leaves it), and goes below.
        "UPDATE aliases SET target_id = $2
         WHERE kind = 1 AND target_id = $1 AND scope = $3 AND NOT EXISTS (
             SELECT 1 FROM aliases o WHERE o.scope = aliases.scope AND o.kind = 1
               AND o.target_id = $2 AND o.alias = aliases.alias)",
    ];
    for statement in MOVES {
        db_execute!(
            db.reborrow(),
            sqlx::query(statement).bind(local).bind(global).bind(guild)
        )?;
    }
    // An alias the global track already had in this server is not kept twice.
    db_execute!(
        db,
        sqlx::query("DELETE FROM aliases WHERE kind = 1 AND target_id = $1").bind(local)
    )?;
    Ok(())
}

/// Where one member reviewed both targets (`(drama, track_key)`, 0 for the
/// whole drama) in `guild`, the older review goes. Deleting the global one
/// needs no recount: moving the copy's review over it sets the voices.
async fn keep_newer_reviews<'c>(
    db: impl Into<Handle<'c>>,
    guild: GuildId,
    local: (DramaId, i64),
    global: (DramaId, i64),
) -> Result<()> {
    const OLDER: &str = "DELETE FROM reviews
         WHERE guild_id = $1 AND drama_id = $2 AND track_key = $3 AND EXISTS (
             SELECT 1 FROM reviews o WHERE o.guild_id = $1 AND o.member_id = reviews.member_id
               AND o.drama_id = $4 AND o.track_key = $5 AND o.updated_at > reviews.updated_at)";
    const SAME_OR_OLDER_COPY: &str = "DELETE FROM reviews
         WHERE guild_id = $1 AND drama_id = $2 AND track_key = $3 AND EXISTS (
             SELECT 1 FROM reviews o WHERE o.guild_id = $1 AND o.member_id = reviews.member_id
               AND o.drama_id = $4 AND o.track_key = $5 AND o.updated_at >= reviews.updated_at)";
    let mut db = db.into();
    // The global entry's older reviews first, then the copy's that are not newer.
    for (statement, from, over) in [(OLDER, global, local), (SAME_OR_OLDER_COPY, local, global)] {
        db_execute!(
            db.reborrow(),
            sqlx::query(statement)
                .bind(guild)
                .bind(from.0)
                .bind(from.1)
                .bind(over.0)
                .bind(over.1)
        )?;
    }
    Ok(())
}

/// The copy's MusicBrainz ids go to the global entry where it has none (and
/// no other global entry has them), so that a later fetch finds it.
async fn keep_musicbrainz_ids<'c>(
    db: impl Into<Handle<'c>>,
    table: &str,
    local: i64,
    global: i64,
) -> Result<()> {
    let columns: &[&str] = match table {
        "tracks" => &["mb_recording", "mb_release", "mb_release_group"],
        _ => &["mb_release_group"],
    };
    let mut db = db.into();
    for column in columns {
        let sql = format!(
            "UPDATE {table} SET {column} = (SELECT {column} FROM {table} WHERE id = $1)
             WHERE id = $2 AND {column} IS NULL AND NOT EXISTS (
                 SELECT 1 FROM {table} o WHERE o.scope = 0
                   AND o.{column} = (SELECT {column} FROM {table} WHERE id = $1))"
        );
        db_execute!(db.reborrow(), sqlx::query(&sql).bind(local).bind(global))?;
    }
    Ok(())
}
