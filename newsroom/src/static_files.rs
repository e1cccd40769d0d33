//! Serving a built single-page app (`--dist PATH`) with deep-link fallback
//! to `index.html`, and the demo's own `config.json` in place of the build's.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::http::with_etag;
use crate::SharedState;

/// The demo site's settings (name, share and follow-us links, …), served as
/// `/config.json` in place of the build's own, which ships the documented
/// defaults for publishers (`--dist-config` serves that one instead).
pub const DEMO_CONFIG: &str = include_str!("../content/config.json");

/// Paths the SPA fallback never answers: API, feed, media and admin.
pub fn is_reserved_path(path: &str) -> bool {
    path == "/wp-json"
        || path.starts_with("/wp-json/")
        || path == "/feed.json"
        || path.starts_with("/media/")
        || path == "/__admin"
        || path.starts_with("/__admin/")
}

/// Content type for a file name, by extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

/// Whether a file name carries a content hash (a run of 16 or more hex
/// digits, as in `app-1a2b3c4d5e6f7a8b.js` or `app-…_bg.wasm`).
pub fn is_hashed(name: &str) -> bool {
    let mut run = 0;
    for b in name.bytes() {
        if b.is_ascii_hexdigit() {
            run += 1;
            if run >= 16 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// `Cache-Control` for a served file.
pub fn cache_control(name: &str) -> &'static str {
    if is_hashed(name) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Maps a URL path to a file path inside `root`, refusing traversal.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path).decode_utf8().ok()?;
    let mut out = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

async fn read_file(path: PathBuf) -> Option<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        if path.is_file() {
            std::fs::read(&path).ok()
        } else {
            None
        }
    })
    .await
    .ok()
    .flatten()
}

fn file_response(name: &str, bytes: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(name)));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(name)));
    res
}

const LANDING: &str = r#"<!doctype html><html lang="ro"><meta charset="utf-8"><title>newsroom</title>
<link rel="https://api.w.org/" href="/wp-json/">
<h1>newsroom</h1><p>Demo WordPress REST API and JSON Feed.</p><ul>
<li><a href="/wp-json/wp/v2/posts?_embed">/wp-json/wp/v2/posts?_embed</a></li>
<li><a href="/wp-json/wp/v2/categories">/wp-json/wp/v2/categories</a></li>
<li><a href="/feed.json">/feed.json</a></li>
<li><a href="/media/figura-harta.svg">/media/figura-harta.svg</a></li></ul></html>"#;

/// Router fallback: files from `--dist`, `index.html` for extension-less
/// deep links, 404 otherwise. Pages carry WordPress's `Link` header naming the
/// REST root ([`with_api_link`]).
pub async fn fallback(State(st): State<SharedState>, req: Request) -> Response {
    let base = crate::http::base_url(req.headers(), &st.fallback_base);
    with_api_link(&base, serve(st, req).await)
}

/// Adds `Link: <{base}/wp-json/>; rel="https://api.w.org/"` to an HTML page,
/// as WordPress does on every page of a site, so a client given the site's
/// address can find its API.
pub fn with_api_link(base: &str, mut res: Response) -> Response {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        if let Ok(v) = HeaderValue::from_str(&format!("<{base}/wp-json/>; rel=\"https://api.w.org/\"")) {
            res.headers_mut().insert(header::LINK, v);
        }
    }
    res
}

async fn serve(st: SharedState, req: Request) -> Response {
    let path = req.uri().path().to_string();
    if is_reserved_path(&path) {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, "Method not allowed").into_response();
    }
    let Some(root) = st.dist.clone() else {
        return if path == "/" {
            Html(LANDING).into_response()
        } else {
            (StatusCode::NOT_FOUND, "Not found").into_response()
        };
    };
    if path == "/config.json" && !st.dist_config {
        let res = file_response("config.json", DEMO_CONFIG.as_bytes().to_vec());
        return with_etag(res, req.headers()).await;
    }
    let Some(mut file) = resolve(&root, &path) else {
        return (StatusCode::BAD_REQUEST, "Bad path").into_response();
    };
    if path.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let pretty = file.with_extension("html");
    let res = if let Some(bytes) = read_file(file).await {
        file_response(&name, bytes)
    } else {
        let last = path.rsplit('/').next().unwrap_or("");
        if last.contains('.') {
            return (StatusCode::NOT_FOUND, "Not found").into_response();
        }
        // Extension-less URLs of an HTML file (`/embed/recent` → `embed/recent.html`),
        // as Netlify, Cloudflare Pages and GitHub Pages serve them.
        if let Some(bytes) = read_file(pretty).await {
            return with_embed_cors(&path, with_etag(file_response("x.html", bytes), req.headers()).await);
        }
        match read_file(root.join("index.html")).await {
            Some(bytes) => file_response("index.html", bytes),
            None => return (StatusCode::NOT_FOUND, "index.html missing").into_response(),
        }
    };
    with_embed_cors(&path, with_etag(res, req.headers()).await)
}

/// The embed build (`/embed/…`) is loaded by pages on other origins: a module
/// script and its wasm need CORS, like the API.
fn with_embed_cors(path: &str, mut res: Response) -> Response {
    if is_embed_path(path) {
        crate::http::add_cors(res.headers_mut());
    }
    res
}

/// Whether a path is part of the embed build.
pub fn is_embed_path(path: &str) -> bool {
    path == "/embed" || path.starts_with("/embed/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_hashed_names() {
        assert!(is_hashed("ziar-1a2b3c4d5e6f7a8b.js"));
        assert!(is_hashed("ziar-1a2b3c4d5e6f7a8b9c_bg.wasm"));
        assert!(!is_hashed("index.html"));
        assert!(!is_hashed("config.json"));
        assert_eq!(cache_control("config.json"), "no-cache");
    }

    #[test]
    fn embed_files_are_typed_and_shared() {
        assert_eq!(content_type("ziar-embed-1a2b3c4d5e6f7a8b_bg.wasm"), "application/wasm");
        assert_eq!(content_type("ziar-embed.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("ziar-embed-1a2b3c4d5e6f7a8b.css"),
            "text/css; charset=utf-8"
        );
        assert!(is_embed_path("/embed/ziar-embed.js") && is_embed_path("/embed"));
        assert!(!is_embed_path("/embedded") && !is_embed_path("/articol/embed"));
        assert_eq!(
            cache_control("ziar-embed.js"),
            "no-cache",
            "the stable entry is revalidated"
        );
        assert!(cache_control("ziar-embed-core-1a2b3c4d5e6f7a8b.js").contains("immutable"));
    }

    #[test]
    fn refuses_traversal() {
        let root = Path::new("/srv/dist");
        assert!(resolve(root, "/../etc/passwd").is_none());
        assert!(resolve(root, "/%2e%2e/etc").is_none());
        assert_eq!(resolve(root, "/a/b.js"), Some(PathBuf::from("/srv/dist/a/b.js")));
    }
}
