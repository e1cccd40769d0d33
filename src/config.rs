//! `config.json`: read at start-up, editable after the build without rebuilding.
//!
//! Every key has a default, so a publisher's file only names what differs.

use crate::share::{FollowLink, ShareConfig};
use crate::sources::mapping::Mapping;
use crate::sources::Kind;
use crate::theme::{logo_allowed, AccentPalette, Rgb, ThemeMode};
use serde::Deserialize;
use thiserror::Error;

/// The site configuration.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// API base URL, absolute or relative to the page. Default: the bundled demo newsroom
    /// (`wp-json/wp/v2/` relative to the app, since the newsroom serves both).
    pub api: String,
    /// `auto` (detect from the response), or force one of `wordpress`, `jsonfeed`,
    /// `newsapi`, `guardian`, `ghost`, `devto`, `hackernews`, `custom`.
    pub kind: String,
    /// JSON Pointers naming the item array and each field, for an API with no
    /// built-in adapter (`kind: custom`, or the fallback under `auto`).
    pub mapping: Option<Mapping>,
    /// UI and date locale (BCP 47).
    pub locale: String,
    /// Shown in the header and the document title.
    pub site_name: String,
    /// Items in the Recent Posts sidebar.
    pub recent_count: usize,
    /// Excerpt length in user-visible characters.
    pub excerpt_chars: usize,
    /// Items per page on the home page.
    pub page_size: usize,
    /// Seconds between polls for new posts (0 disables polling).
    pub poll_seconds: u32,
    /// Insert new posts at once instead of behind an "N new posts" pill.
    pub auto_insert: bool,
    /// Optional Server-Sent Events URL (e.g. a Mercure hub topic); any message
    /// triggers a poll at once. Polling stays on as the fallback.
    pub push_url: Option<String>,
    /// Share bar: which targets, in which order, and an optional `utm_*`/`via` suffix.
    pub share: ShareConfig,
    /// "Follow us" links, in display order. Default: none (the block is hidden).
    pub follow: Vec<FollowLink>,
    /// Hosts whose iframes may stay in article bodies (sandboxed); empty removes every iframe.
    pub iframe_hosts: Vec<String>,
    /// `target` for links that leave the site: `_blank` (default), `_self`, … or `""` for none.
    pub link_target: String,
    /// Seconds a request to the API may take (headers and body) before it is
    /// abandoned and reported as timed out.
    pub timeout_seconds: u32,
    /// Largest API response accepted, in KiB; a bigger one is refused with a
    /// message instead of being parsed.
    pub max_response_kb: u32,
    /// Whether a page URL's `?api=` may replace `api` for that page load. Off by
    /// default, so nobody can make this site display another API's content.
    pub allow_api_override: bool,
    /// With `allow_api_override`, the origins (`https://host[:port]`) `?api=` may
    /// point at besides the page's own.
    pub api_override_origins: Vec<String>,
    /// `auto` (the reader's `prefers-color-scheme`), `light` or `dark`.
    pub theme: String,
    /// Accent colour as `#rgb` or `#rrggbb`; adjusted per scheme to stay readable (see `theme`).
    pub accent: Option<String>,
    /// Logo image shown before the site name: `https://…` or a path beside the app.
    pub logo: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api: "wp-json/wp/v2/".into(),
            kind: "auto".into(),
            mapping: None,
            locale: "ro".into(),
            site_name: "Ziar".into(),
            recent_count: 6,
            excerpt_chars: 100,
            page_size: 10,
            poll_seconds: 60,
            auto_insert: false,
            push_url: None,
            share: ShareConfig::default(),
            follow: Vec::new(),
            iframe_hosts: Vec::new(),
            link_target: "_blank".into(),
            timeout_seconds: 15,
            max_response_kb: 4096,
            allow_api_override: false,
            api_override_origins: Vec::new(),
            theme: "auto".into(),
            accent: None,
            logo: None,
        }
    }
}

/// How long a request may take and how big its answer may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Abandon a request after this many milliseconds.
    pub timeout_ms: u64,
    /// Refuse a response body larger than this many bytes.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Config::default().limits()
    }
}

impl Limits {
    /// Checks a `Content-Length` header before reading the body: `Err(n)`
    /// when it announces more than the cap. A missing or unreadable header
    /// passes; the body is then counted as it arrives.
    pub fn check_announced(&self, content_length: Option<&str>) -> Result<(), u64> {
        match content_length.and_then(|v| v.trim().parse::<u64>().ok()) {
            Some(n) if n > self.max_bytes => Err(n),
            _ => Ok(()),
        }
    }

    /// Whether `received` bytes so far are still within the cap.
    pub fn within(&self, received: u64) -> bool {
        received <= self.max_bytes
    }
}

/// Why a `config.json` was refused.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ConfigError {
    #[error("config.json is not valid: {0}")]
    Invalid(String),
    #[error("config.json: `{key}` {problem}")]
    Value { key: &'static str, problem: &'static str },
    /// A custom mapping with a pointer that cannot work; the text names the key.
    #[error("config.json: {0}")]
    Mapping(String),
    /// A `share` or `follow` entry that cannot work; the text names the key.
    #[error("config.json: {0}")]
    Links(String),
}

impl Config {
    /// Parses and validates; unknown keys are an error so typos don't go unnoticed.
    pub fn from_json(s: &str) -> Result<Config, ConfigError> {
        let c: Config = serde_json::from_str(s).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        c.validate()?;
        Ok(c)
    }

    /// Checks every value.
    fn validate(&self) -> Result<(), ConfigError> {
        self.validate_source()?;
        self.validate_list()?;
        self.validate_article()?;
        self.validate_app()
    }

    /// The API and how to reach it, which every reader of posts needs (a
    /// widget checks these and its own keys only: `embed`).
    pub(crate) fn validate_source(&self) -> Result<(), ConfigError> {
        if self.api.trim().is_empty() {
            return Err(ConfigError::Value {
                key: "api",
                problem: "must not be empty",
            });
        }
        if !matches!(self.link_target.as_str(), "" | "_blank" | "_self" | "_parent" | "_top") {
            return Err(ConfigError::Value {
                key: "link_target",
                problem: "must be \"_blank\", \"_self\", \"_parent\", \"_top\" or \"\"",
            });
        }
        if !(1..=300).contains(&self.timeout_seconds) {
            return Err(ConfigError::Value {
                key: "timeout_seconds",
                problem: "must be between 1 and 300",
            });
        }
        if !(16..=102_400).contains(&self.max_response_kb) {
            return Err(ConfigError::Value {
                key: "max_response_kb",
                problem: "must be between 16 and 102400",
            });
        }
        let kind = Kind::from_config(&self.kind).map_err(|_| ConfigError::Value {
            key: "kind",
            problem: "must be auto, wordpress, jsonfeed, newsapi, guardian, ghost, devto, hackernews or custom",
        })?;
        match &self.mapping {
            Some(m) => m.validate().map_err(ConfigError::Mapping)?,
            None if kind == Some(Kind::Custom) => {
                return Err(ConfigError::Value {
                    key: "mapping",
                    problem: "is required when `kind` is `custom` (JSON Pointers for at least `items` and `title`)",
                })
            }
            None => {}
        }
        Ok(())
    }

    /// The Recent Posts list's keys.
    pub(crate) fn validate_list(&self) -> Result<(), ConfigError> {
        if !(1..=50).contains(&self.recent_count) {
            return Err(ConfigError::Value {
                key: "recent_count",
                problem: "must be between 1 and 50",
            });
        }
        if !(10..=1000).contains(&self.excerpt_chars) {
            return Err(ConfigError::Value {
                key: "excerpt_chars",
                problem: "must be between 10 and 1000",
            });
        }
        if self.poll_seconds != 0 && self.poll_seconds < 5 {
            return Err(ConfigError::Value {
                key: "poll_seconds",
                problem: "must be 0 (off) or at least 5",
            });
        }
        Ok(())
    }

    /// The article page's keys beyond the API's (its body, share bar, follow-us).
    pub(crate) fn validate_article(&self) -> Result<(), ConfigError> {
        if self
            .iframe_hosts
            .iter()
            .any(|h| h.trim().is_empty() || h.contains(['/', ':', '@', '?', '#', ' ']))
        {
            return Err(ConfigError::Value {
                key: "iframe_hosts",
                problem: "must list bare host names such as \"www.youtube-nocookie.com\" (no scheme, port or path)",
            });
        }
        self.share.validate().map_err(ConfigError::Links)?;
        for (i, f) in self.follow.iter().enumerate() {
            f.validate(i).map_err(ConfigError::Links)?;
        }
        Ok(())
    }

    /// Keys only the app reads.
    fn validate_app(&self) -> Result<(), ConfigError> {
        if !(1..=100).contains(&self.page_size) {
            return Err(ConfigError::Value {
                key: "page_size",
                problem: "must be between 1 and 100",
            });
        }
        if !self
            .api_override_origins
            .iter()
            .all(|o| crate::api_override::is_bare_origin(o))
        {
            return Err(ConfigError::Value {
                key: "api_override_origins",
                problem: "must list origins such as \"https://staging.example.com\" (scheme and host, no path)",
            });
        }
        if ThemeMode::parse(&self.theme).is_none() {
            return Err(ConfigError::Value {
                key: "theme",
                problem: "must be \"auto\", \"light\" or \"dark\"",
            });
        }
        if self
            .accent
            .as_deref()
            .is_some_and(|a| Rgb::parse_hex(a.trim()).is_none())
        {
            return Err(ConfigError::Value {
                key: "accent",
                problem: "must be a hex colour such as \"#b3261e\" or \"#c21\"",
            });
        }
        if self.logo.as_deref().is_some_and(|l| !logo_allowed(l)) {
            return Err(ConfigError::Value {
                key: "logo",
                problem: "must be an https:// URL or a path beside the app",
            });
        }
        Ok(())
    }

    /// The request limits these settings imply.
    pub fn limits(&self) -> Limits {
        Limits {
            timeout_ms: u64::from(self.timeout_seconds) * 1000,
            max_bytes: u64::from(self.max_response_kb) * 1024,
        }
    }

    /// The theme mode (validated, so never unknown).
    pub fn theme_mode(&self) -> ThemeMode {
        ThemeMode::parse(&self.theme).unwrap_or(ThemeMode::Auto)
    }

    /// The accent palette for both schemes, when an accent is configured.
    pub fn accent_palette(&self) -> Option<AccentPalette> {
        self.accent
            .as_deref()
            .and_then(|a| Rgb::parse_hex(a.trim()))
            .map(AccentPalette::from_accent)
    }

    /// The base URL with exactly one trailing slash, for joining endpoint paths.
    pub fn api_dir(&self) -> String {
        format!("{}/", self.api.trim().trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_all_defaults() {
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
    }

    #[test]
    fn shipped_config_parses() {
        let c = Config::from_json(include_str!("../config.json")).unwrap();
        assert_eq!(c.recent_count, 6);
        assert_eq!(c.locale, "ro");
    }

    #[test]
    fn typos_and_bad_values_are_named() {
        let e = Config::from_json(r#"{"apii": "x"}"#).unwrap_err();
        assert!(e.to_string().contains("apii"), "{e}");
        let e = Config::from_json(r#"{"recent_count": 0}"#).unwrap_err();
        assert!(e.to_string().contains("recent_count"));
        assert!(Config::from_json(r#"{"kind": "rss"}"#).is_err());
        assert!(Config::from_json("[").is_err());
    }

    #[test]
    fn custom_mapping_keys() {
        let c = Config::from_json(
            r#"{"api": "https://x.ro/api/stiri", "kind": "custom",
                "mapping": {"items": "/data", "title": "/headline", "url": "/link", "published": "/ts"}}"#,
        )
        .unwrap();
        let m = c.mapping.unwrap();
        assert_eq!((m.items.as_str(), m.title.as_str()), ("/data", "/headline"));
        let e = Config::from_json(r#"{"kind": "custom"}"#).unwrap_err();
        assert!(e.to_string().contains("mapping"), "{e}");
        let e = Config::from_json(r#"{"mapping": {"items": "", "title": "headline", "id": "/id"}}"#).unwrap_err();
        assert!(e.to_string().contains("mapping.title"), "{e}");
        let e =
            Config::from_json(r#"{"mapping": {"items": "", "title": "/t", "id": "/id", "titel": "/x"}}"#).unwrap_err();
        assert!(e.to_string().contains("titel"), "{e}");
        for kind in ["ghost", "devto", "newsapi", "guardian", "hackernews", "jsonfeed"] {
            let c = Config::from_json(&format!(r#"{{"kind": "{kind}"}}"#)).unwrap();
            assert_eq!(c.kind, kind);
        }
    }

    #[test]
    fn share_and_follow_keys() {
        let c = Config::from_json(
            r#"{"share": {"targets": ["copy", "x"], "utm": {"utm_medium": "social"}, "via": "ziar"},
                "follow": [{"network": "rss", "url": "/feed"}, {"network": "x", "url": "https://x.com/z", "label": "Z"}]}"#,
        )
        .unwrap();
        assert_eq!(
            c.share.target_list(),
            vec![crate::share::Target::Copy, crate::share::Target::X]
        );
        assert_eq!(c.follow[1].label.as_deref(), Some("Z"));
        let e = Config::from_json(r#"{"share": {"target": []}}"#).unwrap_err();
        assert!(e.to_string().contains("target"), "{e}");
        let e =
            Config::from_json(r#"{"follow": [{"network": "x", "url": "https://x.com/z", "icon": "a"}]}"#).unwrap_err();
        assert!(e.to_string().contains("icon"), "{e}");
        let e = Config::from_json(r#"{"follow": [{"network": "x", "url": "javascript:alert(1)"}]}"#).unwrap_err();
        assert!(e.to_string().contains("follow[0].url"), "{e}");
        let e = Config::from_json(r#"{"share": {"targets": ["fax"]}}"#).unwrap_err();
        assert!(e.to_string().contains("fax"), "{e}");
        let shipped = Config::from_json(include_str!("../config.json")).unwrap();
        assert!(!shipped.follow.is_empty(), "the demo shows the follow-us block");
    }

    #[test]
    fn iframe_hosts_and_link_target() {
        let c = Config::from_json(r#"{"iframe_hosts": ["www.youtube-nocookie.com"], "link_target": ""}"#).unwrap();
        assert_eq!(c.iframe_hosts, ["www.youtube-nocookie.com"]);
        assert_eq!(c.link_target, "");
        assert!(Config::default().iframe_hosts.is_empty());
        assert_eq!(Config::default().link_target, "_blank");
        let e = Config::from_json(r#"{"iframe_hosts": ["https://x.ro/"]}"#).unwrap_err();
        assert!(e.to_string().contains("iframe_hosts"), "{e}");
        let e = Config::from_json(r#"{"link_target": "nou"}"#).unwrap_err();
        assert!(e.to_string().contains("link_target"), "{e}");
    }

    #[test]
    fn timeout_and_size_cap() {
        let c = Config::from_json(r#"{"timeout_seconds": 3, "max_response_kb": 64}"#).unwrap();
        let l = c.limits();
        assert_eq!(
            l,
            Limits {
                timeout_ms: 3000,
                max_bytes: 65_536
            }
        );
        assert_eq!(l.check_announced(Some(" 65536 ")), Ok(()));
        assert_eq!(l.check_announced(Some("65537")), Err(65_537));
        assert_eq!(
            l.check_announced(Some("lots")),
            Ok(()),
            "unreadable: count the body instead"
        );
        assert_eq!(l.check_announced(None), Ok(()));
        assert!(l.within(65_536) && !l.within(65_537));
        assert_eq!(
            Limits::default(),
            Limits {
                timeout_ms: 15_000,
                max_bytes: 4 << 20
            }
        );
        for bad in [
            r#"{"timeout_seconds": 0}"#,
            r#"{"timeout_seconds": 301}"#,
            r#"{"max_response_kb": 1}"#,
        ] {
            let e = Config::from_json(bad).unwrap_err().to_string();
            assert!(e.contains("timeout_seconds") || e.contains("max_response_kb"), "{e}");
        }
    }

    #[test]
    fn theme_accent_and_logo() {
        let c = Config::from_json(r##"{"theme": "dark", "accent": "#0a6", "logo": "media/logo.svg"}"##).unwrap();
        assert_eq!(c.theme_mode(), ThemeMode::Dark);
        assert!(c.accent_palette().is_some());
        assert_eq!(Config::default().theme_mode(), ThemeMode::Auto);
        assert_eq!(Config::default().accent_palette(), None);
        for (bad, key) in [
            (r#"{"theme": "sepia"}"#, "theme"),
            (r#"{"accent": "red; background: url(//evil)"}"#, "accent"),
            (r##"{"accent": "#fff}body{display:none"}"##, "accent"),
            (r#"{"logo": "javascript:alert(1)"}"#, "logo"),
        ] {
            let e = Config::from_json(bad).unwrap_err().to_string();
            assert!(e.contains(key), "{e}");
        }
    }

    #[test]
    fn api_dir_has_one_slash() {
        let c = Config {
            api: "https://x.ro/wp-json/wp/v2//".into(),
            ..Default::default()
        };
        assert_eq!(c.api_dir(), "https://x.ro/wp-json/wp/v2/");
    }

    #[test]
    fn api_override_is_off_unless_enabled() {
        let d = Config::default();
        assert!(!d.allow_api_override && d.api_override_origins.is_empty());
        let shipped = Config::from_json(include_str!("../config.json")).unwrap();
        assert!(!shipped.allow_api_override, "the demo must not follow ?api=");
        let c = Config::from_json(
            r#"{"allow_api_override": true, "api_override_origins": ["https://staging.x.ro", "http://127.0.0.1:9000/"]}"#,
        )
        .unwrap();
        assert!(c.allow_api_override);
        assert_eq!(c.api_override_origins.len(), 2);
        let e = Config::from_json(r#"{"api_override_origins": ["https://x.ro/api"]}"#).unwrap_err();
        assert!(e.to_string().contains("api_override_origins"), "{e}");
    }
}
