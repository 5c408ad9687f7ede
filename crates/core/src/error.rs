//! Errors of the core, as typed values. What a member reads is worded by the
//! root's `bot::error_text` (the one place errors become text); internal
//! errors are logged and shown as "something went wrong".
//!
//! `Error` and the error enums it wraps are not `#[non_exhaustive]`: across
//! the crate boundary that would force a wildcard arm on `bot::error_text`,
//! whose exhaustive matches are what makes a new variant fail to compile
//! until it has a message.

pub type Result<T, E = Error> = std::result::Result<T, E>;

mod refusal;
pub use refusal::Refusal;

#[derive(Debug, thiserror::Error)]
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
    User(crate::text::Text),
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
}

/// An error and its sources, each message once, joined by ": " (sqlx and
/// serenity errors repeat their source's text).
pub fn one_line(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(error);
    while let Some(current) = next {
        let text = current.to_string();
        if !parts.iter().any(|seen| seen.contains(&text)) {
            parts.push(text);
        }
        next = current.source();
    }
    parts.join(": ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("outer: inner reason")]
    struct Outer(#[source] Inner);

    #[derive(Debug, thiserror::Error)]
    #[error("inner reason")]
    struct Inner;

    #[test]
    fn each_cause_is_said_once() {
        assert_eq!(one_line(&Outer(Inner)), "outer: inner reason");
    }
}
