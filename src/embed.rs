//! Custom-element attributes → a validated [`Config`] (and the few values a
//! widget needs beyond it), for the embed build's `<ziar-…>` elements.
//!
//! Pure and host-tested: the browser side only collects `(name, value)` pairs
//! and shows the error text this returns. Attribute names are `config.json`
//! keys with `-` for `_` (`recent-count`, `poll-seconds`, `link-target`, …),
//! plus the short forms `count` and `poll`. Values go through the very same
//! `Config` validation as `config.json`, so the two can never disagree.

use crate::config::{Config, ConfigError};
use crate::share::{FollowLink, ShareConfig};
use crate::sources::mapping::Mapping;
use serde_json::Value;
use std::fmt;

/// Which element the attributes belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// `<ziar-recent-posts>`
    RecentPosts,
    /// `<ziar-share>`
    Share,
    /// `<ziar-article>`
    Article,
}

impl Widget {
    /// The element's tag name.
    pub fn tag(self) -> &'static str {
        match self {
            Widget::RecentPosts => "ziar-recent-posts",
            Widget::Share => "ziar-share",
            Widget::Article => "ziar-article",
        }
    }
}

/// Attributes that mean something to every HTML element; never ours.
const GLOBAL: &[&str] = &[
    "id",
    "class",
    "style",
    "part",
    "exportparts",
    "slot",
    "hidden",
    "lang",
    "dir",
    "tabindex",
    "role",
    "translate",
    "inert",
    "title",
];

/// `config.json` keys an attribute may set.
const KEYS: &[&str] = &[
    "api",
    "kind",
    "mapping",
    "locale",
    "site_name",
    "recent_count",
    "excerpt_chars",
    "page_size",
    "poll_seconds",
    "auto_insert",
    "push_url",
    "share",
    "follow",
    "iframe_hosts",
    "link_target",
    "timeout_seconds",
    "max_response_kb",
];

/// What a widget is mounted with.
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetConfig {
    /// The site configuration the element's attributes describe.
    pub cfg: Config,
    /// `<ziar-article slug>`: the post to show (a slug or an id).
    pub slug: Option<String>,
    /// `<ziar-share url>`: the URL shared (default: the host page's URL).
    pub url: Option<String>,
    /// `<ziar-share title>`: the title shared (default: the host page's title).
    pub title: Option<String>,
    /// `<ziar-share text>`: text for the share sheet (default: the title).
    pub text: Option<String>,
    /// Known attributes that have no effect on this element (a `count` on a
    /// `<ziar-share>`): accepted, so a shared attribute set works everywhere,
    /// and named in a console warning.
    pub ignored: Vec<String>,
}

impl WidgetConfig {
    fn new() -> WidgetConfig {
        WidgetConfig {
            cfg: Config::default(),
            slug: None,
            url: None,
            title: None,
            text: None,
            ignored: Vec::new(),
        }
    }

    /// The console warning for the ignored attributes, if any.
    pub fn ignored_warning(&self, widget: Widget) -> Option<String> {
        (!self.ignored.is_empty()).then(|| {
            format!(
                "<{}>: attribute(s) {} have no effect on this element",
                widget.tag(),
                self.ignored.join(", ")
            )
        })
    }
}

/// Why the attributes were refused; the text names the element and attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrError {
    /// The element's tag.
    pub tag: &'static str,
    /// The attribute at fault (empty when the whole set is at fault).
    pub attribute: String,
    /// What is wrong, in words a page author can act on.
    pub problem: String,
}

impl fmt::Display for AttrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.attribute.is_empty() {
            write!(f, "<{}>: {}", self.tag, self.problem)
        } else {
            write!(f, "<{}>: attribute `{}` {}", self.tag, self.attribute, self.problem)
        }
    }
}

impl std::error::Error for AttrError {}

/// The `config.json` key an attribute name stands for, if any.
fn config_key(name: &str) -> Option<&'static str> {
    let key = match name {
        "count" => "recent_count".to_owned(),
        "poll" => "poll_seconds".to_owned(),
        other => other.replace('-', "_"),
    };
    KEYS.iter().find(|k| **k == key).copied()
}

/// The attributes each element reads beyond the config keys.
fn own_attributes(widget: Widget) -> &'static [&'static str] {
    match widget {
        Widget::RecentPosts => &[],
        Widget::Share => &["url", "title", "text", "targets"],
        Widget::Article => &["slug"],
    }
}

/// Every attribute name an element reacts to (for `observedAttributes`).
pub fn observed_attributes(widget: Widget) -> Vec<String> {
    let mut out: Vec<String> = own_attributes(widget).iter().map(|s| (*s).to_owned()).collect();
    out.extend(KEYS.iter().map(|k| k.replace('_', "-")));
    out.extend(["count".to_owned(), "poll".to_owned()]);
    out
}

/// A whole number that fits the key's type.
fn int<T: TryFrom<u64>>(raw: &str) -> Result<T, String> {
    let n: u64 = raw
        .trim()
        .parse()
        .map_err(|_| format!("must be a whole number (got \"{raw}\")"))?;
    T::try_from(n).map_err(|_| format!("is too large (got \"{raw}\")"))
}

fn boolean(raw: &str) -> Result<bool, String> {
    match raw.trim() {
        // A present boolean attribute with no value means "on", as in HTML.
        "" | "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        _ => Err(format!("must be true or false (got \"{raw}\")")),
    }
}

/// A space- or comma-separated list.
fn list(raw: &str) -> Vec<String> {
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn json(raw: &str) -> Result<Value, String> {
    serde_json::from_str(raw.trim()).map_err(|e| format!("is not valid JSON: {e}"))
}

/// A `mapping` attribute's JSON (`null`: none), read as the derived
/// `Deserialize` reads `config.json`'s (host-tested to agree), without that
/// parser's code in the widget bundles.
fn mapping(v: &Value) -> Result<Option<Mapping>, String> {
    let fields = match v {
        Value::Null => return Ok(None),
        Value::Object(fields) => fields,
        _ => return Err("must be a JSON object of JSON Pointers".into()),
    };
    let mut m = Mapping::default();
    let (mut items, mut title) = (None, None);
    for (k, v) in fields {
        let text = match v {
            Value::String(s) => Some(s.clone()),
            Value::Null if !matches!(k.as_str(), "items" | "title") => None,
            _ => return Err(format!("is not valid: `{k}` must be a string")),
        };
        let slot = match k.as_str() {
            "items" => {
                items = text;
                continue;
            }
            "title" => {
                title = text;
                continue;
            }
            "id" => &mut m.id,
            "url" => &mut m.url,
            "slug" => &mut m.slug,
            "excerpt" => &mut m.excerpt,
            "content_html" => &mut m.content_html,
            "content_text" => &mut m.content_text,
            "published" => &mut m.published,
            "modified" => &mut m.modified,
            "author" => &mut m.author,
            "image" => &mut m.image,
            "image_alt" => &mut m.image_alt,
            "category" => &mut m.category,
            "tags" => &mut m.tags,
            "language" => &mut m.language,
            "source" => &mut m.source,
            "next" => &mut m.next,
            "total" => &mut m.total,
            "page_param" => &mut m.page_param,
            "per_page_param" => &mut m.per_page_param,
            _ => return Err(format!("is not valid: unknown field `{k}`")),
        };
        *slot = text;
    }
    m.items = items.ok_or("is not valid: missing field `items`")?;
    m.title = title.ok_or("is not valid: missing field `title`")?;
    Ok(Some(m))
}

/// A `follow` attribute's JSON, read as the derived `Deserialize` reads
/// `config.json`'s (host-tested to agree).
fn follow(v: &Value) -> Result<Vec<FollowLink>, String> {
    let list = v
        .as_array()
        .ok_or("must be a JSON list of {\"network\", \"url\"} objects")?;
    let mut out = Vec::with_capacity(list.len());
    for (i, link) in list.iter().enumerate() {
        let fields = link
            .as_object()
            .ok_or(format!("is not valid: entry {i} must be an object"))?;
        let (mut network, mut url, mut label) = (None, None, None);
        for (k, v) in fields {
            let text = match v {
                Value::String(s) => Some(s.clone()),
                Value::Null if k == "label" => None,
                _ => return Err(format!("is not valid: `follow[{i}].{k}` must be a string")),
            };
            match k.as_str() {
                "network" => network = text,
                "url" => url = text,
                "label" => label = text,
                _ => return Err(format!("is not valid: unknown field `{k}` in entry {i}")),
            }
        }
        out.push(FollowLink {
            network: network.ok_or(format!("is not valid: entry {i} lacks `network`"))?,
            url: url.ok_or(format!("is not valid: entry {i} lacks `url`"))?,
            label,
        });
    }
    Ok(out)
}

/// Sets a `config.json` key from its attribute text, if `key` is one of the
/// data source's (what both the list and the article read); `None` otherwise.
/// Typed straight into `Config`: the serde-derived `config.json` parser (about
/// 30 KB of wasm) is not in the widget bundles.
fn set_source(cfg: &mut Config, key: &str, raw: &str) -> Option<Result<(), String>> {
    let text = raw.trim().to_owned();
    match key {
        "api" => cfg.api = text,
        "kind" => cfg.kind = text,
        "locale" => cfg.locale = text,
        "link_target" => cfg.link_target = text,
        "mapping" => return Some(json(raw).and_then(|v| mapping(&v)).map(|m| cfg.mapping = m)),
        "timeout_seconds" => return Some(int(raw).map(|n| cfg.timeout_seconds = n)),
        "max_response_kb" => return Some(int(raw).map(|n| cfg.max_response_kb = n)),
        _ => return None,
    }
    Some(Ok(()))
}

/// The keys `<ziar-recent-posts>` reads.
fn set_list(cfg: &mut Config, key: &str, raw: &str) -> Option<Result<(), String>> {
    set_source(cfg, key, raw).or_else(|| {
        Some(match key {
            "recent_count" => int(raw).map(|n| cfg.recent_count = n),
            "excerpt_chars" => int(raw).map(|n| cfg.excerpt_chars = n),
            "poll_seconds" => int(raw).map(|n| cfg.poll_seconds = n),
            "auto_insert" => boolean(raw).map(|b| cfg.auto_insert = b),
            "push_url" => {
                cfg.push_url = Some(raw.trim().to_owned());
                Ok(())
            }
            _ => return None,
        })
    })
}

/// The keys `<ziar-article>` reads (with its share bar and follow-us block).
fn set_article(cfg: &mut Config, key: &str, raw: &str) -> Option<Result<(), String>> {
    set_source(cfg, key, raw).or_else(|| {
        Some(match key {
            "site_name" => {
                cfg.site_name = raw.trim().to_owned();
                Ok(())
            }
            "iframe_hosts" => {
                cfg.iframe_hosts = list(raw);
                Ok(())
            }
            "share" => json(raw)
                .and_then(|v| ShareConfig::from_value(&v))
                .map(|s| cfg.share = s),
            "follow" => json(raw).and_then(|v| follow(&v)).map(|f| cfg.follow = f),
            _ => return None,
        })
    })
}

/// Whether an attribute is one nobody reads: global HTML ones, `aria-*`, `data-*`.
fn global(name: &str) -> bool {
    GLOBAL.contains(&name) || name.starts_with("aria-") || name.starts_with("data-")
}

fn unknown(widget: Widget, name: &str) -> AttrError {
    AttrError {
        tag: widget.tag(),
        attribute: name.to_owned(),
        problem: format!("is not known (known: {})", observed_attributes(widget).join(", ")),
    }
}

/// Builds a widget's configuration from its attributes (`(name, value)` pairs,
/// names as the DOM reports them: lower case). Unknown attributes are refused
/// (a typo should not silently do nothing); global HTML attributes, `aria-*`
/// and `data-*` are left alone. Each element's bundle calls its own reader
/// (`list_config`, `article_config`, `share_config`), so it carries only the
/// parsing its element needs.
pub fn widget_config(widget: Widget, attrs: &[(String, String)]) -> Result<WidgetConfig, AttrError> {
    match widget {
        Widget::RecentPosts => list_config(attrs),
        Widget::Article => article_config(attrs),
        Widget::Share => share_config(attrs, &json),
    }
}

/// `<ziar-recent-posts>`'s attributes.
pub fn list_config(attrs: &[(String, String)]) -> Result<WidgetConfig, AttrError> {
    read(Widget::RecentPosts, attrs, set_list, |c| {
        c.validate_source()?;
        c.validate_list()
    })
}

/// `<ziar-article>`'s attributes.
pub fn article_config(attrs: &[(String, String)]) -> Result<WidgetConfig, AttrError> {
    read(Widget::Article, attrs, set_article, |c| {
        c.validate_source()?;
        c.validate_article()
    })
}

/// Reads the attributes of an element that talks to an API: `set` types the
/// config keys it uses, `check` holds them to `config.json`'s validation.
fn read(
    widget: Widget,
    attrs: &[(String, String)],
    set: fn(&mut Config, &str, &str) -> Option<Result<(), String>>,
    check: fn(&Config) -> Result<(), ConfigError>,
) -> Result<WidgetConfig, AttrError> {
    let tag = widget.tag();
    let mut out = WidgetConfig::new();
    // Attribute names per config key, so a config error names what the author wrote.
    let mut written: Vec<(&'static str, String)> = Vec::new();
    let mut cfg = Config::default();
    for (name, raw) in attrs {
        let name = name.to_ascii_lowercase();
        let err = |problem: String| AttrError {
            tag,
            attribute: name.clone(),
            problem,
        };
        if own_attributes(widget).contains(&name.as_str()) {
            // `slug`, the one own attribute of these elements.
            out.slug = Some(raw.trim().to_owned()).filter(|v| !v.is_empty());
            continue;
        }
        if let Some(key) = config_key(&name) {
            match set(&mut cfg, key, raw) {
                Some(r) => {
                    r.map_err(err)?;
                    written.push((key, name.clone()));
                }
                None => out.ignored.push(name.clone()),
            }
            continue;
        }
        if !global(&name) {
            return Err(unknown(widget, &name));
        }
    }
    if !written.iter().any(|(k, _)| *k == "api") {
        return Err(AttrError {
            tag,
            attribute: "api".into(),
            problem: "is required: the news API's URL, e.g. api=\"https://example.com/wp-json/wp/v2/\"".into(),
        });
    }
    if widget == Widget::Article && out.slug.is_none() {
        return Err(AttrError {
            tag,
            attribute: "slug".into(),
            problem: "is required: the post's slug or id".into(),
        });
    }
    check(&cfg).map_err(|ConfigError(problems)| {
        // The first problem, named by the attribute the author wrote for its key.
        let Some(first) = problems.into_iter().next() else {
            return AttrError {
                tag,
                attribute: String::new(),
                problem: "is not valid".into(),
            };
        };
        let top = first.key.split(['.', '[']).next().unwrap_or("");
        let attribute = written
            .iter()
            .rev()
            .find(|(k, _)| *k == top)
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| top.replace('_', "-"));
        // A nested key (`share.via`) is named in the text; the attribute is `share`.
        let problem = if first.key.len() > top.len() {
            first.to_string()
        } else {
            first.problem
        };
        AttrError {
            tag,
            attribute,
            problem,
        }
    })?;
    out.cfg = cfg;
    Ok(out)
}

/// `<ziar-share>`'s attributes. The share bar reads only `locale` and `share`
/// (with `targets`) of the configuration, so only those are read and
/// validated; the share bundle needs neither the adapters' configuration nor
/// a JSON parser of its own (`json` is the browser's `JSON.parse` there).
pub fn share_config(
    attrs: &[(String, String)],
    json: &dyn Fn(&str) -> Result<Value, String>,
) -> Result<WidgetConfig, AttrError> {
    let widget = Widget::Share;
    let tag = widget.tag();
    let mut out = WidgetConfig::new();
    let mut targets: Option<Vec<String>> = None;
    let mut share = None;
    for (name, raw) in attrs {
        let name = name.to_ascii_lowercase();
        let v = Some(raw.trim().to_owned()).filter(|v| !v.is_empty());
        match name.as_str() {
            "url" => out.url = v,
            "title" => out.title = v,
            "text" => out.text = v,
            "targets" => targets = Some(list(raw)),
            "share" => share = Some(raw),
            "locale" => out.cfg.locale = raw.trim().to_owned(),
            other if config_key(other).is_some() => out.ignored.push(name.clone()),
            other if global(other) => {}
            other => return Err(unknown(widget, other)),
        }
    }
    let err = |attribute: &str, problem: String| AttrError {
        tag,
        attribute: attribute.into(),
        problem,
    };
    let mut cfg = match share {
        Some(raw) => {
            let v = json(raw.trim()).map_err(|e| err("share", format!("is not valid JSON: {e}")))?;
            ShareConfig::from_value(&v).map_err(|e| err("share", e))?
        }
        None => ShareConfig::default(),
    };
    // `targets` wins over `share`'s own list, as for the other elements.
    if let Some(t) = targets {
        cfg.targets = t;
    }
    cfg.validate().map_err(|problem| err("", problem))?;
    out.cfg.share = cfg;
    Ok(out)
}

/// Whether an attribute change needs the element built again (`built` is what
/// it was last built with). Everything else that changed is applied in place,
/// or has no effect on this element: a new `count` that the data already
/// fetched covers, the excerpt length, the link target, auto-insert, or what a
/// share bar shares. A new API, slug, locale or polling setting rebuilds, and
/// so refetches.
pub fn rebuilds(widget: Widget, built: &WidgetConfig, new: &WidgetConfig) -> bool {
    let (a, b) = (&built.cfg, &new.cfg);
    let source = (
        &a.api,
        &a.kind,
        &a.mapping,
        &a.locale,
        a.timeout_seconds,
        a.max_response_kb,
    ) != (
        &b.api,
        &b.kind,
        &b.mapping,
        &b.locale,
        b.timeout_seconds,
        b.max_response_kb,
    );
    match widget {
        Widget::Share => a.locale != b.locale || a.share != b.share,
        Widget::RecentPosts => {
            source
                || (a.poll_seconds, &a.push_url) != (b.poll_seconds, &b.push_url)
                || b.recent_count > crate::live::merge::snapshot_window(a.recent_count)
        }
        Widget::Article => {
            source
                || built.slug != new.slug
                || (&a.iframe_hosts, &a.share, &a.follow, &a.link_target, &a.site_name)
                    != (&b.iframe_hosts, &b.share, &b.follow, &b.link_target, &b.site_name)
        }
    }
}

/// The wasm exports of one widget bundle (a `src/bin/embed*.rs`): the
/// elements it serves, by their `components::widgets::Spec`s. `embed/ziar-embed.js` loads the
/// bundle an element needs and calls `mount_widget`; the handle's `update`
/// takes attribute changes and `unmount` removal.
#[macro_export]
macro_rules! widget_bundle {
    ($($spec:path),+ $(,)?) => {
        #[cfg(target_arch = "wasm32")]
        mod exports {
            use wasm_bindgen::prelude::*;
            use $crate::components::widgets::{mount, pairs, Mounted};

            /// A mounted element.
            #[wasm_bindgen]
            pub struct WidgetHandle(Mounted);

            #[wasm_bindgen]
            impl WidgetHandle {
                /// Removes the widget's DOM and disposes everything it started.
                pub fn unmount(&mut self) {
                    self.0.unmount();
                }

                /// The element's attributes changed (`[[name, value], …]`).
                pub fn update(&mut self, attrs: js_sys::Array) {
                    self.0.update(pairs(&attrs));
                }
            }

            /// Mounts the widget named by `tag` into `container` (inside the
            /// element's shadow root) with the element's attributes.
            #[wasm_bindgen]
            pub fn mount_widget(
                tag: &str,
                container: web_sys::HtmlElement,
                attrs: js_sys::Array,
            ) -> Result<WidgetHandle, JsError> {
                let spec = [$(&$spec),+]
                    .into_iter()
                    .find(|s| s.widget.tag() == tag)
                    .ok_or_else(|| JsError::new(&format!("Ziar: this bundle has no <{tag}>")))?;
                Ok(WidgetHandle(mount(spec, container, pairs(&attrs))))
            }
        }

        /// Runs when the module is instantiated: panics go to the console (and so
        /// fail every e2e test); the host page gets no banner.
        #[cfg(target_arch = "wasm32")]
        fn main() {
            console_error_panic_hook::set_once();
        }

        #[cfg(not(target_arch = "wasm32"))]
        fn main() {
            eprintln!("this is a browser widget bundle: run scripts/embed.sh (see README, Embedding).");
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn recent_posts_attributes_map_to_config_keys() {
        let w = widget_config(
            Widget::RecentPosts,
            &attrs(&[
                ("api", " https://a.example/wp-json/wp/v2/ "),
                ("count", "4"),
                ("locale", "en"),
                ("kind", "wordpress"),
                ("poll", "30"),
                ("excerpt-chars", "80"),
                ("auto-insert", ""),
                ("link-target", "_self"),
                ("class", "sidebar"),
                ("aria-label", "Știri"),
                ("data-x", "1"),
            ]),
        )
        .unwrap();
        let c = w.cfg;
        assert_eq!(c.api, "https://a.example/wp-json/wp/v2/");
        assert_eq!((c.recent_count, c.poll_seconds, c.excerpt_chars), (4, 30, 80));
        assert_eq!((c.locale.as_str(), c.kind.as_str()), ("en", "wordpress"));
        assert!(c.auto_insert);
        assert_eq!(c.link_target, "_self");
        // Long names work too, and anything unset keeps the config.json default.
        let w = widget_config(
            Widget::RecentPosts,
            &attrs(&[("api", "/x/"), ("recent-count", "9"), ("poll-seconds", "0")]),
        )
        .unwrap();
        assert_eq!((w.cfg.recent_count, w.cfg.poll_seconds), (9, 0));
        assert_eq!(w.cfg.timeout_seconds, Config::default().timeout_seconds);
    }

    #[test]
    fn bad_values_name_the_attribute_the_author_wrote() {
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("count", "0")])).unwrap_err();
        assert_eq!(e.attribute, "count");
        assert!(e.to_string().contains("<ziar-recent-posts>"), "{e}");
        assert!(e.to_string().contains("between 1 and 50"), "{e}");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("count", "six")])).unwrap_err();
        assert!(e.problem.contains("whole number"), "{e}");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("poll", "2")])).unwrap_err();
        assert_eq!(e.attribute, "poll");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("kind", "rss")])).unwrap_err();
        assert_eq!(e.attribute, "kind");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("auto-insert", "maybe")])).unwrap_err();
        assert_eq!(e.attribute, "auto-insert");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("mapping", "{")])).unwrap_err();
        assert!(e.problem.contains("JSON"), "{e}");
    }

    #[test]
    fn unknown_attributes_and_missing_api_are_refused() {
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("cont", "3")])).unwrap_err();
        assert_eq!(e.attribute, "cont");
        assert!(e.problem.contains("count"), "lists the known names: {e}");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("count", "3")])).unwrap_err();
        assert_eq!(e.attribute, "api");
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "  ")])).unwrap_err();
        assert_eq!(e.attribute, "api");
        // `slug` belongs to <ziar-article> only.
        assert!(widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("slug", "a")])).is_err());
    }

    #[test]
    fn share_needs_no_api_and_reads_targets() {
        let w = widget_config(
            Widget::Share,
            &attrs(&[
                ("url", "https://a.example/p"),
                ("title", "Titlu"),
                ("targets", "copy, x email"),
                ("share", r#"{"via": "ziar"}"#),
            ]),
        )
        .unwrap();
        assert_eq!(w.url.as_deref(), Some("https://a.example/p"));
        assert_eq!(w.title.as_deref(), Some("Titlu"));
        assert_eq!(w.cfg.share.targets, ["copy", "x", "email"]);
        assert_eq!(w.cfg.share.via.as_deref(), Some("ziar"));
        let e = widget_config(Widget::Share, &attrs(&[("targets", "copy fax")])).unwrap_err();
        assert!(e.to_string().contains("fax"), "{e}");
        let w = widget_config(Widget::Share, &[]).unwrap();
        assert_eq!((w.url, w.title), (None, None));
    }

    #[test]
    fn article_needs_a_slug() {
        let e = widget_config(Widget::Article, &attrs(&[("api", "/x/")])).unwrap_err();
        assert_eq!(e.attribute, "slug");
        let w = widget_config(
            Widget::Article,
            &attrs(&[
                ("api", "/x/"),
                ("slug", "podul"),
                ("iframe-hosts", "a.example b.example"),
            ]),
        )
        .unwrap();
        assert_eq!(w.slug.as_deref(), Some("podul"));
        assert_eq!(w.cfg.iframe_hosts, ["a.example", "b.example"]);
    }

    /// The config the attributes mean, the way `config.json` reads it (the
    /// readers above type each key themselves, without serde's `Config` parser).
    fn through_config_json(widget: Widget, attrs: &[(String, String)]) -> Config {
        let mut map = serde_json::Map::new();
        for (name, raw) in attrs {
            let Some(key) = config_key(name) else { continue };
            let v = match key {
                "recent_count" | "excerpt_chars" | "page_size" | "poll_seconds" | "timeout_seconds"
                | "max_response_kb" => Value::from(raw.trim().parse::<u64>().unwrap()),
                "auto_insert" => Value::Bool(boolean(raw).unwrap()),
                "iframe_hosts" => Value::from(list(raw)),
                "mapping" | "share" | "follow" => serde_json::from_str(raw).unwrap(),
                _ => Value::String(raw.trim().to_owned()),
            };
            map.insert(key.to_owned(), v);
        }
        let _ = widget;
        Config::from_json(&Value::Object(map).to_string()).unwrap()
    }

    #[test]
    fn every_key_an_element_reads_means_what_it_means_in_config_json() {
        let list = attrs(&[
            ("api", " https://a.example/ghost/api/content/ "),
            ("kind", "custom"),
            ("mapping", r#"{"items": "/posts", "title": "/t", "id": "/id"}"#),
            ("locale", "ar"),
            ("recent-count", "7"),
            ("excerpt-chars", "55"),
            ("poll-seconds", "0"),
            ("auto-insert", "no"),
            ("push-url", "/hub"),
            ("link-target", ""),
            ("timeout-seconds", "9"),
            ("max-response-kb", "99"),
        ]);
        assert_eq!(
            widget_config(Widget::RecentPosts, &list).unwrap().cfg,
            through_config_json(Widget::RecentPosts, &list)
        );
        let article = attrs(&[
            ("api", "/x/"),
            ("slug", "a"),
            ("kind", "wordpress"),
            ("locale", "en"),
            ("site-name", "Gazeta"),
            (
                "share",
                r#"{"targets": ["copy"], "utm": {"utm_source": "w"}, "via": "ziar"}"#,
            ),
            ("follow", r#"[{"network": "rss", "url": "/feed"}]"#),
            ("iframe-hosts", "a.example, b.example"),
            ("link-target", "_self"),
            ("timeout-seconds", "20"),
            ("max-response-kb", "512"),
        ]);
        assert_eq!(
            widget_config(Widget::Article, &article).unwrap().cfg,
            through_config_json(Widget::Article, &article)
        );
        // What the element does not read keeps the default, and is named as ignored.
        let w = widget_config(
            Widget::RecentPosts,
            &attrs(&[
                ("api", "/x/"),
                ("follow", "not json"),
                ("page-size", "0"),
                ("share", "{"),
            ]),
        )
        .unwrap();
        assert_eq!(w.ignored, ["follow", "page-size", "share"]);
        assert_eq!(w.cfg.follow, Config::default().follow);
        let warning = w.ignored_warning(Widget::RecentPosts).unwrap();
        assert!(
            warning.contains("<ziar-recent-posts>") && warning.contains("page-size"),
            "{warning}"
        );
        assert_eq!(
            widget_config(Widget::Article, &article)
                .unwrap()
                .ignored_warning(Widget::Article),
            None
        );
        let e = widget_config(Widget::RecentPosts, &attrs(&[("api", "/x/"), ("count", "99999999999")])).unwrap_err();
        assert_eq!(e.attribute, "count");
    }

    #[test]
    fn mapping_reads_as_config_json_does() {
        // Every field serde knows (its error for an unknown one lists them all) is read here too.
        let e = serde_json::from_str::<Mapping>(r#"{"zzz": 1}"#)
            .unwrap_err()
            .to_string();
        let known: Vec<&str> = e.split('`').skip(3).step_by(2).collect();
        assert!(known.len() >= 20 && known.contains(&"per_page_param"), "{e}");
        let all: serde_json::Map<String, Value> = known
            .iter()
            .map(|k| ((*k).to_owned(), Value::from(format!("/{k}"))))
            .collect();
        for json in [
            Value::Object(all).to_string(),
            r#"{"items": "", "title": "/t", "id": "/id", "url": null}"#.to_owned(),
            "null".to_owned(),
        ] {
            let derived: Option<Mapping> = serde_json::from_str(&json).unwrap();
            assert_eq!(
                mapping(&serde_json::from_str(&json).unwrap()).unwrap(),
                derived,
                "{json}"
            );
        }
        for json in [
            r#"{"title": "/t"}"#,
            r#"{"items": "", "title": 3}"#,
            r#"{"items": "", "title": "/t", "icon": "/i"}"#,
            "[]",
        ] {
            assert!(serde_json::from_str::<Option<Mapping>>(json).is_err(), "{json}");
            assert!(mapping(&serde_json::from_str(json).unwrap()).is_err(), "{json}");
        }
    }

    #[test]
    fn follow_reads_as_config_json_does() {
        for json in [
            r#"[]"#,
            r#"[{"network": "rss", "url": "/feed"}, {"network": "x", "url": "https://x.com/z", "label": "Z"}]"#,
            r#"[{"label": null, "url": "/u", "network": "rss"}]"#,
        ] {
            let derived: Vec<FollowLink> = serde_json::from_str(json).unwrap();
            assert_eq!(follow(&serde_json::from_str(json).unwrap()).unwrap(), derived, "{json}");
        }
        for json in [
            r#"{}"#,
            r#"[{"network": "rss"}]"#,
            r#"[{"network": "rss", "url": "/f", "icon": "i"}]"#,
            r#"[{"network": 1, "url": "/f"}]"#,
        ] {
            assert!(serde_json::from_str::<Vec<FollowLink>>(json).is_err(), "{json}");
            assert!(follow(&serde_json::from_str(json).unwrap()).is_err(), "{json}");
        }
    }

    #[test]
    fn share_reads_its_json_with_the_parser_it_is_given() {
        // In the browser the parser is `JSON.parse`; here, serde_json (`json`).
        let via_serde = |raw: &str| serde_json::from_str::<Value>(raw).map_err(|e| e.to_string());
        let w = share_config(
            &attrs(&[
                ("share", r#"{"utm": {"utm_medium": "social"}}"#),
                ("api", "/x/"),
                ("count", "0"),
            ]),
            &via_serde,
        )
        .unwrap();
        assert_eq!(w.cfg.share.utm.get("utm_medium").map(String::as_str), Some("social"));
        assert_eq!(
            w.ignored,
            ["api", "count"],
            "known, no effect on a share bar, not refused"
        );
        let e = share_config(&attrs(&[("share", "{")]), &via_serde).unwrap_err();
        assert_eq!(e.attribute, "share");
        assert!(e.problem.contains("not valid JSON"), "{e}");
        let e = share_config(&attrs(&[("share", r#"{"utm": {"source": "x"}}"#)]), &via_serde).unwrap_err();
        assert!(e.problem.contains("utm_source"), "{e}");
        let e = share_config(&attrs(&[("share", r#"{"target": []}"#)]), &via_serde).unwrap_err();
        assert!(e.problem.contains("unknown field `target`"), "{e}");
        let e = share_config(&attrs(&[("slug", "x")]), &via_serde).unwrap_err();
        assert_eq!(e.attribute, "slug");
        assert!(e.problem.contains("not known"), "{e}");
    }

    #[test]
    fn what_an_attribute_change_rebuilds() {
        let list = |pairs: &[(&str, &str)]| {
            let mut all = vec![("api", "/x/")];
            all.extend_from_slice(pairs);
            widget_config(Widget::RecentPosts, &attrs(&all)).unwrap()
        };
        let built = list(&[("count", "4")]);
        // Shown from the data at hand: up to the window the list asked for (4 + 10).
        assert!(!rebuilds(Widget::RecentPosts, &built, &list(&[("count", "14")])));
        assert!(!rebuilds(Widget::RecentPosts, &built, &list(&[("count", "1")])));
        assert!(rebuilds(Widget::RecentPosts, &built, &list(&[("count", "15")])));
        for (k, v) in [
            ("excerpt-chars", "40"),
            ("link-target", "_self"),
            ("auto-insert", ""),
            ("share", "{"),
        ] {
            assert!(
                !rebuilds(Widget::RecentPosts, &built, &list(&[("count", "4"), (k, v)])),
                "{k}"
            );
        }
        for (k, v) in [
            ("locale", "en"),
            ("poll", "0"),
            ("kind", "wordpress"),
            ("push-url", "/p"),
            ("timeout-seconds", "3"),
        ] {
            assert!(
                rebuilds(Widget::RecentPosts, &built, &list(&[("count", "4"), (k, v)])),
                "{k}"
            );
        }
        let new_api = widget_config(Widget::RecentPosts, &attrs(&[("api", "/y/"), ("count", "4")])).unwrap();
        assert!(rebuilds(Widget::RecentPosts, &built, &new_api));

        let share = |pairs: &[(&str, &str)]| widget_config(Widget::Share, &attrs(pairs)).unwrap();
        let built = share(&[("title", "A")]);
        assert!(!rebuilds(
            Widget::Share,
            &built,
            &share(&[("title", "B"), ("url", "https://a.example/")])
        ));
        assert!(rebuilds(
            Widget::Share,
            &built,
            &share(&[("title", "A"), ("targets", "x")])
        ));
        assert!(rebuilds(
            Widget::Share,
            &built,
            &share(&[("title", "A"), ("locale", "en")])
        ));

        let article = |pairs: &[(&str, &str)]| {
            let mut all = vec![("api", "/x/")];
            all.extend_from_slice(pairs);
            widget_config(Widget::Article, &attrs(&all)).unwrap()
        };
        let built = article(&[("slug", "a")]);
        assert!(rebuilds(Widget::Article, &built, &article(&[("slug", "b")])));
        assert!(!rebuilds(
            Widget::Article,
            &built,
            &article(&[("slug", "a"), ("count", "3")])
        ));
    }

    #[test]
    fn the_entry_script_observes_what_the_elements_read() {
        // embed/ziar-embed.js defines the elements before any wasm has loaded, so
        // it carries the lists itself: `OWN[tag]` then `KEYS`.
        let js = include_str!("../embed/ziar-embed.js");
        let line = |start: &str| {
            let l = js
                .lines()
                .find(|l| l.starts_with(start))
                .unwrap_or_else(|| panic!("{start}"));
            l[start.len()..].trim_end_matches(';').replace('\'', "\"")
        };
        let own: serde_json::Map<String, Value> = serde_json::from_str(&line("const OWN = ")).unwrap();
        let keys: Vec<String> = serde_json::from_str(&line("const KEYS = ")).unwrap();
        for w in [Widget::RecentPosts, Widget::Share, Widget::Article] {
            let mut js_list: Vec<String> = serde_json::from_value(own[w.tag()].clone()).unwrap();
            js_list.extend(keys.iter().cloned());
            assert_eq!(js_list, observed_attributes(w), "{}", w.tag());
        }
    }

    #[test]
    fn observed_attributes_cover_every_key() {
        let names = observed_attributes(Widget::RecentPosts);
        for k in KEYS {
            assert!(names.contains(&k.replace('_', "-")), "{k}");
        }
        assert!(names.contains(&"count".to_owned()) && names.contains(&"poll".to_owned()));
        assert!(observed_attributes(Widget::Article).contains(&"slug".to_owned()));
        assert!(observed_attributes(Widget::Share).contains(&"targets".to_owned()));
    }
}
