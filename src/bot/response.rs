//! What the dispatcher answers, independent of how it travels. Transports turn
//! it into serenity's builders (gateway), a JSON body (HTTP, console), or a
//! posted message (announcements).

use crate::bot::snowflakes::ToSerenity;
use serenity::builder::{
    AutocompleteChoice, CreateActionRow, CreateAllowedMentions, CreateAttachment,
    CreateAutocompleteResponse, CreateEmbed, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, CreateModal, EditInteractionResponse,
    EditMessage,
};

/// Discord's limit on the name and value of an autocomplete choice.
pub const CHOICE_MAX_CHARS: usize = 100;
/// Discord's limit on choices per autocomplete answer.
pub const MAX_CHOICES: usize = 25;
/// Discord's limit on a message's `content`.
pub const CONTENT_MAX_CHARS: usize = 2000;

#[derive(Clone, Debug)]
pub enum Response {
    Pong,
    /// A new message in reply to the interaction.
    Message(Message),
    /// Replaces the message a clicked component belongs to.
    Update(Message),
    /// "Thinking…"; the real answer follows by editing `@original`.
    Defer {
        ephemeral: bool,
    },
    Autocomplete(Vec<Choice>),
    Modal(CreateModal),
}

#[derive(Clone, Debug, Default)]
pub struct Message {
    pub content: Option<String>,
    pub embeds: Vec<CreateEmbed>,
    pub components: Vec<CreateActionRow>,
    pub files: Vec<CreateAttachment>,
    pub ephemeral: bool,
    /// Roles this message may ping (a channel post for the weekly poll);
    /// nobody else is ever pinged.
    pub ping_roles: Vec<crate::ids::RoleId>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

impl Choice {
    /// Clips both parts to Discord's 100-character limit.
    pub fn new(name: impl AsRef<str>, value: impl AsRef<str>) -> Self {
        Choice {
            name: clip(name.as_ref(), CHOICE_MAX_CHARS),
            value: clip(value.as_ref(), CHOICE_MAX_CHARS),
        }
    }
}

impl Message {
    pub fn text(content: impl Into<String>) -> Self {
        Message {
            content: Some(clip(&content.into(), CONTENT_MAX_CHARS)),
            ..Default::default()
        }
    }

    pub fn embed(embed: CreateEmbed) -> Self {
        Message {
            embeds: vec![embed],
            ..Default::default()
        }
    }

    pub fn ephemeral(mut self) -> Self {
        self.ephemeral = true;
        self
    }

    pub fn with_components(mut self, rows: Vec<CreateActionRow>) -> Self {
        self.components = rows;
        self
    }

    pub fn with_file(mut self, file: CreateAttachment) -> Self {
        self.files.push(file);
        self
    }

    fn to_interaction_message(&self) -> CreateInteractionResponseMessage {
        let mut m = CreateInteractionResponseMessage::new()
            .allowed_mentions(no_pings())
            .embeds(self.embeds.clone())
            .components(self.components.clone())
            .files(self.files.clone());
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        if self.ephemeral {
            m = m.ephemeral(true);
        }
        m
    }

    /// The message as posted in a channel (announcements, review feed).
    pub fn to_create_message(&self) -> CreateMessage {
        let mentions = no_pings().roles(self.ping_roles.iter().map(|&r| r.to_serenity()));
        let mut m = CreateMessage::new()
            .allowed_mentions(mentions)
            .embeds(self.embeds.clone())
            .components(self.components.clone())
            .files(self.files.clone());
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        m
    }

    /// The same message as an edit of a posted one.
    pub fn to_edit_message(&self) -> EditMessage {
        let mut m = EditMessage::new()
            .allowed_mentions(no_pings())
            .embeds(self.embeds.clone())
            .components(self.components.clone());
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        for file in &self.files {
            m = m.new_attachment(file.clone());
        }
        m
    }

    /// The message as an edit of the deferred `@original` reply.
    pub fn to_edit_response(&self) -> EditInteractionResponse {
        let mut m = EditInteractionResponse::new()
            .allowed_mentions(no_pings())
            .embeds(self.embeds.clone())
            .components(self.components.clone());
        if let Some(content) = &self.content {
            m = m.content(content);
        }
        for file in &self.files {
            m = m.new_attachment(file.clone());
        }
        m
    }
}

/// Every message the bot sends pings nobody: member text may contain
/// `@everyone` or mentions, and they are shown, never delivered.
pub fn no_pings() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

impl Response {
    pub fn message(message: Message) -> Self {
        Response::Message(message)
    }

    /// A short ephemeral text reply.
    pub fn ephemeral_text(content: impl Into<String>) -> Self {
        Response::Message(Message::text(content).ephemeral())
    }

    pub fn into_serenity(self) -> CreateInteractionResponse {
        match self {
            Response::Pong => CreateInteractionResponse::Pong,
            Response::Message(m) => CreateInteractionResponse::Message(m.to_interaction_message()),
            Response::Update(m) => {
                CreateInteractionResponse::UpdateMessage(m.to_interaction_message())
            }
            Response::Defer { ephemeral } => CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new().ephemeral(ephemeral),
            ),
            Response::Autocomplete(choices) => {
                let choices = choices
                    .into_iter()
                    .take(MAX_CHOICES)
                    .map(|c| AutocompleteChoice::new(c.name, c.value))
                    .collect();
                CreateInteractionResponse::Autocomplete(
                    CreateAutocompleteResponse::new().set_choices(choices),
                )
            }
            Response::Modal(modal) => CreateInteractionResponse::Modal(modal),
        }
    }

    /// The exact JSON body Discord would receive (attachments appear as their
    /// placeholders; the bytes travel beside it as multipart parts).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self.clone().into_serenity()).unwrap_or(serde_json::Value::Null)
    }

    /// The files that travel beside the JSON body.
    pub fn files(&self) -> &[CreateAttachment] {
        match self {
            Response::Message(m) | Response::Update(m) => &m.files,
            _ => &[],
        }
    }
}

/// Cuts `text` to at most `max` characters, marking the cut with an ellipsis.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clip_respects_character_limits_in_hangul() {
        let long = "사랑의 불시착 ".repeat(40);
        let clipped = clip(&long, 100);
        assert_eq!(clipped.chars().count(), 100);
        assert!(clipped.ends_with('…'));
        assert_eq!(clip("short", 100), "short");
    }

    #[test]
    fn messages_never_ping() {
        let body = Response::message(Message::text("@everyone hi")).to_json();
        assert_eq!(body["type"], 4);
        assert_eq!(
            body["data"]["allowed_mentions"]["parse"],
            serde_json::json!([])
        );
    }

    #[test]
    fn autocomplete_keeps_at_most_25_choices() {
        let choices = (0..40).map(|i| Choice::new(format!("n{i}"), "v")).collect();
        let body = Response::Autocomplete(choices).to_json();
        assert_eq!(body["type"], 8);
        assert_eq!(body["data"]["choices"].as_array().map(Vec::len), Some(25));
    }
}
