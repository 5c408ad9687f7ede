//! The catalog's store on both backends: the shipped catalog loads into the
//! same rows (entries, credits, aliases and every search table), two
//! processes starting together load it once, and a server's own entries go
//! through the same story (add, edit, alias, export, merge, hide, remove) with
//! the same results and the same refusals.

extern crate ostbot_core as ostbot;
mod support;

use ostbot::catalog::aliases::{self, AliasError, AliasKind};
use ostbot::catalog::import::{self, ImportOptions};
use ostbot::catalog::musicbrainz::model::{ReleaseBrowse, ReleaseGroupSearch};
use ostbot::catalog::musicbrainz::{self, plan};
use ostbot::catalog::{self, credits, export, Edit, Kind, NewDrama, NewTrack, Scope};
use ostbot::db::Database;
use ostbot::error::Refusal;
use ostbot::ids::{GuildId, UserId};
use ostbot::Error;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;
use std::fmt::Debug;

/// Every row of a query, each as its `Debug` text, sorted (each backend orders text its own
/// way; the rows, not their order, are compared).
async fn rows<T>(db: &Database, sql: &str) -> Vec<String>
where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Debug + Send + Unpin,
{
    let found: Vec<T> = match db {
        Database::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        Database::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
    let mut rows: Vec<String> = found.iter().map(|r| format!("{r:?}")).collect();
    rows.sort();
    rows
}

#[derive(Debug, FromRow)]
#[allow(dead_code)] // Read through `Debug`.
struct DramaColumns {
    id: i64,
    scope: i64,
    slug: String,
    title: String,
    title_ko: Option<String>,
    alt_titles: String,
    year: Option<i64>,
    network: Option<String>,
    genres: String,
    episodes: Option<i64>,
    mdl_rating: Option<f64>,
    mdl_votes: Option<i64>,
    added_by: Option<i64>,
    mb_release_group: Option<String>,
}

#[derive(Debug, FromRow)]
#[allow(dead_code)] // Read through `Debug`.
struct TrackColumns {
    id: i64,
    scope: i64,
    slug: String,
    drama_id: i64,
    title: String,
    title_ko: Option<String>,
    artist: Option<String>,
    artist_ko: Option<String>,
    ost_part: Option<i64>,
    year: Option<i64>,
    album: Option<String>,
    links: String,
    verified: bool,
    release_date: Option<String>,
    signature: bool,
}

type KeyColumns = (
    i64,
    i64,
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    String,
    String,
    f64,
    bool,
);

/// The catalog's tables, row by row (times left out: they are the moment of the run).
async fn tables(db: &Database) -> Vec<(&'static str, Vec<String>)> {
    vec![
        (
            "dramas",
            rows::<DramaColumns>(
                db,
                "SELECT id, scope, slug, title, title_ko, alt_titles, year, network, genres,
                        episodes, mdl_rating, mdl_votes, added_by, mb_release_group FROM dramas",
            )
            .await,
        ),
        (
            "tracks",
            rows::<TrackColumns>(
                db,
                "SELECT id, scope, slug, drama_id, title, title_ko, artist, artist_ko, ost_part,
                        year, album, links, verified, release_date, signature FROM tracks",
            )
            .await,
        ),
        (
            "tracks (who, MusicBrainz)",
            rows::<(
                i64,
                Option<i64>,
                Option<String>,
                Option<String>,
                Option<String>,
            )>(
                db,
                "SELECT id, added_by, mb_recording, mb_release, mb_release_group FROM tracks",
            )
            .await,
        ),
        (
            "artists",
            rows::<(i64, String, Option<String>, Option<String>, Option<String>)>(
                db,
                "SELECT id, key, name_ko, name, mbid FROM artists",
            )
            .await,
        ),
        (
            "track_credits",
            rows::<(i64, i64, i64)>(
                db,
                "SELECT track_id, position, artist_id FROM track_credits",
            )
            .await,
        ),
        (
            "aliases",
            rows::<(i64, i64, i64, i64, String, Option<i64>)>(
                db,
                "SELECT id, scope, kind, target_id, alias, added_by FROM aliases",
            )
            .await,
        ),
        (
            "catalog_hidden",
            rows::<(i64, i64, i64, i64)>(
                db,
                "SELECT kind, item_id, guild_id, hidden_by FROM catalog_hidden",
            )
            .await,
        ),
        (
            "search_keys",
            rows::<KeyColumns>(
                db,
                "SELECT id, kind, item_id, scope, drama_id, field, display, norm, compact, phon,
                        popularity, special FROM search_keys",
            )
            .await,
        ),
        (
            "search_words",
            rows::<(String, i64, i64, String, f64)>(
                db,
                "SELECT term, kind, key_id, head, popularity FROM search_words",
            )
            .await,
        ),
        (
            "search_prefix",
            rows::<(String, f64, i64, i64)>(
                db,
                "SELECT term, popularity, key_id, kind FROM search_prefix",
            )
            .await,
        ),
        (
            "search_credits",
            rows::<(i64, f64, i64, i64, i64)>(
                db,
                "SELECT artist_id, popularity, track_id, drama_id, scope FROM search_credits",
            )
            .await,
        ),
        (
            "meta",
            rows::<(String, String)>(db, "SELECT key, value FROM meta").await,
        ),
    ]
}

/// FNV-1a of a table's rows: a short line for a report, the rows themselves for the check.
fn checksum(rows: &[String]) -> u64 {
    rows.iter()
        .flat_map(|r| r.bytes().chain([b'\n']))
        .fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        })
}

/// Asserts both databases hold the same rows, table by table; a difference is shown by its
/// first row.
fn assert_same_tables(
    sqlite: &[(&'static str, Vec<String>)],
    postgres: &[(&'static str, Vec<String>)],
) {
    for ((table, on_sqlite), (_, on_postgres)) in sqlite.iter().zip(postgres) {
        if on_sqlite != on_postgres {
            let first = on_sqlite
                .iter()
                .zip(on_postgres)
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("SQLite {a}\nPostgreSQL {b}"))
                .unwrap_or_else(|| "one has more rows".to_owned());
            panic!(
                "{table}: {} rows (checksum {:x}) on SQLite, {} ({:x}) on PostgreSQL; first difference:\n{first}",
                on_sqlite.len(),
                checksum(on_sqlite),
                on_postgres.len(),
                checksum(on_postgres)
            );
        }
    }
}

fn count(tables: &[(&'static str, Vec<String>)], table: &str) -> usize {
    tables
        .iter()
        .find(|(name, _)| *name == table)
        .map_or(0, |(_, rows)| rows.len())
}

/// Goblin's OST in part order, and the singers of a track two of them sang.
async fn sanity(db: &Database) -> (Vec<String>, Vec<String>) {
    let goblin = catalog::drama_by_slug(db, "guardian-the-lonely-and-great-god", None)
        .await
        .expect("read")
        .expect("Goblin is shipped");
    assert_eq!(goblin.title_ko.as_deref(), Some("도깨비"));
    let tracks = catalog::tracks_of(db, goblin.id, None)
        .await
        .expect("tracks");
    let titles = tracks.iter().map(|t| t.title.clone()).collect();
    let duet = catalog::drama_by_slug(db, "dream-high", None)
        .await
        .expect("read")
        .expect("Dream High is shipped");
    let tracks = catalog::tracks_of(db, duet.id, None).await.expect("tracks");
    let duet = tracks
        .iter()
        .find(|t| t.slug == "deurimhai-saranghamyeon-andoelkka")
        .expect("the duet is shipped");
    let singers = credits::credits_in(db, duet.id)
        .await
        .expect("credits")
        .iter()
        .map(|a| a.primary().to_owned())
        .collect();
    (titles, singers)
}

#[tokio::test]
async fn the_shipped_catalog_loads_into_the_same_rows_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("catalog_shipped").await else {
        return;
    };
    let pg = Database::Postgres(postgres.pool.clone());
    let loaded_sqlite = import::load_shipped(&sqlite)
        .await
        .expect("loads on SQLite");
    let loaded_pg = import::load_shipped(&pg)
        .await
        .expect("loads on PostgreSQL");
    assert!(loaded_sqlite.inserted > 2_000, "{loaded_sqlite:?}");
    assert_eq!(loaded_pg, loaded_sqlite);

    let on_sqlite = tables(&sqlite).await;
    for table in [
        "dramas",
        "tracks",
        "artists",
        "track_credits",
        "aliases",
        "search_keys",
        "search_words",
        "search_prefix",
        "search_credits",
    ] {
        assert!(count(&on_sqlite, table) > 0, "{table} is empty");
    }
    assert_same_tables(&on_sqlite, &tables(&pg).await);

    let (goblin, duet) = sanity(&sqlite).await;
    assert_eq!(goblin.len(), 14, "{goblin:?}");
    assert_eq!(goblin[..3], ["Stay With Me", "내 눈에만 보여", "Hush"]);
    assert_eq!(duet, ["창민", "정진운"]);
    assert_eq!(sanity(&pg).await, (goblin, duet));

    let genres = catalog::genres::global(&sqlite).await.expect("genres");
    assert!(genres.iter().any(|g| g == "Romance"), "{genres:?}");
    assert_eq!(catalog::genres::global(&pg).await.expect("genres"), genres);
    assert_eq!(
        catalog::counts(&pg).await.expect("counts"),
        catalog::counts(&sqlite).await.expect("counts")
    );

    // A second start finds it loaded and changes nothing.
    let again = import::load_shipped(&pg).await.expect("reloads");
    assert_eq!(again, import::ImportReport::default());

    // An index of an earlier layout is rewritten whole, alike.
    for db in [&sqlite, &pg] {
        execute(db, "DELETE FROM meta WHERE key = 'search_index'").await;
        assert!(!catalog::search_is_current(db).await.expect("read"));
        catalog::ensure_search_current(db).await.expect("rewritten");
        assert!(catalog::search_is_current(db).await.expect("read"));
    }
    let rewritten = tables(&sqlite).await;
    assert_eq!(
        count(&rewritten, "search_keys"),
        count(&on_sqlite, "search_keys")
    );
    assert_same_tables(&rewritten, &tables(&pg).await);
    postgres.drop().await;
}

/// Runs one statement without parameters.
async fn execute(db: &Database, sql: &str) {
    match db {
        Database::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        Database::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Two processes started together on one database: what each one's start reports.
async fn two_starts(first: Database, second: Database) -> Vec<usize> {
    let (a, b) = tokio::join!(import::load_shipped(&first), import::load_shipped(&second));
    let mut inserted = vec![
        a.expect("the first start").inserted,
        b.expect("the second start").inserted,
    ];
    inserted.sort_unstable();
    inserted
}

#[tokio::test]
async fn two_processes_starting_together_load_the_shipped_catalog_once() {
    let Some((dir, sqlite, postgres)) = support::both("catalog_lease").await else {
        return;
    };
    let url = format!("sqlite://{}", dir.path().join("ostbot.db").display());
    let other_sqlite = ostbot::db::connect(&url).await.expect("a second pool");
    let on_sqlite = two_starts(sqlite.clone(), Database::Sqlite(other_sqlite)).await;
    assert_eq!(on_sqlite[0], 0, "{on_sqlite:?}");
    assert!(on_sqlite[1] > 2_000, "{on_sqlite:?}");

    let settings = ostbot::db::PoolSettings::default();
    let other_pg = ostbot::db::connect_postgres(&postgres.url, &settings)
        .await
        .expect("a second pool");
    let pg = Database::Postgres(postgres.pool.clone());
    assert_eq!(
        two_starts(pg.clone(), Database::Postgres(other_pg)).await,
        on_sqlite
    );
    let leases: Vec<String> = rows::<(String, String)>(&pg, "SELECT key, value FROM meta").await;
    assert!(
        leases.iter().all(|row| !row.contains("loading")),
        "the lease is given back: {leases:?}"
    );
    assert_same_tables(&tables(&sqlite).await, &tables(&pg).await);
    postgres.drop().await;
}

const GUILD: GuildId = GuildId::new(4_242);
const MODERATOR: UserId = UserId::new(77);

const GLOBAL_DRAMAS: &str = "id,title,title_ko,year,network,genres,mdl_votes
sunny-days,Sunny Days,맑은 날,2020,tvN,Romance|Comedy,5000
rainy-nights,Rainy Nights,비 오는 밤,2021,JTBC,Melodrama,1200
";
const GLOBAL_TRACKS: &str = "id,drama_id,title,title_ko,artist,artist_ko,ost_part,album,verified
sunny-days-morning,sunny-days,Morning,아침,IU,아이유,1,Sunny Days OST Part.1,yes
sunny-days-duet,sunny-days,Duet,,Crush & Punch,크러쉬 & 펀치,2,Sunny Days OST Part.2,yes
rainy-nights-rain,rainy-nights,Rain,비,,정준일,1,,yes
";

fn local_drama(slug: &str, title: &str) -> NewDrama {
    NewDrama {
        slug: slug.into(),
        title: title.into(),
        title_ko: Some("우리 드라마".into()),
        year: Some(2024),
        network: Some("KBS2".into()),
        genres: vec!["Romance".into()],
        episodes: Some(16),
        ..NewDrama::default()
    }
}

/// One server's moderators at work, each step's outcome as a line; then every table.
async fn local_story(db: &Database) -> (Vec<String>, Vec<(&'static str, Vec<String>)>) {
    let mut seen = Vec::new();
    let none = |_: usize, _: usize| {};
    for (name, file) in [("dramas.csv", GLOBAL_DRAMAS), ("tracks.csv", GLOBAL_TRACKS)] {
        let report = import::import_bytes(db, Scope::Global, None, name, file.as_bytes(), &none)
            .await
            .expect("the global file imports");
        seen.push(format!("global {name}: {report:?}"));
    }

    // The operator corrects a duet's credits and names an artist and a track otherwise.
    let files = [
        (
            "credits.csv",
            "track_id,artists\nsunny-days-duet,펀치 (Punch) | 크러쉬 (Crush) | Guest\n",
        ),
        (
            "aliases.csv",
            "kind,target,alias\nartist,크러쉬,Crush Oppa\ntrack,sunny-days-morning,Good Morning\n",
        ),
        (
            "bad-credits.csv",
            "track_id,artists\nno-such-track,Someone\nsunny-days-duet,A | A\n",
        ),
    ];
    for (name, file) in files {
        let report =
            import::import_bytes(db, Scope::Global, None, name, file.as_bytes(), &none).await;
        seen.push(format!("global {name}: {report:?}"));
    }
    let duet = catalog::track_in_scope(db, Scope::Global, "sunny-days-duet")
        .await
        .expect("read")
        .expect("imported");
    let duet_credits = credits::credits_in(db, duet.id).await.expect("credits");
    seen.push(format!("duet credits: {duet_credits:?}"));
    let crush = credits::artist_named(db, "crush oppa").await.expect("read");
    seen.push(format!("named by its alias: {crush:?}"));
    if let Some(crush) = &crush {
        let tracks = credits::tracks_of_artist(db, crush.id)
            .await
            .expect("tracks");
        seen.push(format!("their tracks: {tracks:?}"));
    }

    let drama = catalog::add_drama(db, GUILD, &local_drama("our-drama", "Our Drama"), MODERATOR)
        .await
        .expect("a local drama");
    let mut song = NewTrack::new("our-drama-theme", drama, "Theme");
    song.artist = Some("Singer One".into());
    song.ost_part = Some(1);
    song.links = vec!["https://example.com/theme".into()];
    let track = catalog::add_track(db, GUILD, &song, MODERATOR)
        .await
        .expect("a local track");
    seen.push(format!("added drama {drama:?}, track {track:?}"));

    aliases::add_local(
        db,
        GUILD,
        AliasKind::Track,
        track.to_i64_bits(),
        "the theme",
        Some(MODERATOR),
    )
    .await
    .expect("an alias");

    // An edit changes what it names and keeps the rest.
    let edit = Edit {
        title: Some("Our Drama (2024)".into()),
        ..Edit::default()
    };
    let edited = catalog::edit_drama(db, GUILD, drama, &edit)
        .await
        .expect("edit");
    seen.push(format!("edited drama: {edited:?}"));
    let edit = Edit {
        artist: Some("Singer One & Singer Two".into()),
        ..Edit::default()
    };
    let edited = catalog::edit_track(db, GUILD, track, &edit)
        .await
        .expect("edit");
    seen.push(format!("edited track: {edited:?}"));
    let singers = credits::credits_in(db, track).await.expect("credits");
    seen.push(format!("credits: {singers:?}"));
    let shared = catalog::drama_by_slug(db, "sunny-days", None)
        .await
        .expect("read")
        .expect("global");
    let refused = catalog::edit_drama(db, GUILD, shared.id, &edit).await;
    seen.push(format!("editing a global drama: {refused:?}"));

    seen.push(format!(
        "own dramas: {:?}",
        catalog::own_dramas_matching(db, GUILD, "our", 10)
            .await
            .expect("own")
    ));
    seen.push(format!(
        "own tracks: {:?}",
        catalog::own_tracks_matching(db, GUILD, "SINGER", 10)
            .await
            .expect("own")
    ));
    seen.push(format!(
        "local aliases: {:?}",
        aliases::list_local(db, GUILD).await.expect("aliases")
    ));

    // A member suggested the track and a moderator approved it: the export names the
    // server's copies, and importing it merges them into new global entries.
    let approved = "INSERT INTO suggestions (guild_id, member_id, member_name, locale, drama_id,
            title, singers, state, created_at, decided_at, track_id)
         VALUES ($1, 5, 'member', 'en', $2, 'Theme', 'Singer One', 'approved', 1000, 2000, $3)";
    match db {
        Database::Sqlite(pool) => sqlx::query(approved)
            .bind(GUILD)
            .bind(drama)
            .bind(track)
            .execute(pool)
            .await
            .map(|_| ()),
        Database::Postgres(pool) => sqlx::query(approved)
            .bind(GUILD)
            .bind(drama)
            .bind(track)
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .expect("a suggestion");
    let filter = export::ExportFilter {
        approved_only: true,
        since: None,
    };
    let exported = export::suggested(db, filter).await.expect("export");
    let (dramas_csv, tracks_csv) = (
        exported.dramas_csv().expect("csv"),
        exported.tracks_csv().expect("csv"),
    );
    seen.push(format!("exported dramas:\n{dramas_csv}"));
    seen.push(format!("exported tracks:\n{tracks_csv}"));
    for (name, file) in [("dramas.csv", &dramas_csv), ("tracks.csv", &tracks_csv)] {
        let report = import::import_bytes(db, Scope::Global, None, name, file.as_bytes(), &none)
            .await
            .expect("the export imports");
        seen.push(format!("merged {name}: {report:?}"));
    }
    let global = catalog::drama_by_slug(db, "our-drama", None)
        .await
        .expect("read");
    seen.push(format!(
        "after the merge: local drama {:?}, global {:?}",
        catalog::get_drama(db, drama, Some(GUILD))
            .await
            .expect("read"),
        global
    ));
    seen.push(format!(
        "local aliases after the merge: {:?}",
        aliases::list_local(db, GUILD).await.expect("aliases")
    ));

    // An open suggestion of a drama the catalog lacks: proposed rows in a full export.
    let open = "INSERT INTO suggestions (guild_id, member_id, member_name, locale, drama_title,
            title, singers, ost_part, link, state, created_at)
         VALUES ($1, 6, 'other', 'ko', 'Brand New Show', 'Opening', '가수 (Singer)', 2,
                 'https://example.com/opening', 'open', 3000)";
    match db {
        Database::Sqlite(pool) => sqlx::query(open)
            .bind(GUILD)
            .execute(pool)
            .await
            .map(|_| ()),
        Database::Postgres(pool) => sqlx::query(open)
            .bind(GUILD)
            .execute(pool)
            .await
            .map(|_| ()),
    }
    .expect("an open suggestion");
    let everything = export::ExportFilter {
        approved_only: false,
        since: export::parse_since("1970-01-01"),
    };
    seen.push(format!(
        "full export: {}",
        export::suggested(db, everything)
            .await
            .expect("export")
            .to_json()
    ));

    // Lookups of several entries at once, and of one artist.
    let globals: Vec<ostbot::ids::DramaId> = [shared.id, drama].into();
    seen.push(format!(
        "dramas by ids: {:?}",
        catalog::dramas_by_ids(db, &globals, Some(GUILD))
            .await
            .expect("read")
            .iter()
            .map(|d| (d.id, d.slug.clone()))
            .collect::<Vec<_>>()
    ));
    let merged_track = catalog::track_in_scope(db, Scope::Global, "our-drama-theme")
        .await
        .expect("read")
        .expect("merged");
    let mut by_ids = catalog::tracks_by_ids(db, &[duet.id, merged_track.id, track], Some(GUILD))
        .await
        .expect("read");
    by_ids.sort_by_key(|(t, _)| t.id);
    seen.push(format!("tracks by ids: {by_ids:?}"));
    let first_singer = duet_credits.first().map(|a| a.id).expect("a singer");
    seen.push(format!(
        "artist by id: {:?}",
        credits::artist_by_id(db, first_singer).await.expect("read")
    ));

    // A moderator takes the alias back; another server's cannot.
    let listed = aliases::list_local(db, GUILD).await.expect("aliases");
    let alias_id = listed.first().map(|(a, _)| a.id).expect("an alias");
    seen.push(format!(
        "alias removed elsewhere: {:?}, here: {:?}, again: {:?}",
        aliases::remove_local(db, GuildId::new(1), alias_id).await,
        aliases::remove_local(db, GUILD, alias_id).await,
        aliases::remove_local(db, GUILD, alias_id).await,
    ));

    // Entries added again, then one hidden and one removed.
    let hidden = catalog::add_drama(db, GUILD, &local_drama("to-hide", "To Hide"), MODERATOR)
        .await
        .expect("a local drama");
    let removed = catalog::add_drama(db, GUILD, &local_drama("to-remove", "To Remove"), MODERATOR)
        .await
        .expect("a local drama");
    let gone_track = catalog::add_track(
        db,
        GUILD,
        &NewTrack::new("to-remove-song", removed, "Song"),
        MODERATOR,
    )
    .await
    .expect("a local track");
    let lone = catalog::add_track(
        db,
        GUILD,
        &NewTrack::new("to-hide-song", hidden, "Hidden Song"),
        MODERATOR,
    )
    .await
    .expect("a local track");
    seen.push(format!(
        "a track removed: {:?}",
        catalog::remove_local(db, GUILD, Kind::Track, lone.to_i64_bits())
            .await
            .expect("remove")
    ));
    let bits = |id: ostbot::ids::DramaId| id.to_i64_bits();
    seen.push(format!(
        "hidden: {:?}, removed: {:?}, removed again: {:?}, a global one: {:?}",
        catalog::hide_local(db, GUILD, Kind::Drama, bits(hidden), MODERATOR)
            .await
            .expect("hide"),
        catalog::remove_local(db, GUILD, Kind::Drama, bits(removed))
            .await
            .expect("remove"),
        catalog::remove_local(db, GUILD, Kind::Drama, bits(removed))
            .await
            .expect("remove"),
        catalog::remove_local(db, GUILD, Kind::Drama, bits(shared.id))
            .await
            .expect("remove"),
    ));
    seen.push(format!(
        "the removed track: {:?}; attached to the global one: {:?}",
        catalog::get_track(db, gone_track, Some(GUILD))
            .await
            .expect("read"),
        catalog::attached(db, Kind::Drama, bits(shared.id))
            .await
            .expect("attached")
    ));

    // A dry run compares and writes nothing (last: PostgreSQL spends the identity numbers
    // its rolled-back inserts took, SQLite gives them again).
    let dry = ImportOptions {
        replace: false,
        dry_run: true,
    };
    let file = "id,title,year\nsunny-days,Sunny Days,2019\nbrand-new,Brand New,2025\n";
    let report = import::import_with(
        db,
        Scope::Global,
        None,
        "dramas.csv",
        file.as_bytes(),
        dry,
        &none,
    )
    .await
    .expect("a dry run");
    seen.push(format!("dry run: {report:?}"));
    (seen, tables(db).await)
}

#[tokio::test]
async fn a_servers_own_entries_tell_the_same_story_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("catalog_local").await else {
        return;
    };
    let (seen, on_sqlite) = local_story(&sqlite).await;
    let pg = Database::Postgres(postgres.pool.clone());
    let (seen_pg, on_pg) = local_story(&pg).await;
    for (line, (a, b)) in seen.iter().zip(&seen_pg).enumerate() {
        assert_eq!(a, b, "step {line} differs");
    }
    assert_eq!(seen.len(), seen_pg.len());
    assert_same_tables(&on_sqlite, &on_pg);
    for db in [&sqlite, &pg] {
        assert_no_stray_terms(db).await;
    }

    let step = |start: &str| {
        seen.iter()
            .find(|line| line.starts_with(start))
            .unwrap_or_else(|| panic!("no step {start}"))
            .as_str()
    };
    // The edit kept what it did not name.
    let edited = step("edited drama");
    for kept in [
        "Our Drama (2024)",
        "우리 드라마",
        "Some(2024)",
        "KBS2",
        "Some(16)",
    ] {
        assert!(edited.contains(kept), "{kept} lost: {edited}");
    }
    let credits = step("credits");
    let (one, two) = (
        credits.find("Singer One").expect("first singer"),
        credits.find("Singer Two").expect("second singer"),
    );
    assert!(one < two, "in credit order: {credits}");
    assert!(step("editing a global drama").contains("SharedEntry"));
    let duet = step("duet credits");
    let order: Vec<usize> = ["펀치", "크러쉬", "Guest"]
        .iter()
        .map(|name| {
            duet.find(name)
                .unwrap_or_else(|| panic!("{name} in {duet}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{duet}");
    assert!(step("global credits.csv").contains("updated: 1"));
    assert!(step("global aliases.csv").contains("inserted: 2"));
    assert!(step("global bad-credits.csv").contains("UnknownTrack"));
    assert!(step("named by its alias").contains("크러쉬"));
    assert!(step("exported tracks").contains("our-drama-theme"));
    assert!(step("exported tracks").contains(&GUILD.to_string()));
    assert!(step("merged dramas.csv").contains("merged: 1"));
    assert!(step("merged tracks.csv").contains("merged: 1"));
    assert!(step("after the merge").starts_with("after the merge: local drama None, global Some"));
    let moved = step("local aliases after the merge");
    assert!(moved.contains("the theme"), "the alias moved: {moved}");
    assert_eq!(
        step("hidden"),
        "hidden: true, removed: true, removed again: false, a global one: false"
    );
    assert!(step("the removed track").starts_with("the removed track: None"));
    assert!(step("dry run").contains("inserted: 1, updated: 1"));
    let full = step("full export");
    for proposed in [
        "brand-new-show",
        "Opening",
        "가수",
        "https://example.com/opening",
    ] {
        assert!(full.contains(proposed), "{proposed} in {full}");
    }
    assert!(step("tracks by ids").contains("our-drama-theme"));
    assert!(step("artist by id").contains("펀치"));
    assert!(step("alias removed elsewhere")
        .starts_with("alias removed elsewhere: Err(Alias(NoAlias)), here: Ok(Alias {"));
    assert!(step("alias removed elsewhere").ends_with("again: Err(Alias(NoAlias))"));
    assert_eq!(step("a track removed"), "a track removed: true");
    postgres.drop().await;
}

/// The refusals of entries a server has already, as each backend gives them.
async fn duplicates(db: &Database) -> Vec<String> {
    let drama = local_drama("twice", "Twice");
    let id = catalog::add_drama(db, GUILD, &drama, MODERATOR)
        .await
        .expect("the first add");
    let again = catalog::add_drama(db, GUILD, &drama, MODERATOR).await;
    assert!(
        matches!(&again, Err(Error::Refused(Refusal::DramaExists { title })) if title == "Twice"),
        "{again:?}"
    );
    let song = NewTrack::new("twice-song", id, "Song");
    catalog::add_track(db, GUILD, &song, MODERATOR)
        .await
        .expect("the first add");
    let track_again = catalog::add_track(db, GUILD, &song, MODERATOR).await;
    let track = catalog::track_in_scope(db, Scope::Guild(GUILD), "twice-song")
        .await
        .expect("read")
        .expect("added");
    let alias = |db| {
        aliases::add_local(
            db,
            GUILD,
            AliasKind::Track,
            track.id.to_i64_bits(),
            "double",
            None,
        )
    };
    alias(db).await.expect("the first alias");
    let alias_again = alias(db).await;
    assert!(
        matches!(&alias_again, Err(Error::Alias(AliasError::Exists { alias })) if alias == "double"),
        "{alias_again:?}"
    );
    // A refused alias spends no number: the next one is the next id on both.
    let next = aliases::add_local(
        db,
        GUILD,
        AliasKind::Track,
        track.id.to_i64_bits(),
        "single",
        None,
    )
    .await;
    // Two moderators adding one entry at the same moment: one adds it, the other is refused.
    let racing = local_drama("at-once", "At Once");
    let (a, b) = tokio::join!(
        catalog::add_drama(db, GUILD, &racing, MODERATOR),
        catalog::add_drama(db, GUILD, &racing, MODERATOR)
    );
    let mut raced = [
        format!("{:?}", a.map(|_| "added")),
        format!("{:?}", b.map(|_| "added")),
    ];
    raced.sort();
    vec![
        format!("{raced:?}"),
        format!("{again:?}"),
        format!("{track_again:?}"),
        format!("{alias_again:?}"),
        format!("{next:?}"),
        format!(
            "{:?}",
            aliases::list_local(db, GUILD).await.expect("aliases")
        ),
    ]
}

#[tokio::test]
async fn an_entry_added_twice_is_refused_alike_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("catalog_duplicates").await else {
        return;
    };
    let on_sqlite = duplicates(&sqlite).await;
    assert_eq!(
        on_sqlite[0],
        r#"["Err(Refused(DramaExists { title: \"At Once\" }))", "Ok(\"added\")"]"#
    );
    assert!(
        on_sqlite[2].contains("TrackExists") && on_sqlite[2].contains("Twice"),
        "{on_sqlite:?}"
    );
    let pg = Database::Postgres(postgres.pool.clone());
    assert_eq!(duplicates(&pg).await, on_sqlite);
    postgres.drop().await;
}

/// What `musicbrainz::fetch` reads for "도깨비 OST" from the fixtures of the root package's
/// MusicBrainz tests: its release groups, and the releases of each.
fn fetched_goblin() -> musicbrainz::Fetched {
    let fixture = |name: &str| {
        let path = format!(
            "{}/../../tests/fixtures/musicbrainz/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let search: ReleaseGroupSearch =
        serde_json::from_str(&fixture("search-dokkaebi.json")).expect("a search");
    let best = search
        .release_groups
        .iter()
        .find(|g| plan::is_soundtrack(g))
        .expect("a soundtrack");
    let name = plan::drama_name(&best.title);
    let groups: Vec<_> = search
        .release_groups
        .iter()
        .filter(|g| plan::same_drama(g, &name))
        .cloned()
        .collect();
    let mut releases = Vec::new();
    for group in &groups {
        let part = group
            .id
            .as_str()
            .rsplit('-')
            .next()
            .and_then(|n| n.parse::<u32>().ok());
        if let Some(n @ 1..=3) = part {
            let browse: ReleaseBrowse =
                serde_json::from_str(&fixture(&format!("releases-part{n}.json")))
                    .expect("releases");
            releases.extend(browse.releases.into_iter().map(|r| (group.id.clone(), r)));
        }
    }
    musicbrainz::Fetched {
        groups,
        releases,
        capped: None,
    }
}

/// A MusicBrainz fetch previewed, imported (globally, then into a server), and previewed
/// again; with the preview's pending Import kept and forgotten.
async fn fetch_story(db: &Database) -> Vec<String> {
    let fetched = fetched_goblin();
    let mut seen = Vec::new();
    for scope in [Scope::Global, Scope::Guild(GUILD)] {
        let ost = musicbrainz::preview(db, scope, &fetched)
            .await
            .expect("a preview")
            .expect("an OST");
        seen.push(format!("preview in {scope:?}: {ost:?}"));
        let imported = musicbrainz::import(db, scope, Some(MODERATOR), &ost)
            .await
            .expect("an import");
        seen.push(format!("imported in {scope:?}: {imported:?}"));
        let again = musicbrainz::preview(db, scope, &fetched)
            .await
            .expect("a preview");
        let changes = again.as_ref().map(|ost| ost.changes_anything());
        seen.push(format!("again: changes anything {changes:?}"));
    }
    let now =
        ostbot::timestamp::at(chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a time"));
    let pending = musicbrainz::PendingFetch {
        guild: GUILD,
        moderator: MODERATOR,
        query: "도깨비 OST".into(),
    };
    let id = musicbrainz::remember_fetch(db, &pending, now)
        .await
        .expect("kept");
    let kept = musicbrainz::pending_fetch(db, GUILD, id)
        .await
        .expect("read");
    musicbrainz::forget_fetch(db, GUILD, id)
        .await
        .expect("forgotten");
    let gone = musicbrainz::pending_fetch(db, GUILD, id)
        .await
        .expect("read");
    seen.push(format!("pending {id:?}: {kept:?}, then {gone:?}"));
    seen
}

#[tokio::test]
async fn a_musicbrainz_fetch_imports_alike_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("catalog_musicbrainz").await else {
        return;
    };
    let pg = Database::Postgres(postgres.pool.clone());
    support::with_catalog(&sqlite).await;
    support::with_catalog(&pg).await;
    let on_sqlite = fetch_story(&sqlite).await;
    assert!(
        on_sqlite[1].contains("new: 1") && on_sqlite[1].contains("updated: 3"),
        "{}",
        on_sqlite[1]
    );
    assert_eq!(on_sqlite[2], "again: changes anything Some(false)");
    assert!(on_sqlite.last().is_some_and(|l| l.ends_with("then None")));
    let on_pg = fetch_story(&pg).await;
    for (step, (a, b)) in on_sqlite.iter().zip(&on_pg).enumerate() {
        assert_eq!(a, b, "step {step} differs");
    }
    let (tables_sqlite, tables_pg) = (tables(&sqlite).await, tables(&pg).await);
    assert!(
        tables_sqlite[3]
            .1
            .iter()
            .any(|artist| artist.contains("6f1d3c2e-4a02-4b0e-9c01-000000000002")),
        "펀치 has their MusicBrainz id"
    );
    assert_same_tables(&tables_sqlite, &tables_pg);
    postgres.drop().await;
}

/// A term shared by more keys than the index keeps (64 per term and kind), written in two
/// imports: the second's more popular keys push the first's least popular out.
async fn capped_story(db: &Database) -> Vec<(&'static str, Vec<String>)> {
    let none = |_: usize, _: usize| {};
    let dramas = "id,title,mdl_votes\nquiet,Quiet Drama,10\nloud,Loud Drama,90000\n";
    import::import_bytes(
        db,
        Scope::Global,
        None,
        "dramas.csv",
        dramas.as_bytes(),
        &none,
    )
    .await
    .expect("dramas");
    let tracks = |drama: &str, n: usize| {
        let mut csv = "id,drama_id,title\n".to_owned();
        for i in 0..n {
            csv.push_str(&format!("{drama}-{i},{drama},Song {i} Love\n"));
        }
        csv
    };
    for file in [tracks("quiet", 70), tracks("loud", 5)] {
        import::import_bytes(
            db,
            Scope::Global,
            None,
            "tracks.csv",
            file.as_bytes(),
            &none,
        )
        .await
        .expect("tracks");
    }
    tables(db).await
}

#[tokio::test]
async fn capped_search_terms_keep_the_same_keys_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("catalog_capped").await else {
        return;
    };
    let on_sqlite = capped_story(&sqlite).await;
    let words = &on_sqlite
        .iter()
        .find(|(t, _)| *t == "search_words")
        .expect("words")
        .1;
    let love: Vec<&String> = words
        .iter()
        .filter(|w| w.starts_with("(\"love\", 1,"))
        .collect();
    assert_eq!(love.len(), 64, "the cap holds");
    // Each row ends with its popularity: the loud drama's five and 59 of the quiet one's.
    let popularity = |w: &str| -> f64 {
        let last = w.rsplit(", ").next().unwrap_or_default();
        last.trim_end_matches(')').parse().expect("a popularity")
    };
    let loudest = love.iter().map(|w| popularity(w)).fold(f64::MIN, f64::max);
    let loud = love.iter().filter(|w| popularity(w) == loudest).count();
    assert_eq!((loud, love.len() - loud), (5, 59), "{love:?}");
    let pg = Database::Postgres(postgres.pool.clone());
    assert_same_tables(&on_sqlite, &capped_story(&pg).await);
    postgres.drop().await;
}

/// A file whose rows repeat slugs, name dramas written by an earlier file and share singers.
const BATCH_DRAMAS: &str = "id,title,title_ko,year,network,genres,mdl_votes
sunny-days,Sunny Days,맑은 날,2020,tvN,Romance|Comedy,5000
rainy-nights,Rainy Nights,비 오는 밤,2021,JTBC,Melodrama,1200
sunny-days,Sunny Days,,2020,,Romance,5100
windy-hills,Windy Hills,바람 부는 언덕,2022,KBS2,Drama,800
";
const BATCH_TRACKS: &str = "id,drama_id,title,title_ko,artist,artist_ko,ost_part,album,verified
sunny-days-morning,sunny-days,Morning,아침,IU,아이유,1,Sunny Days OST Part.1,yes
sunny-days-duet,sunny-days,Duet,,Crush & Punch,크러쉬 & 펀치,2,Sunny Days OST Part.2,yes
rainy-nights-rain,rainy-nights,Rain,비,IU,아이유,1,,yes
sunny-days-morning,sunny-days,Morning Light,아침,IU & Crush,아이유 & 크러쉬,1,,no
windy-hills-wind,windy-hills,Wind,바람,Punch,펀치,,Windy Hills OST Part.3,yes
nowhere-song,no-such-drama,Song,,,,,,yes
";

/// The words and prefixes of the search index, each with the entry and field of its key.
async fn search_rows(db: &Database) -> Vec<Vec<String>> {
    vec![
        rows::<(String, i64, i64, i64)>(
            db,
            "SELECT w.term, w.kind, k.item_id, k.field FROM search_words w
               JOIN search_keys k ON k.id = w.key_id",
        )
        .await,
        rows::<(String, i64, i64, i64)>(
            db,
            "SELECT p.term, p.kind, k.item_id, k.field FROM search_prefix p
               JOIN search_keys k ON k.id = p.key_id",
        )
        .await,
    ]
}

/// Asserts that every word and prefix of the search index belongs to a key it holds: a key
/// rewritten or removed took its terms with it.
async fn assert_no_stray_terms(db: &Database) {
    for table in ["search_words", "search_prefix"] {
        let stray = rows::<(String, i64)>(
            db,
            &format!(
                "SELECT term, key_id FROM {table} t
                  WHERE NOT EXISTS (SELECT 1 FROM search_keys k WHERE k.id = t.key_id)"
            ),
        )
        .await;
        assert!(
            stray.is_empty(),
            "{table} keeps terms of keys gone: {stray:?}"
        );
    }
}

/// The file's header and each of its rows as a file of its own.
fn one_row_files(file: &str) -> Vec<String> {
    let mut lines = file.lines();
    let header = lines.next().expect("a header");
    lines.map(|row| format!("{header}\n{row}\n")).collect()
}

/// Imports `dramas` then `tracks`, each whole, and sums what the imports report.
async fn import_files(db: &Database, dramas: &[String], tracks: &[String]) -> [usize; 4] {
    let mut sum = [0; 4];
    let files = dramas
        .iter()
        .map(|f| ("dramas.csv", f))
        .chain(tracks.iter().map(|f| ("tracks.csv", f)));
    for (name, file) in files {
        let report =
            match import::import_bytes(db, Scope::Global, None, name, file.as_bytes(), &|_, _| {})
                .await
            {
                Ok(report) => report,
                Err(Error::Import(report)) => report,
                Err(other) => panic!("{name}: {other}"),
            };
        let counts = [
            report.inserted,
            report.updated,
            report.unchanged,
            report.bad_rows,
        ];
        for (total, n) in sum.iter_mut().zip(counts) {
            *total += n;
        }
    }
    sum
}

#[tokio::test]
async fn a_file_imported_whole_writes_what_its_rows_imported_one_by_one_write() {
    let (_a, whole) = support::sqlite().await;
    let (_b, by_row) = support::sqlite().await;
    let good_tracks: String = BATCH_TRACKS
        .lines()
        .filter(|l| !l.starts_with("nowhere"))
        .map(|l| format!("{l}\n"))
        .collect();
    let whole_counts = import_files(
        &whole,
        &[BATCH_DRAMAS.to_owned()],
        std::slice::from_ref(&good_tracks),
    )
    .await;
    let row_counts = import_files(
        &by_row,
        &one_row_files(BATCH_DRAMAS),
        &one_row_files(&good_tracks),
    )
    .await;
    // A repeated slug is an update of what the earlier row wrote, in one file as in two.
    assert_eq!(whole_counts, [7, 2, 0, 0]);
    assert_eq!(row_counts, whole_counts);
    let (on_whole, on_rows) = (tables(&whole).await, tables(&by_row).await);
    // The catalog's own tables; the search tables' key ids follow how many reindexes ran, so
    // their rows are compared by the entries they lead to.
    assert_eq!(on_whole[..5], on_rows[..5]);
    assert_eq!(search_rows(&whole).await, search_rows(&by_row).await);
    for db in [&whole, &by_row] {
        assert_no_stray_terms(db).await;
    }
    let sunny = catalog::drama_by_slug(&whole, "sunny-days", None)
        .await
        .expect("read")
        .expect("imported");
    assert_eq!(sunny.genres, ["Romance"]);
    assert_eq!(
        sunny.title_ko.as_deref(),
        Some("맑은 날"),
        "a field left out is kept"
    );
    let tracks = catalog::tracks_of(&whole, sunny.id, None)
        .await
        .expect("tracks");
    let morning = tracks
        .iter()
        .find(|t| t.slug == "sunny-days-morning")
        .expect("imported");
    assert_eq!(morning.title, "Morning Light");
    let singers: Vec<String> = credits::credits_in(&whole, morning.id)
        .await
        .expect("credits")
        .iter()
        .map(|a| a.primary().to_owned())
        .collect();
    assert_eq!(
        singers,
        ["아이유"],
        "re-importing a track keeps its credits"
    );
    let tracks_only = catalog::search::SearchFilter {
        kind: Some(Kind::Track),
        ..Default::default()
    };
    let hits = catalog::search::search(&whole, "punch", tracks_only, 5)
        .await
        .expect("search");
    assert!(
        hits.len() >= 2,
        "both of Punch's tracks are found: {hits:?}"
    );

    // A row that names no drama refuses the file whole, and writes nothing of it.
    let before = tables(&whole).await;
    let refused = import_files(&whole, &[], &[BATCH_TRACKS.to_owned()]).await;
    assert_eq!(refused[3], 1, "{refused:?}");
    assert_eq!(tables(&whole).await, before);
}

/// How many segments SQLite's trigram index has: the second varint of FTS5's structure
/// record (after its four-byte cookie and, in the layout of `contentless_delete`, its
/// four-byte version).
async fn trigram_segments(pool: &sqlx::SqlitePool) -> u64 {
    let record: Vec<u8> = sqlx::query_scalar("SELECT block FROM search_fts_data WHERE id = 10")
        .fetch_one(pool)
        .await
        .expect("the structure record");
    let mut at = if record[4..8] == [0xff, 0, 0, 1] {
        8
    } else {
        4
    };
    let mut varint = || {
        let mut value = 0u64;
        loop {
            let byte = record[at];
            at += 1;
            value = (value << 7) | u64::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                return value;
            }
        }
    };
    let _levels = varint();
    varint()
}

/// A bulk import ends by merging the trigram index into one segment
/// (`search::compact_trigrams`); small imports leave FTS5 to merge as it goes. Merged, the
/// index is whole (FTS5's integrity check) and a misspelling finds what it found before.
#[tokio::test]
async fn a_bulk_import_leaves_the_trigram_index_in_one_segment() {
    let (_dir, db) = support::sqlite().await;
    support::with_catalog(&db).await;
    let Database::Sqlite(pool) = &db else {
        unreachable!("support::sqlite is SQLite")
    };
    assert_eq!(
        trigram_segments(pool).await,
        1,
        "the shipped catalog's load"
    );

    let none = |_: usize, _: usize| {};
    for i in 0..3 {
        let file = format!(
            "id,title,title_ko,year\nsmall-import-{i},Lovely Runner Again {i},선재 다시 {i},2024\n"
        );
        import::import_bytes(&db, Scope::Global, None, "d.csv", file.as_bytes(), &none)
            .await
            .expect("a small import");
    }
    let segments = trigram_segments(pool).await;
    assert!(segments > 1, "small imports add segments: {segments}");

    let misspelled = ["lovely runer again", "crash landng on you", "nvertheles"];
    let mut before = Vec::new();
    for query in misspelled {
        let hits = catalog::search::search(&db, query, Default::default(), 5).await;
        before.push(hits.expect("search"));
    }
    assert!(before.iter().all(|hits| !hits.is_empty()), "{before:?}");
    catalog::search::compact_trigrams(&db)
        .await
        .expect("merged");
    assert_eq!(trigram_segments(pool).await, 1);
    sqlx::query("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 0)")
        .execute(pool)
        .await
        .expect("the merged index is whole");
    for (query, hits) in misspelled.iter().zip(&before) {
        let after = catalog::search::search(&db, query, Default::default(), 5).await;
        assert_eq!(&after.expect("search"), hits, "{query}");
    }
}
