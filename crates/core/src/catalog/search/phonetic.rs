//! A lossy phonetic key for Latin text (romanized Korean or English), applied to both the
//! indexed keys and the query, so that the casual spellings fans use meet the RR spelling:
//! eo/o, eu/u, oo/u, ee/i, ae/e, eui/ui, k/g/c, t/d, p/b, ch/j, sh/s, r/l, doubled letters,
//! hyphens and spaces all collapse. "Sarangui Boolshichak", "sarang-ui bulsijak" and
//! "saranguibulsichak" share one key.

/// The phonetic key of `s`, which should already be normalized (lowercase) and romanized.
/// Spaces and punctuation are dropped; letters outside ASCII are kept as they are.
pub fn phonetic_key(s: &str) -> String {
    let chars: Vec<char> = s.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut out = String::with_capacity(chars.len());
    let mut last: Option<char> = None;
    let mut i = 0;
    let at = |j: usize| chars.get(j).copied().unwrap_or('\0');
    while i < chars.len() {
        let (c0, c1, c2) = (at(i), at(i + 1), at(i + 2));
        let (emit, used): (&str, usize) = match (c0, c1, c2) {
            ('t', 'c', 'h') => ("j", 3),
            ('e', 'u', 'i') => ("ui", 3),
            ('s', 'h', _) => ("s", 2),
            ('c', 'h', _) => ("j", 2),
            ('p', 'h', _) => ("p", 2),
            ('t', 'h', _) => ("t", 2),
            ('k', 'h', _) | ('g', 'h', _) => ("k", 2),
            ('c', 'k', _) => ("k", 2),
            ('e', 'o', _) => ("o", 2),
            ('e', 'u', _) => ("u", 2),
            ('o', 'o', _) => ("u", 2),
            ('e', 'e', _) => ("i", 2),
            ('a', 'e', _) => ("e", 2),
            ('g', _, _) | ('k', _, _) | ('c', _, _) | ('q', _, _) => ("k", 1),
            ('d', _, _) | ('t', _, _) => ("t", 1),
            ('b', _, _) | ('p', _, _) => ("p", 1),
            ('r', _, _) | ('l', _, _) => ("l", 1),
            ('z', _, _) | ('j', _, _) => ("j", 1),
            ('x', _, _) => ("ks", 1),
            // "jyeo"/"syo" are said (and often typed) without the y.
            ('y', _, _) if matches!(last, Some('j') | Some('s')) => ("", 1),
            _ => ("", 0),
        };
        if used == 0 {
            if last != Some(c0) {
                out.push(c0);
                last = Some(c0);
            }
            i += 1;
            continue;
        }
        for e in emit.chars() {
            if last != Some(e) {
                out.push(e);
                last = Some(e);
            }
        }
        i += used;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::phonetic_key as key;

    #[test]
    fn casual_spellings_share_a_key() {
        let same = |a: &str, b: &str| assert_eq!(key(a), key(b), "{a} vs {b}");
        same(
            "sarangui bulsichak",
            "Sarangui Boolshichak".to_lowercase().as_str(),
        );
        same("sarangui bulsichak", "sarang-ui bul si jak");
        same("sarangui bulsichak", "saranguibulsichak");
        same("nunmurui yeowang", "nunmului yowang");
        same("taeyangui huye", "taeyangeui hooye");
        same("dokkaebi", "dokebi");
        same("dokkaebi", "tokkaepi");
        same("seulgiroun", "sulgiroun");
        same("hoobae", "hube");
        same("jeongnyeon", "jongnyon");
        same("shi", "si");
        same("geudae", "kudae");
        same("eun", "un");
        same("syaini", "saini");
    }

    #[test]
    fn keeps_distinct_words_apart() {
        assert_ne!(key("sarang"), key("saram"));
        assert_ne!(key("goblin"), key("guardian"));
        assert_eq!(key("crash landing on you"), "klaslantinkonyou");
        assert_eq!(key("사랑"), "사랑");
    }
}
