//! Talking to a news API: which URL to ask, which adapter reads the answer,
//! and each API's way of paging, over a [`Transport`] the platform supplies
//! (the browser's `fetch` in `web::api`, an HTTP client in ziar-server). One
//! copy of these decisions for both, so the server and the browser never
//! disagree about what a page of an API holds.

use crate::config::{Config, Limits};
use crate::endpoints;
use crate::error::AppError;
use crate::model::{sort_newest_first, Author, NextPage, Post, PostPage, Term};
use crate::sources::{self, hackernews, mapping::Mapping, wordpress, Kind, SourceError};

/// A GET that returned a success status: the body and the headers we use.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fetched {
    /// The URL asked (after the transport's own redirects, where it can tell).
    pub url: String,
    pub body: String,
    /// `X-WP-Total`.
    pub total: Option<String>,
    /// `X-WP-TotalPages`.
    pub total_pages: Option<String>,
}

/// How a platform makes requests. Implementations enforce `limits` (deadline,
/// size cap) and sort failures into [`AppError`] kinds; a non-success status
/// goes through [`refusal`] so the API's own error text reaches the reader.
#[allow(async_fn_in_trait)]
pub trait Transport: Clone {
    /// One GET with an `Accept` for JSON.
    async fn get(&self, url: &str, limits: Limits) -> Result<Fetched, AppError>;
    /// Many GETs at once (Hacker News items); a failed one is `None`, reported
    /// through [`Transport::warn`], so one missing item never fails the page.
    async fn get_all(&self, urls: &[String], limits: Limits) -> Vec<Option<String>>;
    /// A problem the publisher should be able to find (skipped items).
    fn warn(&self, message: &str);
    /// A failure, with its technical detail.
    fn error(&self, message: &str);
}

/// What a non-success answer means. A refused request (bad key, bad
/// parameter) usually says why in the API's own error object: that is shown
/// rather than a bare status code. WordPress answers a page past the last
/// with 400: that is an empty page ("load more" ends), not an error.
pub fn refusal(url: &str, status: u16, body: Option<&str>) -> Result<Fetched, AppError> {
    let json = body.and_then(|b| sources::parse_body(b).ok());
    if json.as_ref().is_some_and(|v| wordpress::is_past_last_page(status, v)) {
        return Ok(Fetched {
            url: url.to_owned(),
            body: "[]".into(),
            total: None,
            total_pages: None,
        });
    }
    if matches!(status, 400 | 401 | 403) {
        if let Some(source) = json.and_then(|v| sources::api_error(&v)) {
            return Err(AppError::NotFeed {
                url: url.to_owned(),
                source,
            });
        }
    }
    Err(AppError::Http {
        url: url.to_owned(),
        status,
    })
}

/// The configured API and the transport that reaches it.
#[derive(Debug, Clone, PartialEq)]
pub struct Api<T> {
    api: String,
    api_dir: String,
    forced: Option<Kind>,
    mapping: Option<Mapping>,
    limits: Limits,
    transport: T,
}

impl<T: Transport> Api<T> {
    /// The client for `cfg`, whose `api` the caller has made absolute
    /// (`api_url`). The config was validated, so the kind parses.
    pub fn with_transport(cfg: &Config, api_url: String, transport: T) -> Api<T> {
        Api {
            api_dir: format!("{}/", api_url.trim_end_matches('/')),
            api: api_url,
            forced: Kind::from_config(&cfg.kind).ok().flatten(),
            mapping: cfg.mapping.clone(),
            limits: cfg.limits(),
            transport,
        }
    }

    /// The API URL, absolute: relative URLs in content resolve against it.
    pub fn url(&self) -> &str {
        &self.api
    }

    /// The transport, for requests this client does not make itself (the poller's).
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// The kind the requests are built for (the response is still detected).
    pub fn kind(&self) -> Kind {
        endpoints::request_kind_with_mapping(&self.api, self.forced, self.mapping.is_some())
    }

    /// Timeout and size cap for every request, the live poller's included.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    fn log_error(&self, e: &AppError) {
        self.transport.error(&format!("Ziar: {e}"));
    }

    /// Skipped items are not errors (the page still shows), but the publisher
    /// should be able to find out why an item is missing.
    fn log_warnings(&self, url: &str, kind: Kind, warnings: &[String]) {
        for w in warnings {
            self.transport.warn(&format!("Ziar ({} at {url}): {w}", kind.name()));
        }
    }

    /// Reads a fetched body, already parsed as JSON, with the forced or
    /// detected kind and the mapping.
    fn parse(&self, url: &str, json: &serde_json::Value) -> Result<(Kind, PostPage), AppError> {
        let (kind, page) =
            sources::parse_list_with(json, self.forced, url, self.mapping.as_ref()).map_err(|source| {
                AppError::NotFeed {
                    url: url.to_owned(),
                    source,
                }
            })?;
        self.log_warnings(url, kind, &page.warnings);
        Ok((kind, page))
    }

    async fn fetch_page(&self, url: &str, page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let result = async {
            let f = self.transport.get(url, self.limits).await?;
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
            let (kind, mut page_data) = self.parse(&f.url, &json)?;
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
            self.log_error(e);
        }
        result
    }

    /// Slices one page of Hacker News ids and fetches those items together.
    async fn hn_page(&self, list_url: &str, ids: &[u64], page: u32, per_page: usize) -> Result<PostPage, AppError> {
        let (slice, next) = hackernews::slice(ids, page, per_page);
        let urls: Vec<String> = slice.iter().map(|id| endpoints::hn_item_url(list_url, *id)).collect();
        let items: Vec<serde_json::Value> = self
            .transport
            .get_all(&urls, self.limits)
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
            self.log_warnings(list_url, Kind::HackerNews, &p.warnings);
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
                // Ghost answers an unknown slug with 404 and an error object, ziar-server with a 404.
                Err(AppError::Http { status: 404, .. }) if matches!(kind, Kind::Ghost | Kind::Ziar) => None,
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

    /// A category's or an author's page, by the page kind that shows it.
    pub async fn term(
        &self,
        kind: crate::paths::PageKind,
        slug: &str,
        page: u32,
        per_page: usize,
    ) -> Result<Option<(Term, PostPage)>, AppError> {
        match kind {
            crate::paths::PageKind::Author => self.author(slug, page, per_page).await,
            _ => self.category(slug, page, per_page).await,
        }
    }

    /// A category by slug and one page of its posts; `Ok(None)` when it doesn't exist.
    pub async fn category(&self, slug: &str, page: u32, per_page: usize) -> Result<Option<(Term, PostPage)>, AppError> {
        match self.kind() {
            Kind::WordPress => self.wp_category(slug, page, per_page).await,
            Kind::Ziar => {
                let url = endpoints::ziar_term_url(&self.api_dir, "categories", slug, page, per_page);
                self.ziar_term(&url).await
            }
            _ => {
                let slug_lower = crate::text::lowercase(slug);
                let wanted =
                    |t: &Term| t.slug.as_deref() == Some(slug) || crate::text::lowercase(&t.name) == slug_lower;
                let mut name = None;
                let posts = self.latest(1, 100).await?.posts;
                let matching: Vec<Post> = posts
                    .into_iter()
                    .filter(|p| {
                        let found = p.categories.iter().chain(&p.tags).find(|t| wanted(t));
                        if let (None, Some(t)) = (&name, found) {
                            name = Some(t.name.clone());
                        }
                        found.is_some()
                    })
                    .collect();
                let term = Term {
                    name: name.unwrap_or_else(|| slug.to_owned()),
                    slug: Some(slug.to_owned()),
                    ..Default::default()
                };
                Ok(slice_page(matching, page, per_page).map(|p| (term, p)))
            }
        }
    }

    /// An author by the key of their page ([`Author::route_key`]) and one page
    /// of their posts; `Ok(None)` when no such author has published anything.
    pub async fn author(&self, key: &str, page: u32, per_page: usize) -> Result<Option<(Term, PostPage)>, AppError> {
        match self.kind() {
            Kind::WordPress => self.wp_author(key, page, per_page).await,
            Kind::Ziar => {
                let url = endpoints::ziar_term_url(&self.api_dir, "authors", key, page, per_page);
                self.ziar_term(&url).await
            }
            _ => {
                let posts = self.latest(1, 100).await?.posts;
                let mut found: Option<Author> = None;
                let matching: Vec<Post> = posts
                    .into_iter()
                    .filter(|p| {
                        let a = p.authors.iter().find(|a| a.route_key() == key);
                        if let (None, Some(a)) = (&found, a) {
                            found = Some(a.clone());
                        }
                        a.is_some()
                    })
                    .collect();
                let term = found.map(|a| author_term(&a, key));
                Ok(term.and_then(|t| slice_page(matching, page, per_page).map(|p| (t, p))))
            }
        }
    }

    /// The first user or category a WordPress `?slug=` lookup answers, as a
    /// term (named `key` when it has no name); `Ok(None)` when there is none.
    /// `hidden`: WordPress hides users without published posts behind 401/404.
    async fn wp_lookup(&self, url: &str, key: &str, hidden: bool) -> Result<Option<Term>, AppError> {
        let items = match self.transport.get(url, self.limits).await {
            Ok(f) => serde_json::from_str::<Vec<serde_json::Value>>(&f.body).map_err(|e| AppError::NotFeed {
                url: url.to_owned(),
                source: SourceError::NotJson(e.to_string()),
            }),
            Err(AppError::Http { status: 401 | 404, .. }) if hidden => Ok(Vec::new()),
            Err(e) => Err(e),
        }
        .inspect_err(|e| self.log_error(e))?;
        Ok(items.first().map(|v| Term {
            id: Some(v.get("id").map(|v| v.to_string()).unwrap_or_default()),
            name: crate::text::decode_entities(v.get("name").and_then(|v| v.as_str()).unwrap_or(key)),
            slug: Some(key.to_owned()),
            link: v.get("link").and_then(|v| v.as_str()).map(str::to_owned),
        }))
    }

    async fn wp_author(&self, key: &str, page: u32, per_page: usize) -> Result<Option<(Term, PostPage)>, AppError> {
        let url = endpoints::author_by_slug_url(&self.api_dir, key);
        let Some(term) = self.wp_lookup(&url, key, true).await? else {
            return Ok(None);
        };
        let id = term.id.clone().unwrap_or_default();
        let posts_url = endpoints::author_posts_url(&self.api_dir, &id, page, per_page);
        let posts = self.fetch_page(&posts_url, page, per_page).await?;
        Ok((page > 1 || !posts.posts.is_empty()).then_some((term, posts)))
    }

    async fn wp_category(&self, slug: &str, page: u32, per_page: usize) -> Result<Option<(Term, PostPage)>, AppError> {
        let url = endpoints::category_by_slug_url(&self.api_dir, slug);
        let Some(term) = self.wp_lookup(&url, slug, false).await? else {
            return Ok(None);
        };
        // Only an author term carries its page on the site (the profile).
        let term = Term { link: None, ..term };
        let id = term.id.clone().unwrap_or_default();
        let posts_url =
            endpoints::category_url(&self.api_dir, Kind::WordPress, &id, page, per_page).unwrap_or_default();
        let posts = self.fetch_page(&posts_url, page, per_page).await?;
        Ok(Some((term, posts)))
    }

    /// A term page from ziar-server (`{"term": …, "posts": […]}`); 404 is "no such term".
    async fn ziar_term(&self, url: &str) -> Result<Option<(Term, PostPage)>, AppError> {
        let f = match self.transport.get(url, self.limits).await {
            Ok(f) => f,
            Err(AppError::Http { status: 404, .. }) => return Ok(None),
            Err(e) => {
                self.log_error(&e);
                return Err(e);
            }
        };
        sources::ziar::parse_term(&f.body)
            .map(Some)
            .map_err(|source| AppError::NotFeed { url: f.url, source })
            .inspect_err(|e| self.log_error(e))
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
        let (_, mut page) = self.parse(url, &json)?;
        sort_newest_first(&mut page.posts);
        Ok(Some(page))
    }
}

/// An author as the term of their page.
fn author_term(a: &Author, key: &str) -> Term {
    Term {
        id: None,
        name: a.name.clone(),
        slug: Some(key.to_owned()),
        link: a.url.clone(),
    }
}

/// Page `page` of posts the client filtered itself (APIs with no category or
/// author query); `None` when there are none at all.
fn slice_page(posts: Vec<Post>, page: u32, per_page: usize) -> Option<PostPage> {
    if posts.is_empty() {
        return None;
    }
    let total = posts.len();
    let start = (page.max(1) as usize - 1).saturating_mul(per_page);
    let has_more = start.saturating_add(per_page) < total;
    let posts = posts.into_iter().skip(start).take(per_page).collect();
    Some(PostPage {
        posts,
        total: Some(total as u64),
        has_more,
        warnings: Vec::new(),
        skipped: 0,
        next: has_more.then_some(NextPage::Page {
            page: u64::from(page) + 1,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtered_lists_are_paged_by_the_client() {
        let posts: Vec<Post> = (0..5)
            .map(|i| Post {
                id: i.to_string(),
                ..Default::default()
            })
            .collect();
        let p1 = slice_page(posts.clone(), 1, 2).unwrap();
        assert_eq!((p1.posts.len(), p1.has_more, p1.total), (2, true, Some(5)));
        let p3 = slice_page(posts.clone(), 3, 2).unwrap();
        assert_eq!((p3.posts[0].id.as_str(), p3.has_more), ("4", false));
        assert!(slice_page(posts, 9, 2).unwrap().posts.is_empty());
        assert!(slice_page(Vec::new(), 1, 2).is_none());
    }

    #[test]
    fn refusals_quote_the_api() {
        let e = refusal(
            "u",
            401,
            Some(r#"{"status":"error","message":"Your API key is invalid"}"#),
        )
        .unwrap_err();
        assert!(e.to_string().contains("Your API key is invalid"), "{e}");
        assert_eq!(
            refusal("u", 500, Some("{}")),
            Err(AppError::Http {
                url: "u".into(),
                status: 500
            })
        );
        let past = r#"{"code":"rest_post_invalid_page_number","message":"x","data":{"status":400}}"#;
        assert_eq!(refusal("u", 400, Some(past)).map(|f| f.body), Ok("[]".into()));
    }
}
