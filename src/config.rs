//! `config.json`: read at start-up, editable after the build without rebuilding.
//!
//! Every key has a default, so a publisher's file only names what differs.

use crate::i18n::Messages;
use crate::share::{FollowLink, ShareConfig};
use crate::sources::mapping::Mapping;
use crate::sources::Kind;
use crate::theme::{logo_allowed, AccentPalette, Rgb, ThemeMode};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The site configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
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
    /// IANA time zone dates are written in (`Europe/Bucharest`). Default: the
    /// reader's own in the static app; ziar-server's `--time-zone` in server mode.
    pub time_zone: Option<String>,
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
            time_zone: None,
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

/// One thing wrong with a `config.json`, named by its key. A file can have
/// several: [`Config::check`] lists them all, so a publisher fixes them in one go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// The key at fault as written in `config.json`: `recent_count`,
    /// `share.via`, `follow[2].url`, `mapping.title`; empty when the file as a
    /// whole is at fault (not JSON, not an object).
    pub key: String,
    /// What is wrong and what would be right, in English: for the console, the
    /// probe tool and widget attribute errors.
    pub problem: String,
    /// What kind of problem, for the reader's message in the UI language
    /// ([`ConfigProblem::message`]).
    pub kind: ProblemKind,
}

/// The kinds of config problem, each with its own localized message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON at all.
    Syntax { line: usize, column: usize },
    /// JSON, but not an object.
    NotObject,
    /// A key Ziar does not know (a typo?), with the nearest known key.
    Unknown { suggestion: Option<String> },
    /// A value of the wrong JSON type.
    Type { expected: Expect },
    /// A number outside its range.
    Range { min: u64, max: u64 },
    /// A number that must be 0 (off) or at least `min`.
    ZeroOrAtLeast { min: u64 },
    /// One of a fixed set of values (`choices`, as written in config.json).
    OneOf { choices: &'static str },
    /// A value that must look like `example`.
    Format { example: &'static str },
    /// Required, or must not be empty.
    Missing,
    /// Anything else; `problem` says what.
    Invalid,
}

/// The JSON type a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Text,
    /// A whole number, 0 or more (at most 2³²−1).
    Number,
    Bool,
    /// A list of anything (`follow`: its entries are checked one by one).
    List,
    /// A list of text values.
    TextList,
    Object,
    /// An object of text values (`share.utm`).
    TextMap,
}

impl Expect {
    fn english(self) -> &'static str {
        match self {
            Expect::Text => "text (a JSON string)",
            Expect::Number => "a whole number",
            Expect::Bool => "true or false",
            Expect::List => "a list ([…])",
            Expect::TextList => "a list of text values ([\"…\"])",
            Expect::Object => "an object ({…})",
            Expect::TextMap => "an object of text values ({\"…\": \"…\"})",
        }
    }

    fn matches(self, v: &Value) -> bool {
        match self {
            Expect::Text => v.is_string(),
            Expect::Number => v.as_u64().is_some_and(|n| u32::try_from(n).is_ok()),
            Expect::Bool => v.is_boolean(),
            Expect::List => v.is_array(),
            Expect::TextList => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
            Expect::Object => v.is_object(),
            Expect::TextMap => v.as_object().is_some_and(|o| o.values().all(Value::is_string)),
        }
    }

    /// The locale key of the type's name.
    fn message_key(self) -> &'static str {
        match self {
            Expect::Text => "cfg_type_text",
            Expect::Number => "cfg_type_number",
            Expect::Bool => "cfg_type_bool",
            Expect::List | Expect::TextList => "cfg_type_list",
            Expect::Object | Expect::TextMap => "cfg_type_object",
        }
    }
}

/// Every top-level `config.json` key and its type (host tests check this
/// against the [`Config`] struct, so the two cannot drift apart).
pub const KEYS: &[(&str, Expect)] = &[
    ("api", Expect::Text),
    ("kind", Expect::Text),
    ("mapping", Expect::Object),
    ("locale", Expect::Text),
    ("site_name", Expect::Text),
    ("recent_count", Expect::Number),
    ("excerpt_chars", Expect::Number),
    ("page_size", Expect::Number),
    ("poll_seconds", Expect::Number),
    ("auto_insert", Expect::Bool),
    ("push_url", Expect::Text),
    ("share", Expect::Object),
    ("follow", Expect::List),
    ("iframe_hosts", Expect::TextList),
    ("link_target", Expect::Text),
    ("timeout_seconds", Expect::Number),
    ("max_response_kb", Expect::Number),
    ("allow_api_override", Expect::Bool),
    ("api_override_origins", Expect::TextList),
    ("theme", Expect::Text),
    ("accent", Expect::Text),
    ("logo", Expect::Text),
    ("time_zone", Expect::Text),
];

/// The keys of `share`, of each `follow` entry, and of `mapping`.
const SHARE_KEYS: &[(&str, Expect)] = &[
    ("targets", Expect::TextList),
    ("utm", Expect::TextMap),
    ("via", Expect::Text),
    ("url", Expect::Text),
];
const FOLLOW_KEYS: &[(&str, Expect)] = &[
    ("network", Expect::Text),
    ("url", Expect::Text),
    ("label", Expect::Text),
];
const MAPPING_KEYS: &[&str] = &[
    "items",
    "title",
    "id",
    "url",
    "slug",
    "excerpt",
    "content_html",
    "content_text",
    "published",
    "modified",
    "author",
    "image",
    "image_alt",
    "category",
    "tags",
    "language",
    "source",
    "next",
    "total",
    "page_param",
    "per_page_param",
];

impl ConfigProblem {
    /// A problem with `key`.
    pub fn new(key: impl Into<String>, problem: impl Into<String>, kind: ProblemKind) -> ConfigProblem {
        ConfigProblem {
            key: key.into(),
            problem: problem.into(),
            kind,
        }
    }

    /// What the reader sees, in the UI language: the key and what is wrong
    /// with it. English detail beyond that stays in the console.
    pub fn message(&self, m: &Messages) -> String {
        let key = self.key.as_str();
        match &self.kind {
            ProblemKind::Syntax { line, column } => m.t_with(
                "cfg_syntax",
                &[("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ProblemKind::NotObject => m.t("cfg_not_object"),
            ProblemKind::Unknown { suggestion: Some(s) } => {
                m.t_with("cfg_unknown_suggest", &[("key", key), ("suggestion", s)])
            }
            ProblemKind::Unknown { suggestion: None } => m.t_with("cfg_unknown", &[("key", key)]),
            ProblemKind::Type { expected } => {
                m.t_with("cfg_type", &[("key", key), ("type", &m.t(expected.message_key()))])
            }
            ProblemKind::Range { min, max } => m.t_with(
                "cfg_range",
                &[("key", key), ("min", &min.to_string()), ("max", &max.to_string())],
            ),
            ProblemKind::ZeroOrAtLeast { min } => {
                m.t_with("cfg_zero_or_at_least", &[("key", key), ("min", &min.to_string())])
            }
            ProblemKind::OneOf { choices } => m.t_with("cfg_one_of", &[("key", key), ("choices", choices)]),
            ProblemKind::Format { example } => m.t_with("cfg_format", &[("key", key), ("example", example)]),
            ProblemKind::Missing => m.t_with("cfg_missing", &[("key", key)]),
            ProblemKind::Invalid => m.t_with("cfg_invalid", &[("key", key)]),
        }
    }
}

impl fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "`{}` {}", self.key, self.problem)
        }
    }
}

/// Why a `config.json` was refused: every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub Vec<ConfigProblem>);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        write!(f, "config.json: {}", list.join("; "))
    }
}

impl std::error::Error for ConfigError {}

/// The closest of `known` to `key`, if close enough to be a typo.
fn suggest<'a>(key: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let fold = |s: &str| s.to_ascii_lowercase().replace(['-', '_', ' '], "");
    known
        .into_iter()
        .map(|k| (edit_distance(&fold(key), &fold(k)), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.to_owned())
}

/// Levenshtein distance, for suggestions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Checks an object's keys against `known`: unknown keys and wrong JSON types
/// become problems (named `{prefix}{key}`), and are left out of the returned
/// object so the rest still parses.
fn check_keys(
    obj: &Map<String, Value>,
    prefix: &str,
    known: &[(&str, Expect)],
    nullable: &[&str],
    problems: &mut Vec<ConfigProblem>,
) -> Map<String, Value> {
    let mut kept = Map::new();
    for (k, v) in obj {
        let key = format!("{prefix}{k}");
        match known.iter().find(|(name, _)| name == k) {
            None => problems.push(ConfigProblem::new(
                &key,
                "is not a setting Ziar knows",
                ProblemKind::Unknown {
                    suggestion: suggest(k, known.iter().map(|(n, _)| *n)).map(|s| format!("{prefix}{s}")),
                },
            )),
            Some((_, expected)) if !(expected.matches(v) || (v.is_null() && nullable.contains(&k.as_str()))) => {
                problems.push(ConfigProblem::new(
                    &key,
                    format!("must be {}", expected.english()),
                    ProblemKind::Type { expected: *expected },
                ));
            }
            Some(_) => {
                kept.insert(k.clone(), v.clone());
            }
        }
    }
    kept
}

impl Config {
    /// Parses and validates; the first problem's text names the key. See
    /// [`Config::check`] for all of them.
    pub fn from_json(s: &str) -> Result<Config, ConfigError> {
        Config::check(s).map_err(ConfigError)
    }

    /// Parses and validates, listing every problem: unknown keys (with the
    /// nearest known one), wrong types, out-of-range values, bad mapping
    /// pointers, share and follow entries, accent, logo, … each with its key.
    pub fn check(s: &str) -> Result<Config, Vec<ConfigProblem>> {
        let value: Value = match serde_json::from_str(s.trim_start_matches('\u{FEFF}')) {
            Ok(v) => v,
            Err(e) => {
                return Err(vec![ConfigProblem::new(
                    "",
                    format!("config.json is not valid JSON: {e}"),
                    ProblemKind::Syntax {
                        line: e.line(),
                        column: e.column(),
                    },
                )])
            }
        };
        let Value::Object(obj) = value else {
            return Err(vec![ConfigProblem::new(
                "",
                "config.json must be a JSON object ({ \"api\": … })",
                ProblemKind::NotObject,
            )]);
        };
        let mut problems = Vec::new();
        let nullable = ["mapping", "push_url", "accent", "logo", "time_zone"];
        let mut kept = check_keys(&obj, "", KEYS, &nullable, &mut problems);
        // The nested keys, checked the same way; an entry that cannot work is dropped.
        for (key, value) in kept.iter_mut() {
            match (key.as_str(), value) {
                ("share", Value::Object(share)) => {
                    *share = check_keys(share, "share.", SHARE_KEYS, &["via"], &mut problems);
                }
                ("follow", Value::Array(follow)) => {
                    let entries = std::mem::take(follow);
                    for (i, f) in entries.into_iter().enumerate() {
                        let prefix = format!("follow[{i}].");
                        let Value::Object(f) = f else {
                            problems.push(ConfigProblem::new(
                                format!("follow[{i}]"),
                                format!("must be {}", Expect::Object.english()),
                                ProblemKind::Type {
                                    expected: Expect::Object,
                                },
                            ));
                            continue;
                        };
                        for k in ["network", "url"].into_iter().filter(|k| !f.contains_key(*k)) {
                            problems.push(ConfigProblem::new(
                                format!("{prefix}{k}"),
                                "is required",
                                ProblemKind::Missing,
                            ));
                        }
                        let f = check_keys(&f, &prefix, FOLLOW_KEYS, &["label"], &mut problems);
                        if f.contains_key("network") && f.contains_key("url") {
                            follow.push(Value::Object(f));
                        }
                    }
                }
                ("mapping", value @ Value::Object(_)) => {
                    let Value::Object(m) = std::mem::take(value) else {
                        continue;
                    };
                    let known: Vec<(&str, Expect)> = MAPPING_KEYS.iter().map(|k| (*k, Expect::Text)).collect();
                    let nullable: Vec<&str> = MAPPING_KEYS[2..].to_vec();
                    for k in ["items", "title"].into_iter().filter(|k| !m.contains_key(*k)) {
                        problems.push(ConfigProblem::new(
                            format!("mapping.{k}"),
                            "is required",
                            ProblemKind::Missing,
                        ));
                    }
                    let m = check_keys(&m, "mapping.", &known, &nullable, &mut problems);
                    // Incomplete: no mapping (null) rather than one that cannot parse.
                    if m.contains_key("items") && m.contains_key("title") {
                        *value = Value::Object(m);
                    }
                }
                _ => {}
            }
        }
        let config = match serde_json::from_value::<Config>(Value::Object(kept)) {
            Ok(c) => c,
            Err(e) => {
                problems.push(ConfigProblem::new(
                    "",
                    format!("config.json is not valid: {e}"),
                    ProblemKind::Invalid,
                ));
                return Err(problems);
            }
        };
        problems.extend(config.problems());
        if problems.is_empty() {
            return Ok(config);
        }
        // The file's own order is lost in parsing: unknown keys first (typos),
        // then in the order the keys are documented.
        let rank = |p: &ConfigProblem| {
            let top = p.key.split(['.', '[']).next().unwrap_or("");
            KEYS.iter().position(|(k, _)| *k == top).map_or(0, |i| i + 1)
        };
        problems.sort_by_key(rank);
        Err(problems)
    }

    /// Every value problem of a well-formed config.
    fn problems(&self) -> Vec<ConfigProblem> {
        let mut out = Vec::new();
        self.source_problems(&mut out);
        self.list_problems(&mut out);
        self.article_problems(&mut out);
        self.app_problems(&mut out);
        out
    }

    /// The API and how to reach it, which every reader of posts needs.
    fn source_problems(&self, out: &mut Vec<ConfigProblem>) {
        range_problem(out, "timeout_seconds", u64::from(self.timeout_seconds), 1, 300);
        range_problem(out, "max_response_kb", u64::from(self.max_response_kb), 16, 102_400);
        if self.api.trim().is_empty() {
            out.push(ConfigProblem::new("api", "must not be empty", ProblemKind::Missing));
        }
        if !matches!(self.link_target.as_str(), "" | "_blank" | "_self" | "_parent" | "_top") {
            out.push(ConfigProblem::new(
                "link_target",
                "must be \"_blank\", \"_self\", \"_parent\", \"_top\" or \"\"",
                ProblemKind::OneOf {
                    choices: "_blank, _self, _parent, _top, \"\"",
                },
            ));
        }
        let kind = Kind::from_config(&self.kind);
        if kind.is_err() {
            out.push(ConfigProblem::new(
                "kind",
                format!("must be {}", crate::sources::KIND_CHOICES),
                ProblemKind::OneOf {
                    choices: crate::sources::KIND_CHOICES,
                },
            ));
        }
        match &self.mapping {
            Some(m) => out.extend(m.problems()),
            None if kind == Ok(Some(Kind::Custom)) => out.push(ConfigProblem::new(
                "mapping",
                "is required when `kind` is `custom` (JSON Pointers for at least `items` and `title`)",
                ProblemKind::Missing,
            )),
            None => {}
        }
    }

    /// The Recent Posts list's keys.
    fn list_problems(&self, out: &mut Vec<ConfigProblem>) {
        range_problem(out, "recent_count", self.recent_count as u64, 1, 50);
        range_problem(out, "excerpt_chars", self.excerpt_chars as u64, 10, 1000);
        if self.poll_seconds != 0 && self.poll_seconds < 5 {
            out.push(ConfigProblem::new(
                "poll_seconds",
                "must be 0 (off) or at least 5",
                ProblemKind::ZeroOrAtLeast { min: 5 },
            ));
        }
    }

    /// The article's keys beyond the API's (its body, share bar, follow-us).
    fn article_problems(&self, out: &mut Vec<ConfigProblem>) {
        if self
            .iframe_hosts
            .iter()
            .any(|h| h.trim().is_empty() || h.contains(['/', ':', '@', '?', '#', ' ']))
        {
            out.push(ConfigProblem::new(
                "iframe_hosts",
                "must list bare host names such as \"www.youtube-nocookie.com\" (no scheme, port or path)",
                ProblemKind::Format {
                    example: "www.youtube-nocookie.com",
                },
            ));
        }
        out.extend(self.share.problems());
        for (i, f) in self.follow.iter().enumerate() {
            out.extend(f.problems(i));
        }
    }

    /// Keys only the app (and ziar-server) reads.
    fn app_problems(&self, out: &mut Vec<ConfigProblem>) {
        range_problem(out, "page_size", self.page_size as u64, 1, 100);
        if !self
            .api_override_origins
            .iter()
            .all(|o| crate::api_override::is_bare_origin(o))
        {
            out.push(ConfigProblem::new(
                "api_override_origins",
                "must list origins such as \"https://staging.example.com\" (scheme and host, no path)",
                ProblemKind::Format {
                    example: "https://staging.example.com",
                },
            ));
        }
        if ThemeMode::parse(&self.theme).is_none() {
            out.push(ConfigProblem::new(
                "theme",
                "must be \"auto\", \"light\" or \"dark\"",
                ProblemKind::OneOf {
                    choices: "auto, light, dark",
                },
            ));
        }
        if self
            .accent
            .as_deref()
            .is_some_and(|a| Rgb::parse_hex(a.trim()).is_none())
        {
            out.push(ConfigProblem::new(
                "accent",
                "must be a hex colour such as \"#b3261e\" or \"#c21\"",
                ProblemKind::Format { example: "#b3261e" },
            ));
        }
        if self.logo.as_deref().is_some_and(|l| !logo_allowed(l)) {
            out.push(ConfigProblem::new(
                "logo",
                "must be an https:// URL or a path beside the app",
                ProblemKind::Format {
                    example: "https://example.com/logo.svg",
                },
            ));
        }
        if self.time_zone.as_deref().is_some_and(|z| !time_zone_like(z)) {
            out.push(ConfigProblem::new(
                "time_zone",
                "must be an IANA time zone such as \"Europe/Bucharest\" or \"UTC\"",
                ProblemKind::Format {
                    example: "\"Europe/Bucharest\"",
                },
            ));
        }
    }

    /// The problems of the keys a reader of posts needs (the API and how to
    /// reach it): a widget checks these and its own, not the whole app's, so
    /// its bundle carries only those checks.
    pub(crate) fn validate_source(&self) -> Result<(), ConfigError> {
        self.validate_with(Config::source_problems)
    }

    /// The Recent Posts list's keys.
    pub(crate) fn validate_list(&self) -> Result<(), ConfigError> {
        self.validate_with(Config::list_problems)
    }

    /// The article's keys beyond the API's (its body, share bar, follow-us).
    pub(crate) fn validate_article(&self) -> Result<(), ConfigError> {
        self.validate_with(Config::article_problems)
    }

    fn validate_with(&self, check: fn(&Config, &mut Vec<ConfigProblem>)) -> Result<(), ConfigError> {
        let mut found = Vec::new();
        check(self, &mut found);
        if found.is_empty() {
            Ok(())
        } else {
            Err(ConfigError(found))
        }
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

/// Whether `z` has the form of an IANA zone name (`Area/City`, `UTC`); whether
/// it exists is for the formatter to find out (an unknown one falls back).
fn time_zone_like(z: &str) -> bool {
    !z.is_empty()
        && z.len() <= 64
        && z.split('/')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "_+-".contains(c)))
}

/// The first of `problems` as text, for the checks that stop at one.
pub fn first_problem(problems: Vec<ConfigProblem>) -> Result<(), String> {
    match problems.into_iter().next() {
        Some(p) => Err(p.to_string()),
        None => Ok(()),
    }
}

/// `key` outside `min..=max`, as a problem.
fn range_problem(out: &mut Vec<ConfigProblem>, key: &'static str, v: u64, min: u64, max: u64) {
    if !(min..=max).contains(&v) {
        out.push(ConfigProblem::new(
            key,
            format!("must be between {min} and {max}"),
            ProblemKind::Range { min, max },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_object_is_all_defaults() {
        assert_eq!(Config::from_json("{}").unwrap(), Config::default());
    }

    /// What `make dist` ships (the repo's config.json, copied by Trunk) is the
    /// documented defaults: a publisher who edits only `api` ships nothing of
    /// the demo's identity.
    #[test]
    fn shipped_config_is_the_defaults() {
        assert_eq!(
            Config::from_json(include_str!("../config.json")).unwrap(),
            Config::default()
        );
    }

    /// The demo newsroom's own config.json (served in place of the build's) is valid.
    #[test]
    fn demo_config_parses() {
        let c = Config::from_json(include_str!("../newsroom/content/config.json")).unwrap();
        assert_eq!(c.site_name, "Curierul de Valea Verde");
        assert!(!c.follow.is_empty(), "the demo shows the follow-us block");
        assert!(!c.allow_api_override, "the demo must not follow ?api=");
    }

    #[test]
    fn time_zones_look_like_iana_names() {
        for ok in ["UTC", "Europe/Bucharest", "America/Argentina/Buenos_Aires", "Etc/GMT+2"] {
            assert!(
                Config::from_json(&format!(r#"{{"time_zone": "{ok}"}}"#)).is_ok(),
                "{ok}"
            );
        }
        for bad in ["", "Europe//X", "../etc/passwd", "Europe/Bucharest; x"] {
            let e = Config::from_json(&format!(r#"{{"time_zone": "{bad}"}}"#)).unwrap_err();
            assert!(e.to_string().contains("time_zone"), "{bad}: {e}");
        }
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
        let c = Config::from_json(
            r#"{"allow_api_override": true, "api_override_origins": ["https://staging.x.ro", "http://127.0.0.1:9000/"]}"#,
        )
        .unwrap();
        assert!(c.allow_api_override);
        assert_eq!(c.api_override_origins.len(), 2);
        let e = Config::from_json(r#"{"api_override_origins": ["https://x.ro/api"]}"#).unwrap_err();
        assert!(e.to_string().contains("api_override_origins"), "{e}");
    }

    #[test]
    fn every_problem_is_listed_with_its_key() {
        let bad = r##"{
            "apii": "https://x.ro/wp-json/wp/v2/",
            "recent_count": "6",
            "page_size": 500,
            "poll_seconds": 2,
            "theme": "sepia",
            "accent": "red",
            "logo": "javascript:alert(1)",
            "mapping": {"items": "data", "title": "/t", "id": "/id", "titel": "/x"},
            "share": {"target": ["x"], "via": "@nu merge", "url": "home"},
            "follow": [{"network": "x", "url": "https://x.com/z"}, {"network": "fax", "url": "ftp://f"}, {"url": "/feed"}]
        }"##;
        let problems = Config::check(bad).unwrap_err();
        let keys: Vec<&str> = problems.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "apii",
                "mapping.titel",
                "mapping.items",
                "recent_count",
                "page_size",
                "poll_seconds",
                "share.target",
                "share.via",
                "share.url",
                "follow[2].network",
                "follow[1].network",
                "follow[1].url",
                "theme",
                "accent",
                "logo",
            ]
        );
        let by_key = |k: &str| problems.iter().find(|p| p.key == k).unwrap();
        assert_eq!(
            by_key("apii").kind,
            ProblemKind::Unknown {
                suggestion: Some("api".into())
            }
        );
        assert_eq!(
            by_key("recent_count").kind,
            ProblemKind::Type {
                expected: Expect::Number
            }
        );
        assert_eq!(by_key("page_size").kind, ProblemKind::Range { min: 1, max: 100 });
        assert_eq!(by_key("poll_seconds").kind, ProblemKind::ZeroOrAtLeast { min: 5 });
        assert_eq!(
            by_key("share.target").kind,
            ProblemKind::Unknown {
                suggestion: Some("share.targets".into())
            }
        );
        // The English text names the key and says what would be right.
        let text = ConfigError(problems.clone()).to_string();
        assert!(text.contains("`page_size` must be between 1 and 100"), "{text}");
        assert!(text.contains("`mapping.items` must be a JSON Pointer"), "{text}");
    }

    #[test]
    fn a_valid_file_and_its_neighbours() {
        assert!(Config::check(r#"{"recent_count": 7}"#).is_ok());
        let p = Config::check(r#"{"recent_count": 7, "recnet_count": 8}"#).unwrap_err();
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].kind,
            ProblemKind::Unknown {
                suggestion: Some("recent_count".into())
            }
        );
        let p = Config::check(r#"{"siteName": "X"}"#).unwrap_err();
        assert_eq!(
            p[0].kind,
            ProblemKind::Unknown {
                suggestion: Some("site_name".into())
            }
        );
        let p = Config::check(r##"{"colour": "#fff"}"##).unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::Unknown { suggestion: None }, "nothing close");
        let p = Config::check("{\n  \"api\": \"x\",\n  \"kind\": \n}").unwrap_err();
        assert_eq!(p[0].key, "");
        assert!(matches!(p[0].kind, ProblemKind::Syntax { line: 4, .. }), "{p:?}");
        let p = Config::check("[1]").unwrap_err();
        assert_eq!(p[0].kind, ProblemKind::NotObject);
        let p =
            Config::check(r#"{"recent_count": -1, "timeout_seconds": 99999999999, "auto_insert": "yes"}"#).unwrap_err();
        let keys: Vec<&str> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["recent_count", "auto_insert", "timeout_seconds"],
            "in the documented order"
        );
        let p = Config::check(r#"{"iframe_hosts": ["a.ro", 2], "share": {"utm": {"utm_source": 1}}}"#).unwrap_err();
        let keys: Vec<&str> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["share.utm", "iframe_hosts"],
            "lists and maps of text, checked item by item"
        );
        // Nulls where a key is optional are fine.
        assert!(Config::check(r#"{"accent": null, "logo": null, "push_url": null, "share": {"via": null}}"#).is_ok());
    }

    #[test]
    fn the_key_table_matches_the_config() {
        // serde lists every field when it meets an unknown one.
        let e = serde_json::from_str::<Config>(r#"{"\u0001": 0}"#)
            .unwrap_err()
            .to_string();
        let fields: Vec<&str> = e
            .split("expected one of ")
            .nth(1)
            .unwrap()
            .split(", ")
            .filter_map(|f| f.split('`').nth(1))
            .collect();
        let keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
        assert_eq!(fields, keys);
        // Each key's type: the default (or a sample) has it.
        for (k, expected) in KEYS {
            let sample = match expected {
                Expect::Text => Value::from("auto"),
                Expect::Number => Value::from(10),
                Expect::Bool => Value::from(true),
                Expect::List | Expect::TextList => Value::Array(Vec::new()),
                Expect::TextMap => serde_json::json!({}),
                Expect::Object if *k == "mapping" => serde_json::json!({"items": "", "title": "/t", "id": "/i"}),
                Expect::Object => serde_json::json!({}),
            };
            let one = serde_json::json!({ *k: sample });
            assert!(serde_json::from_value::<Config>(one).is_ok(), "{k} takes {expected:?}");
        }
    }

    #[test]
    fn problems_read_in_the_ui_language() {
        let ro = Messages::for_locale("ro");
        let en = Messages::for_locale("en");
        let problems = Config::check(
            r##"{"apii": 1, "recent_count": "x", "page_size": 0, "poll_seconds": 1, "theme": "x", "accent": "x", "api": "", "share": {"url": "x"}, "logo": "ftp://x"}"##,
        )
        .unwrap_err();
        let mut kinds = std::collections::HashSet::new();
        for p in &problems {
            kinds.insert(std::mem::discriminant(&p.kind));
            let msg = p.message(&ro);
            assert!(msg.contains(&format!("`{}`", p.key)), "{msg}");
            for english in ["must", "between", "setting", "required"] {
                assert!(!msg.contains(english), "{msg:?} has {english:?}");
            }
            assert_ne!(msg, p.message(&en));
        }
        assert!(kinds.len() >= 7, "{problems:?}");
        let syntax = Config::check("{,").unwrap_err();
        assert!(
            syntax[0].message(&en).contains("line 1, column 2"),
            "{}",
            syntax[0].message(&en)
        );
    }

    #[test]
    fn share_url_setting() {
        assert_eq!(Config::default().share.url, "canonical");
        let c = Config::check(r#"{"share": {"url": "page"}}"#).unwrap();
        assert_eq!(
            c.share
                .shared_url(Some("https://site.ro/a"), || "https://ziar.ro/articol/a".into()),
            "https://ziar.ro/articol/a"
        );
        let d = Config::default();
        assert_eq!(
            d.share.shared_url(Some("https://site.ro/a"), || unreachable!()),
            "https://site.ro/a"
        );
        assert_eq!(
            d.share.shared_url(None, || "https://ziar.ro/articol/a".into()),
            "https://ziar.ro/articol/a"
        );
        let p = Config::check(r#"{"share": {"url": "canonic"}}"#).unwrap_err();
        assert_eq!(p[0].key, "share.url");
        assert_eq!(
            p[0].kind,
            ProblemKind::OneOf {
                choices: "canonical, page"
            }
        );
    }
}
