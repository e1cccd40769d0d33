//! The location of the page being rendered; no history to listen to.

/// The path being rendered, decoded.
pub fn current_path() -> String {
    super::render().path
}

/// A path segment as text (`decodeURIComponent`); the raw segment if it is malformed.
pub fn decode_segment(segment: &str) -> String {
    crate::endpoints::percent_decode(segment).unwrap_or_else(|| segment.to_owned())
}

/// Clicks and back/forward happen in the browser.
pub fn install(_router_base: String, _changed: impl Fn(String) + Clone + 'static) {}
