//! The public pages end to end on a real database, over HTTP on 127.0.0.1:
//! publishing and taking down, every page of a published server, member
//! text that stays inert, authors who stay anonymous unless they opt in,
//! forget-me, caching headers and the Open Graph unfurl with its image.

mod support;

use ostbot::transport::console::Console;
use reqwest::header;
use reqwest::StatusCode;

/// The pages of `console`'s bot, served on a free loopback port.
struct Pages {
    base: String,
    http: reqwest::Client,
}

impl Pages {
    async fn serve(console: &Console) -> Pages {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = ostbot::web::router(ostbot::app::site(console.bot()));
        tokio::spawn(async move { axum::serve(listener, router).await });
        Pages {
            base,
            http: reqwest::Client::new(),
        }
    }

    async fn get(&self, path: &str) -> (StatusCode, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.text().await.unwrap())
    }
}

/// Runs console lines, returning everything they printed.
async fn say(console: &mut Console, lines: &str) -> String {
    let mut out = Vec::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.extend(console.line(line).await);
    }
    out.join("\n")
}

fn slug_in(text: &str) -> String {
    let at = text.find("/s/").expect("a link to the pages") + 3;
    text[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// A console on the shipped catalog whose server published its pages.
async fn published() -> (Console, tempfile::TempDir, String) {
    let (bot, _recorder, dir) = support::bot().await;
    let mut console = Console::new(bot, false);
    let out = say(&mut console, ":as hana mod\n/config web state:on").await;
    assert!(out.contains("public"), "{out}");
    let slug = slug_in(&out);
    assert_eq!(slug.len(), 26, "{out}");
    (console, dir, slug)
}

#[tokio::test]
async fn every_page_answers_for_a_published_server_and_none_after_off() {
    let (mut console, _dir, slug) = published().await;
    say(
        &mut console,
        "/review drama:id:1 score:9 text:Loved it
         /review track:id:1 score:8",
    )
    .await;
    let pages = Pages::serve(&console).await;
    let paths = [
        String::new(),
        "/drama/1".into(),
        "/drama/1/score.png".into(),
        "/top/dramas".into(),
        "/top/tracks?period=year&page=1".into(),
        "/top/dramas?genre=Romance".into(),
        "/club".into(),
    ];
    for path in &paths {
        let (status, body) = pages.get(&format!("/s/{slug}{path}")).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
    let (_, home) = pages.get(&format!("/s/{slug}")).await;
    assert!(home.contains("100 Days My Prince"), "{home}");
    let (_, romance) = pages
        .get(&format!("/s/{slug}/top/dramas?genre=romance"))
        .await;
    assert!(
        romance.contains("<option value=\"Romance\" selected>"),
        "{romance}"
    );
    assert!(romance.contains("<option value=\"Thriller\">"), "{romance}");
    for missing in [
        "/drama/999999".to_owned(),
        "/drama/abc".into(),
        "/drama/2/score.png".into(),
        "/top/artists".into(),
        "/club/12".into(),
    ] {
        let (status, _) = pages.get(&format!("/s/{slug}{missing}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
    let (status, _) = pages.get("/s/abcdefghijkmnpqrstuvwxyz23").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "an unpublished slug");

    // A plain member cannot take the pages down; a moderator can.
    let out = say(&mut console, ":as jisoo\n/config web state:off").await;
    assert!(out.contains("Manage Server"), "{out}");
    assert_eq!(pages.get(&format!("/s/{slug}")).await.0, StatusCode::OK);
    let out = say(&mut console, ":as hana mod\n/config web state:off").await;
    assert!(out.contains("no longer public"), "{out}");
    for path in &paths {
        let (status, _) = pages.get(&format!("/s/{slug}{path}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path} after off");
    }
    let out = say(&mut console, "/config web state:off").await;
    assert!(out.contains("nothing to take down"), "{out}");
    let out = say(&mut console, "/config web state:on").await;
    let again = slug_in(&out);
    assert_ne!(again, slug, "turning the pages on again draws a new slug");
    assert_eq!(pages.get(&format!("/s/{again}")).await.0, StatusCode::OK);
    assert_eq!(
        pages.get(&format!("/s/{slug}")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn member_text_renders_inert_and_spoilers_stay_folded() {
    let (mut console, _dir, slug) = published().await;
    say(
        &mut console,
        r#"/review drama:id:1 score:9 text:<script>alert(1)</script> and "><img src=x onerror=alert(2)>
           :as jisoo
           /review drama:id:1 score:4 text:The ending </details><b>twist</b> spoiler:true"#,
    )
    .await;
    let pages = Pages::serve(&console).await;
    for path in ["", "/drama/1"] {
        let (_, body) = pages.get(&format!("/s/{slug}{path}")).await;
        assert!(!body.contains("<script"), "{path}: {body}");
        assert!(!body.contains("<img"), "{path}: {body}");
        assert!(!body.contains("<b>"), "{path}: {body}");
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}: {body}"
        );
        assert!(
            body.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"),
            "{path}"
        );
        // The spoiler's text sits inside its own <details>, whose end is ours.
        let folded = body
            .split("<details>")
            .nth(1)
            .and_then(|d| d.split("</details>").next())
            .unwrap_or_default()
            .to_owned();
        assert!(
            folded.contains("&lt;/details&gt;&lt;b&gt;twist"),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn authors_are_anonymous_until_they_opt_in_and_forget_me_empties_the_pages() {
    let (mut console, _dir, slug) = published().await;
    say(
        &mut console,
        ":as jisoo
         /review drama:id:1 score:8 text:Jisoo's words
         :as minho
         /review drama:id:1 score:6 text:Minho's words",
    )
    .await;
    let pages = Pages::serve(&console).await;
    let drama = format!("/s/{slug}/drama/1");
    let (_, body) = pages.get(&drama).await;
    assert!(!body.contains("jisoo") && !body.contains("minho"), "{body}");
    assert_eq!(body.matches("A member").count(), 2, "{body}");

    let out = say(&mut console, ":as jisoo\n/privacy web-name state:on").await;
    assert!(out.contains("now show your name"), "{out}");
    let (_, body) = pages.get(&drama).await;
    assert!(body.contains(">jisoo<"), "{body}");
    assert!(!body.contains("minho"), "{body}");
    let (_, home) = pages.get(&format!("/s/{slug}")).await;
    assert!(home.contains(">jisoo<"), "{home}");

    // No Discord id of the server or a member appears in any page.
    let ids = ostbot_core::on_db!(&console.bot().pool, |e| sqlx::query_as::<_, (i64, i64)>(
        "SELECT guild_id, member_id FROM reviews"
    )
    .fetch_all(e)
    .await)
    .unwrap();
    for (guild, member) in ids {
        for id in [guild as u64, member as u64] {
            assert!(!body.contains(&id.to_string()) && !home.contains(&id.to_string()));
        }
    }

    let out = say(
        &mut console,
        ":as jisoo\n/forget-me\n:click Delete everything",
    )
    .await;
    assert!(out.contains("deleted") || out.contains("Deleted"), "{out}");
    let (_, body) = pages.get(&drama).await;
    assert!(
        !body.contains("Jisoo's words") && !body.contains("jisoo"),
        "{body}"
    );
    assert!(body.contains("Minho's words"), "{body}");
    assert!(body.contains("6.0 / 10 from one voice"), "{body}");
    // Coming back, jisoo is anonymous again: the choice went with the rest.
    say(&mut console, "/review drama:id:1 score:10 text:Back again").await;
    let (_, body) = pages.get(&drama).await;
    assert!(
        body.contains("Back again") && !body.contains(">jisoo<"),
        "{body}"
    );
}

#[tokio::test]
async fn the_club_archive_shows_each_week_its_winner_and_votes() {
    let (mut console, _dir, slug) = published().await;
    let out = say(
        &mut console,
        "/config weekly channel:#listening day:friday time:20:00 timezone:Asia/Seoul candidates:3
         :as jisoo
         /nominate track:id:1
         :clock +7d",
    )
    .await;
    assert!(out.contains("Which track"), "{out}");
    let pages = Pages::serve(&console).await;
    let (_, home) = pages.get(&format!("/s/{slug}")).await;
    assert!(home.contains("Voting is open in Discord until"), "{home}");
    let out = say(
        &mut console,
        ":click For You\n:as minho\n:click For You\n:clock +7d",
    )
    .await;
    assert!(out.contains("For You"), "{out}");
    let (status, archive) = pages.get(&format!("/s/{slug}/club")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(archive.contains("For You — 조성모"), "{archive}");
    assert!(archive.contains("2 votes"), "{archive}");
    assert!(archive.contains("<svg"), "{archive}");
    let link = archive
        .split(&format!("/s/{slug}/club/"))
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a week page link")
        .to_owned();
    let (status, week) = pages.get(&format!("/s/{slug}/club/{link}")).await;
    assert_eq!(status, StatusCode::OK, "{week}");
    assert!(
        week.contains("<tr class=\"winner\"><td>For You — 조성모</td><td>2</td>"),
        "{week}"
    );
    let (_, ko) = pages.get(&format!("/s/{slug}/club?lang=ko")).await;
    assert!(
        ko.contains("lang=\"ko\"") && ko.contains("감상 모임 기록"),
        "{ko}"
    );
    assert!(ko.contains("2표"), "{ko}");
}

#[tokio::test]
async fn pages_are_cached_by_etag_and_locked_down_by_their_headers() {
    let (mut console, _dir, slug) = published().await;
    say(&mut console, "/review drama:id:1 score:9").await;
    let pages = Pages::serve(&console).await;
    let url = format!("{}/s/{slug}/drama/1", pages.base);
    let first = pages.http.get(&url).send().await.unwrap();
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    let csp = first.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(first.headers()[header::CACHE_CONTROL]
        .to_str()
        .unwrap()
        .contains("max-age"));
    assert_eq!(first.headers()[header::VARY], "accept-language");
    let again = pages
        .http
        .get(&url)
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    say(&mut console, ":as jisoo\n/review drama:id:1 score:3").await;
    let changed = pages
        .http
        .get(&url)
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(
        changed.status(),
        StatusCode::OK,
        "a new review changes the page"
    );
    let missing = pages
        .http
        .get(format!("{}/s/nope", pages.base))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing
        .headers()
        .contains_key(header::CONTENT_SECURITY_POLICY));
}

#[tokio::test]
async fn a_drama_page_unfurls_with_its_title_score_and_chart() {
    let (mut console, _dir, slug) = published().await;
    say(
        &mut console,
        "/review drama:id:1 score:9\n:as jisoo\n/review drama:id:1 score:7",
    )
    .await;
    let pages = Pages::serve(&console).await;
    let (_, body) = pages.get(&format!("/s/{slug}/drama/1")).await;
    let meta = |property: &str| -> String {
        let marker = format!("property=\"{property}\" content=\"");
        let at = body
            .find(&marker)
            .unwrap_or_else(|| panic!("{property}: {body}"))
            + marker.len();
        body[at..].split('"').next().unwrap_or_default().to_owned()
    };
    assert!(meta("og:title").starts_with("100 Days My Prince"), "{body}");
    assert_eq!(meta("og:description"), "8.0 / 10 from 2 voices");
    assert!(body.contains("name=\"twitter:card\" content=\"summary_large_image\""));
    let image = meta("og:image");
    assert!(image.starts_with(&pages.base), "absolute: {image}");
    let response = pages.http.get(&image).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "image/png");
    let png = response.bytes().await.unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(png.to_vec()));
    let reader = decoder.read_info().expect("a valid PNG");
    let info = reader.info();
    assert_eq!((info.width, info.height), (1280, 720));
}

#[tokio::test]
async fn the_language_follows_the_switcher_then_the_browser() {
    let (mut console, _dir, slug) = published().await;
    say(&mut console, "/review drama:id:1 score:9").await;
    let pages = Pages::serve(&console).await;
    let url = format!("{}/s/{slug}/top/dramas", pages.base);
    let korean = pages
        .http
        .get(&url)
        .header(header::ACCEPT_LANGUAGE, "ko-KR,ko;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        korean.contains("<html lang=\"ko\">") && korean.contains("인기 드라마"),
        "{korean}"
    );
    assert!(
        korean.contains(&format!("/s/{slug}/top/dramas?lang=pt-BR")),
        "the switcher keeps the page"
    );
    let (_, chosen) = pages.get(&format!("/s/{slug}/top/dramas?lang=pt-BR")).await;
    assert!(chosen.contains("<html lang=\"pt-BR\">") && chosen.contains("Melhores doramas"));
    assert!(
        chosen.contains(&format!("/s/{slug}/drama/1?lang=pt-BR")),
        "links keep the choice"
    );
    for (lang, word) in [
        ("es-ES", "Mejores dramas"),
        ("es-419", "Mejores dramas"),
        ("id", "Drama teratas"),
    ] {
        let (_, page) = pages
            .get(&format!("/s/{slug}/top/dramas?lang={lang}"))
            .await;
        assert!(page.contains(word), "{lang}");
    }
}

/// `ostbot run --web ADDR` serves the pages beside the gateway: a server
/// published in the database answers, an unknown slug is 404.
#[tokio::test]
async fn run_serves_the_pages_beside_the_gateway() {
    use support::child::Child;
    use support::fake::FakeDiscord;
    let (dir, url, pool) = support::database().await;
    let guild = ostbot::ids::GuildId::new(support::fake::guild_id());
    let slug = ostbot::publishing::publish(&pool, guild).await.unwrap();
    pool.close().await;
    let fake = FakeDiscord::start().await;
    let mut run = Child::spawn(
        dir.path(),
        &["run", "--web", "127.0.0.1:0"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DATABASE_URL", &url),
            ("WEB_BASE_URL", "https://ost.example.org"),
        ],
    );
    let address = run.address("serving the public pages").await;
    let client = reqwest::Client::new();
    let home = client
        .get(format!("http://{address}/s/{slug}"))
        .send()
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let body = home.text().await.unwrap();
    assert!(
        body.contains(&format!("content=\"https://ost.example.org/s/{slug}\"")),
        "og:url from WEB_BASE_URL: {body}"
    );
    let css = client
        .get(format!("http://{address}/assets/site.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    let missing = client
        .get(format!("http://{address}/s/abcdefghijkmnpqrstuvwxyz23"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(run.terminate().await.success());
}
