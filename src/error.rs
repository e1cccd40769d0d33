//! The one error type the UI shows, with a localized message and a console detail.

use crate::config::{ConfigProblem, ProblemKind};
use crate::i18n::Messages;
use crate::sources::SourceError;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Everything that can go wrong between the config and the screen.
///
/// The `Display` text is the technical detail for the console; [`AppError::message`]
/// is what the reader sees, in the UI locale, always naming the URL involved.
///
/// It crosses from ziar-server to the browser inside a server-rendered page
/// (`crate::preload`), so it is serializable; a `SourceError` travels as its
/// text, and config errors never travel (the server's config is its own).
/// Externally tagged: an internally tagged enum's deserializer buffers its
/// input and cost the hydrate build ~20 KB of wasm.
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// The API answered with a redirect the browser could not follow: a loop,
    /// or a new address that does not allow this site. `to` is where the API
    /// does answer, when that was found (another scheme or host).
    #[error("{url} answered with a redirect this site could not follow{}: {detail}", to.as_deref().map(|t| format!(" (the API answers at {t})")).unwrap_or_default())]
    Redirect {
        url: String,
        to: Option<String>,
        detail: String,
    },
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
    NotFeed {
        url: String,
        #[serde(with = "source_as_text")]
        source: SourceError,
    },
    /// `config.json` invalid: every problem, each naming its key.
    #[error("config.json: {}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    #[serde(skip)]
    Config(Vec<ConfigProblem>),
}

impl AppError {
    /// A stable name for the class of failure (`network`, `cors`, `redirect`,
    /// `timeout`, `too_large`, `server`, `http`, `shape`, `config`), for styling and tests.
    pub fn kind(&self) -> &'static str {
        match self {
            AppError::Network { .. } | AppError::Interrupted { .. } => "network",
            AppError::Cors { .. } => "cors",
            AppError::Redirect { .. } => "redirect",
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
            AppError::Redirect { url, to: Some(to), .. } => m.t_with("err_redirect_to", &[("url", url), ("to", to)]),
            AppError::Redirect { url, to: None, .. } => m.t_with("err_redirect", &[("url", url)]),
            AppError::Timeout { url, seconds } => m.t_with("err_timeout", &[("url", url), ("s", &seconds.to_string())]),
            AppError::TooLarge { url, limit, .. } => m.t_with("err_too_large", &[("url", url), ("limit", &mb(*limit))]),
            AppError::Http { url, status } => m.t_with("err_http", &[("url", url), ("status", &status.to_string())]),
            AppError::NotFeed { url, source } => {
                m.t_with("err_not_feed", &[("url", url), ("detail", &shape_reason(source, m))])
            }
            AppError::Config(problems) => {
                let keys: Vec<&str> = problems
                    .iter()
                    .map(|p| p.key.as_str())
                    .filter(|k| !k.is_empty())
                    .collect();
                if keys.is_empty() {
                    m.t("err_config_any")
                } else {
                    // "check `a`, `b`": the template quotes the first and last.
                    m.t_with("err_config", &[("key", &keys.join("`, `"))])
                }
            }
        }
    }

    /// A configuration error described by one message (no key): a widget whose
    /// attributes can't work, an error that is not an `AppError`.
    pub fn config_text(text: impl Into<String>) -> AppError {
        AppError::Config(vec![ConfigProblem::new("", text, ProblemKind::Invalid)])
    }

    /// The problems of an invalid `config.json`, each with its key and a
    /// localized [`ConfigProblem::message`], for listing on the page; empty
    /// for any other error.
    pub fn config_problems(&self) -> &[ConfigProblem] {
        match self {
            AppError::Config(p) => p,
            _ => &[],
        }
    }
}

/// A `SourceError` as its English text, read back as `NotJson` (whose
/// reader-facing message is generic): only ziar-server sends these, and it
/// words upstream failures itself.
mod source_as_text {
    use crate::sources::SourceError;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(e: &SourceError, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&e.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<SourceError, D::Error> {
        String::deserialize(d).map(SourceError::NotJson)
    }
}

/// Why a response is not a news feed, in the reader's language. The English
/// technical text (`SourceError`'s `Display`) goes to the console only; an API's
/// own error message is quoted as the API wrote it.
fn shape_reason(e: &SourceError, m: &Messages) -> String {
    match e {
        SourceError::NotJson(_) => m.t("shape_not_json"),
        SourceError::HtmlInsteadOfJson => m.t("shape_html"),
        SourceError::UnknownShape | SourceError::UnknownKind(_) => m.t("shape_unknown"),
        SourceError::MissingField { field, .. } => m.t_with("shape_missing", &[("field", field)]),
        SourceError::NoTitle { .. } | SourceError::NoId { .. } | SourceError::NotShown { .. } => m.t("shape_empty"),
        SourceError::Api { kind, message } => m.t_with("shape_api", &[("api", kind), ("message", message)]),
        SourceError::NoMapping | SourceError::Mapping(_) => m.t("shape_mapping"),
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
            AppError::Redirect {
                url: url.into(),
                to: None,
                detail: "TypeError".into(),
            },
            AppError::Redirect {
                url: url.into(),
                to: Some("https://www.stiri.test/api".into()),
                detail: "TypeError".into(),
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
                    "redirecționare",
                    "https://www.stiri.test/api",
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
                    "redirect",
                    "https://www.stiri.test/api",
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
        assert!(
            !errors[6].message(&Messages::for_locale("ro")).contains("HTML page"),
            "no English technical detail on a Romanian page"
        );
        assert!(errors[4].to_string().contains("10485760"));
        assert_eq!(
            (mb(4 << 20), mb(512 * 1024), mb(100)),
            ("4".into(), "0.5".into(), "0.1".into())
        );
    }

    /// The reader sees no English in Romanian: every shape reason and config
    /// error is localized, the technical text stays for the console.
    #[test]
    fn romanian_errors_carry_no_english_detail() {
        let ro = Messages::for_locale("ro");
        let sources = [
            SourceError::NotJson("expected value at line 1 column 1".into()),
            SourceError::HtmlInsteadOfJson,
            SourceError::UnknownShape,
            SourceError::UnknownKind("rss".into()),
            SourceError::MissingField {
                kind: "wordpress",
                field: "title",
            },
            SourceError::NoMapping,
            SourceError::Mapping("pointer /x found nothing".into()),
        ];
        for s in sources {
            let technical = s.to_string();
            let e = AppError::NotFeed {
                url: "http://x.test/api".into(),
                source: s,
            };
            let msg = e.message(&ro);
            assert!(msg.contains("nu a trimis un flux de știri"), "{msg}");
            for english in ["the ", "response", "expected", "unknown", "lacks", "needs"] {
                assert!(!msg.contains(english), "{msg:?} has {english:?} (from {technical:?})");
            }
        }
        let api = AppError::NotFeed {
            url: "u".into(),
            source: SourceError::Api {
                kind: "newsapi",
                message: "Your API key is invalid.".into(),
            },
        };
        assert!(
            api.message(&ro).contains("Your API key is invalid."),
            "the API's own words are quoted"
        );
        let cfg = AppError::Config(crate::config::Config::check(r#"{"recent_count": 0}"#).unwrap_err());
        let msg = cfg.message(&ro);
        assert!(msg.contains("`recent_count`") && msg.contains("consol"), "{msg}");
        assert!(!msg.contains("must be"), "{msg}");
        let listed = cfg.config_problems()[0].message(&ro);
        assert!(listed.contains("între 1 și 50"), "{listed}");
        let two = AppError::Config(crate::config::Config::check(r#"{"apii": "x", "theme": 3}"#).unwrap_err());
        assert!(two.message(&ro).contains("`apii`, `theme`"), "{}", two.message(&ro));
        let plain = AppError::Config(crate::config::Config::check("{").unwrap_err());
        assert_eq!(plain.message(&ro), ro.t("err_config_any"));
        assert!(plain.config_problems()[0].message(&ro).contains("rândul 1"));
        assert_eq!(AppError::config_text("x").message(&ro), ro.t("err_config_any"));
    }
}
