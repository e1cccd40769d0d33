//! The one error type the UI shows, with a localized message and a console detail.

use crate::i18n::Messages;
use crate::sources::SourceError;
use thiserror::Error;

/// Everything that can go wrong between the config and the screen.
///
/// The `Display` text is the technical detail for the console; [`AppError::message`]
/// is what the reader sees, in the UI locale, always naming the URL involved.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AppError {
    /// No HTTP response at all: DNS, refused connection, CORS, offline.
    #[error("request to {url} failed: {detail}")]
    Network { url: String, detail: String },
    /// An HTTP response with a non-success status.
    #[error("{url} answered HTTP {status}")]
    Http { url: String, status: u16 },
    /// A response that is not a news feed we understand.
    #[error("{url}: {source}")]
    NotFeed { url: String, source: SourceError },
    /// `config.json` missing or invalid.
    #[error("config: {0}")]
    Config(String),
}

impl AppError {
    /// A stable name for the class of failure (`network`, `server`, `http`,
    /// `shape`, `config`), for styling and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Network { .. } => "network",
            AppError::Http { status, .. } if *status >= 500 => "server",
            AppError::Http { .. } => "http",
            AppError::NotFeed { .. } => "shape",
            AppError::Config(_) => "config",
        }
    }

    /// The reader-facing message, localized.
    pub fn message(&self, m: &Messages) -> String {
        match self {
            AppError::Network { url, .. } => m.t_with("err_network", &[("url", url)]),
            AppError::Http { url, status } if *status >= 500 => {
                m.t_with("err_server", &[("url", url), ("status", &status.to_string())])
            }
            AppError::Http { url, status } => m.t_with("err_http", &[("url", url), ("status", &status.to_string())]),
            AppError::NotFeed { url, source } => {
                m.t_with("err_not_feed", &[("url", url), ("detail", &source.to_string())])
            }
            AppError::Config(d) => m.t_with("err_config", &[("detail", d)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_url_in_the_ui_language() {
        let ro = Messages::for_locale("ro");
        let e = AppError::Network {
            url: "http://nu.exista/api".into(),
            detail: "TypeError".into(),
        };
        let msg = e.message(&ro);
        assert!(msg.contains("http://nu.exista/api"), "{msg}");
        assert!(msg.contains("nu a putut fi contactat"), "{msg}");
        let e = AppError::Http {
            url: "u".into(),
            status: 503,
        };
        assert!(e.message(&Messages::for_locale("en")).contains("503"));
        assert_eq!(e.kind(), "server");
        let ro_server = e.message(&ro);
        let e4 = AppError::Http {
            url: "u".into(),
            status: 400,
        };
        assert_ne!(e4.message(&ro), ro_server, "server errors read differently");
        assert_eq!(e4.kind(), "http");
        let e = AppError::NotFeed {
            url: "u".into(),
            source: SourceError::HtmlInsteadOfJson,
        };
        assert!(e.to_string().contains("HTML page"));
    }
}
