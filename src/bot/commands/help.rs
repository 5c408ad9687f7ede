//! `/help`: what the bot does and its commands.

use super::super::context::Ctx;
use super::super::{Message, Response};
use crate::bot::l10n::Localized;
use crate::locale::Locale;
use crate::t;
use serenity::all::Colour;
use serenity::builder::{CreateCommand, CreateEmbed};
use std::collections::HashMap;

pub fn register() -> CreateCommand {
    CreateCommand::new("help").localized("cmd-help")
}

pub fn run(ctx: &Ctx) -> Response {
    let l = ctx.locale;
    let lines = [
        ("track", t!(l, "help-track")),
        ("drama", t!(l, "help-drama")),
        ("catalog", t!(l, "help-catalog")),
        ("review", t!(l, "help-review")),
        ("reviews", t!(l, "help-reviews")),
        ("leaderboard", t!(l, "help-leaderboard")),
        ("profile", t!(l, "help-profile")),
        ("forget-me", t!(l, "help-forget-me")),
        ("privacy", t!(l, "help-privacy")),
        ("moderate", t!(l, "help-moderate")),
        ("export", t!(l, "help-export")),
        ("poll", t!(l, "help-poll")),
        ("nominate", t!(l, "help-nominate")),
        ("suggest", t!(l, "help-suggest")),
        ("config", t!(l, "help-config")),
        ("help", t!(l, "help-help")),
    ];
    let names = command_names(l);
    let body: Vec<String> = lines
        .iter()
        .map(|(cmd, what)| {
            let shown = names.get(*cmd).map(String::as_str).unwrap_or(*cmd);
            format!("**/{shown}** — {what}")
        })
        .collect();
    let embed = CreateEmbed::new()
        .title(t!(l, "help-title"))
        .description(format!("{}\n\n{}", t!(l, "help-intro"), body.join("\n")))
        .colour(Colour::new(0xE8_6A_92));
    Response::message(Message::embed(embed).ephemeral())
}

/// Each command's name as a member's Discord client shows it: the
/// localized name of the definitions sent to Discord, else the name itself.
pub fn command_names(l: Locale) -> HashMap<String, String> {
    let code = l.discord_code();
    super::definitions()
        .into_iter()
        .filter_map(|command| serde_json::to_value(command).ok())
        .filter_map(|json| {
            let name = json.get("name")?.as_str()?.to_owned();
            let shown = json
                .get("name_localizations")
                .and_then(|n| n.get(code))
                .and_then(|n| n.as_str())
                .map_or_else(|| name.clone(), str::to_owned);
            Some((name, shown))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    fn ctx(locale: Locale) -> Ctx {
        Ctx {
            guild: None,
            user: UserId::new(1),
            user_name: "jisoo".into(),
            channel: None,
            locale,
            is_moderator: false,
            roles: Vec::new(),
            reply: None,
        }
    }

    fn help_text(locale: Locale) -> String {
        let Response::Message(message) = run(&ctx(locale)) else {
            panic!("help answers with a message");
        };
        serde_json::to_string(&message.embeds).unwrap()
    }

    #[test]
    fn help_names_commands_as_the_members_client_shows_them() {
        let ko = help_text(Locale::Ko);
        assert!(ko.contains("**/곡**") && ko.contains("**/드라마**"), "{ko}");
        assert!(!ko.contains("**/track**"), "{ko}");
        let en = help_text(Locale::En);
        assert!(en.contains("**/track**") && !en.contains("**/곡**"), "{en}");
        // Every command in the definitions is listed.
        for name in command_names(Locale::En).keys() {
            assert!(en.contains(&format!("**/{name}**")), "{name} missing: {en}");
        }
    }

    #[test]
    fn help_leaderboard_gives_the_formula() {
        assert!(help_text(Locale::En).contains("(v·R + m·C) / (v + m)"));
    }
}
