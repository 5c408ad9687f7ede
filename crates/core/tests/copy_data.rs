//! Copying a running deployment's SQLite database to PostgreSQL (`db::copy`): the catalog,
//! reviews with their history and the aggregates triggers keep, polls and ballots, settings
//! and the weekly state arrive as they are; an interrupted copy finishes on the next run
//! without duplicates; a target with data is refused unless forced; new rows get fresh ids.

extern crate ostbot_core as ostbot;
mod support;

use ostbot::db::copy::{copy, CopyError, CopyOptions};
use ostbot::db::Database;
use sqlx::{PgPool, SqlitePool};

/// A small deployment, written as the bot's statements leave it (triggers included).
const DEPLOYMENT: &[&str] = &[
    "INSERT INTO dramas (id, slug, title, title_ko, mdl_rating) VALUES
        (1, 'goblin', 'Goblin', '도깨비', 8.8), (2, 'cloy', 'Crash Landing on You', NULL, 9.1)",
    "INSERT INTO tracks (id, slug, drama_id, title, artist, ost_part, signature) VALUES
        (10, 'stay-with-me', 1, 'Stay With Me', 'Chanyeol, Punch', 1, TRUE),
        (11, 'beautiful', 1, 'Beautiful', 'Crush', 4, FALSE),
        (20, 'flower', 2, 'Flower', 'Yoon Mirae', 4, FALSE)",
    "INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key, score, body,
                          spoiler, created_at, updated_at) VALUES
        (7, 100, 'a', 1, 10, 8, 'lovely', FALSE, 1000, 1000),
        (7, 101, 'b', 1, 0, 9, NULL, TRUE, 1001, 1001),
        (7, 100, 'a', 1, 11, 5, NULL, FALSE, 1002, 1002),
        (8, 102, 'c', 2, 20, 10, 'best', FALSE, 1003, 1003),
        (8, 103, 'd', 2, 20, 3, NULL, FALSE, 1004, 1004)",
    // A review rewritten (history) and one removed (its id is never handed out again).
    "UPDATE reviews SET score = 6, body = 'still lovely', updated_at = 2000 WHERE id = 1",
    "DELETE FROM reviews WHERE id = 5",
    "INSERT INTO polls (id, guild_id, channel_id, creator_id, question, multi, anonymous,
                        created_at, closes_at) VALUES (1, 7, 70, 100, 'Best OST?', TRUE, FALSE, 3000, 9000)",
    "INSERT INTO poll_options (poll_id, position, label, label_key, track_id) VALUES
        (1, 0, 'Stay With Me', 'stay with me', 10), (1, 1, 'Beautiful', 'beautiful', 11),
        (1, 2, 'Flower', 'flower', 20)",
    "INSERT INTO poll_ballots (poll_id, member_id, choices, voted_at, claim_edit) VALUES
        (1, 100, 3, 3100, FALSE), (1, 101, 4, 3200, FALSE)",
    "INSERT INTO guild_settings (guild_id, weekly_channel, weekly_day, weekly_time,
                                 weekly_timezone, updated_at, language)
        VALUES (7, 70, 4, '20:00', 'Asia/Seoul', 500, 'ko')",
    "INSERT INTO weekly_jobs (guild_id, next_run, cycle, open_poll) VALUES (7, 604800000, 3, 1)",
    "INSERT INTO nominations (guild_id, cycle, member_id, slot, track_id, created_at)
        VALUES (7, 3, 100, 1, 10, 2500), (7, 3, 101, 1, 20, 2600)",
    "INSERT INTO meta (key, value) VALUES ('deployment', 'ours')",
];

async fn deployment() -> (tempfile::TempDir, SqlitePool) {
    let (dir, db) = support::sqlite().await;
    let Database::Sqlite(pool) = db else {
        unreachable!("support::sqlite is SQLite")
    };
    for statement in DEPLOYMENT {
        sqlx::query(statement)
            .execute(&pool)
            .await
            .expect(statement);
    }
    (dir, pool)
}

/// Each row of `view` (an expression over one table), as text, sorted.
async fn sqlite_rows(pool: &SqlitePool, (expression, table): (&str, &str)) -> Vec<String> {
    let sql = format!("SELECT CAST({expression} AS TEXT) FROM {table} ORDER BY 1");
    sqlx::query_scalar(&sql).fetch_all(pool).await.expect(&sql)
}

async fn postgres_rows(pool: &PgPool, (expression, table): (&str, &str)) -> Vec<String> {
    let sql = format!("SELECT CAST({expression} AS TEXT) FROM {table} ORDER BY 1");
    sqlx::query_scalar(&sql).fetch_all(pool).await.expect(&sql)
}

/// What the story compares: each row as one text, so both sides read alike (reals in
/// hundredths: the two print them differently).
const VIEWS: &[(&str, &str)] = &[
    ("guild_id || '/' || kind || '/' || target_id || '/' || voices || '/' || CAST(total * 100 AS BIGINT) || '/' || h6 || '/' || h9", "score_totals"),
    ("guild_id || '/' || kind || '/' || target_id || '/' || member_id || '/' || CAST(voice * 100 AS BIGINT)", "voices"),
    ("review_id || '/' || score || '/' || COALESCE(body, '-') || '/' || written_at", "review_history"),
    ("id || '/' || score || '/' || CASE WHEN spoiler THEN 'spoiler' ELSE 'plain' END", "reviews"),
    ("poll_id || '/' || member_id || '/' || position", "poll_votes"),
    ("id || '/' || CASE WHEN dirty THEN 'dirty' ELSE 'clean' END || '/' || CASE WHEN multi THEN 'multi' ELSE 'one' END", "polls"),
    ("id || '/' || CASE WHEN signature THEN 'signature' ELSE '-' END || '/' || title || '/' || CAST(mdl_rating * 100 AS BIGINT)", "tracks JOIN (SELECT id AS d, mdl_rating FROM dramas) AS d ON d.d = drama_id"),
    ("guild_id || '/' || weekly_time || '/' || weekly_timezone || '/' || language", "guild_settings"),
    ("guild_id || '/' || next_run || '/' || cycle || '/' || open_poll", "weekly_jobs"),
    ("key || '/' || value", "meta"),
];

async fn assert_same(sqlite: &SqlitePool, postgres: &PgPool) {
    for view in VIEWS {
        let (a, b) = (
            sqlite_rows(sqlite, *view).await,
            postgres_rows(postgres, *view).await,
        );
        assert!(!a.is_empty(), "the story fills {view:?}");
        assert_eq!(a, b, "{view:?}");
    }
}

#[tokio::test]
async fn a_deployment_moves_whole_and_an_interrupted_copy_finishes() {
    let Some(target) = support::postgres::database("copy_data").await else {
        return;
    };
    let (_dir, source) = deployment().await;
    // The triggers counted each voice once in SQLite: member 100's drama voice is the
    // average of their two track reviews.
    let totals = sqlite_rows(&source, VIEWS[0]).await;
    assert!(
        totals.contains(&"7/drama/1/2/1450/1/1".to_string()),
        "{totals:?}"
    );

    let small = CopyOptions {
        batch_rows: 2,
        max_batches: Some(6),
        ..CopyOptions::default()
    };
    let first = copy(&source, &target.pool, &small)
        .await
        .expect("first run");
    assert!(!first.finished && !first.resumed && first.replica_role);
    let rest = copy(&source, &target.pool, &CopyOptions::default())
        .await
        .expect("second run");
    assert!(rest.finished && rest.resumed, "{rest:?}");
    for table in &rest.tables {
        let before = first.tables.iter().find(|t| t.table == table.table);
        let copied = table.copied + before.map_or(0, |t| t.copied);
        assert_eq!(copied, table.rows, "{}: each row copied once", table.table);
    }
    let reviews = rest
        .tables
        .iter()
        .find(|t| t.table == "reviews")
        .expect("reviews");
    assert_eq!(reviews.rows, 4);
    assert_same(&source, &target.pool).await;
    let marks: i64 = sqlx::query_scalar("SELECT count(*) FROM meta WHERE key LIKE 'copy_data%'")
        .fetch_one(&target.pool)
        .await
        .expect("marks");
    assert_eq!(marks, 0, "a finished copy leaves no marks");

    // The target now holds data: refused, unless forced (which replaces, not doubles).
    let again = copy(&source, &target.pool, &CopyOptions::default()).await;
    assert!(
        matches!(again, Err(CopyError::TargetNotEmpty(_))),
        "{again:?}"
    );
    let forced = CopyOptions {
        force: true,
        ..CopyOptions::default()
    };
    let replaced = copy(&source, &target.pool, &forced).await.expect("forced");
    assert!(replaced.finished);
    assert_same(&source, &target.pool).await;

    // The bot carries on on PostgreSQL: a new review gets an id never used (5 was, and was
    // removed), and its triggers are on again.
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO reviews (guild_id, member_id, member_name, drama_id, track_key, score,
                              created_at, updated_at)
         VALUES (8, 104, 'e', 2, 20, 8, 5000, 5000) RETURNING id",
    )
    .fetch_one(&target.pool)
    .await
    .expect("a new review");
    assert_eq!(id, 6);
    let voices: i64 = sqlx::query_scalar(
        "SELECT voices FROM score_totals WHERE guild_id = 8 AND kind = 'track' AND target_id = 20",
    )
    .fetch_one(&target.pool)
    .await
    .expect("totals");
    assert_eq!(voices, 3);
    target.drop().await;
}

#[tokio::test]
async fn a_copy_that_differs_is_not_finished_until_forced_anew() {
    let Some(target) = support::postgres::database("copy_data_differs").await else {
        return;
    };
    let (_dir, source) = deployment().await;
    let part = CopyOptions {
        batch_rows: 100,
        max_batches: Some(10),
        ..CopyOptions::default()
    };
    let first = copy(&source, &target.pool, &part).await.expect("first run");
    assert!(!first.finished);
    let copied = first
        .tables
        .iter()
        .find(|t| t.copied > 0)
        .expect("a table copied");
    // A row lost on the target (by hand, say) while the copy was underway.
    let sql = format!(
        "DELETE FROM {} WHERE ctid IN (SELECT ctid FROM {0} LIMIT 1)",
        copied.table
    );
    sqlx::query(&sql)
        .execute(&target.pool)
        .await
        .expect("delete");
    let rest = copy(&source, &target.pool, &CopyOptions::default()).await;
    let Err(CopyError::Mismatch(mismatches)) = rest else {
        panic!("a copy missing a row is not verified: {rest:?}");
    };
    assert!(
        mismatches
            .iter()
            .any(|m| m.table == copied.table && m.figure == "rows"),
        "{mismatches:?}"
    );
    let underway: i64 = sqlx::query_scalar("SELECT count(*) FROM meta WHERE key = 'copy_data'")
        .fetch_one(&target.pool)
        .await
        .expect("mark");
    assert_eq!(underway, 1, "the copy stays underway");
    // Forced, it starts over, and the lost row is back.
    let forced = CopyOptions {
        force: true,
        ..CopyOptions::default()
    };
    let anew = copy(&source, &target.pool, &forced).await.expect("forced");
    assert!(anew.finished && !anew.resumed);
    assert_same(&source, &target.pool).await;
    target.drop().await;
}

/// A role that owns its database but is no superuser (a managed PostgreSQL's): triggers go
/// off table by table instead.
#[tokio::test]
async fn a_role_that_is_no_superuser_copies_with_triggers_off_per_table() {
    let Some(admin) = support::postgres::database("copy_data_owner").await else {
        return;
    };
    let name = format!("ostbot_copy_owner_{}", std::process::id());
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("DROP ROLE IF EXISTS {name}"),
        format!("CREATE ROLE {name} LOGIN"),
        format!("CREATE DATABASE {name} OWNER {name}"),
    ] {
        sqlx::query(&sql).execute(&admin.pool).await.expect(&sql);
    }
    let server = std::env::var("OSTBOT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| support::postgres::DEFAULT_URL.into());
    let url = server
        .replacen("postgres@", &format!("{name}@"), 1)
        .rsplit_once('/')
        .map(|(base, _)| format!("{base}/{name}"))
        .expect("a server URL");
    let owner = ostbot::db::connect_postgres(&url, &ostbot::db::PoolSettings::default())
        .await
        .expect("the owner's database migrates");
    let (_dir, source) = deployment().await;
    let report = copy(&source, &owner, &CopyOptions::default())
        .await
        .expect("copy");
    assert!(report.finished && !report.replica_role);
    assert_same(&source, &owner).await;
    let disabled: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_trigger WHERE tgenabled = 'D'")
        .fetch_one(&owner)
        .await
        .expect("triggers");
    assert_eq!(disabled, 0, "every trigger is on again");
    owner.close().await;
    for sql in [
        format!("DROP DATABASE {name} WITH (FORCE)"),
        format!("DROP ROLE {name}"),
    ] {
        sqlx::query(&sql).execute(&admin.pool).await.expect(&sql);
    }
    admin.drop().await;
}
