//! The client-side request limiter.
//!
//! The API limits each account to a number of requests per minute. The limiter keeps the send
//! times of the last minute (a sliding window) and makes a request wait until the oldest of
//! them is a minute old when the window is full, so that no 60-second span ever holds more
//! than the limit. While a request waits, [`RateLimiter::current_wait`] says for how long, for
//! the UI to show. Time is tokio's, so tests can pause it.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// The span the limit applies to.
pub const WINDOW: Duration = Duration::from_secs(60);

/// A sliding-window limiter shared by all clones of a client.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    state: Mutex<State>,
    /// Wakes waiting requests when the limit changes.
    changed: Notify,
}

#[derive(Debug)]
struct State {
    limit: u32,
    /// Send times within the last [`WINDOW`], oldest first.
    sent: VecDeque<Instant>,
    /// How many requests are waiting now.
    waiters: usize,
    /// The latest instant a waiting request is sleeping until.
    waiting_until: Option<Instant>,
}

impl RateLimiter {
    /// A limiter allowing `requests_per_minute` (at least one).
    pub(crate) fn new(requests_per_minute: u32) -> Self {
        Self {
            state: Mutex::new(State {
                limit: requests_per_minute.max(1),
                sent: VecDeque::new(),
                waiters: 0,
                waiting_until: None,
            }),
            changed: Notify::new(),
        }
    }

    /// Changes the limit (at least one per minute); waiting requests see it on their next look.
    pub(crate) fn set_limit(&self, requests_per_minute: u32) {
        self.lock().limit = requests_per_minute.max(1);
        self.changed.notify_waiters();
    }

    /// The current limit.
    pub(crate) fn limit(&self) -> u32 {
        self.lock().limit
    }

    /// Waits until a request may be sent, then counts it as sent.
    pub(crate) async fn acquire(&self) {
        let mut waiting: Option<WaiterGuard<'_>> = None;
        loop {
            let (deadline, changed) = {
                let mut state = self.lock();
                let now = Instant::now();
                state.prune(now);
                if state.sent.len() < state.limit as usize {
                    state.sent.push_back(now);
                    return;
                }
                // Full: the slot frees when the request that opens room is a minute old.
                let opening = state.sent.len() - state.limit as usize;
                let deadline = state.sent[opening] + WINDOW;
                if waiting.is_none() {
                    state.waiters += 1;
                }
                state.waiting_until =
                    Some(state.waiting_until.map_or(deadline, |w| w.max(deadline)));
                // Registered before the lock is released, so a change of limit is not missed.
                (deadline, self.changed.notified())
            };
            if waiting.is_none() {
                waiting = Some(WaiterGuard { limiter: self });
            }
            tracing::debug!(wait_ms = %(deadline - Instant::now()).as_millis(), "waiting for the rate limit");
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => {}
                () = changed => {}
            }
        }
    }

    /// How long a request is being held back now, if one is.
    pub(crate) fn current_wait(&self) -> Option<Duration> {
        let state = self.lock();
        if state.waiters == 0 {
            return None;
        }
        let now = Instant::now();
        state
            .waiting_until
            .filter(|until| *until > now)
            .map(|until| until - now)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent between statements, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl State {
    fn prune(&mut self, now: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|sent| now.saturating_duration_since(*sent) >= WINDOW)
        {
            self.sent.pop_front();
        }
    }
}

/// Counts a request as waiting until it is sent or abandoned (the future dropped).
struct WaiterGuard<'a> {
    limiter: &'a RateLimiter,
}

impl Drop for WaiterGuard<'_> {
    fn drop(&mut self) {
        let mut state = self.limiter.lock();
        state.waiters = state.waiters.saturating_sub(1);
        if state.waiters == 0 {
            state.waiting_until = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn the_third_request_of_two_per_minute_waits_a_minute() {
        let limiter = Arc::new(RateLimiter::new(2));
        let start = Instant::now();
        limiter.acquire().await;
        tokio::time::advance(Duration::from_secs(10)).await;
        limiter.acquire().await;
        assert_eq!(limiter.current_wait(), None);
        assert_eq!(start.elapsed(), Duration::from_secs(10));

        let third = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move { limiter.acquire().await }
        });
        tokio::task::yield_now().await;
        // The first request was sent at 0 s, so the third may go at 60 s: 50 s from now.
        assert_eq!(limiter.current_wait(), Some(Duration::from_secs(50)));
        tokio::time::advance(Duration::from_secs(20)).await;
        assert_eq!(limiter.current_wait(), Some(Duration::from_secs(30)));
        assert!(!third.is_finished());
        third.await.unwrap();
        assert_eq!(start.elapsed(), Duration::from_secs(60));
        assert_eq!(limiter.current_wait(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn an_abandoned_wait_is_cleared_and_a_raised_limit_frees_a_waiter_at_once() {
        let limiter = Arc::new(RateLimiter::new(1));
        let start = Instant::now();
        limiter.acquire().await;
        let abandoned = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move { limiter.acquire().await }
        });
        tokio::task::yield_now().await;
        assert_eq!(limiter.current_wait(), Some(WINDOW));
        abandoned.abort();
        assert!(abandoned.await.unwrap_err().is_cancelled());
        assert_eq!(limiter.current_wait(), None);

        let waiting = tokio::spawn({
            let limiter = Arc::clone(&limiter);
            async move { limiter.acquire().await }
        });
        tokio::task::yield_now().await;
        assert!(limiter.current_wait().is_some());
        limiter.set_limit(3);
        waiting.await.unwrap();
        limiter.acquire().await;
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "no waiting once the limit is 3"
        );
        assert_eq!(limiter.current_wait(), None);
        limiter.set_limit(0);
        assert_eq!(limiter.limit(), 1);
    }
}
