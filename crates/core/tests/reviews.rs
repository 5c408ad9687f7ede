//! Reviews and community scores on both backends. One story — members
//! reviewing dramas and tracks in two servers, editing, deleting, a removal
//! asked and answered, a member forgotten, a track leaving the catalog — runs
//! on SQLite and on PostgreSQL; each run asserts what the story means, and the
//! two runs' readings (reviews, histories, scores, rankings, profiles, the
//! export, the errors) are compared line by line.

extern crate ostbot_core as ostbot;
mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ostbot::catalog::{DramaId, Kind, TrackId};
use ostbot::db::{Database, Writer};
use ostbot::guild_settings::{self, GuildSettings};
use ostbot::ids::{GuildId, ReviewId, UserId};
use ostbot::reviews::scores::{self, bayesian, Empty, Filter, FilterName, Period, Scope, Summary};
use ostbot::reviews::{self, Listing, NewReview, Review, ReviewError, ReviewText, Score, Target};
use ostbot::{db_execute, publishing, Error};
use std::collections::HashSet;

const HERE: GuildId = GuildId::new(1_001);
const THERE: GuildId = GuildId::new(1_002);
const ELSEWHERE: GuildId = GuildId::new(1_003);
const ALICE: UserId = UserId::new(1);
const BOB: UserId = UserId::new(2);
const CAROL: UserId = UserId::new(3);
const DAVE: UserId = UserId::new(4);
const MODERATOR: UserId = UserId::new(9);
const OTHER_MODERATOR: UserId = UserId::new(8);

const GOBLIN: DramaId = DramaId::new(101);
const CRASH: DramaId = DramaId::new(102);
const STAY: TrackId = TrackId::new(201);
const BEAUTIFUL: TrackId = TrackId::new(202);
const MISS_YOU: TrackId = TrackId::new(203);
const ROUND: TrackId = TrackId::new(205);

fn track(track: TrackId) -> Target {
    let drama = if track == TrackId::new(204) {
        CRASH
    } else {
        GOBLIN
    };
    Target::Track { drama, track }
}

/// Two dramas and five tracks, as plain rows (the catalog's own import is
/// not what this test is about).
async fn catalog(db: &Database) {
    for (id, slug, title, title_ko, year, genres) in [
        (
            101,
            "goblin",
            "Goblin",
            "도깨비",
            2016,
            r#"["Fantasy","Romance"]"#,
        ),
        (
            102,
            "cloy",
            "Crash Landing on You",
            "사랑의 불시착",
            2019,
            r#"["Comedy"]"#,
        ),
    ] {
        db_execute!(
            db,
            sqlx::query(
                "INSERT INTO dramas (id, slug, title, title_ko, year, genres)
                 VALUES ($1, $2, $3, $4, $5, $6)"
            )
            .bind(id as i64)
            .bind(slug)
            .bind(title)
            .bind(title_ko)
            .bind(year as i64)
            .bind(genres)
        )
        .expect("a drama");
    }
    for (id, drama, slug, title, title_ko) in [
        (
            201,
            101,
            "stay-with-me",
            "Stay With Me",
            Some("내 곁에 있어줘"),
        ),
        (202, 101, "beautiful", "Beautiful", None),
        (203, 101, "i-miss-you", "I Miss You", Some("그리워")),
        (204, 102, "flower", "Flower", Some("다시 난, 여기")),
        (205, 101, "round-and-round", "Round and Round", None),
    ] {
        db_execute!(
            db,
            sqlx::query(
                "INSERT INTO tracks (id, drama_id, slug, title, title_ko)
                 VALUES ($1, $2, $3, $4, $5)"
            )
            .bind(id as i64)
            .bind(drama as i64)
            .bind(slug)
            .bind(title)
            .bind(title_ko)
        )
        .expect("a track");
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn minute(n: i64) -> DateTime<Utc> {
    start() + Duration::minutes(n)
}

/// A member's review as the story writes it: under their name, no spoiler.
fn draft(
    guild: GuildId,
    member: UserId,
    target: Target,
    score: u8,
    text: Option<&str>,
) -> NewReview {
    let names = [
        (ALICE, "Alice"),
        (BOB, "=Bob"),
        (CAROL, "캐롤"),
        (DAVE, "Dave"),
    ];
    let name = names
        .iter()
        .find(|(m, _)| *m == member)
        .map_or("a member", |(_, n)| *n);
    NewReview {
        guild,
        member,
        member_name: name.into(),
        target,
        score: Score::new(i64::from(score)).expect("a score"),
        text: text.and_then(|t| ReviewText::new(t).expect("text")),
        spoiler: false,
    }
}

/// The story's writer and clock: each save comes a minute after the last.
struct Scene {
    writer: Writer,
    minutes: std::cell::Cell<i64>,
}

impl Scene {
    async fn try_save(&self, new: NewReview) -> Result<Review, Error> {
        self.minutes.set(self.minutes.get() + 1);
        reviews::save(&self.writer, &new, minute(self.minutes.get())).await
    }

    async fn save(&self, new: NewReview) -> Review {
        self.try_save(new).await.expect("saved")
    }
}

/// What a refusal is, by name, the same on both backends; anything else fails.
fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Review(e)) => format!("{e:?}"),
        Err(Error::Refused(r)) => format!("{r:?}"),
        Err(Error::EntryGone) => "EntryGone".into(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn f(x: f64) -> String {
    format!("{x:.9}")
}

fn summary_line(s: &Option<Summary>) -> String {
    match s {
        None => "none".into(),
        Some(s) => format!(
            "{} voices, mean {}, median {}, spread {}, {:?}",
            s.voices,
            f(s.mean),
            f(s.median),
            f(s.spread),
            s.histogram
        ),
    }
}

fn ranked_lines(rows: &[scores::Ranked]) -> String {
    rows.iter()
        .map(|r| {
            format!(
                "#{} {} {}: {} voices, mean {}, weighted {}",
                r.rank,
                r.kind.as_str(),
                r.target,
                r.voices,
                f(r.mean),
                f(r.weighted)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn ids(reviews: &[Review]) -> Vec<u64> {
    reviews.iter().map(|r| r.id.get()).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

async fn summary(db: &Database, scope: Scope, kind: Kind, target: u64) -> Option<Summary> {
    scores::summary(db, scope, kind, target as i64)
        .await
        .expect("a summary")
}

fn filter(kind: Kind) -> Filter {
    Filter {
        kind,
        period: Period::AllTime,
        year: None,
        genre: None,
        min_voices: 1,
    }
}

type Key = (i64, String, i64);

/// What the triggers keep must be what the reviews say: each member's voices
/// recounted from their reviews (`scores::drama_voice`), and every server's
/// and the all-servers totals (count, sums, histogram) recounted from the voices.
async fn assert_aggregates_follow_reviews(db: &Database) {
    use std::collections::BTreeMap;
    let reviews: Vec<(i64, i64, i64, i64, i64)> = ostbot::on_db!(db, |e| sqlx::query_as(
        "SELECT guild_id, member_id, drama_id, track_key, score FROM reviews"
    )
    .fetch_all(e)
    .await)
    .expect("reviews");
    let mut of_drama: BTreeMap<(i64, i64, i64), Vec<(i64, i64)>> = BTreeMap::new();
    let mut expected: BTreeMap<(Key, i64), f64> = BTreeMap::new();
    for (guild, member, drama, track, score) in reviews {
        of_drama
            .entry((guild, drama, member))
            .or_default()
            .push((track, score));
        if track != 0 {
            expected.insert(((guild, "track".into(), track), member), score as f64);
        }
    }
    for ((guild, drama, member), rows) in of_drama {
        let voice = scores::drama_voice(&rows).expect("a voice");
        expected.insert(((guild, "drama".into(), drama), member), voice);
    }
    let voices: Vec<(i64, String, i64, i64, f64)> = ostbot::on_db!(db, |e| sqlx::query_as(
        "SELECT guild_id, kind, target_id, member_id, voice FROM voices"
    )
    .fetch_all(e)
    .await)
    .expect("voices");
    let stored: BTreeMap<(Key, i64), f64> = voices
        .into_iter()
        .map(|(g, k, t, m, v)| (((g, k, t), m), v))
        .collect();
    assert_eq!(
        stored.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>()
    );
    for (key, voice) in &expected {
        assert!(
            close(stored[key], *voice),
            "{key:?}: {} ≠ {voice}",
            stored[key]
        );
    }
    let mut totals: BTreeMap<Key, (i64, f64, f64, [i64; 10])> = BTreeMap::new();
    for (((guild, kind, target), _), voice) in &expected {
        for g in [*guild, 0] {
            let t = totals.entry((g, kind.clone(), *target)).or_default();
            t.0 += 1;
            t.1 += voice;
            t.2 += voice * voice;
            t.3[scores::bucket(*voice)] += 1;
        }
    }
    #[allow(clippy::type_complexity)]
    let rows: Vec<(
        i64,
        String,
        i64,
        i64,
        f64,
        f64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    )> = ostbot::on_db!(db, |e| sqlx::query_as(
        "SELECT guild_id, kind, target_id, voices, total, total_sq,
                    h1, h2, h3, h4, h5, h6, h7, h8, h9, h10 FROM score_totals"
    )
    .fetch_all(e)
    .await)
    .expect("totals");
    assert_eq!(
        rows.len(),
        totals.len(),
        "one totals row per voiced target: {totals:?}"
    );
    for r in rows {
        let key = (r.0, r.1.clone(), r.2);
        let (voices, total, total_sq, bars) = totals[&key];
        let h = [r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14, r.15];
        assert_eq!((r.3, h), (voices, bars), "{key:?}");
        assert!(
            close(r.4, total) && (r.5 - total_sq).abs() < 1e-6,
            "{key:?}"
        );
    }
}

/// Drama voices in thirds, changed by saves, a deletion and a removal: the
/// totals carry float remainders, and both backends must carry the same ones
/// (each change is added as one delta, in the same order).
async fn thirds(db: &Database, scene: &Scene, at: DateTime<Utc>) {
    let (one, two) = (UserId::new(21), UserId::new(22));
    for (member, scores) in [(one, [7, 8, 8]), (two, [8, 8, 8])] {
        for (t, score) in [STAY, BEAUTIFUL, ROUND].into_iter().zip(scores) {
            scene
                .save(draft(ELSEWHERE, member, track(t), score, None))
                .await;
        }
    }
    let voice = |member| async move {
        let p = reviews::profile(db, ELSEWHERE, member)
            .await
            .expect("profile");
        p.favourites[0].1
    };
    assert_eq!((voice(one).await, voice(two).await), (23.0 / 3.0, 8.0));
    scene
        .save(draft(ELSEWHERE, one, track(ROUND), 7, None))
        .await;
    scene
        .save(draft(ELSEWHERE, two, track(BEAUTIFUL), 7, None))
        .await;
    assert_eq!(
        (voice(one).await, voice(two).await),
        (22.0 / 3.0, 23.0 / 3.0)
    );
    let round = reviews::find(db, ELSEWHERE, one, track(ROUND))
        .await
        .expect("find");
    let round = round.expect("saved").id;
    reviews::delete_own(db, ELSEWHERE, one, round, at)
        .await
        .expect("deleted");
    let stay = reviews::find(db, ELSEWHERE, two, track(STAY))
        .await
        .expect("find");
    let stay = stay.expect("saved").id;
    let (asked, _) = reviews::request_removal(db, ELSEWHERE, stay, MODERATOR, None, at)
        .await
        .expect("asked");
    reviews::answer_removal(db, ELSEWHERE, asked, MODERATOR, true, at)
        .await
        .expect("removed");
    assert_eq!((voice(one).await, voice(two).await), (7.5, 7.5));
}

/// Every totals row, its sums to the last bit.
async fn totals(db: &Database) -> Vec<String> {
    #[allow(clippy::type_complexity)]
    let rows: Vec<(i64, String, i64, i64, f64, f64)> = ostbot::on_db!(db, |e| sqlx::query_as(
        "SELECT guild_id, kind, target_id, voices, total, total_sq FROM score_totals
         ORDER BY guild_id, kind, target_id"
    )
    .fetch_all(e)
    .await)
    .expect("totals");
    rows.iter().map(|r| format!("totals {r:?}")).collect()
}

/// The story, with its assertions; returns what both backends must read alike.
async fn story(db: &Database) -> Vec<String> {
    catalog(db).await;
    let mut out = Vec::new();
    let scene = Scene {
        writer: Writer::new(db.clone()),
        minutes: 0.into(),
    };
    // Here m = 2; there the default, 5.
    guild_settings::save(
        db,
        &GuildSettings {
            min_voices: 2,
            ..GuildSettings::defaults(HERE)
        },
    )
    .await
    .expect("settings");
    let m_here = guild_settings::get(db, HERE)
        .await
        .expect("settings")
        .min_voices;
    let m_there = guild_settings::get(db, THERE)
        .await
        .expect("settings")
        .min_voices;
    assert_eq!((m_here, m_there), (2, 5));

    // First reviews.
    let drama = Target::Drama(GOBLIN);
    let alice = scene
        .save(draft(HERE, ALICE, drama, 9, Some("Timeless")))
        .await;
    assert_eq!((alice.id.get(), alice.edits), (1, 0));
    let bob_stay = scene
        .save(draft(HERE, BOB, track(STAY), 8, Some("Gong Yoo's voice")))
        .await;
    let bob_beautiful = scene
        .save(draft(HERE, BOB, track(BEAUTIFUL), 6, None))
        .await;
    let carol_stay = scene
        .save(draft(HERE, CAROL, track(STAY), 10, Some("Goosebumps")))
        .await;
    let carol_crash = scene
        .save(draft(HERE, CAROL, Target::Drama(CRASH), 7, Some("Sweet")))
        .await;
    let dave_crash = scene
        .save(draft(HERE, DAVE, Target::Drama(CRASH), 4, None))
        .await;
    scene
        .save(draft(HERE, ALICE, track(MISS_YOU), 6, None))
        .await;
    scene
        .save(draft(HERE, DAVE, track(MISS_YOU), 9, Some("Haunting")))
        .await;
    scene.save(draft(THERE, ALICE, drama, 5, None)).await;
    scene.save(draft(THERE, BOB, track(STAY), 9, None)).await;
    // Numbers in order, one each: edits below draw none.
    assert_eq!(
        [
            bob_stay.id,
            bob_beautiful.id,
            carol_stay.id,
            carol_crash.id,
            dave_crash.id
        ]
        .map(|i| i.get()),
        [2, 3, 4, 5, 6]
    );
    // Goblin here: Alice's whole-OST 9 outweighs her track 6; Bob's voice is
    // his tracks' mean, 7; Carol's and Dave's their one track, 10 and 9.
    let goblin = summary(db, Scope::Guild(HERE), Kind::Drama, 101)
        .await
        .expect("voices");
    assert_eq!(goblin.voices, 4);
    assert!(
        close(goblin.mean, 35.0 / 4.0) && goblin.median == 9.0,
        "{goblin:?}"
    );
    out.push(format!("goblin at first: {}", summary_line(&Some(goblin))));
    assert_aggregates_follow_reviews(db).await;

    // Alice re-scores without text: the bot keeps her text (read, then saved).
    let kept = reviews::find(db, HERE, ALICE, drama)
        .await
        .expect("find")
        .expect("hers");
    let edited = scene
        .save(NewReview {
            spoiler: kept.spoiler,
            ..draft(HERE, ALICE, drama, 10, kept.text.as_deref())
        })
        .await;
    assert_eq!((edited.id, edited.edits), (alice.id, 1));
    assert_eq!(edited.text.as_deref(), Some("Timeless"));
    assert_eq!(edited.created_at, minute(1));
    assert_eq!(edited.updated_at, minute(11));
    let edited = scene
        .save(NewReview {
            spoiler: true,
            ..draft(HERE, ALICE, drama, 8, Some("Still timeless"))
        })
        .await;
    assert_eq!(
        (edited.id, edited.edits, edited.spoiler),
        (alice.id, 2, true)
    );
    let versions = reviews::history(db, alice.id).await.expect("history");
    let seen: Vec<_> = versions
        .iter()
        .map(|v| (v.score.get(), v.text.as_deref(), v.spoiler, v.written_at))
        .collect();
    assert_eq!(
        seen,
        [
            (9, Some("Timeless"), false, minute(1)),
            (10, Some("Timeless"), false, minute(11))
        ]
    );
    out.push(format!("alice's history: {versions:?}"));
    assert_aggregates_follow_reviews(db).await;
    let bob_beautiful = scene
        .save(draft(HERE, BOB, track(BEAUTIFUL), 7, None))
        .await;
    assert_eq!(bob_beautiful.edits, 1);
    // Alice 8, Bob (8 + 7) / 2, Carol 10, Dave 9: halves round up into the 8 bar.
    let goblin = summary(db, Scope::Guild(HERE), Kind::Drama, 101)
        .await
        .expect("voices");
    assert!(
        close(goblin.mean, 34.5 / 4.0) && goblin.median == 8.5,
        "{goblin:?}"
    );
    assert_eq!(goblin.histogram, [0, 0, 0, 0, 0, 0, 0, 2, 1, 1]);
    out.push(format!(
        "goblin after edits: {}",
        summary_line(&Some(goblin))
    ));

    // The Bayesian ranking with this server's m = 2: C = (34.5 + 11) / 6.
    let (board, total) = scores::leaderboard(
        db,
        Scope::Guild(HERE),
        &filter(Kind::Drama),
        m_here,
        minute(14),
        0,
        10,
    )
    .await
    .expect("leaderboard");
    assert_eq!(total, 2);
    let c = 45.5 / 6.0;
    assert_eq!(board[0].target, 101);
    assert!(close(board[0].weighted, bayesian(4, 34.5 / 4.0, 2, c)));
    assert!(board[0].weighted < board[0].mean && board[0].weighted > c);
    assert!(close(board[1].weighted, (11.0 + 2.0 * c) / 4.0));
    out.push(format!(
        "ranking before deletions: {}",
        ranked_lines(&board)
    ));

    // Dave deletes his Crash Landing review; others' are not his to delete.
    reviews::delete_own(db, HERE, DAVE, dave_crash.id, minute(15))
        .await
        .expect("his own");
    out.push(format!(
        "deletes: {} / {} / {} / {}",
        refusal(reviews::delete_own(db, HERE, CAROL, alice.id, minute(15)).await),
        refusal(reviews::delete_own(db, THERE, ALICE, alice.id, minute(15)).await),
        refusal(reviews::delete_own(db, HERE, DAVE, dave_crash.id, minute(15)).await),
        refusal(reviews::delete_own(db, HERE, DAVE, ReviewId::new(999), minute(15)).await),
    ));
    let crash = summary(db, Scope::Guild(HERE), Kind::Drama, 102)
        .await
        .expect("Carol's");
    assert_eq!((crash.voices, crash.mean), (1, 7.0));
    let (board, _) = scores::leaderboard(
        db,
        Scope::Guild(HERE),
        &filter(Kind::Drama),
        m_here,
        minute(15),
        0,
        10,
    )
    .await
    .expect("leaderboard");
    let c = (34.5 + 7.0) / 5.0;
    assert!(close(board[1].weighted, (7.0 + 2.0 * c) / 3.0), "{board:?}");
    out.push(format!(
        "ranking after Dave's deletion: {}",
        ranked_lines(&board)
    ));

    // A moderator removes Carol's Stay With Me review, asked first.
    let reason = Some("spoils the finale");
    let (request, asked) =
        reviews::request_removal(db, HERE, carol_stay.id, MODERATOR, reason, minute(16))
            .await
            .expect("request");
    assert_eq!(asked.id, carol_stay.id);
    assert!(
        reviews::get(db, carol_stay.id)
            .await
            .expect("get")
            .is_some(),
        "asking removes nothing"
    );
    out.push(format!(
        "removal refusals: {} / {} / {} / {}",
        refusal(
            reviews::request_removal(db, THERE, carol_stay.id, MODERATOR, None, minute(16)).await
        ),
        refusal(
            reviews::request_removal(db, HERE, ReviewId::new(999), MODERATOR, None, minute(16))
                .await
        ),
        refusal(
            reviews::answer_removal(db, HERE, request, OTHER_MODERATOR, true, minute(17)).await
        ),
        refusal(reviews::answer_removal(db, THERE, request, MODERATOR, true, minute(17)).await),
    ));
    let removed = reviews::answer_removal(db, HERE, request, MODERATOR, true, minute(17))
        .await
        .expect("confirmed")
        .expect("removed");
    assert_eq!(removed.id, carol_stay.id);
    out.push(format!(
        "answered twice: {}",
        refusal(reviews::answer_removal(db, HERE, request, MODERATOR, true, minute(17)).await)
    ));
    // Cancelled, and expired: Bob's review stays.
    let (cancelled, _) =
        reviews::request_removal(db, HERE, bob_stay.id, MODERATOR, None, minute(18))
            .await
            .expect("request");
    let kept = reviews::answer_removal(db, HERE, cancelled, MODERATOR, false, minute(18)).await;
    assert_eq!(kept.expect("cancel"), None);
    let (late, _) = reviews::request_removal(db, HERE, bob_stay.id, MODERATOR, None, minute(19))
        .await
        .expect("request");
    let too_late = minute(19) + Duration::hours(25);
    out.push(format!(
        "expired: {}",
        refusal(reviews::answer_removal(db, HERE, late, MODERATOR, true, too_late).await)
    ));
    assert!(reviews::get(db, bob_stay.id).await.expect("get").is_some());
    let stay = summary(db, Scope::Guild(HERE), Kind::Track, 201)
        .await
        .expect("Bob's");
    assert_eq!((stay.voices, stay.mean), (1, 8.0));
    let removals = reviews::removals(db, HERE).await.expect("removals");
    assert_eq!(removals.len(), 1);
    assert_eq!(
        (
            removals[0].review,
            removals[0].member,
            removals[0].score.get()
        ),
        (carol_stay.id, Some(CAROL), 10)
    );
    assert_eq!(removals[0].reason.as_deref(), reason);

    // The public pages, and Carol forgotten.
    let now = too_late + Duration::minutes(1);
    let slug = publishing::publish(db, HERE).await.expect("publish");
    assert_eq!(publishing::publish(db, HERE).await.expect("again"), slug);
    assert_eq!(
        publishing::guild_of(db, &slug).await.expect("find"),
        Some(HERE)
    );
    assert_eq!(publishing::slug(db, THERE).await.expect("slug"), None);
    publishing::set_named(db, HERE, CAROL, true)
        .await
        .expect("named");
    publishing::set_named(db, HERE, ALICE, true)
        .await
        .expect("named");
    publishing::set_named(db, HERE, BOB, true)
        .await
        .expect("named");
    publishing::set_named(db, HERE, BOB, false)
        .await
        .expect("unnamed");
    let everyone = [ALICE, BOB, CAROL, DAVE];
    let named = publishing::named(db, HERE, &everyone).await.expect("named");
    assert_eq!(named, HashSet::from([ALICE, CAROL]));
    assert_eq!(
        reviews::forget_member(db, CAROL, now)
            .await
            .expect("forget"),
        1
    );
    publishing::forget_member_in(db, CAROL)
        .await
        .expect("forget");
    assert_eq!(
        publishing::named(db, HERE, &everyone).await.expect("named"),
        HashSet::from([ALICE])
    );
    assert!(reviews::get(db, carol_crash.id)
        .await
        .expect("get")
        .is_none());
    let removals = reviews::removals(db, HERE).await.expect("removals");
    assert_eq!(
        removals[0].member, None,
        "her name leaves the removal record"
    );
    assert_eq!(
        summary(db, Scope::Guild(HERE), Kind::Drama, 102).await,
        None
    );
    out.push(format!("removals: {removals:?}"));
    assert_aggregates_follow_reviews(db).await;

    // I Miss You leaves the catalog: Dave's only Goblin voice goes with it,
    // Alice's stays her whole-OST review.
    db_execute!(
        db,
        sqlx::query("DELETE FROM tracks WHERE id = $1").bind(203_i64)
    )
    .expect("delete");
    assert_eq!(
        summary(db, Scope::Guild(HERE), Kind::Track, 203).await,
        None
    );
    let goblin = summary(db, Scope::Guild(HERE), Kind::Drama, 101)
        .await
        .expect("voices");
    assert_eq!((goblin.voices, goblin.mean, goblin.median), (2, 7.75, 7.75));
    // Across servers: there, Alice's 5 and Bob's track 9 too.
    let everywhere = summary(db, Scope::AllServers, Kind::Drama, 101)
        .await
        .expect("voices");
    assert_eq!((everywhere.voices, everywhere.mean), (4, 29.5 / 4.0));

    // What the cards, the pages and the commands read.
    for (what, scope, kind, target) in [
        ("goblin here", Scope::Guild(HERE), Kind::Drama, 101),
        ("goblin there", Scope::Guild(THERE), Kind::Drama, 101),
        ("goblin everywhere", Scope::AllServers, Kind::Drama, 101),
        ("stay here", Scope::Guild(HERE), Kind::Track, 201),
        ("stay everywhere", Scope::AllServers, Kind::Track, 201),
        ("crash here", Scope::Guild(HERE), Kind::Drama, 102),
    ] {
        let s = summary(db, scope, kind, target).await;
        out.push(format!("{what}: {}", summary_line(&s)));
    }
    for scope in [Scope::Guild(HERE), Scope::AllServers] {
        let tracks = scores::track_scores(db, scope, GOBLIN)
            .await
            .expect("tracks");
        out.push(format!("goblin's tracks {scope:?}: {tracks:?}"));
    }
    assert_eq!(
        scores::track_scores(db, Scope::AllServers, GOBLIN)
            .await
            .expect("tracks"),
        [(201, 2, 8.5), (202, 1, 7.0)]
    );
    for (scope, kind) in [
        (Scope::Guild(HERE), Kind::Drama),
        (Scope::Guild(HERE), Kind::Track),
        (Scope::AllServers, Kind::Drama),
        (Scope::Guild(GuildId::new(77)), Kind::Drama),
    ] {
        let c = scores::server_mean(db, scope, kind).await.expect("mean");
        out.push(format!("C {scope:?} {}: {:?}", kind.as_str(), c.map(f)));
    }
    assert_eq!(
        scores::server_mean(db, Scope::Guild(HERE), Kind::Drama)
            .await
            .expect("mean"),
        Some(7.75)
    );

    let later = now + Duration::hours(1);
    let boards = [
        (
            "dramas here",
            Scope::Guild(HERE),
            filter(Kind::Drama),
            m_here,
        ),
        (
            "tracks here",
            Scope::Guild(HERE),
            filter(Kind::Track),
            m_here,
        ),
        (
            "dramas everywhere",
            Scope::AllServers,
            filter(Kind::Drama),
            m_there,
        ),
        (
            "tracks there",
            Scope::Guild(THERE),
            filter(Kind::Track),
            m_there,
        ),
        (
            "romance",
            Scope::Guild(HERE),
            Filter {
                genre: Some("ROMANCE".into()),
                ..filter(Kind::Drama)
            },
            m_here,
        ),
        (
            "2016",
            Scope::Guild(HERE),
            Filter {
                year: Some(2016),
                ..filter(Kind::Drama)
            },
            m_here,
        ),
        (
            "this year",
            Scope::Guild(HERE),
            Filter {
                period: Period::ThisYear,
                ..filter(Kind::Track)
            },
            m_here,
        ),
    ];
    for (what, scope, filter, m) in &boards {
        let (rows, total) = scores::leaderboard(db, *scope, filter, *m, later, 0, 10)
            .await
            .expect("leaderboard");
        assert!(!rows.is_empty(), "{what}");
        out.push(format!("{what} ({total}): {}", ranked_lines(&rows)));
    }
    let (page, total) = scores::leaderboard(
        db,
        Scope::Guild(HERE),
        &filter(Kind::Track),
        m_here,
        later,
        5,
        10,
    )
    .await
    .expect("past the end");
    assert_eq!((page.len(), total), (0, 2));
    let (page, _) = scores::leaderboard(
        db,
        Scope::Guild(HERE),
        &filter(Kind::Track),
        m_here,
        later,
        1,
        1,
    )
    .await
    .expect("second page");
    assert_eq!((page[0].rank, page[0].target), (2, 202));
    for (what, filter, at) in [
        (
            "comedy",
            Filter {
                genre: Some("comedy".into()),
                ..filter(Kind::Drama)
            },
            later,
        ),
        (
            "2019 and 3 voices",
            Filter {
                year: Some(2019),
                min_voices: 3,
                ..filter(Kind::Drama)
            },
            later,
        ),
        (
            "romance of 2019",
            Filter {
                year: Some(2019),
                genre: Some("Romance".into()),
                ..filter(Kind::Drama)
            },
            later,
        ),
        (
            "last 30 days, 40 days on",
            Filter {
                period: Period::Last30Days,
                ..filter(Kind::Drama)
            },
            start() + Duration::days(40),
        ),
    ] {
        let (rows, _) = scores::leaderboard(db, Scope::Guild(HERE), &filter, m_here, at, 0, 10)
            .await
            .expect("leaderboard");
        assert!(rows.is_empty(), "{what}");
        let why = scores::why_empty(db, Scope::Guild(HERE), &filter, m_here, at)
            .await
            .expect("why");
        out.push(format!("{what}: {why:?}"));
    }
    let why = |f: Filter, at| async move {
        scores::why_empty(db, Scope::Guild(HERE), &f, m_here, at).await
    };
    let comedy = Filter {
        genre: Some("comedy".into()),
        ..filter(Kind::Drama)
    };
    assert_eq!(
        why(comedy, later).await.expect("why"),
        Empty::Filters(vec![FilterName::Genre])
    );
    let late = Filter {
        period: Period::Last30Days,
        ..filter(Kind::Drama)
    };
    assert_eq!(
        why(late, start() + Duration::days(40)).await.expect("why"),
        Empty::NoReviews
    );

    let top_drama = reviews::top(db, HERE, Listing::Drama(GOBLIN), 5)
        .await
        .expect("top");
    assert_eq!(ids(&top_drama), [alice.id.get()], "whole-OST reviews only");
    let top_bob = reviews::top(db, HERE, Listing::Member(BOB), 5)
        .await
        .expect("top");
    assert_eq!(
        ids(&top_bob),
        [bob_stay.id.get(), bob_beautiful.id.get()],
        "text first"
    );
    let top_stay = reviews::top(db, HERE, Listing::Track(STAY), 5)
        .await
        .expect("top");
    out.push(format!("top: {top_drama:?} / {top_bob:?} / {top_stay:?}"));
    let (listed, total) = reviews::list(db, HERE, Listing::Drama(GOBLIN), 0, 10)
        .await
        .expect("list");
    assert_eq!(total, 3);
    assert_eq!(
        ids(&listed),
        [bob_beautiful.id.get(), alice.id.get(), bob_stay.id.get()],
        "newest first"
    );
    let (second, total) = reviews::list(db, HERE, Listing::Member(BOB), 1, 1)
        .await
        .expect("list");
    assert_eq!((ids(&second), total), (vec![bob_stay.id.get()], 2));
    out.push(format!("lists: {listed:?} / {second:?}"));
    let recent_here = reviews::recent(db, HERE, 10).await.expect("recent");
    let recent_there = reviews::recent(db, THERE, 10).await.expect("recent");
    assert_eq!((recent_here.len(), recent_there.len()), (3, 2));
    out.push(format!("recent: {recent_here:?} / {recent_there:?}"));

    for member in [ALICE, BOB, CAROL, DAVE] {
        let p = reviews::profile(db, HERE, member).await.expect("profile");
        let favourites: Vec<_> = p.favourites.iter().map(|(d, v)| (d.get(), f(*v))).collect();
        out.push(format!(
            "profile {member}: {} reviews, mean {:?}, favourites {favourites:?}, latest {:?}",
            p.reviews,
            p.mean_given.map(f),
            ids(&p.latest)
        ));
    }
    let bob = reviews::profile(db, HERE, BOB).await.expect("profile");
    assert_eq!((bob.reviews, bob.mean_given), (2, Some(7.5)));
    assert_eq!(bob.favourites, [(GOBLIN, 7.5)]);
    let carol = reviews::profile(db, HERE, CAROL).await.expect("profile");
    assert_eq!(
        (carol.reviews, carol.mean_given, carol.favourites.len()),
        (0, None, 0)
    );

    let csv = reviews::export_csv(db, HERE).await.expect("export");
    assert!(csv.starts_with(reviews::CSV_BOM));
    let csv = String::from_utf8(csv[reviews::CSV_BOM.len()..].to_vec()).expect("UTF-8");
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 4, "{csv}");
    assert!(rows[1].starts_with("1,1,Alice,Goblin,도깨비,,,8,true,Still timeless,2026-12-01T12:01:00Z,2026-12-01T12:12:00Z,2"), "{csv}");
    assert!(
        rows[2].contains(",'=Bob,Goblin,도깨비,Stay With Me,내 곁에 있어줘,8,false,"),
        "{csv}"
    );
    out.push(format!("export:\n{csv}"));
    assert_aggregates_follow_reviews(db).await;

    // A moderator's removal without asking (the bot asks first; the store
    // also removes at once), and the pages taken down.
    let (there, _) = reviews::list(db, THERE, Listing::Member(ALICE), 0, 1)
        .await
        .expect("list");
    let (bob_there, _) = reviews::list(db, THERE, Listing::Member(BOB), 0, 1)
        .await
        .expect("list");
    let bob_there = &bob_there[0];
    let gone = reviews::remove(db, THERE, there[0].id, MODERATOR, None, later)
        .await
        .expect("removed");
    assert_eq!(gone.member, ALICE);
    let goblin_there = summary(db, Scope::Guild(THERE), Kind::Drama, 101).await;
    assert_eq!(goblin_there.map(|s| (s.voices, s.mean)), Some((1, 9.0)));
    let removals = reviews::removals(db, THERE).await.expect("removals");
    assert_eq!((removals.len(), removals[0].reason.as_deref()), (1, None));
    out.push(format!(
        "removed twice: {} / {}",
        refusal(reviews::remove(db, THERE, gone.id, MODERATOR, None, later).await),
        refusal(reviews::remove(db, HERE, bob_there.id, MODERATOR, None, later).await),
    ));
    assert!(publishing::unpublish(db, HERE).await.expect("off"));
    assert_eq!(publishing::guild_of(db, &slug).await.expect("find"), None);

    thirds(db, &scene, later).await;
    out.extend(totals(db).await);

    // The same refusals whatever the backend.
    let gone = scene
        .try_save(draft(
            HERE,
            ALICE,
            Target::Drama(DramaId::new(999)),
            7,
            None,
        ))
        .await;
    out.push(format!(
        "refusals: {} / {} / {:?}",
        refusal(gone),
        refusal(Score::parse("11")),
        ReviewText::new(&"a".repeat(2001)).map_err(|e| e.to_string())
    ));
    assert!(matches!(
        Score::new(0),
        Err(Error::Review(ReviewError::ScoreOutOfRange))
    ));
    assert_eq!(
        reviews::find(db, HERE, ALICE, Target::Drama(DramaId::new(999)))
            .await
            .expect("find"),
        None
    );
    assert_aggregates_follow_reviews(db).await;
    out
}

#[tokio::test]
async fn the_review_story_reads_the_same_on_either_backend() {
    let Some((_dir, sqlite, postgres)) = support::both("reviews").await else {
        return;
    };
    let on_sqlite = story(&sqlite).await;
    let on_postgres = story(&Database::Postgres(postgres.pool.clone())).await;
    for (s, p) in on_sqlite.iter().zip(&on_postgres) {
        assert_eq!(s, p);
    }
    assert_eq!(on_sqlite.len(), on_postgres.len());
    assert!(on_sqlite
        .iter()
        .any(|l| l == "deletes: NotYours / EntryGone / EntryGone / EntryGone"));
    assert!(on_sqlite
        .iter()
        .any(|l| l.starts_with("removal refusals: NoSuchReview")
            && l.ends_with("NotYourConfirmation / ConfirmationGone")));
    assert!(on_sqlite
        .iter()
        .any(|l| l.starts_with("refusals: EntryGone / ScoreOutOfRange")));
    assert!(on_sqlite
        .iter()
        .any(|l| l.starts_with("removed twice: NoSuchReview")));
    postgres.drop().await;
}

/// Eight members at once, each saving two tracks of one drama through two
/// writers (two processes' worth of connections) and then editing one.
async fn crowd(db: &Database) -> Vec<String> {
    catalog(db).await;
    let writers = [Writer::new(db.clone()), Writer::new(db.clone())];
    let tasks = (1..=8_u64).map(|n| {
        let writers = writers.clone();
        tokio::spawn(async move {
            let member = UserId::new(100 + n);
            let score = |base: u64| ((base + n) % 10 + 1) as u8;
            let stay = draft(HERE, member, track(STAY), score(2), None);
            let beautiful = draft(HERE, member, track(BEAUTIFUL), score(5), None);
            let (stay, beautiful) = tokio::join!(
                reviews::save(&writers[0], &stay, minute(1)),
                reviews::save(&writers[1], &beautiful, minute(1)),
            );
            stay.expect("save");
            beautiful.expect("save");
            let again = draft(HERE, member, track(STAY), score(7), Some("again"));
            reviews::save(&writers[1], &again, minute(2))
                .await
                .expect("edit")
        })
    });
    let edited: Vec<Review> = futures_util::future::join_all(tasks)
        .await
        .into_iter()
        .map(|t| t.expect("task"))
        .collect();
    assert!(edited.iter().all(|r| r.edits == 1), "{edited:?}");
    let mut numbers: Vec<u64> = edited.iter().map(|r| r.id.get()).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 8);
    let mut out = Vec::new();
    let (mut stay_total, mut drama_total) = (0.0, 0.0);
    for n in 1..=8_u64 {
        let (stay, beautiful) = (((7 + n) % 10 + 1) as f64, ((5 + n) % 10 + 1) as f64);
        stay_total += stay;
        drama_total += (stay + beautiful) / 2.0;
        let p = reviews::profile(db, HERE, UserId::new(100 + n))
            .await
            .expect("profile");
        assert_eq!(p.reviews, 2);
        assert_eq!(
            p.favourites,
            [(GOBLIN, (stay + beautiful) / 2.0)],
            "member {n}'s voice is the mean of both"
        );
    }
    for (kind, target, total) in [
        (Kind::Track, 201, stay_total),
        (Kind::Drama, 101, drama_total),
    ] {
        for scope in [Scope::Guild(HERE), Scope::AllServers] {
            let s = summary(db, scope, kind, target).await.expect("voices");
            assert_eq!(s.voices, 8, "each member counted once");
            assert!(close(s.mean * 8.0, total), "{s:?}");
            assert_eq!(s.histogram.iter().sum::<u64>(), 8);
            out.push(format!(
                "{} {target} {scope:?}: {}",
                kind.as_str(),
                summary_line(&Some(s))
            ));
        }
    }
    let (all, total) = reviews::list(db, HERE, Listing::Drama(GOBLIN), 0, 100)
        .await
        .expect("list");
    assert_eq!((all.len(), total), (16, 16));
    assert_aggregates_follow_reviews(db).await;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_are_each_counted_once() {
    let Some((_dir, sqlite, postgres)) = support::both("reviews_crowd").await else {
        return;
    };
    let on_postgres = crowd(&Database::Postgres(postgres.pool.clone())).await;
    assert_eq!(crowd(&sqlite).await, on_postgres);
    postgres.drop().await;
}

/// One member's two tracks of a drama saved at once by two processes: the
/// second waits for the first to commit, then reads both into the drama
/// voice (SQLite runs one writer at a time; PostgreSQL's schema takes turns).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drama_voice_counts_a_track_saved_at_the_same_moment() {
    let Some(postgres) = support::postgres::database("reviews_turns").await else {
        return;
    };
    let db = Database::Postgres(postgres.pool.clone());
    catalog(&db).await;
    let member = UserId::new(30);
    let mut other_process = postgres.pool.begin().await.expect("a transaction");
    sqlx::query(
        "INSERT INTO reviews (guild_id, member_id, drama_id, track_key, score, created_at,
             updated_at)
         VALUES ($1, $2, 101, 201, 9, 0, 0)",
    )
    .bind(HERE)
    .bind(member)
    .execute(&mut *other_process)
    .await
    .expect("saved, not committed");
    let writer = Writer::new(db.clone());
    let second = draft(HERE, member, track(BEAUTIFUL), 6, None);
    let second = tokio::spawn(async move { reviews::save(&writer, &second, minute(1)).await });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!second.is_finished(), "the second save waits for the first");
    other_process.commit().await.expect("committed");
    second.await.expect("task").expect("saved");
    let profile = reviews::profile(&db, HERE, member).await.expect("profile");
    assert_eq!(
        profile.favourites,
        [(GOBLIN, 7.5)],
        "the mean of both tracks"
    );
    assert_aggregates_follow_reviews(&db).await;
    postgres.drop().await;
}
