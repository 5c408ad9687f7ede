//! From fetched MusicBrainz releases to an import plan, without a network or a database: the
//! drama, its OST parts in order, each part's tracks with every credited artist (in order,
//! with the join phrases), release dates and MusicBrainz ids, and for each track whether the
//! catalog gets it new, has it and gets it updated, has it already as fetched (unchanged), or
//! has it in the shared catalog a server cannot change.
//!
//! A track is the catalog's when its recording's MBID is stored on it, else when its
//! normalised title and one of its artists' names are the same.

use super::model::{credit_text, NameCredit, Release, ReleaseGroup};
use super::Mbid;
use crate::catalog::credits::artist_key;
use crate::catalog::import::ost_part_of;
use crate::catalog::search::normalize::{compact, has_hangul, normalize};
use crate::catalog::{DramaId, TrackId};
use std::collections::HashSet;

/// What a fetch read: the release groups found and their releases, in MusicBrainz's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fetched {
    pub groups: Vec<ReleaseGroup>,
    /// Each release with the id of its release group.
    pub releases: Vec<(Mbid, Release)>,
    /// Set when MusicBrainz has more releases than a fetch reads.
    pub capped: Option<Capped>,
}

/// "MusicBrainz lists `total` releases; the first `read` were read."
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capped {
    pub read: usize,
    pub total: u64,
}

/// What the catalog holds that a fetch may match (read by `musicbrainz::known`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    pub drama: Option<KnownDrama>,
    pub tracks: Vec<KnownTrack>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KnownDrama {
    pub id: DramaId,
    pub label: String,
    /// The importing scope's own entry (else a shared one, which a server cannot change).
    pub own: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct KnownTrack {
    pub id: TrackId,
    pub own: bool,
    /// Its titles (Latin and Hangul).
    pub titles: Vec<String>,
    /// Every name of every artist credited on it, and its source credit.
    pub artist_names: Vec<String>,
    pub mb_recording: Option<Mbid>,
    pub mb_release: Option<Mbid>,
    pub ost_part: Option<i32>,
    pub release_date: Option<String>,
    pub album: Option<String>,
    /// Its credits in order: each artist's MBID (when stored) and names.
    pub credits: Vec<(Option<Mbid>, Vec<String>)>,
}

/// The plan: what a fetch found, and what importing it does.
#[derive(Clone, Debug, PartialEq)]
pub struct Ost {
    /// The drama's name as MusicBrainz titles its OST ("도깨비" of "도깨비 OST Part 1").
    pub title: String,
    /// The release group the fetch started from.
    pub release_group: Mbid,
    pub year: Option<i32>,
    /// The catalog's drama, when it has one.
    pub drama: Option<KnownDrama>,
    /// Numbered parts in order, then releases without a part number.
    pub parts: Vec<Part>,
    pub capped: Option<Capped>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub number: Option<i32>,
    /// The release's title: "도깨비 OST Part 1".
    pub title: String,
    pub release: Mbid,
    pub release_group: Mbid,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as MusicBrainz gives it.
    pub date: Option<String>,
    pub tracks: Vec<PlannedTrack>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlannedTrack {
    pub title: String,
    pub recording: Mbid,
    pub credits: Vec<Credit>,
    pub action: Action,
}

/// One credited artist, in credit order.
#[derive(Clone, Debug, PartialEq)]
pub struct Credit {
    /// As credited on the track: "찬열".
    pub name: String,
    /// What joins this name to the next: " & ", " feat. ", "" after the last.
    pub join: String,
    pub mbid: Mbid,
    pub name_ko: Option<String>,
    pub latin: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    New,
    Update(TrackId),
    Unchanged(TrackId),
    /// In the shared catalog: a server's fetch leaves it as it is.
    Shared(TrackId),
}

/// How many tracks each action has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub shared: usize,
}

impl Ost {
    pub fn tracks(&self) -> impl Iterator<Item = (&Part, &PlannedTrack)> {
        self.parts
            .iter()
            .flat_map(|p| p.tracks.iter().map(move |t| (p, t)))
    }

    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for (_, track) in self.tracks() {
            match track.action {
                Action::New => counts.new += 1,
                Action::Update(_) => counts.updated += 1,
                Action::Unchanged(_) => counts.unchanged += 1,
                Action::Shared(_) => counts.shared += 1,
            }
        }
        counts
    }

    /// Whether importing would write anything.
    pub fn changes_anything(&self) -> bool {
        let c = self.counts();
        c.new + c.updated > 0 || self.drama.is_none()
    }
}

/// The drama's name in an OST's title: "도깨비 OST Part 1" → "도깨비", "Queen of Tears
/// (Original Television Soundtrack)" → "Queen of Tears".
pub fn drama_name(title: &str) -> String {
    let lower = title.to_lowercase();
    let marker = [" ost", " o.s.t", "(original", " original soundtrack"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .or_else(|| part_marker(&lower));
    // The markers are ASCII, so their offsets in `lower` are `title`'s unless lowering changed
    // a letter's length; then the whole title is the name.
    let head = marker.and_then(|cut| title.get(..cut)).unwrap_or(title);
    let name = head
        .trim()
        .trim_end_matches(['-', ':', '(', '[', ','])
        .trim();
    if name.is_empty() {
        title.trim().to_owned()
    } else {
        name.to_owned()
    }
}

/// Where " Part 3" / " Pt.3" starts, when a number follows.
fn part_marker(lower: &str) -> Option<usize> {
    [" part", " pt"].iter().find_map(|m| {
        lower.match_indices(m).map(|(i, _)| i).find(|&i| {
            lower[i + m.len()..]
                .trim_start_matches(['.', ' '])
                .starts_with(|c: char| c.is_ascii_digit())
        })
    })
}

/// Whether MusicBrainz types a release group as a soundtrack (a secondary type).
pub fn is_soundtrack(group: &ReleaseGroup) -> bool {
    group
        .secondary_types
        .iter()
        .any(|t| t.eq_ignore_ascii_case("Soundtrack"))
}

/// Whether a release group is an OST of the drama named `name` (normalised).
pub fn same_drama(group: &ReleaseGroup, name: &str) -> bool {
    key(&drama_name(&group.title)) == key(name)
}

fn key(text: &str) -> String {
    compact(&normalize(text))
}

/// A credit's names: the Hangul one and the Latin one, from the credited name, the artist's
/// name and its sort name (when that is a name, not "Park, Chanyeol").
fn credit(c: &NameCredit) -> Credit {
    let mut candidates = vec![c.name.as_str(), c.artist.name.as_str()];
    if let Some(sort) = c.artist.sort_name.as_deref().filter(|s| !s.contains(',')) {
        candidates.push(sort);
    }
    let candidates: Vec<&str> = candidates
        .into_iter()
        .map(str::trim)
        .filter(|n| !artist_key(n).is_empty())
        .collect();
    Credit {
        name: c.name.clone(),
        join: c.joinphrase.clone(),
        mbid: c.artist.id.clone(),
        name_ko: candidates
            .iter()
            .find(|n| has_hangul(n))
            .map(|n| (*n).to_owned()),
        latin: candidates
            .iter()
            .find(|n| !has_hangul(n))
            .map(|n| (*n).to_owned()),
    }
}

impl Credit {
    fn keys(&self) -> impl Iterator<Item = String> + '_ {
        [
            Some(self.name.as_str()),
            self.name_ko.as_deref(),
            self.latin.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(artist_key)
    }
}

/// The credits as one line, join phrases and all: "찬열 & 펀치".
pub fn credits_line(credits: &[Credit]) -> String {
    credits
        .iter()
        .map(|c| format!("{}{}", c.name, c.join))
        .collect::<String>()
        .trim()
        .to_owned()
}

fn year_of(date: &str) -> Option<i32> {
    date.get(..4)?.parse().ok()
}

/// The plan for `fetched` against what the catalog has (`known`). `None` when nothing was found.
pub fn plan(fetched: &Fetched, known: &Known) -> Option<Ost> {
    let first = fetched.groups.first()?;
    let mut releases: Vec<(&Mbid, &Release, Option<i32>)> = fetched
        .releases
        .iter()
        .map(|(group, release)| {
            let group_title = fetched
                .groups
                .iter()
                .find(|g| &g.id == group)
                .map(|g| g.title.as_str())
                .unwrap_or("");
            let part = ost_part_of(&release.title).or_else(|| ost_part_of(group_title));
            (group, release, part)
        })
        .collect();
    // Parts in order; a part's earliest official release first, so that its date is the part's.
    releases.sort_by(|a, b| {
        let official = |r: &Release| r.status.as_deref().is_some_and(|s| s != "Official");
        (
            a.2.is_none(),
            a.2,
            official(a.1),
            a.1.date.as_deref().unwrap_or("9999"),
        )
            .cmp(&(
                b.2.is_none(),
                b.2,
                official(b.1),
                b.1.date.as_deref().unwrap_or("9999"),
            ))
    });
    let mut parts: Vec<Part> = Vec::new();
    let mut seen = HashSet::new();
    let mut claimed = HashSet::new();
    for (group, release, number) in releases {
        let index = match parts.iter().position(|p| {
            (number.is_some() && p.number == number)
                || (number.is_none() && p.number.is_none() && &p.release_group == group)
        }) {
            Some(i) => i,
            None => {
                parts.push(Part {
                    number,
                    title: release.title.clone(),
                    release: release.id.clone(),
                    release_group: group.clone(),
                    date: release.date.clone().filter(|d| !d.is_empty()),
                    tracks: Vec::new(),
                });
                parts.len() - 1
            }
        };
        for medium in &release.media {
            for track in &medium.tracks {
                if !seen.insert(track.recording.id.clone()) {
                    continue;
                }
                let names = [
                    &track.artist_credit,
                    &track.recording.artist_credit,
                    &release.artist_credit,
                ]
                .into_iter()
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
                let credits: Vec<Credit> = names.iter().map(credit).collect();
                let title = track.title.trim().to_owned();
                let part = &parts[index];
                let action = action(
                    known,
                    &mut claimed,
                    &title,
                    &track.recording.id,
                    &credits,
                    part,
                );
                parts[index].tracks.push(PlannedTrack {
                    title,
                    recording: track.recording.id.clone(),
                    credits,
                    action,
                });
            }
        }
    }
    parts.retain(|p| !p.tracks.is_empty());
    let year = parts
        .iter()
        .filter_map(|p| p.date.as_deref().and_then(year_of))
        .min()
        .or_else(|| first.first_release_date.as_deref().and_then(year_of));
    Some(Ost {
        title: drama_name(&first.title),
        release_group: first.id.clone(),
        year,
        drama: known.drama.clone(),
        parts,
        capped: fetched.capped,
    })
}

/// What importing one fetched track does.
fn action(
    known: &Known,
    claimed: &mut HashSet<TrackId>,
    title: &str,
    recording: &Mbid,
    credits: &[Credit],
    part: &Part,
) -> Action {
    let by_id = known
        .tracks
        .iter()
        .find(|t| t.mb_recording.as_ref() == Some(recording));
    let title_key = key(title);
    let keys: HashSet<String> = credits.iter().flat_map(Credit::keys).collect();
    let by_name = || {
        known.tracks.iter().find(|t| {
            !claimed.contains(&t.id)
                && t.mb_recording.is_none()
                && t.titles.iter().any(|x| key(x) == title_key)
                && (t.artist_names.is_empty()
                    || keys.is_empty()
                    || t.artist_names.iter().any(|n| keys.contains(&artist_key(n))))
        })
    };
    let Some(found) = by_id.or_else(by_name) else {
        return Action::New;
    };
    claimed.insert(found.id);
    if !found.own {
        return Action::Shared(found.id);
    }
    let same_credits = found.credits.len() == credits.len()
        && found
            .credits
            .iter()
            .zip(credits)
            .all(|((mbid, names), c)| match mbid {
                Some(id) if *id == c.mbid => true,
                // Another artist of the same name holds the MBID: the names decide.
                Some(_) => names.iter().any(|n| c.keys().any(|k| k == artist_key(n))),
                None => false,
            });
    let complete = found.mb_recording.as_ref() == Some(recording)
        && found.mb_release.as_ref() == Some(&part.release)
        && (found.ost_part.is_some() || part.number.is_none())
        && (found.release_date.is_some() || part.date.is_none())
        && found.album.is_some();
    if same_credits && complete {
        Action::Unchanged(found.id)
    } else {
        Action::Update(found.id)
    }
}

/// The text an entry's source credit keeps: the credit line, in the column of its script.
pub fn source_credit(credits: &[Credit]) -> (Option<String>, Option<String>) {
    let line = credits_line(credits);
    if line.is_empty() {
        return (None, None);
    }
    let latin: Vec<&str> = credits.iter().filter_map(|c| c.latin.as_deref()).collect();
    if has_hangul(&line) {
        let artist = (latin.len() == credits.len()).then(|| latin.join(", "));
        (artist, Some(line))
    } else {
        (Some(line), None)
    }
}

/// The credit text of a whole release group or release, for the preview's header.
pub fn group_credit(group: &ReleaseGroup) -> String {
    credit_text(&group.artist_credit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::musicbrainz::model::{Artist, Medium, Recording, Track};

    fn id(n: u32) -> Mbid {
        Mbid::parse(&format!("{n:08x}-0000-4000-8000-000000000000")).expect("an MBID")
    }

    fn name(n: &str, join: &str, mbid: u32, sort: &str) -> NameCredit {
        NameCredit {
            name: n.into(),
            joinphrase: join.into(),
            artist: Artist {
                id: id(mbid),
                name: n.into(),
                sort_name: Some(sort.into()),
            },
        }
    }

    fn group(n: u32, title: &str) -> ReleaseGroup {
        ReleaseGroup {
            id: id(n),
            title: title.into(),
            score: Some(100),
            primary_type: Some("Single".into()),
            secondary_types: vec!["Soundtrack".into()],
            first_release_date: None,
            artist_credit: Vec::new(),
        }
    }

    fn release(
        n: u32,
        title: &str,
        date: &str,
        tracks: Vec<(u32, &str, Vec<NameCredit>)>,
    ) -> Release {
        Release {
            id: id(n),
            title: title.into(),
            status: Some("Official".into()),
            date: Some(date.into()),
            artist_credit: Vec::new(),
            media: vec![Medium {
                position: 1,
                tracks: tracks
                    .into_iter()
                    .enumerate()
                    .map(|(i, (rec, title, credit))| Track {
                        id: id(rec + 1000),
                        title: title.into(),
                        position: i as u32 + 1,
                        artist_credit: credit.clone(),
                        recording: Recording {
                            id: id(rec),
                            title: title.into(),
                            artist_credit: credit,
                        },
                    })
                    .collect(),
            }],
        }
    }

    /// Goblin's parts 3, 1 and 2 (in that order, as a search may list them); part 1 a duet.
    fn goblin() -> Fetched {
        let duet = vec![
            name("찬열", " & ", 1, "CHANYEOL"),
            name("펀치", "", 2, "Punch"),
        ];
        Fetched {
            groups: vec![
                group(10, "도깨비 OST Part 1"),
                group(20, "도깨비 OST Part 2"),
                group(30, "도깨비 OST Part 3"),
            ],
            releases: vec![
                (
                    id(30),
                    release(
                        31,
                        "도깨비 OST Part 3",
                        "2016-12-11",
                        vec![(
                            300,
                            "Hush",
                            vec![name("Lasse Lindh", "", 3, "Lindh, Lasse")],
                        )],
                    ),
                ),
                (
                    id(10),
                    release(
                        11,
                        "도깨비 OST Part 1",
                        "2016-12-03",
                        vec![
                            (100, "Stay With Me", duet.clone()),
                            (101, "Stay With Me (Inst.)", Vec::new()),
                        ],
                    ),
                ),
                (
                    id(20),
                    release(
                        21,
                        "도깨비 OST Part 2",
                        "2016-12-10",
                        vec![(200, "내 눈에만 보여", vec![name("10cm", "", 4, "10cm")])],
                    ),
                ),
                // A second release of part 1 (another edition) repeats its recordings.
                (
                    id(10),
                    release(
                        12,
                        "도깨비 OST Part 1",
                        "2017-01-01",
                        vec![(100, "Stay With Me", duet)],
                    ),
                ),
            ],
            capped: None,
        }
    }

    #[test]
    fn parts_come_in_order_with_every_singer_and_their_join_phrases() {
        let ost = plan(&goblin(), &Known::default()).expect("found");
        assert_eq!(ost.title, "도깨비");
        assert_eq!(ost.year, Some(2016));
        let parts: Vec<(Option<i32>, usize)> = ost
            .parts
            .iter()
            .map(|p| (p.number, p.tracks.len()))
            .collect();
        assert_eq!(parts, [(Some(1), 2), (Some(2), 1), (Some(3), 1)]);
        let duet = &ost.parts[0].tracks[0];
        assert_eq!(credits_line(&duet.credits), "찬열 & 펀치");
        assert_eq!(duet.credits[1].latin.as_deref(), Some("Punch"));
        assert_eq!(duet.credits[1].mbid, id(2));
        assert_eq!(ost.parts[0].date.as_deref(), Some("2016-12-03"));
        assert_eq!(
            ost.parts[0].release,
            id(11),
            "the earliest release is the part's"
        );
        // "Lindh, Lasse" is a sort name, not a name to show.
        assert_eq!(
            ost.parts[2].tracks[0].credits[0].latin.as_deref(),
            Some("Lasse Lindh")
        );
        assert_eq!(
            ost.counts(),
            Counts {
                new: 4,
                ..Counts::default()
            }
        );
        assert!(ost.changes_anything());
        assert_eq!(
            source_credit(&duet.credits),
            (Some("CHANYEOL, Punch".into()), Some("찬열 & 펀치".into()))
        );
    }

    fn known(id_: i64, title: &str, artist: &str) -> KnownTrack {
        KnownTrack {
            id: TrackId::new(id_ as u64),
            own: true,
            titles: vec![title.into()],
            artist_names: vec![artist.into()],
            mb_recording: None,
            mb_release: None,
            ost_part: None,
            release_date: None,
            album: None,
            credits: vec![(None, vec![artist.into()])],
        }
    }

    #[test]
    fn tracks_match_by_mbid_else_by_title_and_artist() {
        let mut stay = known(1, "stay with  me", "CHANYEOL");
        stay.artist_names.push("찬열".into());
        let other_singer = known(2, "Hush", "Somebody Else");
        let mut done = known(3, "Something else entirely", "10CM");
        done.mb_recording = Some(id(200));
        done.mb_release = Some(id(21));
        done.ost_part = Some(2);
        done.release_date = Some("2016-12-10".into());
        done.album = Some("도깨비 OST Part 2".into());
        done.credits = vec![(Some(id(4)), vec!["10CM".into()])];
        let catalog = Known {
            drama: None,
            tracks: vec![stay, other_singer, done],
        };
        let ost = plan(&goblin(), &catalog).expect("found");
        let actions: Vec<Action> = ost.tracks().map(|(_, t)| t.action).collect();
        assert_eq!(
            actions,
            [
                Action::Update(TrackId::new(1)),
                Action::New,
                Action::Unchanged(TrackId::new(3)),
                Action::New
            ],
            "same title, other singer: another track"
        );
    }

    #[test]
    fn a_servers_fetch_leaves_shared_tracks_alone() {
        let mut shared = known(7, "Hush", "Lasse Lindh");
        shared.own = false;
        let ost = plan(
            &goblin(),
            &Known {
                drama: None,
                tracks: vec![shared],
            },
        )
        .expect("found");
        let hush = ost
            .tracks()
            .find(|(_, t)| t.title == "Hush")
            .expect("hush")
            .1;
        assert_eq!(hush.action, Action::Shared(TrackId::new(7)));
    }

    #[test]
    fn drama_names_drop_the_ost_marker() {
        assert_eq!(drama_name("도깨비 OST Part 1"), "도깨비");
        assert_eq!(
            drama_name("Queen of Tears (Original Television Soundtrack)"),
            "Queen of Tears"
        );
        assert_eq!(drama_name("눈물의 여왕 OST"), "눈물의 여왕");
        assert_eq!(drama_name("OST"), "OST");
        assert!(same_drama(&group(1, "도깨비 OST Part 9"), "도깨비"));
        assert_eq!(drama_name("A Particular Love Part 2"), "A Particular Love");
        assert!(is_soundtrack(&group(1, "도깨비 OST Part 9")));
        assert!(!same_drama(&group(1, "도깨비불 OST"), "도깨비"));
        assert_eq!(plan(&Fetched::default(), &Known::default()), None);
    }
}
