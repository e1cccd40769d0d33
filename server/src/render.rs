//! Pages: the data from the store, the app's own `Shell` rendered to HTML
//! with it (Leptos SSR: the components the browser runs, no second
//! template), and the document around it: the built app's `index.html` with
//! the page's title, meta tags, JSON-LD and the data the browser hydrates
//! from.

use crate::store::{Answer, Failure, Got, Key, Payload, Store};
use crate::template::Template;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use ziar::components::shell::Shell;
use ziar::components::{Preloaded, Site, SiteCtx};
use ziar::config::Config;
use ziar::error::AppError;
use ziar::paths::Page;
use ziar::preload::{ListPage, PageData, Preload};
use ziar::time::Instant;
use ziar::web::head::Head;
use ziar::web::Render;

/// Everything a page render needs besides the request.
pub struct Pages {
    pub store: Store,
    pub template: Template,
    /// The config the browser app gets: `api` is this server's JSON endpoint.
    pub public_config: Config,
    /// `scheme://host[:port]` of the public site.
    pub origin: String,
    /// The public URL's path, with its trailing slash (`/`, `/news/`).
    pub base: String,
    pub time_zone: String,
    /// Recent Posts' length: the list the page shows, and what the browser's
    /// first poll asks for.
    pub recent_count: usize,
    pub cache: RenderCache,
}

/// A rendered page.
pub struct Rendered {
    pub status: u16,
    pub html: String,
    /// A strong ETag of `html`.
    pub etag: String,
    /// Served from the last good copy while upstream fails.
    pub stale: bool,
}

impl Pages {
    /// The page at `path` (decoded, as the browser's `decodeURI` gives it).
    ///
    /// A page is rendered as of the time its data was fetched, not the time
    /// of the request: the same data then gives the same HTML (and ETag), so a
    /// reader revalidating it gets a 304 and the render is kept and reused.
    pub async fn render(&self, path: &str) -> Arc<Rendered> {
        let router_base = ziar::paths::router_base(&self.base);
        let page = ziar::paths::page_for(&router_base, path, |s| {
            ziar::endpoints::percent_decode(s).unwrap_or_else(|| s.to_owned())
        });
        let size = self.public_config.page_size;
        let key = match &page {
            Page::Home => Some(Key::List {
                page: 1,
                per_page: size,
            }),
            Page::Article(slug) => Some(Key::Post(slug.clone())),
            Page::Category(slug) => Some(Key::Category {
                slug: slug.clone(),
                page: 1,
                per_page: size,
            }),
            Page::Author(slug) => Some(Key::Author {
                slug: slug.clone(),
                page: 1,
                per_page: size,
            }),
            Page::NotFound => None,
        };
        let got = match key {
            Some(k) => Some(self.store.get(k).await),
            None => None,
        };
        // Recent Posts: the list the poller keeps. A failure here never fails the page.
        let recent = self
            .store
            .get(Key::List {
                page: 1,
                per_page: self.recent_count,
            })
            .await
            .ok();
        let stale = matches!(&got, Some(Ok(g)) if g.stale);
        let answers: Vec<&Arc<Answer>> = got
            .iter()
            .filter_map(|g| g.as_ref().ok().map(|g| &g.answer))
            .chain(recent.iter().map(|g| &g.answer))
            .collect();
        let data_key = format!(
            "{stale}\u{0}{}",
            answers.iter().map(|a| a.etag.as_str()).collect::<Vec<_>>().join(",")
        );
        let failed = matches!(&got, Some(Err(_)));
        if !failed {
            if let Some(hit) = self.cache.get(path, &data_key) {
                return hit;
            }
        }
        let now = answers.iter().map(|a| a.at).max().unwrap_or_else(Instant::now_system);
        let (data, status) = page_data(&page, got);
        let preload = Preload {
            config: self.public_config.clone(),
            page: Some(data),
            recent_etag: recent.as_ref().map(|g| g.answer.etag.clone()),
            recent: recent.as_ref().and_then(|g| match &g.answer.payload {
                Payload::List(p) => Some(p.posts.clone()),
                _ => None,
            }),
            rendered_at: now,
            stale,
        };
        let render = Render::new(&self.origin, &self.base, path, now, &self.time_zone);
        let (body, head) = render_shell(&self.public_config, render, preload.clone());
        let html = self.template.document(&head, &body, &preload);
        let rendered = Arc::new(Rendered {
            status,
            etag: crate::store::etag_for(html.as_bytes()),
            html,
            stale,
        });
        if !failed {
            self.cache.put(path, data_key, rendered.clone());
        }
        rendered
    }
}

/// The page's data and HTTP status from what the store answered.
fn page_data(page: &Page, got: Option<Result<Got, Failure>>) -> (PageData, u16) {
    let Some(got) = got else {
        return (PageData::NotFound, 404);
    };
    let answer = match got {
        Ok(g) => g.answer,
        Err(f) => {
            let status = f.status;
            let error = logged(f);
            let data = match page {
                Page::Home => PageData::Home { first: Err(error) },
                Page::Article(slug) => PageData::Article {
                    slug: slug.clone(),
                    post: Err(error),
                },
                Page::Category(slug) => PageData::Category {
                    slug: slug.clone(),
                    found: Err(error),
                },
                Page::Author(slug) => PageData::Author {
                    slug: slug.clone(),
                    found: Err(error),
                },
                Page::NotFound => PageData::NotFound,
            };
            return (data, status);
        }
    };
    match (page, &answer.payload) {
        (Page::Home, Payload::List(p)) => (
            PageData::Home {
                first: Ok(ListPage::from(p.clone())),
            },
            200,
        ),
        (Page::Article(slug), Payload::Post(p)) => (
            PageData::Article {
                slug: slug.clone(),
                post: Ok(p.as_deref().cloned()),
            },
            if p.is_some() { 200 } else { 404 },
        ),
        (Page::Category(slug) | Page::Author(slug), Payload::Term(found)) => {
            let status = if found.is_some() { 200 } else { 404 };
            let found = Ok(found.clone().map(|(t, p)| (t, ListPage::from(p))));
            let slug = slug.clone();
            let data = match page {
                Page::Category(_) => PageData::Category { slug, found },
                _ => PageData::Author { slug, found },
            };
            (data, status)
        }
        _ => (PageData::NotFound, 404),
    }
}

/// The last render of each path, with the data it was rendered from (the
/// answers' ETags), bounded: a render of new data replaces the path's old one.
#[derive(Default)]
pub struct RenderCache {
    max: usize,
    entries: std::sync::Mutex<HashMap<String, Cached>>,
}

struct Cached {
    data: String,
    rendered: Arc<Rendered>,
    used: std::time::Instant,
}

impl RenderCache {
    pub fn new(max: usize) -> RenderCache {
        RenderCache {
            max: max.max(1),
            entries: Default::default(),
        }
    }

    fn get(&self, path: &str, data: &str) -> Option<Arc<Rendered>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let hit = entries.get_mut(path).filter(|c| c.data == data)?;
        hit.used = std::time::Instant::now();
        Some(hit.rendered.clone())
    }

    fn put(&self, path: &str, data: String, rendered: Arc<Rendered>) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.remove(path);
        while entries.len() >= self.max {
            let Some(oldest) = entries.iter().min_by_key(|(_, c)| c.used).map(|(k, _)| k.clone()) else {
                break;
            };
            entries.remove(&oldest);
        }
        let used = std::time::Instant::now();
        entries.insert(path.to_owned(), Cached { data, rendered, used });
    }
}

/// The app's `Shell` with this render's context, to HTML; and what it asked
/// for in `<head>`.
pub fn render_shell(cfg: &Config, render: Render, preload: Preload) -> (String, Head) {
    let head = render.head.clone();
    let owner = Owner::new_root(Some(Arc::new(hydration_context::SsrSharedContext::new())));
    let cfg = cfg.clone();
    let body = owner.with(move || {
        provide_context(render);
        provide_context(Preloaded::new(preload));
        let site: SiteCtx = Arc::new(Site::new(cfg));
        view! { <Shell site/> }.to_html()
    });
    owner.unset_with_forced_cleanup();
    let head = head.lock().unwrap_or_else(|e| e.into_inner()).clone();
    (body, head)
}

/// The reader's error; the upstream detail goes to the log.
fn logged(f: Failure) -> AppError {
    eprintln!("ziar-server: upstream failed: {}", f.detail);
    f.error
}
