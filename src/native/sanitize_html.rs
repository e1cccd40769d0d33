//! The sanitizer on the server: ammonia (on html5ever, the same HTML parsing
//! algorithm as the browsers') configured from `crate::sanitize`, the one
//! policy the browser's walk (`web::sanitize_dom`) follows too.
//!
//! Ammonia decides what survives: elements (`KEEP`, `REMOVE`, everything else
//! unwrapped), attributes (`attribute_allowed`), URLs (`url_allowed`, resolved
//! against the API URL). A second pass over its output, parsed again, adds
//! what the policy adds: `rel`/`target` on external links, `loading` and
//! `alt` on images, the sandbox on allowed iframes, and the body's heading
//! levels fitted under the headline (`crate::outline`).

use crate::sanitize::{attribute_allowed, Ids, Policy, ATTRIBUTES, IFRAME_SANDBOX, KEEP, REMOVE};
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

/// `html` with only what the policy allows, as HTML text.
pub fn clean(html: &str, policy: &Policy) -> String {
    let iframes = !policy.iframe_hosts.is_empty();
    let mut tags: HashSet<&str> = KEEP.iter().copied().collect();
    let mut removed: HashSet<&str> = REMOVE.iter().copied().collect();
    let mut attrs: HashMap<&str, HashSet<&str>> = KEEP
        .iter()
        .map(|t| {
            (
                *t,
                ATTRIBUTES.iter().copied().filter(|a| attribute_allowed(t, a)).collect(),
            )
        })
        .collect();
    if iframes {
        tags.insert("iframe");
        removed.remove("iframe");
        attrs.insert("iframe", ["src", "width", "height", "title", "allowfullscreen"].into());
    }
    let filter_policy = policy.clone();
    // Ammonia visits attributes in document order, as the browser's walk does,
    // so the first element with an id keeps it here too.
    let ids = Mutex::new(Ids::default());
    let cleaned = ammonia::Builder::empty()
        .tags(tags)
        .clean_content_tags(removed)
        .tag_attributes(attrs)
        .url_schemes(["http", "https", "mailto", "tel", "data"].into())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |tag, attr, value| {
            let mut ids = ids.lock().unwrap_or_else(|e| e.into_inner());
            filter(&filter_policy, tag, attr, value, &mut ids)
        })
        .clean(html)
        .to_string();
    decorate(&cleaned, policy)
}

/// One attribute's value under the policy (`Policy::attribute_value`, the
/// browser walk's own decision); `None` drops the attribute.
fn filter<'v>(
    policy: &Policy,
    tag: &str,
    attr: &str,
    value: &'v str,
    ids: &mut Ids,
) -> Option<std::borrow::Cow<'v, str>> {
    match (tag, attr) {
        ("iframe", "src") => policy.iframe_src(value).map(Into::into),
        ("iframe", "width" | "height") => value.chars().all(|c| c.is_ascii_digit()).then_some(value.into()),
        ("iframe", _) => Some(value.into()),
        _ => policy.attribute_value(tag, attr, value, ids).map(Into::into),
    }
}

/// The second pass (see the module doc), over ammonia's output: well-formed
/// HTML in which only allowed markup is left, so a streaming rewriter
/// (lol_html) can add attributes and rename elements without building a tree.
fn decorate(html: &str, policy: &Policy) -> String {
    // Headings first: their new levels depend on all of them.
    let mut levels = Vec::new();
    let _ = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![lol_html::element!("h1, h2, h3, h4, h5, h6", |el| {
                levels.push(crate::outline::heading_level(&el.tag_name()).unwrap_or(2));
                Ok(())
            })],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    let fitted = crate::outline::fit_levels(&levels);
    let mut next_heading = 0;
    let target = policy.link_target.clone();
    let result = lol_html::rewrite_str(
        html,
        lol_html::RewriteStrSettings {
            element_content_handlers: vec![
                lol_html::element!("h1, h2, h3, h4, h5, h6", |el| {
                    if let Some(level) = fitted.get(next_heading) {
                        el.set_tag_name(&format!("h{level}"))?;
                    }
                    next_heading += 1;
                    Ok(())
                }),
                lol_html::element!("a[href]", |el| {
                    if el.get_attribute("href").is_some_and(|h| policy.is_external(&h)) {
                        el.set_attribute("rel", "noopener noreferrer")?;
                        if !target.is_empty() {
                            el.set_attribute("target", &target)?;
                        }
                    }
                    Ok(())
                }),
                lol_html::element!("img", |el| {
                    el.set_attribute("loading", "lazy")?;
                    el.set_attribute("decoding", "async")?;
                    if !el.has_attribute("alt") {
                        el.set_attribute("alt", "")?;
                    }
                    Ok(())
                }),
                lol_html::element!("iframe", |el| {
                    el.set_attribute("sandbox", IFRAME_SANDBOX)?;
                    el.set_attribute("loading", "lazy")?;
                    el.set_attribute("referrerpolicy", "strict-origin-when-cross-origin")?;
                    el.set_inner_content("", lol_html::html_content::ContentType::Text);
                    Ok(())
                }),
            ],
            ..lol_html::RewriteStrSettings::new()
        },
    );
    // A rewriting error leaves ammonia's output, which is already safe.
    result.unwrap_or_else(|_| html.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            base: "https://api.ziar.ro/wp-json/wp/v2/".into(),
            page_origin: "https://ziar.ro".into(),
            iframe_hosts: Vec::new(),
            link_target: "_blank".into(),
            page_url: "https://ziar.ro/articol/x".into(),
            ..Default::default()
        }
    }

    #[test]
    fn ids_are_prefixed_once_and_fragments_stay_in_the_article() {
        let out = clean(
            r##"<h2 id="main">A</h2><p id="main">B</p><p><a href="#main">sus</a> <a href="#">x</a> <a href="#fn 1">y</a></p>"##,
            &policy(),
        );
        assert!(out.contains(r#"<h2 id="ziar-c-main">A</h2><p>B</p>"#), "{out}");
        assert!(
            out.contains(r#"<a href="https://ziar.ro/articol/x#ziar-c-main">sus</a>"#),
            "{out}"
        );
        assert!(out.contains("<a>x</a>") && out.contains("<a>y</a>"), "{out}");
    }

    #[test]
    fn scripts_handlers_and_styles_go() {
        let out = clean(
            r#"<p onclick="x()" style="color:red">Text <script>alert(1)</script><img src=x onerror=alert(1)></p><svg><a href="javascript:1">s</a></svg><!-- c -->"#,
            &policy(),
        );
        assert!(
            !out.contains("script") && !out.contains("onerror") && !out.contains("onclick"),
            "{out}"
        );
        assert!(
            !out.contains("style") && !out.contains("svg") && !out.contains("<!--"),
            "{out}"
        );
        assert!(out.contains("<p>Text "), "{out}");
    }

    #[test]
    fn urls_are_checked_and_resolved() {
        let out = clean(
            r#"<a href="/x">in</a> <a href="https://alt.ro/">out</a> <a href="javascript:alert(1)">js</a> <img src="p.png">"#,
            &policy(),
        );
        assert!(
            out.contains(r#"<a href="https://api.ziar.ro/x" rel="noopener noreferrer" target="_blank">in</a>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://alt.ro/" rel="noopener noreferrer""#),
            "{out}"
        );
        assert!(out.contains("<a>js</a>"), "{out}");
        assert!(
            out.contains(r#"src="https://api.ziar.ro/wp-json/wp/v2/p.png""#) && out.contains(r#"alt="""#),
            "{out}"
        );
        let own = clean(r#"<a href="https://ziar.ro/articol/x">here</a>"#, &policy());
        assert_eq!(own, r#"<a href="https://ziar.ro/articol/x">here</a>"#);
    }

    #[test]
    fn headings_fit_under_the_headline() {
        let out = clean("<h1>A</h1><h4>B</h4><h5>C</h5><h3>D</h3>", &policy());
        assert_eq!(out, "A<h2>B</h2><h3>C</h3><h2>D</h2>");
    }

    #[test]
    fn iframes_only_from_listed_hosts_and_sandboxed() {
        let html = r#"<iframe src="https://video.example/e/1" srcdoc="<script>" onload="x" width="560">t</iframe><iframe src="https://evil.example/"></iframe>"#;
        assert_eq!(clean(html, &policy()), "");
        let mut p = policy();
        p.iframe_hosts = vec!["video.example".into()];
        let out = clean(html, &p);
        assert!(
            out.starts_with(r#"<iframe src="https://video.example/e/1" width="560" sandbox=""#),
            "{out}"
        );
        assert!(out.ends_with("></iframe>"), "{out}");
        assert!(
            !out.contains("evil") && !out.contains("srcdoc") && !out.contains("onload"),
            "{out}"
        );
    }
}
