//! dev.to / Forem (`/api/articles`, `/api/articles/{id}`).
//!
//! The list and the single article disagree: in lists `tag_list` is an array
//! and `tags` a comma-separated string; in a single article it is the other
//! way round. Only the single article has `body_html`.

use super::{collect_items, id_or_link, id_string, instant_of, str_at, title_or_text, SourceError};
use crate::model::{resolve_url, Author, Image, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use serde_json::Value;

const KIND: &str = "dev.to/Forem";

fn is_article(v: &Value) -> bool {
    str_at(v, "type_of") == Some("article")
}

/// Articles carry `type_of: "article"`; a list is an array of them.
pub fn detect(v: &Value) -> bool {
    match v {
        Value::Array(items) => items.first().is_some_and(is_article),
        Value::Object(_) => is_article(v),
        _ => false,
    }
}

/// Parses a list (array) or a single article (object).
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![v],
        _ => return Err(SourceError::UnknownShape),
    };
    collect_items(items, |a| parse_article(a, base))
}

/// Tag names from either representation: an array of strings or "a, b, c".
fn tag_names(v: &Value) -> Vec<String> {
    let from = |x: Option<&Value>| -> Option<Vec<String>> {
        match x? {
            Value::Array(a) => Some(a.iter().filter_map(Value::as_str).map(str::to_owned).collect()),
            Value::String(s) => Some(
                s.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => None,
        }
    };
    // Prefer whichever field is the array; both name the same tags.
    match (v.get("tag_list"), v.get("tags")) {
        (Some(Value::Array(_)), _) => from(v.get("tag_list")),
        (_, Some(Value::Array(_))) => from(v.get("tags")),
        _ => from(v.get("tag_list")).or_else(|| from(v.get("tags"))),
    }
    .unwrap_or_default()
}

fn parse_article(a: &Value, base: &str) -> Result<Post, SourceError> {
    let url = str_at(a, "url")
        .or_else(|| str_at(a, "path"))
        .or_else(|| str_at(a, "canonical_url"))
        .map(|u| resolve_url(base, u));
    let id = id_or_link(KIND, id_string(a.get("id")), url.as_deref())?;
    let title = title_or_text(
        KIND,
        str_at(a, "title"),
        &[str_at(a, "description"), str_at(a, "body_html")],
    )?;
    let published = instant_of(a.get("published_timestamp")).or_else(|| instant_of(a.get("published_at")));
    let user = a.get("user");
    let author = user.and_then(|u| {
        Some(Author {
            name: decode_entities(str_at(u, "name")?),
            url: str_at(u, "username").map(|n| resolve_url(base, &format!("/{n}"))),
            avatar: str_at(u, "profile_image_90")
                .or_else(|| str_at(u, "profile_image"))
                .map(|x| resolve_url(base, x)),
        })
    });
    Ok(Post {
        id,
        slug: str_at(a, "slug").map(str::to_owned),
        url,
        title,
        excerpt: str_at(a, "description").map(html_to_text).unwrap_or_default(),
        content_html: str_at(a, "body_html").unwrap_or_default().to_owned(),
        published,
        modified: instant_of(a.get("edited_at")).max(published),
        authors: author.into_iter().collect(),
        categories: Vec::new(),
        tags: tag_names(a)
            .into_iter()
            .map(|name| Term {
                slug: Some(crate::text::lowercase(&name)),
                name,
                ..Default::default()
            })
            .collect(),
        image: str_at(a, "cover_image").map(|u| Image {
            url: resolve_url(base, u),
            ..Default::default()
        }),
        language: str_at(a, "language").map(str::to_owned),
        source: a
            .pointer("/organization/name")
            .and_then(Value::as_str)
            .map(decode_entities),
    })
}

#[cfg(test)]
mod tests {
    use crate::sources::{parse_body, parse_list, Kind};

    #[test]
    fn list_and_single_tags_differ_but_parse_alike() {
        let list = parse_body(include_str!("../../tests/fixtures/devto_articles.json")).unwrap();
        let (kind, page) = parse_list(&list, None, "https://dev.to/api/articles").unwrap();
        assert_eq!(kind, Kind::DevTo);
        let p = &page.posts[0];
        assert_eq!(p.id, "4101");
        assert_eq!(p.slug.as_deref(), Some("scriem-teste-pentru-parsere-4k2j"));
        assert_eq!(p.title, "Scriem teste pentru parsere");
        let tags: Vec<_> = p.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(tags, ["rust", "testing"]);
        assert_eq!(p.byline().as_deref(), Some("Radu Test"));
        assert_eq!(p.authors[0].url.as_deref(), Some("https://dev.to/radutest"));
        assert!(p.content_html.is_empty(), "lists carry no body");
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-24T10:00:00Z");

        let one = parse_body(include_str!("../../tests/fixtures/devto_article.json")).unwrap();
        let (kind, page) = parse_list(&one, None, "https://dev.to/api/articles/4101").unwrap();
        assert_eq!(kind, Kind::DevTo);
        let q = &page.posts[0];
        let tags: Vec<_> = q.tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(tags, ["rust", "testing"]);
        assert!(q.content_html.contains("<h2"));
        assert_eq!(q.modified.unwrap().to_rfc3339(), "2026-11-24T12:30:00Z");
    }

    #[test]
    fn articles_without_title_date_or_id() {
        let v = parse_body(include_str!("../../tests/fixtures/devto_liberal.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://dev.to/api/articles").unwrap();
        assert_eq!(kind, Kind::DevTo);
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.posts[0].title, "O descriere în loc de titlu");
        assert_eq!(page.posts[0].published, None);
        assert_eq!(page.posts[1].id, "https://dev.to/radutest/fara-id");
        assert!(page.warnings[0].contains("item 3") && page.warnings[0].contains("no title and no text"));
    }
}
