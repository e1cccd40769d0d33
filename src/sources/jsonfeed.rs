//! JSON Feed 1.0 and 1.1 (`version` URL, `items`, `next_url`).

use super::{collect_items, id_string, slug_from_url, str_at, text_to_html, SourceError};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, excerpt, html_to_text};
use crate::time::Instant;
use serde_json::Value;

/// A JSON Feed is an object whose `version` names jsonfeed.org and has `items`.
pub fn detect(v: &Value) -> bool {
    str_at(v, "version").is_some_and(|s| s.contains("jsonfeed.org/version/")) && v.get("items").is_some()
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
        let id = id_string(item.get("id")).ok_or(SourceError::MissingField {
            kind: KIND,
            field: "id",
        })?;
        let published =
            str_at(item, "date_published")
                .and_then(Instant::parse_iso8601)
                .ok_or(SourceError::MissingField {
                    kind: KIND,
                    field: "date_published",
                })?;
        let content_html = str_at(item, "content_html")
            .map(str::to_owned)
            .or_else(|| str_at(item, "content_text").map(text_to_html))
            .unwrap_or_default();
        let summary = str_at(item, "summary").map(html_to_text);
        let url = str_at(item, "url")
            .or_else(|| str_at(item, "external_url"))
            .map(|u| resolve_url(base, u));
        let item_authors = authors(item, base);
        Ok(Post {
            slug: url.as_deref().and_then(slug_from_url).or_else(|| Some(id.clone())),
            id,
            url,
            // Titles are optional in JSON Feed (microblogs): fall back to the
            // summary, then to the start of the text, so no card is blank.
            title: str_at(item, "title")
                .map(html_to_text)
                .filter(|t| !t.is_empty())
                .or_else(|| summary.clone())
                .unwrap_or_else(|| excerpt(&html_to_text(&content_html), 80)),
            excerpt: summary.unwrap_or_else(|| html_to_text(&content_html)),
            content_html,
            published,
            modified: str_at(item, "date_modified")
                .and_then(Instant::parse_iso8601)
                .unwrap_or(published),
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
        assert_eq!(p.published.to_rfc3339(), "2026-11-25T16:00:00Z");
        assert_eq!(p.modified.to_rfc3339(), "2026-11-25T17:00:00Z");
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
}
