//! Who invoked an interaction, where, and in which language; and the typed
//! options they gave. Built from serenity's model at the edge.

use crate::bot::snowflakes::ToCore;
use crate::catalog::suggestions::follow_up::ReplyAddress;
use crate::config::Secret;
use crate::ids::{ChannelId, GuildId, RoleId, UserId};
use crate::locale::Locale;
use crate::{Error, Result};
use serenity::all::{
    Attachment, Member, PartialChannel, Permissions, ResolvedOption, ResolvedValue, User,
};

#[derive(Clone, Debug)]
pub struct Ctx {
    pub guild: Option<GuildId>,
    pub user: UserId,
    pub user_name: String,
    pub channel: Option<ChannelId>,
    pub locale: Locale,
    /// Manage Server (or Administrator), from the member's resolved permissions.
    pub is_moderator: bool,
    pub roles: Vec<RoleId>,
    /// Where a slash command can be followed up later (a suggestion's
    /// decision); its token is a secret, never logged.
    pub reply: Option<ReplyAddress>,
}

impl Ctx {
    pub fn new(
        guild: Option<serenity::all::GuildId>,
        channel: serenity::all::ChannelId,
        member: Option<&Member>,
        user: &User,
        locale: &str,
    ) -> Self {
        let permissions = member
            .and_then(|m| m.permissions)
            .unwrap_or_else(Permissions::empty);
        Ctx {
            guild: guild.map(ToCore::to_core),
            user: user.id.to_core(),
            user_name: member
                .and_then(|m| m.nick.clone())
                .or_else(|| user.global_name.clone())
                .unwrap_or_else(|| user.name.clone()),
            channel: Some(channel.to_core()),
            locale: Locale::from_discord(locale),
            is_moderator: permissions.contains(Permissions::MANAGE_GUILD)
                || permissions.contains(Permissions::ADMINISTRATOR),
            roles: member
                .map(|m| m.roles.iter().map(|&r| r.to_core()).collect())
                .unwrap_or_default(),
            reply: None,
        }
    }

    /// The context of a slash command or an autocomplete request.
    pub fn of_command(c: &serenity::all::CommandInteraction) -> Self {
        Ctx {
            reply: Some(ReplyAddress {
                application: c.application_id.get(),
                token: Secret::new(c.token.clone()),
            }),
            ..Ctx::new(
                c.guild_id,
                c.channel_id,
                c.member.as_deref(),
                &c.user,
                &c.locale,
            )
        }
    }

    pub fn guild(&self) -> Result<GuildId> {
        self.guild.ok_or(Error::GuildOnly)
    }

    /// The guild, if the member may moderate it. Checked in code: server
    /// admins can override `default_member_permissions`.
    pub fn moderated_guild(&self) -> Result<GuildId> {
        let guild = self.guild()?;
        if self.is_moderator {
            Ok(guild)
        } else {
            Err(Error::NeedsManageServer)
        }
    }
}

/// The options of one (sub)command, by name.
pub struct Args<'a> {
    pub subcommand: Option<&'a str>,
    /// The subcommand group, when there is one (`/catalog alias add` gives `alias`).
    pub group: Option<&'a str>,
    options: Vec<ResolvedOption<'a>>,
}

impl<'a> Args<'a> {
    /// Unwraps subcommand groups and subcommands: `/catalog add-drama …`
    /// gives `subcommand = "add-drama"` and its own options.
    pub fn new(options: Vec<ResolvedOption<'a>>) -> Self {
        let mut path: Vec<&'a str> = Vec::new();
        let mut options = options;
        while matches!(
            options.first().map(|o| &o.value),
            Some(ResolvedValue::SubCommand(_) | ResolvedValue::SubCommandGroup(_))
        ) {
            let nested = options.swap_remove(0);
            path.push(nested.name);
            options = match nested.value {
                ResolvedValue::SubCommand(inner) | ResolvedValue::SubCommandGroup(inner) => inner,
                _ => Vec::new(),
            };
        }
        Args {
            subcommand: path.last().copied(),
            group: (path.len() > 1).then(|| path[0]),
            options,
        }
    }

    fn get(&self, name: &str) -> Option<&ResolvedValue<'a>> {
        self.options
            .iter()
            .find(|o| o.name == name)
            .map(|o| &o.value)
    }

    /// A string option (or the text being typed, in autocomplete).
    pub fn str(&self, name: &str) -> Option<&'a str> {
        match self.get(name)? {
            ResolvedValue::String(s) => Some(s),
            ResolvedValue::Autocomplete { value, .. } => Some(value),
            _ => None,
        }
    }

    pub fn required_str(&self, name: &'static str) -> Result<&'a str> {
        self.str(name).ok_or_else(|| missing(name))
    }

    pub fn int(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            ResolvedValue::Integer(i) => Some(*i),
            _ => None,
        }
    }

    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            ResolvedValue::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    pub fn channel(&self, name: &str) -> Option<&'a PartialChannel> {
        match self.get(name)? {
            ResolvedValue::Channel(c) => Some(c),
            _ => None,
        }
    }

    pub fn role(&self, name: &str) -> Option<RoleId> {
        match self.get(name)? {
            ResolvedValue::Role(r) => Some(r.id.to_core()),
            _ => None,
        }
    }

    pub fn user(&self, name: &str) -> Option<(&'a User, Option<&'a serenity::all::PartialMember>)> {
        match self.get(name)? {
            ResolvedValue::User(u, m) => Some((u, *m)),
            _ => None,
        }
    }

    pub fn attachment(&self, name: &str) -> Option<&'a Attachment> {
        match self.get(name)? {
            ResolvedValue::Attachment(a) => Some(a),
            _ => None,
        }
    }
}

fn missing(name: &'static str) -> Error {
    Error::User(crate::msg!("option-required", option = name))
}
