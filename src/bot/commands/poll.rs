//! `/poll create | add | close | results | list` and the vote buttons and
//! select menu (`poll:vote:<poll>:<option>`, `poll:pick:<poll>`).

use crate::bot::announcer::AnnounceError;
use crate::bot::commands::Component;
use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::response::clip;
use crate::bot::{lookup, poll_view, scheduler};
use crate::bot::{Bot, Choice, Message, Response};
use crate::guild_settings;
use crate::ids::GuildId;
use crate::locale::Locale;
use crate::polls::{self, NewOption, NewPoll, Poll, PollId};
use crate::{t, Error, Result};
use serenity::all::{CommandOptionType, InstallationContext, InteractionContext};
use serenity::builder::{CreateCommand, CreateCommandOption, CreateEmbed};

pub fn register() -> CreateCommand {
    let poll_id = || {
        CreateCommandOption::new(CommandOptionType::Integer, "poll", "")
            .localized("cmd-poll-poll")
            .min_int_value(1)
            .required(true)
    };
    let option = |n: usize| {
        let mut o = CreateCommandOption::new(
            CommandOptionType::String,
            format!("option{n}"),
            t!(Locale::En, "cmd-poll-option.description", n = n),
        );
        for l in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
            o = o
                .name_localized(l.discord_code(), t!(l, "cmd-poll-option", n = n))
                .description_localized(
                    l.discord_code(),
                    t!(l, "cmd-poll-option.description", n = n),
                );
        }
        // What `polls::validate` enforces on a typed option (a picked
        // track's label is clipped to it).
        o.set_autocomplete(true)
            .max_length(polls::MAX_LABEL_CHARS as u16)
    };
    let flag = |name: &str, id: &str| {
        CreateCommandOption::new(CommandOptionType::Boolean, name, "").localized(id)
    };
    let mut create = CreateCommandOption::new(CommandOptionType::SubCommand, "create", "")
        .localized("cmd-poll-create")
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "question", "")
                .localized("cmd-poll-question")
                .max_length(polls::MAX_QUESTION_CHARS as u16)
                .required(true),
        )
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "duration", "")
                .localized("cmd-poll-duration")
                .max_length(20)
                .required(true),
        );
    for n in 1..=polls::MAX_INLINE_OPTIONS {
        let mut o = option(n);
        if n <= polls::MIN_OPTIONS {
            o = o.required(true);
        }
        create = create.add_sub_option(o);
    }
    create = create
        .add_sub_option(flag("multi", "cmd-poll-multi"))
        .add_sub_option(flag("anonymous", "cmd-poll-anonymous"))
        .add_sub_option(flag("hide-results", "cmd-poll-hide-results"));
    let add = CreateCommandOption::new(CommandOptionType::SubCommand, "add", "")
        .localized("cmd-poll-add")
        .add_sub_option(poll_id())
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "option", "")
                .localized("cmd-poll-add-option")
                .set_autocomplete(true)
                .max_length(polls::MAX_LABEL_CHARS as u16)
                .required(true),
        );
    let close = CreateCommandOption::new(CommandOptionType::SubCommand, "close", "")
        .localized("cmd-poll-close")
        .add_sub_option(poll_id());
    let results = CreateCommandOption::new(CommandOptionType::SubCommand, "results", "")
        .localized("cmd-poll-results")
        .add_sub_option(poll_id());
    let list = CreateCommandOption::new(CommandOptionType::SubCommand, "list", "")
        .localized("cmd-poll-list");
    CreateCommand::new("poll")
        .localized("cmd-poll")
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
        _ => Err(Error::User(crate::msg!("poll-choose-subcommand"))),
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
        Some(_) => Err(Error::User(crate::msg!("poll-create-needs-role"))),
        None => Err(Error::NeedsManageServer),
    }
}

/// The poll's creator or a moderator.
fn may_manage(ctx: &Ctx, poll: &Poll) -> Result<()> {
    if ctx.is_moderator || poll.creator == polls::Creator::Member(ctx.user) {
        Ok(())
    } else {
        Err(Error::User(crate::msg!("poll-creator-only")))
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
    args.int("poll")
        .and_then(|n| PollId::try_from(n).ok())
        .ok_or_else(|| Error::User(crate::msg!("poll-give-number")))
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
        return Err(Error::User(crate::msg!(
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
        creator: polls::Creator::Member(ctx.user),
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
    // The poll is a channel post: it speaks the server's language.
    let language = guild_settings::language(&bot.pool, guild).await?;
    let message = poll_view::poll_message(&poll, &polls::Tally::default(), language);
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
    Ok(Response::ephemeral_text(t!(
        l,
        "poll-created",
        poll = id.get(),
        closes = format!("<t:{ts}:R>")
    )))
}

/// Why a poll could not be posted here, for the member.
pub fn cannot_post(problem: AnnounceError) -> Error {
    match problem {
        AnnounceError::ChannelGone => Error::User(crate::msg!("channel-gone")),
        AnnounceError::MissingAccess(missing) => Error::User(crate::msg!(
            "channel-missing-access",
            missing = missing.to_string()
        )),
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
        return Err(Error::from(polls::PollError::EmptyOption));
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
    Ok(Response::ephemeral_text(t!(
        ctx.locale,
        "poll-option-added",
        n = n,
        poll = id.get(),
        option = crate::bot::render::text::escape(&option.label)
    )))
}

async fn close(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let id = poll_number(args)?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    may_manage(ctx, &poll)?;
    if !scheduler::close_poll(bot, id, true).await? {
        return Err(Error::User(crate::msg!(
            "poll-already-closed",
            poll = id.get()
        )));
    }
    // The poll is closed now, whatever happens to the post: a failed post
    // stays owed (`results_pending`) and the scheduler retries it with its
    // nonce, so it lands once.
    if let Err(error) = scheduler::post_results(bot, id).await {
        tracing::warn!(%error, poll = %id, "posting the results failed; the scheduler retries");
        scheduler::wake();
        return Ok(Response::ephemeral_text(t!(
            ctx.locale,
            "hardening-poll-closed-results-later",
            poll = id.get()
        )));
    }
    Ok(Response::ephemeral_text(t!(
        ctx.locale,
        "poll-closed-now",
        poll = id.get()
    )))
}

async fn results(bot: &Bot, ctx: &Ctx, guild: GuildId, args: &Args<'_>) -> Result<Response> {
    let l = ctx.locale;
    let id = poll_number(args)?;
    let poll = polls::get_in(&bot.pool, id, guild).await?;
    if !poll.counts_visible() {
        let ts = poll.closes_at.timestamp();
        return Ok(Response::ephemeral_text(t!(
            l,
            "poll-results-hidden-until",
            poll = id.get(),
            closes = format!("<t:{ts}:R>")
        )));
    }
    let tally = polls::tally(&bot.pool, &poll).await?;
    let voters = polls::voters(&bot.pool, &poll, poll_view::VOTERS_SHOWN).await?;
    let mut message = if poll.closed_at.is_some() {
        poll_view::results_message(&poll, &tally, &voters, l)
    } else {
        let ts = poll.closes_at.timestamp();
        let mut m = Message::embed(poll_view::results_embed(&poll, &tally, &voters, l));
        m.content = Some(t!(
            l,
            "poll-still-open",
            poll = id.get(),
            closes = format!("<t:{ts}:R>")
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
        return Ok(Response::ephemeral_text(t!(l, "poll-list-empty")));
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
                poll_view::outcome_line(poll, &tally, l)
            ));
        }
    }
    let mut embed = CreateEmbed::new()
        .title(t!(l, "poll-list-title"))
        .colour(poll_view::COLOUR);
    if !open.is_empty() {
        embed = embed.field(t!(l, "poll-list-open"), clip(&open.join("\n"), 1024), false);
    }
    if !closed.is_empty() {
        embed = embed.field(
            t!(l, "poll-list-closed"),
            clip(&closed.join("\n"), 1024),
            false,
        );
    }
    Ok(Response::message(Message::embed(embed).ephemeral()))
}

/// A vote: a button (`poll:vote:<poll>:<option>`) or the select menu
/// (`poll:pick:<poll>`). Acknowledged only to the voter.
pub async fn component(
    bot: &Bot,
    ctx: &Ctx,
    id: &CustomId,
    input: &Component<'_>,
) -> Result<Response> {
    let l = ctx.locale;
    let guild = ctx.guild()?;
    let bad = || Error::User(crate::msg!("button-unknown"));
    let (id, choice) = match *id {
        CustomId::PollVote { poll, position } => (poll, polls::Choice::Toggle(position)),
        CustomId::PollPick { poll } => {
            let set = input
                .values
                .iter()
                .map(|v| v.parse::<u8>())
                .collect::<std::result::Result<Vec<u8>, _>>()
                .map_err(|_| bad())?;
            (poll, polls::Choice::Set(set))
        }
        _ => return Err(Error::StaleComponent),
    };
    let cast = polls::vote(&bot.writer, id, guild, ctx.user, &choice, bot.clock.now()).await?;
    if let Err(error) = scheduler::after_vote(bot, id, &cast).await {
        tracing::warn!(%error, poll = %id, "could not update the poll message");
    }
    let text = if cast.positions.is_empty() {
        t!(l, "poll-vote-withdrawn", poll = id.get())
    } else {
        let names = poll_view::joined_names(&cast.labels);
        t!(l, "poll-voted", options = names)
    };
    Ok(Response::ephemeral_text(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Discord is told the length that is enforced (issue 16: it said 200
    /// while 80 was refused).
    #[test]
    fn option_lengths_declare_what_is_enforced() {
        let definition = serde_json::to_value(register()).expect("serializes");
        let mut checked = 0;
        for sub in definition["options"].as_array().into_iter().flatten() {
            for option in sub["options"].as_array().into_iter().flatten() {
                let name = option["name"].as_str().unwrap_or_default();
                if name.starts_with("option") {
                    assert_eq!(option["max_length"], polls::MAX_LABEL_CHARS, "{name}");
                    checked += 1;
                }
            }
        }
        assert!(checked > polls::MIN_OPTIONS, "{checked}");
    }
}
