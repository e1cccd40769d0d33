//! NewsAPI.org `/v2/top-headlines` and `/v2/everything`.
//!
//! Every field but `url` and `title` may be null, and `content` is cut by the
//! API to about 200 characters followed by `"[+N chars]"`; the marker is
//! dropped and replaced by an ellipsis so readers don't see API plumbing.
//! Articles have no id or slug, so the URL is the id and its last path
//! segment the slug: an article without `url` cannot be shown. One without a
//! title gets the start of its description; `"[Removed]"` marks an article
//! the publisher withdrew, which is skipped.

use super::{
    collect_items, id_or_link, instant_of, slug_from_url, str_at, str_ptr, text_to_html, title_or_text, u64_of,
    SourceError,
};
use crate::model::{resolve_url, Author, Image, Post, PostPage};
use crate::text::{decode_entities, html_to_text};
use serde_json::Value;

const KIND: &str = "NewsAPI.org";

/// A NewsAPI answer is an object with an `articles` array (and `status: "ok"`).
pub fn detect(v: &Value) -> bool {
    v.get("articles").is_some_and(Value::is_array) && v.get("status").is_none_or(|s| s == "ok")
}

/// Parses a `top-headlines` or `everything` response.
pub fn parse_list(v: &Value, base: &str) -> Result<PostPage, SourceError> {
    let items = v
        .get("articles")
        .and_then(Value::as_array)
        .ok_or(SourceError::MissingField {
            kind: KIND,
            field: "articles",
        })?;
    let mut page = collect_items(items, |a| parse_article(a, base))?;
    page.total = u64_of(v.get("totalResults"));
    Ok(page)
}

fn parse_article(a: &Value, base: &str) -> Result<Post, SourceError> {
    let url = str_at(a, "url").map(|u| resolve_url(base, u));
    let url = id_or_link(KIND, None, url.as_deref())?;
    let source = str_ptr(a, "/source/name").map(decode_entities);
    let content = str_at(a, "content").map(strip_char_count).unwrap_or_default();
    // "[Removed]" marks articles the publisher withdrew.
    if str_at(a, "title").map(str::trim) == Some("[Removed]") {
        return Err(SourceError::NotShown {
            kind: KIND,
            why: "marked [Removed] (withdrawn by its publisher)",
        });
    }
    let mut title = title_or_text(
        KIND,
        str_at(a, "title"),
        &[str_at(a, "description"), Some(content.as_str())],
    )?;
    // Headlines end in " - Outlet"; the outlet is shown separately.
    if let Some(src) = &source {
        if let Some(stripped) = title.strip_suffix(src.as_str()).and_then(|t| t.strip_suffix(" - ")) {
            if !stripped.trim().is_empty() {
                title = stripped.trim_end().to_owned();
            }
        }
    }
    let published = instant_of(a.get("publishedAt"));
    let excerpt = str_at(a, "description").map(html_to_text).unwrap_or_default();
    Ok(Post {
        id: url.clone(),
        slug: slug_from_url(&url),
        url: Some(url),
        title,
        content_html: if content.is_empty() {
            text_to_html(&excerpt)
        } else {
            text_to_html(&content)
        },
        excerpt,
        published,
        modified: published,
        authors: str_at(a, "author")
            .filter(|n| !n.starts_with("http"))
            .map(|n| Author {
                name: html_to_text(n),
                ..Default::default()
            })
            .into_iter()
            .collect(),
        categories: Vec::new(),
        tags: Vec::new(),
        image: str_at(a, "urlToImage").map(|u| Image {
            url: resolve_url(base, u),
            ..Default::default()
        }),
        language: None,
        source,
    })
}

/// Drops NewsAPI's trailing `"[+1234 chars]"` and marks the cut with `…`.
pub fn strip_char_count(content: &str) -> String {
    let text = html_to_text(content);
    let Some(open) = text.rfind("[+") else { return text };
    let tail = &text[open..];
    let is_marker = tail.ends_with(" chars]")
        && tail["[+".len()..tail.len() - " chars]".len()]
            .bytes()
            .all(|b| b.is_ascii_digit());
    if !is_marker || tail.len() <= "[+ chars]".len() {
        return text;
    }
    let kept = text[..open].trim_end().trim_end_matches('…').trim_end();
    if kept.is_empty() {
        String::new()
    } else {
        format!("{kept}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{parse_body, parse_list as parse_any, Kind};

    const TOP: &str = include_str!("../../tests/fixtures/newsapi_top_headlines.json");

    #[test]
    fn parses_top_headlines_with_nulls() {
        let v = parse_body(TOP).unwrap();
        let (kind, page) = parse_any(&v, None, "https://newsapi.org/v2/top-headlines?country=ro").unwrap();
        assert_eq!(kind, Kind::NewsApi);
        assert_eq!(page.total, Some(38));
        let p = &page.posts[0];
        assert_eq!(
            p.title,
            "Consiliul local aprobă bugetul pentru noul parc din Valea Verde"
        );
        assert_eq!(p.source.as_deref(), Some("Gazeta de Test"));
        assert_eq!(p.byline().as_deref(), Some("Maria Popescu"));
        assert_eq!(
            p.url.as_deref(),
            Some("https://gazeta.test/local/buget-parc-valea-verde")
        );
        assert_eq!(p.slug.as_deref(), Some("buget-parc-valea-verde"));
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T08:15:00Z");
        assert!(p.content_html.ends_with("…</p>"), "{}", p.content_html);
        assert!(!p.content_html.contains("chars]"));
        assert_eq!(p.image.as_ref().unwrap().url, "https://gazeta.test/img/parc.jpg");
        // Nulls everywhere but url, title and date: still a post.
        let q = &page.posts[1];
        assert!(q.authors.is_empty() && q.image.is_none() && q.excerpt.is_empty());
        // The removed article and the one without url are skipped with warnings.
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.warnings.len(), 2, "{:?}", page.warnings);
        assert!(page.warnings.iter().any(|w| w.contains("neither an id nor a link")));
        assert!(page.warnings.iter().any(|w| w.contains("[Removed]")));
    }

    #[test]
    fn undated_and_untitled_articles_still_show() {
        let v = parse_body(include_str!("../../tests/fixtures/newsapi_liberal.json")).unwrap();
        let (_, page) = parse_any(&v, Some(Kind::NewsApi), "https://newsapi.org/v2/everything").unwrap();
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.posts[0].published, None);
        assert_eq!(page.posts[1].title, "Doar o descriere, fără titlu");
        assert_eq!(page.warnings.len(), 1);
        assert!(page.warnings[0].starts_with("item 3 skipped") && page.warnings[0].contains("no title and no text"));
    }

    #[test]
    fn char_count_marker() {
        assert_eq!(strip_char_count("Primele rânduri… [+2345 chars]"), "Primele rânduri…");
        assert_eq!(strip_char_count("Text [+12 chars]"), "Text…");
        assert_eq!(strip_char_count("Fără marcaj [+x chars]"), "Fără marcaj [+x chars]");
        assert_eq!(strip_char_count("[+"), "[+");
        assert_eq!(strip_char_count("[+ chars]"), "[+ chars]");
        assert_eq!(strip_char_count("[+5 chars]"), "");
    }
}
