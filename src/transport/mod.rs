//! Transports carry interactions to `bot::dispatch` and its answers back.

pub mod console;
pub mod gateway;
pub mod render;
pub mod simulated;
