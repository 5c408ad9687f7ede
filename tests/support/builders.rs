//! Interaction options, `send` through the real dispatcher, and what tests
//! read back from a reply.

use super::recorder::Recorder;
use ostbot::bot::{self, Bot};
use serde_json::{json, Value};
use std::sync::Arc;

/// A click on `custom_id`, on a message of the bot's in `channel`.
pub fn click(actor: &ostbot::transport::simulated::Actor, custom_id: &str, channel: u64) -> Value {
    use ostbot::transport::simulated;
    let message = simulated::message(
        simulated::next_snowflake(),
        channel,
        "",
        json!([]),
        json!([]),
    );
    actor.component(custom_id, None, message)
}

/// A string option.
pub fn s(name: &str, value: &str) -> Value {
    json!({ "name": name, "type": 3, "value": value })
}

/// An integer option.
pub fn i(name: &str, value: i64) -> Value {
    json!({ "name": name, "type": 4, "value": value })
}

/// A boolean option.
pub fn b(name: &str, value: bool) -> Value {
    json!({ "name": name, "type": 5, "value": value })
}

/// A subcommand with its options, as the command's option list.
pub fn sub(name: &str, options: Vec<Value>) -> Value {
    json!([{ "name": name, "type": 1, "options": options }])
}

/// Every body the bot would send is checked against Discord's OpenAPI spec
/// (skipped, with a note, when the spec is not beside the repository).
pub fn valid(method: super::schema::Method, path: &str, body: &Value) {
    if let Some(schemas) = super::schema::schemas() {
        let errors = schemas
            .check(method, path, body)
            .expect("a route the spec knows");
        assert!(errors.is_empty(), "{path}: {errors:#?}\n{body:#}");
    }
}

/// The interaction through `dispatch_json`, answered as JSON.
pub async fn send(bot: &Bot, payload: Value) -> Value {
    bot::dispatch_json(bot, payload.to_string().as_bytes())
        .await
        .unwrap()
        .to_json()
}

/// The response and the bytes of its attachments.
pub async fn send_with_files(bot: &Bot, payload: Value) -> (Value, Vec<(String, Vec<u8>)>) {
    let response = bot::dispatch_json(bot, payload.to_string().as_bytes())
        .await
        .unwrap();
    let files = response
        .files()
        .iter()
        .map(|f| (f.filename.clone(), f.data.clone()))
        .collect();
    (response.to_json(), files)
}

/// Whether a reply is shown only to the member.
pub fn is_ephemeral(body: &Value) -> bool {
    body["data"]["flags"].as_u64().is_some_and(|f| f & 64 != 0)
}

/// A bot on a fresh copy of the template database (shipped catalog), with
/// the system clock and a recording announcer.
pub async fn bot() -> (Bot, Recorder, tempfile::TempDir) {
    let (bot, recorder, dir, _url) = bot_and_url().await;
    (bot, recorder, dir)
}

/// [`bot`], and its database's URL (for a restarted bot on it).
pub async fn bot_and_url() -> (Bot, Recorder, tempfile::TempDir, String) {
    let (dir, url, pool) = super::database().await;
    let mut bot = ostbot::app::offline_bot(pool);
    let recorder = Recorder::default();
    bot.announcer = Arc::new(recorder.clone());
    (bot, recorder, dir, url)
}

/// A member's review saved through the core, at the bot's clock.
pub async fn review(
    bot: &Bot,
    guild: u64,
    member: u64,
    target: ostbot::reviews::Target,
    score: i64,
) -> ostbot::reviews::Review {
    let new = ostbot::reviews::NewReview {
        guild: ostbot::ids::GuildId::new(guild),
        member: ostbot::ids::UserId::new(member),
        member_name: format!("m{member}"),
        target,
        score: ostbot::reviews::Score::new(score).unwrap(),
        text: None,
        spoiler: false,
    };
    ostbot::reviews::save(&bot.writer, &new, bot.clock.now())
        .await
        .unwrap()
}

/// Every `custom_id` of the buttons and selects in a message body.
pub fn custom_ids(message: &Value) -> Vec<String> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .collect()
}

/// The custom ids of every button in an interaction response body.
pub fn buttons(body: &Value) -> Vec<String> {
    custom_ids(&body["data"])
}
