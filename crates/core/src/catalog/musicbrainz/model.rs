//! The parts of MusicBrainz's `/ws/2` JSON that a fetch reads, as MusicBrainz documents them
//! (<https://musicbrainz.org/doc/MusicBrainz_API>): release-group search results, one release
//! group, and releases browsed by release group with `inc=recordings+artist-credits`. Every
//! field a response may leave out is optional or defaults to empty, and unknown fields are
//! ignored, so a fuller answer than ours still reads.

use serde::Deserialize;
use std::fmt;

/// A MusicBrainz id: a UUID, kept in lower case (`8-4-4-4-12` hexadecimal digits).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mbid(String);

impl Mbid {
    /// The id in `text` when it is one (any case, surrounding spaces allowed).
    pub fn parse(text: &str) -> Option<Mbid> {
        let text = text.trim().to_ascii_lowercase();
        let groups: Vec<&str> = text.split('-').collect();
        let lengths = [8, 4, 4, 4, 12];
        let ok = groups.len() == lengths.len()
            && groups
                .iter()
                .zip(lengths)
                .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
        ok.then_some(Mbid(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Mbid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Mbid {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Mbid::parse(&text).ok_or_else(|| serde::de::Error::custom("not a MusicBrainz id"))
    }
}

/// One name of an artist credit: the name as credited, the artist, and the phrase that joins
/// it to the next name (" & ", " feat. ", or nothing after the last).
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct NameCredit {
    pub name: String,
    #[serde(default)]
    pub joinphrase: String,
    pub artist: Artist,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Artist {
    pub id: Mbid,
    pub name: String,
    #[serde(rename = "sort-name", default)]
    pub sort_name: Option<String>,
}

/// The credit as one line, with its join phrases: "찬열 & 펀치".
pub fn credit_text(credit: &[NameCredit]) -> String {
    credit
        .iter()
        .map(|c| format!("{}{}", c.name, c.joinphrase))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// `GET /ws/2/release-group?query=…&fmt=json`.
#[derive(Clone, Debug, Deserialize)]
pub struct ReleaseGroupSearch {
    #[serde(default)]
    pub count: u64,
    #[serde(rename = "release-groups")]
    pub release_groups: Vec<ReleaseGroup>,
}

/// A release group: one OST part (often a single) or a whole OST album. Also the answer of
/// `GET /ws/2/release-group/MBID?fmt=json`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct ReleaseGroup {
    pub id: Mbid,
    pub title: String,
    /// The search's relevance, 0–100 (searches only).
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(rename = "primary-type", default)]
    pub primary_type: Option<String>,
    #[serde(rename = "secondary-types", default)]
    pub secondary_types: Vec<String>,
    #[serde(rename = "first-release-date", default)]
    pub first_release_date: Option<String>,
    #[serde(rename = "artist-credit", default)]
    pub artist_credit: Vec<NameCredit>,
}

/// `GET /ws/2/release?release-group=MBID&inc=recordings+artist-credits&fmt=json&limit=…&offset=…`.
#[derive(Clone, Debug, Deserialize)]
pub struct ReleaseBrowse {
    #[serde(rename = "release-count")]
    pub release_count: u64,
    #[serde(rename = "release-offset", default)]
    pub release_offset: u64,
    pub releases: Vec<Release>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Release {
    pub id: Mbid,
    pub title: String,
    #[serde(default)]
    pub status: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(rename = "artist-credit", default)]
    pub artist_credit: Vec<NameCredit>,
    #[serde(default)]
    pub media: Vec<Medium>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Medium {
    #[serde(default)]
    pub position: u32,
    #[serde(default)]
    pub tracks: Vec<Track>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Track {
    pub id: Mbid,
    pub title: String,
    #[serde(default)]
    pub position: u32,
    #[serde(rename = "artist-credit", default)]
    pub artist_credit: Vec<NameCredit>,
    pub recording: Recording,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Recording {
    pub id: Mbid,
    pub title: String,
    #[serde(rename = "artist-credit", default)]
    pub artist_credit: Vec<NameCredit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbids_are_uuids_in_lower_case() {
        let id = Mbid::parse(" 5B11F4CE-A62D-471E-81FC-A69A8278C7DA ").expect("an MBID");
        assert_eq!(id.as_str(), "5b11f4ce-a62d-471e-81fc-a69a8278c7da");
        for bad in [
            "",
            "도깨비 OST",
            "5b11f4ce-a62d-471e-81fc-a69a8278c7d",
            "5b11f4ce-a62d-471e-81fc-a69a8278c7dz",
        ] {
            assert_eq!(Mbid::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn credits_read_with_their_join_phrases() {
        let credit: Vec<NameCredit> = serde_json::from_str(
            r#"[{"name":"찬열","joinphrase":" & ","artist":{"id":"11111111-1111-4111-8111-111111111111","name":"찬열","sort-name":"CHANYEOL"}},
                {"name":"펀치","joinphrase":"","artist":{"id":"22222222-2222-4222-8222-222222222222","name":"펀치","sort-name":"Punch","disambiguation":"Korean singer"}}]"#,
        )
        .expect("documented shape");
        assert_eq!(credit_text(&credit), "찬열 & 펀치");
        assert_eq!(credit[1].artist.sort_name.as_deref(), Some("Punch"));
    }
}
