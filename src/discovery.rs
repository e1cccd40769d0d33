//! Finding a WordPress site's REST API from the site's own address, so `api`
//! may be `https://example.com/` rather than `…/wp-json/wp/v2/`.
//!
//! WordPress advertises its REST root on every page, in a `Link` header
//! (`<https://example.com/wp-json/>; rel="https://api.w.org/"`) and in a
//! `<link rel="https://api.w.org/" href="…">` in the HTML. A page on another
//! origin usually cannot read either (the HTML page sends no CORS headers),
//! so the conventional places are tried too: `wp-json/` (pretty permalinks)
//! and `?rest_route=/` (plain permalinks), each with a tiny list request that
//! WordPress answers with CORS headers. The web layer makes the requests; this
//! module says which, in what order, and reads the answers.

use crate::model::resolve_url;
use crate::sources::Kind;

/// The `rel` WordPress gives its REST API root.
pub const REL: &str = "https://api.w.org/";

/// One discovery request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// GET the site's page: its `Link` header, else the `<link>` in its HTML,
    /// names the REST root ([`rest_root_from_link_header`], [`rest_root_from_html`]).
    Page(String),
    /// GET `url`, a one-post list; a JSON array ([`confirms`]) means `api` is
    /// the site's WordPress v2 base.
    Probe { url: String, api: String },
}

/// Whether `api` (absolute) looks like a site's address rather than an API's:
/// the kind is `auto` or `wordpress`, there is no custom mapping, and the URL
/// names no API Ziar knows and carries no query.
pub fn needed(api: &str, forced: Option<Kind>, has_mapping: bool) -> bool {
    matches!(forced, None | Some(Kind::WordPress))
        && !has_mapping
        && crate::endpoints::guess_kind(api).is_none()
        && !api.contains('?')
        && api.contains("://")
}

/// The steps for a site at `site` (absolute), in order: the page itself first
/// when it is on the page's own origin (its headers and HTML can be read),
/// last otherwise (it may send CORS headers after all); `wp-json/`, then
/// `?rest_route=/`.
pub fn plan(site: &str, same_origin: bool) -> Vec<Step> {
    let root = format!("{}/", site.trim().split('#').next().unwrap_or("").trim_end_matches('/'));
    let probe = |rest_root: String| {
        let api = wp_v2_base(&rest_root);
        Step::Probe {
            url: crate::endpoints::wp_url(&api, "posts", "per_page=1&_fields=id"),
            api,
        }
    };
    let mut steps = vec![probe(format!("{root}wp-json/")), probe(format!("{root}?rest_route=/"))];
    let page = Step::Page(root);
    if same_origin {
        steps.insert(0, page);
    } else {
        steps.push(page);
    }
    steps
}

/// The wp/v2 base under a REST root: `…/wp-json/` → `…/wp-json/wp/v2/`,
/// `…/?rest_route=/` → `…/?rest_route=/wp/v2/`.
pub fn wp_v2_base(rest_root: &str) -> String {
    let root = rest_root.trim();
    if let Some(at) = root.find("rest_route=") {
        let start = at + "rest_route=".len();
        let end = root[start..].find(['&', '#']).map_or(root.len(), |i| start + i);
        let prefix = root[start..end].trim_end_matches('/');
        return format!("{}rest_route={prefix}/wp/v2/{}", &root[..at], &root[end..]);
    }
    format!("{}/wp/v2/", root.trim_end_matches('/'))
}

/// The REST root a `Link` header names (`rel="https://api.w.org/"`), resolved
/// against `base`. Several links may share the header, separated by commas.
pub fn rest_root_from_link_header(header: &str, base: &str) -> Option<String> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let after = &rest[close + 1..];
        // The parameters run to the next link (a comma outside quotes).
        let mut end = after.len();
        let mut quoted = false;
        for (i, c) in after.char_indices() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let params = &after[..end];
        let rel_matches = params.split(';').any(|p| {
            let Some((k, v)) = p.split_once('=') else { return false };
            k.trim().eq_ignore_ascii_case("rel")
                && v.trim()
                    .trim_matches('"')
                    .split_whitespace()
                    .any(|r| r.eq_ignore_ascii_case(REL))
        });
        if rel_matches && !target.trim().is_empty() {
            return Some(resolve_url(base, target.trim()));
        }
        rest = &after[end..];
    }
    None
}

/// The REST root a page's `<link rel="https://api.w.org/" href="…">` names,
/// resolved against `base`.
pub fn rest_root_from_html(html: &str, base: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<link") {
        let start = from + i;
        let end = start + lower[start..].find('>')?;
        let tag = &html[start..end];
        let rel = attr(tag, "rel");
        if rel.is_some_and(|r| r.split_whitespace().any(|x| x.eq_ignore_ascii_case(REL))) {
            if let Some(href) = attr(tag, "href").filter(|h| !h.trim().is_empty()) {
                return Some(resolve_url(base, &crate::text::decode_entities(&href)));
            }
        }
        from = end;
    }
    None
}

/// An attribute's value in a start tag (quoted with `"` or `'`, or bare).
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = lower[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        return Some(match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?.to_owned(),
            _ => value.split(|c: char| c.is_whitespace() || c == '/').next()?.to_owned(),
        });
    }
    None
}

/// Whether a probe's answer is a WordPress post list: a JSON array (empty for
/// a site without posts).
pub fn confirms(body: &str) -> bool {
    crate::sources::parse_body(body).is_ok_and(|v| v.is_array())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_site_address_is_discovered() {
        assert!(needed("https://example.com/", None, false));
        assert!(needed("https://example.com/blog", Some(Kind::WordPress), false));
        assert!(!needed("https://example.com/wp-json/wp/v2/", None, false));
        assert!(!needed("https://example.com/?rest_route=/wp/v2/", None, false));
        assert!(!needed("https://example.com/feed.json", None, false));
        assert!(!needed("https://example.com/", Some(Kind::Ghost), false));
        assert!(
            !needed("https://example.com/", None, true),
            "a custom mapping names its own API"
        );
        assert!(!needed("https://example.com/api?key=1", None, false));
    }

    #[test]
    fn the_order_follows_what_can_be_read() {
        let probe = |url: &str, api: &str| Step::Probe {
            url: url.into(),
            api: api.into(),
        };
        let wp_json = probe(
            "https://example.com/wp-json/wp/v2/posts?per_page=1&_fields=id",
            "https://example.com/wp-json/wp/v2/",
        );
        let plain = probe(
            "https://example.com/?rest_route=/wp/v2/posts&per_page=1&_fields=id",
            "https://example.com/?rest_route=/wp/v2/",
        );
        let page = Step::Page("https://example.com/".into());
        assert_eq!(
            plan("https://example.com", true),
            [page.clone(), wp_json.clone(), plain.clone()]
        );
        assert_eq!(plan("https://example.com/", false), [wp_json, plain, page]);
        assert_eq!(
            plan("http://h:8/blog/", true)[1],
            probe(
                "http://h:8/blog/wp-json/wp/v2/posts?per_page=1&_fields=id",
                "http://h:8/blog/wp-json/wp/v2/"
            )
        );
    }

    #[test]
    fn link_headers_as_wordpress_sends_them() {
        let base = "https://example.com/";
        let h = r#"<https://example.com/wp-json/>; rel="https://api.w.org/""#;
        assert_eq!(
            rest_root_from_link_header(h, base).as_deref(),
            Some("https://example.com/wp-json/")
        );
        // Several links in one header (fetch joins repeated headers with ", "),
        // a comma inside a quoted parameter, relative targets, other rels first.
        let h = r#"<https://example.com/?p=12>; rel=shortlink, <https://example.com/x>; title="a, b"; rel="alternate", </wp-json/>; rel="https://api.w.org/""#;
        assert_eq!(
            rest_root_from_link_header(h, base).as_deref(),
            Some("https://example.com/wp-json/")
        );
        let h = r#"<https://example.com/index.php?rest_route=/>; rel="https://api.w.org/""#;
        let root = rest_root_from_link_header(h, base).unwrap();
        assert_eq!(wp_v2_base(&root), "https://example.com/index.php?rest_route=/wp/v2/");
        assert_eq!(
            rest_root_from_link_header(r#"<https://e.com/>; rel="next""#, base),
            None
        );
        assert_eq!(rest_root_from_link_header("garbage <", base), None);
        assert_eq!(rest_root_from_link_header("", base), None);
    }

    #[test]
    fn link_tags_in_a_page() {
        let base = "https://example.com/blog/";
        let html = r#"<!doctype html><html><head><link rel='stylesheet' href='/s.css'>
            <LINK REL="https://api.w.org/" HREF="https://example.com/blog/wp-json/" />
            </head><body>…</body></html>"#;
        assert_eq!(
            rest_root_from_html(html, base).as_deref(),
            Some("https://example.com/blog/wp-json/")
        );
        let html = r#"<link href="/?rest_route=/&amp;lang=ro" rel="https://api.w.org/">"#;
        assert_eq!(
            rest_root_from_html(html, base).as_deref(),
            Some("https://example.com/?rest_route=/&lang=ro")
        );
        assert_eq!(rest_root_from_html("<link rel=alternate href=/feed/>", base), None);
        assert_eq!(rest_root_from_html("<link rel=\"https://api.w.org/\"", base), None);
        assert_eq!(
            wp_v2_base("https://example.com/?rest_route=/&lang=ro"),
            "https://example.com/?rest_route=/wp/v2/&lang=ro"
        );
    }

    #[test]
    fn a_probe_confirms_with_a_list() {
        assert!(confirms(r#"[{"id": 1}]"#));
        assert!(confirms("[]"));
        assert!(!confirms(r#"{"code": "rest_no_route"}"#));
        assert!(!confirms("<!doctype html>"));
    }
}
