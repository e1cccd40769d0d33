//! A category page: the category's newest posts.

use super::app::error_fallback;
use super::home::ABOVE_FOLD;
use super::not_found::NotFound;
use super::post_card::PostCard;
use super::router::use_slug;
use super::skeleton::{CardsSkeleton, TitleSkeleton};
use super::use_site;
use crate::paths::PageKind;
use leptos::prelude::*;

/// Lists the posts of the `:slug` category.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let site = use_site();
    let slug = use_slug(PageKind::Category);
    let api = site.api.clone();
    let size = site.cfg.page_size;
    let site_name = site.cfg.site_name.clone();
    let data = LocalResource::new(move || {
        let slug = slug.get();
        let api = api.clone();
        async move { api.category(&slug, size).await }
    });
    let retry = Callback::new(move |_| data.refetch());
    view! {
        <Transition fallback=move || view! { <TitleSkeleton/> <CardsSkeleton n=size.min(6)/> }>
            <ErrorBoundary fallback=error_fallback(retry, true)>
                {move || {
                    let site_name = site_name.clone();
                    Suspend::new(async move {
                    data.await.map(|found| match found {
                        Some((term, posts)) => {
                            let above_fold: Vec<String> =
                                posts.iter().take(ABOVE_FOLD).map(|p| p.id.clone()).collect();
                            crate::web::head::set_title(&site_name, &term.name);
                            view! {
                            <h1 class="ziar-page-title">{term.name.clone()}</h1>
                            <div class="ziar-cards">
                                <For each=move || posts.clone() key=|p| p.id.clone() let(post)>
                                    <PostCard eager=above_fold.contains(&post.id) post/>
                                </For>
                            </div>
                        }.into_any()
                        }
                        None => view! { <NotFound/> }.into_any(),
                    })
                })
                }}
            </ErrorBoundary>
        </Transition>
    }
}
