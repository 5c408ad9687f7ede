//! A fake Discord on 127.0.0.1: the REST routes the bot calls and a gateway
//! WebSocket that behaves as `../shared/discord/gateway.md` describes for
//! serenity 0.12.5. Every request is recorded, and every body is checked
//! against Discord's OpenAPI spec (see `schema.rs`). A test tells it which
//! interactions to dispatch and when to misbehave, and waits on what it
//! records: no sleeps stand in for synchronisation.

use super::schema::{self, Method};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::IntoResponse;
use axum::serve::ListenerExt;
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinHandle;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message as WsMessage;

/// The bot user and application of the fake (serenity reads both from READY).
pub const BOT_USER_ID: u64 = ostbot::transport::simulated::APPLICATION_ID;
/// How long a test waits for something the bot must do before failing.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// One HTTP request the bot made.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    /// Without the `/api/v10` prefix and the query: `/channels/1/messages`.
    pub path: String,
    pub query: String,
    /// The JSON body, or a multipart body's `payload_json`.
    pub body: Option<Value>,
    /// Whether the body came as multipart (with files).
    pub multipart: bool,
    /// The status the fake answered.
    pub status: u16,
    /// What the OpenAPI check found wrong (empty: valid or not checked).
    pub schema_errors: Vec<String>,
    /// Whether the spec was there to check this body against.
    pub schema_checked: bool,
    /// When the whole request had arrived (before any checking): the end
    /// of an interaction's round trip in `benches/e2e.rs`.
    pub received: Instant,
}

/// What the fake does instead of answering normally.
#[derive(Clone, Debug)]
pub enum Fault {
    /// 429 with `retry_after` (seconds) in the body and `Retry-After` header.
    RateLimited { retry_after: f64 },
    /// 500 Internal Server Error.
    ServerError,
    /// Do what the request asks (a message is created), record it, and never
    /// answer: the bot sees a request that hangs, as when Discord stored a
    /// message and the answer was lost, or the bot died waiting for it.
    StoreThenHang,
}

/// A message from the test to the current gateway connection.
enum Command {
    /// A dispatch, already numbered and logged.
    Send(Value),
    /// Close the TCP connection with no close frame.
    Drop,
    /// Close with a close frame and this code.
    Close(u16),
}

struct Shared {
    rest_url: String,
    ws_url: String,
    /// What `GET /gateway` answers when a test points the bot elsewhere.
    gateway_url: Mutex<Option<String>>,
    /// Accept each WebSocket and drop it at once, before HELLO.
    drop_on_connect: std::sync::atomic::AtomicBool,
    /// WebSocket connections accepted so far.
    connections: AtomicU64,
    log: Mutex<Vec<Recorded>>,
    recorded: mpsc::UnboundedSender<Recorded>,
    faults: Mutex<VecDeque<(String, &'static str, Fault)>>,
    /// Answers set by a test: (method, exact path, status, body).
    canned: Mutex<Vec<(String, String, u16, Value)>>,
    /// Messages created, in order: (channel, message id).
    created: Mutex<Vec<(u64, u64)>>,
    /// Like Discord with `enforce_nonce`: the message a (channel, nonce)
    /// created, which a repeat of the nonce gets back instead of a new one.
    nonces: Mutex<std::collections::HashMap<(u64, String), u64>>,
    /// The sessions, one per shard: each its ready connection, sequence and
    /// dispatch log.
    gateway: Mutex<Shards>,
    /// Counts sessions that reached READY or RESUMED.
    sessions: watch::Sender<Sessions>,
    next_id: AtomicU64,
}

/// Like Discord, the fake numbers dispatches per session and replays the
/// ones a resuming client missed; a dispatch sent while the bot is between
/// connections is therefore delivered when it resumes.
#[derive(Default)]
struct Gateway {
    connection: Option<mpsc::UnboundedSender<Command>>,
    session: String,
    seq: u64,
    log: Vec<Value>,
}

/// Like Discord, the fake sends a guild's events to shard
/// `(guild_id >> 22) % total` of the total the shards identified with.
#[derive(Default)]
struct Shards {
    total: u32,
    by_id: std::collections::BTreeMap<u32, Gateway>,
}

impl Shards {
    fn of_guild(&self, guild: Option<u64>) -> u32 {
        shard_of(guild.unwrap_or(0), self.total.max(1))
    }

    fn shard(&mut self, id: u32) -> &mut Gateway {
        self.by_id.entry(id).or_default()
    }
}

/// The shard that carries `guild`'s events, out of `total`.
pub fn shard_of(guild: u64, total: u32) -> u32 {
    ((guild >> 22) % u64::from(total.max(1))) as u32
}

impl Gateway {
    fn push(&mut self, event: &str, data: Value) -> Value {
        self.seq += 1;
        let dispatch = json!({ "op": 0, "s": self.seq, "t": event, "d": data });
        self.log.push(dispatch.clone());
        dispatch
    }
}

#[derive(Clone, Debug, Default)]
pub struct Sessions {
    pub identified: u64,
    pub resumed: u64,
    /// `[shard, total]` of each IDENTIFY, in order.
    pub shards: Vec<[u32; 2]>,
}

impl Sessions {
    pub fn total(&self) -> u64 {
        self.identified + self.resumed
    }
}

pub struct FakeDiscord {
    shared: Arc<Shared>,
    recorded: tokio::sync::Mutex<mpsc::UnboundedReceiver<Recorded>>,
    tasks: Vec<JoinHandle<()>>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let rest = TcpListener::bind("127.0.0.1:0").await.expect("bind REST");
        let ws = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway");
        let rest_url = format!("http://{}", rest.local_addr().expect("address"));
        let ws_url = format!("ws://{}", ws.local_addr().expect("address"));
        let (recorded_tx, recorded_rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared {
            rest_url,
            ws_url,
            gateway_url: Mutex::new(None),
            drop_on_connect: Default::default(),
            connections: AtomicU64::new(0),
            log: Mutex::new(Vec::new()),
            recorded: recorded_tx,
            faults: Mutex::new(VecDeque::new()),
            canned: Mutex::new(Vec::new()),
            created: Mutex::new(Vec::new()),
            nonces: Mutex::new(Default::default()),
            gateway: Mutex::new(Shards::default()),
            sessions: watch::Sender::new(Sessions::default()),
            next_id: AtomicU64::new(1_400_000_000_000_000_000),
        });
        // Compile the schemas before the bot starts talking.
        let _ = schema::schemas();
        let app = Router::new()
            .fallback(rest_route)
            .with_state(shared.clone());
        let rest = rest.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let rest_task = tokio::spawn(async move {
            let _ = axum::serve(rest, app).await;
        });
        let gateway_shared = shared.clone();
        let ws_task = tokio::spawn(async move {
            while let Ok((stream, _)) = ws.accept().await {
                // Like a real server, the fake writes each frame at once
                // (Nagle would hold a dispatch until the last one is acked).
                let _ = stream.set_nodelay(true);
                tokio::spawn(gateway_connection(stream, gateway_shared.clone()));
            }
        });
        FakeDiscord {
            shared,
            recorded: tokio::sync::Mutex::new(recorded_rx),
            tasks: vec![rest_task, ws_task],
        }
    }

    /// What `DISCORD_API_BASE` must be.
    pub fn api_base(&self) -> &str {
        &self.shared.rest_url
    }

    /// From now on `GET /gateway` sends the bot to `url` (a closed port, say).
    pub fn point_gateway_at(&self, url: &str) {
        *self.shared.gateway_url.lock().expect("gateway url") = Some(url.to_owned());
    }

    /// From now on every WebSocket is accepted and then dropped before HELLO.
    pub fn drop_every_connection(&self) {
        self.shared.drop_on_connect.store(true, Ordering::SeqCst);
    }

    /// WebSocket connections the fake has accepted.
    pub fn connections(&self) -> u64 {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Waits for the next recorded request for which `matches` holds.
    /// Requests that do not match stay in `requests()`.
    pub async fn wait_for(&self, what: &str, matches: impl Fn(&Recorded) -> bool) -> Recorded {
        let mut recorded = self.recorded.lock().await;
        let found = tokio::time::timeout(PATIENCE, async {
            while let Some(request) = recorded.recv().await {
                if matches(&request) {
                    return Some(request);
                }
            }
            None
        })
        .await;
        match found {
            Ok(Some(request)) => request,
            _ => panic!(
                "the bot never sent {what}; it sent: {:#?}",
                self.requests()
                    .iter()
                    .map(|r| format!("{} {} -> {}", r.method, r.path, r.status))
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// Messages created in `channel` so far (a post that repeats an
    /// enforced nonce creates none, as on Discord).
    pub fn created_in(&self, channel: u64) -> usize {
        let created = self.shared.created.lock().expect("created");
        created.iter().filter(|(c, _)| *c == channel).count()
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.log.lock().expect("log").clone()
    }

    /// Fails the test if any recorded body broke the spec.
    pub fn assert_bodies_valid(&self) {
        let invalid: Vec<String> = self
            .requests()
            .iter()
            .filter(|r| !r.schema_errors.is_empty())
            .map(|r| format!("{} {}: {:#?}", r.method, r.path, r.schema_errors))
            .collect();
        assert!(
            invalid.is_empty(),
            "invalid bodies:\n{}",
            invalid.join("\n")
        );
    }

    /// The next request with this method to a path matching the spec
    /// template (`/interactions/{interaction_id}/{interaction_token}/callback`)
    /// gets `fault` instead of an answer.
    pub fn fail_next(&self, method: &str, template: &'static str, fault: Fault) {
        self.shared
            .faults
            .lock()
            .expect("faults")
            .push_back((method.to_owned(), template, fault));
    }

    /// From now on, answer `method path` (exact, without `/api/v10`) with
    /// `status` and `body`: for reads a feature needs that the fake does not
    /// know (a guild's roles, a member), or to return an error.
    pub fn respond(&self, method: &str, path: &str, status: u16, body: Value) {
        self.shared.canned.lock().expect("canned").push((
            method.to_owned(),
            path.to_owned(),
            status,
            body,
        ));
    }

    /// Waits until `n` sessions in all reached READY or RESUMED.
    pub async fn wait_sessions(&self, n: u64) -> Sessions {
        let mut sessions = self.shared.sessions.subscribe();
        let ready = tokio::time::timeout(PATIENCE, sessions.wait_for(|s| s.total() >= n)).await;
        match ready {
            Ok(Ok(s)) => s.clone(),
            _ => panic!(
                "the bot never reached session {n} (sessions: {:?})",
                self.shared.sessions.borrow().clone()
            ),
        }
    }

    /// Sends a dispatch (`t`, `d`) in the current session of the shard
    /// of its `guild_id`.
    pub fn dispatch(&self, event: &str, data: Value) {
        let mut shards = self.shared.gateway.lock().expect("gateway");
        let guild = data["guild_id"].as_str().and_then(|g| g.parse().ok());
        let shard = shards.of_guild(guild);
        let gateway = shards.shard(shard);
        let dispatch = gateway.push(event, data);
        if let Some(connection) = &gateway.connection {
            // A connection that has just died leaves it in the log for RESUME.
            let _ = connection.send(Command::Send(dispatch));
        }
    }

    /// `INTERACTION_CREATE` with this interaction.
    pub fn interaction(&self, interaction: Value) {
        self.dispatch("INTERACTION_CREATE", interaction);
    }

    /// Cuts the TCP connection without a close frame.
    pub fn drop_connection(&self) {
        self.end_connection(Command::Drop);
    }

    /// Closes the WebSocket with `code` (4000: "unknown error, reconnect").
    pub fn close_connection(&self, code: u16) {
        self.end_connection(Command::Close(code));
    }

    /// Takes shard 0's connection out before ending it, so the bot's next
    /// session (which may be ready at once) is never mistaken for this one.
    fn end_connection(&self, command: Command) {
        let sender = self
            .shared
            .gateway
            .lock()
            .expect("gateway")
            .shard(0)
            .connection
            .take()
            .expect("no gateway connection is ready (call wait_sessions first)");
        assert!(
            sender.send(command).is_ok(),
            "the gateway connection has gone"
        );
    }
}

fn record(shared: &Shared, request: Recorded) {
    shared.log.lock().expect("log").push(request.clone());
    let _ = shared.recorded.send(request);
}

fn discord_error(status: StatusCode, code: u32, message: &str) -> axum::response::Response {
    (
        status,
        axum::Json(json!({ "code": code, "message": message })),
    )
        .into_response()
}

/// Every REST route: record, check, misbehave if told, else answer as Discord.
async fn rest_route(
    State(shared): State<Arc<Shared>>,
    method: axum::http::Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> axum::response::Response {
    let received = Instant::now();
    let path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_owned();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let multipart = content_type.starts_with("multipart/form-data");
    let parsed = if body.is_empty() {
        None
    } else if multipart {
        payload_json(&content_type, &body)
    } else {
        serde_json::from_slice::<Value>(&body).ok()
    };
    let mut request = Recorded {
        method: method.as_str().to_owned(),
        path: path.clone(),
        query: uri.query().unwrap_or_default().to_owned(),
        body: parsed.clone(),
        multipart,
        status: 200,
        schema_errors: Vec::new(),
        schema_checked: false,
        received,
    };
    if !body.is_empty() && parsed.is_none() {
        request.schema_errors.push("the body is not JSON".into());
    }
    let spec_method = match method.as_str() {
        "POST" => Some(Method::Post),
        "PUT" => Some(Method::Put),
        "PATCH" => Some(Method::Patch),
        _ => None,
    };
    if let (Some(schemas), Some(m), Some(body)) = (schema::schemas(), spec_method, &parsed) {
        match schemas.check(m, &path, body) {
            Some(errors) => {
                request.schema_checked = true;
                request.schema_errors.extend(errors);
            }
            None => request
                .schema_errors
                .push(format!("no schema for {} {path}", method.as_str())),
        }
    }

    let fault = {
        let mut faults = shared.faults.lock().expect("faults");
        let position = faults.iter().position(|(m, template, _)| {
            m == method.as_str() && schema::matches_template(template, &path)
        });
        position.and_then(|i| faults.remove(i))
    };
    let response = if let Some((_, _, fault)) = fault {
        match fault {
            Fault::RateLimited { retry_after } => (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", format!("{}", retry_after.ceil() as u64))],
                axum::Json(json!({
                    "message": "You are being rate limited.",
                    "retry_after": retry_after,
                    "global": false,
                    "code": 0
                })),
            )
                .into_response(),
            Fault::ServerError => discord_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                0,
                "500: Internal Server Error",
            ),
            Fault::StoreThenHang => {
                let stored = answer(&shared, method.as_str(), &path, parsed.as_ref());
                request.status = stored.status().as_u16();
                record(&shared, request);
                // Dropped when the bot's connection closes.
                std::future::pending::<()>().await;
                return stored;
            }
        }
    } else if let Some((_, _, status, body)) = shared
        .canned
        .lock()
        .expect("canned")
        .iter()
        .rev()
        .find(|(m, p, _, _)| m == method.as_str() && *p == path)
        .cloned()
    {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(body)).into_response()
    } else if !request.schema_errors.is_empty() {
        // Discord refuses an invalid body; so does the fake.
        discord_error(StatusCode::BAD_REQUEST, 50035, "Invalid Form Body")
    } else {
        answer(&shared, method.as_str(), &path, parsed.as_ref())
    };
    request.status = response.status().as_u16();
    record(&shared, request);
    response
}

/// The normal answer of each route the bot uses.
fn answer(
    shared: &Shared,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> axum::response::Response {
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let id = || shared.next_id.fetch_add(1, Ordering::Relaxed);
    let ok = |value: Value| (StatusCode::OK, axum::Json(value)).into_response();
    match (method, parts.as_slice()) {
        ("GET", ["gateway"]) => {
            let url = shared.gateway_url.lock().expect("gateway url").clone();
            ok(json!({ "url": url.unwrap_or_else(|| shared.ws_url.clone()) }))
        }
        ("GET", ["oauth2", "applications", "@me"]) | ("GET", ["applications", "@me"]) => {
            ok(application())
        }
        ("GET", ["gateway", "bot"]) => ok(json!({
            "url": shared.gateway_url.lock().expect("gateway url").clone().unwrap_or_else(|| shared.ws_url.clone()),
            "shards": 1,
            "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1 }
        })),
        ("PUT", ["applications", app, "commands"])
        | ("PUT", ["applications", app, "guilds", _, "commands"]) => {
            let guild = parts.get(3).filter(|_| parts.len() == 5).copied();
            let commands: Vec<Value> = body
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(|mut command| {
                    command["id"] = json!(id().to_string());
                    command["application_id"] = json!(app.to_string());
                    command["version"] = json!(id().to_string());
                    if command.get("type").is_none() {
                        command["type"] = json!(1);
                    }
                    if let Some(guild) = guild {
                        command["guild_id"] = json!(guild);
                    }
                    command
                })
                .collect();
            ok(Value::Array(commands))
        }
        ("GET", ["channels", channel]) => ok(json!({
            "id": channel, "guild_id": guild_id().to_string(), "name": "general", "type": 0,
            "position": 0, "permission_overwrites": [], "rate_limit_per_user": 0, "nsfw": false,
            "topic": null, "last_message_id": null, "parent_id": null,
            "default_auto_archive_duration": 1440
        })),
        ("GET", ["users", "@me"]) => ok(bot_user()),
        ("GET", ["guilds", guild]) if *guild == guild_id().to_string() => ok(guild_create()),
        ("GET", ["guilds", guild, "roles"]) if *guild == guild_id().to_string() => ok(roles()),
        ("GET", ["guilds", guild, "members", user])
            if *guild == guild_id().to_string() && *user == BOT_USER_ID.to_string() =>
        {
            ok(json!({
                "user": bot_user(), "nick": null, "avatar": null, "banner": null,
                "roles": [bot_role_id().to_string()], "joined_at": "2026-01-01T00:00:00.000000+00:00",
                "premium_since": null, "deaf": false, "mute": false, "flags": 0, "pending": false
            }))
        }
        ("POST", ["interactions", _, _, "callback"]) => StatusCode::NO_CONTENT.into_response(),
        ("DELETE", ["webhooks", _, _, "messages", "@original"]) => {
            StatusCode::NO_CONTENT.into_response()
        }
        ("PATCH", ["webhooks", _, _, "messages", _]) | ("POST", ["webhooks", _, _]) => {
            ok(message(id(), 1, body))
        }
        ("POST", ["channels", channel, "messages"]) => {
            let channel = channel.parse().unwrap_or(1);
            let nonce = body
                .filter(|b| b["enforce_nonce"] == json!(true))
                .and_then(|b| b["nonce"].as_str())
                .map(|nonce| (channel, nonce.to_owned()));
            let mut nonces = shared.nonces.lock().expect("nonces");
            let known = nonce.as_ref().and_then(|key| nonces.get(key).copied());
            let message_id = known.unwrap_or_else(|| {
                let created = id();
                shared
                    .created
                    .lock()
                    .expect("created")
                    .push((channel, created));
                if let Some(key) = nonce {
                    nonces.insert(key, created);
                }
                created
            });
            ok(message(message_id, channel, body))
        }
        ("PATCH", ["channels", channel, "messages", message_id]) => ok(message(
            message_id.parse().unwrap_or(1),
            channel.parse().unwrap_or(1),
            body,
        )),
        _ => discord_error(
            StatusCode::NOT_FOUND,
            0,
            "404: Not Found (the fake has no such route)",
        ),
    }
}

/// A message as Discord returns it, with the content the bot sent.
fn message(id: u64, channel: u64, body: Option<&Value>) -> Value {
    let content = body.and_then(|b| b["content"].as_str()).unwrap_or_default();
    ostbot::transport::simulated::message(id, channel, content, json!([]), json!([]))
}

/// The `payload_json` part of a multipart body.
fn payload_json(content_type: &str, body: &[u8]) -> Option<Value> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let text = String::from_utf8_lossy(body);
    text.split(&format!("--{boundary}"))
        .find(|part| part.contains("name=\"payload_json\""))
        .and_then(|part| part.split("\r\n\r\n").nth(1))
        .and_then(|json| serde_json::from_str(json.trim_end_matches("\r\n")).ok())
}

/// One gateway connection: HELLO, then IDENTIFY → READY + GUILD_CREATE, or
/// RESUME → RESUMED; heartbeats are acknowledged; the test's dispatches go
/// out with increasing `s`.
async fn gateway_connection(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    shared.connections.fetch_add(1, Ordering::SeqCst);
    if shared.drop_on_connect.load(Ordering::SeqCst) {
        return;
    }
    let send = |value: Value| WsMessage::Text(value.to_string());
    // Discord's usual interval: a loaded test machine never misses an ACK
    // deadline, and a dropped connection is noticed on read, not by heartbeat.
    let hello = json!({ "op": 10, "d": { "heartbeat_interval": 41250 } });
    if ws.send(send(hello)).await.is_err() {
        return;
    }
    let (commands_tx, mut commands) = mpsc::unbounded_channel();
    loop {
        tokio::select! {
            incoming = ws.next() => {
                let Some(Ok(message)) = incoming else { return };
                let WsMessage::Text(text) = message else { continue };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                let replies = answer_op(&shared, &payload, &commands_tx);
                for reply in replies {
                    if ws.send(send(reply)).await.is_err() { return; }
                }
            }
            command = commands.recv() => {
                match command {
                    Some(Command::Send(dispatch)) => {
                        if ws.send(send(dispatch)).await.is_err() { return; }
                    }
                    Some(Command::Close(code)) => {
                        let frame = CloseFrame { code: CloseCode::from(code), reason: "fake: closing".into() };
                        let _ = ws.close(Some(frame)).await;
                        return;
                    }
                    Some(Command::Drop) | None => return,
                }
            }
        }
    }
}

/// The fake's replies to what the client sent: ACK a heartbeat; for
/// IDENTIFY a new session with READY and GUILD_CREATE; for RESUME the missed
/// dispatches and RESUMED. The connection becomes the session's in the same
/// critical section, so no dispatch is lost or doubled.
fn answer_op(
    shared: &Shared,
    payload: &Value,
    connection: &mpsc::UnboundedSender<Command>,
) -> Vec<Value> {
    let mut shards = shared.gateway.lock().expect("gateway");
    let (id, replies) = match payload["op"].as_u64() {
        Some(1) => return vec![json!({ "op": 11 })],
        Some(2) => {
            let token = payload["d"]["token"].as_str().unwrap_or_default();
            assert!(!token.is_empty(), "IDENTIFY without a token");
            let number = |i: usize| payload["d"]["shard"][i].as_u64().map(|n| n as u32);
            let (id, total) = (number(0).unwrap_or(0), number(1).unwrap_or(1));
            shards.total = total;
            let session = format!(
                "fake-session-{}",
                shared.next_id.fetch_add(1, Ordering::Relaxed)
            );
            let home = guild_id();
            let guilds: Vec<u64> = Some(home)
                .filter(|g| shard_of(*g, total) == id)
                .into_iter()
                .collect();
            let gateway = shards.shard(id);
            gateway.seq = 0;
            gateway.log.clear();
            gateway.session = session.clone();
            let mut ready = ready_data(&session, &shared.ws_url);
            ready["guilds"] = guilds
                .iter()
                .map(|g| json!({ "id": g.to_string(), "unavailable": true }))
                .collect();
            ready["shard"] = json!([id, total]);
            let mut replies = vec![gateway.push("READY", ready)];
            if !guilds.is_empty() {
                replies.push(gateway.push("GUILD_CREATE", guild_create()));
            }
            shared.sessions.send_modify(|s| {
                s.identified += 1;
                s.shards.push([id, total]);
            });
            (id, replies)
        }
        Some(6) => {
            let session = payload["d"]["session_id"].as_str().unwrap_or_default();
            let id = shards
                .by_id
                .iter()
                .find(|(_, g)| g.session == session)
                .map_or(0, |(id, _)| *id);
            let gateway = shards.shard(id);
            let seen = payload["d"]["seq"].as_u64().unwrap_or(0);
            let mut replies: Vec<Value> = gateway
                .log
                .iter()
                .filter(|d| d["s"].as_u64().unwrap_or(0) > seen)
                .cloned()
                .collect();
            replies.push(gateway.push("RESUMED", json!({})));
            shared.sessions.send_modify(|s| s.resumed += 1);
            (id, replies)
        }
        _ => return Vec::new(),
    };
    shards.shard(id).connection = Some(connection.clone());
    replies
}

/// READY with what serenity 0.12.5 requires (gateway.md §3).
pub fn ready_data(session_id: &str, resume_gateway_url: &str) -> Value {
    json!({
            "v": 10,
            "user": bot_user(),
            "guilds": [{ "id": guild_id().to_string(), "unavailable": true }],
            "session_id": session_id,
            "resume_gateway_url": resume_gateway_url,
            "application": { "id": BOT_USER_ID.to_string(), "flags": 0 }
    })
}

/// The application, as `GET /oauth2/applications/@me` returns it (the
/// fields Discord's docs list for it; serenity 0.12.5 needs most of them).
pub fn application() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(), "name": "ostbot", "icon": null,
        "description": "K-drama OST bot", "rpc_origins": [], "bot_public": true,
        "bot_require_code_grant": false, "terms_of_service_url": null,
        "privacy_policy_url": null, "owner": bot_user(), "verify_key": "0".repeat(64),
        "team": null, "flags": 0, "bot": bot_user(), "interactions_endpoint_url": null,
        "approximate_guild_count": 1, "redirect_uris": []
    })
}

/// The bot's user, as in READY and `GET /users/@me`.
fn bot_user() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(), "username": "ostbot", "global_name": null,
        "discriminator": "0", "avatar": null, "bot": true, "verified": true,
        "flags": 0, "public_flags": 0, "mfa_enabled": false
    })
}

/// The bot's own role: View Channel, Send Messages, Embed Links, Attach
/// Files, Read Message History.
pub const BOT_ROLE_PERMISSIONS: u64 = 1024 | 2048 | 16384 | 32768 | 65536;

pub fn bot_role_id() -> u64 {
    ostbot::transport::simulated::stable_id("role", "ostbot")
}

/// @everyone (a plain member's permissions) and the bot's role.
fn roles() -> Value {
    let role = |id: u64, name: &str, position: u32, permissions: String, managed: bool| {
        json!({
            "id": id.to_string(), "name": name, "color": 0,
            "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
            "hoist": false, "icon": null, "unicode_emoji": null, "position": position,
            "permissions": permissions, "managed": managed, "mentionable": false, "flags": 0
        })
    };
    json!([
        role(
            guild_id(),
            "@everyone",
            0,
            ostbot::transport::simulated::MEMBER_PERMISSIONS.to_owned(),
            false
        ),
        role(
            bot_role_id(),
            "ostbot",
            1,
            BOT_ROLE_PERMISSIONS.to_string(),
            true
        ),
    ])
}

/// The server the simulated actors of the tests are in.
pub fn guild_id() -> u64 {
    ostbot::transport::simulated::Actor::new("Seoul OST Club", "general", "x", false).guild_id
}

/// GUILD_CREATE with the fields serenity 0.12.5 requires (gateway.md §4).
pub fn guild_create() -> Value {
    let id = guild_id().to_string();
    let mut guild = json!({
        "id": id, "name": "Seoul OST Club", "icon": null, "description": null,
        "splash": null, "discovery_splash": null, "features": [], "emojis": [], "banner": null,
        "owner_id": "73193882359173120", "application_id": null, "region": null,
        "afk_channel_id": null, "afk_timeout": 300, "system_channel_id": null,
        "widget_enabled": false, "widget_channel_id": null, "verification_level": 1,
        "roles": roles(),
    });
    let extra = json!({
        "default_message_notifications": 1, "mfa_level": 0, "explicit_content_filter": 0,
        "max_presences": null, "max_members": 250000, "vanity_url_code": null,
        "premium_tier": 0, "premium_subscription_count": 0, "system_channel_flags": 0,
        "preferred_locale": "en-US", "rules_channel_id": null, "public_updates_channel_id": null,
        "safety_alerts_channel_id": null, "nsfw_level": 0, "stickers": [],
        "premium_progress_bar_enabled": false,
        "joined_at": "2026-01-01T00:00:00.000000+00:00", "large": false, "member_count": 1,
        "voice_states": [], "members": [], "channels": [], "threads": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": []
    });
    if let (Some(guild), Value::Object(extra)) = (guild.as_object_mut(), extra) {
        guild.extend(extra);
    }
    guild
}
