//! The server's clock, as its answers tell it.
//!
//! Reservations expire by the server's clock: `expires_at` is the server's time. A machine
//! whose clock differs (an hour off, say) would call a live reservation expired, or an
//! expired one live. Every answer's `Date` header gives the server's time; the difference
//! from this machine's clock when the answer arrived is kept, and [`ServerClock::now`] is
//! this machine's time moved by it. Until an answer has come, the offset is zero.

use std::sync::atomic::{AtomicI64, Ordering};

use jiff::fmt::rfc2822::DateTimeParser;
use jiff::{SignedDuration, Timestamp};

/// The server's time, learnt from the `Date` headers of its answers.
#[derive(Debug, Default)]
pub(crate) struct ServerClock {
    /// The server's time less this machine's, in milliseconds.
    offset_ms: AtomicI64,
}

impl ServerClock {
    /// Takes in a `Date` header (`Tue, 15 Nov 1994 08:12:31 GMT`) that arrived at `local`; a
    /// header that cannot be read changes nothing.
    pub(crate) fn observe(&self, date: &str, local: Timestamp) {
        static PARSER: DateTimeParser = DateTimeParser::new();
        let Ok(server) = PARSER.parse_timestamp(date.trim()) else {
            return;
        };
        let offset = local.duration_until(server).as_millis();
        let offset = i64::try_from(offset).unwrap_or(0);
        self.offset_ms.store(offset, Ordering::Relaxed);
    }

    /// How far the server's clock is ahead of this machine's (negative when behind).
    pub(crate) fn offset(&self) -> SignedDuration {
        SignedDuration::from_millis(self.offset_ms.load(Ordering::Relaxed))
    }

    /// The server's time now, as far as its answers tell.
    pub(crate) fn now(&self) -> Timestamp {
        let local = Timestamp::now();
        local.checked_add(self.offset()).unwrap_or(local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_an_hour_behind_is_an_hour_behind() {
        let clock = ServerClock::default();
        assert_eq!(clock.offset(), SignedDuration::ZERO, "until an answer came");
        let local: Timestamp = "2026-01-15T11:00:00Z".parse().unwrap();
        clock.observe("Thu, 15 Jan 2026 10:00:00 GMT", local);
        assert_eq!(clock.offset(), SignedDuration::from_hours(-1));
        clock.observe("not a date", local);
        assert_eq!(clock.offset(), SignedDuration::from_hours(-1), "unchanged");
    }
}
