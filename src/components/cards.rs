//! The cards of a list page (home, category, author) and "Mai multe
//! articole", which appends the next page and never replaces what is shown.

use super::error_view::ErrorView;
use super::post_card::PostCard;
use super::use_site;
use crate::error::AppError;
use crate::model::{Post, PostPage};
use crate::preload::ListPage;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Cards whose images load eagerly: those visible without scrolling.
pub const ABOVE_FOLD: usize = 2;

/// Loads the next cards: the posts, and whether any are left after them.
pub type LoadMore = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<(Vec<Post>, bool), AppError>>>> + Send + Sync>;

/// "More" by page number (category and author pages): page 2, 3, … of `load`.
pub fn by_page_number(
    load: impl Fn(u32) -> Pin<Box<dyn Future<Output = Result<PostPage, AppError>>>> + Send + Sync + 'static,
) -> LoadMore {
    let next = Arc::new(std::sync::atomic::AtomicU32::new(2));
    Arc::new(move || {
        let next = next.clone();
        let fut = load(next.load(std::sync::atomic::Ordering::Relaxed));
        Box::pin(async move {
            let page = fut.await?;
            next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok((page.posts, page.has_more))
        })
    })
}

/// The first page's cards, then every batch "more" loads.
#[component]
pub fn Cards(first: ListPage, load: LoadMore) -> impl IntoView {
    let site = use_site();
    let more: RwSignal<Vec<Post>> = RwSignal::new(Vec::new());
    let has_more = RwSignal::new(first.has_more);
    let loading = RwSignal::new(false);
    let more_error: RwSignal<Option<AppError>> = RwSignal::new(None);
    let first_ids: Vec<String> = first.posts.iter().map(|p| p.id.clone()).collect();
    let above_fold: Vec<String> = first_ids.iter().take(ABOVE_FOLD).cloned().collect();
    let shown_first = first_ids.len() as u32;

    let load_more = move || {
        if loading.get_untracked() {
            return;
        }
        loading.set(true);
        let fut = load();
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok((posts, left)) => {
                    let shown = shown_first + more.with_untracked(|v| v.len() as u32);
                    more.update(|v| {
                        for post in posts {
                            if !v.iter().any(|x| x.id == post.id) {
                                v.push(post);
                            }
                        }
                    });
                    has_more.set(left);
                    more_error.set(None);
                    // The first card just added takes focus, so a keyboard or
                    // screen-reader user continues from there.
                    crate::web::focus_nth(".ziar-main .ziar-card-title a", shown);
                }
                Err(e) => more_error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    let retry_more = {
        let load_more = load_more.clone();
        Callback::new(move |_| load_more())
    };
    let msgs = site.msgs.clone();
    let empty = first.posts.is_empty();
    let extra = move || {
        more.get()
            .into_iter()
            .filter(|p| !first_ids.contains(&p.id))
            .collect::<Vec<Post>>()
    };
    view! {
        {empty.then(|| view! { <p class="ziar-empty">{site.msgs.t("empty")}</p> })}
        <div class="ziar-cards">
            <For each=move || first.posts.clone() key=|p| p.id.clone() let(post)>
                <PostCard eager=above_fold.contains(&post.id) post/>
            </For>
            <For each=extra key=|p| p.id.clone() let(post)>
                <PostCard post/>
            </For>
        </div>
        {move || more_error.get().map(|e| view! { <ErrorView error=e msgs=msgs.clone() retry=retry_more/> })}
        <Show when=move || has_more.get() && more_error.with(Option::is_none)>
            <button type="button" class="ziar-more" on:click={
                let load_more = load_more.clone();
                move |_| load_more()
            } disabled=move || loading.get()>
                {use_site().msgs.t("load_more")}
            </button>
        </Show>
    }
}
