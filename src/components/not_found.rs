//! The friendly not-found page.

use super::link::AppLink;
use super::use_site;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for unknown routes and for slugs the API doesn't know.
#[component]
pub fn NotFound() -> impl IntoView {
    let m = use_site().msgs.clone();
    view! {
        <Title text=m.t("not_found_title")/>
        <section class="ziar-notfound">
            <h1>{m.t("not_found_title")}</h1>
            <p>{m.t("not_found_body")}</p>
            <p><AppLink href=crate::web::app_href("/")>{m.t("back_home")}</AppLink></p>
        </section>
    }
}
