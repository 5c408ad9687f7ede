//! The page shell every public page shares: the document head (language,
//! Open Graph), the header with its navigation, the language switcher and
//! the footer. Pages fill in [`Page`]; [`View`] knows where they are.

use super::lang::Lang;
use crate::i18n::{tr, FluentValue};
use crate::locale::Locale;
use maud::{html, Markup, DOCTYPE};

/// Where a page is and in which language.
#[derive(Clone, Debug)]
pub struct View {
    pub lang: Lang,
    pub slug: String,
    /// The path under the server's pages (`/drama/3`, empty for home).
    pub path: String,
    /// Query parameters the page was asked with, but `lang`.
    pub query: Vec<(String, String)>,
    /// `https://host` for absolute links (Open Graph).
    pub origin: String,
}

impl View {
    pub fn locale(&self) -> Locale {
        self.lang.locale
    }

    /// One Fluent message in the page's language.
    pub fn t(&self, id: &str) -> String {
        tr(self.lang.locale, id, &[])
    }

    /// One Fluent message with values.
    pub fn tw(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        tr(self.lang.locale, id, args)
    }

    /// A link to another of the server's pages, keeping a chosen language.
    pub fn link(&self, path: &str) -> String {
        self.with_lang(&format!("/s/{}{path}", self.slug), &[], self.lang)
    }

    /// A link to a page with its query, keeping a chosen language.
    pub fn link_with(&self, path: &str, query: &[(&str, String)]) -> String {
        self.with_lang(&format!("/s/{}{path}", self.slug), query, self.lang)
    }

    /// This page, in another language.
    fn switched(&self, locale: Locale) -> String {
        let query: Vec<(&str, String)> = self
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let lang = Lang {
            locale,
            chosen: true,
        };
        self.with_lang(&format!("/s/{}{}", self.slug, self.path), &query, lang)
    }

    fn with_lang(&self, path: &str, query: &[(&str, String)], lang: Lang) -> String {
        let mut pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if lang.chosen {
            pairs.push(("lang", lang.code()));
        }
        if pairs.is_empty() {
            return path.to_owned();
        }
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        format!("{path}?{}", encoded.join("&"))
    }

    /// An absolute URL of one of the server's pages (no language).
    pub fn absolute(&self, path: &str) -> String {
        format!("{}/s/{}{path}", self.origin, self.slug)
    }
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// What a page puts in the shell.
pub struct Page {
    pub title: String,
    /// The unfurl's text (Open Graph), when the page has one of its own.
    pub description: Option<String>,
    /// An image for the unfurl, as a path under the server's pages.
    pub image: Option<String>,
    pub body: Markup,
}

/// Which navigation entry is the current page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Home,
    Dramas,
    Tracks,
    Club,
    None,
}

/// The whole document.
pub fn document(view: &View, section: Section, page: Page) -> String {
    let site = view.t("web-site-name");
    let title = format!("{} · {site}", page.title);
    let description = page
        .description
        .unwrap_or_else(|| view.t("web-description"));
    let nav = [
        (Section::Home, "", "web-nav-home"),
        (Section::Dramas, "/top/dramas", "web-nav-dramas"),
        (Section::Tracks, "/top/tracks", "web-nav-tracks"),
        (Section::Club, "/club", "web-nav-club"),
    ];
    html! {
        (DOCTYPE)
        html lang=(view.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="same-origin";
                meta name="color-scheme" content="light dark";
                link rel="icon" href="data:,";
                title { (title) }
                meta name="description" content=(description);
                meta property="og:type" content="website";
                meta property="og:site_name" content=(site);
                meta property="og:title" content=(page.title);
                meta property="og:description" content=(description);
                meta property="og:url" content=(view.absolute(&view.path));
                @if let Some(image) = &page.image {
                    meta property="og:image" content=(view.absolute(image));
                    meta property="og:image:type" content="image/png";
                    meta property="og:image:width" content=(crate::bot::charts::HISTOGRAM_SIZE.0);
                    meta property="og:image:height" content=(crate::bot::charts::HISTOGRAM_SIZE.1);
                    meta name="twitter:card" content="summary_large_image";
                    meta name="twitter:image" content=(view.absolute(image));
                } @else {
                    meta name="twitter:card" content="summary";
                }
                meta name="twitter:title" content=(page.title);
                meta name="twitter:description" content=(description);
                link rel="stylesheet" href=(super::STYLESHEET);
            }
            body {
                a.skip href="#main" { (view.t("web-skip")) }
                header {
                    a.site href=(view.link("")) { (site) }
                    nav aria-label=(view.t("web-nav-label")) {
                        ul {
                            @for (entry, path, id) in nav {
                                li {
                                    @if entry == section {
                                        a href=(view.link(path)) aria-current="page" { (view.t(id)) }
                                    } @else {
                                        a href=(view.link(path)) { (view.t(id)) }
                                    }
                                }
                            }
                        }
                    }
                }
                main id="main" { (page.body) }
                footer {
                    p { (view.t("web-footer")) }
                    nav aria-label=(view.t("web-language")) {
                        ul.languages {
                            @for locale in Locale::ALL {
                                li {
                                    @if locale == view.locale() {
                                        a href=(view.switched(locale)) hreflang=(lang_code(locale)) lang=(lang_code(locale)) aria-current="true" { (locale.native_name()) }
                                    } @else {
                                        a href=(view.switched(locale)) hreflang=(lang_code(locale)) lang=(lang_code(locale)) { (locale.native_name()) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

fn lang_code(locale: Locale) -> &'static str {
    Lang {
        locale,
        chosen: true,
    }
    .code()
}

/// The page a slug that is not (or no longer) published gets.
pub fn not_found(lang: Lang) -> String {
    let t = |id: &str| tr(lang.locale, id, &[]);
    html! {
        (DOCTYPE)
        html lang=(lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                link rel="icon" href="data:,";
                title { (t("web-not-found-title")) }
                link rel="stylesheet" href=(super::STYLESHEET);
            }
            body {
                main id="main" {
                    h1 { (t("web-not-found-title")) }
                    p { (t("web-not-found")) }
                }
            }
        }
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(chosen: bool) -> View {
        View {
            lang: Lang {
                locale: Locale::Ko,
                chosen,
            },
            slug: "abc".into(),
            path: "/top/dramas".into(),
            query: vec![("genre".into(), "Rom com & more".into())],
            origin: "https://ost.example".into(),
        }
    }

    #[test]
    fn links_keep_a_chosen_language_and_the_switcher_keeps_the_page() {
        assert_eq!(view(false).link("/club"), "/s/abc/club");
        assert_eq!(view(true).link("/club"), "/s/abc/club?lang=ko");
        assert_eq!(
            view(false).switched(Locale::PtBr),
            "/s/abc/top/dramas?genre=Rom%20com%20%26%20more&lang=pt-BR"
        );
        assert_eq!(
            view(false).absolute("/drama/3"),
            "https://ost.example/s/abc/drama/3"
        );
    }
}
