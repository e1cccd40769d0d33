//! Guarded fetches: a deadline (`AbortController`), a size cap counted while
//! the body streams in, and failures sorted into kinds the reader can
//! understand (unreachable, refused by CORS, redirected, timed out, too large;
//! the decision is `crate::diagnose`).

use super::timer::OwnedTimeout;
use crate::config::Limits;
use crate::error::AppError;
use gloo_net::http::{RequestBuilder, Response};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestMode};

/// One request's abort handle and deadline. Dropping it cancels the timer.
pub struct Guard {
    ctrl: AbortController,
    expired: Rc<Cell<bool>>,
    limits: Limits,
    _timer: OwnedTimeout,
}

impl Guard {
    /// Starts the clock: after `limits.timeout_ms` the request is aborted.
    pub fn new(ctrl: AbortController, limits: Limits) -> Guard {
        let expired = Rc::new(Cell::new(false));
        let timer = {
            let (expired, ctrl) = (expired.clone(), ctrl.clone());
            OwnedTimeout::new(limits.timeout_ms, move || {
                expired.set(true);
                ctrl.abort();
            })
        };
        Guard {
            ctrl,
            expired,
            limits,
            _timer: timer,
        }
    }

    /// A guard with its own controller; `None` only if the browser has no `AbortController`.
    pub fn fresh(limits: Limits) -> Option<Guard> {
        AbortController::new().ok().map(|c| Guard::new(c, limits))
    }

    /// Whether the deadline passed.
    pub fn expired(&self) -> bool {
        self.expired.get()
    }

    /// Whether the request was aborted for a reason other than the deadline
    /// (superseded, paused, unmounted): the caller should say nothing.
    pub fn cancelled(&self) -> bool {
        self.ctrl.signal().aborted() && !self.expired()
    }

    fn timeout(&self, url: &str) -> AppError {
        AppError::Timeout {
            url: url.to_owned(),
            seconds: self.limits.timeout_ms.div_ceil(1000),
        }
    }

    /// Sends the request under this guard.
    pub async fn send(&self, req: RequestBuilder, url: &str) -> Result<Response, AppError> {
        match req.abort_signal(Some(&self.ctrl.signal())).send().await {
            Ok(r) => Ok(r),
            Err(e) => Err(self.classify(url, e.to_string()).await),
        }
    }

    /// Why a request got no response (`crate::diagnose`): a `redirect:
    /// "manual"` re-ask shows a redirect the browser could not follow; a
    /// cross-origin API that answers an opaque (`no-cors`) request is there,
    /// so CORS failed, unless one of its usual other addresses (https, `www.`)
    /// answers: then the API redirects there.
    async fn classify(&self, url: &str, detail: String) -> AppError {
        use crate::diagnose::{origin_of, other_addresses, try_other_addresses, verdict, Seen, Verdict};
        if self.expired() {
            return self.timeout(url);
        }
        if self.cancelled() {
            return AppError::Network {
                url: url.to_owned(),
                detail,
            };
        }
        let probe = Limits {
            timeout_ms: self.limits.timeout_ms.min(5_000),
            ..self.limits
        };
        let redirected = answers_with_redirect(url, probe).await;
        let cross_origin = is_cross_origin(url);
        let reachable = redirected || (cross_origin && reachable_without_cors(url, probe).await);
        let seen = Seen {
            cross_origin,
            redirected,
            reachable,
        };
        let mut answers_at = None;
        if try_other_addresses(seen) {
            for other in other_addresses(url) {
                if answers_with_cors(&other, probe).await {
                    answers_at = Some(origin_of(&other));
                    break;
                }
            }
        }
        match verdict(seen, answers_at) {
            Verdict::Unreachable => AppError::Network {
                url: url.to_owned(),
                detail,
            },
            Verdict::Cors => AppError::Cors {
                url: url.to_owned(),
                detail,
            },
            Verdict::Redirect { to } => AppError::Redirect {
                url: url.to_owned(),
                to,
                detail,
            },
        }
    }

    /// Reads the body as text, refusing it once it exceeds the cap: first by
    /// its `Content-Length`, then by counting bytes as they arrive, so a huge
    /// answer is never buffered whole nor parsed.
    pub async fn read_body(&self, resp: &Response, url: &str) -> Result<String, AppError> {
        let too_large = |bytes: u64| AppError::TooLarge {
            url: url.to_owned(),
            bytes,
            limit: self.limits.max_bytes,
        };
        if let Err(n) = self
            .limits
            .check_announced(resp.headers().get("Content-Length").as_deref())
        {
            self.ctrl.abort();
            return Err(too_large(n));
        }
        let Some(stream) = resp.body() else {
            return Ok(String::new());
        };
        let body_error = |e: JsValue| {
            if self.expired() {
                self.timeout(url)
            } else {
                AppError::Interrupted {
                    url: url.to_owned(),
                    detail: js_detail(&e),
                }
            }
        };
        let reader = call_method(&stream, "getReader").map_err(body_error)?;
        let read: Function = Reflect::get(&reader, &"read".into())
            .and_then(|f| f.dyn_into())
            .map_err(body_error)?;
        let mut buf: Vec<u8> = Vec::new();
        loop {
            let promise: Promise = read.call0(&reader).and_then(|p| p.dyn_into()).map_err(body_error)?;
            let chunk = JsFuture::from(promise).await.map_err(body_error)?;
            if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()) == Some(true) {
                break;
            }
            let Ok(value) = Reflect::get(&chunk, &"value".into()).and_then(|v| v.dyn_into::<Uint8Array>()) else {
                continue;
            };
            let total = buf.len() as u64 + u64::from(value.length());
            if !self.limits.within(total) {
                let _ = call_method(&reader, "cancel");
                self.ctrl.abort();
                return Err(too_large(total));
            }
            let start = buf.len();
            buf.resize(start + value.length() as usize, 0);
            value.copy_to(&mut buf[start..]);
        }
        Ok(String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

fn call_method(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
    let f: Function = Reflect::get(target, &name.into())?.dyn_into()?;
    f.call0(target)
}

/// A thrown JS value as text ("TypeError: network error").
fn js_detail(e: &JsValue) -> String {
    if let Some(s) = e.as_string() {
        return s;
    }
    if e.is_object() {
        return String::from(e.unchecked_ref::<js_sys::Object>().to_string());
    }
    format!("{e:?}")
}

/// Whether `url` is on another origin than the page.
pub(crate) fn is_cross_origin(url: &str) -> bool {
    let page = web_sys::window().and_then(|w| w.location().origin().ok());
    let target = web_sys::Url::new(url).ok().map(|u| u.origin());
    page.is_some() && target.is_some() && page != target
}

/// An opaque `no-cors` GET: it succeeds when the server answers at all, even
/// without CORS headers, and fails when it can't be reached.
async fn reachable_without_cors(url: &str, limits: Limits) -> bool {
    let Some(guard) = Guard::fresh(limits) else {
        return false;
    };
    let req = gloo_net::http::Request::get(url).mode(RequestMode::NoCors);
    req.abort_signal(Some(&guard.ctrl.signal())).send().await.is_ok()
}

/// The same GET with `redirect: "manual"`: an `opaqueredirect` answer means the
/// URL redirects (visible on the page's own origin, or when the redirect
/// carries CORS headers).
async fn answers_with_redirect(url: &str, limits: Limits) -> bool {
    let Some(guard) = Guard::fresh(limits) else {
        return false;
    };
    let req = gloo_net::http::Request::get(url).redirect(web_sys::RequestRedirect::Manual);
    match req.abort_signal(Some(&guard.ctrl.signal())).send().await {
        Ok(r) => r.type_() == web_sys::ResponseType::Opaqueredirect,
        Err(_) => false,
    }
}

/// Whether `url` answers an ordinary CORS GET with a success status.
async fn answers_with_cors(url: &str, limits: Limits) -> bool {
    let Some(guard) = Guard::fresh(limits) else {
        return false;
    };
    let req = gloo_net::http::Request::get(url).header("Accept", "application/json, application/feed+json;q=0.9");
    match req.abort_signal(Some(&guard.ctrl.signal())).send().await {
        Ok(r) => r.ok(),
        Err(_) => false,
    }
}
