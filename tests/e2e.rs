//! End to end, on 127.0.0.1 only: the real serenity gateway client (the
//! `ostbot run` path) against a fake Discord, and the HTTP interactions
//! endpoint (`ostbot serve`) with real Ed25519 signatures. Every body the bot
//! sends is checked against Discord's OpenAPI spec when `../shared` is there.

mod support;

use ed25519_dalek::{Signer, SigningKey};
use ostbot::bot::dispatch::Outcome;
use ostbot::bot::Message;
use ostbot::ids::ChannelId;
use ostbot::transport::answer::Deadline;
use ostbot::transport::http::{self, Endpoint};
use ostbot::transport::metrics::Metrics;
use ostbot::transport::rest::{self, RestAnnouncer};
use ostbot::transport::simulated::{self, Actor};
use serde_json::{json, Value};
use std::sync::Arc;
use support::child::Child;
use support::fake::{FakeDiscord, Fault, Recorded};
use support::replicas::{serve_with_key, signed_post};
use support::{click, custom_ids, s, schema, sub, GatewayBot};

const CALLBACK: &str = "/interactions/{interaction_id}/{interaction_token}/callback";
const TRACK: &str = "첫눈처럼 너에게 가겠다";

fn member() -> Actor {
    Actor::new("Seoul OST Club", "general", "minji", false)
}

fn track_command(actor: &Actor, query: &str) -> Value {
    actor.command(
        "track",
        json!([{ "name": "query", "type": 3, "value": query }]),
        json!({}),
    )
}

fn track_autocomplete(actor: &Actor, typed: &str) -> Value {
    actor.autocomplete(
        "track",
        json!([{ "name": "query", "type": 3, "value": typed, "focused": true }]),
    )
}

/// `/catalog add-drama`, which needs Manage Server.
fn add_drama(actor: &Actor) -> Value {
    actor.command(
        "catalog",
        json!([{ "name": "add-drama", "type": 1, "options": [
            { "name": "title", "type": 3, "value": "A Drama Nobody Made" }
        ]}]),
        json!({}),
    )
}

fn is_callback_of(interaction: &Value) -> impl Fn(&Recorded) -> bool {
    let prefix = format!(
        "/interactions/{}/",
        interaction["id"].as_str().unwrap_or_default()
    );
    move |r: &Recorded| r.method == "POST" && r.path.starts_with(&prefix)
}

fn is_edit_of_original(interaction: &Value) -> impl Fn(&Recorded) -> bool {
    let path = format!(
        "/webhooks/{}/{}/messages/@original",
        interaction["application_id"].as_str().unwrap_or_default(),
        interaction["token"].as_str().unwrap_or_default()
    );
    move |r: &Recorded| r.method == "PATCH" && r.path == path
}

fn body(request: &Recorded) -> &Value {
    request.body.as_ref().expect("a JSON body")
}

/// The check the fake applies is not vacuous: it refuses what Discord would.
#[test]
fn the_schema_check_refuses_what_discord_would() {
    let Some(schemas) = schema::schemas() else {
        eprintln!("skipped: no openapi.json");
        return;
    };
    let callback = |body: Value| {
        schemas
            .check(schema::Method::Post, "/interactions/1/t/callback", &body)
            .expect("a schema")
    };
    assert_eq!(
        callback(json!({ "type": 4, "data": { "content": "hi" } })),
        Vec::<String>::new()
    );
    assert_eq!(
        callback(json!({ "type": 1, "data": null })),
        Vec::<String>::new()
    );
    let long_title = "t".repeat(257);
    for bad in [
        json!({ "type": 4, "data": { "embeds": [{ "title": long_title }] } }),
        json!({ "type": 4, "data": { "contnet": "hi" } }),
        json!({ "type": 42 }),
        json!({ "type": 8, "data": { "choices": [{ "name": "", "value": "x" }] } }),
    ] {
        assert!(!callback(bad.clone()).is_empty(), "accepted {bad}");
    }
    let commands = |body: Value| {
        schemas
            .check(schema::Method::Put, "/applications/1/commands", &body)
            .expect("a schema")
    };
    // serenity's empty defaults pass; the permissions string is normalized.
    let command = json!([{
        "name": "track", "description": "Look up a track", "type": 1, "nsfw": false,
        "default_member_permissions": "32",
        "options": [{ "type": 3, "name": "query", "description": "q", "channel_types": [], "min_value": null }]
    }]);
    assert_eq!(commands(command), Vec::<String>::new());
    let misspelled = json!([{ "name": "track", "description": "d", "descripton": "typo" }]);
    assert!(!commands(misspelled).is_empty());
}

/// serenity drops a dispatch it cannot parse without a word (gateway.md §4):
/// the fake's READY and GUILD_CREATE must parse as serenity's own types.
#[test]
fn the_fake_gateway_payloads_parse_in_serenity() {
    let ready = support::fake::ready_data("session", "ws://127.0.0.1:1");
    let ready: serenity::all::Ready = serde_json::from_value(ready).expect("READY parses");
    assert_eq!(ready.application.id.get(), simulated::APPLICATION_ID);
    let guild: serenity::all::Guild =
        serde_json::from_value(support::fake::guild_create()).expect("GUILD_CREATE parses");
    assert_eq!(guild.roles.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_client_registers_and_answers_commands_and_autocomplete() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;

    let registered = fake
        .wait_for("the command bulk overwrite", |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await;
    assert_eq!(registered.status, 200, "{:?}", registered.schema_errors);
    assert_eq!(
        registered.path,
        format!("/applications/{}/commands", simulated::APPLICATION_ID)
    );
    let names: Vec<&str> = body(&registered)
        .as_array()
        .expect("an array of commands")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(
        names.contains(&"track") && names.contains(&"catalog"),
        "{names:?}"
    );
    fake.wait_sessions(1).await;

    let actor = member();
    let lookup = track_command(&actor, TRACK);
    fake.interaction(lookup.clone());
    let answered = fake
        .wait_for("the /track response", is_callback_of(&lookup))
        .await;
    assert_eq!(answered.status, 204, "{:?}", answered.schema_errors);
    let reply = body(&answered);
    assert_eq!(reply["type"], 4);
    let title = reply["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default();
    assert!(title.contains(TRACK), "{reply:#}");
    assert_eq!(reply["data"]["allowed_mentions"]["parse"], json!([]));

    let typing = track_autocomplete(&actor, "첫눈처럼");
    fake.interaction(typing.clone());
    let suggested = fake
        .wait_for("the autocomplete choices", is_callback_of(&typing))
        .await;
    let reply = body(&suggested);
    assert_eq!(reply["type"], 8);
    let choices = reply["data"]["choices"].as_array().expect("choices");
    assert!(!choices.is_empty() && choices.len() <= 25, "{reply:#}");

    // A member without Manage Server is refused, privately.
    let refused = add_drama(&actor);
    fake.interaction(refused.clone());
    let answered = fake.wait_for("the refusal", is_callback_of(&refused)).await;
    let reply = body(&answered);
    assert_eq!(reply["type"], 4);
    assert_eq!(reply["data"]["flags"], 64, "ephemeral: {reply:#}");
    let (user_errors, tracks) = (
        bot.metrics.count("command", "catalog", Outcome::UserError),
        bot.metrics.count("command", "track", Outcome::Ok),
    );
    assert_eq!((user_errors, tracks), (1, 1));
    let moderator = Actor::new("Seoul OST Club", "general", "mod", true);
    let allowed = add_drama(&moderator);
    fake.interaction(allowed.clone());
    let answered = fake
        .wait_for("the added drama", is_callback_of(&allowed))
        .await;
    assert_eq!(answered.status, 204);
    let content = body(&answered)["data"]["content"]
        .as_str()
        .unwrap_or_default();
    assert!(content.starts_with("Added"), "{:#}", body(&answered));

    bot.stop().await;
    fake.assert_bodies_valid();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_client_resumes_after_a_close_and_reconnects_after_a_drop() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;
    // The first registration, so the count at the end is not a race with it.
    fake.wait_for("the command registration", |r| r.method == "PUT")
        .await;
    let actor = member();

    // Discord closes with 4000 ("unknown error, reconnect"): serenity resumes.
    fake.close_connection(4000);
    let sessions = fake.wait_sessions(2).await;
    assert_eq!(sessions.resumed, 1, "{sessions:?}");
    let first = track_command(&actor, TRACK);
    fake.interaction(first.clone());
    let answered = fake
        .wait_for("an answer after resuming", is_callback_of(&first))
        .await;
    assert_eq!(answered.status, 204);

    // The TCP connection dies without a close frame: the missed heartbeat
    // ACK makes serenity reconnect.
    fake.drop_connection();
    fake.wait_sessions(3).await;
    let second = track_command(&actor, TRACK);
    fake.interaction(second.clone());
    let answered = fake
        .wait_for("an answer after reconnecting", is_callback_of(&second))
        .await;
    assert_eq!(answered.status, 204);

    // READY comes again after a reconnect; commands are registered once.
    let registrations = fake.requests().iter().filter(|r| r.method == "PUT").count();
    assert_eq!(registrations, 1);
    bot.stop().await;
    fake.assert_bodies_valid();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_retried_and_server_errors_do_not_stop_the_bot() {
    let fake = FakeDiscord::start().await;
    // The very first registration is rate limited: it is retried.
    fake.fail_next(
        "PUT",
        "/applications/{application_id}/commands",
        Fault::RateLimited { retry_after: 0.05 },
    );
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    let limited = fake
        .wait_for("the registration", |r| r.method == "PUT")
        .await;
    assert_eq!(limited.status, 429);
    let retried = fake
        .wait_for("the retried registration", |r| r.method == "PUT")
        .await;
    assert_eq!(retried.status, 200);
    assert_eq!(body(&retried), body(&limited));
    fake.wait_sessions(1).await;
    let actor = member();

    fake.fail_next("POST", CALLBACK, Fault::RateLimited { retry_after: 0.05 });
    let limited = track_command(&actor, TRACK);
    fake.interaction(limited.clone());
    let first = fake
        .wait_for("the callback", is_callback_of(&limited))
        .await;
    assert_eq!(first.status, 429);
    let again = fake
        .wait_for("the retried callback", is_callback_of(&limited))
        .await;
    assert_eq!(again.status, 204);
    assert_eq!(body(&again), body(&first));

    // A 500 is not retried (the callback may have landed); the bot goes on.
    fake.fail_next("POST", CALLBACK, Fault::ServerError);
    let failed = track_command(&actor, TRACK);
    fake.interaction(failed.clone());
    let answered = fake.wait_for("the callback", is_callback_of(&failed)).await;
    assert_eq!(answered.status, 500);
    let next = track_command(&actor, TRACK);
    fake.interaction(next.clone());
    let answered = fake
        .wait_for("the next callback", is_callback_of(&next))
        .await;
    assert_eq!(answered.status, 204);
    let failed_again = fake
        .requests()
        .iter()
        .filter(|r| is_callback_of(&failed)(r))
        .count();
    assert_eq!(failed_again, 1, "a 500 is not repeated");

    // Announcements go through the same REST client, with the same retries.
    let announcer = RestAnnouncer(Arc::new(
        rest::http_client(&support::config(
            &[
                ("DISCORD_TOKEN", support::TOKEN),
                ("DISCORD_API_BASE", fake.api_base()),
            ],
            Default::default(),
        ))
        .expect("client"),
    ));
    fake.fail_next(
        "POST",
        "/channels/{channel_id}/messages",
        Fault::RateLimited { retry_after: 0.05 },
    );
    let channel = ChannelId::new(actor.channel_id);
    let message = Message::text("This week's OST poll is open");
    let posted =
        ostbot::bot::announcer::Announcer::post(&announcer, channel, &message, Some("weekly-1"))
            .await
            .expect("posted after the retry");
    let sent = fake
        .wait_for("the announcement", |r| {
            r.method == "POST" && r.path.ends_with("/messages") && r.status == 200
        })
        .await;
    assert_eq!(
        sent.path,
        format!("/channels/{}/messages", actor.channel_id)
    );
    assert_eq!(body(&sent)["nonce"], "weekly-1");
    assert_eq!(body(&sent)["enforce_nonce"], true);
    ostbot::bot::announcer::Announcer::edit(&announcer, channel, posted, &Message::text("Closed"))
        .await
        .expect("edited");
    let edited = fake
        .wait_for("the edit", |r| {
            r.method == "PATCH" && r.path.contains("/messages/")
        })
        .await;
    assert_eq!(
        edited.path,
        format!("/channels/{}/messages/{}", actor.channel_id, posted)
    );

    // A message with a file travels as multipart; its payload_json is checked.
    let chart = Message::text("This week's chart").with_file(
        serenity::all::CreateAttachment::bytes(b"\x89PNG not really".to_vec(), "chart.png"),
    );
    ostbot::bot::announcer::Announcer::post(&announcer, channel, &chart, None)
        .await
        .expect("posted with a file");
    let sent = fake
        .wait_for("the chart", |r| r.method == "POST" && r.multipart)
        .await;
    assert_eq!(sent.status, 200, "{:?}", sent.schema_errors);
    assert!(sent.schema_checked || schema::schemas().is_none());
    assert_eq!(body(&sent)["attachments"][0]["filename"], "chart.png");

    // Reads: the fake's text channel parses in serenity; a test can stage
    // any other answer, here Discord's "Missing Access".
    let http: &serenity::all::Http = &announcer.0;
    let channel = serenity::all::ChannelId::new(actor.channel_id)
        .to_channel(http)
        .await
        .expect("the channel");
    let guild_channel = channel.guild().expect("a guild channel");
    assert_eq!(guild_channel.name, "general");
    // What a permission check reads: the bot, its server, roles and member.
    let me = http.get_current_user().await.expect("the bot user");
    assert_eq!(me.id.get(), support::fake::BOT_USER_ID);
    let guild = serenity::all::GuildId::new(support::fake::guild_id());
    assert_eq!(http.get_guild(guild).await.expect("the guild").id, guild);
    let roles = http.get_guild_roles(guild).await.expect("the roles");
    assert_eq!(roles.len(), 2);
    let member = http.get_member(guild, me.id).await.expect("the bot member");
    let bot_role = serenity::all::RoleId::new(support::fake::bot_role_id());
    assert_eq!(member.roles, vec![bot_role]);
    let hidden = simulated::next_snowflake();
    fake.respond(
        "POST",
        &format!("/channels/{hidden}/messages"),
        403,
        json!({ "code": 50001, "message": "Missing Access" }),
    );
    let refused =
        ostbot::bot::announcer::Announcer::post(&announcer, ChannelId::new(hidden), &message, None)
            .await;
    assert!(
        matches!(
            refused,
            Err(ostbot::bot::announcer::AnnounceError::MissingAccess(_))
        ),
        "{refused:?}"
    );
    bot.stop().await;
    fake.assert_bodies_valid();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_work_is_deferred_then_the_original_reply_is_edited() {
    let fake = FakeDiscord::start().await;
    // With DEV_GUILD_ID, the commands go to that server only.
    let guild = support::fake::guild_id().to_string();
    let bot = GatewayBot::start_with(&fake, Deadline::Always, &[("DEV_GUILD_ID", &guild)]).await;
    let registered = fake
        .wait_for("the guild command overwrite", |r| r.method == "PUT")
        .await;
    assert_eq!(
        registered.path,
        format!(
            "/applications/{}/guilds/{guild}/commands",
            simulated::APPLICATION_ID
        )
    );
    assert_eq!(registered.status, 200, "{:?}", registered.schema_errors);
    fake.wait_sessions(1).await;
    let actor = member();
    let lookup = track_command(&actor, TRACK);
    fake.interaction(lookup.clone());
    let deferred = fake.wait_for("the deferral", is_callback_of(&lookup)).await;
    assert_eq!(body(&deferred)["type"], 5);
    let edited = fake
        .wait_for("the edit of @original", is_edit_of_original(&lookup))
        .await;
    assert_eq!(edited.status, 200, "{:?}", edited.schema_errors);
    let title = body(&edited)["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default();
    assert!(title.contains(TRACK), "{:#}", body(&edited));

    // A refusal after a deferral stays private: the public "thinking…" goes,
    // an ephemeral follow-up comes.
    let refused = add_drama(&actor);
    fake.interaction(refused.clone());
    let token = refused["token"].as_str().unwrap_or_default().to_owned();
    let followup = fake
        .wait_for("the ephemeral follow-up", |r| {
            r.method == "POST" && r.path.ends_with(&token)
        })
        .await;
    assert_eq!(body(&followup)["flags"], 64);
    assert!(fake
        .requests()
        .iter()
        .any(|r| r.method == "DELETE" && r.path.contains(&token)));
    bot.stop().await;
    fake.assert_bodies_valid();
}

// ---------------------------------------------------------------------------
// The HTTP interactions endpoint.

struct Served {
    url: String,
    database: String,
    key: SigningKey,
    metrics: Arc<Metrics>,
    client: reqwest::Client,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl Served {
    async fn start(fake: &FakeDiscord, deadline: Deadline) -> Served {
        let key = SigningKey::generate(&mut rand::rngs::OsRng);
        let (dir, url, _pool) = support::database().await;
        Served::start_on(fake, deadline, key, url, Some(dir)).await
    }

    /// A second endpoint (another `serve` process) on this one's database,
    /// with the same application key.
    async fn sharing(&self, fake: &FakeDiscord) -> Served {
        let key = SigningKey::from_bytes(&self.key.to_bytes());
        Served::start_on(fake, Deadline::default(), key, self.database.clone(), None).await
    }

    async fn start_on(
        fake: &FakeDiscord,
        deadline: Deadline,
        key: SigningKey,
        database: String,
        dir: Option<tempfile::TempDir>,
    ) -> Served {
        let public_key = hex::encode(key.verifying_key().to_bytes());
        let pool = ostbot::app::open_database(&database)
            .await
            .expect("database");
        let config = support::config(
            &[
                ("DISCORD_TOKEN", support::TOKEN),
                ("DISCORD_API_BASE", fake.api_base()),
                ("DISCORD_PUBLIC_KEY", &public_key),
                ("DATABASE_URL", &database),
            ],
            ostbot::config::Needs {
                token: true,
                public_key: true,
            },
        );
        let rest = Arc::new(rest::http_client(&config).expect("client"));
        let mut bot = ostbot::app::offline_bot(pool);
        bot.announcer = Arc::new(RestAnnouncer(rest.clone()));
        let metrics = Metrics::new();
        let endpoint = Endpoint {
            bot,
            key: http::parse_public_key(config.public_key.as_deref().unwrap_or_default())
                .expect("key"),
            rest,
            metrics: metrics.clone(),
            deadline,
            in_flight: Default::default(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(http::serve(listener, endpoint, async {
            let _ = stopped.await;
        }));
        Served {
            url,
            database,
            key,
            metrics,
            client: reqwest::Client::new(),
            stop: Some(stop),
            task,
            _dir: dir,
        }
    }

    fn signature(&self, key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
        let mut message = timestamp.as_bytes().to_vec();
        message.extend_from_slice(body);
        hex::encode(key.sign(&message).to_bytes())
    }

    async fn post_raw(&self, headers: &[(&str, String)], body: Vec<u8>) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}/interactions", self.url))
            .header("content-type", "application/json")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        request.send().await.expect("the endpoint answers")
    }

    /// POSTs `body` signed as Discord does.
    async fn post(&self, body: &Value) -> reqwest::Response {
        let (headers, body) = self.signed(body, &now());
        self.post_raw(&headers, body).await
    }

    /// `body` and the headers Discord signs it with at `timestamp`: a
    /// request as captured on the wire, to send again.
    fn signed(&self, body: &Value, timestamp: &str) -> (Vec<(&'static str, String)>, Vec<u8>) {
        let body = body.to_string().into_bytes();
        let signature = self.signature(&self.key, timestamp, &body);
        (
            vec![
                (http::SIGNATURE_HEADER, signature),
                (http::TIMESTAMP_HEADER, timestamp.to_owned()),
            ],
            body,
        )
    }

    async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        tokio::time::timeout(support::fake::PATIENCE, self.task)
            .await
            .expect("the server stops when told to")
            .expect("no panic")
            .expect("no error");
    }
}

/// `X-Signature-Timestamp` for a request signed now.
fn now() -> String {
    chrono::Utc::now().timestamp().to_string()
}

/// The endpoint's answer, checked like a callback body.
async fn answer(response: reqwest::Response) -> Value {
    assert_eq!(response.status(), 200);
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let text = response.text().await.expect("a body");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    if let Some(schemas) = schema::schemas() {
        let errors = schemas
            .check(schema::Method::Post, "/interactions/1/t/callback", &value)
            .expect("a schema");
        assert!(errors.is_empty(), "{errors:#?}");
    }
    value
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_refuses_every_bad_signature_with_401() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let ping =
        br#"{"id":"1","application_id":"775799577604522054","type":1,"token":"t","version":1}"#
            .to_vec();
    let timestamp = now();
    let good = served.signature(&served.key, &timestamp, &ping);
    let moved = (chrono::Utc::now().timestamp() + 1).to_string();
    let stranger = SigningKey::generate(&mut rand::rngs::OsRng);
    type Case<'a> = (&'a str, Vec<(&'a str, String)>, Vec<u8>);
    let cases: Vec<Case> = vec![
        ("no headers", vec![], ping.clone()),
        (
            "no timestamp",
            vec![(http::SIGNATURE_HEADER, good.clone())],
            ping.clone(),
        ),
        (
            "no signature",
            vec![(http::TIMESTAMP_HEADER, timestamp.clone())],
            ping.clone(),
        ),
        (
            "garbage signature",
            vec![
                (http::SIGNATURE_HEADER, "not-hex-at-all".into()),
                (http::TIMESTAMP_HEADER, timestamp.clone()),
            ],
            ping.clone(),
        ),
        (
            "signature of the wrong length",
            vec![
                (http::SIGNATURE_HEADER, good[..64].to_owned()),
                (http::TIMESTAMP_HEADER, timestamp.clone()),
            ],
            ping.clone(),
        ),
        (
            "signed with another key",
            vec![
                (
                    http::SIGNATURE_HEADER,
                    served.signature(&stranger, &timestamp, &ping),
                ),
                (http::TIMESTAMP_HEADER, timestamp.clone()),
            ],
            ping.clone(),
        ),
        (
            "altered body",
            vec![
                (http::SIGNATURE_HEADER, good.clone()),
                (http::TIMESTAMP_HEADER, timestamp.clone()),
            ],
            ping.iter()
                .map(|b| if *b == b'1' { b'2' } else { *b })
                .collect(),
        ),
        (
            "altered timestamp",
            vec![
                (http::SIGNATURE_HEADER, good.clone()),
                (http::TIMESTAMP_HEADER, moved),
            ],
            ping.clone(),
        ),
    ];
    for (case, headers, body) in cases {
        let response = served.post_raw(&headers, body).await;
        assert_eq!(response.status(), 401, "{case}");
    }

    // The genuine PING gets a PONG.
    let response = served
        .post_raw(
            &[
                (http::SIGNATURE_HEADER, good),
                (http::TIMESTAMP_HEADER, timestamp.clone()),
            ],
            ping,
        )
        .await;
    assert_eq!(answer(response).await, json!({ "type": 1 }));

    // Oversized bodies are refused before anything else.
    let huge = vec![b' '; http::MAX_BODY_BYTES + 1];
    let signature = served.signature(&served.key, &timestamp, &huge);
    let response = served
        .post_raw(
            &[
                (http::SIGNATURE_HEADER, signature),
                (http::TIMESTAMP_HEADER, timestamp),
            ],
            huge,
        )
        .await;
    assert_eq!(response.status(), 413);

    // Signed but not an interaction.
    let response = served.post(&json!({ "hello": "world" })).await;
    assert_eq!(response.status(), 400);

    served.stop().await;
    assert!(
        fake.requests().is_empty(),
        "no REST call: {:?}",
        fake.requests()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_answers_commands_autocomplete_components_and_modals() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let actor = member();

    let reply = answer(served.post(&track_command(&actor, TRACK)).await).await;
    assert_eq!(reply["type"], 4);
    let title = reply["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default();
    assert!(title.contains(TRACK), "{reply:#}");

    let reply = answer(served.post(&track_autocomplete(&actor, "첫눈")).await).await;
    assert_eq!(reply["type"], 8);
    assert!(!reply["data"]["choices"]
        .as_array()
        .expect("choices")
        .is_empty());

    let reply = answer(served.post(&add_drama(&actor)).await).await;
    assert_eq!(
        (reply["type"].clone(), reply["data"]["flags"].clone()),
        (json!(4), json!(64))
    );

    // A click on a button and a submitted form (of a retired version: the
    // bot says so privately rather than failing).
    let message = simulated::message(
        simulated::next_snowflake(),
        actor.channel_id,
        "an old message",
        json!([]),
        json!([]),
    );
    let click = actor.component("retired:button:1", None, message);
    let reply = answer(served.post(&click).await).await;
    assert_eq!(
        (reply["type"].clone(), reply["data"]["flags"].clone()),
        (json!(4), json!(64))
    );
    let submit = actor.modal_submit("retired:form", &[("text".into(), "hello".into())]);
    let reply = answer(served.post(&submit).await).await;
    assert_eq!(
        (reply["type"].clone(), reply["data"]["flags"].clone()),
        (json!(4), json!(64))
    );

    // Health and metrics.
    let health = served
        .client
        .get(format!("{}/healthz", served.url))
        .send()
        .await
        .expect("healthz");
    assert_eq!(health.status(), 200);
    let metrics = served
        .client
        .get(format!("{}/metrics", served.url))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    for expected in [
        "ostbot_interactions_total{kind=\"command\",command=\"track\",outcome=\"ok\"} 1",
        "ostbot_interactions_total{kind=\"autocomplete\",command=\"track\",outcome=\"ok\"} 1",
        "ostbot_interactions_total{kind=\"command\",command=\"catalog\",outcome=\"user_error\"} 1",
        // A group the bot does not know is counted as `other` (issue 15).
        "ostbot_interactions_total{kind=\"component\",command=\"other\",outcome=\"user_error\"} 1",
        "ostbot_interaction_duration_seconds_count 5",
        "ostbot_db_pool_connections{state=\"idle\"}",
    ] {
        assert!(metrics.contains(expected), "{expected} in\n{metrics}");
    }
    assert_eq!(
        served.metrics.count("modal", "other", Outcome::UserError),
        1
    );
    served.stop().await;
    assert!(
        fake.requests().is_empty(),
        "answered in the HTTP response only"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_defers_slow_work_and_edits_the_original_over_rest() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::Always).await;
    let actor = member();
    let lookup = track_command(&actor, TRACK);
    let reply = answer(served.post(&lookup).await).await;
    assert_eq!(reply["type"], 5);
    let edited = fake
        .wait_for("the edit of @original", is_edit_of_original(&lookup))
        .await;
    assert_eq!(edited.status, 200, "{:?}", edited.schema_errors);
    let title = body(&edited)["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default();
    assert!(title.contains(TRACK));

    // A deferred click is acknowledged silently (type 6) and edits its message.
    let message = simulated::message(
        simulated::next_snowflake(),
        actor.channel_id,
        "an old message",
        json!([]),
        json!([]),
    );
    let click = actor.component("retired:button:1", None, message);
    let reply = answer(served.post(&click).await).await;
    assert_eq!(reply["type"], 6);
    served.stop().await;
    fake.assert_bodies_valid();
}

/// Discord's own example payloads (`../shared/discord/payloads/*.completed.json`),
/// with our command's name and options and fresh ids, over both transports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_example_payloads_are_answered_over_both_transports() {
    let Some(dir) = schema::spec_path().parent().map(|d| d.join("payloads")) else {
        return;
    };
    let load = |name: &str| -> Option<Value> {
        let text = std::fs::read_to_string(dir.join(name)).ok()?;
        serde_json::from_str(&text).ok()
    };
    let (Some(command), Some(autocomplete), Some(click), Some(submit)) = (
        load("interaction-chat-input.completed.json"),
        load("interaction-autocomplete.completed.json"),
        load("interaction-component-button.completed.json"),
        load("interaction-modal-submit.completed.json"),
    ) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let fresh = |mut payload: Value| {
        payload["id"] = json!(simulated::next_snowflake().to_string());
        payload["token"] = json!(format!("token-{}", simulated::next_snowflake()));
        payload["application_id"] = json!(simulated::APPLICATION_ID.to_string());
        payload
    };
    let lookup = |payload: &Value| {
        let mut payload = fresh(payload.clone());
        payload["data"]["name"] = json!("track");
        payload["data"]["options"] = json!([{ "type": 3, "name": "query", "value": TRACK }]);
        payload
    };
    let typing = |payload: &Value| {
        let mut payload = fresh(payload.clone());
        payload["data"]["name"] = json!("track");
        payload["data"]["options"] =
            json!([{ "type": 3, "name": "query", "value": "첫눈", "focused": true }]);
        payload
    };

    // Gateway.
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;
    let sent = [
        (lookup(&command), 4),
        (typing(&autocomplete), 8),
        (fresh(click.clone()), 4),
        (fresh(submit.clone()), 4),
    ];
    for (payload, kind) in &sent {
        fake.interaction(payload.clone());
        let answered = fake
            .wait_for("the answer to an example payload", is_callback_of(payload))
            .await;
        assert_eq!(answered.status, 204, "{:?}", answered.schema_errors);
        assert_eq!(body(&answered)["type"], *kind, "{:#}", body(&answered));
    }
    let reply = fake
        .requests()
        .into_iter()
        .find(|r| is_callback_of(&sent[0].0)(r))
        .and_then(|r| r.body)
        .unwrap_or_default();
    assert!(reply["data"]["embeds"][0]["title"]
        .as_str()
        .unwrap_or_default()
        .contains(TRACK));
    bot.stop().await;
    fake.assert_bodies_valid();

    // HTTP endpoint.
    let served = Served::start(&fake, Deadline::default()).await;
    for (payload, kind) in [
        (lookup(&command), 4),
        (typing(&autocomplete), 8),
        (fresh(click), 4),
        (fresh(submit), 4),
    ] {
        let reply = answer(served.post(&payload).await).await;
        assert_eq!(reply["type"], kind, "{reply:#}");
    }
    let ping = load("interaction-ping.completed.json").expect("the PING example");
    assert_eq!(answer(served.post(&ping).await).await, json!({ "type": 1 }));
    served.stop().await;
}

/// The `ostbot` binary itself: `run --metrics` against the fake, configured
/// only through the environment, and `serve`; both stop cleanly on SIGTERM.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ostbot_binary_runs_and_serves_from_its_environment() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = support::seed(dir.path(), "bot.db");
    let client = reqwest::Client::new();

    let mut run = Child::spawn(
        dir.path(),
        &["run", "--metrics", "127.0.0.1:0"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DATABASE_URL", &database),
        ],
    );
    let metrics_address = run.address("serving /metrics").await;
    fake.wait_sessions(1).await;
    let lookup = track_command(&member(), TRACK);
    fake.interaction(lookup.clone());
    let answered = fake
        .wait_for("the /track answer", is_callback_of(&lookup))
        .await;
    assert_eq!(answered.status, 204);
    let metrics = client
        .get(format!("http://{metrics_address}/metrics"))
        .send()
        .await
        .expect("metrics")
        .text()
        .await
        .expect("text");
    assert!(
        metrics.contains(
            "ostbot_interactions_total{kind=\"command\",command=\"track\",outcome=\"ok\"} 1"
        ),
        "{metrics}"
    );
    // Readiness follows the shard's stage, which the bot samples: it turns
    // 200 soon after READY, not necessarily before the first interaction.
    let ready = tokio::time::timeout(support::fake::PATIENCE, async {
        loop {
            let health = client
                .get(format!("http://{metrics_address}/healthz"))
                .send()
                .await
                .expect("healthz");
            if health.status() == 200 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(ready.is_ok(), "/healthz never said ready while connected");
    assert!(run.terminate().await.success());

    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let public_key = hex::encode(key.verifying_key().to_bytes());
    let mut serve = Child::spawn(
        dir.path(),
        &["serve", "--listen", "127.0.0.1:0"],
        &[
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DISCORD_PUBLIC_KEY", &public_key),
            ("DATABASE_URL", &database),
        ],
    );
    let address = serve.address("serving interactions").await;
    let ping =
        br#"{"id":"1","application_id":"775799577604522054","type":1,"token":"t","version":1}"#;
    let unsigned = client
        .post(format!("http://{address}/interactions"))
        .body(ping.to_vec())
        .send()
        .await
        .expect("answer");
    assert_eq!(unsigned.status(), 401);
    let timestamp = &now();
    let mut message = timestamp.as_bytes().to_vec();
    message.extend_from_slice(ping);
    let signed = client
        .post(format!("http://{address}/interactions"))
        .header(
            http::SIGNATURE_HEADER,
            hex::encode(key.sign(&message).to_bytes()),
        )
        .header(http::TIMESTAMP_HEADER, timestamp)
        .body(ping.to_vec())
        .send()
        .await
        .expect("answer");
    assert_eq!(signed.status(), 200);
    assert_eq!(signed.text().await.expect("body"), r#"{"type":1}"#);
    assert!(serve.terminate().await.success());
    fake.assert_bodies_valid();
}

/// A member of a server whose events go to another shard (of `total`) than
/// the fake's own server.
fn member_on_another_shard(total: u32) -> Actor {
    let home = support::fake::shard_of(member().guild_id, total);
    (0..)
        .map(|n| Actor::new(&format!("Busan OST Club {n}"), "general", "jiwoo", false))
        .find(|actor| support::fake::shard_of(actor.guild_id, total) != home)
        .expect("a server on another shard")
}

/// The weekly cycle of the fake's server, due a minute ago.
async fn weekly_run_due_now(database: &str) -> u64 {
    let (_, _, listening) = channel_option("listening");
    let pool = ostbot::app::open_database(database)
        .await
        .expect("database");
    let guild = ostbot::ids::GuildId::new(support::fake::guild_id());
    let mut settings = ostbot::guild_settings::GuildSettings::defaults(guild);
    settings.weekly = Some(ostbot::guild_settings::WeeklySchedule {
        channel: ChannelId::new(listening),
        day: 4,
        time: "20:00".into(),
        timezone: "Asia/Seoul".into(),
        candidates: 3,
    });
    let due = chrono::Utc::now() - chrono::Duration::minutes(1);
    ostbot::guild_settings::configure_weekly(&pool, &settings, due)
        .await
        .expect("weekly configured");
    pool.close().await;
    listening
}

/// Two `ostbot run` processes on one database, one shard each of two: each
/// answers the interactions of its own shard's servers, only the one with
/// shard 0 registers the commands, and a weekly run due while both start up
/// is posted once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_gateway_processes_split_the_shards_and_run_each_job_once() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = support::seed(dir.path(), "bot.db");
    let listening = weekly_run_due_now(&database).await;
    let spawn = |shards: &str| {
        Child::spawn(
            dir.path(),
            &[
                "run",
                "--metrics",
                "127.0.0.1:0",
                "--shards",
                shards,
                "--shard-total",
                "2",
            ],
            &[
                ("DISCORD_TOKEN", support::TOKEN),
                ("DISCORD_API_BASE", fake.api_base()),
                ("DATABASE_URL", &database),
            ],
        )
    };
    let mut processes = [spawn("0"), spawn("1-1")];
    let mut metrics = Vec::new();
    for process in &mut processes {
        metrics.push(process.logged("serving /metrics").await);
        assert!(process.logged("connecting shards").await.contains("of 2"));
    }
    let mut sessions = fake.wait_sessions(2).await.shards;
    sessions.sort();
    assert_eq!(sessions, [[0, 2], [1, 2]]);
    fake.wait_for("the command bulk overwrite", |r| {
        r.method == "PUT" && r.path.ends_with("/commands")
    })
    .await;

    for process in &mut processes {
        process.logged("scheduler caught up").await;
    }
    let posted = posts_in(&fake, listening);
    assert_eq!(posted.len(), 1, "the weekly poll, once: {posted:#?}");
    assert_eq!(posted[0].status, 200, "{:?}", posted[0].schema_errors);

    let home = member();
    let away = member_on_another_shard(2);
    for actor in [&home, &away] {
        let lookup = track_command(actor, TRACK);
        fake.interaction(lookup.clone());
        let answered = fake
            .wait_for("the /track answer", is_callback_of(&lookup))
            .await;
        assert_eq!(answered.status, 204);
    }
    let client = reqwest::Client::new();
    for (process, line) in metrics.iter().enumerate() {
        let address = support::child::address_in(line);
        let text = client
            .get(format!("http://{address}/metrics"))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("text");
        assert!(
            text.contains(
                r#"ostbot_interactions_total{kind="command",command="track",outcome="ok"} 1"#
            ),
            "shard {process} answers its own server's /track, and only that: {text}"
        );
    }
    let registrations = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT" && r.path.ends_with("/commands"))
        .count();
    assert_eq!(registrations, 1, "only the process with shard 0 registers");
    for process in processes {
        assert!(process.terminate().await.success());
    }
    fake.assert_bodies_valid();
}

// ---------------------------------------------------------------------------
// Reviews, polls, the weekly cycle and /config over the gateway.

fn moderator() -> Actor {
    Actor::new("Seoul OST Club", "general", "mod", true)
}

/// A text channel of the fake's server, as `/config` receives it.
fn channel_option(name: &str) -> (Value, Value, u64) {
    let id = simulated::stable_id("channel:Seoul OST Club", name);
    let option = json!({ "name": "channel", "type": 7, "value": id.to_string() });
    let resolved = json!({ "channels": { id.to_string(): simulated::resolved_channel(id, name) } });
    (option, resolved, id)
}

/// The bot's answer to `interaction`: its callback type and the message
/// it carries (the callback's `data`, or the edit of `@original` after a
/// deferral). Anything the bot sent before the callback stays in
/// `fake.requests()`.
async fn reply_to(fake: &FakeDiscord, interaction: &Value) -> (u64, Value) {
    let answered = fake
        .wait_for("the interaction callback", is_callback_of(interaction))
        .await;
    assert_eq!(answered.status, 204, "{:?}", answered.schema_errors);
    let kind = body(&answered)["type"].as_u64().unwrap_or_default();
    if kind == 5 || kind == 6 {
        let edited = fake
            .wait_for("the edit of @original", is_edit_of_original(interaction))
            .await;
        assert_eq!(edited.status, 200, "{:?}", edited.schema_errors);
        return (kind, body(&edited).clone());
    }
    (kind, body(&answered)["data"].clone())
}

fn content_of(message: &Value) -> &str {
    message["content"].as_str().unwrap_or_default()
}

/// Message creates in `channel` so far.
fn posts_in(fake: &FakeDiscord, channel: u64) -> Vec<Recorded> {
    let path = format!("/channels/{channel}/messages");
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == path)
        .collect()
}

/// The poll number in a poll message (`poll:vote:N:P` buttons).
fn poll_number(message: &Value) -> u64 {
    let ids = custom_ids(message);
    ids.iter()
        .find_map(|id| id.strip_prefix("poll:vote:"))
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no vote button in {message:#}"))
}

fn at(moment: &str) -> chrono::DateTime<chrono::Utc> {
    moment.parse().expect("an RFC 3339 moment")
}

/// `/track` → its Review button → the modal → the submitted form: the
/// review is saved, answered privately and posted to the review feed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_through_the_modal_reaches_the_review_feed() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;

    let (option, resolved, feed) = channel_option("reviews");
    let configure = moderator().command("config", sub("review-feed", vec![option]), resolved);
    fake.interaction(configure.clone());
    let (kind, reply) = reply_to(&fake, &configure).await;
    assert_eq!(kind, 4);
    assert!(
        content_of(&reply).contains(&format!("<#{feed}>")),
        "{reply:#}"
    );

    let actor = member();
    let lookup = track_command(&actor, TRACK);
    fake.interaction(lookup.clone());
    let (_, reply) = reply_to(&fake, &lookup).await;
    let button = custom_ids(&reply)
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .unwrap_or_else(|| panic!("no Review button in {reply:#}"));

    let press = click(&actor, &button, actor.channel_id);
    fake.interaction(press.clone());
    let answered = fake.wait_for("the modal", is_callback_of(&press)).await;
    assert_eq!(answered.status, 204, "{:?}", answered.schema_errors);
    let modal = body(&answered);
    assert_eq!(modal["type"], 9, "{modal:#}");
    let form = modal["data"]["custom_id"].as_str().unwrap_or_default();
    assert!(form.starts_with("review:submit:"), "{modal:#}");
    let fields: Vec<&str> = modal["data"]["components"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|row| row["components"][0]["custom_id"].as_str())
        .collect();
    assert_eq!(fields, ["score", "text", "spoiler"]);

    let submit = actor.modal_submit(
        form,
        &[
            ("score".into(), "9".into()),
            (
                "text".into(),
                "The piano in the bridge gets me every time.".into(),
            ),
            ("spoiler".into(), "no".into()),
        ],
    );
    fake.interaction(submit.clone());
    let (kind, reply) = reply_to(&fake, &submit).await;
    assert_eq!(kind, 4);
    assert_eq!(reply["flags"], 64, "private: {reply:#}");
    assert_eq!(content_of(&reply), "Your review is saved.");
    assert!(
        reply["embeds"][0].to_string().contains("piano"),
        "{reply:#}"
    );
    assert!(custom_ids(&reply)
        .iter()
        .any(|id| id.starts_with("review:delete:")));

    let posted = posts_in(&fake, feed);
    assert_eq!(posted.len(), 1, "one feed post");
    assert_eq!(posted[0].status, 200, "{:?}", posted[0].schema_errors);
    assert!(body(&posted[0])["embeds"][0].to_string().contains("piano"));
    let saved: (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT COUNT(*) FROM reviews"
    )
    .fetch_one(e)
    .await)
    .expect("count");
    assert_eq!(saved.0, 1);
    assert_eq!(bot.metrics.count("modal", "review", Outcome::Ok), 1);
    bot.stop().await;
    fake.assert_bodies_valid();
}

/// `/poll create` posts the poll; a member votes with a button; the
/// creator closes it and the results come with the chart. A second poll
/// closes when its deadline passes on the scheduler's clock.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_poll_is_created_voted_on_and_closed_over_the_gateway() {
    let fake = FakeDiscord::start().await;
    let clock = Arc::new(ostbot::clock::ManualClock::new(at("2026-11-23T12:00:00Z")));
    let bot = GatewayBot::start_clocked(&fake, Deadline::default(), &[], Some(clock.clone())).await;
    fake.wait_sessions(1).await;
    let creator = moderator();
    let channel = creator.channel_id;
    let create = |question: &str, duration: &str| {
        creator.command(
            "poll",
            sub(
                "create",
                vec![
                    s("question", question),
                    s("duration", duration),
                    s("option1", TRACK),
                    s("option2", "Something else"),
                ],
            ),
            json!({}),
        )
    };

    let first = create("Best OST of the year?", "1d");
    fake.interaction(first.clone());
    let (_, reply) = reply_to(&fake, &first).await;
    assert_eq!(reply["flags"], 64, "{reply:#}");
    assert!(content_of(&reply).contains("is up"), "{reply:#}");
    let posted = posts_in(&fake, channel);
    assert_eq!(posted.len(), 1, "the poll message");
    assert_eq!(posted[0].status, 200, "{:?}", posted[0].schema_errors);
    let poll_message = body(&posted[0]);
    let id = poll_number(poll_message);
    assert_eq!(poll_message["nonce"], format!("p{id}"));
    assert_eq!(poll_message["enforce_nonce"], true);

    let voter = member();
    let vote = click(&voter, &format!("poll:vote:{id}:0"), channel);
    fake.interaction(vote.clone());
    let (_, reply) = reply_to(&fake, &vote).await;
    assert_eq!(reply["flags"], 64, "{reply:#}");
    assert!(content_of(&reply).starts_with("You voted for"), "{reply:#}");

    // Someone else may not close it; its creator may.
    let close = |who: &Actor| {
        who.command(
            "poll",
            sub(
                "close",
                vec![json!({ "name": "poll", "type": 4, "value": id })],
            ),
            json!({}),
        )
    };
    let refused = close(&voter);
    fake.interaction(refused.clone());
    let (_, reply) = reply_to(&fake, &refused).await;
    assert_eq!(reply["flags"], 64);
    assert!(content_of(&reply).contains("creator"), "{reply:#}");
    let closing = close(&creator);
    fake.interaction(closing.clone());
    let (_, reply) = reply_to(&fake, &closing).await;
    assert!(content_of(&reply).starts_with("Closed poll"), "{reply:#}");
    let posted = posts_in(&fake, channel);
    assert_eq!(posted.len(), 2, "the poll and its results");
    let results = &posted[1];
    assert_eq!(results.status, 200, "{:?}", results.schema_errors);
    assert!(results.multipart, "the chart comes as a file");
    assert_eq!(body(results)["nonce"], format!("r{id}"));
    assert_eq!(body(results)["enforce_nonce"], true);
    let image = body(results)["embeds"][0]["image"]["url"]
        .as_str()
        .unwrap_or_default();
    assert!(image.starts_with("attachment://"), "{:#}", body(results));
    // The poll message itself now shows it closed, without buttons.
    let prefix = format!("/channels/{channel}/messages/");
    let closed = fake
        .requests()
        .into_iter()
        .rev()
        .find(|r| r.method == "PATCH" && r.path.starts_with(&prefix))
        .expect("an edit of the poll message");
    assert_eq!(closed.status, 200, "{:?}", closed.schema_errors);
    assert!(
        body(&closed).to_string().contains("Closed"),
        "{:#}",
        body(&closed)
    );
    assert_eq!(body(&closed)["components"], json!([]), "the buttons go");

    // The deadline passes: the scheduler closes the poll and posts results.
    let second = create("Which opening theme?", "1h");
    fake.interaction(second.clone());
    reply_to(&fake, &second).await;
    let second_id = poll_number(body(posts_in(&fake, channel).last().expect("posted")));
    let vote = click(&voter, &format!("poll:vote:{second_id}:1"), channel);
    fake.interaction(vote.clone());
    reply_to(&fake, &vote).await;
    let pass = ostbot::bot::scheduler::run_due(&bot.bot)
        .await
        .expect("run");
    assert_eq!(pass.closed, 0, "not due yet");
    clock.advance(chrono::Duration::hours(1));
    let pass = ostbot::bot::scheduler::run_due(&bot.bot)
        .await
        .expect("run");
    assert_eq!((pass.closed, pass.results_posted), (1, 1), "{pass:?}");
    let results = posts_in(&fake, channel).last().cloned().expect("posted");
    assert!(results.multipart);
    assert_eq!(body(&results)["nonce"], format!("r{second_id}"));
    assert!(body(&results).to_string().contains("Something else"));

    bot.stop().await;
    fake.assert_bodies_valid();
}

/// `/config weekly` and `/nominate`; the scheduler's clock reaches the
/// run: the weekly poll goes to the configured channel with a nonce, and a
/// week later the announcement of the winner (with its chart).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_cycle_posts_to_the_configured_channel() {
    let fake = FakeDiscord::start().await;
    // Monday noon UTC; Fridays 20:00 in Seoul are 11:00 UTC.
    let clock = Arc::new(ostbot::clock::ManualClock::new(at("2026-11-23T12:00:00Z")));
    let bot = GatewayBot::start_clocked(&fake, Deadline::default(), &[], Some(clock.clone())).await;
    fake.wait_sessions(1).await;

    let (option, resolved, listening) = channel_option("listening");
    let configure = moderator().command(
        "config",
        sub(
            "weekly",
            vec![
                option,
                s("day", "friday"),
                s("time", "20:00"),
                s("timezone", "Asia/Seoul"),
                json!({ "name": "candidates", "type": 4, "value": 3 }),
            ],
        ),
        resolved,
    );
    fake.interaction(configure.clone());
    let (_, reply) = reply_to(&fake, &configure).await;
    assert!(content_of(&reply).contains("Next run"), "{reply:#}");

    let track: (i64,) = ostbot_core::on_db!(&bot.pool, |e| sqlx::query_as(
        "SELECT id FROM tracks ORDER BY id LIMIT 1"
    )
    .fetch_one(e)
    .await)
    .expect("a shipped track");
    let voter = member();
    let nominate = voter.command(
        "nominate",
        json!([s("track", &format!("id:{}", track.0))]),
        json!({}),
    );
    fake.interaction(nominate.clone());
    let (_, reply) = reply_to(&fake, &nominate).await;
    assert_eq!(reply["flags"], 64, "{reply:#}");

    let run_due = || ostbot::bot::scheduler::run_due(&bot.bot);
    assert_eq!(run_due().await.expect("run").weekly_runs, 0, "not yet");
    assert!(posts_in(&fake, listening).is_empty());
    clock.set(at("2026-11-27T11:00:00Z"));
    assert_eq!(run_due().await.expect("run").weekly_runs, 1);
    let posted = posts_in(&fake, listening);
    assert_eq!(posted.len(), 1, "the weekly poll");
    assert_eq!(posted[0].status, 200, "{:?}", posted[0].schema_errors);
    let poll = body(&posted[0]);
    let nonce = poll["nonce"].as_str().unwrap_or_default();
    assert!(!nonce.is_empty() && nonce.len() <= 25, "{poll:#}");
    assert_eq!(poll["enforce_nonce"], true);
    let id = poll_number(poll);
    assert_eq!(custom_ids(poll).len(), 3, "three candidates: {poll:#}");

    // The nominated track comes first; a vote for it wins the week.
    let vote = click(&voter, &format!("poll:vote:{id}:0"), listening);
    fake.interaction(vote.clone());
    let (_, reply) = reply_to(&fake, &vote).await;
    assert!(content_of(&reply).starts_with("You voted for"), "{reply:#}");
    clock.advance(chrono::Duration::days(7));
    assert_eq!(run_due().await.expect("run").weekly_runs, 1);
    let posted = posts_in(&fake, listening);
    assert_eq!(posted.len(), 3, "the announcement and the next poll");
    let announcement = &posted[1];
    assert_eq!(announcement.status, 200, "{:?}", announcement.schema_errors);
    let message = body(announcement);
    assert_eq!(message["nonce"], format!("a{id}"));
    assert_eq!(message["enforce_nonce"], true);
    assert!(announcement.multipart, "with the chart");
    let title = message["embeds"][0]["title"].as_str().unwrap_or_default();
    assert!(title.contains("This week's track"), "{message:#}");
    assert!(custom_ids(message)
        .iter()
        .any(|id| id == &format!("review:open:t:{}", track.0)));
    assert_ne!(body(&posted[2])["nonce"], message["nonce"]);

    bot.stop().await;
    fake.assert_bodies_valid();
}

/// `/config` is for moderators: a member is refused privately, and nothing
/// changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_is_refused_to_a_member_without_manage_server() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;
    let (option, resolved, feed) = channel_option("reviews");
    let attempt = member().command("config", sub("review-feed", vec![option]), resolved);
    fake.interaction(attempt.clone());
    let (kind, reply) = reply_to(&fake, &attempt).await;
    assert_eq!(kind, 4);
    assert_eq!(reply["flags"], 64, "{reply:#}");
    assert!(
        !content_of(&reply).contains(&format!("<#{feed}>")),
        "{reply:#}"
    );
    assert_eq!(
        bot.metrics.count("command", "config", Outcome::UserError),
        1
    );
    let settings =
        ostbot::guild_settings::get(&bot.pool, ostbot::ids::GuildId::new(member().guild_id))
            .await
            .expect("settings");
    assert_eq!(settings.review_feed, None);
    bot.stop().await;
    fake.assert_bodies_valid();
}

/// The same review through the HTTP endpoint: the modal comes back in the
/// HTTP response and the feed post goes over REST.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_takes_a_review_through_the_modal() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let (option, resolved, feed) = channel_option("reviews");
    let reply = answer(
        served
            .post(&moderator().command("config", sub("review-feed", vec![option]), resolved))
            .await,
    )
    .await;
    assert!(content_of(&reply["data"]).contains(&format!("<#{feed}>")));

    let actor = member();
    let reply = answer(served.post(&track_command(&actor, TRACK)).await).await;
    let button = custom_ids(&reply["data"])
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .expect("a Review button");
    let modal = answer(served.post(&click(&actor, &button, actor.channel_id)).await).await;
    assert_eq!(modal["type"], 9, "{modal:#}");
    let form = modal["data"]["custom_id"].as_str().unwrap_or_default();
    let submit = actor.modal_submit(form, &[("score".into(), "7".into())]);
    let reply = answer(served.post(&submit).await).await;
    assert_eq!(reply["type"], 4);
    assert_eq!(content_of(&reply["data"]), "Your review is saved.");
    let posted = posts_in(&fake, feed);
    assert_eq!(posted.len(), 1, "one feed post");
    assert!(posted[0].schema_checked || schema::schemas().is_none());
    served.stop().await;
    fake.assert_bodies_valid();
}

// ---------------------------------------------------------------------------
// Replays and duplicates (issue 15).

/// A `/poll create` of `creator`'s in their channel.
fn poll_create(creator: &Actor, question: &str, extra: Vec<Value>) -> Value {
    let mut options = vec![
        s("question", question),
        s("duration", "1d"),
        s("option1", TRACK),
        s("option2", "Something else"),
    ];
    options.extend(extra);
    creator.command("poll", sub("create", options), json!({}))
}

/// A captured, correctly signed request: sent again after its timestamp
/// left the replay window it is refused with 401; sent twice inside the
/// window, to one `serve` process or to two on the same database, it is
/// handled once: one poll and one channel post, one review saved and
/// posted, and the copies get a harmless private note.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replayed_requests_are_refused_when_old_and_handled_once_when_fresh() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let other = served.sharing(&fake).await;
    let creator = moderator();
    let channel = creator.channel_id;

    // Captured 30 days ago, and one signed ten minutes ahead.
    let month_ago = (chrono::Utc::now().timestamp() - 30 * 86_400).to_string();
    let (headers, bytes) = served.signed(&poll_create(&creator, "Old?", vec![]), &month_ago);
    let refused = served.post_raw(&headers, bytes).await;
    assert_eq!(refused.status(), 401);
    assert_eq!(
        refused.text().await.expect("body"),
        "request timestamp outside the replay window"
    );
    let ahead = (chrono::Utc::now().timestamp() + 600).to_string();
    let (headers, bytes) = served.signed(&poll_create(&creator, "Future?", vec![]), &ahead);
    assert_eq!(served.post_raw(&headers, bytes).await.status(), 401);
    assert!(posts_in(&fake, channel).is_empty(), "no poll from a replay");

    // The same fresh request three times, to both processes.
    let (headers, bytes) = served.signed(&poll_create(&creator, "Best OST?", vec![]), &now());
    let first = answer(served.post_raw(&headers, bytes.clone()).await).await;
    assert!(content_of(&first["data"]).contains("is up"), "{first:#}");
    for target in [&served, &other] {
        let copy = answer(target.post_raw(&headers, bytes.clone()).await).await;
        assert_eq!(copy["type"], 4, "{copy:#}");
        assert_eq!(copy["data"]["flags"], 64, "private: {copy:#}");
        assert_eq!(
            content_of(&copy["data"]),
            "This was already handled, so nothing was done again."
        );
        assert_eq!(
            copy["data"]["allowed_mentions"],
            json!({ "parse": [], "users": [], "roles": [] })
        );
    }
    assert_eq!(posts_in(&fake, channel).len(), 1, "one poll message");
    let pool = ostbot::app::open_database(&served.database)
        .await
        .expect("database");
    assert_eq!(support::count(&pool, "SELECT COUNT(*) FROM polls").await, 1);

    // A review submitted once, delivered twice.
    let (option, resolved, feed) = channel_option("reviews");
    answer(
        served
            .post(&creator.command("config", sub("review-feed", vec![option]), resolved))
            .await,
    )
    .await;
    let actor = member();
    let reply = answer(served.post(&track_command(&actor, TRACK)).await).await;
    let button = custom_ids(&reply["data"])
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .expect("a Review button");
    let modal = answer(served.post(&click(&actor, &button, actor.channel_id)).await).await;
    let form = modal["data"]["custom_id"].as_str().unwrap_or_default();
    let submit = actor.modal_submit(form, &[("score".into(), "7".into())]);
    let (headers, bytes) = served.signed(&submit, &now());
    let saved = answer(served.post_raw(&headers, bytes.clone()).await).await;
    assert_eq!(content_of(&saved["data"]), "Your review is saved.");
    let copy = answer(other.post_raw(&headers, bytes).await).await;
    assert_eq!(copy["data"]["flags"], 64, "{copy:#}");
    assert_eq!(posts_in(&fake, feed).len(), 1, "one feed post");
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM reviews").await,
        1
    );

    // A click delivered twice is acknowledged silently the second time.
    let (headers, bytes) = served.signed(&click(&actor, &button, actor.channel_id), &now());
    assert_eq!(
        answer(served.post_raw(&headers, bytes.clone()).await).await["type"],
        9
    );
    let copy = answer(served.post_raw(&headers, bytes).await).await;
    assert_eq!(copy["type"], 6, "{copy:#}");
    assert!(copy["data"].is_null(), "{copy:#}");
    assert_eq!(
        served
            .metrics
            .render(None)
            .matches("duplicate_total 2")
            .count(),
        1
    );
    other.stop().await;
    served.stop().await;
    fake.assert_bodies_valid();
}

/// A gateway resume may re-send dispatches the bot already handled: the
/// same `/poll create` twice is one poll and one post, and the same click
/// on a multi-choice poll twice is one toggle, not on-and-off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dispatch_delivered_twice_over_the_gateway_has_one_effect() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;
    let creator = moderator();
    let channel = creator.channel_id;
    let create = poll_create(
        &creator,
        "Pick all you love",
        vec![json!({ "name": "multi", "type": 5, "value": true })],
    );
    fake.interaction(create.clone());
    fake.interaction(create.clone());
    reply_to(&fake, &create).await;
    let id = poll_number(body(&posts_in(&fake, channel)[0]));

    let vote = click(&member(), &format!("poll:vote:{id}:1"), channel);
    fake.interaction(vote.clone());
    fake.interaction(vote.clone());
    let (_, reply) = reply_to(&fake, &vote).await;
    assert!(content_of(&reply).starts_with("You voted for"), "{reply:#}");
    let waited = tokio::time::timeout(support::fake::PATIENCE, async {
        while !bot
            .metrics
            .render(None)
            .contains("ostbot_interactions_duplicate_total 2")
        {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "both copies were seen");
    assert_eq!(posts_in(&fake, channel).len(), 1, "one poll message");
    assert_eq!(
        support::count(&bot.pool, "SELECT COUNT(*) FROM polls").await,
        1
    );
    assert_eq!(
        support::count(&bot.pool, "SELECT COUNT(*) FROM poll_votes").await,
        1,
        "one toggle: the option stays chosen"
    );
    let callbacks = fake
        .requests()
        .into_iter()
        .filter(|r| is_callback_of(&vote)(r))
        .count();
    assert_eq!(callbacks, 1, "the copy is not answered");
    bot.stop().await;
    fake.assert_bodies_valid();
}

/// Every channel setting refuses a channel whose server is another one (a
/// crafted option: Discord's picker only lists this server's channels).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_of_another_server_is_refused_by_every_channel_setting() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let (option, resolved, id) = channel_option("elsewhere");
    fake.respond(
        "GET",
        &format!("/channels/{id}"),
        200,
        json!({
            "id": id.to_string(), "guild_id": "999999999999999999", "name": "elsewhere",
            "type": 0, "position": 0, "permission_overwrites": [], "rate_limit_per_user": 0,
            "nsfw": false, "topic": null, "last_message_id": null, "parent_id": null,
            "default_auto_archive_duration": 1440
        }),
    );
    let m = moderator();
    let weekly = sub(
        "weekly",
        vec![
            option.clone(),
            s("day", "friday"),
            s("time", "20:00"),
            s("timezone", "Asia/Seoul"),
        ],
    );
    for command in [sub("review-feed", vec![option]), weekly] {
        let reply = answer(
            served
                .post(&m.command("config", command, resolved.clone()))
                .await,
        )
        .await;
        assert_eq!(reply["data"]["flags"], 64, "{reply:#}");
        assert_eq!(
            content_of(&reply["data"]),
            "That channel is in another server. Choose a channel of this server."
        );
    }
    let pool = ostbot::app::open_database(&served.database)
        .await
        .expect("database");
    assert_eq!(
        support::count(
            &pool,
            "SELECT COUNT(*) FROM guild_settings
             WHERE review_feed_channel IS NOT NULL OR weekly_channel IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        support::count(&pool, "SELECT COUNT(*) FROM weekly_jobs").await,
        0
    );
    served.stop().await;
}

/// Member text echoed in a reply is shown as typed: markdown escaped,
/// mentions shown as text, and still nobody pinged.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn echoed_member_text_cannot_restyle_a_reply() {
    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let reply = answer(
        served
            .post(&track_command(
                &member(),
                "@everyone <@&456> **zzqx** ||x||",
            ))
            .await,
    )
    .await;
    let text = content_of(&reply["data"]);
    assert!(
        text.contains("@\u{200B}everyone \\<@&456\\> \\*\\*zzqx\\*\\* \\|\\|x\\|\\|"),
        "{text}"
    );
    assert!(!text.contains("<@&456>"), "{text}");
    assert_eq!(
        reply["data"]["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [] })
    );
    served.stop().await;
}

/// The real binary at `RUST_LOG=trace` (beyond the documented debug
/// recipe) against the fake Discord: answering over REST, and an
/// interaction serenity cannot parse, which is logged at warn with its id
/// and type. Neither the bot token nor an interaction token nor a body
/// appears in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trace_log_holds_no_token_and_no_body() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    // The template's copy: the catalog is in it, so the start imports nothing.
    let database = support::seed(dir.path(), "bot.db");
    let mut run = Child::spawn(
        dir.path(),
        &["run", "--metrics", "127.0.0.1:0"],
        &[
            ("RUST_LOG", "trace"),
            ("DISCORD_TOKEN", support::TOKEN),
            ("DISCORD_API_BASE", fake.api_base()),
            ("DATABASE_URL", &database),
        ],
    );
    let metrics_address = run.address("serving /metrics").await;
    fake.wait_sessions(1).await;
    let lookup = track_command(&member(), TRACK);
    fake.interaction(lookup.clone());
    fake.wait_for("the /track answer", is_callback_of(&lookup))
        .await;
    // serenity fills in missing `options` (`#[serde(default)]`), but
    // options that are not a list do not parse.
    let mut broken = track_command(&member(), TRACK);
    broken["data"]["options"] = json!("not a list");
    fake.interaction(broken.clone());
    let client = reqwest::Client::new();
    let dropped = tokio::time::timeout(support::fake::PATIENCE, async {
        loop {
            let metrics = client
                .get(format!("http://{metrics_address}/metrics"))
                .send()
                .await
                .expect("metrics")
                .text()
                .await
                .expect("text");
            if metrics.contains("ostbot_interactions_unparsed_total 1") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(dropped.is_ok(), "the unparsed interaction was counted");
    // The warning is logged before the counter moves; the line may still
    // be on its way.
    let warned = run
        .line_within(
            "dropped an interaction serenity cannot parse",
            support::fake::PATIENCE,
        )
        .await;
    assert!(warned.is_some(), "no warning for the dropped interaction");
    let log = run.log();
    assert!(run.terminate().await.success());
    let log = log.join("\n");
    assert!(log.len() > 1_000, "a trace log was written:\n{log}");
    let token = |i: &Value| i["token"].as_str().unwrap_or_default().to_owned();
    for secret in [token(&lookup), token(&broken), support::TOKEN.to_owned()] {
        assert!(!log.contains(&secret), "{secret} is in the log");
    }
    assert!(!log.contains("body: Some("), "a request body is in the log");
    let id = broken["id"].as_str().unwrap_or_default();
    assert!(
        log.lines().any(|l| l.contains(" WARN ")
            && l.contains("dropped an interaction serenity cannot parse")
            && l.contains(&format!("interaction={id}"))
            && l.contains("kind=2")),
        "no warning names the dropped interaction"
    );
}

// ---------------------------------------------------------------------------
// Fuzzing (issue 15): seeded mutations of real payloads.

/// A small seeded generator (xorshift64*), so a failure replays exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Odd strings: huge, right-to-left, zero-width, combining, emoji,
/// mentions and markdown, control characters, numbers that overflow.
fn odd_string(rng: &mut Rng) -> Value {
    let pieces = [
        "\u{202E}evil\u{202C}",
        "\u{200B}\u{200D}\u{FEFF}",
        "e\u{301}\u{301}\u{301}\u{301}",
        "👩‍👩‍👧‍👦🇰🇷",
        "@everyone <@&456> **x** ||y|| `z`",
        "\u{0}\u{1}\u{7f}\n\r\t",
        "첫눈처럼 너에게 가겠다",
        "18446744073709551616",
        "-1",
        "poll:vote:99999999:1",
        "review:delete:1:2:3:4",
        "reviews:delete:x",
        "forget:confirm",
        "\u{D7FF}\u{E000}\u{10FFFF}",
    ];
    let piece = pieces[rng.below(pieces.len())];
    let repeat = match rng.below(4) {
        0 => 1,
        1 => 3,
        2 => 200,
        _ => 5_000,
    };
    Value::String(piece.repeat(repeat))
}

/// One mutation somewhere in `value`.
fn mutate(rng: &mut Rng, value: &mut Value, depth: usize) {
    let descend = depth < 8 && rng.below(3) != 0;
    match value {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = keys[rng.below(keys.len())].clone();
            if descend {
                if let Some(child) = map.get_mut(&key) {
                    mutate(rng, child, depth + 1);
                    return;
                }
            }
            match rng.below(7) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(key, odd_string(rng));
                }
                2 => {
                    let n = [0i64, -1, 99, i64::MAX, i64::MIN][rng.below(5)];
                    map.insert(key, json!(n));
                }
                3 => {
                    map.insert(key, json!(null));
                }
                4 => {
                    let mut deep = json!(1);
                    for i in 0..rng.below(200) {
                        deep = if i % 2 == 0 {
                            json!([deep])
                        } else {
                            json!({ "a": deep })
                        };
                    }
                    map.insert(key, deep);
                }
                5 => {
                    map.insert(key, json!([true, 1.5, "x", {}]));
                }
                _ => {
                    map.insert(format!("unknown_{}", rng.below(100)), odd_string(rng));
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = rng.below(items.len());
            if descend {
                mutate(rng, &mut items[at], depth + 1);
            } else if rng.below(2) == 0 {
                items.remove(at);
            } else {
                let copy = items[at].clone();
                for _ in 0..rng.below(40) {
                    items.push(copy.clone());
                }
            }
        }
        Value::String(_) => *value = odd_string(rng),
        Value::Number(_) => {
            *value = [
                json!(0),
                json!(-7),
                json!(1e308),
                json!("12"),
                json!(u64::MAX),
            ][rng.below(5)]
            .clone()
        }
        other => *other = odd_string(rng),
    }
}

/// Payloads the bot really receives: our simulated members' interactions
/// of every kind, and Discord's examples when `../shared` is present.
fn fuzz_seeds() -> Vec<Value> {
    let actor = member();
    let m = moderator();
    let message = simulated::message(
        simulated::next_snowflake(),
        actor.channel_id,
        "",
        json!([]),
        json!([]),
    );
    let mut seeds = vec![
        track_command(&actor, TRACK),
        track_autocomplete(&actor, "첫눈"),
        poll_create(&m, "Best?", vec![]),
        m.command("config", sub("show", vec![]), json!({})),
        actor.command("help", json!([]), json!({})),
        actor.command("reviews", json!([]), json!({})),
        actor.command("leaderboard", json!([]), json!({})),
        actor.command("forget-me", json!([]), json!({})),
        actor.component("poll:vote:1:0", None, message.clone()),
        actor.component(
            "poll:pick:1",
            Some(&["0".to_owned(), "1".to_owned()]),
            message.clone(),
        ),
        actor.component("review:open:t:1", None, message.clone()),
        actor.component("reviews:page:d:1:0", None, message.clone()),
        actor.component(&format!("forget:confirm:{}", actor.user_id), None, message),
        actor.modal_submit(
            "review:submit:t:1",
            &[
                ("score".into(), "8".into()),
                ("text".into(), "좋아요".into()),
            ],
        ),
    ];
    let dir = schema::spec_path().parent().map(|d| d.join("payloads"));
    match dir.as_ref().and_then(|d| std::fs::read_dir(d).ok()) {
        Some(entries) => {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with("interaction-")
                    && name.ends_with(".json")
                    && !name.contains("response")
                {
                    if let Some(value) = std::fs::read_to_string(entry.path())
                        .ok()
                        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
                    {
                        seeds.push(value);
                    }
                }
            }
        }
        None => eprintln!(
            "fuzz: Discord's example payloads are absent ({}); fuzzing our own payloads only",
            dir.map(|d| d.display().to_string()).unwrap_or_default()
        ),
    }
    seeds
}

/// The `n`th fuzz case: a seed with fresh ids, mutated one to four times.
fn fuzz_case(rng: &mut Rng, seeds: &[Value]) -> Value {
    let mut case = seeds[rng.below(seeds.len())].clone();
    if case.is_object() {
        case["id"] = json!(simulated::next_snowflake().to_string());
    }
    // Mostly one mutation, so that many cases still parse and reach the
    // handlers; sometimes up to four.
    let mutations = if rng.below(2) == 0 {
        1
    } else {
        1 + rng.below(4)
    };
    for _ in 0..mutations {
        mutate(rng, &mut case, 0);
    }
    case
}

/// Every message reply: ephemeral when it refuses, and pinging nobody.
fn check_reply(case: &Value, reply: &Value, refused: bool) {
    let data = &reply["data"];
    if matches!(reply["type"].as_u64(), Some(4 | 7)) {
        assert_eq!(
            data["allowed_mentions"],
            json!({ "parse": [], "users": [], "roles": [] }),
            "{case}\n{reply:#}"
        );
        if refused {
            assert_eq!(
                data["flags"].as_u64().unwrap_or(0) & 64,
                64,
                "{case}\n{reply:#}"
            );
        }
    }
}

/// Thousands of mutated payloads through the dispatcher, and hundreds
/// through the signed HTTP endpoint: no panic, only 200/202/400/401/413,
/// and every refusal private and silent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mutated_payloads_never_panic_and_refusals_stay_private() {
    let seeds = fuzz_seeds();
    let mut rng = Rng(0x0000_571b_0715_2026);
    let (_dir, _url, pool) = support::database().await;
    let bot = ostbot::app::offline_bot(pool);
    let mut parsed = 0;
    for _ in 0..3_000 {
        let case = fuzz_case(&mut rng, &seeds);
        let bytes = case.to_string().into_bytes();
        let Ok(interaction) = ostbot::bot::dispatch::parse_interaction(&bytes) else {
            continue;
        };
        parsed += 1;
        let handled = ostbot::bot::dispatch::handle(&bot, interaction).await;
        let refused = handled.outcome != Outcome::Ok;
        check_reply(&case, &handled.response.to_json(), refused);
    }
    eprintln!("fuzz through the dispatcher: {parsed} of 3000 cases parsed");
    assert!(
        parsed > 400,
        "too few cases reached the dispatcher: {parsed}"
    );

    let fake = FakeDiscord::start().await;
    let served = Served::start(&fake, Deadline::default()).await;
    let mut statuses = std::collections::BTreeMap::new();
    for n in 0..400 {
        let case = fuzz_case(&mut rng, &seeds);
        let response = if n % 25 == 0 {
            // Bad signatures and stale timestamps among them.
            let (mut headers, body) = served.signed(&case, &now());
            headers[n % 2].1 = if n % 2 == 0 {
                "00".repeat(64)
            } else {
                "1".into()
            };
            served.post_raw(&headers, body).await
        } else {
            served.post(&case).await
        };
        let status = response.status().as_u16();
        *statuses.entry(status).or_insert(0) += 1;
        assert!(
            matches!(status, 200 | 202 | 400 | 401 | 413),
            "{status}: {case}"
        );
        if status == 200 {
            let reply: Value =
                serde_json::from_str(&response.text().await.expect("body")).expect("JSON");
            let refused = reply["data"]["flags"]
                .as_u64()
                .is_some_and(|f| f & 64 == 64);
            check_reply(&case, &reply, refused);
        }
    }
    eprintln!("fuzz over HTTP: {statuses:?}");
    assert!(statuses.get(&200).is_some_and(|n| *n > 40), "{statuses:?}");
    served.stop().await;
}

// ---------------------------------------------------------------------------
// Crashes (issue 15).

/// `ostbot serve` as a child process on `database` with a fresh
/// application key and `more` environment, not waited for.
fn serve_child(
    fake: &FakeDiscord,
    dir: &std::path::Path,
    database: &str,
    more: &[(&str, &str)],
) -> (Child, SigningKey) {
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let child = serve_with_key(fake, dir, database, &key, more);
    (child, key)
}

/// `serve_child`, once it listens: the child, its key, its address.
async fn spawn_serve(
    fake: &FakeDiscord,
    dir: &std::path::Path,
    database: &str,
    more: &[(&str, &str)],
) -> (Child, SigningKey, String) {
    let (mut child, key) = serve_child(fake, dir, database, more);
    let address = child.address("serving interactions").await;
    (child, key, address)
}

/// `ostbot serve` under a bounded load of reviews and votes, killed with
/// SIGKILL mid-load: after a restart every acknowledged review and vote is
/// in the database, `PRAGMA integrity_check` is ok, and the score
/// aggregates equal a recount from the voices.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_a_sigkill_under_load() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    // The template's copy: the catalog is in it, so the start imports nothing.
    let database = support::seed(dir.path(), "bot.db");
    let (serve, key, address) = spawn_serve(&fake, dir.path(), &database, &[]).await;
    let client = reqwest::Client::new();
    let json_of = |r: reqwest::Response| async move {
        serde_json::from_str::<Value>(&r.text().await.expect("body")).expect("JSON")
    };

    let creator = moderator();
    json_of(
        signed_post(
            &client,
            &address,
            &key,
            &poll_create(&creator, "Crash?", vec![]),
        )
        .await
        .expect("answer"),
    )
    .await;
    let poll = poll_number(body(&posts_in(&fake, creator.channel_id)[0]));
    let first = member();
    let reply = json_of(
        signed_post(&client, &address, &key, &track_command(&first, TRACK))
            .await
            .expect("answer"),
    )
    .await;
    let button = custom_ids(&reply["data"])
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .expect("a Review button");
    let modal = json_of(
        signed_post(
            &client,
            &address,
            &key,
            &click(&first, &button, first.channel_id),
        )
        .await
        .expect("answer"),
    )
    .await;
    let form = modal["data"]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // Four clients; each member writes one review and casts one vote.
    let acked = Arc::new(std::sync::Mutex::new((
        Vec::<u64>::new(),
        Vec::<u64>::new(),
    )));
    let mut clients = Vec::new();
    for c in 0..4u64 {
        let (client, address, key, form, acked) = (
            client.clone(),
            address.clone(),
            SigningKey::from_bytes(&key.to_bytes()),
            form.clone(),
            acked.clone(),
        );
        let channel = creator.channel_id;
        clients.push(tokio::spawn(async move {
            for n in 0..400u64 {
                let actor =
                    Actor::new("Seoul OST Club", "general", &format!("load-{c}-{n}"), false);
                let score = 1 + (c + n) % 10;
                let submit = actor.modal_submit(&form, &[("score".into(), score.to_string())]);
                let Ok(r) = signed_post(&client, &address, &key, &submit).await else {
                    return;
                };
                let Ok(reply) = r
                    .text()
                    .await
                    .map(|t| serde_json::from_str::<Value>(&t).unwrap_or_default())
                else {
                    return;
                };
                if content_of(&reply["data"]) == "Your review is saved." {
                    acked.lock().expect("acked").0.push(actor.user_id);
                }
                let vote = click(&actor, &format!("poll:vote:{poll}:{}", n % 2), channel);
                let Ok(r) = signed_post(&client, &address, &key, &vote).await else {
                    return;
                };
                let Ok(reply) = r
                    .text()
                    .await
                    .map(|t| serde_json::from_str::<Value>(&t).unwrap_or_default())
                else {
                    return;
                };
                if content_of(&reply["data"]).starts_with("You voted for") {
                    acked.lock().expect("acked").1.push(actor.user_id);
                }
            }
        }));
    }
    // Kill it once a good part of the load is acknowledged.
    let loaded = tokio::time::timeout(support::fake::PATIENCE * 3, async {
        while acked.lock().expect("acked").0.len() < 150 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    })
    .await;
    serve.kill();
    assert!(loaded.is_ok(), "the load was acknowledged");
    for client in clients {
        let _ = client.await;
    }
    let (reviews, votes) = acked.lock().expect("acked").clone();
    assert!(!votes.is_empty());

    // A restart on the same file.
    let pool = ostbot::app::open_database(&database)
        .await
        .expect("reopens");
    assert_eq!(support::integrity(&pool).await, "ok");
    let stored: std::collections::HashSet<i64> =
        ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
            "SELECT member_id FROM reviews"
        )
        .fetch_all(e)
        .await)
        .expect("reviews")
        .into_iter()
        .collect();
    let lost: Vec<&u64> = reviews
        .iter()
        .filter(|m| !stored.contains(&(**m as i64)))
        .collect();
    assert!(lost.is_empty(), "acknowledged reviews lost: {lost:?}");
    let voted: std::collections::HashSet<i64> = ostbot_core::on_db!(&pool, |e| sqlx::query_scalar(
        "SELECT member_id FROM poll_votes WHERE poll_id = $1"
    )
    .bind(poll as i64)
    .fetch_all(e)
    .await)
    .expect("votes")
    .into_iter()
    .collect();
    let lost: Vec<&u64> = votes
        .iter()
        .filter(|m| !voted.contains(&(**m as i64)))
        .collect();
    assert!(lost.is_empty(), "acknowledged votes lost: {lost:?}");
    assert_scores_match_a_recount(&pool).await;
    let (counted,): (i64,) = ostbot_core::on_db!(&pool, |e| {
        sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(voices), 0) AS BIGINT) FROM score_totals WHERE guild_id != 0 AND kind = 'track'",
    )
    .fetch_one(e).await
    })
    .expect("totals");
    assert!(
        counted >= reviews.len() as i64,
        "{counted} < {}",
        reviews.len()
    );
}

/// Every server's score aggregates equal a recount from the voices.
async fn assert_scores_match_a_recount(pool: &ostbot::db::Database) {
    let drift: Vec<(i64, String, i64)> = ostbot_core::on_db!(pool, |e| sqlx::query_as(
        "SELECT t.guild_id, t.kind, t.target_id FROM score_totals t
         LEFT JOIN (SELECT guild_id, kind, target_id, COUNT(*) AS n, SUM(voice) AS s
                    FROM voices GROUP BY guild_id, kind, target_id) v
           ON v.guild_id = t.guild_id AND v.kind = t.kind AND v.target_id = t.target_id
         WHERE t.guild_id != 0 AND (t.voices != coalesce(v.n, 0) OR abs(t.total - coalesce(v.s, 0)) > 1e-6)",
    )
    .fetch_all(e).await)
    .expect("recount");
    assert!(
        drift.is_empty(),
        "aggregates differ from a recount: {drift:?}"
    );
}

/// Votes and reviews through a round-robin load balancer in front of two
/// `serve` replicas of one database, from 8 clients at once: consecutive
/// clicks land on different replicas, and each is counted once; the poll's
/// coalesced edit ends on the full count; the weekly run both replicas
/// find due at start-up is posted once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_replicas_behind_a_load_balancer_count_everything_once() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = support::seed(dir.path(), "bot.db");
    let listening = weekly_run_due_now(&database).await;
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let mut replicas = [
        serve_with_key(&fake, dir.path(), &database, &key, &[]),
        serve_with_key(&fake, dir.path(), &database, &key, &[]),
    ];
    let mut backends = Vec::new();
    for replica in &mut replicas {
        backends.push(support::child::address_in(
            &replica.logged("serving interactions").await,
        ));
    }
    let balancer = support::proxy::RoundRobin::start(&backends).await;
    let address = balancer.address.clone();
    for replica in &mut replicas {
        replica.logged("scheduler caught up").await;
    }
    assert_eq!(fake.created_in(listening), 1, "the weekly poll, once");

    let client = reqwest::Client::new();
    let signer = key.clone();
    let send = move |payload: Value| {
        let (client, address, key) = (client.clone(), address.clone(), signer.clone());
        async move {
            let answer = signed_post(&client, &address, &key, &payload).await.ok()?;
            serde_json::from_str::<Value>(&answer.text().await.ok()?).ok()
        }
    };
    let creator = moderator();
    send(poll_create(&creator, "Which one?", vec![]))
        .await
        .expect("the poll");
    let poll_post = &posts_in(&fake, creator.channel_id)[0];
    let poll = poll_number(body(poll_post));
    let reply = send(track_command(&member(), TRACK))
        .await
        .expect("the card");
    let button = custom_ids(&reply["data"])
        .into_iter()
        .find(|id| id.starts_with("review:open:"))
        .expect("a Review button");
    let modal = send(click(&member(), &button, creator.channel_id))
        .await
        .expect("the form");
    let form = modal["data"]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let acked = Arc::new(std::sync::Mutex::new((0usize, 0usize)));
    let mut clients = Vec::new();
    for c in 0..8u64 {
        let (send, form, acked) = (send.clone(), form.clone(), acked.clone());
        let channel = creator.channel_id;
        clients.push(tokio::spawn(async move {
            for n in 0..12u64 {
                let actor = Actor::new("Seoul OST Club", "general", &format!("lb-{c}-{n}"), false);
                let score = (1 + (c + n) % 10).to_string();
                let reply = send(actor.modal_submit(&form, &[("score".into(), score)])).await;
                if reply.is_some_and(|r| content_of(&r["data"]) == "Your review is saved.") {
                    acked.lock().expect("acked").0 += 1;
                }
                let vote = click(&actor, &format!("poll:vote:{poll}:{}", n % 2), channel);
                let reply = send(vote).await;
                if reply.is_some_and(|r| content_of(&r["data"]).starts_with("You voted for")) {
                    acked.lock().expect("acked").1 += 1;
                }
            }
        }));
    }
    for client in clients {
        client.await.expect("client");
    }
    let (reviews, votes) = *acked.lock().expect("acked");
    assert_eq!((reviews, votes), (96, 96), "every write is acknowledged");
    let served = balancer.served();
    assert!(
        served.iter().all(|n| *n > 90),
        "both replicas answer: {served:?}"
    );

    let pool = ostbot::app::open_database(&database)
        .await
        .expect("database");
    let stored = support::count(
        &pool,
        "SELECT COUNT(*) FROM reviews WHERE member_id IN (SELECT member_id FROM poll_votes)",
    )
    .await;
    assert_eq!(stored, 96, "each review once");
    let ballots = support::count(
        &pool,
        &format!("SELECT COUNT(*) FROM poll_votes WHERE poll_id = {poll}"),
    )
    .await;
    assert_eq!(ballots, 96, "each vote once");
    assert_scores_match_a_recount(&pool).await;
    let edit_path = format!("/channels/{}/messages/", creator.channel_id);
    let shown = "96 members voted";
    fake.wait_for("the coalesced edit with every vote", |r| {
        r.method == "PATCH"
            && r.path.starts_with(&edit_path)
            && r.body
                .as_ref()
                .is_some_and(|b| b.to_string().contains(shown))
    })
    .await;
    pool.close().await;
    for replica in replicas {
        assert!(replica.terminate().await.success());
    }
    fake.assert_bodies_valid();
}

/// A replica killed (SIGKILL) in the middle of the weekly job, its poll
/// stored by Discord but the answer never read: the other replica takes
/// the run over once the lease ends, and Discord keeps one poll (same
/// nonce).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_mid_weekly_job_leaves_it_to_the_other() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = support::seed(dir.path(), "bot.db");
    let listening = weekly_run_due_now(&database).await;
    fake.fail_next(
        "POST",
        "/channels/{channel_id}/messages",
        Fault::StoreThenHang,
    );
    let key = SigningKey::generate(&mut rand::rngs::OsRng);
    let lease = [("JOB_LEASE_SECS", "3")];
    let first = serve_with_key(&fake, dir.path(), &database, &key, &lease);
    let path = format!("/channels/{listening}/messages");
    let stalled = fake
        .wait_for("the weekly poll", |r| r.method == "POST" && r.path == path)
        .await;
    assert_eq!(stalled.status, 200, "stored; the answer never comes");
    let mut second = serve_with_key(&fake, dir.path(), &database, &key, &lease);
    second.logged("scheduler caught up").await;
    first.kill();

    let retried = fake
        .wait_for("the run taken over", |r| {
            r.method == "POST" && r.path == path
        })
        .await;
    assert_eq!(retried.status, 200, "{:?}", retried.schema_errors);
    let nonce = |r: &Recorded| r.body.as_ref().map(|b| b["nonce"].clone());
    assert_eq!(
        nonce(&retried),
        nonce(&stalled),
        "the same post, the same nonce"
    );
    assert_eq!(fake.created_in(listening), 1, "one weekly poll");
    let pool = ostbot::app::open_database(&database)
        .await
        .expect("database");
    let finished = support::count(
        &pool,
        "SELECT COUNT(*) FROM weekly_jobs WHERE run_cycle IS NULL AND open_poll IS NOT NULL",
    )
    .await;
    assert_eq!(finished, 1, "the run is finished, its poll open");
    pool.close().await;
    assert!(second.terminate().await.success());
    fake.assert_bodies_valid();
}

/// `ostbot serve` with `BACKUP_DIR` backs up at start; killed with SIGKILL
/// while that backup is being written, it damages neither the database nor
/// the previous backup, and leaves no torn file under a backup's name. The
/// next start writes a complete backup and clears the leftover.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigkill_during_a_scheduled_backup_damages_nothing() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bot.db");
    let database = format!("sqlite://{}", file.display());
    let backups = dir.path().join("backups");
    std::fs::create_dir_all(&backups).expect("dir");
    let pool = ostbot::app::open_database(&database)
        .await
        .expect("database");
    // Some 24 MB, so that the copy takes a while.
    ostbot_core::on_db!(&pool, |e| sqlx::query("CREATE TABLE ballast (b BLOB)")
        .execute(e)
        .await
        .map(|done| done.rows_affected()))
    .expect("table");
    ostbot_core::on_db!(&pool, |e| sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000)
         INSERT INTO ballast SELECT randomblob(4000) FROM n",
    )
    .execute(e)
    .await
    .map(|done| done.rows_affected()))
    .expect("ballast");
    let previous = backups.join("ostbot-20200101T000000Z.db");
    ostbot::backup::write(&pool, &previous)
        .await
        .expect("an earlier backup");
    pool.close().await;
    let previous_bytes = std::fs::read(&previous).expect("read");

    let backup_dir = backups.display().to_string();
    let env = [
        ("BACKUP_DIR", backup_dir.as_str()),
        ("BACKUP_EVERY", "6h"),
        ("BACKUP_KEEP", "5"),
    ];
    let partial_exists = || {
        std::fs::read_dir(&backups)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".partial"))
    };
    // Watched on disk rather than in the log: the backup starts at once,
    // maybe before the endpoint says where it listens.
    let (serve, _) = serve_child(&fake, dir.path(), &database, &env);
    let started = tokio::time::timeout(support::fake::PATIENCE, async {
        while !partial_exists() {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
    })
    .await;
    assert!(started.is_ok(), "the scheduled backup started");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    serve.kill();

    let names = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let after_kill = names();
    assert!(
        after_kill.iter().any(|n| n.ends_with(".partial")),
        "killed while the backup was written: {after_kill:?}"
    );
    assert_eq!(
        std::fs::read(&previous).expect("read"),
        previous_bytes,
        "the previous backup is untouched"
    );
    for name in after_kill.iter().filter(|n| n.ends_with(".db")) {
        let verdict = ostbot::backup::check(&backups.join(name))
            .await
            .expect("opens");
        assert!(verdict.is_ok(), "{name}: {verdict:?}");
    }
    let pool = ostbot::app::open_database(&database)
        .await
        .expect("reopens");
    assert_eq!(support::integrity(&pool).await, "ok");
    pool.close().await;

    // The next start finishes a backup and removes what the kill left;
    // `/metrics` shows when it succeeded.
    let (serve, _, address) = spawn_serve(&fake, dir.path(), &database, &env).await;
    let client = reqwest::Client::new();
    let last = tokio::time::timeout(support::fake::PATIENCE * 3, async {
        loop {
            let metrics = client
                .get(format!("http://{address}/metrics"))
                .send()
                .await
                .expect("metrics")
                .text()
                .await
                .expect("text");
            let last = metrics
                .lines()
                .find_map(|l| l.strip_prefix("ostbot_backup_last_success_timestamp_seconds "))
                .and_then(|v| v.trim().parse::<i64>().ok())
                .unwrap_or_default();
            if last > 0 {
                return last;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await;
    let now = chrono::Utc::now().timestamp();
    assert!(
        last.as_ref()
            .is_ok_and(|last| (now - 600..=now).contains(last)),
        "a backup completed ({last:?}); after the kill: {after_kill:?}"
    );
    assert!(serve.terminate().await.success());
    let finished = names();
    assert!(
        finished.iter().all(|n| !n.ends_with(".partial")),
        "{finished:?}"
    );
    let finished: Vec<&String> = finished.iter().filter(|n| n.ends_with(".db")).collect();
    assert!(finished.len() >= 2, "{finished:?}");
    for name in finished {
        let verdict = ostbot::backup::check(&backups.join(name))
            .await
            .expect("opens");
        assert!(verdict.is_ok(), "{name}: {verdict:?}");
    }
}

/// A member's suggestion posted in the catalog channel; a moderator
/// rejects one through its form and approves another with its button, over
/// the gateway; every body the bot sends is checked against the schema.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_are_posted_and_decided_with_their_buttons_over_the_gateway() {
    let fake = FakeDiscord::start().await;
    let bot = GatewayBot::start(&fake, Deadline::default()).await;
    fake.wait_sessions(1).await;

    let (option, resolved, channel) = channel_option("catalog");
    let configure = moderator().command("config", sub("catalog-channel", vec![option]), resolved);
    fake.interaction(configure.clone());
    let (_, reply) = reply_to(&fake, &configure).await;
    assert!(
        content_of(&reply).contains(&format!("<#{channel}>")),
        "{reply:#}"
    );

    let actor = member();
    let mut posted = Vec::new();
    let mut suggested = Vec::new();
    for title in ["Snowfall Letter", "Not An OST At All"] {
        let suggest = actor.command(
            "suggest",
            sub("track", vec![s("drama", "id:1"), s("title", title)]),
            json!({}),
        );
        suggested.push(suggest.clone());
        fake.interaction(suggest.clone());
        let (kind, reply) = reply_to(&fake, &suggest).await;
        assert_eq!((kind, reply["flags"].as_u64()), (4, Some(64)), "{reply:#}");
        assert!(content_of(&reply).contains(title), "{reply:#}");
        // Posted for moderators before the member's answer.
        let post = posts_in(&fake, channel)
            .into_iter()
            .find(|r| {
                r.body
                    .as_ref()
                    .is_some_and(|b| b.to_string().contains(title))
            })
            .unwrap_or_else(|| panic!("{title} was not posted in the catalog channel"));
        posted.push(body(&post).clone());
    }
    let approve = custom_ids(&posted[0])
        .into_iter()
        .find(|id| id.starts_with("suggest:approve:"))
        .unwrap_or_else(|| panic!("no Approve in {:#}", posted[0]));
    let reject = custom_ids(&posted[1])
        .into_iter()
        .find(|id| id.starts_with("suggest:reject:"))
        .unwrap_or_else(|| panic!("no Reject in {:#}", posted[1]));

    let press = click(&moderator(), &reject, channel);
    fake.interaction(press.clone());
    let answered = fake
        .wait_for("the reject form", is_callback_of(&press))
        .await;
    assert_eq!(body(&answered)["type"], 9, "{:#}", body(&answered));
    let form = body(&answered)["data"]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let submit =
        moderator().modal_submit(&form, &[("reason".into(), "A cover, not an OST".into())]);
    fake.interaction(submit.clone());
    let (kind, reply) = reply_to(&fake, &submit).await;
    assert_eq!(kind, 7, "the post is updated: {reply:#}");
    assert!(
        reply.to_string().contains("A cover, not an OST"),
        "{reply:#}"
    );

    let press = click(&actor, &approve, channel);
    fake.interaction(press.clone());
    let (_, reply) = reply_to(&fake, &press).await;
    assert!(
        content_of(&reply).contains("Manage Server"),
        "a member may not approve: {reply:#}"
    );
    let press = click(&moderator(), &approve, channel);
    fake.interaction(press.clone());
    let (kind, reply) = reply_to(&fake, &press).await;
    assert_eq!(kind, 7, "{reply:#}");
    assert!(
        custom_ids(&reply).is_empty(),
        "decided: no buttons left: {reply:#}"
    );
    let added = support::count(
        &bot.pool,
        "SELECT COUNT(*) FROM tracks WHERE title = 'Snowfall Letter' AND scope != 0",
    )
    .await;
    assert_eq!(added, 1);
    // Each member hears of the decision in an ephemeral follow-up on their
    // /suggest, sent before the moderator's answer.
    for (suggest, told) in suggested
        .iter()
        .zip(["was approved", "A cover, not an OST"])
    {
        let follow_up = fake
            .requests()
            .into_iter()
            .find(is_follow_up_of(suggest))
            .unwrap_or_else(|| panic!("no follow-up on {suggest:#}"));
        assert_eq!(follow_up.status, 200, "{:?}", follow_up.schema_errors);
        assert_eq!(body(&follow_up)["flags"].as_u64(), Some(64));
        assert!(
            content_of(body(&follow_up)).contains(told),
            "{:#}",
            body(&follow_up)
        );
    }
    bot.stop().await;
    fake.assert_bodies_valid();
}

fn is_follow_up_of(interaction: &Value) -> impl Fn(&Recorded) -> bool {
    let path = format!(
        "/webhooks/{}/{}",
        interaction["application_id"].as_str().unwrap_or_default(),
        interaction["token"].as_str().unwrap_or_default()
    );
    move |r: &Recorded| r.method == "POST" && r.path == path
}
