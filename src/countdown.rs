//! A time left as a countdown shows it: whole seconds rounded up, as `mm:ss` (or `h:mm:ss`).

use std::time::Duration;

/// Whole seconds left, rounded up: a countdown shows `00:00` only once time is up.
pub(crate) fn seconds_left(remaining: Duration) -> u64 {
    remaining.as_millis().div_ceil(1000) as u64
}

/// `mm:ss` (or `h:mm:ss` from an hour up) of a time left.
pub(crate) fn mmss(remaining: Duration) -> String {
    let total = seconds_left(remaining);
    let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}
