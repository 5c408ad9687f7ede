//! Which language a page is in: `?lang=` when the reader chose one with the
//! switcher, else the browser's `Accept-Language`, else English.

use crate::locale::Locale;

/// The page's language and whether the reader chose it (then links keep it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang {
    pub locale: Locale,
    pub chosen: bool,
}

impl Lang {
    pub fn pick(query: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(locale) = query.and_then(shipped) {
            return Lang {
                locale,
                chosen: true,
            };
        }
        Lang {
            locale: accept_language.map(negotiate).unwrap_or_default(),
            chosen: false,
        }
    }

    /// The `lang` attribute of the document (BCP 47).
    pub fn code(self) -> &'static str {
        match self.locale {
            Locale::En => "en",
            other => other.discord_code(),
        }
    }
}

/// A code naming one of the shipped languages exactly (`?lang=`).
fn shipped(code: &str) -> Option<Locale> {
    Locale::ALL
        .into_iter()
        .find(|l| l.discord_code().eq_ignore_ascii_case(code) || l.folder() == code)
}

/// The best shipped language for an `Accept-Language` header: by quality,
/// then order; `es-MX` finds Latin American Spanish, `pt-PT` Portuguese.
pub fn negotiate(header: &str) -> Locale {
    let mut ranges: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(order, part)| {
            let mut pieces = part.split(';');
            let range = pieces.next()?.trim();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!range.is_empty() && quality > 0.0).then_some((quality, order, range))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    ranges
        .into_iter()
        .find_map(|(_, _, range)| matching(range))
        .unwrap_or_default()
}

fn matching(range: &str) -> Option<Locale> {
    let lower = range.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or_default();
    match primary {
        "en" => Some(Locale::En),
        "ko" | "es" | "pt" | "id" | "in" => Some(Locale::from_discord(match lower.as_str() {
            "es" => "es-419",
            "in" => "id",
            other => other,
        })),
        _ => None,
    }
    .filter(|l| *l != Locale::En || primary == "en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switcher_wins_then_the_browser_then_english() {
        assert_eq!(Lang::pick(Some("ko"), Some("en")).locale, Locale::Ko);
        assert!(Lang::pick(Some("pt-BR"), None).chosen);
        assert_eq!(Lang::pick(Some("xx"), Some("ko-KR")).locale, Locale::Ko);
        assert!(!Lang::pick(Some("xx"), Some("ko-KR")).chosen);
        assert_eq!(Lang::pick(None, None).locale, Locale::En);
    }

    #[test]
    fn accept_language_is_read_by_quality_and_region() {
        assert_eq!(negotiate("fr-FR,fr;q=0.9,ko;q=0.8,en;q=0.5"), Locale::Ko);
        assert_eq!(negotiate("en;q=0.3, id"), Locale::Id);
        assert_eq!(negotiate("es-MX"), Locale::Es419);
        assert_eq!(negotiate("es-ES,es;q=0.9"), Locale::EsEs);
        assert_eq!(negotiate("es"), Locale::Es419);
        assert_eq!(negotiate("pt-PT"), Locale::PtBr);
        assert_eq!(negotiate("de, ja;q=0.5"), Locale::En);
        assert_eq!(negotiate("ko;q=0, en"), Locale::En);
        assert_eq!(negotiate(";;,q=,"), Locale::En);
    }
}
