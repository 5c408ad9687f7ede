//! Attachments members upload (e.g. `/catalog import`): fetched through a
//! trait so the gateway downloads them and the console reads local files.

use async_trait::async_trait;

/// The largest attachment the bot reads.
pub const MAX_ATTACHMENT_BYTES: usize = 2 * 1024 * 1024;

#[async_trait]
pub trait AttachmentFetcher: Send + Sync {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, String>;
}

/// Downloads from Discord's CDN (or whatever URL the attachment carries).
pub struct HttpFetcher(pub reqwest::Client);

#[async_trait]
impl AttachmentFetcher for HttpFetcher {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let response = self
            .0
            .get(url)
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("download failed with status {}", response.status()));
        }
        let bytes = response
            .bytes()
            .await
            .map_err(|e| e.without_url().to_string())?;
        Ok(bytes.to_vec())
    }
}

/// Reads `file://` URLs (console and tests).
pub struct LocalFiles;

#[async_trait]
impl AttachmentFetcher for LocalFiles {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let path = url
            .strip_prefix("file://")
            .ok_or("only local files can be attached here")?;
        tokio::fs::read(path)
            .await
            .map_err(|e| format!("cannot read {path}: {e}"))
    }
}
