//! What both Discord transports do around `bot::dispatch`: time and count
//! each interaction, answer "thinking…" when the work is slow and edit
//! `@original` once it is done, and retry REST calls Discord asked us to
//! repeat.

use super::metrics::Metrics;
use crate::bot::dispatch::handle;
use crate::bot::snowflakes::ToCore;
use crate::bot::{Bot, Message, Response};
use crate::ids::InteractionId;
use serenity::all::{
    Builder, CreateInteractionResponse, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, Http, Interaction,
};
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// Discord invalidates an interaction not answered within 3 s; work still
/// running after this long is deferred.
pub const DEFER_AFTER: Duration = Duration::from_secs(2);

/// How long to wait before retrying a REST call answered 429 or 502-504.
/// serenity's own rate limiter (on against discord.com) honours
/// `retry_after`; with `DISCORD_API_BASE` set it is off and its error drops
/// that value, so a proxied client backs off by this step per attempt.
pub const RETRY_STEP: Duration = Duration::from_millis(250);
pub const MAX_ATTEMPTS: u32 = 4;

/// When to defer.
#[derive(Clone, Copy, Debug)]
pub enum Deadline {
    /// Defer work that is still running after this long.
    After(Duration),
    /// Defer every command, component and modal (tests of the deferred path).
    Always,
}

impl Default for Deadline {
    fn default() -> Self {
        Deadline::After(DEFER_AFTER)
    }
}

/// The first answer to an interaction.
pub enum Reply {
    /// The dispatcher answered in time.
    Now(Response),
    /// `ack` goes first ("thinking…", or a silent acknowledgement of a
    /// click); `work` yields the real answer for `finish_deferred`.
    Deferred {
        ack: CreateInteractionResponse,
        work: JoinHandle<Response>,
    },
    /// A copy of an interaction already taken, here or by another process
    /// on the same database: nothing ran. Over HTTP the copy must still get
    /// an answer, and this harmless one changes nothing: a silent
    /// acknowledgement of a click, or a private "already handled" note. The
    /// gateway sends nothing, since the first copy used the interaction's
    /// only callback. (Replaying the first answer would need every answer
    /// stored, deferred ones and files included, for a copy nobody reads:
    /// a gateway duplicate cannot be answered, and a replay's token expired.)
    Duplicate(CreateInteractionResponse),
}

/// The id of an interaction that changes something when handled, with the
/// harmless answer for a second copy. Pings and autocomplete only read.
fn duplicate_answer(
    interaction: &Interaction,
) -> Option<(InteractionId, CreateInteractionResponse)> {
    let (id, locale) = match interaction {
        Interaction::Command(c) => (c.id.to_core(), c.locale.as_str()),
        Interaction::Modal(m) => (m.id.to_core(), m.locale.as_str()),
        Interaction::Component(c) => {
            return Some((c.id.to_core(), CreateInteractionResponse::Acknowledge))
        }
        _ => return None,
    };
    let locale = crate::locale::Locale::from_discord(locale);
    let note = Response::ephemeral_text(crate::t!(locale, "hardening-already-handled"));
    Some((id, note.into_serenity()))
}

/// Claims `interaction` in the ledger; the answer for a copy already taken.
/// A ledger that cannot be reached lets the interaction through: its own
/// writes go to the same database and fail there with a proper reply.
pub async fn claim(bot: &Bot, interaction: &Interaction) -> Option<CreateInteractionResponse> {
    let (id, duplicate) = duplicate_answer(interaction)?;
    match bot.ledger.claim(id, bot.clock.now()).await {
        Ok(true) => None,
        Ok(false) => {
            tracing::info!(
                interaction = %id,
                "a copy of an interaction already handled was ignored"
            );
            Some(duplicate)
        }
        Err(error) => {
            tracing::error!(%error, interaction = %id, "the record of seen interactions is unavailable");
            None
        }
    }
}

/// Dispatches `interaction`, recording metrics, and answers within `deadline`.
/// Autocomplete is never deferred (Discord has no deferred autocomplete).
pub async fn answer(
    bot: &Bot,
    metrics: &Arc<Metrics>,
    interaction: Interaction,
    deadline: Deadline,
) -> Reply {
    if let Some(duplicate) = claim(bot, &interaction).await {
        metrics.duplicate();
        return Reply::Duplicate(duplicate);
    }
    let deferrable = matches!(
        interaction,
        Interaction::Command(_) | Interaction::Component(_) | Interaction::Modal(_)
    );
    let ack = match &interaction {
        // A click defers as "update the clicked message later" (type 6).
        Interaction::Component(_) => CreateInteractionResponse::Acknowledge,
        _ => CreateInteractionResponse::Defer(CreateInteractionResponseMessage::new()),
    };
    let work = {
        let bot = bot.clone();
        let metrics = metrics.clone();
        tokio::spawn(async move {
            let started = Instant::now();
            let handled = handle(&bot, interaction).await;
            metrics.observe(
                handled.kind,
                &handled.name,
                handled.outcome,
                started.elapsed(),
            );
            handled.response
        })
    };
    let mut work = work;
    let wait = match (deferrable, deadline) {
        (false, _) => None,
        (true, Deadline::After(wait)) => Some(wait),
        (true, Deadline::Always) => Some(Duration::ZERO),
    };
    let in_time = match wait {
        None => Some((&mut work).await),
        Some(wait) if wait.is_zero() => None,
        Some(wait) => tokio::time::timeout(wait, &mut work).await.ok(),
    };
    match in_time {
        Some(Ok(response)) => Reply::Now(response),
        Some(Err(join_error)) => {
            tracing::error!(error = %join_error, "the interaction handler panicked");
            Reply::Now(Response::ephemeral_text("Something went wrong."))
        }
        None => {
            metrics.deferred();
            Reply::Deferred { ack, work }
        }
    }
}

/// Delivers the real answer of a deferred interaction. After "thinking…"
/// (type 5) the answer replaces `@original`; an ephemeral one (usually a
/// refusal) cannot become private by an edit, so the public "thinking…" is
/// deleted and an ephemeral follow-up sent. After a silent acknowledgement of
/// a click (type 6), `@original` is the clicked message: an update edits it,
/// a new message is a follow-up.
pub async fn finish_deferred(
    http: &Http,
    metrics: &Metrics,
    ack: &CreateInteractionResponse,
    token: &str,
    work: JoinHandle<Response>,
) {
    let response = match work.await {
        Ok(response) => response,
        Err(join_error) => {
            tracing::error!(error = %join_error, "the interaction handler panicked");
            Response::ephemeral_text("Something went wrong.")
        }
    };
    let clicked = matches!(ack, CreateInteractionResponse::Acknowledge);
    let result = match response {
        Response::Message(m) if clicked => retry(|| follow_up(http, token, &m)).await,
        Response::Message(m) if m.ephemeral => {
            let deleted = retry(|| http.delete_original_interaction_response(token)).await;
            if let Err(error) = deleted {
                tracing::warn!(%error, "deleting the deferred reply failed");
            }
            retry(|| follow_up(http, token, &m)).await
        }
        Response::Message(m) | Response::Update(m) => {
            retry(|| {
                let edit = m.to_edit_response();
                async move { edit.execute(http, token).await.map(|_| ()) }
            })
            .await
        }
        other => {
            tracing::error!(
                response = ?std::mem::discriminant(&other),
                "this response cannot follow a deferral"
            );
            Ok(())
        }
    };
    if let Err(error) = result {
        metrics.rest_failed();
        tracing::error!(%error, "delivering the deferred reply failed");
    }
}

/// Sends a follow-up message for an interaction already answered.
pub async fn follow_up(http: &Http, token: &str, message: &Message) -> serenity::Result<()> {
    let mut followup = CreateInteractionResponseFollowup::new()
        .allowed_mentions(crate::bot::response::no_pings())
        .embeds(message.embeds.clone())
        .components(message.components.clone())
        .ephemeral(message.ephemeral)
        .files(message.files.clone());
    if let Some(content) = &message.content {
        followup = followup.content(content);
    }
    followup.execute(http, (None, token)).await.map(|_| ())
}

/// Whether Discord asked for the same request again later: 429 (rate
/// limited) and 502-504 (the request did not reach the API).
fn retryable(error: &serenity::Error) -> bool {
    use serenity::http::HttpError;
    matches!(
        error,
        serenity::Error::Http(HttpError::UnsuccessfulRequest(r))
            if matches!(r.status_code.as_u16(), 429 | 502..=504)
    )
}

/// Runs `call` until it succeeds, fails for good, or `MAX_ATTEMPTS` is
/// reached, waiting `RETRY_STEP` × attempt between tries.
pub async fn retry<T, F, Fut>(mut call: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = serenity::Result<T>>,
{
    let mut attempt = 1;
    loop {
        match call().await {
            Err(error) if attempt < MAX_ATTEMPTS && retryable(&error) => {
                tracing::warn!(%error, attempt, "Discord asked to retry");
                tokio::time::sleep(RETRY_STEP * attempt).await;
                attempt += 1;
            }
            other => return other,
        }
    }
}
