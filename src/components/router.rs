//! The app's router: the current page as a signal, from the location, link
//! clicks and back/forward (`web::history`). Three routes need no more; the
//! matching is pure and host-tested (`crate::paths::page_for`).

use crate::paths::{page_for, Page, PageKind};
use crate::web::history;
use leptos::prelude::*;

/// The current path (decoded), for links' `aria-current`.
#[derive(Clone, Copy)]
pub struct CurrentPath(pub ReadSignal<String>);

/// The current page, for the routes view and the pages' slugs.
#[derive(Clone, Copy)]
pub struct CurrentPage(pub Memo<Page>);

/// Provides [`CurrentPath`] and [`CurrentPage`] to `children` and keeps them in
/// step with the location while it lives. `base`: the public URL's path
/// (`""` or `"/news"`), from `web::router_base`.
#[component]
pub fn Router(base: String, children: Children) -> impl IntoView {
    let (path, set_path) = signal(history::current_path());
    history::install(base.clone(), move |p| set_path.set(p));
    let page = Memo::new(move |_| path.with(|p| page_for(&base, p, history::decode_segment)));
    provide_context(CurrentPath(path));
    provide_context(CurrentPage(page));
    children()
}

/// Which kind of page is showing; changes only when the kind does, so the
/// routes view remounts a page only then.
pub fn use_page_kind() -> Memo<PageKind> {
    let page = use_context::<CurrentPage>().map(|p| p.0);
    Memo::new(move |_| page.map_or(PageKind::NotFound, |p| p.with(Page::kind)))
}

/// The slug of the current page while it is a `kind` page. It keeps its last
/// value when the location moves to another kind, so the page being left does
/// not refetch with a slug that isn't its own.
pub fn use_slug(kind: PageKind) -> Memo<String> {
    let page = use_context::<CurrentPage>().map(|p| p.0);
    Memo::new(move |prev: Option<&String>| {
        page.and_then(|p| p.with(|p| p.slug_of(kind).map(str::to_owned)))
            .or_else(|| prev.cloned())
            .unwrap_or_default()
    })
}
