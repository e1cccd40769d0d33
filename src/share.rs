//! Share targets and follow-us networks: configuration and URL building.
//!
//! Pure Rust, tested on the host. Nothing here makes a request: a share link is
//! only a URL the reader may choose to open, so no network hears about a page
//! until the reader clicks.

use crate::config::{ConfigProblem, ProblemKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Somewhere an article can be shared to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Facebook,
    X,
    WhatsApp,
    Telegram,
    LinkedIn,
    Reddit,
    Mastodon,
    Bluesky,
    Email,
    Copy,
}

impl Target {
    /// Every target, in the default order.
    pub const ALL: [Target; 10] = [
        Target::Facebook,
        Target::X,
        Target::WhatsApp,
        Target::Telegram,
        Target::LinkedIn,
        Target::Reddit,
        Target::Mastodon,
        Target::Bluesky,
        Target::Email,
        Target::Copy,
    ];

    /// The id used in `config.json`, in `{target}` UTM values and in CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Target::Facebook => "facebook",
            Target::X => "x",
            Target::WhatsApp => "whatsapp",
            Target::Telegram => "telegram",
            Target::LinkedIn => "linkedin",
            Target::Reddit => "reddit",
            Target::Mastodon => "mastodon",
            Target::Bluesky => "bluesky",
            Target::Email => "email",
            Target::Copy => "copy",
        }
    }

    /// Parses a config id.
    pub fn from_id(id: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.id() == id)
    }
}

/// A network a site can be followed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Network {
    Facebook,
    Instagram,
    X,
    YouTube,
    TikTok,
    Telegram,
    WhatsApp,
    LinkedIn,
    Mastodon,
    Bluesky,
    Rss,
    JsonFeed,
    GoogleNews,
}

impl Network {
    pub const ALL: [Network; 13] = [
        Network::Facebook,
        Network::Instagram,
        Network::X,
        Network::YouTube,
        Network::TikTok,
        Network::Telegram,
        Network::WhatsApp,
        Network::LinkedIn,
        Network::Mastodon,
        Network::Bluesky,
        Network::Rss,
        Network::JsonFeed,
        Network::GoogleNews,
    ];

    /// The id used in `config.json`; the UI label is the locale key `net_<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Network::Facebook => "facebook",
            Network::Instagram => "instagram",
            Network::X => "x",
            Network::YouTube => "youtube",
            Network::TikTok => "tiktok",
            Network::Telegram => "telegram",
            Network::WhatsApp => "whatsapp",
            Network::LinkedIn => "linkedin",
            Network::Mastodon => "mastodon",
            Network::Bluesky => "bluesky",
            Network::Rss => "rss",
            Network::JsonFeed => "jsonfeed",
            Network::GoogleNews => "google_news",
        }
    }

    pub fn from_id(id: &str) -> Option<Network> {
        Network::ALL.into_iter().find(|n| n.id() == id)
    }
}

/// `share` in `config.json` (and a widget's `share` attribute, read by
/// [`ShareConfig::from_value`]).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShareConfig {
    /// Target ids, in display order. Default: every target.
    pub targets: Vec<String>,
    /// `utm_*` parameters added to the shared URL; `{target}` in a value becomes
    /// the target id (`native` for the device's share sheet). Default: none.
    pub utm: BTreeMap<String, String>,
    /// An X account (without `@`) credited as `via`. Default: none.
    pub via: Option<String>,
    /// Which URL a share carries: `canonical` (default), the API's link for
    /// the post (the publisher's own page), or `page`, the reader's Ziar URL,
    /// for sites whose Ziar front end is the front door.
    pub url: String,
}

/// The values `share.url` accepts.
pub const SHARE_URL_CHOICES: &[&str] = &["canonical", "page"];

impl Default for ShareConfig {
    fn default() -> Self {
        ShareConfig {
            targets: Target::ALL.iter().map(|t| t.id().to_owned()).collect(),
            utm: BTreeMap::new(),
            via: None,
            url: "canonical".into(),
        }
    }
}

impl ShareConfig {
    /// Reads `share` from parsed JSON, as the derived `Deserialize` reads it
    /// from `config.json` (every field optional, an unknown one refused), for a
    /// widget's `share` attribute: the share widget's bundle has no serde-derived
    /// parser and no JSON parser of its own. Validation is [`Self::validate`].
    pub fn from_value(v: &serde_json::Value) -> Result<ShareConfig, String> {
        use serde_json::Value;
        let Value::Object(fields) = v else {
            return Err("must be an object such as {\"targets\": [\"x\", \"copy\"]}".into());
        };
        let mut out = ShareConfig::default();
        for (k, v) in fields {
            let wrong = |want: &str| format!("`share.{k}` must be {want}");
            match (k.as_str(), v) {
                ("targets", Value::Array(list)) => {
                    out.targets.clear();
                    for t in list {
                        out.targets
                            .push(t.as_str().ok_or_else(|| wrong("a list of target ids"))?.to_owned());
                    }
                }
                ("utm", Value::Object(map)) => {
                    for (k, v) in map {
                        let v = v.as_str().ok_or_else(|| wrong("an object of strings"))?;
                        out.utm.insert(k.clone(), v.to_owned());
                    }
                }
                ("via", Value::Null) => out.via = None,
                ("via", Value::String(s)) => out.via = Some(s.clone()),
                ("url", Value::String(s)) => out.url = s.clone(),
                ("targets", _) => return Err(wrong("a list of target ids")),
                ("utm", _) => return Err(wrong("an object of strings")),
                ("via", _) => return Err(wrong("a string")),
                ("url", _) => return Err(wrong("\"canonical\" or \"page\"")),
                _ => return Err(format!("`share`: unknown field `{k}` (known: targets, utm, via, url)")),
            }
        }
        Ok(out)
    }

    /// Checks ids, UTM keys, the `via` handle and `url`: the first problem, naming the key.
    pub fn validate(&self) -> Result<(), String> {
        crate::config::first_problem(self.problems())
    }

    /// Every problem with `share`, each naming its key.
    pub fn problems(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        if let Err(problem) = parse_targets(&self.targets) {
            out.push(ConfigProblem::new("share.targets", problem, ProblemKind::Invalid));
        }
        for (k, v) in &self.utm {
            if !k.starts_with("utm_") || k.len() < 5 || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                out.push(ConfigProblem::new(
                    format!("share.utm.{k}"),
                    "is not a UTM parameter: keys look like utm_source, utm_medium, …",
                    ProblemKind::Format { example: "utm_source" },
                ));
            } else if v.trim().is_empty() {
                out.push(ConfigProblem::new(
                    format!("share.utm.{k}"),
                    "must not be empty",
                    ProblemKind::Missing,
                ));
            }
        }
        if let Some(via) = &self.via {
            if via.is_empty() || via.len() > 15 || !via.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                out.push(ConfigProblem::new(
                    "share.via",
                    "must be an X handle without @ (letters, digits, _; at most 15)",
                    ProblemKind::Format { example: "ziar_news" },
                ));
            }
        }
        if !SHARE_URL_CHOICES.contains(&self.url.as_str()) {
            out.push(ConfigProblem::new(
                "share.url",
                "must be \"canonical\" (the post's own page) or \"page\" (this site's page)",
                ProblemKind::OneOf {
                    choices: "canonical, page",
                },
            ));
        }
        out
    }

    /// The URL a share of a post carries: its canonical link, or with
    /// `url: "page"` (or when the post has none) `page`, the reader's own URL.
    pub fn shared_url(&self, canonical: Option<&str>, page: impl FnOnce() -> String) -> String {
        match canonical.filter(|_| self.url != "page") {
            Some(u) => u.to_owned(),
            None => page(),
        }
    }

    /// The configured targets (valid after `validate`).
    pub fn target_list(&self) -> Vec<Target> {
        parse_targets(&self.targets).unwrap_or_else(|_| Target::ALL.to_vec())
    }
}

/// Parses a list of target ids, refusing unknown ids and duplicates (the
/// error says which, for a problem with `share.targets`).
pub fn parse_targets(ids: &[String]) -> Result<Vec<Target>, String> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let t = Target::from_id(id).ok_or_else(|| {
            let known: Vec<&str> = Target::ALL.iter().map(|t| t.id()).collect();
            format!("unknown target `{id}` (known: {})", known.join(", "))
        })?;
        if out.contains(&t) {
            return Err(format!("`{id}` is listed twice"));
        }
        out.push(t);
    }
    Ok(out)
}

/// One entry of `follow` in `config.json`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FollowLink {
    /// A network id (`facebook`, `instagram`, `x`, `youtube`, `tiktok`, `telegram`,
    /// `whatsapp`, `linkedin`, `mastodon`, `bluesky`, `rss`, `jsonfeed`, `google_news`).
    pub network: String,
    /// The site's page on that network: `https://…`, or a path for its own feeds.
    pub url: String,
    /// Replaces the localized label (e.g. a channel name). Default: the network's name.
    #[serde(default)]
    pub label: Option<String>,
}

impl FollowLink {
    /// The first problem with entry `i`, naming its key.
    pub fn validate(&self, i: usize) -> Result<(), String> {
        crate::config::first_problem(self.problems(i))
    }

    /// Every problem with entry `i` (`follow[i].network`, `follow[i].url`).
    pub fn problems(&self, i: usize) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        if Network::from_id(&self.network).is_none() {
            let known: Vec<&str> = Network::ALL.iter().map(|n| n.id()).collect();
            out.push(ConfigProblem::new(
                format!("follow[{i}].network"),
                format!(
                    "is not a network Ziar knows: `{}` (known: {})",
                    self.network,
                    known.join(", ")
                ),
                ProblemKind::Invalid,
            ));
        }
        if !is_web_or_relative(&self.url) {
            out.push(ConfigProblem::new(
                format!("follow[{i}].url"),
                "must be an http(s) URL or a path",
                ProblemKind::Format {
                    example: "https://example.com/",
                },
            ));
        }
        out
    }

    pub fn network(&self) -> Option<Network> {
        Network::from_id(&self.network)
    }
}

/// `https://…`, `http://…`, or a relative reference with no scheme.
fn is_web_or_relative(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() || u.starts_with("//") || u.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = u.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return u.len() > lower.find("://").unwrap_or(0) + 3;
    }
    // A colon before any `/`, `?` or `#` would be a scheme.
    let head = u.split(['/', '?', '#']).next().unwrap_or("");
    !head.contains(':')
}

/// Percent-encodes everything but RFC 3986 unreserved characters, as UTF-8 bytes.
/// Stricter than `encodeURIComponent` (it also encodes `!'()*`), which every
/// share endpoint accepts; spaces become `%20`, never `+` (mail clients show `+`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// Adds query parameters to a URL, before any `#fragment`; a key the URL
/// already has is left as the publisher wrote it.
pub fn add_params(url: &str, params: &[(&str, &str)]) -> String {
    let (base, fragment) = match url.find('#') {
        Some(i) => url.split_at(i),
        None => (url, ""),
    };
    let query = base.split_once('?').map(|(_, q)| q).unwrap_or("");
    let has = |k: &str| query.split('&').any(|kv| kv.split('=').next() == Some(k));
    let mut out = base.to_owned();
    for (k, v) in params {
        if has(k) {
            continue;
        }
        if !out.contains('?') {
            out.push('?');
        } else if !out.ends_with(['?', '&']) {
            out.push('&');
        }
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out.push_str(fragment);
    out
}

/// The article URL as shared to `target_id` (`native` for the share sheet):
/// with the configured `utm_*` parameters, `{target}` filled in.
pub fn tracked_url(url: &str, cfg: &ShareConfig, target_id: &str) -> String {
    let values: Vec<(String, String)> = cfg
        .utm
        .iter()
        .map(|(k, v)| (k.clone(), v.replace("{target}", target_id)))
        .collect();
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    add_params(url, &pairs)
}

/// The link that shares `title` and `url` on `target`. `None` for Copy link
/// (no link: it writes the clipboard) and for Mastodon until the reader's
/// instance is known.
pub fn share_href(target: Target, title: &str, url: &str, cfg: &ShareConfig, mastodon: Option<&str>) -> Option<String> {
    let u = tracked_url(url, cfg, target.id());
    let both = if title.is_empty() {
        u.clone()
    } else {
        format!("{title} {u}")
    };
    Some(match target {
        Target::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={}", encode(&u)),
        Target::X => {
            let mut s = format!("https://x.com/intent/post?text={}&url={}", encode(title), encode(&u));
            if let Some(via) = &cfg.via {
                s.push_str("&via=");
                s.push_str(&encode(via));
            }
            s
        }
        Target::WhatsApp => format!("https://wa.me/?text={}", encode(&both)),
        Target::Telegram => format!("https://t.me/share/url?url={}&text={}", encode(&u), encode(title)),
        Target::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={}", encode(&u)),
        Target::Reddit => format!(
            "https://www.reddit.com/submit?url={}&title={}",
            encode(&u),
            encode(title)
        ),
        Target::Mastodon => format!(
            "https://{}/share?text={}",
            normalize_instance(mastodon?)?,
            encode(&both)
        ),
        Target::Bluesky => format!("https://bsky.app/intent/compose?text={}", encode(&both)),
        Target::Email => format!(
            "mailto:?subject={}&body={}",
            encode(title),
            encode(&format!("{title}\r\n\r\n{u}"))
        ),
        Target::Copy => return None,
    })
}

/// What a reader types for their Mastodon server (`mastodon.social`,
/// `https://mastodon.social/`, `@ana@mastodon.social`) as a bare host, or `None`
/// if it can't be a host name.
pub fn normalize_instance(input: &str) -> Option<String> {
    let mut s = input.trim().to_ascii_lowercase();
    for prefix in ["https://", "http://"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
        }
    }
    // `@user@host` or `user@host`: the host is after the last `@` before any path.
    let authority = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("").trim_end_matches('.');
    let (name, port) = match host.split_once(':') {
        Some((n, p)) => (n, Some(p)),
        None => (host, None),
    };
    let labels_ok = name.contains('.')
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    (labels_ok && port_ok && host.len() <= 253).then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_value_reads_share_as_config_json_does() {
        let same = [
            r#"{}"#,
            r#"{"targets": ["copy", "x"]}"#,
            r#"{"targets": []}"#,
            r#"{"utm": {"utm_source": "ziar", "utm_medium": "{target}"}, "via": "ziar"}"#,
            r#"{"via": null, "targets": ["email"]}"#,
        ];
        for json in same {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            let derived: ShareConfig = serde_json::from_str(json).unwrap();
            assert_eq!(ShareConfig::from_value(&v).unwrap(), derived, "{json}");
        }
        // What serde refuses, this refuses too, naming the field.
        for (json, says) in [
            (r#"{"target": []}"#, "unknown field `target`"),
            (r#"{"targets": "x"}"#, "share.targets"),
            (r#"{"targets": [1]}"#, "share.targets"),
            (r#"{"utm": {"utm_source": 1}}"#, "share.utm"),
            (r#"{"via": 5}"#, "share.via"),
        ] {
            let v: serde_json::Value = serde_json::from_str(json).unwrap();
            assert!(serde_json::from_str::<ShareConfig>(json).is_err(), "{json}");
            let e = ShareConfig::from_value(&v).unwrap_err();
            assert!(e.contains(says), "{json}: {e}");
        }
        let e = ShareConfig::from_value(&serde_json::json!(["x"])).unwrap_err();
        assert!(e.contains("object"), "{e}");
    }

    const TRICKY: &str = "Ședința de la Primărie: „Bugetul” & #ValeaVerde 🎉";
    const TRICKY_ENC: &str = "%C8%98edin%C8%9Ba%20de%20la%20Prim%C4%83rie%3A%20%E2%80%9EBugetul%E2%80%9D%20%26%20%23ValeaVerde%20%F0%9F%8E%89";
    const URL: &str = "https://ziar.example/articol/sedinta?x=1&y=2#comentarii";
    const URL_ENC: &str = "https%3A%2F%2Fziar.example%2Farticol%2Fsedinta%3Fx%3D1%26y%3D2%23comentarii";

    fn plain() -> ShareConfig {
        ShareConfig::default()
    }

    #[test]
    fn encoding_of_romanian_quotes_emoji_and_reserved() {
        assert_eq!(encode(TRICKY), TRICKY_ENC);
        assert_eq!(encode("a+b=c/d?e"), "a%2Bb%3Dc%2Fd%3Fe");
        assert_eq!(encode("it's (ok)!*"), "it%27s%20%28ok%29%21%2A");
        assert_eq!(encode("Az-_.~09"), "Az-_.~09");
        assert_eq!(encode("\"citat\" 'simplu'"), "%22citat%22%20%27simplu%27");
        assert_eq!(
            encode("ĂÂÎȘȚăâîșț"),
            "%C4%82%C3%82%C3%8E%C8%98%C8%9A%C4%83%C3%A2%C3%AE%C8%99%C8%9B"
        );
        assert_eq!(encode(""), "");
    }

    #[test]
    fn every_target_builds_the_documented_link() {
        let c = plain();
        let h = |t| share_href(t, TRICKY, URL, &c, Some("mastodon.social")).unwrap();
        assert_eq!(
            h(Target::Facebook),
            format!("https://www.facebook.com/sharer/sharer.php?u={URL_ENC}")
        );
        assert_eq!(
            h(Target::X),
            format!("https://x.com/intent/post?text={TRICKY_ENC}&url={URL_ENC}")
        );
        assert_eq!(
            h(Target::WhatsApp),
            format!("https://wa.me/?text={TRICKY_ENC}%20{URL_ENC}")
        );
        assert_eq!(
            h(Target::Telegram),
            format!("https://t.me/share/url?url={URL_ENC}&text={TRICKY_ENC}")
        );
        assert_eq!(
            h(Target::LinkedIn),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={URL_ENC}")
        );
        assert_eq!(
            h(Target::Reddit),
            format!("https://www.reddit.com/submit?url={URL_ENC}&title={TRICKY_ENC}")
        );
        assert_eq!(
            h(Target::Mastodon),
            format!("https://mastodon.social/share?text={TRICKY_ENC}%20{URL_ENC}")
        );
        assert_eq!(
            h(Target::Bluesky),
            format!("https://bsky.app/intent/compose?text={TRICKY_ENC}%20{URL_ENC}")
        );
        assert_eq!(
            h(Target::Email),
            format!("mailto:?subject={TRICKY_ENC}&body={TRICKY_ENC}%0D%0A%0D%0A{URL_ENC}")
        );
        assert_eq!(share_href(Target::Copy, TRICKY, URL, &c, None), None);
        // Every built link is a single token: no raw space, quote, `#` or non-ASCII.
        for t in Target::ALL.into_iter().filter(|t| *t != Target::Copy) {
            let s = h(t);
            assert!(s.is_ascii() && !s.contains([' ', '"', '#', '„', '\n']), "{t:?}: {s}");
        }
    }

    #[test]
    fn mastodon_needs_a_valid_instance() {
        let c = plain();
        assert_eq!(share_href(Target::Mastodon, "t", URL, &c, None), None);
        assert_eq!(share_href(Target::Mastodon, "t", URL, &c, Some("not a host")), None);
        for (input, host) in [
            ("mastodon.social", "mastodon.social"),
            ("  https://Mastodon.Social/ ", "mastodon.social"),
            ("@ana@toot.example.ro", "toot.example.ro"),
            ("ana@social.ro/@ana", "social.ro"),
            ("http://local.test:8443/path", "local.test:8443"),
        ] {
            assert_eq!(normalize_instance(input).as_deref(), Some(host), "{input}");
        }
        for bad in [
            "",
            "localhost",
            "evil.com\"><x",
            "a..b",
            "-a.ro",
            "x.ro:port",
            "javascript:alert(1)",
            "ș.ro",
        ] {
            assert_eq!(normalize_instance(bad), None, "{bad}");
        }
    }

    #[test]
    fn utm_and_via_suffix() {
        let c = ShareConfig {
            utm: [("utm_source", "{target}"), ("utm_medium", "social")]
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            via: Some("curierul_vv".into()),
            ..ShareConfig::default()
        };
        c.validate().unwrap();
        // Before the fragment, after the existing query; BTreeMap order.
        assert_eq!(
            tracked_url(URL, &c, "facebook"),
            "https://ziar.example/articol/sedinta?x=1&y=2&utm_medium=social&utm_source=facebook#comentarii"
        );
        assert_eq!(
            tracked_url("https://z.ro/a", &c, "native"),
            "https://z.ro/a?utm_medium=social&utm_source=native"
        );
        assert_eq!(
            tracked_url("https://z.ro/a?", &c, "x"),
            "https://z.ro/a?utm_medium=social&utm_source=x"
        );
        // A parameter the URL already has wins.
        assert_eq!(
            tracked_url("https://z.ro/a?utm_source=rss", &c, "x"),
            "https://z.ro/a?utm_source=rss&utm_medium=social"
        );
        let x = share_href(Target::X, "Știre", "https://z.ro/a", &c, None).unwrap();
        assert_eq!(
            x,
            "https://x.com/intent/post?text=%C8%98tire&url=https%3A%2F%2Fz.ro%2Fa%3Futm_medium%3Dsocial%26utm_source%3Dx&via=curierul_vv"
        );
        assert_eq!(
            tracked_url(URL, &plain(), "x"),
            URL,
            "no utm configured: the URL is untouched"
        );
    }

    #[test]
    fn share_config_validation() {
        let mut c = ShareConfig::default();
        assert_eq!(c.target_list(), Target::ALL.to_vec());
        c.targets = vec!["copy".into(), "email".into()];
        assert_eq!(c.target_list(), vec![Target::Copy, Target::Email]);
        c.targets = vec!["myspace".into()];
        assert!(c.validate().unwrap_err().contains("myspace"));
        c.targets = vec!["x".into(), "x".into()];
        assert!(c.validate().unwrap_err().contains("twice"));
        c.targets = vec![];
        c.validate().unwrap();
        c.utm.insert("source".into(), "a".into());
        assert!(c.validate().unwrap_err().contains("source"));
        c.utm.clear();
        c.via = Some("@handle".into());
        assert!(c.validate().unwrap_err().contains("share.via"));
    }

    #[test]
    fn follow_links_validate() {
        let link = |network: &str, url: &str| FollowLink {
            network: network.into(),
            url: url.into(),
            label: None,
        };
        link("facebook", "https://www.facebook.com/x").validate(0).unwrap();
        link("jsonfeed", "feed.json").validate(0).unwrap();
        link("rss", "/feed/").validate(0).unwrap();
        assert!(link("myspace", "https://x.ro")
            .validate(2)
            .unwrap_err()
            .contains("follow[2].network"));
        for bad in [
            "javascript:alert(1)",
            "",
            "https://",
            "//cdn.ro/x",
            "data:text/html,x",
            "https://a b",
        ] {
            assert!(link("x", bad).validate(0).is_err(), "{bad}");
        }
        for n in Network::ALL {
            assert_eq!(Network::from_id(n.id()), Some(n));
            for lang in ["ro", "en"] {
                let key = format!("net_{}", n.id());
                assert_ne!(
                    crate::i18n::Messages::for_locale(lang).t(&key),
                    key,
                    "{lang} lacks {key}"
                );
            }
        }
    }
}
