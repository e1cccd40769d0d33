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
    let title = if text.is_empty() {
        site.to_owned()
    } else {
        format!("{text} – {site}")
    };
    document().set_title(&title);
}

/// Adds `<meta>`/`<link>` elements to `<head>` (`(tag, [(attr, value); 2])`),
/// removed again when the calling owner is cleaned up (the page, or the article
/// shown, changes).
pub fn add_tags(tags: Vec<(&'static str, [(&'static str, String); 2])>) {
    let doc = document();
    let Some(head) = doc.head() else { return };
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
    let added = SendWrapper::new(added);
    on_cleanup(move || added.iter().for_each(|el| el.remove()));
}
