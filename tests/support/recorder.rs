//! A recording announcer that behaves like Discord: nonces dedupe posts,
//! deleted channels refuse them, and it can be told to lose answers or to
//! refuse posting. What it saw outlives a bot restart.

use super::builders::valid;
use super::schema;
use async_trait::async_trait;
use ostbot::bot::announcer::{AnnounceError, Announcer};
use ostbot::bot::Message;
use ostbot::ids::{ChannelId, MessageId};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug)]
pub struct Post {
    pub channel: u64,
    pub id: u64,
    pub body: Value,
    pub files: usize,
}

/// What "Discord" saw. It outlives a bot restart.
#[derive(Default)]
pub struct Discord {
    pub posts: Vec<Post>,
    pub edits: Vec<(u64, u64, Value)>,
    pub nonces: HashMap<(u64, String), u64>,
    pub attempts: usize,
    pub gone: HashSet<u64>,
    pub missing: HashMap<u64, String>,
    /// Accept the next N posts but lose the answer (a timeout or a crash
    /// right after Discord stored the message).
    pub lose_answers: usize,
    /// Refuse every post as a channel without send permission.
    pub refuse_posts: bool,
    pub next_id: u64,
}

#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Discord>>);

impl Recorder {
    pub fn d(&self) -> std::sync::MutexGuard<'_, Discord> {
        self.0.lock().unwrap()
    }
    pub fn posts(&self) -> Vec<Post> {
        self.d().posts.clone()
    }
    pub fn posts_in(&self, channel: u64) -> Vec<Post> {
        self.posts()
            .into_iter()
            .filter(|p| p.channel == channel)
            .collect()
    }
    pub fn last_edit(&self, message: u64) -> Option<Value> {
        self.d()
            .edits
            .iter()
            .rev()
            .find(|(_, m, _)| *m == message)
            .map(|(_, _, b)| b.clone())
    }
    pub fn edit_count(&self) -> usize {
        self.d().edits.len()
    }
}

#[async_trait]
impl Announcer for Recorder {
    async fn post(
        &self,
        channel: ChannelId,
        message: &Message,
        nonce: Option<&str>,
    ) -> Result<MessageId, AnnounceError> {
        let mut d = self.d();
        d.attempts += 1;
        if d.refuse_posts {
            return Err(AnnounceError::MissingAccess("no send permission".into()));
        }
        if d.gone.contains(&channel.get()) {
            return Err(AnnounceError::ChannelGone);
        }
        if let Some(nonce) = nonce {
            assert!(nonce.len() <= 25, "Discord nonces hold 25 characters");
            if let Some(id) = d.nonces.get(&(channel.get(), nonce.to_owned())) {
                return Ok(MessageId::new(*id));
            }
        }
        d.next_id += 1;
        let id = 9_000_000_000_000_000_000 + d.next_id;
        let body = serde_json::to_value(message.to_create_message()).unwrap();
        valid(schema::Method::Post, "/channels/1/messages", &body);
        d.posts.push(Post {
            channel: channel.get(),
            id,
            body,
            files: message.files.len(),
        });
        if let Some(nonce) = nonce {
            d.nonces.insert((channel.get(), nonce.to_owned()), id);
        }
        if d.lose_answers > 0 {
            d.lose_answers -= 1;
            return Err(AnnounceError::Unavailable("timed out".into()));
        }
        Ok(MessageId::new(id))
    }

    async fn edit(
        &self,
        channel: ChannelId,
        message_id: MessageId,
        message: &Message,
    ) -> Result<(), AnnounceError> {
        let mut d = self.d();
        if d.gone.contains(&channel.get()) {
            return Err(AnnounceError::ChannelGone);
        }
        let body = serde_json::to_value(message.to_edit_message()).unwrap();
        valid(schema::Method::Patch, "/channels/1/messages/2", &body);
        d.edits.push((channel.get(), message_id.get(), body));
        Ok(())
    }

    async fn check_access(&self, channel: ChannelId) -> Result<(), AnnounceError> {
        let d = self.d();
        if d.gone.contains(&channel.get()) {
            return Err(AnnounceError::ChannelGone);
        }
        match d.missing.get(&channel.get()) {
            Some(m) => Err(AnnounceError::MissingAccess(m.clone())),
            None => Ok(()),
        }
    }
}
