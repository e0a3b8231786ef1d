//! When and how long to wait before trying a read again.
//!
//! Only GET requests are retried, at most [`MAX_RETRIES`] times, after a 429, a 5xx or a
//! transport failure. The wait is the server's `Retry-After` when it gives one, otherwise a
//! capped exponential backoff with full jitter. A wait longer than the configured maximum is
//! never slept: the caller turns it into an error that names it.

use std::time::{Duration, SystemTime};

use rand::Rng;

/// Retries after the first attempt.
pub(crate) const MAX_RETRIES: u32 = 3;
/// The backoff before the first retry, before jitter.
pub(crate) const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// The longest backoff, before jitter.
pub(crate) const BACKOFF_CAP: Duration = Duration::from_secs(8);

/// The backoff before retry number `retry` (0 for the first): a uniformly random wait
/// between zero and `min(cap, base · 2^retry)` ("full jitter").
pub(crate) fn backoff(retry: u32, rng: &mut impl Rng) -> Duration {
    let ceiling = BACKOFF_BASE
        .saturating_mul(2u32.saturating_pow(retry.min(16)))
        .min(BACKOFF_CAP);
    let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
    Duration::from_millis(rng.random_range(0..=millis))
}

/// Reads a `Retry-After` value: delay-seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), relative to `now`. A date in the past means no wait.
/// Anything unreadable gives `None` (the caller falls back to its own backoff).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        // A huge number still means "too long": saturate rather than refuse.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .relaxed_weekday(true)
        .parse_timestamp(value)
        .ok()?;
    let when = SystemTime::from(when);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for retry in 0..40 {
            let ceiling = BACKOFF_BASE
                .saturating_mul(2u32.saturating_pow(retry.min(16)))
                .min(BACKOFF_CAP);
            for _ in 0..50 {
                assert!(backoff(retry, &mut rng) <= ceiling);
            }
        }
        let waits: Vec<Duration> = (0..200).map(|_| backoff(5, &mut rng)).collect();
        let longest = waits.iter().max().unwrap();
        let shortest = waits.iter().min().unwrap();
        assert!(*longest <= BACKOFF_CAP && *longest > Duration::from_secs(6));
        assert!(
            *shortest < Duration::from_secs(2),
            "jitter spreads the waits"
        );
    }

    #[test]
    fn retry_after_as_seconds() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999999", now),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("", now), None);
    }

    #[test]
    fn retry_after_as_http_date() {
        let now = SystemTime::from("2015-10-21T07:27:00Z".parse::<jiff::Timestamp>().unwrap());
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(Duration::from_secs(60))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("Someday, 99 Foo 2015", now), None);
    }
}
