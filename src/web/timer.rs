//! A `setTimeout` handle kept as the JS value the browser returned.
//!
//! `web-sys` types timer ids as `i32`; environments with larger ids (fake
//! clocks in test harnesses count from 10^12) then cancel the wrong timer.
//! Keeping the id as a `JsValue` makes cancellation exact everywhere.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(cb: &JsValue, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// A pending timeout; [`Timeout::clear`] cancels it.
#[derive(Debug)]
pub struct Timeout(JsValue);

impl Timeout {
    /// Runs `f` once after `ms` milliseconds.
    pub fn new(ms: u64, f: impl FnOnce() + 'static) -> Timeout {
        let cb = Closure::once_into_js(f);
        Timeout(set_timeout(&cb, ms as f64))
    }

    /// Cancels the timeout (a no-op if it already ran).
    pub fn clear(&self) {
        clear_timeout(&self.0);
    }
}

/// A timeout that owns its callback: dropping it cancels the timer and frees
/// the closure, so one per request leaks nothing when it never fires.
#[derive(Debug)]
pub struct OwnedTimeout {
    id: JsValue,
    _cb: Closure<dyn FnMut()>,
}

impl OwnedTimeout {
    /// Runs `f` once after `ms` milliseconds, unless dropped first.
    pub fn new(ms: u64, f: impl FnOnce() + 'static) -> OwnedTimeout {
        let mut f = Some(f);
        let cb = Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = set_timeout(cb.as_ref(), ms as f64);
        OwnedTimeout { id, _cb: cb }
    }
}

impl Drop for OwnedTimeout {
    fn drop(&mut self) {
        clear_timeout(&self.id);
    }
}
