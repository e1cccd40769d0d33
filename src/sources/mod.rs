//! Source adapters: turn an API's JSON into the normalized [`crate::model`].
//!
//! Each adapter is pure (`serde_json::Value` in, posts out) so it is tested on
//! the host against fixtures. To add an API: write `sources/<name>.rs` with a
//! `detect` and a `parse_list`, add a [`Kind`] variant, and wire both below.
//!
//! Rules every adapter follows, so publishers get the same behaviour whatever
//! their API: an API error object becomes [`SourceError::Api`] with the API's
//! own message. Adapters are liberal in what they accept, like feed readers
//! are: an item is skipped only when nothing usable is left (no title and no
//! text, or neither an id nor a link) or the API marks it gone, with a warning
//! in [`PostPage::warnings`] saying why; a missing title falls back to the
//! item's summary or text, a missing id to its link, and a missing date leaves
//! the post undated (it keeps the source's order and shows no time). Only when
//! *every* item is skipped does the list fail, with the first item's reason.
//! Adapters never panic on any JSON input (see the property tests in
//! `sources::fuzz`).

pub mod devto;
pub mod ghost;
pub mod guardian;
pub mod hackernews;
pub mod jsonfeed;
pub mod mapping;
pub mod newsapi;
pub mod probe;
pub mod wordpress;
pub mod ziar;

// Native only: proptest is a host dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz;

use crate::model::{Post, PostPage};
use crate::text::html_to_text;
use crate::time::Instant;
use mapping::Mapping;
use serde_json::Value;
use thiserror::Error;

/// Which API shape a source speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    WordPress,
    JsonFeed,
    NewsApi,
    Guardian,
    Ghost,
    DevTo,
    HackerNews,
    /// Any other API, read through the JSON Pointers of a [`Mapping`].
    Custom,
    /// ziar-server's own endpoint: posts it already normalized.
    Ziar,
}

impl Kind {
    /// Every kind, in detection order (custom last: it is never detected).
    pub const ALL: [Kind; 9] = [
        Kind::Ziar,
        Kind::WordPress,
        Kind::JsonFeed,
        Kind::NewsApi,
        Kind::Guardian,
        Kind::Ghost,
        Kind::DevTo,
        Kind::HackerNews,
        Kind::Custom,
    ];

    /// Parses the config's `kind` value; `auto` (or empty) means detect.
    pub fn from_config(s: &str) -> Result<Option<Kind>, SourceError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(None),
            "wordpress" | "wp" => Ok(Some(Kind::WordPress)),
            "jsonfeed" | "json-feed" | "feed" => Ok(Some(Kind::JsonFeed)),
            "newsapi" | "news-api" | "newsapi.org" => Ok(Some(Kind::NewsApi)),
            "guardian" | "the-guardian" => Ok(Some(Kind::Guardian)),
            "ghost" => Ok(Some(Kind::Ghost)),
            "devto" | "dev.to" | "forem" => Ok(Some(Kind::DevTo)),
            "hackernews" | "hacker-news" | "hn" => Ok(Some(Kind::HackerNews)),
            "custom" | "mapping" => Ok(Some(Kind::Custom)),
            "ziar" => Ok(Some(Kind::Ziar)),
            other => Err(SourceError::UnknownKind(other.to_owned())),
        }
    }

    /// Human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::WordPress => "WordPress REST v2",
            Kind::JsonFeed => "JSON Feed",
            Kind::NewsApi => "NewsAPI.org",
            Kind::Guardian => "Guardian Content API",
            Kind::Ghost => "Ghost Content API",
            Kind::DevTo => "dev.to/Forem",
            Kind::HackerNews => "Hacker News",
            Kind::Custom => "custom mapping",
            Kind::Ziar => "ziar-server",
        }
    }

    /// The config spelling, as the probe tool reports it (`"detected"`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::WordPress => "wordpress",
            Kind::JsonFeed => "jsonfeed",
            Kind::NewsApi => "newsapi",
            Kind::Guardian => "guardian",
            Kind::Ghost => "ghost",
            Kind::DevTo => "devto",
            Kind::HackerNews => "hackernews",
            Kind::Custom => "custom",
            Kind::Ziar => "ziar",
        }
    }
}

/// The config values `kind` accepts, for error messages.
pub const KIND_CHOICES: &str = "auto, wordpress, jsonfeed, newsapi, guardian, ghost, devto, hackernews or custom";

/// Why a response could not become posts. Messages name what was expected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SourceError {
    #[error("the response is not JSON: {0}")]
    NotJson(String),
    #[error("the response is an HTML page, not JSON")]
    HtmlInsteadOfJson,
    #[error(
        "unknown API shape; expected a WordPress REST v2 post array, a JSON Feed object with `items`, \
         a NewsAPI object with `articles`, a Guardian object with `response.results`, a Ghost object with `posts`, \
         a dev.to article array, or a Hacker News id list or item; for any other API set `kind: custom` and a `mapping`"
    )]
    UnknownShape,
    #[error("the {kind} response lacks the required field `{field}`")]
    MissingField { kind: &'static str, field: &'static str },
    /// An item with nothing to call it by: no title, summary or text.
    #[error("the {kind} item has no title and no text")]
    NoTitle { kind: &'static str },
    /// An item with nothing to tell it apart or link to: no id and no link.
    #[error("the {kind} item has neither an id nor a link")]
    NoId { kind: &'static str },
    /// An item the API itself marks as not for showing (deleted, removed, a comment).
    #[error("the {kind} item is {why}")]
    NotShown { kind: &'static str, why: &'static str },
    #[error("unknown source kind `{0}`; use auto, wordpress, jsonfeed, newsapi, guardian, ghost, devto, hackernews or custom")]
    UnknownKind(String),
    /// The API answered with its own error object (bad key, rate limit, no route…).
    #[error("the {kind} API reported an error: {message}")]
    Api { kind: &'static str, message: String },
    /// `kind: custom` without a `mapping` in config.json.
    #[error("kind `custom` needs a `mapping` in config.json naming at least `items` and `title`")]
    NoMapping,
    /// A mapping whose pointer did not lead to what it should.
    #[error("the custom mapping does not fit the response: {0}")]
    Mapping(String),
}

/// Parses a response body into JSON, telling an HTML page apart from broken JSON.
pub fn parse_body(body: &str) -> Result<Value, SourceError> {
    let trimmed = body.trim_start_matches('\u{FEFF}').trim_start();
    let lower: String = trimmed.chars().take(15).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
    {
        return Err(SourceError::HtmlInsteadOfJson);
    }
    serde_json::from_str(trimmed).map_err(|e| SourceError::NotJson(e.to_string()))
}

/// Recognizes the API shape of a parsed response.
///
/// Order matters: the most specific markers (JSON Feed's `version`, NewsAPI's
/// `articles`, Guardian's `response`, Ghost's `posts`) are checked before the
/// bare arrays that dev.to, Hacker News and WordPress all use.
pub fn detect(v: &Value) -> Option<Kind> {
    if ziar::detect(v) {
        Some(Kind::Ziar)
    } else if jsonfeed::detect(v) {
        Some(Kind::JsonFeed)
    } else if newsapi::detect(v) {
        Some(Kind::NewsApi)
    } else if guardian::detect(v) {
        Some(Kind::Guardian)
    } else if ghost::detect(v) {
        Some(Kind::Ghost)
    } else if devto::detect(v) {
        Some(Kind::DevTo)
    } else if hackernews::detect(v) {
        Some(Kind::HackerNews)
    } else if wordpress::detect(v) {
        Some(Kind::WordPress)
    } else {
        None
    }
}

/// Recognizes an API-level error object (NewsAPI and Guardian `status:"error"`,
/// WordPress `{code, message}`, Ghost `errors`, dev.to `{error, status}`), so
/// the publisher sees the API's own words (e.g. "Your API key is invalid").
pub fn api_error(v: &Value) -> Option<SourceError> {
    let err = |kind: Kind, message: &str| {
        Some(SourceError::Api {
            kind: kind.name(),
            message: message.trim().to_owned(),
        })
    };
    if !v.is_object() {
        return None;
    }
    if str_at(v, "status") == Some("error") {
        let msg = str_at(v, "message")
            .or_else(|| str_at(v, "code"))
            .unwrap_or("unknown error");
        return err(Kind::NewsApi, msg);
    }
    if let Some(r) = v.get("response").filter(|r| str_at(r, "status") == Some("error")) {
        return err(Kind::Guardian, str_at(r, "message").unwrap_or("unknown error"));
    }
    if let (Some(code), Some(message)) = (str_at(v, "code"), str_at(v, "message")) {
        if v.get("title").is_none() && v.get("id").is_none() {
            return err(Kind::WordPress, &format!("{message} ({code})"));
        }
    }
    if let Some(first) = v.get("errors").and_then(Value::as_array).and_then(|e| e.first()) {
        if v.get("posts").is_none() {
            let msg = str_at(first, "message")
                .or_else(|| str_at(first, "type"))
                .unwrap_or("unknown error");
            return err(Kind::Ghost, msg);
        }
    }
    if let Some(e) = str_at(v, "error") {
        if v.get("type_of").is_none() {
            return err(Kind::DevTo, e);
        }
    }
    None
}

/// Parses a list response with a forced or detected kind.
///
/// `base` is the URL the response came from, for resolving relative links.
/// `Kind::Custom` needs a mapping: use [`parse_list_with`].
pub fn parse_list(v: &Value, kind: Option<Kind>, base: &str) -> Result<(Kind, PostPage), SourceError> {
    parse_list_with(v, kind, base, None)
}

/// [`parse_list`] with the config's custom mapping, if any.
///
/// With `kind: auto` the known shapes are tried first and the mapping is the
/// fallback, so a mapping left in config.json never hides a recognized API.
pub fn parse_list_with(
    v: &Value,
    kind: Option<Kind>,
    base: &str,
    mapping: Option<&Mapping>,
) -> Result<(Kind, PostPage), SourceError> {
    if let Some(e) = api_error(v) {
        return Err(e);
    }
    let kind = match kind {
        Some(k) => k,
        None => match detect(v) {
            // A feed recognized by its shape alone is a guess a mapping overrides.
            Some(Kind::JsonFeed) if mapping.is_some() && !jsonfeed::has_spec_version(v) => Kind::Custom,
            Some(k) => k,
            None if mapping.is_some() => Kind::Custom,
            None => return Err(SourceError::UnknownShape),
        },
    };
    let page = match kind {
        Kind::WordPress => wordpress::parse_list(v, base)?,
        Kind::JsonFeed => jsonfeed::parse_feed(v, base)?,
        Kind::NewsApi => newsapi::parse_list(v, base)?,
        Kind::Guardian => guardian::parse_list(v, base)?,
        Kind::Ghost => ghost::parse_list(v, base)?,
        Kind::DevTo => devto::parse_list(v, base)?,
        Kind::HackerNews => hackernews::parse_list(v, base)?,
        Kind::Custom => mapping.ok_or(SourceError::NoMapping)?.parse_list(v, base)?,
        Kind::Ziar => ziar::parse_list(v, base)?,
    };
    Ok((kind, page))
}

/// Parses each item, skipping bad ones with a warning; fails only when items
/// exist and none could be read, with the first item's reason.
pub(crate) fn collect_items<'a>(
    items: impl IntoIterator<Item = &'a Value>,
    mut parse: impl FnMut(&'a Value) -> Result<Post, SourceError>,
) -> Result<PostPage, SourceError> {
    let mut page = PostPage::default();
    let mut first_err = None;
    for (i, item) in items.into_iter().enumerate() {
        match parse(item) {
            Ok(p) => page.posts.push(p),
            Err(e) => {
                page.warnings.push(format!("item {} skipped: {e}", i + 1));
                page.skipped += 1;
                first_err.get_or_insert(e);
            }
        }
    }
    match first_err {
        Some(e) if page.posts.is_empty() => Err(e),
        _ => Ok(page),
    }
}

/// The title to show: the item's own (HTML or text), else the start of the
/// first non-empty fallback (a summary, then the body), so a microblog post
/// without a title still has a headline; `NoTitle` when there is nothing.
pub(crate) fn title_or_text(
    kind: &'static str,
    title: Option<&str>,
    fallbacks: &[Option<&str>],
) -> Result<String, SourceError> {
    let own = title.map(html_to_text).filter(|t| !t.is_empty());
    own.or_else(|| {
        fallbacks
            .iter()
            .flatten()
            .map(|t| crate::text::excerpt(&html_to_text(t), 80))
            .find(|t| !t.is_empty())
    })
    .ok_or(SourceError::NoTitle { kind })
}

/// The id to tell a post apart by: the item's own, else its link; `NoId` when
/// it has neither (it could be neither routed to nor linked).
pub(crate) fn id_or_link(kind: &'static str, id: Option<String>, url: Option<&str>) -> Result<String, SourceError> {
    id.or_else(|| url.map(str::to_owned)).ok_or(SourceError::NoId { kind })
}

/// Reads a string field, treating JSON null and absence alike.
pub(crate) fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// Reads a string at a JSON Pointer, treating null, absence and blanks alike.
pub(crate) fn str_ptr<'a>(v: &'a Value, ptr: &str) -> Option<&'a str> {
    v.pointer(ptr).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

/// An id that APIs send as a number or a string.
pub(crate) fn id_string(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads a non-negative integer sent as a number or a numeric string.
pub(crate) fn u64_of(v: Option<&Value>) -> Option<u64> {
    match v? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A date sent as ISO 8601 text or as a Unix timestamp (seconds, or
/// milliseconds when too large to be seconds).
pub(crate) fn instant_of(v: Option<&Value>) -> Option<Instant> {
    match v? {
        Value::String(s) => Instant::parse_iso8601(s).or_else(|| s.trim().parse::<i64>().ok().map(unix_guess)),
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).map(unix_guess),
        _ => None,
    }
}

fn unix_guess(n: i64) -> Instant {
    // 1e11 s is in the year 5138; below that the number is seconds.
    if n.unsigned_abs() < 100_000_000_000 {
        Instant::from_unix_seconds(n)
    } else {
        Instant(n)
    }
}

/// The last path segment of a URL, as a slug for APIs that have none.
pub(crate) fn slug_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && !last.contains(':')).then(|| last.to_owned())
}

/// Wraps plain text in paragraphs, escaping it, so plain-text bodies render like HTML.
pub(crate) fn text_to_html(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            format!(
                "<p>{}</p>",
                p.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_error_page_is_named() {
        assert_eq!(
            parse_body("<!DOCTYPE html><html>…"),
            Err(SourceError::HtmlInsteadOfJson)
        );
        assert_eq!(parse_body("  <html lang=ro>"), Err(SourceError::HtmlInsteadOfJson));
        assert!(matches!(parse_body("{\"items\": ["), Err(SourceError::NotJson(_))));
        assert!(matches!(parse_body(""), Err(SourceError::NotJson(_))));
    }

    #[test]
    fn unknown_shape_says_what_was_expected() {
        let v = parse_body(r#"{"hello": "world"}"#).unwrap();
        let err = parse_list(&v, None, "http://x/").unwrap_err();
        assert_eq!(err, SourceError::UnknownShape);
        let msg = err.to_string();
        for expected in [
            "WordPress",
            "JSON Feed",
            "NewsAPI",
            "Guardian",
            "Ghost",
            "dev.to",
            "Hacker News",
            "mapping",
        ] {
            assert!(msg.contains(expected), "{msg} lacks {expected}");
        }
    }

    #[test]
    fn kind_from_config() {
        assert_eq!(Kind::from_config("auto"), Ok(None));
        assert_eq!(Kind::from_config("WordPress"), Ok(Some(Kind::WordPress)));
        assert!(Kind::from_config("rss").is_err());
        for k in Kind::ALL {
            assert_eq!(Kind::from_config(k.key()), Ok(Some(k)), "{k:?}");
        }
        assert_eq!(Kind::from_config("dev.to"), Ok(Some(Kind::DevTo)));
        assert_eq!(Kind::from_config(" HN "), Ok(Some(Kind::HackerNews)));
    }

    #[test]
    fn api_error_objects_carry_the_api_message() {
        let cases = [
            (
                r#"{"status":"error","code":"apiKeyInvalid","message":"Your API key is invalid or incorrect."}"#,
                "NewsAPI.org",
                "Your API key is invalid or incorrect.",
            ),
            (
                r#"{"response":{"status":"error","message":"The requested resource could not be found."}}"#,
                "Guardian Content API",
                "The requested resource could not be found.",
            ),
            (
                r#"{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}"#,
                "WordPress REST v2",
                "No route was found matching the URL and request method. (rest_no_route)",
            ),
            (
                r#"{"errors":[{"message":"Unknown Content API Key","type":"UnauthorizedError"}]}"#,
                "Ghost Content API",
                "Unknown Content API Key",
            ),
            (r#"{"error":"not found","status":404}"#, "dev.to/Forem", "not found"),
        ];
        for (body, kind, message) in cases {
            let v = parse_body(body).unwrap();
            // Even a forced kind reports the error object rather than a missing field.
            for forced in [None, Some(Kind::WordPress), Some(Kind::NewsApi)] {
                let err = parse_list(&v, forced, "http://x/").unwrap_err();
                assert_eq!(
                    err,
                    SourceError::Api {
                        kind,
                        message: message.into()
                    }
                );
                assert!(err.to_string().contains(message));
            }
        }
    }

    #[test]
    fn one_bad_item_is_skipped_with_a_warning() {
        let v = serde_json::json!([
            {"id": 1, "title": {"rendered": "Bună"}, "date_gmt": "2026-11-26T09:00:00"},
            {"id": 2, "title": {"rendered": ""}, "date_gmt": "2026-11-26T08:30:00"},
            {"id": 3, "title": {"rendered": "Fără dată, dar se vede"}}
        ]);
        let (kind, page) = parse_list(&v, None, "http://x/").unwrap();
        assert_eq!(kind, Kind::WordPress);
        assert_eq!(page.posts.len(), 2);
        assert_eq!((page.warnings.len(), page.skipped), (1, 1));
        assert!(page.warnings[0].starts_with("item 2 skipped"), "{:?}", page.warnings);
        assert!(page.warnings[0].contains("no title and no text"));
        assert_eq!(page.posts[1].published, None);
    }

    #[test]
    fn a_mapping_wins_over_a_feed_guessed_by_shape() {
        let v = serde_json::json!({"title": "Știri", "items": [{"url": "https://x.test/a", "name": "A", "content_text": "t"}]});
        let m = Mapping {
            items: "/items".into(),
            title: "/name".into(),
            url: Some("/url".into()),
            ..Default::default()
        };
        let (kind, page) = parse_list_with(&v, None, "http://x/", Some(&m)).unwrap();
        assert_eq!((kind, page.posts[0].title.as_str()), (Kind::Custom, "A"));
        let (kind, _) = parse_list_with(&v, None, "http://x/", None).unwrap();
        assert_eq!(kind, Kind::JsonFeed, "without a mapping, the shape says JSON Feed");
    }

    #[test]
    fn custom_kind_without_mapping_is_named() {
        let v = serde_json::json!({"data": []});
        assert_eq!(
            parse_list(&v, Some(Kind::Custom), "http://x/"),
            Err(SourceError::NoMapping)
        );
    }

    #[test]
    fn dates_as_text_or_unix_numbers() {
        let t = |j: Value| instant_of(Some(&j)).map(|i| i.to_rfc3339());
        assert_eq!(t("2026-11-26T10:00:00Z".into()), Some("2026-11-26T10:00:00Z".into()));
        assert_eq!(t(1_796_292_000.into()), Some("2026-12-03T10:00:00Z".into()));
        assert_eq!(t(1_796_292_000_000i64.into()), Some("2026-12-03T10:00:00Z".into()));
        assert_eq!(t("1796292000".into()), Some("2026-12-03T10:00:00Z".into()));
        assert_eq!(t(Value::Null), None);
        assert_eq!(t("ieri".into()), None);
    }
}
