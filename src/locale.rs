//! The two languages members are answered in, chosen by the interaction's
//! `locale` (Discord sends `ko` for Korean clients).

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    En,
    Ko,
}

impl Locale {
    /// Discord locale codes: `ko` is Korean, everything else falls back to English.
    pub fn from_discord(code: &str) -> Self {
        if code.eq_ignore_ascii_case("ko") || code.to_ascii_lowercase().starts_with("ko-") {
            Locale::Ko
        } else {
            Locale::En
        }
    }

    /// Picks the text for this locale.
    pub fn pick<T>(self, en: T, ko: T) -> T {
        match self {
            Locale::En => en,
            Locale::Ko => ko,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_codes_pick_korean() {
        assert_eq!(Locale::from_discord("ko"), Locale::Ko);
        assert_eq!(Locale::from_discord("en-US"), Locale::En);
        assert_eq!(Locale::from_discord("fr"), Locale::En);
        assert_eq!(Locale::Ko.pick("hi", "안녕"), "안녕");
    }
}
