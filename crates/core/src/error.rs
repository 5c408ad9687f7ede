//! Errors of the core, and the one place that turns them into what a member
//! may read. Internal errors are logged and shown as "something went wrong".

use crate::locale::Locale;

pub type Result<T, E = Error> = std::result::Result<T, E>;

mod refusal;
pub use refusal::Refusal;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("empty query")]
    EmptyQuery,
    #[error("no {kind} matches {query:?}")]
    NoMatch {
        kind: &'static str,
        query: String,
        suggestions: Vec<String>,
    },
    #[error("the entry no longer exists")]
    EntryGone,
    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },
    #[error("poll: {0}")]
    Poll(#[from] crate::polls::PollError),
    #[error("review: {0}")]
    Review(#[from] crate::reviews::ReviewError),
    #[error("schedule: {0}")]
    Schedule(#[from] crate::schedule::ScheduleError),
    #[error("import: {0}")]
    ImportFile(#[from] crate::catalog::import::ImportError),
    /// A refusal of the bot layer, already chosen as a message.
    #[error("refused: {}", .0.id)]
    User(crate::i18n::Text),
    /// A member's request the data rules refuse (an entry that exists, a
    /// confirmation meant for someone else…); each has its own message.
    #[error("refused: {0:?}")]
    Refused(Refusal),
    /// A catalog entry given by a moderator that breaks the catalog's rules
    /// (the rules an imported row obeys).
    #[error("bad catalog entry: {0:?}")]
    BadEntry(crate::catalog::import::RowProblem),
    #[error("needs the Manage Server permission")]
    NeedsManageServer,
    #[error("only works inside a server")]
    GuildOnly,
    #[error("the import has {} bad rows{}", .0.bad_rows, first_problem(.0))]
    Import(crate::catalog::import::ImportReport),
    /// A button, select menu or form whose id this version does not know:
    /// from an old message, an older version, or crafted.
    #[error("a component id this version does not know")]
    StaleComponent,
    #[error("alias: {0}")]
    Alias(#[from] crate::catalog::aliases::AliasError),
    #[error("suggestion: {0}")]
    Suggestion(#[from] crate::catalog::suggestions::SuggestionError),
    /// A MusicBrainz fetch that found nothing to show (unreachable, busy, garbage…).
    #[error("musicbrainz: {0}")]
    MusicBrainz(#[from] crate::catalog::musicbrainz::FetchError),
    #[error("the interaction payload is malformed: {0}")]
    Malformed(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Internal(String),
}

/// An id our own data holds (a stored key, a search hit) that is no id: a bug
/// or a damaged database, never the member's doing.
impl From<crate::ids::IdError> for Error {
    fn from(e: crate::ids::IdError) -> Self {
        Error::Internal(format!("bad id in our own data: {e}"))
    }
}

impl Error {
    /// Whether the member caused it (and sees the reason), or we did.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) | Error::Malformed(_)
        )
    }

    /// What a member reads. Never includes internal details.
    pub fn user_message(&self, locale: Locale) -> String {
        crate::bot::error_text::user_message(self, locale)
    }
}

/// ", first at line N: …" for an import's log and CLI line (members get it worded by
/// `bot::error_text`).
fn first_problem(report: &crate::catalog::import::ImportReport) -> String {
    report
        .problems
        .first()
        .map(|(line, problem)| format!(", first at line {line}: {problem:?}"))
        .unwrap_or_default()
}
