//! The sandbox's clock: the time it stamps reservations and purchases with and lets
//! reservations expire by.
//!
//! It is the wall-clock time when the sandbox started, moved on by tokio's clock since. In a
//! session the two agree; in a test on tokio's paused time (`#[tokio::test(start_paused =
//! true)]`, `tokio::time::advance`) the sandbox's time moves only as the test advances it, so
//! an expiry test waits no real time. (The per-minute limit already reads tokio's clock.)

use jiff::{SignedDuration, Timestamp};
use tokio::time::Instant;

#[derive(Debug, Clone, Copy)]
pub(crate) struct SandboxClock {
    started: Instant,
    started_at: Timestamp,
}

impl SandboxClock {
    /// A clock reading the wall-clock time now.
    pub(crate) fn start() -> Self {
        Self {
            started: Instant::now(),
            started_at: Timestamp::now(),
        }
    }

    /// The time now, as the sandbox tells it.
    pub(crate) fn now(&self) -> Timestamp {
        let elapsed =
            SignedDuration::try_from(self.started.elapsed()).unwrap_or(SignedDuration::MAX);
        self.started_at
            .checked_add(elapsed)
            .unwrap_or(Timestamp::MAX)
    }
}
