//! Poll messages as members see them: the live poll with its vote buttons
//! or select menu, the results post, and the weekly winner announcement.
//! Channel posts are in the server's language (`guild_settings::language`).

use super::custom_id::CustomId;
use super::response::{clip, Message};
use crate::bot::render::text::escape;
use crate::ids::UserId;
use crate::locale::Locale;
use crate::polls::{Outcome, Poll, Tally};
use crate::t;
use serenity::all::{ButtonStyle, Colour};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateEmbed, CreateEmbedFooter, CreateSelectMenu,
    CreateSelectMenuKind, CreateSelectMenuOption,
};

pub const COLOUR: Colour = Colour::new(0x5B_8D_EF);
/// Characters all embeds of a message may hold (Discord: 6000).
const EMBED_BUDGET: usize = 6000;
/// Room kept for a caller retitling the embed (the weekly announcement).
const TITLE_SLACK: usize = 256;
/// Buttons up to this many options; a select menu beyond.
pub const MAX_BUTTONS: usize = 10;
/// Voters per option a results post can name: a field value is clipped to
/// 1024 characters and a mention with its separator takes at least 5, so
/// the 206th one never shows (and still makes the list clip the same way).
pub const VOTERS_SHOWN: usize = 206;

pub fn vote_id(poll: &Poll, position: u8) -> String {
    CustomId::PollVote {
        poll: poll.id,
        position,
    }
    .to_string()
}

pub fn pick_id(poll: &Poll) -> String {
    CustomId::PollPick { poll: poll.id }.to_string()
}

/// `▓▓▓▓░░░░░░`: ten cells for a share in percent.
fn bar(percent: u64) -> String {
    let filled = ((percent.min(100) + 5) / 10) as usize;
    format!("{}{}", "▓".repeat(filled), "░".repeat(10 - filled))
}

fn count_line(tally: &Tally, index: usize) -> String {
    let count = tally.counts.get(index).copied().unwrap_or(0);
    let pct = tally.percent(index);
    format!("`{}` {count} ({pct}%)", bar(pct))
}

fn modes(poll: &Poll, l: Locale) -> String {
    let mut parts = vec![t!(l, "poll-number", poll = poll.id.get())];
    if poll.multi {
        parts.push(t!(l, "poll-mode-multi"));
    }
    if poll.anonymous {
        parts.push(t!(l, "poll-mode-anonymous"));
    }
    if poll.hide_results {
        parts.push(t!(l, "poll-mode-hidden"));
    }
    parts.join(" · ")
}

/// The poll message: question, options with live counts (unless hidden),
/// deadline, and the vote controls while it is open.
pub fn poll_message(poll: &Poll, tally: &Tally, l: Locale) -> Message {
    let open = poll.closed_at.is_none();
    let mut lines: Vec<String> = Vec::new();
    for (i, option) in poll.options.iter().enumerate() {
        let mut line = format!("**{}.** {}", i + 1, escape(&option.label));
        if poll.counts_visible() {
            line.push_str(&format!("\n{}", count_line(tally, i)));
        }
        lines.push(line);
    }
    lines.push(String::new());
    if poll.counts_visible() {
        lines.push(t!(l, "poll-voters", voters = tally.voters));
    } else {
        lines.push(t!(l, "poll-results-hidden"));
    }
    if open {
        let ts = poll.closes_at.timestamp();
        lines.push(t!(
            l,
            "poll-closes",
            when = format!("<t:{ts}:R> (<t:{ts}:f>)")
        ));
    } else {
        lines.push(t!(l, "poll-closed"));
    }
    let embed = CreateEmbed::new()
        .title(clip(&format!("📊 {}", poll.question), 256))
        .description(clip(&lines.join("\n"), 4096))
        .colour(COLOUR)
        .footer(CreateEmbedFooter::new(clip(&modes(poll, l), 2048)));
    let mut message = Message::embed(embed);
    if open {
        message.components = controls(poll, l);
    }
    message
}

fn controls(poll: &Poll, l: Locale) -> Vec<CreateActionRow> {
    if poll.options.len() <= MAX_BUTTONS {
        poll.options
            .chunks(5)
            .map(|row| {
                CreateActionRow::Buttons(
                    row.iter()
                        .map(|o| {
                            CreateButton::new(vote_id(poll, o.position))
                                .label(clip(&o.label, 80))
                                .style(ButtonStyle::Secondary)
                        })
                        .collect(),
                )
            })
            .collect()
    } else {
        let options = poll
            .options
            .iter()
            .map(|o| CreateSelectMenuOption::new(clip(&o.label, 100), o.position.to_string()))
            .collect();
        let max = if poll.multi { poll.options.len() } else { 1 };
        let menu = CreateSelectMenu::new(pick_id(poll), CreateSelectMenuKind::String { options })
            .placeholder(if poll.multi {
                t!(l, "poll-choose-several")
            } else {
                t!(l, "poll-choose-one")
            })
            .min_values(1)
            .max_values(max as u8);
        vec![CreateActionRow::SelectMenu(menu)]
    }
}

/// Names of the options at `indexes`, joined.
pub fn names(poll: &Poll, indexes: &[usize]) -> String {
    let labels: Vec<&str> = indexes
        .iter()
        .filter_map(|i| poll.options.get(*i))
        .map(|o| o.label.as_str())
        .collect();
    joined_names(&labels)
}

/// Option labels in bold, joined.
pub fn joined_names<S: AsRef<str>>(labels: &[S]) -> String {
    let names: Vec<String> = labels
        .iter()
        .map(|l| format!("**{}**", escape(l.as_ref())))
        .collect();
    names.join(", ")
}

pub fn outcome_line(poll: &Poll, tally: &Tally, l: Locale) -> String {
    match tally.outcome() {
        Outcome::NoVotes => t!(l, "poll-no-votes"),
        Outcome::Winner(i) => t!(l, "poll-winner", option = names(poll, &[i])),
        Outcome::Tie(tied) => t!(l, "poll-tie", options = names(poll, &tied)),
    }
}

/// The results: counts, percentages, the winner or the tie, and (unless
/// the poll is anonymous) who voted for what.
pub fn results_embed(
    poll: &Poll,
    tally: &Tally,
    voters: &[(u8, UserId)],
    l: Locale,
) -> CreateEmbed {
    let mut lines: Vec<String> = Vec::new();
    for (i, option) in poll.options.iter().enumerate() {
        lines.push(format!(
            "**{}.** {}\n{}",
            i + 1,
            escape(&option.label),
            count_line(tally, i)
        ));
    }
    lines.push(String::new());
    lines.push(t!(l, "poll-voters", voters = tally.voters));
    lines.push(outcome_line(poll, tally, l));
    let title = clip(
        &t!(l, "poll-results-title", question = poll.question.as_str()),
        256,
    );
    let description = clip(&lines.join("\n"), 4096);
    let footer = clip(&modes(poll, l), 2048);
    // Discord caps a message's embeds at 6000 characters in all.
    let mut budget = EMBED_BUDGET
        .saturating_sub(title.chars().count() + description.chars().count())
        .saturating_sub(footer.chars().count() + TITLE_SLACK);
    let mut embed = CreateEmbed::new()
        .title(title)
        .description(description)
        .colour(COLOUR)
        .footer(CreateEmbedFooter::new(footer));
    if !poll.anonymous {
        for option in poll.options.iter().take(25) {
            let who: Vec<String> = voters
                .iter()
                .filter(|(p, _)| *p == option.position)
                .map(|(_, u)| format!("<@{u}>"))
                .collect();
            if who.is_empty() {
                continue;
            }
            let name = clip(&option.label, 256);
            let value = clip(&who.join(" "), 1024);
            let size = name.chars().count() + value.chars().count();
            if size > budget {
                break;
            }
            budget -= size;
            embed = embed.field(name, value, false);
        }
    }
    embed
}

/// The results with their chart, in the language `l`.
pub fn results_message(poll: &Poll, tally: &Tally, voters: &[(u8, UserId)], l: Locale) -> Message {
    with_chart(
        Message::embed(results_embed(poll, tally, voters, l)),
        poll,
        tally,
        l,
    )
}

/// Attaches the results bar chart and shows it inside the (first) embed.
pub fn with_chart(mut message: Message, poll: &Poll, tally: &Tally, locale: Locale) -> Message {
    if let Some((file, name)) = super::poll_chart::chart(poll, tally, locale) {
        if let Some(embed) = message.embeds.pop() {
            message
                .embeds
                .push(embed.image(format!("attachment://{name}")));
        }
        message = message.with_file(file);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{ChannelId, GuildId};
    use crate::polls::{PollId, PollOption};

    #[test]
    fn a_full_results_embed_stays_within_discords_6000_characters() {
        let poll = Poll {
            id: PollId::new(1),
            guild: GuildId::new(1),
            channel: ChannelId::new(1),
            message: None,
            creator: crate::polls::Creator::Member(UserId::new(1)),
            question: "q".repeat(200),
            multi: true,
            anonymous: false,
            hide_results: false,
            created_at: Default::default(),
            closes_at: Default::default(),
            closed_at: Some(Default::default()),
            weekly_cycle: None,
            options: (0..25)
                .map(|i| PollOption {
                    position: i,
                    label: format!("{i:02}{}", "가".repeat(78)),
                    track: None,
                })
                .collect(),
        };
        let tally = Tally {
            counts: vec![300; 25],
            voters: 300,
        };
        let voters: Vec<(u8, UserId)> = (0..25u8)
            .flat_map(|p| (0..300u64).map(move |u| (p, UserId::new(u64::MAX - u))))
            .collect();
        let embed =
            serde_json::to_value(results_embed(&poll, &tally, &voters, Locale::Ko)).unwrap();
        let mut total = 0;
        for key in ["title", "description"] {
            total += embed[key].as_str().unwrap_or_default().chars().count();
        }
        total += embed["footer"]["text"].as_str().unwrap().chars().count();
        for field in embed["fields"].as_array().into_iter().flatten() {
            total += field["name"].as_str().unwrap().chars().count();
            total += field["value"].as_str().unwrap().chars().count();
        }
        assert!(total + TITLE_SLACK <= 6000, "{total}");
        assert!(embed["description"].as_str().unwrap().chars().count() <= 4096);
    }

    #[test]
    fn naming_the_first_voters_of_each_option_shows_the_same_results() {
        let poll = Poll {
            id: PollId::new(1),
            guild: GuildId::new(1),
            channel: ChannelId::new(1),
            message: None,
            creator: crate::polls::Creator::Member(UserId::new(1)),
            question: "q".into(),
            multi: false,
            anonymous: false,
            hide_results: false,
            created_at: Default::default(),
            closes_at: Default::default(),
            closed_at: Some(Default::default()),
            weekly_cycle: None,
            options: (0..2)
                .map(|i| PollOption {
                    position: i,
                    label: format!("option {i}"),
                    track: None,
                })
                .collect(),
        };
        // The shortest mentions there are (one digit), so the most fit.
        for per_option in [VOTERS_SHOWN - 1, VOTERS_SHOWN, VOTERS_SHOWN + 1, 400] {
            let voters: Vec<(u8, UserId)> = (0..2u8)
                .flat_map(|p| (0..per_option).map(move |u| (p, UserId::new(u as u64 % 9 + 1))))
                .collect();
            let shown: Vec<(u8, UserId)> = (0..2u8)
                .flat_map(|p| {
                    let of_p = voters.iter().filter(move |(q, _)| *q == p);
                    of_p.take(VOTERS_SHOWN).copied()
                })
                .collect();
            let tally = Tally {
                counts: vec![per_option as u64; 2],
                voters: 2 * per_option as u64,
            };
            let all =
                serde_json::to_value(results_embed(&poll, &tally, &voters, Locale::Ko)).unwrap();
            let first =
                serde_json::to_value(results_embed(&poll, &tally, &shown, Locale::Ko)).unwrap();
            assert_eq!(all, first, "{per_option} voters per option");
        }
    }
}
