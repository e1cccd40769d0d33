//! Small, dependency-free UTC calendar helpers.
//!
//! All instants in the store are Unix seconds (UTC). WordPress shows a
//! site-local `date` next to `date_gmt`; the demo site uses a fixed +02:00
//! offset (Europe/Bucharest winter time) so output is deterministic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Offset of the demo site's local time from UTC, in seconds (+02:00).
pub const SITE_OFFSET_SECS: i64 = 2 * 3600;

/// Current time as whole Unix seconds.
pub fn now_unix() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(_) => 0,
    }
}

/// Converts Unix seconds to a [`SystemTime`] (clamped at the epoch).
pub fn to_system_time(secs: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs.max(0) as u64)
}

/// Days since 1970-01-01 for a proleptic Gregorian date.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Proleptic Gregorian date for a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SS` (no offset), the way
/// WordPress prints `date_gmt`.
pub fn format_naive(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Site-local time (`date`, `modified`) for a UTC instant.
pub fn format_local(secs: i64) -> String {
    format_naive(secs + SITE_OFFSET_SECS)
}

/// RFC 3339 UTC time with a `Z` suffix, as used by JSON Feed.
pub fn format_rfc3339(secs: i64) -> String {
    format!("{}Z", format_naive(secs))
}

/// HTTP-date (IMF-fixdate) for Unix seconds.
pub fn format_http_date(secs: i64) -> String {
    httpdate::fmt_http_date(to_system_time(secs))
}

/// Parses an HTTP-date header value into Unix seconds.
pub fn parse_http_date(value: &str) -> Option<i64> {
    let t = httpdate::parse_http_date(value.trim()).ok()?;
    t.duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs() as i64)
}

fn take_digits(s: &[u8], pos: &mut usize, n: usize) -> Option<u32> {
    let end = pos.checked_add(n)?;
    let chunk = s.get(*pos..end)?;
    if !chunk.iter().all(u8::is_ascii_digit) {
        return None;
    }
    *pos = end;
    chunk
        .iter()
        .try_fold(0u32, |acc, b| Some(acc * 10 + u32::from(b - b'0')))
}

fn expect(s: &[u8], pos: &mut usize, c: u8) -> Option<()> {
    if s.get(*pos) == Some(&c) {
        *pos += 1;
        Some(())
    } else {
        None
    }
}

/// Parses an ISO 8601 date or date-time into Unix seconds.
///
/// Accepts `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` (or a space instead
/// of `T`) followed by an optional `Z`, `±HH:MM` or `±HHMM`. A value with no
/// offset is taken as site-local time, like WordPress does for `after`.
/// A space before the offset is read as `+`, because an unescaped `+` in a
/// query string decodes to a space.
pub fn parse_iso8601(value: &str) -> Option<i64> {
    let s = value.trim().as_bytes();
    let mut p = 0;
    let y = take_digits(s, &mut p, 4)?;
    expect(s, &mut p, b'-')?;
    let mo = take_digits(s, &mut p, 2)?;
    expect(s, &mut p, b'-')?;
    let d = take_digits(s, &mut p, 2)?;
    let (mut h, mut mi, mut sec) = (0, 0, 0);
    if p < s.len() && (s[p] == b'T' || s[p] == b't' || s[p] == b' ') {
        p += 1;
        h = take_digits(s, &mut p, 2)?;
        expect(s, &mut p, b':')?;
        mi = take_digits(s, &mut p, 2)?;
        if s.get(p) == Some(&b':') {
            p += 1;
            sec = take_digits(s, &mut p, 2)?;
            if s.get(p) == Some(&b'.') || s.get(p) == Some(&b',') {
                p += 1;
                let start = p;
                while p < s.len() && s[p].is_ascii_digit() {
                    p += 1;
                }
                if p == start {
                    return None;
                }
            }
        }
    }
    let offset = match s.get(p) {
        None => SITE_OFFSET_SECS,
        Some(b'Z') | Some(b'z') if p + 1 == s.len() => 0,
        Some(&sign @ (b'+' | b'-' | b' ')) => {
            p += 1;
            let oh = take_digits(s, &mut p, 2)?;
            if s.get(p) == Some(&b':') {
                p += 1;
            }
            let om = take_digits(s, &mut p, 2)?;
            if p != s.len() || oh > 23 || om > 59 {
                return None;
            }
            let off = i64::from(oh * 3600 + om * 60);
            if sign == b'-' {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(i64::from(y), mo) {
        return None;
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(y), mo, d);
    Some(days * 86_400 + i64::from(h * 3600 + mi * 60 + sec.min(59)) - offset)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_known_dates() {
        assert_eq!(format_naive(0), "1970-01-01T00:00:00");
        assert_eq!(format_naive(951_782_400), "2000-02-29T00:00:00");
        assert_eq!(format_rfc3339(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(format_local(1_700_000_000), "2023-11-15T00:13:20");
    }

    #[test]
    fn parses_iso8601_variants() {
        assert_eq!(parse_iso8601("2023-11-14T22:13:20Z"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-11-14T22:13:20.123Z"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-11-15T00:13:20+02:00"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-11-15T00:13:20 02:00"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-11-15T00:13:20"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-11-14T20:13:20-0200"), Some(1_700_000_000));
        assert_eq!(parse_iso8601("2023-02-30"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
        assert_eq!(parse_iso8601("2023-11-14T22:13:20Zjunk"), None);
    }
}
