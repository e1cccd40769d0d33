//! The document head on the server: what the components ask for is recorded
//! for this render, and ziar-server writes it into `<head>` and `<html>`.

/// Everything the page's components asked for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Head {
    /// The full `<title>` text.
    pub title: Option<String>,
    /// `<html lang>` and `dir`.
    pub lang: Option<(String, String)>,
    /// `<meta>`/`<link>` elements, in order.
    pub tags: Vec<(&'static str, Vec<(&'static str, String)>)>,
    /// JSON-LD documents (`<script type="application/ld+json">`, never executed).
    pub json_ld: Vec<String>,
    /// `data-ziar-theme` on `<html>`.
    pub theme: Option<&'static str>,
    /// The accent palette as CSS custom properties.
    pub accent: Option<String>,
}

fn with_head(f: impl FnOnce(&mut Head)) {
    let r = super::render();
    let mut head = r.head.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut head);
}

/// `<html lang dir>`: the interface's language and direction.
pub fn set_document_lang(lang: &str, dir: &str) {
    with_head(|h| h.lang = Some((lang.to_owned(), dir.to_owned())));
}

/// The title of a page: "`text` – `site`", or the site's name alone.
pub fn set_title(site: &str, text: &str) {
    with_head(|h| h.title = Some(crate::meta::page_title(site, text)));
}

/// `<meta>`/`<link>` elements for the head (`(tag, [(attr, value); 2])`).
pub fn add_tags(tags: Vec<(&'static str, [(&'static str, String); 2])>) {
    with_head(|h| {
        h.tags
            .extend(tags.into_iter().map(|(tag, attrs)| (tag, attrs.to_vec())))
    });
}

/// A JSON-LD document for the head (built by `json`).
pub fn add_json_ld(json: impl FnOnce() -> String) {
    let json = json();
    with_head(|h| h.json_ld.push(json));
}
