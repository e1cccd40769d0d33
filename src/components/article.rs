//! The article page: category, headline, byline, dates, image, body, tags, and
//! the slots for the share bar and the follow-us block.

use super::app::error_fallback;
use super::html_body::HtmlBody;
use super::not_found::NotFound;
use super::rel_time::RelTime;
use super::skeleton::ArticleSkeleton;
use super::{is_embedded, use_site};
use crate::model::Post;
use crate::sanitize::Policy;
use crate::text::{excerpt, html_to_text, reading_minutes};
use crate::web::intl;
use crate::web::sanitize_dom::page_origin;
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
        async move {
            crate::web::mark("article-fetch");
            // Started by the app as soon as the config was read (web::prefetch).
            let post = match crate::web::prefetch::take(&slug).await {
                Some(found) => found,
                None => api.by_slug(&slug).await,
            };
            crate::web::mark("article-data");
            post
        }
    });
    let retry = Callback::new(move |_| post.refetch());
    // The article first: the sidebar's list waits until it has painted.
    let gate = use_context::<super::SidebarGate>();
    if let Some(g) = gate {
        g.hold();
        on_cleanup(move || g.open_after_paint());
    }
    view! {
        <Transition fallback=|| view! { <ArticleSkeleton/> }>
            <ErrorBoundary fallback=error_fallback(retry, true)>
                {move || Suspend::new(async move {
                    let post = post.await;
                    if let Some(g) = gate {
                        g.open_after_paint();
                    }
                    post.map(|found| match found {
                        Some(p) => view! { <ArticleView post=p/> }.into_any(),
                        None => view! { <NotFound/> }.into_any(),
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// `lang` and `dir` for the article's own text (headline, image, body, tags):
/// the source's `language` when it gives one, with its direction; otherwise no
/// `lang` (the page's applies) and `dir="auto"`, so text in an unknown script
/// still runs its own way. UI strings around it stay in the page's locale.
fn content_lang_dir(lang: Option<String>) -> (Option<String>, &'static str) {
    match lang {
        Some(l) => {
            let dir = intl::direction(&l);
            (Some(l), dir)
        }
        None => (None, "auto"),
    }
}

/// Head tags for one article: title, description, canonical, Open Graph and Twitter.
#[component]
fn ArticleHead(post: Post, site_name: String) -> impl IntoView {
    let description = excerpt(&post.excerpt, 160);
    let image = post.image.as_ref().map(|i| (i.url.clone(), i.alt.clone()));
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    let published = post.published.to_rfc3339();
    let modified = post.modified.to_rfc3339();
    view! {
        <Title text=post.title.clone()/>
        <Meta name="description" content=description.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:site_name" content=site_name/>
        <Meta property="og:title" content=post.title.clone()/>
        <Meta property="og:description" content=description.clone()/>
        <Meta property="article:published_time" content=published/>
        <Meta property="article:modified_time" content=modified/>
        <Meta name="twitter:card" content=card/>
        <Meta name="twitter:title" content=post.title.clone()/>
        <Meta name="twitter:description" content=description/>
        {post.url.clone().map(|u| view! { <Link rel="canonical" href=u.clone()/> <Meta property="og:url" content=u/> })}
        {image.map(|(url, alt)| view! {
            <Meta property="og:image" content=url.clone()/>
            <Meta name="twitter:image" content=url/>
            <Meta name="twitter:image:alt" content=alt/>
        })}
    }
}

/// Renders a loaded post.
#[component]
pub fn ArticleView(post: Post) -> impl IntoView {
    crate::web::mark("article-view");
    let site = use_site();
    let m = &site.msgs;
    // A widget never touches the host page's <head> or <html lang>; the
    // article's own elements carry `lang`/`dir` (content_lang_dir).
    let embedded = is_embedded();
    let (lang, dir) = content_lang_dir(post.content_lang());
    let category = post.categories.first().filter(|c| !c.name.is_empty()).cloned();
    let minutes = reading_minutes(&html_to_text(&post.content_html));
    let updated = (post.modified.0 - post.published.0 > 60_000).then_some(post.modified);
    let image = post.image.clone();
    // "Read the original" only when the canonical URL is on another site.
    let original = post.url.clone().filter(|u| {
        Policy {
            page_origin: page_origin(),
            ..Default::default()
        }
        .is_external(u)
            && (u.starts_with("https://") || u.starts_with("http://"))
    });
    let target = Some(site.cfg.link_target.clone()).filter(|t| !t.is_empty());
    view! {
        {(!embedded).then(|| view! { <ArticleHead post=post.clone() site_name=site.cfg.site_name.clone()/> })}
        <article class="ziar-article" part="article">
            <header>
                {category.map(|c| {
                    let href = crate::web::app_href(&format!("/categorie/{}", c.slug.clone().unwrap_or_default()));
                    if embedded {
                        view! { <p class="ziar-label">{c.name}</p> }.into_any()
                    } else {
                        view! { <p class="ziar-label"><A href=href>{c.name}</A></p> }.into_any()
                    }
                })}
                <h1 class="ziar-headline" part="headline" lang=lang.clone() dir=dir>{post.title.clone()}</h1>
                <p class="ziar-meta">
                    {post.byline().map(|_| view! { <span class="ziar-byline">{m.t("published_by")} " " <super::byline::Byline authors=post.authors.clone()/></span> " · " })}
                    <span class="ziar-date">
                        <time datetime=post.published.to_rfc3339()>{intl::absolute(post.published, &site.locale)}</time>
                        " (" <RelTime at=post.published/> ")"
                    </span>
                    {updated.map(|u| view! {
                        " · "
                        <span class="ziar-updated">
                            {m.t("updated_on")} " " <time datetime=u.to_rfc3339()>{intl::absolute(u, &site.locale)}</time>
                            " (" <RelTime at=u/> ")"
                        </span>
                    })}
                    " · " <span class="ziar-reading">{m.t_with("reading_time", &[("n", &minutes.to_string())])}</span>
                </p>
            </header>
            {image.map(|img| view! {
                <figure class="ziar-hero" lang=lang.clone() dir=dir>
                    // Above the fold: loaded eagerly; width/height reserve its box (no layout shift).
                    <img src=img.url alt=img.alt width=img.width.unwrap_or(1200) height=img.height.unwrap_or(675)
                        srcset=img.srcset sizes="(max-width: 800px) 100vw, 760px" fetchpriority="high" decoding="async"/>
                    {img.caption.map(|c| view! { <figcaption>{c}</figcaption> })}
                </figure>
            })}
            <div class="ziar-content" lang=lang.clone() dir=dir>
                <HtmlBody html=post.content_html.clone()/>
            </div>
            {(!post.tags.is_empty()).then(|| view! {
                <p class="ziar-tags">{m.t("tags")} ": "
                    {post.tags.iter().map(|t| view! { <span class="ziar-tag" lang=lang.clone() dir=dir>{t.name.clone()}</span> " " }).collect_view()}
                </p>
            })}
            {original.map(|u| view! {
                <p class="ziar-original">
                    <a href=u rel="noopener noreferrer" target=target>{m.t("read_original")}</a>
                </p>
            })}
            <div class="ziar-article-share">
                <super::share_bar::ShareBar title=post.title.clone() url=post.url.clone().unwrap_or_else(crate::web::share::page_url)/>
            </div>
            <div class="ziar-article-follow">
                <super::follow_us::FollowUs/>
            </div>
        </article>
    }
}
