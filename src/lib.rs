//! ostbot: a Discord bot for K-drama OST communities.
//!
//! Two crates, so that the compiler keeps the layering:
//! - `ostbot-core` (`crates/core`): the core that knows nothing of Discord
//!   (`catalog`, and the concepts that follow it: reviews, polls, schedules,
//!   server settings). It has no serenity dependency, nor axum, Fluent or any
//!   other adapter's; it never depends on this crate.
//! - this crate, `ostbot`: the adapters around it. `bot` turns Discord
//!   interactions into core calls and replies, `i18n` words them with Fluent,
//!   `transport` carries interactions over the gateway, HTTP or a terminal,
//!   and `web` serves the public pages.
//!
//! The core's modules are re-exported here, so `ostbot::catalog::…` (and
//! `crate::catalog::…` inside this crate) name the same items as
//! `ostbot_core::catalog::…`.

pub mod app;
pub mod bot;
pub mod config;
pub mod i18n;
pub mod telemetry;
pub mod transport;
pub mod web;

pub use ostbot_core::{
    backup, catalog, clock, db, deliveries, error, forget, guild_settings, ids, locale, msg, polls,
    publishing, reviews, schedule, secret, text, timestamp, Error, Result,
};
