//! One post in a list: image, category, title link, excerpt, time.

use super::link::AppLink;
use super::rel_time::RelTime;
use super::use_site;
use crate::model::Post;
use crate::text::excerpt;
use leptos::prelude::*;

/// A list entry on the home and category pages. `eager` for the first cards,
/// whose images are above the fold; the rest load lazily.
#[component]
pub fn PostCard(post: Post, #[prop(optional)] eager: bool) -> impl IntoView {
    let site = use_site();
    let href = crate::web::app_href(&format!("/articol/{}", post.route_key()));
    let summary = excerpt(&post.excerpt, site.cfg.excerpt_chars * 2);
    let category = post.categories.first().filter(|c| !c.name.is_empty()).cloned();
    let image = post.image.clone().map(|img| {
        view! {
            <img class="ziar-card-img" src=img.url alt=img.alt width=img.width.unwrap_or(1200) height=img.height.unwrap_or(675)
                loading=if eager { "eager" } else { "lazy" } decoding="async" srcset=img.srcset sizes="(max-width: 700px) 100vw, 320px"/>
        }
    });
    let title = post.title.clone();
    let byline = post.byline();
    // The post's own language on its text, when the source gives one.
    let lang = post.content_lang();
    view! {
        <article class="ziar-card">
            {image}
            <div class="ziar-card-body">
                {category.map(|c| view! { <p class="ziar-label">{c.name}</p> })}
                <h2 class="ziar-card-title" lang=lang.clone() dir="auto"><AppLink href=href>{title}</AppLink></h2>
                <p class="ziar-card-excerpt" lang=lang dir="auto">{summary}</p>
                <p class="ziar-meta">{byline}{post.published.map(|_| " · ")} <RelTime at=post.published/></p>
            </div>
        </article>
    }
}
