//! Upstream answers, shared by every reader: each is fetched once per cache
//! period however many readers ask at once (concurrent askers wait on the
//! one request in flight), kept as the last good copy when upstream fails,
//! and held within a bound on entries and bytes (least recently used go
//! first).
//!
//! What is stored is already what browsers may see: posts' HTML sanitized
//! (ammonia, the app's policy), and nothing that names the upstream API (its
//! URL can carry a key).

use futures_util::future::{BoxFuture, FutureExt, Shared};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ziar::error::AppError;
use ziar::model::{NextPage, Post, PostPage, Term};
use ziar::sanitize::Policy;
use ziar::sources::ziar::{ListBody, TermBody};

use crate::upstream::Upstream;

/// What is asked of upstream.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// One page of the newest posts.
    List { page: u32, per_page: usize },
    /// One post by slug or id.
    Post(String),
    /// One page of a category's posts.
    Category { slug: String, page: u32, per_page: usize },
    /// One page of an author's posts.
    Author { slug: String, page: u32, per_page: usize },
}

/// An upstream answer as readers get it.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    List(PostPage),
    Post(Option<Box<Post>>),
    Term(Option<(Term, PostPage)>),
}

/// A stored answer: the payload, its JSON for the app, and the JSON's strong ETag.
#[derive(Debug)]
pub struct Answer {
    pub payload: Payload,
    /// The body of the server's JSON endpoint for this key (`None`: a 404).
    pub json: Option<Vec<u8>>,
    pub etag: String,
    pub fetched: Instant,
    /// The wall clock at `fetched`, for renders (relative times as of then).
    pub at: ziar::time::Instant,
}

/// A stored answer, and whether it is the last good copy served because
/// upstream is failing now.
#[derive(Debug, Clone)]
pub struct Got {
    pub answer: Arc<Answer>,
    pub stale: bool,
}

/// Why there is nothing to serve: upstream failed and nothing good is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// 504 when upstream did not answer in time, else 502.
    pub status: u16,
    /// What the reader is told (names this server's endpoint, never upstream's).
    pub error: AppError,
    /// The upstream detail, for the server's log.
    pub detail: String,
}

type Flight = Shared<BoxFuture<'static, Result<Arc<Answer>, AppError>>>;

struct Entry {
    answer: Arc<Answer>,
    /// When a reader last got it (LRU).
    used: Instant,
    /// Set when the poller saw a change: refetch on next use.
    expired: bool,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    flights: HashMap<Key, Flight>,
    bytes: usize,
    /// The poller's newest posts: every shorter first page (the home page,
    /// each reader's Recent Posts window) is cut from it, not asked upstream.
    latest: Option<(Arc<PostPage>, usize, Instant)>,
}

/// Limits and policies of the store.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How long an answer counts as fresh.
    pub ttl: Duration,
    /// How long a reader waits on a refetch when a last good copy exists,
    /// before getting that copy (the refetch goes on).
    pub stale_after: Duration,
    pub max_entries: usize,
    pub max_bytes: usize,
    /// The sanitizer policy for posts' HTML.
    pub policy: Policy,
    /// This server's JSON endpoint, named in errors readers see.
    pub public_api: String,
}

/// The shared store.
#[derive(Clone)]
pub struct Store {
    upstream: Upstream,
    settings: Arc<Settings>,
    inner: Arc<Mutex<Inner>>,
    /// Upstream requests made, for tests and the bench.
    pub upstream_requests: Arc<std::sync::atomic::AtomicU64>,
}

impl Store {
    pub fn new(upstream: Upstream, settings: Settings) -> Store {
        Store {
            upstream,
            settings: Arc::new(settings),
            inner: Arc::default(),
            upstream_requests: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The answer for `key`: fresh from the store, or fetched (once, for all
    /// concurrent askers), or the last good copy when upstream fails.
    pub async fn get(&self, key: Key) -> Result<Got, Failure> {
        if let Some(got) = self.cut_from_latest(&key) {
            return Ok(got);
        }
        let (flight, last_good) = {
            let mut inner = self.lock();
            if let Some(e) = inner.entries.get_mut(&key) {
                e.used = Instant::now();
                if !e.expired && e.answer.fetched.elapsed() < self.settings.ttl {
                    return Ok(Got {
                        answer: e.answer.clone(),
                        stale: false,
                    });
                }
            }
            let last_good = inner.entries.get(&key).map(|e| e.answer.clone());
            let flight = match inner.flights.get(&key) {
                Some(f) => f.clone(),
                None => {
                    let f = self.start(key.clone());
                    inner.flights.insert(key.clone(), f.clone());
                    f
                }
            };
            (flight, last_good)
        };
        let waited = match &last_good {
            // A reader with a copy to fall back on waits a little, not the full timeout.
            Some(_) => tokio::time::timeout(self.settings.stale_after, flight).await,
            None => Ok(flight.await),
        };
        match (waited, last_good) {
            (Ok(Ok(answer)), _) => Ok(Got { answer, stale: false }),
            (Ok(Err(_)) | Err(_), Some(answer)) => Ok(Got { answer, stale: true }),
            (Ok(Err(e)), None) => Err(self.failure(&e)),
            (Err(_), None) => unreachable_timeout(),
        }
    }

    /// The fetch for `key`, spawned so it completes (and is stored) even if
    /// every reader waiting on it leaves.
    fn start(&self, key: Key) -> Flight {
        let store = self.clone();
        let task = tokio::spawn(async move {
            store
                .upstream_requests
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let result = store.fetch(&key).await;
            let mut inner = store.lock();
            inner.flights.remove(&key);
            match result {
                Ok(payload) => {
                    let answer = Arc::new(store.answer(payload));
                    store.insert(&mut inner, key, answer.clone());
                    Ok(answer)
                }
                Err(e) => Err(e),
            }
        });
        async move {
            task.await.unwrap_or_else(|e| {
                Err(AppError::Network {
                    url: String::new(),
                    detail: format!("fetch task failed: {e}"),
                })
            })
        }
        .boxed()
        .shared()
    }

    async fn fetch(&self, key: &Key) -> Result<Payload, AppError> {
        let up = &self.upstream;
        Ok(match key {
            Key::List { page, per_page } => Payload::List(self.clean_page(up.latest(*page, *per_page).await?)),
            Key::Post(slug) => Payload::Post(up.by_slug(slug).await?.map(|p| Box::new(self.clean(p)))),
            Key::Category { slug, page, per_page } => Payload::Term(
                up.category(slug, *page, *per_page)
                    .await?
                    .map(|(t, p)| (t, self.clean_page(p))),
            ),
            Key::Author { slug, page, per_page } => Payload::Term(
                up.author(slug, *page, *per_page)
                    .await?
                    .map(|(t, p)| (t, self.clean_page(p))),
            ),
        })
    }

    /// A first page of at most the poll's size, cut from the poller's answer
    /// (stored under its key, so its ETag is stable between polls).
    fn cut_from_latest(&self, key: &Key) -> Option<Got> {
        let Key::List { page: 1, per_page } = key else {
            return None;
        };
        let mut inner = self.lock();
        let (latest, asked, at) = inner.latest.clone()?;
        let whole = latest.posts.len() < asked && !latest.has_more;
        if *per_page > asked && !whole {
            return None;
        }
        // Stale when the poller has stopped getting answers for two intervals.
        let stale = at.elapsed() > self.settings.ttl * 2;
        if let Some(e) = inner.entries.get_mut(key) {
            if e.answer.fetched >= at {
                e.used = Instant::now();
                return Some(Got {
                    answer: e.answer.clone(),
                    stale,
                });
            }
        }
        let mut page = (*latest).clone();
        let cut = page.posts.len() > *per_page;
        page.posts.truncate(*per_page);
        page.has_more |= cut;
        if page.has_more && page.next.is_none() {
            page.next = Some(NextPage::Page { page: 2 });
        }
        let mut answer = self.answer(Payload::List(page));
        answer.at = ziar::time::Instant(answer.at.0 - at.elapsed().as_millis() as i64);
        answer.fetched = at;
        let answer = Arc::new(answer);
        self.insert(&mut inner, key.clone(), answer.clone());
        Some(Got { answer, stale })
    }

    /// Keeps the poller's newest posts (`asked` for), from which shorter first pages are cut.
    pub fn put_latest(&self, page: PostPage, asked: usize) {
        let page = self.clean_page(page);
        self.lock().latest = Some((Arc::new(page), asked, Instant::now()));
    }

    /// The poller's request: the newest posts, straight from upstream.
    pub async fn poll_latest(&self, per_page: usize) -> Result<PostPage, AppError> {
        self.upstream_requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.upstream.latest(1, per_page).await
    }

    /// Marks answers for refetch on next use: every list and term page, and
    /// the posts whose slug or id is in `posts` (changed or deleted).
    pub fn expire(&self, posts: &[String]) {
        let mut inner = self.lock();
        for (key, e) in inner.entries.iter_mut() {
            let hit = match key {
                Key::Post(s) => {
                    posts.contains(s) || matches!(&e.answer.payload, Payload::Post(Some(p)) if posts.contains(&p.id))
                }
                _ => true,
            };
            if hit {
                e.expired = true;
            }
        }
    }

    /// Entries and bytes held, for the bench and tests.
    pub fn usage(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.entries.len(), inner.bytes)
    }

    fn insert(&self, inner: &mut Inner, key: Key, answer: Arc<Answer>) {
        let size = answer.json.as_ref().map_or(0, Vec::len) + 256;
        if let Some(old) = inner.entries.remove(&key) {
            inner.bytes -= old.answer.json.as_ref().map_or(0, Vec::len) + 256;
        }
        inner.bytes += size;
        inner.entries.insert(
            key,
            Entry {
                answer,
                used: Instant::now(),
                expired: false,
            },
        );
        while inner.entries.len() > self.settings.max_entries.max(1) || inner.bytes > self.settings.max_bytes {
            let Some(oldest) = inner.entries.iter().min_by_key(|(_, e)| e.used).map(|(k, _)| k.clone()) else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.bytes -= e.answer.json.as_ref().map_or(0, Vec::len) + 256;
            }
            if inner.entries.is_empty() {
                break;
            }
        }
    }

    fn answer(&self, payload: Payload) -> Answer {
        let json = match &payload {
            Payload::List(p) => to_json(&ListBody::new(p)),
            Payload::Post(Some(p)) => to_json(&ListBody::new(&PostPage {
                posts: vec![(**p).clone()],
                ..Default::default()
            })),
            Payload::Term(Some((term, page))) => to_json(&TermBody {
                term: term.clone(),
                page: ListBody::new(page),
            }),
            Payload::Post(None) | Payload::Term(None) => None,
        };
        let etag = etag_for(json.as_deref().unwrap_or(b"404"));
        Answer {
            payload,
            json,
            etag,
            fetched: Instant::now(),
            at: ziar::time::Instant::now_system(),
        }
    }

    /// A post as readers may see it: its HTML sanitized here.
    fn clean(&self, mut p: Post) -> Post {
        p.content_html = ziar::web::sanitize_html::clean(&p.content_html, &self.settings.policy);
        p
    }

    /// A list as readers may see it. Lists show titles, excerpts and times:
    /// bodies stay out (an article is asked for on its own), which keeps the
    /// pages' data and every poll of the list small.
    fn clean_page(&self, mut page: PostPage) -> PostPage {
        for p in &mut page.posts {
            p.content_html.clear();
        }
        page.warnings.clear();
        // A next-page URL is upstream's, and may carry its key: readers page by number.
        if matches!(page.next, Some(NextPage::Url { .. })) {
            page.next = None;
        }
        page
    }

    /// An upstream failure as readers see it: this server's endpoint and a
    /// status, never upstream's URL (it can carry a key).
    fn failure(&self, e: &AppError) -> Failure {
        let url = self.settings.public_api.clone();
        let (status, error) = match e {
            AppError::Timeout { seconds, .. } => (504, AppError::Timeout { url, seconds: *seconds }),
            _ => (502, AppError::Http { url, status: 502 }),
        };
        Failure {
            status,
            error,
            detail: e.to_string(),
        }
    }
}

/// `tokio::time::timeout` only runs when a last good copy exists.
fn unreachable_timeout() -> Result<Got, Failure> {
    Err(Failure {
        status: 504,
        error: AppError::Timeout {
            url: String::new(),
            seconds: 0,
        },
        detail: "no answer in time".into(),
    })
}

fn to_json<T: Serialize>(v: &T) -> Option<Vec<u8>> {
    serde_json::to_vec(v).ok()
}

/// A strong ETag from the bytes: equal bytes, equal tags, on every instance.
pub fn etag_for(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    format!(
        "\"{}\"",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
    )
}
