//! The languages members are answered in, chosen by the interaction's
//! `locale` (Discord's codes: `ko`, `es-ES`, `es-419`, `pt-BR`, `id`, …).
//! Anything else is answered in English.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    En,
    Ko,
    EsEs,
    Es419,
    PtBr,
    Id,
}

impl Locale {
    /// Every shipped language, English (the fallback) first.
    pub const ALL: [Locale; 6] = [
        Locale::En,
        Locale::Ko,
        Locale::EsEs,
        Locale::Es419,
        Locale::PtBr,
        Locale::Id,
    ];

    /// Discord locale codes; unknown ones fall back to English.
    pub fn from_discord(code: &str) -> Self {
        let code = code.to_ascii_lowercase();
        match code.as_str() {
            "es-es" => Locale::EsEs,
            "es-419" => Locale::Es419,
            "pt-br" => Locale::PtBr,
            "id" => Locale::Id,
            c if c == "ko" || c.starts_with("ko-") => Locale::Ko,
            c if c.starts_with("es-") => Locale::Es419,
            c if c.starts_with("pt") => Locale::PtBr,
            c if c.starts_with("id-") => Locale::Id,
            _ => Locale::En,
        }
    }

    /// The code Discord uses for this language (command localizations, `/config language`).
    pub fn discord_code(self) -> &'static str {
        match self {
            Locale::En => "en-US",
            Locale::Ko => "ko",
            Locale::EsEs => "es-ES",
            Locale::Es419 => "es-419",
            Locale::PtBr => "pt-BR",
            Locale::Id => "id",
        }
    }

    /// The folder of this language's Fluent files under `locales/`.
    pub fn folder(self) -> &'static str {
        match self {
            Locale::En => "en",
            other => other.discord_code(),
        }
    }

    /// The language's own name, for pickers.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ko => "한국어",
            Locale::EsEs => "Español (España)",
            Locale::Es419 => "Español (Latinoamérica)",
            Locale::PtBr => "Português (Brasil)",
            Locale::Id => "Bahasa Indonesia",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_codes_pick_their_language() {
        assert_eq!(Locale::from_discord("ko"), Locale::Ko);
        assert_eq!(Locale::from_discord("en-US"), Locale::En);
        assert_eq!(Locale::from_discord("fr"), Locale::En);
        assert_eq!(Locale::from_discord("es-ES"), Locale::EsEs);
        assert_eq!(Locale::from_discord("es-419"), Locale::Es419);
        assert_eq!(Locale::from_discord("pt-BR"), Locale::PtBr);
        assert_eq!(Locale::from_discord("id"), Locale::Id);
    }

    #[test]
    fn codes_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_discord(locale.discord_code()), locale);
        }
    }
}
