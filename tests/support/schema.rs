//! Checks request bodies against Discord's OpenAPI spec
//! (`../shared/discord/openapi.json`), made strict: every object schema that
//! lists its `properties` also gets `additionalProperties: false`, so an
//! unknown or misspelled field fails too. The spec uses `allOf` only to tie
//! an integer enum to its named type, so strictness cannot reject a field a
//! sibling schema allows.
//!
//! The spec is not in this repository: without it (a standalone checkout)
//! the check is skipped and says so once.

use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The spec's request schemas for the routes the bot calls.
pub struct Schemas {
    routes: Vec<(Method, &'static str, jsonschema::Validator)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Post,
    Put,
    Patch,
}

impl Method {
    fn key(self) -> &'static str {
        match self {
            Method::Post => "post",
            Method::Put => "put",
            Method::Patch => "patch",
        }
    }
}

/// The spec's path templates the bot sends bodies to.
const ROUTES: &[(Method, &str)] = &[
    (Method::Put, "/applications/{application_id}/commands"),
    (
        Method::Put,
        "/applications/{application_id}/guilds/{guild_id}/commands",
    ),
    (
        Method::Post,
        "/interactions/{interaction_id}/{interaction_token}/callback",
    ),
    (Method::Post, "/webhooks/{webhook_id}/{webhook_token}"),
    (
        Method::Patch,
        "/webhooks/{webhook_id}/{webhook_token}/messages/@original",
    ),
    (Method::Post, "/channels/{channel_id}/messages"),
    (
        Method::Patch,
        "/channels/{channel_id}/messages/{message_id}",
    ),
];

/// `../shared/discord/openapi.json`, or `OSTBOT_DISCORD_SPEC` (set it to a
/// missing path to see how a standalone checkout behaves).
pub fn spec_path() -> PathBuf {
    match std::env::var_os("OSTBOT_DISCORD_SPEC") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/discord/openapi.json"),
    }
}

/// The compiled schemas, once per test binary; `None` without the spec.
pub fn schemas() -> Option<&'static Schemas> {
    static SCHEMAS: OnceLock<Option<Schemas>> = OnceLock::new();
    SCHEMAS
        .get_or_init(|| {
            let path = spec_path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                eprintln!(
                    "note: {} is absent: request bodies are recorded but the OpenAPI schema check is SKIPPED",
                    path.display()
                );
                return None;
            };
            let spec: Value = serde_json::from_str(&text).expect("openapi.json is JSON");
            Some(Schemas::compile(&spec))
        })
        .as_ref()
}

/// Adds `additionalProperties: false` wherever an object lists `properties`.
fn make_strict(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            for value in map.values_mut() {
                make_strict(value);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(make_strict),
        _ => {}
    }
}

impl Schemas {
    fn compile(spec: &Value) -> Schemas {
        let mut components = spec["components"].clone();
        make_strict(&mut components);
        let routes = ROUTES
            .iter()
            .map(|&(method, template)| {
                let mut schema = spec["paths"][template][method.key()]["requestBody"]["content"]
                    ["application/json"]["schema"]
                    .clone();
                assert!(!schema.is_null(), "no request schema for {template}");
                make_strict(&mut schema);
                let root = json!({
                    "$schema": "https://json-schema.org/draft/2020-12/schema",
                    "allOf": [schema],
                    "components": components,
                });
                let validator = jsonschema::validator_for(&root)
                    .unwrap_or_else(|e| panic!("schema of {template} does not compile: {e}"));
                (method, template, validator)
            })
            .collect();
        Schemas { routes }
    }

    /// The errors of `body` sent to `path` (`/api/v10/...` prefix removed);
    /// `None` when the spec has no schema for that route.
    pub fn check(&self, method: Method, path: &str, body: &Value) -> Option<Vec<String>> {
        let (_, template, validator) = self
            .routes
            .iter()
            .find(|(m, template, _)| *m == method && matches_template(template, path))?;
        let mut body = normalize(template, body);
        // serenity serializes every field of its builders, so bodies carry
        // fields the spec does not list for that object, with their empty
        // default (`"channel_types": []` on a string option, `"nsfw": false`,
        // `"data": null` on a PONG). Discord ignores those; an unknown field
        // with a value (`"contnet": "hi"`) stays an error.
        for _ in 0..8 {
            let mut unexpected = Vec::new();
            for error in validator.iter_errors(&body) {
                collect_unexpected(&error, &mut unexpected);
            }
            let mut removed = false;
            for (pointer, keys) in unexpected {
                if let Some(Value::Object(object)) = body.pointer_mut(&pointer) {
                    for key in keys {
                        if object.get(&key).is_some_and(is_empty_default) {
                            object.remove(&key);
                            removed = true;
                        }
                    }
                }
            }
            if !removed {
                break;
            }
        }
        let mut errors: Vec<String> = validator
            .iter_errors(&body)
            .map(|e| format!("{template}: {}", describe(&e)))
            .collect();
        errors.dedup();
        Some(errors)
    }
}

/// Every `additionalProperties` failure, also inside `anyOf`/`oneOf`
/// branches: (JSON pointer of the object, unexpected keys).
fn collect_unexpected(
    error: &jsonschema::ValidationError<'_>,
    out: &mut Vec<(String, Vec<String>)>,
) {
    use jsonschema::error::ValidationErrorKind as Kind;
    match error.kind() {
        Kind::AdditionalProperties { unexpected } => out.push((
            error.instance_path().as_str().to_owned(),
            unexpected.clone(),
        )),
        Kind::AnyOf { context }
        | Kind::OneOfNotValid { context }
        | Kind::OneOfMultipleValid { context } => {
            for error in context.iter().flatten() {
                collect_unexpected(error, out);
            }
        }
        _ => {}
    }
}

fn is_empty_default(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}

/// An error with, for `anyOf`, the reasons of each branch that fixed the
/// right `type` (the others only say "wrong type").
fn describe(error: &jsonschema::ValidationError<'_>) -> String {
    let mut text = format!("{error} at {}", error.instance_path());
    if let jsonschema::error::ValidationErrorKind::AnyOf { context } = error.kind() {
        for branch in context {
            let wrong_type = branch.iter().any(|e| e.instance_path().as_str() == "/type");
            if !wrong_type {
                let reasons: Vec<String> = branch
                    .iter()
                    .map(|e| format!("{e} at {}", e.instance_path()))
                    .collect();
                text.push_str(&format!(" [branch: {}]", reasons.join("; ")));
            }
        }
    }
    text
}

/// The fields the spec types differently from the docs and serenity:
/// - `default_member_permissions` is a numeric string on the wire (the API
///   accepts numeric strings for integer fields), an integer in the spec;
/// - an attachment's `id` in `attachments` is the upload's index as a number
///   in the docs' own multipart examples and in serenity (`"id": 0`), a
///   snowflake string in the spec.
fn normalize(template: &str, body: &Value) -> Value {
    let mut body = body.clone();
    stringify_attachment_ids(&mut body);
    if template.ends_with("/commands") {
        if let Some(commands) = body.as_array_mut() {
            for command in commands {
                let permissions = &mut command["default_member_permissions"];
                if let Some(number) = permissions.as_str().and_then(|s| s.parse::<i64>().ok()) {
                    *permissions = json!(number);
                }
            }
        }
    }
    body
}

fn stringify_attachment_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                if key == "attachments" {
                    for attachment in inner.as_array_mut().into_iter().flatten() {
                        if let Some(id) = attachment.get("id").and_then(Value::as_u64) {
                            attachment["id"] = json!(id.to_string());
                        }
                    }
                } else {
                    stringify_attachment_ids(inner);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(stringify_attachment_ids),
        _ => {}
    }
}

/// `/channels/{channel_id}/messages` matches `/channels/12/messages`.
pub fn matches_template(template: &str, path: &str) -> bool {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = path.split('/').collect();
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| (t.starts_with('{') && !p.is_empty()) || t == p)
}
