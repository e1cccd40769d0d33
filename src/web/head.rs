//! The document head: `<html lang dir>`, the title and a page's meta tags,
//! set directly rather than through leptos_meta (about 8 KB brotli for what is
//! here a handful of attribute writes; `bench/floor.sh` style measurement).
//! Widgets never call these: a host page's head is not ours.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// `<html lang dir>`: the interface's language and direction.
pub fn set_document_lang(lang: &str, dir: &str) {
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang);
        let _ = html.set_attribute("dir", dir);
    }
}

/// The title of a page: "`text` – `site`", or the site's name alone for the home page.
pub fn set_title(site: &str, text: &str) {
    document().set_title(&crate::meta::page_title(site, text));
}

/// Adds `<meta>`/`<link>` elements to `<head>` (`(tag, [(attr, value); 2])`),
/// removed again when the calling owner is cleaned up (the page, or the article
/// shown, changes).
pub fn add_tags(tags: Vec<(&'static str, [(&'static str, String); 2])>) {
    let doc = document();
    let Some(head) = doc.head() else { return };
    drop_server_tags();
    let mut added = Vec::with_capacity(tags.len());
    for (tag, attrs) in tags {
        let Ok(el) = doc.create_element(tag) else { continue };
        for (name, value) in &attrs {
            let _ = el.set_attribute(name, value);
        }
        if head.append_child(&el).is_ok() {
            added.push(el);
        }
    }
    remove_with_owner(added);
}

/// Adds a JSON-LD document (`<script type="application/ld+json">`: data,
/// never executed, so the CSP has nothing to say about it). Only in server
/// mode, whose pages crawlers read: the static app leaves `json` unbuilt and
/// its serializer out of the wasm (about 10 KB brotli).
#[cfg(ziar_server_data)]
pub fn add_json_ld(json: impl FnOnce() -> String) {
    let json = json();
    let doc = document();
    let Some(head) = doc.head() else { return };
    drop_server_tags();
    let Ok(el) = doc.create_element("script") else { return };
    let _ = el.set_attribute("type", "application/ld+json");
    el.set_text_content(Some(&json));
    if head.append_child(&el).is_ok() {
        remove_with_owner(vec![el]);
    }
}

/// See the other `add_json_ld`.
#[cfg(not(ziar_server_data))]
pub fn add_json_ld(_json: impl FnOnce() -> String) {}

fn remove_with_owner(added: Vec<web_sys::Element>) {
    let added = SendWrapper::new(added);
    on_cleanup(move || added.iter().for_each(|el| el.remove()));
}

/// The page's own tags from ziar-server (`data-ziar-head`) give way to the
/// app's the first time it sets any: the same tags, now owned by the page
/// shown, so they leave with it.
fn drop_server_tags() {
    thread_local! {
        static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    if let Ok(list) = document().query_selector_all("head [data-ziar-head]") {
        for i in 0..list.length() {
            if let Some(el) = list
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                el.remove();
            }
        }
    }
}
