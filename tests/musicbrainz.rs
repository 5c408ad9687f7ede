//! MusicBrainz fetches against a fake MusicBrainz on 127.0.0.1 that serves the fixtures in
//! `tests/fixtures/musicbrainz/` (written from MusicBrainz's documented `/ws/2` JSON; their
//! sources are in that folder's README): `ostbot catalog fetch` imports Goblin's three parts
//! with the duet's both singers, a second fetch changes nothing and a fetch without `--yes`
//! imports nothing; the limiter spaces requests a second apart, also across concurrent
//! callers; a 503 is retried after its `Retry-After`; a malformed body, a 404 and an
//! unreachable service give clear messages and import nothing; 200 releases are read by
//! pages up to the cap, which is said; and `/catalog fetch` → Import through the real
//! dispatcher adds server-local entries that only that server sees.

mod support;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use ostbot::bot::error_text::UserMessage as _;
use ostbot::catalog::musicbrainz::{self, FetchError, Mbid, MusicBrainz};
use ostbot::catalog::Scope;
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{buttons, is_ephemeral, s, send, sub};

const PART1_GROUP: &str = "6f1d3c2e-1a01-4b0e-9c01-000000000001";
/// A release group with 200 releases (generated pages, see the fixtures' README).
const BIG_GROUP: &str = "6f1d3c2e-1a02-4b0e-9c01-000000000200";
const UNKNOWN_GROUP: &str = "6f1d3c2e-1a02-4b0e-9c01-00000000dead";
const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";

/// One request the fake answered: when, what, and with which User-Agent.
#[derive(Clone, Debug)]
struct Seen {
    at: Instant,
    uri: String,
    user_agent: String,
}

#[derive(Default)]
struct Fake {
    seen: Mutex<Vec<Seen>>,
    /// The next this many requests are answered 503 with `Retry-After: 1`.
    busy: AtomicUsize,
}

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/musicbrainz/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json_body(status: StatusCode, body: String) -> Response {
    (
        status,
        [("content-type", "application/json; charset=utf-8")],
        body,
    )
        .into_response()
}

fn record(fake: &Fake, uri: &axum::http::Uri, headers: &HeaderMap) -> Option<Response> {
    fake.seen.lock().unwrap().push(Seen {
        at: Instant::now(),
        uri: uri.to_string(),
        user_agent: headers
            .get("user-agent")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
    });
    let busy = fake
        .busy
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    busy.then(|| {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [("retry-after", "1"), ("content-type", "application/json")],
            fixture("rate-limited.json"),
        )
            .into_response()
    })
}

/// `GET /ws/2/release-group?query=…`.
async fn search(
    State(fake): State<Arc<Fake>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Some(busy) = record(&fake, &uri, &headers) {
        return busy;
    }
    let query = params.get("query").cloned().unwrap_or_default();
    let name = if query.contains("도깨비") {
        "search-dokkaebi.json"
    } else if query.contains("garbage") {
        "malformed.json"
    } else {
        "search-empty.json"
    };
    json_body(StatusCode::OK, fixture(name))
}

/// `GET /ws/2/release-group/MBID`.
async fn lookup(
    State(fake): State<Arc<Fake>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if let Some(busy) = record(&fake, &uri, &headers) {
        return busy;
    }
    match id.as_str() {
        PART1_GROUP => json_body(StatusCode::OK, fixture("release-group-part1.json")),
        BIG_GROUP => json_body(
            StatusCode::OK,
            json!({ "id": BIG_GROUP, "title": "Big Box OST", "primary-type": "Album",
                    "secondary-types": ["Soundtrack", "Compilation"], "first-release-date": "2020-01-01" })
            .to_string(),
        ),
        _ => json_body(StatusCode::NOT_FOUND, fixture("not-found.json")),
    }
}

/// `GET /ws/2/release?release-group=MBID&inc=recordings+artist-credits&limit=…&offset=…`.
async fn browse(
    State(fake): State<Arc<Fake>>,
    uri: axum::http::Uri,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    if let Some(busy) = record(&fake, &uri, &headers) {
        return busy;
    }
    let group = params.get("release-group").cloned().unwrap_or_default();
    let number = |key: &str, default: usize| {
        params
            .get(key)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    if group == BIG_GROUP {
        return json_body(
            StatusCode::OK,
            big_page(number("offset", 0), number("limit", 25)),
        );
    }
    match group
        .rsplit('-')
        .next()
        .and_then(|tail| tail.parse::<u32>().ok())
    {
        Some(n @ 1..=3) if group.starts_with("6f1d3c2e-1a0") => {
            json_body(StatusCode::OK, fixture(&format!("releases-part{n}.json")))
        }
        _ => json_body(StatusCode::NOT_FOUND, fixture("not-found.json")),
    }
}

/// A page of the 200 releases of [`BIG_GROUP`]: part 3's release, each with its own ids.
fn big_page(offset: usize, limit: usize) -> String {
    let template: Value = serde_json::from_str(&fixture("releases-part3.json")).unwrap();
    let release = &template["releases"][0];
    let releases: Vec<Value> = (offset..(offset + limit.min(100)).min(200))
        .map(|i| {
            let mut r = release.clone();
            r["id"] = json!(format!("6f1d3c2e-2b00-4b0e-9c01-{i:012}"));
            r["title"] = json!(format!("Big Box OST Vol. {}", i + 1));
            let track = &mut r["media"][0]["tracks"][0];
            track["id"] = json!(format!("6f1d3c2e-5b00-4b0e-9c01-{i:012}"));
            track["title"] = json!(format!("Song {}", i + 1));
            track["recording"]["id"] = json!(format!("6f1d3c2e-3b00-4b0e-9c01-{i:012}"));
            r
        })
        .collect();
    json!({ "release-count": 200, "release-offset": offset, "releases": releases }).to_string()
}

/// The fake on a free port; its base URL and what it saw.
async fn fake_musicbrainz() -> (String, Arc<Fake>) {
    let fake = Arc::new(Fake::default());
    let app = Router::new()
        .route("/ws/2/release-group", get(search))
        .route("/ws/2/release-group/{id}", get(lookup))
        .route("/ws/2/release", get(browse))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{address}"), fake)
}

fn seen(fake: &Fake) -> Vec<Seen> {
    fake.seen.lock().unwrap().clone()
}

/// The gaps between the starts of consecutive requests.
fn gaps(seen: &[Seen]) -> Vec<Duration> {
    seen.windows(2).map(|w| w[1].at - w[0].at).collect()
}

/// `ostbot catalog fetch ARGS` on `db`, against `base`; (success, stdout, stderr).
async fn cli(base: &str, db: &str, args: &[&str]) -> (bool, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ostbot"));
    command
        .args(["catalog", "fetch"])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", db)
        .env("MUSICBRAINZ_URL", base)
        .env("MUSICBRAINZ_CONTACT", "ops@example.org");
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Goblin's tracks and their credits, as `(part, title, credits)`.
async fn goblin_tracks(
    pool: &ostbot::db::Database,
    scope: i64,
) -> Vec<(Option<i64>, String, String)> {
    // Each track's singers in credit order: group_concat on SQLite, string_agg on PostgreSQL.
    let singers = match pool.backend() {
        ostbot::db::Backend::Sqlite => "group_concat(singer, ' + ')",
        ostbot::db::Backend::Postgres => "string_agg(singer, ' + ' ORDER BY position)",
    };
    let sql = format!(
        "SELECT t.ost_part, t.title, COALESCE((SELECT {singers} FROM (
                 SELECT COALESCE(a.name_ko, a.name) || '/' || COALESCE(a.name, '') || '/' || COALESCE(a.mbid, '') AS singer,
                        c.position AS position
                 FROM track_credits c JOIN artists a ON a.id = c.artist_id WHERE c.track_id = t.id
                 ORDER BY c.position) s), '')
         FROM tracks t JOIN dramas d ON d.id = t.drama_id
         WHERE d.slug = 'guardian-the-lonely-and-great-god' AND t.scope = $1 AND t.ost_part <= 3
         ORDER BY t.ost_part, t.title"
    );
    ostbot_core::on_db!(pool, |e| sqlx::query_as(&sql)
        .bind(scope)
        .fetch_all(e)
        .await)
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_fetch_imports_three_parts_with_the_duet_once_and_only_with_yes() {
    let (base, fake) = fake_musicbrainz().await;
    let (_dir, url, pool) = support::database().await;
    let tracks_before = support::count(&pool, "SELECT COUNT(*) FROM tracks").await;
    let before = goblin_tracks(&pool, 0).await;

    // Without --yes: the preview, and nothing written.
    let (ok, out, err) = cli(&base, &url, &["도깨비 OST"]).await;
    assert!(ok, "{err}");
    for shown in [
        "도깨비 on MusicBrainz: 3 parts, 4 tracks",
        "Catalog drama: Guardian: The Lonely and Great God (도깨비, 2016)",
        "도깨비 OST Part 1 · 2016-12-03 · release 6f1d3c2e-2a01-4b0e-9c01-000000000001",
        "1. Stay With Me — 찬열 & 펀치 · updates the catalog's entry · recording 6f1d3c2e-3a01-4b0e-9c01-000000000001",
        "펀치: artist 6f1d3c2e-4a02-4b0e-9c01-000000000002",
        "2. 내 눈에만 보여 (Inst.) — 10cm · new",
        "Importing: 1 new, 3 updated, 0 unchanged",
        "Run again with --yes to import",
    ] {
        assert!(out.contains(shown), "{shown:?} in:\n{out}");
    }
    assert!(
        !out.contains("도깨비불"),
        "another drama's OST is not taken:\n{out}"
    );
    assert_eq!(goblin_tracks(&pool, 0).await, before, "no --yes, no change");

    // With --yes: updated in place, one new track, never a duplicate.
    let (ok, out, err) = cli(&base, &url, &["도깨비 OST", "--yes"]).await;
    assert!(ok, "{err}");
    assert!(out.contains("Imported Guardian: The Lonely and Great God (도깨비, 2016) from MusicBrainz: 1 new, 3 updated"), "{out}");
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM tracks").await,
        tracks_before + 1
    );
    let after = goblin_tracks(&pool, 0).await;
    let parts: Vec<Option<i64>> = after.iter().map(|t| t.0).collect();
    assert_eq!(parts, [Some(1), Some(2), Some(2), Some(3)], "{after:#?}");
    assert_eq!(
        after[0],
        (
            Some(1),
            "Stay With Me".to_owned(),
            "찬열/CHANYEOL/6f1d3c2e-4a01-4b0e-9c01-000000000001 + 펀치/Punch/6f1d3c2e-4a02-4b0e-9c01-000000000002".to_owned()
        )
    );
    let ids: Vec<(String, String, String)> = ostbot_core::on_db!(&pool, |e| sqlx::query_as(
        "SELECT mb_recording, mb_release, mb_release_group FROM tracks WHERE slug = 'dokkaebi-stay-with-me' AND scope = 0",
    )
    .fetch_all(e).await)
    .unwrap();
    assert_eq!(
        ids,
        [(
            "6f1d3c2e-3a01-4b0e-9c01-000000000001".to_owned(),
            "6f1d3c2e-2a01-4b0e-9c01-000000000001".to_owned(),
            PART1_GROUP.to_owned()
        )]
    );
    // Search finds the duet by its second singer.
    let hits = ostbot::catalog::search::search(
        &pool,
        "stay with me punch",
        ostbot::catalog::search::SearchFilter::default(),
        5,
    )
    .await
    .unwrap();
    let first = ostbot::catalog::get_track(
        &pool,
        ostbot::catalog::TrackId::try_from(hits[0].id).unwrap(),
        None,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(first.slug, "dokkaebi-stay-with-me");

    // Again: nothing changes, and it says so.
    let (ok, out, err) = cli(&base, &url, &["도깨비 OST", "--yes"]).await;
    assert!(ok, "{err}");
    assert_eq!(out.matches(" · unchanged · ").count(), 4, "{out}");
    assert!(
        out.contains("The catalog has all of it already: importing would change nothing."),
        "{out}"
    );
    assert!(!out.contains("Imported"), "{out}");
    assert_eq!(goblin_tracks(&pool, 0).await, after);
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM tracks").await,
        tracks_before + 1
    );

    // Every request named the bot and its contact; in each run, none came less than a second
    // after the one before.
    let requests = seen(&fake);
    assert_eq!(requests.len(), 12, "a search and three browses per run");
    for run in requests.chunks(4) {
        for gap in gaps(run) {
            assert!(gap >= Duration::from_secs(1), "{gap:?} between requests");
        }
    }
    assert!(requests
        .iter()
        .all(|r| r.user_agent.starts_with("ostbot/")
            && r.user_agent.ends_with("( ops@example.org )")));
    assert!(
        requests[1].uri.contains("inc=recordings+artist-credits"),
        "{}",
        requests[1].uri
    );
}

#[tokio::test]
async fn one_limiter_spaces_concurrent_requests_a_second_apart() {
    let (base, fake) = fake_musicbrainz().await;
    let client = MusicBrainz::new(&base, "tests@example.org").unwrap();
    let other = client.clone();
    let part1 = Mbid::parse(PART1_GROUP).unwrap();
    let started = Instant::now();
    let (a, b, c) = tokio::join!(
        client.release_group(&part1),
        other.search_release_groups("도깨비 OST", 5),
        other.releases_of(&part1, 10),
    );
    assert_eq!(a.unwrap().title, "도깨비 OST Part 1");
    assert_eq!(b.unwrap().len(), 4);
    assert_eq!(c.unwrap().1, 1);
    let requests = seen(&fake);
    assert_eq!(requests.len(), 3);
    for gap in gaps(&requests) {
        assert!(gap >= Duration::from_secs(1), "{gap:?} between requests");
    }
    assert!(started.elapsed() >= Duration::from_secs(2));
    // Asked again: the cache answers, MusicBrainz is not asked.
    client.release_group(&part1).await.unwrap();
    assert_eq!(seen(&fake).len(), 3);
}

#[tokio::test]
async fn a_503_is_retried_after_its_retry_after() {
    let (base, fake) = fake_musicbrainz().await;
    fake.busy.store(1, Ordering::SeqCst);
    let client = MusicBrainz::new(&base, "tests@example.org").unwrap();
    let group = client
        .release_group(&Mbid::parse(PART1_GROUP).unwrap())
        .await
        .expect("the second attempt succeeds");
    assert_eq!(group.title, "도깨비 OST Part 1");
    let requests = seen(&fake);
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].uri, requests[1].uri);
    assert!(gaps(&requests)[0] >= Duration::from_secs(1));

    // Busy every time: a clear "busy", after the attempts.
    fake.busy.store(100, Ordering::SeqCst);
    let client = MusicBrainz::new(&base, "tests@example.org").unwrap();
    let error = musicbrainz::fetch(&client, "도깨비 OST").await.unwrap_err();
    assert_eq!(error, FetchError::Busy);
    assert_eq!(
        seen(&fake).len(),
        2 + musicbrainz::client::ATTEMPTS as usize
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_404_and_no_network_give_clear_messages_and_import_nothing() {
    let (base, _fake) = fake_musicbrainz().await;
    let (_dir, url, pool) = support::database().await;
    let tracks = support::count(&pool, "SELECT COUNT(*) FROM tracks").await;
    let en = ostbot::locale::Locale::En;

    let (ok, out, err) = cli(&base, &url, &["garbage", "--yes"]).await;
    assert!(!ok, "{out}");
    assert!(
        err.contains("MusicBrainz answered something the bot can't read. Nothing was imported."),
        "{err}"
    );
    let (ok, _, err) = cli(&base, &url, &[UNKNOWN_GROUP, "--yes"]).await;
    assert!(!ok);
    assert!(
        err.contains("MusicBrainz has no release group with this id"),
        "{err}"
    );
    let (ok, _, err) = cli(&base, &url, &["zzzz nothing", "--yes"]).await;
    assert!(!ok);
    assert!(
        err.contains("MusicBrainz has no OST matching zzzz nothing"),
        "{err}"
    );
    // Nothing listens on port 9: MusicBrainz cannot be reached.
    let (ok, _, err) = cli("http://127.0.0.1:9", &url, &["도깨비 OST", "--yes"]).await;
    assert!(!ok);
    assert!(
        err.contains("MusicBrainz can't be reached right now"),
        "{err}"
    );
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM tracks").await,
        tracks
    );
    assert_eq!(
        support::count(
            &pool,
            "SELECT COUNT(*) FROM tracks WHERE mb_recording IS NOT NULL"
        )
        .await,
        0
    );

    let offline = MusicBrainz::new("http://127.0.0.1:9", "tests@example.org").unwrap();
    let error = musicbrainz::fetch(&offline, "도깨비 OST")
        .await
        .unwrap_err();
    assert!(matches!(error, FetchError::Unreachable(_)), "{error:?}");
    let shown = ostbot::Error::from(error).user_message(en);
    assert!(!shown.contains("127.0.0.1"), "no internals: {shown}");
}

/// A MusicBrainz that accepts the connection and never answers (its 10 s timeout is
/// shortened here so the test stays short).
#[tokio::test]
async fn an_answer_that_never_comes_times_out_clearly() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let client = MusicBrainz::with_timeout(
        &format!("http://{address}"),
        "tests@example.org",
        Duration::from_millis(300),
    )
    .unwrap();
    let started = Instant::now();
    let error = musicbrainz::fetch(&client, "도깨비 OST").await.unwrap_err();
    assert_eq!(error, FetchError::Timeout);
    assert!(started.elapsed() < Duration::from_secs(3));
    let shown = ostbot::Error::from(error).user_message(ostbot::locale::Locale::En);
    assert_eq!(
        shown,
        "MusicBrainz didn't answer within 10 seconds. Nothing was imported; try again later."
    );
}

#[tokio::test]
async fn two_hundred_releases_are_paged_and_capped_and_the_cap_is_said() {
    let (base, fake) = fake_musicbrainz().await;
    let (_dir, _url, pool) = support::database().await;
    let client = MusicBrainz::new(&base, "tests@example.org").unwrap();
    let fetched = musicbrainz::fetch(&client, BIG_GROUP).await.unwrap();
    assert_eq!(fetched.releases.len(), musicbrainz::MAX_RELEASES);
    assert_eq!(
        fetched.capped,
        Some(musicbrainz::plan::Capped {
            read: 150,
            total: 200
        })
    );
    let pages: Vec<String> = seen(&fake)
        .into_iter()
        .map(|s| s.uri)
        .filter(|u| u.starts_with("/ws/2/release?"))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");
    assert!(
        pages[0].contains("limit=100") && pages[0].contains("offset=0"),
        "{pages:?}"
    );
    assert!(
        pages[1].contains("limit=50") && pages[1].contains("offset=100"),
        "{pages:?}"
    );
    let ost = musicbrainz::preview(&pool, Scope::Global, &fetched)
        .await
        .unwrap()
        .unwrap();
    let lines = ostbot::bot::commands::fetch::preview_lines(
        &ost,
        ostbot::locale::Locale::En,
        false,
        &|s: &str| s.to_owned(),
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "MusicBrainz lists 200 releases; a fetch reads the first 150 only."),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn catalog_fetch_then_import_adds_entries_only_that_server_sees() {
    let (base, fake) = fake_musicbrainz().await;
    let (mut bot, _recorder, _dir) = support::bot().await;
    let moderator = Actor::new("OST Lovers", "general", "hana", true);
    let member = Actor::new("OST Lovers", "general", "jisoo", false);
    let elsewhere = Actor::new("Elsewhere", "general", "mina", false);

    // Without MUSICBRAINZ_CONTACT, fetch says so; the rest of the bot works.
    let fetch = moderator.command(
        "catalog",
        sub("fetch", vec![s("query", "도깨비 OST")]),
        json!({}),
    );
    let body = send(&bot, fetch.clone()).await;
    assert!(body.to_string().contains("MUSICBRAINZ_CONTACT"), "{body}");

    bot.musicbrainz = Some(MusicBrainz::new(&base, "tests@example.org").unwrap());
    let preview = send(&bot, fetch).await;
    support::valid(support::schema::Method::Post, CALLBACK, &preview);
    assert!(is_ephemeral(&preview), "{preview}");
    let text = preview["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(text.contains("찬열 & 펀치"), "{text}");
    assert!(
        text.contains("in the shared catalog"),
        "shared tracks stay as they are: {text}"
    );
    assert!(
        text.contains("Importing: 1 new, 0 updated, 0 unchanged, 3 in the shared catalog."),
        "{text}"
    );
    assert!(text.chars().count() <= 2000);
    assert_eq!(
        buttons(&preview),
        ["catalog:fetch:1", "catalog:fetchcancel:1"]
    );
    let asked = seen(&fake).len();

    let message = simulated::message(1, moderator.channel_id, &text, json!([]), json!([]));
    // A member pressing Import is refused, and nothing is imported.
    let body = send(
        &bot,
        member.component("catalog:fetch:1", None, message.clone()),
    )
    .await;
    assert!(
        is_ephemeral(&body) && body.to_string().contains("Manage Server"),
        "{body}"
    );
    let local = "SELECT COUNT(*) FROM tracks WHERE scope != 0";
    assert_eq!(support::count(&bot.pool, local).await, 0);

    let body = send(
        &bot,
        moderator.component("catalog:fetch:1", None, message.clone()),
    )
    .await;
    support::valid(support::schema::Method::Post, CALLBACK, &body);
    assert_eq!(body["type"], 7, "the preview is replaced: {body}");
    assert!(body.to_string().contains("1 new, 0 updated"), "{body}");
    assert_eq!(
        seen(&fake).len(),
        asked,
        "Import reads the preview's answers from the cache"
    );
    assert_eq!(support::count(&bot.pool, local).await, 1);
    assert_eq!(
        support::count(
            &bot.pool,
            "SELECT COUNT(*) FROM tracks WHERE scope = 0 AND mb_recording IS NOT NULL"
        )
        .await,
        0,
        "a server's fetch never changes the shared catalog"
    );

    let find = |actor: &Actor| {
        actor.command(
            "track",
            json!([s("query", "내 눈에만 보여 inst")]),
            json!({}),
        )
    };
    let here = send(&bot, find(&member)).await.to_string();
    assert!(here.contains("내 눈에만 보여 (Inst.)"), "{here}");
    let there = send(&bot, find(&elsewhere)).await.to_string();
    assert!(!there.contains("(Inst.)"), "another server: {there}");

    // The preview is used up; a fresh fetch finds nothing left to import and offers no button.
    let again = send(&bot, moderator.component("catalog:fetch:1", None, message)).await;
    assert!(is_ephemeral(&again), "{again}");
    let fetch = moderator.command(
        "catalog",
        sub("fetch", vec![s("query", "도깨비 OST")]),
        json!({}),
    );
    let body = send(&bot, fetch).await;
    assert!(
        body.to_string().contains("importing would change nothing"),
        "{body}"
    );
    assert!(buttons(&body).is_empty());
}
