//! End-to-end tests: the router served in-process on 127.0.0.1:0.

mod common;

use std::time::{Duration, Instant};

use common::{temp_dir, Server};
use newsroom::content::Content;
use newsroom::http::Faults;
use newsroom::Config;
use serde_json::Value;

const POSTS: &str = "/wp-json/wp/v2/posts";

fn admin() -> Config {
    Config {
        admin: true,
        ..Config::default()
    }
}

fn ids(v: &Value) -> Vec<u64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|p| p["id"].as_u64().expect("id"))
        .collect()
}

// ---- WordPress REST API -------------------------------------------------

#[tokio::test]
async fn pagination_and_total_headers() {
    let s = Server::start(Config::default()).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json; charset=UTF-8"));
    assert_eq!(r.header("x-wp-total"), Some("23"));
    assert_eq!(r.header("x-wp-totalpages"), Some("3"));
    assert_eq!(ids(&r.json()), (1..=10).collect::<Vec<_>>(), "newest first");

    let r = s.get(&format!("{POSTS}?per_page=5&page=5")).await;
    assert_eq!(r.header("x-wp-totalpages"), Some("5"));
    assert_eq!(ids(&r.json()), vec![21, 22, 23]);

    let r = s.get(&format!("{POSTS}?per_page=100&order=asc")).await;
    assert_eq!(r.json().as_array().map(Vec::len), Some(23));
    assert_eq!(ids(&r.json())[0], 23);

    let r = s.get(&format!("{POSTS}?page=4")).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["code"], "rest_post_invalid_page_number");
    assert_eq!(r.json()["data"]["status"], 400);
}

#[tokio::test]
async fn bad_query_values_are_400_wp_errors() {
    let s = Server::start(Config::default()).await;
    for q in [
        "per_page=0",
        "per_page=101",
        "per_page=abc",
        "page=0",
        "page=-1",
        "categories=x",
        "after=yesterday",
        "orderby=random",
        "order=sideways",
    ] {
        let r = s.get(&format!("{POSTS}?{q}")).await;
        assert_eq!(r.status, 400, "{q}");
        let body = r.json();
        assert_eq!(body["code"], "rest_invalid_param", "{q}");
        assert_eq!(body["data"]["status"], 400, "{q}");
        assert!(body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Invalid parameter(s)")));
    }
    let r = s.get(&format!("{POSTS}?per_page=101")).await;
    assert!(r.json()["data"]["params"]["per_page"].is_string());
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn slug_category_search_and_date_filters() {
    let s = Server::start(Config::default()).await;
    let r = s.get(&format!("{POSTS}?slug=stire-numarul-5")).await;
    assert_eq!(ids(&r.json()), vec![5]);
    assert_eq!(r.header("x-wp-total"), Some("1"));

    let r = s.get(&format!("{POSTS}?slug=stire-numarul-5,stire-numarul-7")).await;
    assert_eq!(ids(&r.json()), vec![5, 7]);

    let r = s.get(&format!("{POSTS}?slug=nu-exista")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), serde_json::json!([]));
    assert_eq!(r.header("x-wp-total"), Some("0"));

    let r = s.get(&format!("{POSTS}?categories=2&per_page=100")).await;
    let posts = r.json();
    assert_eq!(ids(&posts), vec![4, 7, 10, 13, 16, 19, 22]);
    assert!(posts
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["categories"].as_array().unwrap().contains(&2.into())));
    let r = s.get(&format!("{POSTS}?categories=2,3&per_page=100")).await;
    assert_eq!(r.header("x-wp-total"), Some("15"));
    let r = s.get(&format!("{POSTS}?tags=11&exclude=4,8")).await;
    assert_eq!(ids(&r.json()), vec![12, 16, 20]);
    let r = s.get(&format!("{POSTS}?include=3,9,6&orderby=include")).await;
    assert_eq!(ids(&r.json()), vec![3, 9, 6]);

    // Case- and accent-insensitive search in title and excerpt.
    let r = s.get(&format!("{POSTS}?search=PRIMARIA")).await;
    assert_eq!(ids(&r.json()), vec![1]);
    let r = s.get(&format!("{POSTS}?search=rezumatul%20%C8%99tirii%2017")).await;
    assert_eq!(ids(&r.json()), vec![17]);

    // `after` with an explicit offset: posts 1 and 2 are 12 and 26 min old.
    let first = s.get(&format!("{POSTS}?per_page=3")).await.json();
    let third_gmt = first[2]["date_gmt"].as_str().unwrap().to_string();
    let r = s.get(&format!("{POSTS}?after={third_gmt}Z")).await;
    assert_eq!(ids(&r.json()), vec![1, 2]);
    let modified_gmt = first[0]["modified_gmt"].as_str().unwrap().to_string();
    let r = s.get(&format!("{POSTS}?modified_after={modified_gmt}Z")).await;
    assert_eq!(r.json(), serde_json::json!([]));
    let r = s.get(&format!("{POSTS}?orderby=modified&per_page=1")).await;
    assert_eq!(ids(&r.json()), vec![1]);
}

#[tokio::test]
async fn post_shape_and_entity_escaping() {
    let s = Server::start(Config::default()).await;
    let base = s.base();
    let r = s.get(&format!("{POSTS}/1")).await;
    assert_eq!(r.status, 200);
    let p = r.json();
    assert_eq!(
        p["title"]["rendered"],
        "Primăria anunță &#8222;lucrări majore&#8221; &#8211; trafic restricționat&#8230; \
         în weekend &#038; luni, spune primarul&#8217;s"
    );
    assert_eq!(
        p["excerpt"]["rendered"],
        "<p>Lucrările încep sâmbătă dimineață și durează trei zile &#8230;</p>\n"
    );
    assert_eq!(p["excerpt"]["protected"], false);
    assert_eq!(p["content"]["protected"], false);
    let content = p["content"]["rendered"].as_str().unwrap();
    assert!(content.contains(&format!("src=\"{base}/media/figura-harta.svg\"")));
    assert!(!content.contains("{base}"));
    assert_eq!(p["link"], format!("{base}/articol/primaria-anunta-lucrari"));
    assert_eq!(p["status"], "publish");
    assert_eq!(p["type"], "post");
    assert_eq!(p["format"], "standard");
    assert_eq!(p["sticky"], false);
    assert_eq!(p["featured_media"], 100_001);
    assert_eq!(p["categories"], serde_json::json!([1]));
    // date is +02:00 local time of date_gmt; neither carries an offset.
    let date = p["date"].as_str().unwrap();
    let gmt = p["date_gmt"].as_str().unwrap();
    assert_eq!(date.len(), 19);
    assert_eq!(gmt.len(), 19);
    let hour = |s: &str| s[11..13].parse::<i64>().unwrap();
    assert_eq!((hour(gmt) + 2) % 24, hour(date));
    assert!(p["_links"]["self"][0]["href"]
        .as_str()
        .unwrap()
        .ends_with("/wp-json/wp/v2/posts/1"));
    assert_eq!(p["_links"]["wp:featuredmedia"][0]["embeddable"], true);
    assert_eq!(p["_links"]["wp:term"][1]["taxonomy"], "post_tag");
    assert!(p.get("_embedded").is_none());

    // A post without image has featured_media 0 and no featuredmedia link.
    let p = s.get(&format!("{POSTS}/3")).await.json();
    assert_eq!(p["featured_media"], 0);
    assert!(p["_links"].get("wp:featuredmedia").is_none());

    let r = s.get(&format!("{POSTS}/999")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "rest_post_invalid_id");
    let r = s.get("/wp-json/wp/v2/nothing/here").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["code"], "rest_no_route");
}

#[tokio::test]
async fn embed_adds_author_media_and_terms() {
    let s = Server::start(Config::default()).await;
    let base = s.base();
    let list = s.get(&format!("{POSTS}?per_page=2&_embed")).await.json();
    let p = &list[0];
    let e = &p["_embedded"];
    assert_eq!(e["author"][0]["name"], "Redacția ZD-24");
    assert_eq!(e["author"][0]["link"], format!("{base}/autor/redactia"));
    assert_eq!(
        e["author"][0]["avatar_urls"]["48"],
        format!("{base}/media/avatar-1.svg?s=48")
    );
    let m = &e["wp:featuredmedia"][0];
    assert_eq!(m["id"], 100_001);
    assert_eq!(m["source_url"], format!("{base}/media/post-1.svg"));
    assert_eq!(m["alt_text"], "Un drum închis");
    assert_eq!(m["caption"]["rendered"], "<p>Drum închis pentru lucrări</p>\n");
    assert_eq!(m["media_details"]["sizes"]["medium"]["width"], 300);
    assert_eq!(
        m["media_details"]["sizes"]["large"]["source_url"],
        format!("{base}/media/post-1-1024x576.svg")
    );
    assert_eq!(m["mime_type"], "image/svg+xml");
    assert_eq!(e["wp:term"][0][0]["name"], "Știri");
    assert_eq!(e["wp:term"][0][0]["taxonomy"], "category");
    assert_eq!(e["wp:term"][1][0]["slug"], "bucuresti");
    // Post 2 has an image, post 3 has none.
    let p3 = s.get(&format!("{POSTS}/3?_embed=1")).await.json();
    assert!(p3["_embedded"].get("wp:featuredmedia").is_none());
    assert!(p3["_embedded"]["author"].is_array());
    // _embed narrowed to one relation.
    let p1 = s.get(&format!("{POSTS}/1?_embed=author")).await.json();
    assert!(p1["_embedded"].get("wp:term").is_none());
    // _fields.
    let p1 = s.get(&format!("{POSTS}/1?_fields=id,title.rendered")).await.json();
    assert_eq!(p1.as_object().map(|o| o.len()), Some(2));
    assert!(p1["title"]["rendered"].is_string());
}

#[tokio::test]
async fn taxonomies_users_and_media() {
    let s = Server::start(Config::default()).await;
    let cats = s.get("/wp-json/wp/v2/categories").await;
    assert_eq!(cats.header("x-wp-total"), Some("3"));
    let cats = cats.json();
    let stiri = cats.as_array().unwrap().iter().find(|c| c["id"] == 1).unwrap();
    assert_eq!(stiri["taxonomy"], "category");
    assert_eq!(stiri["count"], 8);
    let r = s.get("/wp-json/wp/v2/categories?slug=economie").await.json();
    assert_eq!(r[0]["id"], 2);
    let r = s.get("/wp-json/wp/v2/tags?post=1").await.json();
    assert_eq!(r[0]["name"], "București");
    assert_eq!(s.get("/wp-json/wp/v2/tags/11").await.json()["slug"], "vreme");
    assert_eq!(
        s.get("/wp-json/wp/v2/tags/99").await.json()["code"],
        "rest_term_invalid"
    );
    let users = s.get("/wp-json/wp/v2/users").await.json();
    assert_eq!(users.as_array().map(Vec::len), Some(2));
    assert_eq!(s.get("/wp-json/wp/v2/users/2").await.json()["slug"], "ana-popescu");
    let m = s.get("/wp-json/wp/v2/media/100002").await.json();
    assert_eq!(m["post"], 2);
    assert_eq!(m["media_type"], "image");
    assert_eq!(s.get("/wp-json/wp/v2/media/100003").await.status, 404);

    let svg = s.get("/media/post-2-300x169.svg").await;
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert_eq!(svg.header("cache-control"), Some("public, max-age=86400"));
    assert!(svg.text().contains("<title id=\"t2\">Ilustrație 2</title>"));
    assert!(svg.text().contains("width=\"300\" height=\"169\""));
    assert_eq!(s.get("/media/post-2.svg").await.status, 200);
    assert_eq!(s.get("/media/post-3.svg").await.status, 404);
    assert!(s
        .get("/media/figura-harta.svg")
        .await
        .text()
        .contains("viewBox=\"0 0 960 540\""));
    assert!(s.get("/media/avatar-2.svg").await.text().contains(">AP</text>"));
}

// ---- HTTP conventions -----------------------------------------------------

#[tokio::test]
async fn conditional_requests_answer_304() {
    let s = Server::start(admin()).await;
    let path = format!("{POSTS}?per_page=3");
    let r = s.get(&path).await;
    let etag = r.header("etag").expect("etag").to_string();
    let last_modified = r.header("last-modified").expect("last-modified").to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"') && etag.len() == 18);
    assert_eq!(r.header("cache-control"), Some("no-cache"));

    let r = s.get_with(&path, &[("If-None-Match", &etag)]).await;
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    assert_eq!(r.header("etag"), Some(etag.as_str()));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));

    let list = format!("\"nope\", W/{etag}");
    assert_eq!(s.get_with(&path, &[("If-None-Match", &list)]).await.status, 304);
    assert_eq!(s.get_with(&path, &[("If-None-Match", "\"other\"")]).await.status, 200);

    let r = s.get_with(&path, &[("If-Modified-Since", &last_modified)]).await;
    assert_eq!(r.status, 304);
    let r = s
        .get_with(&path, &[("If-Modified-Since", "Thu, 01 Jan 2015 00:00:00 GMT")])
        .await;
    assert_eq!(r.status, 200);

    // Single posts validate against their own modified time.
    let r = s.get(&format!("{POSTS}/1")).await;
    let lm = r.header("last-modified").unwrap().to_string();
    assert_eq!(
        s.get_with(&format!("{POSTS}/1"), &[("If-Modified-Since", &lm)])
            .await
            .status,
        304
    );

    // A change produces a new ETag.
    assert_eq!(s.post("/__admin/publish", "").await.status, 201);
    let r = s.get_with(&path, &[("If-None-Match", &etag)]).await;
    assert_eq!(r.status, 200);
    assert_ne!(r.header("etag"), Some(etag.as_str()));
}

#[tokio::test]
async fn cors_preflight_and_headers() {
    let s = Server::start(Config::default()).await;
    let r = s
        .request(
            "OPTIONS",
            POSTS,
            &[
                ("Origin", "http://localhost:3000"),
                ("Access-Control-Request-Method", "GET"),
                ("Access-Control-Request-Headers", "if-none-match"),
            ],
            None,
        )
        .await;
    assert_eq!(r.status, 204);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.header("access-control-allow-methods"), Some("GET, HEAD, OPTIONS"));
    assert_eq!(
        r.header("access-control-allow-headers"),
        Some("If-None-Match, If-Modified-Since, Content-Type")
    );
    let r = s.get("/feed.json").await;
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        r.header("access-control-expose-headers"),
        Some("X-WP-Total, X-WP-TotalPages, ETag, Last-Modified, Retry-After, X-Poll-Interval")
    );
    // HEAD works and carries the same validators.
    let head = s.request("HEAD", POSTS, &[], None).await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("etag"), s.get(POSTS).await.header("etag"));
}

#[tokio::test]
async fn base_url_follows_host_header() {
    let s = Server::start(Config::default()).await;
    let r = s
        .raw("GET /wp-json/wp/v2/posts/1 HTTP/1.1\r\nHost: news.example:9000\r\nConnection: close\r\n\r\n")
        .await;
    let p = r.json();
    assert_eq!(p["link"], "http://news.example:9000/articol/primaria-anunta-lucrari");
    assert!(p["content"]["rendered"]
        .as_str()
        .unwrap()
        .contains("http://news.example:9000/media/figura-harta.svg"));
    // A Host header with unexpected characters falls back to the listen address.
    let r = s
        .raw("GET /wp-json/wp/v2/posts/1 HTTP/1.1\r\nHost: a<b\r\nConnection: close\r\n\r\n")
        .await;
    if r.status == 200 {
        assert_eq!(
            r.json()["link"],
            format!("{}/articol/primaria-anunta-lucrari", s.base())
        );
    }
}

// ---- JSON Feed ------------------------------------------------------------

#[tokio::test]
async fn json_feed_shape_and_paging() {
    let s = Server::start(Config::default()).await;
    let base = s.base();
    let r = s.get("/feed.json").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json; charset=UTF-8"));
    assert!(r.header("etag").is_some());
    let f = r.json();
    assert_eq!(f["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(f["title"], "Ziar Demo");
    assert_eq!(f["home_page_url"], format!("{base}/"));
    assert_eq!(f["feed_url"], format!("{base}/feed.json"));
    assert_eq!(f["language"], "ro");
    assert_eq!(f["next_url"], format!("{base}/feed.json?page=2"));
    assert!(f["authors"][0]["name"].is_string());
    let items = f["items"].as_array().unwrap();
    assert_eq!(items.len(), 20);
    let first = &items[0];
    assert_eq!(first["id"], "1");
    assert_eq!(first["url"], format!("{base}/articol/primaria-anunta-lucrari"));
    assert!(first["title"].as_str().unwrap().contains("„lucrări majore”"));
    assert!(first["content_html"].as_str().unwrap().contains(&base));
    assert_eq!(
        first["summary"],
        "Lucrările încep sâmbătă dimineață și durează trei zile"
    );
    assert_eq!(first["image"], format!("{base}/media/post-1.svg"));
    assert!(first["date_published"].as_str().unwrap().ends_with('Z'));
    assert!(first["date_modified"].as_str().unwrap().ends_with('Z'));
    assert_eq!(first["authors"][0]["name"], "Redacția ZD-24");
    assert_eq!(first["tags"], serde_json::json!(["Știri", "București"]));
    assert_eq!(first["language"], "ro");
    assert!(items[2].get("image").is_none());

    let f2 = s.get("/feed.json?page=2").await.json();
    assert_eq!(f2["items"].as_array().map(Vec::len), Some(3));
    assert!(f2.get("next_url").is_none());
    assert_eq!(s.get("/feed.json?page=zero").await.status, 400);
}

// ---- Admin and live publishing ------------------------------------------

#[tokio::test]
async fn admin_publish_appears_first() {
    let s = Server::start(admin()).await;
    let r = s
        .post("/__admin/publish", r#"{"title":"Alertă – „vânt” & ploaie…"}"#)
        .await;
    assert_eq!(r.status, 201);
    let p = r.json();
    assert_eq!(p["id"], 24);
    assert_eq!(p["slug"], "alerta-vant-ploaie-24");
    assert_eq!(
        p["title"]["rendered"],
        "Alertă &#8211; &#8222;vânt&#8221; &#038; ploaie&#8230;"
    );
    let list = s.get(POSTS).await;
    assert_eq!(list.header("x-wp-total"), Some("24"));
    assert_eq!(ids(&list.json())[0], 24);
    assert_eq!(s.get("/feed.json").await.json()["items"][0]["id"], "24");

    // Without a title the next template is used, ids keep increasing.
    let p = s.post("/__admin/publish", "").await.json();
    assert_eq!(p["id"], 25);
    assert_eq!(p["slug"], "bursa-inchide-pe-plus-25");
    assert_eq!(s.get(POSTS).await.header("x-wp-total"), Some("25"));

    let version = s.get("/__admin/state").await.json()["version"].as_u64().unwrap();
    let st = s.post("/__admin/reset", "").await.json();
    assert_eq!(st["posts"], 23);
    assert!(st["version"].as_u64().unwrap() > version);
    assert_eq!(s.get(POSTS).await.header("x-wp-total"), Some("23"));
}

#[tokio::test]
async fn admin_publish_with_a_content_html_override() {
    let s = Server::start(admin()).await;
    let body = r#"<p>Text</p><img src=x onerror=alert(1)><script>alert(2)</script>"#;
    let req = serde_json::json!({ "title": "Corpus XSS", "content_html": body }).to_string();
    let r = s.post("/__admin/publish", &req).await;
    assert_eq!(r.status, 201);
    let p = r.json();
    // Served verbatim: the API is the attacker here, the front end must cope.
    assert_eq!(p["content"]["rendered"], body);
    let one = s
        .get(&format!("{POSTS}?slug={}", p["slug"].as_str().unwrap()))
        .await
        .json();
    assert_eq!(one[0]["content"]["rendered"], body);
    let id = p["id"].as_u64().unwrap();
    let gone = s.post("/__admin/delete", &format!(r#"{{"id":{id}}}"#)).await;
    assert_eq!(gone.status, 200);
    let one = s
        .get(&format!("{POSTS}?slug={}", p["slug"].as_str().unwrap()))
        .await
        .json();
    assert_eq!(one.as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn admin_is_off_by_default() {
    let s = Server::start(Config::default()).await;
    assert_eq!(s.post("/__admin/publish", "").await.status, 404);
    assert_eq!(s.get("/__admin/faults").await.status, 404);
    assert_eq!(s.get(POSTS).await.header("x-wp-total"), Some("23"));
}

#[tokio::test]
async fn live_publisher_follows_interval() {
    let s = Server::start(admin()).await;
    newsroom::spawn_live_publisher(s.state.clone());
    assert_eq!(s.post("/__admin/publish-every", r#"{"seconds":1}"#).await.status, 200);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if s.get(POSTS).await.header("x-wp-total") != Some("23") {
            break;
        }
        assert!(Instant::now() < deadline, "no live post within 5 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    s.post("/__admin/publish-every", r#"{"seconds":0}"#).await;
    assert_eq!(s.state.publish_every(), 0);
}

// ---- Faults -----------------------------------------------------------------

#[tokio::test]
async fn fault_status_and_malformed() {
    let s = Server::start(admin()).await;
    let r = s.post("/__admin/faults", r#"{"status":503}"#).await;
    assert_eq!(r.status, 200);
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 503);
    assert_eq!(r.header("retry-after"), Some("5"));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let body = r.json();
    assert_eq!(body["data"]["status"], 503);
    assert!(body["code"].is_string() && body["message"].is_string());
    assert_eq!(s.get("/feed.json").await.status, 503);
    // Media and admin are not API routes.
    assert_eq!(s.get("/media/post-2.svg").await.status, 200);
    assert_eq!(s.get("/__admin/faults").await.json()["status"], 503);

    s.post("/__admin/faults", r#"{"status":500}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 500);
    assert!(r.header("retry-after").is_none());

    s.post("/__admin/faults", r#"{"malformed":true}"#).await;
    let r = s.get(POSTS).await;
    assert_eq!(r.status, 200);
    assert!(!r.body.is_empty());
    assert!(serde_json::from_slice::<Value>(&r.body).is_err());
    assert!(r.header("etag").is_none());

    s.post("/__admin/faults", r#"{"latency_ms":150}"#).await;
    let t = Instant::now();
    assert_eq!(s.get(POSTS).await.status, 200);
    assert!(t.elapsed() >= Duration::from_millis(150));

    assert_eq!(s.post("/__admin/faults", r#"{"status":42}"#).await.status, 400);
    assert_eq!(s.post("/__admin/faults", r#"{"bogus":1}"#).await.status, 400);
    s.post("/__admin/reset", "").await;
    assert_eq!(s.get(POSTS).await.status, 200);
}

#[tokio::test]
async fn startup_faults_and_path_scoping() {
    let s = Server::start(Config {
        faults: Faults {
            status: Some(429),
            paths: vec!["/feed.json".into()],
            ..Faults::default()
        },
        ..Config::default()
    })
    .await;
    assert_eq!(s.get(POSTS).await.status, 200);
    let r = s.get("/feed.json").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("5"));
}

// ---- SPA serving --------------------------------------------------------------

#[tokio::test]
async fn dist_serves_files_and_deep_links() {
    let dir = temp_dir("dist");
    std::fs::write(dir.join("index.html"), "<!doctype html><title>ziar</title>").unwrap();
    std::fs::write(dir.join("ziar-1a2b3c4d5e6f7a8b.js"), "export default 1;").unwrap();
    std::fs::write(dir.join("ziar-1a2b3c4d5e6f7a8b_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("config.json"), "{}").unwrap();
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("assets/logo.svg"), "<svg/>").unwrap();
    let s = Server::start(Config {
        dist: Some(dir.clone()),
        ..Config::default()
    })
    .await;

    let r = s.get("/").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    // Like WordPress, every page names the REST API root.
    let api_link = format!("<{}/wp-json/>; rel=\"https://api.w.org/\"", s.base());
    assert_eq!(r.header("link"), Some(api_link.as_str()));
    assert_eq!(s.get("/articol/x").await.header("link"), Some(api_link.as_str()));
    assert_eq!(
        s.get("/ziar-1a2b3c4d5e6f7a8b.js").await.header("link"),
        None,
        "pages only"
    );
    for deep in ["/articol/ceva-slug", "/autor/ana", "/categorie/stiri?page=2"] {
        let r = s.get(deep).await;
        assert_eq!(r.status, 200, "{deep}");
        assert!(r.text().contains("<title>ziar</title>"), "{deep}");
        assert_eq!(r.header("cache-control"), Some("no-cache"));
    }
    let r = s.get("/ziar-1a2b3c4d5e6f7a8b.js").await;
    assert!(r.header("content-type").unwrap().starts_with("text/javascript"));
    assert_eq!(r.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let r = s.get("/ziar-1a2b3c4d5e6f7a8b_bg.wasm").await;
    assert_eq!(r.header("content-type"), Some("application/wasm"));
    assert_eq!(r.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let r = s.get("/config.json").await;
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    // The demo's settings, not the build's defaults.
    assert_eq!(r.json()["site_name"], "Curierul de Valea Verde");
    assert!(r.header("etag").is_some());
    assert_eq!(
        s.get("/assets/logo.svg").await.header("content-type"),
        Some("image/svg+xml")
    );
    assert_eq!(s.get("/missing.js").await.status, 404);
    assert_ne!(s.get("/../Cargo.toml").await.status, 200);
    // API paths are never swallowed by the SPA fallback.
    assert_eq!(s.get("/wp-json/wp/v2/unknown").await.json()["code"], "rest_no_route");
    assert_eq!(s.get("/__admin/state").await.status, 404);
    assert_eq!(s.get(POSTS).await.status, 200);
    // --dist-config: the build's own file.
    let own = Server::start(Config {
        dist: Some(dir.clone()),
        dist_config: true,
        ..Config::default()
    })
    .await;
    assert_eq!(own.get("/config.json").await.text(), "{}");
    let _ = std::fs::remove_dir_all(dir);
}

// ---- The demo content ---------------------------------------------------------

#[tokio::test]
async fn embedded_demo_content_serves() {
    let content = Content::embedded().expect("content/posts.json is valid");
    let total = content.posts.len();
    assert!(total > 0);
    let s = Server::start_with(&content, admin()).await;
    let r = s.get(&format!("{POSTS}?_embed&per_page=100")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-wp-total"), Some(total.to_string().as_str()));
    let posts = r.json();
    let base = s.base();
    for p in posts.as_array().unwrap() {
        assert!(!p["content"]["rendered"].as_str().unwrap().contains("{base}"));
        assert!(p["_embedded"]["author"][0]["name"].is_string());
        if p["featured_media"].as_u64() != Some(0) {
            let src = p["_embedded"]["wp:featuredmedia"][0]["source_url"].as_str().unwrap();
            let path = src.strip_prefix(&base).expect("local media");
            assert_eq!(s.get(path).await.status, 200, "{path}");
        }
    }
    let dates: Vec<&str> = posts
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["date_gmt"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(s.get("/feed.json").await.status, 200);
    if !content.live_templates.is_empty() {
        let p = s.post("/__admin/publish", "").await.json();
        let max = content.posts.iter().map(|p| p.id).max().unwrap();
        assert_eq!(p["id"], max + 1);
    }
}

#[tokio::test]
async fn the_landing_page_names_the_api_like_wordpress() {
    let s = Server::start(Config::default()).await;
    let r = s.get("/").await;
    assert_eq!(r.status, 200);
    let link = r.header("link").unwrap_or_default().to_owned();
    assert_eq!(link, format!("<{}/wp-json/>; rel=\"https://api.w.org/\"", s.base()));
    assert!(r.text().contains(r#"<link rel="https://api.w.org/" href="/wp-json/">"#));
    // What a client then asks to confirm the API: a one-post list.
    let r = s.get("/wp-json/wp/v2/posts?per_page=1&_fields=id").await;
    assert_eq!(r.json().as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn admin_edit_delete_and_poll_interval() {
    let s = Server::start(admin()).await;
    let first = s.get(POSTS).await;
    let etag = first.header("etag").expect("etag").to_string();
    let id = ids(&first.json())[0];

    // An edit changes `modified` and the ETag; the post keeps its place.
    let r = s
        .post("/__admin/edit", &format!(r#"{{"id":{id},"title":"Titlu corectat"}}"#))
        .await;
    assert_eq!(r.status, 200);
    let edited = r.json();
    assert_eq!(edited["title"]["rendered"], "Titlu corectat");
    assert_ne!(edited["modified_gmt"], edited["date_gmt"]);
    let after = s.get(POSTS).await;
    assert_ne!(after.header("etag"), Some(etag.as_str()));
    assert_eq!(ids(&after.json())[0], id);

    // A delete removes it from lists and single lookups.
    assert_eq!(
        s.post("/__admin/delete", &format!(r#"{{"id":{id}}}"#)).await.status,
        200
    );
    assert!(!ids(&s.get(POSTS).await.json()).contains(&id));
    assert_eq!(s.get(&format!("{POSTS}/{id}")).await.status, 404);
    assert_eq!(
        s.post("/__admin/delete", &format!(r#"{{"id":{id}}}"#)).await.status,
        404
    );
    assert_eq!(s.post("/__admin/edit", r#"{"id":1,"bogus":1}"#).await.status, 400);

    // X-Poll-Interval is off by default and advertised once set.
    assert_eq!(s.get(POSTS).await.header("x-poll-interval"), None);
    assert_eq!(s.post("/__admin/poll-interval", r#"{"seconds":7}"#).await.status, 200);
    assert_eq!(s.get(POSTS).await.header("x-poll-interval"), Some("7"));
    assert!(s
        .get(POSTS)
        .await
        .header("access-control-expose-headers")
        .is_some_and(|h| h.to_ascii_lowercase().contains("x-poll-interval")));
}

/// The live list asks WordPress only for what it shows (`_fields`, no
/// `_embed`): the newsroom answers with exactly those fields, as WordPress
/// does, so an idle poll against an API without validators stays small.
#[tokio::test]
async fn fields_answers_only_the_fields_asked_for() {
    const LIST_FIELDS: &str = "id,date_gmt,modified_gmt,slug,link,title,excerpt";
    let content = Content::embedded().expect("content/posts.json is valid");
    let s = Server::start_with(&content, Config::default()).await;
    let r = s.get(&format!("{POSTS}?_fields={LIST_FIELDS}&per_page=6")).await;
    assert_eq!(r.status, 200);
    let posts = r.json();
    let posts = posts.as_array().unwrap();
    assert_eq!(posts.len(), 6);
    let mut want: Vec<&str> = LIST_FIELDS.split(',').collect();
    want.sort_unstable();
    for p in posts {
        let mut keys: Vec<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, want);
        assert!(p["title"]["rendered"].is_string() && p["excerpt"]["rendered"].is_string());
    }
    // `_embed` is dropped when `_fields` leaves `_embedded` out, as WordPress does.
    let with_embed = s
        .get(&format!("{POSTS}?_embed=1&_fields={LIST_FIELDS}&per_page=6"))
        .await;
    assert_eq!(with_embed.json(), r.json());
    // What the list's poll used to download, and what it downloads now.
    let before = s.get(&format!("{POSTS}?_embed=1&per_page=16")).await.body.len();
    let after = r.body.len();
    println!("list poll: {before} B with _embed and 16 posts, {after} B with _fields and 6");
    assert!(after * 10 < before, "{after} B is not a tenth of {before} B");
    assert!(after < 6 * 1024, "6 summaries in {after} B");
}
