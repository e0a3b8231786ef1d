//! The calls that change what the account holds, each recorded in the journal by
//! [`crate::orders`], the one place that records, sends and settles orders.

use crate::api::ApiError;
use crate::api::model::{GroupId, PurchaseOrder, ReservationId};
use crate::journal::PendingPurchase;
use crate::orders::{self, PurchaseResult, deals};

use super::{Answer, Shared};

pub(super) fn record_expired(shared: &Shared, uuid: &ReservationId) {
    deals::record_expired(shared.journal.as_deref(), uuid);
}

pub(super) async fn reserve(
    shared: &Shared,
    group: &GroupId,
    number: Option<&str>,
) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    let reservation = deals::reserve_recorded(&shared.client, journal, group, number).await?;
    Ok(Answer::Reserved(reservation))
}

pub(super) async fn cancel(shared: &Shared, uuid: &ReservationId) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    let message = deals::cancel_recorded(&shared.client, journal, uuid).await?;
    Ok(Answer::Cancelled(message))
}

pub(super) async fn purchase(
    shared: &Shared,
    order: &PurchaseOrder,
    reservation: Option<&ReservationId>,
) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    Ok(
        match orders::purchase_recorded(&shared.client, journal, order, reservation, None).await? {
            PurchaseResult::Bought { number, receipt } => Answer::Purchased { number, receipt },
            PurchaseResult::Refused {
                number,
                reason,
                receipt,
            } => Answer::PurchaseRefused {
                number,
                reason,
                receipt,
            },
            PurchaseResult::Unknown { pending, reason } => {
                Answer::PurchaseUnknown { pending, reason }
            }
        },
    )
}

/// Settles `pending` by asking the API, and records what it showed.
pub(super) async fn settle(shared: &Shared, pending: &PendingPurchase) -> Answer {
    let settlement =
        orders::settle_recorded(&shared.client, shared.journal.as_deref(), pending).await;
    Answer::Settled {
        intent: pending.intent.clone(),
        settlement,
    }
}
