//! A category page: the category's posts, newest first, with "load more".

use super::term_page::TermPage;
use crate::paths::PageKind;
use leptos::prelude::*;

/// The page of the current `/categorie/<slug>`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    view! { <TermPage kind=PageKind::Category/> }
}
