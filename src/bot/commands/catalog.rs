//! `/catalog …`: moderators add, edit, import and remove their server's own
//! entries. Global entries are never changed or hidden from here.

use crate::bot::context::{Args, Ctx};
use crate::bot::custom_id::{CustomId, Subject};
use crate::bot::files::MAX_ATTACHMENT_BYTES;
use crate::bot::l10n::{Localized, LocalizedChoice};
use crate::bot::lookup;
use crate::bot::render::text::escape;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::import::{self, slugify, MAX_TITLE_CHARS};
use crate::catalog::{
    self, aliases, credits, Attached, DramaId, Edit, Kind, NewDrama, NewTrack, Scope, TrackId,
};
use crate::error::Refusal;
use crate::ids::GuildId;
use crate::{t, Error, Result};
use serenity::all::{
    ButtonStyle, CommandOptionType, InstallationContext, InteractionContext, Permissions,
};
use serenity::builder::{CreateActionRow, CreateButton, CreateCommand, CreateCommandOption};

pub fn register() -> CreateCommand {
    let text = |name: &str, id: &str| {
        CreateCommandOption::new(CommandOptionType::String, name, "")
            .localized(id)
            .max_length(MAX_TITLE_CHARS as u16)
    };
    let year = CreateCommandOption::new(CommandOptionType::Integer, "year", "")
        .localized("cmd-catalog-year")
        .min_int_value(1950)
        .max_int_value(2100);
    let add_drama = CreateCommandOption::new(CommandOptionType::SubCommand, "add-drama", "")
        .localized("cmd-catalog-add-drama")
        .add_sub_option(text("title", "cmd-catalog-title").required(true))
        .add_sub_option(text("title_ko", "cmd-catalog-title_ko"))
        .add_sub_option(year.clone())
        .add_sub_option(text("network", "cmd-catalog-network"))
        .add_sub_option(text("alt_titles", "cmd-catalog-alt_titles"));
    let add_track = CreateCommandOption::new(CommandOptionType::SubCommand, "add-track", "")
        .localized("cmd-catalog-add-track")
        .add_sub_option(
            text("drama", "cmd-catalog-drama")
                .required(true)
                .set_autocomplete(true),
        )
        .add_sub_option(text("title", "cmd-catalog-title-2").required(true))
        .add_sub_option(text("title_ko", "cmd-catalog-title_ko-2"))
        .add_sub_option(text("artist", "cmd-catalog-artist"))
        .add_sub_option(text("artist_ko", "cmd-catalog-artist_ko"))
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "ost_part", "")
                .localized("cmd-catalog-ost_part")
                .min_int_value(0)
                .max_int_value(100),
        )
        .add_sub_option(text("link", "cmd-catalog-link"));
    let import = CreateCommandOption::new(CommandOptionType::SubCommand, "import", "")
        .localized("cmd-catalog-import")
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Attachment, "file", "")
                .localized("cmd-catalog-file")
                .required(true),
        );
    let remove = CreateCommandOption::new(CommandOptionType::SubCommand, "remove", "")
        .localized("cmd-catalog-remove")
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "kind", "")
                .localized("cmd-catalog-kind")
                .required(true)
                .localized_choice("cmd-catalog-choice-drama", "drama")
                .localized_choice("cmd-catalog-choice-track", "track"),
        )
        .add_sub_option(
            text("entry", "cmd-catalog-entry")
                .required(true)
                .set_autocomplete(true),
        );

    let edit = CreateCommandOption::new(CommandOptionType::SubCommand, "edit", "")
        .localized("cmd-catalog-edit")
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::String, "kind", "")
                .localized("cmd-catalog-kind")
                .required(true)
                .localized_choice("cmd-catalog-choice-drama", "drama")
                .localized_choice("cmd-catalog-choice-track", "track"),
        )
        .add_sub_option(
            text("entry", "cmd-catalog-edit-entry")
                .required(true)
                .set_autocomplete(true),
        )
        .add_sub_option(text("title", "cmd-catalog-edit-title"))
        .add_sub_option(text("title_ko", "cmd-catalog-title_ko"))
        .add_sub_option(year)
        .add_sub_option(text("network", "cmd-catalog-network"))
        .add_sub_option(text("alt_titles", "cmd-catalog-alt_titles"))
        .add_sub_option(text("artist", "cmd-catalog-artist"))
        .add_sub_option(text("artist_ko", "cmd-catalog-artist_ko"))
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "ost_part", "")
                .localized("cmd-catalog-ost_part")
                .min_int_value(0)
                .max_int_value(100),
        )
        .add_sub_option(text("link", "cmd-catalog-link"));

    CreateCommand::new("catalog")
        .localized("cmd-catalog")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(add_drama)
        .add_option(add_track)
        .add_option(import)
        .add_option(remove)
        .add_option(edit)
        .add_option(alias_group())
        .add_option(
            CreateCommandOption::new(CommandOptionType::SubCommand, "queue", "")
                .localized("cmd-catalog-queue"),
        )
        .add_option(super::fetch::option())
}

/// `/catalog alias add|remove|list`: this server's other names for artists and tracks.
fn alias_group() -> CreateCommandOption {
    let option =
        |kind, name: &str, id: &str| CreateCommandOption::new(kind, name, "").localized(id);
    let add = option(
        CommandOptionType::SubCommand,
        "add",
        "cmd-catalog-alias-add",
    )
    .add_sub_option(
        option(CommandOptionType::String, "kind", "cmd-catalog-alias-kind")
            .required(true)
            .localized_choice("cmd-catalog-choice-artist", "artist")
            .localized_choice("cmd-catalog-choice-track", "track"),
    )
    .add_sub_option(
        option(
            CommandOptionType::String,
            "target",
            "cmd-catalog-alias-target",
        )
        .required(true)
        .set_autocomplete(true)
        .max_length(lookup::MAX_QUERY_CHARS as u16),
    )
    .add_sub_option(
        option(
            CommandOptionType::String,
            "alias",
            "cmd-catalog-alias-alias",
        )
        .required(true)
        .max_length(aliases::MAX_ALIAS_CHARS as u16),
    );
    let remove = option(
        CommandOptionType::SubCommand,
        "remove",
        "cmd-catalog-alias-remove",
    )
    .add_sub_option(
        option(
            CommandOptionType::String,
            "alias",
            "cmd-catalog-alias-alias",
        )
        .required(true)
        .set_autocomplete(true),
    );
    let list = option(
        CommandOptionType::SubCommand,
        "list",
        "cmd-catalog-alias-list",
    );
    option(
        CommandOptionType::SubCommandGroup,
        "alias",
        "cmd-catalog-alias",
    )
    .add_sub_option(add)
    .add_sub_option(remove)
    .add_sub_option(list)
}

/// `/catalog alias …`, for the server's moderators.
async fn alias_run(bot: &Bot, ctx: &Ctx, args: &Args<'_>, guild: GuildId) -> Result<Response> {
    let l = ctx.locale;
    match args.subcommand {
        Some("add") => {
            let alias = args.required_str("alias")?;
            let target = args.required_str("target")?;
            let (kind, id, label) = if args.str("kind") == Some("artist") {
                let artist = credits::artist_named(&bot.pool, target)
                    .await?
                    .ok_or_else(|| aliases::AliasError::NoArtist {
                        name: target.trim().to_owned(),
                    })?;
                let label = credits::credit_line(std::slice::from_ref(&artist)).unwrap_or_default();
                (aliases::AliasKind::Artist, artist.id.to_i64_bits(), label)
            } else {
                let track = lookup::resolve_track(bot, ctx.guild, target, None).await?;
                (
                    aliases::AliasKind::Track,
                    track.id.to_i64_bits(),
                    track.label(),
                )
            };
            aliases::add_local(&bot.pool, guild, kind, id, alias, Some(ctx.user)).await?;
            Ok(Response::ephemeral_text(t!(
                l,
                "catalog-alias-added",
                alias = alias.trim(),
                target = label
            )))
        }
        Some("remove") => {
            let picked = args.required_str("alias")?;
            let id = match lookup::picked_id(picked) {
                Some(id) => id,
                None => aliases::list_local(&bot.pool, guild)
                    .await?
                    .into_iter()
                    .find(|(a, _)| a.alias.eq_ignore_ascii_case(picked.trim()))
                    .map(|(a, _)| a.id)
                    .ok_or(aliases::AliasError::NoAlias)?,
            };
            let removed = aliases::remove_local(&bot.pool, guild, id).await?;
            Ok(Response::ephemeral_text(t!(
                l,
                "catalog-alias-removed",
                alias = removed.alias
            )))
        }
        _ => {
            let list = aliases::list_local(&bot.pool, guild).await?;
            if list.is_empty() {
                return Ok(Response::ephemeral_text(t!(l, "catalog-alias-list-empty")));
            }
            let lines: Vec<String> = list
                .iter()
                .take(40)
                .map(|(a, label)| format!("• **{}** → {label}", a.alias))
                .collect();
            Ok(Response::ephemeral_text(crate::bot::response::clip(
                &format!(
                    "{}\n{}",
                    t!(l, "catalog-alias-list-title"),
                    lines.join("\n")
                ),
                2000,
            )))
        }
    }
}

/// Autocomplete of `/catalog alias remove`: the server's own aliases.
async fn alias_choices(bot: &Bot, guild: GuildId, typed: &str) -> Result<Vec<Choice>> {
    let typed = typed.trim().to_lowercase();
    Ok(aliases::list_local(&bot.pool, guild)
        .await?
        .into_iter()
        .filter(|(a, label)| {
            typed.is_empty()
                || a.alias.to_lowercase().contains(&typed)
                || label.to_lowercase().contains(&typed)
        })
        .take(25)
        .map(|(a, label)| Choice::new(format!("{} → {label}", a.alias), lookup::choice_value(a.id)))
        .collect())
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    if args.group == Some("alias") {
        return alias_run(bot, ctx, args, guild).await;
    }
    match args.subcommand {
        Some("add-drama") => {
            let title = args.required_str("title")?.trim().to_owned();
            let year = args.int("year").map(|y| y as i32);
            let new = NewDrama {
                slug: slugify(&title, year),
                title: title.clone(),
                title_ko: optional(args, "title_ko"),
                alt_titles: optional(args, "alt_titles")
                    .map(|a| {
                        a.split('|')
                            .map(|s| s.trim().to_owned())
                            .filter(|s| !s.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                year,
                network: optional(args, "network"),
                ..NewDrama::default()
            };
            catalog::add_drama(&bot.pool, guild, &new, ctx.user).await?;
            Ok(Response::ephemeral_text(t!(
                l,
                "catalog-drama-added",
                title = escape(&title)
            )))
        }
        Some("add-track") => {
            let drama = lookup::resolve_drama(bot, ctx.guild, args.required_str("drama")?).await?;
            let title = args.required_str("title")?.trim().to_owned();
            let links: Vec<String> = optional(args, "link").into_iter().collect();
            if links.iter().any(|l| !l.starts_with("https://")) {
                return Err(Error::User(crate::msg!("catalog-link-needs-https")));
            }
            let new = NewTrack {
                slug: format!("{}-{}", drama.slug, slugify(&title, None)),
                drama_id: drama.id,
                title: title.clone(),
                title_ko: optional(args, "title_ko"),
                artist: optional(args, "artist"),
                artist_ko: optional(args, "artist_ko"),
                ost_part: args.int("ost_part").map(|p| p as i32),
                year: drama.year,
                links,
                album: None,
                verified: true,
            };
            catalog::add_track(&bot.pool, guild, &new, ctx.user).await?;
            Ok(Response::ephemeral_text(t!(
                l,
                "catalog-track-added",
                title = escape(&title),
                drama = escape(&drama.title)
            )))
        }
        Some("queue") => Ok(Response::message(super::suggest::queue(bot, ctx, 0).await?)),
        Some("fetch") => super::fetch::run(bot, ctx, guild, args.required_str("query")?).await,
        Some("import") => {
            let file = args
                .attachment("file")
                .ok_or_else(|| Error::User(crate::msg!("catalog-attach-file")))?;
            if file.size as usize > MAX_ATTACHMENT_BYTES {
                return Err(Error::TooLong {
                    field: "file",
                    max: MAX_ATTACHMENT_BYTES,
                });
            }
            let bytes = bot.files.fetch(&file.url).await.map_err(|reason| {
                tracing::warn!(%reason, "attachment download failed");
                Error::User(crate::msg!("catalog-download-failed"))
            })?;
            let none = |_: usize, _: usize| {};
            let report = import::import_bytes(
                &bot.pool,
                Scope::Guild(guild),
                Some(ctx.user),
                &file.filename,
                &bytes,
                &none,
            )
            .await?;
            Ok(Response::ephemeral_text(
                crate::bot::error_text::import_report(&report, l),
            ))
        }
        Some("remove") => {
            let kind = match args.required_str("kind")? {
                "track" => Kind::Track,
                _ => Kind::Drama,
            };
            let entry = args.required_str("entry")?;
            let (id, label, scope) = match kind {
                Kind::Drama => {
                    let d = lookup::resolve_drama(bot, ctx.guild, entry).await?;
                    (d.id.to_i64_bits(), d.title.clone(), d.scope)
                }
                Kind::Track => {
                    let t = lookup::resolve_track(bot, ctx.guild, entry, None).await?;
                    (t.id.to_i64_bits(), t.title.clone(), t.scope)
                }
            };
            if scope == Scope::Global {
                return Err(Error::Refused(Refusal::SharedEntry));
            }
            let attached = catalog::attached(&bot.pool, kind, id).await?;
            if !attached.is_empty() {
                let entry = match kind {
                    Kind::Drama => Subject::Drama(DramaId::try_from(id)?),
                    Kind::Track => Subject::Track(TrackId::try_from(id)?),
                };
                return Ok(remove_prompt(ctx, entry, &label, attached));
            }
            if !catalog::remove_local(&bot.pool, guild, kind, id).await? {
                return Err(Error::Refused(Refusal::SharedEntry));
            }
            Ok(Response::ephemeral_text(t!(
                l,
                "catalog-removed",
                label = escape(&label)
            )))
        }
        Some("edit") => edit(bot, ctx, args).await,
        _ => Err(Error::Malformed("catalog needs a subcommand".into())),
    }
}

fn optional(args: &Args<'_>, name: &str) -> Option<String> {
    args.str(name)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub async fn autocomplete(
    bot: &Bot,
    ctx: &Ctx,
    args: &Args<'_>,
    option: &str,
    typed: &str,
) -> Result<Vec<Choice>> {
    if args.group == Some("alias") {
        return match (option, ctx.guild) {
            ("alias", Some(guild)) => alias_choices(bot, guild, typed).await,
            ("target", _) if args.str("kind") != Some("artist") => {
                lookup::track_choices(bot, ctx.guild, typed, None).await
            }
            _ => Ok(Vec::new()),
        };
    }
    let kind = args.str("kind");
    // Only the server's own entries can be edited or removed: only they are offered.
    if args.subcommand == Some("edit") && option == "entry" {
        return own_choices(bot, ctx, kind == Some("drama"), typed).await;
    }
    match (option, kind) {
        ("drama", _) => lookup::drama_choices(bot, ctx.guild, typed).await,
        ("entry", kind) => match ctx.guild {
            None => Ok(Vec::new()),
            Some(guild) if kind == Some("drama") => {
                lookup::local_drama_choices(bot, guild, typed).await
            }
            Some(guild) => lookup::local_track_choices(bot, guild, typed).await,
        },
        _ => Ok(Vec::new()),
    }
}

/// This server's own entries whose title holds what was typed. Searching the
/// whole catalog and filtering would lose them behind better-known shared
/// entries, so they are read directly (a server adds few).
async fn own_choices(bot: &Bot, ctx: &Ctx, dramas: bool, typed: &str) -> Result<Vec<Choice>> {
    let Some(guild) = ctx.guild else {
        return Ok(Vec::new());
    };
    let typed = typed.trim();
    if dramas {
        let found = catalog::own_dramas_matching(&bot.pool, guild, typed, 25).await?;
        return Ok(found
            .iter()
            .map(|d| Choice::new(d.label(), lookup::choice_value(d.id.to_i64_bits())))
            .collect());
    }
    let found = catalog::own_tracks_matching(&bot.pool, guild, typed, 25).await?;
    let ids: Vec<TrackId> = found.iter().map(|t| t.id).collect();
    let labelled = catalog::tracks_by_ids(&bot.pool, &ids, Some(guild)).await?;
    Ok(labelled
        .iter()
        .map(|(t, drama)| {
            Choice::new(
                format!("{} · {drama}", t.label()),
                lookup::choice_value(t.id.to_i64_bits()),
            )
        })
        .collect())
}

/// `/catalog edit kind entry [fields…]`: only the given fields change.
async fn edit(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let list = |name| {
        optional(args, name).map(|a| {
            a.split('|')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
    };
    let links = optional(args, "link").map(|link| vec![link]);
    if links.iter().flatten().any(|l| !l.starts_with("https://")) {
        return Err(Error::User(crate::msg!("catalog-link-needs-https")));
    }
    let edit = Edit {
        title: optional(args, "title"),
        title_ko: optional(args, "title_ko"),
        year: args.int("year").map(|y| y as i32),
        network: optional(args, "network"),
        alt_titles: list("alt_titles"),
        artist: optional(args, "artist"),
        artist_ko: optional(args, "artist_ko"),
        ost_part: args.int("ost_part").map(|p| p as i32),
        links,
    };
    let entry = args.required_str("entry")?;
    let label = match args.required_str("kind")? {
        "track" => {
            let t = lookup::resolve_track(bot, ctx.guild, entry, None).await?;
            catalog::edit_track(&bot.pool, guild, t.id, &edit)
                .await?
                .label()
        }
        _ => {
            let d = lookup::resolve_drama(bot, ctx.guild, entry).await?;
            catalog::edit_drama(&bot.pool, guild, d.id, &edit)
                .await?
                .label()
        }
    };
    Ok(Response::ephemeral_text(t!(
        l,
        "safety-catalog-edited",
        entry = crate::bot::response::clip(&crate::bot::render::text::safe(&label), 200)
    )))
}

/// "Members' data is attached to X: 3 reviews, 1 poll option and 2
/// nominations": hide it (keeping them), delete it with everything, or cancel.
fn remove_prompt(ctx: &Ctx, entry: Subject, label: &str, attached: Attached) -> Response {
    let l = ctx.locale;
    let text = t!(
        l,
        "safety-remove-entry-prompt",
        entry = crate::bot::render::text::safe(label),
        reviews = attached.reviews,
        options = attached.poll_options,
        nominations = attached.nominations
    );
    let buttons = vec![
        CreateButton::new(CustomId::CatalogHide(entry).to_string())
            .label(t!(l, "safety-remove-entry-hide"))
            .style(ButtonStyle::Primary),
        CreateButton::new(CustomId::CatalogPurge(entry).to_string())
            .label(t!(l, "safety-remove-entry-purge"))
            .style(ButtonStyle::Danger),
        CreateButton::new(CustomId::CatalogCancel.to_string())
            .label(t!(l, "safety-cancel"))
            .style(ButtonStyle::Secondary),
    ];
    Response::message(
        Message::text(text)
            .with_components(vec![CreateActionRow::Buttons(buttons)])
            .ephemeral(),
    )
}

/// The kind and number of a catalog entry, as the store names them.
fn kind_and_id(entry: Subject) -> (Kind, i64) {
    match entry {
        Subject::Drama(d) => (Kind::Drama, d.to_i64_bits()),
        Subject::Track(t) => (Kind::Track, t.to_i64_bits()),
    }
}

/// The answers to the removal prompt (moderators only, as the command).
pub async fn component(bot: &Bot, ctx: &Ctx, id: &CustomId) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let (done, text) = match id {
        CustomId::CatalogHide(entry) => {
            let (kind, id) = kind_and_id(*entry);
            (
                catalog::hide_local(&bot.pool, guild, kind, id, ctx.user).await?,
                t!(l, "safety-remove-entry-hidden"),
            )
        }
        CustomId::CatalogPurge(entry) => {
            let (kind, id) = kind_and_id(*entry);
            (
                catalog::remove_local(&bot.pool, guild, kind, id).await?,
                t!(l, "safety-remove-entry-purged"),
            )
        }
        CustomId::CatalogCancel => (true, t!(l, "safety-remove-entry-kept")),
        _ => return Err(Error::StaleComponent),
    };
    if !done {
        return Err(Error::EntryGone);
    }
    Ok(Response::Update(Message::text(text)))
}
