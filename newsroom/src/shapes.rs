//! More API shapes from the same store, so the front end can be tested end
//! to end on several adapters with the same demo posts:
//!
//! - Ghost Content API: `/ghost/api/content/posts/` (`page`, `limit`,
//!   `meta.pagination`) and `/ghost/api/content/posts/slug/{slug}/`;
//! - dev.to/Forem: `/api/articles` (`page`, `per_page`) and
//!   `/api/articles/{id}` (with `body_html`; `tag_list` is an array in the
//!   list and a string in the single article, as on dev.to);
//! - NewsAPI.org: `/v2/top-headlines` (`page`, `pageSize`, `totalResults`,
//!   content cut to 200 characters plus `"[+N chars]"`).
//!
//! No API key is required; everything is newest first.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::{json, Value};

use crate::http::{base_url, json_response};
use crate::query::Query;
use crate::store::{Post, Store};
use crate::time::format_rfc3339;
use crate::wp::{image_url, term_link, with_base};
use crate::SharedState;

/// Ghost's default page size (`limit`).
pub const GHOST_LIMIT: u64 = 15;
/// dev.to's default page size (`per_page`).
pub const DEVTO_PER_PAGE: u64 = 30;
/// NewsAPI's default page size (`pageSize`).
pub const NEWSAPI_PAGE_SIZE: u64 = 20;
/// Characters of body text NewsAPI keeps before `"[+N chars]"`.
pub const NEWSAPI_CONTENT_CHARS: usize = 200;

/// Posts newest first, as every list here serves them.
fn newest_first(store: &Store) -> Vec<&Post> {
    let mut posts: Vec<&Post> = store.posts.iter().collect();
    posts.sort_by(|a, b| b.date_gmt.cmp(&a.date_gmt).then(b.id.cmp(&a.id)));
    posts
}

/// A page number and size from the query; `Err` names the bad parameter.
fn paging(uri: &Uri, page_name: &str, size_name: &str, default: u64, max: u64) -> Result<(usize, usize), String> {
    let q = Query::parse(uri.query());
    let int = |name: &str, default: u64, max: u64| -> Result<u64, String> {
        match q.get(name) {
            None => Ok(default),
            Some(raw) => raw
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|v| (1..=max).contains(v))
                .ok_or_else(|| format!("`{name}` must be an integer between 1 and {max}")),
        }
    };
    let page = int(page_name, 1, 100_000)?;
    let size = if q.get(size_name) == Some("all") {
        max
    } else {
        int(size_name, default, max)?
    };
    Ok((page as usize, size as usize))
}

fn with_status(mut res: Response, status: StatusCode) -> Response {
    *res.status_mut() = status;
    res
}

/// Tags as plain text for NewsAPI and excerpts: tags dropped, common entities decoded.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---- Ghost ----------------------------------------------------------------

fn ghost_post(store: &Store, p: &Post, base: &str) -> Value {
    let author = store.author(p.author).map(|a| {
        json!({
            "id": format!("a{}", a.id),
            "name": a.name,
            "slug": a.slug,
            "profile_image": format!("{base}/media/avatar-{}.svg?s=96", a.id),
            "bio": a.description,
            "url": format!("{base}/autor/{}/", a.slug),
        })
    });
    let term = |t: &crate::content::Term, taxonomy: &str| {
        json!({
            "id": format!("t{}", t.id),
            "name": t.name,
            "slug": t.slug,
            "visibility": "public",
            "url": term_link(base, taxonomy, &t.slug),
        })
    };
    let tags: Vec<Value> = p
        .categories
        .iter()
        .filter_map(|id| store.category(*id).map(|t| term(t, "category")))
        .chain(
            p.tags
                .iter()
                .filter_map(|id| store.tag(*id).map(|t| term(t, "post_tag"))),
        )
        .collect();
    let html = with_base(&p.content_html, base);
    let words = strip_tags(&html).split_whitespace().count();
    json!({
        "id": format!("{:024x}", p.id),
        "uuid": format!("00000000-0000-4000-8000-{:012x}", p.id),
        "title": p.title,
        "slug": p.slug,
        "html": html,
        "comment_id": p.id.to_string(),
        "feature_image": p.image.as_ref().map(|_| image_url(base, p.id, None)),
        "feature_image_alt": p.image.as_ref().map(|i| i.alt.clone()),
        "feature_image_caption": p.image.as_ref().and_then(|i| i.caption.clone()),
        "featured": false,
        "visibility": "public",
        "created_at": format_rfc3339(p.date_gmt),
        "updated_at": format_rfc3339(p.modified_gmt),
        "published_at": format_rfc3339(p.date_gmt),
        "custom_excerpt": p.excerpt,
        "url": format!("{base}/articol/{}/", p.slug),
        "excerpt": p.excerpt,
        "reading_time": words.div_ceil(200).max(1),
        "authors": author.iter().collect::<Vec<_>>(),
        "primary_author": author,
        "tags": tags,
        "primary_tag": tags.first(),
    })
}

fn ghost_error(status: StatusCode, kind: &str, message: &str) -> Response {
    with_status(
        json_response(&json!({"errors": [{"message": message, "type": kind}]}), 0),
        status,
    )
}

/// `GET /ghost/api/content/posts/?page=N&limit=M`.
pub async fn ghost_posts(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Response {
    let (page, limit) = match paging(&uri, "page", "limit", GHOST_LIMIT, 100) {
        Ok(p) => p,
        Err(m) => return ghost_error(StatusCode::BAD_REQUEST, "ValidationError", &m),
    };
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let posts = newest_first(&store);
    let total = posts.len();
    let pages = total.div_ceil(limit).max(1);
    let start = (page - 1).saturating_mul(limit).min(total);
    let end = start.saturating_add(limit).min(total);
    let body = json!({
        "posts": posts[start..end].iter().map(|p| ghost_post(&store, p, &base)).collect::<Vec<_>>(),
        "meta": {"pagination": {
            "page": page,
            "limit": limit,
            "pages": pages,
            "total": total,
            "next": (page < pages).then_some(page + 1),
            "prev": (page > 1).then(|| page - 1),
        }},
    });
    json_response(&body, store.last_changed)
}

/// `GET /ghost/api/content/posts/slug/{slug}/`; 404 with a Ghost error when unknown.
pub async fn ghost_post_by_slug(
    State(st): State<SharedState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    match store.posts.iter().find(|p| p.slug == slug) {
        Some(p) => json_response(&json!({"posts": [ghost_post(&store, p, &base)]}), store.last_changed),
        None => ghost_error(StatusCode::NOT_FOUND, "NotFoundError", "Resource not found"),
    }
}

// ---- dev.to -----------------------------------------------------------------

fn devto_article(store: &Store, p: &Post, base: &str, single: bool) -> Value {
    let author = store.author(p.author);
    let username = author.map(|a| a.slug.replace('-', "")).unwrap_or_default();
    let tags: Vec<String> = p
        .categories
        .iter()
        .filter_map(|id| store.category(*id))
        .chain(p.tags.iter().filter_map(|id| store.tag(*id)))
        .map(|t| t.slug.replace('-', ""))
        .collect();
    let url = format!("{base}/articol/{}", p.slug);
    let html = with_base(&p.content_html, base);
    let mut v = json!({
        "type_of": "article",
        "id": p.id,
        "title": p.title,
        "description": p.excerpt,
        "slug": p.slug,
        "path": format!("/{username}/{}", p.slug),
        "url": url,
        "comments_count": 0,
        "public_reactions_count": 0,
        "collection_id": null,
        "published_timestamp": format_rfc3339(p.date_gmt),
        "positive_reactions_count": 0,
        "cover_image": p.image.as_ref().map(|_| image_url(base, p.id, None)),
        "social_image": image_url(base, p.id, None),
        "canonical_url": url,
        "created_at": format_rfc3339(p.date_gmt),
        "edited_at": (p.modified_gmt > p.date_gmt).then(|| format_rfc3339(p.modified_gmt)),
        "crossposted_at": null,
        "published_at": format_rfc3339(p.date_gmt),
        "last_comment_at": format_rfc3339(p.date_gmt),
        "reading_time_minutes": strip_tags(&html).split_whitespace().count().div_ceil(200).max(1),
        "user": author.map(|a| json!({
            "name": a.name,
            "username": username,
            "twitter_username": null,
            "github_username": null,
            "user_id": a.id,
            "website_url": null,
            "profile_image": format!("{base}/media/avatar-{}.svg?s=640", a.id),
            "profile_image_90": format!("{base}/media/avatar-{}.svg?s=90", a.id),
        })),
    });
    if let Some(o) = v.as_object_mut() {
        if single {
            o.insert("tag_list".into(), tags.join(", ").into());
            o.insert("tags".into(), tags.into());
            o.insert("body_html".into(), html.into());
        } else {
            o.insert("tags".into(), tags.join(", ").into());
            o.insert("tag_list".into(), tags.into());
        }
    }
    v
}

fn devto_error(status: StatusCode, message: &str) -> Response {
    with_status(
        json_response(&json!({"error": message, "status": status.as_u16()}), 0),
        status,
    )
}

/// `GET /api/articles?page=N&per_page=M` (no body; tags as an array).
pub async fn devto_articles(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Response {
    let (page, per_page) = match paging(&uri, "page", "per_page", DEVTO_PER_PAGE, 1000) {
        Ok(p) => p,
        Err(m) => return devto_error(StatusCode::BAD_REQUEST, &m),
    };
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let posts = newest_first(&store);
    let start = (page - 1).saturating_mul(per_page).min(posts.len());
    let end = start.saturating_add(per_page).min(posts.len());
    let list: Vec<Value> = posts[start..end]
        .iter()
        .map(|p| devto_article(&store, p, &base, false))
        .collect();
    json_response(&list, store.last_changed)
}

/// `GET /api/articles/{id}` (with `body_html`; tags as a string).
pub async fn devto_article_by_id(
    State(st): State<SharedState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    match id.parse().ok().and_then(|id| store.post(id)) {
        Some(p) => json_response(&devto_article(&store, p, &base, true), store.last_changed),
        None => devto_error(StatusCode::NOT_FOUND, "not found"),
    }
}

// ---- NewsAPI ----------------------------------------------------------------

/// NewsAPI's cut: the first 200 characters and `" [+N chars]"` for the rest.
pub fn newsapi_content(text: &str) -> String {
    let total = text.chars().count();
    if total <= NEWSAPI_CONTENT_CHARS {
        return text.to_string();
    }
    let kept: String = text.chars().take(NEWSAPI_CONTENT_CHARS).collect();
    format!("{kept}… [+{} chars]", total - NEWSAPI_CONTENT_CHARS)
}

/// `GET /v2/top-headlines?page=N&pageSize=M`.
pub async fn newsapi_top_headlines(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Response {
    let (page, size) = match paging(&uri, "page", "pageSize", NEWSAPI_PAGE_SIZE, 100) {
        Ok(p) => p,
        Err(m) => {
            return with_status(
                json_response(&json!({"status": "error", "code": "parameterInvalid", "message": m}), 0),
                StatusCode::BAD_REQUEST,
            )
        }
    };
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let posts = newest_first(&store);
    let start = (page - 1).saturating_mul(size).min(posts.len());
    let end = start.saturating_add(size).min(posts.len());
    let articles: Vec<Value> = posts[start..end]
        .iter()
        .map(|p| {
            json!({
                "source": {"id": "valea-verde", "name": store.site.name},
                "author": store.author(p.author).map(|a| a.name.clone()),
                "title": format!("{} - {}", p.title, store.site.name),
                "description": p.excerpt,
                "url": format!("{base}/articol/{}", p.slug),
                "urlToImage": p.image.as_ref().map(|_| image_url(&base, p.id, None)),
                "publishedAt": format_rfc3339(p.date_gmt),
                "content": newsapi_content(&strip_tags(&with_base(&p.content_html, &base))),
            })
        })
        .collect();
    let body = json!({"status": "ok", "totalResults": posts.len(), "articles": articles});
    json_response(&body, store.last_changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newsapi_cuts_like_the_real_api() {
        assert_eq!(newsapi_content("scurt"), "scurt");
        let long = "ă".repeat(250);
        let cut = newsapi_content(&long);
        assert!(cut.ends_with("… [+50 chars]"), "{cut}");
        assert_eq!(cut.chars().filter(|c| *c == 'ă').count(), 200);
    }

    #[test]
    fn strip_tags_keeps_words_apart() {
        assert_eq!(strip_tags("<p>Unu</p><p>doi &amp; trei</p>"), "Unu doi & trei");
    }
}
