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
    /// The answer started but the connection broke off before its end.
    #[error("the connection to {url} broke off mid-response: {detail}")]
    Interrupted { url: String, detail: String },
    /// The browser blocked the answer: the API is reachable but sends no CORS
    /// headers allowing this site to read it.
    #[error("{url} is reachable but refused this site (no CORS headers allowing it): {detail}")]
    Cors { url: String, detail: String },
    /// No complete answer within `timeout_seconds`.
    #[error("{url} did not answer within {seconds} s; request aborted")]
    Timeout { url: String, seconds: u64 },
    /// The answer is bigger than `max_response_kb`.
    #[error("{url} sent {bytes} bytes or more, over the {limit}-byte limit; response refused")]
    TooLarge { url: String, bytes: u64, limit: u64 },
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
    /// A stable name for the class of failure (`network`, `cors`, `timeout`,
    /// `too_large`, `server`, `http`, `shape`, `config`), for styling and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Network { .. } | AppError::Interrupted { .. } => "network",
            AppError::Cors { .. } => "cors",
            AppError::Timeout { .. } => "timeout",
            AppError::TooLarge { .. } => "too_large",
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
            AppError::Interrupted { url, .. } => m.t_with("err_interrupted", &[("url", url)]),
            AppError::Cors { url, .. } => m.t_with("err_cors", &[("url", url)]),
            AppError::Timeout { url, seconds } => m.t_with("err_timeout", &[("url", url), ("s", &seconds.to_string())]),
            AppError::TooLarge { url, limit, .. } => m.t_with("err_too_large", &[("url", url), ("limit", &mb(*limit))]),
            AppError::Http { url, status } => m.t_with("err_http", &[("url", url), ("status", &status.to_string())]),
            AppError::NotFeed { url, source } => {
                m.t_with("err_not_feed", &[("url", url), ("detail", &source.to_string())])
            }
            AppError::Config(d) => m.t_with("err_config", &[("detail", d)]),
        }
    }
}

/// Bytes as megabytes for the reader, one decimal at most ("4", "0.5").
fn mb(bytes: u64) -> String {
    let tenths = (bytes * 10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
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

    /// Each kind of failure reads differently, in both languages, and names the URL.
    #[test]
    fn every_kind_has_its_own_message() {
        let url = "http://stiri.test/api";
        let errors = [
            AppError::Network {
                url: url.into(),
                detail: "TypeError: Failed to fetch".into(),
            },
            AppError::Cors {
                url: url.into(),
                detail: "TypeError".into(),
            },
            AppError::Interrupted {
                url: url.into(),
                detail: "TypeError: network error".into(),
            },
            AppError::Timeout {
                url: url.into(),
                seconds: 15,
            },
            AppError::TooLarge {
                url: url.into(),
                bytes: 10 << 20,
                limit: 4 << 20,
            },
            AppError::Http {
                url: url.into(),
                status: 429,
            },
            AppError::NotFeed {
                url: url.into(),
                source: SourceError::HtmlInsteadOfJson,
            },
        ];
        let expect = [
            (
                "ro",
                [
                    "nu a putut fi contactat",
                    "CORS",
                    "s-a întrerupt",
                    "15 s",
                    "4 MB",
                    "429",
                    "nu a trimis un flux de știri",
                ],
            ),
            (
                "en",
                [
                    "could not be reached",
                    "CORS",
                    "broke off",
                    "15 s",
                    "4 MB",
                    "429",
                    "did not send a news feed",
                ],
            ),
        ];
        for (locale, needles) in expect {
            let m = Messages::for_locale(locale);
            let msgs: Vec<String> = errors.iter().map(|e| e.message(&m)).collect();
            for (msg, needle) in msgs.iter().zip(needles) {
                assert!(msg.contains(needle), "{locale}: {msg:?} lacks {needle:?}");
                assert!(msg.contains(url), "{locale}: {msg:?}");
            }
            let mut uniq = msgs.clone();
            uniq.sort();
            uniq.dedup();
            assert_eq!(uniq.len(), msgs.len(), "{locale}: two kinds read the same");
        }
        assert!(errors[3].to_string().contains("aborted"));
        assert!(errors[4].to_string().contains("10485760"));
        assert_eq!(
            (mb(4 << 20), mb(512 * 1024), mb(100)),
            ("4".into(), "0.5".into(), "0.1".into())
        );
    }
}
