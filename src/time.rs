//! Instants and relative-time buckets, in pure Rust so they are tested natively.
//!
//! Formatting is left to the browser's `Intl` (see `web::intl`); this module only
//! decides *which* unit and value to show and how often a time needs re-rendering.

/// A UTC instant in milliseconds since the Unix epoch.
///
/// A plain integer keeps the model `Copy`, comparable and free of a date crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Instant(pub i64);

impl Instant {
    /// The system clock, natively (the server's, and host tests'; the
    /// browser reads its own through `web::now`).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn now_system() -> Self {
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Instant(ms)
    }

    /// Builds an instant from Unix seconds (Hacker News, JWT-style APIs).
    pub fn from_unix_seconds(s: i64) -> Self {
        Instant(s.saturating_mul(1000))
    }

    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Parses RFC 3339 / ISO 8601 date-times as news APIs send them.
    ///
    /// A missing offset means UTC, because WordPress's `date_gmt` carries none.
    /// Accepts `T` or a space as separator, fractional seconds, `Z` or `±HH:MM`/`±HHMM`.
    pub fn parse_iso8601(s: &str) -> Option<Self> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || !s.is_ascii() {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) && !part.is_empty() {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = num(0..4)?;
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let month = num(5..7)?;
        let day = num(8..10)?;
        let (mut hour, mut minute, mut second, mut millis) = (0, 0, 0, 0i64);
        let mut rest = &s[10..];
        if !rest.is_empty() {
            let sep = rest.as_bytes()[0];
            if sep != b'T' && sep != b't' && sep != b' ' {
                return None;
            }
            let t = &rest[1..];
            if t.len() < 5 || t.as_bytes()[2] != b':' {
                return None;
            }
            hour = t[0..2].parse().ok()?;
            minute = t[3..5].parse().ok()?;
            let mut i = 5;
            if t.len() >= 8 && t.as_bytes()[5] == b':' {
                second = t[6..8].parse().ok()?;
                i = 8;
                if t.len() > 8 && (t.as_bytes()[8] == b'.' || t.as_bytes()[8] == b',') {
                    let frac: String = t[9..].chars().take_while(|c| c.is_ascii_digit()).collect();
                    if frac.is_empty() {
                        return None;
                    }
                    let ms: String = frac.chars().chain("000".chars()).take(3).collect();
                    millis = ms.parse().ok()?;
                    i = 9 + frac.len();
                }
            }
            rest = &t[i..];
        }
        let offset_min: i64 = match rest {
            "" | "Z" | "z" => 0,
            o => {
                let sign = match o.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let digits: String = o[1..].chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let h: i64 = digits[0..2].parse().ok()?;
                let m: i64 = digits[2..4].parse().ok()?;
                sign * (h * 60 + m)
            }
        };
        if !(1..=12).contains(&month)
            || !(1..=days_in_month(year, month)).contains(&day)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_min * 60;
        Some(Instant(secs * 1000 + millis))
    }

    /// Parses an IMF-fixdate HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`), as in
    /// `Retry-After` and `Last-Modified`.
    pub fn parse_http_date(s: &str) -> Option<Self> {
        let rest = s.trim().split_once(", ")?.1;
        let parts: Vec<&str> = rest.split(' ').collect();
        if parts.len() != 5 || parts[4] != "GMT" {
            return None;
        }
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS.iter().position(|m| *m == parts[1])? + 1;
        let day: u32 = parts[0].parse().ok()?;
        let year: u32 = parts[2].parse().ok()?;
        Instant::parse_iso8601(&format!("{year:04}-{month:02}-{day:02}T{}Z", parts[3]))
    }

    /// Formats as RFC 3339 UTC (`2026-11-26T10:00:00Z`), for `<time datetime>`.
    pub fn to_rfc3339(self) -> String {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            sod / 3600,
            (sod / 60) % 60,
            sod % 60
        )
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(y) => 29,
        _ => 28,
    }
}

// Howard Hinnant's days-from-civil algorithm (public-domain arithmetic).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Units that `Intl.RelativeTimeFormat` accepts, largest last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl RelUnit {
    /// The unit name `Intl.RelativeTimeFormat.format` expects.
    pub fn as_intl(self) -> &'static str {
        match self {
            RelUnit::Second => "second",
            RelUnit::Minute => "minute",
            RelUnit::Hour => "hour",
            RelUnit::Day => "day",
            RelUnit::Week => "week",
            RelUnit::Month => "month",
            RelUnit::Year => "year",
        }
    }
}

/// What to show for an age: a signed value (negative = past) in one unit.
///
/// Values are floored, so "59 minutes" never reads "1 hour" early, and a post
/// stamped slightly in the future (clock skew) shows as "now" rather than "in 5 s".
pub fn relative_bucket(then: Instant, now: Instant) -> (i64, RelUnit) {
    let age = ((now.0 - then.0) / 1000).max(0);
    const MIN: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;
    let (v, u) = if age < MIN {
        (0, RelUnit::Second)
    } else if age < HOUR {
        (age / MIN, RelUnit::Minute)
    } else if age < DAY {
        (age / HOUR, RelUnit::Hour)
    } else if age < 7 * DAY {
        (age / DAY, RelUnit::Day)
    } else if age < 30 * DAY {
        (age / (7 * DAY), RelUnit::Week)
    } else if age < 365 * DAY {
        (age / (30 * DAY), RelUnit::Month)
    } else {
        (age / (365 * DAY), RelUnit::Year)
    };
    (-v, u)
}

/// How long until the newest visible time needs re-rendering, in milliseconds.
///
/// Drives the one shared clock: fast while something is under an hour old,
/// slow otherwise, so idle pages don't wake up every few seconds.
pub fn next_tick_ms(newest: Option<Instant>, now: Instant) -> u32 {
    match newest {
        Some(t) if now.0 - t.0 < 3_600_000 => 15_000,
        _ => 300_000,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wordpress_date_gmt_as_utc() {
        let t = Instant::parse_iso8601("2026-11-26T10:00:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-26T10:00:00Z");
    }

    #[test]
    fn parses_offsets_and_fractions() {
        let a = Instant::parse_iso8601("2026-11-26T12:00:00+02:00").unwrap();
        let b = Instant::parse_iso8601("2026-11-26T10:00:00Z").unwrap();
        let c = Instant::parse_iso8601("2026-11-26T10:00:00.250Z").unwrap();
        let d = Instant::parse_iso8601("2026-11-26 05:00:00-0500").unwrap();
        assert_eq!(a, b);
        assert_eq!(c.0 - b.0, 250);
        assert_eq!(d, b);
    }

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(Instant::parse_iso8601("1970-01-01T00:00:00Z"), Some(Instant(0)));
        assert!(Instant::parse_iso8601("2024-02-29T00:00:00Z").is_some());
        assert!(Instant::parse_iso8601("2026-02-29T00:00:00Z").is_none());
        assert_eq!(
            Instant::parse_iso8601("2024-02-29").unwrap().to_rfc3339(),
            "2024-02-29T00:00:00Z"
        );
    }

    #[test]
    fn rejects_garbage_without_panicking() {
        for s in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-26T25:00",
            "2026-11-26X10:00",
            "2026-11-26T10:00:00+2",
            "ăăăă-11-26",
            "2026-11-26T1",
            "2026-11-26T10:00:00.Z",
        ] {
            assert!(Instant::parse_iso8601(s).is_none(), "{s}");
        }
    }

    #[test]
    fn buckets_floor_and_never_go_future() {
        let now = Instant(10_000_000_000);
        let ago = |s: i64| Instant(now.0 - s * 1000);
        assert_eq!(relative_bucket(ago(27 * 60), now), (-27, RelUnit::Minute));
        assert_eq!(relative_bucket(ago(59 * 60 + 59), now), (-59, RelUnit::Minute));
        assert_eq!(relative_bucket(ago(3600), now), (-1, RelUnit::Hour));
        assert_eq!(relative_bucket(ago(3 * 86_400), now), (-3, RelUnit::Day));
        assert_eq!(relative_bucket(ago(20 * 86_400), now), (-2, RelUnit::Week));
        assert_eq!(relative_bucket(ago(400 * 86_400), now), (-1, RelUnit::Year));
        assert_eq!(relative_bucket(Instant(now.0 + 5000), now), (0, RelUnit::Second));
    }

    #[test]
    fn tick_is_fast_only_for_fresh_posts() {
        let now = Instant(10_000_000_000);
        assert_eq!(next_tick_ms(Some(Instant(now.0 - 60_000)), now), 15_000);
        assert_eq!(next_tick_ms(Some(Instant(now.0 - 7_200_000)), now), 300_000);
        assert_eq!(next_tick_ms(None, now), 300_000);
    }
}
