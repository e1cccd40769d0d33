//! Fetches from the configured news API and hands bodies to the pure adapters.

use super::fetch::Guard;
use crate::config::{Config, Limits};
use crate::endpoints;
use crate::error::AppError;
use crate::model::{sort_newest_first, NextPage, Post, PostPage, Term};
use crate::sources::{self, hackernews, mapping::Mapping, wordpress, Kind, SourceError};
use gloo_net::http::Request;
use wasm_bindgen::JsValue;

/// A GET that returned a success status: body text plus the headers we use.
struct Fetched {
    url: String,
    body: String,
    total: Option<String>,
    total_pages: Option<String>,
}

async fn get(url: &str, limits: Limits) -> Result<Fetched, AppError> {
    let guard = Guard::fresh(limits).ok_or_else(|| AppError::Network {
        url: url.to_owned(),
        detail: "this browser has no AbortController".into(),
    })?;
    let req = Request::get(url).header("Accept", "application/json, application/feed+json;q=0.9");
    let resp = guard.send(req, url).await?;
    let status = resp.status();
    if !(200..300).contains(&status) {
        // A refused request (bad key, bad parameter) usually says why in the
        // API's own error object: show that rather than a bare status code.
        if matches!(status, 400 | 401 | 403) {
            let json = guard
                .read_body(&resp, url)
                .await
                .ok()
                .and_then(|b| sources::parse_body(&b).ok());
            if json.as_ref().is_some_and(|v| wordpress::is_past_last_page(status, v)) {
                // An empty page: "load more" ends instead of showing an error.
                return Ok(Fetched {
                    url: url.to_owned(),
                    body: "[]".into(),
                    total: None,
                    total_pages: None,
                });
            }
            let api_error = json.and_then(|v| sources::api_error(&v));
            if let Some(source) = api_error {
                return Err(AppError::NotFeed {
                    url: url.to_owned(),
                    source,
                });
            }
        }
        return Err(AppError::Http {
            url: url.to_owned(),
            status,
        });
    }
    let headers = resp.headers();
    let total = headers.get("X-WP-Total");
    let total_pages = headers.get("X-WP-TotalPages");
    let body = guard.read_body(&resp, url).await?;
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

/// Skipped items are not errors (the page still shows), but the publisher
/// should be able to find out why an item is missing.
fn log_warnings(url: &str, kind: Kind, warnings: &[String]) {
    for w in warnings {
        web_sys::console::warn_1(&format!("Ziar ({} at {url}): {w}", kind.name()).into());
    }
}

/// Fetches every URL at once (Hacker News items); a failed one yields `None`
/// and is logged, so one missing item never fails the page.
async fn get_all(urls: &[String], limits: Limits) -> Vec<Option<String>> {
    let promises = js_sys::Array::new();
    for url in urls {
        let url = url.clone();
        promises.push(&wasm_bindgen_futures::future_to_promise(async move {
            Ok(match get(&url, limits).await {
                Ok(f) => JsValue::from_str(&f.body),
                Err(e) => {
                    web_sys::console::warn_1(&format!("Ziar: {e}").into());
                    JsValue::NULL
                }
            })
        }));
    }
    match wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&promises)).await {
        Ok(v) => js_sys::Array::from(&v).iter().map(|b| b.as_string()).collect(),
        Err(_) => vec![None; urls.len()],
    }
}

/// Loads `config.json` from beside `index.html`. A missing file means defaults;
/// an invalid one is an error, shown on the page.
pub async fn load_config() -> Result<Config, AppError> {
    let url = super::absolute_url("config.json");
    super::mark("config-fetch");
    let fetched = get(&url, Limits::default()).await;
    super::mark("config-body");
    let result = match fetched {
        Ok(f) => Config::check(&f.body).map(apply_api_override).map_err(AppError::Config),
        Err(AppError::Http { status: 404, .. }) => Ok(Config::default()),
        Err(e) => Err(e),
    };
    // `api` set to a WordPress site's own address: find its REST API.
    let result = match result {
        Ok(cfg) => Ok(super::discover::discover(cfg).await),
        e => e,
    };
    if let Err(e) = &result {
        log_error(e);
    }
    result
}

/// Applies the page URL's `?api=` when `config.json` allows it
/// (`crate::api_override`); otherwise the parameter is ignored with a console warning.
fn apply_api_override(mut cfg: Config) -> Config {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return cfg;
    };
    let query = location.search().unwrap_or_default();
    let origin = location.origin().unwrap_or_default();
    match crate::api_override::decide(&query, &origin, cfg.allow_api_override, &cfg.api_override_origins) {
        crate::api_override::Decision::Absent => {}
        crate::api_override::Decision::Use(api) => {
            web_sys::console::info_1(&format!("Ziar: using the API from ?api=: {api}").into());
            cfg.api = api;
        }
        crate::api_override::Decision::Ignored(why) => {
            web_sys::console::warn_1(&format!("Ziar: {why}").into());
        }
    }
    cfg
}

/// The configured API, with its URL made absolute against the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    api: String,
    api_dir: String,
    forced: Option<Kind>,
    mapping: Option<Mapping>,
    limits: Limits,
}

impl Api {
    /// Builds the client; the config was validated, so the kind parses.
    pub fn new(cfg: &Config) -> Api {
        let api = super::absolute_url(cfg.api.trim());
        Api {
            api_dir: format!("{}/", api.trim_end_matches('/')),
            api,
            forced: Kind::from_config(&cfg.kind).ok().flatten(),
            mapping: cfg.mapping.clone(),
            limits: cfg.limits(),
        }
    }

    /// The API URL, absolute: relative URLs in content resolve against it.
    pub fn url(&self) -> &str {
        &self.api
    }

    /// The kind the requests are built for (the response is still detected).
    pub fn kind(&self) -> Kind {
        endpoints::request_kind_with_mapping(&self.api, self.forced, self.mapping.is_some())
    }

    /// Parses a fetched body with the forced or detected kind and the mapping.
    fn parse(&self, url: &str, body: &str) -> Result<(Kind, PostPage), AppError> {
        let not_feed = |source: SourceError| AppError::NotFeed {
            url: url.to_owned(),
            source,
        };
        let json = sources::parse_body(body).map_err(not_feed)?;
        let (kind, page) =
            sources::parse_list_with(&json, self.forced, url, self.mapping.as_ref()).map_err(not_feed)?;
        log_warnings(url, kind, &page.warnings);
        Ok((kind, page))
    }

    async fn fetch_page(&self, url: &str, page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let result = async {
            let f = get(url, self.limits).await?;
            let json = sources::parse_body(&f.body).map_err(|source| AppError::NotFeed {
                url: f.url.clone(),
                source,
            })?;
            // A Hacker News story list is ids only: fetch this page's items.
            if let Some(ids) =
                hackernews::id_list(&json).filter(|_| matches!(self.forced, None | Some(Kind::HackerNews)))
            {
                return self.hn_page(&f.url, &ids, page, per_page).await;
            }
            let (kind, mut page_data) = self.parse(&f.url, &f.body)?;
            match kind {
                Kind::WordPress => {
                    wordpress::apply_headers(&mut page_data, f.total.as_deref(), f.total_pages.as_deref(), page)
                }
                // NewsAPI tells the total, not the page count.
                Kind::NewsApi => {
                    let seen = u64::from(page).saturating_mul(per_page as u64);
                    page_data.has_more = page_data.total.is_some_and(|t| seen < t);
                }
                // dev.to tells nothing: a full page suggests another.
                Kind::DevTo => page_data.has_more = page_data.posts.len() + page_data.warnings.len() >= per_page,
                _ => {}
            }
            if page_data.has_more && page_data.next.is_none() {
                page_data.next = Some(NextPage::Page {
                    page: u64::from(page) + 1,
                });
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

    /// Slices one page of Hacker News ids and fetches those items together.
    async fn hn_page(&self, list_url: &str, ids: &[u64], page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let (slice, next) = hackernews::slice(ids, page, per_page);
        let urls: Vec<String> = slice.iter().map(|id| endpoints::hn_item_url(list_url, *id)).collect();
        let items: Vec<serde_json::Value> = get_all(&urls, self.limits)
            .await
            .into_iter()
            .map(|b| b.and_then(|b| sources::parse_body(&b).ok()).unwrap_or_default())
            .collect();
        let mut page_data = if items.is_empty() {
            PostPage::default()
        } else {
            let (_, p) = sources::parse_list(&serde_json::Value::Array(items), Some(Kind::HackerNews), list_url)
                .map_err(|source| AppError::NotFeed {
                    url: list_url.to_owned(),
                    source,
                })?;
            log_warnings(list_url, Kind::HackerNews, &p.warnings);
            p
        };
        page_data.total = Some(ids.len() as u64);
        page_data.next = next.map(|offset| NextPage::Offset { offset });
        page_data.has_more = next.is_some();
        sort_newest_first(&mut page_data.posts);
        Ok(page_data)
    }

    /// The newest posts, one page.
    pub async fn latest(&self, page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let url = self.list_url(page, per_page);
        self.fetch_page(&url, page, per_page).await
    }

    /// The list page a source's own cursor names (`PostPage::next`), for
    /// "load more" (`paging::next_page`).
    pub async fn page_at(&self, next: NextPage, per_page: usize) -> Result<PostPage, AppError> {
        match next {
            NextPage::Page { page } => self.latest(u32::try_from(page).unwrap_or(u32::MAX), per_page).await,
            NextPage::Url { url } => self.fetch_page(&url, 2, per_page).await,
            NextPage::Offset { offset } => {
                let page = offset / per_page.max(1) as u64 + 1;
                self.latest(u32::try_from(page).unwrap_or(u32::MAX), per_page).await
            }
        }
    }

    /// One post by slug (or id); `Ok(None)` when the API has no such post.
    pub async fn by_slug(&self, slug: &str) -> Result<Option<Post>, AppError> {
        let kind = self.kind();
        if let Some(url) = endpoints::single_url(&self.api_dir, &self.api, kind, slug) {
            let found = match self.fetch_page(&url, 1, 1).await {
                Ok(p) => p.posts.into_iter().next(),
                // Ghost answers an unknown slug with 404 and an error object.
                Err(AppError::Http { status: 404, .. }) if kind == Kind::Ghost => None,
                Err(e) => return Err(e),
            };
            // No such slug: a numeric key may be a WordPress id (`?p=123` links).
            return match (found, endpoints::by_id_url(&self.api_dir, kind, slug)) {
                (None, Some(url)) => Ok(self.fetch_page(&url, 1, 1).await?.posts.into_iter().next()),
                (found, _) => Ok(found),
            };
        }
        // No single-item endpoint: look in the list.
        let found = self
            .latest(1, 100)
            .await?
            .posts
            .into_iter()
            .find(|p| p.route_key() == slug || p.id == slug);
        match found {
            // dev.to lists carry no body: the article endpoint has it.
            Some(p) if kind == Kind::DevTo && p.content_html.is_empty() => {
                let base = self.api.split(['?', '#']).next().unwrap_or(&self.api);
                let url = endpoints::join_path(base, &endpoints::encode_query_value(&p.id));
                match self.fetch_page(&url, 1, 1).await {
                    Ok(full) => Ok(full.posts.into_iter().next().or(Some(p))),
                    Err(_) => Ok(Some(p)),
                }
            }
            other => Ok(other),
        }
    }

    /// A category by slug and its newest posts; `Ok(None)` when it doesn't exist.
    pub async fn category(&self, slug: &str, per_page: usize) -> Result<Option<(Term, Vec<Post>)>, AppError> {
        if self.kind() != Kind::WordPress {
            let posts = self.latest(1, 100).await?.posts;
            let matching: Vec<Post> = posts
                .into_iter()
                .filter(|p| {
                    p.categories.iter().chain(&p.tags).any(|t| {
                        t.slug.as_deref() == Some(slug)
                            || crate::text::lowercase(&t.name) == crate::text::lowercase(slug)
                    })
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
        let f = get(&url, self.limits).await.inspect_err(log_error)?;
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
        let posts = self.fetch_page(&posts_url, 1, per_page).await?.posts;
        Ok(Some((term, posts)))
    }

    /// The list URL for a page, for every kind including custom mappings.
    fn list_url(&self, page: u32, per_page: usize) -> String {
        match (self.kind(), &self.mapping) {
            (Kind::Custom, Some(m)) => endpoints::custom_list_url(
                &self.api,
                page,
                per_page,
                m.page_param.as_deref(),
                m.per_page_param.as_deref(),
            ),
            (kind, _) => endpoints::list_url(&self.api_dir, &self.api, kind, page, per_page),
        }
    }

    /// Timeout and size cap for every request, the live poller's included.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// The URL of the newest-posts list, for the live poller: only the fields
    /// the list shows, where the API can select them (`endpoints::live_list_url`).
    pub fn latest_url(&self, per_page: usize) -> String {
        match (self.kind(), &self.mapping) {
            (Kind::Custom, Some(_)) => self.list_url(1, per_page),
            (kind, _) => endpoints::live_list_url(&self.api_dir, &self.api, kind, per_page),
        }
    }

    /// Parses a list body fetched by the live poller. `Ok(None)` means the body
    /// is only an index (a Hacker News id list): call [`Api::latest`] for the items.
    pub fn parse_page(&self, url: &str, body: &str) -> Result<Option<PostPage>, AppError> {
        let json = sources::parse_body(body).map_err(|source| AppError::NotFeed {
            url: url.to_owned(),
            source,
        })?;
        if hackernews::id_list(&json).is_some() && matches!(self.forced, None | Some(Kind::HackerNews)) {
            return Ok(None);
        }
        let (_, mut page) = self.parse(url, body)?;
        sort_newest_first(&mut page.posts);
        Ok(Some(page))
    }
}
