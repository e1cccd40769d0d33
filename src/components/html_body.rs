//! The article body: API HTML through the sanitizer, never `inner_html` of
//! unchecked text. The browser sanitizes with its own parser (`web::body`);
//! ziar-server with ammonia, under the same policy (`crate::sanitize`).

use super::{is_embedded, use_site};
use crate::sanitize::{Policy, PostLinks};
use crate::web::sanitize_dom::{page_origin, page_url};
use leptos::prelude::*;

/// Relative URLs resolve against the API URL; iframes and link targets follow the config.
/// `own_url`: the post's own URL (links to it with a fragment stay in the article);
/// `posts`: links to other posts of the site that open in the app (none in widgets).
#[component]
pub fn HtmlBody(html: String, own_url: Option<String>, posts: Option<PostLinks>) -> impl IntoView {
    let site = use_site();
    let policy = Policy {
        base: site.api.url().to_owned(),
        page_origin: page_origin(),
        iframe_hosts: site.cfg.iframe_hosts.clone(),
        link_target: site.cfg.link_target.clone(),
        page_url: page_url(),
        own_url,
        posts,
    };
    crate::web::body::render(html, policy, is_embedded())
}
