//! The article body on the server: sanitized with ammonia under the
//! browser's policy (`sanitize_html`), then written as HTML.

use crate::sanitize::Policy;
use leptos::prelude::*;

/// A `<div class="ziar-body">` holding `html`, clean.
pub fn render(html: String, policy: Policy, _embedded: bool) -> impl IntoView {
    let clean = super::sanitize_html::clean(&html, &policy);
    view! { <div class="ziar-body" inner_html=clean></div> }
}
