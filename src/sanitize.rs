//! The sanitizer *policy*: which elements, attributes and URLs survive.
//!
//! The policy is pure and tested natively; `web::sanitize_dom` applies it to a
//! tree parsed by the browser's own `DOMParser`. Using the browser's parser
//! means there is no parser differential (what we check is exactly what the
//! browser renders) and adds no HTML parser to the wasm. The cleaned nodes are
//! moved into the page, never re-serialized, which avoids mutation XSS.

/// What to do with an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementAction {
    /// Keep the element (with filtered attributes) and its children.
    Keep,
    /// Drop the element but keep its children (unknown but harmless wrappers).
    Unwrap,
    /// Drop the element and everything inside it.
    Remove,
}

/// Decides the fate of an element by its lower-case tag name.
pub fn element_action(tag: &str) -> ElementAction {
    match tag {
        "p" | "br" | "hr" | "h2" | "h3" | "h4" | "h5" | "h6" | "ul" | "ol" | "li" | "blockquote" | "q" | "cite"
        | "strong" | "b" | "em" | "i" | "u" | "s" | "small" | "sub" | "sup" | "mark" | "abbr" | "code" | "pre"
        | "kbd" | "a" | "figure" | "figcaption" | "img" | "picture" | "source" | "table" | "thead" | "tbody"
        | "tfoot" | "tr" | "th" | "td" | "caption" | "dl" | "dt" | "dd" | "time" | "span" | "div" => {
            ElementAction::Keep
        }
        // An article has one h1: the headline. Body h1s are demoted by unwrapping.
        "h1" | "section" | "article" | "header" | "footer" | "aside" | "main" | "center" | "font" | "del" | "ins" => {
            ElementAction::Unwrap
        }
        "script" | "style" | "object" | "embed" | "form" | "base" | "meta" | "link" | "iframe" | "frame"
        | "frameset" | "noscript" | "template" | "svg" | "math" | "input" | "button" | "textarea" | "select"
        | "option" | "applet" | "audio" | "video" | "canvas" | "dialog" | "title" | "head" | "xmp" | "plaintext"
        | "noembed" | "noframes" => ElementAction::Remove,
        _ => ElementAction::Unwrap,
    }
}

/// Whether an attribute may stay on an element. URLs are checked separately.
pub fn attribute_allowed(tag: &str, attr: &str) -> bool {
    if attr.starts_with("on") {
        return false;
    }
    match attr {
        "title" | "lang" | "dir" => true,
        "href" => tag == "a",
        "alt" | "width" | "height" | "loading" | "decoding" => tag == "img",
        "src" | "srcset" | "sizes" => matches!(tag, "img" | "source"),
        "datetime" => tag == "time",
        "cite" => matches!(tag, "blockquote" | "q"),
        "colspan" | "rowspan" | "scope" => matches!(tag, "td" | "th"),
        "start" | "reversed" => tag == "ol",
        _ => false,
    }
}

/// Whether a URL attribute value is safe. `data:` is allowed only for images.
pub fn url_allowed(value: &str, is_image: bool) -> bool {
    // Browsers ignore ASCII whitespace and control characters inside schemes.
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => match scheme {
            "http" | "https" | "mailto" | "tel" => true,
            "data" => is_image && cleaned.starts_with("data:image/") && !cleaned.starts_with("data:image/svg"),
            _ => false,
        },
        // Relative URLs.
        _ => true,
    }
}

/// Whether every URL in a `srcset` is safe.
pub fn srcset_allowed(value: &str) -> bool {
    value
        .split(',')
        .all(|cand| cand.split_whitespace().next().is_none_or(|u| url_allowed(u, true)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_elements_are_removed() {
        for t in [
            "script", "style", "object", "embed", "form", "base", "meta", "iframe", "svg",
        ] {
            assert_eq!(element_action(t), ElementAction::Remove, "{t}");
        }
        assert_eq!(element_action("p"), ElementAction::Keep);
        assert_eq!(element_action("blink"), ElementAction::Unwrap);
        assert_eq!(element_action("h1"), ElementAction::Unwrap);
    }

    #[test]
    fn event_handlers_and_styles_never_pass() {
        assert!(!attribute_allowed("img", "onerror"));
        assert!(!attribute_allowed("a", "onclick"));
        assert!(!attribute_allowed("p", "style"));
        assert!(!attribute_allowed("p", "class"));
        assert!(attribute_allowed("a", "href"));
        assert!(!attribute_allowed("p", "href"));
        assert!(attribute_allowed("img", "srcset"));
    }

    #[test]
    fn script_urls_are_refused_even_obfuscated() {
        for u in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "vbscript:x",
            "data:text/html,<b>",
            "\u{1}javascript:x",
        ] {
            assert!(!url_allowed(u, false), "{u:?}");
        }
        assert!(!url_allowed("data:image/svg+xml,<svg onload=x>", true));
        assert!(url_allowed("data:image/png;base64,AAAA", true));
        assert!(!url_allowed("data:image/png;base64,AAAA", false));
        assert!(url_allowed("https://x.ro/a", false));
        assert!(url_allowed("/articol/x", false));
        assert!(url_allowed("a/b:c", false));
        assert!(url_allowed("mailto:a@b.ro", false));
        assert!(!srcset_allowed("a.png 1x, javascript:x 2x"));
        assert!(srcset_allowed("a.png 300w, /b.png 600w"));
    }
}

/// Property tests: obfuscated dangerous URLs and event handlers never pass.
/// `make fuzz` runs them with many more cases (`PROPTEST_CASES`).
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fuzz {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::Config as ProptestConfig;

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

    /// `scheme` with random case and whitespace or control characters
    /// sprinkled in, as browsers tolerate them.
    fn obfuscated(scheme: &'static str) -> impl Strategy<Value = String> {
        let noise = prop::sample::select(vec!["", "", "", " ", "\t", "\n", "\r", "\u{0}", "\u{1f}", "\u{7f}"]);
        (
            prop::collection::vec((any::<bool>(), noise), scheme.len()),
            prop::sample::select(vec!["", " ", "\u{0}", "\n"]),
        )
            .prop_map(move |(flips, lead)| {
                let mut out = lead.to_string();
                for (c, (upper, n)) in scheme.chars().zip(flips) {
                    out.push(if upper { c.to_ascii_uppercase() } else { c });
                    out.push_str(n);
                }
                out
            })
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn script_schemes_never_pass(
            scheme in prop_oneof![obfuscated("javascript"), obfuscated("vbscript"), obfuscated("data:text/html")],
            rest in ".{0,24}",
            is_image in any::<bool>(),
        ) {
            let url = format!("{scheme}:{rest}");
            prop_assert!(!url_allowed(&url, is_image), "{url:?}");
            // In a srcset, whitespace ends the URL ("javascri pt:" is the
            // harmless relative URL "javascri"), so only whole schemes count there.
            if !url.contains(|c: char| c.is_ascii_whitespace()) {
                let srcset = format!("a.jpg 1x, {url} 2x");
                prop_assert!(!srcset_allowed(&srcset), "{:?}", srcset);
            }
        }

        #[test]
        fn svg_and_non_image_data_urls_never_pass(prefix in obfuscated("data:image/svg"), rest in ".{0,16}") {
            let svg = format!("{prefix}{rest}");
            prop_assert!(!url_allowed(&svg, true), "{:?}", svg);
            let png = format!("data:image/png;base64,{rest}");
            prop_assert!(!url_allowed(&png, false), "{:?}", png);
        }

        #[test]
        fn event_handlers_never_pass(tag in "[a-z]{1,8}", name in "on[a-z]{0,12}") {
            prop_assert!(!attribute_allowed(&tag, &name));
        }

        #[test]
        fn policy_is_total(tag in ".{0,12}", attr in ".{0,12}", value in ".{0,40}") {
            let _ = element_action(&tag);
            let _ = attribute_allowed(&tag, &attr);
            let _ = url_allowed(&value, true);
            let _ = srcset_allowed(&value);
        }
    }
}
