//! Discord message bodies rendered as terminal text, for the console.

use serde_json::Value;
use serenity::builder::CreateAttachment;

/// A whole interaction response body.
pub fn response(body: &Value, files: &[CreateAttachment]) -> String {
    match body["type"].as_u64() {
        Some(1) => "PONG".to_owned(),
        Some(4) => message_body(&body["data"], files),
        Some(5) => "ostbot is thinking…".to_owned(),
        Some(6) => "(acknowledged)".to_owned(),
        Some(7) => format!("(message updated)\n{}", message_body(&body["data"], files)),
        Some(8) => choices(&body["data"]),
        Some(9) => modal(&body["data"]),
        _ => body.to_string(),
    }
}

/// A message's content, embeds, components and attachments.
pub fn message_body(data: &Value, files: &[CreateAttachment]) -> String {
    let mut lines: Vec<String> = Vec::new();
    if data["flags"].as_u64().is_some_and(|f| f & 64 != 0) {
        lines.push("(only you can see this)".to_owned());
    }
    if let Some(content) = data["content"].as_str().filter(|c| !c.is_empty()) {
        lines.push(content.to_owned());
    }
    for embed in data["embeds"].as_array().into_iter().flatten() {
        lines.extend(embed_lines(embed));
    }
    for file in files {
        lines.push(format!("📎 {} ({} bytes)", file.filename, file.data.len()));
    }
    for row in data["components"].as_array().into_iter().flatten() {
        let mut parts: Vec<String> = Vec::new();
        for c in row["components"].as_array().into_iter().flatten() {
            match c["type"].as_u64() {
                Some(2) => {
                    let label = c["label"].as_str().unwrap_or("?");
                    let disabled = if c["disabled"] == true {
                        " (disabled)"
                    } else {
                        ""
                    };
                    match c["url"].as_str() {
                        Some(_) => parts.push(format!("[{label} ↗]")),
                        None => parts.push(format!("[{label}]{disabled}")),
                    }
                }
                Some(3) => {
                    let options: Vec<&str> = c["options"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|o| o["label"].as_str())
                        .collect();
                    let placeholder = c["placeholder"].as_str().unwrap_or("choose");
                    parts.push(format!("▾ {placeholder}: {}", options.join(" | ")));
                }
                _ => {}
            }
        }
        if !parts.is_empty() {
            lines.push(parts.join(" "));
        }
    }
    lines.join("\n")
}

fn embed_lines(embed: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(author) = embed["author"]["name"].as_str() {
        lines.push(format!("┃ {author}"));
    }
    if let Some(title) = embed["title"].as_str() {
        lines.push(format!("┃ **{title}**"));
    }
    if let Some(description) = embed["description"].as_str() {
        lines.extend(description.lines().map(|l| format!("┃ {l}")));
    }
    for field in embed["fields"].as_array().into_iter().flatten() {
        let name = field["name"].as_str().unwrap_or_default();
        let value = field["value"].as_str().unwrap_or_default();
        let mut value_lines = value.lines();
        lines.push(format!(
            "┃ {name}: {}",
            value_lines.next().unwrap_or_default()
        ));
        lines.extend(value_lines.map(|l| format!("┃   {l}")));
    }
    if let Some(image) = embed["image"]["url"].as_str() {
        lines.push(format!("┃ 🖼 {image}"));
    }
    if let Some(footer) = embed["footer"]["text"].as_str() {
        lines.push(format!("┃ — {footer}"));
    }
    lines
}

fn choices(data: &Value) -> String {
    let choices = data["choices"].as_array().cloned().unwrap_or_default();
    if choices.is_empty() {
        return "(no suggestions)".to_owned();
    }
    choices
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{:>2}. {}", i + 1, c["name"].as_str().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn modal(data: &Value) -> String {
    let mut lines = vec![format!(
        "📝 {} (answer with :submit FIELD=VALUE …)",
        data["title"].as_str().unwrap_or_default()
    )];
    for row in data["components"].as_array().into_iter().flatten() {
        for input in row["components"].as_array().into_iter().flatten() {
            lines.push(format!(
                "   {} — {}",
                input["custom_id"].as_str().unwrap_or_default(),
                input["label"].as_str().unwrap_or_default()
            ));
        }
    }
    lines.join("\n")
}

/// The text inputs of a modal: (custom id, prefilled value or "").
pub fn modal_inputs(data: &Value) -> Vec<(String, String)> {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .filter_map(|input| {
            Some((
                input["custom_id"].as_str()?.to_owned(),
                input["value"].as_str().unwrap_or_default().to_owned(),
            ))
        })
        .collect()
}

/// Buttons of a message: (label, custom_id), link buttons left out.
pub fn buttons(data: &Value) -> Vec<(String, String)> {
    components(data)
        .filter(|c| c["type"] == 2)
        .filter_map(|c| {
            Some((
                c["label"].as_str()?.to_owned(),
                c["custom_id"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

/// The select menu of a message: its custom id and (label, value) options.
pub fn select(data: &Value) -> Option<(String, Vec<(String, String)>)> {
    let menu = components(data).find(|c| c["type"] == 3)?;
    let options = menu["options"]
        .as_array()?
        .iter()
        .filter_map(|o| {
            Some((
                o["label"].as_str()?.to_owned(),
                o["value"].as_str()?.to_owned(),
            ))
        })
        .collect();
    Some((menu["custom_id"].as_str()?.to_owned(), options))
}

fn components(data: &Value) -> impl Iterator<Item = Value> + '_ {
    data["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
}
