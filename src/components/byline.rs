//! Author names for "Publicat de", each linked to the author's page: in the
//! app its own `/autor/<slug>` page; in a widget the author's page on the
//! API's site, when that is a web page.

use super::is_embedded;
use super::link::AppLink;
use crate::model::Author;
use crate::sanitize::url_allowed;
use leptos::prelude::*;

/// Only `http(s)` pages become links; anything else is shown as plain text.
fn external_href(a: &Author) -> Option<String> {
    let u = a.url.as_deref()?.trim();
    let lower = u.to_ascii_lowercase();
    ((lower.starts_with("https://") || lower.starts_with("http://")) && url_allowed(u, false)).then(|| u.to_owned())
}

/// The authors joined with ", ".
#[component]
pub fn Byline(authors: Vec<Author>) -> impl IntoView {
    authors
        .into_iter()
        .filter(|a| !a.name.is_empty())
        .enumerate()
        .map(|(i, a)| {
            let sep = (i > 0).then_some(", ");
            let name = a.name.clone();
            let key = a.route_key();
            let name = if is_embedded() {
                match external_href(&a) {
                    Some(href) => view! { <a href=href rel="author">{name}</a> }.into_any(),
                    None => name.into_any(),
                }
            } else if key.is_empty() {
                name.into_any()
            } else {
                let href = crate::web::app_href(&crate::paths::route_of(&crate::paths::Page::Author(key.clone())));
                view! { <AppLink href=href attr:rel="author">{name}</AppLink> }.into_any()
            };
            view! { {sep} {name} }
        })
        .collect_view()
}
