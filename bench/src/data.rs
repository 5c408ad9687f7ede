//! A realistic catalog at community scale, generated deterministically:
//! dramas with English and Hangul titles and romanized alternatives, and
//! their tracks (one in four a duet) with Latin and Hangul artists and OST parts, shaped like `data/`.

use ostbot::catalog::{self, NewDrama, NewTrack, Scope};
use ostbot::db::Database;

/// A small deterministic generator (xorshift64*), so every run builds the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const EN_ADJ: &[&str] = &[
    "Secret",
    "Crazy",
    "Golden",
    "Hidden",
    "Last",
    "First",
    "Beautiful",
    "Strange",
    "Eternal",
    "Silent",
    "Royal",
    "Little",
    "Blue",
    "Wild",
    "Lovely",
    "Second",
    "Dear",
    "Sweet",
    "Midnight",
    "Summer",
];
const EN_NOUN: &[&str] = &[
    "Garden",
    "Moon",
    "Love",
    "Doctor",
    "Prince",
    "Queen",
    "Detective",
    "Hotel",
    "Castle",
    "Spring",
    "River",
    "Family",
    "Teacher",
    "Hospital",
    "Kingdom",
    "Lawyer",
    "Chef",
    "Star",
    "Letter",
    "Road",
    "Dream",
    "Island",
    "Melody",
    "Promise",
    "Flower",
    "Season",
    "Village",
    "Storm",
    "Shadow",
    "Heart",
];
const KO_WORD: &[&str] = &[
    "사랑",
    "비밀",
    "정원",
    "달빛",
    "의사",
    "왕자",
    "여왕",
    "탐정",
    "호텔",
    "성",
    "봄날",
    "강",
    "가족",
    "선생님",
    "병원",
    "왕국",
    "변호사",
    "별",
    "편지",
    "길",
    "꿈",
    "섬",
    "약속",
    "꽃",
    "계절",
    "마을",
    "폭풍",
    "그림자",
    "마음",
    "눈물",
    "바다",
    "하늘",
    "시간",
    "기억",
    "노래",
];
const KO_PARTICLE: &[&str] = &["의 ", "과 ", " ", "는 ", "이 "];
const ARTIST_LATIN: &[&str] = &[
    "IU",
    "Crush",
    "Baek Yerin",
    "Ailee",
    "Gummy",
    "Lee Hi",
    "Paul Kim",
    "Davichi",
    "Taeyeon",
    "Punch",
    "Heize",
    "Ha Hyun Woo",
    "10cm",
    "Jung Seung Hwan",
    "Chen",
    "Baekhyun",
    "Sejeong",
    "Kim Feel",
];
const ARTIST_KO: &[&str] = &[
    "아이유",
    "크러쉬",
    "백예린",
    "에일리",
    "거미",
    "이하이",
    "폴킴",
    "다비치",
    "태연",
    "펀치",
    "헤이즈",
    "하현우",
    "십센치",
    "정승환",
    "첸",
    "백현",
    "세정",
    "김필",
    "성시경",
    "박효신",
    "윤미래",
    "린",
];
const NETWORKS: &[&str] = &["tvN", "KBS2", "MBC", "SBS", "jTBC", "Netflix", "OCN", "ENA"];
const GENRES: &[&str] = &[
    "Romance",
    "Comedy",
    "Drama",
    "Thriller",
    "Fantasy",
    "Historical",
    "Medical",
    "Youth",
];

pub struct Generated {
    pub drama_titles: Vec<String>,
    pub drama_titles_ko: Vec<String>,
    pub track_titles: Vec<String>,
    pub drama_ids: Vec<i64>,
    pub track_ids: Vec<i64>,
}

fn english_title(rng: &mut Rng, i: usize) -> String {
    let base = format!("{} {}", rng.pick(EN_ADJ), rng.pick(EN_NOUN));
    match rng.below(4) {
        0 => format!("{base} of the {}", rng.pick(EN_NOUN)),
        1 => format!("My {base}"),
        _ => format!("{base} {}", i % 97 + 1),
    }
}

fn korean_title(rng: &mut Rng) -> String {
    let mut title = String::new();
    for i in 0..2 + rng.below(2) {
        let word: &&str = rng.pick(KO_WORD);
        title.push_str(word);
        if i < 2 {
            let particle: &&str = rng.pick(KO_PARTICLE);
            title.push_str(particle);
        }
    }
    title.trim().to_owned()
}

/// Inserts `dramas` dramas and `tracks` tracks through the catalog store as an import
/// writes new entries (so the search index is built exactly as in production): each chunk
/// of 2 000 rows in a few multi-row statements, then their search keys at once; and at the
/// end the trigram index merged, as a bulk import ends.
pub async fn populate(db: &Database, dramas: usize, tracks: usize) -> anyhow::Result<Generated> {
    let mut rng = Rng::new(0x05_7B07);
    let mut out = Generated {
        drama_titles: Vec::with_capacity(dramas),
        drama_titles_ko: Vec::with_capacity(dramas),
        track_titles: Vec::with_capacity(tracks),
        drama_ids: Vec::with_capacity(dramas),
        track_ids: Vec::with_capacity(tracks),
    };
    for chunk in (0..dramas).collect::<Vec<_>>().chunks(2_000) {
        let mut tx = db.handle().begin_write().await?;
        let mut new = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let title = english_title(&mut rng, i);
            let title_ko = korean_title(&mut rng);
            let drama = NewDrama {
                slug: format!("bench-drama-{i}"),
                title: title.clone(),
                title_ko: Some(title_ko.clone()),
                alt_titles: vec![format!("{title} ({})", 2000 + i % 26)],
                year: Some(2000 + (i % 26) as i32),
                network: Some(rng.pick(NETWORKS).to_string()),
                genres: vec![rng.pick(GENRES).to_string(), rng.pick(GENRES).to_string()],
                episodes: Some(12 + rng.below(40) as i32),
                mdl_rating: Some(6.0 + rng.below(40) as f64 / 10.0),
                mdl_votes: Some(rng.below(60_000) as i64),
            };
            new.push(drama);
            out.drama_titles.push(title);
            out.drama_titles_ko.push(title_ko);
        }
        let written = catalog::insert_dramas(tx.handle(), Scope::Global, &new, None).await?;
        out.drama_ids
            .extend(written.iter().map(|id| id.to_i64_bits()));
        catalog::reindex(tx.handle(), &written, &[]).await?;
        tx.commit().await?;
    }
    for chunk in (0..tracks).collect::<Vec<_>>().chunks(2_000) {
        let mut tx = db.handle().begin_write().await?;
        let mut new = Vec::with_capacity(chunk.len());
        for &i in chunk {
            let drama = out.drama_ids[i % out.drama_ids.len()];
            let latin = rng.below(3) > 0;
            let title = if latin {
                format!("{} {}", rng.pick(EN_ADJ), rng.pick(EN_NOUN))
            } else {
                korean_title(&mut rng)
            };
            let artist_index = rng.below(ARTIST_LATIN.len());
            // One track in four is a duet: two credited artists, as "찬열 & 펀치" gives.
            let (artist, artist_ko) = if i % 4 == 0 {
                let second =
                    (artist_index + 1 + rng.below(ARTIST_LATIN.len() - 1)) % ARTIST_LATIN.len();
                (
                    format!("{} & {}", ARTIST_LATIN[artist_index], ARTIST_LATIN[second]),
                    format!("{} & {}", ARTIST_KO[artist_index], ARTIST_KO[second]),
                )
            } else {
                (
                    ARTIST_LATIN[artist_index].to_owned(),
                    ARTIST_KO[artist_index].to_owned(),
                )
            };
            let track = NewTrack {
                slug: format!("bench-track-{i}"),
                drama_id: ostbot::catalog::DramaId::try_from(drama)?,
                title: title.clone(),
                title_ko: None,
                artist: Some(artist),
                artist_ko: Some(artist_ko),
                ost_part: Some((i % 12) as i32 + 1),
                year: Some(2000 + (i % 26) as i32),
                album: Some(format!("OST Part.{}", i % 12 + 1)),
                links: Vec::new(),
                verified: true,
            };
            new.push(track);
            out.track_titles.push(title);
        }
        let written = catalog::insert_tracks(tx.handle(), Scope::Global, &new, None).await?;
        out.track_ids
            .extend(written.iter().map(|id| id.to_i64_bits()));
        catalog::reindex(tx.handle(), &[], &written).await?;
        tx.commit().await?;
    }
    catalog::search::compact_trigrams(db.handle()).await?;
    Ok(out)
}

/// Fan-style queries over the generated titles: prefixes as typed
/// keystroke by keystroke, Hangul fragments, a dropped letter, artists.
pub fn queries(data: &Generated, n: usize) -> Vec<String> {
    let mut rng = Rng::new(0xA11CE);
    (0..n)
        .map(|_| match rng.below(5) {
            0 => {
                let t = rng.pick(&data.drama_titles);
                t.chars().take(2 + rng.below(10)).collect()
            }
            1 => {
                let t = rng.pick(&data.drama_titles_ko);
                t.chars().take(1 + rng.below(5)).collect()
            }
            2 => {
                let t: Vec<char> = rng.pick(&data.track_titles).chars().collect();
                let cut = rng.below(t.len());
                t.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != cut)
                    .map(|(_, c)| c)
                    .collect()
            }
            3 => rng.pick(ARTIST_LATIN).to_lowercase(),
            _ => rng.pick(&data.track_titles).clone(),
        })
        .collect()
}
