//! The XSS attack corpus (`tests/xss/corpus.txt`), run in headless Chromium.
//!
//! Every case is sanitized and put into the live page while `alert`, `confirm`,
//! `prompt`, `print`, `open`, `fetch`, XHR and script errors are hooked; none may
//! fire. The text around (and, where the corpus says, inside) each payload must
//! survive, and parse → serialize → parse must be stable.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlTemplateElement};
use ziar::sanitize::Policy;
use ziar::web::sanitize_dom::{page_origin, page_url, sanitize_with};

wasm_bindgen_test_configure!(run_in_browser);

const CORPUS: &str = include_str!("xss/corpus.txt");

struct Case {
    line: usize,
    payload: String,
    expect: Option<String>,
}

fn corpus() -> Vec<Case> {
    CORPUS
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (payload, expect) = match l.split_once("\t=> ") {
                Some((p, e)) => (p, Some(e.to_owned())),
                None => (l.trim_end_matches("\t=>"), None),
            };
            // `\x20` in the corpus stands for itself, not a space: keep it literal.
            Case {
                line: i + 1,
                payload: payload.to_owned(),
                expect: expect.filter(|e| !e.trim().is_empty()),
            }
        })
        .collect()
}

fn policy() -> Policy {
    Policy {
        base: "https://api.ziar.test/wp-json/wp/v2/".into(),
        page_origin: page_origin(),
        iframe_hosts: vec!["video.example".into()],
        link_target: "_blank".into(),
        page_url: page_url(),
        ..Policy::default()
    }
}

fn doc() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn wrap(c: &Case) -> String {
    format!("<p>Început {}</p>{}", c.line, c.payload)
}

fn clean_html(html: &str) -> String {
    let frag = sanitize_with(html, &policy()).expect("parse");
    let div = doc().create_element("div").unwrap();
    div.append_child(&frag).unwrap();
    div.inner_html()
}

const HOOKS: &str = r#"
window.__xss = [];
window.__xssSaved = { alert, confirm, prompt, print, open, fetch, xhr: XMLHttpRequest.prototype.open };
const rec = (n) => function (...a) { window.__xss.push(n + '(' + a.map(String).join(',') + ')'); };
window.alert = rec('alert'); window.confirm = rec('confirm'); window.prompt = rec('prompt');
window.print = rec('print'); window.open = rec('open');
window.fetch = function (...a) { window.__xss.push('fetch(' + a[0] + ')'); return Promise.reject(new Error('blocked')); };
XMLHttpRequest.prototype.open = rec('xhr');
window.__xssErr = (e) => { if (!(e.target instanceof Element)) window.__xss.push('error(' + e.message + ')'); };
window.addEventListener('error', window.__xssErr, true);
"#;

const UNHOOK: &str = r#"
const s = window.__xssSaved;
Object.assign(window, { alert: s.alert, confirm: s.confirm, prompt: s.prompt, print: s.print, open: s.open, fetch: s.fetch });
XMLHttpRequest.prototype.open = s.xhr;
window.removeEventListener('error', window.__xssErr, true);
"#;

fn run_js(code: &str) -> JsValue {
    js_sys::Function::new_no_args(code).call0(&JsValue::NULL).unwrap()
}

fn fired() -> Vec<String> {
    let v = run_js("return window.__xss.slice()");
    js_sys::Array::from(&v).iter().filter_map(|x| x.as_string()).collect()
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// Puts `html` into the live page (sanitized unless `raw`), waits, and returns what fired.
async fn mount_and_watch(cases: &[String], raw: bool) -> Vec<String> {
    run_js(HOOKS);
    let host = doc().create_element("div").unwrap();
    doc().body().unwrap().append_child(&host).unwrap();
    for html in cases {
        let slot = doc().create_element("section").unwrap();
        if raw {
            slot.set_inner_html(html);
        } else {
            slot.append_child(&sanitize_with(html, &policy()).expect("parse"))
                .unwrap();
        }
        host.append_child(&slot).unwrap();
    }
    // Handlers on failed images, autofocus, animations and timers all get time to fire.
    sleep(1500).await;
    let f = fired();
    host.remove();
    run_js(UNHOOK);
    f
}

#[wasm_bindgen_test]
fn the_corpus_has_at_least_150_cases() {
    let n = corpus().len();
    assert!(n >= 150, "only {n} cases");
}

/// Proves the hooks notice execution, so the corpus test can fail.
#[wasm_bindgen_test]
async fn hooks_catch_an_unsanitized_payload() {
    let f = mount_and_watch(&["<img src=x onerror=alert(1)>".into()], true).await;
    assert_eq!(f, ["alert(1)"]);
}

#[wasm_bindgen_test]
async fn nothing_in_the_corpus_executes() {
    let cases: Vec<String> = corpus().iter().map(wrap).collect();
    let f = mount_and_watch(&cases, false).await;
    if !f.is_empty() {
        // Find the culprits one by one for a useful message.
        let mut bad = Vec::new();
        for c in corpus() {
            if !mount_and_watch(&[wrap(&c)], false).await.is_empty() {
                bad.push(format!("line {}: {}", c.line, c.payload));
            }
        }
        panic!("fired {f:?}; cases:\n{}", bad.join("\n"));
    }
}

#[wasm_bindgen_test]
fn text_survives_and_only_allowed_markup_is_left() {
    let allowed_url = |v: &str| v.starts_with("https://") || v.starts_with("http://") || v.starts_with("data:image/");
    for c in corpus() {
        let out = clean_html(&wrap(&c));
        let div = doc().create_element("div").unwrap();
        div.set_inner_html(&out);
        let text = div.text_content().unwrap_or_default();
        assert!(text.contains(&format!("Început {}", c.line)), "line {}: {out}", c.line);
        if let Some(e) = &c.expect {
            assert!(
                text.contains(e.as_str()),
                "line {}: {e:?} missing from {text:?} ({out})",
                c.line
            );
        }
        let all = div.query_selector_all("*").unwrap();
        let mut ids = std::collections::HashSet::new();
        for i in 0..all.length() {
            let el: Element = all.item(i).unwrap().dyn_into().unwrap();
            let tag = el.local_name();
            if tag == "iframe" {
                // Only the allowlisted host, always sandboxed.
                let src = el.get_attribute("src").unwrap_or_default();
                assert!(
                    src.starts_with("https://video.example/") && el.has_attribute("sandbox"),
                    "line {}: {out}",
                    c.line
                );
                continue;
            }
            assert_ne!(
                ziar::sanitize::element_action(&tag),
                ziar::sanitize::ElementAction::Remove,
                "line {}: <{tag}> left in {out}",
                c.line
            );
            for name in el.get_attribute_names().iter().filter_map(|n| n.as_string()) {
                assert!(
                    !name.starts_with("on") && name != "style" && name != "srcdoc",
                    "line {}: {name} in {out}",
                    c.line
                );
                let v = el.get_attribute(&name).unwrap_or_default();
                if name == "id" {
                    // Prefixed, so no body id is one of the page's or a DOM property; never twice.
                    assert!(
                        v.starts_with(ziar::sanitize::ID_PREFIX),
                        "line {}: id={v:?} in {out}",
                        c.line
                    );
                    assert!(ids.insert(v.clone()), "line {}: id={v:?} twice in {out}", c.line);
                }
                if matches!(name.as_str(), "href" | "src" | "cite") {
                    assert!(allowed_url(&v), "line {}: {name}={v:?} in {out}", c.line);
                }
                if name == "srcset" {
                    assert!(
                        v.split(',').all(|c| allowed_url(c.trim())),
                        "line {}: srcset {v:?}",
                        c.line
                    );
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn parse_serialize_parse_is_stable() {
    let template: HtmlTemplateElement = doc().create_element("template").unwrap().dyn_into().unwrap();
    for c in corpus() {
        let once = clean_html(&wrap(&c));
        // The browser's own re-parse of our output gives the same tree…
        template.set_inner_html(&once);
        assert_eq!(template.inner_html(), once, "line {}: reparse differs", c.line);
        // …and sanitizing the output again changes nothing.
        assert_eq!(clean_html(&once), once, "line {}: not idempotent", c.line);
    }
}

#[wasm_bindgen_test]
fn links_images_and_iframes_follow_the_policy() {
    let out = clean_html(
        r#"<a href="/articol/x">intern</a><a href="https://alt.ro/">extern</a>
           <img src="media/a.png" srcset="media/a.png 1x, /b.png 2x">
           <iframe src="https://video.example/embed/1" srcdoc="x" onload="alert(1)" width="560" height="315"></iframe>
           <iframe src="https://evil.example/embed/1"></iframe><iframe src="http://video.example/embed/2"></iframe>"#,
    );
    assert!(
        out.contains(
            r#"<a href="https://api.ziar.test/articol/x" rel="noopener noreferrer" target="_blank">intern</a>"#
        ),
        "links to the API host leave the page: {out}"
    );
    assert!(
        out.contains(r#"<a href="https://alt.ro/" rel="noopener noreferrer" target="_blank">extern</a>"#),
        "{out}"
    );
    assert!(
        out.contains(r#"src="https://api.ziar.test/wp-json/wp/v2/media/a.png""#),
        "relative src resolves against the API URL: {out}"
    );
    assert!(
        out.contains(r#"srcset="https://api.ziar.test/wp-json/wp/v2/media/a.png 1x, https://api.ziar.test/b.png 2x""#),
        "{out}"
    );
    assert_eq!(out.matches("<iframe").count(), 1, "{out}");
    assert!(
        out.contains(r#"<iframe width="560" height="315" src="https://video.example/embed/1" sandbox="allow-scripts allow-same-origin allow-presentation allow-popups" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>"#),
        "{out}"
    );
    // Same-origin links stay in the tab.
    let here = format!("{}/articol/y", page_origin());
    let out = clean_html(&format!(r#"<a href="{here}">aici</a>"#));
    assert_eq!(out, format!(r#"<a href="{here}">aici</a>"#));
    // No allowlist: no iframe.
    let frag = sanitize_with(
        r#"<iframe src="https://video.example/embed/1"></iframe>"#,
        &Policy {
            iframe_hosts: vec![],
            ..policy()
        },
    )
    .unwrap();
    assert!(frag.first_child().is_none());
}

/// Body ids cannot clobber the page: every id is prefixed, so `document` and
/// `window` keep their properties and the page's own ids stay unique, and
/// in-article links point at this page with the prefixed id.
#[wasm_bindgen_test]
fn ids_cannot_clobber_the_page_and_fragments_follow_them() {
    let html = r##"<p id="main">m</p><img id="getElementById" name="getElementById"><a id="location" href="#x">l</a>
        <h2 id="x">a</h2><h2 id="x">b</h2><p id="__proto__">p</p><p id="ziarclobber">c</p>
        <a href="#">gol</a><a href="#lipsa">lipsă</a>"##;
    let host = doc().create_element("div").unwrap();
    host.append_child(&sanitize_with(html, &policy()).unwrap()).unwrap();
    doc().body().unwrap().append_child(&host).unwrap();
    let checks = run_js(
        r#"return [
            typeof document.getElementById,
            document.getElementById('main') === null,
            String(window.location) === location.href,
            window.ziarclobber === undefined,
            window['ziar-c-ziarclobber'] instanceof HTMLParagraphElement,
            document.querySelectorAll('[id="ziar-c-x"]').length,
            Object.getPrototypeOf({}) === Object.prototype,
        ].join(',')"#,
    );
    host.remove();
    assert_eq!(checks.as_string().unwrap(), "function,true,true,true,true,1,true");
    let out = clean_html(html);
    let here = page_url();
    assert!(
        out.contains(&format!(r##"<a id="ziar-c-location" href="{here}#ziar-c-x">l</a>"##)),
        "{out}"
    );
    assert!(
        out.contains(r#"<h2 id="ziar-c-x">a</h2><h2>b</h2>"#),
        "the second x loses its id: {out}"
    );
    assert!(out.contains("<a>gol</a>"), "a bare # goes nowhere: {out}");
    assert!(
        out.contains(&format!(r##"<a href="{here}#ziar-c-lipsa">lipsă</a>"##)),
        "{out}"
    );
    assert!(!out.contains("name="), "{out}");
}
