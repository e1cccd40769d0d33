//! Browser glue: fetch, `Intl`, DOM. Thin on purpose; the logic is in the pure modules.

pub mod api;
pub mod fetch;
pub mod head;
pub mod history;
pub mod intl;
pub mod json;
pub mod panic_banner;
pub mod poller;
pub mod prefetch;
pub mod sanitize_dom;
pub mod share;
pub mod theme;
pub mod timer;

/// Focuses `el` when it is an HTML element (a link, a landmark with
/// `tabindex`); returns it for callers that also scroll.
pub fn focus(el: impl wasm_bindgen::JsCast) -> Option<web_sys::HtmlElement> {
    let el = el.dyn_into::<web_sys::HtmlElement>().ok()?;
    let _ = el.focus();
    Some(el)
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
