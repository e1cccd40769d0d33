//! UI strings, one JSON file per locale under `locales/`.
//!
//! Lookup falls back from the exact tag (`ro-MD`) to its language (`ro`) to
//! English, so a partial locale file still shows every string. Dates, numbers
//! and relative times never come from here: they come from `Intl`.

use std::collections::HashMap;

/// The bundled locale files. Adding a locale means adding one line here and one file.
const BUNDLED: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en.json")),
    ("ro", include_str!("../locales/ro.json")),
];

/// Resolved messages for one locale, with English behind it.
#[derive(Debug, Clone)]
pub struct Messages {
    locale: String,
    chain: Vec<HashMap<String, String>>,
}

impl Messages {
    /// Messages for a BCP 47 tag, with the fallback chain applied.
    pub fn for_locale(tag: &str) -> Messages {
        let tag = tag.trim().to_ascii_lowercase();
        let lang = tag.split(['-', '_']).next().unwrap_or("").to_owned();
        let mut chain = Vec::new();
        let mut resolved = None;
        for want in [tag.as_str(), lang.as_str(), "en"] {
            if let Some((name, src)) = BUNDLED.iter().find(|(n, _)| *n == want) {
                if let Ok(map) = serde_json::from_str::<HashMap<String, String>>(src) {
                    resolved.get_or_insert(*name);
                    chain.push(map);
                }
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
        self.chain
            .iter()
            .find_map(|m| m.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// A plural-sensitive string: `key.<category>` where the category comes from
    /// `Intl.PluralRules` (`one`, `few`, `other`, …), falling back to `key.other`.
    /// The message owns the wording, e.g. Romanian "20 de articole noi" in `other`.
    pub fn plural(&self, key: &str, category: &str, n: u64) -> String {
        let exact = format!("{key}.{category}");
        let chosen = if self.chain.iter().any(|m| m.contains_key(&exact)) {
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
        let en: HashMap<String, String> = serde_json::from_str(BUNDLED[0].1).unwrap();
        for (name, src) in BUNDLED {
            let m: HashMap<String, String> = serde_json::from_str(src).unwrap();
            for k in en.keys().filter(|k| !k.contains('.')) {
                assert!(m.contains_key(k), "{name} lacks {k}");
            }
        }
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
    fn placeholders() {
        let m = Messages::for_locale("ro");
        assert_eq!(m.t_with("reading_time", &[("n", "4")]), "4 min de citit");
    }
}
