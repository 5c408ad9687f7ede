//! Typed ids, one type per kind, none of them zero (after twilight's `Id<Marker>`).
//!
//! Discord's ids ([`GuildId`], [`UserId`], [`ChannelId`], [`RoleId`], [`MessageId`],
//! [`InteractionId`]) are u64 snowflakes; the catalog's, reviews' and polls' ([`DramaId`],
//! [`TrackId`], [`ArtistId`], [`ReviewId`], [`PollId`]) are the database's row numbers, which
//! start at 1. An [`Id`] holds a
//! [`NonZeroU64`], so a zero that sneaks in is refused where it enters: by [`Id::new_checked`],
//! by parsing, and by the database codec (`codec.rs`), which reads it as a decode error.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::num::NonZeroU64;
use std::str::FromStr;

mod codec;

/// What an id names. Each kind is an uninhabited marker type in [`marker`].
pub trait Marker {
    /// The type's name, as `Debug` prints it (`GuildId(42)`).
    const NAME: &'static str;
}

/// The markers, one per kind.
pub mod marker {
    macro_rules! markers {
        ($($(#[$doc:meta])* $marker:ident => $name:literal;)*) => {$(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
            pub enum $marker {}

            impl super::Marker for $marker {
                const NAME: &'static str = $name;
            }
        )*};
    }

    markers! {
        /// A Discord server.
        GuildMarker => "GuildId";
        /// A Discord user (a member when inside a server).
        UserMarker => "UserId";
        /// A text channel.
        ChannelMarker => "ChannelId";
        /// A server role.
        RoleMarker => "RoleId";
        /// A message the bot posted.
        MessageMarker => "MessageId";
        /// An interaction Discord delivered (a command, a click…).
        InteractionMarker => "InteractionId";
        /// A drama of the catalog.
        DramaMarker => "DramaId";
        /// A track of the catalog.
        TrackMarker => "TrackId";
        /// A credited artist of the catalog.
        ArtistMarker => "ArtistId";
        /// A member's review.
        ReviewMarker => "ReviewId";
        /// A moderator's request to remove a review, waiting for confirmation.
        RemovalRequestMarker => "RemovalRequestId";
        /// A listening poll.
        PollMarker => "PollId";
        SuggestionMarker => "SuggestionId";
        /// A `/catalog fetch` preview waiting for a moderator's Import.
        FetchMarker => "FetchId";
    }
}

pub type GuildId = Id<marker::GuildMarker>;
pub type UserId = Id<marker::UserMarker>;
pub type ChannelId = Id<marker::ChannelMarker>;
pub type RoleId = Id<marker::RoleMarker>;
pub type MessageId = Id<marker::MessageMarker>;
pub type InteractionId = Id<marker::InteractionMarker>;
pub type DramaId = Id<marker::DramaMarker>;
pub type TrackId = Id<marker::TrackMarker>;
pub type ArtistId = Id<marker::ArtistMarker>;
pub type ReviewId = Id<marker::ReviewMarker>;
pub type RemovalRequestId = Id<marker::RemovalRequestMarker>;
pub type PollId = Id<marker::PollMarker>;
pub type SuggestionId = Id<marker::SuggestionMarker>;
pub type FetchId = Id<marker::FetchMarker>;

/// A non-zero id of the kind `M`.
pub struct Id<M> {
    value: NonZeroU64,
    kind: PhantomData<fn() -> M>,
}

/// Why a text or a number is no id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdError {
    #[error("an id is never 0")]
    Zero,
    #[error("an id is a number from 1 to 18446744073709551615")]
    NotANumber,
}

impl<M> Id<M> {
    /// The id `n`, for constants and tests.
    ///
    /// # Panics
    /// If `n` is 0; data from outside goes through [`Id::new_checked`] or parsing.
    pub const fn new(n: u64) -> Self {
        match NonZeroU64::new(n) {
            Some(value) => Self::from_nonzero(value),
            None => panic!("an id is never 0"),
        }
    }

    /// The id `n`, unless `n` is 0.
    pub const fn new_checked(n: u64) -> Option<Self> {
        match NonZeroU64::new(n) {
            Some(value) => Some(Self::from_nonzero(value)),
            None => None,
        }
    }

    pub const fn from_nonzero(value: NonZeroU64) -> Self {
        Self {
            value,
            kind: PhantomData,
        }
    }

    pub const fn get(self) -> u64 {
        self.value.get()
    }

    pub const fn into_nonzero(self) -> NonZeroU64 {
        self.value
    }

    /// The same number as another kind of id (a server's id is also its
    /// `@everyone` role's).
    pub const fn cast<N>(self) -> Id<N> {
        Id::from_nonzero(self.value)
    }

    /// The id as SQLite's signed integer: the bits are kept, so a snowflake
    /// above `i64::MAX` is stored negative and read back whole.
    pub const fn to_i64_bits(self) -> i64 {
        self.value.get() as i64
    }

    /// The id whose bits are `bits` (see [`Id::to_i64_bits`]).
    pub const fn from_i64_bits(bits: i64) -> Result<Self, IdError> {
        match Self::new_checked(bits as u64) {
            Some(id) => Ok(id),
            None => Err(IdError::Zero),
        }
    }
}

impl<M> Clone for Id<M> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<M> Copy for Id<M> {}

impl<M> PartialEq for Id<M> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<M> Eq for Id<M> {}

impl<M> PartialOrd for Id<M> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<M> Ord for Id<M> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<M> Hash for Id<M> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state)
    }
}

impl<M: Marker> fmt::Debug for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", M::NAME, self.value)
    }
}

impl<M> fmt::Display for Id<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<M> FromStr for Id<M> {
    type Err = IdError;

    /// Decimal digits only, as Discord writes ids: no sign, no spaces, not 0.
    fn from_str(s: &str) -> Result<Self, IdError> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IdError::NotANumber);
        }
        let n: u64 = s.parse().map_err(|_| IdError::NotANumber)?;
        Self::new_checked(n).ok_or(IdError::Zero)
    }
}

impl<M> TryFrom<u64> for Id<M> {
    type Error = IdError;

    fn try_from(n: u64) -> Result<Self, IdError> {
        Self::new_checked(n).ok_or(IdError::Zero)
    }
}

/// A row number (SQLite's rowids are positive).
impl<M> TryFrom<i64> for Id<M> {
    type Error = IdError;

    fn try_from(n: i64) -> Result<Self, IdError> {
        let n = u64::try_from(n).map_err(|_| IdError::NotANumber)?;
        Self::try_from(n)
    }
}

impl<M> From<NonZeroU64> for Id<M> {
    fn from(value: NonZeroU64) -> Self {
        Self::from_nonzero(value)
    }
}

impl<M> From<Id<M>> for NonZeroU64 {
    fn from(id: Id<M>) -> Self {
        id.value
    }
}

impl<M> From<Id<M>> for u64 {
    fn from(id: Id<M>) -> Self {
        id.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_refuses_zero_and_junk() {
        assert_eq!("42".parse::<GuildId>(), Ok(GuildId::new(42)));
        assert_eq!(
            "18446744073709551615".parse::<UserId>(),
            Ok(UserId::new(u64::MAX))
        );
        assert_eq!("0".parse::<UserId>(), Err(IdError::Zero));
        assert_eq!("000".parse::<UserId>(), Err(IdError::Zero));
        for junk in [
            "",
            " 1",
            "1 ",
            "+1",
            "-1",
            "1.0",
            "abc",
            "18446744073709551616",
        ] {
            assert_eq!(
                junk.parse::<DramaId>(),
                Err(IdError::NotANumber),
                "{junk:?}"
            );
        }
    }

    #[test]
    fn zero_is_no_id() {
        assert_eq!(PollId::new_checked(0), None);
        assert_eq!(ReviewId::try_from(0_u64), Err(IdError::Zero));
        assert_eq!(TrackId::try_from(0_i64), Err(IdError::Zero));
        assert_eq!(TrackId::try_from(-3_i64), Err(IdError::NotANumber));
        assert_eq!(ChannelId::from_i64_bits(0), Err(IdError::Zero));
    }

    #[test]
    fn bits_are_kept_as_i64() {
        for n in [1, 775_799_577_604_522_054, i64::MAX as u64, u64::MAX] {
            let id = MessageId::new(n);
            assert_eq!(MessageId::from_i64_bits(id.to_i64_bits()), Ok(id));
        }
        assert_eq!(UserId::new(u64::MAX).to_i64_bits(), -1);
    }

    #[test]
    fn debug_names_the_kind_and_display_is_the_number() {
        assert_eq!(format!("{:?}", RoleId::new(7)), "RoleId(7)");
        assert_eq!(GuildId::new(42).to_string(), "42");
    }
}
