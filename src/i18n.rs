//! Every member-facing text, as Fluent messages in `locales/<lang>/*.ftl`
//! (embedded at build time by `build.rs`). `t!(locale, "message-id", name = value)`
//! formats one; a message missing from a language falls back to English.

use crate::locale::Locale;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::collections::HashMap;
use std::sync::OnceLock;

pub use fluent_bundle::FluentValue;
/// The message type lives in the core (its errors carry one); formatting it is Fluent's, here.
pub use ostbot_core::text::{Arg, Text};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

type Bundle = FluentBundle<FluentResource>;

/// The embedded `.ftl` files: (language folder, file name, text).
pub fn files() -> &'static [(&'static str, &'static str, &'static str)] {
    embedded::FILES
}

fn bundles() -> &'static HashMap<Locale, Bundle> {
    static BUNDLES: OnceLock<HashMap<Locale, Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| Locale::ALL.into_iter().map(|l| (l, bundle(l))).collect())
}

fn bundle(locale: Locale) -> Bundle {
    let langid = locale
        .discord_code()
        .parse()
        .unwrap_or_else(|_| unic_langid::langid!("en-US"));
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Discord shows Unicode isolation marks as stray characters.
    bundle.set_use_isolating(false);
    for (folder, name, text) in files() {
        if *folder != locale.folder() {
            continue;
        }
        let resource =
            FluentResource::try_new((*text).to_owned()).unwrap_or_else(|(res, errors)| {
                tracing::error!(folder, name, ?errors, "a Fluent file has syntax errors");
                res
            });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(folder, name, ?errors, "a Fluent file repeats a message id");
        }
    }
    bundle
}

/// The text of `id` (or `id.attribute`) in `locale`, English when that
/// language lacks it, and the id itself when no language has it.
pub fn tr(locale: Locale, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let args = (!args.is_empty()).then_some(&fluent_args);
    format_in(locale, id, args)
        .or_else(|| format_in(Locale::En, id, args))
        .unwrap_or_else(|| {
            tracing::error!(id, "no Fluent message with this id");
            id.to_owned()
        })
}

/// Whether `id` (or `id.attribute`) exists in `locale` itself, without fallback.
pub fn has(locale: Locale, id: &str) -> bool {
    format_in(locale, id, None).is_some()
}

fn format_in(locale: Locale, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let bundle = bundles().get(&locale)?;
    let (message_id, attribute) = match id.split_once('.') {
        Some((m, a)) => (m, Some(a)),
        None => (id, None),
    };
    let message = bundle.get_message(message_id)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(id, ?errors, "a Fluent message was formatted with errors");
    }
    Some(text.into_owned())
}

/// `t!(locale, "id")` or `t!(locale, "id", name = value, …)`: one Fluent
/// message, formatted. Values are anything `FluentValue` converts from
/// (strings and numbers; numbers choose plural forms).
#[macro_export]
macro_rules! t {
    ($locale:expr, $id:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::tr(
            $locale,
            $id,
            &[$((stringify!($name), $crate::i18n::FluentValue::from($value))),*],
        )
    };
}

#[cfg(test)]
mod tests;

/// Render a [`Text`] (a message the core or the bot chose earlier) in the
/// reader's language.
pub fn render(text: &Text, locale: Locale) -> String {
    let args: Vec<(&str, FluentValue<'_>)> = text
        .args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.as_str()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            (*name, value)
        })
        .collect();
    tr(locale, text.id, &args)
}
