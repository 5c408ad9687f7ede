//! Polls, the weekly listening cycle and /config, end to end: real
//! interaction JSON through `dispatch_json`, a SQLite file, a manual clock
//! and a recording announcer that behaves like Discord (nonces dedupe
//! posts; deleted channels refuse them).

use chrono::{DateTime, Duration, Utc};
use ostbot::bot::announcer::{AnnounceError, Announcer};
use ostbot::bot::scheduler::{self, Pass};
use ostbot::bot::Bot;
use ostbot::clock::{Clock, ManualClock};
use ostbot::ids::{ChannelId, GuildId, UserId};
use ostbot::polls::{self, weekly, PollId};
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use std::sync::Arc;

mod support;

use support::recorder::Post;
use support::{b, i, is_ephemeral, s, schema, sub, valid, Recorder};

struct World {
    _dir: tempfile::TempDir,
    url: String,
    bot: Bot,
    clock: Arc<ManualClock>,
    discord: Recorder,
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Monday 2026-11-23 12:00 UTC.
const START: &str = "2026-11-23T12:00:00Z";

async fn world_at(start: &str) -> World {
    let (dir, url, pool) = support::database().await;
    let clock = Arc::new(ManualClock::new(at(start)));
    let discord = Recorder::default();
    let mut bot = ostbot::app::offline_bot(pool);
    bot.clock = clock.clone();
    bot.announcer = Arc::new(discord.clone());
    World {
        _dir: dir,
        url,
        bot,
        clock,
        discord,
    }
}

async fn world() -> World {
    valid(
        schema::Method::Put,
        "/applications/1/commands",
        &serde_json::to_value(ostbot::bot::commands::definitions()).unwrap(),
    );
    world_at(START).await
}

impl World {
    async fn send(&self, payload: Value) -> Value {
        let reply = support::send(&self.bot, payload).await;
        valid(schema::Method::Post, "/interactions/1/t/callback", &reply);
        reply
    }

    /// A fresh process on the same database and the same Discord.
    async fn restart(&mut self) {
        self.bot.pool.close().await;
        let pool = ostbot::app::open_database(&self.url).await.unwrap();
        let mut bot = ostbot::app::offline_bot(pool);
        bot.clock = self.clock.clone();
        bot.announcer = Arc::new(self.discord.clone());
        self.bot = bot;
    }

    async fn run_due(&self) -> Pass {
        scheduler::run_due(&self.bot).await.unwrap()
    }

    fn advance(&self, by: Duration) {
        self.clock.advance(by);
    }

    async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) =
            ostbot_core::on_db!(&self.bot.pool, |e| sqlx::query_as(sql).fetch_one(e).await)
                .unwrap();
        n
    }

    async fn track_ids(&self, n: i64) -> Vec<i64> {
        let rows: Vec<(i64,)> = ostbot_core::on_db!(&self.bot.pool, |e| sqlx::query_as(
            "SELECT id FROM tracks ORDER BY id LIMIT $1"
        )
        .bind(n)
        .fetch_all(e)
        .await)
        .unwrap();
        rows.into_iter().map(|(i,)| i).collect()
    }
}

fn moderator() -> Actor {
    Actor::new("OST Lovers", "general", "mod-hana", true)
}

fn member(name: &str) -> Actor {
    Actor::new("OST Lovers", "general", name, false)
}

fn content(reply: &Value) -> String {
    reply["data"]["content"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn embed_text(body: &Value) -> String {
    body.to_string()
}

fn create_payload(
    actor: &Actor,
    question: &str,
    duration: &str,
    options: &[&str],
    flags: &[(&str, bool)],
) -> Value {
    let mut opts = vec![s("question", question), s("duration", duration)];
    for (i, o) in options.iter().enumerate() {
        opts.push(s(&format!("option{}", i + 1), o));
    }
    for (name, value) in flags {
        opts.push(b(name, *value));
    }
    actor.command("poll", sub("create", opts), json!({}))
}

/// Creates a poll and returns its id and posted message.
async fn create_poll(w: &World, options: &[&str], flags: &[(&str, bool)]) -> (PollId, Post) {
    let reply = w
        .send(create_payload(
            &moderator(),
            "Best OST of the year?",
            "1d",
            options,
            flags,
        ))
        .await;
    let text = content(&reply);
    assert!(is_ephemeral(&reply), "{reply}");
    let id: i64 = text
        .split('#')
        .nth(1)
        .and_then(|t| t.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no poll number in {text:?}"));
    let post = w.discord.posts().last().cloned().unwrap();
    (PollId::try_from(id).unwrap(), post)
}

fn click(actor: &Actor, poll: PollId, position: u8, post: &Post) -> Value {
    actor.component(
        &format!("poll:vote:{poll}:{position}"),
        None,
        simulated::message(post.id, post.channel, "", json!([]), json!([])),
    )
}

fn pick(actor: &Actor, poll: PollId, positions: &[u8], post: &Post) -> Value {
    let values: Vec<String> = positions.iter().map(u8::to_string).collect();
    actor.component(
        &format!("poll:pick:{poll}"),
        Some(&values),
        simulated::message(post.id, post.channel, "", json!([]), json!([])),
    )
}

async fn tally(w: &World, poll: PollId) -> Vec<u64> {
    let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    polls::tally(&w.bot.pool, &p).await.unwrap().counts
}

#[tokio::test]
async fn a_poll_runs_from_creation_to_results_once() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["Flower", "Stay With Me", "Beautiful"], &[]).await;
    // The poll message: buttons labelled with the options.
    let labels: Vec<&str> = post.body["components"][0]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Flower", "Stay With Me", "Beautiful"]);
    assert_eq!(post.body["allowed_mentions"]["parse"], json!([]));

    let reply = w.send(click(&member("jisoo"), poll, 1, &post)).await;
    assert!(is_ephemeral(&reply));
    assert!(
        content(&reply).contains("You voted for **Stay With Me**"),
        "{reply}"
    );
    w.send(click(&member("minho"), poll, 1, &post)).await;
    w.send(click(&member("yuna"), poll, 0, &post)).await;
    // Changing a ballot replaces it.
    let reply = w.send(click(&member("yuna"), poll, 2, &post)).await;
    assert!(content(&reply).contains("**Beautiful**"));
    assert_eq!(tally(&w, poll).await, vec![0, 2, 1]);

    // The message shows live counts (after the coalescing gap).
    w.advance(Duration::seconds(5));
    w.run_due().await;
    let shown = w.discord.last_edit(post.id).unwrap();
    assert!(embed_text(&shown).contains("3 members voted"), "{shown}");

    // Nothing closes before the deadline; at the deadline exactly once.
    w.advance(Duration::hours(23));
    assert_eq!(w.run_due().await.closed, 0);
    w.advance(Duration::hours(1));
    let pass = w.run_due().await;
    assert_eq!((pass.closed, pass.results_posted), (1, 1));
    assert_eq!(w.run_due().await, Pass::default());
    let results = w.discord.posts().last().cloned().unwrap();
    assert_eq!(results.files, 1, "the results carry a bar chart");
    assert_eq!(
        results.body["attachments"][0]["filename"],
        format!("poll-{poll}.png")
    );
    let text = embed_text(&results.body);
    assert!(text.contains("Winner"), "{text}");
    assert!(text.contains("Stay With Me"));
    assert!(text.contains("67%"), "{text}");
    // Closed message: no more buttons.
    let closed = w.discord.last_edit(post.id).unwrap();
    assert_eq!(closed["components"], json!([]));

    // A vote on the closed poll is refused and changes nothing.
    let reply = w.send(click(&member("late"), poll, 0, &post)).await;
    assert!(is_ephemeral(&reply));
    assert!(content(&reply).contains("closed"), "{reply}");
    assert_eq!(tally(&w, poll).await, vec![0, 2, 1]);

    // /poll results and /poll list.
    let reply = w
        .send(member("jisoo").command(
            "poll",
            sub("results", vec![i("poll", poll.to_i64_bits())]),
            json!({}),
        ))
        .await;
    assert!(embed_text(&reply).contains("Stay With Me"));
    let reply = w
        .send(member("jisoo").command("poll", sub("list", vec![]), json!({})))
        .await;
    assert!(embed_text(&reply).contains("Recently closed"), "{reply}");
}

#[tokio::test]
async fn ties_are_stated_as_ties_and_early_close_is_for_creator_or_moderator() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B", "C"], &[]).await;
    w.send(click(&member("one"), poll, 0, &post)).await;
    w.send(click(&member("two"), poll, 2, &post)).await;
    let reply = w
        .send(member("one").command(
            "poll",
            sub("close", vec![i("poll", poll.to_i64_bits())]),
            json!({}),
        ))
        .await;
    assert!(
        content(&reply).contains("creator or a moderator"),
        "{reply}"
    );
    let reply = w
        .send(moderator().command(
            "poll",
            sub("close", vec![i("poll", poll.to_i64_bits())]),
            json!({}),
        ))
        .await;
    assert!(content(&reply).contains("Closed poll"), "{reply}");
    let text = embed_text(&w.discord.posts().last().unwrap().body);
    assert!(text.contains("tie between **A**, **C**"), "{text}");
    // The deadline later does not close or post it again.
    w.advance(Duration::days(2));
    assert_eq!(w.run_due().await, Pass::default());
}

#[tokio::test]
async fn multiple_choice_toggles_and_select_menus_set_ballots() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B", "C"], &[("multi", true)]).await;
    let jisoo = member("jisoo");
    w.send(click(&jisoo, poll, 0, &post)).await;
    let reply = w.send(click(&jisoo, poll, 2, &post)).await;
    assert!(content(&reply).contains("**A**, **C**"), "{reply}");
    let reply = w.send(click(&jisoo, poll, 0, &post)).await;
    assert!(content(&reply).contains("**C**"));
    w.send(pick(&member("minho"), poll, &[0, 1, 2], &post))
        .await;
    assert_eq!(tally(&w, poll).await, vec![1, 1, 2]);
    // Single choice refuses several options from a crafted select.
    let (single, single_post) = create_poll(&w, &["X", "Y"], &[]).await;
    let reply = w.send(pick(&jisoo, single, &[0, 1], &single_post)).await;
    assert!(content(&reply).contains("not an option"), "{reply}");
    assert_eq!(tally(&w, single).await, vec![0, 0]);
}

#[tokio::test]
async fn a_ballot_toggles_to_nothing_and_refuses_what_is_not_an_option() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B", "C"], &[("multi", true)]).await;
    let jisoo = member("jisoo");
    w.send(click(&jisoo, poll, 1, &post)).await;
    let reply = w.send(click(&jisoo, poll, 1, &post)).await;
    assert!(content(&reply).contains("withdrew"), "{reply}");
    w.send(click(&jisoo, poll, 0, &post)).await;
    // Crafted clicks on options the poll does not have change nothing.
    for position in [3, 24, 25, 63, 200] {
        let reply = w.send(click(&jisoo, poll, position, &post)).await;
        assert!(content(&reply).contains("not an option"), "{reply}");
        let reply = w.send(pick(&jisoo, poll, &[2, position], &post)).await;
        assert!(content(&reply).contains("not an option"), "{reply}");
    }
    w.send(pick(&member("minho"), poll, &[2, 1, 2], &post))
        .await;
    let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    let t = polls::tally(&w.bot.pool, &p).await.unwrap();
    assert_eq!((t.counts, t.voters), (vec![1, 1, 1], 2));
    // Once closed, a poll says so before looking at the option.
    w.advance(Duration::days(2));
    w.run_due().await;
    let reply = w.send(click(&jisoo, poll, 200, &post)).await;
    assert!(content(&reply).contains("is closed"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM poll_votes").await, 3);
}

#[tokio::test]
async fn anonymous_polls_never_show_voters_and_hidden_polls_hide_counts() {
    let w = world().await;
    let (open_poll, open_post) = create_poll(&w, &["A", "B"], &[]).await;
    let (anon, anon_post) = create_poll(&w, &["A", "B"], &[("anonymous", true)]).await;
    let (hidden, hidden_post) = create_poll(&w, &["A", "B"], &[("hide-results", true)]).await;
    let jisoo = member("jisoo");
    for (poll, post) in [
        (open_poll, &open_post),
        (anon, &anon_post),
        (hidden, &hidden_post),
    ] {
        w.send(click(&jisoo, poll, 1, post)).await;
    }
    w.advance(Duration::seconds(5));
    w.run_due().await;
    // Hidden counts: votes do not touch the message (nothing would change).
    assert!(w.discord.last_edit(hidden_post.id).is_none());
    assert!(embed_text(&hidden_post.body).contains("hidden"));
    assert!(!embed_text(&hidden_post.body).contains("voted"));
    let reply = w
        .send(moderator().command(
            "poll",
            sub("results", vec![i("poll", hidden.to_i64_bits())]),
            json!({}),
        ))
        .await;
    assert!(
        content(&reply).contains("hidden until it closes"),
        "{reply}"
    );

    w.send(click(&member("minho"), anon, 1, &anon_post)).await;
    w.send(click(&member("yuna"), anon, 0, &anon_post)).await;
    w.advance(Duration::days(1));
    assert_eq!(w.run_due().await.closed, 3);
    // Once closed, the anonymous poll's ballots no longer name members.
    let named = format!("SELECT COUNT(*) FROM poll_votes WHERE poll_id = {anon} AND member_id > 0");
    assert_eq!(w.count(&named).await, 0);
    // Its three voters became the numbers -1, -2 and -3.
    let numbers =
        format!("SELECT COUNT(DISTINCT member_id) * 10 - MIN(member_id) FROM poll_votes WHERE poll_id = {anon}");
    assert_eq!(w.count(&numbers).await, 33);
    let p = polls::get(&w.bot.pool, anon).await.unwrap().unwrap();
    let t = polls::tally(&w.bot.pool, &p).await.unwrap();
    assert_eq!((t.counts.clone(), t.voters), (vec![1, 2], 3));
    let jisoo_mention = format!("<@{}>", jisoo.user_id);
    let posts = w.discord.posts();
    let results = |poll: PollId| {
        posts
            .iter()
            .rev()
            .find(|p| {
                // The footer is "Poll #N", then its modes after " · ".
                let footer = p.body["embeds"][0]["footer"]["text"].as_str();
                footer.and_then(|f| f.split(" · ").next()) == Some(&format!("Poll #{poll}"))
            })
            .map(|p| embed_text(&p.body))
            .unwrap()
    };
    assert!(results(open_poll).contains(&jisoo_mention));
    assert!(!results(anon).contains(&jisoo_mention));
    assert!(results(hidden).contains("1 (100%)"), "{}", results(hidden));
    // Even a moderator's /poll results of the anonymous poll has no voters.
    let reply = w
        .send(moderator().command(
            "poll",
            sub("results", vec![i("poll", anon.to_i64_bits())]),
            json!({}),
        ))
        .await;
    assert!(!embed_text(&reply).contains(&jisoo_mention));
}

#[tokio::test]
async fn bad_inputs_are_refused_and_change_nothing() {
    let w = world().await;
    let m = moderator();
    let cases: Vec<(Value, &str)> = vec![
        (create_payload(&m, "Q", "1d", &["only"], &[]), "at least 2"),
        (
            create_payload(&m, "Q", "1d", &["Flower", "flower "], &[]),
            "twice",
        ),
        (
            create_payload(&m, "Q", "0m", &["a", "b"], &[]),
            "at least one minute",
        ),
        (
            create_payload(&m, "Q", "33d", &["a", "b"], &[]),
            "at most 32 days",
        ),
        (create_payload(&m, "Q", "soon", &["a", "b"], &[]), "3d, 12h"),
        (
            create_payload(&member("pleb"), "Q", "1d", &["a", "b"], &[]),
            "moderators",
        ),
        // Eleven options at creation (a stale registration, a crafted
        // payload): refused whole, never cut to ten.
        (
            create_payload(
                &m,
                "Q",
                "1d",
                &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"],
                &[],
            ),
            "takes at most 10 options, so nothing was created",
        ),
    ];
    for (payload, expected) in cases {
        let reply = w.send(payload).await;
        assert!(is_ephemeral(&reply));
        assert!(content(&reply).contains(expected), "{expected}: {reply}");
    }
    assert_eq!(w.count("SELECT COUNT(*) FROM polls").await, 0);
    assert!(w.discord.posts().is_empty());
    // A channel the bot cannot post in: refused, nothing kept.
    let general = moderator().channel_id;
    w.discord.d().gone.insert(general);
    let reply = w
        .send(create_payload(&m, "Q", "1d", &["a", "b"], &[]))
        .await;
    assert!(content(&reply).contains("no longer exists"), "{reply}");
    w.discord.d().gone.clear();
    assert_eq!(w.count("SELECT COUNT(*) FROM polls").await, 0);

    // 26 options: ten in the command, fifteen added, the 26th refused.
    let ten: Vec<String> = (1..=10).map(|i| format!("opt {i}")).collect();
    let ten: Vec<&str> = ten.iter().map(String::as_str).collect();
    let (poll, post) = create_poll(&w, &ten, &[]).await;
    let reply = w
        .send(m.command(
            "poll",
            sub(
                "add",
                vec![i("poll", poll.to_i64_bits()), s("option", "OPT 3")],
            ),
            json!({}),
        ))
        .await;
    assert!(content(&reply).contains("already an option"), "{reply}");
    for n in 11..=25 {
        let reply = w
            .send(m.command(
                "poll",
                sub(
                    "add",
                    vec![
                        i("poll", poll.to_i64_bits()),
                        s("option", &format!("opt {n}")),
                    ],
                ),
                json!({}),
            ))
            .await;
        assert!(content(&reply).contains("Added option"), "{reply}");
    }
    let reply = w
        .send(m.command(
            "poll",
            sub(
                "add",
                vec![i("poll", poll.to_i64_bits()), s("option", "opt 26")],
            ),
            json!({}),
        ))
        .await;
    assert!(content(&reply).contains("at most 25"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM poll_options").await, 25);
    // With more than ten options the message shows a select menu.
    let shown = w.discord.last_edit(post.id).unwrap();
    assert_eq!(shown["components"][0]["components"][0]["type"], 3);
    assert_eq!(
        shown["components"][0]["components"][0]["options"]
            .as_array()
            .unwrap()
            .len(),
        25
    );
    // After the first vote, no more options.
    w.send(pick(&member("a"), poll, &[24], &post)).await;
    assert_eq!(tally(&w, poll).await[24], 1);
    let reply = w
        .send(m.command(
            "poll",
            sub(
                "add",
                vec![i("poll", poll.to_i64_bits()), s("option", "late")],
            ),
            json!({}),
        ))
        .await;
    assert!(content(&reply).contains("before its first vote"), "{reply}");

    // A member of another server cannot vote here, and learns no more
    // than about a poll that does not exist: ids cannot be probed.
    let stranger = Actor::new("Other Server", "general", "stranger", false);
    let reply = w.send(click(&stranger, poll, 0, &post)).await;
    let absent = PollId::try_from(poll.to_i64_bits() + 1_000).unwrap();
    let missing = w.send(click(&stranger, absent, 0, &post)).await;
    assert_eq!(
        content(&reply).replace(&poll.to_string(), "N"),
        content(&missing).replace(&absent.to_string(), "N"),
        "{reply} vs {missing}"
    );
    assert!(content(&reply).contains("There is no poll"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM poll_votes").await, 1);

    // /config: non-moderators, unknown time zones, bad times.
    let channel = simulated::stable_id("channel:OST Lovers", "listening");
    let resolved = json!({ "channels": { channel.to_string(): simulated::resolved_channel(channel, "listening") } });
    let weekly = |tz: &str, time: &str| {
        sub(
            "weekly",
            vec![
                json!({ "name": "channel", "type": 7, "value": channel.to_string() }),
                s("day", "friday"),
                s("time", time),
                s("timezone", tz),
            ],
        )
    };
    let reply = w
        .send(member("pleb").command("config", weekly("Asia/Seoul", "20:00"), resolved.clone()))
        .await;
    assert!(content(&reply).contains("Manage Server"), "{reply}");
    let reply = w
        .send(member("pleb").command("config", sub("show", vec![]), json!({})))
        .await;
    assert!(content(&reply).contains("Manage Server"), "{reply}");
    let reply = w
        .send(m.command("config", weekly("Mars/Olympus", "20:00"), resolved.clone()))
        .await;
    assert!(content(&reply).contains("not a time zone"), "{reply}");
    let reply = w
        .send(m.command("config", weekly("Asia/Seoul", "25:00"), resolved.clone()))
        .await;
    assert!(content(&reply).contains("HH:MM"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM guild_settings").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM weekly_jobs").await, 0);

    // A channel the bot cannot post in says what is missing.
    w.discord
        .d()
        .missing
        .insert(channel, "Send Messages, Attach Files".into());
    let reply = w
        .send(m.command("config", weekly("Asia/Seoul", "20:00"), resolved.clone()))
        .await;
    assert!(
        content(&reply).contains("Send Messages, Attach Files"),
        "{reply}"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM guild_settings").await, 0);
}

#[tokio::test]
async fn poll_role_members_may_create_polls() {
    let w = world().await;
    let role = simulated::stable_id("role:OST Lovers", "dj");
    let resolved = json!({ "roles": { role.to_string(): simulated::resolved_role(role, "dj") } });
    let reply = w
        .send(moderator().command(
            "config",
            sub(
                "poll-role",
                vec![json!({ "name": "role", "type": 8, "value": role.to_string() })],
            ),
            resolved,
        ))
        .await;
    assert!(content(&reply).contains("may now create polls"), "{reply}");
    let mut dj = member("dj-kim");
    dj.roles = vec![role];
    let reply = w
        .send(create_payload(&dj, "Q", "2h", &["a", "b"], &[]))
        .await;
    assert!(content(&reply).contains("is up"), "{reply}");
    let reply = w
        .send(create_payload(&member("pleb"), "Q", "2h", &["a", "b"], &[]))
        .await;
    assert!(content(&reply).contains("poll role"), "{reply}");
}

#[tokio::test]
async fn votes_in_a_burst_are_shown_by_one_coalesced_edit() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B"], &[]).await;
    let before = w.discord.edit_count();
    for name in ["a", "b", "c", "d", "e"] {
        w.send(click(&member(name), poll, 0, &post)).await;
    }
    // The first vote edits at once; the four after it wait for the gap.
    assert_eq!(w.discord.edit_count() - before, 1);
    w.advance(Duration::seconds(3));
    assert_eq!(w.run_due().await.edits, 1);
    assert!(embed_text(&w.discord.last_edit(post.id).unwrap()).contains("5 members voted"));
    assert_eq!(w.run_due().await.edits, 0);
}

#[tokio::test]
async fn a_deadline_that_passed_while_down_closes_once_at_start_up() {
    let mut w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B"], &[]).await;
    w.send(click(&member("a"), poll, 0, &post)).await;
    w.advance(Duration::days(5));
    w.restart().await;
    let pass = w.run_due().await;
    assert_eq!((pass.closed, pass.results_posted), (1, 1));
    w.restart().await;
    assert_eq!(w.run_due().await, Pass::default());
}

/// A second process on the same database and the same Discord.
async fn second_process(w: &World) -> Bot {
    let pool = ostbot::app::open_database(&w.url).await.unwrap();
    let mut bot = ostbot::app::offline_bot(pool);
    bot.clock = w.clock.clone();
    bot.announcer = Arc::new(w.discord.clone());
    bot
}

#[tokio::test]
async fn two_processes_due_at_once_post_the_results_once() {
    let w = world().await;
    let other = second_process(&w).await;
    let (poll, post) = create_poll(&w, &["A", "B"], &[]).await;
    w.send(click(&member("a"), poll, 0, &post)).await;
    w.advance(Duration::days(2));
    let attempts_before = w.discord.d().attempts;
    let (here, there) = tokio::join!(scheduler::run_due(&w.bot), scheduler::run_due(&other));
    let (here, there) = (here.unwrap(), there.unwrap());
    assert_eq!(here.closed + there.closed, 1, "{here:?} {there:?}");
    assert_eq!(
        here.results_posted + there.results_posted,
        1,
        "{here:?} {there:?}"
    );
    // Discord would drop a second post with the same nonce; it is not even sent.
    assert_eq!(
        w.discord.d().attempts,
        attempts_before + 1,
        "one results post"
    );
    assert_eq!(w.run_due().await, Pass::default());
    assert_eq!(scheduler::run_due(&other).await.unwrap(), Pass::default());
}

#[tokio::test]
async fn a_results_post_held_by_a_process_that_died_is_posted_after_its_lease() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["A", "B"], &[]).await;
    w.send(click(&member("a"), poll, 0, &post)).await;
    w.advance(Duration::days(2));
    assert!(scheduler::close_poll(&w.bot, poll, true).await.unwrap());
    // The process that claimed the post is killed before it posts.
    assert!(
        polls::claim_results(&w.bot.pool, poll, w.clock.now(), weekly::DEFAULT_LEASE)
            .await
            .unwrap()
    );
    let other = second_process(&w).await;
    let attempts_before = w.discord.d().attempts;
    assert_eq!(
        scheduler::run_due(&other).await.unwrap().results_posted,
        0,
        "held"
    );
    w.advance(Duration::minutes(4));
    assert_eq!(
        scheduler::run_due(&other).await.unwrap().results_posted,
        0,
        "still held"
    );
    w.advance(Duration::minutes(2));
    assert_eq!(
        scheduler::run_due(&other).await.unwrap().results_posted,
        1,
        "lease over"
    );
    assert_eq!(w.discord.d().attempts, attempts_before + 1);
    assert_eq!(scheduler::run_due(&other).await.unwrap(), Pass::default());
}

// ---------------------------------------------------------------- weekly

const LISTENING: &str = "listening";

fn listening() -> u64 {
    simulated::stable_id("channel:OST Lovers", LISTENING)
}

fn ping_role() -> u64 {
    simulated::stable_id("role:OST Lovers", "listeners")
}

async fn configure_weekly(w: &World, day: &str, time: &str, tz: &str, candidates: i64) -> Value {
    let channel = listening();
    let role = ping_role();
    let resolved = json!({
        "channels": { channel.to_string(): simulated::resolved_channel(channel, LISTENING) },
        "roles": { role.to_string(): simulated::resolved_role(role, "listeners") }
    });
    let reply = w
        .send(moderator().command(
            "config",
            sub(
                "weekly",
                vec![
                    json!({ "name": "channel", "type": 7, "value": channel.to_string() }),
                    s("day", day),
                    s("time", time),
                    s("timezone", tz),
                    i("candidates", candidates),
                    json!({ "name": "ping-role", "type": 8, "value": role.to_string() }),
                ],
            ),
            resolved,
        ))
        .await;
    assert!(content(&reply).contains("Next run"), "{reply}");
    reply
}

async fn nominate(w: &World, who: &Actor, track: i64) -> Value {
    w.send(who.command(
        "nominate",
        json!([s("track", &format!("id:{track}"))]),
        json!({}),
    ))
    .await
}

async fn job(w: &World) -> weekly::Job {
    weekly::job(&w.bot.pool, GuildId::new(moderator().guild_id))
        .await
        .unwrap()
        .unwrap()
}

fn poll_of(post: &Post) -> (PollId, Vec<String>) {
    let buttons = post.body["components"][0]["components"].as_array().unwrap();
    let first = buttons[0]["custom_id"].as_str().unwrap();
    let id = first.split(':').nth(2).unwrap().parse().unwrap();
    let labels = post.body["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|row| row["components"].as_array().unwrap().clone())
        .map(|c| c["label"].as_str().unwrap().to_owned())
        .collect();
    (PollId::new(id), labels)
}

#[tokio::test]
async fn four_weeks_of_the_listening_cycle() {
    let w = world().await;
    let tracks = w.track_ids(12).await;
    assert!(tracks.len() >= 8, "the shipped catalog has tracks");
    // Fridays 20:00 in Seoul = 11:00 UTC. Now is Monday 12:00 UTC.
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 4).await;
    assert_eq!(job(&w).await.next_run, at("2026-11-27T11:00:00Z"));

    let (jisoo, minho, yuna) = (member("jisoo"), member("minho"), member("yuna"));
    let mut winners = Vec::new();
    for week in 0..4 {
        // Nominations: tracks[2w] twice, tracks[2w+1] once.
        let (top, second) = (tracks[2 * week], tracks[2 * week + 1]);
        let reply = nominate(&w, &jisoo, top).await;
        assert!(content(&reply).contains("Nominated"), "{reply}");
        nominate(&w, &minho, top).await;
        nominate(&w, &yuna, second).await;
        let reply = nominate(&w, &jisoo, top).await;
        assert!(content(&reply).contains("already nominated"), "{reply}");

        let posts_before = w.discord.posts_in(listening()).len();
        assert_eq!(w.run_due().await.weekly_runs, 0, "not due yet");
        w.advance(Duration::days(5) - Duration::minutes(60));
        w.clock.set(job(&w).await.next_run);
        let pass = w.run_due().await;
        assert_eq!(pass.weekly_runs, 1, "week {week}");
        assert_eq!(w.run_due().await.weekly_runs, 0, "exactly once");
        let new_posts = w.discord.posts_in(listening())[posts_before..].to_vec();
        // Week 0: the first poll only; later weeks: the winner, then the poll.
        assert_eq!(
            new_posts.len(),
            if week == 0 { 1 } else { 2 },
            "week {week}"
        );
        if week > 0 {
            assert_eq!(new_posts[0].files, 1, "the winner comes with the chart");
            let announce = embed_text(&new_posts[0].body);
            assert!(announce.contains("This week's track"), "{announce}");
            assert!(announce.contains("review:open:t:"), "{announce}");
            assert!(announce.contains("attachment://poll-"), "{announce}");
            // Its Review button opens the review form.
            let button = new_posts[0].body["components"][0]["components"][0]["custom_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let message =
                simulated::message(new_posts[0].id, listening(), "", json!([]), json!([]));
            let form = w
                .send(member("jisoo").component(&button, None, message))
                .await;
            assert_eq!(form["type"], 9, "{form}");
        }
        let poll_post = new_posts.last().unwrap();
        assert_eq!(
            poll_post.body["allowed_mentions"]["roles"],
            json!([ping_role().to_string()])
        );
        assert!(poll_post.body["content"]
            .as_str()
            .unwrap()
            .contains(&format!("<@&{}>", ping_role())));
        let (poll, labels) = poll_of(poll_post);
        assert_eq!(labels.len(), 4, "{labels:?}");
        // The most nominated first, then the other nomination, then filler.
        let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
        assert_eq!(p.options[0].track.map(|t| t.to_i64_bits()), Some(top));
        assert_eq!(p.options[1].track.map(|t| t.to_i64_bits()), Some(second));
        // Votes: option 1 (the second nomination) wins.
        w.send(click(&jisoo, poll, 1, poll_post)).await;
        w.send(click(&minho, poll, 1, poll_post)).await;
        w.send(click(&yuna, poll, 0, poll_post)).await;
        winners.push(second);
    }
    // The fourth week's winner is announced at the next run.
    w.clock.set(job(&w).await.next_run);
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let chosen: Vec<(i64,)> = ostbot_core::on_db!(&w.bot.pool, |e| sqlx::query_as(
        "SELECT track_id FROM weekly_winners ORDER BY cycle"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    let chosen: Vec<i64> = chosen.into_iter().map(|(t,)| t).collect();
    assert_eq!(chosen, winners);
    // Past winners are not offered again as filler.
    let last = w.discord.posts_in(listening()).last().cloned().unwrap();
    let (poll, _) = poll_of(&last);
    let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    for option in &p.options {
        assert!(!winners.contains(&option.track.unwrap().to_i64_bits()));
    }
    // The weekly poll is not also posted as a generic results message.
    assert_eq!(
        w.count("SELECT COUNT(*) FROM polls WHERE results_message IS NOT NULL")
            .await,
        0
    );
    // Four nominations by one member in a week: the fourth is refused.
    for t in &tracks[8..11] {
        nominate(&w, &jisoo, *t).await;
    }
    let reply = nominate(&w, &jisoo, tracks[11]).await;
    assert!(content(&reply).contains("3 tracks a week"), "{reply}");
}

#[tokio::test]
async fn a_weekly_tie_is_stated_and_the_most_nominated_is_listened_to() {
    let w = world().await;
    let tracks = w.track_ids(4).await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    nominate(&w, &member("a"), tracks[0]).await;
    nominate(&w, &member("b"), tracks[0]).await;
    nominate(&w, &member("a"), tracks[1]).await;
    w.clock.set(job(&w).await.next_run);
    w.run_due().await;
    let post = w.discord.posts_in(listening()).last().cloned().unwrap();
    let (poll, _) = poll_of(&post);
    w.send(click(&member("a"), poll, 1, &post)).await;
    w.send(click(&member("b"), poll, 0, &post)).await;
    w.clock.set(job(&w).await.next_run);
    w.run_due().await;
    let posts = w.discord.posts_in(listening());
    let announce = embed_text(&posts[posts.len() - 2].body);
    assert!(announce.contains("tie between"), "{announce}");
    assert!(announce.contains("nominated most"), "{announce}");
    let (won,): (i64,) = ostbot_core::on_db!(&w.bot.pool, |e| sqlx::query_as(
        "SELECT track_id FROM weekly_winners"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert_eq!(won, tracks[0]);
}

#[tokio::test]
async fn a_restart_in_the_middle_of_the_weekly_job_posts_nothing_twice() {
    let mut w = world().await;
    let tracks = w.track_ids(6).await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    nominate(&w, &member("a"), tracks[0]).await;
    w.clock.set(job(&w).await.next_run);
    w.run_due().await;
    let post = w.discord.posts_in(listening()).last().cloned().unwrap();
    let (poll, _) = poll_of(&post);
    w.send(click(&member("a"), poll, 0, &post)).await;
    w.clock.set(job(&w).await.next_run);

    // Discord stores the winner announcement but the answer is lost, and
    // the process dies there.
    w.discord.d().lose_answers = 1;
    assert!(scheduler::run_due(&w.bot).await.is_err());
    let running = job(&w)
        .await
        .running
        .expect("the run is recorded as in progress");
    assert_eq!(running.step, weekly::STEP_CLOSE_PREVIOUS);
    let posts_before = w.discord.posts_in(listening()).len();
    w.restart().await;
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let new_posts = &w.discord.posts_in(listening())[posts_before..];
    assert_eq!(
        new_posts.len(),
        1,
        "only the new poll; the announcement was not repeated"
    );
    assert!(
        new_posts[0].body["components"][0]["components"][0]["custom_id"]
            .as_str()
            .unwrap()
            .starts_with("poll:vote:")
    );

    // Lost answer for the new poll's post: the retry finds it by nonce.
    w.clock.set(job(&w).await.next_run);
    w.discord.d().lose_answers = 2;
    assert!(scheduler::run_due(&w.bot).await.is_err());
    w.restart().await;
    assert!(scheduler::run_due(&w.bot).await.is_err());
    w.restart().await;
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let announcements = w
        .discord
        .posts_in(listening())
        .iter()
        .filter(|p| {
            // A winner or a "no track" announcement: both titled 🎧.
            p.body["embeds"][0]["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("🎧"))
        })
        .count();
    assert_eq!(announcements, 2);
    let polls_posted = w
        .discord
        .posts_in(listening())
        .iter()
        .filter(|p| embed_text(&p.body).contains("poll:vote:"))
        .count();
    assert_eq!(polls_posted, 3);
    assert!(job(&w).await.running.is_none());
}

#[tokio::test]
async fn three_weeks_offline_make_one_run() {
    let mut w = world().await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    w.advance(Duration::days(22));
    w.restart().await;
    assert_eq!(w.run_due().await.weekly_runs, 1);
    assert_eq!(w.run_due().await.weekly_runs, 0);
    assert_eq!(w.discord.posts_in(listening()).len(), 1);
    // The next run is the next Friday after now, not a missed one.
    let next = job(&w).await.next_run;
    assert!(next > w.clock.now() && next - w.clock.now() <= Duration::days(7));
    assert_eq!(next.format("%a %H:%M").to_string(), "Fri 11:00");

    // Down again for three weeks with a poll open: on return, its winner
    // is announced once and one new poll opens; no generic results post.
    let post = w.discord.posts_in(listening())[0].clone();
    let (poll, _) = poll_of(&post);
    w.send(click(&member("a"), poll, 2, &post)).await;
    w.advance(Duration::days(21));
    w.restart().await;
    assert_eq!(w.run_due().await.weekly_runs, 1);
    w.restart().await;
    assert_eq!(w.run_due().await, Pass::default());
    let posts = w.discord.posts_in(listening());
    assert_eq!(posts.len(), 3);
    assert!(embed_text(&posts[1].body).contains("This week's track"));
    assert!(embed_text(&posts[2].body).contains("poll:vote:"));
    assert_eq!(
        w.count("SELECT COUNT(*) FROM polls WHERE results_message IS NOT NULL")
            .await,
        0
    );
}

#[tokio::test]
async fn the_cycle_keeps_local_time_across_daylight_saving() {
    // Sunday 20:00 in New York; DST begins Sunday 2026-03-08.
    let w = world_at("2026-02-26T12:00:00Z").await;
    configure_weekly(&w, "sunday", "20:00", "America/New_York", 3).await;
    let first = job(&w).await.next_run;
    assert_eq!(first, at("2026-03-02T01:00:00Z"));
    w.clock.set(first);
    w.run_due().await;
    let second = job(&w).await.next_run;
    assert_eq!(second, at("2026-03-09T00:00:00Z"));
    // The open weekly poll is the job's: nothing else is due before the run.
    assert_eq!(scheduler::next_due(&w.bot).await.unwrap(), Some(second));
    // The poll stays open exactly until the next local 20:00.
    let last = w.discord.posts_in(listening()).last().cloned().unwrap();
    let (poll, _) = poll_of(&last);
    let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    assert_eq!(p.closes_at, second);
    w.clock.set(second - Duration::minutes(1));
    assert_eq!(w.run_due().await.weekly_runs, 0);
    w.clock.set(second);
    assert_eq!(w.run_due().await.weekly_runs, 1);
}

#[tokio::test]
async fn a_deleted_channel_is_recorded_and_not_retried_in_a_loop() {
    let w = world().await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    w.discord.d().gone.insert(listening());
    w.clock.set(job(&w).await.next_run);
    let pass = w.run_due().await;
    assert_eq!(pass.weekly_runs, 1);
    let attempts = w.discord.d().attempts;
    for _ in 0..3 {
        assert_eq!(w.run_due().await, Pass::default());
    }
    assert_eq!(
        w.discord.d().attempts,
        attempts,
        "no retries until next week"
    );
    let reply = w
        .send(moderator().command("config", sub("show", vec![]), json!({})))
        .await;
    let text = embed_text(&reply);
    assert!(text.contains("Problem"), "{text}");
    assert!(text.contains("no longer exists"), "{text}");
    // The unseen poll was closed, not left open.
    assert_eq!(
        w.count("SELECT COUNT(*) FROM polls WHERE closed_at IS NULL")
            .await,
        0
    );
    // The channel comes back: the next run posts and clears the problem.
    w.discord.d().gone.clear();
    w.clock.set(job(&w).await.next_run);
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let reply = w
        .send(moderator().command("config", sub("show", vec![]), json!({})))
        .await;
    assert!(!embed_text(&reply).contains("Problem"), "{reply}");
    // /config reset asks first (issue 16), then turns everything off.
    let reply = w
        .send(moderator().command("config", sub("reset", vec![]), json!({})))
        .await;
    assert!(
        reply.to_string().contains("config:reset:confirm"),
        "{reply}"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM weekly_jobs").await, 1);
    let reply = w
        .send(moderator().component(
            "config:reset:confirm",
            None,
            simulated::message(1, moderator().channel_id, "", json!([]), json!([])),
        ))
        .await;
    assert!(content(&reply).contains("defaults"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM weekly_jobs").await, 0);
}

#[tokio::test]
async fn nominating_needs_a_weekly_cycle() {
    let w = world().await;
    let tracks = w.track_ids(1).await;
    let reply = nominate(&w, &member("a"), tracks[0]).await;
    assert!(content(&reply).contains("/config weekly"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM nominations").await, 0);
}

#[tokio::test]
async fn console_scenario_moves_the_clock_and_prints_channel_posts() {
    use ostbot::transport::console::Console;
    let w = world().await;
    let tracks = w.track_ids(3).await;
    let label = ostbot::catalog::get_track(
        &w.bot.pool,
        ostbot::catalog::TrackId::try_from(tracks[0]).unwrap(),
        None,
    )
    .await
    .unwrap()
    .unwrap()
    .label();
    for json in [false, true] {
        let mut console = Console::new(w.bot.clone(), json);
        say(&mut console, ":guild Console Club".into()).await;
        say(&mut console, ":as hana mod".into()).await;
        let out = say(&mut console, "/config weekly channel:#listening day:friday time:20:00 timezone:Asia/Seoul candidates:3".into()).await;
        assert!(out.contains("Next run"), "{out}");
        say(&mut console, ":as jisoo".into()).await;
        let out = say(&mut console, format!("/nominate track:id:{}", tracks[0])).await;
        assert!(out.contains("Nominated"), "{out}");
        let out = say(&mut console, ":clock +7d".into()).await;
        if json {
            let post: Value = out
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .find(|v| v["channel"] == "#listening")
                .unwrap_or_else(|| panic!("{out}"));
            assert!(post["body"]["embeds"][0]["title"].is_string());
            break;
        }
        assert!(out.contains("the time is now"), "{out}");
        assert!(out.contains("[#listening]"), "{out}");
        let out = say(&mut console, format!(":click {label}")).await;
        assert!(out.contains("You voted for"), "{out}");
        let out = say(&mut console, ":clock +7d".into()).await;
        assert!(
            out.contains("[#listening]") && out.contains("This week's track"),
            "{out}"
        );
        assert!(out.contains(&label), "{out}");
        let out = say(&mut console, ":clock soon".into()).await;
        assert!(out.contains("usage"), "{out}");
    }
}

async fn say(console: &mut ostbot::transport::console::Console, line: String) -> String {
    console.line(&line).await.join("\n")
}

#[tokio::test]
async fn well_reviewed_tracks_fill_a_poll_without_nominations() {
    let w = world().await;
    let tracks = w.track_ids(40).await;
    let favourite = tracks[37];
    ostbot_core::on_db!(&w.bot.pool, |e| sqlx::query(
        "INSERT INTO score_totals (guild_id, kind, target_id, voices, total) VALUES ($1, 'track', $2, 4, 36.0)",
    )
    .bind(moderator().guild_id as i64)
    .bind(favourite)
    .execute(e).await.map(|done| done.rows_affected()))
    .unwrap();
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    w.clock.set(job(&w).await.next_run);
    w.run_due().await;
    let post = w.discord.posts_in(listening()).last().cloned().unwrap();
    let (poll, labels) = poll_of(&post);
    assert_eq!(labels.len(), 3);
    let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    assert_eq!(p.options[0].track.map(|t| t.to_i64_bits()), Some(favourite));
}

#[tokio::test]
async fn the_scheduler_loop_closes_due_polls_and_stops_on_shutdown() {
    let w = world().await;
    let (poll, _) = create_poll(&w, &["A", "B"], &[]).await;
    w.advance(Duration::days(2));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = scheduler::spawn_scheduler(w.bot.clone(), async {
        let _ = stopped.await;
    });
    let mut closed = false;
    for _ in 0..100 {
        let p = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
        if p.closed_at.is_some() {
            closed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(closed, "the loop closed the overdue poll");
    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(5), task)
        .await
        .expect("the loop stops on shutdown")
        .unwrap();
}

#[tokio::test]
async fn config_review_feed_ping_role_and_show_in_korean() {
    let w = world().await;
    let feed = simulated::stable_id("channel:OST Lovers", "reviews");
    let resolved =
        json!({ "channels": { feed.to_string(): simulated::resolved_channel(feed, "reviews") } });
    let set_feed = sub(
        "review-feed",
        vec![json!({ "name": "channel", "type": 7, "value": feed.to_string() })],
    );
    w.discord.d().missing.insert(feed, "Embed Links".into());
    let reply = w
        .send(moderator().command("config", set_feed.clone(), resolved.clone()))
        .await;
    assert!(content(&reply).contains("missing: Embed Links"), "{reply}");
    assert_eq!(w.count("SELECT COUNT(*) FROM guild_settings").await, 0);
    w.discord.d().missing.clear();
    let reply = w
        .send(moderator().command("config", set_feed, resolved))
        .await;
    assert!(content(&reply).contains(&format!("<#{feed}>")), "{reply}");

    let role = ping_role();
    let reply = w
        .send(moderator().command(
            "config",
            sub(
                "ping-role",
                vec![json!({ "name": "role", "type": 8, "value": role.to_string() })],
            ),
            json!({ "roles": { role.to_string(): simulated::resolved_role(role, "listeners") } }),
        ))
        .await;
    assert!(content(&reply).contains(&format!("<@&{role}>")), "{reply}");

    let mut korean = moderator();
    korean.locale = "ko".into();
    let reply = w
        .send(korean.command("config", sub("show", vec![]), json!({})))
        .await;
    assert!(is_ephemeral(&reply));
    let text = embed_text(&reply);
    assert!(
        text.contains("리뷰 피드") && text.contains(&format!("<#{feed}>")),
        "{text}"
    );
    assert!(
        text.contains(&format!("<@&{role}>")) && text.contains("꺼짐"),
        "{text}"
    );
    // Clearing the role.
    let reply = w
        .send(moderator().command("config", sub("ping-role", vec![]), json!({})))
        .await;
    assert!(content(&reply).contains("Nobody will be pinged"), "{reply}");
}

#[tokio::test]
async fn over_rest_channels_are_checked_and_posts_carry_enforced_nonces() {
    use ostbot::config::Needs;
    use ostbot::transport::rest::{self, RestAnnouncer};
    use support::fake::{bot_role_id, FakeDiscord};
    let fake = FakeDiscord::start().await;
    let config = support::config(
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
        ],
        Needs {
            token: true,
            public_key: false,
        },
    );
    let rest = RestAnnouncer(Arc::new(rest::http_client(&config).unwrap()));
    // The fake's bot role may view, send, embed and attach.
    rest.check_access(ChannelId::new(4242)).await.unwrap();
    // A channel whose overwrites take sending and files from the bot's role.
    let guild = support::fake::guild_id().to_string();
    fake.respond(
        "GET",
        "/channels/4243",
        200,
        json!({
            "id": "4243", "guild_id": guild, "name": "locked", "type": 0, "position": 1,
            "permission_overwrites": [{
                "id": bot_role_id().to_string(), "type": 0,
                "allow": "0", "deny": (2048u64 | 32768).to_string()
            }],
            "rate_limit_per_user": 0, "nsfw": false, "topic": null, "last_message_id": null,
            "parent_id": null
        }),
    );
    assert_eq!(
        rest.check_access(ChannelId::new(4243)).await,
        Err(AnnounceError::MissingAccess(
            "Send Messages, Attach Files".into()
        ))
    );
    fake.respond(
        "GET",
        "/channels/4244",
        404,
        json!({ "message": "Unknown Channel", "code": 10003 }),
    );
    assert_eq!(
        rest.check_access(ChannelId::new(4244)).await,
        Err(AnnounceError::ChannelGone)
    );

    // A poll posted and voted on over REST: the post carries its nonce.
    let mut w = world().await;
    w.bot.announcer = Arc::new(rest);
    let reply = w
        .send(create_payload(&moderator(), "Q", "1h", &["A", "B"], &[]))
        .await;
    assert!(content(&reply).contains("is up"), "{reply}");
    let channel = moderator().channel_id;
    let posted = fake
        .wait_for("the poll", |r| {
            r.method == "POST" && r.path == format!("/channels/{channel}/messages")
        })
        .await;
    let body = posted.body.unwrap();
    assert!(body["nonce"].as_str().unwrap().starts_with('p'), "{body}");
    assert_eq!(body["enforce_nonce"], true);
    w.advance(Duration::hours(2));
    assert_eq!(w.run_due().await.results_posted, 1);
    let results = fake
        .wait_for("the results", |r| r.method == "POST" && r.multipart)
        .await;
    assert!(results.body.unwrap()["nonce"]
        .as_str()
        .unwrap()
        .starts_with('r'));
    fake.assert_bodies_valid();
}

#[tokio::test]
async fn two_processes_due_at_once_run_the_week_once() {
    let w = world().await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    w.clock.set(job(&w).await.next_run);
    let pool = ostbot::app::open_database(&w.url).await.unwrap();
    let mut other = ostbot::app::offline_bot(pool);
    other.clock = w.clock.clone();
    other.announcer = Arc::new(w.discord.clone());
    let (a, b) = tokio::join!(scheduler::run_due(&w.bot), scheduler::run_due(&other));
    assert_eq!(a.unwrap().weekly_runs + b.unwrap().weekly_runs, 1);
    assert_eq!(w.discord.posts_in(listening()).len(), 1);
}

#[tokio::test]
async fn a_run_left_by_a_dead_process_waits_for_its_lease_then_resumes() {
    let mut w = world().await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 3).await;
    let due = job(&w).await;
    w.clock.set(due.next_run);
    // A process claims the run and dies before its first step.
    let then = due.next_run + Duration::days(7);
    let claimed = weekly::claim(
        &w.bot.pool,
        &due,
        then,
        w.clock.now(),
        weekly::DEFAULT_LEASE,
    )
    .await
    .unwrap();
    assert!(claimed.is_some());
    w.restart().await;

    // Its lease still holds: nobody else runs the week, and the scheduler
    // sleeps until the lease ends instead of spinning.
    assert_eq!(w.run_due().await.weekly_runs, 0);
    assert!(w.discord.posts_in(listening()).is_empty());
    let wake_at = scheduler::next_due(&w.bot).await.unwrap().unwrap();
    assert_eq!(
        wake_at,
        w.clock.now() + Duration::seconds(weekly::LEASE_SECS)
    );

    w.clock.set(wake_at);
    assert_eq!(w.run_due().await.weekly_runs, 1);
    assert_eq!(w.run_due().await.weekly_runs, 0);
    assert_eq!(w.discord.posts_in(listening()).len(), 1);
    let after = job(&w).await;
    assert!(after.running.is_none());
    assert_eq!(after.next_run, then);
}

#[tokio::test]
async fn forget_me_removes_the_members_votes_and_nominations_everywhere() {
    let w = world().await;
    let (poll, post) = create_poll(&w, &["Flower", "Stay With Me"], &[]).await;
    let jun = member("jun");
    w.send(click(&jun, poll, 0, &post)).await;
    w.send(click(&member("ara"), poll, 1, &post)).await;
    assert_eq!(tally(&w, poll).await, vec![1, 1]);

    let ask = w.send(jun.command("forget-me", json!([]), json!({}))).await;
    let confirm = ask.to_string();
    assert!(confirm.contains("forget:confirm:"), "{ask}");
    let custom_id = format!("forget:confirm:{}", jun.user_id);
    let done = w
        .send(jun.component(
            &custom_id,
            None,
            simulated::message(1, post.channel, "", json!([]), json!([])),
        ))
        .await;
    assert!(content(&done).contains("votes in 1 poll"), "{done}");
    assert_eq!(tally(&w, poll).await, vec![0, 1], "only jun's ballot goes");
}

#[tokio::test]
async fn votes_leave_the_automatic_checkpoint_to_keep_the_wal_small() {
    if support::skipped_on_postgres("votes_leave_the_automatic_checkpoint_to_keep_the_wal_small") {
        return;
    }
    // A vote is an INSERT … RETURNING; read only to its first row, SQLite
    // commits it on reset without running the automatic checkpoint, and the
    // WAL grows by every vote (about 3 frames each) for as long as the bot runs.
    // 3 000 votes write about 10 000 frames: past the checkpoint's threshold twice.
    let w = world().await;
    let (poll, _) = create_poll(&w, &["A", "B"], &[]).await;
    let guild = GuildId::new(moderator().guild_id);
    for m in 0..3_000 {
        let choice = polls::Choice::Toggle((m % 2) as u8);
        polls::vote(
            &w.bot.writer,
            poll,
            guild,
            UserId::new(50_000 + m),
            &choice,
            w.clock.now(),
        )
        .await
        .unwrap();
    }
    assert_eq!(tally(&w, poll).await, [1_500, 1_500]);
    let frames = support::wal_frames(w.bot.pool.as_sqlite().expect("SQLite")).await;
    let limit = i64::from(ostbot::db::WAL_AUTOCHECKPOINT_PAGES) + 200;
    assert!(
        frames < limit,
        "{frames} frames in the WAL after 3 000 votes"
    );
}

#[tokio::test]
async fn config_language_ko_switches_the_weekly_posts_to_korean() {
    let w = world().await;
    let tracks = w.track_ids(6).await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 4).await;
    let reply = w
        .send(moderator().command(
            "config",
            sub("language", vec![s("language", "ko")]),
            json!({}),
        ))
        .await;
    assert!(is_ephemeral(&reply));
    assert!(content(&reply).contains("한국어"), "{reply}");

    // Week one: the poll opens in Korean, and in Korean only.
    nominate(&w, &member("jisoo"), tracks[0]).await;
    nominate(&w, &member("minho"), tracks[0]).await;
    w.clock.set(job(&w).await.next_run);
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let posts = w.discord.posts_in(listening());
    let poll = embed_text(&posts[0].body);
    assert!(poll.contains("이번 주에 함께 들을 곡은?"), "{poll}");
    assert!(
        !poll.contains("Which track") && !poll.contains("Closes"),
        "{poll}"
    );

    // Week two: the winner is announced in Korean.
    let (id, _) = poll_of(&posts[0]);
    w.send(click(&member("yuna"), id, 0, &posts[0])).await;
    w.clock.set(job(&w).await.next_run);
    assert_eq!(w.run_due().await.weekly_runs, 1);
    let posts = w.discord.posts_in(listening());
    let announce = embed_text(&posts[1].body);
    assert!(announce.contains("이번 주 감상곡"), "{announce}");
    assert!(!announce.contains("This week's track"), "{announce}");
    assert!(announce.contains("이 곡 리뷰하기"), "{announce}");
}

#[tokio::test]
async fn channel_posts_follow_the_servers_locale_until_moderators_choose() {
    let w = world().await;
    configure_weekly(&w, "friday", "20:00", "Asia/Seoul", 4).await;
    // A Korean server: Discord reports its preferred locale on interactions.
    let mut payload = moderator().command("config", sub("show", vec![]), json!({}));
    payload["guild_locale"] = json!("ko");
    w.send(payload).await;
    let guild = ostbot::ids::GuildId::new(moderator().guild_id);
    let lang = ostbot::guild_settings::language(&w.bot.pool, guild)
        .await
        .unwrap();
    assert_eq!(lang, ostbot::locale::Locale::Ko);
    // It follows the server's setting; a moderator's choice wins over it.
    let mut payload = moderator().command("config", sub("show", vec![]), json!({}));
    payload["guild_locale"] = json!("id");
    w.send(payload).await;
    let lang = ostbot::guild_settings::language(&w.bot.pool, guild)
        .await
        .unwrap();
    assert_eq!(lang, ostbot::locale::Locale::Id);
    w.send(moderator().command(
        "config",
        sub("language", vec![s("language", "pt-BR")]),
        json!({}),
    ))
    .await;
    let lang = ostbot::guild_settings::language(&w.bot.pool, guild)
        .await
        .unwrap();
    assert_eq!(lang, ostbot::locale::Locale::PtBr);
    // An unknown language is refused and changes nothing.
    let reply = w
        .send(moderator().command(
            "config",
            sub("language", vec![s("language", "xx")]),
            json!({}),
        ))
        .await;
    assert!(content(&reply).contains("listed languages"), "{reply}");
    let lang = ostbot::guild_settings::language(&w.bot.pool, guild)
        .await
        .unwrap();
    assert_eq!(lang, ostbot::locale::Locale::PtBr);
}

/// Every string option of every command declares the length the bot
/// enforces: Discord must not let a member type what the bot then refuses.
#[tokio::test]
async fn poll_options_declare_the_label_length_that_is_enforced() {
    let definitions = serde_json::to_value(ostbot::bot::commands::definitions()).unwrap();
    let poll = definitions
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "poll")
        .unwrap();
    let mut declared = Vec::new();
    for sub in poll["options"].as_array().unwrap() {
        for o in sub["options"].as_array().into_iter().flatten() {
            let name = o["name"].as_str().unwrap();
            if name.starts_with("option") {
                declared.push((name.to_owned(), o["max_length"].as_u64()));
            }
        }
    }
    assert!(declared.len() > polls::MIN_OPTIONS, "{declared:?}");
    for (name, max) in &declared {
        assert_eq!(*max, Some(polls::MAX_LABEL_CHARS as u64), "{name}");
    }
    // And that length is the one refused one character later.
    let w = world().await;
    let longest = "가".repeat(polls::MAX_LABEL_CHARS);
    let over = "가".repeat(polls::MAX_LABEL_CHARS + 1);
    let reply = w
        .send(create_payload(&moderator(), "Q", "1d", &[&over, "b"], &[]))
        .await;
    assert!(is_ephemeral(&reply));
    assert!(
        content(&reply).contains(&polls::MAX_LABEL_CHARS.to_string()),
        "{reply}"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM polls").await, 0);
    let (poll, _) = create_poll(&w, &[&longest, "b"], &[]).await;
    let stored = polls::get(&w.bot.pool, poll).await.unwrap().unwrap();
    assert_eq!(stored.options[0].label, longest);
}

#[tokio::test]
async fn polls_run_for_weeks_and_korean_durations() {
    let w = world().await;
    for (duration, hours) in [("1w", 168), ("2일", 48), ("1일 12시간", 36), ("90분", 1)] {
        let reply = w
            .send(create_payload(
                &moderator(),
                "Q",
                duration,
                &["a", "b"],
                &[],
            ))
            .await;
        let text = content(&reply);
        let id: i64 = text
            .split('#')
            .nth(1)
            .and_then(|t| t.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{duration}: no poll in {reply}"));
        let poll = polls::get(&w.bot.pool, PollId::try_from(id).unwrap())
            .await
            .unwrap()
            .unwrap();
        let open = poll.closes_at - w.clock.now();
        assert_eq!(open.num_hours(), hours, "{duration}");
    }
}

#[tokio::test]
async fn weekly_time_zone_accepts_kst_and_says_which_zone_it_is() {
    let w = world().await;
    let m = moderator();
    let channel = simulated::stable_id("channel:OST Lovers", "listening");
    let resolved = json!({ "channels": { channel.to_string(): simulated::resolved_channel(channel, "listening") } });
    let weekly = |tz: &str| {
        sub(
            "weekly",
            vec![
                json!({ "name": "channel", "type": 7, "value": channel.to_string() }),
                s("day", "friday"),
                s("time", "20:00"),
                s("timezone", tz),
            ],
        )
    };
    // An abbreviation with several meanings is refused with the choices.
    let reply = w
        .send(m.command("config", weekly("PST"), resolved.clone()))
        .await;
    assert!(is_ephemeral(&reply));
    let text = content(&reply);
    assert!(
        text.contains("America/Los_Angeles") && text.contains("Asia/Manila"),
        "{text}"
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM guild_settings").await, 0);
    assert_eq!(w.count("SELECT COUNT(*) FROM weekly_jobs").await, 0);

    let reply = w
        .send(m.command("config", weekly("kst"), resolved.clone()))
        .await;
    let text = content(&reply);
    assert!(
        text.contains("KST is saved as the time zone Asia/Seoul"),
        "{text}"
    );
    let settings = ostbot::guild_settings::get(&w.bot.pool, GuildId::new(m.guild_id))
        .await
        .unwrap();
    assert_eq!(settings.weekly.unwrap().timezone, "Asia/Seoul");
    // In Korean, without a hand-chosen particle.
    let mut korean = moderator();
    korean.locale = "ko".into();
    let reply = w
        .send(korean.command("config", weekly("JST"), resolved.clone()))
        .await;
    assert!(
        content(&reply).contains("JST 표기를 Asia/Tokyo 시간대로 저장했어요"),
        "{reply}"
    );
}

/// `/poll close` when the results post fails: the member hears that the
/// poll is closed and the results follow; the scheduler's retry posts them
/// once (its nonce), and closing again says it is already closed.
#[tokio::test]
async fn a_close_whose_results_post_failed_says_the_results_follow() {
    let w = world().await;
    let (poll, _) = create_poll(&w, &["Flower", "Stay With Me"], &[]).await;
    w.send(click(&member("a"), poll, 0, &w.discord.posts()[0]))
        .await;
    w.discord.d().lose_answers = 1;
    let close = moderator().command(
        "poll",
        sub("close", vec![i("poll", poll.to_i64_bits())]),
        json!({}),
    );
    let reply = w.send(close.clone()).await;
    assert!(is_ephemeral(&reply));
    assert_eq!(
        content(&reply),
        format!(
            "Poll #{poll} is closed. I could not post the results just now; \
             they will follow in the poll's channel shortly."
        )
    );
    let pass = w.run_due().await;
    assert_eq!(pass.results_posted, 1, "{pass:?}");
    assert_eq!(w.discord.posts().len(), 2, "the poll and one results post");
    let again = w.send(close).await;
    assert!(content(&again).contains("already closed"), "{again}");
}
