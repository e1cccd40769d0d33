//! The document around a rendered page: the server build's own `index.html`
//! (its stylesheet, the wasm preload and the external loader script, all
//! hashed by Trunk), with the static app's boot skeleton and `config.json`
//! preload taken out, and the page's title, tags and data put in.

use std::path::Path;
use ziar::preload::{Preload, ELEMENT_ID};
use ziar::web::head::Head;

/// The built `index.html`, split around what each page fills in.
#[derive(Debug, Clone)]
pub struct Template {
    /// What `<head>` keeps from the build (charset, viewport, base, CSS, wasm, loader).
    head: String,
    /// The theme stylesheet's URL, when the config sets an accent.
    pub accent_href: Option<String>,
}

impl Template {
    /// Reads `<site>/index.html`.
    pub fn load(site: &Path) -> Result<Template, String> {
        let path = site.join("index.html");
        let html = std::fs::read_to_string(&path).map_err(|e| {
            format!(
                "{}: {e}. Build the server's browser app first (`make server`), or point --site at it.",
                path.display()
            )
        })?;
        Template::parse(&html).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Splits a built `index.html`.
    pub fn parse(html: &str) -> Result<Template, String> {
        // A minified build leaves out the optional `<head>` and `</head>` tags:
        // the head is what stands between `<html …>` and `<body`.
        let lower = html.to_ascii_lowercase();
        let start = match lower.find("<head>") {
            Some(i) => i + "<head>".len(),
            None => {
                let html_tag = lower.find("<html").ok_or("no <html>")?;
                html_tag + lower[html_tag..].find('>').ok_or("no <html>")? + 1
            }
        };
        let end = lower
            .find("</head>")
            .or_else(|| lower.find("<body"))
            .filter(|e| *e >= start)
            .ok_or("no <body>")?;
        if !lower.contains("type=module") && !lower.contains("type=\"module\"") {
            return Err("no module script: is this a Trunk build of Ziar?".into());
        }
        let mut head = html[start..end].to_owned();
        // Each page writes its own title; the static app's config.json preload has no use
        // here. Nor have its wasm and glue preloads: the page's text is in the HTML, and
        // the app only hydrates it, so its 0.4 MB must not compete with the text and the
        // stylesheet (with the preloads, the wasm arrived before the text on loopback).
        head = remove_elements(&head, "<title", Some("</title>"), |_| true);
        head = remove_elements(&head, "<link", None, |tag| {
            let t = tag.to_ascii_lowercase();
            t.contains("config.json")
                || t.contains("rel=preload")
                || t.contains("rel=\"preload\"")
                || t.contains("modulepreload")
        });
        Ok(Template {
            head: head.trim().to_owned(),
            accent_href: None,
        })
    }

    /// The whole document for one page.
    pub fn document(&self, head: &Head, body: &str, preload: &Preload) -> String {
        let (lang, dir) = head.lang.clone().unwrap_or_else(|| ("ro".into(), "ltr".into()));
        let mut out = String::with_capacity(body.len() + self.head.len() + 4096);
        out.push_str("<!DOCTYPE html><html lang=\"");
        out.push_str(&attr(&lang));
        out.push_str("\" dir=\"");
        out.push_str(&attr(&dir));
        out.push('"');
        if let Some(theme) = head.theme {
            out.push_str(" data-ziar-theme=\"");
            out.push_str(&attr(theme));
            out.push('"');
        }
        out.push_str("><head>");
        out.push_str(&self.head);
        out.push_str("<title>");
        out.push_str(&text(head.title.as_deref().unwrap_or("Ziar")));
        out.push_str("</title>");
        for (tag, attrs) in &head.tags {
            out.push('<');
            out.push_str(tag);
            for (name, value) in attrs {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                out.push_str(&attr(value));
                out.push('"');
            }
            out.push_str(" data-ziar-head>");
        }
        for doc in &head.json_ld {
            out.push_str("<script type=\"application/ld+json\" data-ziar-head>");
            out.push_str(&doc.replace('<', "\\u003c"));
            out.push_str("</script>");
        }
        if let (Some(href), Some(_)) = (&self.accent_href, &head.accent) {
            out.push_str("<link rel=\"stylesheet\" href=\"");
            out.push_str(&attr(href));
            out.push_str("\">");
        }
        out.push_str("<script type=\"application/json\" id=\"");
        out.push_str(ELEMENT_ID);
        out.push_str("\">");
        out.push_str(&preload.to_block());
        out.push_str("</script></head><body>");
        out.push_str(body);
        out.push_str("</body></html>");
        out
    }
}

/// Removes every element starting with `open` (and up to `close`, or the
/// end of its start tag) for which `pick(tag)` holds.
fn remove_elements(html: &str, open: &str, close: Option<&str>, pick: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.to_ascii_lowercase().find(open) {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let end = match close {
            Some(c) => rest[i..]
                .to_ascii_lowercase()
                .find(c)
                .map_or(tag_end, |e| i + e + c.len()),
            None => tag_end,
        };
        out.push_str(&rest[..i]);
        if !pick(&rest[i..tag_end]) {
            out.push_str(&rest[i..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Text for an attribute value in double quotes.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// Text for element content.
fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = r#"<!doctype html><html lang=ro><head><meta charset=utf-8><meta content="width=device-width, initial-scale=1" name=viewport><base href=/><title>Ziar</title><link href=/main-0123456789abcdef.css rel=stylesheet><link as=fetch crossorigin=anonymous href=config.json rel=preload><link crossorigin href=/ziar-0123456789abcdef.js rel=modulepreload><link as=fetch crossorigin href=/ziar-0123456789abcdef_bg.wasm rel=preload type=application/wasm><script type=module src="/ziar-loader-0123456789abcdef.js"></script></head><body><div class=ziar-boot></div></body></html>"#;

    #[test]
    fn the_build_keeps_its_assets_and_loses_the_static_apps_parts() {
        let t = Template::parse(BUILT).unwrap();
        assert!(t.head.contains("main-0123456789abcdef.css") && t.head.contains("ziar-loader-"));
        assert!(!t.head.contains("config.json") && !t.head.contains("<title"));
        assert!(
            !t.head.contains("_bg.wasm") && !t.head.contains("modulepreload"),
            "{}",
            t.head
        );
        let head = Head {
            title: Some("Podul „Nou” & <b> – Ziar".into()),
            lang: Some(("ro".into(), "ltr".into())),
            tags: vec![(
                "meta",
                vec![("property", "og:title".into()), ("content", "a \"b\" <c>".into())],
            )],
            json_ld: vec![r#"{"headline":"</script>"}"#.into()],
            ..Default::default()
        };
        let doc = t.document(&head, "<main>x</main>", &Preload::default());
        assert!(
            doc.starts_with(r#"<!DOCTYPE html><html lang="ro" dir="ltr"><head>"#),
            "{doc}"
        );
        assert!(
            doc.contains("<title>Podul „Nou” &amp; &lt;b&gt; – Ziar</title>"),
            "{doc}"
        );
        assert!(
            doc.contains(r#"content="a &quot;b&quot; &lt;c>" data-ziar-head>"#),
            "{doc}"
        );
        assert!(doc.contains(r#"{"headline":"\u003c/script>"}"#), "{doc}");
        assert!(doc.ends_with("<body><main>x</main></body></html>"), "{doc}");
        assert!(!doc.contains("ziar-boot"));
    }

    #[test]
    fn a_minified_build_without_head_tags() {
        let built = r#"<!doctype html><html lang=ro><meta charset=utf-8><base href=/><title>Ziar</title><link as=fetch crossorigin href=config.json rel=preload><script type="module" src="/ziar-loader-0123456789abcdef.js"></script></head><body><noscript>x</noscript></body></html>"#;
        let t = Template::parse(&built.replace("</head>", "")).unwrap();
        assert_eq!(
            t.head,
            r#"<meta charset=utf-8><base href=/><script type="module" src="/ziar-loader-0123456789abcdef.js"></script>"#
        );
    }

    #[test]
    fn a_foreign_file_is_refused() {
        assert!(Template::parse("<html><body>hi</body></html>").is_err());
        assert!(Template::parse("<html><head></head><body></body></html>").is_err());
    }
}
