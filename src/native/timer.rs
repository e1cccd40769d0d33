//! Timers on the server: nothing waits for a paint or a tick during a render,
//! so work deferred in the browser runs at once and delays never fire.

/// A timeout that never fires (the render is over long before).
#[derive(Debug)]
pub struct Timeout;

impl Timeout {
    /// Drops `f`: no timer runs during a server render.
    pub fn new(_ms: u64, _f: impl FnOnce() + 'static) -> Timeout {
        Timeout
    }

    /// Nothing to cancel.
    pub fn clear(&self) {}
}

/// Work the browser defers until after the first paint belongs in the
/// server's HTML: it runs now.
pub fn after_paint(f: impl FnOnce() + 'static) {
    f();
}

/// No task queue to yield to.
pub async fn next_task() {}
