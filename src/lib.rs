//! ostbot: a Discord bot for K-drama OST communities.
//!
//! The crate is a core that knows nothing of Discord (`catalog`, and the
//! concepts that follow it) wrapped by adapters: `bot` turns Discord
//! interactions into core calls and replies, and `transport` carries those
//! interactions over the gateway, HTTP or a terminal.

pub mod app;
pub mod backup;
pub mod bot;
pub mod catalog;
pub mod clock;
pub mod config;
pub mod db;
pub mod deliveries;
pub mod error;
pub mod forget;
pub mod guild_settings;
pub mod i18n;
pub mod ids;
pub mod locale;
pub mod polls;
pub mod publishing;
pub mod reviews;
pub mod schedule;
pub mod telemetry;
pub mod timestamp;
pub mod transport;
pub mod web;

#[cfg(test)]
mod bench_statements;

pub use error::{Error, Result};
