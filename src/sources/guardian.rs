//! The Guardian Content API (`/search` with `show-fields` and `show-tags`).
//!
//! Everything but `id`, `webTitle`, `webUrl` and `webPublicationDate` lives in
//! optional `fields` (only what `show-fields` asked for) and `tags` (only with
//! `show-tags`), so every extra is optional here; so are those four, as long as
//! an id or a link and a title or some text are left. A single item
//! (`response.content`) parses like a one-item list.

use super::{collect_items, id_or_link, instant_of, str_at, str_ptr, title_or_text, u64_of, SourceError};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use serde_json::Value;

const KIND: &str = "Guardian Content API";

/// A Guardian answer wraps `results` (a list) or `content` (one item) in `response`.
pub fn detect(v: &Value) -> bool {
    v.get("response").is_some_and(|r| {
        r.get("results").is_some_and(Value::is_array) || r.get("content").is_some_and(Value::is_object)
    })
}

/// Parses a search (list) or item response, with its paging.
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    let r = v.get("response").ok_or(SourceError::MissingField {
        kind: KIND,
        field: "response",
    })?;
    let items: Vec<&Value> = match (r.get("results").and_then(Value::as_array), r.get("content")) {
        (Some(list), _) => list.iter().collect(),
        (None, Some(one)) => vec![one],
        (None, None) => {
            return Err(SourceError::MissingField {
                kind: KIND,
                field: "response.results",
            })
        }
    };
    let mut page = collect_items(items, |item| parse_item(item, base))?;
    page.total = u64_of(r.get("total"));
    if let (Some(cur), Some(pages)) = (u64_of(r.get("currentPage")), u64_of(r.get("pages"))) {
        page.has_more = cur < pages;
        page.next = page.has_more.then(|| NextPage::Page {
            page: cur.saturating_add(1),
        });
    }
    Ok(page)
}

fn parse_item(item: &Value, base: &str) -> Result<Post, SourceError> {
    let url = str_at(item, "webUrl").map(|u| resolve_url(base, u));
    let id = id_or_link(KIND, str_at(item, "id").map(str::to_owned), url.as_deref())?;
    let fields = item.get("fields").filter(|f| f.is_object());
    let field = |k: &str| fields.and_then(|f| str_at(f, k));
    let title = title_or_text(
        KIND,
        field("headline").or_else(|| str_at(item, "webTitle")),
        &[field("trailText"), field("standfirst"), field("body")],
    )?;
    let published = instant_of(item.get("webPublicationDate"))
        .or_else(|| instant_of(fields.and_then(|f| f.get("firstPublicationDate"))));
    let tags_of = |ty: &str| -> Vec<&Value> {
        item.get("tags")
            .and_then(Value::as_array)
            .map(|t| t.iter().filter(|t| str_at(t, "type") == Some(ty)).collect())
            .unwrap_or_default()
    };
    let mut authors: Vec<Author> = tags_of("contributor")
        .into_iter()
        .filter_map(|t| {
            Some(Author {
                name: decode_entities(str_at(t, "webTitle")?),
                url: str_at(t, "webUrl").map(|u| resolve_url(base, u)),
                avatar: str_at(t, "bylineImageUrl").map(|u| resolve_url(base, u)),
            })
        })
        .collect();
    if authors.is_empty() {
        if let Some(byline) = field("byline") {
            authors.push(Author {
                name: html_to_text(byline),
                ..Default::default()
            });
        }
    }
    let categories = str_at(item, "sectionName")
        .map(|name| Term {
            id: str_at(item, "sectionId").map(str::to_owned),
            name: decode_entities(name),
            slug: str_at(item, "sectionId").map(str::to_owned),
            link: None,
        })
        .into_iter()
        .collect();
    let tags = tags_of("keyword")
        .into_iter()
        .filter_map(|t| {
            let tid = str_at(t, "id")?;
            Some(Term {
                id: Some(tid.to_owned()),
                name: decode_entities(str_at(t, "webTitle")?),
                slug: tid.rsplit('/').next().map(str::to_owned),
                link: str_at(t, "webUrl").map(|u| resolve_url(base, u)),
            })
        })
        .collect();
    Ok(Post {
        slug: id.rsplit('/').next().filter(|s| !s.is_empty()).map(str::to_owned),
        id,
        url,
        title,
        excerpt: field("trailText")
            .or_else(|| field("standfirst"))
            .map(html_to_text)
            .unwrap_or_default(),
        content_html: field("body").unwrap_or_default().to_owned(),
        published,
        modified: instant_of(fields.and_then(|f| f.get("lastModified"))).or(published),
        authors,
        categories,
        tags,
        image: field("thumbnail").map(|u| Image {
            url: resolve_url(base, u),
            ..Default::default()
        }),
        language: field("lang").map(str::to_owned),
        source: str_ptr(item, "/fields/publication")
            .map(str::to_owned)
            .or_else(|| Some("The Guardian".to_owned())),
    })
}

#[cfg(test)]
mod tests {
    use crate::sources::{parse_body, parse_list, Kind};

    #[test]
    fn parses_search_with_fields_and_tags() {
        let v = parse_body(include_str!("../../tests/fixtures/guardian_search.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://content.guardianapis.com/search").unwrap();
        assert_eq!(kind, Kind::Guardian);
        assert_eq!(page.total, Some(412));
        assert!(page.has_more);
        assert_eq!(page.next, Some(crate::model::NextPage::Page { page: 2 }));
        let p = &page.posts[0];
        assert_eq!(p.id, "world/2026/nov/26/valley-bridge-reopens");
        assert_eq!(p.slug.as_deref(), Some("valley-bridge-reopens"));
        assert_eq!(p.title, "Valley bridge reopens after a year of repairs");
        assert_eq!(p.excerpt, "Commuters save 40 minutes as the crossing opens on Friday");
        assert!(p.content_html.starts_with("<p>"));
        assert_eq!(p.byline().as_deref(), Some("Jane Example"));
        assert_eq!(p.categories[0].name, "World news");
        assert_eq!(p.tags[0].slug.as_deref(), Some("infrastructure"));
        assert_eq!(p.image.as_ref().unwrap().url, "https://media.example/thumb/500.jpg");
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T07:30:00Z");
        assert_eq!(p.modified.unwrap().to_rfc3339(), "2026-11-26T09:05:00Z");
        // Without show-fields: webTitle, no body, byline from nowhere.
        let q = &page.posts[1];
        assert_eq!(q.title, "Minimal item & friends");
        assert!(q.content_html.is_empty() && q.authors.is_empty());
    }

    #[test]
    fn items_missing_their_usual_fields() {
        let v = parse_body(include_str!("../../tests/fixtures/guardian_liberal.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://content.guardianapis.com/search").unwrap();
        assert_eq!(kind, Kind::Guardian);
        let ids: Vec<&str> = page.posts.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "science/2026/nov/25/undated-item",
                "https://www.example.test/only-a-link"
            ]
        );
        assert_eq!(page.posts[0].published, None);
        assert_eq!(page.posts[1].title, "Only a trail text stands in for the headline");
        assert_eq!(page.skipped, 1);
        assert!(page.warnings[0].contains("no title and no text"), "{:?}", page.warnings);
    }
}
