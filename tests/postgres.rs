//! The PostgreSQL schema (`migrations/postgres`) against the SQLite one
//! (`migrations/sqlite`): the same tables, columns and views, the same
//! triggers, and the same rows after the same statements. The statements are
//! one SQL text for both backends (`$1`-style placeholders read the same in
//! sqlx's SQLite and PostgreSQL drivers; flags are written TRUE and FALSE),
//! which is how the store's SQL is shared where the dialects agree.
//!
//! Needs a PostgreSQL server (see `support::postgres`); skipped without one.

mod support;

use sqlx::{PgPool, SqlitePool};
use std::collections::{BTreeMap, BTreeSet};

/// SQLite's FTS5 table and its shadow tables: PostgreSQL has trigram
/// indexes over `search_keys` instead.
const SQLITE_ONLY: &[&str] = &[
    "search_fts",
    "search_fts_config",
    "search_fts_data",
    "search_fts_docsize",
    "search_fts_idx",
    "search_fts_terms",
    "sqlite_sequence",
    "_sqlx_migrations",
];

/// Triggers that keep SQLite's FTS5 table.
const SQLITE_ONLY_TRIGGERS: &[&str] = &["search_keys_ai", "search_keys_ad"];

/// Triggers that make PostgreSQL's concurrent writers take turns where
/// SQLite's one writer at a time needs none (writes to one drama's reviews).
const POSTGRES_ONLY_TRIGGERS: &[&str] = &["reviews_await_turn"];

/// (table or view) → column → declared type, as SQLite has them.
async fn sqlite_columns(pool: &SqlitePool) -> BTreeMap<String, BTreeMap<String, String>> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .expect("tables");
    let mut all = BTreeMap::new();
    for table in tables
        .into_iter()
        .filter(|t| !SQLITE_ONLY.contains(&t.as_str()))
    {
        let columns: Vec<(String, String)> =
            sqlx::query_as("SELECT name, type FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(pool)
                .await
                .expect("columns");
        all.insert(table, columns.into_iter().collect());
    }
    all
}

async fn postgres_columns(pool: &PgPool) -> BTreeMap<String, BTreeMap<String, String>> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::TEXT, column_name::TEXT, data_type::TEXT
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .expect("columns");
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (table, column, kind) in rows {
        all.entry(table).or_default().insert(column, kind);
    }
    all
}

/// Whether a PostgreSQL column type stores what the SQLite declared type does.
fn same_kind(sqlite: &str, postgres: &str) -> bool {
    match sqlite.to_ascii_uppercase().as_str() {
        "INTEGER" | "BIGINT" => matches!(postgres, "bigint" | "boolean"),
        "REAL" => postgres == "double precision",
        "TEXT" => postgres == "text",
        // A view's computed column: SQLite declares no type.
        "" => true,
        _ => false,
    }
}

#[tokio::test]
async fn the_postgres_schema_has_every_table_column_and_trigger_of_sqlite() {
    let Some(postgres) = support::postgres::database("postgres schema").await else {
        return;
    };
    let (_dir, _url, sqlite) = support::empty_database().await;
    let expected = sqlite_columns(&sqlite).await;
    let found = postgres_columns(&postgres.pool).await;
    let names = |m: &BTreeMap<String, BTreeMap<String, String>>| -> BTreeSet<String> {
        m.keys().cloned().collect()
    };
    assert_eq!(names(&found), names(&expected), "tables and views");
    for (table, columns) in &expected {
        let theirs = &found[table];
        let left: BTreeSet<&String> = columns.keys().collect();
        let right: BTreeSet<&String> = theirs.keys().collect();
        assert_eq!(left, right, "the columns of {table}");
        for (column, kind) in columns {
            assert!(
                same_kind(kind, &theirs[column]),
                "{table}.{column}: {kind} in SQLite, {} in PostgreSQL",
                theirs[column]
            );
        }
    }
    let sqlite_triggers: BTreeSet<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            .fetch_all(&sqlite)
            .await
            .expect("triggers")
            .into_iter()
            .filter(|t: &String| !SQLITE_ONLY_TRIGGERS.contains(&t.as_str()))
            .collect();
    let postgres_triggers: BTreeSet<String> = sqlx::query_scalar(
        "SELECT DISTINCT trigger_name::TEXT FROM information_schema.triggers
         WHERE trigger_schema = 'public'",
    )
    .fetch_all(&postgres.pool)
    .await
    .expect("triggers")
    .into_iter()
    .filter(|t: &String| !POSTGRES_ONLY_TRIGGERS.contains(&t.as_str()))
    .collect();
    assert_eq!(postgres_triggers, sqlite_triggers, "triggers");
    sqlite.close().await;
    postgres.drop().await;
}

/// The same statement, with the same arguments, on both databases.
async fn both(sqlite: &SqlitePool, postgres: &PgPool, sql: &str, args: &[i64]) {
    let mut lite = sqlx::query(sql);
    let mut pg = sqlx::query(sql);
    for arg in args {
        lite = lite.bind(*arg);
        pg = pg.bind(*arg);
    }
    lite.execute(sqlite)
        .await
        .unwrap_or_else(|e| panic!("SQLite: {sql}: {e}"));
    pg.execute(postgres)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL: {sql}: {e}"));
}

/// guild, kind, target, member, voice, updated_at.
type Voice = (i64, String, i64, i64, f64, i64);
/// guild, kind, target, voices, total, total_sq, some of the histogram's buckets.
type Totals = (i64, String, i64, i64, f64, f64, Vec<i64>);

/// What the triggers keep, read the same way from either database.
#[derive(Debug, PartialEq)]
struct Kept {
    voices: Vec<Voice>,
    totals: Vec<Totals>,
    history: Vec<(i64, i64, i64)>,
    votes: Vec<(i64, i64, i64)>,
    polls: Vec<(i64, bool, i64)>,
}

macro_rules! read_kept {
    ($pool:expr) => {{
        let pool = $pool;
        let voices = sqlx::query_as(
            "SELECT guild_id, kind, target_id, member_id, voice, updated_at FROM voices
             ORDER BY guild_id, kind, target_id, member_id",
        )
        .fetch_all(pool)
        .await
        .expect("voices");
        let rows: Vec<(i64, String, i64, i64, f64, f64, i64, i64, i64, i64, i64)> =
            sqlx::query_as(
                "SELECT guild_id, kind, target_id, voices, total, total_sq, h1, h5, h6, h9, h10
                 FROM score_totals ORDER BY guild_id, kind, target_id",
            )
            .fetch_all(pool)
            .await
            .expect("totals");
        let totals = rows
            .into_iter()
            .map(|r| (r.0, r.1, r.2, r.3, r.4, r.5, vec![r.6, r.7, r.8, r.9, r.10]))
            .collect();
        let history = sqlx::query_as(
            "SELECT review_id, score, written_at FROM review_history ORDER BY review_id, written_at",
        )
        .fetch_all(pool)
        .await
        .expect("history");
        let votes = sqlx::query_as(
            "SELECT poll_id, member_id, position FROM poll_votes ORDER BY poll_id, member_id, position",
        )
        .fetch_all(pool)
        .await
        .expect("votes");
        let polls = sqlx::query_as("SELECT id, dirty, edited_at FROM polls ORDER BY id")
            .fetch_all(pool)
            .await
            .expect("polls");
        Kept {
            voices,
            totals,
            history,
            votes,
            polls,
        }
    }};
}

#[tokio::test]
async fn the_postgres_triggers_keep_what_the_sqlite_ones_keep() {
    let Some(postgres) = support::postgres::database("postgres triggers").await else {
        return;
    };
    let (_dir, _url, sqlite) = support::empty_database().await;
    let pg = &postgres.pool;
    let run = |sql: &'static str, args: Vec<i64>| {
        let (sqlite, pg) = (sqlite.clone(), pg.clone());
        async move { both(&sqlite, &pg, sql, &args).await }
    };
    run(
        "INSERT INTO dramas (slug, title) VALUES ('goblin', 'Goblin')",
        vec![],
    )
    .await;
    for slug in ["stay-with-me", "beautiful", "hush"] {
        let sql = match slug {
            "stay-with-me" => "INSERT INTO tracks (slug, drama_id, title) VALUES ('stay-with-me', 1, 'Stay With Me')",
            "beautiful" => "INSERT INTO tracks (slug, drama_id, title) VALUES ('beautiful', 1, 'Beautiful')",
            _ => "INSERT INTO tracks (slug, drama_id, title) VALUES ('hush', 1, 'Hush')",
        };
        run(sql, vec![]).await;
    }
    let review = "INSERT INTO reviews (guild_id, member_id, drama_id, track_key, score, spoiler, created_at, updated_at)
                  VALUES ($1, $2, 1, $3, $4, FALSE, $5, $5)";
    // Two servers; one member reviews two tracks and the drama, others a track each.
    for (guild, member, track, score, at) in [
        (10, 1, 1, 8, 100),
        (10, 1, 2, 5, 110),
        (10, 2, 1, 9, 120),
        (10, 2, 0, 7, 130),
        (20, 3, 3, 10, 140),
        (20, 4, 1, 1, 150),
    ] {
        run(review, vec![guild, member, track, score, at]).await;
    }
    let rescore = "UPDATE reviews SET score = $1, updated_at = $2 WHERE id = $3";
    run(rescore, vec![6, 200, 1]).await;
    run(rescore, vec![3, 210, 5]).await;
    run(
        "UPDATE reviews SET spoiler = TRUE, updated_at = $1 WHERE id = $2",
        vec![220, 2],
    )
    .await;

    run(
        "INSERT INTO polls (guild_id, channel_id, creator_id, question, created_at, closes_at, anonymous)
         VALUES (10, 5, 1, 'Which one?', 0, 1000, TRUE)",
        vec![],
    )
    .await;
    for position in 0..3 {
        run(
            "INSERT INTO poll_options (poll_id, position, label, label_key)
             VALUES (1, $1, 'option ' || $1, 'option-' || $1)",
            vec![position],
        )
        .await;
    }
    let ballot = "INSERT INTO poll_ballots (poll_id, member_id, choices, voted_at, claim_edit)
                  VALUES (1, $1, $2, $3, FALSE)";
    run(ballot, vec![77, 0b101, 300]).await;
    run(ballot, vec![78, 0b010, 310]).await;
    run(ballot, vec![77, 0b100, 320]).await;
    run(
        "INSERT INTO poll_ballots (poll_id, member_id, choices, voted_at, claim_edit)
         VALUES (1, 79, 1, 330, TRUE)",
        vec![],
    )
    .await;
    let before_close = (read_kept!(&sqlite), read_kept!(pg));
    assert_eq!(
        before_close.0, before_close.1,
        "before the anonymous poll closes"
    );
    assert!(!before_close.0.history.is_empty() && !before_close.0.totals.is_empty());

    run("UPDATE polls SET closed_at = $1 WHERE id = 1", vec![1000]).await;
    run("DELETE FROM tracks WHERE id = $1", vec![1]).await;
    let (lite, post) = (read_kept!(&sqlite), read_kept!(pg));
    assert_eq!(lite, post, "after closing the poll and removing a track");
    assert!(
        lite.votes.iter().all(|(_, member, _)| *member < 0),
        "{:?}",
        lite.votes
    );
    assert!(lite.voices.iter().all(|v| !(v.1 == "track" && v.2 == 1)));
    run("DELETE FROM dramas WHERE id = $1", vec![1]).await;
    let (lite, post) = (read_kept!(&sqlite), read_kept!(pg));
    assert_eq!(lite, post, "after removing the drama");
    assert!(lite.voices.is_empty() && lite.totals.is_empty(), "{lite:?}");

    sqlite.close().await;
    postgres.drop().await;
}

/// What a server's settings go through, on one backend: each step's settings
/// and post language, for the other backend to match.
async fn settings_story<'c, H>(db: impl Fn() -> H) -> Vec<String>
where
    H: Into<ostbot::db::Handle<'c>>,
{
    use ostbot::guild_settings::{self as settings, GuildSettings, WeeklySchedule};
    use ostbot::ids::{ChannelId, GuildId};
    use ostbot::locale::Locale;
    let guild = GuildId::new(u64::MAX - 7);
    let mut seen = Vec::new();
    let mut note = |what: &str, s: &GuildSettings, language: Locale| {
        seen.push(format!("{what}: {s:?} {language:?}"));
    };
    let get = |s: Result<GuildSettings, ostbot::Error>| s.expect("settings");
    let defaults = get(settings::get(db(), guild).await);
    note(
        "new",
        &defaults,
        settings::language(db(), guild).await.expect("language"),
    );
    settings::remember_guild_locale(db(), guild, "ko")
        .await
        .expect("locale");
    let mut s = GuildSettings::defaults(guild);
    s.review_feed = Some(ChannelId::new(7));
    s.weekly = Some(WeeklySchedule {
        channel: ChannelId::new(u64::MAX),
        day: 4,
        time: "20:00".into(),
        timezone: "Asia/Seoul".into(),
        candidates: 5,
    });
    let next = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a time");
    settings::configure_weekly(db(), &s, next)
        .await
        .expect("weekly");
    settings::remember_guild_locale(db(), guild, "pt-BR")
        .await
        .expect("locale");
    note(
        "weekly",
        &get(settings::get(db(), guild).await),
        settings::language(db(), guild).await.expect("language"),
    );
    settings::set_language(db(), guild, Locale::Ko)
        .await
        .expect("language");
    let chosen = settings::chosen_language(db(), guild)
        .await
        .expect("chosen");
    note(&format!("chosen {chosen:?}"), &defaults, Locale::En);
    note(
        "chosen",
        &get(settings::get(db(), guild).await),
        settings::language(db(), guild).await.expect("language"),
    );
    settings::reset_all(db(), guild).await.expect("reset");
    note(
        "reset",
        &get(settings::get(db(), guild).await),
        settings::language(db(), guild).await.expect("language"),
    );
    seen
}

#[tokio::test]
async fn server_settings_read_and_write_the_same_on_both_backends() {
    let Some(postgres) = support::postgres::database("postgres settings").await else {
        return;
    };
    let (_dir, _url, sqlite) = support::empty_database().await;
    let on_sqlite = settings_story(|| &sqlite).await;
    let on_postgres = settings_story(|| &postgres.pool).await;
    assert_eq!(on_postgres, on_sqlite);
    assert!(
        on_sqlite[1].contains("Asia/Seoul") && on_sqlite[1].contains("PtBr"),
        "{on_sqlite:?}"
    );
    assert!(
        on_sqlite
            .last()
            .is_some_and(|last| last.contains("weekly: None")),
        "{on_sqlite:?}"
    );
    let jobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM weekly_jobs")
        .fetch_one(&postgres.pool)
        .await
        .expect("jobs");
    assert_eq!(
        jobs, 0,
        "reset_all stopped the weekly cycle, in one transaction"
    );
    sqlite.close().await;
    postgres.drop().await;
}
