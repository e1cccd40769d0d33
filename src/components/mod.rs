//! UI components, one per file. Each owns its data through a `LocalResource`.

pub mod app;
pub mod article;
pub mod byline;
pub mod category;
pub mod clock;
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
pub mod scroll;
pub mod share_bar;
pub mod skeleton;
pub mod widgets;

use crate::config::Config;
use crate::i18n::Messages;
use crate::time::Instant;
use crate::web::api::Api;
use leptos::prelude::*;
use std::sync::Arc;

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

/// The one clock every relative time reads, so all times tick together.
#[derive(Debug, Clone, Copy)]
pub struct Clock(pub RwSignal<Instant>);

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
