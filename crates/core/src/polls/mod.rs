//! Listening polls: questions with 2–25 options, one changeable ballot per
//! member, durable deadlines, and the tally that decides the winner. Plain
//! Rust and SQL; the Discord side lives in `bot::commands::poll`.

pub mod archive;
mod deadlines;
mod store;
pub mod weekly;

pub use deadlines::*;
pub use store::*;

use crate::catalog::TrackId;
use crate::ids::{ChannelId, GuildId, MessageId, UserId};
use crate::{Error, Result};
use chrono::{DateTime, Duration, Utc};

/// Discord's limits: 25 options per command (and per select menu).
pub const MAX_OPTIONS: usize = 25;
/// Options that fit in the command itself (`option1`…`option10`), and in buttons.
pub const MAX_INLINE_OPTIONS: usize = 10;
pub const MIN_OPTIONS: usize = 2;
/// A button label holds 80 characters.
pub const MAX_LABEL_CHARS: usize = 80;
pub const MAX_QUESTION_CHARS: usize = 200;
pub const MAX_DURATION_DAYS: i64 = 32;

pub use crate::ids::PollId;

/// Why a poll action was refused. The bot layer words each one
/// (`bot::error_text`); nothing here is member-facing text.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PollError {
    #[error("empty question")]
    EmptyQuestion,
    #[error("fewer than {min} options")]
    TooFewOptions { min: usize },
    #[error("more than {max} options")]
    TooManyOptions { max: usize },
    #[error("an empty option")]
    EmptyOption,
    #[error("option {0:?} listed twice")]
    ListedTwice(String),
    #[error("option {0:?} already exists")]
    AlreadyAnOption(String),
    #[error("unreadable duration")]
    BadDuration,
    #[error("duration under a minute")]
    DurationTooShort,
    #[error("duration over {max_days} days")]
    DurationTooLong { max_days: i64 },
    #[error("options can no longer be added")]
    OptionsLocked,
    #[error("no poll {0}")]
    NoSuchPoll(PollId),
    #[error("not an option of this poll")]
    NotAnOption,
    #[error("poll {0} is closed")]
    Closed(PollId),
    #[error("no weekly cycle in this server")]
    NoWeeklyCycle,
    #[error("already nominated this week")]
    AlreadyNominated,
    #[error("more than {max} nominations this week")]
    TooManyNominations { max: i64 },
}

/// One answer a member may choose: free text, or a catalog track.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOption {
    pub label: String,
    pub track: Option<TrackId>,
}

#[derive(Clone, Debug)]
pub struct NewPoll {
    pub guild: GuildId,
    pub channel: ChannelId,
    pub creator: Creator,
    pub question: String,
    pub options: Vec<NewOption>,
    pub multi: bool,
    pub anonymous: bool,
    pub hide_results: bool,
    pub created_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// The weekly cycle this poll belongs to, if it is the weekly poll.
    pub weekly_cycle: Option<i64>,
}

/// Who opened a poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Creator {
    /// A member, with `/poll create`.
    Member(UserId),
    /// The weekly listening club (`/config weekly`), which no member owns.
    WeeklyClub,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollOption {
    pub position: u8,
    pub label: String,
    pub track: Option<TrackId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    pub id: PollId,
    pub guild: GuildId,
    pub channel: ChannelId,
    pub message: Option<MessageId>,
    pub creator: Creator,
    pub question: String,
    pub multi: bool,
    pub anonymous: bool,
    pub hide_results: bool,
    pub created_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub weekly_cycle: Option<i64>,
    pub options: Vec<PollOption>,
}

impl Poll {
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.closed_at.is_none() && now < self.closes_at
    }

    /// Whether counts may be shown now.
    pub fn counts_visible(&self) -> bool {
        !self.hide_results || self.closed_at.is_some()
    }

    pub fn option(&self, position: u8) -> Option<&PollOption> {
        self.options.iter().find(|o| o.position == position)
    }
}

/// Votes per option (in option order) and how many members voted.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Tally {
    pub counts: Vec<u64>,
    pub voters: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    NoVotes,
    Winner(usize),
    /// Indexes of the options sharing the most votes.
    Tie(Vec<usize>),
}

impl Tally {
    pub fn total_votes(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Share of the voters who chose option `index`, in whole percent. With
    /// multiple choice the shares add up to more than 100.
    pub fn percent(&self, index: usize) -> u64 {
        let count = self.counts.get(index).copied().unwrap_or(0);
        (count * 100 + self.voters / 2)
            .checked_div(self.voters)
            .unwrap_or(0)
    }

    pub fn outcome(&self) -> Outcome {
        let best = self.counts.iter().copied().max().unwrap_or(0);
        if best == 0 {
            return Outcome::NoVotes;
        }
        let leaders: Vec<usize> = self
            .counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == best)
            .map(|(i, _)| i)
            .collect();
        match leaders.as_slice() {
            [one] => Outcome::Winner(*one),
            _ => Outcome::Tie(leaders),
        }
    }
}

/// Option labels compare case-, space- and width-insensitively.
pub fn label_key(label: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    label
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a question and its options before anything is stored.
pub fn validate(question: &str, options: &[NewOption], max: usize) -> Result<()> {
    if question.trim().is_empty() {
        return Err(PollError::EmptyQuestion.into());
    }
    if question.chars().count() > MAX_QUESTION_CHARS {
        return Err(Error::TooLong {
            field: "question",
            max: MAX_QUESTION_CHARS,
        });
    }
    if options.len() < MIN_OPTIONS {
        return Err(PollError::TooFewOptions { min: MIN_OPTIONS }.into());
    }
    if options.len() > max {
        return Err(PollError::TooManyOptions { max }.into());
    }
    let mut seen = std::collections::HashSet::new();
    for option in options {
        let key = label_key(&option.label);
        if key.is_empty() {
            return Err(PollError::EmptyOption.into());
        }
        if option.label.chars().count() > MAX_LABEL_CHARS {
            return Err(Error::TooLong {
                field: "option",
                max: MAX_LABEL_CHARS,
            });
        }
        if !seen.insert(key) {
            return Err(PollError::ListedTwice(option.label.clone()).into());
        }
    }
    Ok(())
}

/// Parses `3d`, `12h`, `90m`, `1d12h`, `1w`, and the Korean units `2일`,
/// `12시간`, `90분`, `1주` (mixed, spaces allowed: `1일 12시간`) into a
/// duration between one minute and 32 days.
pub fn parse_duration(text: &str) -> Result<Duration> {
    let bad = || Error::from(PollError::BadDuration);
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Err(bad());
    }
    let mut total = Duration::zero();
    let mut chars = text.chars().filter(|c| !c.is_whitespace()).peekable();
    while chars.peek().is_some() {
        let mut number = String::new();
        while let Some(c) = chars.next_if(char::is_ascii_digit) {
            number.push(c);
        }
        let mut unit = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_ascii_digit()) {
            unit.push(c);
        }
        let n: i64 = number.parse().map_err(|_| bad())?;
        if n > 100_000 {
            return Err(too_long_duration());
        }
        total += match duration_unit(&unit).ok_or_else(bad)? {
            Unit::Weeks => Duration::weeks(n),
            Unit::Days => Duration::days(n),
            Unit::Hours => Duration::hours(n),
            Unit::Minutes => Duration::minutes(n),
        };
        if total > Duration::days(MAX_DURATION_DAYS) {
            return Err(too_long_duration());
        }
    }
    if total < Duration::minutes(1) {
        return Err(PollError::DurationTooShort.into());
    }
    if total > Duration::days(MAX_DURATION_DAYS) {
        return Err(too_long_duration());
    }
    Ok(total)
}

enum Unit {
    Weeks,
    Days,
    Hours,
    Minutes,
}

fn duration_unit(unit: &str) -> Option<Unit> {
    Some(match unit {
        "w" | "주" => Unit::Weeks,
        "d" | "일" => Unit::Days,
        "h" | "시간" => Unit::Hours,
        "m" | "분" => Unit::Minutes,
        _ => return None,
    })
}

fn too_long_duration() -> Error {
    PollError::DurationTooLong {
        max_days: MAX_DURATION_DAYS,
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(labels: &[&str]) -> Vec<NewOption> {
        labels
            .iter()
            .map(|l| NewOption {
                label: (*l).to_owned(),
                track: None,
            })
            .collect()
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1d12h").unwrap(), Duration::hours(36));
        assert_eq!(parse_duration("90m").unwrap(), Duration::minutes(90));
        assert_eq!(parse_duration("32d").unwrap(), Duration::days(32));
        assert!(parse_duration("0m").is_err());
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("33d").is_err());
        assert!(parse_duration("32d1m").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
        assert!(parse_duration("soon").is_err());
        // Weeks, and the Korean units (issue 16).
        assert_eq!(parse_duration("1w").unwrap(), Duration::days(7));
        assert_eq!(parse_duration("2일").unwrap(), Duration::days(2));
        assert_eq!(parse_duration("1주 2일").unwrap(), Duration::days(9));
        assert_eq!(parse_duration("3시간30분").unwrap(), Duration::minutes(210));
        assert!(parse_duration("5w").is_err());
        assert!(parse_duration("d").is_err());
        assert!(parse_duration("3dd").is_err());
        assert!(parse_duration("2 일").is_ok());
    }

    #[test]
    fn durations_in_weeks_and_korean_units() {
        assert_eq!(parse_duration("1w").unwrap(), Duration::weeks(1));
        assert_eq!(parse_duration("1W2d").unwrap(), Duration::days(9));
        assert_eq!(parse_duration("2일").unwrap(), Duration::days(2));
        assert_eq!(parse_duration("1주").unwrap(), Duration::weeks(1));
        assert_eq!(parse_duration("12시간").unwrap(), Duration::hours(12));
        assert_eq!(parse_duration("90분").unwrap(), Duration::minutes(90));
        assert_eq!(
            parse_duration("1일 12시간 30분").unwrap(),
            Duration::hours(36) + Duration::minutes(30)
        );
        assert_eq!(parse_duration("1d 6시간").unwrap(), Duration::hours(30));
        assert!(parse_duration("5주").is_err(), "35 days is over the cap");
        assert!(parse_duration("2 일 후").is_err());
        assert!(parse_duration("시간").is_err());
        assert!(parse_duration("3초").is_err());
        assert!(parse_duration("2x").is_err());
    }

    #[test]
    fn option_rules() {
        assert!(validate("q", &opts(&["a", "b"]), 10).is_ok());
        assert!(validate("q", &opts(&["a"]), 10).is_err());
        assert!(validate("q", &opts(&["Flower", " flower "]), 10).is_err());
        let many: Vec<String> = (0..26).map(|i| format!("o{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(validate("q", &opts(&many), MAX_OPTIONS).is_err());
        assert!(validate("q", &opts(&many[..25]), MAX_OPTIONS).is_ok());
        assert!(validate(" ", &opts(&["a", "b"]), 10).is_err());
    }

    #[test]
    fn outcomes() {
        let t = Tally {
            counts: vec![2, 5, 1],
            voters: 8,
        };
        assert_eq!(t.outcome(), Outcome::Winner(1));
        assert_eq!(t.percent(1), 63);
        let t = Tally {
            counts: vec![3, 1, 3],
            voters: 7,
        };
        assert_eq!(t.outcome(), Outcome::Tie(vec![0, 2]));
        assert_eq!(Tally::default().outcome(), Outcome::NoVotes);
    }
}
