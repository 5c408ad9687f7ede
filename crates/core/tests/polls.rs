//! Polls, the weekly cycle and suggestions on both backends: one story per
//! concept, run on SQLite and on PostgreSQL, whose transcripts must be equal;
//! and the races of several processes on one database (two pools, two
//! writers), where each vote counts once and each claim has one winner.

extern crate ostbot_core as ostbot;
mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use ostbot::catalog::suggestions::{
    self, follow_up, Changes, DramaChoice, Moderator, NewSuggestion, State, Suggested,
    SuggestionError,
};
use ostbot::catalog::TrackId;
use ostbot::db::{Database, Writer};
use ostbot::ids::{ChannelId, GuildId, MessageId, UserId};
use ostbot::polls::{self, archive, weekly, Choice, Creator, NewOption, NewPoll, PollId};
use ostbot::secret::Secret;
use ostbot::Error;

const GUILD: GuildId = GuildId::new(1);
const OTHER_GUILD: GuildId = GuildId::new(2);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap()
}

fn member(n: u64) -> UserId {
    UserId::new(n)
}

/// A second PostgreSQL pool on the database at `url`: another process.
async fn other_process_on(url: &str) -> Database {
    let pool = ostbot::db::connect_postgres(url, &ostbot::db::PoolSettings::default())
        .await
        .expect("a second pool");
    Database::Postgres(pool)
}

/// A second SQLite pool on the file of `dir`.
async fn other_sqlite_process(dir: &tempfile::TempDir) -> Database {
    let url = format!("sqlite://{}", dir.path().join("ostbot.db").display());
    Database::Sqlite(ostbot::db::connect(&url).await.expect("a second pool"))
}

/// A few catalog rows, in plain SQL (the shipped catalog is not needed):
/// two dramas (one unrated) and their tracks. Returns the tracks.
async fn catalog(db: &Database) -> Vec<TrackId> {
    let dramas = [
        ("goblin", "Goblin", Some(8.8), Some(1000_i64)),
        ("unrated", "Unrated Drama", None, None),
    ];
    let mut drama_ids = Vec::new();
    for (slug, title, rating, votes) in dramas {
        let id: Vec<i64> = ostbot::on_db!(db, |e| sqlx::query_scalar(
            "INSERT INTO dramas (scope, slug, title, mdl_rating, mdl_votes)
             VALUES (0, $1, $2, $3, $4) RETURNING id"
        )
        .bind(slug)
        .bind(title)
        .bind(rating)
        .bind(votes)
        .fetch_all(e)
        .await)
        .expect("a drama");
        drama_ids.push(id[0]);
    }
    let tracks = [
        (drama_ids[1], "unrated-song", "Unrated Song", Some(1_i64)),
        (drama_ids[0], "stay-with-me", "Stay With Me", Some(1)),
        (drama_ids[0], "beautiful", "Beautiful", Some(2)),
        (drama_ids[0], "bonus", "Bonus Track", None),
    ];
    let mut ids = Vec::new();
    for (drama, slug, title, part) in tracks {
        let id: Vec<i64> = ostbot::on_db!(db, |e| sqlx::query_scalar(
            "INSERT INTO tracks (scope, slug, drama_id, title, ost_part)
             VALUES (0, $1, $2, $3, $4) RETURNING id"
        )
        .bind(slug)
        .bind(drama)
        .bind(title)
        .bind(part)
        .fetch_all(e)
        .await)
        .expect("a track");
        ids.push(TrackId::new(id[0] as u64));
    }
    ids
}

fn option(label: &str) -> NewOption {
    NewOption {
        label: label.into(),
        track: None,
    }
}

fn new_poll(question: &str, options: &[&str], multi: bool, anonymous: bool) -> NewPoll {
    NewPoll {
        guild: GUILD,
        channel: ChannelId::new(10),
        creator: Creator::Member(member(100)),
        question: question.into(),
        options: options.iter().map(|o| option(o)).collect(),
        multi,
        anonymous,
        hide_results: false,
        created_at: now(),
        closes_at: now() + Duration::days(1),
        weekly_cycle: None,
    }
}

/// A step's result as text, errors included, for the transcript.
fn said<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Ok(value) => format!("{value:?}"),
        Err(Error::Poll(e)) => format!("poll error: {e:?}"),
        Err(Error::Suggestion(e)) => format!("suggestion error: {e:?}"),
        Err(e) => format!("error: {e}"),
    }
}

/// Members' ids in a poll's ballots, as stored.
async fn stored_members(db: &Database, poll: PollId) -> Vec<i64> {
    ostbot::on_db!(db, |e| sqlx::query_scalar(
        "SELECT DISTINCT member_id FROM poll_votes WHERE poll_id = $1 ORDER BY member_id"
    )
    .bind(poll)
    .fetch_all(e)
    .await)
    .expect("ballots")
}

/// Steps of a story and what each gave, by name.
#[derive(Debug, Default, PartialEq)]
struct Transcript(Vec<(&'static str, String)>);

impl Transcript {
    fn note(&mut self, step: &'static str, what: impl Into<String>) {
        self.0.push((step, what.into()));
    }

    fn of(&self, step: &str) -> &str {
        self.0
            .iter()
            .find(|(s, _)| *s == step)
            .map(|(_, w)| w.as_str())
            .unwrap_or_else(|| panic!("no step {step:?}"))
    }

    /// Fails at the first step where two backends' stories part.
    fn assert_same_as(&self, other: &Transcript) {
        for ((step, a), (other_step, b)) in self.0.iter().zip(&other.0) {
            assert_eq!((step, a), (other_step, b), "the backends part at {step:?}");
        }
        assert_eq!(self.0.len(), other.0.len());
    }
}

/// Create, vote, toggle, change, close (once), owe and claim results.
async fn poll_story(db: &Database, other: &Database) -> Transcript {
    let mut log = Transcript::default();
    let writer = Writer::new(db.clone());
    let t = |s: i64| now() + Duration::seconds(s);
    let vote = |m: u64, poll: PollId, choice: Choice, at: DateTime<Utc>| {
        let writer = writer.clone();
        async move { polls::vote(&writer, poll, GUILD, member(m), &choice, at).await }
    };

    let songs = polls::create(
        db,
        &new_poll(
            "Best OST?",
            &["Stay With Me", "Beautiful", "Love Me Like That"],
            true,
            false,
        ),
    )
    .await
    .expect("a poll");
    polls::set_message(db, songs, MessageId::new(555))
        .await
        .expect("its message");
    log.note("created", said(polls::get(db, songs).await));
    // Member 1 toggles options on and off; the first vote claims the edit,
    // the next within the gap leaves it for the coalesced edit.
    log.note(
        "1 toggles 0",
        said(vote(1, songs, Choice::Toggle(0), t(0)).await),
    );
    log.note(
        "2 toggles 0",
        said(vote(2, songs, Choice::Toggle(0), t(1)).await),
    );
    log.note(
        "1 toggles 2",
        said(vote(1, songs, Choice::Toggle(2), t(1)).await),
    );
    log.note(
        "1 toggles 0 off",
        said(vote(1, songs, Choice::Toggle(0), t(1)).await),
    );
    log.note(
        "3 sets 1 and 2",
        said(vote(3, songs, Choice::Set(vec![1, 2]), t(1)).await),
    );
    // Member 2 changes their mind.
    log.note(
        "2 changes to 1",
        said(vote(2, songs, Choice::Set(vec![1]), t(1)).await),
    );
    log.note(
        "2 picks no option",
        said(vote(2, songs, Choice::Set(vec![7]), t(1)).await),
    );
    log.note(
        "2 votes from another server",
        said(
            polls::vote(
                &writer,
                songs,
                OTHER_GUILD,
                member(2),
                &Choice::Toggle(0),
                t(1),
            )
            .await,
        ),
    );
    let poll = polls::get(db, songs)
        .await
        .expect("read")
        .expect("the poll");
    log.note("tally", said(polls::tally(db, &poll).await));
    log.note("voters", said(polls::voters(db, &poll, 10).await));
    log.note(
        "option after votes",
        said(polls::add_option(db, songs, &option("Late"), t(2)).await),
    );
    log.note(
        "edits due in the gap",
        said(polls::edits_due(db, t(1)).await),
    );
    log.note("edits due after it", said(polls::edits_due(db, t(3)).await));
    log.note(
        "edit claimed",
        said(polls::claim_edit(db, songs, t(3), false).await),
    );
    log.note(
        "edit claimed again",
        said(polls::claim_edit(other, songs, t(3), false).await),
    );

    // A single-choice anonymous poll, grown before anyone voted.
    let secret = polls::create(db, &new_poll("Secret ballot", &["Yes", "No"], false, true))
        .await
        .expect("a poll");
    log.note(
        "option added",
        said(polls::add_option(db, secret, &option("Maybe"), t(0)).await),
    );
    log.note(
        "same option",
        said(polls::add_option(db, secret, &option(" maybe "), t(0)).await),
    );
    log.note(
        "single 1 toggles 0",
        said(vote(1, secret, Choice::Toggle(0), t(1)).await),
    );
    log.note(
        "single 1 toggles 2",
        said(vote(1, secret, Choice::Toggle(2), t(2)).await),
    );
    log.note(
        "single 2 sets two",
        said(vote(2, secret, Choice::Set(vec![0, 1]), t(2)).await),
    );
    log.note(
        "single 2 sets 1",
        said(vote(2, secret, Choice::Set(vec![1]), t(3)).await),
    );
    log.note(
        "single 3 sets 1",
        said(vote(3, secret, Choice::Set(vec![1]), t(4)).await),
    );
    log.note(
        "named ballots",
        format!("{:?}", stored_members(db, secret).await),
    );
    // Closed once, whoever asks; the close unnames the ballots.
    log.note("closed", said(polls::close(db, secret, t(5), true).await));
    log.note(
        "closed again",
        said(polls::close(other, secret, t(6), true).await),
    );
    log.note(
        "unnamed ballots",
        format!("{:?}", stored_members(db, secret).await),
    );
    log.note(
        "vote after close",
        said(vote(3, secret, Choice::Set(vec![0]), t(7)).await),
    );
    let closed = polls::get(db, secret)
        .await
        .expect("read")
        .expect("the poll");
    log.note(
        "closed poll",
        format!("{:?}", (closed.closed_at, closed.options.len())),
    );
    log.note("closed tally", said(polls::tally(db, &closed).await));
    log.note("closed voters", said(polls::voters(db, &closed, 10).await));
    // The results post is owed once, to one process at a time.
    let lease = Duration::minutes(5);
    log.note("owed", said(polls::results_owed(db, t(8)).await));
    log.note(
        "claimed",
        said(polls::claim_results(db, secret, t(8), lease).await),
    );
    log.note(
        "claimed by the other",
        said(polls::claim_results(other, secret, t(9), lease).await),
    );
    log.note("owed while held", said(polls::results_owed(db, t(9)).await));
    log.note("next due", said(polls::next_due(db).await));
    // The first process died posting: after its lease, the other takes it.
    let later = t(8) + lease;
    log.note(
        "owed after the lease",
        said(polls::results_owed(other, later).await),
    );
    log.note(
        "taken over",
        said(polls::claim_results(other, secret, later, lease).await),
    );
    log.note(
        "done",
        said(polls::results_done(other, secret, Some(MessageId::new(777))).await),
    );
    log.note(
        "owed when done",
        said(polls::results_owed(db, later + lease).await),
    );
    log.note(
        "claimed when done",
        said(polls::claim_results(db, secret, later + lease, lease).await),
    );

    let listed = polls::list(db, GUILD, 5).await;
    log.note(
        "list",
        said(listed.map(|l| l.iter().map(|p| p.id).collect::<Vec<_>>())),
    );
    log.note(
        "due to close",
        said(polls::due_to_close(db, now() + Duration::days(2)).await),
    );
    log.note(
        "from another server",
        said(polls::get_in(db, songs, OTHER_GUILD).await.map(|p| p.id)),
    );
    log.note(
        "forget member 3",
        said(polls::forget_member(db, member(3)).await),
    );
    let poll = polls::get(db, songs)
        .await
        .expect("read")
        .expect("the poll");
    log.note("tally without 3", said(polls::tally(db, &poll).await));
    log
}

#[tokio::test]
async fn a_poll_story_is_the_same_on_both_backends() {
    let Some((dir, sqlite, postgres)) = support::both("polls_story").await else {
        return;
    };
    let log = poll_story(&sqlite, &other_sqlite_process(&dir).await).await;
    let pg = Database::Postgres(postgres.pool.clone());
    log.assert_same_as(&poll_story(&pg, &other_process_on(&postgres.url).await).await);

    let claimed = |step| log.of(step).contains("edit_claimed: true");
    assert!(log.of("1 toggles 0").contains("positions: [0]") && claimed("1 toggles 0"));
    assert!(!claimed("2 toggles 0"), "within the gap the edit waits");
    assert!(log.of("1 toggles 2").contains("positions: [0, 2]"));
    assert!(log
        .of("1 toggles 0 off")
        .contains(r#"positions: [2], labels: ["Love Me Like That"]"#));
    assert!(log.of("2 changes to 1").contains("positions: [1]"));
    assert_eq!(log.of("2 picks no option"), "poll error: NotAnOption");
    assert_eq!(
        log.of("2 votes from another server"),
        "poll error: NoSuchPoll(PollId(1))"
    );
    assert_eq!(log.of("tally"), "Tally { counts: [0, 2, 2], voters: 3 }");
    assert_eq!(log.of("option after votes"), "poll error: OptionsLocked");
    assert_eq!(log.of("edits due in the gap"), "[]");
    assert_eq!(log.of("edits due after it"), "[PollId(1)]");
    assert_eq!(
        (log.of("edit claimed"), log.of("edit claimed again")),
        ("true", "false")
    );

    assert_eq!(log.of("option added"), "2");
    assert!(log.of("same option").contains("AlreadyAnOption"));
    assert!(
        log.of("single 1 toggles 2").contains("positions: [2]"),
        "one choice: replaced"
    );
    assert_eq!(log.of("single 2 sets two"), "poll error: NotAnOption");
    assert_eq!(log.of("named ballots"), "[1, 2, 3]");
    assert_eq!(
        (log.of("closed"), log.of("closed again")),
        ("true", "false")
    );
    assert_eq!(log.of("unnamed ballots"), "[-3, -2, -1]");
    assert_eq!(log.of("vote after close"), "poll error: Closed(PollId(2))");
    assert_eq!(
        log.of("closed tally"),
        "Tally { counts: [0, 2, 1], voters: 3 }"
    );
    assert_eq!(log.of("closed voters"), "[]");

    assert_eq!(log.of("owed"), "[PollId(2)]");
    assert_eq!(
        (log.of("claimed"), log.of("claimed by the other")),
        ("true", "false")
    );
    assert_eq!(log.of("owed while held"), "[]");
    // The next work is the end of that lease (the open poll closes tomorrow).
    assert_eq!(log.of("next due"), "Some(2026-12-07T12:05:08Z)");
    assert_eq!(log.of("owed after the lease"), "[PollId(2)]");
    assert_eq!(log.of("taken over"), "true");
    assert_eq!(
        (log.of("owed when done"), log.of("claimed when done")),
        ("[]", "false")
    );
    assert_eq!(log.of("list"), "[PollId(1), PollId(2)]");
    assert_eq!(log.of("due to close"), "[PollId(1)]");
    assert_eq!(
        log.of("from another server"),
        "poll error: NoSuchPoll(PollId(1))"
    );
    assert_eq!(log.of("forget member 3"), "(1, 0)");
    assert_eq!(
        log.of("tally without 3"),
        "Tally { counts: [0, 1, 1], voters: 2 }"
    );
    postgres.drop().await;
}

/// Eight members vote through two writers (two processes) at once, and
/// eight more click an option twice at once, once through each: every vote
/// counts once, each double click cancels itself, and one vote claims the
/// message edit.
async fn concurrent_votes(a: &Database, b: &Database) {
    for round in 0..4 {
        concurrent_round(a, b, &format!("Which? ({round})")).await;
    }
}

async fn concurrent_round(a: &Database, b: &Database, question: &str) {
    let poll = polls::create(a, &new_poll(question, &["A", "B", "C", "D"], true, false))
        .await
        .expect("a poll");
    polls::set_message(a, poll, MessageId::new(9))
        .await
        .expect("its message");
    let writers = [Writer::new(a.clone()), Writer::new(b.clone())];
    let vote = |writer: &Writer, m: u64, position: u8| {
        let writer = writer.clone();
        async move {
            polls::vote(
                &writer,
                poll,
                GUILD,
                member(m),
                &Choice::Toggle(position),
                now(),
            )
            .await
            .expect("a vote")
        }
    };
    let mut tasks = Vec::new();
    for m in 1..=8u64 {
        let (first, second) = (
            vote(&writers[m as usize % 2], m, 0),
            vote(&writers[m as usize % 2], m, (m % 3 + 1) as u8),
        );
        tasks.push(tokio::spawn(async move { vec![first.await, second.await] }));
    }
    for m in 11..=18u64 {
        for writer in &writers {
            let click = vote(writer, m, 0);
            tasks.push(tokio::spawn(async move { vec![click.await] }));
        }
    }
    let mut casts = Vec::new();
    for task in tasks {
        casts.extend(task.await.expect("a voter"));
    }
    assert_eq!(casts.len(), 32);
    let claims = casts.iter().filter(|c| c.edit_claimed).count();
    assert_eq!(claims, 1, "one vote claims the edit, the rest wait for it");
    let poll = polls::get(a, poll).await.expect("read").expect("the poll");
    let tally = polls::tally(a, &poll).await.expect("a tally");
    assert_eq!(tally.counts, [8, 2, 3, 3]);
    assert_eq!(tally.voters, 8, "each double click cancelled itself");
    let double_clickers: i64 = ostbot::on_db!(a, |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM poll_votes WHERE poll_id = $1 AND member_id > 10"
    )
    .bind(poll.id)
    .fetch_one(e)
    .await)
    .expect("count");
    assert_eq!(double_clickers, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn votes_of_two_processes_count_once() {
    let Some((dir, sqlite, postgres)) = support::both("polls_concurrent").await else {
        return;
    };
    concurrent_votes(&sqlite, &other_sqlite_process(&dir).await).await;
    let pg = Database::Postgres(postgres.pool.clone());
    concurrent_votes(&pg, &other_process_on(&postgres.url).await).await;
    postgres.drop().await;
}

/// Runs `first` and `second` at the same time, on tasks of their own.
async fn race<T: Send + 'static>(
    first: impl std::future::Future<Output = T> + Send + 'static,
    second: impl std::future::Future<Output = T> + Send + 'static,
) -> (T, T) {
    let (a, b) = tokio::join!(tokio::spawn(first), tokio::spawn(second));
    (a.expect("first"), b.expect("second"))
}

/// Two processes claim the same due runs at once; the winner "dies"; after
/// its lease the other takes the run over (once); a results post is claimed
/// once.
async fn weekly_claims(a: &Database, b: &Database) {
    let lease = weekly::DEFAULT_LEASE;
    let then = now() + Duration::weeks(1);
    let guilds: Vec<GuildId> = (1..=12).map(GuildId::new).collect();
    for guild in &guilds {
        weekly::schedule(a, *guild, now()).await.expect("scheduled");
    }
    let mut winners = Vec::new();
    for guild in &guilds {
        let seen_by_a = weekly::job(a, *guild).await.expect("read").expect("a job");
        let seen_by_b = weekly::job(b, *guild).await.expect("read").expect("a job");
        assert_eq!(seen_by_a, seen_by_b);
        let (db_a, db_b) = (a.clone(), b.clone());
        let (won_a, won_b) = race(
            async move {
                weekly::claim(&db_a, &seen_by_a, then, now(), lease)
                    .await
                    .expect("claim")
            },
            async move {
                weekly::claim(&db_b, &seen_by_b, then, now(), lease)
                    .await
                    .expect("claim")
            },
        )
        .await;
        assert!(
            won_a.is_some() != won_b.is_some(),
            "one claim of {guild} wins: {won_a:?} {won_b:?}"
        );
        winners.push(won_a.or(won_b).expect("a run"));
    }
    assert!(winners.iter().all(|run| run.cycle == 1 && run.at == now()));
    // Held: nobody else sees the runs, nor takes them before the lease ends.
    assert!(weekly::due(b, now()).await.expect("due").is_empty());
    assert_eq!(
        weekly::next_due(b).await.expect("next"),
        Some(now() + lease)
    );
    let soon = now() + Duration::minutes(1);
    assert!(!weekly::resume(b, guilds[0], &winners[0], soon, lease)
        .await
        .expect("resume"));
    // The winner died mid-run; once its lease is over, one process takes each run.
    let after = now() + lease + Duration::seconds(1);
    let due = weekly::due(b, after).await.expect("due");
    assert_eq!(due.len(), guilds.len());
    assert!(due
        .iter()
        .all(|job| job.running.is_some_and(|run| run.cycle == 1) && job.cycle == 2));
    for (guild, run) in guilds.iter().zip(&winners) {
        let (db_a, db_b, guild, run_a, run_b) = (a.clone(), b.clone(), *guild, *run, *run);
        let (took_a, took_b) = race(
            async move {
                weekly::resume(&db_a, guild, &run_a, after, lease)
                    .await
                    .expect("resume")
            },
            async move {
                weekly::resume(&db_b, guild, &run_b, after, lease)
                    .await
                    .expect("resume")
            },
        )
        .await;
        assert!(
            took_a != took_b,
            "one process takes over the run of {guild}"
        );
    }
    // The run is finished by whoever took it over; the next is a week on.
    let mut run = winners[0];
    weekly::advance(a, guilds[0], &mut run, weekly::STEP_OPEN_POLL)
        .await
        .expect("advance");
    assert_eq!(
        weekly::job(b, guilds[0])
            .await
            .expect("read")
            .and_then(|j| j.running),
        Some(run)
    );
    weekly::finish(a, guilds[0], &run, None)
        .await
        .expect("finish");
    let job = weekly::job(b, guilds[0])
        .await
        .expect("read")
        .expect("the job");
    assert_eq!((job.running, job.cycle, job.next_run), (None, 2, then));

    // An owed results post: one of two claimers at once.
    let poll = polls::create(a, &new_poll("Done?", &["Yes", "No"], false, false))
        .await
        .expect("a poll");
    let (db_a, db_b) = (a.clone(), b.clone());
    let (closed_a, closed_b) = race(
        async move { polls::close(&db_a, poll, now(), true).await.expect("close") },
        async move { polls::close(&db_b, poll, now(), true).await.expect("close") },
    )
    .await;
    assert!(closed_a != closed_b, "closed once");
    let (db_a, db_b) = (a.clone(), b.clone());
    let (posts_a, posts_b) = race(
        async move {
            polls::claim_results(&db_a, poll, now(), lease)
                .await
                .expect("claim")
        },
        async move {
            polls::claim_results(&db_b, poll, now(), lease)
                .await
                .expect("claim")
        },
    )
    .await;
    assert!(posts_a != posts_b, "the results are posted by one process");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_process_wins_each_weekly_claim() {
    let Some((dir, sqlite, postgres)) = support::both("polls_weekly_claims").await else {
        return;
    };
    weekly_claims(&sqlite, &other_sqlite_process(&dir).await).await;
    let pg = Database::Postgres(postgres.pool.clone());
    weekly_claims(&pg, &other_process_on(&postgres.url).await).await;
    postgres.drop().await;
}

/// A cycle's data: nominations, the ranked fill-ins, the weekly poll (once
/// per cycle), its winner and the archive.
async fn weekly_story(db: &Database) -> Transcript {
    let mut log = Transcript::default();
    let tracks = catalog(db).await;
    let (unrated, stay, beautiful, bonus) = (tracks[0], tracks[1], tracks[2], tracks[3]);
    log.note(
        "nominate without a cycle",
        said(weekly::nominate(db, GUILD, member(1), stay, now()).await),
    );
    weekly::schedule(db, GUILD, now() + Duration::days(3))
        .await
        .expect("scheduled");
    log.note("job", said(weekly::job(db, GUILD).await));
    log.note(
        "1 nominates",
        said(weekly::nominate(db, GUILD, member(1), stay, now()).await),
    );
    log.note(
        "1 again",
        said(weekly::nominate(db, GUILD, member(1), stay, now()).await),
    );
    for (n, track) in [beautiful, bonus, unrated].into_iter().enumerate() {
        let at = now() + Duration::minutes(n as i64 + 1);
        log.note(
            ["1 nominates 2", "1 nominates 3", "1 nominates 4"][n],
            said(weekly::nominate(db, GUILD, member(1), track, at).await),
        );
    }
    log.note(
        "2 nominates",
        said(weekly::nominate(db, GUILD, member(2), bonus, now()).await),
    );
    log.note("nominated", said(weekly::nominated(db, GUILD, 1).await));
    // Rated dramas first, then by part; the unrated drama's track last.
    log.note("filler", said(weekly::filler(db, GUILD, 1, 10).await));
    let job = weekly::job(db, GUILD)
        .await
        .expect("read")
        .expect("the job");
    let run = weekly::claim(
        db,
        &job,
        job.next_run + Duration::weeks(1),
        job.next_run,
        weekly::DEFAULT_LEASE,
    )
    .await
    .expect("claim")
    .expect("a run");
    let mut weekly_poll = new_poll("This week", &["Stay With Me", "Bonus Track"], false, false);
    weekly_poll.creator = Creator::WeeklyClub;
    weekly_poll.weekly_cycle = Some(run.cycle);
    weekly_poll.options[0].track = Some(stay);
    let first = polls::create(db, &weekly_poll)
        .await
        .expect("the weekly poll");
    log.note(
        "created twice, one poll",
        said(polls::create(db, &weekly_poll).await.map(|p| p == first)),
    );
    log.note(
        "weekly poll",
        said(
            polls::get(db, first)
                .await
                .map(|p| p.map(|p| (p.creator, p.weekly_cycle, p.options))),
        ),
    );
    weekly::finish(db, GUILD, &run, Some(first))
        .await
        .expect("finish");
    log.note(
        "due to close with its job",
        said(polls::due_to_close(db, now() + Duration::days(2)).await),
    );
    log.note("next poll work", said(polls::next_due(db).await));
    log.note("next weekly run", said(weekly::next_due(db).await));
    weekly::record_winner(db, GUILD, run.cycle, first, Some(stay), "Stay With Me")
        .await
        .expect("winner");
    weekly::record_winner(db, GUILD, run.cycle, first, None, "again")
        .await
        .expect("once");
    log.note("featured", said(weekly::featured(db, GUILD, 2).await));
    log.note(
        "filler without the winner",
        said(weekly::filler(db, GUILD, 2, 10).await),
    );
    log.note("winners", said(weekly::winners(db, GUILD, 5).await));
    log.note("weeks", said(archive::weeks(db, GUILD, 0, 10).await));
    log.note("week 1", said(archive::finished(db, GUILD, 1).await));
    log.note("week 2", said(archive::finished(db, GUILD, 2).await));
    log.note("latest poll", said(archive::latest_poll(db, GUILD).await));
    weekly::unschedule(db, GUILD).await.expect("unscheduled");
    log.note(
        "due to close without its job",
        said(polls::due_to_close(db, now() + Duration::days(2)).await),
    );
    log
}

#[tokio::test]
async fn the_weekly_cycle_is_the_same_on_both_backends() {
    let Some((_dir, sqlite, postgres)) = support::both("polls_weekly").await else {
        return;
    };
    let log = weekly_story(&sqlite).await;
    log.assert_same_as(&weekly_story(&Database::Postgres(postgres.pool.clone())).await);
    assert_eq!(
        log.of("nominate without a cycle"),
        "poll error: NoWeeklyCycle"
    );
    assert_eq!(log.of("1 nominates"), "1");
    assert_eq!(log.of("1 again"), "poll error: AlreadyNominated");
    assert_eq!(log.of("1 nominates 3"), "3");
    assert_eq!(
        log.of("1 nominates 4"),
        "poll error: TooManyNominations { max: 3 }"
    );
    // Tracks: 1 of the unrated drama, then 2 (part 1), 3 (part 2), 4 (no part).
    assert_eq!(
        log.of("nominated"),
        "[(TrackId(4), 2), (TrackId(2), 1), (TrackId(3), 1)]"
    );
    assert_eq!(
        log.of("filler"),
        "[TrackId(2), TrackId(3), TrackId(4), TrackId(1)]"
    );
    assert_eq!(log.of("created twice, one poll"), "true");
    assert!(log
        .of("weekly poll")
        .starts_with("Some((WeeklyClub, Some(1), "));
    // The weekly poll's deadline is its job's: no other poll work is due.
    assert_eq!(log.of("due to close with its job"), "[]");
    assert_eq!(log.of("next poll work"), "None");
    assert_eq!(log.of("next weekly run"), "Some(2026-12-17T12:00:00Z)");
    assert_eq!(log.of("featured"), "[(1, TrackId(2))]");
    assert_eq!(
        log.of("filler without the winner"),
        "[TrackId(3), TrackId(4), TrackId(1)]"
    );
    assert_eq!(log.of("winners"), r#"[(1, "Stay With Me")]"#);
    assert!(log.of("weeks").ends_with("], 1)"));
    assert_eq!(log.of("week 2"), "None");
    assert_eq!(log.of("latest poll"), "Some(PollId(1))");
    assert_eq!(log.of("due to close without its job"), "[PollId(1)]");
    postgres.drop().await;
}

fn suggestion(m: u64, drama: &str, title: &str) -> NewSuggestion {
    NewSuggestion {
        guild: GUILD,
        member: member(m),
        member_name: format!("member {m}"),
        locale: "en-US".into(),
        drama: DramaChoice::New(drama.into()),
        title: title.into(),
        singers: Some("Punch".into()),
        ost_part: Some(1),
        link: Some("https://example.com/song".into()),
        notify_dm: true,
    }
}

fn moderator(n: u64) -> Moderator {
    Moderator {
        id: member(900 + n),
        name: format!("moderator {n}"),
    }
}

fn stored(result: Result<Suggested, Error>) -> ostbot::catalog::suggestions::SuggestionId {
    match result {
        Ok(Suggested::Stored { suggestion, .. }) => suggestion.id,
        other => panic!("not stored: {other:?}"),
    }
}

/// Members suggest, moderators edit and decide; the rules (duplicates,
/// open ones, the pause after rejections) and the follow-up address.
async fn suggestions_story(db: &Database, other: &Database) -> Transcript {
    let mut log = Transcript::default();
    let t = |minutes: i64| now() + Duration::minutes(minutes);
    log.note("no channel", said(suggestions::channel(db, GUILD).await));
    suggestions::set_channel(db, GUILD, ChannelId::new(33))
        .await
        .expect("set");
    log.note("channel", said(suggestions::channel(db, GUILD).await));

    log.note(
        "1 suggests",
        said(suggestions::suggest(db, &suggestion(1, "My Drama", "Song A"), t(0)).await),
    );
    let first = suggestions::of_member(db, GUILD, member(1), 1)
        .await
        .expect("read")[0]
        .id;
    log.note(
        "2 suggests the same",
        said(suggestions::suggest(db, &suggestion(2, " my drama ", "song  a"), t(1)).await),
    );
    let mut plain = suggestion(2, "My Drama", "Song B");
    plain.link = Some("http://example.com".into());
    log.note(
        "a plain http link",
        said(suggestions::suggest(db, &plain, t(1)).await),
    );
    log.note(
        "no drama",
        said(suggestions::suggest(db, &suggestion(2, "  ", "Song B"), t(1)).await),
    );
    let changes = Changes {
        title: Some(" Song A (Acoustic) ".into()),
        singers: Some(None),
        ost_part: Some(Some(2)),
        link: None,
    };
    log.note(
        "edited",
        said(suggestions::edit(db, GUILD, first, &changes).await),
    );

    let address = follow_up::ReplyAddress {
        application: 42,
        token: Secret::new("token-1"),
    };
    follow_up::keep(db, first, &address, t(0))
        .await
        .expect("kept");
    log.note(
        "follow-up",
        said(
            follow_up::take(db, first, t(1))
                .await
                .map(|a| a == Some(address.clone())),
        ),
    );
    log.note(
        "follow-up again",
        said(follow_up::take(db, first, t(2)).await),
    );
    follow_up::keep(db, first, &address, t(0))
        .await
        .expect("kept");
    log.note(
        "follow-up too late",
        said(follow_up::take(db, first, t(15)).await),
    );

    log.note(
        "queue",
        said(
            suggestions::queue(db, GUILD, 0, 10)
                .await
                .map(|(p, n)| (p.len(), n)),
        ),
    );
    log.note(
        "rejected",
        said(
            suggestions::reject(db, GUILD, first, &moderator(1), Some(" not an OST "), t(3)).await,
        ),
    );
    log.note(
        "rejected again",
        said(suggestions::reject(other, GUILD, first, &moderator(2), None, t(4)).await),
    );
    log.note(
        "approved after",
        said(suggestions::approve(other, GUILD, first, &moderator(2), t(4)).await),
    );
    log.note(
        "open after",
        said(suggestions::open(db, GUILD, first).await),
    );
    log.note(
        "edit after",
        said(suggestions::edit(db, GUILD, first, &changes).await),
    );
    log.note(
        "from another server",
        said(suggestions::get(db, OTHER_GUILD, first).await),
    );
    log.note(
        "same again once decided",
        said(suggestions::suggest(db, &suggestion(2, "My Drama", "Song A"), t(5)).await),
    );

    // Five rejections in a row pause a member for a day after the last.
    for n in 0..5 {
        let id = stored(
            suggestions::suggest(db, &suggestion(3, "Drama", &format!("Song {n}")), t(10)).await,
        );
        suggestions::reject(db, GUILD, id, &moderator(1), None, t(20 + n))
            .await
            .expect("rejected");
    }
    log.note(
        "paused",
        said(suggestions::suggest(db, &suggestion(3, "Drama", "Song 5"), t(30)).await),
    );
    let next_day = t(24) + Duration::hours(24);
    log.note(
        "a day later",
        said(
            suggestions::suggest(db, &suggestion(3, "Drama", "Song 5"), next_day)
                .await
                .map(|s| matches!(s, Suggested::Stored { open: 1, .. })),
        ),
    );

    // Ten open suggestions at most.
    for n in 0..10 {
        stored(
            suggestions::suggest(db, &suggestion(4, "Drama", &format!("Tune {n}")), t(40)).await,
        );
    }
    log.note(
        "eleventh",
        said(suggestions::suggest(db, &suggestion(4, "Drama", "Tune 10"), t(41)).await),
    );
    log.note(
        "queue later",
        said(
            suggestions::queue(db, GUILD, 2, 3)
                .await
                .map(|(p, n)| (p.iter().map(|s| s.title.clone()).collect::<Vec<_>>(), n)),
        ),
    );
    log.note(
        "of member 3",
        said(
            suggestions::of_member(db, GUILD, member(3), 3)
                .await
                .map(|l| {
                    l.iter()
                        .map(|s| (s.title.clone(), s.decision.as_ref().map(|d| d.state)))
                        .collect::<Vec<_>>()
                }),
        ),
    );

    // Two moderators decide one suggestion at the same moment: one decides.
    let contested =
        stored(suggestions::suggest(db, &suggestion(5, "Drama", "Contested"), t(50)).await);
    let (db_a, db_b) = (db.clone(), other.clone());
    let (a, b) =
        race(
            async move {
                suggestions::reject(&db_a, GUILD, contested, &moderator(1), None, t(51)).await
            },
            async move {
                suggestions::reject(&db_b, GUILD, contested, &moderator(2), None, t(51)).await
            },
        )
        .await;
    let lost = |r: &Result<_, Error>| {
        matches!(
            r,
            Err(Error::Suggestion(SuggestionError::AlreadyDecided(_)))
        )
    };
    log.note(
        "one decision",
        format!("{}", (a.is_ok() && lost(&b)) || (b.is_ok() && lost(&a))),
    );

    // Two members suggest the same entry at the same moment: stored once.
    let mut stored_once = Vec::new();
    for n in 0..6 {
        let (db_a, db_b) = (db.clone(), other.clone());
        let title = format!("Duet {n}");
        let (first, second) = (
            suggestion(6, "Drama", &title),
            suggestion(7, "Drama", &title),
        );
        let (a, b) = race(
            async move { suggestions::suggest(&db_a, &first, t(60)).await },
            async move { suggestions::suggest(&db_b, &second, t(60)).await },
        )
        .await;
        let duplicate = |r: &Result<Suggested, Error>| {
            matches!(
                r,
                Err(Error::Suggestion(SuggestionError::AlreadySuggested(_)))
            )
        };
        stored_once.push((a.is_ok() && duplicate(&b)) || (b.is_ok() && duplicate(&a)));
    }
    log.note("same entry at once", format!("{stored_once:?}"));

    suggestions::forget_channel(db, GUILD)
        .await
        .expect("forgotten");
    log.note(
        "channel forgotten",
        said(suggestions::channel(db, GUILD).await),
    );
    log
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestions_story_is_the_same_on_both_backends() {
    let Some((dir, sqlite, postgres)) = support::both("polls_suggestions").await else {
        return;
    };
    let log = suggestions_story(&sqlite, &other_sqlite_process(&dir).await).await;
    let pg = Database::Postgres(postgres.pool.clone());
    log.assert_same_as(&suggestions_story(&pg, &other_process_on(&postgres.url).await).await);
    assert_eq!(log.of("channel"), "Some(ChannelId(33))");
    assert!(log.of("1 suggests").ends_with("open: 1 }"));
    assert_eq!(
        log.of("2 suggests the same"),
        "suggestion error: AlreadySuggested(SuggestionId(1))"
    );
    assert_eq!(
        log.of("a plain http link"),
        "suggestion error: LinkNotHttps"
    );
    assert_eq!(log.of("no drama"), "suggestion error: NoDrama");
    let edited = log.of("edited");
    assert!(
        edited.contains(r#"title: "Song A (Acoustic)", singers: None, ost_part: Some(2)"#),
        "{edited}"
    );
    assert_eq!(
        (
            log.of("follow-up"),
            log.of("follow-up again"),
            log.of("follow-up too late")
        ),
        ("true", "None", "None")
    );
    let decision = concat!(
        r#"state: Rejected, by: UserId(901), by_name: "moderator 1", "#,
        r#"at: 2026-12-07T12:03:00Z, reason: Some("not an OST")"#
    );
    assert!(
        log.of("rejected").contains(decision),
        "{}",
        log.of("rejected")
    );
    for step in [
        "rejected again",
        "approved after",
        "open after",
        "edit after",
    ] {
        assert!(
            log.of(step).starts_with(
                "suggestion error: AlreadyDecided(Decision { state: Rejected, by: UserId(901)"
            ),
            "{step}"
        );
    }
    assert_eq!(
        log.of("from another server"),
        "suggestion error: NoSuchSuggestion(SuggestionId(1))"
    );
    assert!(log
        .of("same again once decided")
        .contains("id: SuggestionId(2)"));
    assert_eq!(
        log.of("paused"),
        "suggestion error: Paused { until: 2026-12-08T12:24:00Z }"
    );
    assert_eq!(log.of("a day later"), "true");
    assert_eq!(
        log.of("eleventh"),
        "suggestion error: TooManyOpen { open: 10 }"
    );
    assert_eq!(
        log.of("queue later"),
        r#"(["Tune 0", "Tune 1", "Tune 2"], 12)"#
    );
    assert_eq!(
        log.of("of member 3"),
        r#"[("Song 5", None), ("Song 4", Some(Rejected)), ("Song 3", Some(Rejected))]"#
    );
    assert_eq!(log.of("one decision"), "true");
    assert_eq!(log.of("same entry at once"), format!("{:?}", [true; 6]));
    assert_eq!(log.of("channel forgotten"), "None");
    postgres.drop().await;
}

/// Approving adds the server's own drama and track; a suggestion of a track
/// the catalog has gives its card. SQLite only until the catalog's store
/// takes a `Handle`.
// MERGE: after pg-catalog, run this on both (support::both) and compare.
#[tokio::test]
async fn approving_adds_the_track_to_the_servers_catalog() {
    let (_dir, db) = support::sqlite().await;
    let tracks = catalog(&db).await;
    let goblin = {
        let pool = db.as_sqlite().expect("SQLite");
        let track = ostbot::catalog::get_track(pool, tracks[1], Some(GUILD))
            .await
            .expect("read")
            .expect("the track");
        ostbot::catalog::get_drama(pool, track.drama_id, Some(GUILD))
            .await
            .expect("read")
            .expect("the drama")
    };
    let mut known = suggestion(1, "", " stay with ME ");
    known.drama = DramaChoice::Existing(goblin.clone());
    let found = suggestions::suggest(&db, &known, now())
        .await
        .expect("suggest");
    assert_eq!(found, Suggested::Exists(tracks[1]));

    let mut new_song = suggestion(1, "", "Hymn");
    new_song.drama = DramaChoice::Existing(goblin.clone());
    new_song.singers = Some("에일리".into());
    let on_goblin = stored(suggestions::suggest(&db, &new_song, now()).await);
    let on_new_drama =
        stored(suggestions::suggest(&db, &suggestion(2, "Brand New", "Opening"), now()).await);
    for (id, drama_title) in [(on_goblin, "Goblin"), (on_new_drama, "Brand New")] {
        let (approved, track) = suggestions::approve(&db, GUILD, id, &moderator(1), now())
            .await
            .expect("approved");
        assert_eq!(approved.track, Some(track));
        assert_eq!(approved.decision.map(|d| d.state), Some(State::Approved));
        let pool = db.as_sqlite().expect("SQLite");
        let added = ostbot::catalog::get_track(pool, track, Some(GUILD))
            .await
            .expect("read")
            .expect("visible in the server");
        let drama = ostbot::catalog::get_drama(pool, added.drama_id, Some(GUILD))
            .await
            .expect("read")
            .expect("its drama");
        assert_eq!(drama.title, drama_title);
        let elsewhere = ostbot::catalog::get_track(pool, track, Some(OTHER_GUILD))
            .await
            .expect("read");
        assert!(elsewhere.is_none(), "the server's own entry");
    }
    // The same track suggested again is now the catalog's.
    let again = suggestions::suggest(&db, &new_song, now())
        .await
        .expect("suggest");
    assert!(matches!(again, Suggested::Exists(_)));
}
