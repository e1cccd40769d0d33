//! Source adapters: turn an API's JSON into the normalized [`crate::model`].
//!
//! Each adapter is pure (`serde_json::Value` in, posts out) so it is tested on
//! the host against fixtures. To add an API: write `sources/<name>.rs` with a
//! `detect` and a `parse_list`, add a [`Kind`] variant, and wire both below.

pub mod jsonfeed;
pub mod wordpress;

use crate::model::PostPage;
use serde_json::Value;
use thiserror::Error;

/// Which API shape a source speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    WordPress,
    JsonFeed,
}

impl Kind {
    /// Parses the config's `kind` value; `auto` (or empty) means detect.
    pub fn from_config(s: &str) -> Result<Option<Kind>, SourceError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(None),
            "wordpress" | "wp" => Ok(Some(Kind::WordPress)),
            "jsonfeed" | "json-feed" | "feed" => Ok(Some(Kind::JsonFeed)),
            other => Err(SourceError::UnknownKind(other.to_owned())),
        }
    }

    /// Human name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::WordPress => "WordPress REST v2",
            Kind::JsonFeed => "JSON Feed",
        }
    }
}

/// Why a response could not become posts. Messages name what was expected.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SourceError {
    #[error("the response is not JSON: {0}")]
    NotJson(String),
    #[error("the response is an HTML page, not JSON")]
    HtmlInsteadOfJson,
    #[error("unknown API shape; expected a WordPress REST v2 post array or a JSON Feed object with `items`")]
    UnknownShape,
    #[error("the {kind} response lacks the required field `{field}`")]
    MissingField { kind: &'static str, field: &'static str },
    #[error("unknown source kind `{0}`; use auto, wordpress or jsonfeed")]
    UnknownKind(String),
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
pub fn detect(v: &Value) -> Option<Kind> {
    if jsonfeed::detect(v) {
        Some(Kind::JsonFeed)
    } else if wordpress::detect(v) {
        Some(Kind::WordPress)
    } else {
        None
    }
}

/// Parses a list response with a forced or detected kind.
///
/// `base` is the URL the response came from, for resolving relative links.
pub fn parse_list(v: &Value, kind: Option<Kind>, base: &str) -> Result<(Kind, PostPage), SourceError> {
    let kind = match kind {
        Some(k) => k,
        None => detect(v).ok_or(SourceError::UnknownShape)?,
    };
    let page = match kind {
        Kind::WordPress => wordpress::parse_list(v, base)?,
        Kind::JsonFeed => jsonfeed::parse_feed(v, base)?,
    };
    Ok((kind, page))
}

/// Reads a string field, treating JSON null and absence alike.
pub(crate) fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
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
        assert!(err.to_string().contains("WordPress"));
        assert!(err.to_string().contains("JSON Feed"));
    }

    #[test]
    fn kind_from_config() {
        assert_eq!(Kind::from_config("auto"), Ok(None));
        assert_eq!(Kind::from_config("WordPress"), Ok(Some(Kind::WordPress)));
        assert!(Kind::from_config("rss").is_err());
    }
}
