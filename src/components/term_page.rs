//! A category or author page: the term's name as the title, its posts as
//! cards, "load more" for the rest. Unknown terms get the not-found page.

use super::cards::{by_page_number, Cards};
use super::error_view::ErrorView;
use super::not_found::NotFound;
use super::router::use_slug;
use super::shell::error_fallback;
use super::skeleton::{CardsSkeleton, TitleSkeleton};
use super::{first_then, take_preloaded, use_site};
use crate::error::AppError;
use crate::model::Term;
use crate::paths::PageKind;
use crate::preload::{ListPage, PageData};
use leptos::prelude::*;

/// What a term page shows: the term and its first page, or nothing by that slug.
pub type Found = Result<Option<(Term, ListPage)>, AppError>;

/// The page for the current slug of `kind` (`Category` or `Author`).
#[component]
pub fn TermPage(kind: PageKind) -> impl IntoView {
    let slug = use_slug(kind);
    let first_slug = slug.get_untracked();
    let preloaded = take_preloaded(|p| match (kind, p) {
        (PageKind::Category, PageData::Category { slug, .. }) | (PageKind::Author, PageData::Author { slug, .. }) => {
            *slug == first_slug
        }
        _ => false,
    })
    .and_then(|p| match p {
        PageData::Category { found, .. } | PageData::Author { found, .. } => Some(found),
        _ => None,
    });
    match preloaded {
        Some(found) => first_then(
            slug,
            move |retry| loaded(kind, first_slug.clone(), found.clone(), retry),
            move || view! { <TermLoader kind slug/> },
        )
        .into_any(),
        None => view! { <TermLoader kind slug/> }.into_any(),
    }
}

/// Loads `slug`'s first page in the browser, refetching when it changes.
#[component]
fn TermLoader(kind: PageKind, slug: Memo<String>) -> impl IntoView {
    let site = use_site();
    let size = site.cfg.page_size;
    let api = site.api.clone();
    let data = LocalResource::new(move || {
        let slug = slug.get();
        let api = api.clone();
        async move {
            let found = api.term(kind, &slug, 1, size).await;
            (slug, found.map(|f| f.map(|(t, p)| (t, ListPage::from(p)))))
        }
    });
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=move || view! { <TitleSkeleton/> <CardsSkeleton n=size.min(6)/> }>
            <ErrorBoundary fallback=error_fallback(retry, true)>
                {move || Suspend::new(async move {
                    let (slug, found) = data.await;
                    found.map(|f| loaded(kind, slug, Ok(f), retry))
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The loaded page (or the error the server met, with its Retry).
fn loaded(kind: PageKind, slug: String, found: Found, retry: Callback<()>) -> AnyView {
    let site = use_site();
    match found {
        Ok(Some((term, first))) => {
            crate::web::head::set_title(&site.cfg.site_name, &term.name);
            let page = crate::paths::Page::term(kind, slug.clone());
            super::add_list_page_tags(&site.cfg.site_name, &term.name, &page);
            let size = site.cfg.page_size;
            let api = site.api.clone();
            let load = by_page_number(move |n| {
                let (api, slug) = (api.clone(), slug.clone());
                Box::pin(async move {
                    let found = api.term(kind, &slug, n, size).await;
                    found.map(|f| f.map(|(_, p)| p).unwrap_or_default())
                })
            });
            view! {
                <h1 class="ziar-page-title">{term.name.clone()}</h1>
                <Cards first load/>
            }
            .into_any()
        }
        Ok(None) => view! { <NotFound/> }.into_any(),
        Err(error) => view! { <ErrorView error msgs=site.msgs.clone() retry heading=1/> }.into_any(),
    }
}
