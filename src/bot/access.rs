//! Whether the bot may post in a channel: Discord's permission algorithm
//! (base from roles, then channel overwrites for @everyone, roles, member)
//! over what the REST API returns. Used by `/config` when a channel is set.

use super::announcer::AnnounceError;
use crate::bot::snowflakes::ToSerenity;
use crate::ids::ChannelId;
use serenity::all::{
    Channel, GuildId, Http, PermissionOverwrite, PermissionOverwriteType, Permissions, Role,
    RoleId, UserId,
};

/// What posting a poll or an announcement needs, with the names Discord's
/// client shows.
pub const NEEDED: [(Permissions, &str); 4] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (Permissions::SEND_MESSAGES, "Send Messages"),
    (Permissions::EMBED_LINKS, "Embed Links"),
    (Permissions::ATTACH_FILES, "Attach Files"),
];

/// The member's permissions in a channel.
pub fn channel_permissions(
    guild: GuildId,
    member: UserId,
    member_roles: &[RoleId],
    is_owner: bool,
    roles: &[Role],
    overwrites: &[PermissionOverwrite],
) -> Permissions {
    if is_owner {
        return Permissions::all();
    }
    let everyone_role = RoleId::new(guild.get());
    let mut base = Permissions::empty();
    for role in roles {
        if role.id == everyone_role || member_roles.contains(&role.id) {
            base |= role.permissions;
        }
    }
    if base.contains(Permissions::ADMINISTRATOR) {
        return Permissions::all();
    }
    let apply = |base: Permissions, allow: Permissions, deny: Permissions| (base & !deny) | allow;
    for o in overwrites {
        if o.kind == PermissionOverwriteType::Role(everyone_role) {
            base = apply(base, o.allow, o.deny);
        }
    }
    let (mut allow, mut deny) = (Permissions::empty(), Permissions::empty());
    for o in overwrites {
        if let PermissionOverwriteType::Role(id) = o.kind {
            if id != everyone_role && member_roles.contains(&id) {
                allow |= o.allow;
                deny |= o.deny;
            }
        }
    }
    base = apply(base, allow, deny);
    for o in overwrites {
        if o.kind == PermissionOverwriteType::Member(member) {
            base = apply(base, o.allow, o.deny);
        }
    }
    base
}

/// The names of the needed permissions that `have` lacks.
pub fn missing(have: Permissions) -> Vec<&'static str> {
    NEEDED
        .iter()
        .filter(|(p, _)| !have.contains(*p))
        .map(|(_, name)| *name)
        .collect()
}

/// Checks the bot's own access over REST (gateway and HTTP transports).
pub async fn check_over_http(http: &Http, channel: ChannelId) -> Result<(), AnnounceError> {
    let unavailable = |e: serenity::Error| AnnounceError::Unavailable(e.to_string());
    let channel = match http.get_channel(channel.to_serenity()).await {
        Ok(Channel::Guild(c)) => c,
        Ok(_) => return Err(AnnounceError::MissingAccess("not a server channel".into())),
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)))
            if r.status_code.as_u16() == 404 =>
        {
            return Err(AnnounceError::ChannelGone)
        }
        Err(serenity::Error::Http(serenity::http::HttpError::UnsuccessfulRequest(r)))
            if r.status_code.as_u16() == 403 =>
        {
            return Err(AnnounceError::MissingAccess("View Channel".into()))
        }
        Err(e) => return Err(unavailable(e)),
    };
    let me = http.get_current_user().await.map_err(unavailable)?;
    let guild = http
        .get_guild(channel.guild_id)
        .await
        .map_err(unavailable)?;
    let roles = http
        .get_guild_roles(channel.guild_id)
        .await
        .map_err(unavailable)?;
    let member = http
        .get_member(channel.guild_id, me.id)
        .await
        .map_err(unavailable)?;
    let have = channel_permissions(
        channel.guild_id,
        me.id,
        &member.roles,
        guild.owner_id == me.id,
        &roles,
        &channel.permission_overwrites,
    );
    let lacking = missing(have);
    if lacking.is_empty() {
        Ok(())
    } else {
        Err(AnnounceError::MissingAccess(lacking.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(id: u64, permissions: Permissions) -> Role {
        let mut role: Role =
            serde_json::from_value(crate::transport::simulated::resolved_role(id, "r")).unwrap();
        role.permissions = permissions;
        role
    }

    #[test]
    fn overwrites_apply_in_discords_order() {
        let guild = GuildId::new(10);
        let bot = UserId::new(20);
        let bot_role = RoleId::new(30);
        let everyone = Permissions::VIEW_CHANNEL | Permissions::SEND_MESSAGES;
        let roles = vec![
            role(10, everyone),
            role(30, Permissions::EMBED_LINKS | Permissions::ATTACH_FILES),
        ];
        let have = channel_permissions(guild, bot, &[bot_role], false, &roles, &[]);
        assert!(missing(have).is_empty());
        // @everyone may not send here; the bot's role may again.
        let deny_everyone = PermissionOverwrite {
            allow: Permissions::empty(),
            deny: Permissions::SEND_MESSAGES | Permissions::ATTACH_FILES,
            kind: PermissionOverwriteType::Role(RoleId::new(10)),
        };
        let have = channel_permissions(
            guild,
            bot,
            &[bot_role],
            false,
            &roles,
            std::slice::from_ref(&deny_everyone),
        );
        // The @everyone overwrite applies to the whole base, role grants included.
        assert_eq!(missing(have), vec!["Send Messages", "Attach Files"]);
        let allow_role = PermissionOverwrite {
            allow: Permissions::SEND_MESSAGES | Permissions::ATTACH_FILES,
            deny: Permissions::empty(),
            kind: PermissionOverwriteType::Role(bot_role),
        };
        let have = channel_permissions(
            guild,
            bot,
            &[bot_role],
            false,
            &roles,
            &[deny_everyone.clone(), allow_role],
        );
        assert!(missing(have).is_empty());
        // A member overwrite wins over roles.
        let deny_member = PermissionOverwrite {
            allow: Permissions::empty(),
            deny: Permissions::VIEW_CHANNEL,
            kind: PermissionOverwriteType::Member(bot),
        };
        let have = channel_permissions(
            guild,
            bot,
            &[bot_role],
            false,
            &roles,
            std::slice::from_ref(&deny_member),
        );
        assert_eq!(missing(have), vec!["View Channel"]);
        // Administrators and owners bypass overwrites.
        let admin = vec![role(10, Permissions::ADMINISTRATOR)];
        let have = channel_permissions(
            guild,
            bot,
            &[],
            false,
            &admin,
            std::slice::from_ref(&deny_member),
        );
        assert!(missing(have).is_empty());
        let have = channel_permissions(guild, bot, &[], true, &[], &[deny_member]);
        assert!(missing(have).is_empty());
    }
}
