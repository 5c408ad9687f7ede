//! `/review`, the Review button and form on `/drama` and `/track` cards, the
//! Delete button, and how reviews and community scores are shown.
//!
//! Custom ids: `review:open:d:<drama>` / `review:open:t:<track>` (button →
//! form), `review:submit:d:<drama>` / `review:submit:t:<track>` (form),
//! `review:delete:<review>` and `review:history:<review>` (buttons on the
//! saved-review reply).

use crate::bot::charts;
use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::{CustomId, Subject};
use crate::bot::l10n::Localized;
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::{self, Kind, Track, TrackId};
use crate::ids::{ChannelId, GuildId};
use crate::locale::Locale;
use crate::reviews::scores::{self, Scope, Summary};
use crate::reviews::{self, Listing, NewReview, Review, ReviewId, ReviewText, Score, Target};
use crate::{t, Error, Result};
use serenity::all::{
    ButtonStyle, Colour, CommandOptionType, InputTextStyle, InstallationContext, InteractionContext,
};
use serenity::builder::{
    CreateActionRow, CreateAttachment, CreateButton, CreateCommand, CreateCommandOption,
    CreateEmbed, CreateEmbedFooter, CreateInputText, CreateModal,
};
use std::collections::HashMap;

pub const COLOUR: Colour = Colour::new(0xF2_B1_34);
/// Reviews quoted under a drama or track card.
const TOP_REVIEWS: u64 = 3;
/// Tracks listed with their scores under a drama card.
const TOP_TRACKS: usize = 5;
/// Characters of a review quoted in lists and cards.
const SNIPPET_CHARS: usize = 180;
pub const CHART_FILE: &str = "scores.png";

pub fn register() -> CreateCommand {
    CreateCommand::new("review")
        .localized("cmd-review")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "drama", "")
                .localized("cmd-review-drama")
                .required(true)
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "score", "")
                .localized("cmd-review-score")
                .required(true)
                .min_int_value(1)
                .max_int_value(10),
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
    let text = ReviewText::new(args.str("text").unwrap_or_default())?;
    let spoiler = args.bool("spoiler").unwrap_or(false);
    let picked = target_of(bot, ctx, args).await?;
    save_and_reply(bot, ctx, guild, picked, score, text, spoiler).await
}

/// A review target as the member picked it, with the label replies show
/// (read with it, so saving needs no second catalog read).
pub struct Picked {
    pub target: Target,
    pub subject: String,
}

/// The label of a track review's target, as [`subject`] writes it.
fn track_subject(track: &Track, drama_title: &str) -> String {
    format!("{} · {drama_title}", track.label())
}

/// The drama, and the track within it if one was given.
pub async fn target_of(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Picked> {
    let drama = lookup::resolve_drama(bot, ctx.guild, args.required_str("drama")?).await?;
    match args.str("track").map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(Picked {
            target: Target::Drama(drama.id),
            subject: drama.label(),
        }),
        Some(track) => {
            let track = lookup::resolve_track(bot, ctx.guild, track, Some(drama.id)).await?;
            Ok(Picked {
                target: Target::Track {
                    drama: drama.id,
                    track: track.id,
                },
                subject: track_subject(&track, &drama.title),
            })
        }
    }
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

/// A saved review as a card: who, what, the score, the (safe) text.
pub fn review_embed(review: &Review, subject: &str, l: Locale) -> CreateEmbed {
    let name = safe(&review.member_name);
    let title = format!("{name} · {}", clip(subject, 200));
    let mut embed = CreateEmbed::new()
        .title(clip(&title, 256))
        .colour(COLOUR)
        .field(
            t!(l, "review-field-score"),
            format!("{} **{}**/10", stars(review.score), review.score),
            true,
        )
        .field(
            t!(l, "review-field-review"),
            format!("#{}", review.id.0),
            true,
        );
    if let Some(text) = &review.text {
        embed = embed.description(show_text(text, review.spoiler, 4000));
    }
    let date = review.updated_at.format("%Y-%m-%d").to_string();
    let footer = if review.edits > 0 {
        t!(l, "review-footer-edited", date = date, edits = review.edits)
    } else {
        t!(l, "review-footer", date = date)
    };
    embed.footer(CreateEmbedFooter::new(footer))
}

fn stars(score: Score) -> String {
    let full = usize::from(score.get()) / 2;
    let half = score.get() % 2 == 1;
    format!("{}{}", "★".repeat(full), if half { "½" } else { "" })
}

/// Member text made safe to show: markdown and spoiler marks cannot be
/// broken out of, and mentions (`@everyone`, `<@id>`) show without pinging.
pub fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '~' | '`' | '|' | '>' | '#' | '[' | ']' | '<' => {
                out.push('\\');
                out.push(c);
            }
            '@' => out.push_str("@\u{200B}"),
            _ => out.push(c),
        }
    }
    out
}

/// Review text as shown: clipped to `max` characters of the member's text,
/// made safe, and wrapped in spoiler marks when asked.
pub fn show_text(text: &str, spoiler: bool, max: usize) -> String {
    let shown = safe(&clip(text, max));
    if spoiler {
        format!("||{shown}||")
    } else {
        shown
    }
}

/// One line per review in lists: score, author, target, snippet.
pub fn review_line(review: &Review, subject: Option<&str>) -> String {
    let mut line = format!(
        "`#{}` **{}**/10 · {}",
        review.id.0,
        review.score,
        safe(&review.member_name)
    );
    if let Some(subject) = subject {
        line.push_str(&format!(" · {}", safe(&clip(subject, 80))));
    }
    if let Some(text) = &review.text {
        line.push_str(&format!(
            "\n> {}",
            show_text(text, review.spoiler, SNIPPET_CHARS).replace('\n', " ")
        ));
    }
    line
}

/// Joins whole lines up to `max` characters: a review line is never cut,
/// so spoiler marks always come in pairs.
pub fn fit_lines(lines: &[String], separator: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for line in lines {
        let sep = if out.is_empty() {
            0
        } else {
            separator.chars().count()
        };
        let len = line.chars().count();
        if used + sep + len > max {
            break;
        }
        if sep > 0 {
            out.push_str(separator);
        }
        out.push_str(line);
        used += sep + len;
    }
    out
}

/// The community score as embed text.
pub fn summary_text(s: &Summary, l: Locale) -> String {
    t!(
        l,
        "review-summary",
        mean = format!("{:.1}", s.mean),
        voices = s.voices,
        median = format!("{:.1}", s.median),
        spread = format!("{:.1}", s.spread)
    )
}

/// Adds the community score, the histogram, the top reviews and the Review
/// button to a `/drama` or `/track` card.
pub async fn decorate(
    bot: &Bot,
    ctx: &Ctx,
    target: Target,
    title: &str,
    mut embed: CreateEmbed,
    mut components: Vec<CreateActionRow>,
) -> Result<Message> {
    let l = ctx.locale;
    let (kind, key, listing, button) = match target {
        Target::Drama(d) => (Kind::Drama, d.0, Listing::Drama(d), Subject::Drama(d)),
        Target::Track { track, .. } => (
            Kind::Track,
            track.0,
            Listing::Track(track),
            Subject::Track(track),
        ),
    };
    let mut chart = None;
    if let Some(guild) = ctx.guild {
        // Independent reads, each on its own pooled connection: the card
        // waits for the slowest, not for the sum of their round trips.
        let track_scores = async {
            match target {
                Target::Drama(d) => scores::track_scores(&bot.pool, Scope::Guild(guild), d).await,
                Target::Track { .. } => Ok(Vec::new()),
            }
        };
        let (here, everywhere, tracks, top) = tokio::try_join!(
            scores::summary(&bot.pool, Scope::Guild(guild), kind, key),
            scores::summary(&bot.pool, Scope::AllServers, kind, key),
            track_scores,
            reviews::top(&bot.pool, guild, listing, TOP_REVIEWS),
        )?;
        let mut lines = Vec::new();
        match &here {
            Some(s) => lines.push(summary_text(s, l)),
            None => lines.push(t!(l, "review-none-here")),
        }
        if let Some(all) = everywhere.filter(|a| Some(a.voices) != here.as_ref().map(|h| h.voices))
        {
            lines.push(t!(
                l,
                "review-summary-everywhere",
                mean = format!("{:.1}", all.mean),
                voices = all.voices
            ));
        }
        embed = embed.field(
            t!(l, "review-field-community-score"),
            clip(&lines.join("\n"), 1024),
            false,
        );
        if !tracks.is_empty() {
            let ids: Vec<TrackId> = tracks.iter().map(|(t, _, _)| TrackId(*t)).collect();
            let labels: HashMap<i64, String> = catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|(t, _)| (t.id.0, t.label()))
                .collect();
            let lines: Vec<String> = tracks
                .iter()
                .take(TOP_TRACKS)
                .filter_map(|(t, voices, mean)| {
                    labels.get(t).map(|label| {
                        t!(
                            l,
                            "review-track-score",
                            mean = format!("{mean:.1}"),
                            track = clip(label, 80),
                            voices = *voices
                        )
                    })
                })
                .collect();
            let shown = fit_lines(&lines, "\n", 1024);
            if !shown.is_empty() {
                embed = embed.field(t!(l, "review-field-track-scores"), shown, false);
            }
        }
        if !top.is_empty() {
            let lines: Vec<String> = top.iter().map(|r| review_line(r, None)).collect();
            let shown = fit_lines(&lines, "\n", 1024);
            if !shown.is_empty() {
                embed = embed.field(t!(l, "review-field-top-reviews"), shown, false);
            }
        }
        if let Some(s) = &here {
            let png = charts::histogram_png(&s.histogram, title)?;
            embed = embed.image(format!("attachment://{CHART_FILE}"));
            chart = Some(CreateAttachment::bytes(png, CHART_FILE));
        }
    }
    // Reviews belong to a server: outside one there is nothing to press.
    if ctx.guild.is_some() {
        components.push(CreateActionRow::Buttons(vec![CreateButton::new(
            CustomId::ReviewOpen(button).to_string(),
        )
        .label(t!(l, "review-button"))
        .style(ButtonStyle::Primary)]));
    }
    let mut message = Message::embed(embed).with_components(components);
    if let Some(file) = chart {
        message = message.with_file(file);
    }
    Ok(message)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_text_cannot_break_out_of_spoilers_or_ping() {
        let shown = show_text("end|| @everyone **bold** <@123>\\", true, 2000);
        assert!(shown.starts_with("||") && shown.ends_with("||"));
        let inner = &shown[2..shown.len() - 2];
        assert!(!inner.replace("\\|", "").contains('|'));
        assert!(!inner.contains("@everyone"));
        assert!(inner.contains("@\u{200B}everyone"));
        assert!(inner.contains("\\*\\*bold\\*\\*"));
        // A trailing backslash is escaped and cannot swallow the closing marks.
        assert!(inner.ends_with("\\\\"));
    }

    #[test]
    fn lines_are_kept_whole() {
        let lines = vec!["a".repeat(600), "||b||".repeat(100), "c".repeat(10)];
        assert_eq!(fit_lines(&lines, "\n", 1024), "a".repeat(600));
        assert_eq!(fit_lines(&lines[2..], "\n", 1024), "c".repeat(10));
    }

    #[test]
    fn stars_show_halves() {
        assert_eq!(stars(Score::new(7).unwrap()), "★★★½");
        assert_eq!(stars(Score::new(10).unwrap()), "★★★★★");
    }
}
