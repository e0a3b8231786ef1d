//! Orders: every request that changes what the account holds — reservations,
//! cancellations, purchases, releases — recorded, sent and settled in one place, for the
//! wizard's worker and the subcommands alike.
//!
//! - [`purchase`]: buying a number with a record: the intent is written and flushed *before*
//!   the request is sent, the request is sent exactly once and always names its number, and
//!   the outcome is read from the answer's `purchased`/`failed` and written after.
//! - [`settle`]: settling a purchase whose outcome is unknown, by reading the account's
//!   numbers over a settle window, never by guessing; [`same_number`] compares the account's
//!   numbers with the purchased one, and [`evidence`] shows a number still free;
//!   [`unsettled`] sorts which of an earlier run's unsettled purchases a session settles.
//! - [`deals`]: reserving and cancelling, each recorded.
//! - [`release`]: releasing an owned number, recorded before and after, sent once.
//!
//! Whether a purchase may be *started* at all is decided by one rule, `crate::buy_rule`.

pub mod deals;
pub mod evidence;
pub mod purchase;
pub mod release;
pub(crate) mod same_number;
pub mod settle;
pub mod unsettled;

use std::sync::{Mutex, MutexGuard};

use crate::api::Client;
use crate::journal::{Entry, Here, Journal};

pub use purchase::{PurchaseResult, purchase_recorded, settle_recorded};
pub(crate) use unsettled::sort_unsettled;

/// Where this process buys and settles: the client's API address, and the account's uuid
/// as `/open/info` gives it (`None` when it cannot be read).
pub async fn here(client: &Client) -> Here {
    let account = match client.account_info().await {
        Ok(info) => info.uuid,
        Err(error) => {
            tracing::warn!(%error, "the account's uuid could not be read");
            None
        }
    };
    Here {
        base_url: client.base_url().to_owned(),
        account,
    }
}

/// Locks the journal; a panic elsewhere cannot leave a half-written entry behind the lock
/// (each entry is one write), so a poisoned lock is used as it is.
fn lock(journal: &Mutex<Journal>) -> MutexGuard<'_, Journal> {
    journal
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Appends `entry` to the journal; the error says why it could not be recorded.
pub fn record(journal: Option<&Mutex<Journal>>, entry: &Entry) -> Result<(), String> {
    let Some(journal) = journal else {
        return Err("the journal is not available".to_owned());
    };
    let mut journal = lock(journal);
    journal.append(entry).map_err(|error| {
        format!(
            "cannot write the journal {}: {error}",
            journal.path().display()
        )
    })
}

/// Appends `entry`, logging (not failing) when it cannot be written: the request it records
/// has already been answered.
pub(crate) fn record_after(journal: Option<&Mutex<Journal>>, entry: &Entry) {
    if let Err(error) = record(journal, entry) {
        tracing::error!(%error, "an outcome could not be recorded");
    }
}
