//! Applies the config's theme to the page: `data-ziar-theme` on `<html>` for a
//! forced light or dark scheme, and the accent palette as CSS custom properties
//! set through the CSSOM (`style.setProperty`), never a `style` attribute in
//! markup, so a strict `style-src 'self'` CSP holds. The values are the
//! `#rrggbb` the pure `crate::theme` module computed, never the raw config text.

use crate::config::Config;
use wasm_bindgen::JsCast;

/// Sets the theme attribute and accent properties on the root element.
pub fn apply(cfg: &Config) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    match cfg.theme_mode().attr() {
        Some(mode) => {
            let _ = root.set_attribute("data-ziar-theme", mode);
        }
        None => {
            let _ = root.remove_attribute("data-ziar-theme");
        }
    }
    let Some(palette) = cfg.accent_palette() else {
        return;
    };
    let Ok(html) = root.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let style = html.style();
    for (prop, value) in palette.custom_properties() {
        let _ = style.set_property(prop, &value.to_string());
    }
}
