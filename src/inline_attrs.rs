//! A pre-pass over API HTML that drops `style` and `on…` attributes from start
//! tags *before* the browser parses it.
//!
//! Why: under a strict CSP (`style-src 'self'`, no `'unsafe-inline'`), Chromium
//! reports a `securitypolicyviolation` (and logs a console error) for every inline
//! style or handler attribute it *parses*, even in an inert `DOMParser` document,
//! a `<template>` or `createHTMLDocument` (measured: all three report). Nothing
//! runs, and the DOM sanitizer removes them anyway, but a WordPress body full of
//! `style="text-align:center"` would flood the console and any CSP report endpoint.
//!
//! This is not the sanitizer and nothing relies on it for safety: it follows the
//! HTML tokenizer closely enough for real content, and where it differs from the
//! browser's (odd markup), the worst outcomes are an attribute it missed (one CSP
//! report; the DOM walk still removes it) or text it altered (still sanitized).

use std::borrow::Cow;

/// Elements whose content the tokenizer reads as text up to their end tag.
/// (`noscript` is not among them: `DOMParser` parses with scripting disabled.)
const RAW_TEXT: [&str; 8] = [
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Whether an attribute name is one the strict CSP would report when parsed.
fn is_inline_attr(name: &str) -> bool {
    name.eq_ignore_ascii_case("style") || name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// `html` without `style` and `on…` attributes in its start tags; borrowed when
/// there was nothing to drop.
pub fn strip_inline_attrs(html: &str) -> Cow<'_, str> {
    let lower = html.to_ascii_lowercase();
    if !lower.contains("style") && !lower.contains("on") {
        return Cow::Borrowed(html);
    }
    let b = html.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut dropped = false;
    let mut i = 0;
    let mut copied = 0; // everything before `copied` is already in `out`
    while i < n {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &lower[i..];
        if rest.starts_with("<!--") {
            i = lower[i + 4..].find("-->").map_or(n, |e| i + 4 + e + 3);
            continue;
        }
        if rest.starts_with("<!")
            || rest.starts_with("<?")
            || (rest.starts_with("</") && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            i = html[i..].find('>').map_or(n, |e| i + e + 1);
            continue;
        }
        if !b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        // A start tag: its name, then attributes until `>`.
        let name_start = i + 1;
        let mut j = name_start;
        while j < n && !is_space(b[j]) && b[j] != b'/' && b[j] != b'>' {
            j += 1;
        }
        let tag = lower[name_start..j].to_owned();
        loop {
            while j < n && (is_space(b[j]) || b[j] == b'/') {
                j += 1;
            }
            if j >= n || b[j] == b'>' {
                break;
            }
            let attr_start = j;
            j += 1; // the first character belongs to the name, even `=`
            while j < n && !is_space(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
                j += 1;
            }
            let attr_name = &html[attr_start..j];
            let mut k = j;
            while k < n && is_space(b[k]) {
                k += 1;
            }
            if k < n && b[k] == b'=' {
                k += 1;
                while k < n && is_space(b[k]) {
                    k += 1;
                }
                match b.get(k) {
                    Some(&q @ (b'"' | b'\'')) => {
                        k = html[k + 1..].find(q as char).map_or(n, |e| k + 1 + e + 1);
                    }
                    _ => {
                        while k < n && !is_space(b[k]) && b[k] != b'>' {
                            k += 1;
                        }
                    }
                }
                j = k;
            }
            if is_inline_attr(attr_name) {
                out.push_str(&html[copied..attr_start]);
                copied = j;
                dropped = true;
            }
        }
        i = (j + 1).min(n);
        if RAW_TEXT.contains(&tag.as_str()) {
            let end = format!("</{tag}");
            i = lower[i..].find(&end).map_or(n, |e| i + e);
        } else if tag == "plaintext" {
            i = n;
        }
    }
    if !dropped {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(html: &str) -> String {
        strip_inline_attrs(html).into_owned()
    }

    #[test]
    fn drops_style_and_handlers_in_every_quoting() {
        assert_eq!(s(r#"<p style="color:red">a</p>"#), "<p >a</p>");
        assert_eq!(
            s(r#"<p class="x" STYLE='a:b' id=y>a</p>"#),
            r#"<p class="x"  id=y>a</p>"#
        );
        assert_eq!(s("<img src=x onerror=alert(1)>"), "<img src=x >");
        assert_eq!(s("<img src=x onerror = 'alert(1)' alt=\"\">"), "<img src=x  alt=\"\">");
        // An unquoted value runs to a space or `>`: `a:b/onclick=x` is style's value.
        assert_eq!(s("<div/style=a:b/onclick=x>t</div>"), "<div/>t</div>");
        assert_eq!(s("<div/style=a:b/ onclick=x>t</div>"), "<div/ >t</div>");
        assert_eq!(s("<a href='/x' onmouseover=\"a('>')\">l</a>"), "<a href='/x' >l</a>");
        assert_eq!(s("<b style>t</b>"), "<b >t</b>");
    }

    #[test]
    fn leaves_text_other_attributes_and_lookalikes_alone() {
        for html in [
            "<p>style=\"x\" and onclick=y in text</p>",
            "<p title='style=\"x\"' data-onclick=\"y\" lang=\"ro\">t</p>",
            "<!-- <p style=\"x\"> -->",
            "<script>var a = '<p style=x>';</script>",
            "<textarea><b onclick=x></b></textarea>",
            "<style>p{}</style><title><i style=x></title>",
            "</p style=x>",
            "a < b style=c",
            "",
        ] {
            assert_eq!(s(html), html, "{html}");
            assert!(matches!(strip_inline_attrs(html), Cow::Borrowed(_)));
        }
        assert_eq!(
            s("<p data-x=\"1\" onload=y>on</p><span>style</span>"),
            "<p data-x=\"1\" >on</p><span>style</span>"
        );
    }

    #[test]
    fn after_raw_text_the_markup_is_read_again() {
        assert_eq!(
            s("<script>x</SCRIPT><p style=a>t</p><textarea>u</textarea><i onclick=b>"),
            "<script>x</SCRIPT><p >t</p><textarea>u</textarea><i >"
        );
        assert_eq!(s("<plaintext><p style=a>"), "<plaintext><p style=a>");
    }

    #[test]
    fn unterminated_input_never_panics() {
        for html in [
            "<p style=\"x",
            "<p style=",
            "<p on",
            "<",
            "<!--",
            "<script>",
            "<p\u{e9} style=a>",
            "<é style=a>",
        ] {
            let _ = strip_inline_attrs(html);
        }
        assert_eq!(s("<p style=\"x"), "<p ");
    }
}
