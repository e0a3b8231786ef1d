//! Buying a number with a record: the one purchase path of the wizard's worker and of
//! `numpick buy`.
//!
//! A purchase is written to the journal and flushed *before* it is sent; if that fails,
//! nothing is sent. It is sent exactly once, never retried, and always names its number
//! ([`PurchaseOrder`]). Its outcome is read from the answer — the number in `purchased` is
//! bought, in `failed` refused, in neither unknown — and written after. An unknown outcome is
//! settled by asking the API ([`settle_recorded`]), and what that showed is written too.

use std::sync::Mutex;
use std::time::Duration;

use jiff::Timestamp;

use crate::api::model::{PurchaseOrder, Receipt, ReservationId, Verdict};
use crate::api::{ApiError, Client, sanitize_text};
use crate::journal::{Entry, IntentOwner, Journal, Outcome};
use crate::money::AgreedPrices;
use crate::outcome::{PendingPurchase, Settlement};
use crate::reference::Reference;

use super::settle;
use super::{record, record_after};

/// What a recorded purchase came to.
#[derive(Debug, Clone, PartialEq)]
pub enum PurchaseResult {
    /// The answer lists the number in `purchased`; the receipt is the whole answer.
    Bought { number: String, receipt: Receipt },
    /// The answer lists the number in `failed`: it was not bought.
    Refused {
        number: String,
        reason: String,
        receipt: Receipt,
    },
    /// It was sent but nothing says whether it went through: settle `pending`.
    Unknown {
        pending: PendingPurchase,
        reason: String,
    },
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

/// Buys the number of `order`, recording the intent first (with this process, the API's
/// address and the `account`'s uuid) and the outcome after. Without a journal, or when the
/// intent cannot be written, nothing is sent ([`ApiError::NotSent`]).
/// The purchase request is sent exactly once.
/// `prices`, when given, are recorded with the intent: what the buyer agreed to, unknown
/// ones included; the operator's `reference` with the intent and with its outcome.
pub async fn purchase_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    order: &PurchaseOrder,
    reservation: Option<&ReservationId>,
    account: Option<&str>,
    prices: Option<AgreedPrices>,
    reference: Option<&Reference>,
) -> Result<PurchaseResult, ApiError> {
    let number = order.number.to_string();
    let pending = PendingPurchase {
        intent: new_intent_id(),
        at: Timestamp::now(),
        group_id: order.group_id.to_string(),
        number: Some(number.clone()),
        owned_before: None,
    };
    record(
        journal,
        &Entry::PurchaseIntent {
            at: pending.at,
            intent: pending.intent.clone(),
            group_id: pending.group_id.clone(),
            number: pending.number.clone(),
            reservation: reservation.map(ToString::to_string),
            owned_before: None,
            owner: Some(IntentOwner::this_process(client.base_url(), account)),
            prices,
            reference: reference.cloned(),
        },
    )
    .map_err(|detail| ApiError::NotSent {
        detail: format!("{detail}; numpick buys only what it can record"),
    })?;
    let outcome_of = |outcome| Entry::PurchaseOutcome {
        at: Timestamp::now(),
        intent: pending.intent.clone(),
        outcome,
        reference: reference.cloned(),
    };
    let receipt = match client.purchase(order).await {
        Ok(receipt) => receipt,
        Err(ApiError::OutcomeUnknown { reason }) => {
            record_after(
                journal,
                &outcome_of(Outcome::Unknown {
                    reason: reason.clone(),
                }),
            );
            return Ok(PurchaseResult::Unknown { pending, reason });
        }
        Err(error) => {
            record_after(
                journal,
                &outcome_of(Outcome::NotBought {
                    reason: sanitize_text(&error.to_string()),
                }),
            );
            return Err(error);
        }
    };
    match receipt.verdict(&order.number) {
        Verdict::Bought => {
            record_after(
                journal,
                &outcome_of(Outcome::Bought {
                    number: Some(number.clone()),
                    receipt: Some(receipt.body.clone()),
                }),
            );
            Ok(PurchaseResult::Bought { number, receipt })
        }
        Verdict::Refused => {
            let reason = receipt
                .refusal_reason()
                .map(|reason| sanitize_text(&reason))
                .unwrap_or_else(|| "the API listed the number as failed".to_owned());
            record_after(
                journal,
                &outcome_of(Outcome::Refused {
                    number: number.clone(),
                    reason: reason.clone(),
                    receipt: Some(receipt.body.clone()),
                }),
            );
            Ok(PurchaseResult::Refused {
                number,
                reason,
                receipt,
            })
        }
        Verdict::Unknown => {
            let reason =
                "the answer lists the number neither as purchased nor as failed".to_owned();
            record_after(
                journal,
                &outcome_of(Outcome::Unknown {
                    reason: reason.clone(),
                }),
            );
            Ok(PurchaseResult::Unknown { pending, reason })
        }
    }
}

/// Settles `pending` by asking the API over the settle `window`, and records what it showed.
pub async fn settle_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    pending: &PendingPurchase,
    window: Duration,
) -> Settlement {
    let settlement = settle::settle(client, pending, window).await;
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
            // Found through the intent's id; a settling run may not know the reference.
            reference: None,
        },
    );
    settlement
}
