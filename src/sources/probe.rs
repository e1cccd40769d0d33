//! The logic of the probe tool (`cargo run --example probe -- file.json`):
//! run a saved API response through detection and the adapters and show the
//! normalized result, so a publisher can check an API before deploying.
//!
//! It lives in the library so it is tested on the host against every fixture;
//! the example is only argument handling around [`probe`].

use super::mapping::Mapping;
use super::{parse_body, parse_list_with, Kind, SourceError};
use crate::model::Post;
use serde_json::{json, Value};

/// Parses `body` (forced `kind` or auto-detected, with an optional custom
/// mapping) into `{"detected", "items", "warnings", "next", "total"}`.
///
/// `base` stands in for the URL the response came from, to resolve relative links.
pub fn probe(body: &str, kind: Option<Kind>, mapping: Option<&Mapping>, base: &str) -> Result<Value, SourceError> {
    let v = parse_body(body)?;
    let (kind, page) = parse_list_with(&v, kind, base, mapping)?;
    Ok(json!({
        "detected": kind.key(),
        "items": page.posts.iter().map(post_json).collect::<Vec<_>>(),
        "warnings": page.warnings,
        "next": page.next,
        "total": page.total,
    }))
}

/// One normalized post, with dates as RFC 3339 text instead of milliseconds
/// (`null` for an undated post).
pub fn post_json(p: &Post) -> Value {
    let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
    if let Some(o) = v.as_object_mut() {
        o.insert("published".into(), p.published.map(|t| t.to_rfc3339()).into());
        o.insert("modified".into(), p.modified.map(|t| t.to_rfc3339()).into());
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixture, the kind the probe must report, and how many items it must keep.
    const FIXTURES: &[(&str, &str, &str, usize)] = &[
        (
            "wp_posts_embed.json",
            include_str!("../../tests/fixtures/wp_posts_embed.json"),
            "wordpress",
            1,
        ),
        (
            "wp_posts_plain.json",
            include_str!("../../tests/fixtures/wp_posts_plain.json"),
            "wordpress",
            1,
        ),
        (
            "wp_post_single.json",
            include_str!("../../tests/fixtures/wp_post_single.json"),
            "wordpress",
            1,
        ),
        (
            "feed_1_1.json",
            include_str!("../../tests/fixtures/feed_1_1.json"),
            "jsonfeed",
            2,
        ),
        (
            "feed_1_0.json",
            include_str!("../../tests/fixtures/feed_1_0.json"),
            "jsonfeed",
            2,
        ),
        (
            "newsapi_top_headlines.json",
            include_str!("../../tests/fixtures/newsapi_top_headlines.json"),
            "newsapi",
            2,
        ),
        (
            "newsapi_everything.json",
            include_str!("../../tests/fixtures/newsapi_everything.json"),
            "newsapi",
            1,
        ),
        (
            "guardian_search.json",
            include_str!("../../tests/fixtures/guardian_search.json"),
            "guardian",
            3,
        ),
        (
            "guardian_item.json",
            include_str!("../../tests/fixtures/guardian_item.json"),
            "guardian",
            1,
        ),
        (
            "ghost_posts.json",
            include_str!("../../tests/fixtures/ghost_posts.json"),
            "ghost",
            2,
        ),
        (
            "devto_articles.json",
            include_str!("../../tests/fixtures/devto_articles.json"),
            "devto",
            2,
        ),
        (
            "devto_article.json",
            include_str!("../../tests/fixtures/devto_article.json"),
            "devto",
            1,
        ),
        (
            "hn_topstories.json",
            include_str!("../../tests/fixtures/hn_topstories.json"),
            "hackernews",
            0,
        ),
        (
            "hn_items.json",
            include_str!("../../tests/fixtures/hn_items.json"),
            "hackernews",
            2,
        ),
        (
            "hn_item.json",
            include_str!("../../tests/fixtures/hn_item.json"),
            "hackernews",
            1,
        ),
        (
            "wp_posts_liberal.json",
            include_str!("../../tests/fixtures/wp_posts_liberal.json"),
            "wordpress",
            3,
        ),
        (
            "wp_posts_fields.json",
            include_str!("../../tests/fixtures/wp_posts_fields.json"),
            "wordpress",
            2,
        ),
        (
            "feed_minimal.json",
            include_str!("../../tests/fixtures/feed_minimal.json"),
            "jsonfeed",
            3,
        ),
        (
            "feed_liberal.json",
            include_str!("../../tests/fixtures/feed_liberal.json"),
            "jsonfeed",
            3,
        ),
        (
            "newsapi_liberal.json",
            include_str!("../../tests/fixtures/newsapi_liberal.json"),
            "newsapi",
            2,
        ),
        (
            "guardian_liberal.json",
            include_str!("../../tests/fixtures/guardian_liberal.json"),
            "guardian",
            2,
        ),
        (
            "ghost_liberal.json",
            include_str!("../../tests/fixtures/ghost_liberal.json"),
            "ghost",
            2,
        ),
        (
            "devto_liberal.json",
            include_str!("../../tests/fixtures/devto_liberal.json"),
            "devto",
            2,
        ),
        (
            "hn_liberal.json",
            include_str!("../../tests/fixtures/hn_liberal.json"),
            "hackernews",
            2,
        ),
    ];

    #[test]
    fn probe_recognizes_every_fixture() {
        for (name, body, kind, count) in FIXTURES {
            let out = probe(body, None, None, "https://api.test/v1/").unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(out["detected"], *kind, "{name}");
            let items = out["items"].as_array().unwrap();
            assert_eq!(items.len(), *count, "{name}: {out:#}");
            for item in items {
                assert!(item["title"].as_str().is_some_and(|t| !t.is_empty()), "{name}: {item}");
                assert!(item["id"].as_str().is_some_and(|t| !t.is_empty()), "{name}: {item}");
                // RFC 3339, or null for an undated item.
                if let Some(date) = item["published"].as_str() {
                    assert!(date.ends_with('Z') && date.len() >= 20, "{name}: {date}");
                } else {
                    assert!(item["published"].is_null(), "{name}: {item}");
                }
                for url in [&item["url"], &item["image"]["url"]] {
                    if let Some(u) = url.as_str() {
                        assert!(u.starts_with("http"), "{name}: relative URL left: {u}");
                    }
                }
            }
            assert!(out["warnings"].is_array(), "{name}");
        }
    }

    #[test]
    fn probe_with_mapping_and_next() {
        let m: Mapping = serde_json::from_str(include_str!("../../tests/fixtures/custom_mapping.json")).unwrap();
        let body = include_str!("../../tests/fixtures/custom_api.json");
        let out = probe(body, None, Some(&m), "https://stiri.test/api/v1/stories").unwrap();
        assert_eq!(out["detected"], "custom");
        assert_eq!(
            out["next"],
            json!({"type": "url", "url": "https://stiri.test/api/v1/stories?cursor=abc"})
        );
        assert_eq!(out["warnings"].as_array().unwrap().len(), 1);
        // Without the mapping the same body is an unknown shape.
        assert_eq!(probe(body, None, None, "x"), Err(SourceError::UnknownShape));
    }

    #[test]
    fn probe_errors_are_clear() {
        assert_eq!(
            probe("<!doctype html><p>", None, None, "x"),
            Err(SourceError::HtmlInsteadOfJson)
        );
        let e = probe(
            r#"{"status":"error","code":"rateLimited","message":"Too many requests."}"#,
            None,
            None,
            "x",
        );
        assert!(e.unwrap_err().to_string().contains("Too many requests."));
        let e = probe(r#"[{"id": 1, "title": {"rendered": " "}}]"#, None, None, "x").unwrap_err();
        assert!(e.to_string().contains("no title and no text"), "{e}");
    }
}
