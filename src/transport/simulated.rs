//! Interaction payloads exactly as Discord sends them, built for a
//! simulated member in a simulated server. The console, the tests and the
//! benchmarks use these, so every path goes through serenity's parser.

use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};

pub const APPLICATION_ID: u64 = 775_799_577_604_522_054;
/// Permissions of a moderator (everything) and of a plain member (no Manage Server).
pub const MODERATOR_PERMISSIONS: &str = "2147483647";
pub const MEMBER_PERMISSIONS: &str = "104324673";

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh snowflake, unique in this process and, like Discord's, across
/// processes: the time this process first asked for one, then a counter.
/// (Interaction ids are remembered in the database for a while, so a second
/// run on the same file must not send the same ids again.)
pub fn next_snowflake() -> u64 {
    static BASE: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    let base = *BASE.get_or_init(|| {
        const DISCORD_EPOCH_MS: u64 = 1_420_070_400_000;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(DISCORD_EPOCH_MS);
        now.saturating_sub(DISCORD_EPOCH_MS) << 22
    });
    base + NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// A stable snowflake-shaped id for a name, so a simulated server keeps its
/// ids across runs on the same database.
pub fn stable_id(kind: &str, name: &str) -> u64 {
    let hash = format!("{kind}:{name}")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
        });
    100_000_000_000_000_000 + hash % 900_000_000_000_000_000
}

/// Who acts, where, and in which language.
#[derive(Clone, Debug)]
pub struct Actor {
    pub guild_id: u64,
    pub channel_id: u64,
    pub user_id: u64,
    pub user_name: String,
    pub moderator: bool,
    pub locale: String,
    pub roles: Vec<u64>,
}

impl Actor {
    pub fn new(guild: &str, channel: &str, user: &str, moderator: bool) -> Self {
        Actor {
            guild_id: stable_id("guild", guild),
            channel_id: stable_id(&format!("channel:{guild}"), channel),
            user_id: stable_id("user", user),
            user_name: user.to_owned(),
            moderator,
            locale: "en-US".to_owned(),
            roles: Vec::new(),
        }
    }

    fn user(&self) -> Value {
        json!({
            "id": self.user_id.to_string(),
            "username": self.user_name,
            "global_name": self.user_name,
            "avatar": null,
            "discriminator": "0",
            "public_flags": 0
        })
    }

    fn member(&self) -> Value {
        json!({
            "user": self.user(),
            "roles": self.roles.iter().map(u64::to_string).collect::<Vec<_>>(),
            "premium_since": null,
            "permissions": if self.moderator { MODERATOR_PERMISSIONS } else { MEMBER_PERMISSIONS },
            "pending": false,
            "nick": null,
            "mute": false,
            "joined_at": "2024-03-13T19:19:14.040000+00:00",
            "deaf": false,
            "flags": 0
        })
    }

    /// The envelope every interaction shares.
    fn envelope(&self, kind: u8, data: Value) -> Value {
        json!({
            "id": next_snowflake().to_string(),
            "application_id": APPLICATION_ID.to_string(),
            "type": kind,
            "token": format!("sim-token-{}", next_snowflake()),
            "version": 1,
            "guild_id": self.guild_id.to_string(),
            "channel_id": self.channel_id.to_string(),
            "member": self.member(),
            "app_permissions": "442368",
            "locale": self.locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10_485_760,
            "data": data
        })
    }

    /// A slash command (`type` 2). `options` are Discord option objects
    /// (possibly nested under a subcommand); `resolved` holds channels,
    /// roles, users and attachments they refer to.
    pub fn command(&self, name: &str, options: Value, resolved: Value) -> Value {
        self.envelope(
            2,
            json!({
                "id": stable_id("command", name).to_string(),
                "name": name,
                "type": 1,
                "options": options,
                "resolved": resolved,
                "guild_id": self.guild_id.to_string()
            }),
        )
    }

    /// Autocomplete (`type` 4): the same options, one of them `focused`.
    pub fn autocomplete(&self, name: &str, options: Value) -> Value {
        self.envelope(
            4,
            json!({
                "id": stable_id("command", name).to_string(),
                "name": name,
                "type": 1,
                "options": options
            }),
        )
    }

    /// A button click (`values` empty) or a select choice on `message`.
    pub fn component(&self, custom_id: &str, values: Option<&[String]>, message: Value) -> Value {
        let data = match values {
            None => json!({ "custom_id": custom_id, "component_type": 2 }),
            Some(values) => {
                json!({ "custom_id": custom_id, "component_type": 3, "values": values })
            }
        };
        let mut body = self.envelope(3, data);
        body["message"] = message;
        body
    }

    /// A submitted modal (`type` 5) in the action-row form serenity 0.12 reads.
    pub fn modal_submit(&self, custom_id: &str, fields: &[(String, String)]) -> Value {
        let rows: Vec<Value> = fields
            .iter()
            .map(|(id, value)| json!({ "type": 1, "components": [{ "type": 4, "custom_id": id, "value": value }] }))
            .collect();
        self.envelope(5, json!({ "custom_id": custom_id, "components": rows }))
    }
}

/// A message as Discord returns it, for component interactions.
pub fn message(id: u64, channel_id: u64, content: &str, components: Value, embeds: Value) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "type": 0,
        "author": {
            "id": APPLICATION_ID.to_string(),
            "username": "ostbot",
            "discriminator": "0",
            "avatar": null,
            "bot": true,
            "public_flags": 0
        },
        "content": content,
        "timestamp": "2026-11-24T12:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": embeds,
        "pinned": false,
        "flags": 0,
        "components": components
    })
}

/// A resolved channel, as Discord puts it in `data.resolved.channels`.
pub fn resolved_channel(id: u64, name: &str) -> Value {
    json!({ "id": id.to_string(), "name": name, "type": 0, "permissions": "2147483647" })
}

/// A resolved role, as in `data.resolved.roles`.
pub fn resolved_role(id: u64, name: &str) -> Value {
    json!({
        "id": id.to_string(), "name": name, "color": 0,
        "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
        "hoist": false, "icon": null, "unicode_emoji": null, "position": 1,
        "permissions": "0", "managed": false, "mentionable": true, "flags": 0
    })
}

/// A resolved attachment, as in `data.resolved.attachments`.
pub fn resolved_attachment(id: u64, filename: &str, url: &str, size: u64) -> Value {
    json!({
        "id": id.to_string(), "filename": filename, "size": size,
        "url": url, "proxy_url": url, "content_type": "text/plain"
    })
}
