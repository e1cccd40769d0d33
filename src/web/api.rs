//! Fetches from the configured news API and hands bodies to the pure adapters.

use crate::config::Config;
use crate::endpoints;
use crate::error::AppError;
use crate::model::{sort_newest_first, Post, PostPage, Term};
use crate::sources::{self, wordpress, Kind, SourceError};
use gloo_net::http::Request;

/// A GET that returned a success status: body text plus the headers we use.
struct Fetched {
    url: String,
    body: String,
    total: Option<String>,
    total_pages: Option<String>,
}

async fn get(url: &str) -> Result<Fetched, AppError> {
    let resp = Request::get(url)
        .header("Accept", "application/json, application/feed+json;q=0.9")
        .send()
        .await
        .map_err(|e| AppError::Network {
            url: url.to_owned(),
            detail: e.to_string(),
        })?;
    let status = resp.status();
    if !(200..300).contains(&status) {
        return Err(AppError::Http {
            url: url.to_owned(),
            status,
        });
    }
    let headers = resp.headers();
    let total = headers.get("X-WP-Total");
    let total_pages = headers.get("X-WP-TotalPages");
    let body = resp.text().await.map_err(|e| AppError::Network {
        url: url.to_owned(),
        detail: e.to_string(),
    })?;
    Ok(Fetched {
        url: url.to_owned(),
        body,
        total,
        total_pages,
    })
}

fn log_error(e: &AppError) {
    web_sys::console::error_1(&format!("Ziar: {e}").into());
}

/// Loads `config.json` from beside `index.html`. A missing file means defaults;
/// an invalid one is an error, shown on the page.
pub async fn load_config() -> Result<Config, AppError> {
    let url = super::absolute_url("config.json");
    let result = match get(&url).await {
        Ok(f) => Config::from_json(&f.body).map_err(|e| AppError::Config(e.to_string())),
        Err(AppError::Http { status: 404, .. }) => Ok(Config::default()),
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        log_error(e);
    }
    result
}

/// The configured API, with its URL made absolute against the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    api: String,
    api_dir: String,
    forced: Option<Kind>,
}

impl Api {
    /// Builds the client; the config was validated, so the kind parses.
    pub fn new(cfg: &Config) -> Api {
        let api = super::absolute_url(cfg.api.trim());
        Api {
            api_dir: format!("{}/", api.trim_end_matches('/')),
            api,
            forced: Kind::from_config(&cfg.kind).ok().flatten(),
        }
    }

    fn kind(&self) -> Kind {
        endpoints::request_kind(&self.api, self.forced)
    }

    async fn fetch_page(&self, url: &str, page: u32) -> Result<PostPage, AppError> {
        let result = async {
            let f = get(url).await?;
            let not_feed = |source: SourceError| AppError::NotFeed {
                url: f.url.clone(),
                source,
            };
            let json = sources::parse_body(&f.body).map_err(not_feed)?;
            let (kind, mut page_data) = sources::parse_list(&json, self.forced, &f.url).map_err(not_feed)?;
            if kind == Kind::WordPress {
                wordpress::apply_headers(&mut page_data, f.total.as_deref(), f.total_pages.as_deref(), page);
            }
            sort_newest_first(&mut page_data.posts);
            Ok(page_data)
        }
        .await;
        if let Err(e) = &result {
            log_error(e);
        }
        result
    }

    /// The newest posts, one page.
    pub async fn latest(&self, page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let url = endpoints::list_url(&self.api_dir, &self.api, self.kind(), page, per_page);
        self.fetch_page(&url, page).await
    }

    /// One post by slug (or id); `Ok(None)` when the API has no such post.
    pub async fn by_slug(&self, slug: &str) -> Result<Option<Post>, AppError> {
        match endpoints::by_slug_url(&self.api_dir, self.kind(), slug) {
            Some(url) => Ok(self.fetch_page(&url, 1).await?.posts.into_iter().next()),
            // No single-item endpoint: look in the list.
            None => Ok(self
                .latest(1, 100)
                .await?
                .posts
                .into_iter()
                .find(|p| p.route_key() == slug || p.id == slug)),
        }
    }

    /// A category by slug and its newest posts; `Ok(None)` when it doesn't exist.
    pub async fn category(&self, slug: &str, per_page: usize) -> Result<Option<(Term, Vec<Post>)>, AppError> {
        if self.kind() != Kind::WordPress {
            let posts = self.latest(1, 100).await?.posts;
            let matching: Vec<Post> = posts
                .into_iter()
                .filter(|p| {
                    p.categories
                        .iter()
                        .chain(&p.tags)
                        .any(|t| t.slug.as_deref() == Some(slug) || t.name == slug)
                })
                .collect();
            let term = Term {
                name: slug.to_owned(),
                slug: Some(slug.to_owned()),
                ..Default::default()
            };
            return Ok((!matching.is_empty()).then_some((term, matching)));
        }
        let url = endpoints::category_by_slug_url(&self.api_dir, slug);
        let f = get(&url).await.inspect_err(log_error)?;
        let terms: Vec<serde_json::Value> = serde_json::from_str(&f.body)
            .map_err(|e| AppError::NotFeed {
                url: url.clone(),
                source: SourceError::NotJson(e.to_string()),
            })
            .inspect_err(log_error)?;
        let Some(t) = terms.first() else { return Ok(None) };
        let id = t.get("id").map(|v| v.to_string()).unwrap_or_default();
        let term = Term {
            id: Some(id.clone()),
            name: crate::text::decode_entities(t.get("name").and_then(|v| v.as_str()).unwrap_or(slug)),
            slug: Some(slug.to_owned()),
            link: None,
        };
        let posts_url = endpoints::category_url(&self.api_dir, Kind::WordPress, &id, per_page).unwrap_or_default();
        let posts = self.fetch_page(&posts_url, 1).await?.posts;
        Ok(Some((term, posts)))
    }
}
