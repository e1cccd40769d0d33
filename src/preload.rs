//! What a server render was built from, handed to the browser with the page
//! so the hydrating app builds the very same markup at once, without asking
//! the API again. ziar-server writes it into the page as a JSON data block
//! (`<script type="application/json">`, which browsers never execute, so the
//! strict CSP needs no nonce); the static build never has one.

use crate::error::AppError;
use crate::model::{Post, PostPage, Term};
use crate::time::Instant;
use serde::{Deserialize, Serialize};

/// The `id` of the data block in the page.
pub const ELEMENT_ID: &str = "ziar-preload";

/// Everything one server render used.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Preload {
    /// The public config the browser app runs with (its `api` is the server's
    /// own endpoint: the upstream API's URL and key never leave the server).
    pub config: crate::config::Config,
    /// The page's data, for the first render of that page only.
    pub page: Option<PageData>,
    /// Recent Posts as rendered.
    pub recent: Option<Vec<Post>>,
    /// The validator of that list at the server's JSON endpoint, so the
    /// browser's first poll of it can be a 304.
    pub recent_etag: Option<String>,
    /// The server's clock at render time: relative times in the markup are as of then.
    pub rendered_at: Instant,
    /// Served from the last good copy while the API fails.
    pub stale: bool,
}

/// One page's data, by kind. `Err` is what the reader saw instead (the
/// server's own wording of an upstream failure, never the upstream URL).
// One per page render: the size of its largest variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageData {
    Home {
        first: Result<ListPage, AppError>,
    },
    Article {
        slug: String,
        post: Result<Option<Post>, AppError>,
    },
    Category {
        slug: String,
        found: Result<Option<(Term, ListPage)>, AppError>,
    },
    Author {
        slug: String,
        found: Result<Option<(Term, ListPage)>, AppError>,
    },
    NotFound,
}

/// The first page of a list as the cards show it: the posts, whether "more"
/// has anything to load, and where it continues.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ListPage {
    pub posts: Vec<Post>,
    pub has_more: bool,
    #[serde(default)]
    pub next: Option<crate::model::NextPage>,
}

impl From<PostPage> for ListPage {
    fn from(p: PostPage) -> ListPage {
        ListPage {
            posts: p.posts,
            has_more: p.has_more,
            next: p.next,
        }
    }
}

impl From<ListPage> for PostPage {
    fn from(p: ListPage) -> PostPage {
        PostPage {
            posts: p.posts,
            has_more: p.has_more,
            next: p.next,
            ..Default::default()
        }
    }
}

impl Preload {
    /// The JSON for the data block. `<` is escaped, so no text in a post can
    /// close the `<script>` element early.
    pub fn to_block(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".into())
            .replace('<', "\\u003c")
    }

    /// Reads a data block; `None` when it is missing or not ours.
    pub fn from_block(text: &str) -> Option<Preload> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_cannot_close_its_script_element() {
        let p = Preload {
            page: Some(PageData::Article {
                slug: "x".into(),
                post: Ok(Some(Post {
                    title: "</script><script>alert(1)</script>".into(),
                    ..Default::default()
                })),
            }),
            ..Default::default()
        };
        let block = p.to_block();
        assert!(!block.contains('<'), "{block}");
        assert_eq!(Preload::from_block(&block), Some(p));
    }

    #[test]
    fn errors_travel_too() {
        let p = Preload {
            page: Some(PageData::Home {
                first: Err(AppError::Http {
                    url: "/_ziar/api/posts".into(),
                    status: 502,
                }),
            }),
            stale: true,
            ..Default::default()
        };
        assert_eq!(Preload::from_block(&p.to_block()), Some(p));
        assert_eq!(Preload::from_block("not json"), None);
    }
}
