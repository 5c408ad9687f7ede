//! The Discord adapter: turns interactions into core calls and replies.
//! Nothing here talks to the network; transports carry what it returns.

pub mod access;
pub mod announcer;
pub mod charts;
pub mod commands;
pub mod context;
pub mod custom_id;
pub mod dispatch;
pub mod error_text;
pub mod files;
pub mod l10n;
pub mod lookup;
pub mod poll_chart;
pub mod poll_view;
pub mod render;
pub mod response;
pub mod scheduler;
pub mod snowflakes;

pub use dispatch::{dispatch, dispatch_json};
pub use response::{Choice, Message, Response};

use crate::clock::Clock;
use crate::db::Database;
use crate::db::Writer;
use announcer::Announcer;
use files::AttachmentFetcher;
use std::sync::Arc;

/// Everything a command needs: the database and the injected outside world.
#[derive(Clone)]
pub struct Bot {
    pub pool: Database,
    /// Group commit for votes and reviews, on `pool`.
    pub writer: Writer,
    pub clock: Arc<dyn Clock>,
    pub announcer: Arc<dyn Announcer>,
    pub files: Arc<dyn AttachmentFetcher>,
    /// Interaction ids already taken, shared by every process on the database.
    pub ledger: crate::deliveries::Ledger,
    /// Where the public pages are served (`WEB_BASE_URL`), for their links.
    pub web_base: Option<String>,
    /// MusicBrainz, for `/catalog fetch` (`MUSICBRAINZ_CONTACT` set); clones share its
    /// one-request-a-second limiter and its cache.
    pub musicbrainz: Option<crate::catalog::musicbrainz::MusicBrainz>,
    /// How long a scheduled job claimed by this process is its own
    /// (`JOB_LEASE_SECS`): after a crash, another process takes it over then.
    pub job_lease: chrono::Duration,
}
