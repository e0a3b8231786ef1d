//! Buying a number with a record: the one purchase path of the wizard's worker and of
//! `numpick buy`.
//!
//! A purchase is written to the journal and flushed *before* it is sent; if that fails,
//! nothing is sent. It is sent exactly once, never retried, and its outcome is written after.
//! A purchase whose outcome is unknown is settled by asking the API ([`settle_recorded`]),
//! and what that showed is written too.

use std::sync::Mutex;

use jiff::Timestamp;

use crate::api::model::{GroupId, Receipt, ReservationId};
use crate::api::{ApiError, Client, sanitize_text};
use crate::journal::{Entry, Journal, Outcome, PendingPurchase};
use crate::settle::{self, Settlement};

/// What a recorded purchase came to.
#[derive(Debug, Clone, PartialEq)]
pub enum PurchaseResult {
    /// The API confirmed it; the receipt is its answer.
    Bought(Receipt),
    /// It was sent but no answer says whether it went through: settle `pending`.
    Unknown {
        pending: PendingPurchase,
        reason: String,
    },
}

/// Locks the journal; a panic elsewhere cannot leave a half-written entry behind the lock
/// (each entry is one write), so a poisoned lock is used as it is.
fn lock(journal: &Mutex<Journal>) -> std::sync::MutexGuard<'_, Journal> {
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
pub fn record_after(journal: Option<&Mutex<Journal>>, entry: &Entry) {
    if let Err(error) = record(journal, entry) {
        tracing::error!(%error, "an outcome could not be recorded");
    }
}

/// A unique id for a purchase intent: the time and the process, enough to tell apart every
/// purchase one machine makes.
fn new_intent_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static SEQUENCE: AtomicU64 = AtomicU64::new(0);
    let now = Timestamp::now();
    format!(
        "{}-{}-{}",
        now.as_millisecond(),
        std::process::id(),
        SEQUENCE.fetch_add(1, Ordering::Relaxed)
    )
}

/// Buys `number` (or a random number) of `group`, recording the intent first and the outcome
/// after. Without a journal, or when the intent cannot be written, nothing is sent
/// ([`ApiError::NotSent`]). The purchase request is sent exactly once.
pub async fn purchase_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    group: &GroupId,
    number: Option<&str>,
    reservation: Option<&ReservationId>,
) -> Result<PurchaseResult, ApiError> {
    // A random number can only be recognised afterwards by what is new on the account.
    let owned_before = match number {
        Some(_) => None,
        None => Some(
            settle::owned_numbers(client)
                .await
                .map_err(|error| ApiError::NotSent {
                    detail: format!("the account's numbers could not be read first ({error})"),
                })?,
        ),
    };
    let pending = PendingPurchase {
        intent: new_intent_id(),
        at: Timestamp::now(),
        group_id: group.to_string(),
        number: number.map(str::to_owned),
        owned_before,
    };
    record(
        journal,
        &Entry::PurchaseIntent {
            at: pending.at,
            intent: pending.intent.clone(),
            group_id: pending.group_id.clone(),
            number: pending.number.clone(),
            reservation: reservation.map(ToString::to_string),
            owned_before: pending.owned_before.clone(),
        },
    )
    .map_err(|detail| ApiError::NotSent {
        detail: format!("{detail}; numpick buys only what it can record"),
    })?;
    let outcome_of = |outcome| Entry::PurchaseOutcome {
        at: Timestamp::now(),
        intent: pending.intent.clone(),
        outcome,
    };
    match client.purchase(group, number).await {
        Ok(receipt) => {
            let bought = receipt
                .number()
                .map(str::to_owned)
                .or(pending.number.clone());
            record_after(
                journal,
                &outcome_of(Outcome::Bought {
                    number: bought,
                    receipt: Some(receipt.body.clone()),
                }),
            );
            Ok(PurchaseResult::Bought(receipt))
        }
        Err(ApiError::OutcomeUnknown { reason }) => {
            record_after(
                journal,
                &outcome_of(Outcome::Unknown {
                    reason: reason.clone(),
                }),
            );
            Ok(PurchaseResult::Unknown { pending, reason })
        }
        Err(error) => {
            record_after(
                journal,
                &outcome_of(Outcome::NotBought {
                    reason: sanitize_text(&error.to_string()),
                }),
            );
            Err(error)
        }
    }
}

/// Settles `pending` by asking the API, and records what it showed.
pub async fn settle_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    pending: &PendingPurchase,
) -> Settlement {
    let settlement = settle::settle(client, pending).await;
    let outcome = match &settlement {
        Settlement::Bought { number } => Outcome::Bought {
            number: Some(number.clone()),
            receipt: None,
        },
        Settlement::NotBought { .. } => Outcome::NotBought {
            reason: settlement.describe(),
        },
        Settlement::Unknown { reason } => Outcome::Unknown {
            reason: reason.clone(),
        },
    };
    record_after(
        journal,
        &Entry::PurchaseOutcome {
            at: Timestamp::now(),
            intent: pending.intent.clone(),
            outcome,
        },
    );
    settlement
}
