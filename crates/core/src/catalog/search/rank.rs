//! Scoring one indexed key against the query: pure functions, no I/O.

use super::normalize::is_hangul;

/// The query in the forms keys are compared in.
#[derive(Clone, Debug)]
pub struct QueryForms {
    /// Normalized words, one space apart.
    pub norm: String,
    /// `norm` without spaces.
    pub compact: String,
    /// Phonetic key of the romanized query.
    pub phon: String,
}

/// Where a key comes from. The discriminants are stored in `search_keys.field`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title = 0,
    TitleKo = 1,
    Alt = 2,
    Initials = 3,
    Artist = 4,
}

impl Field {
    pub fn from_db(v: i64) -> Field {
        match v {
            0 => Field::Title,
            1 => Field::TitleKo,
            3 => Field::Initials,
            4 => Field::Artist,
            _ => Field::Alt,
        }
    }

    /// How much a perfect match on this field is worth: title > alternative > artist.
    pub fn weight(self) -> f32 {
        match self {
            Field::Title | Field::TitleKo => 1.0,
            Field::Alt => 0.93,
            Field::Initials => 0.9,
            Field::Artist => 0.88,
        }
    }
}

/// A track found through its drama is worth this share of the drama's score.
pub const VIA_DRAMA: f32 = 0.9;
/// Candidates whose match quality is below this are dropped.
pub const MIN_QUALITY: f32 = 0.55;
/// The most a popularity prior can add: enough to order near-equal matches, never enough to put
/// a prefix match above an exact one.
pub const PRIOR_WEIGHT: f32 = 0.05;
/// What a special or behind-the-scenes entry loses against its main drama.
pub const SPECIAL_PENALTY: f32 = 0.03;

/// 0..1 popularity from a vote count: log-scaled, 300 000 votes and more is 1.
pub fn popularity(votes: Option<i64>) -> f64 {
    let v = votes.unwrap_or(0).max(0) as f64;
    ((v + 1.0).log10() / 5.5).clamp(0.0, 1.0)
}

/// The final score of a key: its match quality weighted by field, plus the popularity prior.
pub fn final_score(quality: f32, field: Field, popularity: f64, special: bool) -> f32 {
    let prior = PRIOR_WEIGHT * popularity as f32;
    let penalty = if special { SPECIAL_PENALTY } else { 0.0 };
    quality * field.weight() + prior - penalty
}

/// How well the query matches a key (0 = not at all, 1 = exactly), comparing the written
/// forms and, a little below, the phonetic forms.
pub fn match_quality(
    q: &QueryForms,
    key_norm: &str,
    key_compact: &str,
    key_phon: &str,
    field: Field,
) -> f32 {
    if field == Field::Initials {
        // Initials only count whole: "cl" is not a reason to suggest Crash Landing on You.
        // Two Latin letters ("hp") are also how a title starts being typed: below a prefix.
        return match q.compact == key_compact {
            false => 0.0,
            true if key_compact.len() <= 2 && key_compact.is_ascii() => 0.9,
            true => 1.0,
        };
    }
    let query_hangul = q.compact.chars().any(is_hangul);
    let key_hangul = key_compact.chars().any(is_hangul);
    // Written forms in different scripts cannot match: skip the comparison (and its costly
    // misspelling step).
    let written = if query_hangul == key_hangul {
        written_quality(q, key_norm, key_compact)
    } else {
        0.0
    };
    // Between two Hangul texts the written form decides; the phonetic key only forgives a
    // little (it maps 도깨 onto "더 케이투" as well). Across scripts it is the only bridge.
    let discount = if query_hangul && key_hangul {
        0.9
    } else {
        0.97
    };
    // A phonetic form that lost most of the query ("qqqq" → "k") would match anything.
    let degenerate = q.phon.chars().count() * 2 < q.compact.chars().count();
    let phonetic = if degenerate {
        0.0
    } else {
        string_quality(&q.phon, key_phon, false) * discount
    };
    written.max(phonetic)
}

fn written_quality(q: &QueryForms, key_norm: &str, key_compact: &str) -> f32 {
    let base = string_quality(&q.compact, key_compact, q.compact.chars().any(is_hangul));
    if base >= 0.88 {
        return base;
    }
    // The query starts a later word of the key: "landing on" in "crash landing on you",
    // "여왕" in "눈물의 여왕".
    let qlen = q.compact.chars().count();
    if qlen >= 2 {
        let mut rest = key_norm;
        while let Some(pos) = rest.find(' ') {
            rest = &rest[pos + 1..];
            let suffix: String = rest.chars().filter(|c| *c != ' ').collect();
            if suffix.starts_with(q.compact.as_str()) {
                let ratio = qlen as f32 / key_compact.chars().count().max(1) as f32;
                // Whole words ("playlist" in "hospital playlist") say more than a word begun.
                let whole = rest == q.norm || rest.starts_with(&format!("{} ", q.norm));
                let floor = if whole { 0.86 } else { 0.82 };
                return base.max(floor + 0.03 * ratio);
            }
        }
    }
    base
}

/// Exact 1.0; prefix 0.88–0.95; substring 0.72–0.8; a close misspelling of the whole key or of
/// its beginning 0.6–0.85; otherwise 0.
fn string_quality(q: &str, key: &str, hangul: bool) -> f32 {
    if q.is_empty() || key.is_empty() {
        return 0.0;
    }
    if q == key {
        return 1.0;
    }
    let qlen = q.chars().count();
    let klen = key.chars().count();
    let ratio = qlen as f32 / klen.max(1) as f32;
    if key.starts_with(q) {
        return 0.88 + 0.07 * ratio;
    }
    // Two Hangul syllables are a word; two Latin letters are not.
    let min_sub = if hangul { 2 } else { 3 };
    if qlen >= min_sub && key.contains(q) {
        return 0.72 + 0.08 * ratio;
    }
    if qlen < 4 {
        return 0.0;
    }
    fuzzy(q, key, qlen, klen)
}

/// Typo tolerance: optimal string alignment distance to the whole key, or to a key prefix of
/// about the query's length (the member is still typing).
fn fuzzy(q: &str, key: &str, qlen: usize, klen: usize) -> f32 {
    const MAX_CHARS: usize = 96;
    let key: String = key.chars().take(MAX_CHARS).collect();
    let klen = klen.min(MAX_CHARS);
    // One edit per four characters, at most.
    let allowed = (qlen / 4).max(1);
    let mut best = 0.0f32;
    if klen.abs_diff(qlen) <= allowed {
        let d = strsim::osa_distance(q, &key);
        if d <= allowed {
            let sim = 1.0 - d as f32 / qlen.max(klen) as f32;
            best = best.max(0.6 + 0.25 * sim);
        }
    }
    if klen > qlen && qlen >= 5 {
        for len in [qlen.saturating_sub(1), qlen, qlen + 1] {
            if len == 0 || len > klen {
                continue;
            }
            let prefix: String = key.chars().take(len).collect();
            let d = strsim::osa_distance(q, &prefix);
            if d <= allowed {
                let sim = 1.0 - d as f32 / qlen.max(len) as f32;
                best = best.max(0.55 + 0.25 * sim);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::search::query_forms;

    fn quality(query: &str, key: &str, field: Field) -> f32 {
        let q = query_forms(query).expect("non-empty query");
        let k = crate::catalog::search::index::key_forms(key).expect("non-empty key");
        match_quality(&q, &k.norm, &k.compact, &k.phon, field)
    }

    #[test]
    fn exact_beats_prefix_beats_substring_beats_typo() {
        let exact = quality("crash landing on you", "Crash Landing on You", Field::Title);
        let prefix = quality("crash landing", "Crash Landing on You", Field::Title);
        let word = quality("landing on", "Crash Landing on You", Field::Title);
        let typo = quality("crash landng on you", "Crash Landing on You", Field::Title);
        assert_eq!(exact, 1.0);
        assert!(
            prefix > word && word > typo && typo > MIN_QUALITY,
            "{prefix} {word} {typo}"
        );
        let special = quality(
            "crash landing on you",
            "Crash Landing on You Special: Lunar New Year",
            Field::Title,
        );
        assert!(special < exact && special > 0.9);
    }

    #[test]
    fn romanized_and_spaceless_korean_match() {
        assert!(quality("sarangui bulsichak", "사랑의 불시착", Field::TitleKo) > 0.95);
        assert!(quality("nunmurui yeowang", "눈물의 여왕", Field::TitleKo) > 0.95);
        assert!(quality("사랑의불시착", "사랑의 불시착", Field::TitleKo) == 1.0);
        assert!(quality("눈물의", "눈물의 여왕", Field::TitleKo) > 0.9);
        assert!(quality("여왕", "눈물의 여왕", Field::TitleKo) > 0.8);
        assert!(quality("사랑의 불시착", "Sarangui Boolshichak", Field::Alt) > 0.95);
    }

    #[test]
    fn unrelated_keys_score_zero() {
        assert_eq!(quality("goblin", "Crash Landing on You", Field::Title), 0.0);
        assert_eq!(quality("cl", "Crash Landing on You", Field::Initials), 0.0);
        assert_eq!(quality("cloy", "CLOY", Field::Initials), 1.0);
        assert_eq!(quality("xy", "Crash Landing", Field::Title), 0.0);
        assert_eq!(quality("qqqq", "Kim Na Young", Field::Artist), 0.0);
        // Two letters at a word start are a fair autocomplete suggestion.
        assert!(quality("xy", "Crash Xylophone", Field::Title) > 0.8);
    }

    #[test]
    fn popularity_orders_equal_matches_only() {
        let popular = final_score(1.0, Field::Title, popularity(Some(150_000)), false);
        let obscure = final_score(1.0, Field::Title, popularity(Some(300)), false);
        let popular_prefix = final_score(0.93, Field::Title, popularity(Some(150_000)), false);
        assert!(popular > obscure);
        assert!(obscure > popular_prefix);
        let special = final_score(1.0, Field::Alt, popularity(Some(2_400)), true);
        let main = final_score(1.0, Field::TitleKo, popularity(Some(155_000)), false);
        assert!(main > special);
        assert_eq!(popularity(None), 0.0);
        assert_eq!(popularity(Some(10_000_000)), 1.0);
    }
}
