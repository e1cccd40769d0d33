//! Renders API HTML through the sanitizer, as nodes (no `inner_html`).

use super::use_site;
use crate::sanitize::Policy;
use crate::web::sanitize_dom::{page_origin, sanitize_with};
use leptos::html::Div;
use leptos::prelude::*;

/// The article body: sanitized by the browser-parser sanitizer and moved in as nodes.
/// Relative URLs resolve against the API URL; iframes and link targets follow the config.
#[component]
pub fn HtmlBody(html: String) -> impl IntoView {
    let site = use_site();
    let policy = Policy {
        base: site.api.url().to_owned(),
        page_origin: page_origin(),
        iframe_hosts: site.cfg.iframe_hosts.clone(),
        link_target: site.cfg.link_target.clone(),
    };
    let node = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if let Some(el) = node.get() {
            match sanitize_with(&html, &policy) {
                Some(frag) => el.replace_children_with_node_1(&frag),
                None => web_sys::console::error_1(&"Ziar: the article body could not be parsed".into()),
            }
        }
    });
    view! { <div class="ziar-body" node_ref=node></div> }
}
