//! `/config show | review-feed | poll-role | ping-role | weekly | reset`:
//! moderators only, checked here from the member's permissions (server
//! admins can override `default_member_permissions`).

use crate::bot::announcer::AnnounceError;
use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::{Localized, LocalizedChoice};
use crate::bot::response::clip;
use crate::bot::snowflakes::ToCore;
use crate::bot::{scheduler, Bot, Message, Response};
use crate::guild_settings::{self, WeeklySchedule};
use crate::ids::{ChannelId, GuildId};
use crate::locale::Locale;
use crate::polls::weekly;
use crate::schedule::ZoneInput;
use crate::{schedule, t, Error, Result};
use serenity::all::{
    ButtonStyle, ChannelType, CommandOptionType, InstallationContext, InteractionContext,
    PartialChannel, Permissions,
};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
};

/// The `day` choices' values, Monday first (their names are `weekday`).
const DAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub fn register() -> CreateCommand {
    let sub = |name: &str, id: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, "").localized(id)
    };
    let channel = |id: &str| {
        CreateCommandOption::new(CommandOptionType::Channel, "channel", "")
            .localized(id)
            .channel_types(vec![ChannelType::Text, ChannelType::News])
            .required(true)
    };
    let role = |name: &str, id: &str| {
        CreateCommandOption::new(CommandOptionType::Role, name, "").localized(id)
    };
    let mut day = CreateCommandOption::new(CommandOptionType::String, "day", "")
        .localized("cmd-config-day")
        .required(true);
    for (n, value) in (0u8..).zip(DAYS) {
        let names: Vec<(&str, String)> = Locale::ALL
            .into_iter()
            .filter(|l| *l != Locale::En)
            .map(|l| (l.discord_code(), t!(l, "weekday", day = n)))
            .collect();
        day = day.add_string_choice_localized(t!(Locale::En, "weekday", day = n), value, names);
    }
    let weekly = sub("weekly", "cmd-config-weekly")
        .add_sub_option(channel("cmd-config-weekly-channel"))
        .add_sub_option(day)
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "time", "")
                .localized("cmd-config-time")
                .max_length(5)
                .required(true),
        )
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "timezone", "")
                .localized("cmd-config-timezone")
                .max_length(64)
                .required(true),
        )
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "candidates", "")
                .localized("cmd-config-candidates")
                .min_int_value(2)
                .max_int_value(10),
        )
        .add_sub_option(role("ping-role", "cmd-config-ping-role-2"));
    CreateCommand::new("config")
        .localized("cmd-config")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(sub("show", "cmd-config-show"))
        .add_option(language_option())
        .add_option(
            sub("review-feed", "cmd-config-review-feed")
                .add_sub_option(channel("cmd-config-review-feed-channel")),
        )
        .add_option(
            sub("poll-role", "cmd-config-poll-role")
                .add_sub_option(role("role", "cmd-config-role")),
        )
        .add_option(
            sub("ping-role", "cmd-config-ping-role")
                .add_sub_option(role("role", "cmd-config-role-2")),
        )
        .add_option(weekly)
        .add_option(sub("web", "cmd-config-web").add_sub_option(on_off("cmd-config-web-state")))
        .add_option(
            sub("catalog-channel", "cmd-config-catalog-channel")
                .add_sub_option(channel("cmd-config-catalog-channel-channel")),
        )
        .add_option(sub("reset", "cmd-config-reset"))
}

/// A required `on`/`off` choice (`/config web`, `/privacy web-name`).
pub fn on_off(id: &str) -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::String, "state", "")
        .localized(id)
        .required(true)
        .localized_choice("cmd-choice-on", "on")
        .localized_choice("cmd-choice-off", "off")
}

/// `on` or `off`, from an [`on_off`] option.
pub fn read_on_off(args: &Args<'_>) -> Result<bool> {
    match args.required_str("state")? {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(Error::User(crate::msg!("config-web-choose"))),
    }
}

/// `/config language`: the six languages, each in its own name.
fn language_option() -> CreateCommandOption {
    let mut language = CreateCommandOption::new(
        CommandOptionType::String,
        "language",
        t!(Locale::En, "config-language-option"),
    )
    .required(true);
    for l in Locale::ALL {
        if l != Locale::En {
            language =
                language.description_localized(l.discord_code(), t!(l, "config-language-option"));
        }
    }
    for choice in Locale::ALL {
        language = language.add_string_choice(choice.native_name(), choice.discord_code());
    }
    let mut sub = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "language",
        t!(Locale::En, "config-language-description"),
    );
    for l in Locale::ALL {
        if l != Locale::En {
            sub = sub
                .name_localized(l.discord_code(), t!(l, "config-language-name"))
                .description_localized(l.discord_code(), t!(l, "config-language-description"));
        }
    }
    sub.add_sub_option(language)
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let mut settings = guild_settings::get(&bot.pool, guild).await?;
    let reply = match args.subcommand {
        Some("show") => return show(bot, ctx, &settings).await,
        Some("language") => {
            let code = args.required_str("language")?;
            let language = Locale::ALL
                .into_iter()
                .find(|l| l.discord_code().eq_ignore_ascii_case(code.trim()))
                .ok_or_else(|| Error::User(crate::msg!("config-language-unknown")))?;
            guild_settings::set_language(&bot.pool, guild, language).await?;
            return Ok(Response::ephemeral_text(t!(
                l,
                "config-language-set",
                language = language.native_name()
            )));
        }
        Some("review-feed") => {
            let channel = usable_channel(bot, guild, args.channel("channel")).await?;
            settings.review_feed = Some(channel);
            settings.channel_problem = None;
            t!(
                l,
                "config-review-feed-set",
                channel = format!("<#{channel}>")
            )
        }
        Some("poll-role") => {
            settings.poll_role = args.role("role");
            match settings.poll_role {
                Some(role) => t!(l, "config-poll-role-set", role = format!("<@&{role}>")),
                None => t!(l, "config-poll-role-cleared"),
            }
        }
        Some("ping-role") => {
            settings.ping_role = args.role("role");
            ping_text(ctx, &settings)
        }
        Some("weekly") => {
            let channel = args.channel("channel");
            let day = schedule::parse_day(args.required_str("day")?)?;
            let time = schedule::parse_time(args.required_str("time")?)?;
            let (tz, zone_note) = match schedule::read_timezone(args.required_str("timezone")?)? {
                ZoneInput::Named(tz) => (tz, None),
                ZoneInput::Abbreviation { abbreviation, zone } => (
                    zone,
                    Some(crate::t!(
                        l,
                        "timezone-abbreviation",
                        abbreviation = abbreviation,
                        zone = zone.name()
                    )),
                ),
                ZoneInput::Ambiguous {
                    abbreviation,
                    zones,
                } => {
                    let zones: Vec<&str> = zones.iter().map(|z| z.name()).collect();
                    return Ok(Response::ephemeral_text(crate::t!(
                        l,
                        "timezone-ambiguous",
                        abbreviation = abbreviation,
                        zones = zones.join(", ")
                    )));
                }
            };
            let candidates = args.int("candidates").unwrap_or(5);
            if !(2..=10).contains(&candidates) {
                return Err(Error::User(crate::msg!("config-bad-candidates")));
            }
            let channel = usable_channel(bot, guild, channel).await?;
            let schedule = WeeklySchedule {
                channel,
                day,
                time: time.format("%H:%M").to_string(),
                timezone: tz.name().to_owned(),
                candidates: candidates as u8,
            };
            let next = schedule::next_run(&schedule, bot.clock.now())?;
            if let Some(role) = args.role("ping-role") {
                settings.ping_role = Some(role);
            }
            settings.weekly = Some(schedule.clone());
            settings.channel_problem = None;
            guild_settings::configure_weekly(&bot.pool, &settings, next).await?;
            scheduler::wake();
            let ts = next.timestamp();
            let reply = t!(
                l,
                "config-weekly-set",
                day = t!(l, "weekday", day = day),
                time = schedule.time.as_str(),
                timezone = schedule.timezone.as_str(),
                channel = format!("<#{channel}>"),
                candidates = schedule.candidates,
                next = format!("<t:{ts}:F> (<t:{ts}:R>)")
            );
            return Ok(Response::ephemeral_text(match zone_note {
                Some(note) => format!("{note}\n{reply}"),
                None => reply,
            }));
        }
        Some("web") => return web(bot, ctx, guild, read_on_off(args)?).await,
        Some("catalog-channel") => {
            let channel = usable_channel(bot, guild, args.channel("channel")).await?;
            crate::catalog::suggestions::set_channel(&bot.pool, guild, channel).await?;
            return Ok(Response::ephemeral_text(t!(
                l,
                "config-catalog-channel-set",
                channel = format!("<#{channel}>")
            )));
        }
        Some("reset") => {
            // Asks first: the channels, roles and the weekly cycle all go.
            let buttons = vec![
                CreateButton::new(CustomId::ConfigResetConfirm.to_string())
                    .label(t!(l, "safety-config-reset-confirm"))
                    .style(ButtonStyle::Danger),
                CreateButton::new(CustomId::ConfigResetCancel.to_string())
                    .label(t!(l, "safety-cancel"))
                    .style(ButtonStyle::Secondary),
            ];
            return Ok(Response::message(
                Message::text(t!(l, "safety-config-reset-prompt"))
                    .with_components(vec![CreateActionRow::Buttons(buttons)])
                    .ephemeral(),
            ));
        }
        _ => return Err(Error::User(crate::msg!("config-choose-subcommand"))),
    };
    guild_settings::save(&bot.pool, &settings).await?;
    Ok(Response::ephemeral_text(reply))
}

/// The answer to the `/config reset` prompt (moderators only, as the command).
pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    match id {
        CustomId::ConfigResetConfirm => {
            // Settings and the weekly job go in one transaction.
            guild_settings::reset_all(&bot.pool, guild).await?;
            Ok(Response::Update(Message::text(t!(l, "config-reset-done"))))
        }
        CustomId::ConfigResetCancel => Ok(Response::Update(Message::text(t!(
            l,
            "safety-config-reset-kept"
        )))),
        _ => Err(Error::StaleComponent),
    }
}

/// `/config web on|off`: publishes the pages (answering with their link) or
/// takes them down.
async fn web(bot: &Bot, ctx: &Ctx, guild: GuildId, on: bool) -> Result<Response> {
    let l = ctx.locale;
    let text = if on {
        let slug = crate::publishing::publish(&bot.pool, guild).await?;
        let path = format!("/s/{slug}");
        match &bot.web_base {
            Some(base) => t!(l, "config-web-on", url = format!("{base}{path}")),
            None => t!(l, "config-web-on-no-base", path = path),
        }
    } else if crate::publishing::unpublish(&bot.pool, guild).await? {
        t!(l, "config-web-off")
    } else {
        t!(l, "config-web-already-off")
    };
    Ok(Response::ephemeral_text(text))
}

fn ping_text(ctx: &Ctx, settings: &guild_settings::GuildSettings) -> String {
    match settings.ping_role {
        Some(role) => t!(
            ctx.locale,
            "config-ping-role-set",
            role = format!("<@&{role}>")
        ),
        None => t!(ctx.locale, "config-ping-role-cleared"),
    }
}

/// A text channel the bot can post in, or what is wrong with it.
async fn usable_channel(
    bot: &Bot,
    guild: GuildId,
    channel: Option<&PartialChannel>,
) -> Result<ChannelId> {
    let Some(channel) = channel else {
        return Err(Error::User(crate::msg!("channel-choose")));
    };
    if !matches!(channel.kind, ChannelType::Text | ChannelType::News) {
        return Err(Error::User(crate::msg!("channel-not-text")));
    }
    let id = channel.id.to_core();
    // A crafted option can name any channel id; only this server's will do.
    if let Ok(Some(owner)) = bot.announcer.guild_of(id).await {
        if owner != guild {
            return Err(Error::User(crate::msg!("hardening-channel-other-server")));
        }
    }
    match bot.announcer.check_access(id).await {
        Ok(()) => Ok(id),
        Err(AnnounceError::ChannelGone) => Err(Error::User(crate::msg!("channel-gone"))),
        Err(AnnounceError::MissingAccess(missing)) => Err(Error::User(crate::msg!(
            "channel-missing-access-in",
            channel = format!("<#{id}>"),
            missing = missing.to_string()
        ))),
        Err(AnnounceError::Unavailable(reason)) => {
            // Unknown is not refused: a later post reports a real problem.
            tracing::warn!(%reason, channel = %id, "could not check channel access");
            Ok(id)
        }
    }
}

async fn show(bot: &Bot, ctx: &Ctx, settings: &guild_settings::GuildSettings) -> Result<Response> {
    let l = ctx.locale;
    let none = t!(l, "config-not-set");
    let channel = |c: Option<ChannelId>| c.map(|c| format!("<#{c}>")).unwrap_or(none.clone());
    let role =
        |r: Option<crate::ids::RoleId>| r.map(|r| format!("<@&{r}>")).unwrap_or(none.clone());
    let language = guild_settings::language(&bot.pool, settings.guild).await?;
    let mut embed = CreateEmbed::new()
        .title(t!(l, "config-title"))
        .colour(crate::bot::poll_view::COLOUR)
        .field(t!(l, "config-field-language"), language.native_name(), true)
        .field(
            t!(l, "config-field-review-feed"),
            channel(settings.review_feed),
            true,
        )
        .field(
            t!(l, "config-field-poll-role"),
            role(settings.poll_role),
            true,
        )
        .field(
            t!(l, "config-field-ping-role"),
            role(settings.ping_role),
            true,
        )
        .field(
            t!(l, "config-field-catalog-channel"),
            crate::catalog::suggestions::channel(&bot.pool, settings.guild)
                .await?
                .map(|c| format!("<#{c}>"))
                .unwrap_or_else(|| t!(l, "config-catalog-channel-unset")),
            true,
        );
    let weekly_text = match &settings.weekly {
        None => t!(l, "config-weekly-off"),
        Some(w) => {
            let next = weekly::job(&bot.pool, settings.guild)
                .await?
                .map(|j| format!(" · <t:{}:R>", j.next_run.timestamp()))
                .unwrap_or_default();
            let text = t!(
                l,
                "config-weekly-summary",
                day = t!(l, "weekday", day = w.day.min(6)),
                time = w.time.as_str(),
                timezone = w.timezone.as_str(),
                channel = format!("<#{}>", w.channel),
                candidates = w.candidates
            );
            format!("{text}{next}")
        }
    };
    embed = embed.field(
        t!(l, "config-field-weekly"),
        clip(&weekly_text, 1024),
        false,
    );
    let web = match crate::publishing::slug(&bot.pool, settings.guild).await? {
        Some(slug) => format!("{}/s/{slug}", bot.web_base.as_deref().unwrap_or_default()),
        None => t!(l, "config-web-field-off"),
    };
    embed = embed.field(t!(l, "config-field-web"), web, false);
    if let Some(problem) = &settings.channel_problem {
        embed = embed.field(
            t!(l, "config-field-problem"),
            clip(&t!(l, "config-problem", problem = problem.as_str()), 1024),
            false,
        );
    }
    Ok(Response::message(Message::embed(embed).ephemeral()))
}
