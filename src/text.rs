//! Plain-text helpers: entity decoding, tag stripping and excerpt cutting.
//!
//! Titles and excerpts are shown as text, never as HTML, so they are reduced to
//! plain text here and need no sanitizer.

/// Decodes HTML character references (`&#8222;`, `&#x201D;`, `&amp;`, …).
///
/// WordPress runs `wptexturize`, so titles arrive as `&#8222;Ceva&#8221;`.
/// Unknown or malformed references are kept literally, as browsers do.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|(_, c)| *c == ';' || *c == '&' || c.is_whitespace())
            .map(|(i, c)| (i + 1, c));
        match end {
            Some((i, ';')) => {
                if let Some(c) = decode_one(&rest[1..i]) {
                    out.push(c);
                    rest = &rest[i + 1..];
                    continue;
                }
                out.push('&');
                rest = &rest[1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // NUL and surrogates become U+FFFD, as the HTML spec says.
        return Some(match code {
            0 => '\u{FFFD}',
            // Windows-1252 quirks that WordPress sometimes emits.
            0x80..=0x9F => cp1252(code).unwrap_or('\u{FFFD}'),
            c => char::from_u32(c).unwrap_or('\u{FFFD}'),
        });
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        _ => return None,
    })
}

fn cp1252(code: u32) -> Option<char> {
    Some(match code {
        0x80 => '€',
        0x84 => '„',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x96 => '–',
        0x97 => '—',
        _ => return None,
    })
}

/// Turns an HTML fragment into plain text: tags dropped, entities decoded,
/// whitespace collapsed. Content of `script`/`style` is dropped entirely.
///
/// Good enough for excerpts and titles; the article body goes through the
/// DOM sanitizer instead.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let lower: String = rest.chars().take(8).collect::<String>().to_ascii_lowercase();
        let skip_to = if lower.starts_with("<script") {
            Some("</script")
        } else if lower.starts_with("<style") {
            Some("</style")
        } else if lower.starts_with("<!--") {
            Some("-->")
        } else {
            None
        };
        if let Some(close) = skip_to {
            let hay = rest.to_ascii_lowercase();
            match hay.find(close) {
                Some(i) => {
                    rest = &rest[i..];
                    match rest.find('>') {
                        Some(g) => rest = &rest[g + 1..],
                        None => rest = "",
                    }
                }
                None => rest = "",
            }
            continue;
        }
        // A `<` not followed by a tag-ish character is text.
        let next = rest[1..].chars().next();
        if !matches!(next, Some(c) if c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') {
            text.push('<');
            rest = &rest[1..];
            continue;
        }
        // Block-level boundaries become spaces so words don't glue together.
        text.push(' ');
        match rest.find('>') {
            Some(g) => rest = &rest[g + 1..],
            None => rest = "",
        }
    }
    text.push_str(rest);
    collapse_ws(&decode_entities(&text))
}

/// Collapses runs of whitespace (including NBSP) into single spaces and trims.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Cuts `text` to at most `max` user-visible characters (grapheme clusters),
/// at a word boundary, and appends "…" when anything was cut.
///
/// Never splits an emoji or a letter with a combining diacritic. A trailing
/// "…", "[…]" or "[+N chars]" marker from the API is removed first, so the
/// result never ends in two ellipses.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = strip_cut_markers(&collapse_ws(text));
    // Where graphemes 0..=max+1 start: enough to know whether there are more
    // than `max` and where grapheme `max` ends.
    let starts = grapheme_starts(&text, max.max(1) + 2);
    if starts.len() <= max {
        return text;
    }
    let max = max.max(1);
    let grapheme = |i: usize| &text[starts[i]..starts.get(i + 1).copied().unwrap_or(text.len())];
    // Last whitespace at or before the limit; fall back to a hard cut for one long word.
    let cut = (1..=max)
        .rev()
        .find(|&i| i < starts.len() && grapheme(i).chars().all(char::is_whitespace))
        .unwrap_or(max);
    let mut out = text[..starts.get(cut).copied().unwrap_or(text.len())].to_owned();
    while out.ends_with(|c: char| c.is_whitespace() || ",;:-–—".contains(c)) {
        out.pop();
    }
    out.push('…');
    out
}

/// A URL slug: lowercase ASCII letters and digits, diacritics folded
/// (ă â → a, î → i, ș ş → s, ț ţ → t, and the Latin-1 accents), every other
/// run of characters one `-`, at most 80 characters.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars().map(fold_latin) {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= 80 {
                break;
            }
        } else {
            dash = true;
        }
    }
    out
}

/// One character with its Latin diacritics dropped.
fn fold_latin(c: char) -> char {
    match c {
        'ă' | 'â' | 'á' | 'à' | 'ä' | 'ã' | 'å' | 'Ă' | 'Â' | 'Á' | 'À' | 'Ä' | 'Ã' | 'Å' => 'a',
        'î' | 'í' | 'ì' | 'ï' | 'Î' | 'Í' | 'Ì' | 'Ï' => 'i',
        'ș' | 'ş' | 'š' | 'Ș' | 'Ş' | 'Š' => 's',
        'ț' | 'ţ' | 'Ț' | 'Ţ' => 't',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        other => other,
    }
}

/// Unicode lowercase, as `str::to_lowercase`. In the browser it is
/// `String.prototype.toLowerCase` (the same Unicode mapping), which keeps
/// core's case tables (~13 KB) out of the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub fn lowercase(s: &str) -> String {
    s.to_lowercase()
}

/// Unicode lowercase through the browser's `String.prototype.toLowerCase`.
#[cfg(target_arch = "wasm32")]
pub fn lowercase(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    js_sys::JsString::from(s).to_lower_case().into()
}

/// Byte offsets where the first `n` grapheme clusters of `s` start.
///
/// Natively this is `unicode-segmentation`; in the browser it is `Intl.Segmenter`,
/// the same Unicode rules without shipping ~20 KB of tables in the wasm (see
/// README "Performance"). `tests/browser.rs` checks both agree on the hard cases.
#[cfg(not(target_arch = "wasm32"))]
pub fn grapheme_starts(s: &str, n: usize) -> Vec<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    s.grapheme_indices(true).take(n).map(|(i, _)| i).collect()
}

/// Byte offsets where the first `n` grapheme clusters of `s` start
/// (`Intl.Segmenter`; char boundaries in the rare browser without it).
/// Text in the Latin ranges needs no segmenter ([`simple_starts`]): the first
/// `Intl.Segmenter` costs ~40 ms of a phone's main thread to build.
#[cfg(target_arch = "wasm32")]
pub fn grapheme_starts(s: &str, n: usize) -> Vec<usize> {
    simple_starts(s, n).unwrap_or_else(|| segmenter::starts(s, n))
}

/// A char that is a grapheme cluster on its own next to any other such char
/// (UAX #29): printable ASCII, Latin-1 to IPA extensions (U+00A0–U+02FF, below
/// the combining marks at U+0300) and the plain general punctuation
/// (U+2010–U+2027, U+2030–U+205E: dashes, quotes, "…"). None of them is
/// Extend, ZWJ, SpacingMark, Prepend, CR, Hangul or a regional indicator; the
/// one control among them (U+00AD) breaks on both sides anyway. Without a ZWJ,
/// the emoji rule (GB11) cannot join two of them either.
fn is_simple(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{2FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// [`grapheme_starts`] without any segmenter when each of the first `n` chars
/// of `s` is `is_simple`: then each of them starts a cluster (what follows the
/// `n`th can only extend the last one, not move a start). `None` otherwise.
pub fn simple_starts(s: &str, n: usize) -> Option<Vec<usize>> {
    let mut starts = Vec::with_capacity(n.min(s.len()));
    for (i, c) in s.char_indices().take(n) {
        if !is_simple(c) {
            return None;
        }
        starts.push(i);
    }
    Some(starts)
}

#[cfg(target_arch = "wasm32")]
mod segmenter {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Intl, js_name = Segmenter)]
        type Segmenter;
        #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "Segmenter", catch)]
        fn new() -> Result<Segmenter, JsValue>;
        #[wasm_bindgen(method)]
        fn segment(this: &Segmenter, s: &str) -> JsValue;
    }

    thread_local! {
        static SEGMENTER: Option<Segmenter> = Segmenter::new().ok();
    }

    pub fn starts(s: &str, n: usize) -> Vec<usize> {
        let utf16 = SEGMENTER.with(|seg| {
            let seg = seg.as_ref()?;
            let iter = js_sys::try_iter(&seg.segment(s)).ok()??;
            let index = JsValue::from_str("index");
            let mut out = Vec::new();
            for item in iter.take(n) {
                let at = js_sys::Reflect::get(&item.ok()?, &index).ok()?.as_f64()?;
                out.push(at as usize);
            }
            Some(out)
        });
        match utf16 {
            Some(offsets) => to_byte_offsets(s, &offsets),
            None => s.char_indices().take(n).map(|(i, _)| i).collect(),
        }
    }

    /// UTF-16 code-unit offsets (ascending) to byte offsets in `s`.
    fn to_byte_offsets(s: &str, utf16: &[usize]) -> Vec<usize> {
        let mut out = Vec::with_capacity(utf16.len());
        let mut want = utf16.iter().copied().peekable();
        let mut u = 0;
        for (b, c) in s.char_indices() {
            while want.next_if(|&w| w <= u).is_some() {
                out.push(b);
            }
            u += c.len_utf16();
        }
        out.extend(want.map(|_| s.len()));
        out
    }
}

fn strip_cut_markers(s: &str) -> String {
    let mut s = s.trim_end().to_owned();
    loop {
        let before = s.len();
        for m in ["[…]", "[...]", "[&hellip;]", "…", "..."] {
            if let Some(x) = s.strip_suffix(m) {
                s = x.trim_end().to_owned();
            }
        }
        // NewsAPI's "… [+1234 chars]".
        if s.ends_with(" chars]") {
            if let Some(open) = s.rfind("[+") {
                if s[open + 2..s.len() - 7].bytes().all(|b| b.is_ascii_digit()) {
                    s = s[..open].trim_end().to_owned();
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// Estimated reading time in whole minutes (at least 1), at 200 words a minute.
pub fn reading_minutes(text: &str) -> u32 {
    let words = text.split_whitespace().count() as u32;
    words.div_ceil(200).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_romanian_and_collapse_the_rest() {
        assert_eq!(slugify("Știri: „Țară” și Ăla — 2024!"), "stiri-tara-si-ala-2024");
        assert_eq!(slugify("Ana-Maria Popescu"), "ana-maria-popescu");
        assert_eq!(slugify(" ‑ "), "");
        assert!(slugify(&"a".repeat(200)).len() <= 80);
    }

    #[test]
    fn decodes_wordpress_texturized_titles() {
        assert_eq!(
            decode_entities("&#8222;Teatru &#038; muzică&#8221; &#8211; program&#8230;"),
            "„Teatru & muzică” – program…"
        );
        assert_eq!(decode_entities("A &amp; B &lt;i&gt; &#x219B;"), "A & B <i> ↛");
    }

    #[test]
    fn keeps_malformed_references() {
        assert_eq!(
            decode_entities("AT&T &unknown; & &#xZZ; &#99999999;"),
            "AT&T &unknown; & &#xZZ; \u{FFFD}"
        );
        assert_eq!(decode_entities("&"), "&");
        assert_eq!(decode_entities("&#;"), "&#;");
    }

    #[test]
    fn strips_tags_scripts_and_comments() {
        let html =
            "<p>Primul <strong>rând</strong>.</p><script>alert('x<p>')</script><!-- c --><p>Al doilea&nbsp;rând</p>";
        assert_eq!(html_to_text(html), "Primul rând . Al doilea rând");
        assert_eq!(html_to_text("3 < 5 și 5 > 3"), "3 < 5 și 5 > 3");
        assert_eq!(html_to_text("<p>neînchis"), "neînchis");
        assert_eq!(html_to_text("<STYLE>p{}</STYLE>ok"), "ok");
    }

    #[test]
    fn excerpt_cuts_at_word_boundary_with_ellipsis() {
        let t = "Consiliul local a aprobat bugetul pentru anul viitor după o ședință de patru ore";
        let e = excerpt(t, 40);
        assert_eq!(e, "Consiliul local a aprobat bugetul pentru…");
        assert!(e.chars().count() <= 41);
        assert_eq!(excerpt("scurt", 100), "scurt");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))] // unicode-segmentation is a native-only dependency
    fn simple_starts_agree_with_unicode_segmentation() {
        use unicode_segmentation::UnicodeSegmentation;
        let texts = [
            "Consiliul județean a aprobat „bugetul” – după o ședință… ©2026",
            "Ăăă îî ÂÂ șȘ țȚ ß œ ɐ ʃ‐‑‒—‘’‚‛“”„†‡•‣․‥…‧‰′″‴‹›‼‽‾⁀⁁⁂⁃⁄⁅⁆⁇⁈⁉⁊⁋⁌⁍⁎⁏⁐⁑⁒⁓⁔⁕⁖⁗⁘⁙⁚⁛⁜⁝⁞",
            "soft\u{AD}hyphen \u{A0}nbsp ~!@#$%^&*()_+{}|:\"<>?",
            "s\u{326} combining after", // the combining mark at 1 is not simple
            "ab\u{200D}c",              // ZWJ
            "",
        ];
        for t in texts {
            for n in [0, 1, 2, 5, 20, 200] {
                let want: Vec<usize> = t.grapheme_indices(true).take(n).map(|(i, _)| i).collect();
                if let Some(got) = simple_starts(t, n) {
                    assert_eq!(got, want, "{t:?} n={n}");
                }
            }
        }
        assert!(simple_starts(texts[0], 200).is_some());
        assert!(simple_starts(texts[1], 200).is_some());
        assert!(simple_starts(texts[2], 200).is_some());
        assert_eq!(simple_starts("s\u{326}x", 5), None);
        assert_eq!(
            simple_starts("s\u{326}x", 1),
            Some(vec![0]),
            "only the first n chars are looked at"
        );
        assert_eq!(simple_starts("ab\u{200D}c", 5), None);
        assert_eq!(simple_starts("👩‍👩‍👧", 3), None);
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))] // unicode-segmentation is a native-only dependency
    fn every_pair_of_simple_chars_is_two_clusters() {
        use unicode_segmentation::UnicodeSegmentation;
        let simple: Vec<char> = (0u32..0x2100)
            .filter_map(char::from_u32)
            .filter(|&c| is_simple(c))
            .collect();
        assert!(simple.len() > 600);
        for &a in &simple {
            for &b in &simple {
                let pair: String = [a, b].iter().collect();
                assert_eq!(pair.graphemes(true).count(), 2, "U+{:04X} U+{:04X}", a as u32, b as u32);
            }
        }
    }

    #[test]
    fn excerpt_is_grapheme_safe() {
        // "ș" written as s + combining comma below must never be split.
        let t = "s\u{0326}".repeat(50);
        let e = excerpt(&t, 10);
        assert_eq!(e, format!("{}…", "s\u{0326}".repeat(10)));
        let emoji = "👩‍👩‍👧 ".repeat(20);
        let e = excerpt(&emoji, 7);
        assert!(e.ends_with('…'));
        assert!(e.starts_with("👩‍👩‍👧 👩‍👩‍👧"));
        assert_eq!(e, format!("{}…", "👩‍👩‍👧 ".repeat(4).trim_end()));
    }

    #[test]
    fn grapheme_starts_match_the_browser_test() {
        // Same string and answer as tests/browser.rs, which runs `Intl.Segmenter`.
        let s = "a\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}b\u{1F1F7}\u{1F1F4}ce\u{301}";
        assert_eq!(grapheme_starts(s, 100), vec![0, 1, 19, 20, 28, 29]);
        assert_eq!(grapheme_starts(s, 3), vec![0, 1, 19]);
        assert_eq!(lowercase("ὈΔΥΣΣΕΎΣ"), "ὀδυσσεύς");
        assert_eq!(excerpt("x", 0), "x…");
    }

    #[test]
    fn excerpt_replaces_api_cut_markers() {
        assert_eq!(
            excerpt("Text trunchiat de API [&hellip;]", 100),
            "Text trunchiat de API"
        );
        assert_eq!(excerpt("Text trunchiat […]", 100), "Text trunchiat");
        assert_eq!(excerpt("Știre de agenție… [+2345 chars]", 100), "Știre de agenție");
        assert_eq!(excerpt("Un cuvânt lung foarte lung", 8), "Un…");
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"cuvânt ".repeat(401)), 3);
    }
}
