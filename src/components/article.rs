//! The article page: category, headline, byline, dates, image and body.

use super::app::error_fallback;
use super::html_body::HtmlBody;
use super::not_found::NotFound;
use super::rel_time::RelTime;
use super::use_site;
use crate::model::Post;
use crate::text::{html_to_text, reading_minutes};
use crate::web::intl;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Loads one post by the `:slug` route parameter.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let site = use_site();
    let params = use_params_map();
    let api = site.api.clone();
    let post = LocalResource::new(move || {
        let slug = params.with(|p| p.get("slug").unwrap_or_default());
        let api = api.clone();
        async move { api.by_slug(&slug).await }
    });
    let loading = site.msgs.t("loading");
    view! {
        <Transition fallback=move || view! { <p class="ziar-loading" role="status">{loading.clone()}</p> }>
            <ErrorBoundary fallback=error_fallback>
                {move || Suspend::new(async move {
                    post.await.map(|found| match found {
                        Some(p) => view! { <ArticleView post=p/> }.into_any(),
                        None => view! { <NotFound/> }.into_any(),
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// Renders a loaded post.
#[component]
pub fn ArticleView(post: Post) -> impl IntoView {
    let site = use_site();
    let m = &site.msgs;
    let category = post.categories.first().filter(|c| !c.name.is_empty()).cloned();
    let minutes = reading_minutes(&html_to_text(&post.content_html));
    let updated = (post.modified.0 - post.published.0 > 60_000).then_some(post.modified);
    let description = crate::text::excerpt(&post.excerpt, 160);
    let image = post.image.clone();
    view! {
        <Title text=post.title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=post.title.clone()/>
        <Meta property="og:description" content=description/>
        {post.url.clone().map(|u| view! { <Link rel="canonical" href=u.clone()/> <Meta property="og:url" content=u/> })}
        {image.as_ref().map(|i| view! { <Meta property="og:image" content=i.url.clone()/> })}
        <article class="ziar-article" lang=post.language.clone()>
            <header>
                {category.map(|c| {
                    let href = format!("/categorie/{}", c.slug.clone().unwrap_or_default());
                    view! { <p class="ziar-label"><A href=href>{c.name}</A></p> }
                })}
                <h1 class="ziar-headline">{post.title.clone()}</h1>
                <p class="ziar-meta">
                    {post.byline().map(|_| view! { <span class="ziar-byline">{m.t("published_by")} " " <super::byline::Byline authors=post.authors.clone()/></span> " · " })}
                    <span class="ziar-date">{intl::absolute(post.published, &site.locale)} " (" <RelTime at=post.published/> ")"</span>
                    {updated.map(|u| view! { " · " <span class="ziar-updated">{m.t("updated_on")} " " <RelTime at=u/></span> })}
                    " · " <span>{m.t_with("reading_time", &[("n", &minutes.to_string())])}</span>
                </p>
            </header>
            {image.map(|img| view! {
                <figure class="ziar-hero">
                    <img src=img.url alt=img.alt width=img.width.unwrap_or(1200) height=img.height.unwrap_or(675)
                        srcset=img.srcset sizes="(max-width: 800px) 100vw, 760px" fetchpriority="high"/>
                    {img.caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            })}
            <HtmlBody html=post.content_html.clone()/>
            {(!post.tags.is_empty()).then(|| view! {
                <p class="ziar-tags">{m.t("tags")} ": "
                    {post.tags.iter().map(|t| view! { <span class="ziar-tag">{t.name.clone()}</span> " " }).collect_view()}
                </p>
            })}
            // Share bar and follow-us block (issue 6).
            <super::share_bar::ShareBar title=post.title.clone() url=post.url.clone().unwrap_or_else(crate::web::share::page_url)/>
            <super::follow_us::FollowUs/>
        </article>
    }
}
