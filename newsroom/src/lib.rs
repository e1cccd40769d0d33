//! Demo newsroom: a self-contained stand-in for a WordPress news site.
//!
//! It serves the WordPress REST API v2 subset the Ziar front end reads
//! (`/wp-json/wp/v2/...`), a JSON Feed (`/feed.json`), generated SVG
//! images (`/media/...`), optionally a built SPA (`--dist`), live
//! publishing, and fault switches for resilience tests. Build the router
//! with [`app`] from an [`AppState`].

#![warn(missing_docs)]

pub mod admin;
pub mod content;
pub mod events;
pub mod feed;
pub mod http;
pub mod media;
pub mod query;
pub mod shapes;
pub mod static_files;
pub mod store;
pub mod time;
pub mod wp;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::routing::{any, get};
use axum::Router;
use tokio::sync::watch;

use crate::content::Content;
use crate::http::Faults;
use crate::store::{Post, Store};
use crate::time::now_unix;

/// Shared application state.
pub type SharedState = Arc<AppState>;

/// Start-up settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Enable `/__admin/...`.
    pub admin: bool,
    /// Directory of a built SPA to serve.
    pub dist: Option<PathBuf>,
    /// Serve the built SPA's own `config.json` rather than the demo's.
    pub dist_config: bool,
    /// Initial fault switches.
    pub faults: Faults,
    /// Live publishing interval in seconds (0 = off).
    pub publish_every: u64,
    /// Base URL used when a request has no usable `Host` header,
    /// e.g. `http://127.0.0.1:8080`.
    pub fallback_base: String,
    /// Seconds sent as `X-Poll-Interval` on API responses (0 = header off).
    pub poll_interval: u64,
}

/// Everything the handlers share.
#[derive(Debug)]
pub struct AppState {
    store: RwLock<Store>,
    initial: Store,
    faults: RwLock<Faults>,
    publish_every: watch::Sender<u64>,
    poll_interval: AtomicU64,
    /// API requests answered (any status), for tests that count what a
    /// server in front asks (`GET /__admin/state` `api_requests`).
    pub api_requests: AtomicU64,
    /// Whether the admin endpoints are enabled.
    pub admin: bool,
    /// SPA directory, if any.
    pub dist: Option<PathBuf>,
    /// Whether `/config.json` is the SPA's own (else the demo's).
    pub dist_config: bool,
    /// Base URL for requests without a usable `Host` header.
    pub fallback_base: String,
}

impl AppState {
    /// Builds the state, dating posts relative to now.
    pub fn new(content: &Content, config: Config) -> SharedState {
        let store = Store::from_content(content, now_unix());
        let (tx, _rx) = watch::channel(config.publish_every);
        let fallback_base = if config.fallback_base.is_empty() {
            "http://127.0.0.1:8080".to_string()
        } else {
            config.fallback_base.trim_end_matches('/').to_string()
        };
        Arc::new(AppState {
            initial: store.clone(),
            store: RwLock::new(store),
            faults: RwLock::new(config.faults),
            publish_every: tx,
            poll_interval: AtomicU64::new(config.poll_interval),
            api_requests: AtomicU64::new(0),
            admin: config.admin,
            dist: config.dist,
            dist_config: config.dist_config,
            fallback_base,
        })
    }

    /// Read access to the store.
    pub fn read_store(&self) -> RwLockReadGuard<'_, Store> {
        self.store.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Write access to the store.
    pub fn write_store(&self) -> RwLockWriteGuard<'_, Store> {
        self.store.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Current fault switches.
    pub fn faults(&self) -> Faults {
        self.faults.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Replaces the fault switches.
    pub fn set_faults(&self, faults: Faults) {
        *self.faults.write().unwrap_or_else(|e| e.into_inner()) = faults;
    }

    /// Publishes the next live template now.
    pub fn publish(&self, title: Option<String>, content_html: Option<String>) -> Option<Post> {
        self.write_store().publish_next(title, content_html, now_unix())
    }

    /// Restores the initial store (with a newer version) and clears faults.
    pub fn reset(&self) {
        self.write_store().restore(&self.initial);
        self.set_faults(Faults::default());
    }

    /// Edits a post now (see [`Store::edit_post`]).
    pub fn edit(&self, id: u64, title: Option<String>, excerpt: Option<String>) -> Option<Post> {
        self.write_store().edit_post(id, title, excerpt, now_unix())
    }

    /// Deletes a post now; whether it existed.
    pub fn delete(&self, id: u64) -> bool {
        self.write_store().delete_post(id, now_unix())
    }

    /// Runs `ops` random publish (50%), edit (30%) and delete (20%)
    /// operations, seeded. Each new post is dated at least a second after the
    /// newest one, so "newest first" has no ties.
    pub fn churn(&self, ops: u32, seed: u64) -> Churn {
        let mut rng = seed ^ 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            rng = rng
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (rng >> 33) % n.max(1)
        };
        let mut out = Churn::default();
        let mut store = self.write_store();
        for i in 0..ops {
            let now = now_unix();
            let roll = next(10);
            if roll < 5 || store.posts.is_empty() {
                let at = store
                    .posts
                    .iter()
                    .map(|p| p.date_gmt)
                    .max()
                    .map_or(now, |d| now.max(d + 1));
                let title = format!("Știre de test {i} (seria {seed})");
                if store.publish_next(Some(title), None, at).is_some() {
                    out.published += 1;
                }
            } else {
                let idx = next(store.posts.len() as u64) as usize;
                let id = store.posts[idx].id;
                if roll < 8 {
                    let title = format!("Corectat {i}: {}", store.posts[idx].title);
                    let title: String = title.chars().take(120).collect();
                    if store.edit_post(id, Some(title), None, now).is_some() {
                        out.edited += 1;
                    }
                } else if store.delete_post(id, now) {
                    out.deleted += 1;
                }
            }
        }
        out.posts = store.posts.len();
        out
    }

    /// The `X-Poll-Interval` advertised to clients, in seconds (0 = none).
    pub fn poll_interval(&self) -> u64 {
        self.poll_interval.load(Ordering::Relaxed)
    }

    /// Changes the advertised poll interval (0 removes the header).
    pub fn set_poll_interval(&self, seconds: u64) {
        self.poll_interval.store(seconds, Ordering::Relaxed);
    }

    /// Live publishing interval in seconds (0 = off).
    pub fn publish_every(&self) -> u64 {
        *self.publish_every.borrow()
    }

    /// Changes the live publishing interval (0 stops it).
    pub fn set_publish_every(&self, seconds: u64) {
        self.publish_every.send_replace(seconds);
    }
}

/// What [`AppState::churn`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Churn {
    /// Posts published.
    pub published: u32,
    /// Posts edited.
    pub edited: u32,
    /// Posts deleted.
    pub deleted: u32,
    /// Posts in the store afterwards.
    pub posts: usize,
}

/// Runs live publishing: every `publish_every` seconds a post from the
/// next live template; picks up interval changes immediately.
pub fn spawn_live_publisher(state: SharedState) -> tokio::task::JoinHandle<()> {
    let mut rx = state.publish_every.subscribe();
    tokio::spawn(async move {
        loop {
            let seconds = *rx.borrow_and_update();
            if seconds == 0 {
                if rx.changed().await.is_err() {
                    return;
                }
                continue;
            }
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(seconds)) => {
                    state.publish(None, None);
                }
                changed = rx.changed() => {
                    if changed.is_err() {
                        return;
                    }
                }
            }
        }
    })
}

/// The whole HTTP application.
pub fn app(state: SharedState) -> Router {
    let api = Router::new()
        .route("/wp-json", get(wp::index))
        .route("/wp-json/", get(wp::index))
        .route("/wp-json/wp/v2/posts", get(wp::list_posts))
        .route("/wp-json/wp/v2/posts/{id}", get(wp::get_post))
        .route("/wp-json/wp/v2/categories", get(wp::list_categories))
        .route("/wp-json/wp/v2/categories/{id}", get(wp::get_category))
        .route("/wp-json/wp/v2/tags", get(wp::list_tags))
        .route("/wp-json/wp/v2/tags/{id}", get(wp::get_tag))
        .route("/wp-json/wp/v2/users", get(wp::list_users))
        .route("/wp-json/wp/v2/users/{id}", get(wp::get_user))
        .route("/wp-json/wp/v2/media/{id}", get(wp::get_media))
        .route("/wp-json/{*rest}", any(wp::no_route))
        .route("/feed.json", get(feed::feed))
        .route("/ghost/api/content/posts", get(shapes::ghost_posts))
        .route("/ghost/api/content/posts/", get(shapes::ghost_posts))
        .route("/ghost/api/content/posts/slug/{slug}", get(shapes::ghost_post_by_slug))
        .route("/ghost/api/content/posts/slug/{slug}/", get(shapes::ghost_post_by_slug))
        .route("/api/articles", get(shapes::devto_articles))
        .route("/api/articles/{id}", get(shapes::devto_article_by_id))
        .route("/v2/top-headlines", get(shapes::newsapi_top_headlines))
        .layer(from_fn_with_state(state.clone(), http::api_layer));
    let mut router = Router::new()
        .merge(api)
        .route("/media/{file}", get(media::serve_media))
        .route("/events", get(events::events));
    if state.admin {
        router = router.merge(admin::router());
    }
    router.fallback(static_files::fallback).with_state(state)
}
