//! Members' data is never lost or pointed at by mistake: numbers are never
//! reused (also on a database migrated from the old schema), removals ask
//! first and say what goes, edits change only what they are given, imports
//! merge, re-scoring keeps the text, and multi-step use cases are atomic.
//! On a real SQLite file, through the real dispatcher.

mod support;

use ostbot::bot::{self, Bot};
use ostbot::transport::simulated::Actor;
use serde_json::{json, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::borrow::Cow;
use std::str::FromStr;
use support::{buttons, i, is_ephemeral, s, send};
use tempfile::TempDir;

/// A bot on a fresh copy of the template database (shipped catalog).
async fn bot() -> (Bot, TempDir) {
    let (dir, _url, pool) = support::database().await;
    (ostbot::app::offline_bot(pool), dir)
}

/// A subcommand with its options (a JSON array), as the command's option list.
fn sub(name: &str, options: Value) -> Value {
    json!([{ "name": name, "type": 1, "options": options }])
}

fn button(body: &Value, prefix: &str) -> String {
    buttons(body)
        .into_iter()
        .find(|b| b.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} button in {body}"))
}

fn click(actor: &Actor, custom_id: &str) -> Value {
    let message =
        ostbot::transport::simulated::message(1, actor.channel_id, "", json!([]), json!([]));
    actor.component(custom_id, None, message)
}

async fn count<'c>(db: impl Into<ostbot::db::Handle<'c>>, sql: &str) -> i64 {
    ostbot_core::on_db!(db, |e| sqlx::query_scalar(sql).fetch_one(e).await).unwrap()
}

/// Every row of `table`, each as one line of quoted values, sorted.
async fn columns_of(pool: &SqlitePool, table: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
        .bind(table)
        .fetch_all(pool)
        .await
        .unwrap()
}

/// Every row of `table`, as the values of `columns` (those it had before a migration: a later
/// one may add columns, never change what was there).
async fn rows_of(pool: &SqlitePool, table: &str, columns: &[String]) -> Vec<String> {
    rows_as(pool, table, columns, |c| c.to_owned()).await
}

/// [`rows_of`] a database migrated past 0016, each time read back in the
/// encoding it had before (0016 changed only how times are stored).
async fn rows_as_before_0016(pool: &SqlitePool, table: &str, columns: &[String]) -> Vec<String> {
    rows_as(pool, table, columns, |c| match (table, c) {
        ("reviews", "created_at" | "updated_at")
        | ("review_history", "written_at")
        | ("review_removals", "removed_at")
        | ("voices", "updated_at") => {
            format!("strftime('%Y-%m-%dT%H:%M:%fZ', {c} / 1000.0, 'unixepoch')")
        }
        ("polls", "created_at" | "closes_at" | "closed_at" | "edited_at")
        | ("poll_votes", "voted_at") => format!("{c} / 1000"),
        _ => c.to_owned(),
    })
    .await
}

async fn rows_as(
    pool: &SqlitePool,
    table: &str,
    columns: &[String],
    value: impl Fn(&str) -> String,
) -> Vec<String> {
    let row = columns
        .iter()
        .map(|c| format!("quote({})", value(c)))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    let mut rows: Vec<String> = sqlx::query_scalar(&format!("SELECT {row} FROM {table}"))
        .fetch_all(pool)
        .await
        .unwrap();
    rows.sort();
    rows
}

const KEPT_TABLES: [&str; 12] = [
    "dramas",
    "tracks",
    "reviews",
    "review_history",
    "review_removals",
    "voices",
    "score_totals",
    "polls",
    "poll_options",
    "poll_votes",
    "weekly_winners",
    "search_keys",
];

async fn schema_names(pool: &SqlitePool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT type || ' ' || name FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%' ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

/// A database on the schema before migration 0012 (numbers reusable), with
/// members' data in it.
async fn old_database(dir: &TempDir) -> (String, SqlitePool) {
    let (url, pool) = database_before(dir, 12).await;
    for sql in OLD_ROWS {
        ostbot_core::on_db!(&pool, |e| sqlx::query(sql)
            .execute(e)
            .await
            .map(|done| done.rows_affected()))
        .unwrap();
    }
    (url, pool)
}

/// A database file with the migrations before `version` only.
async fn database_before(dir: &TempDir, version: i64) -> (String, SqlitePool) {
    let url = format!("sqlite://{}", dir.path().join("old.db").display());
    let options = SqliteConnectOptions::from_str(&url)
        .unwrap()
        .create_if_missing(true)
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    let all = sqlx::migrate!("./migrations/sqlite");
    let before: Vec<_> = all
        .migrations
        .iter()
        .filter(|m| m.version < version)
        .cloned()
        .collect();
    let old = sqlx::migrate::Migrator {
        migrations: Cow::Owned(before),
        ..sqlx::migrate::Migrator::DEFAULT
    };
    old.run(&pool).await.unwrap();
    (url, pool)
}

/// Members' data in the schema before migration 0012.
const OLD_ROWS: [&str; 11] = [
        "INSERT INTO dramas (id, scope, slug, title, title_ko, alt_titles, year, genres, mdl_rating, mdl_votes)
             VALUES (1, 0, 'moving', 'Moving', '무빙', '[\"Mu-bing\"]', 2023, '[\"Action\",\"Fantasy\"]', 9.0, 48472),
                    (2, 0, 'goblin', 'Goblin', '도깨비', '[]', 2016, '[]', 8.8, 100),
                    (3, 0, 'gone', 'Gone', NULL, '[]', 2020, '[]', NULL, NULL)",
        "INSERT INTO tracks (id, scope, slug, drama_id, title, artist) VALUES
             (1, 0, 'goblin-stay', 2, 'Stay With Me', 'Chanyeol'),
             (2, 0, 'goblin-beautiful', 2, 'Beautiful', 'Crush')",
        // Reviews 1–4; review 5 (of Gone, #3) was removed by a moderator
        // (recorded) before Gone itself went, and review 4 by its author.
        "INSERT INTO reviews (id, guild_id, member_id, member_name, drama_id, track_key, score, body, created_at, updated_at) VALUES
             (1, 10, 100, 'bob', 2, 0, 9, 'lovely', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
             (2, 10, 101, 'cat', 2, 1, 7, NULL, '2026-01-02T00:00:00.000Z', '2026-01-02T00:00:00.000Z'),
             (3, 10, 100, 'bob', 1, 0, 10, 'best', '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z'),
             (4, 10, 102, 'dan', 1, 0, 3, 'meh', '2026-01-04T00:00:00.000Z', '2026-01-04T00:00:00.000Z')",
        "UPDATE reviews SET score = 8, body = 'still lovely', updated_at = '2026-01-05T00:00:00.000Z' WHERE id = 1",
        "DELETE FROM reviews WHERE id = 4",
        "INSERT INTO review_removals (guild_id, review_id, member_id, drama_id, track_key, score, removed_by, removed_at, reason)
             VALUES (10, 5, 103, 3, 0, 1, 999, '2026-01-06T00:00:00.000Z', 'spam')",
        "INSERT INTO polls (id, guild_id, channel_id, creator_id, question, created_at, closes_at, anonymous)
             VALUES (1, 10, 20, 100, 'Best OST?', 1000, 2000, 0), (2, 10, 20, 100, 'Secret?', 1000, 2000, 1)",
        "INSERT INTO poll_options (poll_id, position, label, label_key, track_id) VALUES
             (1, 0, 'Stay With Me', 'stay with me', 1), (1, 1, 'Beautiful', 'beautiful', 2),
             (2, 0, 'Yes', 'yes', NULL), (2, 1, 'No', 'no', NULL)",
        "INSERT INTO poll_votes (poll_id, member_id, position, voted_at) VALUES
             (1, 100, 0, 1500), (1, 101, 1, 1501), (2, 100, 1, 1502)",
        "INSERT INTO weekly_winners (guild_id, cycle, poll_id, track_id, label) VALUES (10, 1, 7, 2, 'Beautiful')",
        "DELETE FROM dramas WHERE id = 3",
];

/// Indexes a later migration removed: 0023 made search_words its own term index and capped
/// search_prefix, whose drama rows then need no index of their own.
const DROPPED_ON_PURPOSE: &[&str] = &[
    "index search_words_term",
    "index search_prefix_drama",
    // Migration 0026: a deletion finds a key's terms by primary key.
    "index search_words_key",
    "index search_words_drama_term",
    "index search_words_drama_head",
    "index search_prefix_key",
];

/// Two processes started on a new database at the same moment (replicas
/// deployed together) both migrate it and load the shipped catalog once,
/// instead of one failing with "table … already exists".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_opening_a_new_database_at_once_both_start() {
    for round in 0..3 {
        let dir = tempfile::tempdir().unwrap();
        let url = new_database_url(&dir).await;
        let (first, second) = tokio::join!(
            ostbot::app::open_database(&url),
            ostbot::app::open_database(&url)
        );
        let (first, second) = (first.unwrap(), second.unwrap());
        let tracks = count(&first, "SELECT COUNT(*) FROM tracks").await;
        assert!(
            tracks > 800,
            "round {round}: the shipped catalog, {tracks} tracks"
        );
        assert_eq!(count(&second, "SELECT COUNT(*) FROM tracks").await, tracks);
        let migrations = count(&first, "SELECT COUNT(*) FROM _sqlx_migrations").await;
        let shipped = match support::backend() {
            ostbot::db::Backend::Sqlite => sqlx::migrate!("./migrations/sqlite").iter().count(),
            ostbot::db::Backend::Postgres => sqlx::migrate!("./migrations/postgres").iter().count(),
        };
        assert_eq!(migrations as usize, shipped);
        first.close().await;
        second.close().await;
    }
}

/// A database that does not exist yet (SQLite) or is empty (PostgreSQL: a
/// server creates databases, the bot their tables), on the suite's backend.
async fn new_database_url(dir: &TempDir) -> String {
    match support::backend() {
        ostbot::db::Backend::Sqlite => format!("sqlite://{}", dir.path().join("new.db").display()),
        ostbot::db::Backend::Postgres => {
            let admin = support::postgres::admin("new database")
                .await
                .expect("server");
            let name = support::postgres::new_name();
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&admin)
                .await
                .expect("an empty database");
            admin.close().await;
            support::postgres::url_of(&name)
        }
    }
}

#[tokio::test]
async fn migrating_keeps_every_number_and_row_and_never_reuses_one() {
    let dir = tempfile::tempdir().unwrap();
    let (url, old) = old_database(&dir).await;
    let mut before = Vec::new();
    for table in KEPT_TABLES {
        let columns = columns_of(&old, table).await;
        let rows = rows_of(&old, table, &columns).await;
        before.push((table, columns, rows));
    }
    let names_before = schema_names(&old).await;
    let voices = count(&old, "SELECT COUNT(*) FROM voices").await;
    assert!(voices > 0);
    old.close().await;

    let pool = ostbot::db::connect(&url).await.unwrap();
    for (table, columns, rows) in &before {
        assert_eq!(
            &rows_as_before_0016(&pool, table, columns).await,
            rows,
            "{table} changed"
        );
    }
    let names_after = schema_names(&pool).await;
    for name in names_before
        .iter()
        .filter(|n| !DROPPED_ON_PURPOSE.contains(&n.as_str()))
    {
        assert!(
            names_after.contains(name),
            "{name} is gone: {names_after:?}"
        );
    }
    let sql: String = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT sql FROM sqlite_schema WHERE name = 'reviews'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(sql.contains("AUTOINCREMENT"), "{sql}");

    // The recorded removal (#5) and the deleted #4 are never handed out again.
    let review = |member: u64, drama: i64| ostbot::reviews::NewReview {
        guild: ostbot::ids::GuildId::new(10),
        member: ostbot::ids::UserId::new(member),
        member_name: format!("m{member}"),
        target: ostbot::reviews::Target::Drama(ostbot::catalog::DramaId::try_from(drama).unwrap()),
        score: ostbot::reviews::Score::new(6).unwrap(),
        text: None,
        spoiler: false,
    };
    let writer = ostbot::db::Writer::new(pool.clone());
    let now = chrono::Utc::now();
    let new = ostbot::reviews::save(&writer, &review(104, 2), now)
        .await
        .unwrap();
    assert_eq!(new.id.to_i64_bits(), 6);
    // The triggers came back: the new review has its voice, the edit its history.
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM voices").await,
        voices + 1
    );
    let edited = ostbot::reviews::save(&writer, &review(104, 2), now)
        .await
        .unwrap();
    assert_eq!(edited.id.to_i64_bits(), 6);
    ostbot_core::on_db!(&pool, |e| sqlx::query("DELETE FROM reviews WHERE id = 6")
        .execute(e)
        .await
        .map(|done| done.rows_affected()))
    .unwrap();
    let next = ostbot::reviews::save(&writer, &review(105, 2), now)
        .await
        .unwrap();
    // (The re-save above took a number too: gaps, never reuse.)
    assert!(
        next.id.to_i64_bits() > 6,
        "a deleted newest number came back"
    );

    // Dramas (#3 is named by the removal record), and polls (the weekly
    // record names #7) too.
    let drama: i64 = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "INSERT INTO dramas (scope, slug, title) VALUES (0, 'new', 'New') RETURNING id",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(drama, 4);
    let poll: i64 = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "INSERT INTO polls (guild_id, channel_id, creator_id, question, created_at, closes_at)
         VALUES (10, 20, 100, 'Q', 1, 2) RETURNING id",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(poll, 8);
    // Removing a drama still takes its tracks with it (the foreign keys hold).
    ostbot_core::on_db!(&pool, |e| sqlx::query("DELETE FROM dramas WHERE id = 2")
        .execute(e)
        .await
        .map(|done| done.rows_affected()))
    .unwrap();
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM tracks").await, 0);
    let problems = count(&pool, "SELECT COUNT(*) FROM pragma_foreign_key_check").await;
    assert_eq!(problems, 0);
}

fn content(body: &Value) -> String {
    body["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A server-local drama and track, added as a moderator would.
async fn local_drama(bot: &Bot, moderator: &Actor) -> (i64, i64) {
    let body = send(
        bot,
        moderator.command(
            "catalog",
            sub(
                "add-drama",
                json!([
                    s("title", "Moonlit Harbor"),
                    s("title_ko", "달빛 항구"),
                    s("network", "tvN"),
                    s("alt_titles", "Harbor of Moonlight|Dalbit Hanggu"),
                ]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("Moonlit Harbor"), "{body}");
    let body = send(
        bot,
        moderator.command(
            "catalog",
            sub(
                "add-track",
                json!([
                    s("drama", "Moonlit Harbor"),
                    s("title", "Harbor Lights"),
                    s("artist", "Seo Yun")
                ]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("Harbor Lights"), "{body}");
    let drama = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM dramas WHERE title = 'Moonlit Harbor'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let track = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE title = 'Harbor Lights'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    (drama, track)
}

async fn review_of(bot: &Bot, actor: &Actor, options: Value) -> Value {
    send(bot, actor.command("review", options, json!({}))).await
}

async fn drama_row(
    bot: &Bot,
    id: i64,
) -> (String, Option<String>, Option<String>, String, Option<i64>) {
    ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT title, title_ko, network, alt_titles, year FROM dramas WHERE id = $1"
    )
    .bind(id)
    .fetch_one(e)
    .await)
    .unwrap()
}

#[tokio::test]
async fn a_deleted_review_number_is_never_given_again_and_removal_asks_first() {
    let (bot, _dir) = bot().await;
    let bob = Actor::new("OST Lovers", "general", "bob", false);
    let cat = Actor::new("OST Lovers", "general", "cat", false);
    let mina = Actor::new("OST Lovers", "general", "mina", true);
    let juno = Actor::new("OST Lovers", "general", "juno", true);
    review_of(&bot, &bob, json!([s("drama", "id:1"), i("score", 8)])).await;
    let body = review_of(&bot, &bob, json!([s("drama", "id:2"), i("score", 3)])).await;
    let bobs = button(&body, "review:delete:");
    let bobs_number: i64 = bobs.rsplit(':').next().unwrap().parse().unwrap();
    send(&bot, click(&bob, &bobs)).await;
    let body = review_of(
        &bot,
        &cat,
        json!([
            s("drama", "id:3"),
            i("score", 9),
            s("text", "Cat loves this soundtrack")
        ]),
    )
    .await;
    let cats = button(&body, "review:delete:");
    let cats_number: i64 = cats.rsplit(':').next().unwrap().parse().unwrap();
    assert!(cats_number > bobs_number, "#{bobs_number} was given again");
    // Bob's old Delete button cannot reach Cat's review.
    send(&bot, click(&bob, &bobs)).await;
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);

    // /moderate remove-review shows the review and asks; nothing goes yet.
    let remove = sub(
        "remove-review",
        json!([
            i("review", cats_number),
            s("reason", "off-topic, please keep it about the OST")
        ]),
    );
    let body = send(&bot, mina.command("moderate", remove.clone(), json!({}))).await;
    let text = content(&body);
    assert!(is_ephemeral(&body));
    assert!(text.contains("cat") && text.contains("9/10"), "{text}");
    assert!(text.contains("Cat loves this"), "{text}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);
    let confirm = button(&body, "moderate:remove:");
    // Another moderator cannot answer it; a member cannot at all.
    let body = send(&bot, click(&juno, &confirm)).await;
    assert!(
        content(&body).contains("Only the person who asked"),
        "{body}"
    );
    let body = send(&bot, click(&cat, &confirm)).await;
    assert!(content(&body).contains("Manage Server"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);
    // Cancel keeps it; the same prompt then cannot remove it.
    let body = send(&bot, mina.command("moderate", remove.clone(), json!({}))).await;
    let keep = button(&body, "moderate:keep:");
    send(&bot, click(&mina, &keep)).await;
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);
    let body = send(&bot, click(&mina, &keep.replace("keep", "remove"))).await;
    assert!(content(&body).contains("already been answered"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);

    let body = send(&bot, click(&mina, &confirm)).await;
    assert!(content(&body).contains("Removed review"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 1);
    let reason: String = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT reason FROM review_removals WHERE review_id = $1"
    )
    .bind(cats_number)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(reason, "off-topic, please keep it about the OST");
    // The removed (newest) number is not handed out again either.
    let body = review_of(&bot, &cat, json!([s("drama", "id:4"), i("score", 5)])).await;
    let next: i64 = button(&body, "review:delete:")
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(next > cats_number);
    // A second click of the answered prompt removes nothing more.
    let body = send(&bot, click(&mina, &confirm)).await;
    assert!(content(&body).contains("already been answered"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);
}

#[tokio::test]
async fn adding_an_existing_entry_changes_nothing_and_edit_changes_only_given_fields() {
    let (bot, _dir) = bot().await;
    let mina = Actor::new("Alpha", "general", "mina", true);
    let (drama, track) = local_drama(&bot, &mina).await;
    let before = drama_row(&bot, drama).await;
    assert_eq!(before.1.as_deref(), Some("달빛 항구"));

    // A second add with only a year wipes nothing and says so.
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub(
                "add-drama",
                json!([s("title", "Moonlit Harbor"), i("year", 2025)]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    let text = content(&body);
    assert!(text.contains("already in this server's catalog"), "{text}");
    assert!(text.contains("/catalog edit"), "{text}");
    assert_eq!(drama_row(&bot, drama).await, before);
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub(
                "add-track",
                json!([
                    s("drama", &format!("id:{drama}")),
                    s("title", "Harbor Lights")
                ]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(
        content(&body).contains("already in this server's catalog"),
        "{body}"
    );
    let artist: Option<String> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT artist FROM tracks WHERE id = $1"
    )
    .bind(track)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(artist.as_deref(), Some("Seo Yun"));

    // An edit changes only what it is given.
    let entry = format!("id:{drama}");
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub(
                "edit",
                json!([s("kind", "drama"), s("entry", &entry), i("year", 2025)]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("Updated"), "{body}");
    let after = drama_row(&bot, drama).await;
    assert_eq!(after.4, Some(2025));
    assert_eq!(
        (&after.0, &after.1, &after.2, &after.3),
        (&before.0, &before.1, &before.2, &before.3)
    );
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub(
                "edit",
                json!([
                    s("kind", "track"),
                    s("entry", &format!("id:{track}")),
                    s("artist", "Seo Yun & Dawn")
                ]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("Updated"), "{body}");
    let (artist, title): (Option<String>, String) =
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT artist, title FROM tracks WHERE id = $1"
        )
        .bind(track)
        .fetch_one(e)
        .await)
        .unwrap();
    assert_eq!(
        (artist.as_deref(), title.as_str()),
        (Some("Seo Yun & Dawn"), "Harbor Lights")
    );
    // The search index follows the edit.
    let hits = ostbot::catalog::search::search(
        &bot.pool,
        "Seo Yun & Dawn",
        ostbot::catalog::search::SearchFilter {
            kind: Some(ostbot::catalog::Kind::Track),
            scope: Some(
                ostbot::catalog::Scope::Guild(ostbot::ids::GuildId::new(mina.guild_id)).to_db(),
            ),
            drama: None,
        },
        5,
    )
    .await
    .unwrap();
    assert!(hits.iter().any(|h| h.id == track), "{hits:?}");

    // Nothing given, and shared entries, are refused.
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub("edit", json!([s("kind", "drama"), s("entry", &entry)])),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("at least one field"), "{body}");
    let body = send(
        &bot,
        mina.command(
            "catalog",
            sub(
                "edit",
                json!([s("kind", "drama"), s("entry", "id:1"), i("year", 1999)]),
            ),
            json!({}),
        ),
    )
    .await;
    assert!(content(&body).contains("shared catalog"), "{body}");
    // Autocomplete offers only this server's own entries.
    let body = send(
        &bot,
        mina.autocomplete(
            "catalog",
            json!([{ "name": "edit", "type": 1, "options": [
                s("kind", "drama"),
                { "name": "entry", "type": 3, "value": "Moon", "focused": true }
            ]}]),
        ),
    )
    .await;
    let choices = body["data"]["choices"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!choices.is_empty(), "{body}");
    assert!(choices.iter().all(|c| c["value"] == json!(entry)), "{body}");
}

#[tokio::test]
async fn import_merges_by_default_and_replace_replaces() {
    let (bot, _dir) = bot().await;
    let moving = || async {
        let (rating, votes, alt, genres, ko): (
            Option<f64>,
            Option<i64>,
            String,
            String,
            Option<String>,
        ) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT mdl_rating, mdl_votes, alt_titles, genres, title_ko FROM dramas
                 WHERE scope = 0 AND slug = 'moving'",
        )
        .fetch_one(e)
        .await)
        .unwrap();
        (rating, votes, alt, genres, ko)
    };
    let shipped = moving().await;
    assert_eq!((shipped.0, shipped.1), (Some(9.0), Some(48_472)));
    let file = r#"{"dramas":[{"title":"Moving","title_ko":"무빙"}]}"#;
    let import = |options| {
        ostbot::catalog::import::import_with(
            &bot.pool,
            ostbot::catalog::Scope::Global,
            None,
            "moving.json",
            file.as_bytes(),
            options,
            &|_, _| {},
        )
    };
    use ostbot::catalog::import::ImportOptions;
    // A dry run says which field would change, and writes nothing.
    let dry = import(ImportOptions {
        replace: false,
        dry_run: true,
    })
    .await
    .unwrap();
    assert_eq!(dry.updated, 1);
    assert_eq!(dry.changes.len(), 1, "{:?}", dry.changes);
    assert_eq!(
        (dry.changes[0].entry.as_str(), dry.changes[0].field),
        ("moving", "title_ko")
    );
    assert_eq!(dry.changes[0].after, "\"무빙\"");
    assert_eq!(moving().await, shipped);

    let merged = import(ImportOptions::default()).await.unwrap();
    assert_eq!(merged.updated, 1);
    let after = moving().await;
    assert_eq!(after.4.as_deref(), Some("무빙"));
    assert_eq!(
        (&after.0, &after.1, &after.2, &after.3),
        (&shipped.0, &shipped.1, &shipped.2, &shipped.3)
    );

    // --replace replaces the whole entry, on purpose.
    let replaced = import(ImportOptions {
        replace: true,
        dry_run: false,
    })
    .await
    .unwrap();
    assert_eq!(replaced.updated, 1);
    assert!(
        replaced.changes.iter().any(|c| c.field == "mdl_rating"),
        "{:?}",
        replaced.changes
    );
    let after = moving().await;
    assert_eq!((after.0, after.1, after.3.as_str()), (None, None, "[]"));
}

#[tokio::test]
async fn removing_an_entry_with_reviews_asks_and_hides_by_default() {
    let (bot, _dir) = bot().await;
    let mina = Actor::new("Alpha", "general", "mina", true);
    let jun = Actor::new("Alpha", "general", "jun", false);
    let (drama, _track) = local_drama(&bot, &mina).await;
    review_of(
        &bot,
        &jun,
        json!([
            s("drama", &format!("id:{drama}")),
            i("score", 8),
            s("text", "calm")
        ]),
    )
    .await;
    let remove = sub(
        "remove",
        json!([s("kind", "drama"), s("entry", &format!("id:{drama}"))]),
    );
    let body = send(&bot, mina.command("catalog", remove.clone(), json!({}))).await;
    let text = content(&body);
    assert!(
        text.contains("1 review") && text.contains("0 poll options"),
        "{text}"
    );
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 1);
    let hide = button(&body, "catalog:hide:");
    let purge = button(&body, "catalog:purge:");
    // Members cannot press them.
    let body = send(&bot, click(&jun, &hide)).await;
    assert!(content(&body).contains("Manage Server"), "{body}");

    let body = send(&bot, click(&mina, &hide)).await;
    assert!(content(&body).contains("hidden"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 1);
    let body = send(
        &bot,
        jun.command("drama", json!([s("query", "Moonlit Harbor")]), json!({})),
    )
    .await;
    assert!(is_ephemeral(&body), "hidden entries leave search: {body}");
    // The review stays visible in /profile and /export.
    let body = send(&bot, jun.command("profile", json!([]), json!({}))).await;
    assert!(body.to_string().contains("Moonlit Harbor"), "{body}");
    let export = bot::dispatch_json(
        &bot,
        mina.command("export", sub("reviews", json!([])), json!({}))
            .to_string()
            .as_bytes(),
    )
    .await
    .unwrap();
    let csv = String::from_utf8_lossy(&export.files()[0].data).into_owned();
    assert!(
        csv.contains("Moonlit Harbor") && csv.contains("calm"),
        "{csv}"
    );

    // Deleting for good is the explicit choice.
    send(&bot, click(&mina, &purge)).await;
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 0);
    assert_eq!(
        count(
            &bot.pool,
            &format!("SELECT COUNT(*) FROM dramas WHERE id = {drama}")
        )
        .await,
        0
    );
}

#[tokio::test]
async fn rescoring_without_text_keeps_it_and_a_dash_clears_it() {
    let (bot, _dir) = bot().await;
    let jun = Actor::new("Alpha", "general", "jun", false);
    let spoiler = json!({ "name": "spoiler", "type": 5, "value": true });
    review_of(
        &bot,
        &jun,
        json!([
            s("drama", "id:5"),
            i("score", 6),
            s("text", "the ending!"),
            spoiler
        ]),
    )
    .await;
    let body = review_of(&bot, &jun, json!([s("drama", "id:5"), i("score", 10)])).await;
    assert!(content(&body).contains("text: -"), "{body}");
    let (score, text, spoiler): (i64, Option<String>, bool) =
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT score, body, spoiler FROM reviews"
        )
        .fetch_one(e)
        .await)
        .unwrap();
    assert_eq!(
        (score, text.as_deref(), spoiler),
        (10, Some("the ending!"), true)
    );
    review_of(
        &bot,
        &jun,
        json!([s("drama", "id:5"), i("score", 9), s("text", "-")]),
    )
    .await;
    let (score, text): (i64, Option<String>) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT score, body FROM reviews"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!((score, text), (9, None));
}

#[tokio::test]
async fn a_track_of_another_drama_is_offered_and_a_track_alone_is_enough() {
    let (bot, _dir) = bot().await;
    let jun = Actor::new("Alpha", "general", "jun", false);
    let (drama, track) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as::<_, (i64, i64)>(
        "SELECT drama_id, id FROM tracks WHERE scope = 0 ORDER BY id LIMIT 1",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let other: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM dramas WHERE id <> $1 AND scope = 0 LIMIT 1"
    )
    .bind(drama)
    .fetch_one(e)
    .await)
    .unwrap();
    let body = review_of(
        &bot,
        &jun,
        json!([
            s("drama", &format!("id:{other}")),
            s("track", &format!("id:{track}")),
            i("score", 7)
        ]),
    )
    .await;
    assert!(content(&body).contains("is not from"), "{body}");
    assert_eq!(
        button(&body, "review:open:t:"),
        format!("review:open:t:{track}")
    );
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 0);

    let body = review_of(
        &bot,
        &jun,
        json!([s("track", &format!("id:{track}")), i("score", 7)]),
    )
    .await;
    assert!(content(&body).contains("saved"), "{body}");
    let (d, t): (i64, i64) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT drama_id, track_key FROM reviews"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!((d, t), (drama, track));
}

#[tokio::test]
async fn forget_me_lists_everything_with_counts_and_is_one_transaction() {
    let (bot, _dir) = bot().await;
    let jun = Actor::new("Alpha", "general", "jun", false);
    review_of(
        &bot,
        &jun,
        json!([s("drama", "id:1"), i("score", 6), s("text", "a")]),
    )
    .await;
    review_of(
        &bot,
        &jun,
        json!([s("drama", "id:1"), i("score", 7), s("text", "b")]),
    )
    .await;
    review_of(&bot, &jun, json!([s("drama", "id:2"), i("score", 8)])).await;
    let member = ostbot::ids::UserId::new(jun.user_id);
    ostbot_core::on_db!(&bot.pool, |e| sqlx::query("INSERT INTO nominations (guild_id, cycle, member_id, slot, track_id, created_at) VALUES (1, 1, $1, 1, 1, 0)")
        .bind(member)
        .execute(e).await.map(|done| done.rows_affected()))
        .unwrap();
    let body = send(&bot, jun.command("forget-me", json!([]), json!({}))).await;
    let text = content(&body);
    assert!(
        text.contains("2 reviews") && text.contains("1 earlier version"),
        "{text}"
    );
    assert!(
        text.contains("0 polls") && text.contains("1 weekly nomination"),
        "{text}"
    );
    let confirm = button(&body, "forget:confirm:");

    // A failure midway (the nominations cannot be deleted) leaves everything.
    support::fail_on(&bot.pool, "fail_forget", "BEFORE DELETE ON nominations").await;
    let body = send(&bot, click(&jun, &confirm)).await;
    assert!(content(&body).contains("Something went wrong"), "{body}");
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM reviews").await, 2);
    assert_eq!(count(&bot.pool, "SELECT COUNT(*) FROM voices").await, 2);
    support::stop_failing(&bot.pool, "fail_forget", "nominations").await;

    let body = send(&bot, click(&jun, &confirm)).await;
    assert!(content(&body).contains("2 reviews"), "{body}");
    for table in ["reviews", "review_history", "voices", "nominations"] {
        assert_eq!(
            count(&bot.pool, &format!("SELECT COUNT(*) FROM {table}")).await,
            0,
            "{table}"
        );
    }
}

#[tokio::test]
async fn config_reset_asks_first_and_weekly_and_reset_are_atomic() {
    let (bot, _dir) = bot().await;
    let mina = Actor::new("OST Lovers", "general", "mina", true);
    let channel = ostbot::transport::simulated::stable_id("channel:OST Lovers", "listening");
    let resolved = json!({ "channels": { channel.to_string(): ostbot::transport::simulated::resolved_channel(channel, "listening") } });
    let weekly = sub(
        "weekly",
        json!([
            { "name": "channel", "type": 7, "value": channel.to_string() },
            s("day", "friday"),
            s("time", "20:00"),
            s("timezone", "Asia/Seoul"),
        ]),
    );
    // Scheduling fails midway: the settings are not saved either.
    support::fail_on(&bot.pool, "fail_job", "BEFORE INSERT ON weekly_jobs").await;
    let body = send(
        &bot,
        mina.command("config", weekly.clone(), resolved.clone()),
    )
    .await;
    assert!(content(&body).contains("Something went wrong"), "{body}");
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM guild_settings").await,
        0
    );
    support::stop_failing(&bot.pool, "fail_job", "weekly_jobs").await;
    send(&bot, mina.command("config", weekly, resolved)).await;
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM guild_settings").await,
        1
    );
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM weekly_jobs").await,
        1
    );

    // The pages are published and suggestions have their own channel.
    let body = send(
        &bot,
        mina.command("config", sub("web", json!([s("state", "on")])), json!({})),
    )
    .await;
    assert!(content(&body).contains("/s/"), "{body}");
    let suggestions = sub(
        "catalog-channel",
        json!([{ "name": "channel", "type": 7, "value": channel.to_string() }]),
    );
    let resolved = json!({ "channels": { channel.to_string(): ostbot::transport::simulated::resolved_channel(channel, "listening") } });
    send(&bot, mina.command("config", suggestions, resolved)).await;
    let published = "SELECT COUNT(*) FROM web_pages";
    let catalog_channel = "SELECT COUNT(*) FROM catalog_channels";
    assert_eq!(count(&bot.pool, published).await, 1);
    assert_eq!(count(&bot.pool, catalog_channel).await, 1);
    let shown = send(
        &bot,
        mina.command("config", sub("show", json!([])), json!({})),
    )
    .await;
    let field = |body: &Value| {
        body["data"]["embeds"][0]["fields"]
            .as_array()
            .and_then(|fields| fields.iter().find(|f| f["name"] == "Suggestions channel"))
            .map(|f| f["value"].to_string())
            .unwrap_or_default()
    };
    assert_eq!(field(&shown), format!("\"<#{channel}>\""), "{shown}");

    // Reset asks, and says that the pages go down; cancel keeps everything.
    let body = send(
        &bot,
        mina.command("config", sub("reset", json!([])), json!({})),
    )
    .await;
    assert!(content(&body).contains("Reset every setting"), "{body}");
    assert!(content(&body).contains("public pages"), "{body}");
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM guild_settings").await,
        1
    );
    send(&bot, click(&mina, "config:reset:cancel")).await;
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM weekly_jobs").await,
        1
    );
    assert_eq!(count(&bot.pool, published).await, 1);
    // A failure midway (the job cannot be removed) keeps the settings too.
    support::fail_on(&bot.pool, "fail_reset", "BEFORE DELETE ON weekly_jobs").await;
    let body = send(&bot, click(&mina, "config:reset:confirm")).await;
    assert!(content(&body).contains("Something went wrong"), "{body}");
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM guild_settings").await,
        1
    );
    assert_eq!(count(&bot.pool, published).await, 1);
    assert_eq!(count(&bot.pool, catalog_channel).await, 1);
    support::stop_failing(&bot.pool, "fail_reset", "weekly_jobs").await;
    let member = Actor::new("OST Lovers", "general", "pleb", false);
    let body = send(&bot, click(&member, "config:reset:confirm")).await;
    assert!(content(&body).contains("Manage Server"), "{body}");
    let body = send(&bot, click(&mina, "config:reset:confirm")).await;
    assert!(content(&body).contains("public pages are down"), "{body}");
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM guild_settings").await,
        0
    );
    assert_eq!(
        count(&bot.pool, "SELECT COUNT(*) FROM weekly_jobs").await,
        0
    );
    assert_eq!(count(&bot.pool, published).await, 0);
    assert_eq!(count(&bot.pool, catalog_channel).await, 0);
    let shown = send(
        &bot,
        mina.command("config", sub("show", json!([])), json!({})),
    )
    .await;
    assert_eq!(
        field(&shown),
        "\"not set: suggestions go to the review feed\"",
        "{shown}"
    );
}

/// Unix milliseconds of an RFC 3339 time.
fn ms(rfc3339: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .timestamp_millis()
}

fn utc(rfc3339: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

#[tokio::test]
async fn migrating_to_one_time_encoding_keeps_every_time() {
    use ostbot::ids::{GuildId, PollId, ReviewId};
    let dir = tempfile::tempdir().unwrap();
    let (url, old) = database_before(&dir, 16).await;
    for sql in [
        "INSERT INTO dramas (id, scope, slug, title) VALUES (1, 0, 'goblin', 'Goblin'), (2, 10, 'own', 'Own')",
        "INSERT INTO tracks (id, scope, slug, drama_id, title) VALUES (1, 0, 'goblin-stay', 1, 'Stay With Me')",
        // Times as the bot wrote them: ISO text to the millisecond.
        "INSERT INTO reviews (id, guild_id, member_id, member_name, drama_id, track_key, score, body, created_at, updated_at) VALUES
             (1, 10, 100, 'bob', 1, 0, 9, 'lovely', '2026-01-01T00:00:00.123Z', '2026-01-01T00:00:00.123Z'),
             (2, 10, 101, 'cat', 1, 1, 7, NULL, '2026-01-02T08:30:00.000Z', '2026-01-02T08:30:00.000Z'),
             (3, 10, 102, 'dan', 1, 0, 3, NULL, '2026-01-03T00:00:00.000Z', '2026-01-03T00:00:00.000Z')",
        "UPDATE reviews SET score = 8, updated_at = '2026-01-05T23:59:59.999Z' WHERE id = 1",
        // The newest review was deleted: its number stays used.
        "DELETE FROM reviews WHERE id = 3",
        "INSERT INTO review_removals (guild_id, review_id, member_id, drama_id, track_key, score, removed_by, removed_at, reason)
             VALUES (10, 9, 103, 1, 0, 1, 999, '2026-01-06T00:00:00.000Z', 'spam')",
        "INSERT INTO review_removal_requests (guild_id, review_id, moderator_id, reason, requested_at)
             VALUES (10, 2, 999, 'off topic', '2026-01-07T12:00:00.250Z')",
        "INSERT INTO catalog_hidden (kind, item_id, guild_id, hidden_by, hidden_at)
             VALUES (0, 2, 10, 999, '2026-01-08T00:00:00.000Z')",
        "INSERT INTO guild_settings (guild_id, min_voices, updated_at) VALUES (10, 3, '2026-01-09T00:00:00.000Z')",
        // Unix seconds.
        "INSERT INTO polls (id, guild_id, channel_id, creator_id, question, created_at, closes_at, closed_at, edited_at)
             VALUES (1, 10, 20, 100, 'Best OST?', 1767225600, 1767484800, 1767400000, 1767300000)",
        "INSERT INTO poll_options (poll_id, position, label, label_key, track_id) VALUES
             (1, 0, 'Stay With Me', 'stay with me', 1), (1, 1, 'Other', 'other', NULL)",
        "INSERT INTO poll_votes (poll_id, member_id, position, voted_at) VALUES (1, 100, 0, 1767225700)",
        "INSERT INTO weekly_jobs (guild_id, next_run, cycle, run_cycle, run_at, step, lease_until)
             VALUES (10, 1767830400, 3, 2, 1767225600, 1, 1767225900)",
        "INSERT INTO nominations (guild_id, cycle, member_id, slot, track_id, created_at) VALUES (10, 3, 100, 1, 1, 1767226000)",
        "INSERT INTO seen_interactions (id, seen_at) VALUES (42, 1767226100)",
    ] {
        sqlx::query(sql).execute(&old).await.unwrap();
    }
    let totals_before = rows_of(
        &old,
        "score_totals",
        &columns_of(&old, "score_totals").await,
    )
    .await;
    let voices_before = count(&old, "SELECT COUNT(*) FROM voices").await;
    let history_before = count(&old, "SELECT COUNT(*) FROM review_history").await;
    old.close().await;

    let pool = ostbot::db::connect(&url).await.unwrap();
    // Through the typed reads: every time is the one written, to the millisecond.
    let first = ostbot::reviews::get(&pool, ReviewId::new(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.created_at, utc("2026-01-01T00:00:00.123Z"));
    assert_eq!(first.updated_at, utc("2026-01-05T23:59:59.999Z"));
    let history = ostbot::reviews::history(&pool, ReviewId::new(1))
        .await
        .unwrap();
    assert_eq!(history.len() as i64, history_before);
    assert_eq!(history[0].written_at, utc("2026-01-01T00:00:00.123Z"));
    let second = ostbot::reviews::get(&pool, ReviewId::new(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(second.created_at, utc("2026-01-02T08:30:00Z"));
    let removals = ostbot::reviews::removals(&pool, GuildId::new(10))
        .await
        .unwrap();
    assert_eq!(removals[0].removed_at, utc("2026-01-06T00:00:00Z"));
    let poll = ostbot::polls::get(&pool, PollId::new(1))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(poll.created_at, utc("2026-01-01T00:00:00Z"));
    assert_eq!(poll.closes_at, utc("2026-01-04T00:00:00Z"));
    assert_eq!(
        poll.closed_at,
        Some(chrono::DateTime::from_timestamp(1_767_400_000, 0).unwrap())
    );
    let job = ostbot::polls::weekly::job(&pool, GuildId::new(10))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(job.next_run, utc("2026-01-08T00:00:00Z"));
    assert_eq!(job.running.map(|r| r.at), Some(utc("2026-01-01T00:00:00Z")));

    // And as stored: INTEGER unix milliseconds everywhere.
    for (sql, want) in [
        (
            "SELECT updated_at FROM voices WHERE kind = 'drama' AND member_id = 100",
            ms("2026-01-05T23:59:59.999Z"),
        ),
        (
            "SELECT updated_at FROM voices WHERE kind = 'track'",
            ms("2026-01-02T08:30:00Z"),
        ),
        (
            "SELECT requested_at FROM review_removal_requests",
            ms("2026-01-07T12:00:00.250Z"),
        ),
        (
            "SELECT hidden_at FROM catalog_hidden",
            ms("2026-01-08T00:00:00Z"),
        ),
        (
            "SELECT updated_at FROM guild_settings",
            ms("2026-01-09T00:00:00Z"),
        ),
        ("SELECT edited_at FROM polls", 1_767_300_000_000),
        ("SELECT voted_at FROM poll_votes", 1_767_225_700_000),
        ("SELECT lease_until FROM weekly_jobs", 1_767_225_900_000),
        ("SELECT created_at FROM nominations", 1_767_226_000_000),
        ("SELECT seen_at FROM seen_interactions", 1_767_226_100_000),
    ] {
        assert_eq!(count(&pool, sql).await, want, "{sql}");
    }
    for (table, column) in [
        ("reviews", "created_at"),
        ("reviews", "updated_at"),
        ("review_history", "written_at"),
        ("review_removals", "removed_at"),
        ("review_removal_requests", "requested_at"),
        ("catalog_hidden", "hidden_at"),
        ("guild_settings", "updated_at"),
        ("voices", "updated_at"),
    ] {
        let declared: String = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
            "SELECT type FROM pragma_table_info($1) WHERE name = $2"
        )
        .bind(table)
        .bind(column)
        .fetch_one(e)
        .await)
        .unwrap();
        assert_eq!(declared, "INTEGER", "{table}.{column}");
        let text = count(
            &pool,
            &format!("SELECT COUNT(*) FROM {table} WHERE typeof({column}) <> 'integer'"),
        )
        .await;
        assert_eq!(text, 0, "{table}.{column}");
    }
    // Nothing else moved: the voices, the aggregates, the settings.
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM voices").await,
        voices_before
    );
    let totals_after = rows_of(
        &pool,
        "score_totals",
        &columns_of(&pool, "score_totals").await,
    )
    .await;
    assert_eq!(totals_after, totals_before);
    let settings = ostbot::guild_settings::get(&pool, GuildId::new(10))
        .await
        .unwrap();
    assert_eq!(settings.min_voices, 3);

    // The triggers came back, and the deleted newest review's number stays used.
    let writer = ostbot::db::Writer::new(pool.clone());
    let now = utc("2026-02-01T10:00:00.500Z");
    let new = ostbot::reviews::NewReview {
        guild: GuildId::new(10),
        member: ostbot::ids::UserId::new(104),
        member_name: "eve".into(),
        target: ostbot::reviews::Target::Drama(ostbot::catalog::DramaId::new(1)),
        score: ostbot::reviews::Score::new(6).unwrap(),
        text: None,
        spoiler: false,
    };
    let saved = ostbot::reviews::save(&writer, &new, now).await.unwrap();
    assert_eq!(saved.id, ReviewId::new(4));
    assert_eq!(saved.created_at, now);
    assert_eq!(
        count(&pool, "SELECT COUNT(*) FROM voices").await,
        voices_before + 1
    );
    assert_eq!(
        count(&pool, "SELECT updated_at FROM voices WHERE member_id = 104").await,
        ms("2026-02-01T10:00:00.500Z")
    );
}
