//! Every custom id the bot puts on a button, select menu or modal, as one
//! type. Messages build ids with `CustomId::….to_string()`, and dispatch
//! reads them back with `parse()` before any handler runs, so the format of
//! each id lives here and nowhere else.
//!
//! Ids come back from members' clients: an old message, an older version of
//! the bot, or a crafted request may carry anything. What does not parse is
//! a user error ([`Error::StaleComponent`]), answered kindly and logged
//! below error level; it is never an internal error.

use crate::catalog::credits::ArtistId;
use crate::catalog::{DramaId, Kind, TrackId};
use crate::ids::{FetchId, SuggestionId, UserId};
use crate::polls::PollId;
use crate::reviews::scores::{Filter, Period};
use crate::reviews::{Listing, RemovalRequest, ReviewId};
use crate::Error;
use std::fmt;
use std::str::FromStr;

/// Pages a paged listing may name; a larger page in an id is clamped, so a
/// forged custom id cannot overflow an offset.
pub const MAX_PAGE: u64 = 1_000_000;

/// A drama's OST or one of its tracks, as the review buttons and form name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Drama(DramaId),
    Track(TrackId),
}

/// What a leaderboard page shows; its buttons carry all of it.
#[derive(Clone, Debug, PartialEq)]
pub struct LeaderboardState {
    pub filter: Filter,
    /// Across servers rather than this one.
    pub everywhere: bool,
    pub page: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CustomId {
    /// `poll:vote:POLL:POSITION`: a poll's option button.
    PollVote { poll: PollId, position: u8 },
    /// `poll:pick:POLL`: a poll's select menu (the values are the positions).
    PollPick { poll: PollId },
    /// `review:open:d:ID` / `review:open:t:ID`: opens the review form.
    ReviewOpen(Subject),
    /// `review:history:ID`: a member's earlier versions of a review.
    ReviewHistory(ReviewId),
    /// `review:delete:ID`: deletes the member's own review.
    ReviewDelete(ReviewId),
    /// `review:submit:d:ID` / `review:submit:t:ID`: the review form (a modal).
    ReviewSubmit(Subject),
    /// `reviews:page:LISTING:PAGE`: a page of a review listing.
    ReviewsPage { listing: Listing, page: u64 },
    /// `reviews:delete:ID:LISTING:PAGE`: deletes an own review from a listing.
    ReviewsDelete {
        review: ReviewId,
        listing: Listing,
        page: u64,
    },
    /// `leaderboard:KIND:SCOPE:PERIOD:YEAR:MIN:PAGE:GENRE`: a leaderboard page.
    Leaderboard(LeaderboardState),
    /// `forget:confirm:USER`: the member confirms /forget-me.
    ForgetConfirm(UserId),
    /// `forget:cancel`.
    ForgetCancel,
    /// `moderate:remove:REQUEST`: the moderator confirms a review's removal.
    ModerateRemove(RemovalRequest),
    /// `moderate:keep:REQUEST`: the moderator keeps the review after all.
    ModerateKeep(RemovalRequest),
    /// `catalog:hide:d:ID` / `catalog:hide:t:ID`: hides a server's own entry
    /// from search, keeping members' reviews of it.
    CatalogHide(Subject),
    /// `catalog:purge:d:ID` / `catalog:purge:t:ID`: deletes a server's own
    /// entry with everything attached to it.
    CatalogPurge(Subject),
    /// `catalog:cancel`: the entry stays.
    CatalogCancel,
    /// `catalog:fetch:ID`: imports a `/catalog fetch` preview.
    CatalogFetchImport(FetchId),
    /// `catalog:fetchcancel:ID`: imports nothing.
    CatalogFetchCancel(FetchId),
    /// `config:reset:confirm`: every setting of the server is forgotten.
    ConfigResetConfirm,
    /// `config:reset:cancel`.
    ConfigResetCancel,
    /// `drama:page:DRAMA:PAGE`: a page of a drama card's tracklist.
    DramaPage { drama: DramaId, page: u64 },
    /// `track:pick:TRACK`: a picker's entry, opening that track's card.
    TrackPick(TrackId),
    /// `artist:page:ARTIST:PAGE`: a page of "Tracks by …".
    ArtistPage { artist: ArtistId, page: u64 },
    /// `suggest:approve:ID`: approves a member's suggestion.
    SuggestApprove(SuggestionId),
    /// `suggest:edit:ID`: opens the form to edit a suggestion.
    SuggestEdit(SuggestionId),
    /// `suggest:reject:ID`: opens the form to reject a suggestion.
    SuggestReject(SuggestionId),
    /// `suggest:editform:ID`: the edit form (a modal).
    SuggestEditForm(SuggestionId),
    /// `suggest:rejectform:ID`: the rejection form, with its reason (a modal).
    SuggestRejectForm(SuggestionId),
    /// `suggest:queue:PAGE`: a page of the moderators' queue.
    SuggestQueue { page: u64 },
}

impl CustomId {
    /// Every [`group`](Self::group), alphabetically: the only component
    /// and modal labels `/metrics` shows.
    pub const GROUPS: [&'static str; 12] = [
        "artist",
        "catalog",
        "config",
        "drama",
        "forget",
        "leaderboard",
        "moderate",
        "poll",
        "review",
        "reviews",
        "suggest",
        "track",
    ];

    /// The group a handler owns and metrics count: `review` of `review:open:t:1`.
    pub fn group(&self) -> &'static str {
        match self {
            CustomId::PollVote { .. } | CustomId::PollPick { .. } => "poll",
            CustomId::ReviewOpen(_)
            | CustomId::ReviewHistory(_)
            | CustomId::ReviewDelete(_)
            | CustomId::ReviewSubmit(_) => "review",
            CustomId::ReviewsPage { .. } | CustomId::ReviewsDelete { .. } => "reviews",
            CustomId::Leaderboard(_) => "leaderboard",
            CustomId::ForgetConfirm(_) | CustomId::ForgetCancel => "forget",
            CustomId::ModerateRemove(_) | CustomId::ModerateKeep(_) => "moderate",
            CustomId::CatalogHide(_)
            | CustomId::CatalogPurge(_)
            | CustomId::CatalogCancel
            | CustomId::CatalogFetchImport(_)
            | CustomId::CatalogFetchCancel(_) => "catalog",
            CustomId::ConfigResetConfirm | CustomId::ConfigResetCancel => "config",
            CustomId::DramaPage { .. } => "drama",
            CustomId::TrackPick(_) => "track",
            CustomId::ArtistPage { .. } => "artist",
            CustomId::SuggestApprove(_)
            | CustomId::SuggestEdit(_)
            | CustomId::SuggestReject(_)
            | CustomId::SuggestEditForm(_)
            | CustomId::SuggestRejectForm(_)
            | CustomId::SuggestQueue { .. } => "suggest",
        }
    }
}

fn subject(s: &Subject) -> String {
    match s {
        Subject::Drama(d) => format!("d:{}", d),
        Subject::Track(t) => format!("t:{}", t),
    }
}

fn listing(l: &Listing) -> String {
    match l {
        Listing::Drama(d) => format!("d:{}", d),
        Listing::Track(t) => format!("t:{}", t),
        Listing::Member(u) => format!("m:{}", u),
    }
}

impl fmt::Display for CustomId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomId::PollVote { poll, position } => write!(f, "poll:vote:{}:{position}", poll),
            CustomId::PollPick { poll } => write!(f, "poll:pick:{}", poll),
            CustomId::ReviewOpen(s) => write!(f, "review:open:{}", subject(s)),
            CustomId::ReviewHistory(r) => write!(f, "review:history:{}", r),
            CustomId::ReviewDelete(r) => write!(f, "review:delete:{}", r),
            CustomId::ReviewSubmit(s) => write!(f, "review:submit:{}", subject(s)),
            CustomId::ReviewsPage { listing: l, page } => {
                write!(f, "reviews:page:{}:{page}", listing(l))
            }
            CustomId::ReviewsDelete {
                review,
                listing: l,
                page,
            } => write!(f, "reviews:delete:{}:{}:{page}", review, listing(l)),
            CustomId::Leaderboard(state) => {
                let filter = &state.filter;
                write!(
                    f,
                    "leaderboard:{}:{}:{}:{}:{}:{}:{}",
                    match filter.kind {
                        Kind::Drama => "d",
                        Kind::Track => "t",
                    },
                    if state.everywhere { "a" } else { "s" },
                    filter.period.as_str(),
                    filter.year.unwrap_or(0),
                    filter.min_voices,
                    state.page,
                    filter.genre.as_deref().unwrap_or(""),
                )
            }
            CustomId::ForgetConfirm(user) => write!(f, "forget:confirm:{}", user),
            CustomId::ForgetCancel => f.write_str("forget:cancel"),
            CustomId::ModerateRemove(r) => write!(f, "moderate:remove:{r}"),
            CustomId::ModerateKeep(r) => write!(f, "moderate:keep:{r}"),
            CustomId::CatalogHide(s) => write!(f, "catalog:hide:{}", subject(s)),
            CustomId::CatalogPurge(s) => write!(f, "catalog:purge:{}", subject(s)),
            CustomId::CatalogCancel => f.write_str("catalog:cancel"),
            CustomId::CatalogFetchImport(id) => write!(f, "catalog:fetch:{id}"),
            CustomId::CatalogFetchCancel(id) => write!(f, "catalog:fetchcancel:{id}"),
            CustomId::ConfigResetConfirm => f.write_str("config:reset:confirm"),
            CustomId::ConfigResetCancel => f.write_str("config:reset:cancel"),
            CustomId::DramaPage { drama, page } => write!(f, "drama:page:{}:{page}", drama),
            CustomId::TrackPick(track) => write!(f, "track:pick:{}", track),
            CustomId::ArtistPage { artist, page } => {
                write!(f, "artist:page:{}:{page}", artist)
            }
            CustomId::SuggestApprove(s) => write!(f, "suggest:approve:{s}"),
            CustomId::SuggestEdit(s) => write!(f, "suggest:edit:{s}"),
            CustomId::SuggestReject(s) => write!(f, "suggest:reject:{s}"),
            CustomId::SuggestEditForm(s) => write!(f, "suggest:editform:{s}"),
            CustomId::SuggestRejectForm(s) => write!(f, "suggest:rejectform:{s}"),
            CustomId::SuggestQueue { page } => write!(f, "suggest:queue:{page}"),
        }
    }
}

/// A positive number as ids carry them (no sign, no spaces, no leading `+`).
fn number<T: FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn parse_subject(kind: &str, id: &str) -> Option<Subject> {
    match kind {
        "d" => Some(Subject::Drama(number(id)?)),
        "t" => Some(Subject::Track(number(id)?)),
        _ => None,
    }
}

fn parse_listing(kind: &str, id: &str) -> Option<Listing> {
    match kind {
        "d" => Some(Listing::Drama(number(id)?)),
        "t" => Some(Listing::Track(number(id)?)),
        "m" => Some(Listing::Member(number(id)?)),
        _ => None,
    }
}

fn page(s: &str) -> Option<u64> {
    number::<u64>(s).map(|p| p.min(MAX_PAGE))
}

fn parse_leaderboard(rest: &str) -> Option<LeaderboardState> {
    // The genre is last and may itself hold a colon.
    let mut parts = rest.splitn(7, ':');
    let kind = match parts.next()? {
        "d" => Kind::Drama,
        "t" => Kind::Track,
        _ => return None,
    };
    let everywhere = match parts.next()? {
        "a" => true,
        "s" => false,
        _ => return None,
    };
    let period = Period::parse(parts.next()?)?;
    let year: i32 = number(parts.next()?)?;
    let min_voices: u32 = number(parts.next()?)?;
    let page = page(parts.next()?)?;
    let genre = parts.next().unwrap_or("");
    Some(LeaderboardState {
        filter: Filter {
            kind,
            period,
            year: (year != 0).then_some(year),
            genre: (!genre.is_empty()).then(|| genre.to_owned()),
            min_voices,
        },
        everywhere,
        page,
    })
}

fn parse(s: &str) -> Option<CustomId> {
    if let Some(rest) = s.strip_prefix("leaderboard:") {
        return parse_leaderboard(rest).map(CustomId::Leaderboard);
    }
    let parts: Vec<&str> = s.split(':').collect();
    Some(match parts.as_slice() {
        ["poll", "vote", poll, position] => CustomId::PollVote {
            poll: number(poll)?,
            position: number(position)?,
        },
        ["poll", "pick", poll] => CustomId::PollPick {
            poll: number(poll)?,
        },
        ["review", "open", kind, id] => CustomId::ReviewOpen(parse_subject(kind, id)?),
        ["review", "history", id] => CustomId::ReviewHistory(number(id)?),
        ["review", "delete", id] => CustomId::ReviewDelete(number(id)?),
        ["review", "submit", kind, id] => CustomId::ReviewSubmit(parse_subject(kind, id)?),
        ["reviews", "page", kind, key, p] => CustomId::ReviewsPage {
            listing: parse_listing(kind, key)?,
            page: page(p)?,
        },
        ["reviews", "delete", id, kind, key, p] => CustomId::ReviewsDelete {
            review: number(id)?,
            listing: parse_listing(kind, key)?,
            page: page(p)?,
        },
        ["forget", "confirm", user] => CustomId::ForgetConfirm(number(user)?),
        ["forget", "cancel"] => CustomId::ForgetCancel,
        ["moderate", "remove", n] => CustomId::ModerateRemove(number(n)?),
        ["moderate", "keep", n] => CustomId::ModerateKeep(number(n)?),
        ["catalog", "hide", kind, id] => CustomId::CatalogHide(parse_subject(kind, id)?),
        ["catalog", "purge", kind, id] => CustomId::CatalogPurge(parse_subject(kind, id)?),
        ["catalog", "cancel"] => CustomId::CatalogCancel,
        ["catalog", "fetch", id] => CustomId::CatalogFetchImport(number(id)?),
        ["catalog", "fetchcancel", id] => CustomId::CatalogFetchCancel(number(id)?),
        ["suggest", "approve", id] => CustomId::SuggestApprove(number(id)?),
        ["suggest", "edit", id] => CustomId::SuggestEdit(number(id)?),
        ["suggest", "reject", id] => CustomId::SuggestReject(number(id)?),
        ["suggest", "editform", id] => CustomId::SuggestEditForm(number(id)?),
        ["suggest", "rejectform", id] => CustomId::SuggestRejectForm(number(id)?),
        ["suggest", "queue", p] => CustomId::SuggestQueue { page: page(p)? },
        ["config", "reset", "confirm"] => CustomId::ConfigResetConfirm,
        ["config", "reset", "cancel"] => CustomId::ConfigResetCancel,
        ["drama", "page", drama, p] => CustomId::DramaPage {
            drama: number(drama)?,
            page: page(p)?,
        },
        ["track", "pick", track] => CustomId::TrackPick(number(track)?),
        ["artist", "page", artist, p] => CustomId::ArtistPage {
            artist: number(artist)?,
            page: page(p)?,
        },
        _ => return None,
    })
}

impl FromStr for CustomId {
    type Err = Error;

    /// An id this version does not know is a user error: the member pressed
    /// something stale, or sent something crafted.
    fn from_str(s: &str) -> Result<Self, Error> {
        parse(s).ok_or(Error::StaleComponent)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<CustomId> {
        let filter = |genre: Option<&str>, year| Filter {
            kind: Kind::Track,
            period: Period::Last30Days,
            year,
            genre: genre.map(str::to_owned),
            min_voices: 3,
        };
        vec![
            CustomId::PollVote {
                poll: PollId::new(12),
                position: 3,
            },
            CustomId::PollPick {
                poll: PollId::new(7),
            },
            CustomId::ReviewOpen(Subject::Drama(DramaId::new(5))),
            CustomId::ReviewOpen(Subject::Track(TrackId::new(9))),
            CustomId::ReviewHistory(ReviewId::new(44)),
            CustomId::ReviewDelete(ReviewId::new(45)),
            CustomId::ReviewSubmit(Subject::Drama(DramaId::new(1))),
            CustomId::ReviewSubmit(Subject::Track(TrackId::new(2))),
            CustomId::ReviewsPage {
                listing: Listing::Drama(DramaId::new(3)),
                page: 0,
            },
            CustomId::ReviewsPage {
                listing: Listing::Member(UserId::new(123_456_789_012_345_678)),
                page: 2,
            },
            CustomId::ReviewsDelete {
                review: ReviewId::new(8),
                listing: Listing::Track(TrackId::new(4)),
                page: 1,
            },
            CustomId::Leaderboard(LeaderboardState {
                filter: filter(None, None),
                everywhere: false,
                page: 0,
            }),
            CustomId::Leaderboard(LeaderboardState {
                filter: filter(Some("Romance:Comedy"), Some(2016)),
                everywhere: true,
                page: 4,
            }),
            CustomId::ForgetConfirm(UserId::new(42)),
            CustomId::ForgetCancel,
            CustomId::ModerateRemove(RemovalRequest::new(17)),
            CustomId::ModerateKeep(RemovalRequest::new(18)),
            CustomId::CatalogHide(Subject::Drama(DramaId::new(6))),
            CustomId::CatalogHide(Subject::Track(TrackId::new(7))),
            CustomId::CatalogPurge(Subject::Drama(DramaId::new(8))),
            CustomId::CatalogPurge(Subject::Track(TrackId::new(9))),
            CustomId::CatalogCancel,
            CustomId::CatalogFetchImport(FetchId::new(3)),
            CustomId::CatalogFetchCancel(FetchId::new(4)),
            CustomId::ConfigResetConfirm,
            CustomId::ConfigResetCancel,
            CustomId::DramaPage {
                drama: DramaId::new(17),
                page: 1,
            },
            CustomId::TrackPick(TrackId::new(883)),
            CustomId::ArtistPage {
                artist: ArtistId::new(31),
                page: 0,
            },
            CustomId::SuggestApprove(SuggestionId::new(1)),
            CustomId::SuggestEdit(SuggestionId::new(2)),
            CustomId::SuggestReject(SuggestionId::new(3)),
            CustomId::SuggestEditForm(SuggestionId::new(4)),
            CustomId::SuggestRejectForm(SuggestionId::new(5)),
            CustomId::SuggestQueue { page: 7 },
        ]
    }

    #[test]
    fn every_variant_round_trips_and_fits_discord() {
        let mut groups = std::collections::BTreeSet::new();
        for id in every_variant() {
            let text = id.to_string();
            assert!(text.len() <= 100, "Discord allows 100 characters: {text}");
            assert_eq!(text.parse::<CustomId>().ok(), Some(id.clone()), "{text}");
            assert!(text.starts_with(id.group()), "{text}");
            groups.insert(id.group());
        }
        assert_eq!(groups.into_iter().collect::<Vec<_>>(), CustomId::GROUPS);
    }

    #[test]
    fn crafted_and_stale_ids_are_user_errors() {
        for crafted in [
            "review:delete:1:2:3:4",
            "reviews:delete:x",
            "reviews:delete:x:d:1:0",
            "review:delete:-1",
            "review:delete:+1",
            "review:delete:",
            "review:open:q:1",
            "poll:vote:1:256",
            "poll:vote:99999999999999999999:1",
            "leaderboard:x",
            "leaderboard:d:s:week:0:3:0:",
            "leaderboard:d:s:all:0:x:0:",
            "forget:confirm:me",
            "forget",
            "",
            "nonsense:1",
            "polls:vote:1:1",
            "moderate:remove:",
            "moderate:remove:-3",
            "moderate:keep:x",
            "moderate:erase:1",
            "catalog:hide:q:1",
            "catalog:purge:d:",
            "catalog:hide:d:1:2",
            "catalog:cancel:1",
            "catalog:fetch:",
            "catalog:fetch:0",
            "catalog:fetch:도깨비",
            "catalog:fetchcancel:-1",
            "config:reset",
            "config:reset:now",
            "drama:page:1",
            "drama:page:x:0",
            "track:pick:",
            "track:pick:-3",
            "artist:1:0",
            "artist:page:1:-1",
        ] {
            let error = crafted.parse::<CustomId>().expect_err(crafted);
            assert!(matches!(error, Error::StaleComponent), "{crafted}");
            assert!(!error.is_internal(), "{crafted}");
        }
    }

    #[test]
    fn pages_beyond_the_cap_are_clamped() {
        let id: CustomId = "reviews:page:d:1:99999999".parse().expect("parses");
        assert_eq!(
            id,
            CustomId::ReviewsPage {
                listing: Listing::Drama(DramaId::new(1)),
                page: MAX_PAGE
            }
        );
    }
}
