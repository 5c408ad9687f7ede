//! `/config show | review-feed | poll-role | ping-role | weekly | reset`:
//! moderators only, checked here from the member's permissions (server
//! admins can override `default_member_permissions`).

use crate::bot::announcer::AnnounceError;
use crate::bot::context::{Args, Ctx};
use crate::bot::response::clip;
use crate::bot::{scheduler, Bot, Message, Response};
use crate::guild_settings::{self, WeeklySchedule};
use crate::ids::{ChannelId, GuildId};
use crate::polls::weekly;
use crate::{schedule, Error, Result};
use serenity::all::{
    ChannelType, CommandOptionType, InstallationContext, InteractionContext, PartialChannel,
    Permissions,
};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed};

const DAYS: [(&str, &str); 7] = [
    ("monday", "월요일"),
    ("tuesday", "화요일"),
    ("wednesday", "수요일"),
    ("thursday", "목요일"),
    ("friday", "금요일"),
    ("saturday", "토요일"),
    ("sunday", "일요일"),
];

pub fn register() -> CreateCommand {
    let sub = |name: &str, ko: &str, desc: &str, desc_ko: &str| {
        CreateCommandOption::new(CommandOptionType::SubCommand, name, desc)
            .name_localized("ko", ko)
            .description_localized("ko", desc_ko)
    };
    let channel = |desc: &str, desc_ko: &str| {
        CreateCommandOption::new(CommandOptionType::Channel, "channel", desc)
            .name_localized("ko", "채널")
            .description_localized("ko", desc_ko)
            .channel_types(vec![ChannelType::Text, ChannelType::News])
            .required(true)
    };
    let role = |name: &str, ko: &str, desc: &str, desc_ko: &str| {
        CreateCommandOption::new(CommandOptionType::Role, name, desc)
            .name_localized("ko", ko)
            .description_localized("ko", desc_ko)
    };
    let mut day = CreateCommandOption::new(CommandOptionType::String, "day", "Day of the week")
        .name_localized("ko", "요일")
        .description_localized("ko", "요일")
        .required(true);
    for (en, ko) in DAYS {
        day = day.add_string_choice_localized(en, en, [("ko", ko)]);
    }
    let weekly = sub(
        "weekly",
        "주간",
        "Turn on the weekly listening cycle",
        "주간 감상 모임 켜기",
    )
    .add_sub_option(channel(
        "Where the weekly poll and winner are posted",
        "주간 투표와 감상곡을 올릴 채널",
    ))
    .add_sub_option(day)
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "time",
            "Time as HH:MM, e.g. 20:00",
        )
        .name_localized("ko", "시간")
        .description_localized("ko", "HH:MM 형식의 시간, 예: 20:00")
        .max_length(5)
        .required(true),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "timezone",
            "IANA time zone, e.g. Asia/Seoul",
        )
        .name_localized("ko", "시간대")
        .description_localized("ko", "IANA 시간대, 예: Asia/Seoul")
        .max_length(64)
        .required(true),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::Integer,
            "candidates",
            "Tracks in the weekly poll (2–10, default 5)",
        )
        .name_localized("ko", "후보수")
        .description_localized("ko", "주간 투표의 후보 곡 수 (2–10, 기본 5)")
        .min_int_value(2)
        .max_int_value(10),
    )
    .add_sub_option(role(
        "ping-role",
        "알림역할",
        "The role pinged when the weekly poll opens",
        "주간 투표가 열릴 때 알릴 역할",
    ));
    CreateCommand::new("config")
        .description("Moderators: this server's ostbot settings")
        .name_localized("ko", "설정")
        .description_localized("ko", "운영진: 이 서버의 ostbot 설정")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(sub("show", "보기", "Show the settings", "설정 보기"))
        .add_option(
            sub(
                "review-feed",
                "리뷰피드",
                "Where new reviews are posted",
                "새 리뷰를 올릴 채널",
            )
            .add_sub_option(channel("The review feed channel", "리뷰 피드 채널")),
        )
        .add_option(
            sub(
                "poll-role",
                "투표역할",
                "Who may create polls besides moderators (omit to clear)",
                "운영진 외에 투표를 만들 수 있는 역할 (비우면 해제)",
            )
            .add_sub_option(role("role", "역할", "The role", "역할")),
        )
        .add_option(
            sub(
                "ping-role",
                "알림역할",
                "The role pinged when the weekly poll opens (omit to clear)",
                "주간 투표가 열릴 때 알릴 역할 (비우면 해제)",
            )
            .add_sub_option(role("role", "역할", "The role", "역할")),
        )
        .add_option(weekly)
        .add_option(sub(
            "reset",
            "초기화",
            "Forget every setting and stop the weekly cycle",
            "모든 설정을 지우고 주간 모임을 멈춰요",
        ))
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let mut settings = guild_settings::get(&bot.pool, guild).await?;
    let reply = match args.subcommand {
        Some("show") => return show(bot, ctx, &settings).await,
        Some("review-feed") => {
            let channel = usable_channel(bot, guild, args.channel("channel")).await?;
            settings.review_feed = Some(channel);
            settings.channel_problem = None;
            l.pick(
                format!("New reviews will be posted in <#{channel}>."),
                format!("새 리뷰는 <#{channel}>에 올라가요."),
            )
        }
        Some("poll-role") => {
            settings.poll_role = args.role("role");
            match settings.poll_role {
                Some(role) => l.pick(
                    format!("Members with <@&{role}> may now create polls."),
                    format!("이제 <@&{role}> 역할이 있는 멤버도 투표를 만들 수 있어요."),
                ),
                None => l
                    .pick(
                        "Only moderators may create polls now.",
                        "이제 운영진만 투표를 만들 수 있어요.",
                    )
                    .to_owned(),
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
            let tz = schedule::parse_timezone(args.required_str("timezone")?)?;
            let candidates = args.int("candidates").unwrap_or(5);
            if !(2..=10).contains(&candidates) {
                return Err(Error::invalid(
                    "candidates",
                    "choose between 2 and 10 tracks",
                    "2곡에서 10곡 사이로 골라 주세요",
                ));
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
            guild_settings::save(&bot.pool, &settings).await?;
            weekly::schedule(&bot.pool, guild, next).await?;
            scheduler::wake();
            let (en_day, ko_day) = DAYS[usize::from(day)];
            let en_day = day_name(en_day);
            let ts = next.timestamp();
            return Ok(Response::ephemeral_text(l.pick(
                format!(
                    "The weekly listening cycle runs every {en_day} at {} ({}) in <#{channel}>, {} candidates. Next run: <t:{ts}:F> (<t:{ts}:R>).",
                    schedule.time, schedule.timezone, schedule.candidates
                ),
                format!(
                    "주간 감상 모임이 매주 {ko_day} {} ({}) <#{channel}>에서 열려요. 후보 {}곡. 다음 실행: <t:{ts}:F> (<t:{ts}:R>).",
                    schedule.time, schedule.timezone, schedule.candidates
                ),
            )));
        }
        Some("reset") => {
            guild_settings::reset(&bot.pool, guild).await?;
            weekly::unschedule(&bot.pool, guild).await?;
            return Ok(Response::ephemeral_text(l.pick(
                "All settings are back to their defaults and the weekly cycle is off. Open polls still close on time.",
                "모든 설정을 기본값으로 되돌리고 주간 모임을 껐어요. 진행 중인 투표는 예정대로 마감돼요.",
            )));
        }
        _ => {
            return Err(Error::invalid(
                "subcommand",
                "choose show, review-feed, poll-role, ping-role, weekly or reset",
                "보기, 리뷰피드, 투표역할, 알림역할, 주간, 초기화 중 하나를 골라 주세요",
            ))
        }
    };
    guild_settings::save(&bot.pool, &settings).await?;
    Ok(Response::ephemeral_text(reply))
}

/// "friday" → "Friday".
fn day_name(day: &str) -> String {
    let mut chars = day.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn ping_text(ctx: &Ctx, settings: &guild_settings::GuildSettings) -> String {
    match settings.ping_role {
        Some(role) => ctx.locale.pick(
            format!("<@&{role}> will be pinged when the weekly poll opens."),
            format!("주간 투표가 열리면 <@&{role}> 역할을 알려요."),
        ),
        None => ctx
            .locale
            .pick(
                "Nobody will be pinged when the weekly poll opens.",
                "주간 투표가 열려도 아무도 알리지 않아요.",
            )
            .to_owned(),
    }
}

/// A text channel the bot can post in, or what is wrong with it.
async fn usable_channel(
    bot: &Bot,
    guild: GuildId,
    channel: Option<&PartialChannel>,
) -> Result<ChannelId> {
    let Some(channel) = channel else {
        return Err(Error::invalid(
            "channel",
            "choose a channel",
            "채널을 골라 주세요",
        ));
    };
    if !matches!(channel.kind, ChannelType::Text | ChannelType::News) {
        return Err(Error::invalid(
            "channel",
            "choose a text or announcement channel",
            "텍스트 채널이나 공지 채널을 골라 주세요",
        ));
    }
    let id = ChannelId(channel.id.get());
    // A crafted option can name any channel id; only this server's will do.
    if let Ok(Some(owner)) = bot.announcer.guild_of(id).await {
        if owner != guild {
            return Err(Error::Refused("hardening-channel-other-server"));
        }
    }
    match bot.announcer.check_access(id).await {
        Ok(()) => Ok(id),
        Err(AnnounceError::ChannelGone) => Err(Error::invalid(
            "channel",
            "that channel no longer exists",
            "그 채널은 더 이상 없어요",
        )),
        Err(AnnounceError::MissingAccess(missing)) => Err(Error::invalid(
            "channel",
            format!("I cannot post in <#{id}>; I am missing: {missing}"),
            format!("<#{id}>에 글을 올릴 수 없어요. 부족한 권한: {missing}"),
        )),
        Err(AnnounceError::Unavailable(reason)) => {
            // Unknown is not refused: a later post reports a real problem.
            tracing::warn!(%reason, channel = %id, "could not check channel access");
            Ok(id)
        }
    }
}

async fn show(bot: &Bot, ctx: &Ctx, settings: &guild_settings::GuildSettings) -> Result<Response> {
    let l = ctx.locale;
    let none = l.pick("not set", "설정 안 됨");
    let channel = |c: Option<ChannelId>| c.map(|c| format!("<#{c}>")).unwrap_or(none.into());
    let role = |r: Option<crate::ids::RoleId>| r.map(|r| format!("<@&{r}>")).unwrap_or(none.into());
    let mut embed = CreateEmbed::new()
        .title(l.pick("ostbot settings", "ostbot 설정"))
        .colour(crate::bot::poll_view::COLOUR)
        .field(
            l.pick("Review feed", "리뷰 피드"),
            channel(settings.review_feed),
            true,
        )
        .field(
            l.pick("Poll role", "투표 역할"),
            role(settings.poll_role),
            true,
        )
        .field(
            l.pick("Ping role", "알림 역할"),
            role(settings.ping_role),
            true,
        );
    let weekly_text = match &settings.weekly {
        None => l.pick("off", "꺼짐").to_owned(),
        Some(w) => {
            let (en_day, ko_day) = DAYS[usize::from(w.day.min(6))];
            let en_day = day_name(en_day);
            let next = weekly::job(&bot.pool, settings.guild)
                .await?
                .map(|j| format!(" · <t:{}:R>", j.next_run.timestamp()))
                .unwrap_or_default();
            l.pick(
                format!(
                    "every {en_day} at {} ({}) in <#{}>, {} candidates{next}",
                    w.time, w.timezone, w.channel, w.candidates
                ),
                format!(
                    "매주 {ko_day} {} ({}) <#{}>, 후보 {}곡{next}",
                    w.time, w.timezone, w.channel, w.candidates
                ),
            )
        }
    };
    embed = embed.field(
        l.pick("Weekly cycle", "주간 모임"),
        clip(&weekly_text, 1024),
        false,
    );
    if let Some(problem) = &settings.channel_problem {
        embed = embed.field(
            l.pick("⚠️ Problem", "⚠️ 문제"),
            clip(
                &l.pick(
                    format!("The last post failed: {problem}. Fix the channel's permissions or choose another channel."),
                    format!("마지막 게시에 실패했어요: {problem}. 채널 권한을 고치거나 다른 채널을 골라 주세요."),
                ),
                1024,
            ),
            false,
        );
    }
    Ok(Response::message(Message::embed(embed).ephemeral()))
}
