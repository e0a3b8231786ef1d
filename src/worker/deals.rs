//! The calls that change what the account holds, each recorded in the journal.
//!
//! Purchases and their settling go through [`crate::purchase`], the one purchase path (the
//! intent is written and flushed *before* the request is sent; it is sent exactly once, and
//! its outcome is written after).

use jiff::Timestamp;

use crate::api::ApiError;
use crate::api::model::{GroupId, ReservationId};
use crate::journal::{Entry, PendingPurchase};
use crate::purchase::{self, PurchaseResult};

use super::{Answer, Shared};

/// Appends `entry`, logging (not failing) when it cannot be written: the request it records
/// has already been answered.
fn record_after(shared: &Shared, entry: &Entry) {
    purchase::record_after(shared.journal.as_deref(), entry);
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
    record_after(shared, &Entry::reserved(group, &reservation));
    Ok(Answer::Reserved(reservation))
}

pub(super) async fn cancel(shared: &Shared, uuid: &ReservationId) -> Result<Answer, ApiError> {
    let message = shared.client.cancel_reservation(uuid).await?;
    record_after(shared, &Entry::cancelled(uuid));
    Ok(Answer::Cancelled(message))
}

pub(super) async fn purchase(
    shared: &Shared,
    group: &GroupId,
    number: Option<&str>,
    reservation: Option<&ReservationId>,
) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    match purchase::purchase_recorded(&shared.client, journal, group, number, reservation).await? {
        PurchaseResult::Bought(receipt) => Ok(Answer::Purchased(receipt)),
        PurchaseResult::Unknown { pending, reason } => {
            Ok(Answer::PurchaseUnknown { pending, reason })
        }
    }
}

/// Settles `pending` by asking the API, and records what it showed.
pub(super) async fn settle(shared: &Shared, pending: &PendingPurchase) -> Answer {
    let settlement =
        purchase::settle_recorded(&shared.client, shared.journal.as_deref(), pending).await;
    Answer::Settled {
        intent: pending.intent.clone(),
        settlement,
    }
}
