//! Positive evidence that a number is still free, which "not bought" requires.
//!
//! A number missing from the account's list may only be late to appear there: a server can
//! still be applying a purchase whose answer the client gave up on. "Not bought" is
//! concluded only when the API also shows the number still free: listed among its group's
//! available numbers, or still held by a reservation. A purchase consumes both, so either
//! one means the purchase did not happen.

use crate::api::model::GroupId;
use crate::api::phone::digits_of;
use crate::api::{ApiError, Client};

/// What the API showed about whether `number` (E.164) is still free.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Freedom {
    /// Listed as available in its group, or held by a reservation.
    Free,
    /// Listed in neither place.
    NotShownFree,
}

/// Asks the reservations list, then the group's available numbers, whether `number` is
/// still free.
pub(crate) async fn still_free(
    client: &Client,
    group: &str,
    number: &str,
) -> Result<Freedom, ApiError> {
    let wanted = digits_of(number);
    let reservations = client.reservations().await?;
    if (reservations.items.iter()).any(|held| digits_of(&held.number) == wanted) {
        return Ok(Freedom::Free);
    }
    if group.trim().is_empty() {
        return Ok(Freedom::NotShownFree);
    }
    let group = GroupId::new(group.trim());
    let contains = crate::vanity::national_number(number).unwrap_or(&wanted);
    let available = client.available_numbers(&group, Some(contains)).await?;
    Ok(
        if (available.items.iter()).any(|item| digits_of(&item.number) == wanted) {
            Freedom::Free
        } else {
            Freedom::NotShownFree
        },
    )
}
