//! Every fault switch, over real HTTP, plus the churn endpoint for soak tests.

mod common;

use std::time::Duration;

use common::Server;
use newsroom::http::HUGE_BODY_BYTES;
use newsroom::Config;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const POSTS: &str = "/wp-json/wp/v2/posts";

async fn admin_server() -> Server {
    Server::start(Config {
        admin: true,
        ..Config::default()
    })
    .await
}

async fn set(s: &Server, faults: &str) {
    let r = s.post("/__admin/faults", faults).await;
    assert_eq!(r.status, 200, "{faults}: {}", r.text());
}

/// Sends a GET and reads whatever arrives, tolerating a reset connection.
async fn raw_get(s: &Server, path: &str) -> (Vec<u8>, bool) {
    let mut stream = TcpStream::connect(s.addr).await.expect("connect");
    let req = format!("GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", s.addr);
    stream.write_all(req.as_bytes()).await.expect("write");
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => return (out, true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(_) => return (out, false),
        }
    }
}

#[tokio::test]
async fn hang_never_answers_and_clears() {
    let s = admin_server().await;
    set(&s, r#"{"hang":true}"#).await;
    let r = tokio::time::timeout(Duration::from_millis(500), s.get(POSTS)).await;
    assert!(r.is_err(), "a hung route must not answer");
    set(&s, "{}").await;
    assert_eq!(s.get(POSTS).await.status, 200);
}

#[tokio::test]
async fn html_error_page_as_200() {
    let s = admin_server().await;
    set(&s, r#"{"html":true}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").is_some_and(|c| c.starts_with("text/html")));
    assert!(r.text().starts_with("<!DOCTYPE html>"));
    assert!(r.header("etag").is_none());
}

#[tokio::test]
async fn empty_body_and_wrong_content_type() {
    let s = admin_server().await;
    set(&s, r#"{"empty":true}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert!(r.body.is_empty());

    set(&s, r#"{"content_type":"text/plain; charset=UTF-8"}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=UTF-8"));
    assert!(r.json().is_array(), "the body itself is untouched");
    assert_eq!(
        s.post("/__admin/faults", r#"{"content_type":"a\nb"}"#).await.status,
        400
    );
}

#[tokio::test]
async fn huge_body_is_ten_megabytes_of_valid_json() {
    let s = admin_server().await;
    set(&s, r#"{"huge":true}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body.len(), HUGE_BODY_BYTES);
    assert_eq!(r.header("content-length"), Some(HUGE_BODY_BYTES.to_string().as_str()));
    assert!(serde_json::from_slice::<Value>(&r.body).is_ok_and(|v| v.is_array()));
}

#[tokio::test]
async fn redirect_loop_points_at_itself() {
    let s = admin_server().await;
    set(&s, r#"{"redirect_loop":true}"#).await;
    let path = format!("{POSTS}?per_page=3");
    let r = s.get(&path).await;
    assert_eq!(r.status, 302);
    assert_eq!(r.header("location"), Some(path.as_str()));
}

#[tokio::test]
async fn redirect_to_elsewhere_without_cors() {
    let s = admin_server().await;
    // A path: a wrong API path that the site redirects to one of its pages.
    set(&s, r#"{"redirect_to":"/articol/altceva"}"#).await;
    let r = s.get(&format!("{POSTS}?per_page=3")).await;
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/articol/altceva"));
    assert!(
        r.header("access-control-allow-origin").is_none(),
        "a site's redirect has no CORS"
    );
    // An origin: the canonical-host redirect keeps the path and query.
    set(&s, r#"{"redirect_to":"http://localhost:9"}"#).await;
    let r = s.get(&format!("{POSTS}?per_page=3")).await;
    assert_eq!(
        r.header("location"),
        Some(format!("http://localhost:9{POSTS}?per_page=3").as_str())
    );
    assert!(s.post("/__admin/faults", r#"{"redirect_to":" "}"#).await.status >= 400);
}

#[tokio::test]
async fn hosts_scope_the_faults() {
    let s = admin_server().await;
    set(
        &s,
        r#"{"redirect_to":"http://localhost:9","hosts":["www.localhost:9"]}"#,
    )
    .await;
    let r = s
        .raw(&format!(
            "GET {POSTS} HTTP/1.1\r\nHost: www.localhost:9\r\nConnection: close\r\n\r\n"
        ))
        .await;
    assert_eq!(r.status, 301);
    // Any other host is answered normally, with CORS.
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn no_cors_strips_headers_and_preflight() {
    let s = admin_server().await;
    assert_eq!(s.get(POSTS).await.header("access-control-allow-origin"), Some("*"));
    set(&s, r#"{"no_cors":true}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    assert!(r.header("access-control-expose-headers").is_none());
    let r = s
        .request("OPTIONS", POSTS, &[("Origin", "http://other.test")], None)
        .await;
    assert!(r.header("access-control-allow-origin").is_none());
    // Admin routes keep CORS, so a test can always switch the fault off.
    assert_eq!(
        s.get("/__admin/faults").await.header("access-control-allow-origin"),
        Some("*")
    );
}

#[tokio::test]
async fn drop_mid_body_cuts_the_connection() {
    let s = admin_server().await;
    let (full, _) = raw_get(&s, POSTS).await;
    set(&s, r#"{"drop_mid_body":true}"#).await;
    let (cut, _) = raw_get(&s, POSTS).await;
    let text = String::from_utf8_lossy(&cut);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    let split = cut.windows(4).position(|w| w == b"\r\n\r\n").expect("headers") + 4;
    let head = text[..split].to_ascii_lowercase();
    let announced: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("content-length announced");
    let got = cut.len() - split;
    assert!(got < announced, "got {got} of {announced} bytes");
    assert!(got > 0 && full.len() > cut.len());
}

#[tokio::test]
async fn faults_scope_to_paths_and_cli_shape() {
    let s = admin_server().await;
    set(&s, r#"{"html":true,"paths":["/feed.json"]}"#).await;
    assert!(s.get(POSTS).await.json().is_array());
    assert!(s.get("/feed.json").await.text().starts_with("<!DOCTYPE"));
    let f = s.get("/__admin/faults").await.json();
    assert_eq!(f["html"], true);
    assert_eq!(f["hang"], false);
}

#[tokio::test]
async fn churn_publishes_edits_and_deletes_without_date_ties() {
    let s = admin_server().await;
    let r = s.post("/__admin/churn", r#"{"ops":2000,"seed":7}"#).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let c = r.json();
    let (p, e, d) = (
        c["published"].as_u64().unwrap(),
        c["edited"].as_u64().unwrap(),
        c["deleted"].as_u64().unwrap(),
    );
    assert_eq!(p + e + d, 2000);
    assert!(p > 800 && e > 400 && d > 200, "{c}");
    let posts = s.get(&format!("{POSTS}?per_page=100")).await.json();
    let dates: Vec<&str> = posts
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date_gmt"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] > w[1]), "strictly newest first, no ties");
    assert_eq!(s.post("/__admin/churn", r#"{"ops":100001}"#).await.status, 400);
}
