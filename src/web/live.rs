//! The live list's browser side: the poller, held while the page is hidden,
//! paused while offline, and woken by a push stream. Every decision (delays,
//! backoff, merge) is in the pure `crate::live`.

use super::poller::Poller;
use crate::config::Limits;
use crate::error::AppError;
use crate::live::policy::PollPolicy;
use leptos::ev;
use leptos::prelude::*;
use leptos_use_document_visibility::use_document_visibility;
use leptos_use_event_listener::use_event_listener;
use leptos_use_window::use_window;
use send_wrapper::SendWrapper;
use std::rc::Rc;

pub use super::poller::PollEvent;

/// A running live list; its poller stops when the calling owner is cleaned up.
#[derive(Clone)]
pub struct Live(SendWrapper<Rc<Poller>>);

impl Live {
    /// Polls right away ("retry").
    pub fn poll_now(&self) {
        self.0.poll_now();
    }
}

/// Starts polling the URL `url` gives at each poll, for the calling
/// component. `gate`: the first poll waits until it reads `true` (the app's
/// sidebar waits for the article to paint); without one it starts at once.
/// `validator`: a URL and the ETag of the list already shown for it (a server
/// render's), so the first poll can be a 304.
#[allow(clippy::too_many_arguments)]
pub fn start(
    url: impl Fn() -> String + 'static,
    policy: PollPolicy,
    repeat: bool,
    limits: Limits,
    push_url: Option<String>,
    gate: Option<Signal<bool>>,
    validator: Option<(String, String)>,
    on_offline: impl Fn() + 'static,
    on_event: impl Fn(PollEvent) -> Result<(), AppError> + 'static,
) -> Live {
    let poller = Rc::new(Poller::idle(url, policy, repeat, limits, on_event));
    if let Some((for_url, tag)) = validator {
        poller.set_etag(for_url, tag);
    }
    {
        let p = SendWrapper::new(poller.clone());
        on_cleanup(move || p.stop());
    }
    match gate {
        Some(open) => {
            let poller = SendWrapper::new(poller.clone());
            Effect::new(move |_| {
                if open.get() {
                    super::mark("list-fetch");
                    poller.begin();
                }
            });
        }
        None => poller.begin(),
    }

    // Nothing while hidden; catch up at once when visible again.
    let visibility = use_document_visibility();
    {
        let poller = SendWrapper::new(poller.clone());
        Effect::new(move |prev: Option<web_sys::VisibilityState>| {
            let v = visibility.get();
            match (prev, v) {
                (None, web_sys::VisibilityState::Hidden) => poller.hold(),
                (_, web_sys::VisibilityState::Hidden) => poller.pause(),
                (Some(web_sys::VisibilityState::Hidden), _) => poller.resume(),
                _ => {}
            }
            v
        });
    }
    {
        let poller = poller.clone();
        let _ = use_event_listener(use_window(), ev::offline, move |_| {
            poller.pause();
            on_offline();
        });
    }
    {
        let poller = poller.clone();
        let _ = use_event_listener(use_window(), ev::online, move |_| poller.poll_now());
    }
    if let Some(push) = push_url.filter(|u| !u.trim().is_empty()) {
        push_trigger(&super::absolute_url(&push), poller.clone());
    }
    Live(SendWrapper::new(poller))
}

/// Subscribes to a Server-Sent Events endpoint; every message triggers a poll.
/// If the stream drops, the browser reconnects by itself and polling carries on.
fn push_trigger(url: &str, poller: Rc<Poller>) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new(url) else {
        web_sys::console::warn_1(&format!("Ziar: push_url {url} could not be opened; polling only").into());
        return;
    };
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| poller.poll_now());
    source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let keep = SendWrapper::new((source, on_message));
    on_cleanup(move || {
        let (source, _closure) = keep.take();
        source.close();
    });
}

/// Focuses the link of the list item for `post_id` once rendered (the first
/// post the reader asked to insert). Searched inside the list, which may sit
/// in a widget's Shadow DOM.
pub fn focus_in_list(list: NodeRef<leptos::html::Ol>, post_id: String) {
    request_animation_frame(move || {
        let sel = format!("[data-post-id=\"{}\"] a", post_id.replace(['"', '\\'], ""));
        let found = list
            .get_untracked()
            .and_then(|ol| ol.query_selector(&sel).ok().flatten());
        if let Some(el) = found {
            super::focus(el);
        }
    });
}
