//! The browser's transport for `crate::client` (which decides what to ask and
//! how to read it), and `config.json`.

use super::fetch::Guard;
use crate::client::{Fetched, Transport};
use crate::config::{Config, Limits};
use crate::error::AppError;
use gloo_net::http::Request;
use wasm_bindgen::JsValue;

/// The browser's `fetch`, guarded by a deadline and a size cap (`super::fetch`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Browser;

impl Transport for Browser {
    async fn get(&self, url: &str, limits: Limits) -> Result<Fetched, AppError> {
        get(url, limits).await
    }

    async fn get_all(&self, urls: &[String], limits: Limits) -> Vec<Option<String>> {
        get_all(urls, limits).await
    }

    fn warn(&self, message: &str) {
        web_sys::console::warn_1(&message.into());
    }

    fn error(&self, message: &str) {
        web_sys::console::error_1(&message.into());
    }
}

/// The components' API client.
pub type Api = crate::client::Api<Browser>;

impl crate::client::Api<Browser> {
    /// The client for `cfg`, its URL made absolute against the page.
    pub fn new(cfg: &Config) -> Api {
        Api::with_transport(cfg, super::absolute_url(cfg.api.trim()), Browser)
    }
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
        let body = if matches!(status, 400 | 401 | 403) {
            guard.read_body(&resp, url).await.ok()
        } else {
            None
        };
        return crate::client::refusal(url, status, body.as_deref());
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
