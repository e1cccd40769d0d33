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
    leptos::mount::hydrate_body(move || {
        provide_context(Preloaded::new(preload));
        let site: SiteCtx = Arc::new(Site::new(cfg));
        view! { <Shell site/> }
    });
    super::mark("hydrated");
    true
}
