//! The static app's root: reads `config.json`, then mounts the shared
//! [`Shell`](crate::components::shell::Shell). A bad config is shown on the page (in the
//! browser's language) rather than leaving it blank.

use super::error_view::ErrorView;
use super::shell::Shell;
use super::{Site, SiteCtx};
use crate::i18n::Messages;
use crate::web::{self, api, intl};
use leptos::prelude::*;
use std::sync::Arc;

/// Root component: nothing renders until the config is read.
#[component]
pub fn App() -> impl IntoView {
    web::mark("app");
    let config = LocalResource::new(api::load_config);
    let retry = Callback::new(move |_| config.refetch());
    view! {
        <Suspense fallback=|| view! { <p class="ziar-loading" role="status">"…"</p> }>
            {move || Suspend::new(async move {
                let loaded = config.await;
                web::mark("config");
                match loaded {
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
                        // No config to name the site or its language: the
                        // browser's, and the frame the reader knows, with a
                        // Retry that reads config.json again.
                        let msgs = Messages::for_locale(&web::browser_language());
                        let lang = msgs.locale().to_owned();
                        web::head::set_document_lang(&lang, intl::direction(&lang));
                        view! {
                            <header class="ziar-header">
                                <div class="ziar-header-inner">
                                    <span class="ziar-brand"><span>"Ziar"</span></span>
                                </div>
                            </header>
                            <main id="main" class="ziar-main">
                                <ErrorView error=e msgs retry heading=1/>
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
