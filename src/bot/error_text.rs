//! The one place that turns an error into what a member reads: each typed
//! error of the core maps to a Fluent message (`locales/*/errors.ftl`).
//! Internal errors never show their details.

use crate::catalog::aliases::{AliasError, MAX_ALIAS_CHARS};
use crate::catalog::import::{ImportError, ImportReport, RowProblem};
use crate::catalog::musicbrainz::FetchError;
use crate::catalog::suggestions::{State, SuggestionError, REJECTIONS_IN_A_ROW};
use crate::error::Refusal;
use crate::locale::Locale;
use crate::polls::PollError;
use crate::reviews::ReviewError;
use crate::schedule::ScheduleError;
use crate::{t, Error};

/// What a member reads of an error: `error.user_message(locale)`. Never
/// includes internal details. (A trait, since `Error` is the core's and the
/// wording is this crate's.)
pub trait UserMessage {
    fn user_message(&self, locale: Locale) -> String;
}

impl UserMessage for Error {
    fn user_message(&self, locale: Locale) -> String {
        user_message(self, locale)
    }
}

pub fn user_message(error: &Error, l: Locale) -> String {
    match error {
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
        Error::Poll(e) => poll(e, l),
        Error::Review(e) => review(e, l),
        Error::Schedule(e) => schedule(e, l),
        Error::ImportFile(e) => import_file(e, l),
        Error::User(text) => crate::i18n::render(text, l),
        Error::Refused(r) => refusal(r, l),
        Error::BadEntry(problem) => t!(l, "catalog-bad-entry", problem = row_problem(problem, l)),
        Error::NeedsManageServer => t!(l, "error-needs-manage-server"),
        Error::GuildOnly => t!(l, "error-guild-only"),
        Error::Import(report) => import_report(report, l),
        Error::Alias(e) => alias(e, l),
        Error::Suggestion(e) => suggestion(e, l),
        Error::MusicBrainz(e) => musicbrainz(e, l),
        Error::StaleComponent => t!(l, "protocol-stale-component"),
        Error::Malformed(_) => t!(l, "error-malformed"),
        Error::Database(_) | Error::Migrate(_) | Error::Internal(_) => t!(l, "error-internal"),
    }
}

/// Every failed fetch says that nothing was imported.
pub fn musicbrainz(e: &FetchError, l: Locale) -> String {
    match e {
        FetchError::Unreachable(_) => t!(l, "mb-error-unreachable"),
        FetchError::Timeout => t!(l, "mb-error-timeout"),
        FetchError::NotFound => t!(l, "mb-error-not-found"),
        FetchError::Malformed => t!(l, "mb-error-malformed"),
        FetchError::Busy => t!(l, "mb-error-busy"),
        FetchError::Status(status) => t!(l, "mb-error-status", status = *status),
        FetchError::NothingFound(query) => t!(l, "mb-error-nothing-found", query = quote(query)),
        FetchError::NotConfigured => t!(l, "mb-error-not-configured"),
        FetchError::EmptyQuery => t!(l, "mb-error-empty-query"),
    }
}

fn suggestion(e: &SuggestionError, l: Locale) -> String {
    match e {
        SuggestionError::NoDrama => t!(l, "suggest-error-no-drama"),
        SuggestionError::TooManyOpen { open } => t!(l, "suggest-error-too-many-open", open = *open),
        SuggestionError::Paused { until } => t!(
            l,
            "suggest-error-paused",
            times = REJECTIONS_IN_A_ROW,
            until = format!("<t:{}:R>", until.timestamp())
        ),
        SuggestionError::AlreadySuggested(id) => {
            t!(l, "suggest-error-already-suggested", id = id.get())
        }
        SuggestionError::NoSuchSuggestion(id) => t!(l, "suggest-error-no-such", id = id.get()),
        SuggestionError::AlreadyDecided(d) => t!(
            l,
            "suggest-error-decided",
            state = match d.state {
                State::Approved => "approved",
                _ => "rejected",
            },
            name = crate::bot::render::text::escape(&d.by_name),
            date = format!("<t:{}:f>", d.at.timestamp())
        ),
        SuggestionError::LinkNotHttps => t!(l, "catalog-link-needs-https"),
    }
}

fn poll(e: &PollError, l: Locale) -> String {
    match e {
        PollError::EmptyQuestion => t!(l, "poll-error-empty-question"),
        PollError::TooFewOptions { min } => t!(l, "poll-error-too-few-options", min = *min),
        PollError::TooManyOptions { max } => t!(l, "poll-error-too-many-options", max = *max),
        PollError::EmptyOption => t!(l, "poll-error-empty-option"),
        PollError::ListedTwice(label) => {
            t!(l, "poll-error-listed-twice", option = quote(label))
        }
        PollError::AlreadyAnOption(label) => {
            t!(l, "poll-error-already-an-option", option = quote(label))
        }
        PollError::BadDuration => t!(l, "poll-error-bad-duration"),
        PollError::DurationTooShort => t!(l, "poll-error-duration-too-short"),
        PollError::DurationTooLong { max_days } => {
            t!(l, "poll-error-duration-too-long", days = *max_days)
        }
        PollError::OptionsLocked => t!(l, "poll-error-options-locked"),
        PollError::NoSuchPoll(id) => t!(l, "poll-error-no-such-poll", poll = id.get()),
        PollError::NotAnOption => t!(l, "poll-error-not-an-option"),
        PollError::Closed(id) => t!(l, "poll-error-closed", poll = id.get()),
        PollError::NoWeeklyCycle => t!(l, "poll-error-no-weekly-cycle"),
        PollError::AlreadyNominated => t!(l, "poll-error-already-nominated"),
        PollError::TooManyNominations { max } => {
            t!(l, "poll-error-too-many-nominations", max = *max)
        }
    }
}

fn review(e: &ReviewError, l: Locale) -> String {
    match e {
        ReviewError::ScoreOutOfRange => t!(l, "review-error-score-out-of-range"),
        ReviewError::NotYours => t!(l, "review-error-not-yours"),
        ReviewError::NoSuchReview(id) => t!(l, "review-error-no-such-review", review = id.get()),
    }
}

fn refusal(r: &Refusal, l: Locale) -> String {
    match r {
        Refusal::DramaExists { title } => t!(l, "safety-drama-exists", title = quote(title)),
        Refusal::TrackExists { title, drama } => t!(
            l,
            "safety-track-exists",
            title = quote(title),
            drama = quote(drama)
        ),
        Refusal::SharedEntry => t!(l, "safety-shared-entry"),
        Refusal::NothingToEdit => t!(l, "safety-nothing-to-edit"),
        Refusal::NotYourConfirmation => t!(l, "safety-not-your-confirmation"),
        Refusal::ConfirmationGone => t!(l, "safety-confirmation-gone"),
    }
}

fn schedule(e: &ScheduleError, l: Locale) -> String {
    match e {
        ScheduleError::UnknownTimeZone(name) => {
            t!(l, "schedule-error-unknown-time-zone", zone = quote(name))
        }
        ScheduleError::BadTime => t!(l, "schedule-error-bad-time"),
        ScheduleError::BadDay => t!(l, "schedule-error-bad-day"),
    }
}

pub fn alias(e: &AliasError, l: Locale) -> String {
    match e {
        AliasError::Empty => t!(l, "catalog-alias-empty"),
        AliasError::TooLong => t!(l, "catalog-alias-too-long", max = MAX_ALIAS_CHARS),
        AliasError::ShadowsArtist { alias, other } => t!(
            l,
            "catalog-alias-shadows-artist",
            alias = quote(alias),
            other = quote(other)
        ),
        AliasError::Exists { alias } => t!(l, "catalog-alias-exists", alias = quote(alias)),
        AliasError::NoArtist { name } => t!(l, "catalog-alias-no-artist", name = quote(name)),
        AliasError::NoAlias => t!(l, "catalog-alias-gone"),
    }
}

fn import_file(e: &ImportError, l: Locale) -> String {
    match e {
        ImportError::NotUtf8 => t!(l, "import-error-not-utf8"),
        ImportError::NoHeader => t!(l, "import-error-no-header"),
        ImportError::UnknownColumns => t!(l, "import-error-unknown-columns"),
        ImportError::BadJson { line } => t!(l, "import-error-bad-json", line = *line),
    }
}

/// An import's outcome: the counts, or each bad row by its line.
pub fn import_report(report: &ImportReport, l: Locale) -> String {
    if report.bad_rows == 0 {
        let done = t!(
            l,
            "import-done",
            new = report.inserted,
            updated = report.updated,
            unchanged = report.unchanged
        );
        if report.merged == 0 {
            return done;
        }
        return format!("{done}\n{}", t!(l, "import-merged", merged = report.merged));
    }
    let mut text = t!(l, "import-refused", rows = report.bad_rows);
    for (line, problem) in &report.problems {
        text.push('\n');
        text.push_str(&t!(
            l,
            "import-row",
            line = *line,
            problem = row_problem(problem, l)
        ));
    }
    let unlisted = report.bad_rows.saturating_sub(report.problems.len());
    if unlisted > 0 {
        text.push('\n');
        text.push_str(&t!(l, "import-more-rows", rows = unlisted));
    }
    text
}

pub fn row_problem(p: &RowProblem, l: Locale) -> String {
    match p {
        RowProblem::BadCsv => t!(l, "import-row-bad-csv"),
        RowProblem::WrongKind { column: Some(c) } => {
            t!(l, "import-row-wrong-kind-in-column", column = *c)
        }
        RowProblem::WrongKind { column: None } => t!(l, "import-row-wrong-kind"),
        RowProblem::Unreadable => t!(l, "import-row-unreadable"),
        RowProblem::BadJsonEntry {
            track: false,
            index,
        } => {
            t!(l, "import-row-bad-json-drama", index = *index)
        }
        RowProblem::BadJsonEntry { track: true, index } => {
            t!(l, "import-row-bad-json-track", index = *index)
        }
        RowProblem::NoTitle { track: false } => t!(l, "import-row-drama-no-title"),
        RowProblem::NoTitle { track: true } => t!(l, "import-row-track-no-title"),
        RowProblem::TitleTooLong { max } => t!(l, "import-row-title-too-long", max = *max),
        RowProblem::Year(y) => t!(l, "import-row-year", got = y.to_string()),
        RowProblem::Episodes(n) => t!(l, "import-row-episodes", got = n.to_string()),
        RowProblem::Rating(r) => t!(l, "import-row-rating", got = r.to_string()),
        RowProblem::BadId(id) => t!(l, "import-row-bad-id", got = quote(id)),
        RowProblem::NoDramaNamed => t!(l, "import-row-no-drama-named"),
        RowProblem::BadLink(link) => t!(l, "import-row-bad-link", got = quote(link)),
        RowProblem::OstPart(n) => t!(l, "import-row-ost-part", got = n.to_string()),
        RowProblem::Verified(v) => t!(l, "import-row-verified", got = quote(v)),
        RowProblem::UnknownDrama(named) => {
            t!(l, "import-row-unknown-drama", drama = quote(named))
        }
        RowProblem::NoTrackId => t!(l, "import-row-no-track-id"),
        RowProblem::UnknownTrack(id) => t!(l, "import-row-unknown-track", track = quote(id)),
        RowProblem::TrackListedTwice { track, first_line } => t!(
            l,
            "import-row-track-listed-twice",
            track = quote(track),
            line = *first_line
        ),
        RowProblem::EmptyArtistName => t!(l, "import-row-empty-artist"),
        RowProblem::ArtistListedTwice(name) => {
            t!(l, "import-row-artist-listed-twice", artist = quote(name))
        }
        RowProblem::UnknownArtist(name) => {
            t!(l, "import-row-unknown-artist", artist = quote(name))
        }
        RowProblem::AliasKind(kind) => t!(l, "import-row-alias-kind", got = quote(kind)),
        RowProblem::AliasListedTwice { first_line } => {
            t!(l, "import-row-alias-listed-twice", line = *first_line)
        }
        RowProblem::Alias(e) => alias(e, l),
        RowProblem::BadGuild(id) => t!(l, "import-row-bad-guild", got = quote(id)),
    }
}

/// Shows member text inside a reply as typed, without letting it restyle
/// the reply (see `bot::render::text::escape`).
pub fn quote(text: &str) -> String {
    let short: String = text.chars().take(80).collect();
    crate::bot::render::text::escape(&short)
}
