//! The article page: category, headline, byline, dates, image, body, tags, and
//! the slots for the share bar and the follow-us block.

use super::error_view::ErrorView;
use super::html_body::HtmlBody;
use super::link::AppLink;
use super::not_found::NotFound;
use super::rel_time::RelTime;
use super::router::use_slug;
use super::shell::error_fallback;
use super::skeleton::ArticleSkeleton;
use super::{first_then, is_embedded, take_preloaded, use_site};
use crate::error::AppError;
use crate::model::Post;
use crate::paths::PageKind;
use crate::preload::PageData;
use crate::sanitize::Policy;
use crate::text::{excerpt, html_to_text, reading_minutes};
use crate::web::intl;
use crate::web::sanitize_dom::page_origin;
use leptos::prelude::*;

/// The article of the current `/articol/<slug>`.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let slug = use_slug(PageKind::Article);
    let first_slug = slug.get_untracked();
    let preloaded =
        take_preloaded(|p| matches!(p, PageData::Article { slug, .. } if *slug == first_slug)).and_then(|p| match p {
            PageData::Article { post, .. } => Some(post),
            _ => None,
        });
    match preloaded {
        Some(post) => first_then(
            slug,
            move |retry| found_view(post.clone(), retry),
            move || view! { <ArticleLoader slug/> },
        )
        .into_any(),
        None => view! { <ArticleLoader slug/> }.into_any(),
    }
}

/// What an article lookup found: the article, the not-found page, or the
/// error (with its Retry) as the page's title.
fn found_view(post: Result<Option<Post>, AppError>, retry: Callback<()>) -> AnyView {
    match post {
        Ok(Some(p)) => view! { <ArticleView post=p/> }.into_any(),
        Ok(None) => view! { <NotFound/> }.into_any(),
        Err(error) => view! { <ErrorView error msgs=use_site().msgs.clone() retry heading=1/> }.into_any(),
    }
}

/// Loads one post by slug in the browser, refetching when the slug changes.
#[component]
fn ArticleLoader(slug: Memo<String>) -> impl IntoView {
    let site = use_site();
    let api = site.api.clone();
    let post = LocalResource::new(move || {
        let slug = slug.get();
        let api = api.clone();
        async move {
            crate::web::mark("article-fetch");
            // Started by the app as soon as the config was read (web::prefetch).
            let post = match crate::web::prefetch::take(&slug).await {
                Some(found) => found,
                None => api.by_slug(&slug).await,
            };
            crate::web::mark("article-data");
            // Reading and parsing the answer was one task; rendering it is the next.
            crate::web::timer::next_task().await;
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
                    post.map(|found| found_view(Ok(found), retry))
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

/// Head tags for one article (`crate::meta`), removed when the article shown
/// changes. (The title is set with the first half of the view: a background
/// tab shows it before anything paints.)
fn add_article_tags(post: &Post, site_name: &str) {
    let description = excerpt(&post.excerpt, 160);
    crate::web::head::add_tags(crate::meta::article_tags(post, site_name, &description));
    crate::web::head::add_json_ld(|| crate::meta::news_article_json_ld(post, site_name, &description));
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
    if !embedded {
        crate::web::head::set_title(&site.cfg.site_name, &post.title);
    }
    // What the reader needs first (headline, byline, image, body) renders now;
    // the rest (meta tags, tags, share bar, follow-us) after that has painted,
    // so neither task blocks the main thread for long on a slow phone.
    let rest = RwSignal::new(false);
    crate::web::timer::after_paint(move || {
        let _ = rest.try_set(true);
    });
    let (lang, dir) = content_lang_dir(post.content_lang());
    let category = post.categories.first().filter(|c| !c.name.is_empty()).cloned();
    let minutes = reading_minutes(&html_to_text(&post.content_html));
    let updated = post.updated();
    let image = post.image.clone();
    // Links to other posts of the site open in the app; a widget's leave for the site.
    let post_links = (!embedded).then(|| {
        crate::sanitize::PostLinks::new(
            site.api.url(),
            &post,
            crate::web::absolute_url(&crate::web::app_href("/articol/")),
        )
    });
    // "Read the original" only when the canonical URL is on another site.
    let original = post.url.clone().filter(|u| {
        Policy {
            page_origin: page_origin(),
            ..Default::default()
        }
        .is_external(u)
            && (u.starts_with("https://") || u.starts_with("http://"))
    });
    // The byline, dates and reading time, type-erased: nested in the article's
    // view type they overflow the compiler's query depth.
    let meta = view! {
                <p class="ziar-meta">
            {post.byline().map(|_| view! { <span class="ziar-byline">{m.t("published_by")} " " <super::byline::Byline authors=post.authors.clone()/></span> " · " })}
            {post.published.map(|t| view! {
                <span class="ziar-date">
                    <time datetime=t.to_rfc3339()>{intl::absolute(t, &site.locale, site.cfg.time_zone.as_deref())}</time>
                    " (" <RelTime at=t/> ")"
                </span>
                " · "
            })}
            {updated.map(|u| view! {
                <span class="ziar-updated">
                    {m.t("updated_on")} " " <time datetime=u.to_rfc3339()>{intl::absolute(u, &site.locale, site.cfg.time_zone.as_deref())}</time>
                    " (" <RelTime at=u/> ")"
                </span>
                " · "
            })}
            <span class="ziar-reading">{m.t_with("reading_time", &[("n", &minutes.to_string())])}</span>
        </p>
    }
    .into_any();
    view! {
        <article class="ziar-article" part="article">
            <header>
                {category.map(|c| {
                    let href = crate::web::app_href(&format!("/categorie/{}", c.slug.clone().unwrap_or_default()));
                    if embedded {
                        view! { <p class="ziar-label">{c.name}</p> }.into_any()
                    } else {
                        view! { <p class="ziar-label"><AppLink href=href>{c.name}</AppLink></p> }.into_any()
                    }
                })}
                <h1 class="ziar-headline" part="headline" lang=lang.clone() dir=dir>{post.title.clone()}</h1>
                {meta}
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
                <HtmlBody html=post.content_html.clone() own_url=post.url.clone() posts=post_links/>
            </div>
            {move || rest.get().then(|| article_rest(&post, lang.clone(), dir, original.clone()).into_any())}
        </article>
    }
}

/// The article's second half, rendered a task after the first: its meta tags
/// (removed with it), tags, "read the original", share bar and follow-us block.
fn article_rest(post: &Post, lang: Option<String>, dir: &'static str, original: Option<String>) -> impl IntoView {
    let site = use_site();
    let m = &site.msgs;
    if !is_embedded() {
        add_article_tags(post, &site.cfg.site_name);
    }
    let target = Some(site.cfg.link_target.clone()).filter(|t| !t.is_empty());
    view! {
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
            <super::share_bar::ShareBar title=post.title.clone() url=site.cfg.share.shared_url(post.url.as_deref(), crate::web::share::page_url)/>
        </div>
        <div class="ziar-article-follow">
            <super::follow_us::FollowUs/>
        </div>
    }
}
