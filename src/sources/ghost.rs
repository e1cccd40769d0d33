//! Ghost Content API (`/ghost/api/content/posts/?key=…&include=authors,tags`).
//!
//! Pagination comes in the body (`meta.pagination`), not in headers. Tags
//! whose name starts with `#` (or `visibility: internal`) are Ghost's internal
//! tags and are never shown; the primary tag is the category.

use super::{collect_items, id_or_link, id_string, instant_of, str_at, title_or_text, u64_of, SourceError};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use serde_json::Value;

const KIND: &str = "Ghost Content API";

/// A Ghost answer is an object with a `posts` array (and usually `meta`).
pub fn detect(v: &Value) -> bool {
    v.get("posts").is_some_and(Value::is_array)
}

/// Parses a browse or read (`posts/slug/{slug}/`) response.
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    let items = v
        .get("posts")
        .and_then(Value::as_array)
        .ok_or(SourceError::MissingField {
            kind: KIND,
            field: "posts",
        })?;
    let mut page = collect_items(items, |p| parse_post(p, base))?;
    if let Some(pg) = v.pointer("/meta/pagination") {
        page.total = u64_of(pg.get("total"));
        page.next = u64_of(pg.get("next")).map(|page| NextPage::Page { page });
        page.has_more = page.next.is_some();
    }
    Ok(page)
}

fn term(t: &Value, base: &str) -> Option<Term> {
    let name = str_at(t, "name")?;
    let internal = name.starts_with('#') || str_at(t, "visibility") == Some("internal");
    (!internal).then(|| Term {
        id: id_string(t.get("id")),
        name: decode_entities(name),
        slug: str_at(t, "slug").map(str::to_owned),
        link: str_at(t, "url").map(|u| resolve_url(base, u)),
    })
}

fn parse_post(p: &Value, base: &str) -> Result<Post, SourceError> {
    let url = str_at(p, "url").map(|u| resolve_url(base, u));
    let id = id_or_link(KIND, id_string(p.get("id")), url.as_deref())?;
    let title = title_or_text(
        KIND,
        str_at(p, "title"),
        &[str_at(p, "custom_excerpt"), str_at(p, "excerpt"), str_at(p, "html")],
    )?;
    let published = instant_of(p.get("published_at")).or_else(|| instant_of(p.get("created_at")));
    let authors = p
        .get("authors")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect::<Vec<_>>())
        .or_else(|| p.get("primary_author").map(|a| vec![a]))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|a| {
            Some(Author {
                name: decode_entities(str_at(a, "name")?),
                url: str_at(a, "url").map(|u| resolve_url(base, u)),
                avatar: str_at(a, "profile_image").map(|u| resolve_url(base, u)),
            })
        })
        .collect();
    let tags: Vec<Term> = p
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| t.iter().filter_map(|t| term(t, base)).collect())
        .unwrap_or_default();
    let categories = p
        .get("primary_tag")
        .and_then(|t| term(t, base))
        .or_else(|| tags.first().cloned())
        .into_iter()
        .collect();
    let html = str_at(p, "html").unwrap_or_default().to_owned();
    Ok(Post {
        id,
        slug: str_at(p, "slug").map(str::to_owned),
        url,
        title,
        excerpt: str_at(p, "custom_excerpt")
            .or_else(|| str_at(p, "excerpt"))
            .map(html_to_text)
            .unwrap_or_else(|| html_to_text(&html)),
        content_html: html,
        published,
        modified: instant_of(p.get("updated_at")).max(published),
        authors,
        categories,
        tags,
        image: str_at(p, "feature_image").map(|u| Image {
            url: resolve_url(base, u),
            alt: str_at(p, "feature_image_alt").map(decode_entities).unwrap_or_default(),
            caption: str_at(p, "feature_image_caption")
                .map(html_to_text)
                .filter(|c| !c.is_empty()),
            ..Default::default()
        }),
        language: None,
        source: None,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::NextPage;
    use crate::sources::{parse_body, parse_list, Kind};

    #[test]
    fn parses_posts_with_pagination() {
        let v = parse_body(include_str!("../../tests/fixtures/ghost_posts.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://blog.test/ghost/api/content/posts/").unwrap();
        assert_eq!(kind, Kind::Ghost);
        assert_eq!(page.total, Some(7));
        assert_eq!(page.next, Some(NextPage::Page { page: 2 }));
        assert!(page.has_more);
        let p = &page.posts[0];
        assert_eq!(p.slug.as_deref(), Some("piata-de-sambata"));
        assert_eq!(p.title, "Piața de sâmbătă se mută în curtea școlii");
        assert_eq!(p.excerpt, "Tarabele se mută pentru trei luni.");
        assert_eq!(p.byline().as_deref(), Some("Ana Ionescu"));
        assert_eq!(
            p.authors[0].avatar.as_deref(),
            Some("https://blog.test/content/images/ana.png")
        );
        assert_eq!(p.categories[0].name, "Comunitate");
        // The internal `#hash` tag is hidden.
        assert_eq!(p.tags.len(), 2);
        let img = p.image.as_ref().unwrap();
        assert_eq!(img.alt, "Tarabe cu legume");
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-25T16:00:00Z");
        // No custom_excerpt: Ghost's generated excerpt.
        assert_eq!(page.posts[1].excerpt, "Un text scurt despre program.");
        assert!(page.posts[1].categories.is_empty());
    }

    #[test]
    fn posts_without_title_date_or_id() {
        let v = parse_body(include_str!("../../tests/fixtures/ghost_liberal.json")).unwrap();
        let (kind, page) = parse_list(&v, None, "https://blog.test/ghost/api/content/posts/").unwrap();
        assert_eq!(kind, Kind::Ghost);
        let p = &page.posts[0];
        assert_eq!((p.title.as_str(), p.published), ("Doar un rezumat scris de mână", None));
        assert_eq!(page.posts[1].id, "https://blog.test/fara-id/");
        assert_eq!(page.skipped, 1);
        assert!(
            page.warnings[0].contains("neither an id nor a link"),
            "{:?}",
            page.warnings
        );
    }
}
