//! The public pages of servers that publish them (`/config web on`):
//! server-rendered HTML, no script, read from the aggregates the bot keeps.
//! An adapter like the transports: it reads the core and renders, nothing else.
//!
//! `/s/{slug}` home · `/s/{slug}/drama/{id}` (+ `/score.png`) ·
//! `/s/{slug}/top/dramas|tracks` · `/s/{slug}/club` · `/s/{slug}/club/{cycle}`.

mod club;
mod drama;
mod home;
pub mod lang;
mod page;
mod parts;
mod ranking;
mod svg;

use crate::catalog::Kind;
use crate::clock::Clock;
use crate::db::Database;
use crate::ids::GuildId;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use lang::Lang;
use page::{Page, Section, View};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

pub const STYLESHEET: &str = "/assets/site.css";
const CSS: &str = include_str!("../../assets/web/site.css");

/// No script at all, styles and images from this origin only.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// What the pages read.
#[derive(Clone)]
pub struct Site {
    pub pool: Database,
    pub clock: Arc<dyn Clock>,
    /// `WEB_BASE_URL`: the origin of absolute links; else the request's Host.
    pub base_url: Option<String>,
    /// The global catalog's genres, read once (the leaderboard's choices).
    pub genres: Arc<tokio::sync::OnceCell<Vec<String>>>,
}

impl Site {
    pub fn new(pool: Database, clock: Arc<dyn Clock>, base_url: Option<String>) -> Site {
        Site {
            pool,
            clock,
            base_url,
            genres: Arc::default(),
        }
    }

    async fn genres(&self) -> crate::Result<&[String]> {
        let genres = self
            .genres
            .get_or_try_init(|| crate::catalog::genres::global(&self.pool))
            .await?;
        Ok(genres)
    }
}

type Params = HashMap<String, String>;

/// The pages' routes, to merge into a transport's router.
pub fn router(site: Site) -> Router {
    Router::new()
        .route(STYLESHEET, get(stylesheet))
        .route("/s/{slug}", get(home))
        .route("/s/{slug}/", get(home))
        .route("/s/{slug}/drama/{id}", get(drama))
        .route("/s/{slug}/drama/{id}/score.png", get(drama_chart))
        .route("/s/{slug}/top/{kind}", get(ranking))
        .route("/s/{slug}/club", get(archive))
        .route("/s/{slug}/club/{cycle}", get(week))
        .with_state(Arc::new(site))
}

/// The published server and the view of this request, or the 404 page.
async fn open(
    site: &Site,
    slug: &str,
    path: String,
    params: &Params,
    headers: &HeaderMap,
) -> Result<(GuildId, View), Response> {
    let lang = Lang::pick(
        params.get("lang").map(String::as_str),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let guild = match crate::publishing::guild_of(&site.pool, slug).await {
        Ok(Some(guild)) => guild,
        Ok(None) => return Err(not_found(lang)),
        Err(error) => return Err(failed(&error)),
    };
    let query = params
        .iter()
        .filter(|(k, _)| k.as_str() != "lang")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let origin = site.base_url.clone().unwrap_or_else(|| {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        format!("http://{host}")
    });
    let view = View {
        lang,
        slug: slug.to_owned(),
        path,
        query,
        origin: origin.trim_end_matches('/').to_owned(),
    };
    Ok((guild, view))
}

async fn home(
    State(site): State<Arc<Site>>,
    Path(slug): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let (guild, view) = match open(&site, &slug, String::new(), &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let page = home::page(&site, guild, &view).await.map(Some);
    html(&headers, &view, Section::Home, page)
}

async fn drama(
    State(site): State<Arc<Site>>,
    Path((slug, id)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/drama/{id}");
    let (guild, view) = match open(&site, &slug, path, &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found(view.lang);
    };
    let page = drama::page(&site, guild, &view, id).await;
    html(&headers, &view, Section::None, page)
}

async fn drama_chart(
    State(site): State<Arc<Site>>,
    Path((slug, id)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/drama/{id}/score.png");
    let (guild, view) = match open(&site, &slug, path, &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let Ok(id) = id.parse::<i64>() else {
        return not_found(view.lang);
    };
    match drama::chart(&site, guild, &view, id).await {
        Ok(Some(png)) => cached(&headers, "image/png", png),
        Ok(None) => not_found(view.lang),
        Err(error) => failed(&error),
    }
}

async fn ranking(
    State(site): State<Arc<Site>>,
    Path((slug, kind)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/top/{kind}");
    let (guild, view) = match open(&site, &slug, path, &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let (kind, section) = match kind.as_str() {
        "dramas" => (Kind::Drama, Section::Dramas),
        "tracks" => (Kind::Track, Section::Tracks),
        _ => return not_found(view.lang),
    };
    let asked = ranking::Asked::read(kind, &params);
    let page = ranking::page(&site, guild, &view, &asked).await.map(Some);
    html(&headers, &view, section, page)
}

async fn archive(
    State(site): State<Arc<Site>>,
    Path(slug): Path<String>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = "/club".to_owned();
    let (guild, view) = match open(&site, &slug, path, &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let number = params.get("page").and_then(|p| p.parse::<u64>().ok());
    let page = club::archive(&site, guild, &view, number.unwrap_or(1).max(1)).await;
    html(&headers, &view, Section::Club, page.map(Some))
}

async fn week(
    State(site): State<Arc<Site>>,
    Path((slug, cycle)): Path<(String, String)>,
    Query(params): Query<Params>,
    headers: HeaderMap,
) -> Response {
    let path = format!("/club/{cycle}");
    let (guild, view) = match open(&site, &slug, path, &params, &headers).await {
        Ok(opened) => opened,
        Err(response) => return response,
    };
    let Ok(cycle) = cycle.parse::<i64>() else {
        return not_found(view.lang);
    };
    let page = club::week(&site, guild, &view, cycle).await;
    html(&headers, &view, Section::Club, page)
}

async fn stylesheet(headers: HeaderMap) -> Response {
    cached(&headers, "text/css; charset=utf-8", CSS.as_bytes().to_vec())
}

/// A rendered page, a 404 for `None`, or the error page.
fn html(
    headers: &HeaderMap,
    view: &View,
    section: Section,
    page: crate::Result<Option<Page>>,
) -> Response {
    match page {
        Ok(Some(page)) => {
            let body = page::document(view, section, page);
            cached(headers, "text/html; charset=utf-8", body.into_bytes())
        }
        Ok(None) => not_found(view.lang),
        Err(error) => failed(&error),
    }
}

/// A body with its ETag: `304 Not Modified` when the reader has it already.
/// Pages change with every review, so readers revalidate after a minute.
fn cached(request: &HeaderMap, content_type: &'static str, body: Vec<u8>) -> Response {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    let etag = format!("\"{:016x}\"", hasher.finish());
    let fresh = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    // The same address is another page in another language.
    headers.insert(header::VARY, HeaderValue::from_static("accept-language"));
    secure(response)
}

fn not_found(lang: Lang) -> Response {
    let mut response = (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page::not_found(lang),
    )
        .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    secure(response)
}

fn failed(error: &crate::Error) -> Response {
    tracing::error!(%error, "a public page failed");
    let response = (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong. Try again in a moment.\n",
    )
        .into_response();
    secure(response)
}

/// The headers every answer carries.
fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}
