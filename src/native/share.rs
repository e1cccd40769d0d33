//! Sharing on the server: the links are rendered (they work without
//! JavaScript); everything that needs a reader's device does nothing.

/// How a native share ended (never started on the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeShare {
    Done,
    Cancelled,
    Failed,
}

/// A pending native share; none exists on the server.
#[derive(Debug)]
pub struct Pending;

/// The device's share sheet is not here.
pub fn start_native_share(_title: &str, _text: &str, _url: &str) -> Option<Pending> {
    None
}

/// Unreachable on the server (nothing is ever started).
pub async fn finish_native_share(_fut: Pending) -> NativeShare {
    NativeShare::Failed
}

/// No clipboard on the server.
pub async fn copy_text(_text: &str) -> bool {
    false
}

/// The reader's remembered Mastodon instance lives in their browser.
pub fn stored_mastodon() -> Option<String> {
    None
}

/// See [`stored_mastodon`].
pub fn store_mastodon(_host: &str) {}

/// See [`stored_mastodon`].
pub fn forget_mastodon() {}

/// Tabs open in the browser.
pub fn open_new_tab(_url: &str) {}

/// The page's own URL, for sharing when the API gives no canonical link.
pub fn page_url() -> String {
    super::render().url
}
