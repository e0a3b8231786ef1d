//! The calls that change what the account holds, each recorded in the journal by
//! [`crate::orders`], the one place that records, sends and settles orders.

use crate::api::ApiError;
use crate::api::model::{GroupId, PurchaseOrder, ReservationId};
use crate::money::AgreedPrices;
use crate::orders::{self, PurchaseResult, deals};
use crate::outcome::PendingPurchase;
use crate::reference::Reference;

use super::{Answer, Shared};

pub(super) fn record_expired(shared: &Shared, uuid: &ReservationId) {
    deals::record_expired(shared.journal.as_deref(), uuid);
}

pub(super) async fn reserve(
    shared: &Shared,
    group: &GroupId,
    number: Option<&str>,
    reference: Option<&Reference>,
) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    let reserved =
        deals::reserve_recorded_telling(&shared.client, journal, group, number, reference).await?;
    Ok(match reserved.answer_lost {
        None => Answer::Reserved(reserved.reservation),
        Some(lost) => Answer::ReservedAfterLostAnswer {
            reservation: reserved.reservation,
            lost,
        },
    })
}

pub(super) async fn cancel(shared: &Shared, uuid: &ReservationId) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    let message = deals::cancel_recorded(&shared.client, journal, uuid).await?;
    Ok(Answer::Cancelled(message))
}

/// Keeps the account's uuid for the purchase intents to record.
pub(super) fn remember_account(shared: &Shared, uuid: Option<String>) {
    if uuid.is_some() {
        *shared
            .account
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = uuid;
    }
}

/// The account's uuid: as the session's account info gave it, else asked now.
async fn account(shared: &Shared) -> Option<String> {
    let known = (shared.account.lock())
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    if known.is_some() {
        return known;
    }
    let uuid = orders::here(&shared.client).await.account;
    remember_account(shared, uuid.clone());
    uuid
}

/// What a purchase's intent records besides the order: the operator's reference and the
/// prices the confirmation showed.
pub(super) struct Recorded<'a> {
    pub reference: Option<&'a Reference>,
    pub prices: Option<AgreedPrices>,
}

pub(super) async fn purchase(
    shared: &Shared,
    order: &PurchaseOrder,
    reservation: Option<&ReservationId>,
    recorded: Recorded<'_>,
) -> Result<Answer, ApiError> {
    let journal = shared.journal.as_deref();
    let account = account(shared).await;
    let client = &shared.client;
    Ok(
        match orders::purchase_recorded(
            client,
            journal,
            order,
            reservation,
            account.as_deref(),
            recorded.prices,
            recorded.reference,
        )
        .await?
        {
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
    let journal = shared.journal.as_deref();
    let settlement =
        orders::settle_recorded(&shared.client, journal, pending, shared.settle_window).await;
    Answer::Settled {
        intent: pending.intent.clone(),
        settlement,
    }
}
