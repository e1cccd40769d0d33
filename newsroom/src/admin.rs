//! Test-only admin endpoints (`--admin`): publish, faults, reset and the
//! live publishing interval.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{from_fn, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::http::{add_cors, preflight, Faults, WpError, JSON_CONTENT_TYPE};
use crate::time::format_rfc3339;
use crate::wp::wp_post;
use crate::SharedState;

/// The admin routes, under `/__admin/`.
pub fn router() -> Router<SharedState> {
    Router::new()
        .route("/__admin/publish", post(publish))
        .route("/__admin/faults", get(get_faults).post(set_faults))
        .route("/__admin/reset", post(reset))
        .route("/__admin/publish-every", post(publish_every))
        .route("/__admin/state", get(state))
        .route("/__admin/edit", post(edit))
        .route("/__admin/delete", post(delete))
        .route("/__admin/poll-interval", post(poll_interval))
        .route("/__admin/churn", post(churn))
        .layer(from_fn(admin_layer))
}

async fn admin_layer(req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return preflight("GET, POST, OPTIONS");
    }
    let mut res = next.run(req).await;
    add_cors(res.headers_mut());
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// Parses an optional JSON body (empty means default).
fn parse_body<T: for<'de> Deserialize<'de> + Default>(body: &Bytes) -> Result<T, WpError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        WpError::new(
            StatusCode::BAD_REQUEST,
            "rest_invalid_json",
            format!("Invalid JSON body: {e}"),
        )
    })
}

#[derive(Debug, Default, Deserialize)]
struct PublishBody {
    #[serde(default)]
    title: Option<String>,
    /// Replaces the template's HTML body verbatim (the e2e attack-corpus post).
    #[serde(default)]
    content_html: Option<String>,
}

/// `POST /__admin/publish` `{"title"?, "content_html"?}`: publishes the next
/// live template now and returns the post (WordPress shape) with status 201.
async fn publish(
    State(st): State<SharedState>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Result<Response, WpError> {
    let req: PublishBody = parse_body(&body)?;
    let post = st.publish(req.title, req.content_html).ok_or_else(|| {
        WpError::new(
            StatusCode::CONFLICT,
            "newsroom_no_templates",
            "The content file has no live_templates.",
        )
    })?;
    let base = crate::http::base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let value = wp_post(&store, &post, &base, None);
    let mut res = (StatusCode::CREATED, Json(value)).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    Ok(res)
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditBody {
    id: u64,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    excerpt: Option<String>,
}

fn unknown_post(id: u64) -> WpError {
    WpError::new(
        StatusCode::NOT_FOUND,
        "rest_post_invalid_id",
        format!("No post with id {id}."),
    )
}

/// `POST /__admin/edit` `{"id", "title"?, "excerpt"?}`: edits a post now, so
/// its `modified` moves on; returns the post (WordPress shape).
async fn edit(State(st): State<SharedState>, headers: axum::http::HeaderMap, body: Bytes) -> Result<Response, WpError> {
    let req: EditBody = parse_body(&body)?;
    let post = st
        .edit(req.id, req.title, req.excerpt)
        .ok_or_else(|| unknown_post(req.id))?;
    let base = crate::http::base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    Ok(Json(wp_post(&store, &post, &base, None)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdBody {
    id: u64,
}

/// `POST /__admin/delete` `{"id"}`: removes a post.
async fn delete(State(st): State<SharedState>, body: Bytes) -> Result<Response, WpError> {
    let req: IdBody = parse_body(&body)?;
    if !st.delete(req.id) {
        return Err(unknown_post(req.id));
    }
    Ok(Json(json!({ "deleted": true, "id": req.id })).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Seconds {
    seconds: u64,
}

/// `POST /__admin/poll-interval` `{"seconds": n}`: the `X-Poll-Interval` sent to clients (0 = none).
async fn poll_interval(State(st): State<SharedState>, body: Bytes) -> Result<Response, WpError> {
    let req: Seconds = parse_body(&body)?;
    st.set_poll_interval(req.seconds);
    Ok(Json(json!({ "seconds": req.seconds })).into_response())
}

/// `GET /__admin/faults`.
async fn get_faults(State(st): State<SharedState>) -> Json<Faults> {
    Json(st.faults())
}

/// `POST /__admin/faults`: replaces the fault settings.
async fn set_faults(State(st): State<SharedState>, body: Bytes) -> Result<Json<Faults>, WpError> {
    let faults: Faults = parse_body(&body)?;
    faults
        .validate()
        .map_err(|m| WpError::new(StatusCode::BAD_REQUEST, "rest_invalid_param", m))?;
    st.set_faults(faults.clone());
    Ok(Json(faults))
}

/// `POST /__admin/reset`: initial store, no faults.
async fn reset(State(st): State<SharedState>) -> Response {
    st.reset();
    state(State(st)).await
}

#[derive(Debug, Default, Deserialize)]
struct PublishEvery {
    seconds: u64,
}

/// `POST /__admin/publish-every` `{"seconds": n}` (0 stops).
async fn publish_every(State(st): State<SharedState>, body: Bytes) -> Result<Response, WpError> {
    let req: PublishEvery = parse_body(&body)?;
    st.set_publish_every(req.seconds);
    Ok(Json(json!({ "seconds": req.seconds })).into_response())
}

/// `GET /__admin/state`: version, last change, post count, faults.
async fn state(State(st): State<SharedState>) -> Response {
    let faults = st.faults();
    let every = st.publish_every();
    let store = st.read_store();
    Json(json!({
        "version": store.version,
        "last_changed": format_rfc3339(store.last_changed),
        "posts": store.posts.len(),
        "publish_every": every,
        "poll_interval": st.poll_interval(),
        "faults": faults,
        "api_requests": st.api_requests.load(std::sync::atomic::Ordering::Relaxed),
    }))
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChurnBody {
    /// How many operations to run.
    ops: u32,
    /// Seed for the order of operations (same seed, same sequence).
    #[serde(default)]
    seed: u64,
}

/// `POST /__admin/churn` `{"ops": n, "seed"?}` (at most 100000): publishes,
/// edits and deletes posts in a seeded random order, all at once, for soak
/// tests. Returns the counts and the post total.
async fn churn(State(st): State<SharedState>, body: Bytes) -> Result<Response, WpError> {
    let req: ChurnBody = parse_body(&body)?;
    if req.ops > 100_000 {
        return Err(WpError::invalid_param("ops", "at most 100000"));
    }
    let c = st.churn(req.ops, req.seed);
    Ok(Json(json!({
        "published": c.published, "edited": c.edited, "deleted": c.deleted, "posts": c.posts,
    }))
    .into_response())
}
