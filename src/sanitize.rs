//! The sanitizer *policy*: which elements, attributes and URLs survive, how
//! URLs are resolved, which iframes may stay and how links open.
//!
//! The policy is pure and tested natively; `web::sanitize_dom` applies it to a
//! tree parsed by the browser's own `DOMParser` (see that module for why the
//! browser's parser and not a Rust one, with the measured size cost). A walker
//! needs only [`element_action`] per element and [`Policy::attribute_value`] per
//! attribute (with one [`Ids`] per body), plus the link and image extras in
//! `web::sanitize_dom::clean_attributes`.
//!
//! # Links inside an article
//!
//! * Ids survive under [`ID_PREFIX`] (`id="fn1"` → `id="ziar-c-fn1"`), the first
//!   of a repeated id only: a body can then never clobber the page's own ids
//!   (`main`, `ziar-recent`) or the named properties `window` and `document`
//!   expose for ids.
//! * `#fragment` links, and links to the post's own URL with a fragment, point
//!   at the page showing the body ([`Policy::page_url`]) with the prefixed id, so
//!   they scroll within the article, with or without the app's script (`<base
//!   href>` would send a bare `#x` to the home page). [`fragment_target`] tells
//!   the click handler which id a link scrolls to.
//! * Links to other posts of the same site open in the app ([`PostLinks`]).

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
    "title", "lang", "dir", "id", "href", "alt", "width", "height", "loading", "decoding", "src", "srcset", "sizes",
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
        // `id` only through `Ids::claim` (prefixed, first one wins).
        "title" | "lang" | "dir" | "id" => true,
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
    /// The URL of the page the body is shown on, without its fragment: in-article
    /// links become `{page_url}#ziar-c-…`. Empty leaves them as bare `#ziar-c-…`.
    pub page_url: String,
    /// The post's own URL (`link`): a link to it with a fragment stays in the article.
    pub own_url: Option<String>,
    /// Other posts of the source's site, opened in the app; `None` keeps them as
    /// they are (widgets: links leave for the site, like their post links).
    pub posts: Option<PostLinks>,
}

/// The `sandbox` every allowed iframe gets: enough for a video player, never
/// top navigation, forms or the page's own origin (see [`Policy::iframe_src`]).
pub const IFRAME_SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation allow-popups";

impl Policy {
    /// The value an allowed attribute keeps, or `None` to drop it: the one
    /// per-attribute decision every walker makes (the DOM walk here, a server-side
    /// one). `ids` holds the ids already given out in this body.
    pub fn attribute_value(&self, tag: &str, attr: &str, value: &str, ids: &mut Ids) -> Option<String> {
        if !attribute_allowed(tag, attr) {
            return None;
        }
        match attr {
            "href" => self.rewrite_href(value),
            "cite" => url_allowed(value, false).then(|| self.resolve(value)),
            "src" => url_allowed(value, true).then(|| self.resolve(value)),
            "srcset" => srcset_allowed(value).then(|| self.resolve_srcset(value)),
            "id" => ids.claim(value),
            _ => Some(value.to_owned()),
        }
    }

    /// Where a link goes, or `None` to drop its `href` (a dangerous URL, a bare
    /// `#`, a fragment no id could have). In-article fragments point at
    /// [`Policy::page_url`] with the prefixed id; links to other posts of the
    /// site at the app's article route ([`PostLinks`]); anything else resolves
    /// against the API URL. Applying it to its own output changes nothing.
    pub fn rewrite_href(&self, value: &str) -> Option<String> {
        if !url_allowed(value, false) {
            return None;
        }
        let value = value.trim_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
        if let Some(fragment) = value.strip_prefix('#') {
            return self.fragment_href(&self.page_url, fragment);
        }
        let resolved = self.resolve(value);
        let (url, fragment) = match resolved.split_once('#') {
            Some((u, f)) => (u, Some(f).filter(|f| !f.is_empty())),
            None => (resolved.as_str(), None),
        };
        let this_article = (!self.page_url.is_empty() && same_url(url, &self.page_url))
            || self.own_url.as_deref().is_some_and(|own| same_url(url, own));
        if let (true, Some(f)) = (this_article, fragment) {
            return self.fragment_href(&self.page_url, f);
        }
        if let Some(route) = self.posts.as_ref().and_then(|p| p.route_for(url)) {
            return Some(match fragment {
                Some(f) => self.fragment_href(&route, f).unwrap_or(route),
                None => route,
            });
        }
        Some(resolved)
    }

    /// `{page}#{prefixed fragment}`, or `None` when `fragment` names no possible
    /// id. The fragment stays as written (percent-escapes too): the browser, and
    /// the click handler after it, decode it when looking for the id.
    fn fragment_href(&self, page: &str, fragment: &str) -> Option<String> {
        Some(format!("{page}#{}", rewrite_id(fragment)?))
    }

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
            // mailto:, tel: and the like open elsewhere too; a bare `#fragment` does not.
            (None, _) => !resolved.starts_with('#') && resolved.contains(':'),
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

/// Prefix of every id in a sanitized body. The app's own ids never start with it.
pub const ID_PREFIX: &str = "ziar-c-";

/// Longer ids are dropped (no real anchor needs more).
const MAX_ID_LEN: usize = 200;

/// The id an element of a body gets for the source's `id`: prefixed with
/// [`ID_PREFIX`] (kept as is when it already is, so a second pass changes
/// nothing), or `None` for an empty, over-long or whitespace-holding value.
pub fn rewrite_id(id: &str) -> Option<String> {
    if id.is_empty() || id.len() > MAX_ID_LEN || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(if id.starts_with(ID_PREFIX) {
        id.to_owned()
    } else {
        format!("{ID_PREFIX}{id}")
    })
}

/// The ids given out in one body: the first element with an id keeps it, a
/// repeat loses it, so the page never holds the same id twice. (A list, not a
/// set: a body has tens of ids, and a `HashSet<String>` cost the wasm ~1 KB.)
#[derive(Debug, Default, Clone)]
pub struct Ids(Vec<String>);

impl Ids {
    /// The (prefixed) id for the next element in document order, if it may have one.
    pub fn claim(&mut self, id: &str) -> Option<String> {
        let id = rewrite_id(id)?;
        if self.0.contains(&id) {
            return None;
        }
        self.0.push(id.clone());
        Some(id)
    }
}

/// The fragment a click on a sanitized link scrolls to, when `href` (its
/// attribute as written) points within the body shown at `page_url`; `None` for
/// any other link. As in a URL: the id is this text, or it percent-decoded.
pub fn fragment_target<'a>(href: &'a str, page_url: &str) -> Option<&'a str> {
    let (url, fragment) = href.split_once('#')?;
    (url == page_url && fragment.starts_with(ID_PREFIX)).then_some(fragment)
}

/// Whether two absolute URLs (no fragment) name the same page: the origin in
/// any case, a trailing slash or not.
fn same_url(a: &str, b: &str) -> bool {
    match (origin_of(a), origin_of(b)) {
        (Some(oa), Some(ob)) => {
            oa.eq_ignore_ascii_case(ob) && a[oa.len()..].trim_end_matches('/') == b[ob.len()..].trim_end_matches('/')
        }
        _ => false,
    }
}

/// Links to other posts of the source's site, for opening them in the app.
///
/// The rule comes from the post's own `link`: permalinks end in the slug
/// (WordPress `/%postname%/`, `/%year%/%monthnum%/%day%/%postname%/`,
/// `/%category%/%postname%/`, `/archives/%post_id%`; Ghost `/{slug}/`). A link
/// on the same origin whose path has the same shape (the same literal segments,
/// digits where the post's link has digits of that length, any term where it
/// has one of its categories, a slug-like last segment) is another post, and
/// opens at the app's `/articol/<last segment>`. WordPress's plain `?p=<id>`
/// on the site's home (from the API URL or the post's origin) opens at
/// `/articol/<id>`, which the app looks up by id. Everything else (archives,
/// pages of another shape, files, any other query) stays a link to the site.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PostLinks {
    /// The app's article route, absolute (`https://ziar.ro/news/articol/`).
    route: String,
    /// `scheme://authority` of the post's link.
    origin: String,
    /// The post link's path segments; empty when its shape cannot be told.
    shape: Vec<Segment>,
    /// `scheme://authority/path/` of the site's home, where `?p=` links live.
    homes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Segment {
    /// The last segment: the slug (or the id, `numeric`).
    Key { numeric: bool },
    /// Digits of this length (`%year%`, `%monthnum%`, `%day%`).
    Digits(usize),
    /// One of the post's categories (`%category%`): any term in other posts.
    Term,
    /// Fixed text (`archives`, `blog`).
    Literal(String),
}

/// First segments and slugs of WordPress's own archives and endpoints: never a post.
const RESERVED: &[&str] = &[
    "wp-admin",
    "wp-content",
    "wp-includes",
    "wp-json",
    "category",
    "tag",
    "author",
    "page",
    "feed",
    "search",
    "comments",
    "embed",
    "amp",
    "trackback",
    "attachment",
];

impl PostLinks {
    /// The rule for the site of `post`, whose API is at `api_url` (absolute);
    /// `route` is the app's article route as an absolute URL ending in `/`.
    pub fn new(api_url: &str, post: &crate::model::Post, route: String) -> PostLinks {
        let mut links = PostLinks {
            route,
            ..PostLinks::default()
        };
        // The WordPress home: before `wp-json/`, or the URL of `?rest_route=`.
        if let Some(origin) = origin_of(api_url) {
            let path = api_url[origin.len()..].split(['?', '#']).next().unwrap_or_default();
            let home = match path.find("/wp-json") {
                Some(i) => Some(&path[..=i]),
                None => api_url.contains("rest_route=").then_some(path),
            };
            if let Some(home) = home {
                links
                    .homes
                    .push(format!("{origin}{}", if home.is_empty() { "/" } else { home }));
            }
        }
        let Some(url) = post.url.as_deref() else { return links };
        let Some(origin) = origin_of(url) else { return links };
        links.origin = origin.to_owned();
        links.homes.push(format!("{origin}/"));
        let rest = url[origin.len()..].split('#').next().unwrap_or_default();
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if !query.is_empty() {
            // Plain permalinks (`/?p=123`): that path is the home.
            links.homes.push(format!("{origin}{path}"));
            return links;
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let Some((last, before)) = segments.split_last() else {
            return links;
        };
        // Non-ASCII slugs are percent-encoded in both (`%c8%99tiri`), the hex in either case.
        let slug = post.slug.as_deref().unwrap_or_default();
        let key = if !slug.is_empty() && last.eq_ignore_ascii_case(slug) {
            Segment::Key { numeric: false }
        } else if *last == post.id && is_digits(last) {
            Segment::Key { numeric: true }
        } else {
            return links;
        };
        let is_term = |s: &str| {
            post.categories
                .iter()
                .filter_map(|c| c.slug.as_deref())
                .any(|c| c.eq_ignore_ascii_case(s))
        };
        links.shape = before
            .iter()
            .map(|s| match s {
                s if is_digits(s) => Segment::Digits(s.len()),
                s if is_term(s) => Segment::Term,
                s => Segment::Literal(s.to_ascii_lowercase()),
            })
            .chain(std::iter::once(key))
            .collect();
        links
    }

    /// The app URL for `url` (absolute, without fragment) when it is a post of
    /// the site; `None` otherwise.
    pub fn route_for(&self, url: &str) -> Option<String> {
        // A widget has no app to open posts in (its policy has no `PostLinks`):
        // saying so at compile time drops this code from the widget's wasm.
        if cfg!(feature = "embed") {
            return None;
        }
        let origin = origin_of(url)?;
        let rest = &url[origin.len()..];
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        if !query.is_empty() {
            let here = format!("{origin}{}", path.strip_suffix("index.php").unwrap_or(path));
            let home = self.homes.iter().any(|h| same_url(h, &here));
            let id = query.strip_prefix("p=").filter(|id| is_digits(id))?;
            return home.then(|| format!("{}{id}", self.route));
        }
        if self.shape.is_empty() || !origin.eq_ignore_ascii_case(&self.origin) {
            return None;
        }
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.len() != self.shape.len() {
            return None;
        }
        let reserved = |s: &str| RESERVED.iter().any(|r| r.eq_ignore_ascii_case(s));
        let mut key = None;
        for (s, shape) in segments.iter().zip(&self.shape) {
            let fits = match shape {
                Segment::Key { numeric } => {
                    key = Some(*s);
                    !s.contains('.') && !reserved(s) && (!numeric || is_digits(s))
                }
                Segment::Digits(n) => s.len() == *n && is_digits(s),
                Segment::Term => !s.contains('.') && !reserved(s),
                Segment::Literal(l) => s.eq_ignore_ascii_case(l),
            };
            if !fits {
                return None;
            }
        }
        key.map(|k| format!("{}{k}", self.route))
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `scheme://authority` of an absolute URL.
pub(crate) fn origin_of(url: &str) -> Option<&str> {
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
            ..Policy::default()
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
        assert!(!p.is_external("#ziar-c-fn:1"));
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

#[cfg(test)]
mod link_tests {
    use super::*;
    use crate::model::{Post, Term};

    const PAGE: &str = "https://ziar.ro/news/articol/zilele";
    const ROUTE: &str = "https://ziar.ro/news/articol/";

    fn post(url: &str, slug: &str, categories: &[&str]) -> Post {
        Post {
            id: "123".into(),
            slug: Some(slug.into()),
            url: Some(url.into()),
            categories: categories
                .iter()
                .map(|c| Term {
                    slug: Some((*c).into()),
                    ..Term::default()
                })
                .collect(),
            ..Post::default()
        }
    }

    fn policy_for(p: &Post, api: &str) -> Policy {
        Policy {
            base: api.into(),
            page_origin: "https://ziar.ro".into(),
            link_target: "_blank".into(),
            page_url: PAGE.into(),
            own_url: p.url.clone(),
            posts: Some(PostLinks::new(api, p, ROUTE.into())),
            ..Policy::default()
        }
    }

    fn dated() -> Policy {
        let p = post("https://news.example/2026/11/27/zilele/", "zilele", &["cultura"]);
        policy_for(&p, "https://news.example/wp-json/wp/v2/")
    }

    #[test]
    fn ids_are_prefixed_once_and_given_out_once() {
        assert_eq!(rewrite_id("fn1").as_deref(), Some("ziar-c-fn1"));
        assert_eq!(rewrite_id("ziar-c-fn1").as_deref(), Some("ziar-c-fn1"));
        assert_eq!(rewrite_id("main").as_deref(), Some("ziar-c-main"));
        assert_eq!(rewrite_id("__proto__").as_deref(), Some("ziar-c-__proto__"));
        assert_eq!(
            rewrite_id("javascript:alert(1)").as_deref(),
            Some("ziar-c-javascript:alert(1)")
        );
        for bad in ["", "a b", "a\tb", "a\u{0}", &"x".repeat(201)] {
            assert_eq!(rewrite_id(bad), None, "{bad:?}");
        }
        let mut ids = Ids::default();
        assert_eq!(ids.claim("x").as_deref(), Some("ziar-c-x"));
        assert_eq!(ids.claim("x"), None, "a repeated id is dropped");
        assert_eq!(ids.claim("ziar-c-x"), None, "the same id once prefixed");
        assert_eq!(ids.claim("y").as_deref(), Some("ziar-c-y"));
    }

    #[test]
    fn fragments_point_at_the_page_showing_the_article() {
        let p = dated();
        assert_eq!(
            p.rewrite_href("#fn1").as_deref(),
            Some("https://ziar.ro/news/articol/zilele#ziar-c-fn1")
        );
        assert_eq!(
            p.rewrite_href(" #fn1 ").as_deref(),
            Some("https://ziar.ro/news/articol/zilele#ziar-c-fn1")
        );
        // Escapes stay as written: the browser decodes a fragment when it looks for the id.
        assert_eq!(
            p.rewrite_href("#%C8%99tiri").as_deref(),
            Some("https://ziar.ro/news/articol/zilele#ziar-c-%C8%99tiri")
        );
        assert_eq!(
            p.rewrite_href("#știri").as_deref(),
            Some("https://ziar.ro/news/articol/zilele#ziar-c-știri")
        );
        // The post's own permalink, with or without its slash, is this article too.
        for own in [
            "https://news.example/2026/11/27/zilele/#h-program",
            "https://NEWS.example/2026/11/27/zilele#h-program",
        ] {
            assert_eq!(
                p.rewrite_href(own).as_deref(),
                Some("https://ziar.ro/news/articol/zilele#ziar-c-h-program"),
                "{own}"
            );
        }
        // A bare `#`, or a fragment no id can have: no href at all.
        for none in ["#", "#a b", "# ", "javascript:alert(1)", "#\u{0}"] {
            assert_eq!(p.rewrite_href(none), None, "{none:?}");
        }
        // No page URL (a default policy): a bare fragment.
        let bare = Policy::default();
        assert_eq!(bare.rewrite_href("#x").as_deref(), Some("#ziar-c-x"));
    }

    #[test]
    fn rewriting_twice_changes_nothing() {
        let p = dated();
        for href in [
            "#fn1",
            "#%C8%99tiri",
            "#a%25b",
            "#a\"b",
            "https://news.example/2026/11/25/alta-stire/",
            "https://news.example/2026/11/25/alta-stire/#h-x",
            "https://news.example/?p=77",
            "https://alt.example/x#y",
            "/media/a.png",
            "mailto:a@b.ro",
        ] {
            let once = p.rewrite_href(href).expect(href);
            assert_eq!(p.rewrite_href(&once).as_deref(), Some(once.as_str()), "{href}");
        }
    }

    #[test]
    fn click_targets_are_in_article_links_only() {
        let p = dated();
        let href = p.rewrite_href("#%C8%99tiri").unwrap();
        assert_eq!(fragment_target(&href, PAGE), Some("ziar-c-%C8%99tiri"));
        assert_eq!(
            fragment_target(&p.rewrite_href("#a#b").unwrap(), PAGE),
            Some("ziar-c-a#b")
        );
        assert_eq!(
            fragment_target("https://ziar.ro/news/articol/alta#ziar-c-x", PAGE),
            None
        );
        assert_eq!(fragment_target(PAGE, PAGE), None);
        assert_eq!(fragment_target(&format!("{PAGE}#main"), PAGE), None, "not a body id");
        assert_eq!(fragment_target("#ziar-c-x", ""), Some("ziar-c-x"));
    }

    #[test]
    fn other_posts_of_a_dated_permalink_site_open_in_the_app() {
        let p = dated();
        let r = |u: &str| p.rewrite_href(u);
        assert_eq!(
            r("https://news.example/2026/11/25/alta-stire/").as_deref(),
            Some("https://ziar.ro/news/articol/alta-stire")
        );
        assert_eq!(
            r("https://news.example/2019/01/02/veche").as_deref(),
            Some("https://ziar.ro/news/articol/veche")
        );
        assert_eq!(
            r("https://news.example/2026/11/25/alta-stire/#cuprins").as_deref(),
            Some("https://ziar.ro/news/articol/alta-stire#ziar-c-cuprins")
        );
        assert_eq!(
            r("https://news.example/?p=77").as_deref(),
            Some("https://ziar.ro/news/articol/77")
        );
        assert_eq!(
            r("https://news.example/index.php?p=77").as_deref(),
            Some("https://ziar.ro/news/articol/77")
        );
        // Not posts: archives, files, other shapes, other queries, other sites.
        for stays in [
            "https://news.example/2026/11/",
            "https://news.example/2026/11/27/zilele/feed/",
            "https://news.example/category/cultura/",
            "https://news.example/2026/11/27/harta.pdf",
            "https://news.example/26/11/27/x/",
            "https://news.example/2026/11/25/alta-stire/?amp=1",
            "https://news.example/?page_id=5",
            "https://news.example/?p=abc",
            "https://other.example/2026/11/25/alta-stire/",
            "http://news.example:8080/2026/11/25/alta-stire/",
        ] {
            assert_eq!(r(stays).as_deref(), Some(stays), "{stays}");
        }
        // Relative links resolve against the API first.
        assert_eq!(
            r("/2026/11/25/alta-stire/").as_deref(),
            Some("https://ziar.ro/news/articol/alta-stire")
        );
    }

    #[test]
    fn other_permalink_shapes() {
        // /%category%/%postname%/: any term in place of the category, never an archive base.
        let p = policy_for(
            &post("https://news.example/cultura/zilele/", "zilele", &["cultura"]),
            "https://news.example/wp-json/wp/v2/",
        );
        assert_eq!(
            p.rewrite_href("https://news.example/sport/derby/").as_deref(),
            Some("https://ziar.ro/news/articol/derby")
        );
        for stays in [
            "https://news.example/tag/derby/",
            "https://news.example/author/ana/",
            "https://news.example/derby/",
        ] {
            assert_eq!(p.rewrite_href(stays).as_deref(), Some(stays), "{stays}");
        }
        // /archives/%post_id%: numeric keys only.
        let p = policy_for(
            &post("https://news.example/archives/123", "zilele", &[]),
            "https://news.example/wp-json/wp/v2/",
        );
        assert_eq!(
            p.rewrite_href("https://news.example/archives/77").as_deref(),
            Some("https://ziar.ro/news/articol/77")
        );
        assert_eq!(
            p.rewrite_href("https://news.example/archives/despre").as_deref(),
            Some("https://news.example/archives/despre")
        );
        // Plain permalinks in a subfolder: the home comes from the API URL.
        let p = policy_for(
            &post("https://news.example/blog/?p=123", "zilele", &[]),
            "https://news.example/blog/wp-json/wp/v2/",
        );
        assert_eq!(
            p.rewrite_href("https://news.example/blog/?p=9").as_deref(),
            Some("https://ziar.ro/news/articol/9")
        );
        assert_eq!(
            p.rewrite_href("https://news.example/?p=9").as_deref(),
            Some("https://ziar.ro/news/articol/9"),
            "the post's origin is a home too"
        );
        // A link that doesn't end in its slug: no shape, only ?p= links.
        let p = policy_for(
            &post("https://news.example/s/8f3a", "zilele", &[]),
            "https://news.example/wp-json/wp/v2/",
        );
        assert_eq!(
            p.rewrite_href("https://news.example/s/8f3b").as_deref(),
            Some("https://news.example/s/8f3b")
        );
        // No PostLinks (widgets): links to posts stay links to the site.
        let p = Policy { posts: None, ..dated() };
        assert_eq!(
            p.rewrite_href("https://news.example/2026/11/25/alta-stire/").as_deref(),
            Some("https://news.example/2026/11/25/alta-stire/")
        );
    }

    #[test]
    fn the_demo_newsrooms_links_open_in_the_app_at_a_subpath() {
        // The demo serves posts at {base}/articol/{slug}; the app is at /news/ on another origin.
        let p = policy_for(
            &post("http://127.0.0.1:4000/articol/zilele", "zilele", &["cultura"]),
            "http://127.0.0.1:4000/wp-json/wp/v2/",
        );
        assert_eq!(
            p.rewrite_href("http://127.0.0.1:4000/articol/festivalul").as_deref(),
            Some("https://ziar.ro/news/articol/festivalul")
        );
        assert_eq!(
            p.rewrite_href("http://127.0.0.1:4000/categorie/sport").as_deref(),
            Some("http://127.0.0.1:4000/categorie/sport")
        );
    }

    #[test]
    fn attributes_go_through_one_decision() {
        let p = dated();
        let mut ids = Ids::default();
        let mut v = |tag: &str, attr: &str, value: &str| p.attribute_value(tag, attr, value, &mut ids);
        assert_eq!(v("h2", "id", "h-program").as_deref(), Some("ziar-c-h-program"));
        assert_eq!(v("p", "id", "h-program"), None, "a repeat");
        assert_eq!(v("a", "name", "x"), None);
        assert_eq!(v("a", "onclick", "x"), None);
        assert_eq!(v("a", "href", "#"), None);
        assert_eq!(v("img", "src", "javascript:x"), None);
        assert_eq!(
            v("img", "src", "a.png").as_deref(),
            Some("https://news.example/wp-json/wp/v2/a.png")
        );
        assert_eq!(v("q", "cite", "/x").as_deref(), Some("https://news.example/x"));
        assert_eq!(v("p", "title", "t").as_deref(), Some("t"));
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
        fn hrefs_are_safe_and_stable(value in prop_oneof![".{0,40}", "#.{0,20}", "https://news\\.example/[0-9/a-z?=#.%]{0,30}"]) {
            let p = Policy {
                base: "https://news.example/wp-json/wp/v2/".into(),
                page_url: "https://ziar.ro/articol/x".into(),
                posts: Some(PostLinks::new(
                    "https://news.example/wp-json/wp/v2/",
                    &crate::model::Post { id: "1".into(), slug: Some("x".into()), url: Some("https://news.example/2026/01/02/x/".into()), ..Default::default() },
                    "https://ziar.ro/articol/".into(),
                )),
                ..Policy::default()
            };
            if let Some(once) = p.rewrite_href(&value) {
                prop_assert!(url_allowed(&once, false), "{:?} -> {:?}", value, once);
                prop_assert_eq!(p.rewrite_href(&once), Some(once.clone()), "{:?}", value);
                if let Some(id) = fragment_target(&once, &p.page_url) {
                    prop_assert!(id.starts_with(ID_PREFIX));
                    prop_assert!(!id.contains(|c: char| c.is_whitespace() || c.is_control()));
                }
            }
        }

        #[test]
        fn ids_are_always_prefixed_and_round_trip_through_hrefs(id in ".{0,30}") {
            if let Some(out) = rewrite_id(&id) {
                prop_assert!(out.starts_with(ID_PREFIX));
                let p = Policy { page_url: "https://ziar.ro/a".into(), ..Policy::default() };
                let href = p.fragment_href(&p.page_url, &id).expect("an id has a fragment");
                prop_assert_eq!(fragment_target(&href, &p.page_url), Some(out.as_str()));
            }
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
