//! Members' suggestions and the moderators' queue on a real SQLite file:
//! the console flow (suggest, approve from the queue, found in that server
//! only), duplicates, bad input that stores nothing, the limits, two
//! moderators approving at once, refusals of members, and the buttons and
//! forms through the real dispatcher with every body checked against
//! Discord's schema.

mod support;

use chrono::{Duration, Utc};
use ostbot::catalog::export::{self, ExportFilter};
use ostbot::catalog::search::SearchFilter;
use ostbot::catalog::suggestions::{
    self, DramaChoice, Moderator, NewSuggestion, Suggested, SuggestionError, SuggestionId,
};
use ostbot::catalog::{self, DramaId};
use ostbot::clock::ManualClock;
use ostbot::ids::{GuildId, UserId};
use ostbot::polls::{Creator, NewOption, NewPoll};
use ostbot::reviews::{scores, Target};
use ostbot::transport::console::Console;
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use std::sync::Arc;
use support::{buttons, is_ephemeral, review, s, send, sub};

async fn say(console: &mut Console, lines: &str) -> String {
    let mut out = Vec::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.extend(console.line(line).await);
    }
    out.join("\n")
}

#[tokio::test]
async fn a_member_suggests_a_moderator_approves_and_only_that_server_finds_it() {
    let (bot, _recorder, _dir) = support::bot().await;
    let mut console = Console::new(bot, false);
    let out = say(
        &mut console,
        ":as jisoo
         /suggest track drama:Goblin title:Moonlit Corridor singers:찬열, 펀치 part:15",
    )
    .await;
    assert!(
        out.contains("Suggestion #1") && out.contains("1 of 10"),
        "{out}"
    );
    let out = say(&mut console, "/track query:moonlit corridor").await;
    assert!(
        !out.contains("Artists: 찬열, 펀치"),
        "not in the catalog before approval: {out}"
    );

    let out = say(&mut console, ":as hana mod\n/catalog queue\n:click Approve").await;
    assert!(out.contains("Approved: **Moonlit Corridor**"), "{out}");
    assert!(
        out.contains("[follow-up, only the member it answers can see this] Your suggestion **Moonlit Corridor** was approved"),
        "the member hears of it on their /suggest: {out}"
    );
    let out = say(&mut console, ":as mina\n/track query:moonlit corridor").await;
    assert!(
        out.contains("**Moonlit Corridor**") && out.contains("펀치"),
        "{out}"
    );
    assert!(out.contains("Pt. 15"), "{out}");
    let out = say(&mut console, "/track query:punch moonlit").await;
    assert!(
        out.contains("**Moonlit Corridor**"),
        "found by the second singer: {out}"
    );

    let out = say(
        &mut console,
        ":guild Elsewhere\n/track query:moonlit corridor",
    )
    .await;
    assert!(
        !out.contains("**Moonlit Corridor**"),
        "another server's catalog: {out}"
    );
    // A duplicate shows the card, and stores nothing.
    let before = support::count(&console.bot().pool, "SELECT COUNT(*) FROM suggestions").await;
    let out = say(
        &mut console,
        ":guild OST Lovers\n:as jisoo\n/suggest track drama:Goblin title:moonlit  corridor",
    )
    .await;
    assert!(out.contains("The catalog has this track already"), "{out}");
    assert!(out.contains("**Moonlit Corridor**"), "{out}");
    assert_eq!(
        support::count(&console.bot().pool, "SELECT COUNT(*) FROM suggestions").await,
        before
    );
    let out = say(&mut console, "/suggest mine").await;
    assert!(
        out.contains("#1** Moonlit Corridor") && out.contains("approved"),
        "{out}"
    );
}

fn new(guild: u64, member: u64, drama: DramaChoice, title: &str) -> NewSuggestion {
    NewSuggestion {
        guild: GuildId::new(guild),
        member: UserId::new(member),
        member_name: format!("m{member}"),
        locale: "en-US".into(),
        drama,
        title: title.into(),
        singers: None,
        ost_part: None,
        link: None,
        notify_dm: false,
    }
}

async fn goblin(pool: &ostbot::db::Database) -> DramaChoice {
    let drama = catalog::get_drama(pool, DramaId::new(1), None)
        .await
        .unwrap()
        .expect("a shipped drama");
    DramaChoice::Existing(drama)
}

fn suggestion_error(error: ostbot::Error) -> SuggestionError {
    match error {
        ostbot::Error::Suggestion(e) => e,
        other => panic!("not a suggestion error: {other:?}"),
    }
}

#[tokio::test]
async fn limits_ten_open_and_a_pause_after_five_rejections_in_a_row() {
    let (bot, _recorder, _dir) = support::bot().await;
    let pool = &bot.pool;
    let drama = goblin(pool).await;
    let now = Utc::now();
    for n in 0..10 {
        let made = suggestions::suggest(pool, &new(1, 7, drama.clone(), &format!("Song {n}")), now)
            .await
            .unwrap();
        assert!(matches!(made, Suggested::Stored { .. }));
    }
    let error = suggestions::suggest(pool, &new(1, 7, drama.clone(), "Song 10"), now)
        .await
        .unwrap_err();
    assert_eq!(
        suggestion_error(error),
        SuggestionError::TooManyOpen { open: 10 }
    );
    // Another server has its own count, and its own queue.
    suggestions::suggest(pool, &new(2, 7, drama.clone(), "Song 0"), now)
        .await
        .unwrap();
    assert_eq!(
        suggestions::queue(pool, GuildId::new(2), 0, 10)
            .await
            .unwrap()
            .1,
        1
    );

    let mods = Moderator {
        id: UserId::new(99),
        name: "hana".into(),
    };
    let (open, _) = suggestions::queue(pool, GuildId::new(1), 0, 10)
        .await
        .unwrap();
    for s in &open[..5] {
        suggestions::reject(pool, GuildId::new(1), s.id, &mods, Some("no"), now)
            .await
            .unwrap();
    }
    let error = suggestions::suggest(pool, &new(1, 7, drama.clone(), "Song 11"), now)
        .await
        .unwrap_err();
    match suggestion_error(error) {
        SuggestionError::Paused { until } => assert_eq!(until, now_ms(now) + Duration::hours(24)),
        other => panic!("{other:?}"),
    }
    let later = now + Duration::hours(25);
    suggestions::suggest(pool, &new(1, 7, drama.clone(), "Song 11"), later)
        .await
        .expect("a day later the member may suggest again");
    // An approval breaks the streak.
    suggestions::approve(pool, GuildId::new(1), open[5].id, &mods, later)
        .await
        .unwrap();
}

fn now_ms(t: chrono::DateTime<Utc>) -> chrono::DateTime<Utc> {
    chrono::DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap()
}

#[tokio::test]
async fn two_moderators_approving_at_once_give_one_entry() {
    let (bot, _recorder, _dir) = support::bot().await;
    let pool = bot.pool.clone();
    let drama = goblin(&pool).await;
    let made = suggestions::suggest(&pool, &new(1, 7, drama, "Twice Pressed"), Utc::now())
        .await
        .unwrap();
    let Suggested::Stored { suggestion, .. } = made else {
        panic!("stored")
    };
    let id = suggestion.id;
    let approve = |name: &'static str, by: u64| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let by = Moderator {
                id: UserId::new(by),
                name: name.into(),
            };
            suggestions::approve(&pool, GuildId::new(1), id, &by, Utc::now()).await
        })
    };
    let (a, b) = tokio::join!(approve("hana", 90), approve("minho", 91));
    let results = [a.unwrap(), b.unwrap()];
    let won = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(won, 1, "{results:?}");
    let lost = results
        .into_iter()
        .find_map(Result::err)
        .expect("one refused");
    match suggestion_error(lost) {
        SuggestionError::AlreadyDecided(d) => {
            assert!(["hana", "minho"].contains(&d.by_name.as_str()))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        support::count(
            &pool,
            "SELECT COUNT(*) FROM tracks WHERE title = 'Twice Pressed'"
        )
        .await,
        1
    );
}

#[tokio::test]
async fn bad_suggestions_get_a_friendly_ephemeral_error_and_store_nothing() {
    let (bot, _recorder, _dir) = support::bot().await;
    let member = Actor::new("OST Lovers", "general", "jisoo", false);
    let long = "x".repeat(500);
    let cases: Vec<(Vec<Value>, &str)> = vec![
        (vec![s("drama", "id:1"), s("title", "   ")], "title"),
        (vec![s("drama", "id:1"), s("title", &long)], "200"),
        (
            vec![
                s("drama", "id:1"),
                s("title", "Song"),
                s("link", "http://x.example"),
            ],
            "https://",
        ),
        (
            vec![s("drama", "new:  "), s("title", "Song")],
            "Choose a drama",
        ),
        (vec![s("drama", "id:99999999"), s("title", "Song")], ""),
    ];
    for (options, says) in cases {
        let body = send(
            &bot,
            member.command("suggest", sub("track", options.clone()), json!({})),
        )
        .await;
        assert!(is_ephemeral(&body), "{options:?}: {body}");
        let text = body["data"]["content"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(text.contains(says), "{options:?}: {text}");
        assert!(!text.contains("went wrong"), "{options:?}: {text}");
    }
    assert_eq!(
        support::count(&bot.pool, "SELECT COUNT(*) FROM suggestions").await,
        0
    );
    // A name that tries to ping stays text; nothing the bot sends pings.
    let pinger = Actor::new("OST Lovers", "general", "@everyone", false);
    let options = vec![s("drama", "id:1"), s("title", "<@&123> @here Song")];
    let body = send(
        &bot,
        pinger.command("suggest", sub("track", options), json!({})),
    )
    .await;
    assert_eq!(
        body["data"]["allowed_mentions"]["parse"],
        json!([]),
        "{body}"
    );
    assert!(!body.to_string().contains("<@&123>"), "{body}");
}

#[tokio::test]
async fn the_queue_buttons_and_forms_through_the_dispatcher() {
    let (mut bot, recorder, _dir) = support::bot().await;
    let clock = Arc::new(ManualClock::new(Utc::now()));
    bot.clock = clock.clone();
    let member = Actor::new("OST Lovers", "general", "jisoo", false);
    let moderator = Actor::new("OST Lovers", "general", "hana", true);
    let feed = simulated::resolved_channel(member.channel_id, "general");
    let options = sub(
        "catalog-channel",
        vec![json!({ "name": "channel", "type": 7, "value": member.channel_id.to_string() })],
    );
    let body = send(
        &bot,
        moderator.command(
            "config",
            options,
            json!({ "channels": { member.channel_id.to_string(): feed } }),
        ),
    )
    .await;
    assert!(body.to_string().contains("will be posted in"), "{body}");

    let suggest = |title: &str| {
        member.command(
            "suggest",
            sub(
                "track",
                vec![s("drama", "id:1"), s("title", title), s("singers", "Punch")],
            ),
            json!({}),
        )
    };
    send(&bot, suggest("First Light")).await;
    send(&bot, suggest("Second Wind")).await;
    let posts = recorder.posts();
    assert_eq!(
        posts.len(),
        2,
        "each new suggestion is posted for moderators"
    );
    support::valid(
        support::schema::Method::Post,
        "/channels/{channel_id}/messages",
        &posts[0].body,
    );
    assert!(
        posts[0].body.to_string().contains("suggest:approve:1"),
        "{}",
        posts[0].body
    );

    let queue = send(
        &bot,
        moderator.command("catalog", sub("queue", vec![]), json!({})),
    )
    .await;
    assert!(is_ephemeral(&queue));
    let ids = buttons(&queue);
    assert!(ids.contains(&"suggest:approve:1".to_owned()), "{ids:?}");
    assert!(ids.contains(&"suggest:queue:1".to_owned()), "{ids:?}");
    let message = simulated::message(1, member.channel_id, "", json!([]), json!([]));

    // A member pressing Approve (on the posted message) is refused; nothing changes.
    let body = send(
        &bot,
        member.component("suggest:approve:1", None, message.clone()),
    )
    .await;
    assert!(
        is_ephemeral(&body) && body.to_string().contains("Manage Server"),
        "{body}"
    );
    assert_eq!(
        support::count(
            &bot.pool,
            "SELECT COUNT(*) FROM suggestions WHERE state = 'open'"
        )
        .await,
        2
    );

    // Edit opens a form with the fields filled in; submitting changes only them.
    let form = send(
        &bot,
        moderator.component("suggest:edit:1", None, message.clone()),
    )
    .await;
    assert_eq!(form["type"], 9, "a modal: {form}");
    assert!(form.to_string().contains("First Light") && form.to_string().contains("Punch"));
    let fields = [
        ("title".to_owned(), "First Light (Acoustic)".to_owned()),
        ("part".to_owned(), "3".to_owned()),
    ];
    let body = send(&bot, moderator.modal_submit("suggest:editform:1", &fields)).await;
    assert!(body.to_string().contains("is changed"), "{body}");
    let edited = suggestions::get(
        &bot.pool,
        GuildId::new(member.guild_id),
        SuggestionId::new(1),
    )
    .await
    .unwrap();
    assert_eq!(
        (
            edited.title.as_str(),
            edited.ost_part,
            edited.singers.as_deref()
        ),
        ("First Light (Acoustic)", Some(3), Some("Punch"))
    );
    let body = send(
        &bot,
        moderator.modal_submit("suggest:editform:1", &[("part".into(), "three".into())]),
    )
    .await;
    assert!(
        is_ephemeral(&body) && body.to_string().contains("0 to 100"),
        "{body}"
    );

    let body = send(
        &bot,
        moderator.component("suggest:approve:1", None, message.clone()),
    )
    .await;
    assert_eq!(body["type"], 7, "the message updates: {body}");
    assert!(
        buttons(&body).is_empty(),
        "a decided suggestion has no buttons: {body}"
    );
    clock.advance(Duration::minutes(5));
    let again = send(
        &bot,
        moderator.component("suggest:approve:1", None, message.clone()),
    )
    .await;
    assert!(is_ephemeral(&again), "{again}");
    let text = again.to_string();
    assert!(
        text.contains("decided already") && text.contains("hana"),
        "who decided: {again}"
    );

    let form = send(
        &bot,
        moderator.component("suggest:reject:2", None, message.clone()),
    )
    .await;
    assert_eq!(form["type"], 9, "{form}");
    let body = send(
        &bot,
        moderator.modal_submit(
            "suggest:rejectform:2",
            &[("reason".into(), "Not an OST".into())],
        ),
    )
    .await;
    assert!(body.to_string().contains("Turned down"), "{body}");
    let mine = send(
        &bot,
        member.command("suggest", sub("mine", vec![]), json!({})),
    )
    .await;
    let text = mine.to_string();
    assert!(
        text.contains("approved") && text.contains("Not an OST"),
        "{mine}"
    );
    let empty = send(
        &bot,
        moderator.command("catalog", sub("queue", vec![]), json!({})),
    )
    .await;
    assert!(
        empty.to_string().contains("No suggestion is waiting"),
        "{empty}"
    );
    let body = send(
        &bot,
        moderator.component("suggest:approve:77", None, message),
    )
    .await;
    assert!(body.to_string().contains("no suggestion #77"), "{body}");
}

async fn approved(pool: &ostbot::db::Database, s: NewSuggestion) -> catalog::TrackId {
    let guild = s.guild;
    let Suggested::Stored { suggestion, .. } =
        suggestions::suggest(pool, &s, Utc::now()).await.unwrap()
    else {
        panic!("stored")
    };
    let by = Moderator {
        id: UserId::new(90),
        name: "hana".into(),
    };
    suggestions::approve(pool, guild, suggestion.id, &by, Utc::now())
        .await
        .unwrap()
        .1
}

fn track(drama: DramaId, track: catalog::TrackId) -> Target {
    Target::Track { drama, track }
}

/// `ostbot import` of `text` into the global catalog, as the operator runs it.
async fn import_global(
    pool: &ostbot::db::Database,
    name: &str,
    text: &str,
) -> catalog::import::ImportReport {
    let none = |_: usize, _: usize| {};
    catalog::import::import_bytes(
        pool,
        catalog::Scope::Global,
        None,
        name,
        text.as_bytes(),
        &none,
    )
    .await
    .unwrap()
}

async fn track_of(pool: &ostbot::db::Database, id: catalog::TrackId) -> catalog::Track {
    catalog::get_track(pool, id, None)
        .await
        .unwrap()
        .expect("global track")
}

async fn mean(
    pool: &ostbot::db::Database,
    guild: u64,
    kind: catalog::Kind,
    id: i64,
) -> Option<f64> {
    let scope = scores::Scope::Guild(GuildId::new(guild));
    scores::summary(pool, scope, kind, id)
        .await
        .unwrap()
        .map(|s| s.mean)
}

#[tokio::test]
async fn an_export_then_an_import_makes_local_approvals_global_with_their_reviews() {
    let (bot, _recorder, _dir) = support::bot().await;
    let pool = bot.pool.clone();
    let moving = || DramaChoice::New("Moving Lights".into());
    let mut in_one = new(1, 7, moving(), "Paper Moon");
    in_one.singers = Some("린, 펀치".into());
    in_one.ost_part = Some(2);
    let local_one = approved(&pool, in_one).await;
    let local_two = approved(&pool, new(2, 8, moving(), "paper moon")).await;
    let goblin_local = approved(&pool, new(1, 9, goblin(&pool).await, "Snowfall Letter")).await;
    let one = track_of_guild(&pool, local_one, 1).await;
    let two = track_of_guild(&pool, local_two, 2).await;
    review(&bot, 1, 7, track(one.drama_id, one.id), 8).await;
    review(&bot, 1, 8, Target::Drama(one.drama_id), 6).await;
    review(&bot, 2, 7, track(two.drama_id, two.id), 4).await;
    review(&bot, 1, 9, track(DramaId::new(1), goblin_local), 10).await;
    let poll = ostbot::polls::create(
        &pool,
        &NewPoll {
            guild: GuildId::new(1),
            channel: ostbot::ids::ChannelId::new(5),
            creator: Creator::Member(UserId::new(7)),
            question: "Song of the week?".into(),
            options: vec![
                NewOption {
                    label: "Paper Moon".into(),
                    track: Some(local_one),
                },
                NewOption {
                    label: "Other".into(),
                    track: None,
                },
            ],
            multi: false,
            anonymous: false,
            hide_results: false,
            created_at: Utc::now(),
            closes_at: Utc::now() + Duration::days(1),
            weekly_cycle: None,
        },
    )
    .await
    .unwrap();

    // A /catalog fetch matched the copy in server 1 and gave it its MusicBrainz id.
    ostbot_core::on_db!(&pool, |e| sqlx::query(
        "UPDATE tracks SET mb_recording = 'b1a9c0e9-0000-4000-8000-000000000001' WHERE id = $1",
    )
    .bind(local_one)
    .execute(e)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();
    let filter = ExportFilter {
        approved_only: true,
        since: None,
    };
    let exported = export::suggested(&pool, filter).await.unwrap();
    assert_eq!(exported.dramas.len(), 1, "{exported:?}");
    assert_eq!(exported.dramas[0].local_in, ["1", "2"]);
    assert_eq!(exported.tracks.len(), 2, "one row per entry: {exported:?}");
    let paper = exported
        .tracks
        .iter()
        .find(|t| t.title == "Paper Moon")
        .unwrap();
    assert_eq!((paper.local_in.len(), paper.ost_part), (2, Some(2)));

    let dramas = import_global(&pool, "export.dramas.csv", &exported.dramas_csv().unwrap()).await;
    let tracks = import_global(&pool, "export.csv", &exported.tracks_csv().unwrap()).await;
    assert_eq!((dramas.inserted, dramas.merged), (1, 2));
    assert_eq!((tracks.inserted, tracks.merged), (2, 3));
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM tracks WHERE scope <> 0").await,
        0,
        "the local copies are gone"
    );
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM dramas WHERE scope <> 0").await,
        0
    );

    let global: (catalog::TrackId, DramaId) = ostbot_core::on_db!(&pool, |e| sqlx::query_as(
        "SELECT id, drama_id FROM tracks WHERE scope = 0 AND title = 'Paper Moon'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let (track, drama) = global;
    let t = track.to_i64_bits();
    let mbid: Option<String> = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT mb_recording FROM tracks WHERE id = $1"
    )
    .bind(track)
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(
        mbid.as_deref(),
        Some("b1a9c0e9-0000-4000-8000-000000000001"),
        "kept for later fetches"
    );
    let d = drama.to_i64_bits();
    assert_eq!(mean(&pool, 1, catalog::Kind::Track, t).await, Some(8.0));
    assert_eq!(mean(&pool, 2, catalog::Kind::Track, t).await, Some(4.0));
    assert_eq!(
        mean(&pool, 1, catalog::Kind::Drama, d).await,
        Some(7.0),
        "8 and 6"
    );
    let all = scores::summary(&pool, scores::Scope::AllServers, catalog::Kind::Track, t)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((all.voices, all.mean), (2, 6.0));
    let snow: catalog::TrackId = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE title = 'Snowfall Letter'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(track_of(&pool, snow).await.drama_id, DramaId::new(1));
    assert_eq!(
        mean(&pool, 1, catalog::Kind::Track, snow.to_i64_bits()).await,
        Some(10.0)
    );
    let poll = ostbot::polls::get(&pool, poll).await.unwrap().unwrap();
    assert_eq!(
        poll.options[0].track,
        Some(track),
        "the poll names the global entry"
    );
    let credited = catalog::credits::credits_of(&pool, &[track]).await.unwrap();
    assert_eq!(credited.get(&track).map(Vec::len), Some(2), "both singers");

    // Any server finds it now, by its second singer too.
    let anywhere = SearchFilter {
        kind: Some(catalog::Kind::Track),
        scope: Some(catalog::Scope::Guild(GuildId::new(3)).to_db()),
        drama: None,
    };
    let hits = catalog::search::search(&pool, "paper moon punch", anywhere, 5)
        .await
        .unwrap();
    assert_eq!(hits.first().map(|h| h.id), Some(t), "{hits:?}");
    // A second import of the same file changes nothing and merges nothing.
    let again = import_global(&pool, "export.csv", &exported.tracks_csv().unwrap()).await;
    assert_eq!((again.inserted, again.updated, again.merged), (0, 0, 0));
}

#[tokio::test]
async fn a_member_who_reviewed_both_copies_keeps_the_newer_review() {
    let (bot, _recorder, _dir) = support::bot().await;
    let pool = bot.pool.clone();
    let local = approved(&pool, new(1, 7, goblin(&pool).await, "Twin Review")).await;
    let slug = track_of_guild(&pool, local, 1).await.slug;
    let drama = DramaId::new(1);
    // The operator made the same entry global before importing the export.
    let drama_slug: String = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT slug FROM dramas WHERE id = 1"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let global_csv = format!("id,drama_id,title\n{slug},{drama_slug},Twin Review\n");
    assert_eq!(
        import_global(&pool, "g.csv", &global_csv).await.merged,
        0,
        "no local_in, no merge"
    );
    let global: catalog::TrackId = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE slug = $1 AND scope = 0"
    )
    .bind(&slug)
    .fetch_one(e)
    .await)
    .unwrap();
    let later = || tokio::time::sleep(std::time::Duration::from_millis(5));
    review(&bot, 1, 7, track(drama, global), 3).await;
    review(&bot, 1, 8, track(drama, local), 5).await;
    later().await;
    review(&bot, 1, 7, track(drama, local), 9).await;
    review(&bot, 1, 8, track(drama, global), 6).await;
    review(&bot, 1, 9, track(drama, global), 2).await;

    let json = export::suggested(&pool, ExportFilter::default())
        .await
        .unwrap()
        .to_json();
    let report = import_global(&pool, "export.json", &json).await;
    assert_eq!((report.merged, report.inserted), (1, 0), "{report:?}");
    let kept: Vec<(i64, i64)> = ostbot_core::on_db!(&pool, |e| sqlx::query_as(
        "SELECT member_id, score FROM reviews WHERE guild_id = 1 AND track_key = $1 ORDER BY member_id",
    )
    .bind(global)
    .fetch_all(e).await)
    .unwrap();
    assert_eq!(
        kept,
        [(7, 9), (8, 6), (9, 2)],
        "the newer review of each member"
    );
    let summary = scores::summary(
        &pool,
        scores::Scope::Guild(GuildId::new(1)),
        catalog::Kind::Track,
        global.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!((summary.voices, summary.mean), (3, 17.0 / 3.0));
}

async fn track_of_guild(
    pool: &ostbot::db::Database,
    id: catalog::TrackId,
    guild: u64,
) -> catalog::Track {
    catalog::get_track(pool, id, Some(GuildId::new(guild)))
        .await
        .unwrap()
        .expect("the server's track")
}
