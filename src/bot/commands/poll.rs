//! `/poll create | add | close | results | list` and the vote buttons and
//! select menu (`poll:vote:<poll>:<option>`, `poll:pick:<poll>`).

use crate::bot::announcer::AnnounceError;
use crate::bot::commands::Component;
use crate::bot::context::{Args, Ctx};
use crate::bot::response::clip;
use crate::bot::{lookup, poll_view, scheduler};
use crate::bot::{Bot, Choice, Message, Response};
use crate::guild_settings;
use crate::ids::GuildId;
use crate::polls::{self, NewOption, NewPoll, Poll, PollId};
use crate::{Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed};

pub fn register() -> CreateCommand {
    let poll_id = || {
        CreateCommandOption::new(
            CommandOptionType::Integer,
            "poll",
            "Poll number (shown as #N)",
        )
        .name_localized("ko", "투표")
        .description_localized("ko", "투표 번호 (#N)")
        .min_int_value(1)
        .required(true)
    };
    let option = |name: &str, ko: &str, n: usize| {
        CreateCommandOption::new(
            CommandOptionType::String,
            name,
            format!("Option {n}: a track (pick from the list) or any text"),
        )
        .name_localized("ko", ko)
        .description_localized(
            "ko",
            format!("선택지 {n}: 곡 (목록에서 선택) 또는 자유 입력"),
        )
        .set_autocomplete(true)
        .max_length(lookup::MAX_QUERY_CHARS as u16)
    };
    let flag = |name: &str, ko: &str, desc: &str, desc_ko: &str| {
        CreateCommandOption::new(CommandOptionType::Boolean, name, desc)
            .name_localized("ko", ko)
            .description_localized("ko", desc_ko)
    };
    let mut create = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "create",
        "Start a poll in this channel",
    )
    .name_localized("ko", "만들기")
    .description_localized("ko", "이 채널에 투표 시작")
    .add_sub_option(
        CreateCommandOption::new(CommandOptionType::String, "question", "What to ask")
            .name_localized("ko", "질문")
            .description_localized("ko", "물어볼 내용")
            .max_length(polls::MAX_QUESTION_CHARS as u16)
            .required(true),
    )
    .add_sub_option(
        CreateCommandOption::new(
            CommandOptionType::String,
            "duration",
            "How long it stays open: 3d, 12h, 90m, 1d12h (at most 32d)",
        )
        .name_localized("ko", "기간")
        .description_localized("ko", "열려 있는 기간: 3d, 12h, 90m, 1d12h (최대 32d)")
        .max_length(20)
        .required(true),
    );
    for n in 1..=polls::MAX_INLINE_OPTIONS {
        let mut o = option(&format!("option{n}"), &format!("선택지{n}"), n);
        if n <= polls::MIN_OPTIONS {
            o = o.required(true);
        }
        create = create.add_sub_option(o);
    }
    create = create
        .add_sub_option(flag(
            "multi",
            "복수선택",
            "Members may choose several options",
            "여러 개를 고를 수 있어요",
        ))
        .add_sub_option(flag(
            "anonymous",
            "익명",
            "Nobody, moderators included, sees who voted for what",
            "운영진을 포함해 누구도 누가 무엇에 투표했는지 볼 수 없어요",
        ))
        .add_sub_option(flag(
            "hide-results",
            "결과숨기기",
            "Hide the counts until the poll closes",
            "마감 전까지 득표수를 숨겨요",
        ));
    let add = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "add",
        "Add an option to a poll before its first vote (up to 25)",
    )
    .name_localized("ko", "추가")
    .description_localized("ko", "첫 투표 전에 선택지 추가 (최대 25개)")
    .add_sub_option(poll_id())
    .add_sub_option(
        option("option", "선택지", 0)
            .description("A track (pick from the list) or any text")
            .description_localized("ko", "곡 (목록에서 선택) 또는 자유 입력")
            .required(true),
    );
    let close =
        CreateCommandOption::new(CommandOptionType::SubCommand, "close", "Close a poll now")
            .name_localized("ko", "마감")
            .description_localized("ko", "투표를 지금 마감")
            .add_sub_option(poll_id());
    let results = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "results",
        "Show a poll's results",
    )
    .name_localized("ko", "결과")
    .description_localized("ko", "투표 결과 보기")
    .add_sub_option(poll_id());
    let list = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "list",
        "Open and recent polls in this server",
    )
    .name_localized("ko", "목록")
    .description_localized("ko", "이 서버의 진행 중인 투표와 최근 투표");
    CreateCommand::new("poll")
        .description("Listening polls")
        .name_localized("ko", "투표")
        .description_localized("ko", "감상 투표")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(create)
        .add_option(add)
        .add_option(close)
        .add_option(results)
        .add_option(list)
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    match args.subcommand {
        Some("create") => create(bot, ctx, guild, args).await,
        Some("add") => add(bot, ctx, guild, args).await,
        Some("close") => close(bot, ctx, guild, args).await,
        Some("results") => results(bot, ctx, guild, args).await,
        Some("list") => list(bot, ctx, guild).await,
        _ => Err(Error::invalid(
            "subcommand",
            "choose create, add, close, results or list",
            "만들기, 추가, 마감, 결과, 목록 중 하나를 골라 주세요",
        )),
    }
}

pub async fn autocomplete(bot: &Bot, ctx: &Ctx, option: &str, typed: &str) -> Result<Vec<Choice>> {
    if option.starts_with("option") {
        lookup::track_choices(bot, ctx.guild, typed, None).await
    } else {
        Ok(Vec::new())
    }
}

/// Manage Server, or the role set with `/config poll-role`.
async fn may_create(bot: &Bot, ctx: &Ctx, guild: GuildId) -> Result<()> {
    if ctx.is_moderator {
        return Ok(());
    }
    let settings = guild_settings::get(&bot.pool, guild).await?;
    match settings.poll_role {
        Some(role) if ctx.roles.contains(&role) => Ok(()),
        Some(_) => Err(Error::invalid(
            "poll",
            "only moderators and members with the poll role can create polls",
            "운영진과 투표 역할이 있는 멤버만 투표를 만들 수 있어요",
        )),
        None => Err(Error::NeedsManageServer),
    }
}

/// The poll's creator or a moderator.
fn may_manage(ctx: &Ctx, poll: &Poll) -> Result<()> {
    if ctx.is_moderator || poll.creator == ctx.user {
        Ok(())
    } else {
        Err(Error::invalid(
            "poll",
            "only the poll's creator or a moderator can do that",
            "투표를 만든 사람이나 운영진만 할 수 있어요",
        ))
    }
}

/// A track picked in autocomplete (`id:N`), or the text as typed.
async fn option_from(bot: &Bot, ctx: &Ctx, value: &str) -> Result<NewOption> {
    if value.starts_with("id:") {
        let track = lookup::resolve_track(bot, ctx.guild, value, None).await?;
        return Ok(NewOption {
            label: clip(&track.label(), polls::MAX_LABEL_CHARS),
            track: Some(track.id),
        });
    }
    Ok(NewOption {
        label: value.trim().to_owned(),
        track: None,
    })
}

fn poll_number(args: &Args<'_>) -> Result<PollId> {
    args.int("poll").map(PollId).ok_or_else(|| {
        Error::invalid(
            "poll",
            "give the poll's number",
            "투표 번호를 입력해 주세요",
        )
    })
}

async fn create(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let l = ctx.locale;
    may_create(bot, ctx, guild).await?;
    let question = args.required_str("question")?.trim().to_owned();
    let duration = polls::parse_duration(args.required_str("duration")?)?;
    // Discord shows ten options on `/poll create`; a payload with more
    // (an old registration, a crafted request) is refused, never cut short.
    let beyond = (polls::MAX_INLINE_OPTIONS + 1..=polls::MAX_OPTIONS + 1)
        .filter(|n| {
            args.str(&format!("option{n}"))
                .is_some_and(|v| !v.trim().is_empty())
        })
        .count();
    if beyond > 0 {
        return Ok(Response::ephemeral_text(crate::t!(
            l,
            "hardening-poll-too-many-options",
            max = polls::MAX_INLINE_OPTIONS,
            most = polls::MAX_OPTIONS
        )));
    }
    let mut options = Vec::new();
    for n in 1..=polls::MAX_INLINE_OPTIONS {
        if let Some(value) = args.str(&format!("option{n}")) {
            if !value.trim().is_empty() {
                options.push(option_from(bot, ctx, value).await?);
            }
        }
    }
    polls::validate(&question, &options, polls::MAX_INLINE_OPTIONS)?;
    let channel = ctx.channel.ok_or(Error::GuildOnly)?;
    let now = bot.clock.now();
    let new = NewPoll {
        guild,
        channel,
        creator: ctx.user,
        question,
        options,
        multi: args.bool("multi").unwrap_or(false),
        anonymous: args.bool("anonymous").unwrap_or(false),
        hide_results: args.bool("hide-results").unwrap_or(false),
        created_at: now,
        closes_at: now + duration,
        weekly_cycle: None,
    };
    let id = polls::create(&bot.pool, &new).await?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    let message = poll_view::poll_message(&poll, &polls::Tally::default());
    match bot
        .announcer
        .post(channel, &message, Some(&format!("p{id}")))
        .await
    {
        Ok(message_id) => polls::set_message(&bot.pool, id, message_id).await?,
        Err(problem) => {
            polls::delete(&bot.pool, id).await?;
            return Err(cannot_post(problem));
        }
    }
    scheduler::wake();
    let ts = poll.closes_at.timestamp();
    Ok(Response::ephemeral_text(l.pick(
        format!("Poll #{id} is up. It closes <t:{ts}:R>."),
        format!("#{id} 투표를 올렸어요. <t:{ts}:R>에 마감돼요."),
    )))
}

/// Why a poll could not be posted here, for the member.
pub fn cannot_post(problem: AnnounceError) -> Error {
    match problem {
        AnnounceError::ChannelGone => Error::invalid(
            "channel",
            "this channel no longer exists",
            "이 채널은 더 이상 없어요",
        ),
        AnnounceError::MissingAccess(missing) => Error::invalid(
            "channel",
            format!("I cannot post in this channel (missing: {missing})"),
            format!("이 채널에 글을 올릴 수 없어요 (부족한 권한: {missing})"),
        ),
        AnnounceError::Unavailable(reason) => {
            Error::Internal(format!("posting the poll failed: {reason}"))
        }
    }
}

async fn add(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let id = poll_number(args)?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    may_manage(ctx, &poll)?;
    let option = option_from(bot, ctx, args.required_str("option")?).await?;
    if polls::label_key(&option.label).is_empty() {
        return Err(Error::invalid(
            "option",
            "an option cannot be empty",
            "빈 선택지는 만들 수 없어요",
        ));
    }
    if option.label.chars().count() > polls::MAX_LABEL_CHARS {
        return Err(Error::TooLong {
            field: "option",
            max: polls::MAX_LABEL_CHARS,
        });
    }
    let position = polls::add_option(&bot.pool, id, &option, bot.clock.now()).await?;
    if let Err(error) = scheduler::refresh(bot, id, true).await {
        tracing::warn!(%error, poll = %id, "could not show the new option");
    }
    let n = usize::from(position) + 1;
    Ok(Response::ephemeral_text(ctx.locale.pick(
        format!("Added option {n} to poll #{id}: **{}**.", option.label),
        format!(
            "#{id} 투표에 선택지 {n}을(를) 추가했어요: **{}**",
            option.label
        ),
    )))
}

async fn close(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let id = poll_number(args)?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    may_manage(ctx, &poll)?;
    if !scheduler::close_poll(bot, id, true).await? {
        return Err(Error::invalid(
            "poll",
            format!("poll #{id} is already closed"),
            format!("#{id} 투표는 이미 마감되었어요"),
        ));
    }
    // The poll is closed now, whatever happens to the post: a failed post
    // stays owed (`results_pending`) and the scheduler retries it with its
    // nonce, so it lands once.
    if let Err(error) = scheduler::post_results(bot, id).await {
        tracing::warn!(%error, poll = %id, "posting the results failed; the scheduler retries");
        scheduler::wake();
        return Ok(Response::ephemeral_text(crate::t!(
            ctx.locale,
            "hardening-poll-closed-results-later",
            poll = id.to_string()
        )));
    }
    Ok(Response::ephemeral_text(ctx.locale.pick(
        format!("Closed poll #{id}; the results are posted."),
        format!("#{id} 투표를 마감하고 결과를 올렸어요."),
    )))
}

async fn results(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let l = ctx.locale;
    let id = poll_number(args)?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    if !poll.counts_visible() {
        let ts = poll.closes_at.timestamp();
        return Ok(Response::ephemeral_text(l.pick(
            format!("The results of poll #{id} are hidden until it closes <t:{ts}:R>."),
            format!("#{id} 투표 결과는 <t:{ts}:R> 마감 후에 공개돼요."),
        )));
    }
    let tally = polls::tally(&bot.pool, &poll).await?;
    let voters = polls::voters(&bot.pool, &poll, poll_view::VOTERS_SHOWN).await?;
    let mut message = if poll.closed_at.is_some() {
        poll_view::results_message(&poll, &tally, &voters)
    } else {
        let ts = poll.closes_at.timestamp();
        let mut m = Message::embed(poll_view::results_embed(&poll, &tally, &voters));
        m.content = Some(l.pick(
            format!("Poll #{id} is still open; it closes <t:{ts}:R>."),
            format!("#{id} 투표는 아직 진행 중이에요. <t:{ts}:R>에 마감돼요."),
        ));
        m
    };
    message.ephemeral = true;
    Ok(Response::message(message))
}

async fn list(bot: &Bot, ctx: &Ctx, guild: GuildId) -> Result<Response> {
    let l = ctx.locale;
    let all = polls::list(&bot.pool, guild, 10).await?;
    if all.is_empty() {
        return Ok(Response::ephemeral_text(l.pick(
            "No polls in this server yet. Start one with /poll create.",
            "이 서버에는 아직 투표가 없어요. /poll create 로 시작해 보세요.",
        )));
    }
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for poll in &all {
        let line = format!("**#{}** {}", poll.id, clip(&poll.question, 80));
        if poll.closed_at.is_none() {
            open.push(format!("{line} · ⏰ <t:{}:R>", poll.closes_at.timestamp()));
        } else {
            let tally = polls::tally(&bot.pool, poll).await?;
            closed.push(format!(
                "{line} · {}",
                poll_view::outcome_line(poll, &tally)
            ));
        }
    }
    let mut embed = CreateEmbed::new()
        .title(l.pick("Polls in this server", "이 서버의 투표"))
        .colour(poll_view::COLOUR);
    if !open.is_empty() {
        embed = embed.field(
            l.pick("Open", "진행 중"),
            clip(&open.join("\n"), 1024),
            false,
        );
    }
    if !closed.is_empty() {
        embed = embed.field(
            l.pick("Recently closed", "최근 마감"),
            clip(&closed.join("\n"), 1024),
            false,
        );
    }
    Ok(Response::message(Message::embed(embed).ephemeral()))
}

/// A vote: a button (`poll:vote:<poll>:<option>`) or the select menu
/// (`poll:pick:<poll>`). Acknowledged only to the voter.
pub async fn component(bot: &Bot, ctx: &Ctx, input: &Component<'_>) -> Result<Response> {
    let l = ctx.locale;
    let guild = ctx.guild()?;
    let bad = || {
        Error::invalid(
            "vote",
            "this button is not something I know any more",
            "더 이상 알 수 없는 버튼이에요",
        )
    };
    let parts: Vec<&str> = input.custom_id.split(':').collect();
    let (id, choice) = match parts.as_slice() {
        ["poll", "vote", id, position] => (
            id.parse().map_err(|_| bad())?,
            polls::Choice::Toggle(position.parse().map_err(|_| bad())?),
        ),
        ["poll", "pick", id] => {
            let set = input
                .values
                .iter()
                .map(|v| v.parse::<u8>())
                .collect::<std::result::Result<Vec<u8>, _>>()
                .map_err(|_| bad())?;
            (id.parse().map_err(|_| bad())?, polls::Choice::Set(set))
        }
        _ => return Err(bad()),
    };
    let id = PollId(id);
    let cast = polls::vote(&bot.writer, id, guild, ctx.user, &choice, bot.clock.now()).await?;
    if let Err(error) = scheduler::after_vote(bot, id, &cast).await {
        tracing::warn!(%error, poll = %id, "could not update the poll message");
    }
    let text = if cast.positions.is_empty() {
        l.pick(
            format!("You withdrew your vote in poll #{id}."),
            format!("#{id} 투표를 취소했어요."),
        )
    } else {
        let names = poll_view::joined_names(&cast.labels);
        l.pick(
            format!("You voted for {names}. You can change your vote until the poll closes."),
            format!("{names}에 투표했어요. 마감 전까지 바꿀 수 있어요."),
        )
    };
    Ok(Response::ephemeral_text(text))
}
