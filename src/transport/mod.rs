//! Transports carry interactions to `bot::dispatch` and its answers back.

pub mod answer;
pub mod console;
pub mod gateway;
pub mod http;
pub mod metrics;
pub mod render;
pub mod rest;
pub mod shards;
pub mod shutdown;
pub mod simulated;
