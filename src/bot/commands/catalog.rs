//! `/catalog …`: moderators add, import and remove their server's own
//! entries. Global entries are never changed or hidden from here.

use crate::bot::context::{Args, Ctx};
use crate::bot::files::MAX_ATTACHMENT_BYTES;
use crate::bot::lookup;
use crate::bot::{Bot, Choice, Message, Response};
use crate::catalog::import::{self, slugify, MAX_TITLE_CHARS};
use crate::catalog::{self, Attached, DramaId, Edit, Kind, NewDrama, NewTrack, Scope, TrackId};
use crate::error::Refusal;
use crate::locale::Locale;
use crate::{Error, Result};
use serenity::all::{
    ButtonStyle, CommandOptionType, InstallationContext, InteractionContext, Permissions,
};
use serenity::builder::{
    CreateActionRow, CreateButton, CreateCommand, CreateCommandOption,
};

pub fn register() -> CreateCommand {
    let text = |name: &str, ko: &str, desc: &str, desc_ko: &str| {
        CreateCommandOption::new(CommandOptionType::String, name, desc)
            .name_localized("ko", ko)
            .description_localized("ko", desc_ko)
            .max_length(MAX_TITLE_CHARS as u16)
    };
    let year = CreateCommandOption::new(
        CommandOptionType::Integer,
        "year",
        "Year of first broadcast",
    )
    .name_localized("ko", "연도")
    .description_localized("ko", "첫 방영 연도")
    .min_int_value(1950)
    .max_int_value(2100);
    let add_drama = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "add-drama",
        "Add a drama to this server's catalog",
    )
    .name_localized("ko", "드라마추가")
    .description_localized("ko", "이 서버의 카탈로그에 드라마 추가")
    .add_sub_option(
        text(
            "title",
            "제목",
            "English (or main) title",
            "영어 (또는 대표) 제목",
        )
        .required(true),
    )
    .add_sub_option(text("title_ko", "한글제목", "Korean title", "한글 제목"))
    .add_sub_option(year.clone())
    .add_sub_option(text(
        "network",
        "방송사",
        "Broadcaster or platform",
        "방송사 또는 플랫폼",
    ))
    .add_sub_option(text(
        "alt_titles",
        "다른제목",
        "Other titles, separated by |",
        "다른 제목들 (| 로 구분)",
    ));
    let add_track = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "add-track",
        "Add an OST track to this server's catalog",
    )
    .name_localized("ko", "곡추가")
    .description_localized("ko", "이 서버의 카탈로그에 OST 곡 추가")
    .add_sub_option(
        text(
            "drama",
            "드라마",
            "The drama it belongs to",
            "곡이 나온 드라마",
        )
        .required(true)
        .set_autocomplete(true),
    )
    .add_sub_option(text("title", "제목", "Track title", "곡 제목").required(true))
    .add_sub_option(text("title_ko", "한글제목", "Korean title", "한글 제목"))
    .add_sub_option(text("artist", "가수", "Artist", "가수"))
    .add_sub_option(text(
        "artist_ko",
        "한글가수",
        "Artist in Hangul",
        "가수 (한글)",
    ))
    .add_sub_option(
        CreateCommandOption::new(CommandOptionType::Integer, "ost_part", "OST part number")
            .name_localized("ko", "파트")
            .description_localized("ko", "OST 파트 번호")
            .min_int_value(0)
            .max_int_value(100),
    )
    .add_sub_option(text(
        "link",
        "링크",
        "A listening link (https://…)",
        "듣기 링크 (https://…)",
    ));
    let import = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "import",
        "Import dramas or tracks from a CSV or JSON file",
    )
    .name_localized("ko", "가져오기")
    .description_localized("ko", "CSV 또는 JSON 파일에서 드라마나 곡 가져오기")
    .add_sub_option(
        CreateCommandOption::new(CommandOptionType::Attachment, "file", "CSV or JSON file")
            .name_localized("ko", "파일")
            .description_localized("ko", "CSV 또는 JSON 파일")
            .required(true),
    );
    let remove = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "remove",
        "Remove one of this server's own entries",
    )
    .name_localized("ko", "삭제")
    .description_localized("ko", "이 서버가 추가한 항목 삭제")
    .add_sub_option(
        CreateCommandOption::new(CommandOptionType::String, "kind", "Drama or track")
            .name_localized("ko", "종류")
            .description_localized("ko", "드라마 또는 곡")
            .required(true)
            .add_string_choice_localized("drama", "drama", [("ko", "드라마")])
            .add_string_choice_localized("track", "track", [("ko", "곡")]),
    )
    .add_sub_option(
        text("entry", "항목", "The entry to remove", "삭제할 항목")
            .required(true)
            .set_autocomplete(true),
    );

    let kind = CreateCommandOption::new(CommandOptionType::String, "kind", "Drama or track")
        .name_localized("ko", "종류")
        .description_localized("ko", "드라마 또는 곡")
        .required(true)
        .add_string_choice_localized("drama", "drama", [("ko", "드라마")])
        .add_string_choice_localized("track", "track", [("ko", "곡")]);
    let entry = CreateCommandOption::new(
        CommandOptionType::String,
        "entry",
        crate::t!(Locale::En, "safety-cmd-edit-entry"),
    )
    .name_localized("ko", "항목")
    .required(true)
    .set_autocomplete(true)
    .max_length(MAX_TITLE_CHARS as u16);
    let entry = localized(entry, |l| crate::t!(l, "safety-cmd-edit-entry"));
    let edit = CreateCommandOption::new(
        CommandOptionType::SubCommand,
        "edit",
        crate::t!(Locale::En, "safety-cmd-edit"),
    )
    .name_localized("ko", "수정");
    let edit = localized(edit, |l| crate::t!(l, "safety-cmd-edit"))
        .add_sub_option(kind)
        .add_sub_option(entry)
        .add_sub_option(text("title", "제목", "Title", "제목"))
        .add_sub_option(text("title_ko", "한글제목", "Korean title", "한글 제목"))
        .add_sub_option(year.clone())
        .add_sub_option(text(
            "network",
            "방송사",
            "Broadcaster or platform",
            "방송사 또는 플랫폼",
        ))
        .add_sub_option(text(
            "alt_titles",
            "다른제목",
            "Other titles, separated by |",
            "다른 제목들 (| 로 구분)",
        ))
        .add_sub_option(text("artist", "가수", "Artist", "가수"))
        .add_sub_option(text(
            "artist_ko",
            "한글가수",
            "Artist in Hangul",
            "가수 (한글)",
        ))
        .add_sub_option(
            CreateCommandOption::new(CommandOptionType::Integer, "ost_part", "OST part number")
                .name_localized("ko", "파트")
                .description_localized("ko", "OST 파트 번호")
                .min_int_value(0)
                .max_int_value(100),
        )
        .add_sub_option(text(
            "link",
            "링크",
            "A listening link (https://…)",
            "듣기 링크 (https://…)",
        ));

    CreateCommand::new("catalog")
        .description("Moderators: this server's own catalog entries")
        .name_localized("ko", "카탈로그")
        .description_localized("ko", "운영진: 이 서버만의 카탈로그 항목")
        .default_member_permissions(Permissions::MANAGE_GUILD)
        .contexts(vec![InteractionContext::Guild])
        .integration_types(vec![InstallationContext::Guild])
        .add_option(add_drama)
        .add_option(add_track)
        .add_option(import)
        .add_option(remove)
        .add_option(edit)
}

/// Sets an option's description in every language but English (its default).
fn localized(
    option: CreateCommandOption,
    text: impl Fn(Locale) -> String,
) -> CreateCommandOption {
    Locale::ALL
        .into_iter()
        .filter(|l| *l != Locale::En)
        .fold(option, |o, l| o.description_localized(l.discord_code(), text(l)))
}

pub async fn run(bot: &Bot, ctx: &Ctx, args: &Args<'_>) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
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
            Ok(Response::ephemeral_text(l.pick(
                format!("Added **{title}** to this server's catalog."),
                format!("**{title}**을(를) 이 서버의 카탈로그에 추가했어요."),
            )))
        }
        Some("add-track") => {
            let drama = lookup::resolve_drama(bot, ctx.guild, args.required_str("drama")?).await?;
            let title = args.required_str("title")?.trim().to_owned();
            let links: Vec<String> = optional(args, "link").into_iter().collect();
            let new = NewTrack {
                slug: format!("{}-{}", drama.slug, slugify(&title, None)),
                drama_id: drama.id.0,
                title: title.clone(),
                title_ko: optional(args, "title_ko"),
                artist: optional(args, "artist"),
                artist_ko: optional(args, "artist_ko"),
                ost_part: args.int("ost_part").map(|p| p as i32),
                year: drama.year,
                links,
                verified: true,
                ..NewTrack::default()
            };
            catalog::add_track(&bot.pool, guild, &new, ctx.user).await?;
            Ok(Response::ephemeral_text(l.pick(
                format!(
                    "Added **{title}** ({}) to this server's catalog.",
                    drama.title
                ),
                format!(
                    "**{title}** ({})을(를) 이 서버의 카탈로그에 추가했어요.",
                    drama.title
                ),
            )))
        }
        Some("import") => {
            let file = args.attachment("file").ok_or_else(|| {
                Error::invalid(
                    "file",
                    "attach a CSV or JSON file",
                    "CSV 또는 JSON 파일을 첨부해 주세요",
                )
            })?;
            if file.size as usize > MAX_ATTACHMENT_BYTES {
                return Err(Error::TooLong {
                    field: "file",
                    max: MAX_ATTACHMENT_BYTES,
                });
            }
            let bytes = bot.files.fetch(&file.url).await.map_err(|reason| {
                tracing::warn!(%reason, "attachment download failed");
                Error::invalid(
                    "file",
                    "I could not download the file; try again",
                    "파일을 내려받지 못했어요. 다시 시도해 주세요",
                )
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
            Ok(Response::ephemeral_text(report.describe(l)))
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
                    (d.id.0, d.title.clone(), d.scope)
                }
                Kind::Track => {
                    let t = lookup::resolve_track(bot, ctx.guild, entry, None).await?;
                    (t.id.0, t.title.clone(), t.scope)
                }
            };
            if scope == Scope::Global {
                return Err(Error::Refused(Refusal::SharedEntry));
            }
            let attached = catalog::attached(&bot.pool, kind, id).await?;
            if !attached.is_empty() {
                return Ok(remove_prompt(ctx, kind, id, &label, attached));
            }
            if !catalog::remove_local(&bot.pool, guild, kind, id).await? {
                return Err(Error::Refused(Refusal::SharedEntry));
            }
            Ok(Response::ephemeral_text(l.pick(
                format!("Removed **{label}** from this server's catalog."),
                format!("**{label}**을(를) 이 서버의 카탈로그에서 삭제했어요."),
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
    let kind = args.str("kind");
    let choices = match (option, kind) {
        ("drama", _) | ("entry", Some("drama")) => {
            lookup::drama_choices(bot, ctx.guild, typed).await?
        }
        ("entry", _) => lookup::track_choices(bot, ctx.guild, typed, None).await?,
        _ => Vec::new(),
    };
    // `/catalog edit` changes only this server's own entries: offer only those.
    if args.subcommand == Some("edit") && option == "entry" {
        return own_choices(bot, ctx, kind == Some("drama"), choices).await;
    }
    Ok(choices)
}

/// Keeps the autocomplete choices that are this server's own entries.
async fn own_choices(bot: &Bot, ctx: &Ctx, dramas: bool, choices: Vec<Choice>) -> Result<Vec<Choice>> {
    let Some(guild) = ctx.guild else {
        return Ok(Vec::new());
    };
    let ids: Vec<i64> = choices
        .iter()
        .filter_map(|c| c.value.strip_prefix("id:").and_then(|v| v.parse().ok()))
        .collect();
    let own: std::collections::HashSet<i64> = if dramas {
        let ids: Vec<DramaId> = ids.into_iter().map(DramaId).collect();
        catalog::dramas_by_ids(&bot.pool, &ids, Some(guild))
            .await?
            .into_iter()
            .filter(|d| d.scope == Scope::Guild(guild))
            .map(|d| d.id.0)
            .collect()
    } else {
        let ids: Vec<TrackId> = ids.into_iter().map(TrackId).collect();
        catalog::tracks_by_ids(&bot.pool, &ids, Some(guild))
            .await?
            .into_iter()
            .filter(|(t, _)| t.scope == Scope::Guild(guild))
            .map(|(t, _)| t.id.0)
            .collect()
    };
    Ok(choices
        .into_iter()
        .filter(|c| {
            c.value
                .strip_prefix("id:")
                .and_then(|v| v.parse().ok())
                .is_some_and(|id| own.contains(&id))
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
    let edit = Edit {
        title: optional(args, "title"),
        title_ko: optional(args, "title_ko"),
        year: args.int("year").map(|y| y as i32),
        network: optional(args, "network"),
        alt_titles: list("alt_titles"),
        artist: optional(args, "artist"),
        artist_ko: optional(args, "artist_ko"),
        ost_part: args.int("ost_part").map(|p| p as i32),
        links: optional(args, "link").map(|l| vec![l]),
    };
    let entry = args.required_str("entry")?;
    let label = match args.required_str("kind")? {
        "track" => {
            let t = lookup::resolve_track(bot, ctx.guild, entry, None).await?;
            catalog::edit_track(&bot.pool, guild, t.id, &edit).await?.label()
        }
        _ => {
            let d = lookup::resolve_drama(bot, ctx.guild, entry).await?;
            catalog::edit_drama(&bot.pool, guild, d.id, &edit).await?.label()
        }
    };
    Ok(Response::ephemeral_text(crate::t!(
        l,
        "safety-catalog-edited",
        entry = crate::bot::response::clip(&super::review::safe(&label), 200)
    )))
}

/// "Removing X takes 3 reviews, 1 poll option and 2 nominations": hide it
/// (the default, keeping them), delete it with everything, or cancel.
fn remove_prompt(ctx: &Ctx, kind: Kind, id: i64, label: &str, attached: Attached) -> Response {
    let l = ctx.locale;
    let k = match kind {
        Kind::Drama => "d",
        Kind::Track => "t",
    };
    let text = crate::t!(
        l,
        "safety-remove-entry-prompt",
        entry = super::review::safe(label),
        reviews = attached.reviews,
        options = attached.poll_options,
        nominations = attached.nominations
    );
    let buttons = vec![
        CreateButton::new(format!("catalog:hide:{k}:{id}"))
            .label(crate::t!(l, "safety-remove-entry-hide"))
            .style(ButtonStyle::Primary),
        CreateButton::new(format!("catalog:purge:{k}:{id}"))
            .label(crate::t!(l, "safety-remove-entry-purge"))
            .style(ButtonStyle::Danger),
        CreateButton::new("catalog:cancel")
            .label(crate::t!(l, "safety-cancel"))
            .style(ButtonStyle::Secondary),
    ];
    Response::message(
        Message::text(text)
            .with_components(vec![CreateActionRow::Buttons(buttons)])
            .ephemeral(),
    )
}

/// The answers to the removal prompt.
pub async fn component(bot: &Bot, ctx: &Ctx, custom_id: &str) -> Result<Response> {
    let guild = ctx.moderated_guild()?;
    let l = ctx.locale;
    let parts: Vec<&str> = custom_id.split(':').collect();
    let bad = || Error::Malformed(format!("bad catalog id {custom_id:?}"));
    let (action, kind, id) = match parts.as_slice() {
        ["catalog", "cancel"] => {
            return Ok(Response::Update(Message::text(crate::t!(
                l,
                "safety-remove-entry-kept"
            ))))
        }
        ["catalog", action, kind, id] => {
            let kind = match *kind {
                "d" => Kind::Drama,
                "t" => Kind::Track,
                _ => return Err(bad()),
            };
            (*action, kind, id.parse::<i64>().map_err(|_| bad())?)
        }
        _ => return Err(bad()),
    };
    let done = match action {
        "hide" => catalog::hide_local(&bot.pool, guild, kind, id, ctx.user).await?,
        "purge" => catalog::remove_local(&bot.pool, guild, kind, id).await?,
        _ => return Err(bad()),
    };
    if !done {
        return Err(Error::EntryGone);
    }
    let text = if action == "hide" {
        crate::t!(l, "safety-remove-entry-hidden")
    } else {
        crate::t!(l, "safety-remove-entry-purged")
    };
    Ok(Response::Update(Message::text(text)))
}
