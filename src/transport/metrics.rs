//! Prometheus metrics shared by `serve` and `run --metrics`: interactions by
//! kind, command and outcome, a latency histogram, deferrals, and the
//! database pool. Rendered in the text exposition format by hand: a few
//! counters do not need a metrics framework.

use crate::bot::custom_id::CustomId;
use crate::bot::dispatch::Outcome;
use crate::db::Database;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Upper bounds (seconds) of the latency histogram's buckets. Discord
/// invalidates an interaction not answered within 3 s.
pub const LATENCY_BUCKETS: [f64; 12] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 10.0,
];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// (kind, command, outcome) → count.
    interactions: BTreeMap<(String, String, String), u64>,
    /// Cumulative counts per bucket of `LATENCY_BUCKETS`.
    buckets: [u64; LATENCY_BUCKETS.len()],
    latency_sum: f64,
    latency_count: u64,
    deferred: u64,
    rest_failures: u64,
    duplicates: u64,
    unparsed: u64,
    /// Unix seconds of the last scheduled backup that succeeded.
    last_backup: Option<i64>,
    backup_failures: u64,
}

impl Metrics {
    pub fn new() -> Arc<Self> {
        Arc::new(Metrics::default())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding this lock cannot leave the counters torn in
        // a way that matters; keep counting.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// One interaction answered by the dispatcher after `elapsed`. Only
    /// names the bot knows become labels; anything a payload made up counts
    /// as `other`, so the series stay a fixed, small set.
    pub fn observe(&self, kind: &str, command: &str, outcome: Outcome, elapsed: Duration) {
        let seconds = elapsed.as_secs_f64();
        let (kind, command) = label(kind, command);
        let mut inner = self.lock();
        *inner
            .interactions
            .entry((
                kind.to_owned(),
                command.to_owned(),
                outcome.as_str().to_owned(),
            ))
            .or_default() += 1;
        for (bound, count) in LATENCY_BUCKETS.iter().zip(inner.buckets.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        inner.latency_sum += seconds;
        inner.latency_count += 1;
    }

    /// An interaction answered "thinking…" first because its work was slow.
    pub fn deferred(&self) {
        self.lock().deferred += 1;
    }

    /// A REST call to Discord (response, edit, follow-up) that failed.
    pub fn rest_failed(&self) {
        self.lock().rest_failures += 1;
    }

    /// A copy of an interaction already handled (replay or redelivery).
    pub fn duplicate(&self) {
        self.lock().duplicates += 1;
    }

    /// A gateway interaction serenity could not parse (and dropped).
    pub fn unparsed(&self) {
        self.lock().unparsed += 1;
    }

    /// How many interactions ended with `outcome` (tests, and a quick look).
    pub fn count(&self, kind: &str, command: &str, outcome: Outcome) -> u64 {
        self.lock()
            .interactions
            .get(&(
                kind.to_owned(),
                command.to_owned(),
                outcome.as_str().to_owned(),
            ))
            .copied()
            .unwrap_or(0)
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self, pool: Option<&Database>) -> String {
        let inner = self.lock();
        let mut out = String::new();
        out.push_str("# HELP ostbot_interactions_total Interactions answered, by kind, command and outcome.\n");
        out.push_str("# TYPE ostbot_interactions_total counter\n");
        for ((kind, command, outcome), count) in &inner.interactions {
            let _ = writeln!(
                out,
                "ostbot_interactions_total{{kind=\"{}\",command=\"{}\",outcome=\"{}\"}} {count}",
                escape(kind),
                escape(command),
                escape(outcome)
            );
        }
        out.push_str("# HELP ostbot_interaction_duration_seconds Time the dispatcher took to answer an interaction.\n");
        out.push_str("# TYPE ostbot_interaction_duration_seconds histogram\n");
        for (bound, count) in LATENCY_BUCKETS.iter().zip(inner.buckets.iter()) {
            let _ = writeln!(
                out,
                "ostbot_interaction_duration_seconds_bucket{{le=\"{bound}\"}} {count}"
            );
        }
        let _ = writeln!(
            out,
            "ostbot_interaction_duration_seconds_bucket{{le=\"+Inf\"}} {}",
            inner.latency_count
        );
        let _ = writeln!(
            out,
            "ostbot_interaction_duration_seconds_sum {}",
            inner.latency_sum
        );
        let _ = writeln!(
            out,
            "ostbot_interaction_duration_seconds_count {}",
            inner.latency_count
        );
        let scalars: [(&str, &str, &str, u64); 6] = [
            ("ostbot_interactions_deferred_total", "counter", "Interactions answered with a deferred response because the work was slow.", inner.deferred),
            ("ostbot_rest_failures_total", "counter", "REST calls to Discord that failed after retries.", inner.rest_failures),
            ("ostbot_interactions_duplicate_total", "counter", "Copies of interactions already handled (gateway redeliveries, replayed requests), answered without running.", inner.duplicates),
            ("ostbot_interactions_unparsed_total", "counter", "Gateway interactions serenity could not parse, dropped unanswered.", inner.unparsed),
            ("ostbot_backup_last_success_timestamp_seconds", "gauge", "When the last scheduled backup succeeded (0: none since start).", inner.last_backup.unwrap_or(0).max(0) as u64),
            ("ostbot_backup_failures_total", "counter", "Scheduled backups that failed.", inner.backup_failures),
        ];
        for (name, kind, help, value) in scalars {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        if let Some(pool) = pool {
            let (size, idle, max) = pool.connections();
            out.push_str(
                "# HELP ostbot_db_pool_connections Database pool connections, by state.\n",
            );
            out.push_str("# TYPE ostbot_db_pool_connections gauge\n");
            let _ = writeln!(out, "ostbot_db_pool_connections{{state=\"idle\"}} {idle}");
            let _ = writeln!(
                out,
                "ostbot_db_pool_connections{{state=\"in_use\"}} {}",
                size.saturating_sub(idle)
            );
            let _ = writeln!(out, "ostbot_db_pool_connections_max {}", max);
        }
        out
    }
}

impl crate::backup::Observer for Metrics {
    fn backed_up(&self, at: chrono::DateTime<chrono::Utc>) {
        self.lock().last_backup = Some(at.timestamp());
    }

    fn backup_failed(&self) {
        self.lock().backup_failures += 1;
    }
}

/// The label for what an interaction named: itself when the bot knows it
/// (a command of the command table, a component group of `CustomId`), else
/// `other`, so that made-up names cannot add series.
fn label<'a>(kind: &'a str, name: &'a str) -> (&'a str, &'a str) {
    let known = match kind {
        "command" | "autocomplete" => crate::bot::commands::find(name).is_some(),
        "component" | "modal" => CustomId::GROUPS.contains(&name),
        "ping" | "unsupported" => name.is_empty(),
        _ => false,
    };
    let kind = match kind {
        "command" | "autocomplete" | "component" | "modal" | "ping" | "unsupported" => kind,
        _ => "other",
    };
    (kind, if known { name } else { "other" })
}

/// Escapes a label value (backslash, quote, newline).
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[derive(Clone)]
struct Exposed {
    metrics: Arc<Metrics>,
    pool: Database,
    /// `run`: whether a gateway shard is connected. `serve` has none.
    connected: Option<watch::Receiver<bool>>,
}

/// `GET /healthz` (ready: the database answers), `GET /livez` (the process
/// answers) and `GET /metrics`: what `serve` exposes.
pub fn router(metrics: Arc<Metrics>, pool: Database) -> Router {
    routes(Exposed {
        metrics,
        pool,
        connected: None,
    })
}

/// [`router`] for `run`: `/healthz` is also 503 while no shard is connected
/// to the gateway (connecting, resuming, backing off).
pub fn gateway_router(
    metrics: Arc<Metrics>,
    pool: Database,
    connected: watch::Receiver<bool>,
) -> Router {
    routes(Exposed {
        metrics,
        pool,
        connected: Some(connected),
    })
}

fn routes(exposed: Exposed) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/livez", get(|| async { "alive\n" }))
        .route("/metrics", get(render))
        .with_state(exposed)
}

async fn healthz(State(state): State<Exposed>) -> impl IntoResponse {
    if let Some(connected) = &state.connected {
        if !*connected.borrow() {
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                "not connected to Discord\n",
            );
        }
    }
    match state.pool.ping().await {
        Ok(_) => (StatusCode::OK, "ok\n"),
        Err(error) => {
            tracing::warn!(%error, "health check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n")
        }
    }
}

async fn render(State(state): State<Exposed>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(Some(&state.pool)),
    )
}

/// Serves `router` on `listener` until `shutdown` resolves (`run --metrics`).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_a_cumulative_histogram() {
        let metrics = Metrics::default();
        metrics.observe("command", "track", Outcome::Ok, Duration::from_millis(3));
        metrics.observe("command", "track", Outcome::Ok, Duration::from_millis(300));
        metrics.observe(
            "command",
            "config",
            Outcome::UserError,
            Duration::from_millis(1),
        );
        let text = metrics.render(None);
        assert!(text.contains(
            "ostbot_interactions_total{kind=\"command\",command=\"track\",outcome=\"ok\"} 2"
        ));
        assert!(text.contains("outcome=\"user_error\"} 1"));
        assert!(text.contains("ostbot_interaction_duration_seconds_bucket{le=\"0.005\"} 2"));
        assert!(text.contains("ostbot_interaction_duration_seconds_bucket{le=\"0.5\"} 3"));
        assert!(text.contains("ostbot_interaction_duration_seconds_bucket{le=\"+Inf\"} 3"));
        assert!(text.contains("ostbot_interaction_duration_seconds_count 3"));
        assert_eq!(metrics.count("command", "track", Outcome::Ok), 2);
    }

    #[test]
    fn made_up_names_share_one_series() {
        let metrics = Metrics::default();
        metrics.observe("command", "track", Outcome::Ok, Duration::ZERO);
        metrics.observe("component", "poll", Outcome::Ok, Duration::ZERO);
        let small = metrics.render(None).len();
        for n in 0..1_000 {
            let name = format!("made-up-{n}-{}", "x".repeat(n % 90));
            metrics.observe("command", &name, Outcome::UserError, Duration::ZERO);
            metrics.observe("component", &name, Outcome::UserError, Duration::ZERO);
            metrics.observe(&name, &name, Outcome::Unsupported, Duration::ZERO);
        }
        let text = metrics.render(None);
        assert!(text.len() < small + 400, "{} bytes:\n{text}", text.len());
        assert!(!text.contains("made-up"));
        assert_eq!(metrics.count("command", "other", Outcome::UserError), 1_000);
        assert_eq!(
            metrics.count("component", "other", Outcome::UserError),
            1_000
        );
        assert_eq!(metrics.count("command", "track", Outcome::Ok), 1);
        assert_eq!(metrics.count("component", "poll", Outcome::Ok), 1);
    }

    #[test]
    fn every_component_group_is_one_the_dispatcher_answers() {
        for group in CustomId::GROUPS {
            assert_eq!(label("component", group), ("component", group));
        }
        for command in ["track", "poll", "config", "forget-me"] {
            assert_eq!(label("command", command), ("command", command));
        }
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
