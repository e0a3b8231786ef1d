//! The calls that change what the account holds, each recorded in the journal.
//!
//! A purchase is written to the journal and flushed *before* it is sent; if that fails,
//! nothing is sent. It is sent exactly once, and its outcome is written after.

use jiff::Timestamp;

use crate::api::model::{GroupId, ReservationId};
use crate::api::{ApiError, sanitize_text};
use crate::journal::{Entry, Outcome, PendingPurchase};
use crate::settle::{self, Settlement};

use super::{Answer, Shared, lock};

/// Appends `entry` to the journal; the error says why it could not be recorded.
fn record(shared: &Shared, entry: &Entry) -> Result<(), String> {
    let Some(journal) = &shared.journal else {
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
fn record_after(shared: &Shared, entry: &Entry) {
    if let Err(error) = record(shared, entry) {
        tracing::error!(%error, "an outcome could not be recorded");
    }
}

pub(super) fn record_expired(shared: &Shared, uuid: &ReservationId) {
    record_after(
        shared,
        &Entry::Expired {
            at: Timestamp::now(),
            uuid: uuid.to_string(),
        },
    );
}

pub(super) async fn reserve(
    shared: &Shared,
    group: &GroupId,
    number: Option<&str>,
) -> Result<Answer, ApiError> {
    let reservation = shared.client.reserve(group, number).await?;
    record_after(
        shared,
        &Entry::Reserved {
            at: Timestamp::now(),
            uuid: reservation.uuid.to_string(),
            group_id: Some(group.to_string()),
            number: reservation.number.clone(),
            expires_at: reservation.expires_at,
        },
    );
    Ok(Answer::Reserved(reservation))
}

pub(super) async fn cancel(shared: &Shared, uuid: &ReservationId) -> Result<Answer, ApiError> {
    let message = shared.client.cancel_reservation(uuid).await?;
    record_after(
        shared,
        &Entry::Cancelled {
            at: Timestamp::now(),
            uuid: uuid.to_string(),
        },
    );
    Ok(Answer::Cancelled(message))
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

pub(super) async fn purchase(
    shared: &Shared,
    group: &GroupId,
    number: Option<&str>,
    reservation: Option<&ReservationId>,
) -> Result<Answer, ApiError> {
    // A random number can only be recognised afterwards by what is new on the account.
    let owned_before = match number {
        Some(_) => None,
        None => Some(
            settle::owned_numbers(&shared.client)
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
        shared,
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
    match shared.client.purchase(group, number).await {
        Ok(receipt) => {
            let bought = receipt
                .number()
                .map(str::to_owned)
                .or(pending.number.clone());
            record_after(
                shared,
                &outcome_of(Outcome::Bought {
                    number: bought,
                    receipt: Some(receipt.body.clone()),
                }),
            );
            Ok(Answer::Purchased(receipt))
        }
        Err(ApiError::OutcomeUnknown { reason }) => {
            record_after(
                shared,
                &outcome_of(Outcome::Unknown {
                    reason: reason.clone(),
                }),
            );
            Ok(Answer::PurchaseUnknown { pending, reason })
        }
        Err(error) => {
            record_after(
                shared,
                &outcome_of(Outcome::NotBought {
                    reason: sanitize_text(&error.to_string()),
                }),
            );
            Err(error)
        }
    }
}

/// Settles `pending` by asking the API, and records what it showed.
pub(super) async fn settle(shared: &Shared, pending: &PendingPurchase) -> Answer {
    let settlement = settle::settle(&shared.client, pending).await;
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
        shared,
        &Entry::PurchaseOutcome {
            at: Timestamp::now(),
            intent: pending.intent.clone(),
            outcome,
        },
    );
    Answer::Settled {
        intent: pending.intent.clone(),
        settlement,
    }
}
