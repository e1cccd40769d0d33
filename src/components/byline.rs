//! Author names for "Publicat de", each linked to the author's page when the API gives one.

use crate::model::Author;
use crate::sanitize::url_allowed;
use leptos::prelude::*;

/// Only `http(s)` pages become links; anything else is shown as plain text.
fn author_href(a: &Author) -> Option<String> {
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
            let name = match author_href(&a) {
                Some(href) => view! { <a href=href rel="author">{name}</a> }.into_any(),
                None => name.into_any(),
            };
            view! { {sep} {name} }
        })
        .collect_view()
}
