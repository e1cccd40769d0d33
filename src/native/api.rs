//! The API client type the components hold. A server render never fetches
//! (ziar-server hands every page its data in `Preloaded`), so its transport
//! refuses; the server's own upstream client is `ziar::client::Api` over an
//! HTTP client, in the server crate.

use crate::client::{Fetched, Transport};
use crate::config::{Config, Limits};
use crate::error::AppError;

/// See the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoFetch;

impl Transport for NoFetch {
    async fn get(&self, url: &str, _limits: Limits) -> Result<Fetched, AppError> {
        Err(AppError::Network {
            url: url.to_owned(),
            detail: "components do not fetch while rendering on the server".into(),
        })
    }

    async fn get_all(&self, urls: &[String], _limits: Limits) -> Vec<Option<String>> {
        vec![None; urls.len()]
    }

    fn warn(&self, message: &str) {
        eprintln!("{message}");
    }

    fn error(&self, message: &str) {
        eprintln!("{message}");
    }
}

/// The components' API client (see the module doc).
pub type Api = crate::client::Api<NoFetch>;

impl crate::client::Api<NoFetch> {
    /// The client for `cfg`, its URL made absolute against the public site.
    pub fn new(cfg: &Config) -> Api {
        Api::with_transport(cfg, super::absolute_url(cfg.api.trim()), NoFetch)
    }
}
