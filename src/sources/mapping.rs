//! A custom mapping: JSON Pointers (RFC 6901) in `config.json` that name the
//! item array and each field, for any API without a built-in adapter.
//!
//! ```json
//! "kind": "custom",
//! "mapping": {
//!   "items": "/data/stories",
//!   "id": "/uuid", "title": "/headline", "url": "/links/web",
//!   "published": "/time/published", "excerpt": "/summary", "author": "/byline/name",
//!   "next": "/meta/next", "page_param": "page"
//! }
//! ```
//!
//! `items` is read from the response root, `next` and `total` too; every
//! other pointer is read from each item. Pointers are plain `serde_json`
//! `Value::pointer` paths, so no new dependency is needed.

use super::{
    collect_items, id_or_link, id_string, instant_of, slug_from_url, text_to_html, title_or_text, u64_of, SourceError,
};
use crate::config::{ConfigProblem, ProblemKind};
use crate::model::{resolve_url, Author, Image, NextPage, Post, PostPage, Term};
use crate::text::{decode_entities, html_to_text};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const KIND: &str = "custom mapping";

/// Where each field lives in the API's JSON. Only `items` and `title` are
/// required, and one of `id`/`url`. An item without a title falls back to its
/// excerpt or text; one without a `published` date stays undated.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Pointer from the root to the item array (`""` when the root is the array).
    pub items: String,
    /// Plain-text or HTML title (tags are stripped, entities decoded).
    pub title: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub slug: Option<String>,
    /// Plain-text or HTML summary.
    pub excerpt: Option<String>,
    /// HTML body.
    pub content_html: Option<String>,
    /// Plain-text body, used when there is no `content_html`.
    pub content_text: Option<String>,
    /// ISO 8601 text or Unix seconds/milliseconds.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// A name string, an object with `name`, or an array of either.
    pub author: Option<String>,
    pub image: Option<String>,
    pub image_alt: Option<String>,
    /// A name string, an object with `name`/`slug`, or an array of either.
    pub category: Option<String>,
    pub tags: Option<String>,
    pub language: Option<String>,
    pub source: Option<String>,
    /// Pointer from the root to the next page: a URL string or a page number.
    pub next: Option<String>,
    /// Pointer from the root to the total item count.
    pub total: Option<String>,
    /// Query parameter for the page number when asking for page 2 and on.
    pub page_param: Option<String>,
    /// Query parameter for the page size.
    pub per_page_param: Option<String>,
}

impl Mapping {
    /// Checks that every pointer is a JSON Pointer (`""` or starting with `/`),
    /// naming the offending key, so typos are caught when the config loads.
    /// The first problem; [`Mapping::problems`] lists them all.
    pub fn validate(&self) -> Result<(), String> {
        crate::config::first_problem(self.problems())
    }

    /// Every problem with the mapping, each naming its key (`mapping.title`).
    pub fn problems(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push(ConfigProblem::new("mapping.title", "is required", ProblemKind::Missing));
        }
        let pointers = [
            ("items", Some(&self.items)),
            ("title", Some(&self.title)),
            ("id", self.id.as_ref()),
            ("url", self.url.as_ref()),
            ("slug", self.slug.as_ref()),
            ("excerpt", self.excerpt.as_ref()),
            ("content_html", self.content_html.as_ref()),
            ("content_text", self.content_text.as_ref()),
            ("published", self.published.as_ref()),
            ("modified", self.modified.as_ref()),
            ("author", self.author.as_ref()),
            ("image", self.image.as_ref()),
            ("image_alt", self.image_alt.as_ref()),
            ("category", self.category.as_ref()),
            ("tags", self.tags.as_ref()),
            ("language", self.language.as_ref()),
            ("source", self.source.as_ref()),
            ("next", self.next.as_ref()),
            ("total", self.total.as_ref()),
        ];
        for (key, p) in pointers {
            if let Some(p) = p {
                if !p.trim().is_empty() && !p.starts_with('/') {
                    out.push(ConfigProblem::new(
                        format!("mapping.{key}"),
                        format!("must be a JSON Pointer starting with `/` (got `{p}`)"),
                        ProblemKind::Format { example: "/data/items" },
                    ));
                }
            }
        }
        if self.id.is_none() && self.url.is_none() {
            out.push(ConfigProblem::new(
                "mapping.id",
                "or `mapping.url` is needed to tell items apart",
                ProblemKind::Missing,
            ));
        }
        out
    }

    fn at<'a>(item: &'a Value, ptr: &Option<String>) -> Option<&'a Value> {
        item.pointer(ptr.as_deref()?).filter(|v| !v.is_null())
    }

    fn text(item: &Value, ptr: &Option<String>) -> Option<String> {
        match Self::at(item, ptr)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// Parses a response: the item array at `items`, then each field.
    pub fn parse_list(&self, v: &Value, base: &str) -> Result<PostPage, SourceError> {
        let items = v
            .pointer(&self.items)
            .ok_or_else(|| SourceError::Mapping(format!("nothing at `items` pointer `{}`", self.items)))?;
        let items = items
            .as_array()
            .ok_or_else(|| SourceError::Mapping(format!("`items` pointer `{}` is not an array", self.items)))?;
        let mut page = collect_items(items, |item| self.parse_item(item, base))?;
        page.total = Self::at(v, &self.total).and_then(|t| u64_of(Some(t)));
        page.next = match Self::at(v, &self.next) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(match s.trim().parse::<u64>() {
                Ok(page) => NextPage::Page { page },
                Err(_) => NextPage::Url {
                    url: resolve_url(base, s),
                },
            }),
            Some(n @ Value::Number(_)) => u64_of(Some(n)).map(|page| NextPage::Page { page }),
            _ => None,
        };
        page.has_more = page.next.is_some();
        Ok(page)
    }

    fn parse_item(&self, item: &Value, base: &str) -> Result<Post, SourceError> {
        let url = Self::text(item, &self.url).map(|u| resolve_url(base, &u));
        let id = id_or_link(KIND, id_string(Self::at(item, &self.id)), url.as_deref())?;
        let published = instant_of(Self::at(item, &self.published));
        let content_html = Self::text(item, &self.content_html)
            .or_else(|| Self::text(item, &self.content_text).map(|t| text_to_html(&t)))
            .unwrap_or_default();
        let excerpt_text = Self::text(item, &self.excerpt);
        let title = title_or_text(
            KIND,
            Self::text(item, &Some(self.title.clone())).as_deref(),
            &[excerpt_text.as_deref(), Some(content_html.as_str())],
        )?;
        let names = |ptr: &Option<String>| -> Vec<(String, Option<String>, Option<String>)> {
            let one = |v: &Value| match v {
                Value::String(s) if !s.trim().is_empty() => Some((decode_entities(s), None, None)),
                Value::Object(_) => Some((
                    decode_entities(v.get("name").and_then(Value::as_str)?),
                    v.get("slug").and_then(Value::as_str).map(str::to_owned),
                    v.get("url")
                        .or_else(|| v.get("link"))
                        .and_then(Value::as_str)
                        .map(|u| resolve_url(base, u)),
                )),
                _ => None,
            };
            match Self::at(item, ptr) {
                Some(Value::Array(a)) => a.iter().filter_map(one).collect(),
                Some(v) => one(v).into_iter().collect(),
                None => Vec::new(),
            }
        };
        let terms = |ptr: &Option<String>| -> Vec<Term> {
            names(ptr)
                .into_iter()
                .map(|(name, slug, link)| Term {
                    id: None,
                    name,
                    slug,
                    link,
                })
                .collect()
        };
        Ok(Post {
            slug: Self::text(item, &self.slug).or_else(|| url.as_deref().and_then(slug_from_url)),
            id,
            url,
            title,
            excerpt: excerpt_text
                .map(|t| html_to_text(&t))
                .unwrap_or_else(|| html_to_text(&content_html)),
            content_html,
            published,
            modified: instant_of(Self::at(item, &self.modified)).or(published),
            authors: names(&self.author)
                .into_iter()
                .map(|(name, _, url)| Author {
                    name,
                    url,
                    avatar: None,
                })
                .collect(),
            categories: terms(&self.category),
            tags: terms(&self.tags),
            image: Self::text(item, &self.image).map(|u| Image {
                url: resolve_url(base, &u),
                alt: Self::text(item, &self.image_alt).unwrap_or_default(),
                ..Default::default()
            }),
            language: Self::text(item, &self.language),
            source: Self::text(item, &self.source),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{parse_body, parse_list_with, Kind};

    fn mapping() -> Mapping {
        serde_json::from_str(include_str!("../../tests/fixtures/custom_mapping.json")).unwrap()
    }

    #[test]
    fn maps_an_unknown_api() {
        let m = mapping();
        m.validate().unwrap();
        let v = parse_body(include_str!("../../tests/fixtures/custom_api.json")).unwrap();
        // Auto: nothing else matches, so the mapping is used.
        let (kind, page) = parse_list_with(&v, None, "https://stiri.test/api/v1/stories", Some(&m)).unwrap();
        assert_eq!(kind, Kind::Custom);
        assert_eq!(page.total, Some(57));
        assert_eq!(
            page.next,
            Some(NextPage::Url {
                url: "https://stiri.test/api/v1/stories?cursor=abc".into()
            })
        );
        let p = &page.posts[0];
        assert_eq!(p.id, "s-77");
        assert_eq!(p.title, "Trenul de noapte revine pe ruta de munte");
        assert_eq!(p.url.as_deref(), Some("https://stiri.test/s/trenul-de-noapte"));
        assert_eq!(p.slug.as_deref(), Some("trenul-de-noapte"));
        assert_eq!(p.published.unwrap().to_rfc3339(), "2026-11-26T06:00:00Z");
        assert_eq!(p.byline().as_deref(), Some("Elena Vlad, Dan Pop"));
        assert_eq!(p.categories[0].name, "Transport");
        assert_eq!(p.image.as_ref().unwrap().url, "https://stiri.test/img/tren.jpg");
        assert_eq!(p.content_html, "<p>Primul paragraf.</p><p>Al doilea.</p>");
        // Unix seconds work too; an item without title is skipped with a warning.
        assert_eq!(page.posts[1].published.unwrap().to_rfc3339(), "2026-11-26T05:00:00Z");
        assert_eq!(page.posts.len(), 2);
        assert_eq!(page.warnings.len(), 1);
    }

    #[test]
    fn items_without_date_title_or_id() {
        let v = parse_body(include_str!("../../tests/fixtures/custom_api_liberal.json")).unwrap();
        let page = mapping().parse_list(&v, "https://stiri.test/api/v1/stories").unwrap();
        assert_eq!(page.posts[0].published, None);
        assert_eq!(page.posts[0].url.as_deref(), Some("https://stiri.test/s/fara-ora"));
        let q = &page.posts[1];
        assert_eq!(
            (q.id.as_str(), q.title.as_str()),
            ("https://stiri.test/s/fara-uuid", "Rezumatul devine titlu")
        );
        assert_eq!(page.skipped, 1);
        assert!(
            page.warnings[0].contains("neither an id nor a link"),
            "{:?}",
            page.warnings
        );
    }

    #[test]
    fn bad_pointers_are_named() {
        let mut m = mapping();
        m.items = "/nu/exista".into();
        let v = parse_body(include_str!("../../tests/fixtures/custom_api.json")).unwrap();
        let err = m.parse_list(&v, "http://x/").unwrap_err();
        assert!(err.to_string().contains("/nu/exista"), "{err}");
        m.items = "/meta".into();
        assert!(m
            .parse_list(&v, "http://x/")
            .unwrap_err()
            .to_string()
            .contains("not an array"));
        m.title = "headline".into();
        assert!(m.validate().unwrap_err().contains("mapping.title"));
        let m = Mapping {
            items: "data".into(),
            title: "t".into(),
            ..Default::default()
        };
        let keys: Vec<String> = m.problems().into_iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            ["mapping.items", "mapping.title", "mapping.id"],
            "every problem, each with its key"
        );
        assert!(m.validate().unwrap_err().contains("mapping.items"));
    }
}
