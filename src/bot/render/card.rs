//! The community part of a `/drama` or `/track` card: scores here and everywhere, the
//! tracks' scores, the top reviews, the histogram and the Review button.

use super::review::{review_line, score_chart, summary_text, CHART_FILE};
use super::text::fit_lines;
use crate::bot::context::Ctx;
use crate::bot::custom_id::{CustomId, Subject};
use crate::bot::response::clip;
use crate::bot::{Bot, Message};
use crate::catalog::{self, Kind, TrackId};
use crate::reviews::scores::{self, Scope};
use crate::reviews::{self, Listing, Target};
use crate::{t, Result};
use serenity::all::ButtonStyle;
use serenity::builder::{CreateActionRow, CreateAttachment, CreateButton, CreateEmbed};
use std::collections::HashMap;

/// Reviews quoted under a drama or track card.
const TOP_REVIEWS: u64 = 3;

/// Tracks listed with their scores under a drama card.
const TOP_TRACKS: usize = 5;

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
        Target::Drama(d) => (
            Kind::Drama,
            d.to_i64_bits(),
            Listing::Drama(d),
            Subject::Drama(d),
        ),
        Target::Track { track, .. } => (
            Kind::Track,
            track.to_i64_bits(),
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
            let ids: Vec<TrackId> = tracks
                .iter()
                .map(|(t, _, _)| TrackId::try_from(*t))
                .collect::<Result<_, _>>()?;
            let labels: HashMap<i64, String> = catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
                .await?
                .into_iter()
                .map(|(t, _)| (t.id.to_i64_bits(), t.label()))
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
            let png = score_chart(s, title, l)?;
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
