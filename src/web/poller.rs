//! The live poller's browser side: timers, conditional fetches, abort and
//! pause. Every decision (delays, backoff, merge) is in the pure `live` module.

use super::fetch::Guard;
use super::timer::Timeout;
use crate::config::Limits;
use crate::error::AppError;
use crate::live::policy::{parse_poll_interval, parse_retry_after, Outcome, PollPolicy, PollState};
use gloo_net::http::Request;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use web_sys::{AbortController, RequestCache};

/// What one poll produced, handed to the owner's callback.
#[derive(Debug, Clone, PartialEq)]
pub enum PollEvent {
    /// A new body (200). The callback parses it; an `Err` counts as a failed poll.
    Body(String),
    /// 304: nothing changed since the last body.
    NotModified,
    /// The poll failed; the next try is in `retry_in_ms`.
    Failed { error: AppError, retry_in_ms: u64 },
}

type Callback = Rc<dyn Fn(PollEvent) -> Result<(), AppError>>;

struct Inner {
    /// The URL of the next poll, asked for at each poll (the list's window grows
    /// and shrinks with what waits behind its pill).
    url: Rc<dyn Fn() -> String>,
    /// The URL the validators below belong to.
    last_url: String,
    policy: PollPolicy,
    state: PollState,
    etag: Option<String>,
    last_modified: Option<String>,
    timer: Option<Timeout>,
    abort: Option<AbortController>,
    paused: bool,
    stopped: bool,
    /// Whether the owner wants polls after the first one (`poll_seconds` > 0).
    repeat: bool,
    /// Timeout and size cap per poll.
    limits: Limits,
    /// Whether a poll was ever made (see [`Poller::begin`]).
    begun: bool,
    on_event: Callback,
}

/// A handle to a running poller. Dropping it stops all timers and aborts the
/// request in flight, so a component that unmounts leaves nothing behind.
pub struct Poller {
    inner: Rc<RefCell<Inner>>,
}

impl Poller {
    /// A poller for the URL `url` returns at each poll, making no request until
    /// [`Poller::begin`] (or another `poll_now`/`resume`), so the app's sidebar
    /// can wait for the article to paint; a widget begins at once. `repeat =
    /// false` fetches once (polling off).
    pub fn idle(
        url: impl Fn() -> String + 'static,
        policy: PollPolicy,
        repeat: bool,
        limits: Limits,
        on_event: impl Fn(PollEvent) -> Result<(), AppError> + 'static,
    ) -> Poller {
        let inner = Rc::new(RefCell::new(Inner {
            url: Rc::new(url),
            last_url: String::new(),
            policy,
            state: PollState::default(),
            etag: None,
            last_modified: None,
            timer: None,
            abort: None,
            paused: false,
            stopped: false,
            repeat,
            limits,
            begun: false,
            on_event: Rc::new(on_event),
        }));
        Poller { inner }
    }

    /// The first poll, unless one was already made. A `hold` before it is kept:
    /// the first list still loads, nothing is scheduled after it.
    pub fn begin(&self) {
        if !self.inner.borrow().begun {
            poll_now(&self.inner);
        }
    }

    /// The validator of what the owner already shows for `url`, so the first
    /// poll of it is conditional (a server-rendered list: an unchanged one
    /// costs a 304).
    pub fn set_etag(&self, url: String, etag: String) {
        let mut inner = self.inner.borrow_mut();
        inner.last_url = url;
        inner.etag = Some(etag);
    }

    /// Polls right away (visible again, back online, a push message, "retry").
    pub fn poll_now(&self) {
        self.inner.borrow_mut().paused = false;
        poll_now(&self.inner);
    }

    /// Stops timers and the request in flight until [`Poller::resume`].
    pub fn pause(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.paused = true;
        if let Some(t) = inner.timer.take() {
            t.clear();
        }
        if let Some(a) = inner.abort.take() {
            a.abort();
        }
    }

    /// Lets the request in flight finish but schedules nothing after it: a page
    /// opened in a background tab still gets its first list.
    pub fn hold(&self) {
        self.inner.borrow_mut().paused = true;
    }

    /// Resumes after a pause with an immediate poll, so nothing is missed.
    pub fn resume(&self) {
        let was_paused = self.inner.borrow().paused;
        if was_paused {
            self.poll_now();
        }
    }
}

impl Poller {
    /// Stops for good: no more timers, the request in flight aborted.
    pub fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.stopped = true;
        if let Some(t) = inner.timer.take() {
            t.clear();
        }
        if let Some(a) = inner.abort.take() {
            a.abort();
        }
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop();
    }
}

fn schedule(this: &Rc<RefCell<Inner>>, delay_ms: u64) {
    let mut inner = this.borrow_mut();
    if inner.stopped || inner.paused || !inner.repeat {
        return;
    }
    if let Some(t) = inner.timer.take() {
        t.clear();
    }
    let weak: Weak<RefCell<Inner>> = Rc::downgrade(this);
    inner.timer = Some(Timeout::new(delay_ms, move || {
        if let Some(this) = weak.upgrade() {
            this.borrow_mut().timer = None;
            poll_now(&this);
        }
    }));
}

struct Reply {
    status: u16,
    body: String,
    etag: Option<String>,
    last_modified: Option<String>,
    retry_after: Option<String>,
    poll_interval: Option<String>,
}

fn poll_now(this: &Rc<RefCell<Inner>>) {
    let next_url = this.borrow().url.clone();
    let url = next_url();
    let (etag, last_modified, guard) = {
        let mut inner = this.borrow_mut();
        if inner.stopped {
            return;
        }
        // Validators belong to one URL: another one starts afresh.
        if inner.last_url != url {
            inner.last_url = url.clone();
            inner.etag = None;
            inner.last_modified = None;
        }
        inner.begun = true;
        if let Some(t) = inner.timer.take() {
            t.clear();
        }
        // A newer poll supersedes the one in flight.
        if let Some(a) = inner.abort.take() {
            a.abort();
        }
        let ctrl = AbortController::new().ok();
        let guard = ctrl.clone().map(|c| Guard::new(c, inner.limits));
        inner.abort = ctrl;
        (inner.etag.clone(), inner.last_modified.clone(), guard)
    };
    let weak = Rc::downgrade(this);
    leptos::task::spawn_local(async move {
        let Some(guard) = guard else { return };
        let result = fetch(&url, etag.as_deref(), last_modified.as_deref(), &guard).await;
        if guard.cancelled() && !matches!(result, Err(AppError::TooLarge { .. })) {
            return; // superseded, paused or unmounted: say nothing
        }
        drop(guard);
        let Some(this) = weak.upgrade() else { return };
        this.borrow_mut().abort = None;
        let now = super::now();
        let (outcome, event) = match result {
            Ok(r) if r.status == 304 => (Outcome::Ok, Some(PollEvent::NotModified)),
            Ok(r) if (200..300).contains(&r.status) => {
                let mut inner = this.borrow_mut();
                inner.etag = r.etag;
                inner.last_modified = r.last_modified;
                inner.state.server_interval_ms = r.poll_interval.as_deref().and_then(parse_poll_interval);
                (Outcome::Ok, Some(PollEvent::Body(r.body)))
            }
            Ok(r) => {
                let retry = r.retry_after.as_deref().and_then(|v| parse_retry_after(v, now));
                let err = AppError::Http {
                    url: url.clone(),
                    status: r.status,
                };
                (
                    Outcome::Failed { retry_after_ms: retry },
                    Some(PollEvent::Failed {
                        error: err,
                        retry_in_ms: 0,
                    }),
                )
            }
            Err(e) => (
                Outcome::Failed { retry_after_ms: None },
                Some(PollEvent::Failed {
                    error: e,
                    retry_in_ms: 0,
                }),
            ),
        };
        // The callback is called with no borrow held, so it may use the poller.
        let on_event = this.borrow().on_event.clone();
        let mut outcome = outcome;
        let mut event = event;
        // A body the adapters can't read counts as a failed poll.
        if let Some(PollEvent::Body(body)) = event.take_if(|e| matches!(e, PollEvent::Body(_))) {
            if let Err(e) = on_event(PollEvent::Body(body)) {
                this.borrow_mut().etag = None; // refetch the full body next time
                outcome = Outcome::Failed { retry_after_ms: None };
                event = Some(PollEvent::Failed {
                    error: e,
                    retry_in_ms: 0,
                });
            }
        }
        let delay = {
            let mut inner = this.borrow_mut();
            let policy = inner.policy;
            policy.next_delay(&mut inner.state, outcome, js_sys::Math::random())
        };
        match event {
            Some(PollEvent::Failed { error, .. }) => {
                web_sys::console::warn_1(
                    &format!(
                        "Ziar: live update failed ({error}); retrying in {} s",
                        delay.div_ceil(1000)
                    )
                    .into(),
                );
                let _ = on_event(PollEvent::Failed {
                    error,
                    retry_in_ms: delay,
                });
            }
            Some(other) => {
                let _ = on_event(other);
            }
            None => {}
        }
        schedule(&this, delay);
    });
}

async fn fetch(url: &str, etag: Option<&str>, last_modified: Option<&str>, guard: &Guard) -> Result<Reply, AppError> {
    // no-store: the browser cache must not answer for us, or a 304 would
    // turn into a full 200 from cache and cost a parse.
    let mut req = Request::get(url).cache(RequestCache::NoStore);
    if let Some(tag) = etag {
        req = req.header("If-None-Match", tag);
    }
    if let Some(lm) = last_modified {
        req = req.header("If-Modified-Since", lm);
    }
    let resp = guard.send(req, url).await?;
    let h = resp.headers();
    let status = resp.status();
    let body = if status == 304 {
        String::new()
    } else {
        guard.read_body(&resp, url).await?
    };
    Ok(Reply {
        status,
        body,
        etag: h.get("ETag"),
        last_modified: h.get("Last-Modified"),
        retry_after: h.get("Retry-After"),
        poll_interval: h.get("X-Poll-Interval"),
    })
}
