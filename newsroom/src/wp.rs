//! WordPress REST API v2 routes (`/wp-json/wp/v2/...`): posts, categories,
//! tags, users and media, with `_embed`, `_fields`, pagination headers and
//! WordPress error shapes.

use std::cmp::Ordering;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::{json, Value};

use crate::content::Term;
use crate::http::{base_url, json_response, set_totals, WpError};
use crate::query::{paginate, Query};
use crate::store::{fold_diacritics, Post, Store, MEDIA_ID_OFFSET};
use crate::time::{format_local, format_naive, SITE_OFFSET_SECS};
use crate::SharedState;

/// Full-size width of generated featured images.
pub const IMAGE_WIDTH: u32 = 1200;
/// Full-size height of generated featured images.
pub const IMAGE_HEIGHT: u32 = 675;
/// Named image sizes published in `media_details.sizes` (besides `full`).
pub const IMAGE_SIZES: [(&str, u32, u32); 2] = [("medium", 300, 169), ("large", 1024, 576)];

/// Escapes plain text the way WordPress renders titles: `wptexturize`
/// typography (curly quotes, dashes, ellipsis) as numeric entities, `&` as
/// `&#038;`, and `<`/`>` as named entities.
pub fn texturize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        match c {
            '&' => out.push_str("&#038;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => {
                let opening = prev.is_none_or(|p| p.is_whitespace() || "([{-–—„".contains(p));
                out.push_str(if opening { "&#8220;" } else { "&#8221;" });
            }
            '\'' | '’' => out.push_str("&#8217;"),
            '‘' => out.push_str("&#8216;"),
            '„' => out.push_str("&#8222;"),
            '“' => out.push_str("&#8220;"),
            '”' => out.push_str("&#8221;"),
            '–' => out.push_str("&#8211;"),
            '—' => out.push_str("&#8212;"),
            '…' => out.push_str("&#8230;"),
            '.' if chars.get(i + 1) == Some(&'.') && chars.get(i + 2) == Some(&'.') => {
                out.push_str("&#8230;");
                i += 2;
            }
            '-' if prev == Some(' ') && chars.get(i + 1) == Some(&' ') => out.push_str("&#8211;"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Minimal HTML escaping for names (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `excerpt.rendered` for a plain-text excerpt: `<p>text &#8230;</p>\n`.
pub fn render_excerpt(excerpt: &str) -> String {
    let trimmed = excerpt.trim().trim_end_matches(['…', '.', ' ']);
    format!("<p>{} &#8230;</p>\n", texturize(trimmed))
}

/// Replaces `{base}` placeholders in stored HTML.
pub fn with_base(html: &str, base: &str) -> String {
    html.replace("{base}", base)
}

/// `{"rendered": ...}`.
#[derive(Debug, Clone, Serialize)]
pub struct Rendered {
    /// Rendered HTML.
    pub rendered: String,
}

/// `{"rendered": ..., "protected": false}`.
#[derive(Debug, Clone, Serialize)]
pub struct RenderedProtected {
    /// Rendered HTML.
    pub rendered: String,
    /// Always false here.
    pub protected: bool,
}

/// A HAL link.
#[derive(Debug, Clone, Serialize)]
pub struct Href {
    /// Target URL.
    pub href: String,
}

/// A HAL link that `_embed` follows.
#[derive(Debug, Clone, Serialize)]
pub struct EmbeddableHref {
    /// Always true.
    pub embeddable: bool,
    /// Target URL.
    pub href: String,
}

/// A `wp:term` link.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// `category` or `post_tag`.
    pub taxonomy: &'static str,
    /// Always true.
    pub embeddable: bool,
    /// Target URL.
    pub href: String,
}

/// `_links` of a post.
#[derive(Debug, Clone, Serialize)]
pub struct PostLinks {
    /// The post itself.
    #[serde(rename = "self")]
    pub self_: Vec<Href>,
    /// The posts collection.
    pub collection: Vec<Href>,
    /// The post type.
    pub about: Vec<Href>,
    /// The author.
    pub author: Vec<EmbeddableHref>,
    /// The featured image (absent without one).
    #[serde(rename = "wp:featuredmedia", skip_serializing_if = "Vec::is_empty")]
    pub featured_media: Vec<EmbeddableHref>,
    /// Categories and tags.
    #[serde(rename = "wp:term")]
    pub term: Vec<TermLink>,
}

/// `_links` of a term, user or media item.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectLinks {
    /// The object itself.
    #[serde(rename = "self")]
    pub self_: Vec<Href>,
    /// Its collection.
    pub collection: Vec<Href>,
    /// Its taxonomy, for terms.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<Href>,
    /// Its author, for media.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub author: Vec<EmbeddableHref>,
    /// Posts with the term, for terms.
    #[serde(rename = "wp:post_type", skip_serializing_if = "Vec::is_empty")]
    pub post_type: Vec<Href>,
}

impl ObjectLinks {
    fn new(base: &str, collection: &str, id: u64) -> Self {
        ObjectLinks {
            self_: vec![Href {
                href: api(base, &format!("{collection}/{id}")),
            }],
            collection: vec![Href {
                href: api(base, collection),
            }],
            about: Vec::new(),
            author: Vec::new(),
            post_type: Vec::new(),
        }
    }
}

/// `avatar_urls` of a user.
#[derive(Debug, Clone, Serialize)]
pub struct AvatarUrls {
    /// 24px avatar.
    #[serde(rename = "24")]
    pub s24: String,
    /// 48px avatar.
    #[serde(rename = "48")]
    pub s48: String,
    /// 96px avatar.
    #[serde(rename = "96")]
    pub s96: String,
}

/// A user (author).
#[derive(Debug, Clone, Serialize)]
pub struct WpUser {
    /// User id.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// Website (empty).
    pub url: String,
    /// Biography.
    pub description: String,
    /// Author archive URL (`{base}/autor/{slug}`).
    pub link: String,
    /// Slug.
    pub slug: String,
    /// Avatar images.
    pub avatar_urls: AvatarUrls,
    /// Registered meta (none; only outside `_embedded`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meta: Option<Vec<Value>>,
    /// Links (only outside `_embedded`).
    #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
    pub links: Option<ObjectLinks>,
}

/// A term as embedded in a post.
#[derive(Debug, Clone, Serialize)]
pub struct WpTermEmbed {
    /// Term id.
    pub id: u64,
    /// Archive URL.
    pub link: String,
    /// Name (HTML-escaped).
    pub name: String,
    /// Slug.
    pub slug: String,
    /// `category` or `post_tag`.
    pub taxonomy: &'static str,
}

/// A term from `/categories` or `/tags`.
#[derive(Debug, Clone, Serialize)]
pub struct WpTerm {
    /// Term id.
    pub id: u64,
    /// Number of posts with the term.
    pub count: usize,
    /// Description.
    pub description: String,
    /// Archive URL.
    pub link: String,
    /// Name (HTML-escaped).
    pub name: String,
    /// Slug.
    pub slug: String,
    /// `category` or `post_tag`.
    pub taxonomy: &'static str,
    /// Parent category (categories only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<u64>,
    /// Registered meta (none).
    pub meta: Vec<Value>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: ObjectLinks,
}

/// One entry of `media_details.sizes`.
#[derive(Debug, Clone, Serialize)]
pub struct MediaSize {
    /// File name.
    pub file: String,
    /// Width in px.
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// Always `image/svg+xml`.
    pub mime_type: &'static str,
    /// URL.
    pub source_url: String,
}

/// `media_details` of an attachment.
#[derive(Debug, Clone, Serialize)]
pub struct MediaDetails {
    /// Full width.
    pub width: u32,
    /// Full height.
    pub height: u32,
    /// File name.
    pub file: String,
    /// Named sizes.
    pub sizes: MediaSizes,
}

/// `media_details.sizes`.
#[derive(Debug, Clone, Serialize)]
pub struct MediaSizes {
    /// 300x169.
    pub medium: MediaSize,
    /// 1024x576.
    pub large: MediaSize,
    /// 1200x675.
    pub full: MediaSize,
}

/// A media item (the featured image of a post).
#[derive(Debug, Clone, Serialize)]
pub struct WpMedia {
    /// Media id (post id + 100000).
    pub id: u64,
    /// Upload time, site-local.
    pub date: String,
    /// Upload time, UTC (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_gmt: Option<String>,
    /// GUID (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guid: Option<Rendered>,
    /// Modification time, site-local (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// Modification time, UTC (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modified_gmt: Option<String>,
    /// Slug.
    pub slug: String,
    /// `inherit` (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// Always `attachment`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Page URL.
    pub link: String,
    /// Title.
    pub title: Rendered,
    /// Uploader (the post's author).
    pub author: u64,
    /// Caption HTML (`<p>…</p>\n`, or empty).
    pub caption: Rendered,
    /// Alternative text.
    pub alt_text: String,
    /// Always `image`.
    pub media_type: &'static str,
    /// Always `image/svg+xml`.
    pub mime_type: &'static str,
    /// Sizes.
    pub media_details: MediaDetails,
    /// Parent post id (not embedded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post: Option<u64>,
    /// Full-size URL.
    pub source_url: String,
    /// Links (not embedded).
    #[serde(rename = "_links", skip_serializing_if = "Option::is_none")]
    pub links: Option<ObjectLinks>,
}

/// `_embedded` of a post.
#[derive(Debug, Clone, Serialize)]
pub struct PostEmbedded {
    /// The author.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<Vec<WpUser>>,
    /// The featured image (only when the post has one).
    #[serde(rename = "wp:featuredmedia", skip_serializing_if = "Option::is_none")]
    pub featured_media: Option<Vec<WpMedia>>,
    /// `[[categories], [tags]]`.
    #[serde(rename = "wp:term", skip_serializing_if = "Option::is_none")]
    pub term: Option<Vec<Vec<WpTermEmbed>>>,
}

/// A post.
#[derive(Debug, Clone, Serialize)]
pub struct WpPost {
    /// Post id.
    pub id: u64,
    /// Publish time, site-local (+02:00, no offset shown).
    pub date: String,
    /// Publish time, UTC (no `Z`).
    pub date_gmt: String,
    /// GUID.
    pub guid: Rendered,
    /// Modification time, site-local.
    pub modified: String,
    /// Modification time, UTC.
    pub modified_gmt: String,
    /// Slug.
    pub slug: String,
    /// Always `publish`.
    pub status: &'static str,
    /// Always `post`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Article URL (`{base}/articol/{slug}`).
    pub link: String,
    /// Title HTML.
    pub title: Rendered,
    /// Body HTML.
    pub content: RenderedProtected,
    /// Excerpt HTML.
    pub excerpt: RenderedProtected,
    /// Author id.
    pub author: u64,
    /// Featured media id, 0 without image.
    pub featured_media: u64,
    /// `closed`.
    pub comment_status: &'static str,
    /// `closed`.
    pub ping_status: &'static str,
    /// Always false.
    pub sticky: bool,
    /// Empty.
    pub template: &'static str,
    /// `standard`.
    pub format: &'static str,
    /// Registered meta (none).
    pub meta: Vec<Value>,
    /// Category ids.
    pub categories: Vec<u64>,
    /// Tag ids.
    pub tags: Vec<u64>,
    /// Links.
    #[serde(rename = "_links")]
    pub links: PostLinks,
    /// Embedded resources (with `_embed`).
    #[serde(rename = "_embedded", skip_serializing_if = "Option::is_none")]
    pub embedded: Option<PostEmbedded>,
}

/// Which links `_embed` expands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Embed {
    /// `author`.
    pub author: bool,
    /// `wp:featuredmedia`.
    pub media: bool,
    /// `wp:term`.
    pub term: bool,
}

impl Embed {
    /// Everything.
    pub const ALL: Embed = Embed {
        author: true,
        media: true,
        term: true,
    };

    /// Reads `_embed` (present with any value; a list of link relations
    /// such as `author,wp:term` narrows it).
    pub fn from_query(q: &Query) -> Option<Embed> {
        if !q.has("_embed") {
            return None;
        }
        let rels = q.list("_embed").unwrap_or_default();
        let known = ["author", "wp:featuredmedia", "wp:term"];
        if !rels.iter().any(|r| known.contains(&r.as_str())) {
            return Some(Embed::ALL);
        }
        let has = |name: &str| rels.iter().any(|r| r == name);
        Some(Embed {
            author: has("author"),
            media: has("wp:featuredmedia"),
            term: has("wp:term"),
        })
    }
}

fn api(base: &str, path: &str) -> String {
    format!("{base}/wp-json/wp/v2/{path}")
}

/// The archive URL of a term.
pub fn term_link(base: &str, taxonomy: &str, slug: &str) -> String {
    let segment = if taxonomy == "category" {
        "categorie"
    } else {
        "eticheta"
    };
    format!("{base}/{segment}/{slug}")
}

/// A user object; `full` adds `meta` and `_links` (the non-embed view).
pub fn wp_user(author: &crate::content::Author, base: &str, full: bool) -> WpUser {
    let avatar = |s: u32| format!("{base}/media/avatar-{}.svg?s={s}", author.id);
    WpUser {
        id: author.id,
        name: escape_html(&author.name),
        url: String::new(),
        description: author.description.clone(),
        link: format!("{base}/autor/{}", author.slug),
        slug: author.slug.clone(),
        avatar_urls: AvatarUrls {
            s24: avatar(24),
            s48: avatar(48),
            s96: avatar(96),
        },
        meta: full.then(Vec::new),
        links: full.then(|| ObjectLinks::new(base, "users", author.id)),
    }
}

fn term_embed(term: &Term, taxonomy: &'static str, base: &str) -> WpTermEmbed {
    WpTermEmbed {
        id: term.id,
        link: term_link(base, taxonomy, &term.slug),
        name: escape_html(&term.name),
        slug: term.slug.clone(),
        taxonomy,
    }
}

/// A term object from a collection endpoint.
pub fn wp_term(store: &Store, term: &Term, taxonomy: &'static str, base: &str) -> WpTerm {
    let (collection, param) = if taxonomy == "category" {
        ("categories", "categories")
    } else {
        ("tags", "tags")
    };
    let count = store
        .posts
        .iter()
        .filter(|p| {
            let ids = if taxonomy == "category" { &p.categories } else { &p.tags };
            ids.contains(&term.id)
        })
        .count();
    WpTerm {
        id: term.id,
        count,
        description: term.description.clone(),
        link: term_link(base, taxonomy, &term.slug),
        name: escape_html(&term.name),
        slug: term.slug.clone(),
        taxonomy,
        parent: (taxonomy == "category").then_some(0),
        meta: Vec::new(),
        links: ObjectLinks {
            about: vec![Href {
                href: api(base, &format!("taxonomies/{taxonomy}")),
            }],
            post_type: vec![Href {
                href: api(base, &format!("posts?{param}={}", term.id)),
            }],
            ..ObjectLinks::new(base, collection, term.id)
        },
    }
}

/// URL of a post's generated image, full size or `w`x`h`.
pub fn image_url(base: &str, post_id: u64, size: Option<(u32, u32)>) -> String {
    match size {
        Some((w, h)) => format!("{base}/media/post-{post_id}-{w}x{h}.svg"),
        None => format!("{base}/media/post-{post_id}.svg"),
    }
}

/// The featured media of a post (`None` without image); `full` gives the
/// `/media/{id}` view, otherwise the embed view.
pub fn wp_media(post: &Post, base: &str, full: bool) -> Option<WpMedia> {
    let image = post.image.as_ref()?;
    let id = post.id + MEDIA_ID_OFFSET;
    let file = format!("post-{}.svg", post.id);
    let size = |w: u32, h: u32, full: bool| MediaSize {
        file: if full {
            file.clone()
        } else {
            format!("post-{}-{w}x{h}.svg", post.id)
        },
        width: w,
        height: h,
        mime_type: "image/svg+xml",
        source_url: image_url(base, post.id, (!full).then_some((w, h))),
    };
    let [(_, mw, mh), (_, lw, lh)] = IMAGE_SIZES;
    let sizes = MediaSizes {
        medium: size(mw, mh, false),
        large: size(lw, lh, false),
        full: size(IMAGE_WIDTH, IMAGE_HEIGHT, true),
    };
    let caption = image
        .caption
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| format!("<p>{}</p>\n", texturize(c)))
        .unwrap_or_default();
    Some(WpMedia {
        id,
        date: format_local(post.date_gmt),
        date_gmt: full.then(|| format_naive(post.date_gmt)),
        guid: full.then(|| Rendered {
            rendered: image_url(base, post.id, None),
        }),
        modified: full.then(|| format_local(post.date_gmt)),
        modified_gmt: full.then(|| format_naive(post.date_gmt)),
        slug: format!("imagine-{}", post.id),
        status: full.then_some("inherit"),
        kind: "attachment",
        link: image_url(base, post.id, None),
        title: Rendered {
            rendered: texturize(&image.alt),
        },
        author: post.author,
        caption: Rendered { rendered: caption },
        alt_text: image.alt.clone(),
        media_type: "image",
        mime_type: "image/svg+xml",
        media_details: MediaDetails {
            width: IMAGE_WIDTH,
            height: IMAGE_HEIGHT,
            file,
            sizes,
        },
        post: full.then_some(post.id),
        source_url: image_url(base, post.id, None),
        links: full.then(|| ObjectLinks {
            author: vec![EmbeddableHref {
                embeddable: true,
                href: api(base, &format!("users/{}", post.author)),
            }],
            ..ObjectLinks::new(base, "media", id)
        }),
    })
}

/// A post in WordPress shape, optionally with `_embedded`.
pub fn wp_post(store: &Store, post: &Post, base: &str, embed: Option<Embed>) -> WpPost {
    let featured = post.featured_media();
    let links = PostLinks {
        self_: vec![Href {
            href: api(base, &format!("posts/{}", post.id)),
        }],
        collection: vec![Href {
            href: api(base, "posts"),
        }],
        about: vec![Href {
            href: api(base, "types/post"),
        }],
        author: vec![EmbeddableHref {
            embeddable: true,
            href: api(base, &format!("users/{}", post.author)),
        }],
        featured_media: if featured > 0 {
            vec![EmbeddableHref {
                embeddable: true,
                href: api(base, &format!("media/{featured}")),
            }]
        } else {
            Vec::new()
        },
        term: vec![
            TermLink {
                taxonomy: "category",
                embeddable: true,
                href: api(base, &format!("categories?post={}", post.id)),
            },
            TermLink {
                taxonomy: "post_tag",
                embeddable: true,
                href: api(base, &format!("tags?post={}", post.id)),
            },
        ],
    };
    let embedded = embed.map(|e| PostEmbedded {
        author: e.author.then(|| {
            store
                .author(post.author)
                .map(|a| vec![wp_user(a, base, false)])
                .unwrap_or_default()
        }),
        featured_media: if e.media {
            wp_media(post, base, false).map(|m| vec![m])
        } else {
            None
        },
        term: e.term.then(|| {
            vec![
                post.categories
                    .iter()
                    .filter_map(|id| store.category(*id))
                    .map(|t| term_embed(t, "category", base))
                    .collect(),
                post.tags
                    .iter()
                    .filter_map(|id| store.tag(*id))
                    .map(|t| term_embed(t, "post_tag", base))
                    .collect(),
            ]
        }),
    });
    WpPost {
        id: post.id,
        date: format_local(post.date_gmt),
        date_gmt: format_naive(post.date_gmt),
        guid: Rendered {
            rendered: format!("{base}/?p={}", post.id),
        },
        modified: format_local(post.modified_gmt),
        modified_gmt: format_naive(post.modified_gmt),
        slug: post.slug.clone(),
        status: "publish",
        kind: "post",
        link: format!("{base}/articol/{}", post.slug),
        title: Rendered {
            rendered: texturize(&post.title),
        },
        content: RenderedProtected {
            rendered: with_base(&post.content_html, base),
            protected: false,
        },
        excerpt: RenderedProtected {
            rendered: render_excerpt(&post.excerpt),
            protected: false,
        },
        author: post.author,
        featured_media: featured,
        comment_status: "closed",
        ping_status: "closed",
        sticky: false,
        template: "",
        format: "standard",
        meta: Vec::new(),
        categories: post.categories.clone(),
        tags: post.tags.clone(),
        links,
        embedded,
    }
}

/// Keeps only the listed (possibly dotted, e.g. `title.rendered`) fields.
pub fn filter_fields(value: Value, fields: &[String]) -> Value {
    fn keep(value: &Value, paths: &[Vec<&str>]) -> Value {
        let Value::Object(map) = value else {
            return value.clone();
        };
        let mut out = serde_json::Map::new();
        for (key, v) in map {
            let sub: Vec<Vec<&str>> = paths
                .iter()
                .filter(|p| p.first() == Some(&key.as_str()))
                .map(|p| p[1..].to_vec())
                .collect();
            if sub.is_empty() {
                continue;
            }
            if sub.iter().any(Vec::is_empty) {
                out.insert(key.clone(), v.clone());
            } else {
                out.insert(key.clone(), keep(v, &sub));
            }
        }
        Value::Object(out)
    }
    let paths: Vec<Vec<&str>> = fields.iter().map(|f| f.split('.').collect()).collect();
    keep(&value, &paths)
}

/// A response item: the typed object (field order as WordPress), or a
/// `_fields`-filtered copy.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Item<T> {
    /// All fields.
    Typed(T),
    /// Only the requested fields.
    Filtered(Value),
}

fn item<T: Serialize>(value: T, fields: Option<&[String]>) -> Item<T> {
    match fields {
        Some(f) if !f.is_empty() => {
            Item::Filtered(filter_fields(serde_json::to_value(&value).unwrap_or(Value::Null), f))
        }
        _ => Item::Typed(value),
    }
}

fn parse_id(raw: &str) -> Result<u64, WpError> {
    if raw.is_empty() || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WpError::no_route());
    }
    raw.parse().map_err(|_| WpError::no_route())
}

fn direction(ord: Ordering, asc: bool) -> Ordering {
    if asc {
        ord
    } else {
        ord.reverse()
    }
}

/// `GET /wp-json` and `/wp-json/`: a small site index.
pub async fn index(State(st): State<SharedState>, headers: HeaderMap) -> Response {
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let body = json!({
        "name": store.site.name,
        "description": store.site.description,
        "url": base,
        "home": base,
        "gmt_offset": SITE_OFFSET_SECS / 3600,
        "timezone_string": "Europe/Bucharest",
        "namespaces": ["wp/v2"],
        "authentication": [],
        "routes": {},
    });
    json_response(&body, store.last_changed)
}

/// Any unknown `/wp-json/...` route.
pub async fn no_route() -> Response {
    WpError::no_route().into_response()
}

/// `GET /wp-json/wp/v2/posts`.
pub async fn list_posts(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Result<Response, WpError> {
    let q = Query::parse(uri.query());
    let per_page = q.int_in_range("per_page", 10, 1, 100)?;
    let page = q.int_in_range("page", 1, 1, u64::MAX)?;
    let slugs = q.list("slug");
    let categories = q.ids("categories")?;
    let categories_exclude = q.ids("categories_exclude")?;
    let tags = q.ids("tags")?;
    let tags_exclude = q.ids("tags_exclude")?;
    let include = q.ids("include")?;
    let exclude = q.ids("exclude")?;
    let authors = q.ids("author")?;
    let authors_exclude = q.ids("author_exclude")?;
    let after = q.date("after")?;
    let before = q.date("before")?;
    let modified_after = q.date("modified_after")?;
    let modified_before = q.date("modified_before")?;
    let search = q
        .get("search")
        .map(|s| fold_diacritics(s.trim()))
        .filter(|s| !s.is_empty());
    let orderby = q.one_of(
        "orderby",
        "date",
        &[
            "date",
            "modified",
            "id",
            "title",
            "slug",
            "author",
            "include",
            "relevance",
        ],
    )?;
    let asc = q.one_of("order", "desc", &["asc", "desc"])? == "asc";
    if orderby == "relevance" && search.is_none() {
        return Err(WpError::new(
            StatusCode::BAD_REQUEST,
            "rest_no_search_term_defined",
            "You need to define a search term to order by relevance.",
        ));
    }
    if orderby == "include" && include.is_none() {
        return Err(WpError::new(
            StatusCode::BAD_REQUEST,
            "rest_orderby_include_missing_include",
            "You need to define an include parameter to order by include.",
        ));
    }
    let embed = Embed::from_query(&q);
    let fields = q.list("_fields");
    let base = base_url(&headers, &st.fallback_base);

    let store = st.read_store();
    let any_of =
        |want: &Option<Vec<u64>>, have: &[u64]| want.as_ref().is_none_or(|w| w.iter().any(|id| have.contains(id)));
    let none_of =
        |avoid: &Option<Vec<u64>>, have: &[u64]| avoid.as_ref().is_none_or(|w| !w.iter().any(|id| have.contains(id)));
    let relevance = |p: &Post| -> usize {
        search.as_ref().map_or(0, |s| {
            2 * fold_diacritics(&p.title).matches(s.as_str()).count()
                + fold_diacritics(&p.excerpt).matches(s.as_str()).count()
        })
    };
    let mut posts: Vec<&Post> = store
        .posts
        .iter()
        .filter(|p| slugs.as_ref().is_none_or(|s| s.contains(&p.slug)))
        .filter(|p| any_of(&categories, &p.categories) && none_of(&categories_exclude, &p.categories))
        .filter(|p| any_of(&tags, &p.tags) && none_of(&tags_exclude, &p.tags))
        .filter(|p| include.as_ref().is_none_or(|ids| ids.contains(&p.id)))
        .filter(|p| exclude.as_ref().is_none_or(|ids| !ids.contains(&p.id)))
        .filter(|p| authors.as_ref().is_none_or(|ids| ids.contains(&p.author)))
        .filter(|p| authors_exclude.as_ref().is_none_or(|ids| !ids.contains(&p.author)))
        .filter(|p| after.is_none_or(|t| p.date_gmt > t) && before.is_none_or(|t| p.date_gmt < t))
        .filter(|p| {
            modified_after.is_none_or(|t| p.modified_gmt > t) && modified_before.is_none_or(|t| p.modified_gmt < t)
        })
        .filter(|p| search.is_none() || relevance(p) > 0)
        .collect();
    posts.sort_by(|a, b| {
        let primary = match orderby {
            "modified" => direction(a.modified_gmt.cmp(&b.modified_gmt), asc),
            "id" => Ordering::Equal,
            "title" => direction(fold_diacritics(&a.title).cmp(&fold_diacritics(&b.title)), asc),
            "slug" => direction(a.slug.cmp(&b.slug), asc),
            "author" => direction(a.author.cmp(&b.author), asc),
            "include" => {
                let pos = |p: &Post| include.as_ref().and_then(|ids| ids.iter().position(|id| *id == p.id));
                pos(a).cmp(&pos(b))
            }
            "relevance" => relevance(b)
                .cmp(&relevance(a))
                .then_with(|| b.date_gmt.cmp(&a.date_gmt)),
            _ => direction(a.date_gmt.cmp(&b.date_gmt), asc),
        };
        primary.then_with(|| direction(a.id.cmp(&b.id), asc))
    });
    let page = paginate(posts.len(), per_page, page, "rest_post_invalid_page_number")?;
    let items: Vec<Item<WpPost>> = posts[page.start..page.end]
        .iter()
        .map(|p| item(wp_post(&store, p, &base, embed), fields.as_deref()))
        .collect();
    let mut res = json_response(&items, store.last_changed);
    set_totals(&mut res, page.total, page.pages);
    Ok(res)
}

/// `GET /wp-json/wp/v2/posts/{id}`.
pub async fn get_post(
    State(st): State<SharedState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, WpError> {
    let id = parse_id(&raw)?;
    let q = Query::parse(uri.query());
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let post = store
        .post(id)
        .ok_or_else(|| WpError::new(StatusCode::NOT_FOUND, "rest_post_invalid_id", "Invalid post ID."))?;
    let fields = q.list("_fields");
    let value = item(wp_post(&store, post, &base, Embed::from_query(&q)), fields.as_deref());
    Ok(json_response(&value, post.modified_gmt.max(post.date_gmt)))
}

/// Shared query handling of `/categories`, `/tags` and `/users`.
struct CollectionQuery {
    q: Query,
    per_page: u64,
    page: u64,
    include: Option<Vec<u64>>,
    exclude: Option<Vec<u64>>,
    slugs: Option<Vec<String>>,
    search: Option<String>,
    orderby: &'static str,
    asc: bool,
}

impl CollectionQuery {
    fn parse(uri: &Uri, orderby: &[&'static str]) -> Result<Self, WpError> {
        let q = Query::parse(uri.query());
        Ok(CollectionQuery {
            per_page: q.int_in_range("per_page", 10, 1, 100)?,
            page: q.int_in_range("page", 1, 1, u64::MAX)?,
            include: q.ids("include")?,
            exclude: q.ids("exclude")?,
            slugs: q.list("slug"),
            search: q
                .get("search")
                .map(|s| fold_diacritics(s.trim()))
                .filter(|s| !s.is_empty()),
            orderby: q.one_of("orderby", "name", orderby)?,
            asc: q.one_of("order", "asc", &["asc", "desc"])? == "asc",
            q,
        })
    }

    fn keeps(&self, id: u64, slug: &str, name: &str) -> bool {
        self.include.as_ref().is_none_or(|ids| ids.contains(&id))
            && self.exclude.as_ref().is_none_or(|ids| !ids.contains(&id))
            && self.slugs.as_ref().is_none_or(|s| s.iter().any(|s| s == slug))
            && self
                .search
                .as_ref()
                .is_none_or(|s| fold_diacritics(name).contains(s.as_str()) || slug.contains(s.as_str()))
    }

    fn respond<T: Serialize>(&self, items: Vec<T>, last_changed: i64) -> Result<Response, WpError> {
        let page = paginate(items.len(), self.per_page, self.page, "rest_invalid_page_number")?;
        let fields = self.q.list("_fields");
        let slice: Vec<Item<T>> = items
            .into_iter()
            .skip(page.start)
            .take(page.end - page.start)
            .map(|v| item(v, fields.as_deref()))
            .collect();
        let mut res = json_response(&slice, last_changed);
        set_totals(&mut res, page.total, page.pages);
        Ok(res)
    }
}

fn list_terms(st: &SharedState, headers: &HeaderMap, uri: &Uri, taxonomy: &'static str) -> Result<Response, WpError> {
    let cq = CollectionQuery::parse(uri, &["name", "id", "slug", "count", "include"])?;
    let post_filter = cq.q.int_in_range("post", 0, 0, u64::MAX)?;
    let hide_empty = matches!(cq.q.get("hide_empty"), Some("true" | "1"));
    let base = base_url(headers, &st.fallback_base);
    let store = st.read_store();
    let terms = if taxonomy == "category" {
        &store.categories
    } else {
        &store.tags
    };
    let post_terms: Option<&Vec<u64>> = if post_filter > 0 {
        match store.post(post_filter) {
            Some(p) if taxonomy == "category" => Some(&p.categories),
            Some(p) => Some(&p.tags),
            None => {
                return Err(WpError::invalid_param("post", "Invalid post ID."));
            }
        }
    } else {
        None
    };
    let mut items: Vec<WpTerm> = terms
        .iter()
        .filter(|t| cq.keeps(t.id, &t.slug, &t.name))
        .filter(|t| post_terms.is_none_or(|ids| ids.contains(&t.id)))
        .map(|t| wp_term(&store, t, taxonomy, &base))
        .filter(|t| !hide_empty || t.count > 0)
        .collect();
    items.sort_by(|a, b| {
        let ord = match cq.orderby {
            "id" => a.id.cmp(&b.id),
            "slug" => a.slug.cmp(&b.slug),
            "count" => a.count.cmp(&b.count),
            "include" => {
                let pos = |id: u64| cq.include.as_ref().and_then(|v| v.iter().position(|x| *x == id));
                return pos(a.id).cmp(&pos(b.id));
            }
            _ => fold_diacritics(&a.name).cmp(&fold_diacritics(&b.name)),
        };
        direction(ord.then(a.id.cmp(&b.id)), cq.asc)
    });
    cq.respond(items, store.last_changed)
}

fn get_term(st: &SharedState, headers: &HeaderMap, raw: &str, taxonomy: &'static str) -> Result<Response, WpError> {
    let id = parse_id(raw)?;
    let base = base_url(headers, &st.fallback_base);
    let store = st.read_store();
    let term = if taxonomy == "category" {
        store.category(id)
    } else {
        store.tag(id)
    }
    .ok_or_else(|| WpError::new(StatusCode::NOT_FOUND, "rest_term_invalid", "Term does not exist."))?;
    Ok(json_response(
        &wp_term(&store, term, taxonomy, &base),
        store.last_changed,
    ))
}

/// `GET /wp-json/wp/v2/categories`.
pub async fn list_categories(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Result<Response, WpError> {
    list_terms(&st, &headers, &uri, "category")
}

/// `GET /wp-json/wp/v2/categories/{id}`.
pub async fn get_category(
    State(st): State<SharedState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WpError> {
    get_term(&st, &headers, &raw, "category")
}

/// `GET /wp-json/wp/v2/tags`.
pub async fn list_tags(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Result<Response, WpError> {
    list_terms(&st, &headers, &uri, "post_tag")
}

/// `GET /wp-json/wp/v2/tags/{id}`.
pub async fn get_tag(
    State(st): State<SharedState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WpError> {
    get_term(&st, &headers, &raw, "post_tag")
}

/// `GET /wp-json/wp/v2/users`.
pub async fn list_users(State(st): State<SharedState>, headers: HeaderMap, uri: Uri) -> Result<Response, WpError> {
    let cq = CollectionQuery::parse(&uri, &["name", "id", "slug", "include"])?;
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let mut authors: Vec<_> = store
        .authors
        .iter()
        .filter(|a| cq.keeps(a.id, &a.slug, &a.name))
        .collect();
    authors.sort_by(|a, b| {
        let ord = match cq.orderby {
            "id" => a.id.cmp(&b.id),
            "slug" => a.slug.cmp(&b.slug),
            "include" => {
                let pos = |id: u64| cq.include.as_ref().and_then(|v| v.iter().position(|x| *x == id));
                return pos(a.id).cmp(&pos(b.id));
            }
            _ => fold_diacritics(&a.name).cmp(&fold_diacritics(&b.name)),
        };
        direction(ord.then(a.id.cmp(&b.id)), cq.asc)
    });
    let values: Vec<WpUser> = authors.iter().map(|a| wp_user(a, &base, true)).collect();
    cq.respond(values, store.last_changed)
}

/// `GET /wp-json/wp/v2/users/{id}`.
pub async fn get_user(
    State(st): State<SharedState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WpError> {
    let id = parse_id(&raw)?;
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let author = store
        .author(id)
        .ok_or_else(|| WpError::new(StatusCode::NOT_FOUND, "rest_user_invalid_id", "Invalid user ID."))?;
    Ok(json_response(&wp_user(author, &base, true), store.last_changed))
}

/// `GET /wp-json/wp/v2/media/{id}`.
pub async fn get_media(
    State(st): State<SharedState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WpError> {
    let id = parse_id(&raw)?;
    let base = base_url(&headers, &st.fallback_base);
    let store = st.read_store();
    let media = id
        .checked_sub(MEDIA_ID_OFFSET)
        .and_then(|post_id| store.post(post_id))
        .and_then(|post| wp_media(post, &base, true).map(|m| (m, post.date_gmt)))
        .ok_or_else(|| WpError::new(StatusCode::NOT_FOUND, "rest_post_invalid_id", "Invalid post ID."))?;
    Ok(json_response(&media.0, media.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texturizes_like_wordpress() {
        assert_eq!(
            texturize("Tom & Jerry's „cel mai bun” film – acum… <b> \"da\""),
            "Tom &#038; Jerry&#8217;s &#8222;cel mai bun&#8221; film &#8211; acum&#8230; &lt;b&gt; &#8220;da&#8221;"
        );
        assert_eq!(texturize("a - b..."), "a &#8211; b&#8230;");
        assert_eq!(render_excerpt("Text scurt…"), "<p>Text scurt &#8230;</p>\n");
    }

    #[test]
    fn filters_nested_fields() {
        let v = json!({"id": 1, "title": {"rendered": "x", "raw": "y"}, "slug": "s"});
        let f = filter_fields(v, &["id".into(), "title.rendered".into()]);
        assert_eq!(f, json!({"id": 1, "title": {"rendered": "x"}}));
    }
}
