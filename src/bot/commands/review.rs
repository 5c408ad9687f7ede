//! `/review`, the Review button and form on `/drama` and `/track` cards, and
//! the Delete and History buttons. How reviews look is `bot::render`.
//!
//! Custom ids: `review:open:d:<drama>` / `review:open:t:<track>` (button →
//! form), `review:submit:d:<drama>` / `review:submit:t:<track>` (form),
//! `review:delete:<review>` and `review:history:<review>` (buttons on the
//! saved-review reply).

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::{CustomId, Subject};
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::render::review::{review_embed, COLOUR, SNIPPET_CHARS};
use crate::bot::render::text::{fit_lines, safe, show_text};
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::{self, Track};
use crate::ids::{ChannelId, GuildId};
use crate::locale::Locale;
use crate::reviews::{self, NewReview, Review, ReviewId, ReviewText, Score, Target};
use crate::{t, Error, Result};
use serenity::all::{
    ButtonStyle, CommandOptionType, InputTextStyle, InstallationContext, InteractionContext,
};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption, CreateEmbed,
    CreateInputText, CreateModal,
};
use std::collections::HashMap;

pub fn register() -> CreateCommand {
    CreateCommand::new("review")
        .localized("cmd-review")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "score", "")
                .localized("cmd-review-score")
                .required(true)
                .min_int_value(1)
                .max_int_value(10),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "drama", "")
                .localized("cmd-review-drama")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "track", "")
                .localized("cmd-review-track")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "text", "")
                .localized("cmd-review-text")
                .max_length(reviews::MAX_TEXT_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::Boolean, "spoiler", "")
                .localized("cmd-review-spoiler"),
        )
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.guild()?;
    // Check what needs no lookup first: a bad score or text fails fast.
    let score = Score::new(args.int("score").unwrap_or(0))?;
    let text = TextOption::of(args.str("text"))?;
    let picked = match target_of(bot, ctx, args).await? {
        Named::Found(picked) => picked,
        Named::ElsewhereOffer(response) => return Ok(response),
    };
    // A re-score without `text` keeps the review's text (and whether it is
    // a spoiler); `text: -` clears it.
    let existing = match text {
        TextOption::Keep => reviews::find(&bot.pool, guild, ctx.user, picked.target).await?,
        _ => None,
    };
    let kept = existing.as_ref().and_then(|r| r.text.as_deref());
    let (text, kept_text) = match text {
        TextOption::Set(text) => (Some(text), false),
        TextOption::Clear => (None, false),
        TextOption::Keep => match kept {
            Some(kept) => (ReviewText::new(kept)?, true),
            None => (None, false),
        },
    };
    let spoiler = args
        .bool("spoiler")
        .or(existing.as_ref().filter(|_| kept_text).map(|r| r.spoiler))
        .unwrap_or(false);
    let mut response = save_and_reply(bot, ctx, guild, picked, score, text, spoiler).await?;
    if kept_text {
        if let Response::Message(message) = &mut response {
            let note = t!(ctx.locale, "safety-review-text-kept");
            let head = message.content.take().unwrap_or_default();
            message.content = Some(format!("{head}\n{note}"));
        }
    }
    Ok(response)
}

/// The `text` option of a slash review: absent keeps the saved text, `-`
/// clears it, anything else replaces it.
enum TextOption {
    Keep,
    Clear,
    Set(ReviewText),
}

impl TextOption {
    /// What clears a review's text when typed as `text`.
    const CLEAR: &'static str = "-";

    fn of(input: Option<&str>) -> Result<Self> {
        match input.map(str::trim) {
            None => Ok(TextOption::Keep),
            Some(Self::CLEAR) => Ok(TextOption::Clear),
            Some(text) => Ok(match ReviewText::new(text)? {
                Some(text) => TextOption::Set(text),
                None => TextOption::Keep,
            }),
        }
    }
}

/// A review target as the member picked it, with the label replies show
/// (read with it, so saving needs no second catalog read).
pub struct Picked {
    pub target: Target,
    pub subject: String,
}

/// What the options name: a target, or a track that is from another drama
/// than the one given (answered with an offer to review it there).
pub enum Named {
    Found(Picked),
    ElsewhereOffer(Response),
}

/// The label of a track review's target, as [`subject`] writes it.
fn track_subject(track: &Track, drama_title: &str) -> String {
    format!("{} · {drama_title}", track.label())
}

/// The drama, the track within it if one was given, or the track alone
/// (it knows its drama).
pub async fn target_of(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Named> {
    let given = |name| args.str(name).map(str::trim).filter(|t| !t.is_empty());
    let (drama, track) = (given("drama"), given("track"));
    let Some(drama) = drama else {
        let track =
            lookup::resolve_track(bot, ctx.guild, track.ok_or(Error::EmptyQuery)?, None).await?;
        return Ok(Named::Found(picked_track(bot, ctx, track).await?));
    };
    let drama = lookup::resolve_drama(bot, ctx.guild, drama).await?;
    let Some(track) = track else {
        return Ok(Named::Found(Picked {
            target: Target::Drama(drama.id),
            subject: drama.label(),
        }));
    };
    match lookup::resolve_track(bot, ctx.guild, track, Some(drama.id)).await {
        Ok(found) => Ok(Named::Found(Picked {
            target: Target::Track {
                drama: drama.id,
                track: found.id,
            },
            subject: track_subject(&found, &drama.title),
        })),
        Err(error)
            if matches!(error, Error::NoMatch { .. })
                || matches!(&error, Error::User(text) if text.id == lookup::TRACK_NOT_IN_DRAMA) =>
        {
            // The track may exist in another drama: say so, and offer it.
            match lookup::resolve_track(bot, ctx.guild, track, None).await {
                Ok(other) if other.drama_id != drama.id => {
                    let picked = picked_track(bot, ctx, other).await?;
                    Ok(Named::ElsewhereOffer(elsewhere_offer(ctx, &drama, picked)))
                }
                _ => Err(error),
            }
        }
        Err(error) => Err(error),
    }
}

async fn picked_track(bot: &Bot, ctx: &Ctx, track: Track) -> Result<Picked> {
    let (track, drama_title) = catalog::tracks_by_ids(&bot.pool, &[track.id], ctx.guild)
        .await?
        .into_iter()
        .next()
        .ok_or(Error::EntryGone)?;
    Ok(Picked {
        target: Target::Track {
            drama: track.drama_id,
            track: track.id,
        },
        subject: track_subject(&track, &drama_title),
    })
}

/// "That track is not from Goblin: it is from Itaewon Class" with a button
/// that opens the review form of that track.
fn elsewhere_offer(ctx: &Ctx, asked: &catalog::Drama, picked: Picked) -> Response {
    let l = ctx.locale;
    let Target::Track { track, .. } = picked.target else {
        return Response::ephemeral_text(t!(l, "error-internal"));
    };
    let text = t!(
        l,
        "safety-track-in-other-drama",
        drama = safe(&asked.title),
        track = safe(&picked.subject)
    );
    let button = CreateButton::new(CustomId::ReviewOpen(Subject::Track(track)).to_string())
        .label(clip(&t!(l, "safety-review-that-track"), 80))
        .style(ButtonStyle::Primary);
    Response::message(
        Message::text(text)
            .with_components(vec![CreateActionRow::Buttons(vec![button])])
            .ephemeral(),
    )
}

/// Drama and track options, the track limited to the chosen drama.
pub async fn autocomplete(
    bot: &Bot,
    ctx: &Ctx,
    args: &Args<'_>,
    option: &str,
    typed: &str,
) -> Result<Vec<Choice>> {
    match option {
        "drama" => lookup::drama_choices(bot, ctx.guild, typed).await,
        "track" => {
            let within = match args.str("drama") {
                Some(d) if !d.trim().is_empty() => lookup::resolve_drama(bot, ctx.guild, d)
                    .await
                    .ok()
                    .map(|d| d.id),
                _ => None,
            };
            lookup::track_choices(bot, ctx.guild, typed, within).await
        }
        _ => Ok(Vec::new()),
    }
}

async fn save_and_reply(
    bot: &Bot,
    ctx: &Ctx,
    guild: GuildId,
    picked: Picked,
    score: Score,
    text: Option<ReviewText>,
    spoiler: bool,
) -> Result<Response> {
    let new = NewReview {
        guild,
        member: ctx.user,
        member_name: ctx.user_name.clone(),
        target: picked.target,
        score,
        text,
        spoiler,
    };
    // Each statement is a round trip to a pooled connection's thread: the
    // feed setting is read on another connection while the review is saved.
    let (review, settings) = tokio::join!(
        reviews::save(&bot.writer, &new, bot.clock.now()),
        crate::guild_settings::get(&bot.pool, guild)
    );
    let review = review?;
    let subject = picked.subject;
    match settings {
        Ok(settings) => {
            if let Some(channel) = settings.review_feed {
                post_to_feed(bot, guild, channel, &review, &subject).await;
            }
        }
        Err(error) => tracing::warn!(%error, %guild, "could not read the review feed setting"),
    }
    let l = ctx.locale;
    let head = if review.edits > 0 {
        t!(l, "review-updated")
    } else {
        t!(l, "review-saved")
    };
    let mut buttons = vec![delete_button(review.id, l)];
    if review.edits > 0 {
        buttons.push(
            CreateButton::new(CustomId::ReviewHistory(review.id).to_string())
                .label(t!(l, "review-earlier-versions"))
                .style(ButtonStyle::Secondary),
        );
    }
    let mut message = Message::embed(review_embed(&review, &subject, l))
        .with_components(vec![CreateActionRow::Buttons(buttons)])
        .ephemeral();
    message.content = Some(head);
    Ok(Response::message(message))
}

/// Posts a new or edited review to the server's review feed. A failed post
/// is logged; the review itself is already saved.
async fn post_to_feed(
    bot: &Bot,
    guild: GuildId,
    channel: ChannelId,
    review: &Review,
    subject: &str,
) {
    // The feed is a channel post: it speaks the server's language.
    let l = match crate::guild_settings::language(&bot.pool, guild).await {
        Ok(l) => l,
        Err(error) => {
            tracing::warn!(%error, %guild, "could not read the server's language");
            Locale::En
        }
    };
    let message = Message::embed(review_embed(review, subject, l));
    if let Err(error) = bot.announcer.post(channel, &message, None).await {
        tracing::warn!(%error, %guild, %channel, "review feed post failed");
    }
}

fn delete_button(id: ReviewId, l: Locale) -> CreateButton {
    CreateButton::new(CustomId::ReviewDelete(id).to_string())
        .label(t!(l, "review-delete"))
        .style(ButtonStyle::Danger)
}

/// "Crash Landing on You (사랑의 불시착, 2019)" or "Flower — IU · Crash Landing on You".
pub async fn subject(bot: &Bot, guild: Option<GuildId>, target: Target) -> Result<String> {
    match target {
        Target::Drama(d) => Ok(catalog::get_drama(&bot.pool, d, guild)
            .await?
            .map(|d| d.label())
            .unwrap_or_else(|| "?".to_owned())),
        Target::Track { track, .. } => Ok(catalog::tracks_by_ids(&bot.pool, &[track], guild)
            .await?
            .into_iter()
            .next()
            .map(|(t, drama)| track_subject(&t, &drama))
            .unwrap_or_else(|| "?".to_owned())),
    }
}

/// The Review and Delete buttons.
pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    match *id {
        CustomId::ReviewOpen(subject) => open_form(bot, ctx, subject).await,
        CustomId::ReviewHistory(id) => history(bot, ctx, id).await,
        CustomId::ReviewDelete(id) => {
            let guild = ctx.guild()?;
            let review =
                reviews::delete_own(&bot.pool, guild, ctx.user, id, bot.clock.now()).await?;
            let l = ctx.locale;
            let subject = subject(bot, Some(guild), review.target).await?;
            Ok(Response::Update(Message::text(t!(
                l,
                "review-deleted",
                subject = safe(&subject)
            ))))
        }
        _ => Err(Error::StaleComponent),
    }
}

/// A member's own review with its earlier versions, oldest first.
async fn history(bot: &Bot, ctx: &Ctx, id: ReviewId) -> Result<Response> {
    let guild = ctx.guild()?;
    let l = ctx.locale;
    let review = reviews::get(&bot.pool, id)
        .await?
        .filter(|r| r.guild == guild)
        .ok_or(Error::EntryGone)?;
    if review.member != ctx.user {
        return Err(Error::User(crate::msg!("review-history-author-only")));
    }
    let versions = reviews::history(&bot.pool, id).await?;
    let mut lines: Vec<String> = versions
        .iter()
        .map(|v| {
            let mut line = format!(
                "{} · **{}**/10",
                v.written_at.format("%Y-%m-%d %H:%M"),
                v.score
            );
            if let Some(text) = &v.text {
                line.push_str(&format!(
                    "\n> {}",
                    show_text(text, v.spoiler, SNIPPET_CHARS).replace('\n', " ")
                ));
            }
            line
        })
        .collect();
    lines.reverse();
    let subject = subject(bot, Some(guild), review.target).await?;
    let embed = CreateEmbed::new()
        .title(clip(&t!(l, "review-history-title", subject = subject), 256))
        .colour(COLOUR)
        .description(if lines.is_empty() {
            t!(l, "review-history-none")
        } else {
            fit_lines(&lines, "\n\n", 4096)
        });
    Ok(Response::message(Message::embed(embed).ephemeral()))
}

/// The submitted Review form.
pub async fn modal(
    bot: &Bot,
    ctx: &Ctx,
    subject: Subject,
    fields: &HashMap<String, String>,
) -> Result<Response> {
    let guild = ctx.guild()?;
    let score = Score::parse(fields.get("score").map(String::as_str).unwrap_or_default())?;
    let text = ReviewText::new(fields.get("text").map(String::as_str).unwrap_or_default())?;
    let spoiler = fields
        .get("spoiler")
        .map(|s| is_yes(s))
        .transpose()?
        .unwrap_or(false);
    let picked = resolve_key(bot, ctx, subject).await?;
    save_and_reply(bot, ctx, guild, picked, score, text, spoiler).await
}

/// The form's yes/no answer, in any of the bot's languages.
fn is_yes(s: &str) -> Result<bool> {
    let answer = s.trim().to_lowercase();
    let says = |id: &str, also: &str| {
        Locale::ALL.into_iter().any(|l| {
            crate::i18n::tr(l, id, &[]).to_lowercase() == answer
                || crate::i18n::tr(l, also, &[])
                    .split(',')
                    .any(|w| w.trim().to_lowercase() == answer)
        })
    };
    if answer.is_empty() || says("review-form-no", "review-form-no.also") {
        Ok(false)
    } else if says("review-form-yes", "review-form-yes.also") {
        Ok(true)
    } else {
        Err(Error::User(crate::msg!("review-answer-yes-or-no")))
    }
}

/// The target a button or form names, if it is still in the catalog.
async fn resolve_key(bot: &Bot, ctx: &Ctx, key: Subject) -> Result<Picked> {
    match key {
        Subject::Drama(d) => {
            let drama = catalog::get_drama(&bot.pool, d, ctx.guild)
                .await?
                .ok_or(Error::EntryGone)?;
            Ok(Picked {
                target: Target::Drama(drama.id),
                subject: drama.label(),
            })
        }
        Subject::Track(t) => {
            let (track, drama_title) = catalog::tracks_by_ids(&bot.pool, &[t], ctx.guild)
                .await?
                .into_iter()
                .next()
                .ok_or(Error::EntryGone)?;
            Ok(Picked {
                target: Target::Track {
                    drama: track.drama_id,
                    track: track.id,
                },
                subject: track_subject(&track, &drama_title),
            })
        }
    }
}

async fn open_form(bot: &Bot, ctx: &Ctx, key: Subject) -> Result<Response> {
    let guild = ctx.guild()?;
    let Picked { target, subject } = resolve_key(bot, ctx, key).await?;
    let existing = reviews::find(&bot.pool, guild, ctx.user, target).await?;
    let l = ctx.locale;
    let form = CustomId::ReviewSubmit(match target {
        Target::Drama(d) => Subject::Drama(d),
        Target::Track { track, .. } => Subject::Track(track),
    });
    let title = clip(
        &format!("{} {subject}", t!(l, "review-form-title-prefix")),
        45,
    );
    let mut score =
        CreateInputText::new(InputTextStyle::Short, t!(l, "review-form-score"), "score")
            .placeholder("8")
            .min_length(1)
            .max_length(2)
            .required(true);
    let mut text =
        CreateInputText::new(InputTextStyle::Paragraph, t!(l, "review-form-text"), "text")
            .max_length(reviews::MAX_TEXT_CHARS as u16)
            .required(false);
    let mut spoiler = CreateInputText::new(
        InputTextStyle::Short,
        t!(l, "review-form-spoiler"),
        "spoiler",
    )
    .placeholder(t!(l, "review-form-no"))
    .max_length(5)
    .required(false);
    if let Some(r) = &existing {
        score = score.value(r.score.to_string());
        if let Some(t) = &r.text {
            text = text.value(t.clone());
        }
        if r.spoiler {
            spoiler = spoiler.value(t!(l, "review-form-yes"));
        }
    }
    let modal = CreateModal::new(form.to_string(), title).components(vec![
        CreateActionRow::InputText(score),
        CreateActionRow::InputText(text),
        CreateActionRow::InputText(spoiler),
    ]);
    Ok(Response::Modal(modal))
}
