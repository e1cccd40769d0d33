//! The page frame every mode shares: header, the routed page, Recent Posts,
//! footer. The static app mounts it once `config.json` is read
//! (`app::App`); ziar-server renders it to HTML and the browser hydrates it.

use super::article::ArticlePage;
use super::author::AuthorPage;
use super::category::CategoryPage;
use super::error_view::ErrorView;
use super::home::HomePage;
use super::link::AppLink;
use super::not_found::NotFound;
use super::recent_posts::RecentPosts;
use super::router::{use_page_kind, CurrentPath, Router};
use super::{Ids, Preloaded, SiteCtx};
use crate::error::AppError;
use crate::paths::PageKind;
use crate::web::{self, intl};
use leptos::prelude::*;

/// The frame for `site`, providing the context every component reads.
#[component]
pub fn Shell(site: SiteCtx) -> impl IntoView {
    web::mark("shell");
    provide_context(site.clone());
    provide_context(Ids::default());
    let (clock, newest) = super::start_shared_clock();
    provide_context(clock);
    provide_context(newest);
    provide_context(super::SidebarGate::new());
    let stale = use_context::<Preloaded>().is_some_and(|p| p.stale);

    web::scroll::install_scroll_restoration();
    Effect::new(|_| web::mark("shell-mounted"));
    // Once the shell is on screen, while the page's first request is in flight.
    let (warm_locale, warm_zone) = (site.locale.clone(), site.cfg.time_zone.clone());
    let _ = web::timer::Timeout::new(0, move || intl::warm(&warm_locale, warm_zone.as_deref()));
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
            <a class="ziar-skip" href=here("#main") on:click=|ev| web::jump_to(ev, "main")>{m.t("skip_to_content")}</a>
            <header class="ziar-header">
                <div class="ziar-header-inner">
                    <AppLink href=web::app_href("/") attr:class="ziar-brand">{logo}<span>{site_name}</span></AppLink>
                    <nav class="ziar-nav" aria-label=m.t("nav_label")>
                        <ul>
                            <li><AppLink href=web::app_href("/") exact=true>{home_label}</AppLink></li>
                            <li><a href=here("#ziar-recent") on:click=|ev| web::jump_to(ev, "ziar-recent")>{m.t("recent_posts")}</a></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <div class="ziar-layout">
                <main id="main" class="ziar-main" tabindex="-1">
                    {stale.then(|| view! { <p class="ziar-stale" role="status">{m.t("stale_note")}</p> })}
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

/// A link to `fragment` on the page showing. A bare `#main` would resolve
/// against `<base href>` (the site's root) and leave an article; the click
/// handler jumps in place, and without JavaScript this full URL of the same
/// page does.
fn here(fragment: &'static str) -> impl Fn() -> String + Send + Sync + 'static {
    let path = use_context::<CurrentPath>().map(|p| p.0);
    move || {
        let path = path.map(|p| p.get()).unwrap_or_default();
        format!("{}{fragment}", crate::endpoints::encode_path(&path))
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
        PageKind::Author => view! { <AuthorPage/> }.into_any(),
        PageKind::NotFound => view! { <NotFound/> }.into_any(),
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
