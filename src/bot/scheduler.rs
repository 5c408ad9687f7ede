//! Due work, run from durable rows: poll deadlines, owed results posts,
//! coalesced poll edits, and the weekly listening cycle. `run_due` does
//! everything due at `bot.clock.now()`; `spawn_scheduler` is the one loop
//! that sleeps until the earliest due row (started once per process by
//! `ostbot run`/`serve`, never per gateway Ready). The console calls
//! `run_due` after `:clock`.

use super::announcer::AnnounceError;
use super::custom_id::{CustomId, Subject};
use super::poll_view;
use super::response::Message;
use super::Bot;
use crate::catalog::{self, TrackId};
use crate::guild_settings;
use crate::ids::{ChannelId, GuildId, MessageId};
use crate::polls::weekly::{self, Job, Run, STEP_CLOSE_PREVIOUS, STEP_OPEN_POLL};
use crate::polls::{self, NewOption, NewPoll, PollId};
use crate::schedule;
use crate::{t, Error, Result};
use chrono::{DateTime, Utc};
use serenity::all::ButtonStyle;
use serenity::builder::{CreateActionRow, CreateButton};
use std::sync::OnceLock;
use std::time::Duration as StdDuration;
use tokio::sync::Notify;

/// What one pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Pass {
    pub weekly_runs: usize,
    pub closed: usize,
    pub results_posted: usize,
    pub edits: usize,
}

/// Wakes the scheduler loop early: new rows may be due sooner than it thinks.
pub fn wake() {
    waker().notify_one();
}

fn waker() -> &'static Notify {
    static WAKE: OnceLock<Notify> = OnceLock::new();
    WAKE.get_or_init(Notify::new)
}

/// Runs everything due now. Every item is tried; the first internal error
/// is returned after the others ran.
pub async fn run_due(bot: &Bot) -> Result<Pass> {
    let now = bot.clock.now();
    let mut pass = Pass::default();
    let mut failure: Option<Error> = None;
    let mut note = |r: Result<()>, what: &str| {
        if let Err(error) = r {
            tracing::error!(%error, what, "scheduled work failed");
            failure.get_or_insert(error);
        }
    };
    for job in weekly::due(&bot.pool, now).await? {
        let r = run_weekly(bot, &job, now).await.map(|ran| {
            pass.weekly_runs += usize::from(ran);
        });
        note(r, "weekly");
    }
    for poll in polls::due_to_close(&bot.pool, now).await? {
        let r = close_poll(bot, poll, true).await.map(|closed| {
            pass.closed += usize::from(closed);
        });
        note(r, "close");
    }
    for poll in polls::results_owed(&bot.pool, now).await? {
        let r = post_results(bot, poll).await.map(|posted| {
            pass.results_posted += usize::from(posted);
        });
        note(r, "results");
    }
    for poll in polls::edits_due(&bot.pool, now).await? {
        let r = refresh(bot, poll, false).await.map(|edited| {
            pass.edits += usize::from(edited);
        });
        note(r, "edit");
    }
    match failure {
        Some(error) => Err(error),
        None => Ok(pass),
    }
}

/// The earliest moment anything becomes due.
pub async fn next_due(bot: &Bot) -> Result<Option<DateTime<Utc>>> {
    let a = polls::next_due(&bot.pool).await?;
    let b = weekly::next_due(&bot.pool).await?;
    Ok(a.into_iter().chain(b).min())
}

/// The loop: run what is due, sleep until the next due row (or a wake-up,
/// or a minute, whichever comes first), until `shutdown` resolves. After a
/// failure it waits at least half a minute: no tight retry loops. Start it
/// once per process (`ostbot run` / `serve`), e.g. with
/// `spawn_scheduler(bot.clone(), shutdown::signal())`.
pub fn spawn_scheduler(
    bot: Bot,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tokio::pin!(shutdown);
        let mut first = true;
        loop {
            let pass = run_due(&bot).await;
            if std::mem::take(&mut first) {
                log_catch_up(&pass);
            }
            let pause = match pass {
                Ok(_) => match next_due(&bot).await {
                    Ok(Some(at)) => (at - bot.clock.now())
                        .to_std()
                        .unwrap_or(StdDuration::ZERO)
                        .clamp(StdDuration::from_secs(1), StdDuration::from_secs(60)),
                    Ok(None) => StdDuration::from_secs(60),
                    Err(_) => StdDuration::from_secs(30),
                },
                Err(_) => StdDuration::from_secs(30),
            };
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = waker().notified() => {}
                _ = &mut shutdown => break,
            }
        }
        tracing::info!("scheduler stopped");
    })
}

/// Says what the first pass did: the work that fell due while no process
/// ran (another process on the same database may have done it already).
fn log_catch_up(pass: &Result<Pass>) {
    match pass {
        Ok(pass) => tracing::info!(
            weekly_runs = pass.weekly_runs,
            closed = pass.closed,
            results_posted = pass.results_posted,
            edits = pass.edits,
            "scheduler caught up"
        ),
        Err(error) => tracing::warn!(%error, "the scheduler's first pass failed; it retries"),
    }
}

/// Closes a poll (once) and brings its message to the closed state.
/// `post_results`: owe the results post (false for the weekly poll, whose
/// winner announcement carries them).
pub async fn close_poll(bot: &Bot, poll: PollId, post_results: bool) -> Result<bool> {
    let now = bot.clock.now();
    let closed = polls::close(&bot.pool, poll, now, post_results).await?;
    if closed {
        refresh(bot, poll, true).await?;
    }
    Ok(closed)
}

/// Posts an owed results message once it is claimed (another process, or
/// the other of the scheduler and `/poll close`, may hold it); true when it
/// was posted here. A failed post is given back for the next pass.
pub async fn post_results(bot: &Bot, poll_id: PollId) -> Result<bool> {
    if !polls::claim_results(&bot.pool, poll_id, bot.clock.now(), bot.job_lease).await? {
        return Ok(false);
    }
    let posted = post_claimed_results(bot, poll_id).await;
    if posted.is_err() {
        polls::release_results(&bot.pool, poll_id).await?;
    }
    posted
}

async fn post_claimed_results(bot: &Bot, poll_id: PollId) -> Result<bool> {
    let Some(poll) = polls::get(&bot.pool, poll_id).await? else {
        return Ok(false);
    };
    let tally = polls::tally(&bot.pool, &poll).await?;
    let voters = polls::voters(&bot.pool, &poll, poll_view::VOTERS_SHOWN).await?;
    let l = guild_settings::language(&bot.pool, poll.guild).await?;
    let message = poll_view::results_message(&poll, &tally, &voters, l);
    let nonce = format!("r{}", poll.id);
    match post(bot, poll.guild, poll.channel, &message, &nonce).await? {
        Posted::Yes(id) => {
            polls::results_done(&bot.pool, poll.id, Some(id)).await?;
            Ok(true)
        }
        Posted::Never => {
            polls::results_done(&bot.pool, poll.id, None).await?;
            Ok(false)
        }
    }
}

/// Edits the poll message to match the votes. Unless `force`, edits are
/// coalesced: at most one per [`polls::EDIT_GAP_SECS`]; the scheduler makes
/// the one that was held back.
pub async fn refresh(bot: &Bot, poll_id: PollId, force: bool) -> Result<bool> {
    let now = bot.clock.now();
    if !polls::claim_edit(&bot.pool, poll_id, now, force).await? {
        if !force {
            wake();
        }
        return Ok(false);
    }
    show_votes(bot, poll_id, force).await
}

/// After a vote: makes the edit the vote claimed, or leaves it to the
/// scheduler's coalesced edit.
pub async fn after_vote(bot: &Bot, poll_id: PollId, cast: &polls::Cast) -> Result<bool> {
    if !cast.edit_claimed {
        wake();
        return Ok(false);
    }
    show_votes(bot, poll_id, false).await
}

/// Edits the poll message whose edit was just claimed.
async fn show_votes(bot: &Bot, poll_id: PollId, force: bool) -> Result<bool> {
    let Some(poll) = polls::get(&bot.pool, poll_id).await? else {
        return Ok(false);
    };
    let Some(message_id) = poll.message else {
        return Ok(false);
    };
    if !force && !poll.counts_visible() {
        // Hidden counts: a vote changes nothing on screen.
        return Ok(false);
    }
    let tally = polls::tally(&bot.pool, &poll).await?;
    let l = guild_settings::language(&bot.pool, poll.guild).await?;
    let message = poll_view::poll_message(&poll, &tally, l);
    match bot.announcer.edit(poll.channel, message_id, &message).await {
        Ok(()) => Ok(true),
        Err(AnnounceError::Unavailable(reason)) => {
            tracing::warn!(%reason, poll = %poll.id, "poll message edit failed");
            Ok(false)
        }
        Err(problem) => {
            record_problem(bot, poll.guild, poll.channel, &problem).await?;
            Ok(false)
        }
    }
}

enum Posted {
    Yes(MessageId),
    /// The channel is gone or closed to the bot: recorded, not retried.
    Never,
}

/// Posts with a nonce; a channel problem is recorded for `/config show`,
/// a network problem is an error (the step is retried later).
async fn post(
    bot: &Bot,
    guild: GuildId,
    channel: ChannelId,
    message: &Message,
    nonce: &str,
) -> Result<Posted> {
    match bot.announcer.post(channel, message, Some(nonce)).await {
        Ok(id) => {
            clear_problem(bot, guild).await?;
            Ok(Posted::Yes(id))
        }
        Err(AnnounceError::Unavailable(reason)) => Err(Error::Internal(format!(
            "posting to channel {channel} failed: {reason}"
        ))),
        Err(problem) => {
            record_problem(bot, guild, channel, &problem).await?;
            Ok(Posted::Never)
        }
    }
}

/// A post went through: an old channel problem is fixed.
async fn clear_problem(bot: &Bot, guild: GuildId) -> Result<()> {
    let mut settings = guild_settings::get(&bot.pool, guild).await?;
    if settings.channel_problem.take().is_some() {
        guild_settings::save(&bot.pool, &settings).await?;
    }
    Ok(())
}

/// Remembers why posting to a configured channel failed.
pub async fn record_problem(
    bot: &Bot,
    guild: GuildId,
    channel: ChannelId,
    problem: &AnnounceError,
) -> Result<()> {
    tracing::warn!(%guild, %channel, %problem, "cannot post to a channel");
    let mut settings = guild_settings::get(&bot.pool, guild).await?;
    settings.channel_problem = Some(format!("<#{channel}>: {problem}"));
    guild_settings::save(&bot.pool, &settings).await
}

/// One weekly job: claim its due run (or take over one whose process
/// stopped) and carry it through its steps. True when a run finished. A
/// failed run is released for the next pass to resume at its step.
async fn run_weekly(bot: &Bot, job: &Job, now: DateTime<Utc>) -> Result<bool> {
    let settings = guild_settings::get(&bot.pool, job.guild).await?;
    let Some(schedule) = settings.weekly.clone() else {
        weekly::unschedule(&bot.pool, job.guild).await?;
        return Ok(false);
    };
    let (run, closes_at) = match job.running {
        Some(run) if weekly::resume(&bot.pool, job.guild, &run, now, bot.job_lease).await? => {
            (run, job.next_run)
        }
        Some(_) => return Ok(false),
        None => {
            let then = schedule::next_run(&schedule, now)?;
            match weekly::claim(&bot.pool, job, then, now, bot.job_lease).await? {
                Some(run) => (run, then),
                None => return Ok(false),
            }
        }
    };
    let result = weekly_steps(bot, job, &settings, schedule.channel, run, closes_at).await;
    if result.is_err() {
        weekly::release(&bot.pool, job.guild, &run).await?;
    }
    result.map(|()| true)
}

/// The steps of a claimed run, from the one it reached.
async fn weekly_steps(
    bot: &Bot,
    job: &Job,
    settings: &guild_settings::GuildSettings,
    channel: ChannelId,
    mut run: Run,
    closes_at: DateTime<Utc>,
) -> Result<()> {
    tracing::info!(guild = %job.guild, cycle = run.cycle, step = run.step, "weekly run");
    if run.step == STEP_CLOSE_PREVIOUS {
        if let Some(previous) = job.open_poll {
            if !announce_winner(bot, job.guild, channel, previous, run.cycle).await? {
                return weekly::finish(&bot.pool, job.guild, &run, None).await;
            }
        }
        weekly::advance(&bot.pool, job.guild, &mut run, STEP_OPEN_POLL).await?;
    }
    let poll = open_weekly_poll(bot, job.guild, settings, &run, closes_at).await?;
    weekly::finish(&bot.pool, job.guild, &run, poll).await
}

/// Step one: close last week's poll and announce what won. False when the
/// channel cannot be posted to (recorded; the run ends there).
async fn announce_winner(
    bot: &Bot,
    guild: GuildId,
    channel: ChannelId,
    poll_id: PollId,
    cycle: i64,
) -> Result<bool> {
    close_poll(bot, poll_id, false).await?;
    let Some(poll) = polls::get(&bot.pool, poll_id).await? else {
        return Ok(true);
    };
    let tally = polls::tally(&bot.pool, &poll).await?;
    let voters = polls::voters(&bot.pool, &poll, poll_view::VOTERS_SHOWN).await?;
    let l = guild_settings::language(&bot.pool, guild).await?;
    let verdict = weekly::verdict(&tally.outcome());
    let winner = verdict.chosen().and_then(|i| poll.options.get(i));
    // The embed states the outcome; a tie also says how it was settled.
    let content = match (&verdict, winner) {
        (weekly::Verdict::TieBroken { .. }, Some(w)) => Some(format!(
            "{}\n{}",
            poll_view::outcome_line(&poll, &tally, l),
            t!(l, "weekly-tie-settled", track = w.label.as_str())
        )),
        _ => None,
    };
    let mut embed = poll_view::results_embed(&poll, &tally, &voters, l);
    let title = match winner {
        Some(w) => t!(l, "weekly-winner-title", track = w.label.as_str()),
        None => t!(l, "weekly-no-winner-title"),
    };
    embed = embed.title(super::response::clip(&title, 256));
    let mut message = Message {
        content,
        embeds: vec![embed],
        ..Default::default()
    };
    if let Some(track) = winner.and_then(|w| w.track) {
        message.components = vec![CreateActionRow::Buttons(vec![CreateButton::new(
            CustomId::ReviewOpen(Subject::Track(track)).to_string(),
        )
        .label(t!(l, "weekly-review-button"))
        .style(ButtonStyle::Primary)])];
    }
    message = poll_view::with_chart(message, &poll, &tally, l);
    if let Some(w) = winner {
        weekly::record_winner(&bot.pool, guild, cycle, poll.id, w.track, &w.label).await?;
    }
    let nonce = format!("a{}", poll.id);
    Ok(matches!(
        post(bot, guild, channel, &message, &nonce).await?,
        Posted::Yes(_)
    ))
}

/// Step two: this week's poll from the most nominated tracks, filled up
/// with well-regarded ones not featured lately. Creating it is idempotent
/// (one poll per cycle) and its post carries a nonce.
async fn open_weekly_poll(
    bot: &Bot,
    guild: GuildId,
    settings: &guild_settings::GuildSettings,
    run: &Run,
    closes_at: DateTime<Utc>,
) -> Result<Option<PollId>> {
    let Some(schedule) = &settings.weekly else {
        return Ok(None);
    };
    let wanted = usize::from(schedule.candidates).clamp(2, poll_view::MAX_BUTTONS);
    let l = guild_settings::language(&bot.pool, guild).await?;
    let nominated: Vec<TrackId> = weekly::nominated(&bot.pool, guild, run.cycle)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let fill_ins = if nominated.len() < wanted {
        weekly::filler(&bot.pool, guild, run.cycle, 50).await?
    } else {
        Vec::new()
    };
    let featured = weekly::featured(&bot.pool, guild, run.cycle).await?;
    let tracks = weekly::plan(run.cycle, &nominated, &fill_ins, &featured, wanted);
    let found = catalog::tracks_by_ids(&bot.pool, &tracks, Some(guild)).await?;
    let mut options: Vec<NewOption> = Vec::new();
    for t in &tracks {
        if let Some((track, _)) = found.iter().find(|(track, _)| track.id == *t) {
            let label = super::response::clip(&track.label(), polls::MAX_LABEL_CHARS);
            if !options
                .iter()
                .any(|o| polls::label_key(&o.label) == polls::label_key(&label))
            {
                options.push(NewOption {
                    label,
                    track: Some(*t),
                });
            }
        }
    }
    if options.len() < polls::MIN_OPTIONS {
        tracing::warn!(%guild, cycle = run.cycle, "not enough tracks for the weekly poll");
        return Ok(None);
    }
    let id = polls::create(
        &bot.pool,
        &NewPoll {
            guild,
            channel: schedule.channel,
            creator: polls::Creator::WeeklyClub,
            question: t!(l, "weekly-question"),
            options,
            multi: false,
            anonymous: false,
            hide_results: false,
            created_at: run.at,
            closes_at,
            weekly_cycle: Some(run.cycle),
        },
    )
    .await?;
    let Some(poll) = polls::get(&bot.pool, id).await? else {
        return Ok(None);
    };
    if poll.message.is_some() {
        return Ok(Some(id));
    }
    let mut message = poll_view::poll_message(&poll, &polls::Tally::default(), l);
    if let Some(role) = settings.ping_role {
        message.content = Some(format!("<@&{role}> 🎧"));
        message.ping_roles = vec![role];
    }
    match post(bot, guild, schedule.channel, &message, &format!("p{id}")).await? {
        Posted::Yes(message_id) => {
            polls::set_message(&bot.pool, id, message_id).await?;
            Ok(Some(id))
        }
        Posted::Never => {
            // Nobody can see it: it closes unseen instead of being announced.
            polls::close(&bot.pool, id, bot.clock.now(), false).await?;
            Ok(None)
        }
    }
}
