//! The home page: the latest posts, then "load more", `page_size` at a time
//! whatever the API's own pages hold (`crate::paging`).

use super::cards::{Cards, LoadMore};
use super::error_view::ErrorView;
use super::shell::error_fallback;
use super::skeleton::CardsSkeleton;
use super::{first_then, take_preloaded, use_site};
use crate::paging::{next_page, Pager};
use crate::preload::{ListPage, PageData};
use leptos::prelude::*;
use std::sync::Arc;

/// Lists the newest posts; further pages are appended, never replacing what is shown.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let size = site.cfg.page_size;
    crate::web::head::set_title(&site.cfg.site_name, "");
    super::add_list_page_tags(&site.cfg.site_name, "", &crate::paths::Page::Home);
    let pager = StoredValue::new(Pager::new(size));
    let load: LoadMore = {
        let api = site.api.clone();
        Arc::new(move || {
            let api = api.clone();
            Box::pin(async move {
                let mut p = pager.get_value();
                let posts = next_page(&mut p, |next| api.page_at(next, size)).await;
                let left = p.has_more();
                pager.set_value(p);
                posts.map(|posts| (posts, left))
            })
        })
    };
    let first = take_preloaded(|p| matches!(p, PageData::Home { .. })).and_then(|p| match p {
        PageData::Home { first } => Some(first),
        _ => None,
    });
    let body = match first {
        Some(first) => {
            let later_load = load.clone();
            first_then(
                Memo::new(|_| String::new()),
                move |retry| match first.clone() {
                    Ok(page) => {
                        let page: ListPage = pager
                            .try_update_value(|p| p.first(page.into()))
                            .unwrap_or_default()
                            .into();
                        view! { <Cards first=page load=load.clone()/> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error msgs=use_site().msgs.clone() retry heading=2/> }.into_any(),
                },
                move || view! { <HomeLoader pager load=later_load.clone()/> },
            )
            .into_any()
        }
        None => view! { <HomeLoader pager load/> }.into_any(),
    };
    view! {
        <h1 class="ziar-page-title">{site.msgs.t("latest")}</h1>
        {body}
    }
}

/// The first page loaded in the browser, with skeleton cards meanwhile.
#[component]
fn HomeLoader(pager: StoredValue<Pager>, load: LoadMore) -> impl IntoView {
    let site = use_site();
    let size = site.cfg.page_size;
    let api = site.api.clone();
    let first = LocalResource::new(move || {
        let api = api.clone();
        async move { api.latest(1, size).await }
    });
    let retry = Callback::new(move |_| first.refetch());
    view! {
        <Transition fallback=move || view! { <CardsSkeleton n=size.min(6)/> }>
            <ErrorBoundary fallback=error_fallback(retry, false)>
                {move || {
                    let load = load.clone();
                    Suspend::new(async move {
                        first.await.map(|page| {
                            let page: ListPage = pager.try_update_value(|p| p.first(page)).unwrap_or_default().into();
                            view! { <Cards first=page load/> }.into_any()
                        })
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
