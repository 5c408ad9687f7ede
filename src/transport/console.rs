//! `ostbot console`: a simulated Discord server in the terminal. Each input
//! line becomes the interaction Discord would send, goes through the same
//! `dispatch`, and the reply is printed as text (or, with `--json`, as the
//! exact response body).
//!
//! `--json` prints JSON Lines only: a reply is its response body, a channel
//! post is `{"channel", "message_id", "body"}` (an edit has `edited`), and
//! everything else the console says (meta-command echoes such as "now acting
//! as alice", usage hints, errors) is `{"kind":"meta","text":…}`.

mod editor;

use super::render;
use super::simulated::{self, stable_id, Actor};
use crate::bot::announcer::{AnnounceError, Announcer};
use crate::bot::{self, commands, Bot, Message, Response};
use crate::catalog::suggestions::follow_up::ReplyAddress;
use crate::clock::{Clock, ManualClock};
use crate::ids::{ChannelId, MessageId};
use async_trait::async_trait;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

/// A message visible in the simulated server, so `:click` can find it.
#[derive(Clone, Debug)]
struct Shown {
    id: u64,
    channel_id: u64,
    body: Value,
}

#[derive(Clone, Debug)]
struct OpenModal {
    custom_id: String,
    /// Each text input's id and the value it was prefilled with.
    fields: Vec<(String, String)>,
}

/// The simulated server: names to ids, who is acting, what is on screen.
struct World {
    guild: String,
    channel: String,
    member: String,
    locale: String,
    moderators: HashSet<(String, String)>,
    channel_names: HashMap<u64, String>,
    role_names: HashMap<String, u64>,
    /// Newest last: replies and posted messages.
    shown: Vec<Shown>,
    modal: Option<OpenModal>,
    /// Lines the announcer produced, printed after the reply.
    outbox: Vec<String>,
    /// The attachments of the last reply, for `:save`.
    last_files: Vec<(String, Vec<u8>)>,
    json: bool,
}

impl World {
    fn actor(&self) -> Actor {
        let moderator = self
            .moderators
            .contains(&(self.guild.clone(), self.member.clone()));
        let mut actor = Actor::new(&self.guild, &self.channel, &self.member, moderator);
        actor.locale = self.locale.clone();
        actor
    }

    fn channel_id(&mut self, name: &str) -> u64 {
        let name = name.trim_start_matches('#').to_owned();
        let id = stable_id(&format!("channel:{}", self.guild), &name);
        self.channel_names.insert(id, name);
        id
    }
}

pub struct Console {
    bot: Bot,
    world: Arc<Mutex<World>>,
    /// The simulated time; `:clock +7d` moves it and runs due work.
    clock: Arc<ManualClock>,
}

/// Prints what the bot posts in channels, and remembers it for `:click`.
struct ConsoleAnnouncer(Arc<Mutex<World>>);

fn lock(world: &Mutex<World>) -> MutexGuard<'_, World> {
    world
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[async_trait]
impl Announcer for ConsoleAnnouncer {
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        _nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        let mut world = lock(&self.0);
        let Some(name) = world.channel_names.get(&channel.get()).cloned() else {
            return Err(AnnounceError::ChannelGone);
        };
        let id = simulated::next_snowflake();
        let body = serde_json::to_value(message.to_create_message()).unwrap_or(Value::Null);
        let line = if world.json {
            json!({ "channel": format!("#{name}"), "message_id": id.to_string(), "body": body })
                .to_string()
        } else {
            format!(
                "[#{name}] {}",
                render::message_body(&body, &message.files).replace('\n', "\n    ")
            )
        };
        world.outbox.push(line);
        world.shown.push(Shown {
            id,
            channel_id: channel.get(),
            body,
        });
        MessageId::new_checked(id).ok_or_else(|| AnnounceError::Unavailable("message id 0".into()))
    }

    async fn edit(
        &self,
        channel: ChannelId,
        message_id: MessageId,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        let mut world = lock(&self.0);
        let body = serde_json::to_value(message.to_edit_message()).unwrap_or(Value::Null);
        let name = world
            .channel_names
            .get(&channel.get())
            .cloned()
            .ok_or(AnnounceError::ChannelGone)?;
        let line = if world.json {
            json!({ "channel": format!("#{name}"), "edited": message_id.get().to_string(), "body": body }).to_string()
        } else {
            format!(
                "[#{name}] (edited) {}",
                render::message_body(&body, &message.files).replace('\n', "\n    ")
            )
        };
        world.outbox.push(line);
        if let Some(shown) = world.shown.iter_mut().find(|s| s.id == message_id.get()) {
            shown.body = body;
        }
        Ok(())
    }

    async fn direct_message(
        &self,
        user: crate::ids::UserId,
        message: &Message,
    ) -> Result<MessageId, AnnounceError> {
        let mut world = lock(&self.0);
        let body = serde_json::to_value(message.to_create_message()).unwrap_or(Value::Null);
        let line = if world.json {
            json!({ "direct_message": user.to_string(), "body": body }).to_string()
        } else {
            format!(
                "[DM to {user}] {}",
                render::message_body(&body, &message.files).replace('\n', "\n    ")
            )
        };
        world.outbox.push(line);
        Ok(MessageId::new(simulated::next_snowflake()))
    }

    /// A follow-up on an earlier interaction, shown to the member who made it.
    async fn follow_up(
        &self,
        _reply: &ReplyAddress,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        let mut world = lock(&self.0);
        let body = serde_json::to_value(message.to_create_message()).unwrap_or(Value::Null);
        let line = if world.json {
            json!({ "follow_up": true, "body": body }).to_string()
        } else {
            format!(
                "[follow-up, only the member it answers can see this] {}",
                render::message_body(&body, &message.files).replace('\n', "\n    ")
            )
        };
        world.outbox.push(line);
        Ok(())
    }
}

const HELP: &str = "\
Type slash commands as you would in Discord:
  /track query:눈물의 여왕        /drama query:\"crash landing\"
  /catalog add-drama title:My Drama year:2024
An option's value runs to the next `name:`; quotes are optional.
Meta-commands:
  :as NAME [mod]      act as member NAME (mod = has Manage Server)
  :guild NAME         switch server          :channel NAME   switch channel
  :locale ko|en-US    the member's Discord language
  :clock +7d|+2h|+30m move the simulated time forward; due polls and the weekly cycle run
  :complete /cmd opt:text   what autocomplete would offer for the last option
  :click LABEL        press a button of the last message that has it (or a unique
                      start of its label: :click 미안해)
  :select LABEL[,LABEL…]    choose in the last select menu
  :submit FIELD=VALUE …     submit the open form (fields not named keep their values)
  :save PATH          write the last reply's attachments (a chart) to PATH, a file or a folder
  :help  :quit";

/// An option with fixed choices takes one of them, by its value or its name
/// (Discord's client offers nothing else): the choice's value.
fn choice_of(definition: &Value, opt: &str, typed: &str) -> Result<Option<String>, String> {
    // serenity writes `"choices": []` for options without choices.
    let Some(choices) = definition["choices"].as_array().filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let found = choices.iter().find(|c| {
        text(&c["value"]).eq_ignore_ascii_case(typed)
            || text(&c["name"]).eq_ignore_ascii_case(typed)
    });
    match found {
        Some(choice) => Ok(Some(text(&choice["value"]))),
        None => {
            let values: Vec<String> = choices.iter().map(|c| text(&c["value"])).collect();
            Err(format!(
                "Discord would not send this: `{opt}` is one of {}",
                values.join(", ")
            ))
        }
    }
}

impl Console {
    /// A console over `bot`'s database; its announcer prints to the console.
    pub fn new(mut bot: Bot, json: bool) -> Self {
        let world = Arc::new(Mutex::new(World {
            guild: "OST Lovers".to_owned(),
            channel: "general".to_owned(),
            member: "minji".to_owned(),
            locale: "en-US".to_owned(),
            moderators: HashSet::new(),
            channel_names: HashMap::new(),
            role_names: HashMap::new(),
            shown: Vec::new(),
            modal: None,
            outbox: Vec::new(),
            last_files: Vec::new(),
            json,
        }));
        {
            let mut w = lock(&world);
            let general = w.channel.clone();
            w.channel_id(&general);
        }
        bot.announcer = Arc::new(ConsoleAnnouncer(world.clone()));
        let clock = Arc::new(ManualClock::new(bot.clock.now()));
        bot.clock = clock.clone();
        Console { bot, world, clock }
    }

    pub fn bot(&self) -> &Bot {
        &self.bot
    }

    pub fn help() -> &'static str {
        HELP
    }

    /// Runs one input line and returns what the console prints for it.
    pub async fn line(&mut self, input: &str) -> Vec<String> {
        let input = input.trim();
        let mut out = match input.chars().next() {
            None | Some('#') => Vec::new(),
            Some('/') => self.slash(input).await,
            Some(':') => self.meta(input).await,
            _ => vec![
                "Commands start with / (try /help), meta-commands with : (try :help).".to_owned(),
            ],
        };
        let mut w = lock(&self.world);
        out.append(&mut w.outbox);
        if w.json {
            // JSON Lines only: what is not a body or a post becomes a meta line.
            for line in &mut out {
                if !serde_json::from_str::<Value>(line).is_ok_and(|v| v.is_object()) {
                    *line = json!({ "kind": "meta", "text": line.as_str() }).to_string();
                }
            }
        }
        out
    }

    async fn meta(&mut self, input: &str) -> Vec<String> {
        let (word, rest) = input.split_once(' ').unwrap_or((input, ""));
        let rest = rest.trim();
        let mut w = lock(&self.world);
        match word {
            ":help" => vec![HELP.to_owned()],
            ":as" if !rest.is_empty() => {
                let mut parts = rest.split_whitespace();
                let name = parts.next().unwrap_or_default().to_owned();
                let key = (w.guild.clone(), name.clone());
                let note = if parts.next() == Some("mod") {
                    w.moderators.insert(key);
                    " (moderator)"
                } else {
                    w.moderators.remove(&key);
                    ""
                };
                w.member = name.clone();
                vec![format!("now acting as {name}{note}")]
            }
            ":guild" if !rest.is_empty() => {
                w.guild = rest.to_owned();
                w.channel = "general".to_owned();
                w.channel_id("general");
                vec![format!("now in server {rest}, #general")]
            }
            ":channel" if !rest.is_empty() => {
                let name = rest.trim_start_matches('#').to_owned();
                w.channel_id(&name);
                w.channel = name.clone();
                vec![format!("now in #{name}")]
            }
            ":clock" => {
                drop(w);
                self.advance_clock(rest).await
            }
            ":locale" if !rest.is_empty() => {
                w.locale = rest.to_owned();
                vec![format!("locale is now {rest}")]
            }
            ":complete" => {
                drop(w);
                self.complete(rest).await
            }
            ":click" if !rest.is_empty() => {
                drop(w);
                self.click(rest).await
            }
            ":select" if !rest.is_empty() => {
                drop(w);
                self.select(rest).await
            }
            ":submit" => {
                drop(w);
                self.submit(rest).await
            }
            ":save" if !rest.is_empty() => {
                let files = w.last_files.clone();
                drop(w);
                save(&files, std::path::Path::new(rest))
            }
            ":quit" | ":exit" => Vec::new(),
            _ => vec![format!(
                "unknown or incomplete meta-command {word}; try :help"
            )],
        }
    }

    /// `:clock +7d` (or `+2h`, `+30m`, `+1d12h`): moves the simulated time
    /// forward and runs what fell due; the posts follow in the outbox.
    async fn advance_clock(&mut self, rest: &str) -> Vec<String> {
        if !rest.is_empty() {
            let Some(amount) = rest.strip_prefix('+') else {
                return vec!["usage: :clock +7d | +2h | +30m".to_owned()];
            };
            match crate::polls::parse_duration(amount) {
                Ok(by) => self.clock.advance(by),
                Err(_) => return vec!["usage: :clock +7d | +2h | +30m".to_owned()],
            }
        }
        let mut out = vec![format!(
            "the time is now {}",
            self.clock.now().format("%Y-%m-%d %H:%M UTC (%a)")
        )];
        if let Err(error) = crate::bot::scheduler::run_due(&self.bot).await {
            out.push(format!("(scheduled work failed: {error})"));
        }
        out
    }

    async fn slash(&mut self, input: &str) -> Vec<String> {
        let parsed = match self.parse_slash(input, false) {
            Ok(parsed) => parsed,
            Err(problem) => return vec![problem],
        };
        let actor = lock(&self.world).actor();
        let payload = actor.command(&parsed.name, parsed.options, parsed.resolved);
        self.send(payload, actor.channel_id).await
    }

    async fn complete(&mut self, input: &str) -> Vec<String> {
        let parsed = match self.parse_slash(input, true) {
            Ok(parsed) => parsed,
            Err(problem) => return vec![problem],
        };
        let actor = lock(&self.world).actor();
        let payload = actor.autocomplete(&parsed.name, parsed.options);
        self.send(payload, actor.channel_id).await
    }

    /// Presses the button labelled `label` on the newest message that has
    /// one; failing that, the one button whose label starts with `label` on
    /// the newest message that has any.
    async fn click(&mut self, label: &str) -> Vec<String> {
        let found = {
            let w = lock(&self.world);
            find_button(&w.shown, label)
        };
        match found {
            Ok((shown, custom_id)) => self.component(&shown, &custom_id, None).await,
            Err(problem) => vec![problem],
        }
    }

    async fn select(&mut self, labels: &str) -> Vec<String> {
        let wanted: Vec<String> = labels.split(',').map(|l| l.trim().to_lowercase()).collect();
        let found = {
            let w = lock(&self.world);
            w.shown
                .iter()
                .rev()
                .find_map(|shown| render::select(&shown.body).map(|s| (shown.clone(), s)))
        };
        let Some((shown, (custom_id, options))) = found else {
            return vec!["no select menu on screen".to_owned()];
        };
        let mut values = Vec::new();
        for want in &wanted {
            match options.iter().find(|(label, value)| {
                label.to_lowercase() == *want || value.to_lowercase() == *want
            }) {
                Some((_, value)) => values.push(value.clone()),
                None => return vec![format!("the menu has no option {want:?}")],
            }
        }
        self.component(&shown, &custom_id, Some(values)).await
    }

    async fn component(
        &mut self,
        shown: &Shown,
        custom_id: &str,
        values: Option<Vec<String>>,
    ) -> Vec<String> {
        let actor = lock(&self.world).actor();
        let data = &shown.body;
        let message = simulated::message(
            shown.id,
            shown.channel_id,
            data["content"].as_str().unwrap_or_default(),
            data.get("components").cloned().unwrap_or(json!([])),
            data.get("embeds").cloned().unwrap_or(json!([])),
        );
        let payload = actor.component(custom_id, values.as_deref(), message);
        self.send_on(payload, actor.channel_id, Some(shown.id))
            .await
    }

    async fn submit(&mut self, rest: &str) -> Vec<String> {
        let Some(modal) = lock(&self.world).modal.take() else {
            return vec!["no form is open".to_owned()];
        };
        let names: Vec<&str> = modal.fields.iter().map(|(n, _)| n.as_str()).collect();
        let named = split_named(rest, &names, '=');
        // As Discord does: every field is sent, the ones not named with the
        // value they were prefilled with.
        let fields: Vec<(String, String)> = modal
            .fields
            .iter()
            .map(|(name, prefilled)| {
                let value = named
                    .iter()
                    .rev()
                    .find(|(n, _)| *n == name.as_str())
                    .map_or_else(|| prefilled.clone(), |(_, v)| v.clone());
                (name.clone(), value)
            })
            .collect();
        let actor = lock(&self.world).actor();
        let payload = actor.modal_submit(&modal.custom_id, &fields);
        self.send(payload, actor.channel_id).await
    }

    async fn send(&mut self, payload: Value, channel_id: u64) -> Vec<String> {
        self.send_on(payload, channel_id, None).await
    }

    /// Dispatches a payload and renders the answer. `on` is the message a
    /// component belongs to (an update replaces it).
    async fn send_on(&mut self, payload: Value, channel_id: u64, on: Option<u64>) -> Vec<String> {
        let bytes = payload.to_string().into_bytes();
        let response = match bot::dispatch_json(&self.bot, &bytes).await {
            Ok(response) => response,
            Err(error) => {
                return vec![format!("(the bot could not read the interaction: {error})")]
            }
        };
        self.show(response, channel_id, on)
    }

    fn show(&mut self, response: Response, channel_id: u64, on: Option<u64>) -> Vec<String> {
        let body = response.to_json();
        let mut w = lock(&self.world);
        w.last_files = response
            .files()
            .iter()
            .map(|f| (f.filename.clone(), f.data.clone()))
            .collect();
        match &response {
            Response::Message(_) => {
                let id = simulated::next_snowflake();
                w.shown.push(Shown {
                    id,
                    channel_id,
                    body: body["data"].clone(),
                });
            }
            Response::Update(_) => {
                if let Some(shown) = w.shown.iter_mut().find(|s| Some(s.id) == on) {
                    shown.body = body["data"].clone();
                }
            }
            Response::Modal(_) => {
                let fields = render::modal_inputs(&body["data"]);
                let custom_id = body["data"]["custom_id"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned();
                w.modal = Some(OpenModal { custom_id, fields });
            }
            _ => {}
        }
        if w.json {
            vec![body.to_string()]
        } else {
            vec![render::response(&body, response.files())]
        }
    }

    /// Turns `/name [sub] opt:value …` into Discord option objects, using
    /// the command definitions to know subcommands and option types.
    fn parse_slash(&mut self, input: &str, focus_last: bool) -> Result<Parsed, String> {
        let input = input.trim().trim_start_matches('/');
        let (name, mut rest) = input.split_once(' ').unwrap_or((input, ""));
        let definitions: Vec<Value> = commands::definitions()
            .into_iter()
            .filter_map(|c| serde_json::to_value(c).ok())
            .collect();
        let Some(command) = definitions.iter().find(|c| c["name"] == name) else {
            return Err(format!("there is no /{name} command; try /help"));
        };
        let mut spec = command["options"].as_array().cloned().unwrap_or_default();
        let mut path: Vec<String> = Vec::new();
        // Subcommand groups (type 2) and subcommands (type 1) come first.
        while spec.iter().any(|o| o["type"] == 1 || o["type"] == 2) {
            let (word, after) = rest
                .trim_start()
                .split_once(' ')
                .unwrap_or((rest.trim(), ""));
            let Some(sub) = spec.iter().find(|o| o["name"] == word).cloned() else {
                let names: Vec<&str> = spec.iter().filter_map(|o| o["name"].as_str()).collect();
                return Err(format!("/{name} needs one of: {}", names.join(", ")));
            };
            path.push(word.to_owned());
            spec = sub["options"].as_array().cloned().unwrap_or_default();
            rest = after;
        }
        let names: Vec<&str> = spec.iter().filter_map(|o| o["name"].as_str()).collect();
        let given = split_named(rest, &names, ':');
        let mut options = Vec::new();
        let mut resolved = json!({});
        let last = given.len().saturating_sub(1);
        for (i, (opt, value)) in given.iter().enumerate() {
            let definition = spec.iter().find(|o| o["name"] == *opt);
            let kind = definition.and_then(|o| o["type"].as_u64()).unwrap_or(3);
            let choice = match definition {
                Some(d) if !focus_last => choice_of(d, opt, value)?,
                _ => None,
            };
            let value = choice.as_deref().unwrap_or(value);
            let mut option = self.option(opt, kind, value, &mut resolved)?;
            if focus_last && i == last {
                option = json!({ "name": opt, "type": kind, "value": value, "focused": true });
            }
            options.push(option);
        }
        for required in spec.iter().filter(|o| o["required"] == true) {
            let opt = required["name"].as_str().unwrap_or_default();
            if !focus_last && !given.iter().any(|(g, _)| *g == opt) {
                return Err(format!(
                    "Discord would not send this yet: `{opt}` is required"
                ));
            }
        }
        let mut options = Value::Array(options);
        for sub in path.iter().rev() {
            let kind = if Some(sub) == path.last() { 1 } else { 2 };
            options = json!([{ "name": sub, "type": kind, "options": options }]);
        }
        Ok(Parsed {
            name: name.to_owned(),
            options,
            resolved,
        })
    }

    /// One option object, typed as the definition says.
    fn option(
        &mut self,
        name: &str,
        kind: u64,
        raw: &str,
        resolved: &mut Value,
    ) -> Result<Value, String> {
        let mut w = lock(&self.world);
        let value = match kind {
            4 => json!(raw.parse::<i64>().map_err(|_| format!(
                "Discord would not send this: `{name}` must be a whole number"
            ))?),
            10 => json!(raw
                .parse::<f64>()
                .map_err(|_| format!("Discord would not send this: `{name}` must be a number"))?),
            5 => json!(matches!(
                raw.to_lowercase().as_str(),
                "true" | "yes" | "1" | "on"
            )),
            7 => {
                let id = w.channel_id(raw);
                resolved["channels"][id.to_string()] =
                    simulated::resolved_channel(id, raw.trim_start_matches('#'));
                json!(id.to_string())
            }
            8 => {
                let role = raw.trim_start_matches('@').to_owned();
                let id = stable_id(&format!("role:{}", w.guild), &role);
                w.role_names.insert(role.clone(), id);
                resolved["roles"][id.to_string()] = simulated::resolved_role(id, &role);
                json!(id.to_string())
            }
            6 => {
                let user = raw.trim_start_matches('@');
                let actor = Actor::new(&w.guild, &w.channel, user, false);
                resolved["users"][actor.user_id.to_string()] = json!({
                    "id": actor.user_id.to_string(), "username": user, "global_name": user,
                    "discriminator": "0", "avatar": null, "public_flags": 0
                });
                json!(actor.user_id.to_string())
            }
            11 => {
                let path =
                    std::fs::canonicalize(raw).map_err(|e| format!("cannot attach {raw}: {e}"))?;
                let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                let id = simulated::next_snowflake();
                let filename = path
                    .file_name()
                    .and_then(|f| f.to_str())
                    .unwrap_or("file")
                    .to_owned();
                let url = format!("file://{}", path.display());
                resolved["attachments"][id.to_string()] =
                    simulated::resolved_attachment(id, &filename, &url, size);
                json!(id.to_string())
            }
            _ => json!(raw),
        };
        Ok(json!({ "name": name, "type": kind, "value": value }))
    }
}

struct Parsed {
    name: String,
    options: Value,
    resolved: Value,
}

/// Splits `a:1 b:two words c:3` at the known names; a value runs to the
/// next `name:` and surrounding quotes are dropped.
fn split_named<'n>(text: &str, names: &[&'n str], sep: char) -> Vec<(&'n str, String)> {
    let mut marks: Vec<(usize, usize, &'n str)> = Vec::new();
    for name in names {
        let needle = format!("{name}{sep}");
        let mut from = 0;
        while let Some(at) = text[from..].find(&needle) {
            let start = from + at;
            let boundary = start == 0 || text[..start].ends_with(char::is_whitespace);
            if boundary {
                marks.push((start, start + needle.len(), name));
            }
            from = start + needle.len();
        }
    }
    marks.sort_by_key(|m| m.0);
    // Keep only marks that do not fall inside an earlier quoted value.
    let mut kept: Vec<(usize, usize, &'n str)> = Vec::new();
    for mark in marks {
        let inside_quotes = kept.last().is_some_and(|(_, value_start, _)| {
            text[*value_start..mark.0].trim_start().starts_with('"')
                && text[*value_start..mark.0].matches('"').count() % 2 == 1
        });
        if !inside_quotes {
            kept.push(mark);
        }
    }
    let mut out = Vec::new();
    for (i, (_, value_start, name)) in kept.iter().enumerate() {
        let end = kept.get(i + 1).map(|m| m.0).unwrap_or(text.len());
        let value = text[*value_start..end].trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .unwrap_or(value);
        out.push((*name, value.to_owned()));
    }
    out
}

/// The button `:click` means: an exact label (any case) on the newest
/// message that has it, else the only label starting with `wanted` on the
/// newest message that has such labels.
fn find_button(shown: &[Shown], wanted: &str) -> Result<(Shown, String), String> {
    for message in shown.iter().rev() {
        if let Some((_, id)) = render::buttons(&message.body)
            .into_iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(wanted))
        {
            return Ok((message.clone(), id));
        }
    }
    let wanted_lower = wanted.to_lowercase();
    for message in shown.iter().rev() {
        let matching: Vec<(String, String)> = render::buttons(&message.body)
            .into_iter()
            .filter(|(l, _)| l.to_lowercase().starts_with(&wanted_lower))
            .collect();
        match matching.as_slice() {
            [] => continue,
            [(_, id)] => return Ok((message.clone(), id.clone())),
            several => {
                let labels: Vec<String> = several.iter().map(|(l, _)| format!("{l:?}")).collect();
                return Err(format!(
                    "{wanted:?} starts several buttons: {}; type more of the label",
                    labels.join(", ")
                ));
            }
        }
    }
    Err(format!("no button labelled {wanted:?} on screen"))
}

/// `:save PATH`: the attachments into the folder PATH (kept names), or the
/// only attachment into the file PATH.
fn save(files: &[(String, Vec<u8>)], path: &std::path::Path) -> Vec<String> {
    if files.is_empty() {
        return vec!["the last reply has no attachments".to_owned()];
    }
    let into_folder = path.is_dir() || files.len() > 1 || path.to_string_lossy().ends_with('/');
    let mut out = Vec::new();
    for (name, data) in files {
        let target = if into_folder {
            if let Err(error) = std::fs::create_dir_all(path) {
                return vec![format!("could not create {}: {error}", path.display())];
            }
            // Only the file name: an attachment name never leaves the folder.
            let name = std::path::Path::new(name)
                .file_name()
                .map_or_else(|| "attachment".into(), |n| n.to_owned());
            path.join(name)
        } else {
            path.to_path_buf()
        };
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Err(error) = std::fs::create_dir_all(parent) {
                return vec![format!("could not create {}: {error}", parent.display())];
            }
        }
        match std::fs::write(&target, data) {
            Ok(()) => out.push(format!(
                "saved {name} ({} bytes) to {}",
                data.len(),
                target.display()
            )),
            Err(error) => out.push(format!("could not write {}: {error}", target.display())),
        }
    }
    out
}

/// Reads lines from stdin (a script when it is not a terminal) until EOF or
/// `:quit`; serves the simulated server's public pages on `pages` meanwhile.
pub async fn run(
    bot: Bot,
    json: bool,
    pages: Option<tokio::net::TcpListener>,
) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let interactive = std::io::stdin().is_terminal() && !json;
    let mut console = Console::new(bot, json);
    if let Some(listener) = pages {
        // Built after `Console::new`: the pages follow the console's clock.
        let router = crate::web::router(crate::app::site(console.bot()));
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, router).await {
                tracing::error!(%error, "the pages' server stopped");
            }
        });
    }
    let mut stdout = tokio::io::stdout();
    let mut input = if interactive {
        stdout
            .write_all(
                "ostbot console — a simulated server. Type :help for help; Tab completes.\n"
                    .as_bytes(),
            )
            .await?;
        Input::Terminal(Some(editor::line_editor()?))
    } else {
        Input::Script(BufReader::new(tokio::io::stdin()).lines())
    };
    loop {
        let line = match &mut input {
            Input::Terminal(editor) => match read_edited(editor).await? {
                Some(line) => line,
                None => break,
            },
            Input::Script(lines) => match lines.next_line().await? {
                Some(line) => line,
                None => break,
            },
        };
        if matches!(line.trim(), ":quit" | ":exit") {
            break;
        }
        if !interactive && !json && !line.trim().is_empty() {
            stdout
                .write_all(format!("> {}\n", line.trim()).as_bytes())
                .await?;
        }
        for out in console.line(&line).await {
            stdout.write_all(out.as_bytes()).await?;
            stdout.write_all(b"\n").await?;
        }
        stdout.flush().await?;
    }
    Ok(())
}

/// Where the console's lines come from: a terminal, edited with history and
/// completion, or a script read as it is.
enum Input {
    /// The editor is lent to a blocking thread while it waits for a line.
    Terminal(Option<editor::LineEditor>),
    Script(tokio::io::Lines<tokio::io::BufReader<tokio::io::Stdin>>),
}

/// The next line typed, `None` at Ctrl-D. Ctrl-C drops the line being typed.
async fn read_edited(slot: &mut Option<editor::LineEditor>) -> anyhow::Result<Option<String>> {
    use rustyline::error::ReadlineError;
    loop {
        let Some(mut editor) = slot.take() else {
            return Ok(None);
        };
        let (editor, read) = tokio::task::spawn_blocking(move || {
            let read = editor.readline("> ");
            (editor, read)
        })
        .await?;
        *slot = Some(editor);
        match read {
            Ok(line) => {
                if let Some(editor) = slot.as_mut() {
                    let _ = editor.add_history_entry(line.as_str());
                }
                return Ok(Some(line));
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => return Ok(None),
            Err(error) => return Err(error.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{choice_of, split_named};
    use serde_json::json;

    #[test]
    fn an_option_with_choices_takes_one_by_value_or_name() {
        let kind = json!({ "name": "kind", "type": 3, "choices": [
            { "name": "Drama", "value": "drama" },
            { "name": "Track", "value": "track" }
        ]});
        assert_eq!(choice_of(&kind, "kind", "track"), Ok(Some("track".into())));
        assert_eq!(choice_of(&kind, "kind", "Drama"), Ok(Some("drama".into())));
        let refused = choice_of(&kind, "kind", "tracks").expect_err("not a choice");
        assert!(
            refused.contains("`kind` is one of drama, track"),
            "{refused}"
        );
        for free in [
            json!({ "name": "query", "type": 3 }),
            json!({ "name": "query", "type": 3, "choices": [] }),
        ] {
            assert_eq!(choice_of(&free, "query", "anything"), Ok(None));
        }
    }

    #[test]
    fn values_run_to_the_next_option_name() {
        let got = split_named("query:눈물의 여왕 kind:track", &["query", "kind"], ':');
        assert_eq!(
            got,
            vec![
                ("query", "눈물의 여왕".to_owned()),
                ("kind", "track".to_owned())
            ]
        );
    }

    #[test]
    fn quotes_are_optional_and_protect_names() {
        let got = split_named(
            "query:\"title: the kind:x\" kind:drama",
            &["query", "kind"],
            ':',
        );
        assert_eq!(
            got,
            vec![
                ("query", "title: the kind:x".to_owned()),
                ("kind", "drama".to_owned())
            ]
        );
    }

    #[test]
    fn names_inside_words_are_not_options() {
        let got = split_named("title:subquery:1", &["title", "query"], ':');
        assert_eq!(got, vec![("title", "subquery:1".to_owned())]);
    }
}
