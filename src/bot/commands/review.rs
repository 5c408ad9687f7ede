//! `/review`, the Review button and form on `/drama` and `/track` cards, the
//! Delete button, and how reviews and community scores are shown.
//!
//! Custom ids: `review:open:d:<drama>` / `review:open:t:<track>` (button →
//! form), `review:submit:d:<drama>` / `review:submit:t:<track>` (form),
//! `review:delete:<review>` and `review:history:<review>` (buttons on the
//! saved-review reply).

use crate::bot::charts;
use crate::bot::context::{Args, Ctx};
use crate::bot::lookup;
use crate::bot::response::clip;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::{self, DramaId, Kind, Track, TrackId};
use crate::ids::{ChannelId, GuildId};
use crate::locale::Locale;
use crate::reviews::scores::{self, Scope, Summary};
use crate::reviews::{self, Listing, NewReview, Review, ReviewId, ReviewText, Score, Target};
use crate::{Error, Result};
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
        .description("Review a drama's OST or one of its tracks")
        .name_localized("ko", "리뷰")
        .description_localized("ko", "드라마 OST 전체나 한 곡을 리뷰해요")
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(
            CreateCommandOption::new(CommandOptionType::Integer, "score", "Your score, 1 to 10")
                .name_localized("ko", "점수")
                .description_localized("ko", "점수 (1~10)")
                .required(true)
                .min_int_value(1)
                .max_int_value(10),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "drama", "The drama")
                .name_localized("ko", "드라마")
                .description_localized("ko", "드라마")
                .set_autocomplete(true)
                .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::String,
                "track",
                "One track of that drama (leave empty to review the whole OST)",
            )
            .name_localized("ko", "곡")
            .description_localized("ko", "그 드라마의 한 곡 (비우면 OST 전체 리뷰)")
            .set_autocomplete(true)
            .max_length(lookup::MAX_QUERY_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(CommandOptionType::String, "text", "What you think")
                .name_localized("ko", "내용")
                .description_localized("ko", "리뷰 내용")
                .max_length(reviews::MAX_TEXT_CHARS as u16),
        )
        .add_option(
            CreateCommandOption::new(
                CommandOptionType::Boolean,
                "spoiler",
                "Hide the text behind a spoiler",
            )
            .name_localized("ko", "스포일러")
            .description_localized("ko", "내용을 스포일러로 가려요"),
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
            let note = crate::t!(ctx.locale, "safety-review-text-kept");
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
        let track = lookup::resolve_track(bot, ctx.guild, track.ok_or(Error::EmptyQuery)?, None).await?;
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
        Err(error @ (Error::NoMatch { .. } | Error::Invalid { .. })) => {
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
        return Response::ephemeral_text(crate::t!(l, "error-internal"));
    };
    let text = crate::t!(
        l,
        "safety-track-in-other-drama",
        drama = safe(&asked.title),
        track = safe(&picked.subject)
    );
    let button = CreateButton::new(format!("review:open:t:{}", track.0))
        .label(clip(&crate::t!(l, "safety-review-that-track"), 80))
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
                post_to_feed(bot, guild, channel, &review, &subject, ctx.locale).await;
            }
        }
        Err(error) => tracing::warn!(%error, %guild, "could not read the review feed setting"),
    }
    let l = ctx.locale;
    let head = if review.edits > 0 {
        l.pick(
            "Your review is updated; the earlier version is kept in its history.",
            "리뷰를 수정했어요. 이전 버전은 기록에 남아 있어요.",
        )
    } else {
        l.pick("Your review is saved.", "리뷰를 저장했어요.")
    };
    let mut buttons = vec![delete_button(review.id, l)];
    if review.edits > 0 {
        buttons.push(
            CreateButton::new(format!("review:history:{}", review.id.0))
                .label(l.pick("Earlier versions", "이전 버전"))
                .style(ButtonStyle::Secondary),
        );
    }
    let mut message = Message::embed(review_embed(&review, &subject, l))
        .with_components(vec![CreateActionRow::Buttons(buttons)])
        .ephemeral();
    message.content = Some(head.to_owned());
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
    l: Locale,
) {
    // The feed post reads in the reviewer's language, as their review does.
    let message = Message::embed(review_embed(review, subject, l));
    if let Err(error) = bot.announcer.post(channel, &message, None).await {
        tracing::warn!(%error, %guild, %channel, "review feed post failed");
    }
}

fn delete_button(id: ReviewId, l: Locale) -> CreateButton {
    CreateButton::new(format!("review:delete:{}", id.0))
        .label(l.pick("Delete", "삭제"))
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
            l.pick("Score", "점수"),
            format!("{} **{}**/10", stars(review.score), review.score),
            true,
        )
        .field(l.pick("Review", "리뷰"), format!("#{}", review.id.0), true);
    if let Some(text) = &review.text {
        embed = embed.description(show_text(text, review.spoiler, 4000));
    }
    let mut footer = l.pick(
        format!("Written {}", review.updated_at.format("%Y-%m-%d")),
        format!("{} 작성", review.updated_at.format("%Y-%m-%d")),
    );
    if review.edits > 0 {
        footer.push_str(&l.pick(
            format!(" · edited {} time(s)", review.edits),
            format!(" · {}번 수정됨", review.edits),
        ));
    }
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
    l.pick(
        format!(
            "**{:.1}**/10 from {} voice(s) · median {:.1} · spread ±{:.1}",
            s.mean, s.voices, s.median, s.spread
        ),
        format!(
            "**{:.1}**/10 ({}명) · 중앙값 {:.1} · 편차 ±{:.1}",
            s.mean, s.voices, s.median, s.spread
        ),
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
        Target::Drama(d) => (Kind::Drama, d.0, Listing::Drama(d), format!("d:{}", d.0)),
        Target::Track { track, .. } => (
            Kind::Track,
            track.0,
            Listing::Track(track),
            format!("t:{}", track.0),
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
            None => lines.push(
                l.pick(
                    "No reviews in this server yet. Be the first!",
                    "이 서버에는 아직 리뷰가 없어요. 첫 리뷰를 남겨 보세요!",
                )
                .to_owned(),
            ),
        }
        if let Some(all) = everywhere.filter(|a| Some(a.voices) != here.as_ref().map(|h| h.voices))
        {
            lines.push(l.pick(
                format!(
                    "All servers: **{:.1}**/10 from {} voice(s)",
                    all.mean, all.voices
                ),
                format!("전체 서버: **{:.1}**/10 ({}명)", all.mean, all.voices),
            ));
        }
        embed = embed.field(
            l.pick("Community score", "커뮤니티 점수"),
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
                        l.pick(
                            format!("**{mean:.1}** · {} ({voices} voice(s))", clip(label, 80)),
                            format!("**{mean:.1}** · {} ({voices}명)", clip(label, 80)),
                        )
                    })
                })
                .collect();
            let shown = fit_lines(&lines, "\n", 1024);
            if !shown.is_empty() {
                embed = embed.field(l.pick("Track scores", "곡별 점수"), shown, false);
            }
        }
        if !top.is_empty() {
            let lines: Vec<String> = top.iter().map(|r| review_line(r, None)).collect();
            let shown = fit_lines(&lines, "\n", 1024);
            if !shown.is_empty() {
                embed = embed.field(l.pick("Top reviews", "인기 리뷰"), shown, false);
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
        components.push(CreateActionRow::Buttons(vec![CreateButton::new(format!(
            "review:open:{button}"
        ))
        .label(l.pick("Review", "리뷰하기"))
        .style(ButtonStyle::Primary)]));
    }
    let mut message = Message::embed(embed).with_components(components);
    if let Some(file) = chart {
        message = message.with_file(file);
    }
    Ok(message)
}

/// The Review and Delete buttons.
pub async fn component(bot: &Bot, ctx: &Ctx, custom_id: &str) -> Result<Response> {
    let parts: Vec<&str> = custom_id.split(':').collect();
    match parts.as_slice() {
        ["review", "open", kind, id] => open_form(bot, ctx, parse_target_key(kind, id)?).await,
        ["review", "history", id] => history(bot, ctx, ReviewId(parse_id(id)?)).await,
        ["review", "delete", id] => {
            let id = ReviewId(parse_id(id)?);
            let guild = ctx.guild()?;
            let review =
                reviews::delete_own(&bot.pool, guild, ctx.user, id, bot.clock.now()).await?;
            let l = ctx.locale;
            let subject = subject(bot, Some(guild), review.target).await?;
            Ok(Response::Update(Message::text(l.pick(
                format!("Your review of {} is deleted.", safe(&subject)),
                format!("{}에 대한 리뷰를 삭제했어요.", safe(&subject)),
            ))))
        }
        _ => Err(malformed(custom_id)),
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
        return Err(Error::invalid(
            "review",
            "only its author can see a review's earlier versions",
            "리뷰의 이전 버전은 작성자만 볼 수 있어요",
        ));
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
        .title(clip(
            &l.pick(
                format!("Earlier versions · {subject}"),
                format!("이전 버전 · {subject}"),
            ),
            256,
        ))
        .colour(COLOUR)
        .description(if lines.is_empty() {
            l.pick("No earlier versions.", "이전 버전이 없어요.")
                .to_owned()
        } else {
            fit_lines(&lines, "\n\n", 4096)
        });
    Ok(Response::message(Message::embed(embed).ephemeral()))
}

/// The submitted Review form.
pub async fn modal(
    bot: &Bot,
    ctx: &Ctx,
    custom_id: &str,
    fields: &HashMap<String, String>,
) -> Result<Response> {
    let parts: Vec<&str> = custom_id.split(':').collect();
    let ["review", "submit", kind, id] = parts.as_slice() else {
        return Err(malformed(custom_id));
    };
    let guild = ctx.guild()?;
    let score = Score::parse(fields.get("score").map(String::as_str).unwrap_or_default())?;
    let text = ReviewText::new(fields.get("text").map(String::as_str).unwrap_or_default())?;
    let spoiler = fields
        .get("spoiler")
        .map(|s| is_yes(s))
        .transpose()?
        .unwrap_or(false);
    let picked = resolve_key(bot, ctx, parse_target_key(kind, id)?).await?;
    save_and_reply(bot, ctx, guild, picked, score, text, spoiler).await
}

fn is_yes(s: &str) -> Result<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "아니요" | "아니오" | "x" => Ok(false),
        "yes" | "y" | "true" | "예" | "네" | "o" => Ok(true),
        _ => Err(Error::invalid(
            "spoiler",
            "answer yes or no",
            "예 또는 아니요로 답해 주세요",
        )),
    }
}

#[derive(Clone, Copy)]
enum TargetKey {
    Drama(DramaId),
    Track(TrackId),
}

fn parse_id(s: &str) -> Result<i64> {
    s.parse().map_err(|_| malformed(s))
}

fn parse_target_key(kind: &str, id: &str) -> Result<TargetKey> {
    let id = parse_id(id)?;
    match kind {
        "d" => Ok(TargetKey::Drama(DramaId(id))),
        "t" => Ok(TargetKey::Track(TrackId(id))),
        _ => Err(malformed(kind)),
    }
}

/// The target a button or form names, if it is still in the catalog.
async fn resolve_key(bot: &Bot, ctx: &Ctx, key: TargetKey) -> Result<Picked> {
    match key {
        TargetKey::Drama(d) => {
            let drama = catalog::get_drama(&bot.pool, d, ctx.guild)
                .await?
                .ok_or(Error::EntryGone)?;
            Ok(Picked {
                target: Target::Drama(drama.id),
                subject: drama.label(),
            })
        }
        TargetKey::Track(t) => {
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

async fn open_form(bot: &Bot, ctx: &Ctx, key: TargetKey) -> Result<Response> {
    let guild = ctx.guild()?;
    let Picked { target, subject } = resolve_key(bot, ctx, key).await?;
    let existing = reviews::find(&bot.pool, guild, ctx.user, target).await?;
    let l = ctx.locale;
    let (kind, id) = match target {
        Target::Drama(d) => ("d", d.0),
        Target::Track { track, .. } => ("t", track.0),
    };
    let title = clip(&format!("{} {subject}", l.pick("Review:", "리뷰:")), 45);
    let mut score = CreateInputText::new(
        InputTextStyle::Short,
        l.pick("Score (1–10)", "점수 (1~10)"),
        "score",
    )
    .placeholder("8")
    .min_length(1)
    .max_length(2)
    .required(true);
    let mut text = CreateInputText::new(
        InputTextStyle::Paragraph,
        l.pick("Your review (optional)", "리뷰 내용 (선택)"),
        "text",
    )
    .max_length(reviews::MAX_TEXT_CHARS as u16)
    .required(false);
    let mut spoiler = CreateInputText::new(
        InputTextStyle::Short,
        l.pick("Spoiler? (yes / no)", "스포일러인가요? (예 / 아니요)"),
        "spoiler",
    )
    .placeholder(l.pick("no", "아니요"))
    .max_length(5)
    .required(false);
    if let Some(r) = &existing {
        score = score.value(r.score.to_string());
        if let Some(t) = &r.text {
            text = text.value(t.clone());
        }
        if r.spoiler {
            spoiler = spoiler.value(l.pick("yes", "예"));
        }
    }
    let modal = CreateModal::new(format!("review:submit:{kind}:{id}"), title).components(vec![
        CreateActionRow::InputText(score),
        CreateActionRow::InputText(text),
        CreateActionRow::InputText(spoiler),
    ]);
    Ok(Response::Modal(modal))
}

fn malformed(what: &str) -> Error {
    Error::Malformed(format!("unexpected review id {what:?}"))
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
