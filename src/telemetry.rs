//! Logging: `RUST_LOG` filters, `info` by default. Logs go to stderr so the
//! console's stdout stays the bot's replies.

use tracing_subscriber::EnvFilter;

/// Colours only on a terminal: a log file or a journal gets plain text.
pub fn init(default_filter: &str) {
    use std::io::IsTerminal;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .try_init();
}
