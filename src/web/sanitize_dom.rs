//! Applies the [`crate::sanitize`] policy to HTML parsed by the browser's `DOMParser`.
//!
//! # Why the browser's parser and not a Rust one
//!
//! * **Size.** The browser's HTML parser costs 0 bytes of wasm. Measured on
//!   2026-11-27 (rustc 1.95, `opt-level = "z"`, LTO, `panic = "abort"`, then
//!   `wasm-opt -Oz` 132): a wasm32 cdylib running an allowlist pass with
//!   `lol_html` 1.2.1 (a streaming rewriter; the only Rust HTML crate in the
//!   offline registry here) is 384,101 bytes (217,498 gzip -9) against 11,049
//!   (4,932) for the same cdylib without it: **+373 KB, +213 KB gzipped**, about
//!   as much as the whole app today (256 KB gzipped). html5ever (what `ammonia`
//!   uses) was not available to build offline, so no number is claimed for it.
//! * **No parser differential.** What we inspect is exactly the tree Chromium,
//!   Firefox or Safari builds from the string, so an input that one parser reads
//!   as text and another as a tag cannot slip through. A streaming rewriter such
//!   as `lol_html` does not run HTML tree construction at all (no foster
//!   parenting, no namespace switches), which is precisely where mutation XSS
//!   lives.
//!
//! # How
//!
//! 1. The string is parsed by `DOMParser` as `text/html` with a `<!DOCTYPE html>`
//!    prefix, so it is parsed in no-quirks mode like the page itself (quirks mode
//!    nests `<p><table>` differently). `DOMParser` documents never run scripts or
//!    load images.
//! 2. The walk keeps only allowlisted HTML-namespace elements (anything in the
//!    SVG or MathML namespace is removed with its subtree, so namespace confusion
//!    has nothing to work with), and attributes as [`Policy::attribute_value`]
//!    rewrites them: safe URLs resolved against the API URL, in-article links and
//!    ids under the body's own prefix. Comments, CDATA and processing instructions go.
//! 3. The clean tree is serialized, parsed again and cleaned again, and *that*
//!    tree is moved into the page as nodes. Unwrapping can build shapes the parser
//!    would not (an `<h3>` inside an `<h2>`); the second round makes what the page
//!    holds exactly what its own serialization parses to, so parse → serialize →
//!    parse is stable (tested over the attack corpus in `tests/xss.rs`).

use crate::sanitize::{element_action, ElementAction, Ids, Policy, IFRAME_SANDBOX};
use wasm_bindgen::JsCast;
use web_sys::{Document, DocumentFragment, DomParser, Element, HtmlElement, Node, SupportedType};

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// Sanitizes with the default policy: URLs resolve against the page, no iframes,
/// external links open in a new tab.
pub fn sanitize(html: &str) -> Option<DocumentFragment> {
    let page = page_origin();
    sanitize_with(
        html,
        &Policy {
            base: super::base_uri(),
            page_origin: page,
            iframe_hosts: Vec::new(),
            link_target: "_blank".into(),
            page_url: page_url(),
            ..Policy::default()
        },
    )
}

/// The page's URL without its fragment: where in-article links point.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// The page's origin, for telling external links apart.
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Parses `html` and returns a fragment of the page's document holding only allowed content.
pub fn sanitize_with(html: &str, policy: &Policy) -> Option<DocumentFragment> {
    let doc = web_sys::window()?.document()?;
    let first = clean_document(html, policy)?;
    // Second round over the serialization of the first (see the module doc).
    let serialized = first.body()?.inner_html();
    let second = clean_document(&serialized, policy)?;
    let body = second.body()?;
    let frag = doc.create_document_fragment();
    while let Some(child) = body.first_child() {
        // append_child adopts the node into the page's document.
        frag.append_child(&child).ok()?;
    }
    Some(frag)
}

/// Parses in no-quirks mode and cleans the body in place.
fn clean_document(html: &str, policy: &Policy) -> Option<Document> {
    let parsed = DomParser::new()
        .ok()?
        // Without `style`/`on…` attributes first: under the strict CSP, Chromium reports
        // each one it parses, even here (`crate::inline_attrs`). The walk below still removes them.
        .parse_from_string(
            &format!("<!DOCTYPE html><body>{}", crate::inline_attrs::strip_inline_attrs(html)),
            SupportedType::TextHtml,
        )
        .ok()?;
    let body = parsed.body()?;
    clean_children(&body, policy, &mut Ids::default());
    Some(parsed)
}

fn clean_children(parent: &Node, policy: &Policy, ids: &mut Ids) {
    let mut child = parent.first_child();
    while let Some(node) = child {
        child = node.next_sibling();
        match node.node_type() {
            Node::TEXT_NODE => {}
            Node::ELEMENT_NODE => {
                let Ok(el) = node.clone().dyn_into::<Element>() else {
                    let _ = parent.remove_child(&node);
                    continue;
                };
                // SVG, MathML or anything else outside HTML: gone with its subtree.
                if el.namespace_uri().as_deref() != Some(XHTML) {
                    let _ = parent.remove_child(&node);
                    continue;
                }
                let tag = el.local_name().to_ascii_lowercase();
                if tag == "iframe" {
                    if !keep_iframe(&el, policy) {
                        let _ = parent.remove_child(&node);
                    }
                    continue;
                }
                match element_action(&tag) {
                    ElementAction::Remove => {
                        let _ = parent.remove_child(&node);
                    }
                    ElementAction::Unwrap => {
                        clean_children(&node, policy, ids);
                        while let Some(grand) = node.first_child() {
                            let _ = parent.insert_before(&grand, Some(&node));
                        }
                        let _ = parent.remove_child(&node);
                    }
                    ElementAction::Keep => {
                        clean_attributes(&el, &tag, policy, ids);
                        clean_children(&node, policy, ids);
                    }
                }
            }
            // Comments, processing instructions, CDATA: dropped.
            _ => {
                let _ = parent.remove_child(&node);
            }
        }
    }
}

/// Keeps an iframe only with an allowlisted `src`, rebuilt with a fixed set of
/// attributes (no `srcdoc`, no handlers) and a `sandbox`.
fn keep_iframe(el: &Element, policy: &Policy) -> bool {
    let Some(src) = el.get_attribute("src").and_then(|s| policy.iframe_src(&s)) else {
        return false;
    };
    let keep: Vec<(String, String)> = ["width", "height", "title", "allowfullscreen"]
        .iter()
        .filter_map(|a| el.get_attribute(a).map(|v| ((*a).to_owned(), v)))
        .filter(|(a, v)| !matches!(a.as_str(), "width" | "height") || v.chars().all(|c| c.is_ascii_digit()))
        .collect();
    for name in el.get_attribute_names().iter().filter_map(|n| n.as_string()) {
        let _ = el.remove_attribute(&name);
    }
    while let Some(c) = el.first_child() {
        let _ = el.remove_child(&c);
    }
    for (a, v) in keep {
        let _ = el.set_attribute(&a, &v);
    }
    let _ = el.set_attribute("src", &src);
    let _ = el.set_attribute("sandbox", IFRAME_SANDBOX);
    let _ = el.set_attribute("loading", "lazy");
    let _ = el.set_attribute("referrerpolicy", "strict-origin-when-cross-origin");
    true
}

fn clean_attributes(el: &Element, tag: &str, policy: &Policy, ids: &mut Ids) {
    let names = el.get_attribute_names();
    for name in names.iter().filter_map(|n| n.as_string()) {
        let value = el.get_attribute(&name).unwrap_or_default();
        match policy.attribute_value(tag, &name.to_ascii_lowercase(), &value, ids) {
            None => {
                let _ = el.remove_attribute(&name);
            }
            Some(v) if v != value => {
                let _ = el.set_attribute(&name, &v);
            }
            Some(_) => {}
        }
    }
    match tag {
        "a" if el.get_attribute("href").is_some_and(|h| policy.is_external(&h)) => {
            let _ = el.set_attribute("rel", "noopener noreferrer");
            if !policy.link_target.is_empty() {
                let _ = el.set_attribute("target", &policy.link_target);
            }
        }
        "img" => {
            let _ = el.set_attribute("loading", "lazy");
            let _ = el.set_attribute("decoding", "async");
            if !el.has_attribute("alt") {
                let _ = el.set_attribute("alt", "");
            }
        }
        _ => {}
    }
    // Belt and braces: an HTML element must not keep inline style through any path.
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        if h.has_attribute("style") {
            let _ = h.remove_attribute("style");
        }
    }
}
