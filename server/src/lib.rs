//! ziar-server: the Ziar app rendered on the server, in front of any news
//! API the static app reads. See `Options` (`ziar-server --help`) for the
//! command line and `docs/deployment.md` for running it behind a CDN.

pub mod http;
pub mod options;
pub mod poller;
pub mod render;
pub mod store;
pub mod template;
pub mod upstream;

use options::Options;
use std::sync::Arc;
use std::time::Duration;
use ziar::config::Config;

/// Builds everything from the options: the router to serve, and the poller
/// to spawn beside it. `bound`: the address actually listened on (the
/// default public URL, when `--addr` asked for port 0).
pub fn build(
    opts: &Options,
    bound: std::net::SocketAddr,
) -> Result<(axum::Router, impl std::future::Future<Output = ()>), String> {
    let cfg = opts.site_config()?;
    let public_url = opts.public_url(bound)?;
    let (origin, base) = split_public_url(&public_url);
    let time_zone = opts
        .time_zone
        .clone()
        .or_else(|| cfg.time_zone.clone())
        .unwrap_or_else(|| "UTC".into());
    if jiff::tz::TimeZone::get(&time_zone).is_err() {
        return Err(format!("--time-zone {time_zone}: not a time zone this machine knows"));
    }
    let site = opts.site_dir();
    let mut template = template::Template::load(&site)?;
    let poll = Duration::from_secs(Options::poll_secs(&cfg));
    let ttl = opts
        .cache_seconds
        .map_or(poll, |s| Duration::from_secs(u64::from(s.max(1))));
    let cdn = opts.cdn_seconds.map_or(poll.as_secs(), u64::from);
    let public_api = format!("{base}_ziar/api/");
    let store = store::Store::new(
        upstream::upstream(&cfg),
        store::Settings {
            ttl,
            stale_after: Duration::from_secs(2),
            max_entries: opts.max_entries,
            max_bytes: opts.max_cache_mb.saturating_mul(1024 * 1024),
            policy: ziar::sanitize::Policy {
                base: cfg.api.trim().to_owned(),
                page_origin: origin.clone(),
                iframe_hosts: cfg.iframe_hosts.clone(),
                link_target: cfg.link_target.clone(),
                // Each page's own pass (the components' render, and the
                // browser's) fits fragments and post links to that page.
                ..Default::default()
            },
            public_api: format!("{origin}{public_api}"),
        },
    );
    let accent = cfg.accent_palette().map(|p| {
        let css = format!("{}\n", p.root_rule());
        let tag = store::etag_for(css.as_bytes());
        let name = format!("theme-{}.css", &tag.trim_matches('"')[..12]);
        (name, css)
    });
    template.accent_href = accent.as_ref().map(|(name, _)| format!("{base}_ziar/{name}"));
    // Recent Posts asks for what it shows plus what waits behind its pill.
    let window = (cfg.recent_count + 20).min(100);
    let public_config = Config {
        api: public_api,
        kind: "ziar".into(),
        mapping: None,
        push_url: Some(format!("{base}_ziar/events")),
        time_zone: Some(time_zone.clone()),
        allow_api_override: false,
        api_override_origins: Vec::new(),
        ..cfg.clone()
    };
    let (events, _) = tokio::sync::broadcast::channel(64);
    let shape = poller::Shape {
        page_size: cfg.page_size,
        window,
    };
    let poller = poller::run(store.clone(), shape, poll, events.clone());
    let state = Arc::new(http::AppState {
        pages: render::Pages {
            store: store.clone(),
            template,
            public_config,
            origin: origin.clone(),
            base,
            time_zone,
            recent_count: cfg.recent_count,
            cache: render::RenderCache::new(opts.max_entries),
        },
        store,
        site,
        files: Default::default(),
        events,
        cache_control: format!(
            "public, max-age=0, s-maxage={cdn}, stale-while-revalidate={s}, stale-if-error={s}",
            s = opts.stale_seconds
        ),
        csp: csp(&cfg),
        accent,
        page_requests: Default::default(),
    });
    Ok((http::app(state), poller))
}

/// `https://site.ro/news/` → (`https://site.ro`, `/news/`).
fn split_public_url(url: &str) -> (String, String) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    (format!("{scheme}://{host}"), format!("/{path}"))
}

/// The pages' Content-Security-Policy: no inline script at all (the page's
/// data is a JSON block, which is never executed), no inline style; images
/// from the API's hosts (any https host: media often sits on a CDN).
fn csp(cfg: &Config) -> String {
    let api_origin = Some(ziar::diagnose::origin_of(&cfg.api))
        .filter(|o| o.starts_with("http://"))
        .map(|o| format!(" {o}"))
        .unwrap_or_default();
    let frames = if cfg.iframe_hosts.is_empty() {
        String::new()
    } else {
        let hosts: Vec<String> = cfg
            .iframe_hosts
            .iter()
            .map(|h| format!("https://{}", h.trim()))
            .collect();
        format!("; frame-src {}", hosts.join(" "))
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: https:{api_origin}; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'self'{frames}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_split_into_origin_and_base() {
        assert_eq!(split_public_url("https://s.ro/"), ("https://s.ro".into(), "/".into()));
        assert_eq!(
            split_public_url("http://127.0.0.1:8080/news/"),
            ("http://127.0.0.1:8080".into(), "/news/".into())
        );
    }

    #[test]
    fn the_policy_allows_no_inline_script() {
        let p = csp(&Config {
            api: "http://127.0.0.1:9/wp-json/wp/v2/".into(),
            ..Config::default()
        });
        assert!(
            p.contains("script-src 'self' 'wasm-unsafe-eval';") && !p.contains("unsafe-inline"),
            "{p}"
        );
        assert!(p.contains("img-src 'self' data: https: http://127.0.0.1:9;"), "{p}");
    }
}
