//! Request URLs for each source kind, built from the config. Pure and tested.

use crate::sources::Kind;

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Which kind to request as, before any response is seen.
///
/// A forced kind wins; otherwise a URL naming a `.json` document is a feed, and
/// anything else is taken as a WordPress REST base. Detection on the response
/// then confirms it and names what it found.
pub fn request_kind(api: &str, forced: Option<Kind>) -> Kind {
    forced.unwrap_or_else(|| {
        let path = api.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
        if path.ends_with(".json") || path.ends_with("/feed") {
            Kind::JsonFeed
        } else {
            Kind::WordPress
        }
    })
}

/// The list endpoint: newest first, one page.
pub fn list_url(api_dir: &str, api: &str, kind: Kind, page: u32, per_page: usize) -> String {
    match kind {
        Kind::WordPress => format!("{api_dir}posts?_embed=1&per_page={per_page}&page={page}"),
        Kind::JsonFeed if page <= 1 => api.trim().to_owned(),
        Kind::JsonFeed => {
            let sep = if api.contains('?') { '&' } else { '?' };
            format!("{}{sep}page={page}", api.trim())
        }
    }
}

/// A single post by slug, where the API can look one up; `None` means search the list.
pub fn by_slug_url(api_dir: &str, kind: Kind, slug: &str) -> Option<String> {
    match kind {
        Kind::WordPress => Some(format!("{api_dir}posts?_embed=1&slug={}", encode_query_value(slug))),
        Kind::JsonFeed => None,
    }
}

/// Posts of one category (WordPress: the category's numeric id).
pub fn category_url(api_dir: &str, kind: Kind, category_id: &str, per_page: usize) -> Option<String> {
    match kind {
        Kind::WordPress => Some(format!(
            "{api_dir}posts?_embed=1&per_page={per_page}&categories={}",
            encode_query_value(category_id)
        )),
        Kind::JsonFeed => None,
    }
}

/// The category lookup by slug (WordPress).
pub fn category_by_slug_url(api_dir: &str, slug: &str) -> String {
    format!("{api_dir}categories?slug={}", encode_query_value(slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_per_kind() {
        let dir = "http://h/wp-json/wp/v2/";
        assert_eq!(request_kind("http://h/wp-json/wp/v2/", None), Kind::WordPress);
        assert_eq!(request_kind("http://h/feed.json?x", None), Kind::JsonFeed);
        assert_eq!(
            request_kind("http://h/feed.json", Some(Kind::WordPress)),
            Kind::WordPress
        );
        assert_eq!(
            list_url(dir, dir, Kind::WordPress, 2, 6),
            "http://h/wp-json/wp/v2/posts?_embed=1&per_page=6&page=2"
        );
        assert_eq!(
            list_url(dir, "http://h/feed.json", Kind::JsonFeed, 2, 6),
            "http://h/feed.json?page=2"
        );
        assert_eq!(
            by_slug_url(dir, Kind::WordPress, "știre & #1").unwrap(),
            "http://h/wp-json/wp/v2/posts?_embed=1&slug=%C8%99tire%20%26%20%231"
        );
        assert_eq!(by_slug_url(dir, Kind::JsonFeed, "x"), None);
    }
}
