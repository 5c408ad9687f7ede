//! Errors of the core, and the one place that turns them into what a member
//! may read. Internal errors are logged and shown as "something went wrong".

use crate::locale::Locale;
use crate::t;

pub type Result<T, E = Error> = std::result::Result<T, E>;

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
    #[error("invalid value for {field}: {en}")]
    Invalid {
        field: &'static str,
        en: String,
        ko: String,
    },
    #[error("needs the Manage Server permission")]
    NeedsManageServer,
    #[error("only works inside a server")]
    GuildOnly,
    #[error("the import has {} bad rows", .0.bad_rows)]
    Import(crate::catalog::import::ImportReport),
    #[error("the interaction payload is malformed: {0}")]
    Malformed(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{0}")]
    Internal(String),
    /// A refusal whose whole text is the Fluent message `.0` (no variables).
    #[error("refused: {0}")]
    Refused(&'static str),
}

impl Error {
    /// A bad option value, explained in both languages.
    pub fn invalid(field: &'static str, en: impl Into<String>, ko: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            en: en.into(),
            ko: ko.into(),
        }
    }

    /// Whether the member caused it (and sees the reason), or we did.
    pub fn is_internal(&self) -> bool {
        matches!(
            self,
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) | Error::Malformed(_)
        )
    }

    /// What a member reads. Never includes internal details.
    pub fn user_message(&self, locale: Locale) -> String {
        let l = locale;
        match self {
            Error::EmptyQuery => t!(l, "error-empty-query"),
            Error::NoMatch {
                kind,
                query,
                suggestions,
            } => {
                let query = quote(query);
                let head = if *kind == "track" {
                    t!(l, "error-no-match-track", query = query)
                } else {
                    t!(l, "error-no-match-drama", query = query)
                };
                if suggestions.is_empty() {
                    head
                } else {
                    let list: Vec<String> = suggestions.iter().map(|s| format!("• {s}")).collect();
                    format!(
                        "{head}\n{}\n{}",
                        t!(l, "error-did-you-mean"),
                        list.join("\n")
                    )
                }
            }
            Error::EntryGone => t!(l, "error-entry-gone"),
            Error::TooLong { field, max } => t!(l, "error-too-long", field = *field, max = *max),
            Error::Invalid { field, en, ko } => {
                l.pick(format!("`{field}`: {en}"), format!("`{field}`: {ko}"))
            }
            Error::NeedsManageServer => t!(l, "error-needs-manage-server"),
            Error::GuildOnly => t!(l, "error-guild-only"),
            Error::Import(report) => report.describe(l),
            Error::Malformed(_) => t!(l, "error-malformed"),
            Error::Refused(id) => t!(l, id),
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => t!(l, "error-internal"),
        }
    }
}

/// Shows member text inside a reply as typed, without letting it restyle
/// the reply (see `bot::markdown::escape`).
fn quote(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    crate::bot::markdown::escape(&short)
}
