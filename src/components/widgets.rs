//! Mount points for the embed build: one Leptos root per custom element
//! (`<ziar-recent-posts>`, `<ziar-share>`, `<ziar-article>`).
//!
//! Each element is described by a [`Spec`]: how its attributes are read and
//! how it renders. A bundle (`src/bin/embed*.rs`, `ziar::widget_bundle!`) names
//! the specs it serves and nothing else, so the linker drops the code of
//! every other element: `<ziar-share>` alone loads no adapter, poller or
//! sanitizer.
//!
//! Each element gets its own [`Owner`], so removing the element disposes
//! everything it started: the poller (timers cleared, request aborted), the
//! window listeners, the push `EventSource`. The shared clock lives under a
//! separate root owner that is never disposed; it costs one timer per bundle,
//! however many widgets there are.
//!
//! An attribute change is applied in place when it can be ([`Mounted::update`],
//! `embed::rebuilds`): a share bar's title or URL, a list's `count`, excerpt
//! length or link target change without rebuilding the element or asking the
//! API again; a new API, slug or locale builds the element again.
//!
//! [`Spec`]: crate::components::widgets::Spec
//! [`Mounted::update`]: crate::components::widgets::Mounted::update

use super::article::ArticleView;
use super::error_view::ErrorView;
use super::recent_posts::{ListSettings, RecentPosts};
use super::share_bar::{ShareBar, Shared};
use super::skeleton::ArticleSkeleton;
use super::{Clock, Embedded, NewestShown, Site, SiteCtx};
use crate::embed::{rebuilds, AttrError, Widget, WidgetConfig};
use crate::error::AppError;
use crate::web::intl;
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

thread_local! {
    /// The owner of the shared clock; created once (with no parent: see
    /// [`mount`]), never disposed.
    static ROOT: Owner = Owner::new();
    /// The shared clock, started by the first widget that shows a time.
    static SHARED: RefCell<Option<(Clock, NewestShown)>> = const { RefCell::new(None) };
}

/// Provides the page-wide clock (started on first use) to the current owner.
fn provide_shared_clock() {
    let (clock, newest) = SHARED.with(|s| *s.borrow()).unwrap_or_else(|| {
        let s = ROOT.with(|root| root.with(super::start_shared_clock));
        SHARED.with(|c| *c.borrow_mut() = Some(s));
        s
    });
    provide_context(clock);
    provide_context(newest);
}

/// Applies an in-place attribute change to a mounted element.
type Updater = Box<dyn Fn(&WidgetConfig)>;

/// Reads an element's attributes (`(name, value)` pairs).
type Parse = fn(&[(String, String)]) -> Result<WidgetConfig, AttrError>;

/// One kind of element: how its attributes are read and how it renders.
pub struct Spec {
    pub widget: Widget,
    parse: Parse,
    /// Renders the element (under its owner, with its context provided) and
    /// returns what applies an in-place change, if any can be.
    render: fn(&WidgetConfig) -> (AnyView, Option<Updater>),
}

/// `<ziar-share>`.
pub static SHARE: Spec = Spec {
    widget: Widget::Share,
    parse: |attrs| crate::embed::share_config(attrs, &crate::web::json::parse),
    render: render_share,
};

/// `<ziar-recent-posts>`.
pub static RECENT_POSTS: Spec = Spec {
    widget: Widget::RecentPosts,
    parse: crate::embed::list_config,
    render: render_recent_posts,
};

/// `<ziar-article>`.
pub static ARTICLE: Spec = Spec {
    widget: Widget::Article,
    parse: crate::embed::article_config,
    render: render_article,
};

/// `[[name, value], …]` as the element's attributes; anything malformed is skipped.
pub fn pairs(attrs: &js_sys::Array) -> Vec<(String, String)> {
    use wasm_bindgen::JsCast;
    attrs
        .iter()
        .filter_map(|p| {
            let p: js_sys::Array = p.dyn_into().ok()?;
            Some((p.get(0).as_string()?, p.get(1).as_string().unwrap_or_default()))
        })
        .collect()
}

/// What is on screen: the element's owner and DOM, and what it was built with.
struct Shown {
    owner: Owner,
    view: Option<Box<dyn Any>>,
    /// The configuration it was built with (`None`: an attribute error is shown).
    built: Option<WidgetConfig>,
    /// The configuration last applied (built, or updated in place since).
    current: Option<WidgetConfig>,
    update: Option<Updater>,
}

impl Shown {
    fn dispose(&mut self) {
        // Unmount the DOM first, then run every cleanup (poller stop, listeners).
        drop(self.view.take());
        self.owner.cleanup();
    }
}

/// A mounted widget. [`Mounted::unmount`] (or dropping it) removes its DOM and
/// disposes its owner, which stops its polling and timers.
pub struct Mounted {
    spec: &'static Spec,
    container: web_sys::HtmlElement,
    shown: Option<Shown>,
}

impl Mounted {
    /// Removes the widget's DOM and stops everything it started.
    pub fn unmount(&mut self) {
        if let Some(mut s) = self.shown.take() {
            s.dispose();
        }
    }

    /// The element's attributes changed: applies what changed in place when it
    /// can, or builds the element again.
    pub fn update(&mut self, attrs: Vec<(String, String)>) {
        let parsed = (self.spec.parse)(&attrs);
        if let (Some(s), Ok(new)) = (&mut self.shown, &parsed) {
            if let (Some(built), Some(current)) = (&s.built, &s.current) {
                if current == new {
                    return;
                }
                if current.ignored != new.ignored {
                    warn_ignored(self.spec.widget, new);
                }
                if !rebuilds(self.spec.widget, built, new) {
                    if let Some(update) = &s.update {
                        s.owner.with(|| update(new));
                    }
                    s.current = Some(new.clone());
                    return;
                }
            }
        }
        self.build(parsed);
    }

    fn build(&mut self, parsed: Result<WidgetConfig, AttrError>) {
        self.unmount();
        let owner = Owner::new();
        let container = self.container.clone();
        let spec = self.spec;
        let built = parsed.as_ref().ok().cloned();
        // The render runs inside `mount_to` (which starts Leptos' executor);
        // what applies later attribute changes comes out through this slot.
        let slot: Rc<RefCell<Option<Updater>>> = Rc::default();
        let updater = slot.clone();
        let view = owner.with(move || {
            let root = container.clone();
            Box::new(leptos::mount::mount_to(container, move || match parsed {
                Ok(w) => {
                    warn_ignored(spec.widget, &w);
                    // The widget's own text direction (an `ar` widget on a `ro` page).
                    let _ = root.set_attribute("dir", intl::direction(&w.cfg.locale));
                    let site: SiteCtx = Arc::new(Site::new(w.cfg.clone()));
                    provide_context(site);
                    provide_context(Embedded);
                    let (view, update) = (spec.render)(&w);
                    *updater.borrow_mut() = update;
                    view
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("Ziar: {e}").into());
                    view! { <p class="ziar-error ziar-attr-error" role="alert" part="error">{e.to_string()}</p> }
                        .into_any()
                }
            })) as Box<dyn Any>
        });
        let update = slot.borrow_mut().take();
        self.shown = Some(Shown {
            owner,
            view: Some(view),
            current: built.clone(),
            built,
            update,
        });
    }
}

fn warn_ignored(widget: Widget, w: &WidgetConfig) {
    if let Some(warning) = w.ignored_warning(widget) {
        web_sys::console::warn_1(&format!("Ziar: {warning}").into());
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.unmount();
    }
}

/// Mounts the element `spec` describes into `container` (an element inside the
/// custom element's shadow root), configured by the element's attributes. Bad
/// attributes show their message in the element and in the console, never a panic.
pub fn mount(spec: &'static Spec, container: web_sys::HtmlElement, attrs: Vec<(String, String)>) -> Mounted {
    // Create the clock's root owner here, outside every element's owner: made
    // lazily inside one, it would become that element's child and die with it.
    ROOT.with(|_| ());
    let mut m = Mounted {
        spec,
        container,
        shown: None,
    };
    m.build((spec.parse)(&attrs));
    m
}

fn render_share(w: &WidgetConfig) -> (AnyView, Option<Updater>) {
    let (title, url, text) = shared(w);
    let live = Shared::new(title, url, text);
    let update = move |w: &WidgetConfig| {
        let (title, url, text) = shared(w);
        for (signal, new) in [(live.title, title), (live.url, url), (live.text, text)] {
            if signal.with_untracked(|old| *old != new) {
                signal.set(new);
            }
        }
    };
    (view! { <ShareBar live/> }.into_any(), Some(Box::new(update)))
}

/// What `<ziar-share>` shares (title, URL, text): its attributes, defaulting to
/// the host page's title and URL, and the text to the title.
fn shared(w: &WidgetConfig) -> (String, String, String) {
    let title = share_title(w);
    let text = w.text.clone().unwrap_or_else(|| title.clone());
    (title, share_url(w), text)
}

/// `<ziar-share title>`, else the host page's title.
fn share_title(w: &WidgetConfig) -> String {
    w.title.clone().unwrap_or_else(|| {
        web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.title())
            .unwrap_or_default()
    })
}

/// `<ziar-share url>`, else the host page's URL.
fn share_url(w: &WidgetConfig) -> String {
    w.url.clone().unwrap_or_else(crate::web::share::page_url)
}

fn render_recent_posts(w: &WidgetConfig) -> (AnyView, Option<Updater>) {
    provide_shared_clock();
    let settings = ListSettings::new(&w.cfg);
    (
        view! { <RecentPosts settings/> }.into_any(),
        Some(Box::new(move |w: &WidgetConfig| settings.set(&w.cfg))),
    )
}

fn render_article(w: &WidgetConfig) -> (AnyView, Option<Updater>) {
    provide_shared_clock();
    let slug = w.slug.clone().unwrap_or_default();
    (view! { <EmbedArticle slug/> }.into_any(), None)
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
