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

/// How long [`after_paint`] waits at most for a paint: a hidden page (a tab
/// opened in the background) paints nothing and runs no animation frames.
const AFTER_PAINT_MAX_MS: u64 = 500;

/// Runs `f` once, after what the current task rendered has painted: the next
/// animation frame runs just before that paint, a timeout from it just after.
/// For work that must not delay (nor lengthen the task of) the first paint.
///
/// While hydrating a server's page it runs at once: the server rendered that
/// work into the HTML, and the hydrating view must match it.
pub fn after_paint(f: impl FnOnce() + 'static) {
    if super::hydrating() {
        f();
        return;
    }
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = once.take() {
            f();
        }
    };
    let painted = run.clone();
    leptos::prelude::request_animation_frame(move || {
        Timeout::new(0, painted);
    });
    Timeout::new(AFTER_PAINT_MAX_MS, run);
}

/// Resolves in a later task, so the work after an `.await` on it runs apart
/// from the work before (each under the 50 ms a long task starts at). Through
/// `scheduler.yield()` where the browser has it: the continuation then goes
/// ahead of other queued tasks rather than behind them.
pub async fn next_task() {
    use js_sys::{Function, Promise, Reflect};
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    let yielded = Reflect::get(&global, &"scheduler".into())
        .ok()
        .filter(|s| s.is_object())
        .and_then(|s| {
            let f: Function = Reflect::get(&s, &"yield".into()).ok()?.dyn_into().ok()?;
            f.call0(&s).ok()?.dyn_into::<Promise>().ok()
        });
    let promise = yielded.unwrap_or_else(|| {
        Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, 0.0);
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
