//! `ostbot run`: the serenity gateway client. It registers the commands once,
//! hands every interaction to `bot::dispatch`, and answers over REST.

use super::answer::{self, retry, Deadline, Reply};
use super::metrics::Metrics;
use crate::bot::announcer::{AnnounceError, Announcer};
use crate::bot::{commands, Bot, Message, Response};
use crate::config::Config;
use crate::ids::{ChannelId, MessageId};
use async_trait::async_trait;
use serenity::all::{
    Builder, ClientBuilder, Command, Context, Event, EventHandler, GatewayIntents, GuildId, Http,
    HttpBuilder, Interaction, Nonce, RawEventHandler, Ready,
};
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::{watch, Notify};

/// serenity's REST client, pointed at `DISCORD_API_BASE` when set. serenity
/// honours the proxy only with its own rate limiter off.
pub fn http_client(config: &Config) -> anyhow::Result<Http> {
    let token = config
        .token
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("DISCORD_TOKEN is not set"))?;
    let mut builder = HttpBuilder::new(token.expose());
    if let Some(base) = &config.api_base {
        builder = builder.proxy(base.clone()).ratelimiter_disabled(true);
    }
    Ok(builder.build())
}

/// Sends the command definitions: to one server when `guild` is given
/// (instant), else globally (may take up to an hour to show everywhere).
pub async fn register(http: &Http, guild: Option<u64>) -> serenity::Result<usize> {
    let count = commands::definitions().len();
    retry(|| async {
        let definitions = commands::definitions();
        match guild {
            Some(id) => GuildId::new(id)
                .set_commands(http, definitions)
                .await
                .map(|_| ()),
            None => Command::set_global_commands(http, definitions)
                .await
                .map(|_| ()),
        }
    })
    .await?;
    Ok(count)
}

/// Posts through serenity's REST client (gateway and HTTP endpoint modes).
pub struct RestAnnouncer(pub Arc<Http>);

#[async_trait]
impl Announcer for RestAnnouncer {
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        let mut create = message.to_create_message();
        if let Some(nonce) = nonce {
            create = create
                .nonce(Nonce::String(nonce.to_owned()))
                .enforce_nonce(true);
        }
        let channel = serenity::all::ChannelId::new(channel.0.max(1));
        let sent = retry(|| channel.send_message(&self.0, create.clone())).await;
        match sent {
            Ok(posted) => Ok(MessageId(posted.id.get())),
            Err(error) => Err(announce_error(error)),
        }
    }

    async fn edit(
        &self,
        channel: ChannelId,
        message_id: MessageId,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        let channel = serenity::all::ChannelId::new(channel.0.max(1));
        let id = serenity::all::MessageId::new(message_id.0.max(1));
        retry(|| channel.edit_message(&self.0, id, message.to_edit_message()))
            .await
            .map(|_| ())
            .map_err(announce_error)
    }

    async fn check_access(&self, channel: ChannelId) -> Result<(), AnnounceError> {
        crate::bot::access::check_over_http(&self.0, channel).await
    }

    async fn guild_of(
        &self,
        channel: ChannelId,
    ) -> Result<Option<crate::ids::GuildId>, AnnounceError> {
        let id = serenity::all::ChannelId::new(channel.0.max(1));
        match retry(|| self.0.get_channel(id)).await {
            Ok(serenity::all::Channel::Guild(c)) => Ok(Some(crate::ids::GuildId(c.guild_id.get()))),
            Ok(_) => Ok(None),
            Err(error) => Err(announce_error(error)),
        }
    }
}

/// Discord's "unknown channel" and "missing access/permissions" become
/// states the scheduler records; anything else is a passing failure.
fn announce_error(error: serenity::Error) -> AnnounceError {
    use serenity::http::HttpError;
    if let serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) = &error {
        return match (response.status_code.as_u16(), response.error.code) {
            (404, _) | (_, 10003) => AnnounceError::ChannelGone,
            (403, _) | (_, 50001 | 50013) => {
                AnnounceError::MissingAccess(response.error.message.clone())
            }
            _ => AnnounceError::Unavailable(format!("HTTP {}", response.status_code)),
        };
    }
    AnnounceError::Unavailable(error.to_string())
}

/// Counts interactions being answered, so shutdown can wait for them.
#[derive(Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

impl InFlight {
    pub fn start(self: &Arc<Self>) -> InFlightGuard {
        self.count.fetch_add(1, Ordering::SeqCst);
        InFlightGuard(self.clone())
    }

    pub async fn wait_idle(&self) {
        while self.count.load(Ordering::SeqCst) > 0 {
            let notified = self.idle.notified();
            if self.count.load(Ordering::SeqCst) == 0 {
                break;
            }
            notified.await;
        }
    }
}

/// Held while one interaction is being answered.
pub struct InFlightGuard(Arc<InFlight>);

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

struct Handler {
    bot: Bot,
    dev_guild: Option<u64>,
    registered: AtomicBool,
    in_flight: Arc<InFlight>,
    metrics: Arc<Metrics>,
    deadline: Deadline,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
        // READY fires again after a reconnect; register only once per process.
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        match register(&ctx.http, self.dev_guild).await {
            Ok(count) => tracing::info!(count, guild = ?self.dev_guild, "registered commands"),
            Err(error) => {
                self.registered.store(false, Ordering::SeqCst);
                tracing::error!(%error, "registering commands failed");
            }
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        let _guard = self.in_flight.start();
        let (id, token) = match &interaction {
            Interaction::Command(i) | Interaction::Autocomplete(i) => (i.id, i.token.clone()),
            Interaction::Component(i) => (i.id, i.token.clone()),
            Interaction::Modal(i) => (i.id, i.token.clone()),
            _ => return,
        };
        match answer::answer(&self.bot, &self.metrics, interaction, self.deadline).await {
            Reply::Now(response) => {
                if !respond(&ctx.http, id, &token, response).await {
                    self.metrics.rest_failed();
                }
            }
            // The first copy used the interaction's only callback.
            Reply::Duplicate(_) => {}
            Reply::Deferred { ack, work } => {
                let acked = retry(|| ack.clone().execute(&ctx.http, (id, &token))).await;
                match acked {
                    Ok(()) => {
                        answer::finish_deferred(&ctx.http, &self.metrics, &ack, &token, work).await
                    }
                    Err(error) => {
                        self.metrics.rest_failed();
                        tracing::error!(%error, "sending the deferred response failed");
                    }
                }
            }
        }
    }
}

/// Says what serenity drops without a word. An `INTERACTION_CREATE` whose
/// `d` does not parse as serenity 0.12.5's `Interaction` (a slash command
/// without `options`, say) falls through to the catch-all variant
/// `#[serde(untagged)] Unknown(UnknownEvent)` of `model::event::Event`
/// (src/model/event.rs:1425), and `client::dispatch::update_cache_with_event`
/// (src/client/dispatch.rs:386-388) returns `None` for it after a `debug!`
/// of the whole event (token included, hence `telemetry::CAPS`), so no
/// `EventHandler` method runs. Raw handlers see every event first
/// (src/client/dispatch.rs:52-55): this one logs the dropped interaction at
/// `warn` with its id, type and the parse error, never its token.
struct Unparsed(Arc<Metrics>);

#[async_trait]
impl RawEventHandler for Unparsed {
    async fn raw_event(&self, _ctx: Context, event: Event) {
        if let Event::Unknown(unknown) = &event {
            if unknown.kind == "INTERACTION_CREATE" {
                log_unparsed(&unknown.value);
                self.0.unparsed();
            }
        }
    }
}

/// Logs an interaction serenity could not parse: id, type, and why.
pub fn log_unparsed(value: &serde_json::Value) {
    let id = value.get("id").and_then(|v| v.as_str()).unwrap_or("?");
    let kind = value.get("type").and_then(|v| v.as_u64());
    let reason = serde_json::from_value::<Interaction>(value.clone())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    tracing::warn!(interaction = %id, kind, %reason, "dropped an interaction serenity cannot parse");
}

/// Sends a dispatcher response as the interaction callback; false if Discord
/// did not take it.
pub async fn respond(
    http: &Http,
    id: serenity::all::InteractionId,
    token: &str,
    response: Response,
) -> bool {
    let response = response.into_serenity();
    match retry(|| response.clone().execute(http, (id, token))).await {
        Ok(()) => true,
        Err(error) => {
            tracing::error!(%error, "sending the interaction response failed");
            false
        }
    }
}

/// Sends a follow-up message for an interaction already answered.
pub async fn follow_up(http: &Http, token: &str, message: &Message) -> serenity::Result<()> {
    answer::follow_up(http, token, message).await
}

/// What `run` can be told beyond the configuration.
#[derive(Clone, Default)]
pub struct Options {
    pub metrics: Arc<Metrics>,
    pub deadline: Deadline,
}

/// Connects and serves until SIGINT/SIGTERM; in-flight work finishes first.
pub async fn run(config: &Config, bot: Bot, http: Http, options: Options) -> anyhow::Result<()> {
    run_until(config, bot, http, options, shutdown_signal()).await
}

/// Connects and serves until `shutdown` resolves; in-flight work finishes
/// first. Tests stop the client with a channel instead of a signal.
pub async fn run_until(
    config: &Config,
    bot: Bot,
    http: Http,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let in_flight = Arc::new(InFlight::default());
    let handler = Handler {
        bot: bot.clone(),
        dev_guild: config.dev_guild_id,
        registered: AtomicBool::new(false),
        in_flight: in_flight.clone(),
        metrics: options.metrics,
        deadline: options.deadline,
    };
    let unparsed = Unparsed(handler.metrics.clone());
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(handler)
        .raw_event_handler(unparsed)
        .await?;
    let shards = client.shard_manager.clone();
    let stopper = tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down: finishing in-flight interactions");
        shards.shutdown_all().await;
    });
    let result = client.start().await;
    stopper.abort();
    result?;
    in_flight.wait_idle().await;
    tracing::info!("disconnected from the gateway; in-flight interactions answered");
    Ok(())
}

/// Set once by [`listen_for_shutdown`]: flips to `true` on Ctrl-C or SIGTERM.
static SHUTDOWN: OnceLock<watch::Receiver<bool>> = OnceLock::new();

/// Starts listening for Ctrl-C and SIGTERM now, before any server is up, so
/// a signal that arrives while the bot starts is not lost. Every
/// [`shutdown_signal`] future resolves once one arrives.
pub fn listen_for_shutdown() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        let (tx, rx) = watch::channel(false);
        if SHUTDOWN.set(rx).is_ok() {
            tokio::spawn(async move {
                tokio::select! {
                    _ = interrupt.recv() => {}
                    _ = terminate.recv() => {}
                }
                let _ = tx.send(true);
            });
        }
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM (every caller sees the same signal).
pub async fn shutdown_signal() {
    if let Some(rx) = SHUTDOWN.get() {
        let mut rx = rx.clone();
        let _ = rx.wait_for(|stopped| *stopped).await;
        return;
    }
    let _ = tokio::signal::ctrl_c().await;
}
