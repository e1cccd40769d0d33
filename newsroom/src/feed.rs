//! JSON Feed 1.1 at `/feed.json`, newest first, 20 items a page.

use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Serialize;

use crate::http::{base_url, json_response, WpError};
use crate::query::Query;
use crate::store::Post;
use crate::time::format_rfc3339;
use crate::wp::{image_url, with_base};
use crate::SharedState;

/// Items per feed page.
pub const FEED_PAGE_SIZE: usize = 20;

/// A feed author.
#[derive(Debug, Clone, Serialize)]
pub struct FeedAuthor {
    /// Name.
    pub name: String,
    /// Profile URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One feed item.
#[derive(Debug, Clone, Serialize)]
pub struct FeedItem {
    /// Post id as a string.
    pub id: String,
    /// Article URL.
    pub url: String,
    /// Plain-text title.
    pub title: String,
    /// Body HTML.
    pub content_html: String,
    /// Plain-text excerpt.
    pub summary: String,
    /// Featured image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// RFC 3339 publish time (UTC, `Z`).
    pub date_published: String,
    /// RFC 3339 modification time.
    pub date_modified: String,
    /// Byline.
    pub authors: Vec<FeedAuthor>,
    /// Category names, then tag names.
    pub tags: Vec<String>,
    /// Always `ro`.
    pub language: &'static str,
}

/// The feed document.
#[derive(Debug, Clone, Serialize)]
pub struct Feed {
    /// `https://jsonfeed.org/version/1.1`.
    pub version: &'static str,
    /// Site name.
    pub title: String,
    /// `{base}/`.
    pub home_page_url: String,
    /// `{base}/feed.json`.
    pub feed_url: String,
    /// Site description.
    pub description: String,
    /// Next page, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_url: Option<String>,
    /// Always `ro`.
    pub language: &'static str,
    /// The publisher.
    pub authors: Vec<FeedAuthor>,
    /// Items of this page.
    pub items: Vec<FeedItem>,
}

/// `GET /feed.json[?page=N]`.
pub async fn feed(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Result<Response, WpError> {
    let q = Query::parse(uri.query());
    let page = q.int_in_range("page", 1, 1, 100_000)? as usize;
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let mut posts: Vec<&Post> = store.posts.iter().collect();
    posts.sort_by(|a, b| b.date_gmt.cmp(&a.date_gmt).then(b.id.cmp(&a.id)));
    let start = (page - 1).saturating_mul(FEED_PAGE_SIZE).min(posts.len());
    let end = (start + FEED_PAGE_SIZE).min(posts.len());
    let items = posts[start..end]
        .iter()
        .map(|p| {
            let author = store.author(p.author);
            let tags = p
                .categories
                .iter()
                .filter_map(|id| store.category(*id))
                .chain(p.tags.iter().filter_map(|id| store.tag(*id)))
                .map(|t| t.name.clone())
                .collect();
            FeedItem {
                id: p.id.to_string(),
                url: format!("{base}/articol/{}", p.slug),
                title: p.title.clone(),
                content_html: with_base(&p.content_html, &base),
                summary: p.excerpt.clone(),
                image: p.image.as_ref().map(|_| image_url(&base, p.id, None)),
                date_published: format_rfc3339(p.date_gmt),
                date_modified: format_rfc3339(p.modified_gmt),
                authors: author
                    .map(|a| FeedAuthor {
                        name: a.name.clone(),
                        url: Some(format!("{base}/autor/{}", a.slug)),
                    })
                    .into_iter()
                    .collect(),
                tags,
                language: "ro",
            }
        })
        .collect();
    let feed = Feed {
        version: "https://jsonfeed.org/version/1.1",
        title: store.site.name.clone(),
        home_page_url: format!("{base}/"),
        feed_url: format!("{base}/feed.json"),
        description: store.site.description.clone(),
        next_url: (end < posts.len()).then(|| format!("{base}/feed.json?page={}", page + 1)),
        language: "ro",
        authors: vec![FeedAuthor {
            name: store.site.name.clone(),
            url: Some(format!("{base}/")),
        }],
        items,
    };
    Ok(json_response(&feed, store.last_changed))
}
