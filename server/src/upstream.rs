//! The upstream API: `ziar::client::Api` (the same request and parsing logic
//! as the browser app) over reqwest, with the config's deadline and size cap.
//! Every failure becomes an `AppError` kind; nothing here panics on what an
//! API sends.

use futures_util::StreamExt;
use std::time::Duration;
use ziar::client::{refusal, Fetched, Transport};
use ziar::config::{Config, Limits};
use ziar::error::AppError;

/// The upstream client type.
pub type Upstream = ziar::client::Api<Http>;

/// reqwest, shared by every request (one connection pool).
#[derive(Debug, Clone)]
pub struct Http {
    client: reqwest::Client,
}

impl Http {
    /// A client that follows at most 5 redirects.
    pub fn new() -> Http {
        let client = reqwest::Client::builder()
            .user_agent(concat!("ziar-server/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::limited(5))
            .connect_timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Http { client }
    }
}

impl Default for Http {
    fn default() -> Self {
        Http::new()
    }
}

/// The upstream client for `cfg` (whose `api` is absolute: checked at start).
pub fn upstream(cfg: &Config) -> Upstream {
    ziar::client::Api::with_transport(cfg, cfg.api.trim().to_owned(), Http::new())
}

impl Transport for Http {
    async fn get(&self, url: &str, limits: Limits) -> Result<Fetched, AppError> {
        let deadline = Duration::from_millis(limits.timeout_ms);
        match tokio::time::timeout(deadline, self.fetch(url, limits)).await {
            Ok(result) => result,
            Err(_) => Err(AppError::Timeout {
                url: url.to_owned(),
                seconds: limits.timeout_ms.div_ceil(1000),
            }),
        }
    }

    async fn get_all(&self, urls: &[String], limits: Limits) -> Vec<Option<String>> {
        let all = urls.iter().map(|u| async move {
            match self.get(u, limits).await {
                Ok(f) => Some(f.body),
                Err(e) => {
                    self.warn(&format!("Ziar: {e}"));
                    None
                }
            }
        });
        futures_util::future::join_all(all).await
    }

    fn warn(&self, message: &str) {
        eprintln!("{message}");
    }

    fn error(&self, message: &str) {
        eprintln!("{message}");
    }
}

impl Http {
    async fn fetch(&self, url: &str, limits: Limits) -> Result<Fetched, AppError> {
        let resp = self
            .client
            .get(url)
            .header("Accept", "application/json, application/feed+json;q=0.9")
            .send()
            .await
            .map_err(|e| AppError::Network {
                url: url.to_owned(),
                detail: e.to_string(),
            })?;
        let status = resp.status().as_u16();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (total, total_pages) = (header("X-WP-Total"), header("X-WP-TotalPages"));
        if let Err(n) = limits.check_announced(header("Content-Length").as_deref()) {
            return Err(AppError::TooLarge {
                url: url.to_owned(),
                bytes: n,
                limit: limits.max_bytes,
            });
        }
        let final_url = resp.url().to_string();
        let body = read_capped(resp, url, limits).await?;
        if !(200..300).contains(&status) {
            return refusal(url, status, Some(&body));
        }
        Ok(Fetched {
            url: final_url,
            body,
            total,
            total_pages,
        })
    }
}

/// The body as text, refused once it passes the size cap.
async fn read_capped(resp: reqwest::Response, url: &str, limits: Limits) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| AppError::Interrupted {
            url: url.to_owned(),
            detail: e.to_string(),
        })?;
        bytes.extend_from_slice(&chunk);
        if !limits.within(bytes.len() as u64) {
            return Err(AppError::TooLarge {
                url: url.to_owned(),
                bytes: bytes.len() as u64,
                limit: limits.max_bytes,
            });
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
