//! The browser side of a page ziar-server rendered: read the data it was
//! rendered with (`crate::preload`, a JSON data block in `<head>`) and
//! hydrate the server's HTML with the same components, instead of building
//! the page again.

use crate::components::shell::Shell;
use crate::components::{Preloaded, Site, SiteCtx};
use crate::preload::{Preload, ELEMENT_ID};
use leptos::prelude::*;
use std::sync::Arc;

/// Hydrates the page when it carries a server render's data; `false` when it
/// carries none (then the caller mounts the static app).
pub fn hydrate() -> bool {
    let doc = document();
    let Some(text) = doc.get_element_by_id(ELEMENT_ID).and_then(|e| e.text_content()) else {
        return false;
    };
    let Some(preload) = Preload::from_block(&text) else {
        web_sys::console::error_1(&"Ziar: the page's server data could not be read; rendering afresh".into());
        return false;
    };
    let cfg = preload.config.clone();
    // The page's first `Intl` formatters load their locale data, tens of ms each
    // on a slow phone. Built in tasks of their own, they leave the hydration
    // task, which otherwise holds them both (the text is already on screen, so
    // hydrating a few ms later costs the reader nothing).
    let (locale, zone) = (super::intl::canonical_locale(&cfg.locale), cfg.time_zone.clone());
    let relative_locale = locale.clone();
    let now = super::now();
    run_in_tasks(vec![
        Box::new(move || {
            let _ = super::intl::absolute(now, &locale, zone.as_deref());
        }),
        Box::new(move || {
            let _ = super::intl::relative(now, now, &relative_locale);
        }),
        Box::new(move || {
            leptos::mount::hydrate_body(move || {
                provide_context(Preloaded::new(preload));
                let site: SiteCtx = Arc::new(Site::new(cfg));
                view! { <Shell site/> }
            });
            super::mark("hydrated");
        }),
    ]);
    true
}

/// Runs each step in a task of its own, in order.
fn run_in_tasks(mut steps: Vec<Box<dyn FnOnce()>>) {
    if steps.is_empty() {
        return;
    }
    let step = steps.remove(0);
    super::timer::Timeout::new(0, move || {
        step();
        run_in_tasks(steps);
    });
}
