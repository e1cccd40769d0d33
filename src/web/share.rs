//! Browser glue for sharing: the Web Share API, the clipboard, and the
//! remembered Mastodon instance. The links themselves come from `crate::share`.
//!
//! `navigator.share`, `navigator.canShare` and `navigator.clipboard` are still
//! behind `web_sys_unstable_apis`, so they are reached through `Reflect` and
//! feature-tested at run time: a browser without them gets the fallback.

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const MASTODON_KEY: &str = "ziar.mastodon_instance";

/// How a native share ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeShare {
    /// The reader shared (or the share sheet closed normally).
    Done,
    /// The reader dismissed the sheet.
    Cancelled,
    /// The browser refused; the caller shows its own menu instead.
    Failed,
}

fn navigator() -> Option<JsValue> {
    web_sys::window().map(|w| w.navigator().into())
}

fn method(target: &JsValue, name: &str) -> Option<Function> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
}

/// Starts `navigator.share({title, text, url})` when `navigator.canShare` says
/// the data can be shared; `None` (nothing started) otherwise. Must be called
/// from the click handler itself, which the browser requires.
pub fn start_native_share(title: &str, text: &str, url: &str) -> Option<JsFuture> {
    let nav = navigator()?;
    let can_share = method(&nav, "canShare")?;
    let share = method(&nav, "share")?;
    let data = Object::new();
    for (k, v) in [("title", title), ("text", text), ("url", url)] {
        Reflect::set(&data, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    if !can_share.call1(&nav, &data).ok()?.is_truthy() {
        return None;
    }
    let promise = share.call1(&nav, &data).ok()?.dyn_into::<Promise>().ok()?;
    Some(JsFuture::from(promise))
}

/// Waits for a started share and classifies the outcome.
pub async fn finish_native_share(fut: JsFuture) -> NativeShare {
    match fut.await {
        Ok(_) => NativeShare::Done,
        Err(e) => {
            let name = Reflect::get(&e, &JsValue::from_str("name"))
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "AbortError" {
                NativeShare::Cancelled
            } else {
                NativeShare::Failed
            }
        }
    }
}

/// Puts `text` on the clipboard: the async Clipboard API first, then the
/// legacy `execCommand('copy')` on a hidden textarea. `false` if both fail.
pub async fn copy_text(text: &str) -> bool {
    if let Some(nav) = navigator() {
        let clipboard = Reflect::get(&nav, &JsValue::from_str("clipboard")).unwrap_or(JsValue::UNDEFINED);
        if let Some(write) = method(&clipboard, "writeText") {
            if let Ok(p) = write.call1(&clipboard, &JsValue::from_str(text)) {
                if let Ok(p) = p.dyn_into::<Promise>() {
                    if JsFuture::from(p).await.is_ok() {
                        return true;
                    }
                }
            }
        }
    }
    copy_with_textarea(text)
}

fn copy_with_textarea(text: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(body) = doc.body() else { return false };
    let Ok(area) = doc.create_element("textarea") else {
        return false;
    };
    let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    // A class, not a `style` attribute: the strict CSP (`style-src 'self'`) refuses the latter.
    let _ = area.set_attribute("class", "ziar-offscreen");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    ok
}

fn storage() -> Option<web_sys::Storage> {
    // Throws when storage is disabled (some private modes): then nothing is remembered.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The Mastodon instance the reader gave before, if still valid.
pub fn stored_mastodon() -> Option<String> {
    let raw = storage()?.get_item(MASTODON_KEY).ok().flatten()?;
    crate::share::normalize_instance(&raw)
}

/// Remembers the reader's Mastodon instance on this device only.
pub fn store_mastodon(host: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(MASTODON_KEY, host);
    }
}

/// Forgets the remembered instance (the reader wants another one).
pub fn forget_mastodon() {
    if let Some(s) = storage() {
        let _ = s.remove_item(MASTODON_KEY);
    }
}

/// Opens `url` in a new tab with no opener and no referrer.
pub fn open_new_tab(url: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
    }
}

/// The page's own URL, for sharing when the API gives no canonical link.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}
