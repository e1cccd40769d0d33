//! HTTP conventions shared by the API and feed routes: WordPress-shaped
//! errors, CORS, conditional requests (ETag / Last-Modified) and the fault
//! switches.

use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::time::{format_http_date, parse_http_date};
use crate::SharedState;

/// Content type of every API and feed response.
pub const JSON_CONTENT_TYPE: &str = "application/json; charset=UTF-8";
/// Headers a browser may read from cross-origin API responses.
pub const EXPOSE_HEADERS: &str = "X-WP-Total, X-WP-TotalPages, ETag, Last-Modified, Retry-After, X-Poll-Interval";
/// Methods allowed by the API preflight answer.
pub const ALLOW_METHODS: &str = "GET, HEAD, OPTIONS";
/// Request headers allowed by the API preflight answer.
pub const ALLOW_HEADERS: &str = "If-None-Match, If-Modified-Since, Content-Type";
/// Largest response body the API layer buffers.
const BODY_LIMIT: usize = 64 * 1024 * 1024;

/// Header with the total number of matching items.
pub const X_WP_TOTAL: HeaderName = HeaderName::from_static("x-wp-total");
/// Header with the number of pages.
pub const X_WP_TOTAL_PAGES: HeaderName = HeaderName::from_static("x-wp-totalpages");

/// A WordPress REST error: `{"code","message","data":{"status",...}}`.
#[derive(Debug, Clone)]
pub struct WpError {
    /// HTTP status.
    pub status: StatusCode,
    /// Machine-readable code, e.g. `rest_invalid_param`.
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// Extra members of `data` besides `status`.
    pub data: serde_json::Map<String, Value>,
}

impl WpError {
    /// A new error with an empty `data` extension.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        WpError {
            status,
            code: code.to_string(),
            message: message.into(),
            data: serde_json::Map::new(),
        }
    }

    /// `400 rest_invalid_param` for one parameter, shaped like WordPress.
    pub fn invalid_param(param: &str, detail: impl Into<String>) -> Self {
        let mut e = WpError::new(
            StatusCode::BAD_REQUEST,
            "rest_invalid_param",
            format!("Invalid parameter(s): {param}"),
        );
        e.data.insert("params".into(), json!({ param: detail.into() }));
        e
    }

    /// `404 rest_no_route`.
    pub fn no_route() -> Self {
        WpError::new(
            StatusCode::NOT_FOUND,
            "rest_no_route",
            "No route was found matching the URL and request method.",
        )
    }

    /// The JSON body bytes, members in WordPress order.
    pub fn to_body(&self) -> Vec<u8> {
        #[derive(Serialize)]
        struct Body<'a> {
            code: &'a str,
            message: &'a str,
            data: serde_json::Map<String, Value>,
        }
        let mut data = self.data.clone();
        data.insert("status".into(), json!(self.status.as_u16()));
        serde_json::to_vec(&Body {
            code: &self.code,
            message: &self.message,
            data,
        })
        .unwrap_or_default()
    }
}

impl IntoResponse for WpError {
    fn into_response(self) -> Response {
        let body = self.to_body();
        let mut res = Response::new(Body::from(body));
        *res.status_mut() = self.status;
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
        res
    }
}

/// A `200` JSON response with a `Last-Modified` time (Unix seconds); the
/// API layer adds ETag, CORS and cache headers.
pub fn json_response<T: Serialize + ?Sized>(value: &T, last_modified: i64) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut res = Response::new(Body::from(body));
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
            if let Ok(v) = HeaderValue::from_str(&format_http_date(last_modified)) {
                h.insert(header::LAST_MODIFIED, v);
            }
            res
        }
        Err(e) => WpError::new(StatusCode::INTERNAL_SERVER_ERROR, "rest_internal_error", e.to_string()).into_response(),
    }
}

/// Sets `X-WP-Total` and `X-WP-TotalPages`.
pub fn set_totals(res: &mut Response, total: usize, pages: usize) {
    let h = res.headers_mut();
    h.insert(X_WP_TOTAL, HeaderValue::from(total));
    h.insert(X_WP_TOTAL_PAGES, HeaderValue::from(pages));
}

/// The base URL (`scheme://host`) of a request: `http` (or the
/// `X-Forwarded-Proto` value) plus the `Host` header. Falls back to
/// `fallback` when the header is missing or contains unexpected characters.
pub fn base_url(headers: &HeaderMap, fallback: &str) -> String {
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.split(',').next().unwrap_or("").trim().to_ascii_lowercase())
        .filter(|s| s == "https" || s == "http")
        .unwrap_or_else(|| "http".to_string());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).filter(|h| {
        !h.is_empty() && h.len() <= 255 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]_".contains(&b))
    });
    match host {
        Some(h) => format!("{scheme}://{h}"),
        None => fallback.trim_end_matches('/').to_string(),
    }
}

/// 64-bit FNV-1a hash.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A strong ETag (quoted FNV-1a hex) for a body.
pub fn etag_for(bytes: &[u8]) -> String {
    format!("\"{:016x}\"", fnv1a64(bytes))
}

/// Whether an `If-None-Match` value (a list, possibly with `W/` prefixes,
/// or `*`) matches `etag` (weak comparison, as RFC 9110 requires here).
pub fn if_none_match_matches(header_value: &str, etag: &str) -> bool {
    let bare = etag.trim_start_matches("W/");
    header_value
        .split(',')
        .map(str::trim)
        .any(|candidate| candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == bare)
}

/// Whether a request with these headers may be answered `304 Not
/// Modified` for a representation with `etag` and `last_modified` (Unix
/// seconds). `If-None-Match` wins; `If-Modified-Since` is only consulted
/// when there is no `If-None-Match` (RFC 9110 §13.2.2).
pub fn is_not_modified(headers: &HeaderMap, etag: &str, last_modified: Option<i64>) -> bool {
    if let Some(inm) = headers.get(header::IF_NONE_MATCH) {
        return inm.to_str().map(|v| if_none_match_matches(v, etag)).unwrap_or(false);
    }
    match (
        headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_http_date),
        last_modified,
    ) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

/// Adds the CORS headers every API response carries.
pub fn add_cors(headers: &mut HeaderMap) {
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static(EXPOSE_HEADERS),
    );
}

/// The `204` answer to a CORS preflight.
pub fn preflight(methods: &'static str) -> Response {
    let mut res = StatusCode::NO_CONTENT.into_response();
    let h = res.headers_mut();
    add_cors(h);
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(methods));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static(ALLOW_HEADERS),
    );
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    res
}

/// Fault switches for the API routes, set from the command line or
/// `POST /__admin/faults`.
///
/// All kinds are applied by [`apply_faults`], in this order: latency, hang,
/// redirect loop, redirect elsewhere, status, then one body fault (HTML page,
/// empty, huge, dropped mid-body, malformed); `content_type` and `no_cors`
/// rewrite the headers of whatever comes out. `paths` scopes a set of faults
/// to routes, `hosts` to `Host` headers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Faults {
    /// Delay every API response by this many milliseconds.
    #[serde(default)]
    pub latency_ms: u64,
    /// Never answer: the connection stays open with no response.
    #[serde(default)]
    pub hang: bool,
    /// Answer with this status and a WordPress error body instead.
    #[serde(default)]
    pub status: Option<u16>,
    /// Answer `200` with a truncated JSON body.
    #[serde(default)]
    pub malformed: bool,
    /// Answer `200 text/html` with an HTML error page (a proxy's, say).
    #[serde(default)]
    pub html: bool,
    /// Answer `200` with an empty body.
    #[serde(default)]
    pub empty: bool,
    /// Send the real body under this `Content-Type` instead of JSON.
    #[serde(default)]
    pub content_type: Option<String>,
    /// Answer with the real body padded to [`HUGE_BODY_BYTES`] (still valid JSON).
    #[serde(default)]
    pub huge: bool,
    /// Answer `302` pointing back at the same URL, forever.
    #[serde(default)]
    pub redirect_loop: bool,
    /// Leave out every CORS header (a cross-origin page cannot read the answer).
    #[serde(default)]
    pub no_cors: bool,
    /// Answer `301` to another address, without CORS headers, as a site does
    /// for a wrong API path or its canonical host: a path (`/elsewhere`) is the
    /// new location; an origin (`http://localhost:8080`) keeps the request's
    /// path and query; anything else is sent as is.
    #[serde(default)]
    pub redirect_to: Option<String>,
    /// Send the headers and part of the body, then cut the connection.
    #[serde(default)]
    pub drop_mid_body: bool,
    /// Path prefixes the faults apply to; empty means every API route.
    #[serde(default)]
    pub paths: Vec<String>,
    /// `Host` headers (`www.localhost:8080`) the faults apply to; empty means any.
    #[serde(default)]
    pub hosts: Vec<String>,
}

/// Size of the `huge` fault's body: 10 MB.
pub const HUGE_BODY_BYTES: usize = 10 * 1024 * 1024;

/// A simple HTML error page, as a misconfigured proxy would send.
const HTML_ERROR_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n\
<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p>\n\
<hr><address>nginx</address></body></html>\n";

impl Faults {
    /// Whether any fault is switched on.
    pub fn is_active(&self) -> bool {
        self.latency_ms > 0
            || self.hang
            || self.status.is_some()
            || self.malformed
            || self.html
            || self.empty
            || self.content_type.is_some()
            || self.huge
            || self.redirect_loop
            || self.redirect_to.is_some()
            || self.no_cors
            || self.drop_mid_body
    }

    /// Whether the faults apply to a request path on a host (`Host` header).
    pub fn applies_to(&self, path: &str, host: Option<&str>) -> bool {
        self.is_active()
            && (self.paths.is_empty() || self.paths.iter().any(|p| path.starts_with(p.as_str())))
            && (self.hosts.is_empty() || host.is_some_and(|h| self.hosts.iter().any(|x| x.eq_ignore_ascii_case(h))))
    }

    /// Where the `redirect_to` fault sends a request for `path_and_query`.
    pub fn redirect_location(&self, path_and_query: &str) -> Option<String> {
        let to = self.redirect_to.as_deref()?.trim();
        let is_origin = to
            .split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty() && !rest.contains('/'));
        Some(if is_origin {
            format!("{to}{path_and_query}")
        } else {
            to.to_owned()
        })
    }

    /// Checks values that cannot be served (e.g. status outside 200..=599).
    pub fn validate(&self) -> Result<(), String> {
        match self.status {
            Some(s) if !(200..=599).contains(&s) => Err(format!("status {s} is not between 200 and 599")),
            _ if self.latency_ms > 600_000 => Err("latency_ms is over 600000".into()),
            _ if self
                .content_type
                .as_deref()
                .is_some_and(|c| HeaderValue::from_str(c).is_err()) =>
            {
                Err("content_type is not a valid header value".into())
            }
            _ if self
                .redirect_to
                .as_deref()
                .is_some_and(|c| c.trim().is_empty() || HeaderValue::from_str(c).is_err()) =>
            {
                Err("redirect_to is not a valid Location".into())
            }
            _ => Ok(()),
        }
    }
}

/// Marker extension for responses whose body was deliberately broken, so
/// the conditional-request step leaves them alone.
#[derive(Debug, Clone, Copy)]
struct Faulted;

/// Error code used for an injected status.
fn fault_code(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "rest_invalid_param",
        401 => "rest_not_logged_in",
        403 => "rest_forbidden",
        404 => "rest_no_route",
        429 => "rest_too_many_requests",
        500 => "internal_server_error",
        502 => "bad_gateway",
        503 => "service_unavailable",
        504 => "gateway_timeout",
        _ => "newsroom_injected_fault",
    }
}

/// Runs `next` under the given faults.
pub async fn apply_faults(faults: &Faults, req: Request, next: Next) -> Response {
    if faults.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }
    if faults.hang {
        std::future::pending::<()>().await;
    }
    if faults.redirect_loop {
        let target = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str())
            .unwrap_or("/")
            .to_string();
        let mut res = StatusCode::FOUND.into_response();
        if let Ok(v) = HeaderValue::from_str(&target) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        res.extensions_mut().insert(Faulted);
        return res;
    }
    let path_and_query = req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/");
    if let Some(location) = faults.redirect_location(path_and_query) {
        let mut res = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(v) = HeaderValue::from_str(&location) {
            res.headers_mut().insert(header::LOCATION, v);
        }
        res.extensions_mut().insert(Faulted);
        return res;
    }
    if let Some(code) = faults.status {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = if status.is_success() {
            next.run(req).await
        } else {
            let reason = status.canonical_reason().unwrap_or("Error");
            WpError::new(status, fault_code(status), format!("Injected fault: {reason}.")).into_response()
        };
        *res.status_mut() = status;
        if code == 429 || code == 503 {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        res.extensions_mut().insert(Faulted);
        return res;
    }
    if faults.html || faults.empty {
        let (body, ctype) = if faults.html {
            (HTML_ERROR_PAGE, "text/html; charset=utf-8")
        } else {
            ("", JSON_CONTENT_TYPE)
        };
        let mut res = Response::new(Body::from(body));
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
        res.extensions_mut().insert(Faulted);
        return res;
    }
    if !(faults.huge || faults.drop_mid_body || faults.malformed) {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.unwrap_or_default();
    parts.status = StatusCode::OK;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    parts.extensions.insert(Faulted);
    if faults.huge {
        // The real answer, then whitespace: still valid JSON, just far too big.
        let mut big = Vec::with_capacity(HUGE_BODY_BYTES.max(bytes.len()));
        big.extend_from_slice(&bytes);
        big.resize(HUGE_BODY_BYTES.max(bytes.len()), b' ');
        return Response::from_parts(parts, Body::from(big));
    }
    if faults.drop_mid_body {
        // Announce the full length, send half, then fail the stream: hyper
        // closes the connection and the client sees a truncated body.
        let half = bytes.slice(..bytes.len() / 2);
        if let Ok(v) = HeaderValue::from_str(&bytes.len().max(1).to_string()) {
            parts.headers.insert(header::CONTENT_LENGTH, v);
        }
        let chunks: Vec<Result<axum::body::Bytes, std::io::Error>> = vec![
            Ok(half),
            Err(std::io::Error::new(
                std::io::ErrorKind::ConnectionReset,
                "fault: dropped mid-body",
            )),
        ];
        let stream = futures_util::stream::iter(chunks).then(|c| async move {
            // Let the first half reach the client before the cut.
            tokio::time::sleep(Duration::from_millis(20)).await;
            c
        });
        return Response::from_parts(parts, Body::from_stream(stream));
    }
    let cut = if bytes.len() > 1 { bytes.len() / 2 } else { 0 };
    let mut truncated = bytes.slice(..cut).to_vec();
    if truncated.is_empty() {
        truncated = b"{\"id\":".to_vec();
    }
    Response::from_parts(parts, Body::from(truncated))
}

/// Removes every CORS header (the `no_cors` fault).
fn strip_cors(headers: &mut HeaderMap) {
    for name in [
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        header::ACCESS_CONTROL_ALLOW_METHODS,
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        header::ACCESS_CONTROL_MAX_AGE,
    ] {
        headers.remove(name);
    }
}

/// Middleware for every API and feed route: preflight, faults,
/// conditional requests, CORS and cache headers.
pub async fn api_layer(State(state): State<SharedState>, req: Request, next: Next) -> Response {
    let faults = state.faults();
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    let faulted = faults.applies_to(req.uri().path(), host);
    // A site's redirect (WordPress's, a web server's) carries no CORS headers.
    let strip = faults.no_cors || faults.redirect_to.is_some();
    if req.method() == Method::OPTIONS {
        let mut res = preflight(ALLOW_METHODS);
        if faulted && strip {
            strip_cors(res.headers_mut());
        }
        return res;
    }
    let conditional = matches!(*req.method(), Method::GET | Method::HEAD);
    state.api_requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let request_headers = req.headers().clone();
    let res = if faulted {
        apply_faults(&faults, req, next).await
    } else {
        next.run(req).await
    };
    let mut res = if conditional && res.status() == StatusCode::OK && res.extensions().get::<Faulted>().is_none() {
        with_etag(res, &request_headers).await
    } else {
        res
    };
    let h = res.headers_mut();
    add_cors(h);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    let poll = state.poll_interval();
    if poll > 0 {
        h.insert("x-poll-interval", HeaderValue::from(poll));
    }
    if res.status() != StatusCode::NOT_MODIFIED {
        res.headers_mut()
            .entry(header::CONTENT_TYPE)
            .or_insert(HeaderValue::from_static(JSON_CONTENT_TYPE));
    }
    if faulted {
        let h = res.headers_mut();
        if strip {
            strip_cors(h);
        }
        if let Some(v) = faults
            .content_type
            .as_deref()
            .and_then(|c| HeaderValue::from_str(c).ok())
        {
            if res.status() != StatusCode::NOT_MODIFIED {
                res.headers_mut().insert(header::CONTENT_TYPE, v);
            }
        }
    }
    res
}

/// Adds a strong ETag to a `200` response and turns it into `304` when the
/// request's validators match.
pub async fn with_etag(res: Response, request_headers: &HeaderMap) -> Response {
    let (mut parts, body) = res.into_parts();
    let bytes = match to_bytes(body, BODY_LIMIT).await {
        Ok(b) => b,
        Err(_) => {
            return WpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "rest_internal_error",
                "Response body could not be read.",
            )
            .into_response()
        }
    };
    let etag = etag_for(&bytes);
    if let Ok(v) = HeaderValue::from_str(&etag) {
        parts.headers.insert(header::ETAG, v);
    }
    let last_modified = parts
        .headers
        .get(header::LAST_MODIFIED)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_http_date);
    if is_not_modified(request_headers, &etag, last_modified) {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_TYPE);
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak() {
        let tag = "\"abc\"";
        assert!(if_none_match_matches("\"abc\"", tag));
        assert!(if_none_match_matches("\"x\", W/\"abc\"", tag));
        assert!(if_none_match_matches("*", tag));
        assert!(!if_none_match_matches("\"abcd\"", tag));
    }

    #[test]
    fn base_url_rejects_odd_hosts() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("example.test:8080"));
        assert_eq!(base_url(&h, "http://fallback"), "http://example.test:8080");
        h.insert(header::HOST, HeaderValue::from_static("a\"b"));
        assert_eq!(base_url(&h, "http://fallback/"), "http://fallback");
    }
}
