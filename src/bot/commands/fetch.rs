//! `/catalog fetch query:` (Manage Server): a drama's OST from MusicBrainz, shown first (an
//! ephemeral preview of its parts, tracks, every credit and its ids) and imported into the
//! server's own catalog only when a moderator presses **Import**. The preview's query waits in
//! the database for the button (`musicbrainz::remember_fetch`); on Import the fetch is read
//! again (from the client's cache) and planned against the catalog as it is then.

use crate::bot::context::Ctx;
use crate::bot::custom_id::CustomId;
use crate::bot::l10n::Localized;
use crate::bot::render::text::escape;
use crate::bot::{Bot, Message, Response};
use crate::catalog::musicbrainz::{self, plan, Action, FetchError, Imported, Ost, PendingFetch};
use crate::catalog::Scope;
use crate::ids::GuildId;
use crate::locale::Locale;
use crate::timestamp::Timestamp;
use crate::{t, Error, Result};
use serenity::all::{ButtonStyle, CommandOptionType};
use serenity::builder::{CreateActionRow, CreateButton, CreateCommandOption};

/// The longest query: a title with "OST", or an MBID.
pub const MAX_QUERY_CHARS: u16 = 100;
/// Room a preview's text takes in a message (Discord allows 2000 characters).
const PREVIEW_CHARS: usize = 1900;

/// The `fetch` subcommand of `/catalog`.
pub fn option() -> CreateCommandOption {
    CreateCommandOption::new(CommandOptionType::SubCommand, "fetch", "")
        .localized("cmd-catalog-fetch")
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "query", "")
                .localized("cmd-catalog-fetch-query")
                .required(true)
                .max_length(MAX_QUERY_CHARS),
        )
}

/// The preview, one line each: the drama, each part with its tracks and their credits (with
/// artist ids when `artists`), the cap when there was one, and what importing does. Text from
/// MusicBrainz goes through `esc`.
pub fn preview_lines(
    ost: &Ost,
    l: Locale,
    artists: bool,
    esc: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let mut lines: Vec<String> = body(ost, l, artists, esc)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    lines.extend(footer(ost, l));
    lines
}

/// The preview's lines before its footer, each marked when it is a track's.
fn body(ost: &Ost, l: Locale, artists: bool, esc: &dyn Fn(&str) -> String) -> Vec<(bool, String)> {
    let tracks = ost.tracks().count();
    let mut lines = vec![(
        false,
        t!(
            l,
            "mb-preview-head",
            drama = esc(&ost.title),
            parts = ost.parts.len(),
            tracks = tracks,
            mbid = ost.release_group.to_string()
        ),
    )];
    lines.push((
        false,
        match &ost.drama {
            Some(known) => t!(l, "mb-preview-drama-known", drama = esc(&known.label)),
            None => t!(l, "mb-preview-drama-new", drama = esc(&ost.title)),
        },
    ));
    for part in &ost.parts {
        lines.push((
            false,
            t!(
                l,
                "mb-preview-part",
                part = esc(&part.title),
                date = part
                    .date
                    .clone()
                    .unwrap_or_else(|| t!(l, "mb-preview-no-date")),
                mbid = part.release.to_string()
            ),
        ));
        for (i, track) in part.tracks.iter().enumerate() {
            let credits = plan::credits_line(&track.credits);
            let credits = if credits.is_empty() {
                t!(l, "mb-no-credit")
            } else {
                esc(&credits)
            };
            lines.push((
                true,
                t!(
                    l,
                    "mb-preview-track",
                    number = i + 1,
                    title = esc(&track.title),
                    credits = credits,
                    action = action_text(track.action, l),
                    mbid = track.recording.to_string()
                ),
            ));
            if artists {
                for credit in &track.credits {
                    let line = t!(
                        l,
                        "mb-preview-artist",
                        name = esc(&credit.name),
                        mbid = credit.mbid.to_string()
                    );
                    lines.push((false, format!("      {line}")));
                }
            }
        }
    }
    lines
}

fn footer(ost: &Ost, l: Locale) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(capped) = ost.capped {
        lines.push(t!(
            l,
            "mb-preview-capped",
            total = capped.total,
            read = capped.read
        ));
    }
    if ost.changes_anything() {
        let c = ost.counts();
        lines.push(t!(
            l,
            "mb-preview-summary",
            new = c.new,
            updated = c.updated,
            unchanged = c.unchanged,
            shared = c.shared
        ));
    } else {
        lines.push(t!(l, "mb-preview-nothing"));
    }
    lines
}

fn action_text(action: Action, l: Locale) -> String {
    match action {
        Action::New => t!(l, "mb-action-new"),
        Action::Update(_) => t!(l, "mb-action-update"),
        Action::Unchanged(_) => t!(l, "mb-action-unchanged"),
        Action::Shared(_) => t!(l, "mb-action-shared"),
    }
}

/// The preview as one message's text: as many lines as fit, then a note of the tracks left
/// out, then the footer.
fn preview_text(ost: &Ost, l: Locale) -> String {
    let footer = footer(ost, l);
    let room = PREVIEW_CHARS - footer.iter().map(|f| f.chars().count() + 1).sum::<usize>();
    let total = ost.tracks().count();
    let mut out: Vec<String> = Vec::new();
    let mut used = 0;
    let mut shown = 0;
    for (is_track, line) in body(ost, l, false, &|s: &str| escape(s)) {
        let len = line.chars().count() + 1;
        // Room is kept for the note of what is left out.
        if used + len > room.saturating_sub(120) {
            out.push(t!(l, "mb-preview-truncated", more = total - shown));
            break;
        }
        used += len;
        shown += usize::from(is_track);
        out.push(line);
    }
    out.extend(footer);
    crate::bot::response::clip(&out.join("\n"), 2000)
}

fn client(bot: &Bot) -> Result<&musicbrainz::MusicBrainz> {
    bot.musicbrainz
        .as_ref()
        .ok_or(Error::MusicBrainz(FetchError::NotConfigured))
}

/// `/catalog fetch query:`: the preview, with Import and Cancel when importing changes anything.
pub async fn run(bot: &Bot, ctx: &Ctx, guild: GuildId, query: &str) -> Result<Response> {
    let l = ctx.locale;
    let client = client(bot)?;
    let fetched = musicbrainz::fetch(client, query).await?;
    let scope = Scope::Guild(guild);
    let ost = musicbrainz::preview(&bot.pool, scope, &fetched)
        .await?
        .ok_or_else(|| FetchError::NothingFound(query.trim().to_owned()))?;
    let text = preview_text(&ost, l);
    let mut message = Message::text(text).ephemeral();
    if ost.changes_anything() {
        let pending = PendingFetch {
            guild,
            moderator: ctx.user,
            query: query.trim().to_owned(),
        };
        let id = musicbrainz::remember_fetch(&bot.pool, &pending, Timestamp::from(bot.clock.now()))
            .await?;
        message = message.with_components(vec![CreateActionRow::Buttons(vec![
            CreateButton::new(CustomId::CatalogFetchImport(id).to_string())
                .label(t!(l, "mb-button-import"))
                .style(ButtonStyle::Primary),
            CreateButton::new(CustomId::CatalogFetchCancel(id).to_string())
                .label(t!(l, "mb-button-cancel"))
                .style(ButtonStyle::Secondary),
        ])]);
    }
    Ok(Response::message(message))
}

/// What an import did, in one line.
pub fn imported_text(
    ost: &Ost,
    imported: &Imported,
    l: Locale,
    esc: &dyn Fn(&str) -> String,
) -> String {
    let c = imported.counts;
    if c.new + c.updated == 0 && !imported.drama_created {
        return t!(l, "mb-imported-nothing");
    }
    let drama = ost
        .drama
        .as_ref()
        .map(|d| d.label.clone())
        .unwrap_or_else(|| ost.title.clone());
    t!(
        l,
        "mb-imported",
        drama = esc(&drama),
        new = c.new,
        updated = c.updated,
        unchanged = c.unchanged + c.shared
    )
}

/// Import and Cancel of a preview (moderators only, as the command).
pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    match id {
        CustomId::CatalogFetchImport(fetch) => {
            let pending = musicbrainz::pending_fetch(&bot.pool, guild, *fetch)
                .await?
                .ok_or(Error::EntryGone)?;
            let client = client(bot)?;
            let fetched = musicbrainz::fetch(client, &pending.query).await?;
            let scope = Scope::Guild(guild);
            let ost = musicbrainz::preview(&bot.pool, scope, &fetched)
                .await?
                .ok_or_else(|| FetchError::NothingFound(pending.query.clone()))?;
            let imported = if ost.changes_anything() {
                musicbrainz::import(&bot.pool, scope, Some(ctx.user), &ost).await?
            } else {
                Imported::default()
            };
            musicbrainz::forget_fetch(&bot.pool, guild, *fetch).await?;
            let text = imported_text(&ost, &imported, l, &|s: &str| escape(s));
            Ok(Response::Update(Message::text(text)))
        }
        CustomId::CatalogFetchCancel(fetch) => {
            musicbrainz::forget_fetch(&bot.pool, guild, *fetch).await?;
            Ok(Response::Update(Message::text(t!(l, "mb-cancelled"))))
        }
        _ => Err(Error::StaleComponent),
    }
}
