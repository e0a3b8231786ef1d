//! Reserving and cancelling, each recorded in the journal after the API answered.
//!
//! A reservation costs a credit but no money, so it is not held back for want of a record
//! (a purchase is): an entry that cannot be written is logged.
//!
//! A reservation whose answer was lost or could not be read (a timeout, a broken
//! connection, a 201 with an unreadable body) may still have been made, and spent a credit:
//! the reservations list is read, and a reservation found there is adopted — recorded and
//! returned as if the answer had arrived — so that it is never forgotten (nor left out of
//! the quit guard).

use std::sync::Mutex;

use jiff::{SignedDuration, Timestamp};

use crate::api::model::{GroupId, Reservation, ReservationId};
use crate::api::phone::digits_of;
use crate::api::{ApiError, Client};
use crate::journal::{Entry, Journal};
use crate::reference::Reference;

use super::record_after;

/// Reserves `number` (or a number the API picks) of `group` and records it, with the
/// operator's `reference`. The reservation is filed under `group`, the group it was asked
/// for, unless the API names its own.
pub async fn reserve_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    group: &GroupId,
    number: Option<&str>,
    reference: Option<&Reference>,
) -> Result<Reservation, ApiError> {
    reserve_recorded_telling(client, journal, group, number, reference)
        .await
        .map(|reserved| reserved.reservation)
}

/// A reservation made, and whether it was adopted from the reservations list because the
/// answer to the request was lost.
#[derive(Debug, Clone, PartialEq)]
pub struct Reserved {
    pub reservation: Reservation,
    /// Why the answer could not be read, when the reservation was found in the list instead.
    pub answer_lost: Option<String>,
}

/// [`reserve_recorded`], telling whether the reservation was adopted from the list.
pub async fn reserve_recorded_telling(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    group: &GroupId,
    number: Option<&str>,
    reference: Option<&Reference>,
) -> Result<Reserved, ApiError> {
    let asked = Timestamp::now();
    let mut answer_lost = None;
    let mut reservation = match client.reserve(group, number).await {
        Ok(reservation) => reservation,
        Err(error) if may_have_been_made(&error) => {
            match adopt(client, group, number, asked).await {
                Some(listed) => {
                    tracing::info!(%error, uuid = %listed.uuid, "a reservation whose answer was lost was found in the list");
                    answer_lost = Some(crate::api::sanitize_text(&error.to_string()));
                    listed
                }
                None => return Err(error),
            }
        }
        Err(error) => return Err(error),
    };
    reservation.group_id.get_or_insert_with(|| group.clone());
    record_after(journal, &Entry::reserved(&reservation, reference));
    Ok(Reserved {
        reservation,
        answer_lost,
    })
}

/// How much earlier than the request a reservation made by it may say it was made.
const CLOCK_SKEW: SignedDuration = SignedDuration::from_secs(60);

/// Whether a failed reserve request may still have made the reservation: it was sent, and
/// no answer said it was refused.
fn may_have_been_made(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::TimedOut { .. } | ApiError::Unreachable { .. } | ApiError::UnexpectedBody { .. }
    )
}

/// The reservation the lost request made, if the list shows exactly one: of `number` when
/// one was asked for, else of `group` and made since the request (`asked`, with a minute of
/// clock skew allowed).
async fn adopt(
    client: &Client,
    group: &GroupId,
    number: Option<&str>,
    asked: Timestamp,
) -> Option<Reservation> {
    let listed = match client.reservations().await {
        Ok(listed) => listed,
        Err(error) => {
            tracing::warn!(%error, "the reservations list could not be read to look for a lost reservation");
            return None;
        }
    };
    let earliest = asked.checked_sub(CLOCK_SKEW).unwrap_or(Timestamp::MIN);
    let mut found: Vec<Reservation> = (listed.items.into_iter())
        .filter(|held| match number {
            Some(number) => digits_of(&held.number) == digits_of(number),
            None => {
                held.group_id.as_ref() == Some(group)
                    && held.created_at.is_some_and(|made| made >= earliest)
            }
        })
        .collect();
    (found.len() == 1).then(|| found.remove(0))
}

/// Cancels a reservation and records it; the API's message comes back.
pub(crate) async fn cancel_recorded(
    client: &Client,
    journal: Option<&Mutex<Journal>>,
    uuid: &ReservationId,
) -> Result<String, ApiError> {
    let message = client.cancel_reservation(uuid).await?;
    record_after(journal, &Entry::cancelled(uuid));
    Ok(message)
}

/// Records that a reservation ran out.
pub(crate) fn record_expired(journal: Option<&Mutex<Journal>>, uuid: &ReservationId) {
    record_after(
        journal,
        &Entry::Expired {
            at: Timestamp::now(),
            uuid: uuid.to_string(),
        },
    );
}
