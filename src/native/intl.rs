//! Dates, relative times and plurals on the server, through ICU4X: the same
//! CLDR data the browser's `Intl` formats from, so the markup a server render
//! writes reads like what the browser app writes later ("6 decembrie 2026 la
//! 14:40", "acum 27 de minute"). Dates are written in the site's time zone
//! (`time_zone` in the config; the render's [`super::Render::time_zone`]),
//! converted with jiff and its time-zone database.

use crate::time::{relative_bucket, Instant, RelUnit};
use fixed_decimal::Decimal;
use icu_datetime::fieldsets::YMDT;
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::DateTimeFormatter;
use icu_experimental::relativetime::options::Numeric;
use icu_experimental::relativetime::{RelativeTimeFormatter, RelativeTimeFormatterOptions};
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use writeable::Writeable;

/// A locale tag ICU4X accepts, canonicalized (`ro-md` → `ro-MD`); `en` when invalid.
pub fn canonical_locale(tag: &str) -> String {
    match Locale::try_from_str(tag.trim()) {
        Ok(l) => l.to_string(),
        Err(_) => {
            eprintln!("Ziar: locale `{tag}` is not valid; using en");
            "en".into()
        }
    }
}

fn locale(tag: &str) -> Locale {
    Locale::try_from_str(tag).unwrap_or(icu_locale_core::locale!("en"))
}

/// Formatters are built once per locale and thread, and kept: building one
/// loads its locale data, and every render of the site asks for the same few.
/// (ICU4X formatters are not `Send`, so each server thread has its own.)
struct Cache<T>(RefCell<HashMap<String, Rc<T>>>);

impl<T> Cache<T> {
    fn new() -> Self {
        Cache(RefCell::default())
    }

    fn get(&self, key: &str, build: impl FnOnce() -> Option<T>) -> Option<Rc<T>> {
        if let Some(found) = self.0.borrow().get(key) {
            return Some(found.clone());
        }
        let built = Rc::new(build()?);
        self.0.borrow_mut().insert(key.to_owned(), built.clone());
        Some(built)
    }
}

thread_local! {
    static DATES: Cache<DateTimeFormatter<YMDT>> = Cache::new();
    static PLURALS: Cache<PluralRules> = Cache::new();
    static RELATIVE: Cache<RelativeTimeFormatter> = Cache::new();
}

/// A long date and a short time, like `Intl.DateTimeFormat` with `dateStyle:
/// "long", timeStyle: "short"`, in `zone` (the site's `time_zone`), else the
/// render's.
pub fn absolute(t: Instant, locale_tag: &str, zone: Option<&str>) -> String {
    match zone {
        Some(z) => absolute_in(t, locale_tag, z),
        None => absolute_in(t, locale_tag, &super::render().time_zone),
    }
}

/// [`absolute`] in the IANA zone `zone` (UTC when it is unknown).
pub fn absolute_in(t: Instant, locale_tag: &str, zone: &str) -> String {
    let Some(f) = DATES.with(|c| {
        c.get(locale_tag, || {
            let fields = YMDT::long().with_time_precision(icu_datetime::options::TimePrecision::Minute);
            DateTimeFormatter::try_new(locale(locale_tag).into(), fields).ok()
        })
    }) else {
        return String::new();
    };
    let tz = jiff::tz::TimeZone::get(zone).unwrap_or(jiff::tz::TimeZone::UTC);
    let Ok(ts) = jiff::Timestamp::from_millisecond(t.0) else {
        return String::new();
    };
    let civil = ts.to_zoned(tz).datetime();
    let (Ok(date), Ok(time)) = (
        Date::try_new_iso(i32::from(civil.year()), civil.month() as u8, civil.day() as u8),
        Time::try_new(civil.hour() as u8, civil.minute() as u8, civil.second() as u8, 0),
    ) else {
        return String::new();
    };
    f.format(&DateTime { date, time }).write_to_string().into_owned()
}

/// "acum 27 de minute" / "27 minutes ago", with `numeric: auto` like the
/// browser's, so the language may say "acum" / "now" or "ieri" / "yesterday".
pub fn relative(then: Instant, now: Instant, locale_tag: &str) -> String {
    let (value, unit) = relative_bucket(then, now);
    let key = format!("{locale_tag}\u{0}{}", unit.as_intl());
    let Some(f) = RELATIVE.with(|c| {
        c.get(&key, || {
            let prefs = locale(locale_tag).into();
            let opts = RelativeTimeFormatterOptions { numeric: Numeric::Auto };
            match unit {
                RelUnit::Second => RelativeTimeFormatter::try_new_long_second(prefs, opts),
                RelUnit::Minute => RelativeTimeFormatter::try_new_long_minute(prefs, opts),
                RelUnit::Hour => RelativeTimeFormatter::try_new_long_hour(prefs, opts),
                RelUnit::Day => RelativeTimeFormatter::try_new_long_day(prefs, opts),
                RelUnit::Week => RelativeTimeFormatter::try_new_long_week(prefs, opts),
                RelUnit::Month => RelativeTimeFormatter::try_new_long_month(prefs, opts),
                RelUnit::Year => RelativeTimeFormatter::try_new_long_year(prefs, opts),
            }
            .ok()
        })
    }) else {
        return String::new();
    };
    f.format(Decimal::from(value)).write_to_string().into_owned()
}

/// Nothing to warm: formatters are cached for the life of the server.
pub fn warm(_locale: &str, _zone: Option<&str>) {}

/// The CLDR plural category (`one`, `few`, `other`, …) of `n` in `locale`.
pub fn plural_category(n: u64, locale_tag: &str) -> String {
    let category = PLURALS
        .with(|c| {
            c.get(locale_tag, || {
                PluralRules::try_new_cardinal(locale(locale_tag).into()).ok()
            })
        })
        .map_or(PluralCategory::Other, |r| r.category_for(n));
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
    .into()
}

/// `"rtl"` or `"ltr"` for a locale, from its script and language.
pub fn direction(tag: &str) -> &'static str {
    crate::i18n::direction(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Instant = Instant(1_796_559_600_000); // 2026-12-06T12:20:00Z

    #[test]
    fn dates_read_as_the_browser_writes_them() {
        let ro = absolute_in(T, "ro", "Europe/Bucharest");
        assert!(ro.contains("decembrie 2026") && ro.contains("14:20"), "{ro}");
        let en = absolute_in(T, "en", "UTC");
        assert!(en.contains("December 6, 2026") && en.contains("12:20"), "{en}");
        assert!(absolute_in(T, "ar", "UTC")
            .chars()
            .any(|c| ('\u{0660}'..='\u{0669}').contains(&c) || c.is_ascii_digit()));
        // An unknown zone falls back to UTC rather than failing the page.
        assert!(absolute_in(T, "en", "Nowhere/Atlantis").contains("12:20"));
    }

    #[test]
    fn relative_times_in_the_language_never_english_words_in_romanian() {
        let min = |m: i64| relative(Instant(T.0 - m * 60_000), T, "ro");
        assert_eq!(min(27), "acum 27 de minute");
        assert_eq!(min(3), "acum 3 minute");
        assert_eq!(min(0), "acum");
        assert_eq!(relative(Instant(T.0 - 86_400_000), T, "en"), "yesterday");
    }

    #[test]
    fn plurals_and_locales() {
        assert_eq!(plural_category(1, "ro"), "one");
        assert_eq!(plural_category(3, "ro"), "few");
        assert_eq!(plural_category(20, "ro"), "other");
        assert_eq!(canonical_locale("ro-md"), "ro-MD");
        assert_eq!(canonical_locale("not a tag!"), "en");
        assert_eq!(direction("ar"), "rtl");
    }
}
