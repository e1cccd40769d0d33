//! The application shell: loads `config.json`, provides context, routes.

use super::article::ArticlePage;
use super::category::CategoryPage;
use super::error_view::ErrorView;
use super::home::HomePage;
use super::not_found::NotFound;
use super::recent_posts::RecentPosts;
use super::{Site, SiteCtx};
use crate::error::AppError;
use crate::i18n::Messages;
use crate::web::{self, api, intl};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;
use std::sync::Arc;

/// Root component: nothing renders until the config is read, and a bad config is
/// shown on the page (in the browser's language) rather than leaving it blank.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let config = LocalResource::new(api::load_config);
    view! {
        <Suspense fallback=|| view! { <p class="ziar-loading" role="status">"…"</p> }>
            {move || Suspend::new(async move {
                match config.await {
                    Ok(cfg) => {
                        let msgs = Messages::for_locale(&cfg.locale);
                        let locale = intl::canonical_locale(&cfg.locale);
                        let site: SiteCtx = Arc::new(Site { api: api::Api::new(&cfg), msgs, locale, cfg });
                        view! { <Shell site/> }.into_any()
                    }
                    Err(e) => {
                        let msgs = Messages::for_locale(&browser_language());
                        view! {
                            <main id="main" class="ziar-main">
                                <ErrorView error=e msgs/>
                            </main>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn browser_language() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into())
}

#[component]
fn Shell(site: SiteCtx) -> impl IntoView {
    provide_context(site.clone());
    let (clock, newest) = super::clock::start_shared_clock();
    provide_context(clock);
    provide_context(newest);

    super::scroll::install_scroll_restoration();
    let m = site.msgs.clone();
    let lang = site.msgs.locale().to_owned();
    let site_name = site.cfg.site_name.clone();
    let title_suffix = site_name.clone();
    view! {
        <Html attr:lang=lang/>
        <Title formatter=move |t: String| if t.is_empty() { title_suffix.clone() } else { format!("{t} – {title_suffix}") }/>
        <Router base=web::router_base()>
            <a class="ziar-skip" href="#main">{m.t("skip_to_content")}</a>
            <header class="ziar-header">
                <A href=web::app_href("/") attr:class="ziar-brand">{site_name}</A>
            </header>
            <div class="ziar-layout">
                <main id="main" class="ziar-main" tabindex="-1">
                    <Routes fallback=|| view! { <NotFound/> }>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/articol/:slug") view=ArticlePage/>
                        <Route path=path!("/categorie/:slug") view=CategoryPage/>
                    </Routes>
                </main>
                <RecentPosts/>
            </div>
            <footer class="ziar-footer">
                <p>{site.cfg.site_name.clone()} " · Ziar"</p>
            </footer>
        </Router>
    }
}

/// The `<ErrorBoundary>` fallback of a route: the error, typed to the UI, with a
/// Retry button that runs `retry` (the route's resource `refetch`).
pub fn error_fallback(retry: Callback<()>) -> impl FnMut(ArcRwSignal<Errors>) -> AnyView + Send + 'static {
    move |errors| error_list(errors, retry).into_any()
}

fn error_list(errors: ArcRwSignal<Errors>, retry: Callback<()>) -> impl IntoView {
    let site = super::use_site();
    move || {
        errors
            .get()
            .into_iter()
            .map(|(_, e)| {
                let app_error = e
                    .downcast_ref::<AppError>()
                    .cloned()
                    .unwrap_or_else(|| AppError::Config(e.to_string()));
                view! { <ErrorView error=app_error msgs=site.msgs.clone() retry/> }
            })
            .collect_view()
    }
}
