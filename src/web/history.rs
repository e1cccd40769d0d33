//! The History API for the app's router: the current path, and the clicks and
//! back/forward moves that change it. Which page a path shows is decided in
//! `crate::paths`; the view side is `components::router`.

use js_sys::JsString;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The location's path as text (`decodeURI`, so `/articol/știri` reads as written).
pub fn current_path() -> String {
    let raw = window().location().pathname().unwrap_or_default();
    decode(&raw, js_sys::decode_uri)
}

/// A path segment as text (`decodeURIComponent`); the raw segment if it is malformed.
pub fn decode_segment(segment: &str) -> String {
    decode(segment, js_sys::decode_uri_component)
}

fn decode(s: &str, f: fn(&str) -> Result<JsString, JsValue>) -> String {
    f(s).map(String::from).unwrap_or_else(|_| s.to_owned())
}

/// Listens for link clicks and back/forward for as long as the calling owner
/// lives; `changed` gets the new path. A click is left to the browser when it
/// opens elsewhere (a modifier key, another button, `target`, `download`,
/// `rel=external`) or leaves the app (another origin, or outside `router_base`).
pub fn install(router_base: String, changed: impl Fn(String) + Clone + 'static) {
    let on_pop = changed.clone();
    let _ = window_event_listener(ev::popstate, move |_| on_pop(current_path()));
    let _ = window_event_listener(ev::click, move |ev| {
        if let Some(to) = in_app_target(&ev, &router_base) {
            ev.prevent_default();
            navigate(&to);
            changed(current_path());
            scroll_after_navigation(&to);
        }
    });
}

/// Where a click on an in-app link goes (path, query and hash), or `None` when
/// the browser should handle it.
fn in_app_target(ev: &MouseEvent, router_base: &str) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return None;
    }
    // The innermost link on the event's path (through shadow roots too).
    let path = ev.composed_path();
    let a = (0..path.length()).find_map(|i| path.get(i).dyn_into::<HtmlAnchorElement>().ok())?;
    let rel = a.rel();
    let target = a.target();
    if !(target.is_empty() || target == "_self")
        || a.has_attribute("download")
        || rel.split_ascii_whitespace().any(|r| r == "external")
        || a.get_attribute("href").is_none()
    {
        return None;
    }
    let url = web_sys::Url::new(&a.href()).ok()?;
    let origin = window().location().origin().ok()?;
    let path = url.pathname();
    let base = router_base.trim_end_matches('/');
    let under_base = base.is_empty() || path == base || path.starts_with(&format!("{base}/"));
    (url.origin() == origin && under_base).then(|| format!("{path}{}{}", url.search(), url.hash()))
}

/// A new history entry for `#fragment` on the current page, as following a
/// plain fragment link makes (an in-article link, `components::html_body`).
pub fn push_fragment(fragment: &str) {
    let loc = window().location();
    navigate(&format!(
        "{}{}#{fragment}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default()
    ));
}

/// A new history entry for `to`; the same URL again replaces the entry instead
/// of stacking duplicates.
fn navigate(to: &str) {
    let w = window();
    let Ok(history) = w.history() else { return };
    let loc = w.location();
    let here = format!(
        "{}{}{}",
        loc.pathname().unwrap_or_default(),
        loc.search().unwrap_or_default(),
        loc.hash().unwrap_or_default()
    );
    let _ = if here == to {
        history.replace_state_with_url(&JsValue::NULL, "", Some(to))
    } else {
        history.push_state_with_url(&JsValue::NULL, "", Some(to))
    };
}

/// A new page starts at its top, or at the element its `#hash` names.
fn scroll_after_navigation(to: &str) {
    let w = window();
    let target = to
        .split_once('#')
        .map(|(_, id)| decode_segment(id))
        .filter(|id| !id.is_empty())
        .and_then(|id| document().get_element_by_id(&id));
    match target {
        Some(el) => el.scroll_into_view(),
        None => w.scroll_to_with_x_and_y(0.0, 0.0),
    }
}
