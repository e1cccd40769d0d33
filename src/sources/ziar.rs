//! ziar-server's own JSON: posts already normalized by the server (the
//! browser then runs no adapter of the upstream API, and never learns its URL
//! or key). The shape is the model serialized, tagged `"ziar": 1` so it is
//! never mistaken for another API's.

use super::SourceError;
use crate::model::{NextPage, Post, PostPage, Term};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The version of this shape; a browser app meets only its own server's.
pub const VERSION: u32 = 1;

/// A page of posts as ziar-server sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListBody {
    pub ziar: u32,
    pub posts: Vec<Post>,
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(default)]
    pub has_more: bool,
    #[serde(default)]
    pub next: Option<NextPage>,
}

/// A category or author page: the term and one page of its posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TermBody {
    pub term: Term,
    #[serde(flatten)]
    pub page: ListBody,
}

impl ListBody {
    /// The body for `page`.
    pub fn new(page: &PostPage) -> ListBody {
        ListBody {
            ziar: VERSION,
            posts: page.posts.clone(),
            total: page.total,
            has_more: page.has_more,
            next: page.next.clone(),
        }
    }
}

impl ListBody {
    /// Back to the model's page.
    pub fn into_page(self) -> PostPage {
        PostPage {
            posts: self.posts,
            total: self.total,
            has_more: self.has_more,
            warnings: Vec::new(),
            skipped: 0,
            next: self.next,
        }
    }
}

/// Whether `v` is ziar-server's shape.
pub fn detect(v: &Value) -> bool {
    v.get("ziar").and_then(Value::as_u64).is_some() && v.get("posts").is_some_and(Value::is_array)
}

/// A list answer. `_base` is unused: the server already resolved every URL.
/// Only ziar-server's own browser app reads this shape (`ziar_server_data`):
/// the static build has no use for the deserializers it needs (~25 KB).
#[cfg(ziar_server_data)]
pub fn parse_list(v: &Value, _base: &str) -> Result<PostPage, SourceError> {
    let body = ListBody::deserialize(v).map_err(|e| SourceError::NotJson(e.to_string()))?;
    Ok(body.into_page())
}

/// See above: outside server mode the shape is not read.
#[cfg(not(ziar_server_data))]
pub fn parse_list(_v: &Value, _base: &str) -> Result<PostPage, SourceError> {
    Err(SourceError::UnknownShape)
}

/// A term answer (`categories/<slug>`, `authors/<slug>`).
#[cfg(ziar_server_data)]
pub fn parse_term(body: &str) -> Result<(Term, PostPage), SourceError> {
    let v = super::parse_body(body)?;
    let t = TermBody::deserialize(&v).map_err(|e| SourceError::NotJson(e.to_string()))?;
    Ok((t.term, t.page.into_page()))
}

/// See [`parse_list`].
#[cfg(not(ziar_server_data))]
pub fn parse_term(_body: &str) -> Result<(Term, PostPage), SourceError> {
    Err(SourceError::UnknownShape)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_survives_the_round_trip() {
        let page = PostPage {
            posts: vec![Post {
                id: "7".into(),
                title: "Podul „Nou” & co".into(),
                ..Default::default()
            }],
            total: Some(31),
            has_more: true,
            warnings: vec!["dropped".into()],
            skipped: 1,
            next: Some(NextPage::Page { page: 2 }),
        };
        let json = serde_json::to_value(ListBody::new(&page)).unwrap();
        assert!(detect(&json));
        let back = parse_list(&json, "").unwrap();
        assert_eq!(back.posts, page.posts);
        assert_eq!(
            (back.total, back.has_more, back.next),
            (Some(31), true, Some(NextPage::Page { page: 2 }))
        );
        assert!(back.warnings.is_empty(), "the server's warnings stay in its log");
    }

    #[test]
    fn other_apis_are_not_taken_for_it() {
        assert!(!detect(&serde_json::json!({"posts": []})), "Ghost has `posts` too");
        assert!(!detect(&serde_json::json!([{"ziar": 1}])));
        assert!(parse_term("{\"ziar\":1}").is_err());
        let term = TermBody {
            term: Term {
                name: "Sport".into(),
                ..Default::default()
            },
            page: ListBody::new(&PostPage {
                has_more: true,
                ..Default::default()
            }),
        };
        let (t, page) = parse_term(&serde_json::to_string(&term).unwrap()).unwrap();
        assert_eq!((t.name.as_str(), page.has_more), ("Sport", true));
    }
}
