//! UI strings, one JSON file per locale under `locales/`.
//!
//! Lookup falls back from the exact tag (`ro-MD`) to its language (`ro`) to
//! English, so a partial locale file still shows every string. Dates, numbers
//! and relative times never come from here: they come from `Intl`.
//!
//! Adding a locale is adding one file: `build.rs` bundles every `locales/*.json`,
//! as tables of strings (no JSON is parsed at run time).

include!(concat!(env!("OUT_DIR"), "/locales.rs"));

/// One locale file: `key␟string␟key␟string…`, U+001F between (build.rs).
type Table = &'static str;

/// The tags of the bundled locale files, e.g. `["ar", "en", "ro"]`.
pub fn bundled_locales() -> Vec<&'static str> {
    TABLES.iter().map(|(n, _)| *n).collect()
}

/// The `lang` of one piece of content: the source's `language` when it gives a
/// real one; `None` leaves the attribute off, so the UI locale around it applies.
/// (Content language never changes the UI strings: a Romanian page quoting an
/// English article keeps Romanian buttons. A widget's `locale` attribute is its
/// config `locale`, so the UI locale is always `Config::locale`.)
pub fn content_language(content: Option<&str>) -> Option<&str> {
    content.map(str::trim).filter(|c| !c.is_empty())
}

/// Languages written right to left (when the tag names no script).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi", "nqo",
];
/// Scripts written right to left (a script subtag wins over the language).
const RTL_SCRIPTS: &[&str] = &["adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa"];

/// `"rtl"` or `"ltr"` for a BCP 47 tag, from its script subtag if any, else its
/// language. The browser's `Intl.Locale` text info is preferred where it exists
/// (`web::intl::direction`); this is the fallback and the host-tested rule.
pub fn direction(tag: &str) -> &'static str {
    let lower = tag.trim().to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let lang = parts.next().unwrap_or("");
    let script = parts
        .next()
        .filter(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()));
    let rtl = match script {
        Some(s) => RTL_SCRIPTS.contains(&s),
        None => RTL_LANGUAGES.contains(&lang),
    };
    if rtl {
        "rtl"
    } else {
        "ltr"
    }
}

/// Resolved messages for one locale, with English behind it.
#[derive(Debug, Clone)]
pub struct Messages {
    locale: String,
    chain: Vec<Table>,
}

/// A key's string in one table.
fn lookup(table: Table, key: &str) -> Option<&'static str> {
    let mut parts = table.split('\u{1f}');
    while let (Some(k), Some(v)) = (parts.next(), parts.next()) {
        if k == key {
            return Some(v);
        }
    }
    None
}

impl Messages {
    /// Messages for a BCP 47 tag, with the fallback chain applied.
    pub fn for_locale(tag: &str) -> Messages {
        let tag = tag.trim().to_ascii_lowercase();
        let lang = tag.split(['-', '_']).next().unwrap_or("").to_owned();
        let mut chain = Vec::new();
        let mut resolved = None;
        for want in [tag.as_str(), lang.as_str(), "en"] {
            if let Some((name, table)) = TABLES.iter().find(|(n, _)| *n == want) {
                resolved.get_or_insert(*name);
                chain.push(*table);
            }
        }
        Messages {
            locale: resolved.unwrap_or("en").to_owned(),
            chain,
        }
    }

    /// The locale actually resolved (for `<html lang>` and `Intl`).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// A string by key; the key itself when no file has it, so gaps are visible.
    pub fn t(&self, key: &str) -> String {
        self.get(key).unwrap_or_else(|| key.to_owned())
    }

    /// A string by key, `None` when no file in the chain has it.
    pub fn get(&self, key: &str) -> Option<String> {
        self.chain.iter().find_map(|t| lookup(t, key)).map(str::to_owned)
    }

    /// A plural-sensitive string: `key.<category>` where the category comes from
    /// `Intl.PluralRules` (`one`, `few`, `other`, …), falling back to `key.other`.
    /// The message owns the wording, e.g. Romanian "20 de articole noi" in `other`.
    pub fn plural(&self, key: &str, category: &str, n: u64) -> String {
        let exact = format!("{key}.{category}");
        let chosen = if self.chain.iter().any(|t| lookup(t, &exact).is_some()) {
            exact
        } else {
            format!("{key}.other")
        };
        self.t_with(&chosen, &[("n", &n.to_string())])
    }

    /// A string with `{name}` placeholders filled in.
    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut s = self.t(key);
        for (k, v) in args {
            s = s.replace(&format!("{{{k}}}"), v);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn romanian_with_fallback_chain() {
        let m = Messages::for_locale("ro-MD");
        assert_eq!(m.locale(), "ro");
        assert_eq!(m.t("published_by"), "Publicat de");
        assert_eq!(Messages::for_locale("fr").t("published_by"), "Published by");
        assert_eq!(m.t("no_such_key"), "no_such_key");
    }

    #[test]
    fn every_locale_has_every_english_key() {
        // Plural variants (`key.one`, …) differ by language; each needs at least `.other`.
        let en_src = BUNDLED.iter().find(|(n, _)| *n == "en").unwrap().1;
        let en: HashMap<String, String> = serde_json::from_str(en_src).unwrap();
        let base = |k: &String| k.split('.').next().unwrap_or("").to_owned();
        let en_bases: std::collections::HashSet<String> = en.keys().map(base).collect();
        for (name, src) in BUNDLED {
            let m: HashMap<String, String> = serde_json::from_str(src).unwrap();
            for k in en.keys().filter(|k| !k.contains('.')) {
                assert!(m.contains_key(k), "{name} lacks {k}");
            }
            for k in m.keys() {
                assert!(
                    en_bases.contains(&base(k)),
                    "{name} has {k}, which en.json lacks (a typo?)"
                );
            }
            // Placeholders survive translation.
            for (k, v) in &m {
                let want = en.get(k).or_else(|| en.get(&format!("{}.other", base(k))));
                if let Some(e) = want {
                    for ph in [
                        "{url}",
                        "{s}",
                        "{status}",
                        "{detail}",
                        "{key}",
                        "{site}",
                        "{network}",
                        "{field}",
                        "{message}",
                        "{limit}",
                        "{api}",
                    ] {
                        assert_eq!(e.contains(ph), v.contains(ph), "{name}: {k} placeholder {ph}");
                    }
                }
            }
        }
    }

    #[test]
    fn locale_files_are_found_by_build_rs() {
        let tags = bundled_locales();
        for t in ["ar", "en", "ro"] {
            assert!(tags.contains(&t), "{tags:?}");
        }
        assert_eq!(Messages::for_locale("ar-EG").locale(), "ar");
        assert_eq!(Messages::for_locale("ar").t("retry"), "أعد المحاولة");
    }

    #[test]
    fn text_direction() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("ar-EG"), "rtl");
        assert_eq!(direction("he"), "rtl");
        assert_eq!(direction("fa-IR"), "rtl");
        assert_eq!(direction("ro"), "ltr");
        assert_eq!(direction("en-US"), "ltr");
        assert_eq!(direction("az-Arab"), "rtl", "script subtag wins");
        assert_eq!(direction("ks-Deva"), "ltr", "script subtag wins");
        assert_eq!(direction(""), "ltr");
    }

    #[test]
    fn content_language_is_the_sources_or_none() {
        assert_eq!(content_language(Some("en")), Some("en"));
        assert_eq!(content_language(Some(" en ")), Some("en"));
        assert_eq!(content_language(None), None);
        assert_eq!(content_language(Some("")), None);
    }

    #[test]
    fn plural_categories_come_from_the_caller() {
        let ro = Messages::for_locale("ro");
        // Categories as Intl.PluralRules('ro') gives them for 1, 3 and 20.
        assert_eq!(ro.plural("new_posts", "one", 1), "un articol nou");
        assert_eq!(ro.plural("new_posts", "few", 3), "3 articole noi");
        assert_eq!(ro.plural("new_posts", "other", 20), "20 de articole noi");
        let en = Messages::for_locale("en");
        assert_eq!(
            en.plural("new_posts", "few", 3),
            "3 new posts",
            "unknown category falls back to other"
        );
    }

    #[test]
    fn plural_keys_always_have_other() {
        for (name, src) in BUNDLED {
            let m: HashMap<String, String> = serde_json::from_str(src).unwrap();
            for k in m.keys().filter_map(|k| k.split_once('.').map(|(b, _)| b)) {
                assert!(m.contains_key(&format!("{k}.other")), "{name} lacks {k}.other");
            }
        }
    }

    #[test]
    fn the_tables_hold_each_file_as_written() {
        for (name, src) in BUNDLED {
            let json: HashMap<String, String> = serde_json::from_str(src).unwrap();
            let table = TABLES.iter().find(|(n, _)| n == name).unwrap().1;
            assert_eq!(table.split('\u{1f}').count(), json.len() * 2, "{name}");
            for (k, v) in &json {
                assert_eq!(lookup(table, k), Some(v.as_str()), "{name}: {k}");
            }
        }
    }

    #[test]
    fn placeholders() {
        let m = Messages::for_locale("ro");
        assert_eq!(m.t_with("reading_time", &[("n", "4")]), "4 min de citit");
    }
}
