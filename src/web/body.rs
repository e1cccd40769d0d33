//! The article body in the browser: sanitized by `sanitize_dom` (the
//! browser's own parser) and moved in as nodes. When the page was rendered by
//! ziar-server, the body it sent (sanitized there under the same policy) is
//! kept as it is: replacing it would re-create every node for nothing.

use super::sanitize_dom::sanitize_with;
use crate::sanitize::{fragment_target, Policy};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A `<div class="ziar-body">` holding `html`, clean. `embedded`: in a widget,
/// which never touches the host page's URL.
pub fn render(html: String, policy: Policy, embedded: bool) -> impl IntoView {
    let here = policy.page_url.clone();
    let node = NodeRef::<Div>::new();
    let from_server = super::hydrating();
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if from_server && el.has_child_nodes() {
            super::mark("article-body");
            scroll_to_fragment(&el, &policy.page_url, embedded);
            return;
        }
        match sanitize_with(&html, &policy) {
            Some(frag) => {
                fit_headings(&frag);
                el.replace_children_with_node_1(&frag);
                super::mark("article-body");
                scroll_to_fragment(&el, &policy.page_url, embedded);
            }
            None => web_sys::console::error_1(&"Ziar: the article body could not be parsed".into()),
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| follow_in_article(&ev, &here, embedded);
    view! { <div class="ziar-body" node_ref=node on:click=on_click></div> }
}

/// Opened at `#ziar-c-…` (a shared link, or another article's link with a
/// fragment): the body wasn't there when the browser looked. Next frame: the
/// body is only in the page once mounted. (`cfg!` again where it is read: a
/// captured copy would keep the app-only code in the widget's wasm.)
fn scroll_to_fragment(el: &web_sys::HtmlDivElement, page: &str, embedded: bool) {
    if cfg!(feature = "embed") || embedded {
        return;
    }
    let (el, page) = (el.clone(), page.to_owned());
    request_animation_frame(move || {
        let location = web_sys::window().and_then(|w| w.location().href().ok());
        if let Some(target) = location.and_then(|l| fragment_target(&l, &page).and_then(|f| find(&el, f))) {
            target.scroll_into_view();
        }
    });
}

/// A click on a link within the article (table of contents, footnote and its
/// back-link): the target is focused and scrolled to here, and in the app the
/// URL gets its `#fragment` as a new history entry (Back returns to where the
/// reader was). A fragment with no target does nothing. Other links go on to
/// the router or the browser.
fn follow_in_article(ev: &web_sys::MouseEvent, page_url: &str, embedded: bool) {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key() {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|t| t.closest("a[href]").ok().flatten());
    let Some(href) = link.and_then(|a| a.get_attribute("href")) else {
        return;
    };
    let Some(fragment) = fragment_target(&href, page_url) else {
        return;
    };
    ev.prevent_default();
    // The listener is on the body's element.
    let body = ev.current_target().and_then(|b| b.dyn_into::<web_sys::Element>().ok());
    let Some(target) = body.and_then(|b| find(&b, fragment)) else {
        return;
    };
    if !(cfg!(feature = "embed") || embedded) {
        super::history::push_fragment(fragment);
    }
    super::jump_to_element(target);
}

/// The element of `body` a fragment names, in the page or the widget's shadow
/// root: the id as written, else percent-decoded (as a browser looks it up).
fn find(body: &web_sys::Element, fragment: &str) -> Option<web_sys::Element> {
    let root = body.get_root_node();
    let by_id = |id: &str| match root.dyn_ref::<web_sys::Document>() {
        Some(doc) => doc.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::DocumentFragment>()?.get_element_by_id(id),
    };
    let found = by_id(fragment).or_else(|| by_id(&super::history::decode_segment(fragment)))?;
    body.contains(Some(&found)).then_some(found)
}

/// Renames the body's headings to the levels `outline::fit_levels` gives, so the
/// body's outline sits under the page's `h1` with no skipped level.
fn fit_headings(frag: &web_sys::DocumentFragment) {
    let Ok(list) = frag.query_selector_all("h1, h2, h3, h4, h5, h6") else {
        return;
    };
    let headings: Vec<web_sys::Element> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect();
    let levels: Vec<u8> = headings
        .iter()
        .map(|h| crate::outline::heading_level(&h.tag_name()).unwrap_or(2))
        .collect();
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for ((h, old), new) in headings.iter().zip(&levels).zip(crate::outline::fit_levels(&levels)) {
        if *old == new {
            continue;
        }
        let Ok(renamed) = doc.create_element(&format!("h{new}")) else {
            continue;
        };
        let attrs = h.attributes();
        for i in 0..attrs.length() {
            if let Some(a) = attrs.item(i) {
                let _ = renamed.set_attribute(&a.name(), &a.value());
            }
        }
        while let Some(child) = h.first_child() {
            let _ = renamed.append_child(&child);
        }
        let _ = h.replace_with_with_node_1(&renamed);
    }
}
