//! Reviews and community scores end to end on a real SQLite file: the
//! numbers on hand-checked examples (one voice per member, mean, median,
//! spread, histogram, Bayesian rank), edits, deletes, moderator removal,
//! guild isolation, forget-me, export, and the commands, buttons and forms
//! through the real dispatcher and the console.

mod support;

use ostbot::bot::Bot;
use ostbot::catalog::{DramaId, Kind, TrackId};
use ostbot::guild_settings::{self, GuildSettings};
use ostbot::ids::{ChannelId, GuildId, UserId};
use ostbot::reviews::scores::{self, Filter, Period, Scope};
use ostbot::reviews::{self, ReviewText, Target};
use ostbot::transport::console::Console;
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use support::{b, buttons, i, is_ephemeral, review, s, send, send_with_files, Recorder};
use tempfile::TempDir;

async fn bot() -> (Bot, Recorder, TempDir) {
    support::bot().await
}

/// A shipped drama given three tracks of its own (the shipped catalog
/// carries one track per drama at most): (drama, its tracks).
async fn drama_with_tracks(bot: &Bot, skip: i64) -> (DramaId, Vec<TrackId>) {
    let (drama,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT id FROM dramas WHERE scope = 0 ORDER BY id LIMIT 1 OFFSET $1"
    )
    .bind(skip * 7 + 3)
    .fetch_one(e)
    .await)
    .unwrap();
    for n in 1..=3 {
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query(
            "INSERT INTO tracks (scope, slug, drama_id, title, artist, ost_part)
             VALUES (0, $1, $2, $3, 'Test Singer', $4)",
        )
        .bind(format!("test-{drama}-{n}"))
        .bind(drama)
        .bind(format!("Test Song {n}"))
        .bind(n)
        .execute(e)
        .await
        .map(|done| done.rows_affected()))
        .unwrap();
    }
    let tracks: Vec<(i64,)> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT id FROM tracks WHERE drama_id = $1 AND slug LIKE 'test-%' ORDER BY id",
    )
    .bind(drama)
    .fetch_all(e)
    .await)
    .unwrap();
    (
        DramaId::try_from(drama).unwrap(),
        tracks
            .into_iter()
            .map(|(t,)| TrackId::try_from(t).unwrap())
            .collect(),
    )
}

async fn review_count(bot: &Bot) -> i64 {
    ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM reviews"
    )
    .fetch_one(e)
    .await)
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
        let rows: Vec<(String,)> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(sql).fetch_all(e).await).unwrap();
        out.extend(rows.into_iter().map(|(r,)| r));
    }
    out.sort();
    out
}

fn id(n: i64) -> String {
    format!("id:{n}")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
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

    let by_track = scores::track_scores(&bot.pool, Scope::Guild(GuildId::new(g)), d)
        .await
        .unwrap();
    assert_eq!(
        by_track,
        vec![(t2.to_i64_bits(), 1, 9.0), (t1.to_i64_bits(), 2, 5.0)]
    );
    let drama = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Drama,
        d.to_i64_bits(),
    )
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

    let t1_score = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Track,
        t1.to_i64_bits(),
    )
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
    let drama = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(drama.voices, 3);
    assert!(close(drama.mean, (9.0 + 5.5 + 6.0) / 3.0));
    assert!(close(drama.median, 6.0));

    // hana deletes her review: voices 9 and 5.5 remain.
    let hana = reviews::find(
        &bot.pool,
        GuildId::new(g),
        UserId::new(12),
        Target::Drama(d),
    )
    .await
    .unwrap()
    .unwrap();
    reviews::delete_own(
        &bot.pool,
        GuildId::new(g),
        UserId::new(12),
        hana.id,
        bot.clock.now(),
    )
    .await
    .unwrap();
    let drama = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(drama.voices, 2);
    assert!(close(drama.median, 7.25));
    // minji cannot delete jisoo's review.
    assert!(reviews::delete_own(
        &bot.pool,
        GuildId::new(g),
        UserId::new(10),
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
    let (rows, total) = scores::leaderboard(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        &filter,
        5,
        bot.clock.now(),
        0,
        10,
    )
    .await
    .unwrap();
    assert_eq!(total, 3);
    let order: Vec<i64> = rows.iter().map(|r| r.target).collect();
    assert_eq!(
        order,
        vec![d2.to_i64_bits(), d1.to_i64_bits(), d3.to_i64_bits()]
    );
    assert!(close(rows[0].weighted, (180.0 + 5.0 * c) / 25.0));
    assert!(close(rows[1].weighted, (10.0 + 5.0 * c) / 6.0));
    assert!(close(rows[2].weighted, (40.0 + 5.0 * c) / 15.0));
    // With m = 0 the plain mean ranks the lone 10 first.
    let (rows, _) = scores::leaderboard(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        &filter,
        0,
        bot.clock.now(),
        0,
        10,
    )
    .await
    .unwrap();
    assert_eq!(rows[0].target, d1.to_i64_bits());
    // A minimum of 2 voices drops it; paging skips.
    let strict = Filter {
        min_voices: 2,
        ..filter.clone()
    };
    let (rows, total) = scores::leaderboard(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        &strict,
        5,
        bot.clock.now(),
        1,
        10,
    )
    .await
    .unwrap();
    assert_eq!(total, 2);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].rank, 2);
    assert_eq!(rows[0].target, d3.to_i64_bits());
    // The last-30-days period counts the same fresh voices.
    let recent = Filter {
        period: Period::Last30Days,
        ..filter
    };
    let (rows, total) = scores::leaderboard(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        &recent,
        5,
        bot.clock.now(),
        0,
        10,
    )
    .await
    .unwrap();
    assert_eq!(total, 3);
    assert_eq!(rows[0].target, d2.to_i64_bits());
}

#[tokio::test]
async fn servers_keep_their_own_scores_and_share_only_aggregates() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    review(&bot, 1, 10, Target::Drama(d), 10).await;
    review(&bot, 2, 10, Target::Drama(d), 4).await;
    review(&bot, 2, 11, Target::Drama(d), 6).await;
    let one = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(1)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    let two = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(2)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    let all = scores::summary(&bot.pool, Scope::AllServers, Kind::Drama, d.to_i64_bits())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((one.voices, two.voices, all.voices), (1, 2, 3));
    assert!(close(one.mean, 10.0));
    assert!(close(two.mean, 5.0));
    assert!(close(all.mean, 20.0 / 3.0));
    assert!(close(all.median, 6.0));
    let (listed, total) = reviews::list(
        &bot.pool,
        GuildId::new(2),
        reviews::Listing::Drama(d),
        0,
        10,
    )
    .await
    .unwrap();
    assert_eq!(total, 2);
    assert!(listed.iter().all(|r| r.guild == GuildId::new(2)));
    // A review id from another server cannot be deleted or removed here.
    let other = reviews::find(
        &bot.pool,
        GuildId::new(1),
        UserId::new(10),
        Target::Drama(d),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(reviews::delete_own(
        &bot.pool,
        GuildId::new(2),
        UserId::new(10),
        other.id,
        bot.clock.now()
    )
    .await
    .is_err());
    assert!(reviews::remove(
        &bot.pool,
        GuildId::new(2),
        other.id,
        UserId::new(99),
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
    let mut settings = GuildSettings::defaults(GuildId::new(minji.guild_id));
    settings.review_feed = Some(ChannelId::new(4242));
    guild_settings::save(&bot.pool, &settings).await.unwrap();

    let body = send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(t[0].to_i64_bits())),
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
        let posts = rec.posts();
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].channel, 4242);
        let feed = &posts[0].body;
        assert_eq!(feed["allowed_mentions"]["parse"], json!([]));
        assert!(feed["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .starts_with("||"));
    }

    // The feed failing does not fail the review.
    rec.d().refuse_posts = true;
    let body = send(
        &bot,
        minji.command(
            "review",
            json!([s("drama", &id(d.to_i64_bits())), i("score", 7)]),
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
        Scope::Guild(GuildId::new(minji.guild_id)),
        Kind::Track,
        t[0].to_i64_bits(),
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
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(t[1].to_i64_bits())),
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
        (
            json!([s("drama", &id(d.to_i64_bits())), i("score", 0)]),
            "1 to 10",
        ),
        (
            json!([s("drama", &id(d.to_i64_bits())), i("score", 11)]),
            "1 to 10",
        ),
        (
            json!([
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(other_tracks[0].to_i64_bits())),
                i("score", 5)
            ]),
            // Said, and the track offered in its own drama (issue 16).
            "is not from",
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
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(t[1].to_i64_bits())),
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
    let form = format!("review:submit:t:{}", t[1]);
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
        minji.command(
            "drama",
            json!([s("query", &id(d.to_i64_bits()))]),
            json!({}),
        ),
    )
    .await;
    assert!(files.is_empty());
    assert!(body.to_string().contains("Be the first"), "{body}");
    let open = format!("review:open:d:{}", d);
    assert!(buttons(&body).contains(&open));

    // The button opens a form; submitting it saves the review.
    let message = simulated::message(5, minji.channel_id, "", json!([]), json!([]));
    let body = send(&bot, jisoo.component(&open, None, message.clone())).await;
    assert_eq!(body["type"], 9, "{body}");
    assert_eq!(body["data"]["custom_id"], format!("review:submit:d:{}", d));
    let fields = vec![
        ("score".to_owned(), "8".to_owned()),
        ("text".to_owned(), "Goosebumps every time.".to_owned()),
    ];
    let body = send(
        &bot,
        jisoo.modal_submit(&format!("review:submit:d:{}", d), &fields),
    )
    .await;
    assert!(is_ephemeral(&body), "{body}");
    send(
        &bot,
        minji.command(
            "review",
            json!([s("drama", &id(d.to_i64_bits())), i("score", 6)]),
            json!({}),
        ),
    )
    .await;
    // Opening the form again pre-fills the member's current review.
    let body = send(&bot, jisoo.component(&open, None, message.clone())).await;
    assert!(body.to_string().contains("Goosebumps"), "{body}");
    // Saving again keeps the earlier version, which only its author can read.
    let fields = vec![
        ("score".to_owned(), "6".to_owned()),
        ("text".to_owned(), "Grew on me, less so now".to_owned()),
        ("spoiler".to_owned(), "no".to_owned()),
    ];
    let body = send(
        &bot,
        jisoo.modal_submit(&format!("review:submit:d:{}", d), &fields),
    )
    .await;
    assert!(body.to_string().contains("edited once"), "{body}");
    let history = buttons(&body)
        .into_iter()
        .find(|b| b.starts_with("review:history:"))
        .unwrap();
    let body = send(&bot, minji.component(&history, None, message.clone())).await;
    assert!(body.to_string().contains("Only its author"), "{body}");
    let body = send(&bot, jisoo.component(&history, None, message.clone())).await;
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(
        text.contains("**8**/10") && text.contains("Goosebumps"),
        "{text}"
    );
    // Back to 8 for the numbers below.
    let fields = vec![
        ("score".to_owned(), "8".to_owned()),
        ("text".to_owned(), "Goosebumps every time.".to_owned()),
    ];
    send(
        &bot,
        jisoo.modal_submit(&format!("review:submit:d:{}", d), &fields),
    )
    .await;

    let (body, files) = send_with_files(
        &bot,
        minji.command(
            "drama",
            json!([s("query", &id(d.to_i64_bits()))]),
            json!({}),
        ),
    )
    .await;
    let text = body.to_string();
    assert!(text.contains("**7.0**/10 from 2 voices"), "{text}");
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
        outsider.command(
            "drama",
            json!([s("query", &id(d.to_i64_bits()))]),
            json!({}),
        ),
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
        .line(&format!("/review drama:id:{} score:9 text:Loved it", d))
        .await
        .join("\n");
    assert!(out.contains("Your review is saved"), "{out}");
    console.line(":as jisoo").await;
    let out = console
        .line(&format!("/drama query:id:{}", d))
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
        .line(&format!("/drama query:id:{}", d))
        .await
        .join("\n");
    assert!(out.contains("**7.0**/10 from 2"), "{out}");
    let out = console.line(":click Delete").await.join("\n");
    assert!(!out.contains("no button"), "{out}");
}

/// Issue 16's console items: `:click` takes a unique start of a label and
/// says when it is ambiguous, `:submit` keeps the fields it does not name
/// (as Discord sends a form's prefilled values), and `:save` writes the last
/// reply's attachments.
#[tokio::test]
async fn the_console_clicks_by_prefix_keeps_prefilled_fields_and_saves_charts() {
    let (bot, _rec, dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let pool = bot.pool.clone();
    let mut console = Console::new(bot, false);
    let say = |out: Vec<String>| out.join("\n");
    let out = say(console
        .line(&format!("/review drama:id:{} score:9 text:Loved it", d))
        .await);
    assert!(out.contains("Your review is saved"), "{out}");
    let out = say(console.line(&format!("/drama query:id:{}", d)).await);
    assert!(out.contains("9.0"), "{out}");

    // The drama card carries the score chart.
    let chart = dir.path().join("saved").join("chart.png");
    let out = say(console.line(&format!(":save {}", chart.display())).await);
    assert!(out.starts_with("saved "), "{out}");
    let bytes = std::fs::read(&chart).unwrap();
    assert!(bytes.starts_with(b"\x89PNG"), "a PNG: {out}");

    // "Rev" is the start of one label only: the Review button.
    let out = say(console.line(":click rev").await);
    assert!(!out.contains("no button"), "{out}");
    let out = say(console.line(":submit score=6").await);
    assert!(out.contains("Your review is updated"), "{out}");
    let guild = GuildId::new(Actor::new("OST Lovers", "general", "minji", false).guild_id);
    let minji = UserId::new(Actor::new("OST Lovers", "general", "minji", false).user_id);
    let kept = reviews::find(&pool, guild, minji, Target::Drama(d))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.score.get(), 6);
    assert_eq!(
        kept.text.as_deref(),
        Some("Loved it"),
        "a field :submit does not name keeps its prefilled value"
    );

    // Two of minji's reviews on one page: "Delete #" starts two buttons.
    let track = Target::Track {
        drama: d,
        track: t[0],
    };
    let out = say(console
        .line(&format!(
            "/review drama:id:{} track:id:{} score:7",
            d.to_i64_bits(),
            t[0].to_i64_bits()
        ))
        .await);
    assert!(out.contains("Your review is saved"), "{out}");
    let out = say(console.line(&format!("/reviews drama:id:{}", d)).await);
    assert!(out.contains("Delete #"), "{out}");
    let out = say(console.line(":click Delete #").await);
    assert!(out.contains("several buttons"), "{out}");
    assert!(reviews::find(&pool, guild, minji, track)
        .await
        .unwrap()
        .is_some());
    let out = say(console.line(":click nothing-like-this").await);
    assert!(out.contains("no button"), "{out}");
}

#[tokio::test]
async fn text_limits_are_exact() {
    assert!(ReviewText::new(&"a".repeat(2000)).unwrap().is_some());
    assert!(ReviewText::new(&"a".repeat(2001)).is_err());
}

fn component_message(actor: &Actor) -> Value {
    simulated::message(9, actor.channel_id, "", json!([]), json!([]))
}

fn button_labelled(body: &Value, prefix: &str) -> Option<(String, bool)> {
    body["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .find(|c| {
            c["custom_id"]
                .as_str()
                .is_some_and(|id| id.starts_with(prefix))
        })
        .map(|c| {
            (
                c["custom_id"].as_str().unwrap().to_owned(),
                c["disabled"].as_bool().unwrap_or(false),
            )
        })
}

#[tokio::test]
async fn reviews_list_pages_survive_a_restart_and_delete_own() {
    let (bot, _rec, _dir, url) = support::bot_and_url().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let guild = Actor::new("OST Lovers", "general", "x", false).guild_id;
    // 12 members review the drama; minji is the newest.
    for m in 0..11 {
        review(&bot, guild, 500 + m, Target::Drama(d), 5 + (m as i64 % 5)).await;
    }
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.to_i64_bits())),
                i("score", 10),
                s("text", "Best OST ever")
            ]),
            json!({}),
        ),
    )
    .await;
    review(
        &bot,
        guild,
        600,
        Target::Track {
            drama: d,
            track: t[0],
        },
        3,
    )
    .await;

    let body = send(
        &bot,
        minji.command(
            "reviews",
            json!([s("drama", &id(d.to_i64_bits()))]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(text.contains("Best OST ever"), "{text}");
    assert_eq!(text.matches("/10").count(), 5);
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.contains("Page 1 of 3 · 13 reviews"), "{footer}");
    let (prev, prev_disabled) = button_labelled(&body, "reviews:page:").unwrap();
    assert!(prev_disabled, "{prev}");
    let next = buttons(&body)
        .into_iter()
        .filter(|b| b.starts_with("reviews:page:"))
        .nth(1)
        .unwrap();
    let delete = button_labelled(&body, "reviews:delete:").unwrap().0;

    // A restarted bot (new pool on the same database) follows the same button.
    let restarted = ostbot::app::offline_bot(ostbot::app::open_database(&url).await.unwrap());
    let body = send(
        &restarted,
        minji.component(&next, None, component_message(&minji)),
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.contains("Page 2 of 3"), "{footer}");
    let last = buttons(&body)
        .into_iter()
        .filter(|b| b.starts_with("reviews:page:"))
        .nth(1)
        .unwrap();
    let body = send(
        &restarted,
        minji.component(&last, None, component_message(&minji)),
    )
    .await;
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.contains("Page 3 of 3"), "{footer}");
    let (_, next_disabled) = buttons(&body)
        .into_iter()
        .filter(|b| b.starts_with("reviews:page:"))
        .nth(1)
        .map(|b| (b, true))
        .unwrap();
    assert!(next_disabled);

    // Another member cannot use minji's Delete button.
    let jisoo = Actor::new("OST Lovers", "general", "jisoo", false);
    let body = send(
        &bot,
        jisoo.component(&delete, None, component_message(&jisoo)),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert!(body.to_string().contains("your own"), "{body}");
    assert_eq!(review_count(&bot).await, 13);
    // minji can; the page is drawn again without it.
    let body = send(
        &bot,
        minji.component(&delete, None, component_message(&minji)),
    )
    .await;
    assert_eq!(body["type"], 7, "{body}");
    assert!(body["data"]["content"]
        .as_str()
        .unwrap()
        .contains("deleted"));
    assert!(!body.to_string().contains("Best OST ever"));
    assert_eq!(review_count(&bot).await, 12);

    // A member's list, and the track's list.
    let body = send(
        &bot,
        minji.command(
            "reviews",
            json!([s("track", &id(t[0].to_i64_bits()))]),
            json!({}),
        ),
    )
    .await;
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.contains("one review"), "{footer}");
    // The same in Korean: a count, no plural forms, no particle guessed.
    let mut minji_ko = minji.clone();
    minji_ko.locale = "ko".into();
    let body = send(
        &bot,
        minji_ko.command(
            "reviews",
            json!([s("track", &id(t[0].to_i64_bits()))]),
            json!({}),
        ),
    )
    .await;
    let footer = body["data"]["embeds"][0]["footer"]["text"]
        .as_str()
        .unwrap();
    assert!(footer.contains("리뷰 1개"), "{footer}");
}

#[tokio::test]
async fn leaderboard_command_ranks_and_pages() {
    let (bot, _rec, _dir) = bot().await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    let g = minji.guild_id;
    let (d1, _) = drama_with_tracks(&bot, 0).await;
    let (d2, _) = drama_with_tracks(&bot, 1).await;
    review(&bot, g, 1, Target::Drama(d1), 10).await;
    let (d3, _) = drama_with_tracks(&bot, 2).await;
    for m in 0..6 {
        review(&bot, g, 100 + m, Target::Drama(d2), 9).await;
        review(&bot, g, 200 + m, Target::Drama(d3), 3).await;
    }
    let body = send(&bot, minji.command("leaderboard", json!([]), json!({}))).await;
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    let first = text.lines().next().unwrap();
    let d2_title: String = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT title FROM dramas WHERE id = $1"
    )
    .bind(d2.to_i64_bits())
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(
        first.starts_with("**1.**") && first.contains(&d2_title),
        "{text}"
    );
    // C = (10 + 54 + 18)/13, m = 5: d2 = (54 + 5C)/11 ahead of d1 = (10 + 5C)/6.
    let c = 82.0 / 13.0;
    assert!(
        first.contains(&format!("**{:.2}**", (54.0 + 5.0 * c) / 11.0)),
        "{first}"
    );
    let body = send(
        &bot,
        minji.command("leaderboard", json!([i("min-voices", 2)]), json!({})),
    )
    .await;
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    let next = buttons(&body).into_iter().nth(1).unwrap();
    let body = send(
        &bot,
        minji.component(&next, None, component_message(&minji)),
    )
    .await;
    assert_eq!(body["type"], 7);
    // Across all servers: another server's voices join in (global dramas only).
    let other = Actor::new("Other Server", "general", "bora", false);
    for m in 0..8 {
        review(&bot, other.guild_id, 300 + m, Target::Drama(d1), 10).await;
    }
    let body = send(
        &bot,
        minji.command("leaderboard", json!([s("scope", "all")]), json!({})),
    )
    .await;
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.contains("mean 10.0 · 9 voices"), "{text}");
    assert!(body["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap()
        .contains("all servers"));
    let next = buttons(&body).into_iter().nth(1).unwrap();
    assert!(next.starts_with("leaderboard:d:a:"), "{next}");
    // This server's board is unchanged.
    let body = send(&bot, minji.command("leaderboard", json!([]), json!({}))).await;
    let text = body["data"]["embeds"][0]["description"].as_str().unwrap();
    assert!(text.lines().next().unwrap().contains(&d2_title), "{text}");
    // Track leaderboard is empty here; a genre nobody has is empty too.
    let body = send(
        &bot,
        minji.command(
            "leaderboard",
            json!([
                s("kind", "track"),
                s("genre", "Nope: genre"),
                s("period", "30d")
            ]),
            json!({}),
        ),
    )
    .await;
    assert!(
        body.to_string()
            .contains("No track was reviewed in this period"),
        "{body}"
    );
}

/// The description of a leaderboard reply.
fn board_text(body: &Value) -> String {
    body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn an_empty_leaderboard_names_the_filter_that_left_nothing() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    let guild = minji.guild_id;
    for m in 0..3 {
        review(&bot, guild, 100 + m, Target::Drama(d), 8).await;
    }
    let (year, genres): (Option<i64>, String) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT year, genres FROM dramas WHERE id = $1"
    )
    .bind(d.to_i64_bits())
    .fetch_one(e)
    .await)
    .unwrap();
    let year = year.unwrap();
    let genre: Vec<String> = serde_json::from_str(&genres).unwrap();
    let board = |options: Value| {
        let bot = &bot;
        let payload = minji.command("leaderboard", options, json!({}));
        async move { board_text(&send(bot, payload).await) }
    };
    // Each filter that leaves nothing is named, with what to change.
    let text = board(json!([s("genre", "Nope"), i("min-voices", 30)])).await;
    assert!(text.contains("the genre **Nope**"), "{text}");
    assert!(text.contains("leave `genre` out"), "{text}");
    assert!(
        text.contains("No drama has 30 or more voices yet"),
        "{text}"
    );
    assert!(text.contains("Lower `min-voices`"), "{text}");
    assert!(!text.contains("review something"), "{text}");
    // A real genre with too high a minimum: only the minimum is to blame.
    let text = board(json!([s("genre", &genre[0]), i("min-voices", 30)])).await;
    assert!(text.contains("30 or more voices"), "{text}");
    assert!(!text.contains("genre"), "{text}");
    let text = board(json!([i("year", 1951)])).await;
    assert!(text.contains("aired in **1951**"), "{text}");
    assert!(text.contains("leave `year` out"), "{text}");
    // The right year and genre each find the drama; only with another
    // reviewed drama can two filters fail together without failing alone.
    let genres = match bot.pool.backend() {
        ostbot::db::Backend::Sqlite => "json_each(genres)",
        ostbot::db::Backend::Postgres => {
            "json_array_elements_text(CAST(genres AS json)) AS g(value)"
        }
    };
    let sql = format!(
        "SELECT id FROM dramas WHERE scope = 0 AND year IS NOT NULL AND year <> $1
           AND NOT EXISTS (SELECT 1 FROM {genres} WHERE lower(value) = lower($2))
         ORDER BY id LIMIT 1"
    );
    let (other,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(&sql)
        .bind(year)
        .bind(&genre[0])
        .fetch_one(e)
        .await)
    .unwrap();
    review(
        &bot,
        guild,
        200,
        Target::Drama(DramaId::try_from(other).unwrap()),
        9,
    )
    .await;
    let (other_year,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT year FROM dramas WHERE id = $1"
    )
    .bind(other)
    .fetch_one(e)
    .await)
    .unwrap();
    let text = board(json!([s("genre", &genre[0]), i("year", other_year)])).await;
    assert!(text.contains("together they leave nothing"), "{text}");
    // In Korean too, and nothing reviewed at all still says so.
    let mut korean = Actor::new("OST Lovers", "general", "minji", false);
    korean.locale = "ko".into();
    let text = board_text(
        &send(
            &bot,
            korean.command("leaderboard", json!([s("genre", "Nope")]), json!({})),
        )
        .await,
    );
    assert!(text.contains("장르가 **Nope**인"), "{text}");
    let elsewhere = Actor::new("Quiet Server", "general", "bora", false);
    let body = send(
        &bot,
        elsewhere.command("leaderboard", json!([i("min-voices", 30)]), json!({})),
    )
    .await;
    assert!(
        board_text(&body).contains("No drama has been reviewed yet"),
        "{body}"
    );
}

#[tokio::test]
async fn profile_forget_me_moderation_and_export() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    let jisoo = Actor::new("OST Lovers", "general", "jisoo", false);
    let moderator = Actor::new("OST Lovers", "general", "mina", true);
    let elsewhere = Actor::new("Other Server", "general", "minji", false);
    for (actor, score, text) in [
        (&minji, 9, "=HYPERLINK(\"x\") lovely"),
        (&jisoo, 4, "meh, \"too\" slow"),
        (&elsewhere, 7, "other server"),
    ] {
        send(
            &bot,
            actor.command(
                "review",
                json!([
                    s("drama", &id(d.to_i64_bits())),
                    i("score", score),
                    s("text", text)
                ]),
                json!({}),
            ),
        )
        .await;
    }
    send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(t[2].to_i64_bits())),
                i("score", 6)
            ]),
            json!({}),
        ),
    )
    .await;

    // An edit leaves history (erased by forget-me below); the score stays 9.
    send(
        &bot,
        minji.command(
            "review",
            json!([
                s("drama", &id(d.to_i64_bits())),
                s("track", &id(t[2].to_i64_bits())),
                i("score", 6),
                s("text", "again")
            ]),
            json!({}),
        ),
    )
    .await;
    // Profile.
    let body = send(&bot, minji.command("profile", json!([]), json!({}))).await;
    let text = body.to_string();
    assert!(text.contains("Reviews written"), "{text}");
    assert!(
        body["data"]["embeds"][0]["fields"][0]["value"] == "2",
        "{text}"
    );
    assert!(
        body["data"]["embeds"][0]["fields"][1]["value"] == "7.5/10",
        "{text}"
    );

    // Export: moderators only, this server only, formulas defused.
    let before = snapshot(&bot).await;
    let body = send(
        &bot,
        jisoo.command(
            "export",
            json!([{ "name": "reviews", "type": 1, "options": [] }]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert!(body.to_string().contains("Manage Server"), "{body}");
    let (body, files) = send_with_files(
        &bot,
        moderator.command(
            "export",
            json!([{ "name": "reviews", "type": 1, "options": [] }]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].0, "reviews.csv");
    // A UTF-8 byte order mark first: Excel garbles Korean without it.
    assert!(files[0].1.starts_with(b"\xEF\xBB\xBF"));
    let csv = String::from_utf8(files[0].1[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column in {headers:?}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(&rows[0][column("member_name")], "minji");
    assert_eq!(&rows[0][column("score")], "9");
    assert_eq!(&rows[0][column("text")], "'=HYPERLINK(\"x\") lovely");
    assert_eq!(&rows[1][column("text")], "meh, \"too\" slow");
    assert_eq!(&rows[2][column("track")], "Test Song 3");
    // The drama's Korean title right after its English one.
    let (title, title_ko): (String, Option<String>) =
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT title, title_ko FROM dramas WHERE id = $1"
        )
        .bind(d.to_i64_bits())
        .fetch_one(e)
        .await)
        .unwrap();
    let title_ko = title_ko.expect("the shipped drama has a Korean title");
    assert_eq!(column("drama_ko"), column("drama") + 1);
    assert_eq!(&rows[0][column("drama")], title);
    assert_eq!(&rows[0][column("drama_ko")], title_ko);
    // Times in ISO 8601, UTC, to the second.
    for row in &rows {
        for name in ["created_at", "updated_at"] {
            let time = &row[column(name)];
            assert!(
                chrono::NaiveDateTime::parse_from_str(time, "%Y-%m-%dT%H:%M:%SZ").is_ok(),
                "{name}: {time}"
            );
        }
    }
    assert!(!csv.contains("other server"));
    assert_eq!(snapshot(&bot).await, before);

    // Moderator removal: members may not, moderators may, and it is recorded.
    let jisoo_review = reviews::find(
        &bot.pool,
        GuildId::new(jisoo.guild_id),
        UserId::new(jisoo.user_id),
        Target::Drama(d),
    )
    .await
    .unwrap()
    .unwrap();
    let remove = json!([{ "name": "remove-review", "type": 1, "options": [i("review", jisoo_review.id.to_i64_bits())] }]);
    let body = send(&bot, minji.command("moderate", remove.clone(), json!({}))).await;
    assert!(body.to_string().contains("Manage Server"));
    assert_eq!(snapshot(&bot).await, before);
    // It asks first (issue 16), showing the review; the button removes it.
    let body = send(
        &bot,
        moderator.command("moderate", remove.clone(), json!({})),
    )
    .await;
    assert!(body.to_string().contains("jisoo"), "{body}");
    assert_eq!(snapshot(&bot).await, before);
    let confirm = button_labelled(&body, "moderate:remove:").unwrap().0;
    let body = send(
        &bot,
        moderator.component(&confirm, None, component_message(&moderator)),
    )
    .await;
    assert!(body.to_string().contains("Removed review"), "{body}");
    let removals = reviews::removals(&bot.pool, GuildId::new(jisoo.guild_id))
        .await
        .unwrap();
    assert_eq!(removals.len(), 1);
    assert_eq!(removals[0].removed_by, UserId::new(moderator.user_id));
    assert_eq!(removals[0].member, Some(UserId::new(jisoo.user_id)));
    // Removing it again, or another server's review, changes nothing.
    let after_removal = snapshot(&bot).await;
    let body = send(&bot, moderator.command("moderate", remove, json!({}))).await;
    assert!(is_ephemeral(&body));
    let gone = format!("There is no review #{} in this server.", jisoo_review.id);
    assert!(body.to_string().contains(&gone), "{body}");
    let foreign = reviews::find(
        &bot.pool,
        GuildId::new(elsewhere.guild_id),
        UserId::new(elsewhere.user_id),
        Target::Drama(d),
    )
    .await
    .unwrap()
    .unwrap();
    let body = send(
        &bot,
        moderator.command(
            "moderate",
            json!([{ "name": "remove-review", "type": 1, "options": [i("review", foreign.id.to_i64_bits())] }]),
            json!({}),
        ),
    )
    .await;
    let gone = format!("There is no review #{} in this server.", foreign.id);
    assert!(body.to_string().contains(&gone), "{body}");
    assert_eq!(snapshot(&bot).await, after_removal);
    let score = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(minji.guild_id)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(score.voices, 1);

    // Forget-me: asks first; only the asker can confirm; then every server forgets.
    let body = send(&bot, minji.command("forget-me", json!([]), json!({}))).await;
    assert!(is_ephemeral(&body));
    let confirm = button_labelled(&body, "forget:confirm:").unwrap().0;
    let body = send(
        &bot,
        jisoo.component(&confirm, None, component_message(&jisoo)),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert_eq!(snapshot(&bot).await, after_removal);
    let body = send(
        &bot,
        minji.component(&confirm, None, component_message(&minji)),
    )
    .await;
    let text = body.to_string();
    assert!(
        text.contains("3 reviews") && text.contains("votes in 0 polls"),
        "{body}"
    );
    assert_eq!(review_count(&bot).await, 0);
    let (history,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM review_history"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(history, 0);
    for scope in [
        Scope::Guild(GuildId::new(minji.guild_id)),
        Scope::Guild(GuildId::new(elsewhere.guild_id)),
        Scope::AllServers,
    ] {
        assert!(
            scores::summary(&bot.pool, scope, Kind::Drama, d.to_i64_bits())
                .await
                .unwrap()
                .is_none()
        );
    }
    let (totals,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM score_totals"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(totals, 0);
    // jisoo's removal record is not minji's to erase; jisoo's own forget-me
    // keeps the record (who removed what, when) but drops her id from it.
    let removals = reviews::removals(&bot.pool, GuildId::new(jisoo.guild_id))
        .await
        .unwrap();
    assert_eq!(removals[0].member, Some(UserId::new(jisoo.user_id)));
    let body = send(&bot, jisoo.command("forget-me", json!([]), json!({}))).await;
    let confirm = button_labelled(&body, "forget:confirm:").unwrap().0;
    let body = send(
        &bot,
        jisoo.component(&confirm, None, component_message(&jisoo)),
    )
    .await;
    assert!(
        body.to_string().contains("0 reviews") && body.to_string().contains("0 polls"),
        "{body}"
    );
    let removals = reviews::removals(&bot.pool, GuildId::new(jisoo.guild_id))
        .await
        .unwrap();
    assert_eq!(removals.len(), 1);
    assert_eq!(removals[0].member, None);
    assert_eq!(removals[0].removed_by, UserId::new(moderator.user_id));
}

/// Spoiler marks outside escapes come in pairs (no spoiler shown bare).
fn spoilers_paired(text: &str) -> bool {
    let mut plain = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            plain.push(c);
        }
    }
    plain.matches("||").count().is_multiple_of(2)
}

/// Discord's limits on what the replies carry (custom ids, labels, embeds).
fn assert_within_discord_limits(body: &Value) {
    let data = &body["data"];
    for embed in data["embeds"].as_array().into_iter().flatten() {
        if let Some(d) = embed["description"].as_str() {
            assert!(spoilers_paired(d), "{d}");
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            let v = field["value"].as_str().unwrap_or_default();
            assert!(spoilers_paired(v), "{v}");
        }
    }
    for row in data["components"].as_array().into_iter().flatten() {
        let parts = row["components"].as_array().unwrap();
        assert!(parts.len() <= 5, "{row}");
        for c in parts {
            if let Some(id) = c["custom_id"].as_str() {
                assert!(id.chars().count() <= 100, "{id}");
            }
            if let Some(label) = c["label"].as_str() {
                assert!(label.chars().count() <= 80, "{label}");
            }
        }
    }
    assert!(data["components"].as_array().map_or(0, Vec::len) <= 5);
    if let Some(title) = data["title"].as_str() {
        assert!(title.chars().count() <= 45, "{title}");
    }
    for embed in data["embeds"].as_array().into_iter().flatten() {
        let mut total = 0;
        for key in ["title", "description"] {
            total += embed[key].as_str().map_or(0, |s| s.chars().count());
        }
        assert!(embed["title"].as_str().map_or(0, |s| s.chars().count()) <= 256);
        assert!(
            embed["description"]
                .as_str()
                .map_or(0, |s| s.chars().count())
                <= 4096
        );
        for field in embed["fields"].as_array().into_iter().flatten() {
            let name = field["name"].as_str().unwrap().chars().count();
            let value = field["value"].as_str().unwrap().chars().count();
            assert!(name <= 256 && value <= 1024 && value > 0, "{field}");
            total += name + value;
        }
        assert!(total <= 6000);
    }
    if let Some(content) = data["content"].as_str() {
        assert!(content.chars().count() <= 2000);
    }
}

#[tokio::test]
async fn long_korean_reviews_stay_within_discord_limits() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let text = "눈물의 여왕 OST는 ||정말|| **최고** @everyone ".repeat(60);
    let text: String = text.chars().take(2000).collect();
    for n in 0..7 {
        let actor = Actor::new("OST Lovers", "general", &format!("member{n}"), false);
        let body = send(
            &bot,
            actor.command(
                "review",
                json!([
                    s("drama", &id(d.to_i64_bits())),
                    s("track", &id(t[0].to_i64_bits())),
                    i("score", 1 + n),
                    s("text", &text),
                    b("spoiler", n % 2 == 0)
                ]),
                json!({}),
            ),
        )
        .await;
        assert_within_discord_limits(&body);
        let body = send(
            &bot,
            actor.command(
                "review",
                json!([
                    s("drama", &id(d.to_i64_bits())),
                    i("score", 10 - n),
                    s("text", &text)
                ]),
                json!({}),
            ),
        )
        .await;
        assert_within_discord_limits(&body);
    }
    let minji = Actor::new("OST Lovers", "general", "member0", false);
    let mut ko = minji.clone();
    ko.locale = "ko".into();
    for actor in [&minji, &ko] {
        for payload in [
            actor.command(
                "drama",
                json!([s("query", &id(d.to_i64_bits()))]),
                json!({}),
            ),
            actor.command(
                "track",
                json!([s("query", &id(t[0].to_i64_bits()))]),
                json!({}),
            ),
            actor.command(
                "reviews",
                json!([s("drama", &id(d.to_i64_bits()))]),
                json!({}),
            ),
            actor.command("reviews", json!([]), json!({})),
            actor.command("profile", json!([]), json!({})),
            actor.command("leaderboard", json!([s("kind", "track")]), json!({})),
            actor.command("forget-me", json!([]), json!({})),
            actor.component(
                &format!("review:open:t:{}", t[0]),
                None,
                component_message(actor),
            ),
        ] {
            let body = send(&bot, payload).await;
            assert_within_discord_limits(&body);
        }
    }
    let body = send(&bot, ko.command("profile", json!([]), json!({}))).await;
    assert!(body.to_string().contains("작성한 리뷰"), "{body}");
}

#[tokio::test]
async fn new_commands_have_korean_names_and_valid_custom_ids() {
    let definitions = serde_json::to_value(ostbot::bot::commands::definitions()).unwrap();
    for name in [
        "review",
        "reviews",
        "leaderboard",
        "profile",
        "forget-me",
        "moderate",
        "export",
    ] {
        let command = definitions
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap_or_else(|| panic!("{name} is not registered"));
        assert!(command["name_localizations"]["ko"].is_string(), "{name}");
        assert!(
            command["description_localizations"]["ko"].is_string(),
            "{name}"
        );
    }
}

#[tokio::test]
async fn removing_a_local_catalog_entry_takes_its_reviews_and_recounts_scores() {
    let (bot, _rec, _dir) = bot().await;
    let g = 77u64;
    let scope = GuildId::new(g);
    let (drama,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "INSERT INTO dramas (scope, slug, title) VALUES ($1, 'local-one', 'Local One') RETURNING id",
    )
    .bind(scope)
    .fetch_one(e).await)
    .unwrap();
    let mut tracks = Vec::new();
    for n in 1..=2 {
        let (t,): (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "INSERT INTO tracks (scope, slug, drama_id, title) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(scope)
        .bind(format!("local-{n}"))
        .bind(drama)
        .bind(format!("Local Song {n}"))
        .fetch_one(e).await)
        .unwrap();
        tracks.push(TrackId::try_from(t).unwrap());
    }
    let d = DramaId::try_from(drama).unwrap();
    let track = |t| Target::Track { drama: d, track: t };
    // Member 1: tracks 4 and 8 (voice 6); member 2: whole OST 9 and track 2 at 3 (voice 9).
    review(&bot, g, 1, track(tracks[0]), 4).await;
    review(&bot, g, 1, track(tracks[1]), 8).await;
    review(&bot, g, 2, Target::Drama(d), 9).await;
    review(&bot, g, 2, track(tracks[1]), 3).await;
    let before = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(close(before.mean, 7.5));
    // A server's own entry ranks in that server, never across servers.
    let filter = Filter {
        kind: Kind::Drama,
        period: Period::AllTime,
        year: None,
        genre: None,
        min_voices: 1,
    };
    for (scope, listed) in [(Scope::Guild(GuildId::new(g)), 1), (Scope::AllServers, 0)] {
        let (_, total) = scores::leaderboard(&bot.pool, scope, &filter, 5, bot.clock.now(), 0, 10)
            .await
            .unwrap();
        assert_eq!(total, listed, "{scope:?}");
    }

    // Removing track 2: member 1's voice becomes 4, member 2 keeps 9.
    assert!(ostbot::catalog::remove_local(
        &bot.pool,
        GuildId::new(g),
        Kind::Track,
        tracks[1].to_i64_bits()
    )
    .await
    .unwrap());
    assert_eq!(review_count(&bot).await, 2);
    for scope in [Scope::Guild(GuildId::new(g)), Scope::AllServers] {
        let after = scores::summary(&bot.pool, scope, Kind::Drama, d.to_i64_bits())
            .await
            .unwrap()
            .unwrap();
        let recount = scores::summarize(&[4.0, 9.0]).unwrap();
        assert_eq!(after.voices, 2);
        assert!(close(after.mean, recount.mean));
        assert!(close(after.median, recount.median));
        assert!(close(after.spread, recount.spread));
        assert_eq!(after.histogram, recount.histogram);
        assert!(
            scores::summary(&bot.pool, scope, Kind::Track, tracks[1].to_i64_bits())
                .await
                .unwrap()
                .is_none()
        );
    }
    // Removing the drama leaves nothing behind.
    assert!(ostbot::catalog::remove_local(
        &bot.pool,
        GuildId::new(g),
        Kind::Drama,
        d.to_i64_bits()
    )
    .await
    .unwrap());
    assert_eq!(review_count(&bot).await, 0);
    assert!(
        snapshot(&bot).await.is_empty(),
        "{:?}",
        snapshot(&bot).await
    );
}

#[tokio::test]
async fn forged_or_stale_custom_ids_are_answered_without_harm() {
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    review(&bot, minji.guild_id, 3, Target::Drama(d), 8).await;
    let before = snapshot(&bot).await;
    let max = u64::MAX;
    for id in [
        format!("reviews:page:d:{}:{max}", d),
        format!("reviews:page:m:{max}:3"),
        format!("reviews:delete:1:d:{}:{max}", d),
        format!("leaderboard:d:s:all:0:1:{max}:"),
        format!("leaderboard:t:a:30d:2019:{max}:2:Romance:Comedy"),
        "leaderboard:x".to_owned(),
        "review:open:d:notanumber".to_owned(),
        "review:open:t:999999999".to_owned(),
        "review:delete:999999999".to_owned(),
        "forget:confirm:1".to_owned(),
        "nosuch:thing".to_owned(),
    ] {
        let body = send(&bot, minji.component(&id, None, component_message(&minji))).await;
        assert!(body["type"] == 4 || body["type"] == 7, "{id} → {body}");
        assert_eq!(snapshot(&bot).await, before, "{id}");
    }
    let body = send(
        &bot,
        minji.modal_submit("review:submit:x:1", &[("score".into(), "5".into())]),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert_eq!(snapshot(&bot).await, before);
}

/// Issue 15: a crafted custom id is the member's mistake, not ours: a
/// friendly ephemeral answer, `outcome="user_error"` (logged below error
/// level), and nothing changes.
#[tokio::test]
async fn crafted_custom_ids_are_user_errors_not_internal_ones() {
    use ostbot::bot::dispatch::{self, Outcome};
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    let minji = Actor::new("OST Lovers", "general", "minji", false);
    review(&bot, minji.guild_id, 3, Target::Drama(d), 8).await;
    let before = snapshot(&bot).await;
    let payloads = [
        minji.component("review:delete:1:2:3:4", None, component_message(&minji)),
        minji.component("reviews:delete:x", None, component_message(&minji)),
        minji.component("poll:vote:1:x", None, component_message(&minji)),
        minji.component("forget:confirm:me", None, component_message(&minji)),
        minji.component("review:submit:d:1", None, component_message(&minji)),
        minji.modal_submit("review:delete:1", &[("score".into(), "5".into())]),
        minji.modal_submit("review:submit:d:1:2", &[("score".into(), "5".into())]),
    ];
    for payload in payloads {
        let interaction = dispatch::parse_interaction(payload.to_string().as_bytes()).unwrap();
        let handled = dispatch::handle(&bot, interaction).await;
        assert_eq!(handled.outcome, Outcome::UserError, "{payload}");
        let body = send(&bot, payload.clone()).await;
        assert!(is_ephemeral(&body), "{body}");
        let text = body["data"]["content"].as_str().unwrap_or_default();
        assert!(text.contains("out of date"), "{text}");
        assert_eq!(snapshot(&bot).await, before);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_reviews_keep_the_aggregates_exact() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let g = 5u64;
    let mut tasks = Vec::new();
    for m in 0..24u64 {
        let bot = bot.clone();
        let target = if m % 3 == 0 {
            Target::Drama(d)
        } else {
            Target::Track {
                drama: d,
                track: t[(m % 2) as usize],
            }
        };
        tasks.push(tokio::spawn(async move {
            // Each member writes twice; the second version counts.
            review(&bot, g, 1000 + m % 12, target, 1 + (m % 10) as i64).await;
            review(&bot, g, 1000 + m % 12, target, 10 - (m % 10) as i64).await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    // Recount every member's drama voice from the stored reviews.
    let rows: Vec<(i64, i64, i64)> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT member_id, track_key, score FROM reviews WHERE guild_id = $1 AND drama_id = $2",
    )
    .bind(g as i64)
    .bind(d.to_i64_bits())
    .fetch_all(e)
    .await)
    .unwrap();
    let mut by_member: std::collections::BTreeMap<i64, Vec<(i64, i64)>> = Default::default();
    for (member, track, score) in rows {
        by_member.entry(member).or_default().push((track, score));
    }
    let voices: Vec<f64> = by_member
        .values()
        .filter_map(|rows| scores::drama_voice(rows))
        .collect();
    let recount = scores::summarize(&voices).unwrap();
    let stored = scores::summary(
        &bot.pool,
        Scope::Guild(GuildId::new(g)),
        Kind::Drama,
        d.to_i64_bits(),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(stored.voices, recount.voices);
    assert!(close(stored.mean, recount.mean));
    assert!(close(stored.median, recount.median));
    assert!((stored.spread - recount.spread).abs() < 1e-6);
    assert_eq!(stored.histogram, recount.histogram);
}

/// The voices and aggregates recomputed from the stored reviews with the
/// reference functions, compared with what the triggers of migration 0007
/// (and the delete paths) keep: every row, both ways.
async fn assert_scores_match_a_recount(bot: &Bot) {
    use std::collections::BTreeMap;
    let rows: Vec<(i64, i64, i64, i64, i64)> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT guild_id, member_id, drama_id, track_key, score FROM reviews"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    let mut drama_rows: BTreeMap<(i64, i64, i64), Vec<(i64, i64)>> = BTreeMap::new();
    let mut expected: BTreeMap<(i64, String, i64, i64), f64> = BTreeMap::new();
    for (g, m, d, t, score) in rows {
        drama_rows.entry((g, d, m)).or_default().push((t, score));
        if t != 0 {
            expected.insert((g, "track".into(), t, m), score as f64);
        }
    }
    for ((g, d, m), rows) in &drama_rows {
        let voice = scores::drama_voice(rows).unwrap();
        expected.insert((*g, "drama".into(), *d, *m), voice);
    }
    let stored: Vec<(i64, String, i64, i64, f64)> =
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT guild_id, kind, target_id, member_id, voice FROM voices"
        )
        .fetch_all(e)
        .await)
        .unwrap();
    let stored: BTreeMap<_, _> = stored
        .into_iter()
        .map(|(g, k, t, m, v)| ((g, k, t, m), v))
        .collect();
    assert_eq!(stored, expected, "voices differ from a recount");
    // Per server and across servers (guild 0), from the voices.
    let mut groups: BTreeMap<(i64, String, i64), Vec<f64>> = BTreeMap::new();
    for ((g, k, t, _), v) in &expected {
        groups.entry((*g, k.clone(), *t)).or_default().push(*v);
        groups.entry((0, k.clone(), *t)).or_default().push(*v);
    }
    let totals: Vec<(i64, String, i64, i64, f64, f64)> =
        ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
            "SELECT guild_id, kind, target_id, voices, total, total_sq FROM score_totals",
        )
        .fetch_all(e)
        .await)
        .unwrap();
    assert_eq!(totals.len(), groups.len(), "aggregate rows without voices");
    for (g, k, t, n, total, total_sq) in totals {
        let voices = &groups[&(g, k.clone(), t)];
        assert_eq!(n as usize, voices.len(), "{g} {k} {t}");
        assert!(close(total, voices.iter().sum()), "{g} {k} {t}");
        assert!(close(total_sq, voices.iter().map(|v| v * v).sum()));
        let scope = if g == 0 {
            Scope::AllServers
        } else {
            Scope::Guild(GuildId::new(g as u64))
        };
        let kind = if k == "drama" {
            Kind::Drama
        } else {
            Kind::Track
        };
        let summary = scores::summary(&bot.pool, scope, kind, t)
            .await
            .unwrap()
            .unwrap();
        let reference = scores::summarize(voices).unwrap();
        assert_eq!(summary.histogram, reference.histogram, "{g} {k} {t}");
        assert!(close(summary.median, reference.median), "{g} {k} {t}");
        assert!(close(summary.mean, reference.mean));
    }
}

#[tokio::test]
async fn every_write_path_keeps_voices_and_aggregates_equal_to_a_recount() {
    let (bot, _rec, _dir) = bot().await;
    let (d, t) = drama_with_tracks(&bot, 0).await;
    let (d2, _) = drama_with_tracks(&bot, 1).await;
    let track = |i: usize| Target::Track {
        drama: d,
        track: t[i],
    };
    // Whole-OST and track reviews in two servers, some members both.
    for m in 0..9u64 {
        let g = 1 + m % 2;
        // Ids are never 0: the first member is 9.
        let member = if m == 0 { 9 } else { m };
        review(&bot, g, member, Target::Drama(d), 1 + m as i64).await;
        review(&bot, g, member, track((m % 3) as usize), 10 - m as i64).await;
        review(
            &bot,
            g,
            100 + m,
            track(((m + 1) % 3) as usize),
            3 + (m % 5) as i64,
        )
        .await;
        review(&bot, g, 100 + m, track(((m + 2) % 3) as usize), 4).await;
        review(&bot, g, 200 + m, Target::Drama(d2), 5 + (m % 4) as i64).await;
    }
    assert_scores_match_a_recount(&bot).await;
    // Edits go to the history, one version per save, and move the voices.
    let first = review(&bot, 1, 100, track(1), 9).await;
    assert_eq!(first.edits, 1);
    let again = review(&bot, 1, 100, track(1), 9).await;
    assert_eq!((again.id, again.edits), (first.id, 2));
    assert_eq!(
        reviews::history(&bot.pool, first.id).await.unwrap().len(),
        2
    );
    review(&bot, 2, 1, Target::Drama(d), 2).await;
    assert_scores_match_a_recount(&bot).await;
    // A member's own delete, a moderator's removal, forget-me.
    let own = review(&bot, 1, 102, track(0), 6).await;
    reviews::delete_own(
        &bot.pool,
        GuildId::new(1),
        UserId::new(102),
        own.id,
        bot.clock.now(),
    )
    .await
    .unwrap();
    let whole = review(&bot, 2, 3, Target::Drama(d), 8).await;
    reviews::remove(
        &bot.pool,
        GuildId::new(2),
        whole.id,
        UserId::new(9),
        None,
        bot.clock.now(),
    )
    .await
    .unwrap();
    reviews::forget_member(&bot.pool, UserId::new(104), bot.clock.now())
        .await
        .unwrap();
    assert_scores_match_a_recount(&bot).await;
    // A removed track takes its reviews; the drama voices are recounted.
    ostbot_core::on_db!(&bot.pool, |e| sqlx::query(
        "DELETE FROM tracks WHERE id = $1"
    )
    .bind(t[2].to_i64_bits())
    .execute(e)
    .await
    .map(|done| done.rows_affected()))
    .unwrap();
    assert_scores_match_a_recount(&bot).await;
}

#[tokio::test]
async fn leaderboard_pages_are_slices_of_one_ranking() {
    let (bot, _rec, _dir) = bot().await;
    let dramas: Vec<(i64,)> = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT id FROM dramas WHERE scope = 0 ORDER BY id LIMIT 23"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    for (i, (d,)) in dramas.iter().enumerate() {
        for m in 0..(1 + i % 4) as u64 {
            let score = 1 + ((i * 7 + m as usize * 3) % 10) as i64;
            // Ids are never 0: members are numbered from 1.
            let member = m + 1;
            review(
                &bot,
                3 + m % 2,
                member,
                Target::Drama(DramaId::try_from(*d).unwrap()),
                score,
            )
            .await;
        }
    }
    let filter = Filter {
        kind: Kind::Drama,
        period: Period::AllTime,
        year: None,
        genre: None,
        min_voices: 1,
    };
    for scope in [Scope::Guild(GuildId::new(3)), Scope::AllServers] {
        let board = |offset, limit| {
            scores::leaderboard(&bot.pool, scope, &filter, 5, bot.clock.now(), offset, limit)
        };
        let (all, total) = board(0, 1000).await.unwrap();
        assert_eq!(total as usize, all.len());
        assert!(total > 10, "{total}");
        // Ranked by weighted score, more voices then the lower id first on ties.
        for pair in all.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(
                a.weighted > b.weighted
                    || (a.weighted == b.weighted
                        && (a.voices > b.voices || (a.voices == b.voices && a.target < b.target))),
                "{a:?} before {b:?}"
            );
        }
        let mut paged = Vec::new();
        for page in 0..3 {
            let (rows, page_total) = board(page * 10, 10).await.unwrap();
            assert_eq!(page_total, total);
            paged.extend(rows);
        }
        assert_eq!(paged, all);
        assert_eq!(
            paged.iter().map(|r| r.rank).collect::<Vec<_>>(),
            (1..=total).collect::<Vec<_>>()
        );
        // A page past the end is empty but still knows the total.
        assert_eq!(board(500, 10).await.unwrap(), (Vec::new(), total));
        assert_eq!(board(0, 0).await.unwrap(), (Vec::new(), total));
    }
}

#[tokio::test]
async fn saved_reviews_leave_the_automatic_checkpoint_to_keep_the_wal_small() {
    if support::skipped_on_postgres(
        "saved_reviews_leave_the_automatic_checkpoint_to_keep_the_wal_small",
    ) {
        return;
    }
    // Saving is an upsert … RETURNING; read only to its first row, SQLite
    // commits it on reset without running the automatic checkpoint. 2 000
    // reviews write over 10 000 frames: past the checkpoint's threshold twice.
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 0).await;
    for member in 0..2_000 {
        review(
            &bot,
            7,
            1_000 + member,
            Target::Drama(d),
            1 + (member % 10) as i64,
        )
        .await;
    }
    assert_eq!(review_count(&bot).await, 2_000);
    let frames = support::wal_frames(bot.pool.as_sqlite().expect("SQLite")).await;
    let limit = i64::from(ostbot::db::WAL_AUTOCHECKPOINT_PAGES) + 200;
    assert!(
        frames < limit,
        "{frames} frames in the WAL after 2 000 reviews"
    );
}

#[tokio::test]
async fn reviews_sent_at_once_share_commits_and_every_one_counts() {
    // Forty members review the same drama at the same moment: the writer
    // commits them together, and the aggregates the triggers keep must come
    // out as if they had been saved one by one. One member also sends an
    // out-of-range score: refused, and it changes nothing.
    let (bot, _rec, _dir) = bot().await;
    let (d, _) = drama_with_tracks(&bot, 2).await;
    let payloads: Vec<Value> = (0..40)
        .map(|n| {
            let actor = Actor::new("Crowd", "general", &format!("fan-{n}"), false);
            actor.command(
                "review",
                json!([s("drama", &id(d.to_i64_bits())), i("score", 1 + n % 10)]),
                json!({}),
            )
        })
        .chain(std::iter::once(
            Actor::new("Crowd", "general", "fan-x", false).command(
                "review",
                json!([s("drama", &id(d.to_i64_bits())), i("score", 11)]),
                json!({}),
            ),
        ))
        .collect();
    let bodies = futures_util::future::join_all(payloads.into_iter().map(|p| send(&bot, p))).await;
    let saved = bodies
        .iter()
        .filter(|b| b["data"]["content"].as_str() == Some("Your review is saved."))
        .count();
    assert_eq!(saved, 40, "{bodies:?}");
    assert_eq!(review_count(&bot).await, 40);
    let guild = GuildId::new(Actor::new("Crowd", "general", "fan-0", false).guild_id);
    let summary = scores::summary(&bot.pool, Scope::Guild(guild), Kind::Drama, d.to_i64_bits())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(summary.voices, 40);
    assert!(close(summary.mean, 5.5), "{summary:?}");
    assert_eq!(summary.histogram, [4; 10]);
}
