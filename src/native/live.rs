//! Live updates are the browser's: a server render shows the list as the
//! server last polled it, and the hydrated app takes over from there.

use crate::config::Limits;
use crate::error::AppError;
use crate::live::policy::PollPolicy;

/// What one poll produced (never, on the server).
#[derive(Debug, Clone, PartialEq)]
pub enum PollEvent {
    Body(String),
    NotModified,
    Failed { error: AppError, retry_in_ms: u64 },
}

/// The live list's browser side, absent here.
#[derive(Debug, Clone, Default)]
pub struct Live;

impl Live {
    /// Polls right away (browser only).
    pub fn poll_now(&self) {}
}

/// Nothing polls during a server render.
#[allow(clippy::too_many_arguments)]
pub fn start(
    _url: impl Fn() -> String + 'static,
    _policy: PollPolicy,
    _repeat: bool,
    _limits: Limits,
    _push_url: Option<String>,
    _gate: Option<leptos::prelude::Signal<bool>>,
    _validator: Option<(String, String)>,
    _on_offline: impl Fn() + 'static,
    _on_event: impl Fn(PollEvent) -> Result<(), AppError> + 'static,
) -> Live {
    Live
}

/// Focus moves happen in the browser.
pub fn focus_in_list(_list: leptos::prelude::NodeRef<leptos::html::Ol>, _post_id: String) {}
