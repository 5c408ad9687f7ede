//! The public pages in a real browser: headless Chromium against the real
//! `ostbot serve` on 127.0.0.1. Home, a drama page and the club archive in
//! English and Korean (by the browser's Accept-Language), on a phone and a
//! desktop: their visible text, no request off the machine, no console
//! error, and screenshots kept as test artefacts.
//!
//! Without Chromium the test says it skipped; `.ci/run` installs Chromium
//! and sets `OSTBOT_REQUIRE_BROWSER=1`, which makes it mandatory.

mod support;

use ed25519_dalek::SigningKey;
use ostbot::transport::console::Console;
use serde_json::json;
use support::browser::{self, Browser};
use support::child::Child;
use support::fake::FakeDiscord;

const SIZES: [(u32, u32, bool); 2] = [(390, 844, true), (1280, 800, false)];

/// A published server with reviews (one a spoiler, one by a member who
/// opted in to be named) and one finished week of the listening club.
async fn prepare(console: &mut Console) -> String {
    let lines = "
        :as hana mod
        /config web state:on
        /config weekly channel:#listening day:friday time:20:00 timezone:Asia/Seoul candidates:3
        /review drama:id:1 score:9 text:The OST carried every episode.
        :as jisoo
        /privacy web-name state:on
        /review drama:id:1 score:7 text:The finale twist is in track four. spoiler:true
        /review drama:id:2 score:8 text:Great OST
        /nominate track:id:1
        :clock +7d
        :click For You
        :as minho
        :click For You
        :clock +7d
        /review drama:id:1 score:10 text:감동적인 OST예요";
    let mut out = Vec::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.extend(console.line(line).await);
    }
    let out = out.join("\n");
    let at = out.find("/s/").expect("the pages' link") + 3;
    out[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

#[tokio::test]
async fn the_pages_in_chromium_in_english_and_korean_on_a_phone_and_a_desktop() {
    let Some(chromium) = browser::find() else {
        assert!(
            std::env::var_os("OSTBOT_REQUIRE_BROWSER").is_none(),
            "OSTBOT_REQUIRE_BROWSER is set but Chromium is missing"
        );
        eprintln!("skipped: no Chromium (apt-get install chromium fonts-noto-cjk)");
        return;
    };
    let (dir, url, pool) = support::database().await;
    let mut console = Console::new(ostbot::app::offline_bot(pool), false);
    let slug = prepare(&mut console).await;
    console.bot().pool.close().await;

    let fake = FakeDiscord::start().await;
    let key = SigningKey::from_bytes(&[7; 32]);
    let public_key = hex::encode(key.verifying_key().to_bytes());
    let mut serve = Child::spawn(
        dir.path(),
        &["serve", "--listen", "127.0.0.1:0"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DISCORD_PUBLIC_KEY", &public_key),
            ("DATABASE_URL", &url),
        ],
    );
    let address = serve.address("serving interactions").await;
    let origin = format!("http://{address}");

    let shots = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let mut browser = Browser::launch(&chromium).await;
    let tab = browser.tab().await;
    let pages = [
        (
            "home",
            String::new(),
            ["Our OST scores", "우리 서버의 OST 점수"],
        ),
        (
            "drama",
            "/drama/1".to_owned(),
            ["Community score", "커뮤니티 점수"],
        ),
        (
            "club",
            "/club".to_owned(),
            ["Listening club archive", "감상 모임 기록"],
        ),
    ];
    for (lang, accept) in [("en", "en-US,en;q=0.9"), ("ko", "ko-KR,ko;q=0.9")] {
        let params = json!({ "userAgent": "Mozilla/5.0 (ostbot test)", "acceptLanguage": accept });
        browser
            .call(Some(&tab), "Network.setUserAgentOverride", params)
            .await;
        for (name, path, headings) in &pages {
            for (width, height, mobile) in SIZES {
                let metrics = json!({
                    "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile
                });
                browser
                    .call(Some(&tab), "Emulation.setDeviceMetricsOverride", metrics)
                    .await;
                browser
                    .load(&tab, &format!("{origin}/s/{slug}{path}"))
                    .await;
                let text = browser.eval(&tab, "document.body.innerText").await;
                let text = text.as_str().unwrap_or_default().to_owned();
                let heading = if lang == "en" {
                    headings[0]
                } else {
                    headings[1]
                };
                assert!(text.contains(heading), "{lang} {name}: {text}");
                let document_lang = browser.eval(&tab, "document.documentElement.lang").await;
                assert_eq!(document_lang, lang, "{name}");
                let overflow = browser
                    .eval(
                        &tab,
                        "document.documentElement.scrollWidth > window.innerWidth",
                    )
                    .await;
                assert_eq!(overflow, false, "{lang} {name} is wider than {width} px");
                let png = browser.screenshot(&tab).await;
                assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
                let file = shots.join(format!("{name}-{lang}-{width}x{height}.png"));
                std::fs::write(&file, png).expect("screenshot saved");
            }
        }
    }

    // What members see on the drama page: names only by choice, the spoiler
    // folded until clicked, the week's winner in the archive.
    browser
        .load(&tab, &format!("{origin}/s/{slug}/drama/1?lang=en"))
        .await;
    let text = browser.eval(&tab, "document.body.innerText").await;
    let text = text.as_str().unwrap_or_default().to_owned();
    assert!(
        text.contains("jisoo") && text.contains("A member"),
        "{text}"
    );
    assert!(!text.contains("hana"), "{text}");
    assert!(
        !text.contains("track four"),
        "the spoiler shows folded: {text}"
    );
    browser
        .eval(&tab, "document.querySelector('details summary').click()")
        .await;
    let text = browser.eval(&tab, "document.body.innerText").await;
    assert!(
        text.as_str().unwrap_or_default().contains("track four"),
        "{text}"
    );
    browser
        .load(&tab, &format!("{origin}/s/{slug}/club?lang=ko"))
        .await;
    let text = browser.eval(&tab, "document.body.innerText").await;
    assert!(
        text.as_str().unwrap_or_default().contains("For You"),
        "{text}"
    );

    // Dark mode follows the reader's system: the background turns dark.
    let dark = json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] });
    browser
        .call(Some(&tab), "Emulation.setEmulatedMedia", dark)
        .await;
    browser
        .load(&tab, &format!("{origin}/s/{slug}/drama/1?lang=ko"))
        .await;
    let background = browser
        .eval(&tab, "getComputedStyle(document.body).backgroundColor")
        .await;
    assert_eq!(background, "rgb(22, 20, 15)", "the dark background");
    let png = browser.screenshot(&tab).await;
    std::fs::write(shots.join("drama-ko-dark-1280x800.png"), png).expect("screenshot saved");

    let off_machine: Vec<String> = browser
        .requested()
        .into_iter()
        .filter(|u| !u.starts_with(&origin) && !u.starts_with("about:") && !u.starts_with("data:"))
        .collect();
    assert!(
        off_machine.is_empty(),
        "requests off the machine: {off_machine:?}"
    );
    let errors = browser.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    eprintln!("screenshots in {}", shots.display());
    drop(browser);
    assert!(serve.terminate().await.success());
}
