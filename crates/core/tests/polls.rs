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
use ostbot::polls::{
    self, archive, weekly, Choice, Creator, NewOption, NewPoll, PollError, PollId,
};
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
