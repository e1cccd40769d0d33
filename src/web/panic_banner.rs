//! What the reader sees after a panic (a bug): a banner asking to reload.
//!
//! Built with plain DOM calls and no Rust callbacks, because after a panic the
//! wasm instance is gone (`panic = "abort"`); the reload link needs no script.

use crate::i18n::Messages;

/// The banner's element id.
pub const ID: &str = "ziar-panic";

/// Shows the banner once, in the page's language (`<html lang>`, else the
/// browser's). Every step tolerates failure: this runs inside the panic hook.
pub fn show() {
    let Some(window) = web_sys::window() else { return };
    let Some(doc) = window.document() else { return };
    if doc.get_element_by_id(ID).is_some() {
        return;
    }
    let lang = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .filter(|l| !l.trim().is_empty())
        .or_else(|| window.navigator().language())
        .unwrap_or_else(|| "ro".into());
    let m = Messages::for_locale(&lang);
    let href = window.location().href().unwrap_or_else(|_| "/".into());
    let (Ok(banner), Ok(text), Ok(link)) = (
        doc.create_element("div"),
        doc.create_element("p"),
        doc.create_element("a"),
    ) else {
        return;
    };
    let _ = banner.set_attribute("id", ID);
    let _ = banner.set_attribute("class", "ziar-panic");
    let _ = banner.set_attribute("role", "alert");
    text.set_text_content(Some(&m.t("panic_banner")));
    let _ = link.set_attribute("href", &href);
    let _ = link.set_attribute("class", "ziar-panic-reload");
    link.set_text_content(Some(&m.t("reload")));
    let _ = text.append_with_str_1(" ");
    let _ = text.append_with_node_1(&link);
    let _ = banner.append_with_node_1(&text);
    if let Some(body) = doc.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

/// Installs the panic hook: the panic message and stack go to the console
/// (`console.error`, which every e2e test treats as a failure), then the banner shows.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show();
    }));
}
