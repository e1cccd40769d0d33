//! Browser glue: fetch, `Intl`, DOM. Thin on purpose; the logic is in the pure modules.

pub mod api;
pub mod body;
#[cfg(feature = "hydrate")]
pub mod boot;
pub mod clock;
pub mod discover;
pub mod fetch;
pub mod head;
pub mod history;
pub mod intl;
pub mod json;
pub mod live;
pub mod panic_banner;
pub mod poller;
pub mod prefetch;
pub mod sanitize_dom;
pub mod scroll;
pub mod share;
pub mod theme;
pub mod timer;

/// Whether the app is hydrating HTML that ziar-server rendered (the hydrate
/// build, during its first pass). Work the static app defers past the first
/// paint must then happen at once, as it did on the server, or the markup
/// would not match.
pub fn hydrating() -> bool {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::Owner::current_shared_context().is_some_and(|sc| sc.during_hydration())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}

/// In-page links (skip link, "Recent posts"): focus the target and scroll to it
/// ourselves. Left to the browser, `href="#main"` resolves against `<base href>`
/// and would leave an article page under a subpath; the router would not move
/// focus either.
pub fn jump_to(ev: leptos::ev::MouseEvent, id: &str) {
    ev.prevent_default();
    if let Some(el) = leptos::prelude::document().get_element_by_id(id) {
        jump_to_element(el);
    }
}

/// Moves focus to the `index`th element matching `selector` once rendered
/// (the first card "more" added).
pub fn focus_nth(selector: &'static str, index: u32) {
    leptos::prelude::request_animation_frame(move || {
        let found = leptos::prelude::document()
            .query_selector_all(selector)
            .ok()
            .and_then(|l| l.item(index));
        if let Some(el) = found {
            focus(el);
        }
    });
}

/// The browser's preferred language, for messages shown before any config.
pub fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into())
}

/// Focuses `el` when it is an HTML element (a link, a landmark with
/// `tabindex`); returns it for callers that also scroll.
pub fn focus(el: impl wasm_bindgen::JsCast) -> Option<web_sys::HtmlElement> {
    let el = el.dyn_into::<web_sys::HtmlElement>().ok()?;
    let _ = el.focus();
    Some(el)
}

/// Moves the reader to `el`: focuses it (with `tabindex="-1"` when it can't
/// take focus otherwise, so links keep their place in the tab order) and
/// scrolls it to the top of the view. In-page jumps (skip link, in-article
/// links) then leave keyboard focus where the reader now is.
pub fn jump_to_element(el: web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        if h.tab_index() < 0 && !h.has_attribute("tabindex") {
            let _ = h.set_attribute("tabindex", "-1");
        }
    }
    if let Some(el) = focus(el) {
        el.scroll_into_view();
    }
}

/// The document's base URL, which Trunk's `public_url` sets via `<base href>`.
pub fn base_uri() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_else(|| "/".into())
}

/// Resolves a possibly relative URL against the document's base, like a link would.
pub fn absolute_url(url: &str) -> String {
    web_sys::Url::new_with_base(url, &base_uri())
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_owned())
}

/// The path part of the base URL without its trailing slash (`""` at the root),
/// for the router's `base` so the app works under any subpath. The `<base href>`
/// is fixed at build time, so it is read once, not for every link rendered.
pub fn router_base() -> String {
    thread_local! {
        static BASE: String = web_sys::Url::new(&base_uri())
            .map(|u| crate::paths::router_base(&u.pathname()))
            .unwrap_or_default();
    }
    BASE.with(Clone::clone)
}

/// An app route (`"/articol/x"`) as a link under the public URL (`"/news/articol/x"`);
/// see `crate::paths`.
pub fn app_href(route: &str) -> String {
    crate::paths::app_href(&router_base(), route)
}

/// Current time from the browser clock.
pub fn now() -> crate::time::Instant {
    crate::time::Instant(js_sys::Date::now() as i64)
}

/// A `performance.mark("ziar:<name>")` on the startup path (config read, shell
/// mounted, article fetched and rendered, list rendered), so a trace or
/// `bench/startup.mjs` shows where a cold load spends its time. Once per name
/// and page: later navigations and polls add nothing to the timeline (it keeps
/// every mark for the page's life).
pub fn mark(name: &'static str) {
    thread_local! {
        static DONE: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let first = DONE.with(|d| {
        let mut d = d.borrow_mut();
        let first = !d.contains(&name);
        if first {
            d.push(name);
        }
        first
    });
    if let Some(p) = web_sys::window().and_then(|w| w.performance()).filter(|_| first) {
        let _ = p.mark(&format!("ziar:{name}"));
    }
}
