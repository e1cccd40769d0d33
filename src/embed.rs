//! Custom-element attributes → a validated [`Config`] (and the few values a
//! widget needs beyond it), for the embed build's `<ziar-…>` elements.
//!
//! Pure and host-tested: the browser side only collects `(name, value)` pairs
//! and shows the error text this returns. Attribute names are `config.json`
//! keys with `-` for `_` (`recent-count`, `poll-seconds`, `link-target`, …),
//! plus the short forms `count` and `poll`. Values go through the very same
//! `Config` validation as `config.json`, so the two can never disagree.

use crate::config::{Config, ConfigProblem};
use serde_json::{Map, Value};
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

    /// Whether the element talks to an API (and so needs `api`).
    fn needs_api(self) -> bool {
        !matches!(self, Widget::Share)
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

/// `config.json` keys an attribute may set, with how its text is read.
const KEYS: &[(&str, Type)] = &[
    ("api", Type::Str),
    ("kind", Type::Str),
    ("mapping", Type::Json),
    ("locale", Type::Str),
    ("site_name", Type::Str),
    ("recent_count", Type::Int),
    ("excerpt_chars", Type::Int),
    ("page_size", Type::Int),
    ("poll_seconds", Type::Int),
    ("auto_insert", Type::Bool),
    ("push_url", Type::Str),
    ("share", Type::Json),
    ("follow", Type::Json),
    ("iframe_hosts", Type::List),
    ("link_target", Type::Str),
    ("timeout_seconds", Type::Int),
    ("max_response_kb", Type::Int),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Str,
    Int,
    Bool,
    List,
    Json,
}

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
fn config_key(name: &str) -> Option<(&'static str, Type)> {
    let key = match name {
        "count" => "recent_count".to_owned(),
        "poll" => "poll_seconds".to_owned(),
        other => other.replace('-', "_"),
    };
    KEYS.iter().find(|(k, _)| *k == key).copied()
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
    out.extend(KEYS.iter().map(|(k, _)| k.replace('_', "-")));
    out.extend(["count".to_owned(), "poll".to_owned()]);
    out
}

fn value(tag: &'static str, name: &str, ty: Type, raw: &str) -> Result<Value, AttrError> {
    let err = |problem: &str| AttrError {
        tag,
        attribute: name.to_owned(),
        problem: problem.to_owned(),
    };
    let raw_t = raw.trim();
    Ok(match ty {
        Type::Str => Value::String(raw_t.to_owned()),
        Type::Int => Value::from(
            raw_t
                .parse::<u64>()
                .map_err(|_| err(&format!("must be a whole number (got \"{raw}\")")))?,
        ),
        Type::Bool => match raw_t {
            // A present boolean attribute with no value means "on", as in HTML.
            "" | "true" | "on" | "yes" | "1" => Value::Bool(true),
            "false" | "off" | "no" | "0" => Value::Bool(false),
            _ => return Err(err(&format!("must be true or false (got \"{raw}\")"))),
        },
        Type::List => Value::Array(
            raw_t
                .split(|c: char| c == ',' || c.is_whitespace())
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.to_owned()))
                .collect(),
        ),
        Type::Json => serde_json::from_str(raw_t).map_err(|e| err(&format!("is not valid JSON: {e}")))?,
    })
}

/// Builds a widget's configuration from its attributes (`(name, value)` pairs,
/// names as the DOM reports them: lower case). Unknown attributes are refused
/// (a typo should not silently do nothing); global HTML attributes, `aria-*`
/// and `data-*` are left alone.
pub fn widget_config(widget: Widget, attrs: &[(String, String)]) -> Result<WidgetConfig, AttrError> {
    let tag = widget.tag();
    let mut map = Map::new();
    // Attribute names per config key, so a config error names what the author wrote.
    let mut written: Vec<(&'static str, String)> = Vec::new();
    let mut out = WidgetConfig {
        cfg: Config::default(),
        slug: None,
        url: None,
        title: None,
        text: None,
    };
    for (name, raw) in attrs {
        let name = name.to_ascii_lowercase();
        if own_attributes(widget).contains(&name.as_str()) {
            let v = Some(raw.trim().to_owned()).filter(|v| !v.is_empty());
            match name.as_str() {
                "slug" => out.slug = v,
                "url" => out.url = v,
                "title" => out.title = v,
                "text" => out.text = v,
                "targets" => {
                    let list = value(tag, &name, Type::List, raw)?;
                    let share = map.entry("share").or_insert_with(|| Value::Object(Map::new()));
                    if let Value::Object(s) = share {
                        s.insert("targets".into(), list);
                    }
                    written.push(("share", name.clone()));
                }
                _ => {}
            }
            continue;
        }
        if let Some((key, ty)) = config_key(&name) {
            let v = value(tag, &name, ty, raw)?;
            // `targets` may have started a `share` object; an explicit `share` fills the rest.
            match (map.get_mut(key), v) {
                (Some(Value::Object(existing)), Value::Object(new)) => {
                    for (k, v) in new {
                        existing.entry(k).or_insert(v);
                    }
                }
                (_, v) => {
                    map.insert(key.to_owned(), v);
                }
            }
            written.push((key, name.clone()));
            continue;
        }
        if GLOBAL.contains(&name.as_str()) || name.starts_with("aria-") || name.starts_with("data-") {
            continue;
        }
        return Err(AttrError {
            tag,
            attribute: name.clone(),
            problem: format!("is not known (known: {})", observed_attributes(widget).join(", ")),
        });
    }
    if widget.needs_api() && !map.contains_key("api") {
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
    out.cfg = Config::check(&Value::Object(map).to_string()).map_err(|problems| {
        // The first problem, named by the attribute the author wrote for its key.
        let first = problems
            .into_iter()
            .next()
            .unwrap_or_else(|| ConfigProblem::new("", "is not valid", crate::config::ProblemKind::Invalid));
        let top = first.key.split(['.', '[']).next().unwrap_or("");
        let attribute = if top.is_empty() {
            String::new()
        } else {
            written
                .iter()
                .rev()
                .find(|(k, _)| *k == top)
                .map(|(_, a)| a.clone())
                .unwrap_or_else(|| top.replace('_', "-"))
        };
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
    Ok(out)
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

    #[test]
    fn observed_attributes_cover_every_key() {
        let names = observed_attributes(Widget::RecentPosts);
        for (k, _) in KEYS {
            assert!(names.contains(&k.replace('_', "-")), "{k}");
        }
        assert!(names.contains(&"count".to_owned()) && names.contains(&"poll".to_owned()));
        assert!(observed_attributes(Widget::Article).contains(&"slug".to_owned()));
        assert!(observed_attributes(Widget::Share).contains(&"targets".to_owned()));
    }
}
