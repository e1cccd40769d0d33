//! WordPress REST API v2 (`/wp-json/wp/v2/posts`), with or without `_embed`.
//!
//! Without `_embed` only ids are known for author, media and terms; the post
//! still renders, just without byline, image and category names. A `_fields`
//! answer (the live list asks only for [`LIST_FIELDS`]) has no `content` and
//! no `_embedded` at all, and parses the same way.

use super::{collect_items, id_or_link, str_at, title_or_text, SourceError};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use crate::time::Instant;
use serde_json::Value;

/// What the Recent Posts list shows, and so all its polls ask for (`_fields`):
/// title, excerpt, time, the route (slug, or id) and the widget's link.
pub const LIST_FIELDS: &str = "id,date_gmt,modified_gmt,slug,link,title,excerpt";

/// A WordPress post collection is an array of objects with WordPress's
/// `{"rendered": …}` fields or its `date_gmt`.
pub fn detect(v: &Value) -> bool {
    match v {
        Value::Array(items) => items.first().is_none_or(is_post),
        Value::Object(_) => is_post(v),
        _ => false,
    }
}

fn is_post(v: &Value) -> bool {
    ["/title/rendered", "/content/rendered", "/excerpt/rendered"]
        .iter()
        .any(|p| v.pointer(p).is_some())
        || (v.get("id").is_some() && v.get("date_gmt").is_some())
}

/// Parses a collection (array) or a single post (object).
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![v],
        _ => return Err(SourceError::UnknownShape),
    };
    collect_items(items, |item| parse_post(item, base))
}

/// Parses one post object.
pub fn parse_post(v: &Value, base: &str) -> Result<Post, SourceError> {
    const KIND: &str = "WordPress REST v2";
    let rendered = |p: &str| v.pointer(p).and_then(Value::as_str).filter(|s| !s.trim().is_empty());
    let link = str_at(v, "link").map(|u| resolve_url(base, u));
    let id = match v.get("id") {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    };
    let id = id_or_link(KIND, id, link.as_deref())?;
    let title = title_or_text(
        KIND,
        rendered("/title/rendered"),
        &[rendered("/excerpt/rendered"), rendered("/content/rendered")],
    )?;
    let date = |gmt: &str, local: &str| {
        str_at(v, gmt)
            .and_then(Instant::parse_iso8601)
            .or_else(|| str_at(v, local).and_then(Instant::parse_iso8601))
    };
    let published = date("date_gmt", "date");
    let modified = date("modified_gmt", "modified").or(published);
    let embedded = v.get("_embedded");

    let authors = embedded
        .and_then(|e| e.get("author"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|au| {
                    let name = decode_entities(str_at(au, "name")?);
                    Some(Author {
                        name,
                        url: str_at(au, "link").map(|u| resolve_url(base, u)),
                        avatar: au
                            .get("avatar_urls")
                            .and_then(|m| m.get("96").or_else(|| m.get("48")))
                            .and_then(Value::as_str)
                            .map(|u| resolve_url(base, u)),
                    })
                })
                .collect()
        })
        .unwrap_or_default();

    let (mut categories, mut tags) = (Vec::new(), Vec::new());
    if let Some(groups) = embedded.and_then(|e| e.get("wp:term")).and_then(Value::as_array) {
        for term in groups.iter().filter_map(Value::as_array).flatten() {
            let Some(name) = str_at(term, "name") else { continue };
            let t = Term {
                id: term.get("id").map(|i| i.to_string().trim_matches('"').to_owned()),
                name: decode_entities(name),
                slug: str_at(term, "slug").map(str::to_owned),
                link: str_at(term, "link").map(|u| resolve_url(base, u)),
            };
            match str_at(term, "taxonomy") {
                Some("category") => categories.push(t),
                Some("post_tag") => tags.push(t),
                _ => {}
            }
        }
    } else if let Some(ids) = v.get("categories").and_then(Value::as_array) {
        // No `_embed`: keep ids so category routes still work.
        categories = ids
            .iter()
            .map(|i| Term {
                id: Some(i.to_string()),
                ..Default::default()
            })
            .collect();
    }

    let image = embedded
        .and_then(|e| e.get("wp:featuredmedia"))
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(|m| {
            let url = str_at(m, "source_url")?;
            let details = m.get("media_details");
            let dim = |k: &str| {
                details
                    .and_then(|d| d.get(k))
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok())
            };
            let srcset = details
                .and_then(|d| d.get("sizes"))
                .and_then(Value::as_object)
                .map(|sizes| {
                    let mut parts: Vec<(u64, String)> = sizes
                        .values()
                        .filter_map(|s| {
                            Some((
                                s.get("width")?.as_u64()?,
                                resolve_url(base, s.get("source_url")?.as_str()?),
                            ))
                        })
                        .collect();
                    parts.sort();
                    parts.dedup_by_key(|p| p.0);
                    parts
                        .iter()
                        .map(|(w, u)| format!("{u} {w}w"))
                        .collect::<Vec<_>>()
                        .join(", ")
                });
            Some(Image {
                url: resolve_url(base, url),
                alt: str_at(m, "alt_text").map(decode_entities).unwrap_or_default(),
                width: dim("width"),
                height: dim("height"),
                srcset: srcset.filter(|s| !s.is_empty()),
                caption: m
                    .pointer("/caption/rendered")
                    .and_then(Value::as_str)
                    .map(html_to_text)
                    .filter(|c| !c.is_empty()),
            })
        });

    Ok(Post {
        id,
        slug: str_at(v, "slug").map(str::to_owned),
        url: link,
        title,
        excerpt: v
            .pointer("/excerpt/rendered")
            .and_then(Value::as_str)
            .map(html_to_text)
            .unwrap_or_default(),
        content_html: v
            .pointer("/content/rendered")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        published,
        modified,
        authors,
        categories,
        tags,
        image,
        language: None,
        source: None,
    })
}

/// Reads `X-WP-Total` / `X-WP-TotalPages` into the page.
pub fn apply_headers(page: &mut PostPage, total: Option<&str>, total_pages: Option<&str>, current: u32) {
    page.total = total.and_then(|t| t.trim().parse().ok());
    page.has_more = total_pages
        .and_then(|t| t.trim().parse::<u32>().ok())
        .is_some_and(|n| current < n);
    page.next = page.has_more.then(|| NextPage::Page {
        page: u64::from(current) + 1,
    });
}

/// Whether an error answer means "that page is past the last one". WordPress
/// answers such a page with 400 `rest_post_invalid_page_number` rather than an
/// empty list (e.g. posts were deleted since the first page was read): the list
/// simply has no more, which is not an error for the reader.
pub fn is_past_last_page(status: u16, body: &Value) -> bool {
    status == 400 && str_at(body, "code") == Some("rest_post_invalid_page_number")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{parse_body, parse_list as parse_any, Kind};

    const EMBED: &str = include_str!("../../tests/fixtures/wp_posts_embed.json");
    const PLAIN: &str = include_str!("../../tests/fixtures/wp_posts_plain.json");

    #[test]
    fn parses_embedded_collection() {
        let v = parse_body(EMBED).unwrap();
        let (kind, page) = parse_any(&v, None, "http://news.test/wp-json/wp/v2/posts").unwrap();
        assert_eq!(kind, Kind::WordPress);
        let p = &page.posts[0];
        assert_eq!(p.id, "1001");
        assert_eq!(p.title, "„Teatru & muzică” în parcul central – programul complet…");
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T09:33:00Z");
        assert_eq!(p.byline().as_deref(), Some("Ioana Mureșan"));
        assert_eq!(p.categories[0].name, "Cultură");
        assert_eq!(p.tags[0].slug.as_deref(), Some("festival"));
        let img = p.image.as_ref().unwrap();
        assert_eq!(img.url, "http://news.test/media/post-1001.svg");
        assert_eq!((img.width, img.height), (Some(1200), Some(675)));
        assert!(img
            .srcset
            .as_deref()
            .unwrap()
            .starts_with("http://news.test/media/post-1001-300x169.svg 300w"));
        assert_eq!(p.excerpt, "Primăria anunță trei seri de spectacole gratuite …");
    }

    #[test]
    fn degrades_without_embed() {
        let v = parse_body(PLAIN).unwrap();
        let (_, page) = parse_any(&v, None, "http://news.test/").unwrap();
        let p = &page.posts[0];
        assert!(p.authors.is_empty());
        assert!(p.image.is_none());
        assert_eq!(p.categories[0].id.as_deref(), Some("4"));
        assert_eq!(p.title, "Știri fără diacritice si fara embed");
    }

    #[test]
    fn an_item_with_nothing_to_show_is_skipped_with_its_reason() {
        let v: Value = serde_json::json!([{"id": 1, "title": {"rendered": " "}, "date_gmt": "nope"}]);
        let err = parse_list(&v, "http://x/").unwrap_err();
        assert_eq!(
            err,
            SourceError::NoTitle {
                kind: "WordPress REST v2"
            }
        );
        let v: Value = serde_json::json!([{"title": {"rendered": "Fără id"}}]);
        let err = parse_list(&v, "http://x/").unwrap_err();
        assert!(err.to_string().contains("neither an id nor a link"), "{err}");
    }

    #[test]
    fn liberal_in_what_it_accepts() {
        let v = parse_body(include_str!("../../tests/fixtures/wp_posts_liberal.json")).unwrap();
        let (kind, page) = parse_any(&v, None, "http://news.test/wp-json/wp/v2/posts").unwrap();
        assert_eq!(kind, Kind::WordPress);
        let titles: Vec<&str> = page.posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Doar titlu, fără dată",
                "Un rezumat ține loc de titlu",
                "Fără id, dar cu legătură"
            ]
        );
        assert_eq!(page.posts[0].published, None, "no date: undated, not refused");
        assert_eq!(page.posts[0].modified, None);
        assert_eq!(page.posts[2].id, "http://news.test/articol/fara-id");
        assert_eq!(page.skipped, 2);
        assert!(page.warnings[0].starts_with("item 4 skipped") && page.warnings[0].contains("no title and no text"));
        assert!(
            page.warnings[1].starts_with("item 5 skipped") && page.warnings[1].contains("neither an id nor a link")
        );
    }

    #[test]
    fn a_fields_answer_is_enough_for_the_list() {
        let v = parse_body(include_str!("../../tests/fixtures/wp_posts_fields.json")).unwrap();
        let (kind, page) = parse_any(&v, None, "http://news.test/wp-json/wp/v2/posts").unwrap();
        assert_eq!(kind, Kind::WordPress);
        assert_eq!(page.posts.len(), 2);
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
        let p = &page.posts[0];
        assert_eq!(p.title, "Podul de pe strada Morii se redeschide");
        assert_eq!(p.excerpt, "Circulația revine vineri dimineață …");
        assert_eq!(p.route_key(), "podul-de-pe-strada-morii");
        assert_eq!(
            p.url.as_deref(),
            Some("http://news.test/articol/podul-de-pe-strada-morii")
        );
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T08:00:00Z");
        assert_eq!(p.modified.unwrap().to_rfc3339(), "2026-11-26T08:30:00Z");
        assert!(p.content_html.is_empty() && p.image.is_none() && p.authors.is_empty());
        // Every field the list shows is in LIST_FIELDS.
        for f in ["id", "date_gmt", "modified_gmt", "slug", "link", "title", "excerpt"] {
            assert!(LIST_FIELDS.split(',').any(|x| x == f), "{f}");
        }
    }

    #[test]
    fn headers_drive_paging() {
        let mut page = PostPage::default();
        apply_headers(&mut page, Some("34"), Some("4"), 1);
        assert_eq!(page.total, Some(34));
        assert!(page.has_more);
        assert_eq!(page.next, Some(NextPage::Page { page: 2 }));
        apply_headers(&mut page, Some("34"), Some("4"), 4);
        assert!(!page.has_more);
        apply_headers(&mut page, Some("x"), None, 1);
        assert_eq!(page.total, None);
    }

    #[test]
    fn a_page_past_the_last_is_told_apart_from_other_errors() {
        // WordPress 6.1's answer to `posts?page=3` when there are two pages.
        let past: Value = serde_json::from_str(
            r#"{"code":"rest_post_invalid_page_number","message":"The page number requested is larger than the number of pages available.","data":{"status":400}}"#,
        )
        .unwrap();
        assert!(is_past_last_page(400, &past));
        assert!(!is_past_last_page(404, &past));
        let bad_param: Value = serde_json::from_str(
            r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): per_page","data":{"status":400}}"#,
        )
        .unwrap();
        assert!(!is_past_last_page(400, &bad_param));
        assert!(!is_past_last_page(400, &Value::Null));
    }
}
