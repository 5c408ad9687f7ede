//! `/suggest track | mine` for members, the moderators' queue
//! (`/catalog queue`, and each new suggestion posted in the catalog
//! channel) with Approve, Edit and Reject.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::render::text::escape;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::suggestions::{
    self, follow_up, Changes, Decision, DramaChoice, Moderator, NewSuggestion, State, Suggested,
    Suggestion, SuggestionId, MAX_OPEN, MAX_REASON_CHARS, MAX_SINGERS_CHARS,
};
use crate::catalog::{self, import::MAX_TITLE_CHARS};
use crate::guild_settings;
use crate::locale::Locale;
use crate::{t, Error, Result};
use serenity::all::{
    ButtonStyle, CommandOptionType, InputTextStyle, InstallationContext, InteractionContext,
};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateInputText, CreateModal,
};
use std::collections::HashMap;

const COLOUR: u32 = 0x5B_8D_EF;
/// The autocomplete value of "a drama the catalog lacks".
const NEW_DRAMA: &str = "new:";

pub fn register() -> CreateCommand {
    let text = |name: &str, id: &str, max: usize| {
        CreateCommandOption::new(CommandOptionType::String, name, "")
            .localized(id)
            .max_length(max as u16)
    };
    let track = CreateCommandOption::new(CommandOptionType::SubCommand, "track", "")
        .localized("cmd-suggest-track")
        .add_sub_option(
            text("drama", "cmd-suggest-drama", MAX_TITLE_CHARS)
                .required(true)
                .set_autocomplete(true),
        )
        .add_sub_option(text("title", "cmd-suggest-title", MAX_TITLE_CHARS).required(true))
        .add_sub_option(text("singers", "cmd-suggest-singers", MAX_SINGERS_CHARS))
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "part", "")
                .localized("cmd-suggest-part")
                .min_int_value(0)
                .max_int_value(100),
        )
        .add_sub_option(text("link", "cmd-suggest-link", 512))
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Boolean, "dm", "")
                .localized("cmd-suggest-dm"),
        );
    CreateCommand::new("suggest")
        .localized("cmd-suggest")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(track)
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "mine", "")
                .localized("cmd-suggest-mine"),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    match args.subcommand {
        Some("track") => suggest_track(bot, ctx, args).await,
        Some("mine") => mine(bot, ctx).await,
        _ => Err(Error::StaleComponent),
    }
}

/// The drama option: this server's dramas as typed, then "a new drama".
pub async fn autocomplete(bot: &Bot, ctx: &Ctx, typed: &str) -> Result<Vec<Choice>> {
    let mut choices = lookup::drama_choices(bot, ctx.guild, typed).await?;
    let typed = typed.trim();
    if !typed.is_empty() {
        choices.truncate(crate::bot::response::MAX_CHOICES - 1);
        choices.push(Choice::new(
            t!(ctx.locale, "suggest-new-drama-choice", title = typed),
            format!("{NEW_DRAMA}{typed}"),
        ));
    }
    Ok(choices)
}

async fn drama_choice(bot: &Bot, ctx: &Ctx, input: &str) -> Result<DramaChoice> {
    if let Some(title) = input.strip_prefix(NEW_DRAMA) {
        return Ok(DramaChoice::New(title.trim().to_owned()));
    }
    match lookup::resolve_drama(bot, ctx.guild, input).await {
        Ok(drama) => Ok(DramaChoice::Existing(drama)),
        // Nothing like it in the catalog: a drama the catalog lacks.
        Err(Error::NoMatch { suggestions, .. }) if suggestions.is_empty() => {
            Ok(DramaChoice::New(input.trim().to_owned()))
        }
        Err(other) => Err(other),
    }
}

fn text_option(args: &Args<'_>, name: &str) -> Option<String> {
    args.str(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

async fn suggest_track(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    let l = ctx.locale;
    let drama = drama_choice(bot, ctx, args.required_str("drama")?).await?;
    let new = NewSuggestion {
        guild,
        member: ctx.user,
        member_name: ctx.user_name.clone(),
        locale: l.discord_code().to_owned(),
        drama,
        title: args.required_str("title")?.trim().to_owned(),
        singers: text_option(args, "singers"),
        ost_part: args.int("part").map(|p| p.clamp(-1, 1000) as i32),
        link: text_option(args, "link"),
        notify_dm: args.bool("dm").unwrap_or(false),
    };
    match suggestions::suggest(&bot.pool, &new, bot.clock.now()).await? {
        Suggested::Exists(track) => {
            let track = catalog::get_track(&bot.pool, track, ctx.guild)
                .await?
                .ok_or(Error::EntryGone)?;
            let mut card = match super::track::card(bot, ctx, &track).await? {
                Response::Message(message) => message,
                other => return Ok(other),
            };
            card.content = Some(t!(l, "suggest-exists"));
            Ok(Response::Message(card.ephemeral()))
        }
        Suggested::Stored { suggestion, open } => {
            if let (false, Some(reply)) = (suggestion.notify_dm, &ctx.reply) {
                follow_up::keep(&bot.pool, suggestion.id, reply, bot.clock.now()).await?;
            }
            post_for_moderators(bot, &suggestion).await;
            Ok(Response::ephemeral_text(t!(
                l,
                "suggest-stored",
                id = suggestion.id.get(),
                title = escape(&suggestion.title),
                drama = escape(&suggestion.drama_title),
                open = open,
                max = MAX_OPEN
            )))
        }
    }
}

/// Posts a new suggestion, with its buttons, where moderators look: the
/// catalog channel, else the review feed. A failed post is logged; the
/// suggestion stays in the queue.
async fn post_for_moderators(bot: &Bot, s: &Suggestion) {
    let channel = match suggestions::channel(&bot.pool, s.guild).await {
        Ok(Some(channel)) => Some(channel),
        Ok(None) => guild_settings::get(&bot.pool, s.guild)
            .await
            .ok()
            .and_then(|g| g.review_feed),
        Err(error) => {
            tracing::warn!(%error, "could not read the catalog channel");
            None
        }
    };
    let Some(channel) = channel else { return };
    let l = guild_settings::language(&bot.pool, s.guild)
        .await
        .unwrap_or_default();
    let message = Message::embed(embed(s, l)).with_components(vec![decision_buttons(s.id, l)]);
    if let Err(error) = bot.announcer.post(channel, &message, None).await {
        tracing::warn!(%error, suggestion = %s.id, "could not post a suggestion");
    }
}

async fn mine(bot: &Bot, ctx: &Ctx) -> Result<Response> {
    let guild = ctx.guild()?;
    let l = ctx.locale;
    let list = suggestions::of_member(&bot.pool, guild, ctx.user, 15).await?;
    if list.is_empty() {
        return Ok(Response::ephemeral_text(t!(l, "suggest-mine-empty")));
    }
    let lines: Vec<String> = list.iter().map(|s| mine_line(s, l)).collect();
    let embed = CreateEmbed::new()
        .title(t!(l, "suggest-mine-title"))
        .colour(COLOUR)
        .description(clip(&lines.join("\n"), 4096));
    Ok(Response::message(Message::embed(embed).ephemeral()))
}

fn mine_line(s: &Suggestion, l: Locale) -> String {
    let state = match &s.decision {
        None => t!(l, "suggest-state-open"),
        Some(d) if d.state == State::Approved => t!(l, "suggest-state-approved"),
        Some(d) => match &d.reason {
            Some(reason) => format!(
                "{} ({})",
                t!(l, "suggest-state-rejected"),
                escape(&clip(reason, 100))
            ),
            None => t!(l, "suggest-state-rejected"),
        },
    };
    format!(
        "**#{}** {} · {} — {state}",
        s.id,
        escape(&s.title),
        escape(&s.drama_title)
    )
}

/// A suggestion as moderators see it.
fn embed(s: &Suggestion, l: Locale) -> CreateEmbed {
    let none = || "—".to_owned();
    let drama = if s.drama_id.is_some() {
        escape(&s.drama_title)
    } else {
        t!(l, "suggest-new-drama", title = escape(&s.drama_title))
    };
    let mut embed = CreateEmbed::new()
        .title(clip(
            &t!(
                l,
                "suggest-embed-title",
                id = s.id.get(),
                title = escape(&s.title)
            ),
            256,
        ))
        .colour(COLOUR)
        .field(t!(l, "suggest-field-drama"), clip(&drama, 1024), true)
        .field(
            t!(l, "suggest-field-singers"),
            clip(&s.singers.as_deref().map(escape).unwrap_or_else(none), 1024),
            true,
        )
        .field(
            t!(l, "suggest-field-part"),
            s.ost_part.map(|p| p.to_string()).unwrap_or_else(none),
            true,
        )
        .field(
            t!(l, "suggest-field-link"),
            s.link.clone().unwrap_or_else(none),
            false,
        )
        .field(
            t!(l, "suggest-field-by"),
            clip(&escape(&s.member_name), 1024),
            true,
        );
    if let Some(decision) = &s.decision {
        embed = embed.field(
            t!(l, "suggest-field-decision"),
            clip(&decided_text(decision, l), 1024),
            false,
        );
    }
    embed
}

fn decided_text(d: &Decision, l: Locale) -> String {
    let state = match d.state {
        State::Approved => "approved",
        _ => "rejected",
    };
    let mut text = t!(
        l,
        "suggest-decided",
        state = state,
        name = escape(&d.by_name),
        date = format!("<t:{}:f>", d.at.timestamp())
    );
    if let Some(reason) = &d.reason {
        text.push_str(&format!("\n{}", escape(reason)));
    }
    text
}

fn decision_buttons(id: SuggestionId, l: Locale) -> CreateActionRow {
    CreateActionRow::Buttons(vec![
        CreateButton::new(CustomId::SuggestApprove(id).to_string())
            .label(t!(l, "suggest-approve"))
            .style(ButtonStyle::Success),
        CreateButton::new(CustomId::SuggestEdit(id).to_string())
            .label(t!(l, "suggest-edit"))
            .style(ButtonStyle::Primary),
        CreateButton::new(CustomId::SuggestReject(id).to_string())
            .label(t!(l, "suggest-reject"))
            .style(ButtonStyle::Danger),
    ])
}

/// One open suggestion per page of the queue, oldest first.
pub async fn queue(bot: &Bot, ctx: &Ctx, page: u64) -> Result<Message> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let (open, total) = suggestions::queue(&bot.pool, guild, page, 1).await?;
    let Some(s) = open.into_iter().next() else {
        if total > 0 && page > 0 {
            // The page emptied under us (decided meanwhile): show the last.
            return Box::pin(queue(bot, ctx, total - 1)).await;
        }
        return Ok(Message::text(t!(l, "suggest-queue-empty")).ephemeral());
    };
    let embed = embed(&s, l).footer(serenity::builder::CreateEmbedFooter::new(t!(
        l,
        "suggest-queue-footer",
        page = page + 1,
        pages = total
    )));
    let mut rows = vec![decision_buttons(s.id, l)];
    if total > 1 {
        rows.push(crate::bot::render::pager::buttons(page, total, l, |p| {
            CustomId::SuggestQueue { page: p }.to_string()
        }));
    }
    Ok(Message::embed(embed).with_components(rows).ephemeral())
}

pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let by = Moderator {
        id: ctx.user,
        name: ctx.user_name.clone(),
    };
    match id {
        CustomId::SuggestQueue { page } => Ok(Response::Update(queue(bot, ctx, *page).await?)),
        CustomId::SuggestApprove(id) => {
            let (s, _) = suggestions::approve(&bot.pool, guild, *id, &by, bot.clock.now()).await?;
            tell_member(bot, &s).await;
            let text = t!(
                l,
                "suggest-approved",
                title = escape(&s.title),
                drama = escape(&s.drama_title)
            );
            Ok(Response::Update(decided(&s, text, l)))
        }
        CustomId::SuggestReject(id) => {
            let s = suggestions::open(&bot.pool, guild, *id).await?;
            Ok(Response::Modal(reject_form(&s, l)))
        }
        CustomId::SuggestEdit(id) => {
            let s = suggestions::open(&bot.pool, guild, *id).await?;
            Ok(Response::Modal(edit_form(&s, l)))
        }
        _ => Err(Error::StaleComponent),
    }
}

/// The message of a decided suggestion: what happened, no more buttons.
fn decided(s: &Suggestion, text: String, l: Locale) -> Message {
    let mut message = Message::embed(embed(s, l));
    message.content = Some(clip(&text, 2000));
    message
}

fn reject_form(s: &Suggestion, l: Locale) -> CreateModal {
    let reason = CreateInputText::new(
        InputTextStyle::Paragraph,
        t!(l, "suggest-reject-reason"),
        "reason",
    )
    .max_length(MAX_REASON_CHARS as u16)
    .required(false);
    CreateModal::new(
        CustomId::SuggestRejectForm(s.id).to_string(),
        clip(&t!(l, "suggest-reject-form", id = s.id.get()), 45),
    )
    .components(vec![CreateActionRow::InputText(reason)])
}

fn edit_form(s: &Suggestion, l: Locale) -> CreateModal {
    let input = |label: String, id: &str, max: usize, value: Option<String>| {
        let mut input = CreateInputText::new(InputTextStyle::Short, label, id)
            .max_length(max as u16)
            .required(id == "title");
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            input = input.value(value);
        }
        CreateActionRow::InputText(input)
    };
    CreateModal::new(
        CustomId::SuggestEditForm(s.id).to_string(),
        clip(&t!(l, "suggest-edit-form", id = s.id.get()), 45),
    )
    .components(vec![
        input(
            t!(l, "suggest-field-title"),
            "title",
            MAX_TITLE_CHARS,
            Some(s.title.clone()),
        ),
        input(
            t!(l, "suggest-field-singers"),
            "singers",
            MAX_SINGERS_CHARS,
            s.singers.clone(),
        ),
        input(
            t!(l, "suggest-field-part"),
            "part",
            3,
            s.ost_part.map(|p| p.to_string()),
        ),
        input(t!(l, "suggest-field-link"), "link", 512, s.link.clone()),
    ])
}

pub async fn modal(
    bot: &Bot,
    ctx: &Ctx,
    id: &CustomId,
    fields: &HashMap<String, String>,
) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    match id {
        CustomId::SuggestRejectForm(id) => {
            let by = Moderator {
                id: ctx.user,
                name: ctx.user_name.clone(),
            };
            let reason = fields.get("reason").map(String::as_str);
            let s =
                suggestions::reject(&bot.pool, guild, *id, &by, reason, bot.clock.now()).await?;
            tell_member(bot, &s).await;
            let text = t!(l, "suggest-rejected", title = escape(&s.title));
            Ok(Response::Update(decided(&s, text, l)))
        }
        CustomId::SuggestEditForm(id) => {
            let changes = changes_of(fields)?;
            let s = suggestions::edit(&bot.pool, guild, *id, &changes).await?;
            let mut message =
                Message::embed(embed(&s, l)).with_components(vec![decision_buttons(s.id, l)]);
            message.content = Some(t!(l, "suggest-edited", id = s.id.get()));
            Ok(Response::Update(message))
        }
        _ => Err(Error::StaleComponent),
    }
}

/// The edit form's fields; a field left out of the form keeps its value,
/// one emptied clears it (the title cannot be emptied).
fn changes_of(fields: &HashMap<String, String>) -> Result<Changes> {
    let cleared = |name: &str| {
        fields
            .get(name)
            .map(|v| Some(v.trim().to_owned()).filter(|v| !v.is_empty()))
    };
    let ost_part = match cleared("part") {
        None => None,
        Some(None) => Some(None),
        Some(Some(text)) => Some(Some(
            text.parse::<i32>()
                .map_err(|_| Error::User(crate::msg!("suggest-bad-part")))?,
        )),
    };
    Ok(Changes {
        title: cleared("title").flatten(),
        singers: cleared("singers"),
        ost_part,
        link: cleared("link"),
    })
}

/// Tells the member of a decision: by DM if they asked for one, else in an
/// ephemeral follow-up on their `/suggest` while Discord still takes one
/// (15 minutes); later, `/suggest mine` shows it. A message that cannot be
/// sent (closed DMs) is logged; the decision stands.
async fn tell_member(bot: &Bot, s: &Suggestion) {
    let l = Locale::from_discord(&s.locale);
    let text = match s.decision.as_ref().map(|d| (d.state, d.reason.as_deref())) {
        Some((State::Approved, _)) => t!(l, "suggest-dm-approved", title = escape(&s.title)),
        Some((_, Some(reason))) => t!(
            l,
            "suggest-dm-rejected-because",
            title = escape(&s.title),
            reason = escape(reason)
        ),
        Some(_) => t!(l, "suggest-dm-rejected", title = escape(&s.title)),
        None => return,
    };
    let sent = if s.notify_dm {
        let message = Message::text(text);
        bot.announcer
            .direct_message(s.member, &message)
            .await
            .map(drop)
    } else {
        match follow_up::take(&bot.pool, s.id, bot.clock.now()).await {
            Ok(Some(reply)) => {
                let message = Message::text(text).ephemeral();
                bot.announcer.follow_up(&reply, &message).await
            }
            Ok(None) => Ok(()),
            Err(error) => {
                tracing::warn!(%error, suggestion = %s.id, "could not read the follow-up token");
                Ok(())
            }
        }
    };
    if let Err(error) = sent {
        tracing::info!(%error, suggestion = %s.id, "could not tell the member");
    }
}
