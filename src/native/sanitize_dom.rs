//! The page's origin, as the sanitizer policy needs it to tell external
//! links apart. (The walk itself is `sanitize_html`, over ammonia.)

/// The public site's origin.
pub fn page_origin() -> String {
    super::render().origin
}

/// The page being rendered, without its fragment: in-article links point at it.
pub fn page_url() -> String {
    super::render().url
}
