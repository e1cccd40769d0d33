//! The article body in the browser: sanitized by `sanitize_dom` (the
//! browser's own parser) and moved in as nodes. When the page was rendered by
//! ziar-server, the body it sent (sanitized there under the same policy) is
//! kept as it is: replacing it would re-create every node for nothing.

use super::sanitize_dom::sanitize_with;
use crate::sanitize::Policy;
use leptos::html::Div;
use leptos::prelude::*;

/// A `<div class="ziar-body">` holding `html`, clean.
pub fn render(html: String, policy: Policy) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    let from_server = super::hydrating();
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if from_server && el.has_child_nodes() {
            super::mark("article-body");
            return;
        }
        match sanitize_with(&html, &policy) {
            Some(frag) => {
                fit_headings(&frag);
                el.replace_children_with_node_1(&frag);
                super::mark("article-body");
            }
            None => web_sys::console::error_1(&"Ziar: the article body could not be parsed".into()),
        }
    });
    view! { <div class="ziar-body" node_ref=node></div> }
}

/// Renames the body's headings to the levels `outline::fit_levels` gives, so the
/// body's outline sits under the page's `h1` with no skipped level.
fn fit_headings(frag: &web_sys::DocumentFragment) {
    use wasm_bindgen::JsCast;
    let Ok(list) = frag.query_selector_all("h1, h2, h3, h4, h5, h6") else {
        return;
    };
    let headings: Vec<web_sys::Element> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect();
    let levels: Vec<u8> = headings
        .iter()
        .map(|h| h.tag_name().as_bytes().get(1).map_or(2, |b| b.saturating_sub(b'0')))
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
