//! Text normalization shared by the index and the query side.
//!
//! `normalize` folds width, case, diacritics and punctuation so that "Crash-Landing on You!",
//! "crash landing on you" and "ＣＲＡＳＨ　ＬＡＮＤＩＮＧ ON YOU" all give the same words.
//! Hangul is kept as precomposed syllables (NFC); compatibility jamo typed alone stay as they are.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest query we look at, in characters. Titles longer than this do not exist; anything past
/// it is noise (or abuse) and would only make the similarity functions slow.
pub const MAX_QUERY_CHARS: usize = 64;

/// Folds `s` into lowercase words separated by single spaces.
///
/// - NFKC (full-width Latin, ligatures, circled digits), then diacritics removed (é → e) while
///   Hangul syllables are recomposed;
/// - apostrophes vanish inside words ("Love's" → "loves");
/// - every other non-alphanumeric character separates words.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // NFKD splits accents from letters (and Hangul syllables into jamo); dropping the marks and
    // recomposing with NFC gives accent-free Latin and whole Hangul syllables again.
    let folded: String = s.nfkd().filter(|c| !is_combining_mark(*c)).nfc().collect();
    for c in folded.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for l in c.to_lowercase() {
                out.push(fold_letter(l));
            }
        } else {
            pending_space = true;
        }
    }
    out
}

/// [`normalize`] of at most [`MAX_QUERY_CHARS`] characters of `s` (a user query).
pub fn normalize_query(s: &str) -> String {
    // Cut before normalizing so that a 10 000-character paste costs nothing; NFKC can only grow
    // the text a little, so cut the result again.
    let head: String = s.chars().take(MAX_QUERY_CHARS * 2).collect();
    let mut n = normalize(&head);
    if let Some((idx, _)) = n.char_indices().nth(MAX_QUERY_CHARS) {
        n.truncate(idx);
    }
    n.trim_end().to_string()
}

/// `s` without its spaces: "사랑의 불시착" and "사랑의불시착" are the same key.
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The first syllables of each word of a multi-word Hangul title, the fans' abbreviation:
/// "선재 업고 튀어" → "선업튀", "눈물의 여왕" → "눈여", the word initials first. Empty unless
/// every word starts with a Hangul syllable.
pub fn hangul_initials(normalized: &str) -> Vec<String> {
    let words: Vec<Vec<char>> = normalized
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect();
    if words.len() < 2 || words.len() > 8 || words.iter().any(|w| !is_hangul(w[0])) {
        return Vec::new();
    }
    // A four-syllable word is often two nouns (의사 + 생활), and fans may take the first
    // syllable of each ("슬기로운 의사생활" → 슬의생): every choice, up to three such words.
    let mut variants: Vec<String> = vec![String::new()];
    for w in &words {
        let compound = w.len() == 4 && w.iter().all(|c| is_hangul(*c));
        let mut next = Vec::new();
        for v in &variants {
            next.push(format!("{v}{}", w[0]));
            if compound && variants.len() < 8 {
                next.push(format!("{v}{}{}", w[0], w[2]));
            }
        }
        variants = next;
    }
    variants
}

/// The initials of a multi-word Latin title: "crash landing on you" → "cloy". `None` when the
/// title has fewer than two words or is not Latin (Hangul initials are not a fan habit).
pub fn initials(normalized: &str) -> Option<String> {
    let words: Vec<&str> = normalized.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() < 2 || words.len() > 12 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        let c = w.chars().next()?;
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        // "2" in "Hospital Playlist 2" stays a digit: fans write "HP2".
        out.push(c);
    }
    Some(out)
}

/// True when `s` contains at least one Hangul syllable or jamo.
pub fn has_hangul(s: &str) -> bool {
    s.chars().any(is_hangul)
}

pub fn is_hangul(c: char) -> bool {
    matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{00B4}')
}

/// Letters that NFKD does not take apart but that fans type without their stroke.
fn fold_letter(c: char) -> char {
    match c {
        'ø' => 'o',
        'ł' => 'l',
        'đ' => 'd',
        'ß' => 's',
        'æ' => 'a',
        'ı' => 'i',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_punctuation_and_width() {
        assert_eq!(normalize("Crash Landing on You"), "crash landing on you");
        assert_eq!(
            normalize("  Crash-Landing   on You!! "),
            "crash landing on you"
        );
        assert_eq!(normalize("ＣＲＡＳＨ　Ｌａｎｄｉｎｇ"), "crash landing");
        assert_eq!(
            normalize("Guardian: The Lonely and Great God"),
            "guardian the lonely and great god"
        );
        assert_eq!(
            normalize("It's Okay to Not Be Okay"),
            "its okay to not be okay"
        );
        assert_eq!(
            normalize("Love’s Emergency Landing"),
            "loves emergency landing"
        );
        assert_eq!(normalize("Mr. Queen"), "mr queen");
        assert_eq!(normalize("Zion.T"), "zion t");
    }

    #[test]
    fn strips_diacritics_but_keeps_hangul_whole() {
        assert_eq!(normalize("Láska padá z nebe"), "laska pada z nebe");
        assert_eq!(normalize("Descendenții Soarelui"), "descendentii soarelui");
        assert_eq!(normalize("사랑의 불시착"), "사랑의 불시착");
        assert_eq!(normalize("더 킹 : 영원의 군주"), "더 킹 영원의 군주");
        assert_eq!(normalize("連 - 다홍치마"), "連 다홍치마");
    }

    #[test]
    fn query_is_bounded() {
        let long = "a".repeat(10_000);
        assert_eq!(normalize_query(&long).chars().count(), MAX_QUERY_CHARS);
        assert_eq!(normalize_query("   "), "");
        assert_eq!(normalize_query("?!…"), "");
        let hangul = "가 ".repeat(5_000);
        assert!(normalize_query(&hangul).chars().count() <= MAX_QUERY_CHARS);
    }

    #[test]
    fn compact_and_initials() {
        assert_eq!(compact("사랑의 불시착"), "사랑의불시착");
        assert_eq!(initials("crash landing on you").as_deref(), Some("cloy"));
        assert_eq!(initials("descendants of the sun").as_deref(), Some("dots"));
        assert_eq!(initials("goblin"), None);
        assert_eq!(initials("hospital playlist").as_deref(), Some("hp"));
        assert_eq!(hangul_initials("선재 업고 튀어"), ["선업튀"]);
        assert_eq!(
            hangul_initials("슬기로운 의사생활"),
            ["슬의", "슬의생", "슬로의", "슬로의생"]
        );
        assert!(hangul_initials("도깨비").is_empty());
        assert_eq!(initials("사랑의 불시착"), None);
        assert_eq!(initials("hospital playlist 2").as_deref(), Some("hp2"));
    }
}
