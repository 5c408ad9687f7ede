//! Catalog search on both backends: the shipped catalog loaded into SQLite and copied to
//! PostgreSQL (`db::copy`), the project's query set (`tests/data/search_queries.tsv`, the
//! root's `tests/search_quality.rs` cases) run on each, and PostgreSQL's top-1 accuracy held
//! to SQLite's; named cases of each kind of lookup (exact, Hangul, misspelled, artist, a
//! drama's tracks, OST part, year) come out the same on both.
//!
//! `-- --nocapture` prints both figures, the queries whose results differ, and the latency
//! of the query set on each (p50/p99; not asserted: the bench measures latency).

extern crate ostbot_core as ostbot;
mod support;

use ostbot::catalog::search::{self, Hit, SearchFilter};
use ostbot::catalog::Kind;
use ostbot::db::copy::{copy, CopyOptions};
use ostbot::db::Database;
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::time::{Duration, Instant};

const QUERIES: &str = include_str!("data/search_queries.tsv");

struct Case {
    category: String,
    kind: Option<Kind>,
    query: String,
    expected: Vec<String>,
    must: bool,
}

fn cases() -> Vec<Case> {
    QUERIES
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 5, "{line:?}");
            Case {
                category: fields[0].to_string(),
                kind: match fields[1] {
                    "drama" => Some(Kind::Drama),
                    "track" => Some(Kind::Track),
                    "any" => None,
                    other => panic!("kind {other:?}"),
                },
                query: fields[2].to_string(),
                expected: fields[3].split_whitespace().map(String::from).collect(),
                must: fields[4] == "yes",
            }
        })
        .collect()
}

/// Labels of the catalog's entries: "d:slug", "t:slug", and each artist's tracks.
struct Labels {
    dramas: HashMap<i64, String>,
    tracks: HashMap<i64, String>,
    artist_tracks: HashMap<String, Vec<String>>,
}

impl Labels {
    async fn read(pool: &SqlitePool) -> Labels {
        let rows = |sql: &'static str| sqlx::query_as::<_, (i64, String)>(sql).fetch_all(pool);
        let dramas: HashMap<i64, String> = rows("SELECT id, 'd:' || slug FROM dramas")
            .await
            .expect("dramas")
            .into_iter()
            .collect();
        let tracks = rows("SELECT id, 't:' || slug FROM tracks")
            .await
            .expect("tracks")
            .into_iter()
            .collect();
        assert!(dramas.len() > 1_700, "the shipped catalog did not load");
        let mut artist_tracks: HashMap<String, Vec<String>> = HashMap::new();
        let credited: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT 't:' || t.slug, a.name_ko, a.name FROM track_credits c
             JOIN tracks t ON t.id = c.track_id JOIN artists a ON a.id = c.artist_id",
        )
        .fetch_all(pool)
        .await
        .expect("credits");
        for (track, ko, latin) in credited {
            for name in [ko, latin].into_iter().flatten() {
                artist_tracks.entry(name).or_default().push(track.clone());
            }
        }
        Labels {
            dramas,
            tracks,
            artist_tracks,
        }
    }

    fn of(&self, hit: &Hit) -> String {
        let map = match hit.kind {
            Kind::Drama => &self.dramas,
            Kind::Track => &self.tracks,
        };
        map.get(&hit.id)
            .cloned()
            .unwrap_or_else(|| format!("#{}", hit.id))
    }

    fn accepts(&self, expected: &[String], label: &str) -> bool {
        expected.iter().any(|e| match e.strip_prefix("a:") {
            Some(artist) => self
                .artist_tracks
                .get(artist)
                .is_some_and(|tracks| tracks.iter().any(|t| t == label)),
            None => e == label,
        })
    }
}

fn filter(kind: Option<Kind>) -> SearchFilter {
    SearchFilter {
        kind,
        scope: None,
        drama: None,
    }
}

/// What one backend made of the query set.
struct Run {
    passed: usize,
    must_failures: Vec<String>,
    results: Vec<Vec<(String, String)>>,
    latencies: Vec<Duration>,
}

async fn run(db: &Database, labels: &Labels, cases: &[Case]) -> Run {
    let mut run = Run {
        passed: 0,
        must_failures: Vec::new(),
        results: Vec::new(),
        latencies: Vec::new(),
    };
    for case in cases {
        let started = Instant::now();
        let hits = search::search(db, &case.query, filter(case.kind), 10)
            .await
            .expect("search");
        run.latencies.push(started.elapsed());
        let shown: Vec<(String, String)> = hits
            .iter()
            .map(|h| (labels.of(h), format!("{:.4}", h.score)))
            .collect();
        let ok = shown
            .first()
            .is_some_and(|(label, _)| labels.accepts(&case.expected, label));
        if ok {
            run.passed += 1;
        } else if case.must {
            run.must_failures.push(case.query.clone());
        }
        run.results.push(shown);
    }
    run
}

fn percentile(latencies: &[Duration], q: f64) -> Duration {
    let mut sorted = latencies.to_vec();
    sorted.sort();
    sorted[((sorted.len() as f64 - 1.0) * q) as usize]
}

/// The shipped catalog in SQLite and, copied, in PostgreSQL; `None` without PostgreSQL.
struct Both {
    _dir: tempfile::TempDir,
    sqlite: Database,
    postgres: Database,
    target: support::postgres::TestDatabase,
    labels: Labels,
}

async fn both(test: &str) -> Option<Both> {
    let target = support::postgres::database(test).await?;
    let (dir, sqlite) = support::sqlite().await;
    support::with_catalog(&sqlite).await;
    let Database::Sqlite(source) = &sqlite else {
        unreachable!("support::sqlite is SQLite")
    };
    let copied = copy(source, &target.pool, &CopyOptions::default())
        .await
        .expect("the catalog copies");
    assert!(copied.finished);
    let labels = Labels::read(source).await;
    Some(Both {
        _dir: dir,
        postgres: Database::Postgres(target.pool.clone()),
        sqlite,
        target,
        labels,
    })
}

#[tokio::test]
async fn postgres_search_is_as_accurate_as_sqlite_on_the_query_set() {
    let Some(Both {
        _dir,
        sqlite,
        postgres,
        target,
        labels,
    }) = both("search").await
    else {
        return;
    };
    let cases = cases();
    assert_eq!(cases.len(), 230, "the whole query set");

    // Latencies of a second pass, as a running bot has them: connections open, statements
    // prepared.
    let on_sqlite = run(&sqlite, &labels, &cases).await;
    let on_postgres = run(&postgres, &labels, &cases).await;
    let warm_sqlite = run(&sqlite, &labels, &cases).await.latencies;
    let warm_postgres = run(&postgres, &labels, &cases).await.latencies;
    let mut differing = 0;
    for (i, case) in cases.iter().enumerate() {
        let (a, b) = (&on_sqlite.results[i], &on_postgres.results[i]);
        if a != b {
            differing += 1;
            println!(
                "differs {} {:?}:\n  SQLite     {:?}\n  PostgreSQL {:?}",
                case.category,
                case.query,
                &a[..a.len().min(3)],
                &b[..b.len().min(3)]
            );
        }
    }
    let n = cases.len();
    for (name, run, warm) in [
        ("SQLite", &on_sqlite, &warm_sqlite),
        ("PostgreSQL", &on_postgres, &warm_postgres),
    ] {
        println!(
            "{name:>10}: top-1 {}/{n} = {:.1}%, latency p50 {:?} p99 {:?} (first pass p99 {:?})",
            run.passed,
            100.0 * run.passed as f64 / n as f64,
            percentile(warm, 0.5),
            percentile(warm, 0.99),
            percentile(&run.latencies, 0.99)
        );
    }
    println!("queries whose ten results differ: {differing}/{n}");
    let mut slowest: Vec<(Duration, &str)> = warm_postgres
        .iter()
        .zip(&cases)
        .map(|(t, c)| (*t, c.query.as_str()))
        .collect();
    slowest.sort_by_key(|s| std::cmp::Reverse(s.0));
    println!("slowest on PostgreSQL: {:?}", &slowest[..5]);
    assert!(
        on_postgres.passed >= on_sqlite.passed,
        "PostgreSQL {} < SQLite {}",
        on_postgres.passed,
        on_sqlite.passed
    );
    assert!(
        on_sqlite.must_failures.is_empty(),
        "{:?}",
        on_sqlite.must_failures
    );
    assert!(
        on_postgres.must_failures.is_empty(),
        "{:?}",
        on_postgres.must_failures
    );
    target.drop().await;
}

/// The first hit's label of `query` on `db`.
async fn first(db: &Database, labels: &Labels, query: &str, filter: SearchFilter) -> String {
    let hits = search::search(db, query, filter, 10).await.expect("search");
    hits.first().map(|h| labels.of(h)).unwrap_or_default()
}

#[tokio::test]
async fn each_kind_of_lookup_finds_the_same_entry_on_both() {
    let Some(Both {
        _dir,
        sqlite,
        postgres,
        target,
        labels,
    }) = both("search_named").await
    else {
        return;
    };
    let goblin = *labels
        .dramas
        .iter()
        .find(|(_, l)| *l == "d:guardian-the-lonely-and-great-god")
        .expect("Goblin")
        .0;
    let goblin_tracks = SearchFilter {
        kind: Some(Kind::Track),
        scope: None,
        drama: Some(ostbot::ids::DramaId::new(goblin as u64)),
    };
    let iu_tracks = &labels.artist_tracks["아이유"];
    for db in [&sqlite, &postgres] {
        let any = filter(None);
        let tracks = filter(Some(Kind::Track));
        let dramas = filter(Some(Kind::Drama));
        // Exact English, with the track's own title.
        assert_eq!(
            first(db, &labels, "stay with me", tracks).await,
            "t:dokkaebi-stay-with-me"
        );
        // Hangul, and its romanization.
        assert_eq!(
            first(db, &labels, "사랑의 불시착", dramas).await,
            "d:crash-landing-on-you"
        );
        assert_eq!(
            first(db, &labels, "sarangui bulsichak", dramas).await,
            "d:crash-landing-on-you"
        );
        // Misspellings: the trigram step (pg_trgm on PostgreSQL, FTS5 on SQLite).
        assert_eq!(
            first(db, &labels, "crash landng on you", dramas).await,
            "d:crash-landing-on-you"
        );
        assert_eq!(
            first(db, &labels, "hotle del luna", dramas).await,
            "d:hotel-del-luna"
        );
        assert_eq!(
            first(db, &labels, "눈물의 여황", dramas).await,
            "d:queen-of-tears"
        );
        // An artist: one of their tracks; in a drama search, one of their dramas.
        let iu = first(db, &labels, "아이유", tracks).await;
        assert!(iu_tracks.contains(&iu), "{iu}");
        assert!(first(db, &labels, "IU", dramas).await.starts_with("d:"));
        // Within one drama, an OST part, a year.
        assert_eq!(
            first(db, &labels, "stay", goblin_tracks).await,
            "t:dokkaebi-stay-with-me"
        );
        assert_eq!(
            first(db, &labels, "goblin ost part 1", any).await,
            "t:dokkaebi-stay-with-me"
        );
        assert_eq!(
            first(db, &labels, "goblin 2016", dramas).await,
            "d:guardian-the-lonely-and-great-god"
        );
        // Short prefixes (Hangul), and nothing for nonsense.
        assert!(!first(db, &labels, "도", any).await.is_empty());
        let nonsense = search::search(db, "zzzzqqq", any, 10)
            .await
            .expect("search");
        assert!(search::plausible(nonsense).is_empty());
    }
    target.drop().await;
}

/// Every query of the set in every kind of search (any, dramas, tracks; across the catalog
/// and within one drama, for a server): the same hits, scores and matched keys on both.
#[tokio::test]
async fn every_search_gives_the_same_hits_on_both() {
    let Some(Both {
        _dir,
        sqlite,
        postgres,
        target,
        labels,
    }) = both("search_filters").await
    else {
        return;
    };
    let goblin = labels
        .dramas
        .iter()
        .find(|(_, l)| *l == "d:guardian-the-lonely-and-great-god")
        .map(|(id, _)| ostbot::ids::DramaId::new(*id as u64))
        .expect("Goblin");
    let mut searches = 0;
    let mut differing = Vec::new();
    for case in cases() {
        for kind in [None, Some(Kind::Drama), Some(Kind::Track)] {
            for drama in [None, Some(goblin)] {
                let filter = SearchFilter {
                    kind,
                    scope: Some(7),
                    drama,
                };
                let a = search::search(&sqlite, &case.query, filter, 10).await;
                let b = search::search(&postgres, &case.query, filter, 10).await;
                let (a, b) = (a.expect("SQLite"), b.expect("PostgreSQL"));
                searches += 1;
                if a != b {
                    differing.push(format!("{:?} {filter:?}:\n  {a:?}\n  {b:?}", case.query));
                }
            }
        }
    }
    println!(
        "searches with other hits on PostgreSQL: {}/{searches}",
        differing.len()
    );
    assert!(differing.is_empty(), "{}", differing.join("\n"));
    target.drop().await;
}

/// On a pool, the two lookups of a misspelled or combined query run side by side when a
/// second connection is idle; on one connection, one after the other: every query of the set
/// gives the same hits either way. SQLite only (PostgreSQL's pool is compared to SQLite's
/// connection above).
#[tokio::test]
async fn a_search_on_the_pool_gives_the_hits_of_one_connection() {
    let (_dir, db) = support::sqlite().await;
    support::with_catalog(&db).await;
    let Database::Sqlite(pool) = &db else {
        unreachable!("support::sqlite is SQLite")
    };
    let mut differing = Vec::new();
    for case in cases() {
        for kind in [None, Some(Kind::Drama), Some(Kind::Track)] {
            let on_pool = search::search(pool, &case.query, filter(kind), 10).await;
            let mut conn = pool.acquire().await.expect("a connection");
            let on_conn = search::search(&mut *conn, &case.query, filter(kind), 10).await;
            let (a, b) = (on_pool.expect("pool"), on_conn.expect("connection"));
            if a != b {
                differing.push(format!("{:?} {kind:?}:\n  {a:?}\n  {b:?}", case.query));
            }
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}
