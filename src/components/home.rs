//! The home page: the latest posts, then "load more".

use super::app::error_fallback;
use super::error_view::ErrorView;
use super::post_card::PostCard;
use super::skeleton::CardsSkeleton;
use super::use_site;
use crate::error::AppError;
use crate::model::Post;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Cards whose images load eagerly: those visible without scrolling.
pub const ABOVE_FOLD: usize = 2;

/// Lists the newest posts; further pages are appended, never replacing what is shown.
#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_site();
    let size = site.cfg.page_size;
    let api = site.api.clone();
    let first = LocalResource::new(move || {
        let api = api.clone();
        async move { api.latest(1, size).await }
    });
    let more: RwSignal<Vec<Post>> = RwSignal::new(Vec::new());
    // page_size posts at a time, whatever the API's pages hold (crate::paging).
    let pager = StoredValue::new(crate::paging::Pager::new(size));
    let has_more = RwSignal::new(false);
    let loading = RwSignal::new(false);
    let more_error: RwSignal<Option<AppError>> = RwSignal::new(None);

    let load_more = {
        let api = site.api.clone();
        move |_: ()| {
            if loading.get_untracked() {
                return;
            }
            loading.set(true);
            let api = api.clone();
            spawn_local(async move {
                let mut p = pager.get_value();
                let page = crate::paging::next_page(&mut p, |next| api.page_at(next, size)).await;
                let more_left = p.has_more();
                pager.set_value(p);
                match page {
                    Ok(posts) => {
                        let shown = card_links().map(|l| l.length()).unwrap_or(0);
                        more.update(|v| {
                            for post in posts {
                                if !v.iter().any(|x| x.id == post.id) {
                                    v.push(post);
                                }
                            }
                        });
                        has_more.set(more_left);
                        more_error.set(None);
                        focus_card(shown);
                    }
                    Err(e) => more_error.set(Some(e)),
                }
                loading.set(false);
            });
        }
    };

    let msgs2 = site.msgs.clone();
    let retry = Callback::new(move |_| first.refetch());
    let retry_more = {
        let load_more = load_more.clone();
        Callback::new(move |_| load_more(()))
    };
    crate::web::head::set_title(&site.cfg.site_name, "");
    view! {
        <h1 class="ziar-page-title">{site.msgs.t("latest")}</h1>
        <Transition fallback=move || view! { <CardsSkeleton n=size.min(6)/> }>
            <ErrorBoundary fallback=error_fallback(retry, false)>
                {move || Suspend::new(async move {
                    first.await.map(|page| {
                        let page = pager.try_update_value(|p| p.first(page)).unwrap_or_default();
                        has_more.set(page.has_more);
                        let empty = page.posts.is_empty();
                        let first_ids: Vec<String> = page.posts.iter().map(|p| p.id.clone()).collect();
                        let above_fold: Vec<String> = first_ids.iter().take(ABOVE_FOLD).cloned().collect();
                        let extra = move || {
                            more.get().into_iter().filter(|p| !first_ids.contains(&p.id)).collect::<Vec<Post>>()
                        };
                        view! {
                            {empty.then(|| view! { <p class="ziar-empty">{use_site().msgs.t("empty")}</p> })}
                            <div class="ziar-cards">
                                <For each=move || page.posts.clone() key=|p| p.id.clone() let(post)>
                                    <PostCard eager=above_fold.contains(&post.id) post/>
                                </For>
                                <For each=extra key=|p| p.id.clone() let(post)>
                                    <PostCard post/>
                                </For>
                            </div>
                        }
                        .into_any()
                    })
                })}
            </ErrorBoundary>
        </Transition>
        {move || more_error.get().map(|e| view! { <ErrorView error=e msgs=msgs2.clone() retry=retry_more/> })}
        <Show when=move || has_more.get() && more_error.with(Option::is_none)>
            <button type="button" class="ziar-more" on:click={
                let load_more = load_more.clone();
                move |_| load_more(())
            } disabled=move || loading.get()>
                {use_site().msgs.t("load_more")}
            </button>
        </Show>
    }
}

fn card_links() -> Option<web_sys::NodeList> {
    document().query_selector_all(".ziar-main .ziar-card-title a").ok()
}

/// Moves focus to the `index`th card's link once rendered: the first card of a
/// page just loaded, so a keyboard or screen-reader user continues from there
/// (the button may be gone when it was the last page).
fn focus_card(index: u32) {
    request_animation_frame(move || {
        if let Some(el) = card_links().and_then(|l| l.item(index)) {
            crate::web::focus(el);
        }
    });
}
