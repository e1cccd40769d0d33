//! The HTTP face: pages, the app's JSON endpoint, the push stream, the
//! built assets. Every answer to a reader carries the caching a CDN in front
//! needs (`s-maxage`, `stale-while-revalidate`, `stale-if-error`) and a
//! strong ETag, so an unchanged page or list costs a 304.

use crate::poller::Changed;
use crate::render::Pages;
use crate::store::{Failure, Got, Key, Payload, Store};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use std::collections::HashMap;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// Everything the handlers share.
pub struct AppState {
    pub pages: Pages,
    pub store: Store,
    /// The built browser app (hashed assets).
    pub site: PathBuf,
    /// Its files as read, each once.
    pub files: Files,
    pub events: broadcast::Sender<Changed>,
    /// `Cache-Control` for pages and JSON.
    pub cache_control: String,
    /// The Content-Security-Policy of every page.
    pub csp: String,
    /// The accent stylesheet (`theme-<hash>.css`) and its text, when configured.
    pub accent: Option<(String, String)>,
    /// Page requests that reached this server, for tests and the bench
    /// (what a CDN in front saves).
    pub page_requests: std::sync::atomic::AtomicU64,
}

pub type Shared = Arc<AppState>;

/// The router: one fallback that dispatches by path, so the public URL's
/// path (`/news/`) prefixes everything without a second route table.
pub fn app(state: Shared) -> axum::Router {
    axum::Router::new()
        .fallback(dispatch)
        .with_state(state)
        .layer(tower_http::compression::CompressionLayer::new())
        // A bug must cost one request a 500, never the server.
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
}

async fn dispatch(State(state): State<Shared>, req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "").into_response();
    }
    let raw_path = req.uri().path().to_owned();
    let query: HashMap<String, String> = req
        .uri()
        .query()
        .map(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let headers = req.headers().clone();
    let base = state.pages.base.clone();
    let Some(rest) = raw_path.strip_prefix(base.trim_end_matches('/')) else {
        return page(&state, &raw_path, &headers).await;
    };
    let rest = rest.trim_start_matches('/');
    if let Some(api) = rest.strip_prefix("_ziar/api/") {
        return api_route(&state, api, &query, &headers).await;
    }
    if rest == "_ziar/events" {
        return events(&state).into_response();
    }
    if rest == "_ziar/status" {
        return status(&state);
    }
    if let Some((name, css)) = &state.accent {
        if rest == format!("_ziar/{name}") {
            return (
                [
                    (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                    (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                ],
                css.clone(),
            )
                .into_response();
        }
    }
    if let Some(file) = asset(&state.site, rest) {
        return serve_file(&state.files, file, rest, &headers).await;
    }
    page(&state, &raw_path, &headers).await
}

/// A page, rendered on the server.
async fn page(state: &AppState, raw_path: &str, headers: &HeaderMap) -> Response {
    let path = ziar::endpoints::percent_decode(raw_path).unwrap_or_else(|| raw_path.to_owned());
    state.page_requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let rendered = state.pages.render(&path).await;
    let etag = rendered.etag.clone();
    let mut res = if rendered.status == 200 && not_modified(headers, &etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let status = StatusCode::from_u16(rendered.status).unwrap_or(StatusCode::OK);
        (status, rendered.html.clone()).into_response()
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    set(h, header::CONTENT_SECURITY_POLICY, &state.csp);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    caching(h, state, rendered.status, rendered.stale, &etag);
    res
}

/// `/_ziar/api/…`: the app's JSON, already normalized and sanitized.
async fn api_route(state: &AppState, api: &str, query: &HashMap<String, String>, headers: &HeaderMap) -> Response {
    let per_page = match number(query, "per_page", 10, 1..=100) {
        Ok(n) => n as usize,
        Err(e) => return bad_request(&e),
    };
    let page = match number(query, "page", 1, 1..=1000) {
        Ok(n) => n as u32,
        Err(e) => return bad_request(&e),
    };
    let decode = |s: &str| ziar::endpoints::percent_decode(s).unwrap_or_else(|| s.to_owned());
    let key = match api.split_once('/') {
        None if api == "posts" => Key::List { page, per_page },
        Some(("posts", slug)) if !slug.is_empty() && !slug.contains('/') => Key::Post(decode(slug)),
        Some(("categories", slug)) if !slug.is_empty() && !slug.contains('/') => Key::Category {
            slug: decode(slug),
            page,
            per_page,
        },
        Some(("authors", slug)) if !slug.is_empty() && !slug.contains('/') => Key::Author {
            slug: decode(slug),
            page,
            per_page,
        },
        _ => return json_error(StatusCode::NOT_FOUND, "no such endpoint"),
    };
    match state.store.get(key).await {
        Ok(Got { answer, stale }) => {
            let found = !matches!(answer.payload, Payload::Post(None) | Payload::Term(None));
            let mut res = match &answer.json {
                Some(json) if found => {
                    if not_modified(headers, &answer.etag) {
                        StatusCode::NOT_MODIFIED.into_response()
                    } else {
                        json.clone().into_response()
                    }
                }
                _ => json_error(StatusCode::NOT_FOUND, "not found"),
            };
            let status = if found { 200 } else { 404 };
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            caching(h, state, status, stale, &answer.etag);
            res
        }
        Err(Failure { status, detail, .. }) => {
            eprintln!("ziar-server: upstream failed: {detail}");
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            let mut res = json_error(code, "the news source did not answer");
            res.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            res
        }
    }
}

/// `/_ziar/events`: one message per upstream change, to every open tab.
fn events(state: &AppState) -> impl IntoResponse {
    let rx = state.events.subscribe();
    let stream = tokio_stream_from(rx).map(|changed| {
        Ok::<Event, Infallible>(Event::default().data(serde_json::to_string(&changed).unwrap_or_default()))
    });
    let mut res = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A broadcast receiver as a stream; a reader too slow to keep up skips ahead.
fn tokio_stream_from(rx: broadcast::Receiver<Changed>) -> impl futures_util::Stream<Item = Changed> {
    futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(c) => return Some((c, rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    })
}

/// `/_ziar/status`: what the server holds and how often it asked upstream.
fn status(state: &AppState) -> Response {
    let (entries, bytes) = state.store.usage();
    let body = serde_json::json!({
        "upstream_requests": state.store.upstream_requests.load(std::sync::atomic::Ordering::Relaxed),
        "page_requests": state.page_requests.load(std::sync::atomic::Ordering::Relaxed),
        "cache_entries": entries,
        "cache_bytes": bytes,
    });
    let mut res = axum::Json(body).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `Cache-Control`, `ETag` and the stale marker for a page or JSON answer.
fn caching(h: &mut HeaderMap, state: &AppState, status: u16, stale: bool, etag: &str) {
    let cc = match status {
        200 | 304 | 404 if stale => "public, max-age=0, s-maxage=5".to_owned(),
        200 | 304 | 404 => state.cache_control.clone(),
        _ => "no-store".to_owned(),
    };
    set(h, header::CACHE_CONTROL, &cc);
    if status == 200 {
        set(h, header::ETAG, etag);
    }
    if stale {
        h.insert("x-ziar-stale", HeaderValue::from_static("1"));
    }
}

fn set(h: &mut HeaderMap, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        h.insert(name, v);
    }
}

/// Whether `If-None-Match` lists `etag` (or `*`).
pub fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

fn number(
    q: &HashMap<String, String>,
    name: &str,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
) -> Result<u64, String> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .ok()
            .filter(|n| range.contains(n))
            .ok_or_else(|| format!("`{name}` must be a number from {} to {}", range.start(), range.end())),
    }
}

fn bad_request(message: &str) -> Response {
    json_error(StatusCode::BAD_REQUEST, message)
}

fn json_error(status: StatusCode, message: &str) -> Response {
    let mut res = (status, axum::Json(serde_json::json!({ "error": message }))).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A built asset under `site` for a request path, if one exists: never
/// `index.html` (the page template) and never outside `site`.
fn asset(site: &std::path::Path, rest: &str) -> Option<PathBuf> {
    if rest.is_empty() || rest == "index.html" || rest == "404.html" {
        return None;
    }
    let safe = rest
        .split('/')
        .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains('\\'));
    if !safe {
        return None;
    }
    let path = site.join(rest);
    path.is_file().then_some(path)
}

/// The site's files with their ETags, each read and hashed on first use: the
/// site is the build's output, fixed while the server runs (its page template
/// is read once at start too). A handful of files, so no bound is needed.
#[derive(Default)]
pub struct Files(std::sync::Mutex<HashMap<PathBuf, Arc<(Bytes, String)>>>);

impl Files {
    async fn get(&self, path: &std::path::Path) -> Option<Arc<(Bytes, String)>> {
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(hit) = lock().get(path) {
            return Some(hit.clone());
        }
        let bytes = Bytes::from(tokio::fs::read(path).await.ok()?);
        let etag = crate::store::etag_for(&bytes);
        let file = Arc::new((bytes, etag));
        lock().insert(path.to_owned(), file.clone());
        Some(file)
    }
}

async fn serve_file(files: &Files, path: PathBuf, name: &str, headers: &HeaderMap) -> Response {
    // A copy compressed at build time (scripts/precompress.mjs), when the reader takes it:
    // no per-request compression, and brotli at its best quality.
    let mut encoding = None;
    let mut file = None;
    for (token, ext) in [("br", "br"), ("gzip", "gz")] {
        if !accepts(headers, token) {
            continue;
        }
        let mut packed = path.clone().into_os_string();
        packed.push(format!(".{ext}"));
        if let Some(f) = files.get(std::path::Path::new(&packed)).await {
            encoding = Some(token);
            file = Some(f);
            break;
        }
    }
    let file = match file {
        Some(f) => f,
        None => match files.get(&path).await {
            Some(f) => f,
            None => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let (bytes, etag) = (&file.0, &file.1);
    let hashed = is_hashed(name);
    // One strong validator per representation.
    let mut res = if not_modified(headers, etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Body::from(bytes.clone()).into_response()
    };
    let h = res.headers_mut();
    set(h, header::CONTENT_TYPE, content_type(name));
    set(h, header::ETAG, etag);
    if let Some(e) = encoding {
        set(h, header::CONTENT_ENCODING, e);
    }
    h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cc = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    set(h, header::CACHE_CONTROL, cc);
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    res
}

/// Whether `Accept-Encoding` takes `token` (listed, and not with `q=0`).
fn accepts(headers: &HeaderMap, token: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            name.eq_ignore_ascii_case(token) && !refused
        })
}

/// Trunk's content-hashed names (`main-<16 hex>.css`, `…_bg.wasm`).
fn is_hashed(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.split('.').next().unwrap_or(file).trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, h)| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_and_safe_paths() {
        assert!(is_hashed("ziar-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("main-0123456789abcdef.css"));
        assert!(!is_hashed("config.json"));
        let site = std::env::temp_dir();
        assert!(asset(&site, "../etc/passwd").is_none());
        assert!(asset(&site, "a//b").is_none());
        assert!(asset(&site, "index.html").is_none());
    }

    #[test]
    fn accept_encoding_tokens_and_refusals() {
        let h = |v: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            m
        };
        assert!(accepts(&h("gzip, deflate, br, zstd"), "br"));
        assert!(accepts(&h("gzip;q=0.5, br;q=1.0"), "gzip"));
        assert!(!accepts(&h("gzip, br;q=0"), "br"));
        assert!(!accepts(&h("identity"), "gzip"));
        assert!(!accepts(&HeaderMap::new(), "br"));
    }

    #[test]
    fn if_none_match_lists() {
        let mut h = HeaderMap::new();
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"a\", W/\"b\""));
        assert!(not_modified(&h, "\"b\""));
        assert!(!not_modified(&h, "\"c\""));
    }

    #[test]
    fn paging_numbers_are_checked() {
        let q: HashMap<String, String> = [("page".to_string(), "0".to_string())].into();
        assert!(number(&q, "page", 1, 1..=1000).is_err());
        assert_eq!(number(&q, "per_page", 10, 1..=100), Ok(10));
    }
}
