//! The Ghost, dev.to and NewsAPI shapes: same store, same posts, each API's
//! own paging and error conventions. Served in-process on 127.0.0.1:0.

mod common;

use common::Server;
use newsroom::Config;
use serde_json::Value;

const GHOST: &str = "/ghost/api/content/posts/";

fn feed_titles(feed: &Value) -> Vec<String> {
    feed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["title"].as_str().expect("title").to_string())
        .collect()
}

fn titles(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .expect("array")
        .iter()
        .map(|p| p[key].as_str().expect("title").to_string())
        .collect()
}

#[tokio::test]
async fn ghost_posts_page_with_meta_pagination() {
    let s = Server::start(Config::default()).await;
    let r = s.get(&format!("{GHOST}?limit=5")).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let body = r.json();
    let pg = &body["meta"]["pagination"];
    assert_eq!((pg["page"].as_u64(), pg["limit"].as_u64()), (Some(1), Some(5)));
    assert_eq!((pg["pages"].as_u64(), pg["total"].as_u64()), (Some(5), Some(23)));
    assert_eq!(pg["next"], 2);
    assert!(pg["prev"].is_null());
    let posts = body["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 5);
    let first = &posts[0];
    assert_eq!(first["slug"], "primaria-anunta-lucrari");
    assert!(first["published_at"].as_str().unwrap().ends_with('Z'));
    assert!(first["html"].as_str().unwrap().contains("<p>"));
    assert!(!first["html"].as_str().unwrap().contains("{base}"));
    assert!(first["authors"][0]["name"].is_string());
    assert_eq!(first["primary_tag"], first["tags"][0]);

    let r = s.get(&format!("{GHOST}?limit=5&page=5")).await;
    let body = r.json();
    assert_eq!(body["posts"].as_array().unwrap().len(), 3);
    assert!(body["meta"]["pagination"]["next"].is_null());
    assert_eq!(body["meta"]["pagination"]["prev"], 4);

    // Without the trailing slash too, and the default limit of 15.
    let r = s.get("/ghost/api/content/posts").await;
    assert_eq!(r.json()["posts"].as_array().unwrap().len(), 15);
}

#[tokio::test]
async fn ghost_slug_lookup_and_errors() {
    let s = Server::start(Config::default()).await;
    let r = s.get(&format!("{GHOST}slug/stire-numarul-5/")).await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["posts"].as_array().unwrap().len(), 1);
    assert_eq!(body["posts"][0]["slug"], "stire-numarul-5");

    let r = s.get(&format!("{GHOST}slug/nu-exista/")).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["errors"][0]["type"], "NotFoundError");

    let r = s.get(&format!("{GHOST}?limit=0")).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["errors"][0]["type"], "ValidationError");
    assert!(r.json()["errors"][0]["message"].as_str().unwrap().contains("limit"));
}

#[tokio::test]
async fn devto_list_and_single_differ_like_dev_to() {
    let s = Server::start(Config::default()).await;
    let r = s.get("/api/articles?per_page=4&page=2").await;
    assert_eq!(r.status, 200);
    let list = r.json();
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["id"], 5);
    let a = &items[0];
    assert_eq!(a["type_of"], "article");
    assert!(a["tag_list"].is_array(), "list: tag_list is an array");
    assert!(a["tags"].is_string(), "list: tags is a string");
    assert!(a.get("body_html").is_none());
    assert!(a["user"]["name"].is_string());

    let r = s.get("/api/articles/5").await;
    let one = r.json();
    assert_eq!(one["slug"], "stire-numarul-5");
    assert!(one["tag_list"].is_string(), "single: tag_list is a string");
    assert!(one["tags"].is_array(), "single: tags is an array");
    assert!(one["body_html"].as_str().unwrap().contains("<p>"));

    let r = s.get("/api/articles/999").await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"], "not found");
    let r = s.get("/api/articles?per_page=abc").await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn newsapi_top_headlines_pages_and_cuts_content() {
    let s = Server::start(Config::default()).await;
    let r = s.get("/v2/top-headlines?pageSize=10&page=3").await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["totalResults"], 23);
    let articles = body["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 3);
    assert_eq!(articles[0]["source"]["name"], "Ziar Demo");
    assert!(articles[0]["title"].as_str().unwrap().ends_with(" - Ziar Demo"));
    assert!(articles[0]["publishedAt"].as_str().unwrap().ends_with('Z'));

    let r = s.get("/v2/top-headlines?pageSize=101").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["status"], "error");
    assert_eq!(r.json()["code"], "parameterInvalid");
}

#[tokio::test]
async fn every_shape_serves_the_same_posts_in_the_same_order() {
    let s = Server::start(Config::default()).await;
    let feed = feed_titles(&s.get("/feed.json").await.json());
    let ghost = titles(&s.get(&format!("{GHOST}?limit=20")).await.json()["posts"], "title");
    let devto = titles(&s.get("/api/articles?per_page=20").await.json(), "title");
    let news: Vec<String> = titles(&s.get("/v2/top-headlines").await.json()["articles"], "title")
        .into_iter()
        .map(|t| t.trim_end_matches(" - Ziar Demo").to_string())
        .collect();
    assert_eq!(feed.len(), 20);
    assert_eq!(ghost, feed);
    assert_eq!(devto, feed);
    assert_eq!(news, feed);

    // A post published live shows up first everywhere.
    let title = "Știre nouă pentru toate formatele";
    s.state.publish(Some(title.to_string()), None);
    assert_eq!(s.get(GHOST).await.json()["posts"][0]["title"], title);
    assert_eq!(s.get("/api/articles").await.json()[0]["title"], title);
    assert_eq!(s.get("/v2/top-headlines").await.json()["totalResults"], 24);
}
