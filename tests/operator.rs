//! The operator's deployment, through the real `ostbot` binary against the
//! fake Discord: `register` (with and without a configured application id)
//! and `run` stopping on SIGTERM/SIGINT in every state, with `/healthz`
//! saying whether a shard is connected.

mod support;

use serde_json::json;
use std::time::Duration;
use support::child::Child;
use support::fake::{FakeDiscord, BOT_USER_ID};

/// How soon after SIGTERM/SIGINT the process must be gone. Shutdown gives
/// each step at most 3 s (`gateway::SHUTDOWN_STEP`); the margin is for a
/// loaded machine.
const PROMPTLY: Duration = Duration::from_secs(8);

/// `ostbot ARGS` with this environment (and nothing else), to completion.
async fn ostbot(
    dir: &tempfile::TempDir,
    args: &[&str],
    env: &[(&str, &str)],
) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ostbot"));
    command
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("NO_COLOR", "1")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("bot.db").display()),
        );
    for (name, value) in env {
        command.env(name, value);
    }
    tokio::task::spawn_blocking(move || command.output().expect("ostbot runs"))
        .await
        .expect("join")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_asks_discord_for_the_application_id_and_registers_globally() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let output = ostbot(
        &dir,
        &["register"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
        ],
    )
    .await;
    let (out, err) = (text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{out}{err}");
    assert!(out.contains("commands globally"), "{out}");
    let asked = fake
        .requests()
        .iter()
        .any(|r| r.method == "GET" && r.path == "/oauth2/applications/@me");
    assert!(asked, "register never asked for the application id");
    let put = fake
        .wait_for("the global bulk overwrite", |r| r.method == "PUT")
        .await;
    assert_eq!(put.path, format!("/applications/{BOT_USER_ID}/commands"));
    assert_eq!(put.status, 200);
    assert!(put.schema_checked || support::schema::schemas().is_none());
    let sent = put.body.as_ref().and_then(|b| b.as_array()).map(Vec::len);
    assert_eq!(sent, Some(ostbot::bot::commands::definitions().len()));
    assert!(
        out.contains(&format!("registered {} commands", sent.unwrap_or(0))),
        "{out}"
    );
    fake.assert_bodies_valid();
    assert!(!format!("{out}{err}").contains(support::TOKEN));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_in_one_server_uses_the_configured_application_id() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let output = ostbot(
        &dir,
        &["register", "--guild", "4242"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DISCORD_APPLICATION_ID", "123456789012345678"),
        ],
    )
    .await;
    let out = text(&output.stdout);
    assert!(output.status.success(), "{out}{}", text(&output.stderr));
    assert!(out.contains("in server 4242"), "{out}");
    let put = fake
        .wait_for("the guild bulk overwrite", |r| r.method == "PUT")
        .await;
    assert_eq!(
        put.path,
        "/applications/123456789012345678/guilds/4242/commands"
    );
    assert_eq!(put.status, 200);
    let asked = fake.requests().iter().any(|r| r.method == "GET");
    assert!(!asked, "a configured id needs no lookup");
    fake.assert_bodies_valid();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_reports_a_refused_token_once() {
    let fake = FakeDiscord::start().await;
    fake.respond(
        "GET",
        "/oauth2/applications/@me",
        401,
        json!({ "code": 0, "message": "401: Unauthorized" }),
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let output = ostbot(
        &dir,
        &["register"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
        ],
    )
    .await;
    assert!(!output.status.success());
    let err = text(&output.stderr);
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(err.contains("HTTP 401"), "{err}");
    assert!(err.contains("DISCORD_APPLICATION_ID"), "{err}");
    assert_eq!(err.matches("401: Unauthorized").count(), 1, "{err}");
    assert!(!fake.requests().iter().any(|r| r.method == "PUT"));
}

/// `ostbot run --metrics 127.0.0.1:0` against `api_base`; returns the
/// child and the metrics address.
async fn run(dir: &tempfile::TempDir, api_base: &str) -> (Child, String) {
    // The template: a first start's catalog import is not what these test.
    let database = support::seed(dir.path(), "bot.db");
    let mut child = Child::spawn(
        dir.path(),
        &["run", "--metrics", "127.0.0.1:0"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", api_base),
            ("DATABASE_URL", &database),
        ],
    );
    let address = child.address("serving /metrics").await;
    (child, address)
}

async fn health(address: &str) -> u16 {
    reqwest::get(format!("http://{address}/healthz"))
        .await
        .expect("healthz answers")
        .status()
        .as_u16()
}

/// A port nothing listens on.
async fn closed_port() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    address.to_string()
}

/// The pauses (seconds) of the next `n` "next attempt after a pause" lines.
async fn pauses(child: &mut Child, n: usize) -> Vec<f64> {
    let mut found = Vec::new();
    while found.len() < n {
        let line = child.line("next attempt after a pause").await;
        let value = line
            .split("retry_in=")
            .nth(1)
            .map(|v| v.split_whitespace().next().unwrap_or_default().to_owned())
            .unwrap_or_default();
        let seconds = match value.strip_suffix("ms") {
            Some(ms) => ms.parse::<f64>().map(|v| v / 1000.0),
            None => value.trim_end_matches('s').parse::<f64>(),
        };
        found.push(seconds.unwrap_or_else(|_| panic!("no pause in {line:?}")));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_backs_off_and_stops_on_sigterm_while_the_gateway_refuses_connections() {
    let fake = FakeDiscord::start().await;
    fake.point_gateway_at(&format!("ws://{}", closed_port().await));
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut child, address) = run(&dir, fake.api_base()).await;
    assert_eq!(health(&address).await, 503, "ready without a shard");
    let pauses = pauses(&mut child, 3).await;
    // Steps of 1, 2 and 4 s, each drawn from its upper half.
    for (pause, step) in pauses.iter().zip([1.0, 2.0, 4.0]) {
        assert!(
            *pause >= step / 2.0 && *pause <= step,
            "{pauses:?}: {pause} outside [{}, {step}]",
            step / 2.0
        );
    }
    assert_eq!(health(&address).await, 503);
    assert!(child.stop("TERM", PROMPTLY).await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_stops_on_sigint_while_the_gateway_drops_every_connection() {
    let fake = FakeDiscord::start().await;
    fake.drop_every_connection();
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut child, address) = run(&dir, fake.api_base()).await;
    tokio::time::timeout(support::fake::PATIENCE, async {
        while fake.connections() < 2 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await
    .expect("the bot connects again after a drop");
    assert_eq!(health(&address).await, 503);
    let _ = child.line("next attempt after a pause").await;
    assert!(child.stop("INT", PROMPTLY).await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_stops_on_sigterm_while_discord_cannot_be_reached_at_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let nowhere = format!("http://{}", closed_port().await);
    let (mut child, address) = run(&dir, &nowhere).await;
    let _ = child.line("cannot reach Discord").await;
    assert_eq!(health(&address).await, 503);
    assert!(child.stop("TERM", PROMPTLY).await.success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn run_is_ready_once_connected_and_stops_promptly() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (child, address) = run(&dir, fake.api_base()).await;
    fake.wait_sessions(1).await;
    let ready = tokio::time::timeout(support::fake::PATIENCE, async {
        while health(&address).await != 200 {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(ready.is_ok(), "/healthz never said ready after READY");
    let live = reqwest::get(format!("http://{address}/livez"))
        .await
        .expect("livez");
    assert_eq!(live.status(), 200);
    assert!(child.stop("TERM", PROMPTLY).await.success());
    fake.assert_bodies_valid();
}
