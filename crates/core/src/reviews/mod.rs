//! Member reviews (one per member, target and server, with edit history) and
//! the community scores that follow from them. Plain Rust and SQL: nothing
//! here knows about Discord.

pub mod scores;
mod store;

pub use store::*;

use crate::catalog::{DramaId, TrackId};
use crate::ids::{GuildId, UserId};
use crate::{Error, Result};
use chrono::{DateTime, Utc};

/// Why a review action was refused (worded by `bot::error_text`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReviewError {
    #[error("score outside 1..=10")]
    ScoreOutOfRange,
    #[error("not the member's own review")]
    NotYours,
    #[error("no review {0:?}")]
    NoSuchReview(ReviewId),
}

/// Longest review text a member may write.
pub const MAX_TEXT_CHARS: usize = 2000;

/// A score from 1 to 10; no other value can be built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(u8);

impl Score {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 10;

    pub fn new(value: i64) -> Result<Self> {
        if (i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&value) {
            Ok(Score(value as u8))
        } else {
            Err(Self::out_of_range())
        }
    }

    fn out_of_range() -> Error {
        ReviewError::ScoreOutOfRange.into()
    }

    /// Parses what a member typed in a form ("8", " 10 ").
    pub fn parse(text: &str) -> Result<Self> {
        match text.trim().parse::<i64>() {
            Ok(value) => Score::new(value),
            Err(_) => Err(Self::out_of_range()),
        }
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

pub use crate::ids::ReviewId;

/// What a review is about: a drama's OST as a whole, or one of its tracks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Drama(DramaId),
    Track { drama: DramaId, track: TrackId },
}

impl Target {
    pub fn drama(self) -> DramaId {
        match self {
            Target::Drama(d) | Target::Track { drama: d, .. } => d,
        }
    }

    pub fn track(self) -> Option<TrackId> {
        match self {
            Target::Drama(_) => None,
            Target::Track { track, .. } => Some(track),
        }
    }

    /// 0 for the whole OST, the track id otherwise (the database's key).
    pub(crate) fn track_key(self) -> i64 {
        self.track().map_or(0, |t| t.to_i64_bits())
    }

    /// The target of a stored `(drama_id, track_key)`; a key that is neither
    /// 0 nor a track's row number is an error.
    pub(crate) fn from_keys(drama: DramaId, track_key: i64) -> Result<Self, crate::ids::IdError> {
        if track_key == 0 {
            Ok(Target::Drama(drama))
        } else {
            Ok(Target::Track {
                drama,
                track: TrackId::try_from(track_key)?,
            })
        }
    }
}

/// Review text: trimmed, at most [`MAX_TEXT_CHARS`] characters, never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewText(String);

impl ReviewText {
    /// `None` for blank text; an error (not a cut) for text that is too long.
    pub fn new(text: &str) -> Result<Option<Self>> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            return Err(Error::TooLong {
                field: "text",
                max: MAX_TEXT_CHARS,
            });
        }
        Ok(Some(ReviewText(text.to_owned())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A review as a member writes it.
#[derive(Clone, Debug)]
pub struct NewReview {
    pub guild: GuildId,
    pub member: UserId,
    /// Display name at the time of writing (shown in lists and exports).
    pub member_name: String,
    pub target: Target,
    pub score: Score,
    pub text: Option<ReviewText>,
    pub spoiler: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    pub id: ReviewId,
    pub guild: GuildId,
    pub member: UserId,
    pub member_name: String,
    pub target: Target,
    pub score: Score,
    pub text: Option<String>,
    pub spoiler: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// How many earlier versions the history keeps.
    pub edits: u32,
}

/// An earlier version of a review.
#[derive(Clone, Debug, PartialEq)]
pub struct Version {
    pub score: Score,
    pub text: Option<String>,
    pub spoiler: bool,
    pub written_at: DateTime<Utc>,
}

/// A moderator's removal, as recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    pub review: ReviewId,
    pub guild: GuildId,
    pub member: Option<UserId>,
    pub target: Target,
    pub score: Score,
    pub removed_by: UserId,
    pub removed_at: DateTime<Utc>,
    pub reason: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_outside_one_to_ten_cannot_be_built() {
        assert!(Score::new(0).is_err());
        assert!(Score::new(11).is_err());
        assert!(Score::new(-3).is_err());
        assert_eq!(Score::new(1).unwrap().get(), 1);
        assert_eq!(Score::new(10).unwrap().get(), 10);
        assert_eq!(Score::parse(" 7 ").unwrap().get(), 7);
        assert!(Score::parse("seven").is_err());
        assert!(Score::parse("7.5").is_err());
    }

    #[test]
    fn text_is_trimmed_and_limited_not_cut() {
        assert_eq!(ReviewText::new("   ").unwrap(), None);
        let exactly = "가".repeat(MAX_TEXT_CHARS);
        assert!(ReviewText::new(&exactly).unwrap().is_some());
        let over = "a".repeat(MAX_TEXT_CHARS + 1);
        assert!(matches!(
            ReviewText::new(&over),
            Err(Error::TooLong { max: 2000, .. })
        ));
    }
}
