//! The friendly not-found page.

use super::link::AppLink;
use super::use_site;
use leptos::prelude::*;

/// Shown for unknown routes and for slugs the API doesn't know.
#[component]
pub fn NotFound() -> impl IntoView {
    let site = use_site();
    let m = site.msgs.clone();
    crate::web::head::set_title(&site.cfg.site_name, &m.t("not_found_title"));
    view! {
        <section class="ziar-notfound">
            <h1>{m.t("not_found_title")}</h1>
            <p>{m.t("not_found_body")}</p>
            <p><AppLink href=crate::web::app_href("/")>{m.t("back_home")}</AppLink></p>
        </section>
    }
}
