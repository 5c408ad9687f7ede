//! ostbot's core: the catalog and the concepts that follow it (reviews and
//! scores, polls and the weekly cycle, schedules, server settings, the
//! public pages' data), as plain Rust types and SQL next to the concept that
//! owns the table.
//!
//! It knows nothing of Discord: this crate has no serenity dependency (nor
//! axum, Fluent, plotters, maud, rustyline or ed25519), so the compiler
//! keeps it that way. The root package `ostbot` (the bot, its transports, the
//! Fluent rendering and the binary) depends on it and re-exports its modules.
//! Errors are typed values and member-facing text is only named here
//! ([`text::Text`], `msg!`); the root's `bot::error_text` and `i18n` word it.

pub mod backup;
pub mod catalog;
pub mod clock;
pub mod db;
pub mod deliveries;
pub mod error;
pub mod forget;
pub mod guild_settings;
pub mod ids;
pub mod locale;
pub mod polls;
pub mod publishing;
pub mod reviews;
pub mod schedule;
pub mod secret;
pub mod text;
pub mod timestamp;

#[cfg(test)]
mod bench_statements;

pub use error::{Error, Result};
