//! A link inside the app: a plain `<a>` (the router handles its clicks) that
//! marks itself `aria-current="page"` when it points at the page showing.

use super::router::CurrentPath;
use crate::paths::is_current;
use leptos::prelude::*;

/// `href`: an absolute app path (`web::app_href`). `exact`: current only on that
/// very path, not below it. Outside a router (widgets) it is never current.
#[component]
pub fn AppLink(href: String, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let path = use_context::<CurrentPath>().map(|p| p.0);
    let target = href.clone();
    let current = move || {
        path.is_some_and(|p| p.with(|p| is_current(&target, p, exact)))
            .then_some("page")
    };
    view! { <a href=href aria-current=current>{children()}</a> }
}
