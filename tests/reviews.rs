//! Reviews and community scores end to end on a real SQLite file: the
//! numbers on hand-checked examples (one voice per member, mean, median,
//! spread, histogram, Bayesian rank), edits, deletes, moderator removal,
//! guild isolation, forget-me, export, and the commands, buttons and forms
//! through the real dispatcher and the console.

use async_trait::async_trait;
use ostbot::bot::announcer::{AnnounceError, Announcer};
use ostbot::bot::{self, Bot, Message};
use ostbot::catalog::{DramaId, Kind, TrackId};
use ostbot::guild_settings::{self, GuildSettings};
use ostbot::ids::{ChannelId, GuildId, MessageId, UserId};
use ostbot::reviews::scores::{self, Filter, Period, Scope};
use ostbot::reviews::{self, NewReview, ReviewText, Score, Target};
use ostbot::transport::console::Console;
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tempfile::TempDir;

/// Records what the bot posts; can be told to fail.
#[derive(Default)]
struct Recorder {
    posts: Mutex<Vec<(ChannelId, Value)>>,
    fail: Mutex<bool>,
}

#[async_trait]
impl Announcer for Recorder {
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        _nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        if *self.fail.lock().unwrap() {
            return Err(AnnounceError::MissingAccess("no send permission".into()));
        }
        let body = serde_json::to_value(message.to_create_message()).unwrap();
        let mut posts = self.posts.lock().unwrap();
        posts.push((channel, body));
        Ok(MessageId(posts.len() as u64))
    }

    async fn edit(&self, _: ChannelId, _: MessageId, _: &Message) -> Result<(), AnnounceError> {
        Ok(())
    }
}

async fn bot() -> (Bot, Arc<Recorder>, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("ostbot.db").display());
    let pool = ostbot::app::open_database(&url).await.unwrap();
    let mut bot = ostbot::app::offline_bot(pool);
    let recorder = Arc::new(Recorder::default());
    bot.announcer = recorder.clone();
    (bot, recorder, dir)
}

/// A shipped drama given three tracks of its own (the shipped catalog
/// carries one track per drama at most): (drama, its tracks).
async fn drama_with_tracks(bot: &Bot, skip: i64) -> (DramaId, Vec<TrackId>) {
    let (drama,): (i64,) =
        sqlx::query_as("SELECT id FROM dramas WHERE scope = 0 ORDER BY id LIMIT 1 OFFSET ?")
            .bind(skip * 7 + 3)
            .fetch_one(&bot.pool)
            .await
            .unwrap();
    for n in 1..=3 {
        sqlx::query(
            "INSERT INTO tracks (scope, slug, drama_id, title, artist, ost_part)
             VALUES (0, ?, ?, ?, 'Test Singer', ?)",
        )
        .bind(format!("test-{drama}-{n}"))
        .bind(drama)
        .bind(format!("Test Song {n}"))
        .bind(n)
        .execute(&bot.pool)
        .await
        .unwrap();
    }
    let tracks: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM tracks WHERE drama_id = ? AND slug LIKE 'test-%' ORDER BY id",
    )
    .bind(drama)
    .fetch_all(&bot.pool)
    .await
    .unwrap();
    (
        DramaId(drama),
        tracks.into_iter().map(|(t,)| TrackId(t)).collect(),
    )
}

async fn review_count(bot: &Bot) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM reviews")
        .fetch_one(&bot.pool)
        .await
        .unwrap()
}

/// Everything stored about reviews, to show that refused input changed nothing.
async fn snapshot(bot: &Bot) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT 'r' || id || '|' || guild_id || '|' || member_id || '|' || drama_id || '|' || track_key
             || '|' || score || '|' || coalesce(body, '') || '|' || spoiler || '|' || updated_at FROM reviews",
        "SELECT 'h' || review_id || '|' || score || '|' || coalesce(body, '') FROM review_history",
        "SELECT 'x' || review_id || '|' || removed_by FROM review_removals",
        "SELECT 'v' || guild_id || '|' || kind || '|' || target_id || '|' || member_id || '|' || voice FROM voices",
        "SELECT 't' || guild_id || '|' || kind || '|' || target_id || '|' || voices || '|' || total || '|'
             || h1 || h2 || h3 || h4 || h5 || h6 || h7 || h8 || h9 || h10 FROM score_totals",
    ] {
        let rows: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&bot.pool).await.unwrap();
        out.extend(rows.into_iter().map(|(r,)| r));
    }
    out.sort();
    out
}

async fn send(bot: &Bot, payload: Value) -> Value {
    bot::dispatch_json(bot, payload.to_string().as_bytes())
        .await
        .unwrap()
        .to_json()
}

/// The response and the bytes of its attachments.
async fn send_with_files(bot: &Bot, payload: Value) -> (Value, Vec<(String, Vec<u8>)>) {
    let response = bot::dispatch_json(bot, payload.to_string().as_bytes())
        .await
        .unwrap();
    let files = response
        .files()
        .iter()
        .map(|f| (f.filename.clone(), f.data.clone()))
        .collect();
    (response.to_json(), files)
}

fn is_ephemeral(body: &Value) -> bool {
    body["data"]["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

fn s(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

fn i(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

fn b(name: &str, value: bool) -> Value {
    json!({ "name": name, "type": 5, "value": value })
}

fn id(n: i64) -> String {
    format!("id:{n}")
}

async fn review(
    bot: &Bot,
    guild: u64,
    member: u64,
    target: Target,
    score: i64,
) -> ostbot::reviews::Review {
    let new = NewReview {
        guild: GuildId(guild),
        member: UserId(member),
        member_name: format!("m{member}"),
        target,
        score: Score::new(score).unwrap(),
        text: None,
        spoiler: false,
    };
    reviews::save(&bot.pool, &new, bot.clock.now())
        .await
        .unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

/// The custom ids of every button in a reply body.
fn buttons(body: &Value) -> Vec<String> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test]
async fn one_voice_per_member_and_hand_checked_numbers() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let g = 1;
    let (t1, t2) = (t[0], t[1]);
    let track = |track| Target::Track { drama: d, track };
    // minji: whole OST 9 and track 1 at 4 → her drama voice is 9.
    review(&bot, g, 10, Target::Drama(d), 9).await;
    review(&bot, g, 10, track(t1), 4).await;
    // jisoo: tracks only, 6 and 9 → her drama voice is 7.5.
    review(&bot, g, 11, track(t1), 6).await;
    review(&bot, g, 11, track(t2), 9).await;
    // hana: whole OST 6.
    review(&bot, g, 12, Target::Drama(d), 6).await;

    let drama = scores::summary(&bot.pool, Scope::Guild(GuildId(g)), Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    // Voices 9, 7.5, 6: mean 7.5, median 7.5, spread sqrt(1.5).
    assert_eq!(drama.voices, 3);
    assert!(close(drama.mean, 7.5));
    assert!(close(drama.median, 7.5));
    assert!(close(drama.spread, 1.5f64.sqrt()));
    // 7.5 counts at 8 (halves up).
    assert_eq!(drama.histogram, [0, 0, 0, 0, 0, 1, 0, 1, 1, 0]);
    assert_eq!(
        Some(drama.clone()).map(|s| s.histogram),
        scores::summarize(&[9.0, 7.5, 6.0]).map(|s| s.histogram)
    );

    let t1_score = scores::summary(&bot.pool, Scope::Guild(GuildId(g)), Kind::Track, t1.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t1_score.voices, 2);
    assert!(close(t1_score.mean, 5.0));
    assert!(close(t1_score.median, 5.0));
    assert!(close(t1_score.spread, 1.0));

    // jisoo changes her mind on track 2: 9 → 5; her drama voice is now 5.5.
    let edited = review(&bot, g, 11, track(t2), 5).await;
    assert_eq!(edited.edits, 1);
    let history = reviews::history(&bot.pool, edited.id).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].score.get(), 9);
    let drama = scores::summary(&bot.pool, Scope::Guild(GuildId(g)), Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(drama.voices, 3);
    assert!(close(drama.mean, (9.0 + 5.5 + 6.0) / 3.0));
    assert!(close(drama.median, 6.0));

    // hana deletes her review: voices 9 and 5.5 remain.
    let hana = reviews::find(&bot.pool, GuildId(g), UserId(12), Target::Drama(d))
        .await
        .unwrap()
        .unwrap();
    reviews::delete_own(&bot.pool, GuildId(g), UserId(12), hana.id, bot.clock.now())
        .await
        .unwrap();
    let drama = scores::summary(&bot.pool, Scope::Guild(GuildId(g)), Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(drama.voices, 2);
    assert!(close(drama.median, 7.25));
    // minji cannot delete jisoo's review.
    assert!(reviews::delete_own(
        &bot.pool,
        GuildId(g),
        UserId(10),
        edited.id,
        bot.clock.now()
    )
    .await
    .is_err());
    // The incremental aggregates equal a recount from the reviews.
    let recount = scores::summarize(&[9.0, 5.5]).unwrap();
    assert!(close(drama.mean, recount.mean));
    assert!(close(drama.spread, recount.spread));
    assert_eq!(drama.histogram, recount.histogram);
}

#[tokio::test]
async fn bayesian_rank_keeps_a_lone_ten_below_a_well_loved_drama() {
    let (bot, _rec, _dir) = bot().await;
    let g = 7;
    let (d1, _) = drama_with_tracks(&bot, 0).await;
    let (d2, _) = drama_with_tracks(&bot, 1).await;
    let (d3, _) = drama_with_tracks(&bot, 2).await;
    review(&bot, g, 1, Target::Drama(d1), 10).await;
    for m in 0..20 {
        review(&bot, g, 100 + m, Target::Drama(d2), 9).await;
    }
    for m in 0..10 {
        review(&bot, g, 200 + m, Target::Drama(d3), 4).await;
    }
    // C = (10 + 180 + 40) / 31; m = 5 (the default).
    let c = 230.0 / 31.0;
    let filter = Filter {
        kind: Kind::Drama,
        period: Period::AllTime,
        year: None,
        genre: None,
        min_voices: 1,
    };
    let (rows, total) =
        scores::leaderboard(&bot.pool, GuildId(g), &filter, 5, bot.clock.now(), 0, 10)
            .await
            .unwrap();
    assert_eq!(total, 3);
    let order: Vec<i64> = rows.iter().map(|r| r.target).collect();
    assert_eq!(order, vec![d2.0, d1.0, d3.0]);
    assert!(close(rows[0].weighted, (180.0 + 5.0 * c) / 25.0));
    assert!(close(rows[1].weighted, (10.0 + 5.0 * c) / 6.0));
    assert!(close(rows[2].weighted, (40.0 + 5.0 * c) / 15.0));
    // With m = 0 the plain mean ranks the lone 10 first.
    let (rows, _) = scores::leaderboard(&bot.pool, GuildId(g), &filter, 0, bot.clock.now(), 0, 10)
        .await
        .unwrap();
    assert_eq!(rows[0].target, d1.0);
    // A minimum of 2 voices drops it; paging skips.
    let strict = Filter {
        min_voices: 2,
        ..filter.clone()
    };
    let (rows, total) =
        scores::leaderboard(&bot.pool, GuildId(g), &strict, 5, bot.clock.now(), 1, 10)
            .await
            .unwrap();
    assert_eq!(total, 2);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].rank, 2);
    assert_eq!(rows[0].target, d3.0);
    // The last-30-days period counts the same fresh voices.
    let recent = Filter {
        period: Period::Last30Days,
        ..filter
    };
    let (rows, total) =
        scores::leaderboard(&bot.pool, GuildId(g), &recent, 5, bot.clock.now(), 0, 10)
            .await
            .unwrap();
    assert_eq!(total, 3);
    assert_eq!(rows[0].target, d2.0);
}

#[tokio::test]
async fn servers_keep_their_own_scores_and_share_only_aggregates() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    review(&bot, 1, 10, Target::Drama(d), 10).await;
    review(&bot, 2, 10, Target::Drama(d), 4).await;
    review(&bot, 2, 11, Target::Drama(d), 6).await;
    let one = scores::summary(&bot.pool, Scope::Guild(GuildId(1)), Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    let two = scores::summary(&bot.pool, Scope::Guild(GuildId(2)), Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    let all = scores::summary(&bot.pool, Scope::AllServers, Kind::Drama, d.0)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((one.voices, two.voices, all.voices), (1, 2, 3));
    assert!(close(one.mean, 10.0));
    assert!(close(two.mean, 5.0));
    assert!(close(all.mean, 20.0 / 3.0));
    assert!(close(all.median, 6.0));
    let (listed, total) = reviews::list(&bot.pool, GuildId(2), reviews::Listing::Drama(d), 0, 10)
        .await
        .unwrap();
    assert_eq!(total, 2);
    assert!(listed.iter().all(|r| r.guild == GuildId(2)));
    // A review id from another server cannot be deleted or removed here.
    let other = reviews::find(&bot.pool, GuildId(1), UserId(10), Target::Drama(d))
        .await
        .unwrap()
        .unwrap();
    assert!(
        reviews::delete_own(&bot.pool, GuildId(2), UserId(10), other.id, bot.clock.now())
            .await
            .is_err()
    );
    assert!(reviews::remove(
        &bot.pool,
        GuildId(2),
        other.id,
        UserId(99),
        None,
        bot.clock.now()
    )
    .await
    .is_err());
    assert_eq!(review_count(&bot).await, 3);
}

#[tokio::test]
async fn review_command_saves_shows_and_posts_to_the_feed() {
    let (bot, rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    let mut settings = GuildSettings::defaults(GuildId(minji.guild_id));
    settings.review_feed = Some(ChannelId(4242));
    guild_settings::save(&bot.pool, &settings).await.unwrap();

    let body = send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.0)),
                s("track", &id(t[0].0)),
                i("score", 8),
                s("text", "Ending twist @everyone ||gotcha|| <@123>"),
                b("spoiler", true)
            ]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body), "{body}");
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
    let description = body["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(description.starts_with("||") && description.ends_with("||"));
    assert!(!description.contains("@everyone"));
    assert!(description.contains("\\|\\|gotcha\\|\\|"));
    let delete = buttons(&body)
        .into_iter()
        .find(|c| c.starts_with("review:delete:"))
        .unwrap();

    // The feed got the same review, spoiler marks included, pinging nobody.
    {
        let posts = rec.posts.lock().unwrap();
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].0, ChannelId(4242));
        let feed = &posts[0].1;
        assert_eq!(feed["allowed_mentions"]["parse"], json!([]));
        assert!(feed["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .starts_with("||"));
    }

    // The feed failing does not fail the review.
    *rec.fail.lock().unwrap() = true;
    let body = send(
        &bot,
        minji.command(
            "review",
            json!([s("drama", &id(d.0)), i("score", 7)]),
            json!({}),
        ),
    )
    .await;
    assert!(body["data"]["content"].as_str().unwrap().contains("saved"));
    assert_eq!(review_count(&bot).await, 2);

    // The Delete button removes the review and the scores follow.
    let message = simulated::message(1, minji.channel_id, "", json!([]), json!([]));
    let body = send(&bot, minji.component(&delete, None, message.clone())).await;
    assert_eq!(body["type"], 7, "{body}");
    assert_eq!(review_count(&bot).await, 1);
    let track = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId(minji.guild_id)),
        Kind::Track,
        t[0].0,
    )
    .await
    .unwrap();
    assert!(track.is_none());
    // Pressing it again: the review is gone, nothing else changes.
    let body = send(&bot, minji.component(&delete, None, message)).await;
    assert!(is_ephemeral(&body));
    assert_eq!(review_count(&bot).await, 1);
}

#[tokio::test]
async fn bad_review_input_is_refused_and_changes_nothing() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let (other, other_tracks) = drama_with_tracks(&bot, 1).await;
    assert_ne!(d, other);
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.0)),
                s("track", &id(t[1].0)),
                i("score", 6),
                s("text", "first")
            ]),
            json!({}),
        ),
    )
    .await;
    let before = snapshot(&bot).await;
    assert!(!before.is_empty());
    let long = "가".repeat(2001);
    let cases: Vec<(Value, &str)> = vec![
        (json!([s("drama", &id(d.0)), i("score", 0)]), "1 to 10"),
        (json!([s("drama", &id(d.0)), i("score", 11)]), "1 to 10"),
        (
            json!([
                s("drama", &id(d.0)),
                s("track", &id(other_tracks[0].0)),
                i("score", 5)
            ]),
            "not from the chosen drama",
        ),
        (
            json!([s("drama", "zzqx no such drama qqq"), i("score", 5)]),
            "No drama matches",
        ),
        (
            json!([s("drama", "id:999999999"), i("score", 5)]),
            "no longer exists",
        ),
        (
            json!([
                s("drama", &id(d.0)),
                s("track", &id(t[1].0)),
                i("score", 5),
                s("text", &long)
            ]),
            "too long",
        ),
    ];
    for (options, expected) in cases {
        let body = send(&bot, minji.command("review", options.clone(), json!({}))).await;
        assert!(is_ephemeral(&body), "{options} → {body}");
        let content = body["data"]["content"].as_str().unwrap_or_default();
        assert!(content.contains(expected), "{options} → {content}");
        assert_eq!(snapshot(&bot).await, before, "{options} changed data");
    }
    // The form refuses the same way.
    let form = format!("review:submit:t:{}", t[1].0);
    for fields in [
        vec![("score", "0")],
        vec![("score", "eleven")],
        vec![("score", "8"), ("spoiler", "maybe")],
        vec![("score", "8"), ("text", long.as_str())],
    ] {
        let fields: Vec<(String, String)> = fields
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        let body = send(&bot, minji.modal_submit(&form, &fields)).await;
        assert!(is_ephemeral(&body), "{body}");
        assert_eq!(snapshot(&bot).await, before);
    }
}

#[tokio::test]
async fn drama_card_shows_score_chart_and_opens_the_review_form() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _t) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    let jisoo = Actor::new("OST Lovers", "general", "jisoo", false);
    let outsider = Actor::new("Other Server", "general", "bora", false);

    // Before any review: no chart, an invitation, and the Review button.
    let (body, files) = send_with_files(
        &bot,
        minji.command("drama", json!([s("query", &id(d.0))]), json!({})),
    )
    .await;
    assert!(files.is_empty());
    assert!(body.to_string().contains("Be the first"), "{body}");
    let open = format!("review:open:d:{}", d.0);
    assert!(buttons(&body).contains(&open));

    // The button opens a form; submitting it saves the review.
    let message = simulated::message(5, minji.channel_id, "", json!([]), json!([]));
    let body = send(&bot, jisoo.component(&open, None, message.clone())).await;
    assert_eq!(body["type"], 9, "{body}");
    assert_eq!(
        body["data"]["custom_id"],
        format!("review:submit:d:{}", d.0)
    );
    let fields = vec![
        ("score".to_owned(), "8".to_owned()),
        ("text".to_owned(), "Goosebumps every time.".to_owned()),
    ];
    let body = send(
        &bot,
        jisoo.modal_submit(&format!("review:submit:d:{}", d.0), &fields),
    )
    .await;
    assert!(is_ephemeral(&body), "{body}");
    send(
        &bot,
        minji.command(
            "review",
            json!([s("drama", &id(d.0)), i("score", 6)]),
            json!({}),
        ),
    )
    .await;
    // Opening the form again pre-fills the member's current review.
    let body = send(&bot, jisoo.component(&open, None, message)).await;
    assert!(body.to_string().contains("Goosebumps"), "{body}");

    let (body, files) = send_with_files(
        &bot,
        minji.command("drama", json!([s("query", &id(d.0))]), json!({})),
    )
    .await;
    let text = body.to_string();
    assert!(text.contains("**7.0**/10 from 2 voice(s)"), "{text}");
    assert!(text.contains("Goosebumps"), "{text}");
    assert_eq!(
        body["data"]["embeds"][0]["image"]["url"],
        "attachment://scores.png"
    );
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "scores.png");
    let decoder = png::Decoder::new(std::io::Cursor::new(&files[0].1));
    let reader = decoder.read_info().unwrap();
    assert_eq!(
        (reader.info().width, reader.info().height),
        ostbot::bot::charts::HISTOGRAM_SIZE
    );
    assert_eq!(body["data"]["attachments"][0]["filename"], "scores.png");

    // Another server sees none of it (but the all-server aggregate would count it).
    let (body, files) = send_with_files(
        &bot,
        outsider.command("drama", json!([s("query", &id(d.0))]), json!({})),
    )
    .await;
    assert!(files.is_empty());
    assert!(!body.to_string().contains("Goosebumps"));
    assert!(
        body.to_string().contains("All servers: **7.0**/10 from 2"),
        "{body}"
    );
}

#[tokio::test]
async fn the_console_reviews_as_several_members() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _t) = drama_with_tracks(&bot, 0).await;
    let mut console = Console::new(bot, false);
    let out = console
        .line(&format!("/review drama:id:{} score:9 text:Loved it", d.0))
        .await
        .join("\n");
    assert!(out.contains("Your review is saved"), "{out}");
    console.line(":as jisoo").await;
    let out = console
        .line(&format!("/drama query:id:{}", d.0))
        .await
        .join("\n");
    assert!(out.contains("9.0"), "{out}");
    let out = console.line(":click Review").await.join("\n");
    assert!(!out.contains("no button"), "{out}");
    let out = console
        .line(":submit score=5 text=Not for me")
        .await
        .join("\n");
    assert!(out.contains("Your review is saved"), "{out}");
    let out = console
        .line(&format!("/drama query:id:{}", d.0))
        .await
        .join("\n");
    assert!(out.contains("**7.0**/10 from 2"), "{out}");
    let out = console.line(":click Delete").await.join("\n");
    assert!(!out.contains("no button"), "{out}");
}

#[tokio::test]
async fn text_limits_are_exact() {
    assert!(ReviewText::new(&"a".repeat(2000)).unwrap().is_some());
    assert!(ReviewText::new(&"a".repeat(2001)).is_err());
}
