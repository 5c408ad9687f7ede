//! Attachments members upload (e.g. `/catalog import`): fetched through a
//! trait so the gateway downloads them and the console reads local files.

use async_trait::async_trait;
use std::time::Duration;

/// The largest attachment the bot reads (the documented import limit).
pub const MAX_ATTACHMENT_BYTES: usize = 2 * 1024 * 1024;

/// How long one download may take, headers and body together.
pub const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15);

/// The hosts Discord serves attachments from.
pub const DISCORD_CDN_HOSTS: [&str; 2] = ["cdn.discordapp.com", "media.discordapp.net"];

#[async_trait]
pub trait AttachmentFetcher: Send + Sync {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, String>;
}

/// Downloads attachments from Discord's CDN over HTTPS, or from the extra
/// `host[:port]`s of `ATTACHMENT_HOSTS` (a fake Discord in tests, over
/// plain HTTP too). At most `max_bytes` are read, however large the
/// attachment says it is or the server streams, and within `timeout`.
pub struct HttpFetcher {
    client: reqwest::Client,
    extra_hosts: Vec<String>,
    pub max_bytes: usize,
    pub timeout: Duration,
}

impl HttpFetcher {
    pub fn new(extra_hosts: &[String]) -> Self {
        let hosts = extra_hosts.to_vec();
        // A redirect is followed only to a host that is allowed itself.
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= 3 {
                attempt.error("too many redirects")
            } else if allowed(&hosts, attempt.url()) {
                attempt.follow()
            } else {
                attempt.stop()
            }
        });
        let client = reqwest::Client::builder()
            .redirect(policy)
            .build()
            .unwrap_or_default();
        HttpFetcher {
            client,
            extra_hosts: extra_hosts.to_vec(),
            max_bytes: MAX_ATTACHMENT_BYTES,
            timeout: DOWNLOAD_TIMEOUT,
        }
    }

    async fn download(&self, url: reqwest::Url) -> Result<Vec<u8>, String> {
        let too_large = || format!("the file is larger than {} bytes", self.max_bytes);
        let mut response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|e| e.without_url().to_string())?;
        if !response.status().is_success() {
            return Err(format!("download failed with status {}", response.status()));
        }
        if response
            .content_length()
            .is_some_and(|n| n > self.max_bytes as u64)
        {
            return Err(too_large());
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| e.without_url().to_string())?
        {
            if bytes.len() + chunk.len() > self.max_bytes {
                return Err(too_large());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

/// Whether `url` names Discord's CDN over HTTPS, or one of `extra` hosts.
fn allowed(extra: &[String], url: &reqwest::Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let https = url.scheme() == "https";
    if https && url.port().is_none() && DISCORD_CDN_HOSTS.contains(&host) {
        return true;
    }
    let with_port = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    matches!(url.scheme(), "https" | "http")
        && extra
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&with_port) || h.eq_ignore_ascii_case(host))
}

#[async_trait]
impl AttachmentFetcher for HttpFetcher {
    async fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        let url = reqwest::Url::parse(url).map_err(|_| "not a URL".to_owned())?;
        if !allowed(&self.extra_hosts, &url) {
            return Err(format!(
                "attachments are only downloaded from Discord, not {}",
                url.host_str().unwrap_or("?")
            ));
        }
        tokio::time::timeout(self.timeout, self.download(url))
            .await
            .map_err(|_| format!("the download took longer than {:?}", self.timeout))?
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;

    fn url(text: &str) -> reqwest::Url {
        reqwest::Url::parse(text).expect("a URL")
    }

    #[test]
    fn only_discords_cdn_and_configured_hosts_are_allowed() {
        let none: Vec<String> = Vec::new();
        assert!(allowed(
            &none,
            &url("https://cdn.discordapp.com/attachments/1/2/a.csv")
        ));
        assert!(allowed(
            &none,
            &url("https://media.discordapp.net/attachments/1/2/a.csv")
        ));
        assert!(!allowed(&none, &url("http://cdn.discordapp.com/a.csv")));
        assert!(!allowed(
            &none,
            &url("https://cdn.discordapp.com:8443/a.csv")
        ));
        assert!(!allowed(
            &none,
            &url("https://cdn.discordapp.com.evil.example/a.csv")
        ));
        assert!(!allowed(
            &none,
            &url("https://169.254.169.254/latest/meta-data")
        ));
        assert!(!allowed(&none, &url("file:///etc/passwd")));
        let fake = vec!["127.0.0.1:4000".to_owned()];
        assert!(allowed(&fake, &url("http://127.0.0.1:4000/a.csv")));
        assert!(!allowed(&fake, &url("http://127.0.0.1:4001/a.csv")));
    }

    /// A server on 127.0.0.1: `/huge` streams 8 MB and `/lying` 3 MB
    /// without a length (whatever the attachment's `size` said), `/slow`
    /// never finishes, `/small` is a CSV, `/away` redirects off the list.
    async fn server() -> String {
        let chunks = |n: usize| {
            let chunk = vec![b'a'; 64 * 1024];
            Body::from_stream(futures_iter(n, chunk))
        };
        let app = Router::new()
            .route("/huge", get(move || async move { chunks(128) }))
            .route("/lying", get(move || async move { chunks(48) }))
            .route(
                "/slow",
                get(|| async {
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    "late"
                }),
            )
            .route("/small", get(|| async { "title,artist\nA,B\n" }))
            .route(
                "/away",
                get(|| async {
                    (
                        axum::http::StatusCode::FOUND,
                        [(axum::http::header::LOCATION, "http://127.0.0.2:9/x")],
                    )
                }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        tokio::spawn(async move { axum::serve(listener, app).await });
        address
    }

    /// `n` copies of `chunk` as a body stream.
    fn futures_iter(
        n: usize,
        chunk: Vec<u8>,
    ) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
        futures_util::stream::iter((0..n).map(move |_| Ok(chunk.clone())))
    }

    #[tokio::test]
    async fn downloads_are_capped_timed_and_kept_to_allowed_hosts() {
        let address = server().await;
        let mut fetcher = HttpFetcher::new(std::slice::from_ref(&address));
        fetcher.timeout = Duration::from_millis(500);
        let base = format!("http://{address}");
        let small = fetcher.fetch(&format!("{base}/small")).await;
        assert_eq!(small.as_deref(), Ok(&b"title,artist\nA,B\n"[..]));
        for path in ["/huge", "/lying"] {
            let refused = fetcher.fetch(&format!("{base}{path}")).await;
            assert!(refused.is_err_and(|e| e.contains("larger than")), "{path}");
        }
        let slow = fetcher.fetch(&format!("{base}/slow")).await;
        assert!(slow.is_err_and(|e| e.contains("longer than")));
        let away = fetcher.fetch(&format!("{base}/away")).await;
        assert!(away.is_err(), "{away:?}");
        let stranger = HttpFetcher::new(&[]).fetch(&format!("{base}/small")).await;
        assert!(stranger.is_err_and(|e| e.contains("only downloaded from Discord")));
    }
}
