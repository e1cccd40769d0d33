//! Back and forward restore the scroll position.
//!
//! The browser's own restoration runs before our content has loaded (the page
//! is still a skeleton), so it is switched off (`history.scrollRestoration =
//! "manual"`) and done here: every scroll records the position for the current
//! path; on `popstate` the recorded position is applied as soon as the page is
//! tall enough for it (or after 3 s, whatever is there). Recording pauses while
//! a restore is pending, so the swap of pages cannot overwrite the position.

use super::timer::Timeout;
use leptos::ev;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsValue;

thread_local! {
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    static RESTORING: Cell<u32> = const { Cell::new(0) };
}

/// The whole URL but the origin: an in-article link's `#fragment` is an entry
/// of its own, so Back from a footnote returns to where the reader clicked.
fn current_key() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}{}", l.pathname().ok()?, l.search().ok()?, l.hash().ok()?))
        })
        .unwrap_or_default()
}

fn scroll_y() -> f64 {
    web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0)
}

/// Installs the listeners; call once, in the shell.
pub fn install_scroll_restoration() {
    let Some(w) = web_sys::window() else { return };
    if let Ok(history) = js_sys::Reflect::get(&w, &JsValue::from_str("history")) {
        let _ = js_sys::Reflect::set(&history, &"scrollRestoration".into(), &"manual".into());
    }
    let _ = window_event_listener(ev::scroll, |_| {
        if RESTORING.with(Cell::get) == 0 {
            let (key, y) = (current_key(), scroll_y());
            POSITIONS.with(|p| p.borrow_mut().insert(key, y));
        }
    });
    let _ = window_event_listener(ev::popstate, |_| {
        let target = POSITIONS
            .with(|p| p.borrow().get(&current_key()).copied())
            .unwrap_or(0.0);
        let generation = RESTORING.with(|r| {
            r.set(r.get().wrapping_add(1).max(1));
            r.get()
        });
        attempt(target, generation, 60);
    });
}

/// Scrolls to `target` once the document is tall enough, polling every 50 ms
/// (`tries` left); a newer popstate (`generation`) supersedes this one.
fn attempt(target: f64, generation: u32, tries: u32) {
    if RESTORING.with(Cell::get) != generation {
        return;
    }
    let Some(w) = web_sys::window() else { return };
    let view = w.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let height = w
        .document()
        .and_then(|d| d.document_element())
        .map(|e| f64::from(e.scroll_height()))
        .unwrap_or(0.0);
    let busy = w
        .document()
        .and_then(|d| d.query_selector(".ziar-main [aria-busy=true]").ok().flatten())
        .is_some();
    if (!busy && height - view >= target) || tries == 0 {
        w.scroll_to_with_x_and_y(0.0, target);
        RESTORING.with(|r| r.set(0));
        return;
    }
    let _ = Timeout::new(50, move || attempt(target, generation, tries - 1));
}
