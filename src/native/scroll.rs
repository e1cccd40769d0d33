//! Scroll restoration is the browser's.

/// Nothing to install on the server.
pub fn install_scroll_restoration() {}
