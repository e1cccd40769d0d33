//! An author's page (`/autor/<slug>`, where bylines lead): their posts,
//! newest first, with "load more".

use super::term_page::TermPage;
use crate::paths::PageKind;
use leptos::prelude::*;

/// The page of the current `/autor/<slug>`.
#[component]
pub fn AuthorPage() -> impl IntoView {
    view! { <TermPage kind=PageKind::Author/> }
}
