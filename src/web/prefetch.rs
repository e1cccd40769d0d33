//! The article's request, started as soon as the config is read: before the
//! shell and the router are built, so the network time overlaps their mount
//! instead of following it. The article page takes it over (once) when its
//! route's slug is the one requested; anything else fetches as before.

use super::api::Api;
use crate::error::AppError;
use crate::model::Post;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

type Found = Result<Option<Post>, AppError>;

struct Pending {
    slug: String,
    result: Rc<RefCell<Option<Found>>>,
    done: js_sys::Promise,
}

thread_local! {
    static PENDING: RefCell<Option<Pending>> = const { RefCell::new(None) };
}

/// Starts `api.by_slug(slug)` for [`take`]. The request goes out on the next
/// turn of the task queue; the caller yields (`yield_now`) before heavy work.
pub fn start(api: Api, slug: String) {
    let result = Rc::new(RefCell::new(None));
    let slot = result.clone();
    let key = slug.clone();
    let done = wasm_bindgen_futures::future_to_promise(async move {
        super::mark("article-prefetch");
        let found = api.by_slug(&key).await;
        *slot.borrow_mut() = Some(found);
        Ok(JsValue::UNDEFINED)
    });
    PENDING.with(|p| *p.borrow_mut() = Some(Pending { slug, result, done }));
}

/// The result of the request started for `slug`, if that is the one started.
/// Whatever was pending is consumed either way, so a retry fetches afresh.
pub async fn take(slug: &str) -> Option<Found> {
    let pending = PENDING.with(|p| p.borrow_mut().take())?;
    if pending.slug != slug {
        return None;
    }
    let _ = JsFuture::from(pending.done).await;
    let found = pending.result.borrow_mut().take();
    found
}

/// Lets tasks spawned just now (the request above) run before the caller goes
/// on: pending once, waking itself, so the executor queues it behind them.
pub fn yield_now() -> YieldNow {
    YieldNow(false)
}

/// See [`yield_now`].
#[derive(Debug)]
pub struct YieldNow(bool);

impl std::future::Future for YieldNow {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.0 {
            return std::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        std::task::Poll::Pending
    }
}
