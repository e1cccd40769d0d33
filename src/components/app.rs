//! The application shell: loads `config.json`, provides context, routes.

use super::article::ArticlePage;
use super::category::CategoryPage;
use super::error_view::ErrorView;
use super::home::HomePage;
use super::link::AppLink;
use super::not_found::NotFound;
use super::recent_posts::RecentPosts;
use super::router::{use_page_kind, Router};
use super::{Site, SiteCtx};
use crate::error::AppError;
use crate::i18n::Messages;
use crate::paths::PageKind;
use crate::web::{self, api, intl};
use leptos::prelude::*;
use std::sync::Arc;

/// Root component: nothing renders until the config is read, and a bad config is
/// shown on the page (in the browser's language) rather than leaving it blank.
#[component]
pub fn App() -> impl IntoView {
    web::mark("app");
    let config = LocalResource::new(api::load_config);
    view! {
        <Suspense fallback=|| view! { <p class="ziar-loading" role="status">"…"</p> }>
            {move || Suspend::new(async move {
                let config = config.await;
                web::mark("config");
                match config {
                    Ok(cfg) => {
                        let site: SiteCtx = Arc::new(Site::new(cfg));
                        // An article page: its request goes out now, before the
                        // shell is built, rather than after it.
                        if let Some(slug) = current_article_slug() {
                            web::prefetch::start(site.api.clone(), slug);
                            web::prefetch::yield_now().await;
                        }
                        view! { <Shell site/> }.into_any()
                    }
                    Err(e) => {
                        let msgs = Messages::for_locale(&browser_language());
                        let lang = msgs.locale().to_owned();
                        web::head::set_document_lang(&lang, intl::direction(&lang));
                        view! {
                            <main id="main" class="ziar-main">
                                <ErrorView error=e msgs heading=1/>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The slug when the page was opened on an article, as the router will read it.
fn current_article_slug() -> Option<String> {
    let path = web::history::current_path();
    match crate::paths::page_for(&web::router_base(), &path, web::history::decode_segment) {
        crate::paths::Page::Article(slug) => Some(slug),
        _ => None,
    }
}

fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into())
}

#[component]
fn Shell(site: SiteCtx) -> impl IntoView {
    web::mark("shell");
    provide_context(site.clone());
    let (clock, newest) = super::clock::start_shared_clock();
    provide_context(clock);
    provide_context(newest);
    provide_context(super::SidebarGate::new());

    super::scroll::install_scroll_restoration();
    Effect::new(|_| web::mark("shell-mounted"));
    // Once the shell is on screen, while the page's first request is in flight.
    let warm_locale = site.locale.clone();
    let _ = web::timer::Timeout::new(0, move || intl::warm(&warm_locale));
    web::theme::apply(&site.cfg);
    let m = site.msgs.clone();
    // `<html lang>` is the UI locale (the messages actually shown); content in
    // another language carries its own `lang` on its elements.
    let lang = site.msgs.locale().to_owned();
    let dir = intl::direction(&site.locale);
    web::head::set_document_lang(&lang, dir);
    let site_name = site.cfg.site_name.clone();
    let home_label = m.t("home");
    // The logo is decorative next to the site name, which is the link's text.
    let logo = site
        .cfg
        .logo
        .clone()
        .map(|src| view! { <img class="ziar-logo" src=web::absolute_url(src.trim()) alt="" height="40"/> });
    view! {
        <Router base=web::router_base()>
            <a class="ziar-skip" href="#main" on:click=|ev| jump_to(ev, "main")>{m.t("skip_to_content")}</a>
            <header class="ziar-header">
                <div class="ziar-header-inner">
                    <AppLink href=web::app_href("/") attr:class="ziar-brand">{logo}<span>{site_name}</span></AppLink>
                    <nav class="ziar-nav" aria-label=m.t("nav_label")>
                        <ul>
                            <li><AppLink href=web::app_href("/") exact=true>{home_label}</AppLink></li>
                            <li><a href="#ziar-recent" on:click=|ev| jump_to(ev, "ziar-recent")>{m.t("recent_posts")}</a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <div class="ziar-layout">
                <main id="main" class="ziar-main" tabindex="-1">
                    <Pages/>
                </main>
                <RecentPosts/>
            </div>
            <footer class="ziar-footer">
                <p>{site.cfg.site_name.clone()} " · " {m.t("powered_by")}</p>
            </footer>
        </Router>
    }
}

/// The page for the location; remounted only when the kind of page changes
/// (one article to another keeps the article page, which refetches).
#[component]
fn Pages() -> impl IntoView {
    let kind = use_page_kind();
    move || match kind.get() {
        PageKind::Home => view! { <HomePage/> }.into_any(),
        PageKind::Article => view! { <ArticlePage/> }.into_any(),
        PageKind::Category => view! { <CategoryPage/> }.into_any(),
        PageKind::NotFound => view! { <NotFound/> }.into_any(),
    }
}

/// In-page links (skip link, "Recent posts"): focus the target and scroll to it
/// ourselves. Left to the browser, `href="#main"` resolves against `<base href>`
/// and would leave an article page under a subpath; the router would not move
/// focus either.
fn jump_to(ev: web_sys::MouseEvent, id: &str) {
    ev.prevent_default();
    if let Some(el) = document().get_element_by_id(id) {
        web::jump_to(el);
    }
}

/// The `<ErrorBoundary>` fallback of a route: the error, typed to the UI, with a
/// Retry button that runs `retry` (the route's resource `refetch`). `page_title`:
/// the error's title is the page's one `h1` (article, category), else an `h2`.
pub fn error_fallback(
    retry: Callback<()>,
    page_title: bool,
) -> impl FnMut(ArcRwSignal<Errors>) -> AnyView + Send + 'static {
    move |errors| error_list(errors, retry, page_title).into_any()
}

fn error_list(errors: ArcRwSignal<Errors>, retry: Callback<()>, page_title: bool) -> impl IntoView {
    let site = super::use_site();
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let app_error = e
                    .downcast_ref::<AppError>()
                    .cloned()
                    .unwrap_or_else(|| AppError::config_text(e.to_string()));
                view! { <ErrorView error=app_error msgs=site.msgs.clone() retry heading=if page_title { 1 } else { 2 }/> }
            })
            .collect_view()
    }
}
