//! `/privacy web-name on|off`: whether the server's public pages name the
//! member on their reviews, or show "a member" (the default).

use crate::bot::commands::config::{on_off, read_on_off};
use crate::bot::context::{Args, Ctx};
use crate::bot::l10n::Localized;
use crate::bot::{Bot, Response};
use crate::{t, Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    CreateCommand::new("privacy")
        .localized("cmd-privacy")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "web-name", "")
                .localized("cmd-privacy-web-name")
                .add_sub_option(on_off("cmd-privacy-state")),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    if args.subcommand != Some("web-name") {
        return Err(Error::StaleComponent);
    }
    let named = read_on_off(args)?;
    crate::publishing::set_named(&bot.pool, guild, ctx.user, named).await?;
    let text = if named {
        t!(ctx.locale, "privacy-web-name-on")
    } else {
        t!(ctx.locale, "privacy-web-name-off")
    };
    Ok(Response::ephemeral_text(text))
}
