//! The "Recent Posts" sidebar: newest first, excerpt cut with "…", relative time.

use super::app::error_fallback;
use super::rel_time::RelTime;
use super::use_site;
use crate::text::excerpt;
use leptos::prelude::*;
use leptos_router::components::A;

/// The sidebar list; fetches its own `recent_count` items.
#[component]
pub fn RecentPosts() -> impl IntoView {
    let site = use_site();
    let count = site.cfg.recent_count;
    let chars = site.cfg.excerpt_chars;
    let api = site.api.clone();
    let recent = LocalResource::new(move || {
        let api = api.clone();
        async move { api.latest(1, count).await }
    });
    let loading = site.msgs.t("loading");
    view! {
        <aside class="ziar-recent" aria-labelledby="ziar-recent-h">
            <h2 id="ziar-recent-h">{site.msgs.t("recent_posts")}</h2>
            <Transition fallback=move || view! { <p class="ziar-loading" role="status">{loading.clone()}</p> }>
                <ErrorBoundary fallback=error_fallback>
                    {move || Suspend::new(async move {
                        recent.await.map(|page| {
                            let mut posts = page.posts;
                            posts.truncate(count);
                            view! {
                                <ol class="ziar-recent-list">
                                    <For each=move || posts.clone() key=|p| p.id.clone() let(post)>
                                        <li class="ziar-recent-item">
                                            <A href=format!("/articol/{}", post.route_key()) attr:class="ziar-recent-title">
                                                {post.title.clone()}
                                            </A>
                                            <p class="ziar-recent-excerpt">{excerpt(&post.excerpt, chars)}</p>
                                            <RelTime at=post.published/>
                                        </li>
                                    </For>
                                </ol>
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </aside>
    }
}
