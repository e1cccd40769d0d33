//! The requests `crate::discovery` plans: `api` set to a WordPress site's own
//! address becomes its REST base before anything else is fetched.

use super::fetch::{is_cross_origin, Guard};
use crate::config::{Config, Limits};
use crate::discovery::{self, Step};
use crate::sources::Kind;
use gloo_net::http::Request;

/// The config with `api` replaced by the WordPress REST base its site
/// advertises, when `api` is a site's address and one is found; otherwise
/// unchanged (the first request then says what is wrong).
pub async fn discover(mut cfg: Config) -> Config {
    let site = super::absolute_url(cfg.api.trim());
    let forced = Kind::from_config(&cfg.kind).ok().flatten();
    if !discovery::needed(&site, forced, cfg.mapping.is_some()) {
        return cfg;
    }
    let limits = Limits {
        timeout_ms: cfg.limits().timeout_ms.min(5_000),
        ..cfg.limits()
    };
    for step in discovery::plan(&site, !is_cross_origin(&site)) {
        if let Some(api) = try_step(&step, limits).await {
            web_sys::console::info_1(&format!("Ziar: {site} is a WordPress site; its API is {api}").into());
            cfg.api = api;
            return cfg;
        }
    }
    cfg
}

/// One step; `None` when it found nothing (a failed request included: these
/// are guesses, so a failure is not diagnosed further).
async fn try_step(step: &Step, limits: Limits) -> Option<String> {
    let ctrl = web_sys::AbortController::new().ok()?;
    let guard = Guard::new(ctrl.clone(), limits);
    let get = |url: &str, accept: &str| {
        Request::get(url)
            .header("Accept", accept)
            .abort_signal(Some(&ctrl.signal()))
            .send()
    };
    match step {
        Step::Page(url) => {
            let resp = get(url, "text/html").await.ok()?;
            if !resp.ok() {
                return None;
            }
            let root = match resp
                .headers()
                .get("Link")
                .and_then(|h| discovery::rest_root_from_link_header(&h, url))
            {
                Some(root) => root,
                None => discovery::rest_root_from_html(&guard.read_body(&resp, url).await.ok()?, url)?,
            };
            Some(discovery::wp_v2_base(&root))
        }
        Step::Probe { url, api } => {
            let resp = get(url, "application/json").await.ok()?;
            let body = guard.read_body(&resp, url).await.ok()?;
            (resp.ok() && discovery::confirms(&body)).then(|| api.clone())
        }
    }
}
