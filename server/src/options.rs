//! The command line, and the site config it makes: the same keys as the
//! static app's `config.json` (a `--config` file, then flags on top), checked
//! by the same validation.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use ziar::config::Config;

/// ziar-server: Ziar rendered on the server, in front of any news API the
/// static app reads (WordPress REST v2, JSON Feed, NewsAPI, the Guardian,
/// Ghost, dev.to, Hacker News, or a custom mapping).
///
/// Readers get HTML with the article text, a real title and preview tags
/// (Open Graph, Twitter, JSON-LD); the browser app then takes over the same
/// markup. The upstream API's URL and key never reach the browser: pages and
/// the app's JSON come from this server, which polls upstream once per
/// interval for every reader and keeps the last good answer.
#[derive(Debug, Clone, Parser)]
#[command(name = "ziar-server", version, about, long_about)]
pub struct Options {
    /// The upstream news API: any URL `api` in config.json takes (a WordPress
    /// REST base, a JSON Feed, a NewsAPI or Guardian URL with its key, ...).
    /// Overrides `api` from --config. Never sent to browsers.
    #[arg(long, env = "ZIAR_API")]
    pub api: Option<String>,

    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "ZIAR_ADDR")]
    pub addr: SocketAddr,

    /// The public URL readers reach this server at (scheme, host, optional
    /// path): canonical links, `og:url` and the JSON-LD use it. Default:
    /// http://ADDR/. Behind a CDN or nginx, set it to the public address.
    #[arg(long, env = "ZIAR_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// A JSON file with config.json's keys (kind, mapping, locale, site_name,
    /// share, follow, theme, ...): the same file the static app reads.
    #[arg(long, env = "ZIAR_CONFIG")]
    pub config: Option<PathBuf>,

    /// The API's shape: auto (detect), wordpress, jsonfeed, newsapi, guardian,
    /// ghost, devto, hackernews or custom (with a mapping in --config).
    #[arg(long)]
    pub kind: Option<String>,

    /// UI language and date locale (BCP 47, e.g. ro, en, ar).
    #[arg(long)]
    pub locale: Option<String>,

    /// Site name for the header and titles.
    #[arg(long)]
    pub site_name: Option<String>,

    /// IANA time zone dates are written in (overrides `time_zone`; default
    /// UTC). The browser app then uses it too, so a page reads the same before
    /// and after the app takes over.
    #[arg(long, env = "ZIAR_TIME_ZONE")]
    pub time_zone: Option<String>,

    /// The built browser app for server mode (`make server` writes it).
    /// Default: `target/ziar-server/site` under the working directory, else
    /// beside the binary's own `target/` directory.
    #[arg(long, env = "ZIAR_SITE")]
    pub site: Option<PathBuf>,

    /// Seconds between upstream polls for new, changed and deleted posts
    /// (overrides `poll_seconds`; at least 5). One poll serves every reader.
    #[arg(long)]
    pub poll_seconds: Option<u32>,

    /// Seconds an answer from upstream counts as fresh (pages, posts, lists).
    /// Default: the poll interval.
    #[arg(long)]
    pub cache_seconds: Option<u32>,

    /// `s-maxage` for pages and JSON: how long a CDN or nginx in front may
    /// serve a response without asking again. Default: the poll interval.
    #[arg(long)]
    pub cdn_seconds: Option<u32>,

    /// `stale-while-revalidate` and `stale-if-error`: how long a CDN may keep
    /// serving an older response while it refreshes, or while this server fails.
    #[arg(long, default_value_t = 86_400)]
    pub stale_seconds: u32,

    /// Upper bound on cached upstream answers (posts, pages, lists) held in memory.
    #[arg(long, default_value_t = 2000)]
    pub max_entries: usize,

    /// Upper bound on the bytes those answers take, in MiB.
    #[arg(long, default_value_t = 256)]
    pub max_cache_mb: usize,
}

impl Options {
    /// The site config: --config's file, then the flags, validated like
    /// config.json. The error names the key or flag at fault.
    pub fn site_config(&self) -> Result<Config, String> {
        let mut cfg = match &self.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("--config {}: {e}", path.display()))?;
                Config::from_json(&text).map_err(|e| format!("--config {}: {e}", path.display()))?
            }
            None => Config::default(),
        };
        if let Some(api) = &self.api {
            cfg.api = api.clone();
        }
        if let Some(kind) = &self.kind {
            cfg.kind = kind.clone();
        }
        if let Some(locale) = &self.locale {
            cfg.locale = locale.clone();
        }
        if let Some(name) = &self.site_name {
            cfg.site_name = name.clone();
        }
        if let Some(s) = self.poll_seconds {
            cfg.poll_seconds = s;
        }
        if self.api.is_none() && self.config.is_none() {
            return Err("no upstream API: pass --api URL (or `api` in a --config file)".into());
        }
        let api = cfg.api.trim();
        if !(api.starts_with("http://") || api.starts_with("https://")) {
            return Err(format!(
                "--api {api}: the server needs an absolute http(s) URL (relative URLs only make sense in a browser)"
            ));
        }
        // The same checks as config.json, through the same code.
        let json = serde_json::to_string(&cfg).map_err(|e| e.to_string())?;
        Config::from_json(&json).map_err(|e| e.to_string())
    }

    /// The public URL, normalized to end in `/`; by default the address
    /// listened on (`bound`).
    pub fn public_url(&self, bound: SocketAddr) -> Result<String, String> {
        let raw = self.public_url.clone().unwrap_or_else(|| format!("http://{bound}/"));
        let trimmed = raw.trim();
        if !(trimmed.starts_with("http://") || trimmed.starts_with("https://")) {
            return Err(format!("--public-url {trimmed}: must start with http:// or https://"));
        }
        let (scheme, rest) = trimmed.split_once("://").unwrap_or(("http", trimmed));
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || host.contains(['?', '#', '@', ' ']) || path.contains(['?', '#']) {
            return Err(format!("--public-url {trimmed}: expected scheme://host[:port][/path]"));
        }
        let path = path.trim_matches('/');
        Ok(if path.is_empty() {
            format!("{scheme}://{host}/")
        } else {
            format!("{scheme}://{host}/{path}/")
        })
    }

    /// The built browser app: `--site`, or where `make server` puts it.
    pub fn site_dir(&self) -> PathBuf {
        if let Some(s) = &self.site {
            return s.clone();
        }
        let local = PathBuf::from("target/ziar-server/site");
        if local.join("index.html").is_file() {
            return local;
        }
        // target/release/ziar-server → target/ziar-server/site
        std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.parent()?.join("ziar-server/site")))
            .filter(|p| p.join("index.html").is_file())
            .unwrap_or(local)
    }

    /// The poll interval the site config says (at least 5 s).
    pub fn poll_secs(cfg: &Config) -> u64 {
        u64::from(cfg.poll_seconds.max(5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(args: &[&str]) -> Options {
        Options::try_parse_from(std::iter::once("ziar-server").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn flags_override_the_config_and_are_validated() {
        let o = opts(&[
            "--api",
            "https://x.ro/wp-json/wp/v2/",
            "--locale",
            "en",
            "--poll-seconds",
            "30",
        ]);
        let cfg = o.site_config().unwrap();
        assert_eq!(
            (cfg.api.as_str(), cfg.locale.as_str(), cfg.poll_seconds),
            ("https://x.ro/wp-json/wp/v2/", "en", 30)
        );
        let bad = opts(&["--api", "https://x.ro/", "--poll-seconds", "2"])
            .site_config()
            .unwrap_err();
        assert!(bad.contains("poll_seconds"), "{bad}");
        let relative = opts(&["--api", "wp-json/wp/v2/"]).site_config().unwrap_err();
        assert!(relative.contains("absolute"), "{relative}");
        assert!(opts(&[]).site_config().unwrap_err().contains("--api"));
    }

    #[test]
    fn public_urls_are_normalized() {
        let bound: SocketAddr = "127.0.0.1:9000".parse().unwrap();
        let o = opts(&["--api", "https://x.ro/", "--public-url", "https://stiri.ro/news"]);
        assert_eq!(o.public_url(bound).unwrap(), "https://stiri.ro/news/");
        assert_eq!(opts(&[]).public_url(bound).unwrap(), "http://127.0.0.1:9000/");
        assert!(opts(&["--public-url", "stiri.ro"]).public_url(bound).is_err());
        assert!(opts(&["--public-url", "https://a@b/"]).public_url(bound).is_err());
    }
}
