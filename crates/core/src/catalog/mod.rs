//! The OST catalog: dramas and their tracks, global or local to one server.

pub mod aliases;
pub mod credits;
pub mod export;
pub mod genres;
pub mod import;
mod merge;
pub mod musicbrainz;
pub mod search;
mod shipped;
pub(crate) mod sql;
mod store;
pub mod suggestions;

pub use store::*;

use crate::ids::GuildId;

/// Where an entry is visible. Global entries are shipped or imported by the
/// operator; local ones were added by a server's moderators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Guild(GuildId),
}

impl Scope {
    pub fn to_db(self) -> i64 {
        match self {
            Scope::Global => 0,
            Scope::Guild(g) => g.to_i64_bits(),
        }
    }

    /// 0 is the global scope; any other number a server's id.
    pub fn from_db(value: i64) -> Self {
        GuildId::from_i64_bits(value).map_or(Scope::Global, Scope::Guild)
    }
}

pub use crate::ids::{DramaId, TrackId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Drama,
    Track,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Drama => "drama",
            Kind::Track => "track",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Drama {
    pub id: DramaId,
    pub scope: Scope,
    /// Stable, human-readable id (`crash-landing-on-you`), unique within its scope.
    pub slug: String,
    pub title: String,
    pub title_ko: Option<String>,
    pub alt_titles: Vec<String>,
    pub year: Option<i32>,
    pub network: Option<String>,
    pub genres: Vec<String>,
    pub episodes: Option<i32>,
    pub mdl_rating: Option<f64>,
    pub mdl_votes: Option<i64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    pub id: TrackId,
    pub scope: Scope,
    pub slug: String,
    pub drama_id: DramaId,
    /// The title as fans read it: the English title where there is one.
    pub title: String,
    /// The Hangul title when it differs from `title`.
    pub title_ko: Option<String>,
    pub artist: Option<String>,
    pub artist_ko: Option<String>,
    pub ost_part: Option<i32>,
    pub year: Option<i32>,
    pub album: Option<String>,
    /// Release date of the single or album (`YYYY-MM-DD` or `YYYY-MM`).
    pub release_date: Option<String>,
    pub links: Vec<String>,
    /// False when the source's credit is doubtful.
    pub verified: bool,
}

impl Drama {
    /// "Crash Landing on You (사랑의 불시착, 2019)".
    pub fn label(&self) -> String {
        let mut extra: Vec<String> = Vec::new();
        if let Some(ko) = self.title_ko.as_deref().filter(|ko| *ko != self.title) {
            extra.push(ko.to_owned());
        }
        if let Some(year) = self.year {
            extra.push(year.to_string());
        }
        if extra.is_empty() {
            self.title.clone()
        } else {
            format!("{} ({})", self.title, extra.join(", "))
        }
    }
}

impl Track {
    /// The credit as one line: "IU (아이유)", or whichever part exists.
    pub fn artist_line(&self) -> Option<String> {
        match (&self.artist, &self.artist_ko) {
            (Some(a), Some(k)) if a != k => Some(format!("{a} ({k})")),
            (Some(a), _) => Some(a.clone()),
            (None, Some(k)) => Some(k.clone()),
            (None, None) => None,
        }
    }

    /// "Flower (꽃) — IU".
    pub fn label(&self) -> String {
        let mut label = self.title.clone();
        if let Some(ko) = &self.title_ko {
            label.push_str(&format!(" ({ko})"));
        }
        if let Some(artist) = self.artist.as_ref().or(self.artist_ko.as_ref()) {
            label.push_str(&format!(" — {artist}"));
        }
        label
    }
}
