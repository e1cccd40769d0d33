//! Dates and relative times through the browser's `Intl`, never hand-written tables.

use crate::time::{relative_bucket, Instant};
use js_sys::{Array, Intl, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales`, bound with `catch` so a bad tag from config is an
    /// `Err` instead of an exception unwinding through wasm.
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn get_canonical_locales(tag: &str) -> Result<Array, JsValue>;
}

/// A locale tag `Intl` accepts: the given one canonicalized, or `en` when invalid.
pub fn canonical_locale(tag: &str) -> String {
    match get_canonical_locales(tag) {
        Ok(a) => a.get(0).as_string().unwrap_or_else(|| "en".into()),
        Err(e) => {
            web_sys::console::warn_2(&format!("Ziar: locale `{tag}` is not valid; using en").into(), &e);
            "en".into()
        }
    }
}

thread_local! {
    static RTF: RefCell<HashMap<String, Intl::RelativeTimeFormat>> = RefCell::new(HashMap::new());
    static DTF: RefCell<HashMap<String, Intl::DateTimeFormat>> = RefCell::new(HashMap::new());
}

fn opts(pairs: &[(&str, &str)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), &(*v).into());
    }
    o
}

/// "acum 27 de minute" / "27 minutes ago", with `numeric: auto` so Intl may say
/// "acum" / "now" or "ieri" / "yesterday" where the language prefers it.
pub fn relative(then: Instant, now: Instant, locale: &str) -> String {
    let (value, unit) = relative_bucket(then, now);
    RTF.with(|cache| {
        let mut cache = cache.borrow_mut();
        let f = cache.entry(locale.to_owned()).or_insert_with(|| {
            Intl::RelativeTimeFormat::new(&Array::of1(&locale.into()), &opts(&[("numeric", "auto")]))
        });
        f.format(value as f64, unit.as_intl()).into()
    })
}

/// A long absolute date and time, e.g. "26 noiembrie 2026 la 11:33", in
/// `zone` (the site's `time_zone`) or else the reader's own.
pub fn absolute(t: Instant, locale: &str, zone: Option<&str>) -> String {
    DTF.with(|cache| {
        let mut cache = cache.borrow_mut();
        let key = format!("{locale}\u{0}{}", zone.unwrap_or_default());
        let f = cache.entry(key).or_insert_with(|| date_format(locale, zone));
        let date = js_sys::Date::new(&JsValue::from_f64(t.0 as f64));
        f.format()
            .call1(&JsValue::NULL, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// `Intl.DateTimeFormat` for the long date and short time; an unknown time
/// zone (`RangeError`) falls back to the reader's own, with a warning.
fn date_format(locale: &str, zone: Option<&str>) -> Intl::DateTimeFormat {
    let locales = Array::of1(&locale.into());
    let style = [("dateStyle", "long"), ("timeStyle", "short")];
    if let Some(z) = zone {
        let mut with_zone = style.to_vec();
        with_zone.push(("timeZone", z));
        let ctor = Reflect::get(&js_sys::global(), &"Intl".into())
            .and_then(|intl| Reflect::get(&intl, &"DateTimeFormat".into()))
            .ok()
            .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
        if let Some(ctor) = ctor {
            let args = Array::of2(&locales, &opts(&with_zone));
            match Reflect::construct(&ctor, &args) {
                Ok(f) => return f.unchecked_into(),
                Err(_) => web_sys::console::warn_1(
                    &format!("Ziar: time_zone `{z}` is unknown here; using the reader's").into(),
                ),
            }
        }
    }
    Intl::DateTimeFormat::new(&locales, &opts(&style))
}

thread_local! {
    static PLURAL: RefCell<HashMap<String, Intl::PluralRules>> = RefCell::new(HashMap::new());
}

/// Builds and caches the date and relative-time formatters for `locale`. The
/// first `Intl` object of a page loads the locale's data, tens of ms on a slow
/// phone; the shell calls this in the idle gap while the first API request is
/// in flight, so that cost leaves the article's render. One formatter per
/// task: together they would block the main thread for over 50 ms.
pub fn warm(locale: &str, zone: Option<&str>) {
    let now = super::now();
    let _ = absolute(now, locale, zone);
    let locale = locale.to_owned();
    super::timer::Timeout::new(0, move || {
        let _ = relative(now, now, &locale);
    });
}

/// The CLDR plural category (`one`, `few`, `other`, …) of `n` in `locale`.
pub fn plural_category(n: u64, locale: &str) -> String {
    PLURAL.with(|cache| {
        let mut cache = cache.borrow_mut();
        let rules = cache
            .entry(locale.to_owned())
            .or_insert_with(|| Intl::PluralRules::new(&Array::of1(&locale.into()), &Object::new()));
        rules.select(n as f64).into()
    })
}

thread_local! {
    static DIRECTION: RefCell<HashMap<String, &'static str>> = RefCell::new(HashMap::new());
}

/// `"rtl"` or `"ltr"` for a locale: `Intl.Locale`'s text info where the browser
/// has it (`getTextInfo()`, or the older `textInfo` getter), else the script and
/// language rule in [`crate::i18n::direction`]. Cached per tag: the first
/// `getTextInfo()` loads locale data (~50 ms of a throttled startup), and the
/// shell and the article both ask.
pub fn direction(tag: &str) -> &'static str {
    if let Some(dir) = DIRECTION.with(|c| c.borrow().get(tag).copied()) {
        return dir;
    }
    let dir = direction_uncached(tag);
    DIRECTION.with(|c| c.borrow_mut().insert(tag.to_owned(), dir));
    dir
}

fn direction_uncached(tag: &str) -> &'static str {
    let from_intl = || -> Option<&'static str> {
        let ctor = Reflect::get(&js_sys::global(), &"Intl".into())
            .ok()
            .and_then(|i| Reflect::get(&i, &"Locale".into()).ok())?;
        let ctor: js_sys::Function = ctor.dyn_into().ok()?;
        let loc = Reflect::construct(&ctor, &Array::of1(&tag.into())).ok()?;
        let info = match Reflect::get(&loc, &"getTextInfo".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            Some(f) => f.call0(&loc).ok()?,
            None => Reflect::get(&loc, &"textInfo".into()).ok()?,
        };
        match Reflect::get(&info, &"direction".into()).ok()?.as_string()?.as_str() {
            "rtl" => Some("rtl"),
            "ltr" => Some("ltr"),
            _ => None,
        }
    };
    from_intl().unwrap_or_else(|| crate::i18n::direction(tag))
}
