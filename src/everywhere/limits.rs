//! When an answer may have been cut short, and how many credits a search may still spend.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

/// The page the API is known to stop at: an answer this long is never taken as complete.
pub(crate) const KNOWN_PAGE: usize = 100;

/// Below this, an answer as long as the longest one seen is taken as a coincidence rather than
/// a page limit: no API pages by a handful, and treating two equal small answers as cut short
/// would spend credits on narrowing for nothing.
const SMALLEST_PLAUSIBLE_PAGE: usize = 20;

/// The longest answer seen from this API, to tell an answer that may have been cut short
/// from one that is complete. Shared by every search made with one client.
#[derive(Debug, Default)]
pub struct PageCap {
    longest: AtomicUsize,
}

impl PageCap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an answer of `len` numbers and says whether it may have been cut short: it is
    /// at least [`KNOWN_PAGE`] long, or as long as the longest answer seen before it (and not
    /// implausibly short for a page).
    pub(crate) fn may_be_truncated(&self, len: usize) -> bool {
        let before = self.longest.fetch_max(len, Ordering::Relaxed);
        len >= KNOWN_PAGE || (before >= SMALLEST_PLAUSIBLE_PAGE && len >= before)
    }
}

/// The credits a search may still spend. Cancelling empties it: what is in flight finishes,
/// nothing more is sent.
#[derive(Debug)]
pub struct Budget {
    remaining: AtomicU32,
    cancelled: AtomicBool,
}

impl Budget {
    pub fn new(credits: u32) -> Self {
        Self {
            remaining: AtomicU32::new(credits),
            cancelled: AtomicBool::new(false),
        }
    }

    /// Takes one credit for a request about to be sent; `false` when none is left.
    pub fn take(&self) -> bool {
        self.remaining
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(1)
            })
            .is_ok()
    }

    pub fn remaining(&self) -> u32 {
        self.remaining.load(Ordering::Acquire)
    }

    /// Stops the search: nothing more is sent.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Release);
        self.remaining.store(0, Ordering::Release);
    }

    #[cfg(test)]
    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_page_or_a_repeated_longest_answer_may_be_cut_short() {
        let cap = PageCap::new();
        assert!(!cap.may_be_truncated(3));
        assert!(cap.may_be_truncated(100));
        let cap = PageCap::new();
        assert!(!cap.may_be_truncated(50), "the first answer of 50");
        assert!(cap.may_be_truncated(50), "50 again looks like a page of 50");
        assert!(!cap.may_be_truncated(49));
        let cap = PageCap::new();
        assert!(!cap.may_be_truncated(5));
        assert!(!cap.may_be_truncated(5), "two answers of 5 are not a page");
    }

    #[test]
    fn a_budget_gives_what_it_holds_and_nothing_once_cancelled() {
        let budget = Budget::new(2);
        assert!(budget.take() && budget.take());
        assert!(!budget.take());
        let budget = Budget::new(5);
        budget.cancel();
        assert!(!budget.take());
        assert!(budget.is_cancelled());
    }
}
