//! What a session does with the purchases an earlier run left unsettled: settle those of
//! this account and API address whose writer has ended, leave the others alone, and let
//! those given up on wait for the operator (see `crate::journal::Standing`).

use jiff::Timestamp;

use crate::api::Client;
use crate::journal::{Standing, Unsettled};
use crate::outcome::PendingPurchase;

/// What an earlier run left unsettled, sorted by what this session does with it.
pub(crate) struct SortedUnsettled {
    /// Settled by the worker as the session starts.
    pub(crate) to_settle: Vec<PendingPurchase>,
    /// Of another account or API address, or in flight in another process: left alone.
    pub(crate) left_alone: usize,
    /// Settling gave up on them: buying waits for `numpick journal resolve`.
    pub(crate) left_to_operator: usize,
}

/// Sorts the unsettled intents by their standing. Only when there are some is the account
/// asked whose it is (`/open/info`), so that another account's intents are left alone.
pub(crate) async fn sort_unsettled(client: &Client, unsettled: Vec<Unsettled>) -> SortedUnsettled {
    let mut sorted = SortedUnsettled {
        to_settle: Vec::new(),
        left_alone: 0,
        left_to_operator: 0,
    };
    if unsettled.is_empty() {
        return sorted;
    }
    let here = super::here(client).await;
    let now = Timestamp::now();
    for item in unsettled {
        match item.standing(&here, now) {
            Standing::Settle => sorted.to_settle.push(item.pending),
            Standing::Elsewhere | Standing::InFlight => sorted.left_alone += 1,
            Standing::LeftToOperator => sorted.left_to_operator += 1,
        }
    }
    sorted
}
