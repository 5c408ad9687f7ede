//! The catalog end to end on a real SQLite file: the shipped data, imports
//! (atomic, idempotent, bad rows by line), server-local entries, and the
//! `/track`, `/drama` and `/catalog` commands through the real dispatcher.

mod support;

use ostbot::bot::error_text::UserMessage as _;
use ostbot::bot::{self, Bot, Response};
use ostbot::catalog::import::{self, ImportReport, RowProblem};
use ostbot::catalog::{self, Scope};
use ostbot::ids::GuildId;
use ostbot::transport::console::Console;
use ostbot::transport::simulated::{stable_id, Actor};
use serde_json::{json, Value};
use support::{is_ephemeral, s, send};
use tempfile::TempDir;

async fn bot() -> (Bot, TempDir) {
    let (dir, _url, pool) = support::database().await;
    (ostbot::app::offline_bot(pool), dir)
}

async fn counts(bot: &Bot) -> (i64, i64) {
    let dramas: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM dramas"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let tracks: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT COUNT(*) FROM tracks"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    (dramas, tracks)
}

fn text_of(body: &Value) -> String {
    body.to_string()
}

/// One string option, as the command's option list.
fn opt(name: &str, value: &str) -> Value {
    json!([s(name, value)])
}

async fn import(
    bot: &Bot,
    scope: Scope,
    name: &str,
    text: &str,
) -> Result<ImportReport, ostbot::Error> {
    import::import_bytes(&bot.pool, scope, None, name, text.as_bytes(), &|_, _| {}).await
}

#[tokio::test]
async fn the_shipped_catalog_loads_once_and_reloading_changes_nothing() {
    let (bot, _dir) = bot().await;
    assert_eq!(counts(&bot).await, (1855, 883));
    let again = import(&bot, Scope::Global, "dramas.csv", import::SHIPPED_DRAMAS)
        .await
        .unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 1855)
    );
    let tracks = import(&bot, Scope::Global, "tracks.csv", import::SHIPPED_TRACKS)
        .await
        .unwrap();
    assert_eq!(
        (tracks.inserted, tracks.updated, tracks.unchanged),
        (0, 0, 883)
    );
    assert_eq!(counts(&bot).await, (1855, 883));
    // The founding article's fictional OSTs are fixtures, never shipped.
    for fictional in [
        "Whispers of the Celestial",
        "Neon Streets",
        "Dynasty's Shadow",
        "When the Stars Align",
    ] {
        let n: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
            "SELECT COUNT(*) FROM dramas WHERE title = $1"
        )
        .bind(fictional)
        .fetch_one(e)
        .await)
        .unwrap();
        assert_eq!(n, 0, "{fictional} must not ship");
    }
}

const FOUNDING_DRAMAS: &str = "id,title,title_ko,year,network,genres\n\
whispers-of-the-celestial,Whispers of the Celestial,천상의 속삭임,2024,tvN,Fantasy|Romance\n\
neon-streets,Neon Streets,네온 거리,2024,JTBC,Thriller\n\
dynastys-shadow,Dynasty's Shadow,왕조의 그림자,2024,KBS2,Historical\n\
when-the-stars-align,When the Stars Align,별이 빛나는 밤,2024,SBS,Romance\n";

const FOUNDING_TRACKS: &str = "drama_id,title,artist,year,ost_part\n\
whispers-of-the-celestial,The Guardian's Melody,Luna,2024,1\n\
neon-streets,City Lights Serenade,Kim Hana,2024,2\n\
dynastys-shadow,Echoes of the Past,Seo Jun,2024,1\n\
when-the-stars-align,Starlight Confession,Yoon Ara,2024,3\n";

#[tokio::test]
async fn importing_twice_changes_nothing() {
    let (bot, _dir) = bot().await;
    let first = import(&bot, Scope::Global, "d.csv", FOUNDING_DRAMAS)
        .await
        .unwrap();
    assert_eq!(first.inserted, 4);
    let tracks = import(&bot, Scope::Global, "t.csv", FOUNDING_TRACKS)
        .await
        .unwrap();
    assert_eq!(tracks.inserted, 4);
    let before = counts(&bot).await;
    let again = import(&bot, Scope::Global, "d.csv", FOUNDING_DRAMAS)
        .await
        .unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 4));
    let again = import(&bot, Scope::Global, "t.csv", FOUNDING_TRACKS)
        .await
        .unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 4));
    assert_eq!(counts(&bot).await, before);
    // Changing one field updates that row only.
    let changed =
        FOUNDING_DRAMAS.replace("Neon Streets,네온 거리,2024", "Neon Streets,네온 거리,2025");
    let report = import(&bot, Scope::Global, "d.csv", &changed)
        .await
        .unwrap();
    assert_eq!(
        (report.inserted, report.updated, report.unchanged),
        (0, 1, 3)
    );
}

#[tokio::test]
async fn a_file_with_bad_rows_writes_nothing_and_names_each_line() {
    let (bot, _dir) = bot().await;
    let before = counts(&bot).await;
    let text = "id,title,title_ko,year,episodes\n\
good-one,Good One,,2020,16\n\
,,,2020,\n\
bad-year,Bad Year,,20x9,\n\
too-old,Too Old,,1800,\n\
good-two,Good Two,,2021,\n\
bad episodes,Bad Episodes,,2021,0\n";
    let Err(ostbot::Error::Import(report)) = import(&bot, Scope::Global, "d.csv", text).await
    else {
        panic!("expected the import to be refused");
    };
    let lines: Vec<usize> = report.problems.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, vec![3, 4, 5, 7], "{report:?}");
    assert_eq!(report.bad_rows, 4);
    assert_eq!(report.problems[0].1, RowProblem::NoTitle { track: false });
    assert_eq!(report.problems[2].1, RowProblem::Year(1800));
    assert_eq!(counts(&bot).await, before, "nothing may be written");
    // A Korean moderator reads every row's problem in Korean.
    let error = ostbot::Error::Import(report.clone());
    let ko = error.user_message(ostbot::locale::Locale::Ko);
    assert!(ko.contains("3번째 줄: 드라마 제목이 없어요"), "{ko}");
    assert!(
        ko.contains("5번째 줄: year 값은 1950~2100 사이여야 해요 (입력값: 1800)"),
        "{ko}"
    );
    assert!(!ko.contains("the drama") && !ko.contains("must be"), "{ko}");
    let en = error.user_message(ostbot::locale::Locale::En);
    assert!(
        en.contains("4 rows have problems") && en.contains("line 3: the drama has no title"),
        "{en}"
    );

    // A track naming an unknown drama fails the whole file too.
    let tracks = "drama_id,title\ncrash-landing-on-you,New Song\nno-such-drama,Lost Song\n";
    let Err(ostbot::Error::Import(report)) = import(&bot, Scope::Global, "t.csv", tracks).await
    else {
        panic!("expected the import to be refused");
    };
    assert_eq!(
        report.problems,
        vec![(3, RowProblem::UnknownDrama("no-such-drama".to_owned()))]
    );
    assert_eq!(counts(&bot).await, before);
}

#[tokio::test]
async fn reports_stop_listing_after_twenty_bad_rows() {
    let (bot, _dir) = bot().await;
    let mut text = String::from("title,year\n");
    for _ in 0..30 {
        text.push_str("Bad,3000\n");
    }
    let Err(ostbot::Error::Import(report)) = import(&bot, Scope::Global, "d.csv", &text).await
    else {
        panic!("expected a refusal");
    };
    assert_eq!(report.bad_rows, 30);
    assert_eq!(report.problems.len(), 20);
    let text = ostbot::bot::error_text::import_report(&report, ostbot::locale::Locale::En);
    assert!(text.contains("30 rows have problems"), "{text}");
    assert!(text.contains("and 10 more"), "{text}");
    let ko = ostbot::bot::error_text::import_report(&report, ostbot::locale::Locale::Ko);
    assert!(
        ko.contains("문제가 있는 행이 30개") && ko.contains("외 10개"),
        "{ko}"
    );
}

#[tokio::test]
async fn json_imports_and_malformed_files_are_explained() {
    let (bot, _dir) = bot().await;
    let json = r#"{"dramas":[{"id":"neon-streets","title":"Neon Streets","title_ko":"네온 거리","year":2024,"alt_titles":["NS"]}],
                  "tracks":[{"drama_id":"neon-streets","title":"City Lights Serenade","artist":"Kim Hana","links":["https://example.com/a"]}]}"#;
    let report = import(&bot, Scope::Global, "c.json", json).await.unwrap();
    assert_eq!(report.inserted, 2);
    let again = import(&bot, Scope::Global, "c.json", json).await.unwrap();
    assert_eq!(again.unchanged, 2);

    let before = counts(&bot).await;
    for bad in [
        "{\"dramas\": [",
        "no header here\x00",
        "{\"dramas\":[{\"title\":5}]}",
    ] {
        let err = import(&bot, Scope::Global, "x.json", bad)
            .await
            .unwrap_err();
        let message = err.user_message(ostbot::locale::Locale::En);
        assert!(!err.is_internal(), "{err:?}");
        assert!(!message.is_empty());
    }
    let binary = import::import_bytes(
        &bot.pool,
        Scope::Global,
        None,
        "x.csv",
        &[0xff, 0xfe, 0x00],
        &|_, _| {},
    )
    .await;
    assert!(matches!(
        binary,
        Err(ostbot::Error::ImportFile(import::ImportError::NotUtf8))
    ));
    assert_eq!(counts(&bot).await, before);
}

#[tokio::test]
async fn server_local_entries_stay_in_their_server() {
    let (bot, _dir) = bot().await;
    let moderator = Actor::new("Alpha", "general", "mina", true);
    let body = send(
        &bot,
        moderator.command(
            "catalog",
            json!([{ "name": "add-drama", "type": 1, "options": [
                { "name": "title", "type": 3, "value": "Moonlit Harbor" },
                { "name": "title_ko", "type": 3, "value": "달빛 항구" },
                { "name": "year", "type": 4, "value": 2025 }
            ]}]),
            json!({}),
        ),
    )
    .await;
    assert!(text_of(&body).contains("Moonlit Harbor"), "{body}");
    let body = send(
        &bot,
        moderator.command(
            "catalog",
            json!([{ "name": "add-track", "type": 1, "options": [
                { "name": "drama", "type": 3, "value": "Moonlit Harbor" },
                { "name": "title", "type": 3, "value": "Harbor Lights" },
                { "name": "artist", "type": 3, "value": "Seo Yun" }
            ]}]),
            json!({}),
        ),
    )
    .await;
    assert!(text_of(&body).contains("Harbor Lights"), "{body}");

    let alpha = GuildId::new(stable_id("guild", "Alpha"));
    let beta = GuildId::new(stable_id("guild", "Beta"));
    let id: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM dramas WHERE title = 'Moonlit Harbor'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    assert!(catalog::get_drama(
        &bot.pool,
        catalog::DramaId::try_from(id).unwrap(),
        Some(alpha)
    )
    .await
    .unwrap()
    .is_some());
    assert!(catalog::get_drama(
        &bot.pool,
        catalog::DramaId::try_from(id).unwrap(),
        Some(beta)
    )
    .await
    .unwrap()
    .is_none());
    assert!(
        catalog::get_drama(&bot.pool, catalog::DramaId::try_from(id).unwrap(), None)
            .await
            .unwrap()
            .is_none()
    );

    // In Alpha the drama answers; in Beta even its id does not.
    let member = Actor::new("Alpha", "general", "jun", false);
    let body = send(
        &bot,
        member.command("drama", opt("query", &format!("id:{id}")), json!({})),
    )
    .await;
    assert!(text_of(&body).contains("Harbor Lights"), "{body}");
    let stranger = Actor::new("Beta", "general", "jun", false);
    let body = send(
        &bot,
        stranger.command("drama", opt("query", &format!("id:{id}")), json!({})),
    )
    .await;
    assert!(
        is_ephemeral(&body) && !text_of(&body).contains("Harbor Lights"),
        "{body}"
    );
    let body = send(
        &bot,
        stranger.command("drama", opt("query", "Moonlit Harbor"), json!({})),
    )
    .await;
    assert!(!text_of(&body).contains("Harbor Lights"), "{body}");
}

#[tokio::test]
async fn members_without_manage_server_cannot_change_the_catalog() {
    let (bot, _dir) = bot().await;
    let before = counts(&bot).await;
    let member = Actor::new("Alpha", "general", "jun", false);
    let body = send(
        &bot,
        member.command(
            "catalog",
            json!([{ "name": "add-drama", "type": 1, "options": [{ "name": "title", "type": 3, "value": "Sneaky" }]}]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert!(text_of(&body).contains("Manage Server"), "{body}");
    assert_eq!(counts(&bot).await, before);
}

#[tokio::test]
async fn moderators_cannot_remove_global_entries() {
    let (bot, _dir) = bot().await;
    let id: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM dramas WHERE slug = 'crash-landing-on-you'"
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let moderator = Actor::new("Alpha", "general", "mina", true);
    let body = send(
        &bot,
        moderator.command(
            "catalog",
            json!([{ "name": "remove", "type": 1, "options": [
                { "name": "kind", "type": 3, "value": "drama" },
                { "name": "entry", "type": 3, "value": format!("id:{id}") }
            ]}]),
            json!({}),
        ),
    )
    .await;
    assert!(is_ephemeral(&body));
    assert!(text_of(&body).contains("shared catalog"), "{body}");
    assert!(
        catalog::get_drama(&bot.pool, catalog::DramaId::try_from(id).unwrap(), None)
            .await
            .unwrap()
            .is_some()
    );
}

#[tokio::test]
async fn track_lookup_by_picked_id_shows_the_card() {
    let (bot, _dir) = bot().await;
    let id: i64 = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_scalar(
        "SELECT id FROM tracks WHERE slug = 'nunmurui-yeowang-mianhae-miwohae-saranghae'",
    )
    .fetch_one(e)
    .await)
    .unwrap();
    let member = Actor::new("Alpha", "general", "jun", false);
    let body = send(
        &bot,
        member.command("track", opt("query", &format!("id:{id}")), json!({})),
    )
    .await;
    assert_eq!(body["type"], 4);
    assert!(!is_ephemeral(&body));
    let embed = &body["data"]["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .unwrap()
            .contains("미안해 미워해 사랑해"),
        "{embed}"
    );
    let fields = embed["fields"].to_string();
    assert!(
        fields.contains("Crush") && fields.contains("Queen of Tears") && fields.contains("Pt. 4"),
        "{fields}"
    );
    assert_eq!(body["data"]["allowed_mentions"]["parse"], json!([]));
}

#[tokio::test]
async fn bad_queries_get_clear_ephemeral_answers() {
    let (bot, _dir) = bot().await;
    let member = Actor::new("Alpha", "general", "jun", false);
    for (query, expect) in [
        ("", "Type something"),
        ("   ", "Type something"),
        (&"가".repeat(10_000)[..], "too long"),
        ("zzqxv qqzzk wwxq", "No track matches"),
        ("id:999999999", "no longer exists"),
    ] {
        let body = send(
            &bot,
            member.command("track", opt("query", query), json!({})),
        )
        .await;
        assert!(is_ephemeral(&body), "{query:?}: {body}");
        assert!(text_of(&body).contains(expect), "{query:?}: {body}");
    }
    // Korean members read Korean.
    let mut korean = member.clone();
    korean.locale = "ko".into();
    let body = send(&bot, korean.command("track", opt("query", ""), json!({}))).await;
    assert!(text_of(&body).contains("검색어를 입력해 주세요"), "{body}");
}

#[tokio::test]
async fn malformed_payloads_are_refused_without_panicking() {
    let (bot, _dir) = bot().await;
    for body in [&b"{"[..], b"null", b"{\"type\": 2}", b"\xff\xfe"] {
        assert!(bot::dispatch_json(&bot, body).await.is_err());
    }
}

#[tokio::test]
async fn autocomplete_offers_at_most_25_choices_and_echoes_unknown_text() {
    let (bot, _dir) = bot().await;
    let member = Actor::new("Alpha", "general", "jun", false);
    let focused =
        |text: &str| json!([{ "name": "query", "type": 3, "value": text, "focused": true }]);
    let body = send(&bot, member.autocomplete("drama", focused("love"))).await;
    assert_eq!(body["type"], 8);
    let choices = body["data"]["choices"].as_array().unwrap();
    assert!(!choices.is_empty() && choices.len() <= 25);
    for c in choices {
        assert!(c["name"].as_str().unwrap().chars().count() <= 100);
        assert!(c["value"].as_str().unwrap().starts_with("id:"));
    }
    let body = send(&bot, member.autocomplete("drama", focused("qqzzxxk"))).await;
    assert_eq!(
        body["data"]["choices"],
        json!([{ "name": "qqzzxxk", "value": "qqzzxxk" }])
    );
}

#[tokio::test]
async fn the_console_answers_like_a_server() {
    let (bot, _dir) = bot().await;
    let mut console = Console::new(bot, false);
    let out = console.line("/drama query:id:1").await.join("\n");
    assert!(out.contains("┃ **100 Days My Prince"), "{out}");
    assert!(console.line("/help").await.join("\n").contains("/track"));
    let out = console
        .line("/catalog add-drama title:Nope")
        .await
        .join("\n");
    assert!(out.contains("Manage Server"), "{out}");
    console.line(":as mina mod").await;
    let out = console
        .line("/catalog add-drama title:Moonlit Harbor year:2025")
        .await
        .join("\n");
    assert!(out.contains("Added **Moonlit Harbor**"), "{out}");
    let out = console
        .line("/catalog add-drama year:twenty")
        .await
        .join("\n");
    assert!(out.contains("whole number"), "{out}");
    console.line(":locale ko").await;
    let out = console.line("/track query:").await.join("\n");
    assert!(out.contains("검색어"), "{out}");
    let out = console.line("/nosuch").await.join("\n");
    assert!(out.contains("no /nosuch command"), "{out}");
}

#[tokio::test]
async fn console_json_mode_prints_the_exact_response_body() {
    let (bot, _dir) = bot().await;
    let mut console = Console::new(bot, true);
    let out = console.line("/help").await;
    assert_eq!(out.len(), 1);
    let body: Value = serde_json::from_str(&out[0]).unwrap();
    assert_eq!(body["type"], 4);
    assert_eq!(body["data"]["flags"], 64);
    assert!(matches!(
        Response::ephemeral_text("x"),
        Response::Message(_)
    ));
}

#[tokio::test]
async fn command_definitions_carry_korean_localizations() {
    let definitions = serde_json::to_value(ostbot::bot::commands::definitions()).unwrap();
    for command in definitions.as_array().unwrap() {
        let name = command["name"].as_str().unwrap();
        assert!(
            command["name_localizations"]["ko"].is_string(),
            "{name} lacks a Korean name"
        );
        assert!(
            command["description_localizations"]["ko"].is_string(),
            "{name} lacks a Korean description"
        );
        assert!(command["description"].as_str().unwrap().chars().count() <= 100);
    }
    let catalog = definitions
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "catalog")
        .unwrap();
    assert_eq!(catalog["default_member_permissions"], "32");
}
