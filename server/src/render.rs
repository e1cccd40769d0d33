//! Pages: the data from the store, the app's own `Shell` rendered to HTML
//! with it (Leptos SSR: the components the browser runs, no second
//! template), and the document around it: the built app's `index.html` with
//! the page's title, meta tags, JSON-LD and the data the browser hydrates
//! from.

use crate::store::{Failure, Got, Key, Payload, Store};
use crate::template::Template;
use leptos::prelude::*;
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
}

/// A rendered page.
pub struct Rendered {
    pub status: u16,
    pub html: String,
    /// Served from the last good copy while upstream fails.
    pub stale: bool,
}

impl Pages {
    /// The page at `path` (decoded, as the browser's `decodeURI` gives it).
    pub async fn render(&self, path: &str, query: &str) -> Rendered {
        let router_base = ziar::paths::router_base(&self.base);
        let page = ziar::paths::page_for(&router_base, path, |s| {
            ziar::endpoints::percent_decode(s).unwrap_or_else(|| s.to_owned())
        });
        let size = self.public_config.page_size;
        let (data, status, stale) = match &page {
            Page::Home => {
                let got = self
                    .store
                    .get(Key::List {
                        page: 1,
                        per_page: size,
                    })
                    .await;
                let (first, status, stale) = list_of(got);
                (PageData::Home { first }, status, stale)
            }
            Page::Article(slug) => match self.store.get(Key::Post(slug.clone())).await {
                Ok(Got { answer, stale }) => match &answer.payload {
                    Payload::Post(p) => (
                        PageData::Article {
                            slug: slug.clone(),
                            post: Ok(p.as_deref().cloned()),
                        },
                        if p.is_some() { 200 } else { 404 },
                        stale,
                    ),
                    _ => not_found(),
                },
                Err(f) => (
                    PageData::Article {
                        slug: slug.clone(),
                        post: Err(logged(f.clone())),
                    },
                    f.status,
                    false,
                ),
            },
            Page::Category(slug) | Page::Author(slug) => {
                let key = match page {
                    Page::Category(_) => Key::Category {
                        slug: slug.clone(),
                        page: 1,
                        per_page: size,
                    },
                    _ => Key::Author {
                        slug: slug.clone(),
                        page: 1,
                        per_page: size,
                    },
                };
                let (found, status, stale) = match self.store.get(key).await {
                    Ok(Got { answer, stale }) => match &answer.payload {
                        Payload::Term(Some((t, p))) => (Ok(Some((t.clone(), ListPage::from(p.clone())))), 200, stale),
                        _ => (Ok(None), 404, stale),
                    },
                    Err(f) => (Err(logged(f.clone())), f.status, false),
                };
                let slug = slug.clone();
                let data = match page {
                    Page::Category(_) => PageData::Category { slug, found },
                    _ => PageData::Author { slug, found },
                };
                (data, status, stale)
            }
            Page::NotFound => not_found(),
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
        let now = now();
        let preload = Preload {
            config: self.public_config.clone(),
            page: Some(data),
            recent_etag: recent.as_ref().map(|g| g.answer.etag.clone()),
            recent: recent.and_then(|g| match &g.answer.payload {
                Payload::List(p) => Some(p.posts.clone()),
                _ => None,
            }),
            rendered_at: now,
            stale,
        };
        let render = Render::new(&self.origin, &self.base, path, query, now, &self.time_zone);
        let (body, head) = render_shell(&self.public_config, render, preload.clone());
        let html = self.template.document(&head, &body, &preload);
        Rendered { status, html, stale }
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

fn list_of(got: Result<Got, Failure>) -> (Result<ListPage, AppError>, u16, bool) {
    match got {
        Ok(Got { answer, stale }) => match &answer.payload {
            Payload::List(p) => (Ok(ListPage::from(p.clone())), 200, stale),
            _ => (Ok(ListPage::default()), 200, stale),
        },
        Err(f) => {
            let status = f.status;
            (Err(logged(f)), status, false)
        }
    }
}

fn not_found() -> (PageData, u16, bool) {
    (PageData::NotFound, 404, false)
}

/// The reader's error; the upstream detail goes to the log.
fn logged(f: Failure) -> AppError {
    eprintln!("ziar-server: upstream failed: {}", f.detail);
    f.error
}

fn now() -> Instant {
    Instant(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    )
}
