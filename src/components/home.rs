//! The home page: the latest posts, then "load more".

use super::cards::{Cards, LoadPage};
use super::error_view::ErrorView;
use super::shell::error_fallback;
use super::skeleton::CardsSkeleton;
use super::{first_then, take_preloaded, use_site};
use crate::preload::{ListPage, PageData};
use leptos::prelude::*;
use std::sync::Arc;

/// Lists the newest posts; further pages are appended, never replacing what is shown.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let size = site.cfg.page_size;
    crate::web::head::set_title(&site.cfg.site_name, "");
    let load: LoadPage = {
        let api = site.api.clone();
        Arc::new(move |n| {
            let api = api.clone();
            Box::pin(async move { api.latest(n, size).await })
        })
    };
    let first = take_preloaded(|p| match p {
        PageData::Home { first } => Ok(first),
        other => Err(other),
    });
    let body = match first {
        Some(first) => {
            let later_load = load.clone();
            first_then(
                Memo::new(|_| String::new()),
                move |retry| match first.clone() {
                    Ok(page) => view! { <Cards first=page load=load.clone()/> }.into_any(),
                    Err(error) => view! { <ErrorView error msgs=use_site().msgs.clone() retry heading=2/> }.into_any(),
                },
                move || view! { <HomeLoader load=later_load.clone()/> },
            )
            .into_any()
        }
        None => view! { <HomeLoader load/> }.into_any(),
    };
    view! {
        <h1 class="ziar-page-title">{site.msgs.t("latest")}</h1>
        {body}
    }
}

/// The first page loaded in the browser, with skeleton cards meanwhile.
#[component]
fn HomeLoader(load: LoadPage) -> impl IntoView {
    let size = use_site().cfg.page_size;
    let first = {
        let load = load.clone();
        LocalResource::new(move || load(1))
    };
    let retry = Callback::new(move |_| first.refetch());
    view! {
        <Transition fallback=move || view! { <CardsSkeleton n=size.min(6)/> }>
            <ErrorBoundary fallback=error_fallback(retry, false)>
                {move || {
                    let load = load.clone();
                    Suspend::new(async move {
                        first.await.map(|page| view! { <Cards first=ListPage::from(page) load/> }.into_any())
                    })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
