//! The sanitizer *policy*: which elements, attributes and URLs survive, how
//! URLs are resolved, which iframes may stay and how links open.
//!
//! The policy is pure and tested natively; `web::sanitize_dom` applies it to a
//! tree parsed by the browser's own `DOMParser` (see that module for why the
//! browser's parser and not a Rust one, with the measured size cost).

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

/// Elements kept, with their attributes filtered.
pub const KEEP: &[&str] = &[
    "p",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "q",
    "cite",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "small",
    "sub",
    "sup",
    "mark",
    "abbr",
    "code",
    "pre",
    "kbd",
    "a",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "dl",
    "dt",
    "dd",
    "time",
    "span",
    "div",
];

/// Elements removed with everything inside them. (`iframe` is kept instead
/// when its host is allowed: see [`Policy::iframe_src`].)
pub const REMOVE: &[&str] = &[
    "script",
    "style",
    "object",
    "embed",
    "form",
    "base",
    "meta",
    "link",
    "iframe",
    "frame",
    "frameset",
    "noscript",
    "template",
    "svg",
    "math",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "applet",
    "audio",
    "video",
    "canvas",
    "dialog",
    "title",
    "head",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
];

/// Every attribute [`attribute_allowed`] keeps on some element, for walkers
/// that need the list up front (ammonia, on the server).
pub const ATTRIBUTES: &[&str] = &[
    "title", "lang", "dir", "href", "alt", "width", "height", "loading", "decoding", "src", "srcset", "sizes",
    "datetime", "cite", "colspan", "rowspan", "scope", "start", "reversed",
];

/// Decides the fate of an element by its lower-case tag name. Anything not
/// kept or removed is unwrapped: an article has one `h1` (the headline), so a
/// body `h1` is unwrapped too, as are `section`, `font` and unknown tags.
pub fn element_action(tag: &str) -> ElementAction {
    if KEEP.contains(&tag) {
        ElementAction::Keep
    } else if REMOVE.contains(&tag) {
        ElementAction::Remove
    } else {
        ElementAction::Unwrap
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

/// Everything the DOM walker needs besides the fixed allowlists.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Policy {
    /// Absolute URL relative `src`/`href`/`srcset` values resolve against (the API URL).
    pub base: String,
    /// Origin of the page itself (`https://site.ro`): links elsewhere are external.
    pub page_origin: String,
    /// Hosts whose iframes may stay (config `iframe_hosts`); empty removes every iframe.
    pub iframe_hosts: Vec<String>,
    /// `target` for external links (config `link_target`); empty sets none.
    pub link_target: String,
}

/// The `sandbox` every allowed iframe gets: enough for a video player, never
/// top navigation, forms or the page's own origin (see [`Policy::iframe_src`]).
pub const IFRAME_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";

impl Policy {
    /// Resolves a URL attribute value against the API URL.
    pub fn resolve(&self, value: &str) -> String {
        if self.base.is_empty() {
            return value.trim().to_owned();
        }
        crate::model::resolve_url(&self.base, value)
    }

    /// Resolves every candidate URL of a `srcset`, keeping the descriptors.
    pub fn resolve_srcset(&self, value: &str) -> String {
        value
            .split(',')
            .filter_map(|cand| {
                let mut parts = cand.split_whitespace();
                let url = parts.next()?;
                let rest: Vec<&str> = parts.collect();
                let url = self.resolve(url);
                Some(if rest.is_empty() {
                    url
                } else {
                    format!("{url} {}", rest.join(" "))
                })
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether a resolved URL points away from the page's origin.
    pub fn is_external(&self, resolved: &str) -> bool {
        match (origin_of(resolved), origin_of(&self.page_origin)) {
            (Some(a), Some(b)) => !a.eq_ignore_ascii_case(b),
            // mailto:, tel: and the like open elsewhere too.
            (None, _) => resolved.contains(':'),
            (Some(_), None) => true,
        }
    }

    /// The resolved `src` of an iframe that may stay, or `None` to remove it:
    /// `https` only, host exactly on the allowlist, and never the page's own
    /// host (a same-origin frame with `allow-scripts allow-same-origin` could
    /// lift its own sandbox).
    pub fn iframe_src(&self, src: &str) -> Option<String> {
        if self.iframe_hosts.is_empty() || !url_allowed(src, false) {
            return None;
        }
        let resolved = self.resolve(src);
        let rest = resolved.strip_prefix("https://")?;
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        if authority.contains('@') {
            return None;
        }
        let host = authority.split(':').next().unwrap_or_default().to_ascii_lowercase();
        let page_host = host_of(&self.page_origin).map(str::to_ascii_lowercase);
        let listed = self.iframe_hosts.iter().any(|h| h.trim().eq_ignore_ascii_case(&host));
        (listed && page_host.as_deref() != Some(host.as_str())).then_some(resolved)
    }
}

/// `scheme://authority` of an absolute URL.
fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty() || !scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&url[..scheme.len() + 3 + end])
}

/// Host (without port or credentials) of an absolute URL.
fn host_of(url: &str) -> Option<&str> {
    let o = origin_of(url)?;
    let authority = &o[o.find("://")? + 3..];
    let authority = authority.rsplit('@').next()?;
    authority.split(':').next()
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
        assert_eq!(element_action("section"), ElementAction::Unwrap);
        assert!(KEEP.iter().all(|t| !REMOVE.contains(t)));
    }

    #[test]
    fn the_attribute_list_is_everything_allowed() {
        let probe = [
            "onclick",
            "style",
            "class",
            "id",
            "name",
            "srcdoc",
            "formaction",
            "xmlns",
            "data-x",
        ];
        for tag in KEEP {
            for a in probe {
                assert!(!attribute_allowed(tag, a), "{tag} {a}");
            }
            for a in ATTRIBUTES.iter().filter(|a| attribute_allowed(tag, a)) {
                assert!(ATTRIBUTES.contains(a));
            }
        }
        for a in ATTRIBUTES {
            assert!(KEEP.iter().any(|t| attribute_allowed(t, a)), "{a} is allowed nowhere");
        }
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

    fn policy(hosts: &[&str]) -> Policy {
        Policy {
            base: "https://api.ziar.ro/wp-json/wp/v2/".into(),
            page_origin: "https://ziar.ro".into(),
            iframe_hosts: hosts.iter().map(|h| h.to_string()).collect(),
            link_target: "_blank".into(),
        }
    }

    #[test]
    fn relative_urls_resolve_against_the_api() {
        let p = policy(&[]);
        assert_eq!(p.resolve("/media/a.svg"), "https://api.ziar.ro/media/a.svg");
        assert_eq!(p.resolve("poza.png"), "https://api.ziar.ro/wp-json/wp/v2/poza.png");
        assert_eq!(
            p.resolve_srcset("a.png 1x, /b.png 2x"),
            "https://api.ziar.ro/wp-json/wp/v2/a.png 1x, https://api.ziar.ro/b.png 2x"
        );
        assert!(p.is_external("https://api.ziar.ro/x"));
        assert!(!p.is_external("https://ziar.ro/articol/x"));
        assert!(!p.is_external("HTTPS://ZIAR.RO/articol/x"));
        assert!(p.is_external("mailto:a@b.ro"));
    }

    #[test]
    fn iframes_need_an_allowlisted_https_host() {
        assert_eq!(policy(&[]).iframe_src("https://video.example/embed/1"), None);
        let p = policy(&["video.example"]);
        assert_eq!(
            p.iframe_src("https://video.example/embed/1").as_deref(),
            Some("https://video.example/embed/1")
        );
        assert_eq!(
            p.iframe_src("https://VIDEO.example:443/e").as_deref(),
            Some("https://VIDEO.example:443/e")
        );
        for bad in [
            "http://video.example/embed/1",
            "https://video.example.evil.ro/",
            "https://evil.ro/?video.example",
            "https://video.example@evil.ro/",
            "javascript:alert(1)//video.example",
            "data:text/html,video.example",
            "//evil.ro/video.example",
        ] {
            assert_eq!(p.iframe_src(bad), None, "{bad}");
        }
        // Never the page's own host, even if listed.
        assert_eq!(policy(&["ziar.ro"]).iframe_src("https://ziar.ro/x"), None);
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
