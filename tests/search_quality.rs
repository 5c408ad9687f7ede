//! Search quality over the real catalog: fan-style queries of every kind the issue lists, top-1
//! accuracy printed and held above a floor, plus named cases that must come out first.
//!
//! `cargo test --test search_quality -- --nocapture` prints the figure (149/151 = 98.7% when
//! written), the misses and the latency of the query set; `SEARCH_VERBOSE=1` shows every query's
//! top three. The ignored `latency_at_scale` adds 120 000 synthetic entries and measures every
//! keystroke of a few titles (`SEARCH_SCALE_DB=path` keeps that index between runs):
//! `cargo test --test search_quality -- --ignored --nocapture latency_at_scale`.

mod support;

use ostbot::catalog::search::{self, is_clear_winner, SearchFilter};
use ostbot::catalog::{import, Kind};
use sqlx::SqlitePool;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The accuracy this engine reaches on the query set below, rounded down; a drop fails the test.
const TOP1_FLOOR: f64 = 0.95;

struct Catalog {
    pool: SqlitePool,
    _dir: tempfile::TempDir,
    drama_ids: HashMap<String, i64>,
    track_ids: HashMap<String, i64>,
}

async fn catalog() -> Catalog {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("ostbot.db");
    // A copy of the test run's template: the catalog is imported once.
    support::seed(dir.path(), "ostbot.db");
    catalog_at(dir, path).await
}

async fn catalog_at(dir: tempfile::TempDir, path: std::path::PathBuf) -> Catalog {
    let url = format!("sqlite://{}", path.display());
    let pool = ostbot::db::connect(&url).await.expect("open db");
    import::load_shipped(&pool).await.expect("import");
    let drama_ids = sqlx::query_as::<_, (String, i64)>("SELECT slug, id FROM dramas")
        .fetch_all(&pool)
        .await
        .expect("dramas")
        .into_iter()
        .collect::<HashMap<String, i64>>();
    assert!(drama_ids.len() > 1_700, "the shipped catalog did not load");
    let track_ids = sqlx::query_as::<_, (String, i64)>("SELECT slug, id FROM tracks")
        .fetch_all(&pool)
        .await
        .expect("tracks")
        .into_iter()
        .collect();
    Catalog {
        pool,
        _dir: dir,
        drama_ids,
        track_ids,
    }
}

impl Catalog {
    /// "d:slug" or "t:slug" of a hit.
    fn label(&self, kind: Kind, id: i64) -> String {
        let (prefix, map) = match kind {
            Kind::Drama => ("d", &self.drama_ids),
            Kind::Track => ("t", &self.track_ids),
        };
        let slug = map
            .iter()
            .find(|(_, v)| **v == id)
            .map(|(k, _)| k.clone())
            .unwrap_or_else(|| format!("#{id}"));
        format!("{prefix}:{slug}")
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Category {
    ExactEnglish,
    ExactHangul,
    Romanized,
    CasualRomanized,
    Typo,
    Partial,
    HangulNoSpaces,
    Noise,
    Abbreviation,
    Short,
    Artist,
    TrackTitle,
    TrackByDrama,
}

use Category::*;

/// (category, kind filter, query, acceptable top hits "d:slug" / "t:slug", must pass)
type Case = (
    Category,
    Option<Kind>,
    &'static str,
    &'static [&'static str],
    bool,
);

const D: Option<Kind> = Some(Kind::Drama);
const T: Option<Kind> = Some(Kind::Track);
const ANY: Option<Kind> = None;

const CLOY: &[&str] = &["d:crash-landing-on-you"];
const QOT: &[&str] = &["d:queen-of-tears"];
const DOTS: &[&str] = &["d:descendants-of-the-sun"];
const GOBLIN: &[&str] = &["d:guardian-the-lonely-and-great-god"];
const WOO: &[&str] = &["d:extraordinary-attorney-woo"];
const HP: &[&str] = &["d:hospital-playlist"];
const DEL_LUNA: &[&str] = &["d:hotel-del-luna"];
const CLOY_OST: &[&str] = &["t:sarangui-bulsichak-dasi-nan-yeogi"];
const QOT_OST: &[&str] = &["t:nunmurui-yeowang-mianhae-miwohae-saranghae"];
const GOBLIN_OST: &[&str] = &["t:dokkaebi-cheonnuncheoreom-neoege-gagetda"];
const IU: &[&str] = &[
    "t:seondeogyeowang-baramkkot",
    "t:pokssak-sogatsuda-bam-sanchaek",
];
const TAEYEON: &[&str] = &[
    "t:betoben-baireoseu-deullinayo",
    "t:kwaedo-honggildong-manyage",
    "t:hotel-delluna-geudaeraneun-si",
    "t:dangsini-sowoneul-malhamyeon-neowa-na-sai",
    "t:welkeomtu-samdalli-kkum",
];
const BAEKHYUN: &[&str] = &[
    "t:nangmandakteo-gimsabu-2-neoreul-saranghago-isseo",
    "t:hongcheongi-naingayo",
    "t:nangmandakteo-gimsabu-3-hello",
];
const SHINEE: &[&str] = &[
    "t:kkotboda-namja-stand-by-me",
    "t:geomsa-peurinseseu-fly-high",
];

const CASES: &[Case] = &[
    // Exact English titles.
    (ExactEnglish, D, "Crash Landing on You", CLOY, true),
    (ExactEnglish, D, "Queen of Tears", QOT, true),
    (ExactEnglish, D, "Descendants of the Sun", DOTS, true),
    (ExactEnglish, D, "Vincenzo", &["d:vincenzo"], true),
    (ExactEnglish, D, "Hotel Del Luna", DEL_LUNA, true),
    (
        ExactEnglish,
        D,
        "Itaewon Class",
        &["d:itaewon-class"],
        false,
    ),
    (
        ExactEnglish,
        D,
        "Business Proposal",
        &["d:business-proposal"],
        false,
    ),
    (ExactEnglish, D, "Squid Game", &["d:squid-game"], false),
    (ExactEnglish, D, "goblin", GOBLIN, true),
    (ExactEnglish, ANY, "crash landing on you", CLOY, true),
    // Exact Hangul titles.
    (ExactHangul, D, "사랑의 불시착", CLOY, true),
    (ExactHangul, D, "눈물의 여왕", QOT, true),
    (ExactHangul, D, "도깨비", GOBLIN, true),
    (ExactHangul, D, "태양의 후예", DOTS, true),
    (ExactHangul, D, "이상한 변호사 우영우", WOO, false),
    (ExactHangul, D, "오징어 게임", &["d:squid-game"], false),
    (
        ExactHangul,
        D,
        "선재 업고 튀어",
        &["d:lovely-runner"],
        false,
    ),
    (ExactHangul, D, "슬기로운 의사생활", HP, false),
    // Revised Romanization of the Hangul title (not necessarily in the data's alternatives).
    (Romanized, D, "sarangui bulsichak", CLOY, true),
    (Romanized, D, "nunmurui yeowang", QOT, true),
    (Romanized, D, "dokkaebi", GOBLIN, false),
    (Romanized, D, "ojingeo geim", &["d:squid-game"], false),
    (Romanized, D, "seulgiroun uisasaenghwal", HP, false),
    (
        Romanized,
        D,
        "seonjae eopgo twieo",
        &["d:lovely-runner"],
        false,
    ),
    (Romanized, D, "isanghan byeonhosa uyeongu", WOO, false),
    (
        Romanized,
        D,
        "sanaematseon",
        &["d:business-proposal"],
        false,
    ),
    (
        Romanized,
        D,
        "gaenmaeul chachacha",
        &["d:hometown-cha-cha-cha"],
        false,
    ),
    (
        Romanized,
        D,
        "byeoreseo on geudae",
        &["d:my-love-from-the-star"],
        false,
    ),
    (
        Romanized,
        D,
        "gimbiseoga wae geureolkka",
        &["d:whats-wrong-with-secretary-kim"],
        false,
    ),
    // Casual romanizations.
    (CasualRomanized, D, "sarangeui boolsichak", CLOY, false),
    (CasualRomanized, D, "nunmului yowang", QOT, false),
    (CasualRomanized, D, "dokebi", GOBLIN, false),
    (CasualRomanized, D, "taeyangeui hooye", DOTS, false),
    (CasualRomanized, D, "sulgiroun uisasengwal", HP, false),
    (CasualRomanized, D, "sarang-ui bul-si-jak", CLOY, false),
    (
        CasualRomanized,
        D,
        "kimbisuga wae kurolkka",
        &["d:whats-wrong-with-secretary-kim"],
        false,
    ),
    // Misspellings.
    (Typo, D, "crash landng on you", CLOY, true),
    (Typo, D, "descendents of the sun", DOTS, false),
    (Typo, D, "queen of teers", QOT, false),
    (Typo, D, "vincenso", &["d:vincenzo"], false),
    (Typo, D, "itaewon clas", &["d:itaewon-class"], false),
    (
        Typo,
        D,
        "buisness proposal",
        &["d:business-proposal"],
        false,
    ),
    (Typo, D, "hotle del luna", DEL_LUNA, false),
    (Typo, D, "extrordinary attorney woo", WOO, false),
    (Typo, D, "squidgame", &["d:squid-game"], false),
    // Partial input.
    (Partial, D, "landing on", CLOY, true),
    (Partial, D, "눈물의", QOT, true),
    (Partial, D, "queen of t", QOT, false),
    (Partial, D, "descendants of", DOTS, false),
    (Partial, D, "hospital play", HP, false),
    (Partial, D, "사랑의 불", CLOY, false),
    (Partial, D, "itaewon", &["d:itaewon-class"], false),
    (Partial, D, "extraordinary att", WOO, false),
    (Partial, D, "스물다섯", &["d:twenty-five-twenty-one"], false),
    // Korean without spaces.
    (HangulNoSpaces, D, "사랑의불시착", CLOY, true),
    (HangulNoSpaces, D, "눈물의여왕", QOT, false),
    (HangulNoSpaces, D, "태양의후예", DOTS, false),
    (HangulNoSpaces, D, "슬기로운의사생활", HP, false),
    (HangulNoSpaces, D, "호텔델루나", DEL_LUNA, false),
    (HangulNoSpaces, D, "이상한변호사우영우", WOO, false),
    // Casing and punctuation noise.
    (Noise, D, "CRASH-LANDING ON YOU!!", CLOY, true),
    (Noise, D, "queen of tears???", QOT, false),
    (
        Noise,
        D,
        "its okay to not be okay",
        &["d:its-okay-to-not-be-okay"],
        false,
    ),
    (Noise, D, "   Vincenzo   ", &["d:vincenzo"], false),
    (
        Noise,
        D,
        "whats wrong with secretary kim",
        &["d:whats-wrong-with-secretary-kim"],
        false,
    ),
    (Noise, D, "start up", &["d:start-up"], false),
    // Fan abbreviations: initials of the title, and those the data lists.
    (Abbreviation, D, "CLOY", CLOY, true),
    (Abbreviation, D, "DOTS", DOTS, true),
    (Abbreviation, D, "BBF", &["d:boys-over-flowers"], false),
    (
        Abbreviation,
        D,
        "WYWS",
        &["d:while-you-were-sleeping-2017"],
        false,
    ),
    (
        Abbreviation,
        D,
        "IOTNBO",
        &["d:its-okay-to-not-be-okay"],
        false,
    ),
    (Abbreviation, D, "cloy", CLOY, false),
    // One or two characters.
    (Short, D, "도깨", GOBLIN, false),
    (Short, D, "W", &["d:w"], false),
    (Short, D, "빈센", &["d:vincenzo"], false),
    // Artists alone (their tracks).
    (Artist, T, "아이유", IU, true),
    (Artist, T, "IU", IU, true),
    (Artist, T, "태연", TAEYEON, false),
    (Artist, T, "taeyeon", TAEYEON, false),
    (Artist, T, "백현", BAEKHYUN, false),
    (Artist, T, "baekhyun", BAEKHYUN, false),
    (Artist, T, "Crush", QOT_OST, false),
    (Artist, T, "10cm", &["t:geu-hae-urineun-seorap"], false),
    (Artist, T, "shinee", SHINEE, false),
    (
        Artist,
        T,
        "헤이즈",
        &["t:saikojiman-gwaenchana-deo-mani-saranghan-jjogi-apeudae"],
        false,
    ),
    (Artist, T, "red velvet", &["t:seutateueop-mirae"], false),
    (Artist, T, "baek yerin", CLOY_OST, false),
    // More of the same, on less obvious titles.
    (ExactEnglish, D, "Reply 1988", &["d:reply-1988"], false),
    (ExactHangul, D, "응답하라 1988", &["d:reply-1988"], false),
    (Romanized, D, "eungdapara 1988", &["d:reply-1988"], false),
    (ExactHangul, D, "나의 아저씨", &["d:my-mister"], false),
    (Romanized, D, "naui ajeossi", &["d:my-mister"], false),
    (CasualRomanized, D, "my ajeossi", &["d:my-mister"], false),
    (Romanized, D, "sarangŭi pulsich'ak", CLOY, false), // McCune-Reischauer
    (ExactHangul, D, "SKY 캐슬", &["d:sky-castle"], false),
    (Romanized, D, "sky kaeseul", &["d:sky-castle"], false),
    (ExactHangul, D, "더 글로리", &["d:the-glory"], false),
    (Noise, D, "mr queen", &["d:mr-queen"], false),
    (Romanized, D, "cheorinwanghu", &["d:mr-queen"], false),
    (
        Romanized,
        D,
        "joahamyeon ullineun",
        &["d:love-alarm"],
        false,
    ),
    (ExactHangul, D, "환혼", &["d:alchemy-of-souls"], false),
    (Romanized, D, "hwanhon", &["d:alchemy-of-souls"], false),
    (
        Romanized,
        D,
        "pokssak sogatsuda",
        &["d:when-life-gives-you-tangerines"],
        false,
    ),
    (
        ExactHangul,
        D,
        "폭싹 속았수다",
        &["d:when-life-gives-you-tangerines"],
        false,
    ),
    (
        Romanized,
        D,
        "deo king yeongwonui gunju",
        &["d:the-king-eternal-monarch"],
        false,
    ),
    (
        ExactEnglish,
        D,
        "hospital playlist 2",
        &["d:hospital-playlist-season-2"],
        false,
    ),
    (
        Partial,
        D,
        "hospital playlist season",
        &["d:hospital-playlist-season-2"],
        false,
    ),
    (Partial, D, "playlist", &["d:hospital-playlist"], false),
    (Partial, D, "sarangui bul", CLOY, false),
    (Partial, D, "nunmurui", QOT, false),
    (Partial, D, "crash landin", CLOY, false),
    (
        Partial,
        D,
        "twenty five",
        &["d:twenty-five-twenty-one"],
        false,
    ),
    (Typo, D, "눈물의 여황", QOT, false),
    (Typo, D, "사랑의 불시칙", CLOY, false),
    (Typo, D, "hospitl playlist", HP, false),
    (Typo, D, "alchemy of soul", &["d:alchemy-of-souls"], false),
    (
        Typo,
        D,
        "my love from the stars",
        &["d:my-love-from-the-star"],
        false,
    ),
    (Typo, D, "extraordinary atorney", WOO, false),
    (HangulNoSpaces, D, "응답하라1988", &["d:reply-1988"], false),
    (
        HangulNoSpaces,
        D,
        "폭싹속았수다",
        &["d:when-life-gives-you-tangerines"],
        false,
    ),
    (Short, D, "환", &["d:alchemy-of-souls"], false),
    (Short, D, "눈물", QOT, false),
    (Abbreviation, D, "HP", HP, false),
    (
        Abbreviation,
        D,
        "2521",
        &["d:twenty-five-twenty-one"],
        false,
    ),
    (
        Artist,
        T,
        "ailee",
        &[
            "t:unmyeongcheoreom-neol-saranghae-jamsi-annyeongcheoreom",
            "t:dokkaebi-cheonnuncheoreom-neoege-gagetda",
            "t:chokollit-geujeo-barabonda",
        ],
        false,
    ),
    (
        Artist,
        T,
        "aileee",
        &[
            "t:unmyeongcheoreom-neol-saranghae-jamsi-annyeongcheoreom",
            "t:dokkaebi-cheonnuncheoreom-neoege-gagetda",
            "t:chokollit-geujeo-barabonda",
        ],
        false,
    ),
    (
        Artist,
        T,
        "zion t",
        &["t:deo-king-yeongwonui-gunju-i-just-want-to-stay-with-you"],
        false,
    ),
    (Artist, T, "baek ye rin", CLOY_OST, false),
    (TrackTitle, T, "첫눈처럼", GOBLIN_OST, false),
    (
        TrackTitle,
        T,
        "stay with you",
        &["t:deo-king-yeongwonui-gunju-i-just-want-to-stay-with-you"],
        false,
    ),
    (TrackTitle, T, "미안해 미워해 사랑헤", QOT_OST, false),
    (TrackTitle, T, "mianhae miwohae saranghae", QOT_OST, false),
    (TrackTitle, T, "다시 난 여기 백예린", CLOY_OST, false),
    (
        TrackTitle,
        T,
        "IU 밤 산책",
        &["t:pokssak-sogatsuda-bam-sanchaek"],
        false,
    ),
    (TrackByDrama, T, "사랑의 불시착", CLOY_OST, false),
    (TrackByDrama, T, "sarangui bulsichak", CLOY_OST, false),
    (TrackByDrama, T, "DOTS", &["t:taeyangui-huye-always"], false),
    // Track titles.
    (TrackTitle, T, "다시 난 여기", CLOY_OST, true),
    (TrackTitle, T, "dasi nan yeogi", CLOY_OST, false),
    (
        TrackTitle,
        T,
        "I just want to stay with you",
        &["t:deo-king-yeongwonui-gunju-i-just-want-to-stay-with-you"],
        false,
    ),
    (TrackTitle, T, "미안해 미워해 사랑해", QOT_OST, false),
    (TrackTitle, T, "첫눈처럼 너에게 가겠다", GOBLIN_OST, false),
    (
        TrackTitle,
        T,
        "cheonnuncheoreom neoege gagetda",
        GOBLIN_OST,
        false,
    ),
    (
        TrackTitle,
        T,
        "그대라는 시",
        &["t:hotel-delluna-geudaeraneun-si"],
        false,
    ),
    (
        TrackTitle,
        T,
        "we all lie",
        &["t:sky-kaeseul-we-all-lie"],
        false,
    ),
    (
        TrackTitle,
        T,
        "사랑인가 봐",
        &["t:sanaematseon-saranginga-bwa"],
        false,
    ),
    // Tracks found through their drama.
    (TrackByDrama, T, "crash landing on you", CLOY_OST, true),
    (TrackByDrama, T, "queen of tears", QOT_OST, false),
    (TrackByDrama, T, "도깨비", GOBLIN_OST, false),
    (TrackByDrama, T, "CLOY", CLOY_OST, false),
    (
        TrackByDrama,
        T,
        "hotel del luna",
        &["t:hotel-delluna-geudaeraneun-si"],
        false,
    ),
];

#[tokio::test]
async fn top1_accuracy_over_fan_queries() {
    let cat = catalog().await;
    let mut passed = 0usize;
    let mut must_failures = Vec::new();
    let mut per_category: HashMap<String, (usize, usize)> = HashMap::new();
    let mut latencies: Vec<Duration> = Vec::new();
    for (category, kind, query, expected, must) in CASES {
        let filter = SearchFilter {
            kind: *kind,
            scope: None,
            drama: None,
        };
        let started = Instant::now();
        let hits = search::search(&cat.pool, query, filter, 10)
            .await
            .expect("search");
        latencies.push(started.elapsed());
        let labels: Vec<String> = hits.iter().map(|h| cat.label(h.kind, h.id)).collect();
        let ok = labels
            .first()
            .is_some_and(|l| expected.contains(&l.as_str()));
        let entry = per_category.entry(format!("{category:?}")).or_default();
        entry.1 += 1;
        if std::env::var_os("SEARCH_VERBOSE").is_some() {
            let shown: Vec<String> = hits
                .iter()
                .zip(&labels)
                .take(3)
                .map(|(h, l)| format!("{l} {:.3} [{}]", h.score, h.matched))
                .collect();
            println!(
                "{} {query:?} → {shown:?} clear={}",
                if ok { "ok  " } else { "MISS" },
                is_clear_winner(&hits)
            );
        }
        if ok {
            passed += 1;
            entry.0 += 1;
        } else {
            let shown: Vec<String> = hits
                .iter()
                .zip(&labels)
                .take(3)
                .map(|(h, l)| format!("{l} {:.3} [{}]", h.score, h.matched))
                .collect();
            println!("MISS {category:?} {query:?}: expected {expected:?}, got {shown:?}");
            if *must {
                must_failures.push(*query);
            }
        }
    }
    let accuracy = passed as f64 / CASES.len() as f64;
    let mut categories: Vec<_> = per_category.into_iter().collect();
    categories.sort();
    for (name, (ok, n)) in categories {
        println!("{name:>16}: {ok}/{n}");
    }
    latencies.sort();
    let p = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    println!(
        "top-1 accuracy: {passed}/{} = {:.1}%  (latency p50 {:?}, p99 {:?}, max {:?})",
        CASES.len(),
        accuracy * 100.0,
        p(0.5),
        p(0.99),
        p(1.0)
    );
    assert!(CASES.len() >= 60);
    assert!(
        must_failures.is_empty(),
        "named cases failed: {must_failures:?}"
    );
    assert!(
        accuracy >= TOP1_FLOOR,
        "top-1 accuracy {accuracy:.3} < {TOP1_FLOOR}"
    );
}

#[tokio::test]
async fn empty_long_and_strange_queries() {
    let cat = catalog().await;
    let all = SearchFilter::default();
    for q in ["", "   ", "!!!", "\u{200b}", "ㅋㅋㅋ"] {
        let hits = search::search(&cat.pool, q, all, 10).await.expect("search");
        assert!(hits.is_empty() || q == "ㅋㅋㅋ", "{q:?} gave {hits:?}");
    }
    for q in [
        "crash landing on you ".repeat(500),
        "사랑의 불시착".repeat(2_000),
        "a".repeat(10_000),
        "🎵🎶 é\u{301}\u{301}\u{301} العربية 中文 ".repeat(300),
    ] {
        let started = Instant::now();
        let hits = search::search(&cat.pool, &q, all, 10)
            .await
            .expect("search");
        assert!(
            started.elapsed() < Duration::from_millis(500),
            "{} chars took {:?}",
            q.len(),
            started.elapsed()
        );
        assert!(hits.len() <= 10);
    }
    assert!(search::search(&cat.pool, "vincenzo", all, 0)
        .await
        .expect("search")
        .is_empty());
    let many = search::search(&cat.pool, "love", all, 10_000)
        .await
        .expect("search");
    assert!(many.len() <= search::MAX_LIMIT);
}

#[tokio::test]
async fn local_entries_filters_and_reindexing() {
    use ostbot::catalog::{self as catalog, DramaId, NewDrama, NewTrack, Scope};
    use ostbot::ids::GuildId;
    let cat = catalog().await;
    let guild = GuildId(775_799_577_604_522_054);
    let scope = Scope::Guild(guild).to_db();

    let mut conn = cat.pool.acquire().await.expect("conn");
    let local = NewDrama {
        slug: "moonlit-ost-club".into(),
        title: "Moonlit OST Club".into(),
        title_ko: Some("달빛 오에스티 클럽".into()),
        ..NewDrama::default()
    };
    let (drama, _) = catalog::upsert_drama(&mut conn, Scope::Guild(guild), &local, None)
        .await
        .expect("local drama");
    let track = NewTrack {
        slug: "moonlit-theme".into(),
        drama_id: drama.0,
        title: "Moonlit Theme".into(),
        artist_ko: Some("아이유".into()),
        ..NewTrack::default()
    };
    catalog::upsert_track(&mut conn, Scope::Guild(guild), &track, None)
        .await
        .expect("local track");
    drop(conn);

    let dramas = |scope: Option<i64>| SearchFilter {
        kind: Some(Kind::Drama),
        scope,
        drama: None,
    };
    let top = |hits: Vec<search::Hit>| hits.first().map(|h| h.id);
    let found = search::search(&cat.pool, "moonlit ost", dramas(Some(scope)), 5)
        .await
        .expect("search");
    assert_eq!(top(found), Some(drama.0));
    for other in [None, Some(42)] {
        let hits = search::search(&cat.pool, "moonlit ost", dramas(other), 5)
            .await
            .expect("search");
        assert!(hits.iter().all(|h| h.id != drama.0), "{other:?}: {hits:?}");
    }
    let hits = search::search(&cat.pool, "dalbit", dramas(Some(scope)), 5)
        .await
        .expect("search");
    assert_eq!(top(hits), Some(drama.0), "romanized local title");

    // Restricted to one drama: only its tracks, found by title or artist.
    let cloy = DramaId(cat.drama_ids["crash-landing-on-you"]);
    let within = SearchFilter {
        kind: Some(Kind::Track),
        scope: None,
        drama: Some(cloy),
    };
    let hits = search::search(&cat.pool, "백예린", within, 5)
        .await
        .expect("search");
    assert_eq!(
        top(hits),
        Some(cat.track_ids["sarangui-bulsichak-dasi-nan-yeogi"])
    );
    let hits = search::search(&cat.pool, "아이유", within, 5)
        .await
        .expect("search");
    assert!(hits.is_empty(), "{hits:?}");

    // A renamed drama is found by its new title only; a removed one not at all.
    let mut conn = cat.pool.acquire().await.expect("conn");
    let renamed = NewDrama {
        title: "Starlit Soundtrack Society".into(),
        ..local.clone()
    };
    catalog::upsert_drama(&mut conn, Scope::Guild(guild), &renamed, None)
        .await
        .expect("rename");
    drop(conn);
    let hits = search::search(&cat.pool, "moonlit ost club", dramas(Some(scope)), 5)
        .await
        .expect("search");
    assert!(hits.iter().all(|h| h.id != drama.0), "{hits:?}");
    let hits = search::search(&cat.pool, "starlit soundtrack", dramas(Some(scope)), 5)
        .await
        .expect("search");
    assert_eq!(top(hits), Some(drama.0));
    assert!(
        catalog::remove_local(&cat.pool, guild, Kind::Drama, drama.0)
            .await
            .expect("remove")
    );
    let left: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM search_keys WHERE scope = ?)
              + (SELECT count(*) FROM search_words WHERE key_id NOT IN (SELECT id FROM search_keys))
              + (SELECT count(*) FROM search_prefix WHERE key_id NOT IN (SELECT id FROM search_keys))",
    )
    .bind(scope)
    .fetch_one(&cat.pool)
    .await
    .expect("count");
    assert_eq!(left, 0, "the index kept rows of removed entries");
}

#[tokio::test]
async fn clear_winner_on_real_queries() {
    let cat = catalog().await;
    let dramas = SearchFilter {
        kind: Some(Kind::Drama),
        scope: None,
        drama: None,
    };
    for (query, clear) in [
        ("Crash Landing on You", true),
        ("사랑의 불시착", true),
        ("sarangui bulsichak", true),
        ("CLOY", true),
        ("vincenzo", true),
        ("queen of", false),
        ("love", false),
        ("WYWS", false), // two dramas share it
    ] {
        let hits = search::search(&cat.pool, query, dramas, 10)
            .await
            .expect("search");
        assert_eq!(is_clear_winner(&hits), clear, "{query}: {hits:?}");
    }
}

#[tokio::test]
async fn an_artist_typed_in_a_drama_search_gives_their_dramas() {
    let cat = catalog().await;
    let dramas = SearchFilter {
        kind: Some(Kind::Drama),
        scope: None,
        drama: None,
    };
    for (query, latin, hangul) in [
        ("paul kim", "Paul Kim", "폴킴"),
        ("폴킴", "Paul Kim", "폴킴"),
        ("IU", "IU", "아이유"),
        ("baek yerin", "Baek Yerin", "백예린"),
    ] {
        let theirs: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT drama_id FROM tracks
             WHERE artist IN (?1, ?2) OR artist_ko IN (?1, ?2)",
        )
        .bind(latin)
        .bind(hangul)
        .fetch_all(&cat.pool)
        .await
        .expect("their dramas");
        assert!(!theirs.is_empty(), "{query}: no track credits {hangul}");
        let hits = search::search(&cat.pool, query, dramas, 10)
            .await
            .expect("search");
        let first = theirs.len().min(hits.len());
        assert!(first > 0, "{query}: no hits");
        assert!(
            hits[..first].iter().all(|h| theirs.contains(&h.id)),
            "{query}: {hits:?}, expected first {theirs:?}"
        );
    }
}
