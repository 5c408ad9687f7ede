//! Command definitions in every language: a command's, option's or
//! choice's text is a Fluent message (`locales/*/commands.ftl`): the value
//! is the localized name, `.description` the description. English gives the
//! defaults Discord shows to every other language.

use crate::i18n::{has, tr};
use crate::locale::Locale;
use serenity::builder::{CreateCommand, CreateCommandOption};

fn attribute(id: &str, attribute: &str) -> String {
    format!("{id}.{attribute}")
}

/// The other languages, with their texts for `id`.
fn translations(id: &str) -> impl Iterator<Item = (&'static str, String, String)> + '_ {
    Locale::ALL
        .into_iter()
        .filter(move |l| *l != Locale::En && has(*l, id))
        .map(move |l| {
            (
                l.discord_code(),
                tr(l, id, &[]),
                tr(l, &attribute(id, "description"), &[]),
            )
        })
}

pub trait Localized: Sized {
    /// The description from English, and the name and description in every
    /// other language, from the Fluent message `id`.
    fn localized(self, id: &str) -> Self;
}

impl Localized for CreateCommand {
    fn localized(self, id: &str) -> Self {
        let mut command = self.description(tr(Locale::En, &attribute(id, "description"), &[]));
        for (code, name, description) in translations(id) {
            command = command
                .name_localized(code, name)
                .description_localized(code, description);
        }
        command
    }
}

impl Localized for CreateCommandOption {
    fn localized(self, id: &str) -> Self {
        let mut option = self.description(tr(Locale::En, &attribute(id, "description"), &[]));
        for (code, name, description) in translations(id) {
            option = option
                .name_localized(code, name)
                .description_localized(code, description);
        }
        option
    }
}

/// A string choice whose shown name is the Fluent message `id`.
pub fn choice(option: CreateCommandOption, id: &str, value: &str) -> CreateCommandOption {
    let names: Vec<(&'static str, String)> = Locale::ALL
        .into_iter()
        .filter(|l| *l != Locale::En && has(*l, id))
        .map(|l| (l.discord_code(), tr(l, id, &[])))
        .collect();
    option.add_string_choice_localized(tr(Locale::En, id, &[]), value, names)
}

pub trait LocalizedChoice: Sized {
    /// Adds a string choice whose shown name is the Fluent message `id`.
    fn localized_choice(self, id: &str, value: &str) -> Self;
}

impl LocalizedChoice for CreateCommandOption {
    fn localized_choice(self, id: &str, value: &str) -> Self {
        choice(self, id, value)
    }
}
