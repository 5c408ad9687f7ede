//! The HTTP client of MusicBrainz's JSON web service (`/ws/2`), following its rules for
//! clients (<https://musicbrainz.org/doc/MusicBrainz_API/Rate_Limiting>): a User-Agent that
//! names the application, its version and a contact; at most one request a second (each one
//! starts a second after the previous answer was read), through one limiter that every clone of the client shares (so concurrent commands queue behind
//! each other); 503 answers retried after the `Retry-After` they give, else with a growing
//! back-off; a 10 s timeout per request; and a cache of the answers read, so a preview and its
//! import, or a repeated fetch, ask MusicBrainz once.

use super::model::{Mbid, Release, ReleaseBrowse, ReleaseGroup, ReleaseGroupSearch};
use super::FetchError;
use reqwest::header::{HeaderMap, RETRY_AFTER, USER_AGENT};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// MusicBrainz's own service.
pub const DEFAULT_URL: &str = "https://musicbrainz.org";
/// At most one request per this interval (MusicBrainz allows one a second per address).
pub const SPACING: Duration = Duration::from_secs(1);
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// Attempts of one request answered 503 (or 429), the first included.
pub const ATTEMPTS: u32 = 4;
/// The longest `Retry-After` honoured; a longer one gives up (MusicBrainz is busy).
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(30);
/// Releases asked per page (MusicBrainz's largest page).
pub const PAGE: usize = 100;
/// How long an answer is reused, and how many are kept.
pub const CACHE_FOR: Duration = Duration::from_secs(3600);
const CACHE_ENTRIES: usize = 256;

/// A MusicBrainz client; clones share the limiter and the cache.
#[derive(Clone)]
pub struct MusicBrainz {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base: String,
    user_agent: String,
    /// When the last request left; held while waiting, so callers queue.
    last: tokio::sync::Mutex<Option<Instant>>,
    cache: Mutex<HashMap<String, (Instant, Arc<serde_json::Value>)>>,
}

impl std::fmt::Debug for MusicBrainz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MusicBrainz")
            .field("base", &self.inner.base)
            .finish_non_exhaustive()
    }
}

/// `ostbot/0.1.0 ( ops@example.org )`.
pub fn user_agent(contact: &str) -> String {
    format!(
        "ostbot/{} ( {} )",
        env!("CARGO_PKG_VERSION"),
        contact.trim()
    )
}

impl MusicBrainz {
    /// A client of the service at `base` (`https://musicbrainz.org`, a mirror, a test server),
    /// introducing itself with `contact` (an e-mail address or a URL).
    pub fn new(base: &str, contact: &str) -> Result<MusicBrainz, FetchError> {
        MusicBrainz::with_timeout(base, contact, TIMEOUT)
    }

    /// [`MusicBrainz::new`] with another timeout per request than [`TIMEOUT`] (tests).
    pub fn with_timeout(
        base: &str,
        contact: &str,
        timeout: Duration,
    ) -> Result<MusicBrainz, FetchError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            .build()
            .map_err(|error| FetchError::Unreachable(error.to_string()))?;
        Ok(MusicBrainz {
            inner: Arc::new(Inner {
                http,
                base: base.trim_end_matches('/').to_owned(),
                user_agent: user_agent(contact),
                last: tokio::sync::Mutex::new(None),
                cache: Mutex::new(HashMap::new()),
            }),
        })
    }

    /// `GET /ws/2/release-group?query=…`: release groups whose title matches, best first.
    pub async fn search_release_groups(
        &self,
        query: &str,
        limit: usize,
    ) -> Result<Vec<ReleaseGroup>, FetchError> {
        let limit = limit.to_string();
        let query = lucene_escape(query);
        let found: ReleaseGroupSearch = self
            .get(
                "/ws/2/release-group",
                &[("query", &query), ("limit", &limit)],
            )
            .await?;
        Ok(found.release_groups)
    }

    /// `GET /ws/2/release-group/MBID`.
    pub async fn release_group(&self, id: &Mbid) -> Result<ReleaseGroup, FetchError> {
        self.get(&format!("/ws/2/release-group/{id}"), &[]).await
    }

    /// The releases of a release group with their tracks and credits (browsed by pages of
    /// [`PAGE`]), at most `budget` of them, and how many MusicBrainz has.
    pub async fn releases_of(
        &self,
        group: &Mbid,
        budget: usize,
    ) -> Result<(Vec<Release>, u64), FetchError> {
        let mut releases = Vec::new();
        let mut total = 0;
        while releases.len() < budget {
            let limit = PAGE.min(budget - releases.len()).to_string();
            let offset = releases.len().to_string();
            let group_id = group.to_string();
            let page: ReleaseBrowse = self
                .get(
                    "/ws/2/release",
                    &[
                        ("release-group", &group_id),
                        // Encoded as the documented `inc=recordings+artist-credits`.
                        ("inc", "recordings artist-credits"),
                        ("limit", &limit),
                        ("offset", &offset),
                    ],
                )
                .await?;
            total = page.release_count;
            let got = page.releases.len();
            releases.extend(page.releases);
            if got == 0 || releases.len() as u64 >= total {
                break;
            }
        }
        releases.truncate(budget);
        Ok((releases, total))
    }

    /// One answer, from the cache or from MusicBrainz, read as `T`.
    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        params: &[(&str, &str)],
    ) -> Result<T, FetchError> {
        let mut all: Vec<(&str, &str)> = params.to_vec();
        all.push(("fmt", "json"));
        let url = Url::parse_with_params(&format!("{}{path}", self.inner.base), &all)
            .map_err(|error| FetchError::Unreachable(error.to_string()))?;
        let key = url.to_string();
        if let Some(value) = self.cached(&key) {
            return serde_json::from_value((*value).clone()).map_err(|_| FetchError::Malformed);
        }
        let body = self.send(url).await?;
        let value: serde_json::Value = serde_json::from_str(&body).map_err(|error| {
            tracing::warn!(%error, url = %key, "MusicBrainz answered something that is not JSON");
            FetchError::Malformed
        })?;
        let read: T = serde_json::from_value(value.clone()).map_err(|error| {
            tracing::warn!(%error, url = %key, "MusicBrainz's answer has an unknown shape");
            FetchError::Malformed
        })?;
        self.remember(key, value);
        Ok(read)
    }

    fn cached(&self, key: &str) -> Option<Arc<serde_json::Value>> {
        let cache = self.inner.cache.lock().ok()?;
        cache
            .get(key)
            .filter(|(at, _)| at.elapsed() < CACHE_FOR)
            .map(|(_, value)| value.clone())
    }

    fn remember(&self, key: String, value: serde_json::Value) {
        let Ok(mut cache) = self.inner.cache.lock() else {
            return;
        };
        cache.retain(|_, (at, _)| at.elapsed() < CACHE_FOR);
        if cache.len() >= CACHE_ENTRIES {
            if let Some(oldest) = cache
                .iter()
                .min_by_key(|(_, (at, _))| *at)
                .map(|(k, _)| k.clone())
            {
                cache.remove(&oldest);
            }
        }
        cache.insert(key, (Instant::now(), Arc::new(value)));
    }

    /// One request in the limiter's turn: it starts at least [`SPACING`] after the previous
    /// one ended, whoever asked, so MusicBrainz never sees two within a second. The turn is
    /// held until the answer is read.
    async fn attempt(&self, url: &Url) -> Result<(StatusCode, HeaderMap, String), FetchError> {
        let mut last = self.inner.last.lock().await;
        if let Some(at) = *last {
            let due = at + SPACING;
            let now = Instant::now();
            if due > now {
                tokio::time::sleep(due - now).await;
            }
        }
        let result = async {
            let response = self
                .inner
                .http
                .get(url.clone())
                .header(USER_AGENT, &self.inner.user_agent)
                .header(reqwest::header::ACCEPT, "application/json")
                .send()
                .await
                .map_err(|error| transport_error(&error))?;
            let status = response.status();
            let headers = response.headers().clone();
            let body = response
                .text()
                .await
                .map_err(|error| transport_error(&error))?;
            Ok((status, headers, body))
        }
        .await;
        *last = Some(Instant::now());
        result
    }

    /// The body of a 200 answer, retrying 503 and 429.
    async fn send(&self, url: Url) -> Result<String, FetchError> {
        let mut backoff = SPACING;
        for attempt in 1..=ATTEMPTS {
            let (status, headers, body) = self.attempt(&url).await?;
            if status == StatusCode::SERVICE_UNAVAILABLE || status == StatusCode::TOO_MANY_REQUESTS
            {
                let wait = retry_after(&headers).unwrap_or(backoff);
                tracing::info!(%status, attempt, wait_ms = wait.as_millis() as u64, "MusicBrainz is busy; retrying");
                if attempt == ATTEMPTS || wait > MAX_RETRY_AFTER {
                    return Err(FetchError::Busy);
                }
                tokio::time::sleep(wait).await;
                backoff *= 2;
                continue;
            }
            if status == StatusCode::NOT_FOUND {
                return Err(FetchError::NotFound);
            }
            if !status.is_success() {
                tracing::warn!(%status, url = %url, "MusicBrainz refused a request");
                return Err(FetchError::Status(status.as_u16()));
            }
            return Ok(body);
        }
        Err(FetchError::Busy)
    }
}

fn transport_error(error: &reqwest::Error) -> FetchError {
    if error.is_timeout() {
        FetchError::Timeout
    } else if error.is_decode() || error.is_body() {
        FetchError::Malformed
    } else {
        FetchError::Unreachable(crate::error::one_line(error))
    }
}

/// `Retry-After` in seconds (MusicBrainz sends seconds; an HTTP date is not honoured).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?;
    text.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// A member's words as one Lucene term list: the query syntax's special characters escaped.
pub fn lucene_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if "+-&|!(){}[]^\"~*?:\\/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_user_agent_names_the_bot_its_version_and_the_contact() {
        assert_eq!(
            user_agent(" ops@example.org "),
            format!("ostbot/{} ( ops@example.org )", env!("CARGO_PKG_VERSION"))
        );
    }

    #[test]
    fn lucene_syntax_is_escaped() {
        assert_eq!(lucene_escape("도깨비 OST"), "도깨비 OST");
        assert_eq!(lucene_escape("a:b (c)"), "a\\:b \\(c\\)");
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "2".parse().expect("header"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(
            RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().expect("header"),
        );
        assert_eq!(retry_after(&headers), None);
    }
}
