//! Errors of the core, and the one place that turns them into what a member
//! may read. Internal errors are logged and shown as "something went wrong".

use crate::locale::Locale;

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
            Error::EmptyQuery => l
                .pick(
                    "Type something to search for: a title, a Korean title or an artist.",
                    "검색어를 입력해 주세요: 제목, 한글 제목 또는 가수 이름.",
                )
                .to_owned(),
            Error::NoMatch {
                kind,
                query,
                suggestions,
            } => {
                let kind_ko = if *kind == "track" { "곡" } else { "드라마" };
                let head = l.pick(
                    format!("No {kind} matches **{}**.", quote(query)),
                    format!("**{}**에 맞는 {kind_ko}을(를) 찾지 못했어요.", quote(query)),
                );
                if suggestions.is_empty() {
                    head
                } else {
                    let list: Vec<String> = suggestions.iter().map(|s| format!("• {s}")).collect();
                    format!(
                        "{head}\n{}\n{}",
                        l.pick("Did you mean:", "혹시 이것을 찾으셨나요?"),
                        list.join("\n")
                    )
                }
            }
            Error::EntryGone => l
                .pick(
                    "That entry no longer exists. Search again?",
                    "그 항목은 더 이상 없어요. 다시 검색해 보세요.",
                )
                .to_owned(),
            Error::TooLong { field, max } => l.pick(
                format!("`{field}` is too long: at most {max} characters."),
                format!("`{field}`이(가) 너무 길어요: 최대 {max}자까지 가능해요."),
            ),
            Error::Invalid { field, en, ko } => {
                l.pick(format!("`{field}`: {en}"), format!("`{field}`: {ko}"))
            }
            Error::NeedsManageServer => l
                .pick(
                    "Only moderators (Manage Server permission) can do that.",
                    "서버 관리 권한이 있는 운영진만 할 수 있어요.",
                )
                .to_owned(),
            Error::GuildOnly => l
                .pick(
                    "This command works inside a server.",
                    "이 명령어는 서버 안에서만 쓸 수 있어요.",
                )
                .to_owned(),
            Error::Import(report) => report.describe(l),
            Error::Malformed(_) => l
                .pick(
                    "Discord sent something I could not read. Please try again.",
                    "디스코드에서 읽을 수 없는 요청이 왔어요. 다시 시도해 주세요.",
                )
                .to_owned(),
            Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => l
                .pick(
                    "Something went wrong on my side; nothing was changed. Please try again.",
                    "제 쪽에서 문제가 생겼어요. 아무것도 바뀌지 않았어요. 다시 시도해 주세요.",
                )
                .to_owned(),
        }
    }
}

/// Shows member text inside a reply without letting it break the formatting.
fn quote(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    short.replace(['*', '_', '`', '~', '|'], "")
}
