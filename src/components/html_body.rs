//! The article body: API HTML through the sanitizer, never `inner_html` of
//! unchecked text. The browser sanitizes with its own parser
//! (`web::body`); ziar-server with ammonia under the same policy.

use super::use_site;
use crate::sanitize::Policy;
use crate::web::sanitize_dom::page_origin;
use leptos::prelude::*;

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
    crate::web::body::render(html, policy)
}
