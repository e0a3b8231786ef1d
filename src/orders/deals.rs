//! Reserving and cancelling, each recorded in the journal after the API answered.
//!
//! A reservation costs a credit but no money, so it is not held back for want of a record
//! (a purchase is): an entry that cannot be written is logged.

use std::sync::Mutex;

use jiff::Timestamp;

use crate::api::model::{GroupId, Reservation, ReservationId};
use crate::api::{ApiError, Client};
use crate::journal::{Entry, Journal};

use super::record_after;

/// Reserves `number` (or a number the API picks) of `group` and records it. The reservation
/// is filed under `group`, the group it was asked for, unless the API names its own.
pub async fn reserve_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    group: &GroupId,
    number: Option<&str>,
) -> Result<Reservation, ApiError> {
    let mut reservation = client.reserve(group, number).await?;
    reservation.group_id.get_or_insert_with(|| group.clone());
    record_after(journal, &Entry::reserved(&reservation));
    Ok(reservation)
}

/// Cancels a reservation and records it; the API's message comes back.
pub async fn cancel_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    uuid: &ReservationId,
) -> Result<String, ApiError> {
    let message = client.cancel_reservation(uuid).await?;
    record_after(journal, &Entry::cancelled(uuid));
    Ok(message)
}

/// Records that a reservation ran out.
pub fn record_expired(journal: Option<&Mutex<Journal>>, uuid: &ReservationId) {
    record_after(
        journal,
        &Entry::Expired {
            at: Timestamp::now(),
            uuid: uuid.to_string(),
        },
    );
}
