//! Browser tests (wasm-bindgen-test in headless Chromium): the parts that need a
//! real DOM and a real `Intl`. Run by `make test` via `.cargo/config.toml`'s runner.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use ziar::time::Instant;
use ziar::web::{intl, sanitize_dom};

wasm_bindgen_test_configure!(run_in_browser);

fn clean(html: &str) -> String {
    let frag = sanitize_dom::sanitize(html).expect("parse");
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    div.append_child(&frag).unwrap();
    div.inner_html()
}

#[wasm_bindgen_test]
fn sanitizer_strips_scripts_handlers_and_bad_urls() {
    let out = clean(
        r#"<p onclick="x()">Bună <script>alert(1)</script><a href="javascript:alert(1)">a</a>
           <a href="https://ex.ro/">b</a><img src=x onerror=alert(1)><style>p{}</style><iframe src="https://ev.il"></iframe>
           <form><input></form><base href="https://ev.il/"><meta http-equiv="refresh" content="0"></p>"#,
    );
    assert!(!out.contains("script"), "{out}");
    assert!(!out.contains("onclick") && !out.contains("onerror"), "{out}");
    assert!(!out.contains("javascript:"), "{out}");
    assert!(
        !out.contains("<style")
            && !out.contains("<iframe")
            && !out.contains("<form")
            && !out.contains("<base")
            && !out.contains("<meta"),
        "{out}"
    );
    assert!(
        out.contains(r#"<a href="https://ex.ro/" rel="noopener noreferrer" target="_blank">b</a>"#),
        "{out}"
    );
    assert!(out.contains("Bună"), "{out}");
}

#[wasm_bindgen_test]
fn sanitizer_keeps_article_structure() {
    let out = clean(
        "<h1>Titlu</h1><h2>Sub</h2><ul><li>unu</li></ul><blockquote>„citat”</blockquote>\
         <figure><img src=\"/m.svg\" alt=\"hartă\" width=\"960\" height=\"540\"><figcaption>Legendă</figcaption></figure><!-- x -->",
    );
    assert!(!out.contains("<h1"), "body h1 is unwrapped: {out}");
    assert!(
        out.starts_with("Titlu<h2>Sub</h2><ul><li>unu</li></ul><blockquote>„citat”</blockquote>"),
        "{out}"
    );
    assert!(
        out.contains(r#"alt="hartă""#) && out.contains(r#"loading="lazy""#),
        "{out}"
    );
    assert!(!out.contains("<!--"), "{out}");
}

/// Every element left has only allowed attributes; payload text inside attribute
/// values is inert because the nodes are moved, never re-parsed.
fn no_live_handlers(html: &str) {
    let frag = sanitize_dom::sanitize(html).expect("parse");
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    div.append_child(&frag).unwrap();
    let all = div.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap().dyn_into().unwrap();
        for name in el.get_attribute_names().iter().filter_map(|n| n.as_string()) {
            assert!(
                !name.to_lowercase().starts_with("on"),
                "{name} on <{}> in {}",
                el.local_name(),
                div.inner_html()
            );
        }
        let tag = el.local_name();
        assert!(
            !matches!(tag.as_str(), "script" | "style" | "svg" | "noscript" | "math"),
            "{}",
            div.inner_html()
        );
    }
}

#[wasm_bindgen_test]
fn mutation_xss_payloads_stay_inert() {
    no_live_handlers(r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>"#);
    no_live_handlers(r#"<svg><style><img src=x onerror=alert(2)></style></svg>"#);
    no_live_handlers(r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(3)>"#);
    no_live_handlers(r#"<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(4)>"#);
    no_live_handlers(r#"<a href="&#106;avascript:alert(5)">x</a><img srcset="javascript:alert(6) 1x">"#);
    assert_eq!(clean(r#"<a href="&#106;avascript:alert(5)">x</a>"#), "<a>x</a>");
}

#[wasm_bindgen_test]
fn romanian_relative_times_come_from_intl() {
    let now = Instant(1_800_000_000_000);
    let ago = |m: i64| Instant(now.0 - m * 60_000);
    assert_eq!(intl::relative(ago(27), now, "ro"), "acum 27 de minute");
    assert_eq!(intl::relative(ago(12), now, "ro"), "acum 12 minute");
    // What this Chromium's ICU says for -1 hour with `numeric: auto`.
    assert_eq!(intl::relative(ago(60), now, "ro"), "acum 1 oră");
    assert_eq!(intl::relative(ago(27), now, "en"), "27 minutes ago");
}

#[wasm_bindgen_test]
fn bad_locale_falls_back_instead_of_throwing() {
    assert_eq!(intl::canonical_locale("not a locale!!"), "en");
    assert_eq!(intl::canonical_locale("ro-md"), "ro-MD");
}

#[wasm_bindgen_test]
fn absolute_dates_are_localized() {
    let t = Instant::parse_iso8601("2026-11-26T10:00:00Z").unwrap();
    let s = intl::absolute(t, "ro", None);
    assert!(s.contains("noiembrie 2026"), "{s}");
}

/// The site's `time_zone` picks the hour shown; an unknown zone falls back to
/// the reader's own with a warning, never an exception.
#[wasm_bindgen_test]
fn absolute_dates_follow_the_site_time_zone() {
    let t = Instant::parse_iso8601("2026-11-26T10:00:00Z").unwrap();
    assert!(intl::absolute(t, "ro", Some("Europe/Bucharest")).contains("12:00"));
    assert!(intl::absolute(t, "ro", Some("UTC")).contains("10:00"));
    assert!(intl::absolute(t, "ro", Some("Nowhere/Atlantis")).contains("noiembrie 2026"));
}

#[wasm_bindgen_test]
fn share_bar_targets_prop_overrides_the_site_list() {
    use leptos::prelude::*;
    use ziar::components::share_bar::ShareBar;
    use ziar::share::Target;
    let doc = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let _mounted = leptos::mount::mount_to(host.clone(), || {
        view! { <ShareBar title="Știre „nouă” & #1" url="https://z.ro/a?b=1" targets=vec![Target::Copy, Target::X]/> }
    });
    let items = host.query_selector_all(".ziar-share-item").unwrap();
    let classes: Vec<String> = (0..items.length())
        .filter_map(|i| items.item(i)?.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.class_name())
        .collect();
    assert_eq!(
        classes,
        ["ziar-share-item ziar-share-copy", "ziar-share-item ziar-share-x"]
    );
    let x = host.query_selector(".ziar-share-x a").unwrap().unwrap();
    assert_eq!(
        x.get_attribute("href").unwrap(),
        "https://x.com/intent/post?text=%C8%98tire%20%E2%80%9Enou%C4%83%E2%80%9D%20%26%20%231&url=https%3A%2F%2Fz.ro%2Fa%3Fb%3D1"
    );
    assert_eq!(x.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    let menu = host.query_selector(".ziar-share-menu").unwrap().unwrap();
    assert!(menu.has_attribute("hidden"), "the menu starts closed");
}

#[wasm_bindgen_test]
fn panic_banner_shows_once_in_the_page_language() {
    use ziar::web::panic_banner;
    let doc = web_sys::window().unwrap().document().unwrap();
    doc.document_element().unwrap().set_attribute("lang", "ro").unwrap();
    panic_banner::show();
    panic_banner::show();
    let banners = doc.query_selector_all(".ziar-panic").unwrap();
    assert_eq!(banners.length(), 1, "shown once");
    let banner = doc.get_element_by_id(panic_banner::ID).unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap();
    assert_eq!(text, "Ceva nu a mers bine. Reîncarcă pagina. Reîncarcă");
    let link = banner.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href"),
        Some(web_sys::window().unwrap().location().href().unwrap())
    );
    banner.remove();
    doc.document_element().unwrap().set_attribute("lang", "en").unwrap();
    panic_banner::show();
    let text = doc.get_element_by_id(panic_banner::ID).unwrap().text_content().unwrap();
    assert!(text.starts_with("Something went wrong. Reload."), "{text}");
    doc.get_element_by_id(panic_banner::ID).unwrap().remove();
}

/// The embed build's mount point: a widget renders into its container, takes
/// a new title in place (same button), bad attributes give a message naming the
/// attribute (no panic), and unmounting leaves the container empty.
#[wasm_bindgen_test]
async fn widgets_mount_update_show_attribute_errors_and_unmount_cleanly() {
    use ziar::components::widgets::{mount, RECENT_POSTS, SHARE};
    let doc = web_sys::window().unwrap().document().unwrap();
    let div: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    let pairs = |p: &[(&str, &str)]| p.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();

    let attrs = [("url", "https://ex.ro/a"), ("title", "Titlu"), ("targets", "x copy")];
    let mut share = mount(&SHARE, div.clone(), pairs(&attrs));
    let button = div.query_selector(".ziar-share-button").unwrap().unwrap();
    assert_eq!(div.query_selector_all(".ziar-share-item").unwrap().length(), 2);
    let x_href = || {
        div.query_selector(".ziar-share-x a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .unwrap()
    };
    assert!(x_href().contains("Titlu"), "{}", x_href());
    share.update(pairs(&[
        ("url", "https://ex.ro/a"),
        ("title", "Alt"),
        ("targets", "x copy"),
    ]));
    // Effects run on the next tick.
    next_task().await;
    assert!(x_href().contains("text=Alt"), "{}", x_href());
    let same = div.query_selector(".ziar-share-button").unwrap().unwrap();
    assert!(same.is_same_node(Some(&button)), "the button was kept");
    share.unmount();
    assert_eq!(div.child_element_count(), 0, "unmount removes the widget's DOM");

    let mut bad = mount(&RECENT_POSTS, div.clone(), pairs(&[("count", "3")]));
    let text = div.text_content().unwrap_or_default();
    assert!(text.contains("ziar-recent-posts") && text.contains("`api`"), "{text}");
    bad.unmount();
    assert_eq!(div.child_element_count(), 0);
    div.remove();
}

/// Resolves after the browser has run a task, so Leptos' effects have run.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The share widget reads its `share` attribute with `JSON.parse`: the same
/// values as serde_json's parser, and an error for what is not JSON.
#[wasm_bindgen_test]
fn json_through_the_browser_matches_serde_json() {
    for text in [
        r#"{"targets": ["x", "copy"], "utm": {"utm_source": "ziar"}, "via": null}"#,
        r#"[1, -2, 3.5, true, false, null, "ș", {"a": {"b": []}}]"#,
        r#""just a string""#,
    ] {
        let ours = ziar::web::json::parse(text).unwrap();
        let serde: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, serde, "{text}");
    }
    assert!(ziar::web::json::parse("{").is_err());
    assert!(ziar::web::json::parse("{'a': 1}").is_err());
}

#[wasm_bindgen_test]
fn text_direction_from_intl_locale() {
    for (tag, dir) in [
        ("ar", "rtl"),
        ("he-IL", "rtl"),
        ("fa", "rtl"),
        ("ro", "ltr"),
        ("en-US", "ltr"),
        ("az-Arab", "rtl"),
    ] {
        assert_eq!(intl::direction(tag), dir, "{tag}");
        // The browser and the host-tested fallback rule agree.
        assert_eq!(ziar::i18n::direction(tag), dir, "{tag}");
    }
    // An invalid tag does not throw through wasm: the fallback answers.
    assert_eq!(intl::direction("not a locale!!"), "ltr");
}

// The wasm build segments graphemes with `Intl.Segmenter` and lowercases with
// `String.prototype.toLowerCase` instead of shipping Rust's Unicode tables
// (README "Performance"); these pin that the browser gives the same answers as
// the native build's unicode-segmentation and `str::to_lowercase`.
#[wasm_bindgen_test]
fn graphemes_come_from_intl_segmenter_with_native_boundaries() {
    use ziar::text::grapheme_starts;
    // a, a ZWJ family emoji (18 bytes), b, a flag (two regional indicators), c, e + combining acute.
    let s = "a\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}b\u{1F1F7}\u{1F1F4}ce\u{301}";
    assert_eq!(grapheme_starts(s, 100), vec![0, 1, 19, 20, 28, 29]);
    assert_eq!(grapheme_starts(s, 3), vec![0, 1, 19]);
    assert_eq!(grapheme_starts("", 3), Vec::<usize>::new());
}

#[wasm_bindgen_test]
fn excerpts_in_the_browser_match_the_native_cut() {
    use ziar::text::excerpt;
    let t = "s\u{0326}".repeat(50);
    assert_eq!(excerpt(&t, 10), format!("{}…", "s\u{0326}".repeat(10)));
    let emoji = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} ".repeat(20);
    let e = excerpt(&emoji, 7);
    assert_eq!(
        e,
        format!(
            "{}…",
            "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} ".repeat(4).trim_end()
        )
    );
    assert_eq!(
        excerpt(
            "Consiliul local a aprobat bugetul pentru anul viitor după o ședință de patru ore",
            40
        ),
        "Consiliul local a aprobat bugetul pentru…"
    );
    assert_eq!(excerpt("Un cuvânt lung foarte lung", 8), "Un…");
    assert_eq!(excerpt("scurt", 100), "scurt");
}

#[wasm_bindgen_test]
fn lowercase_in_the_browser_matches_str_to_lowercase() {
    use ziar::text::lowercase;
    assert_eq!(lowercase("ȘTIRI Locale"), "știri locale");
    assert_eq!(lowercase("ὈΔΥΣΣΕΎΣ"), "ὀδυσσεύς");
    assert_eq!(lowercase("Politică"), "politică");
    assert_eq!(lowercase("plain ascii"), "plain ascii");
}
