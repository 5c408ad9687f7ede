//! Reading the structure of a fan's query before it is searched: "goblin ost part 1",
//! "도깨비 ost part.9", "CLOY part 2", "사랑의 불시착 OST 2", "goblin 2016". Pure functions.

use super::normalize::normalize_query;

/// A query split into the words to search and what the other words say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The words left to search, normalized ("goblin").
    pub text: String,
    /// The OST part asked for ("part 1", "pt.9", "OST 2", "파트 3").
    pub part: Option<i32>,
    /// A first-broadcast year typed after a title ("goblin 2016").
    pub year: Option<i32>,
    /// Whether the query says "OST" (or "사운드트랙").
    pub ost: bool,
}

fn is_ost(word: &str) -> bool {
    matches!(word, "ost" | "soundtrack" | "오에스티" | "사운드트랙")
}

fn is_part_word(word: &str) -> bool {
    matches!(word, "part" | "pt" | "파트" | "vol")
}

/// "part9", "pt9", "파트9": a part word and its number written together.
fn joined_part(word: &str) -> Option<i32> {
    for prefix in ["part", "pt", "파트"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
                return rest.parse().ok();
            }
        }
    }
    None
}

fn number(word: &str) -> Option<i32> {
    if word.is_empty() || word.len() > 3 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    word.parse().ok()
}

/// Splits a query into its searched words, an OST part, a year and an "OST" mark. The
/// structure words are only taken out when words to search remain ("part 2" alone, "2016",
/// "OST" alone stay as typed: they may be titles).
pub fn parse_query(query: &str) -> ParsedQuery {
    let norm = normalize_query(query);
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut part = None;
    let mut year = None;
    let mut ost = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied();
        if is_ost(w) {
            ost = true;
            // "OST 2", "ost part 2" read on.
            if let Some(n) = next.and_then(number) {
                part = Some(n);
                i += 2;
                continue;
            }
            i += 1;
            continue;
        }
        if is_part_word(w) && i > 0 {
            if let Some(n) = next.and_then(number) {
                part = Some(n);
                i += 2;
                continue;
            }
        }
        if i > 0 {
            if let Some(n) = joined_part(w) {
                part = Some(n);
                i += 1;
                continue;
            }
        }
        if i > 0 && i + 1 == words.len() && w.len() == 4 {
            if let Ok(y) = w.parse::<i32>() {
                if (1950..=2035).contains(&y) {
                    year = Some(y);
                    i += 1;
                    continue;
                }
            }
        }
        kept.push(w);
        i += 1;
    }
    if kept.is_empty() {
        return ParsedQuery {
            text: norm,
            ..ParsedQuery::default()
        };
    }
    ParsedQuery {
        text: kept.join(" "),
        part,
        year,
        ost,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str, part: Option<i32>, year: Option<i32>, ost: bool) -> ParsedQuery {
        ParsedQuery {
            text: text.to_owned(),
            part,
            year,
            ost,
        }
    }

    #[test]
    fn drama_and_part() {
        assert_eq!(
            parse_query("goblin ost part 1"),
            parsed("goblin", Some(1), None, true)
        );
        assert_eq!(
            parse_query("도깨비 ost part.9"),
            parsed("도깨비", Some(9), None, true)
        );
        assert_eq!(
            parse_query("CLOY part 2"),
            parsed("cloy", Some(2), None, false)
        );
        assert_eq!(
            parse_query("사랑의 불시착 OST 2"),
            parsed("사랑의 불시착", Some(2), None, true)
        );
        assert_eq!(
            parse_query("hotel del luna pt.3"),
            parsed("hotel del luna", Some(3), None, false)
        );
        assert_eq!(
            parse_query("도깨비 OST Part9"),
            parsed("도깨비", Some(9), None, true)
        );
    }

    #[test]
    fn drama_tracklists_and_years() {
        assert_eq!(
            parse_query("goblin ost"),
            parsed("goblin", None, None, true)
        );
        assert_eq!(
            parse_query("도깨비 OST"),
            parsed("도깨비", None, None, true)
        );
        assert_eq!(
            parse_query("goblin 2016"),
            parsed("goblin", None, Some(2016), false)
        );
    }

    #[test]
    fn titles_and_artists_stay_whole() {
        assert_eq!(
            parse_query("stay with me chanyeol"),
            parsed("stay with me chanyeol", None, None, false)
        );
        assert_eq!(
            parse_query("크러쉬 beautiful"),
            parsed("크러쉬 beautiful", None, None, false)
        );
        // Structure words alone are what was typed.
        assert_eq!(parse_query("OST"), parsed("ost", None, None, false));
        assert_eq!(parse_query("2016"), parsed("2016", None, None, false));
        // A number inside a title is not a part: "Reply 1988", "Hospital Playlist 2".
        assert_eq!(
            parse_query("reply 1988"),
            parsed("reply", None, Some(1988), false)
        );
        assert_eq!(
            parse_query("hospital playlist 2"),
            parsed("hospital playlist 2", None, None, false)
        );
        assert_eq!(parse_query("part of me").text, "part of me");
    }
}
