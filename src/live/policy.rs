//! Poll scheduling: interval with ±20% jitter, server hints, and full-jitter
//! exponential backoff on errors.

use crate::time::Instant;

/// Tunables for polling. `Default` is what the app uses: 60 s ± 20%, backoff
/// from 5 s doubling to a 5-minute cap, and never faster than every 5 s.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPolicy {
    /// The configured interval (`poll_seconds`).
    pub interval_ms: u64,
    /// Relative jitter applied to successful polls (0.2 = ±20%), so many
    /// readers don't hit the API in lockstep.
    pub jitter: f64,
    /// First backoff step after an error.
    pub backoff_base_ms: u64,
    /// Backoff never waits longer than this.
    pub backoff_cap_ms: u64,
    /// Floor for any delay, including server hints, to protect the API.
    pub min_delay_ms: u64,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            interval_ms: 60_000,
            jitter: 0.2,
            backoff_base_ms: 5_000,
            backoff_cap_ms: 300_000,
            min_delay_ms: 5_000,
        }
    }
}

/// What the last poll produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 200 with a body, or 304: the API is healthy.
    Ok,
    /// Network error, timeout or error status; `retry_after_ms` from `Retry-After`.
    Failed { retry_after_ms: Option<u64> },
}

/// What the scheduler remembers between polls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PollState {
    /// Consecutive failures so far (0 after a success).
    pub failures: u32,
    /// The server's `X-Poll-Interval`, when it sent one.
    pub server_interval_ms: Option<u64>,
}

impl PollPolicy {
    /// Builds the policy for a configured interval in seconds.
    pub fn with_interval_secs(secs: u32) -> Self {
        PollPolicy {
            interval_ms: u64::from(secs) * 1000,
            ..Default::default()
        }
    }

    /// Records an outcome and returns the delay before the next poll.
    ///
    /// `rand01` is a uniform random number in `[0, 1)` (injected, so tests are
    /// deterministic). Success: the interval (the server's hint wins over
    /// config) scaled by `1 ± jitter`. Failure: full jitter,
    /// `rand · min(cap, base · 2^failures)`, but never sooner than `Retry-After`.
    pub fn next_delay(&self, state: &mut PollState, outcome: Outcome, rand01: f64) -> u64 {
        let r = if rand01.is_finite() {
            rand01.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let delay = match outcome {
            Outcome::Ok => {
                state.failures = 0;
                let base = state.server_interval_ms.unwrap_or(self.interval_ms) as f64;
                base * (1.0 - self.jitter + 2.0 * self.jitter * r)
            }
            Outcome::Failed { retry_after_ms } => {
                state.failures = state.failures.saturating_add(1);
                let exp = self
                    .backoff_base_ms
                    .saturating_mul(1u64 << (state.failures - 1).min(20));
                let ceiling = exp.min(self.backoff_cap_ms) as f64;
                let jittered = r * ceiling;
                jittered.max(retry_after_ms.unwrap_or(0).min(3_600_000) as f64)
            }
        };
        (delay as u64).max(self.min_delay_ms)
    }
}

/// Parses `Retry-After`: delta-seconds or an HTTP-date, into milliseconds from `now`.
pub fn parse_retry_after(value: &str, now: Instant) -> Option<u64> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(secs.saturating_mul(1000));
    }
    let at = Instant::parse_http_date(v)?;
    Some((at.0 - now.0).max(0) as u64)
}

/// Parses `X-Poll-Interval` (seconds) into milliseconds; nonsense is ignored.
pub fn parse_poll_interval(value: &str) -> Option<u64> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|s| (1..=86_400).contains(s))
        .map(|s| s * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny deterministic generator for property-style loops.
    pub(crate) struct Lcg(pub u64);
    impl Lcg {
        pub fn next_f64(&mut self) -> f64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    #[test]
    fn success_delay_stays_within_jitter_bounds() {
        let p = PollPolicy::default();
        let mut rng = Lcg(7);
        let mut st = PollState::default();
        for _ in 0..10_000 {
            let d = p.next_delay(&mut st, Outcome::Ok, rng.next_f64());
            assert!((48_000..=72_000).contains(&d), "{d}");
        }
        assert_eq!(p.next_delay(&mut st, Outcome::Ok, 0.0), 48_000);
        assert_eq!(p.next_delay(&mut st, Outcome::Ok, 1.0), 72_000);
    }

    #[test]
    fn server_interval_wins_but_respects_the_floor() {
        let p = PollPolicy::default();
        let mut st = PollState {
            server_interval_ms: Some(10_000),
            ..Default::default()
        };
        assert_eq!(p.next_delay(&mut st, Outcome::Ok, 0.5), 10_000);
        st.server_interval_ms = Some(1_000);
        assert_eq!(p.next_delay(&mut st, Outcome::Ok, 0.5), 5_000);
    }

    #[test]
    fn backoff_is_full_jitter_capped_and_resets() {
        let p = PollPolicy::default();
        let mut rng = Lcg(42);
        let mut st = PollState::default();
        for n in 1..=40u32 {
            let r = rng.next_f64();
            let d = p.next_delay(&mut st, Outcome::Failed { retry_after_ms: None }, r);
            let ceiling = (5_000u64 << (n - 1).min(20)).min(300_000);
            assert!(d <= ceiling.max(5_000), "attempt {n}: {d} > {ceiling}");
            assert_eq!(st.failures, n);
        }
        // Worst case stays capped.
        assert_eq!(
            p.next_delay(&mut st, Outcome::Failed { retry_after_ms: None }, 0.999_999),
            299_999
        );
        p.next_delay(&mut st, Outcome::Ok, 0.5);
        assert_eq!(st.failures, 0);
    }

    #[test]
    fn retry_after_is_a_floor() {
        let p = PollPolicy::default();
        let mut st = PollState::default();
        let d = p.next_delay(
            &mut st,
            Outcome::Failed {
                retry_after_ms: Some(30_000),
            },
            0.0,
        );
        assert_eq!(d, 30_000);
        let d = p.next_delay(
            &mut st,
            Outcome::Failed {
                retry_after_ms: Some(u64::MAX),
            },
            0.0,
        );
        assert_eq!(d, 3_600_000, "a hostile Retry-After can't park the app forever");
    }

    #[test]
    fn parses_headers() {
        let now = Instant::parse_iso8601("2015-10-21T07:27:00Z").unwrap();
        assert_eq!(parse_retry_after("120", now), Some(120_000));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now), Some(60_000));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(0));
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_poll_interval(" 30 "), Some(30_000));
        assert_eq!(parse_poll_interval("0"), None);
        assert_eq!(parse_poll_interval("-5"), None);
    }

    #[test]
    fn nan_random_input_does_not_break_scheduling() {
        let p = PollPolicy::default();
        let mut st = PollState::default();
        let d = p.next_delay(&mut st, Outcome::Ok, f64::NAN);
        assert_eq!(d, 60_000);
    }
}
