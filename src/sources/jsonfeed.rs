//! JSON Feed 1.0 and 1.1 (`version` URL, `items`, `next_url`).
//!
//! Read the way other feed readers read it: an item without `id` is known by
//! its `url`, one without `date_published` stays undated in the feed's order
//! (the spec makes the date optional), one without `title` gets the start of
//! its summary or text, and a feed whose `version` is missing or misspelt is
//! still recognized by its shape.

use super::{collect_items, id_or_link, id_string, slug_from_url, str_at, text_to_html, title_or_text, SourceError};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use crate::time::Instant;
use serde_json::Value;

/// Whether `version` names the spec (`https://jsonfeed.org/version/1.1`).
pub fn has_spec_version(v: &Value) -> bool {
    str_at(v, "version").is_some_and(|s| s.contains("jsonfeed.org/version/"))
}

/// A JSON Feed is an object with an `items` array and either the spec's
/// `version` or the feed's own marks: a top-level `title`, `home_page_url` or
/// `feed_url`, and items (if any) with JSON Feed's item fields.
pub fn detect(v: &Value) -> bool {
    let Some(items) = v.get("items").and_then(Value::as_array) else {
        return false;
    };
    if has_spec_version(v) {
        return true;
    }
    let feed_marks = ["title", "home_page_url", "feed_url"]
        .iter()
        .any(|k| str_at(v, k).is_some());
    let item_marks = |i: &Value| {
        [
            "content_html",
            "content_text",
            "summary",
            "date_published",
            "url",
            "external_url",
        ]
        .iter()
        .any(|k| i.get(k).is_some_and(Value::is_string))
    };
    feed_marks && items.first().is_none_or(item_marks)
}

/// Parses a whole feed document.
pub fn parse_feed(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    const KIND: &str = "JSON Feed";
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .ok_or(SourceError::MissingField {
            kind: KIND,
            field: "items",
        })?;
    let feed_title = str_at(v, "title").map(decode_entities);
    let feed_lang = str_at(v, "language").map(str::to_owned);
    let feed_authors = authors(v, base);
    let mut page = collect_items(items, |item| {
        let url = str_at(item, "url")
            .or_else(|| str_at(item, "external_url"))
            .map(|u| resolve_url(base, u));
        let id = id_or_link(KIND, id_string(item.get("id")), url.as_deref())?;
        let date = |k: &str| str_at(item, k).and_then(Instant::parse_iso8601);
        let published = date("date_published").or_else(|| date("date_modified"));
        let content_html = str_at(item, "content_html")
            .map(str::to_owned)
            .or_else(|| str_at(item, "content_text").map(text_to_html))
            .unwrap_or_default();
        let summary = str_at(item, "summary").map(html_to_text);
        let title = title_or_text(
            KIND,
            str_at(item, "title"),
            &[summary.as_deref(), Some(content_html.as_str())],
        )?;
        let item_authors = authors(item, base);
        Ok(Post {
            slug: url.as_deref().and_then(slug_from_url).or_else(|| Some(id.clone())),
            id,
            url,
            title,
            excerpt: summary.unwrap_or_else(|| html_to_text(&content_html)),
            content_html,
            published,
            modified: date("date_modified").or(published),
            authors: if item_authors.is_empty() {
                feed_authors.clone()
            } else {
                item_authors
            },
            categories: Vec::new(),
            tags: item
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| {
                    t.iter()
                        .filter_map(Value::as_str)
                        .map(|n| Term {
                            name: n.to_owned(),
                            ..Default::default()
                        })
                        .collect()
                })
                .unwrap_or_default(),
            image: str_at(item, "image")
                .or_else(|| str_at(item, "banner_image"))
                .map(|u| Image {
                    url: resolve_url(base, u),
                    ..Default::default()
                }),
            language: str_at(item, "language")
                .map(str::to_owned)
                .or_else(|| feed_lang.clone()),
            source: feed_title.clone(),
        })
    })?;
    page.next = str_at(v, "next_url").map(|u| NextPage::Url {
        url: resolve_url(base, u),
    });
    page.has_more = page.next.is_some();
    // Without a next page, the document is the whole feed: say how big it is.
    if !page.has_more {
        page.total = Some((page.posts.len() + page.skipped) as u64);
    }
    Ok(page)
}

/// 1.1 has `authors` (array); 1.0 has `author` (object).
fn authors(v: &Value, base: &str) -> Vec<Author> {
    let one = |a: &Value| {
        Some(Author {
            name: decode_entities(str_at(a, "name")?),
            url: str_at(a, "url").map(|u| resolve_url(base, u)),
            avatar: str_at(a, "avatar").map(|u| resolve_url(base, u)),
        })
    };
    if let Some(list) = v.get("authors").and_then(Value::as_array) {
        list.iter().filter_map(one).collect()
    } else {
        v.get("author").and_then(one).into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::sources::{parse_body, parse_list, Kind};

    #[test]
    fn parses_feed_1_1() {
        let v = parse_body(include_str!("../../tests/fixtures/feed_1_1.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "http://news.test/feed.json").unwrap();
        assert_eq!(kind, Kind::JsonFeed);
        assert!(page.has_more);
        assert_eq!(
            page.next,
            Some(crate::model::NextPage::Url {
                url: "http://news.test/feed.json?page=2".into()
            })
        );
        let p = &page.posts[0];
        assert_eq!(p.slug.as_deref(), Some("o-stire"));
        assert_eq!(p.title, "O știre „de test”");
        assert_eq!(p.authors[0].name, "Redacția");
        assert_eq!(p.image.as_ref().unwrap().url, "http://news.test/media/a.svg");
        assert_eq!(p.language.as_deref(), Some("ro"));
        // 1.0 author and content_text fallback
        let q = &page.posts[1];
        assert_eq!(q.authors[0].name, "Ana");
        assert_eq!(q.title, "Primul <rând> Al doilea");
        assert_eq!(q.content_html, "<p>Primul &lt;rând&gt;</p><p>Al doilea</p>");
    }

    #[test]
    fn parses_feed_1_0_with_feed_level_author() {
        let v = parse_body(include_str!("../../tests/fixtures/feed_1_0.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://jurnal.test/feed.json").unwrap();
        assert_eq!(kind, Kind::JsonFeed);
        let p = &page.posts[0];
        assert_eq!(p.slug.as_deref(), Some("prima"));
        assert_eq!(p.authors[0].name, "Redacția Jurnalului", "1.0 `author` at feed level");
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-25T16:00:00Z");
        assert_eq!(p.modified.unwrap().to_rfc3339(), "2026-11-25T17:00:00Z");
        assert_eq!(p.source.as_deref(), Some("Jurnalul de test"));
        // Numeric id, no title: the summary stands in.
        let q = &page.posts[1];
        assert_eq!((q.id.as_str(), q.title.as_str()), ("2", "O notă scurtă"));
        assert_eq!(
            page.next,
            Some(crate::model::NextPage::Url {
                url: "https://jurnal.test/feed.json?pagina=2".into()
            })
        );
    }

    #[test]
    fn the_simplest_feed_has_no_dates_and_keeps_its_order() {
        let v = parse_body(include_str!("../../tests/fixtures/feed_minimal.json")).unwrap();
        let (kind, mut page) = parse_list(&v, None, "https://note.test/feed.json").unwrap();
        assert_eq!(kind, Kind::JsonFeed);
        assert!(page.warnings.is_empty(), "{:?}", page.warnings);
        crate::model::sort_newest_first(&mut page.posts);
        let ids: Vec<&str> = page.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["3", "1", "2"], "feed order");
        assert!(page.posts.iter().all(|p| p.published.is_none()));
        assert_eq!(page.posts[0].title, "A short note with no title, just text.");
    }

    #[test]
    fn missing_ids_fall_back_to_urls_and_empty_items_are_named() {
        let v = parse_body(include_str!("../../tests/fixtures/feed_liberal.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://jurnal.test/feed.json").unwrap();
        assert_eq!(kind, Kind::JsonFeed, "detected by shape: `version` is not the spec URL");
        let ids: Vec<&str> = page.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["https://jurnal.test/fara-id", "https://alt.test/extern", "4"]);
        assert_eq!(page.posts[0].slug.as_deref(), Some("fara-id"));
        assert_eq!(
            page.posts[2].published.unwrap().to_rfc3339(),
            "2026-11-20T10:00:00Z",
            "date_modified stands in for a missing date_published"
        );
        assert_eq!(page.skipped, 2);
        assert!(page.warnings[0].contains("item 4") && page.warnings[0].contains("neither an id nor a link"));
        assert!(page.warnings[1].contains("item 5") && page.warnings[1].contains("no title and no text"));
    }

    #[test]
    fn shape_detection_does_not_take_other_apis() {
        use serde_json::json;
        assert!(super::detect(&json!({"title": "t", "items": []})));
        assert!(
            !super::detect(&json!({"items": [{"url": "https://x.test/"}]})),
            "no feed marks"
        );
        assert!(!super::detect(&json!({"title": "t", "items": [{"headline": "h"}]})));
        assert!(!super::detect(&json!({"title": "t", "items": {}})));
        assert_eq!(
            crate::sources::detect(&json!({"title": "t", "items": [{"content_text": "x"}]})),
            Some(Kind::JsonFeed)
        );
    }
}
