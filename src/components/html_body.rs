//! Renders API HTML through the sanitizer, as nodes (no `inner_html`).

use crate::web::sanitize_dom::sanitize;
use leptos::html::Div;
use leptos::prelude::*;

/// The article body: sanitized by the browser-parser sanitizer and moved in as nodes.
#[component]
pub fn HtmlBody(html: String) -> impl IntoView {
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            match sanitize(&html) {
                Some(frag) => el.replace_children_with_node_1(&frag),
                None => web_sys::console::error_1(&"Ziar: the article body could not be parsed".into()),
            }
        }
    });
    view! { <div class="ziar-body" node_ref=node></div> }
}
