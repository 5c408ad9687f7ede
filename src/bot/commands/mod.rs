//! One file per command group: each exposes `register()` (the definition
//! sent to Discord) and its handlers. This file routes to them.

pub mod catalog;
pub mod config;
pub mod drama;
pub mod fetch;
pub mod help;
pub mod leaderboard;
pub mod moderate;
pub mod nominate;
pub mod poll;
pub mod privacy;
pub mod profile;
pub mod review;
pub mod reviews;
pub mod suggest;
pub mod track;

use super::context::{Args, Ctx};
use super::custom_id::CustomId;
use super::{Bot, Choice, Response};
use crate::ids::MessageId;
use crate::{Error, Result};
use serenity::builder::CreateCommand;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;

/// A clicked button or chosen select option.
pub struct Component<'a> {
    pub custom_id: &'a str,
    pub values: Vec<String>,
    /// The message the component belongs to.
    pub message: MessageId,
}

/// A submitted modal: its id and each text input's value by id.
pub struct ModalSubmit<'a> {
    pub custom_id: &'a str,
    pub fields: HashMap<String, String>,
}

/// What a handler returns: boxed, so that every command fits one table.
pub type Reply<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// An autocomplete handler: `(bot, ctx, args, focused option, typed text)`.
pub type Autocomplete =
    for<'a> fn(&'a Bot, &'a Ctx, &'a Args<'a>, &'a str, &'a str) -> Reply<'a, Vec<Choice>>;

/// One command: its name, its definition for Discord, its handler and, for
/// options with suggestions, its autocomplete. Buttons, menus and forms are
/// routed by their [`CustomId`] in [`component`] and [`modal`].
pub struct Command {
    pub name: &'static str,
    pub register: fn() -> CreateCommand,
    pub run: for<'a> fn(&'a Bot, &'a Ctx, &'a Args<'a>) -> Reply<'a, Response>,
    pub autocomplete: Option<Autocomplete>,
}

/// Every command. Adding one is adding an entry here.
pub static COMMANDS: &[Command] = &[
    Command {
        name: "track",
        register: track::register,
        run: |bot, ctx, args| Box::pin(track::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, _, _, typed| Box::pin(track::autocomplete(bot, ctx, typed))),
    },
    Command {
        name: "drama",
        register: drama::register,
        run: |bot, ctx, args| Box::pin(drama::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, _, _, typed| Box::pin(drama::autocomplete(bot, ctx, typed))),
    },
    Command {
        name: "catalog",
        register: catalog::register,
        run: |bot, ctx, args| Box::pin(catalog::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, args, option, typed| {
            Box::pin(catalog::autocomplete(bot, ctx, args, option, typed))
        }),
    },
    Command {
        name: "help",
        register: help::register,
        run: |_, ctx, _| Box::pin(async move { Ok(help::run(ctx)) }),
        autocomplete: None,
    },
    Command {
        name: "poll",
        register: poll::register,
        run: |bot, ctx, args| Box::pin(poll::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, _, option, typed| {
            Box::pin(poll::autocomplete(bot, ctx, option, typed))
        }),
    },
    Command {
        name: "nominate",
        register: nominate::register,
        run: |bot, ctx, args| Box::pin(nominate::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, _, _, typed| {
            Box::pin(nominate::autocomplete(bot, ctx, typed))
        }),
    },
    Command {
        name: "suggest",
        register: suggest::register,
        run: |bot, ctx, args| Box::pin(suggest::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, _, _, typed| {
            Box::pin(suggest::autocomplete(bot, ctx, typed))
        }),
    },
    Command {
        name: "config",
        register: config::register,
        run: |bot, ctx, args| Box::pin(config::run(bot, ctx, args)),
        autocomplete: None,
    },
    Command {
        name: "review",
        register: review::register,
        run: |bot, ctx, args| Box::pin(review::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, args, option, typed| {
            Box::pin(review::autocomplete(bot, ctx, args, option, typed))
        }),
    },
    Command {
        name: "reviews",
        register: reviews::register,
        run: |bot, ctx, args| Box::pin(reviews::run(bot, ctx, args)),
        autocomplete: Some(|bot, ctx, args, option, typed| {
            Box::pin(reviews::autocomplete(bot, ctx, args, option, typed))
        }),
    },
    Command {
        name: "leaderboard",
        register: leaderboard::register,
        run: |bot, ctx, args| Box::pin(leaderboard::run(bot, ctx, args)),
        autocomplete: None,
    },
    Command {
        name: "profile",
        register: profile::register,
        run: |bot, ctx, args| Box::pin(profile::run(bot, ctx, args)),
        autocomplete: None,
    },
    Command {
        name: "privacy",
        register: privacy::register,
        run: |bot, ctx, args| Box::pin(privacy::run(bot, ctx, args)),
        autocomplete: None,
    },
    Command {
        name: "forget-me",
        register: profile::register_forget,
        run: |bot, ctx, _| Box::pin(profile::run_forget(bot, ctx)),
        autocomplete: None,
    },
    Command {
        name: "moderate",
        register: moderate::register,
        run: |bot, ctx, args| Box::pin(moderate::run(bot, ctx, args)),
        autocomplete: None,
    },
    Command {
        name: "export",
        register: moderate::register_export,
        run: |bot, ctx, args| Box::pin(moderate::run_export(bot, ctx, args)),
        autocomplete: None,
    },
];

/// The command of this name, if this version has one.
pub fn find(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// Every command, as sent to Discord's bulk-overwrite endpoint.
pub fn definitions() -> Vec<CreateCommand> {
    COMMANDS.iter().map(|c| (c.register)()).collect()
}

pub async fn run(bot: &Bot, ctx: &Ctx, name: &str, args: &Args<'_>) -> Result<Response> {
    match find(name) {
        Some(command) => (command.run)(bot, ctx, args).await,
        None => Err(unknown("command", name)),
    }
}

pub async fn autocomplete(
    bot: &Bot,
    ctx: &Ctx,
    name: &str,
    args: &Args<'_>,
    option: &str,
    typed: &str,
) -> Result<Vec<Choice>> {
    match find(name).and_then(|c| c.autocomplete) {
        Some(suggest) => suggest(bot, ctx, args, option, typed).await,
        None => Ok(Vec::new()),
    }
}

/// A button or select menu. Its id is parsed before anything runs: one that
/// does not parse is stale or crafted, a user error.
pub async fn component(bot: &Bot, ctx: &Ctx, input: &Component<'_>) -> Result<Response> {
    let id: CustomId = input.custom_id.parse()?;
    match &id {
        CustomId::PollVote { .. } | CustomId::PollPick { .. } => {
            poll::component(bot, ctx, &id, input).await
        }
        CustomId::ReviewOpen(_) | CustomId::ReviewHistory(_) | CustomId::ReviewDelete(_) => {
            review::component(bot, ctx, &id).await
        }
        CustomId::ReviewsPage { .. } | CustomId::ReviewsDelete { .. } => {
            reviews::component(bot, ctx, &id).await
        }
        CustomId::Leaderboard(state) => leaderboard::component(bot, ctx, state).await,
        CustomId::ForgetConfirm(_) | CustomId::ForgetCancel => {
            profile::component(bot, ctx, &id).await
        }
        CustomId::ModerateRemove(_) | CustomId::ModerateKeep(_) => {
            moderate::component(bot, ctx, &id).await
        }
        CustomId::CatalogHide(_) | CustomId::CatalogPurge(_) | CustomId::CatalogCancel => {
            catalog::component(bot, ctx, &id).await
        }
        CustomId::CatalogFetchImport(_) | CustomId::CatalogFetchCancel(_) => {
            fetch::component(bot, ctx, &id).await
        }
        CustomId::ConfigResetConfirm | CustomId::ConfigResetCancel => {
            config::component(bot, ctx, &id).await
        }
        CustomId::DramaPage { drama, page } => drama::component(bot, ctx, *drama, *page).await,
        CustomId::TrackPick(track) => track::component(bot, ctx, *track).await,
        CustomId::ArtistPage { artist, page } => {
            super::lookup::artist_component(bot, ctx, *artist, *page).await
        }
        CustomId::SuggestApprove(_)
        | CustomId::SuggestEdit(_)
        | CustomId::SuggestReject(_)
        | CustomId::SuggestQueue { .. } => suggest::component(bot, ctx, &id).await,
        // A form's id on a button: nothing the bot ever made.
        CustomId::ReviewSubmit(_)
        | CustomId::SuggestEditForm(_)
        | CustomId::SuggestRejectForm(_) => Err(crate::Error::StaleComponent),
    }
}

/// A submitted modal, its id parsed as a component's is.
pub async fn modal(bot: &Bot, ctx: &Ctx, input: &ModalSubmit<'_>) -> Result<Response> {
    match input.custom_id.parse()? {
        CustomId::ReviewSubmit(subject) => review::modal(bot, ctx, subject, &input.fields).await,
        id @ (CustomId::SuggestEditForm(_) | CustomId::SuggestRejectForm(_)) => {
            suggest::modal(bot, ctx, &id, &input.fields).await
        }
        _ => Err(crate::Error::StaleComponent),
    }
}

/// A command or component this version does not know (e.g. an old button
/// from before an upgrade).
fn unknown(what: &'static str, name: &str) -> Error {
    {
        tracing::debug!(what, name, "unknown command or component");
        Error::User(crate::msg!("unknown-interaction", name = name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_named_as_its_definition_and_once() {
        let mut seen = std::collections::HashSet::new();
        for command in COMMANDS {
            let definition = serde_json::to_value((command.register)()).expect("serializes");
            assert_eq!(definition["name"], command.name);
            assert!(seen.insert(command.name), "{} twice", command.name);
            assert!(find(command.name).is_some());
        }
        assert!(find("nosuch").is_none());
    }
}
