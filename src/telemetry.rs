//! Logging: `RUST_LOG` filters, `info` by default. Logs go to stderr so the
//! console's stdout stays the bot's replies.
//!
//! Whatever `RUST_LOG` says (`debug` and `trace` included), two things never
//! reach the log:
//! - **span fields**. serenity's request span records the whole `Request`
//!   (`InteractionResponse { token: "…" }`, a webhook credential for 15
//!   minutes, and bodies as byte arrays), and its gateway spans record whole
//!   events (interaction tokens again). Events are printed with the names of
//!   the spans they happened in, never those spans' fields.
//! - **events of the targets in [`CAPS`]** below their cap: the messages
//!   that print a route with a token, a raw gateway payload, or frames and
//!   headers (the bot token travels in `Authorization`).

use std::fmt;
use tracing::{Event, Subscriber};
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::EnvFilter;

/// Targets capped at a level whatever `RUST_LOG` asks, and why:
pub const CAPS: &[&str] = &[
    // "Mismatched successful response status from {route}" (warn), "Ratelimited
    // on route …" (debug): routes hold interaction tokens.
    "serenity::http=error",
    // "An unknown event was received: {event:?}" (debug): a whole
    // interaction, token included. `gateway::log_unparsed` says what matters.
    "serenity::client::dispatch=info",
    // "Err deserializing text: …; text: {payload}" (warn): a raw dispatch.
    "serenity::gateway::ws=error",
    // Frames, headers and bodies on the wire.
    "tungstenite=info",
    "tokio_tungstenite=info",
    "hyper=info",
    "hyper_util=info",
    "h2=info",
    "reqwest=info",
    "rustls=info",
];

/// The filter: `RUST_LOG` (or `default_filter`), then [`CAPS`].
pub fn filter(rust_log: Option<&str>, default_filter: &str) -> EnvFilter {
    let mut filter = rust_log
        .and_then(|spec| EnvFilter::try_new(spec).ok())
        .unwrap_or_else(|| EnvFilter::new(default_filter));
    for cap in CAPS {
        if let Ok(directive) = cap.parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

/// Colours only on a terminal: a log file or a journal gets plain text.
pub fn init(default_filter: &str) {
    use std::io::IsTerminal;
    let rust_log = std::env::var("RUST_LOG").ok();
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter(rust_log.as_deref(), default_filter))
        .with_ansi(std::io::stderr().is_terminal())
        .event_format(WithoutSpanFields)
        .with_writer(std::io::stderr)
        .try_init();
}

/// `2026-12-01T20:30:00.123456Z  INFO span:inner: target: message k=v`:
/// tracing's full format, with span names but not span fields.
pub struct WithoutSpanFields;

impl<S, N> FormatEvent<S, N> for WithoutSpanFields
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let meta = event.metadata();
        write!(
            writer,
            "{} {:>5} ",
            chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.6fZ"),
            meta.level()
        )?;
        if let Some(scope) = ctx.event_scope() {
            for span in scope.from_root() {
                write!(writer, "{}:", span.name())?;
            }
            write!(writer, " ")?;
        }
        write!(writer, "{}: ", meta.target())?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn span_fields_and_capped_targets_stay_out_of_a_trace_log() {
        let captured = Captured::default();
        let sink = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(filter(Some("trace"), "info"))
            .with_ansi(false)
            .event_format(WithoutSpanFields)
            .with_writer(move || sink.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!(target: "serenity::http::client", "request", req = "InteractionResponse { token: \"SECRET-1\" }");
            let _entered = span.enter();
            tracing::debug!(target: "hyper::proto", "an event inside the request span");
            tracing::warn!(target: "serenity::http::client", "Mismatched successful response status from interactions/1/SECRET-2/callback");
            tracing::debug!(target: "serenity::client::dispatch", "An unknown event was received: SECRET-3");
            tracing::trace!(target: "tungstenite::protocol", "received frame SECRET-4");
            let ours = tracing::info_span!(target: "ostbot::here", "outer", token = "SECRET-5");
            let _ours = ours.enter();
            tracing::debug!(target: "ostbot::here", answer = 42, "our own debug line");
        });
        let log = String::from_utf8(captured.0.lock().expect("log").clone()).expect("utf-8");
        assert!(!log.contains("SECRET"), "{log}");
        assert!(
            log.contains(" DEBUG outer: ostbot::here: our own debug line answer=42"),
            "{log}"
        );
    }
}
