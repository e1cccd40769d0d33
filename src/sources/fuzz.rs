//! Property tests: no JSON input makes an adapter panic.
//!
//! Random JSON built from the keys and values the adapters look for, and the
//! fixtures with random nodes replaced or removed, go through detection, every
//! forced kind, a custom mapping and the probe. 256 cases per property by
//! default (part of `cargo test`); `PROPTEST_CASES=100000 cargo test --lib fuzz`
//! runs longer.

use super::mapping::Mapping;
use super::{detect, parse_list, parse_list_with, probe::probe, Kind};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use serde_json::Value;

const KEYS: &[&str] = &[
    "id",
    "title",
    "rendered",
    "date",
    "date_gmt",
    "modified_gmt",
    "link",
    "slug",
    "excerpt",
    "content",
    "_embedded",
    "author",
    "wp:term",
    "wp:featuredmedia",
    "taxonomy",
    "name",
    "source_url",
    "media_details",
    "sizes",
    "width",
    "height",
    "avatar_urls",
    "96",
    "caption",
    "version",
    "items",
    "date_published",
    "content_html",
    "content_text",
    "summary",
    "authors",
    "next_url",
    "url",
    "image",
    "tags",
    "status",
    "articles",
    "source",
    "publishedAt",
    "urlToImage",
    "totalResults",
    "description",
    "response",
    "results",
    "content",
    "fields",
    "headline",
    "body",
    "webTitle",
    "webUrl",
    "webPublicationDate",
    "currentPage",
    "pages",
    "type",
    "posts",
    "meta",
    "pagination",
    "next",
    "total",
    "published_at",
    "primary_tag",
    "feature_image",
    "type_of",
    "tag_list",
    "user",
    "username",
    "published_timestamp",
    "body_html",
    "time",
    "by",
    "text",
    "deleted",
    "code",
    "message",
    "errors",
    "error",
    "data",
    "stories",
];

const STRINGS: &[&str] = &[
    "",
    " ",
    "ok",
    "error",
    "article",
    "story",
    "comment",
    "category",
    "post_tag",
    "contributor",
    "keyword",
    "https://jsonfeed.org/version/1.1",
    "https://jsonfeed.org/version/1",
    "2026-11-26T10:00:00Z",
    "2026-11-26T10:00:00",
    "2026-02-30T25:61:61+99:99",
    "9999-12-31T23:59:59.999999-23:59",
    "1796292000",
    "-99999999999999999999",
    "Știre &#8222;nouă&#8221; &amp; &#x1F600; &#99999999; &",
    "<p>corp <b>gros</b></p>",
    "<script>x",
    "Text [+123 chars]",
    "[+",
    "[+ chars]",
    "…[+9 chars]",
    "/relativ/cale",
    "//cdn.test/x",
    "https://x.test/a/b?c#d",
    "../../..",
    "#intern",
    "a, b, ,c",
    "\u{0}\u{FEFF}ă",
    "ș",
    "http:",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(5, 96, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(prop::sample::select(KEYS).prop_map(str::to_owned), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

const FIXTURES: &[&str] = &[
    include_str!("../../tests/fixtures/wp_posts_embed.json"),
    include_str!("../../tests/fixtures/wp_posts_plain.json"),
    include_str!("../../tests/fixtures/feed_1_1.json"),
    include_str!("../../tests/fixtures/feed_1_0.json"),
    include_str!("../../tests/fixtures/newsapi_top_headlines.json"),
    include_str!("../../tests/fixtures/guardian_search.json"),
    include_str!("../../tests/fixtures/ghost_posts.json"),
    include_str!("../../tests/fixtures/devto_articles.json"),
    include_str!("../../tests/fixtures/devto_article.json"),
    include_str!("../../tests/fixtures/hn_items.json"),
    include_str!("../../tests/fixtures/custom_api.json"),
];

/// Every node's JSON Pointer, root included.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| pointers(x, format!("{at}/{i}"), out)),
        Value::Object(o) => o
            .iter()
            .for_each(|(k, x)| pointers(x, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out)),
        _ => {}
    }
    out.push(at);
}

/// Replaces (or, for `None`, removes) the node chosen by each selector.
fn mutate(mut v: Value, edits: &[(usize, Option<Value>)]) -> Value {
    for (sel, replacement) in edits {
        let mut all = Vec::new();
        pointers(&v, String::new(), &mut all);
        let ptr = &all[sel % all.len()];
        match replacement {
            Some(r) => {
                if let Some(slot) = v.pointer_mut(ptr) {
                    *slot = r.clone();
                }
            }
            None => {
                let (parent, key) = ptr.rsplit_once('/').unwrap_or(("", ""));
                match v.pointer_mut(parent) {
                    Some(Value::Object(o)) => {
                        o.remove(&key.replace("~1", "/").replace("~0", "~"));
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    v
}

fn mapping() -> Mapping {
    serde_json::from_str(include_str!("../../tests/fixtures/custom_mapping.json")).expect("mapping fixture")
}

/// Runs everything an app or the probe would run on a response.
fn exercise(v: &Value) {
    let _ = detect(v);
    let _ = parse_list(v, None, "https://api.test/wp-json/wp/v2/posts");
    for k in Kind::ALL {
        let _ = parse_list(v, Some(k), "https://api.test/");
    }
    let m = mapping();
    let _ = parse_list_with(v, None, "http://x", Some(&m));
    let loose = Mapping {
        items: String::new(),
        title: "/title".into(),
        id: Some("/id".into()),
        published: Some("/time".into()),
        author: Some("/authors".into()),
        next: Some("/next".into()),
        ..Default::default()
    };
    let _ = parse_list_with(v, Some(Kind::Custom), "rel/base", Some(&loose));
    let _ = probe(&v.to_string(), None, Some(&m), "");
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_json_never_panics(v in json()) {
        exercise(&v);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in vec((any::<usize>(), prop::option::weighted(0.8, json())), 1..6),
    ) {
        let v: Value = serde_json::from_str(FIXTURES[which]).expect("fixture is JSON");
        exercise(&mutate(v, &edits));
    }

    #[test]
    fn random_bodies_never_panic(body in ".{0,64}") {
        let _ = probe(&body, None, None, "https://api.test/");
        let _ = super::parse_body(&body);
    }
}

/// A JSON Pointer-ish string: mostly well-formed pointers over the keys the
/// adapters know, sometimes garbage (no leading slash, bad escapes, indices).
fn pointer() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        prop::sample::select(KEYS).prop_map(str::to_owned),
        (0usize..4).prop_map(|i| i.to_string()),
        Just("~0".to_owned()),
        Just("~1".to_owned()),
        Just("~2".to_owned()),
        Just(String::new()),
        "[a-z~/]{0,6}",
    ];
    prop_oneof![
        8 => vec(segment, 0..4).prop_map(|s| s.iter().map(|p| format!("/{p}")).collect::<String>()),
        1 => ".{0,12}",
    ]
}

fn random_mapping() -> impl Strategy<Value = Mapping> {
    (
        pointer(),
        pointer(),
        prop::option::of(pointer()),
        prop::option::of(pointer()),
        prop::option::of(pointer()),
        prop::option::of(pointer()),
        prop::option::of(pointer()),
        prop::option::of(pointer()),
    )
        .prop_map(|(items, title, id, url, published, excerpt, next, total)| Mapping {
            items,
            title,
            id,
            url,
            published,
            excerpt,
            next,
            total,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(config())]

    /// Any mapping, valid or not, over any JSON: validation and mapping never
    /// panic, and a mapped page never holds more posts than the items array.
    #[test]
    fn random_mappings_never_panic(m in random_mapping(), v in json()) {
        let valid = m.validate().is_ok();
        if let Ok(page) = m.parse_list(&v, "https://api.test/") {
            let items = v.pointer(&m.items).and_then(Value::as_array).map_or(usize::MAX, Vec::len);
            prop_assert!(page.posts.len() <= items, "{} posts from {items} items", page.posts.len());
        }
        if valid {
            let _ = parse_list_with(&v, Some(Kind::Custom), "https://api.test/", Some(&m));
        }
    }
}
