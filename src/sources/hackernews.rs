//! Hacker News Firebase API v0 (`/v0/topstories.json`, `/v0/item/{id}.json`).
//!
//! A story list is only an array of ids; the client slices a page of ids and
//! fetches each item (see `web::api`). Items have `time` in Unix seconds, HTML
//! in `text`, and may be `null`, `deleted` or `dead`; those are skipped, and so
//! are comments (a story list names none, but an id may point at one).

use super::{collect_items, id_string, str_at, title_or_text, SourceError};
use crate::model::{resolve_url, Author, NextPage, Post, PostPage};
use crate::text::html_to_text;
use crate::time::Instant;
use serde_json::Value;

const KIND: &str = "Hacker News";
/// Where discussion pages and profiles live (the API host serves only JSON).
pub const SITE: &str = "https://news.ycombinator.com/";

/// The story ids of a list response, or `None` when it is not an id list.
pub fn id_list(v: &Value) -> Option<Vec<u64>> {
    let a = v.as_array()?;
    if a.is_empty() {
        return None;
    }
    a.iter().map(Value::as_u64).collect()
}

fn is_item(v: &Value) -> bool {
    v.get("id").is_some_and(Value::is_u64)
        && matches!(
            str_at(v, "type"),
            Some("story" | "job" | "poll" | "comment" | "pollopt")
        )
}

/// An id list, an array of items (nulls allowed), or one item.
pub fn detect(v: &Value) -> bool {
    id_list(v).is_some()
        || match v {
            Value::Array(a) => a.iter().find(|x| !x.is_null()).is_some_and(is_item),
            Value::Object(_) => is_item(v),
            _ => false,
        }
}

/// The ids of page `page` (1-based) and the offset after it.
pub fn slice(ids: &[u64], page: u32, per_page: usize) -> (&[u64], Option<u64>) {
    let start = (page.max(1) as usize - 1).saturating_mul(per_page).min(ids.len());
    let end = start.saturating_add(per_page).min(ids.len());
    (&ids[start..end], (end < ids.len()).then_some(end as u64))
}

/// Parses fetched items (an array, possibly with nulls, or one item).
///
/// Given a bare id list, returns an empty page whose `next` points at the first
/// item and whose total is the list length: items need their own requests.
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    if let Some(ids) = id_list(v) {
        return Ok(PostPage {
            total: Some(ids.len() as u64),
            has_more: true,
            next: Some(NextPage::Offset { offset: 0 }),
            warnings: vec![format!(
                "a Hacker News id list of {} stories: the app fetches each item from item/<id>.json",
                ids.len()
            )],
            ..Default::default()
        });
    }
    let items: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![v],
        _ => return Err(SourceError::UnknownShape),
    };
    collect_items(items, |item| parse_item(item, base))
}

fn parse_item(item: &Value, base: &str) -> Result<Post, SourceError> {
    let not_shown = |why| SourceError::NotShown { kind: KIND, why };
    if item.is_null() {
        return Err(not_shown("null (no such item, or it failed to load)"));
    }
    let id = id_string(item.get("id")).ok_or(SourceError::NoId { kind: KIND })?;
    if item.get("deleted") == Some(&Value::Bool(true)) {
        return Err(not_shown("deleted"));
    }
    if item.get("dead") == Some(&Value::Bool(true)) {
        return Err(not_shown("dead (flagged or killed)"));
    }
    if matches!(str_at(item, "type"), Some("comment" | "pollopt")) {
        return Err(not_shown("a comment, not a story"));
    }
    let title = title_or_text(KIND, str_at(item, "title"), &[str_at(item, "text")])?;
    let published = item.get("time").and_then(Value::as_i64).map(Instant::from_unix_seconds);
    let discussion = format!("{SITE}item?id={id}");
    let text = str_at(item, "text").unwrap_or_default();
    Ok(Post {
        url: Some(
            str_at(item, "url")
                .map(|u| resolve_url(base, u))
                .unwrap_or_else(|| discussion.clone()),
        ),
        slug: None,
        title,
        excerpt: html_to_text(text),
        content_html: if text.is_empty() {
            format!("<p><a href=\"{discussion}\">{discussion}</a></p>")
        } else {
            text.to_owned()
        },
        published,
        modified: published,
        authors: str_at(item, "by")
            .map(|by| Author {
                name: by.to_owned(),
                url: Some(format!("{SITE}user?id={}", crate::endpoints::encode_query_value(by))),
                avatar: None,
            })
            .into_iter()
            .collect(),
        categories: Vec::new(),
        tags: Vec::new(),
        image: None,
        language: Some("en".into()),
        source: Some("Hacker News".into()),
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{parse_body, parse_list as parse_any, Kind};

    #[test]
    fn id_list_then_items() {
        let ids = parse_body(include_str!("../../tests/fixtures/hn_topstories.json")).unwrap();
        let (kind, page) = parse_any(&ids, None, "https://hacker-news.firebaseio.com/v0/topstories.json").unwrap();
        assert_eq!(kind, Kind::HackerNews);
        assert!(page.posts.is_empty());
        assert_eq!(page.total, Some(12));
        let list = id_list(&ids).unwrap();
        let (first, next) = slice(&list, 1, 5);
        assert_eq!(first, &[41001, 41002, 41003, 41004, 41005]);
        assert_eq!(next, Some(5));
        assert_eq!(slice(&list, 3, 5), (&list[10..], None));
        assert_eq!(slice(&list, 9, 5).0.len(), 0);

        let items = parse_body(include_str!("../../tests/fixtures/hn_items.json")).unwrap();
        let (kind, page) = parse_any(&items, None, "https://hacker-news.firebaseio.com/v0/item/").unwrap();
        assert_eq!(kind, Kind::HackerNews);
        let p = &page.posts[0];
        assert_eq!(p.id, "41001");
        assert_eq!(p.title, "Show HN: A tiny parser for news APIs");
        assert_eq!(p.url.as_deref(), Some("https://parser.example/"));
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T08:00:00Z");
        assert_eq!(p.byline().as_deref(), Some("ana_dev"));
        // Ask HN: text is HTML and the discussion is the URL.
        let q = &page.posts[1];
        assert_eq!(q.url.as_deref(), Some("https://news.ycombinator.com/item?id=41002"));
        assert!(q.content_html.contains("<p>"));
        assert_eq!(q.excerpt, "How do you test adapters? I use fixtures & properties.");
        // A null, a deleted item and a comment are skipped with warnings.
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.warnings.len(), 3, "{:?}", page.warnings);
        for why in ["null", "deleted", "a comment"] {
            assert!(
                page.warnings.iter().any(|w| w.contains(why)),
                "{why}: {:?}",
                page.warnings
            );
        }
    }

    #[test]
    fn stories_without_time_or_title() {
        let v = parse_body(include_str!("../../tests/fixtures/hn_liberal.json")).unwrap();
        let (kind, page) = parse_any(&v, None, "https://hacker-news.firebaseio.com/v0/item/").unwrap();
        assert_eq!(kind, Kind::HackerNews);
        assert_eq!(page.posts[0].published, None);
        assert_eq!(
            page.posts[1].title,
            "No title here, only a question: how do you cache feeds?"
        );
        assert_eq!(page.skipped, 1);
        assert!(page.warnings[0].contains("no title and no text"), "{:?}", page.warnings);
    }
}
