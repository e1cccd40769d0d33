//! UI components, one per file. Each owns its data through a `LocalResource`,
//! or, for its first render on a page ziar-server rendered, through the data
//! the server rendered it with ([`Preloaded`]). They compile for the browser
//! and natively (the server renders them to HTML): platform calls go through
//! `crate::web`, which is the browser glue on wasm32 and `src/native/` elsewhere.

/// The static app's root (reads `config.json`); a mount point, browser only.
#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod article;
pub mod author;
pub mod byline;
pub mod cards;
pub mod category;
pub mod error_view;
pub mod follow_us;
pub mod home;
pub mod html_body;
pub mod icons;
pub mod link;
pub mod not_found;
pub mod post_card;
pub mod recent_posts;
pub mod rel_time;
pub mod router;
pub mod share_bar;
pub mod shell;
pub mod skeleton;
pub mod term_page;
/// The widgets' mount points (custom elements), browser only.
#[cfg(target_arch = "wasm32")]
pub mod widgets;

use crate::config::Config;
use crate::i18n::Messages;
use crate::model::Post;
use crate::preload::PageData;
use crate::time::Instant;
use crate::web::api::Api;
use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Site-wide, read-only context: config, API client, messages and `Intl` locale.
#[derive(Debug, Clone)]
pub struct Site {
    pub cfg: Config,
    pub api: Api,
    pub msgs: Messages,
    /// Canonical tag passed to `Intl`.
    pub locale: String,
}

impl Site {
    /// The context for one config: the app's (`config.json`) or a widget's (its
    /// attributes, whose `locale` is the widget's own), with messages and the
    /// `Intl` tag for its `locale`.
    pub fn new(cfg: Config) -> Site {
        Site {
            api: Api::new(&cfg),
            msgs: Messages::for_locale(&cfg.locale),
            locale: crate::web::intl::canonical_locale(&cfg.locale),
            cfg,
        }
    }
}

/// The shared context handle.
pub type SiteCtx = Arc<Site>;

/// Reads the site context; components are only mounted below `App`, which provides it.
pub fn use_site() -> SiteCtx {
    use_context::<SiteCtx>().unwrap_or_else(|| {
        // Unreachable in the app; a clear default beats a panic.
        Arc::new(Site::new(Config {
            locale: "en".into(),
            ..Config::default()
        }))
    })
}

/// Recent Posts as a server render showed them, and their validator.
type RecentList = (Vec<Post>, Option<String>);

/// The data a server render was built from (`crate::preload`), provided on
/// the server and in the hydrating browser: each part takes its share for its
/// first render, so both sides build the same markup without waiting. Absent
/// in the static app, where everything loads in the browser.
#[derive(Debug, Clone, Default)]
#[cfg_attr(not(ziar_server_data), allow(dead_code))]
pub struct Preloaded {
    page: Arc<Mutex<Option<PageData>>>,
    recent: Arc<Mutex<Option<RecentList>>>,
    /// Served from the server's last good copy while the API fails.
    pub stale: bool,
}

impl Preloaded {
    /// The context for one render.
    pub fn new(p: crate::preload::Preload) -> Preloaded {
        Preloaded {
            page: Arc::new(Mutex::new(p.page)),
            recent: Arc::new(Mutex::new(p.recent.map(|r| (r, p.recent_etag)))),
            stale: p.stale,
        }
    }
}

/// The page's server-rendered data, when `mine` recognizes it as its own;
/// taken, so a later visit to the same page loads afresh. Always `None` in
/// the static app and the widgets, which then compile without the
/// server-rendered branches.
#[cfg(ziar_server_data)]
pub fn take_preloaded(mine: impl FnOnce(&PageData) -> bool) -> Option<PageData> {
    let pre = use_context::<Preloaded>()?;
    let mut slot = pre.page.lock().unwrap_or_else(|e| e.into_inner());
    if slot.as_ref().is_some_and(mine) {
        slot.take()
    } else {
        None
    }
}

/// See the other `take_preloaded`.
#[cfg(not(ziar_server_data))]
pub fn take_preloaded(_mine: impl FnOnce(&PageData) -> bool) -> Option<PageData> {
    None
}

/// See the other `take_preloaded_recent`.
#[cfg(not(ziar_server_data))]
pub fn take_preloaded_recent() -> Option<(Vec<Post>, Option<String>)> {
    None
}

/// Recent Posts as the server rendered them, with their validator; taken once.
#[cfg(ziar_server_data)]
pub fn take_preloaded_recent() -> Option<(Vec<Post>, Option<String>)> {
    let pre = use_context::<Preloaded>()?;
    let taken = pre.recent.lock().unwrap_or_else(|e| e.into_inner()).take();
    taken
}

/// A page the server rendered from preloaded data, then loaded in the
/// browser: `first` (the server's markup, given a Retry that switches over)
/// while `key` stays what it was at the first render; `later` (the page's own
/// loading view) from the first change of `key` or the first Retry on.
pub fn first_then<F, L, V, W>(key: Memo<String>, first: F, later: L) -> impl IntoView
where
    F: Fn(Callback<()>) -> V + Send + Sync + 'static,
    L: Fn() -> W + Send + Sync + 'static,
    V: IntoView + 'static,
    W: IntoView + 'static,
{
    let start = key.get_untracked();
    let retried = RwSignal::new(false);
    let on_first = Memo::new(move |prev: Option<&bool>| {
        prev.copied().unwrap_or(true) && !retried.get() && key.with(|k| *k == start)
    });
    let retry = Callback::new(move |_| retried.set(true));
    move || {
        if on_first.get() {
            first(retry).into_any()
        } else {
            later().into_any()
        }
    }
}

/// Element ids unique within one page, the same on the server and in the
/// browser that hydrates its HTML (a process-wide counter would differ).
#[derive(Debug, Clone, Default)]
pub struct Ids(Arc<AtomicUsize>);

/// The next id with `prefix` (`ziar-share-menu-0`, …).
pub fn next_id(prefix: &str) -> String {
    static FALLBACK: AtomicUsize = AtomicUsize::new(0);
    let n = match use_context::<Ids>() {
        Some(ids) => ids.0.fetch_add(1, Ordering::Relaxed),
        None => FALLBACK.fetch_add(1, Ordering::Relaxed),
    };
    format!("{prefix}{n}")
}

/// The one clock every relative time reads, so all times tick together.
#[derive(Debug, Clone, Copy)]
pub struct Clock(pub RwSignal<Instant>);

/// Starts the shared clock under the current owner (`web::clock`).
pub fn start_shared_clock() -> (Clock, NewestShown) {
    let (clock, newest) = crate::web::clock::start();
    (Clock(clock), NewestShown(newest))
}

/// Reads the shared clock (a fresh one if none is provided, e.g. in tests).
pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| Clock(RwSignal::new(crate::web::now())))
}

/// The newest instant any `<RelTime>` shows, so the shared clock knows whether
/// it needs the fast tick.
#[derive(Debug, Clone, Copy)]
pub struct NewestShown(pub RwSignal<Option<Instant>>);

/// Present when a component renders inside an embedded widget (a custom
/// element's Shadow DOM on someone else's page) rather than in the app: links
/// then leave for the article's own URL instead of a client-side route, and
/// nothing touches the host page's `<head>` or `<html>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embedded;

/// Whether the current component is inside an embedded widget.
///
/// In the widget build (`--features embed`, scripts/embed.sh) every component
/// renders inside a widget, so this is the constant `true`: the compiler then
/// drops the app-only branches (in-app `<AppLink>`s, `<head>` tags, the
/// router's context) from the widget's wasm.
pub fn is_embedded() -> bool {
    cfg!(feature = "embed") || use_context::<Embedded>().is_some()
}

/// Preview tags for a page that lists posts (home, category, author): a link
/// shared from it gets a card with the page's name and the site's, and search
/// engines its canonical URL. Removed with the page, like an article's.
pub fn add_list_page_tags(site_name: &str, title: &str, page: &crate::paths::Page) {
    let url = crate::web::absolute_url(&crate::web::app_href(&crate::paths::route_of(page)));
    crate::web::head::add_tags(crate::meta::list_page_tags(site_name, title, url));
}

/// Lets the route's main content (the article) render and paint before the
/// sidebar's first fetch: both would otherwise compete for the one main thread,
/// and on a cold load the list's parse and render (a few hundred ms on a slow
/// phone) ran before the article's. The app's shell provides it; an embedded
/// widget has none and starts at once.
#[derive(Debug, Clone, Copy)]
pub struct SidebarGate(RwSignal<bool>);

/// How long a held gate waits at most for the main content (a slow API must
/// not leave the sidebar empty until the article's request times out).
const GATE_MAX_HOLD_MS: u64 = 3000;

impl SidebarGate {
    /// An open gate (nothing holds it yet).
    pub fn new() -> SidebarGate {
        SidebarGate(RwSignal::new(false))
    }

    /// Whether the sidebar may start; tracked, so an effect re-runs when it opens.
    pub fn is_open(&self) -> bool {
        !self.0.get()
    }

    /// Closes the gate until [`SidebarGate::open_after_paint`] (or at most
    /// `GATE_MAX_HOLD_MS`). Called while the page is built, before the
    /// sidebar's first effect reads it.
    pub fn hold(&self) {
        self.0.set(true);
        let held = self.0;
        crate::web::timer::Timeout::new(GATE_MAX_HOLD_MS, move || {
            let _ = held.try_set(false);
        });
    }

    /// Opens the gate once what was just rendered has painted: the next
    /// animation frame runs before that paint, a timeout from it after.
    pub fn open_after_paint(&self) {
        let held = self.0;
        crate::web::timer::after_paint(move || {
            let _ = held.try_set(false);
        });
    }
}

impl Default for SidebarGate {
    fn default() -> Self {
        SidebarGate::new()
    }
}
