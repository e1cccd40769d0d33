//! Mount points for the embed build: one Leptos root per custom element
//! (`<ziar-recent-posts>`, `<ziar-share>`, `<ziar-article>`), all sharing the
//! one wasm instance and the one clock.
//!
//! Each element gets its own [`Owner`], so removing the element disposes
//! everything it started: the poller (timers cleared, request aborted), the
//! window listeners, the push `EventSource`. The shared clock lives under a
//! separate root owner that is never disposed; it costs one timer per page,
//! however many widgets there are.

use super::article::ArticleView;
use super::error_view::ErrorView;
use super::recent_posts::RecentPosts;
use super::share_bar::ShareBar;
use super::skeleton::ArticleSkeleton;
use super::{Clock, Embedded, NewestShown, Site, SiteCtx};
use crate::embed::{widget_config, Widget, WidgetConfig};
use crate::error::AppError;
use crate::web::intl;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::sync::Arc;

thread_local! {
    /// The owner of the shared clock; created once (with no parent: see
    /// [`mount`]), never disposed.
    static ROOT: Owner = Owner::new();
    /// The shared clock, started by the first widget.
    static SHARED: RefCell<Option<(Clock, NewestShown)>> = const { RefCell::new(None) };
}

/// The page-wide clock for every widget, started on first use.
fn shared_clock() -> (Clock, NewestShown) {
    if let Some(s) = SHARED.with(|s| *s.borrow()) {
        return s;
    }
    let s = ROOT.with(|root| root.with(super::start_shared_clock));
    SHARED.with(|c| *c.borrow_mut() = Some(s));
    s
}

/// A mounted widget. [`Mounted::unmount`] (or dropping it) removes its DOM and
/// disposes its owner, which stops its polling and timers.
pub struct Mounted {
    owner: Owner,
    view: Option<Box<dyn Any>>,
}

impl Mounted {
    /// Removes the widget's DOM and stops everything it started.
    pub fn unmount(&mut self) {
        // Unmount the DOM first, then run every cleanup (poller stop, listeners).
        drop(self.view.take());
        self.owner.cleanup();
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Mounts `widget` into `container` (an element inside the custom element's
/// shadow root), configured by the element's attributes. Bad attributes show
/// their message in the element and in the console, never a panic.
pub fn mount(widget: Widget, container: web_sys::HtmlElement, attrs: Vec<(String, String)>) -> Mounted {
    // Create the clock's root owner here, outside every element's owner: made
    // lazily inside one, it would become that element's child and die with it.
    ROOT.with(|_| ());
    let owner = Owner::new();
    let root = container.clone();
    let view = owner.with(move || {
        let handle = leptos::mount::mount_to(container, move || {
            let (clock, newest) = shared_clock();
            match widget_config(widget, &attrs) {
                Ok(w) => {
                    // The widget's own text direction (an `ar` widget on a `ro` page).
                    let _ = root.set_attribute("dir", intl::direction(&w.cfg.locale));
                    let site: SiteCtx = Arc::new(Site::new(w.cfg.clone()));
                    provide_context(site);
                    provide_context(clock);
                    provide_context(newest);
                    provide_context(Embedded);
                    render(widget, w)
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("Ziar: {e}").into());
                    view! { <p class="ziar-error ziar-attr-error" role="alert" part="error">{e.to_string()}</p> }
                        .into_any()
                }
            }
        });
        Box::new(handle) as Box<dyn Any>
    });
    Mounted {
        owner,
        view: Some(view),
    }
}

fn render(widget: Widget, w: WidgetConfig) -> AnyView {
    match widget {
        Widget::RecentPosts => view! { <RecentPosts/> }.into_any(),
        Widget::Share => {
            let url = w.url.unwrap_or_else(crate::web::share::page_url);
            let title = w.title.unwrap_or_else(host_title);
            match w.text {
                Some(text) => view! { <ShareBar title url text/> }.into_any(),
                None => view! { <ShareBar title url/> }.into_any(),
            }
        }
        Widget::Article => view! { <EmbedArticle slug=w.slug.unwrap_or_default()/> }.into_any(),
    }
}

/// The host page's title, the default for `<ziar-share title>`.
fn host_title() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .map(|d| d.title())
        .unwrap_or_default()
}

/// `<ziar-article>`: one post by slug or id, with the app's skeleton, error
/// states and Retry, but no routing and no `<head>` changes.
#[component]
fn EmbedArticle(slug: String) -> impl IntoView {
    let site = super::use_site();
    let api = site.api.clone();
    let post = LocalResource::new(move || {
        let (api, slug) = (api.clone(), slug.clone());
        async move { api.by_slug(&slug).await }
    });
    let retry = Callback::new(move |_| post.refetch());
    let msgs = site.msgs.clone();
    view! {
        <Transition fallback=|| view! { <ArticleSkeleton/> }>
            <ErrorBoundary fallback=super::shell::error_fallback(retry, false)>
                {move || {
                    let msgs = msgs.clone();
                    Suspend::new(async move {
                        post.await.map(|found| match found {
                            Some(p) => view! { <ArticleView post=p/> }.into_any(),
                            None => view! {
                                <ErrorView error=AppError::config_text(msgs.t("not_found_title")) msgs=msgs.clone()/>
                            }
                                .into_any(),
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
