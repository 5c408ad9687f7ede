//! `ostbot run`: the serenity gateway client. It connects a range of shards
//! (every shard by default, see `shards`), registers the commands once if
//! this process is the one to, hands every interaction to `bot::dispatch`,
//! and answers over REST.
//!
//! serenity 0.12.5 retries a shard that cannot connect every 5 s forever and
//! its `shutdown_all` does nothing while no shard is running, so `run` adds
//! three things around it: a gate that spaces connection attempts with a
//! growing, jittered back-off; a watch of the shards' stages (readiness for
//! `/healthz`); and a shutdown that does not wait for serenity.

use super::answer::{self, retry, Deadline, Reply};
use super::metrics::Metrics;
use super::rest;
use super::shards::{Register, ShardPlan, Shards};
use super::shutdown::InFlight;
use crate::bot::Bot;
use crate::config::Config;
use async_trait::async_trait;
use serenity::all::{
    Builder, ClientBuilder, ConnectionStage, Context, Event, EventHandler, GatewayIntents, Http,
    Interaction, RawEventHandler, Ready, ShardManager,
};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Mutex};

struct Handler {
    bot: Bot,
    dev_guild: Option<u64>,
    /// Whether this process sends the command definitions.
    registers: bool,
    registered: AtomicBool,
    in_flight: Arc<InFlight>,
    metrics: Arc<Metrics>,
    deadline: Deadline,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let shard = ready.shard.map(|s| s.id.0);
        tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), ?shard, "connected to Discord");
        // READY fires for every shard and again after a reconnect; register
        // once per process, and only in the process that is to.
        if !self.registers || self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        match rest::register(&ctx.http, self.dev_guild).await {
            Ok(count) => tracing::info!(count, guild = ?self.dev_guild, "registered commands"),
            Err(error) => {
                self.registered.store(false, Ordering::SeqCst);
                tracing::error!(error = %rest::describe(&error), "registering commands failed");
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
                if !rest::respond(&ctx.http, id, &token, response).await {
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
/// `d` does not parse as serenity 0.12.5's `Interaction` (`options` that
/// are not a list, say; missing `options` are filled in by
/// `#[serde(default)]` and parse) falls through to the catch-all variant
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

/// What `run` can be told beyond the configuration.
#[derive(Clone)]
pub struct Options {
    pub metrics: Arc<Metrics>,
    pub deadline: Deadline,
    /// Spacing of connection attempts while no shard is connected.
    pub backoff: Backoff,
    /// `true` while a shard is connected (READY or RESUMED seen and not lost
    /// since); `/healthz` reads it.
    pub connected: watch::Sender<bool>,
    /// The shards this process runs (`--shards`, `--shard-total`).
    pub shards: ShardPlan,
    /// Whether this process registers the commands (`--register`).
    pub register: Register,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            metrics: Metrics::new(),
            deadline: Deadline::default(),
            backoff: Backoff::default(),
            connected: watch::Sender::new(false),
            shards: ShardPlan::default(),
            register: Register::default(),
        }
    }
}

/// How long shutdown waits for each step (closing the shard, interactions
/// in flight) before it goes on: SIGTERM ends the process within seconds.
pub const SHUTDOWN_STEP: Duration = Duration::from_secs(3);

/// Connects and serves until SIGINT/SIGTERM; in-flight work finishes first.
pub async fn run(config: &Config, bot: Bot, http: Http, options: Options) -> anyhow::Result<()> {
    run_until(config, bot, http, options, super::shutdown::signal()).await
}

/// Connects and serves until `shutdown` resolves, in every state (looking up
/// the gateway, connecting, backing off, connected); in-flight work gets
/// [`SHUTDOWN_STEP`] to finish. Tests stop the client with a channel instead
/// of a signal.
pub async fn run_until(
    config: &Config,
    bot: Bot,
    http: Http,
    options: Options,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    if let Some(id) = config.application_id {
        http.set_application_id(serenity::all::ApplicationId::new(id));
    }
    tokio::pin!(shutdown);
    let mut backoff = options.backoff.clone();
    // The gateway's address and Discord's shard advice, looked up with the
    // same back-off as connections.
    let gateway = loop {
        tokio::select! {
            _ = &mut shutdown => {
                tracing::info!("shutting down before connecting");
                return Ok(());
            }
            found = retry(|| http.get_bot_gateway()) => match found {
                Ok(gateway) => break gateway,
                Err(error) => {
                    let wait = backoff.next_delay();
                    tracing::warn!(
                        error = %rest::describe(&error),
                        retry_in = ?wait,
                        "cannot reach Discord to look up the gateway"
                    );
                    tokio::select! {
                        _ = &mut shutdown => {
                            tracing::info!("shutting down while waiting to retry");
                            return Ok(());
                        }
                        _ = tokio::time::sleep(wait) => {}
                    }
                }
            }
        }
    };

    let shards = options.shards.resolve(gateway.shards)?;
    log_plan(&shards, &gateway);
    let in_flight = Arc::new(InFlight::default());
    let handler = Handler {
        bot: bot.clone(),
        dev_guild: config.dev_guild_id,
        registers: options.register.here(&shards),
        registered: AtomicBool::new(false),
        in_flight: in_flight.clone(),
        metrics: options.metrics.clone(),
        deadline: options.deadline,
    };
    let unparsed = Unparsed(handler.metrics.clone());
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .event_handler(handler)
        .raw_event_handler(unparsed)
        .await?;
    *client.ws_url.lock().await = gateway.url;
    let manager = client.shard_manager.clone();
    let (stop_watch, watching) = watch::channel(false);
    let watcher = tokio::spawn(watch_stages(
        manager.clone(),
        options.connected.clone(),
        watching.clone(),
    ));
    let gate = tokio::spawn(gate_attempts(
        client.ws_url.clone(),
        backoff,
        options.connected.subscribe(),
        watching,
    ));
    let result = tokio::select! {
        // serenity 0.12.5 reads the range's end as the last shard, inclusive.
        result = client.start_shard_range(shards.first..shards.last, shards.total) => {
            result.map_err(anyhow::Error::from)
        }
        _ = &mut shutdown => {
            tracing::info!("shutting down: finishing in-flight interactions");
            Ok(())
        }
    };
    let _ = stop_watch.send(true);
    gate.abort();
    watcher.abort();
    options.connected.send_replace(false);
    // serenity's shutdown waits up to 5 s per shard for a close handshake;
    // a shard that never connected has nothing to close.
    if tokio::time::timeout(SHUTDOWN_STEP, manager.shutdown_all())
        .await
        .is_err()
    {
        tracing::warn!("the gateway connection did not close in time; leaving it");
    }
    if tokio::time::timeout(SHUTDOWN_STEP, in_flight.wait_idle())
        .await
        .is_err()
    {
        tracing::warn!("interactions still in flight at shutdown were abandoned");
    }
    tracing::info!("disconnected from the gateway");
    result
}

/// Says which shards this process connects, and warns of what Discord will
/// refuse or delay: fewer shards than it asks for (it closes a shard with
/// 4011 once the bot is in more guilds than its shards may carry), and
/// fewer session starts left today than shards to identify.
fn log_plan(shards: &Shards, gateway: &serenity::all::BotGateway) {
    let limit = &gateway.session_start_limit;
    tracing::info!(
        shards = %shards,
        recommended = gateway.shards,
        session_starts_left = limit.remaining,
        max_concurrency = limit.max_concurrency,
        "connecting shards"
    );
    if shards.total < gateway.shards {
        tracing::warn!(
            total = shards.total,
            recommended = gateway.shards,
            "fewer shards in all than Discord recommends: raise --shard-total on every process"
        );
    }
    if u64::from(shards.count()) > limit.remaining {
        tracing::warn!(
            left = limit.remaining,
            reset_after_ms = limit.reset_after,
            "fewer session starts left today than shards to start: some wait for the reset"
        );
    }
}

/// Publishes whether a shard is connected, from the stages serenity records
/// for its shards (updated in order by each shard's own loop).
async fn watch_stages(
    shards: Arc<ShardManager>,
    connected: watch::Sender<bool>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let now = shards
            .runners
            .lock()
            .await
            .values()
            .any(|runner| runner.stage == ConnectionStage::Connected);
        connected.send_if_modified(|was| std::mem::replace(was, now) != now);
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => return,
            _ = tokio::time::sleep(Duration::from_millis(200)) => {}
        }
    }
}

/// Spaces connection attempts while no shard is connected. serenity reads
/// the gateway URL under its mutex right before every connection attempt
/// (a new shard, a resume, a reconnect), so holding that mutex holds the
/// attempt: the gate is open while connected (a resume goes at once), and
/// closed otherwise, opened once per back-off delay.
async fn gate_attempts(
    url: Arc<Mutex<String>>,
    mut backoff: Backoff,
    mut connected: watch::Receiver<bool>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        if *connected.borrow_and_update() {
            backoff.reset_after_connection();
            tokio::select! {
                _ = connected.wait_for(|c| !*c) => continue,
                _ = stop.wait_for(|stopped| *stopped) => return,
            }
        }
        let held = url.clone().lock_owned().await;
        let wait = backoff.next_delay();
        if !wait.is_zero() {
            tracing::info!(retry_in = ?wait, "not connected to Discord; next attempt after a pause");
        }
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = connected.wait_for(|c| *c) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        // An attempt waiting for the URL is handed the lock now (tokio's
        // mutex is fair); the next `lock_owned` queues behind it.
        drop(held);
        tokio::task::yield_now().await;
    }
}

/// Exponential back-off with jitter: no pause before the first attempt,
/// then `min`, `2·min`, `4·min`… up to `cap`, each drawn uniformly from the
/// upper half of its step so that many bots do not retry in step.
#[derive(Clone, Debug)]
pub struct Backoff {
    pub min: Duration,
    pub cap: Duration,
    attempt: u32,
    seed: u64,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new(Duration::from_secs(1), Duration::from_secs(60))
    }
}

impl Backoff {
    pub fn new(min: Duration, cap: Duration) -> Backoff {
        use std::hash::{BuildHasher, Hasher};
        // A random seed without a dependency: std's per-process hash keys.
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0x6f73_7462_6f74);
        Backoff::seeded(min, cap, hasher.finish())
    }

    /// The same sequence every time (tests).
    pub fn seeded(min: Duration, cap: Duration, seed: u64) -> Backoff {
        Backoff {
            min,
            cap: cap.max(min),
            attempt: 0,
            seed: seed | 1,
        }
    }

    /// The upper bound of the next pause, before jitter.
    pub fn step(&self) -> Duration {
        match self.attempt {
            0 => Duration::ZERO,
            n => self
                .min
                .saturating_mul(1u32 << (n - 1).min(20))
                .min(self.cap),
        }
    }

    /// The pause before the next attempt; each call counts one attempt.
    pub fn next_delay(&mut self) -> Duration {
        let step = self.step();
        self.attempt = self.attempt.saturating_add(1);
        // xorshift64
        self.seed ^= self.seed << 13;
        self.seed ^= self.seed >> 7;
        self.seed ^= self.seed << 17;
        let unit = (self.seed >> 11) as f64 / (1u64 << 53) as f64;
        step.mul_f64(0.5 + 0.5 * unit)
    }

    /// After a connection, the first retry goes at once (it passed the open
    /// gate already), so the next pause is `min`.
    pub fn reset_after_connection(&mut self) {
        self.attempt = 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_off_grows_with_jitter_up_to_its_cap() {
        let min = Duration::from_secs(1);
        let cap = Duration::from_secs(60);
        let mut backoff = Backoff::seeded(min, cap, 42);
        assert_eq!(
            backoff.next_delay(),
            Duration::ZERO,
            "the first attempt waits for nothing"
        );
        let delays: Vec<Duration> = (0..12).map(|_| backoff.next_delay()).collect();
        let steps = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60];
        for (delay, step) in delays.iter().zip(steps) {
            let step = Duration::from_secs(step);
            assert!(
                *delay >= step / 2 && *delay <= step,
                "{delay:?} outside [{:?}, {step:?}]",
                step / 2
            );
        }
        let capped = &delays[6..];
        assert!(
            capped.windows(2).any(|w| w[0] != w[1]),
            "jitter varies the capped delays: {capped:?}"
        );
        backoff.reset_after_connection();
        assert!(backoff.next_delay() <= min);
    }

    #[test]
    fn two_bots_do_not_retry_in_step() {
        let a: Vec<Duration> = {
            let mut b = Backoff::seeded(Duration::from_secs(1), Duration::from_secs(60), 1);
            (0..8).map(|_| b.next_delay()).collect()
        };
        let b: Vec<Duration> = {
            let mut b = Backoff::seeded(Duration::from_secs(1), Duration::from_secs(60), 2);
            (0..8).map(|_| b.next_delay()).collect()
        };
        assert_ne!(a, b);
    }
}
