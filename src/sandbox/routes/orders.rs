//! The endpoints for orders: reserve, list the reservations, cancel one, and purchase.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State as Extract};
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::{Answer, Shared, json_number, lock, ok};
use crate::sandbox::envelope::ApiError;
use crate::sandbox::params::{order, purchase_order};
use crate::sandbox::state::{Reservation, Sale, State};

/// The reserve answer's `reservation_details`, as the reference page documents it.
fn reservation_details(state: &State, reservation: &Reservation) -> Value {
    json!({
        "uuid": reservation.uuid,
        "number": state.number(reservation.number).e164,
        "created_at": reservation.created_at.to_string(),
        "expires_at": reservation.expires_at.to_string(),
    })
}

/// A reservations-list item as the skill document gives it: other names than the reserve
/// answer (`did_group_id`, `reservation_date`, `reservation_end_date`), prices as numbers.
fn listed_reservation(state: &State, reservation: &Reservation) -> Value {
    let group = state.group_of(reservation.number);
    let has = |feature: &str| group.features.iter().any(|f| f == feature);
    json!({
        "uuid": reservation.uuid,
        "number": state.number(reservation.number).e164,
        "did_group_id": group.id,
        "did_type": group.did_type,
        "iso_country_code": group.country,
        "location": group.location,
        "setup_price": json_number(&group.setup_price),
        "monthly_price": json_number(&group.monthly_price),
        "ppm": json_number(group.per_minute_price),
        "reservation_date": reservation.created_at.to_string(),
        "reservation_end_date": reservation.expires_at.to_string(),
        "needs_registration": !state.catalogue().group_requirements(group).is_empty(),
        "supports_sms_in": has("sms_in"),
        "supports_sms_out": has("sms_out"),
    })
}

pub(super) async fn reserve(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = order(body)?;
    let mut state = lock(&shared);
    let now = state.clock.now();
    let reservation = state.reserve(&group_id, number.as_deref(), now)?.clone();
    let details = reservation_details(&state, &reservation);
    let body = json!({ "success": true, "data": { "reservation_details": details } });
    Ok((StatusCode::CREATED, Json(body)))
}

pub(super) async fn list_reservations(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    let list: Vec<Value> = (state.reservations().iter())
        .map(|r| listed_reservation(&state, r))
        .collect();
    ok(json!({ "reservations": list }))
}

pub(super) async fn cancel(Extract(shared): Extract<Shared>, Path(uuid): Path<String>) -> Answer {
    let mut state = lock(&shared);
    let now = state.clock.now();
    let cancelled = state.cancel(&uuid, now)?;
    let message = format!("Reservation {} cancelled successfully", cancelled.uuid);
    Ok(Json(json!({ "success": true, "message": message })))
}

/// `POST /open/numbers/purchase`, as the skill document answers it: 201 and
/// `{"success": true, "purchased": […], "failed": […]}`, no `data` wrapper. Without `number`
/// every active reservation of the account is bought, as the skill document says — so a
/// client that sends such a body shows it at once.
pub(super) async fn purchase(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = purchase_order(body)?;
    let mut state = lock(&shared);
    let now = state.clock.now();
    let (purchased, failed): (Vec<String>, Vec<String>) = match number {
        Some(number) => match state.purchase_number(group_id.as_deref(), &number, now)? {
            Sale::Sold(index) => {
                let bought = state.purchases()[index].number;
                (vec![state.number(bought).e164.clone()], Vec::new())
            }
            Sale::Failed { number, why } => {
                tracing::debug!(%number, why, "sandbox purchase failed");
                (Vec::new(), vec![number])
            }
        },
        None => {
            let sold = state.purchase_reserved(now);
            let numbers = (sold.iter())
                .map(|&index| state.number(state.purchases()[index].number).e164.clone())
                .collect();
            (numbers, Vec::new())
        }
    };
    let body = json!({ "success": true, "purchased": purchased, "failed": failed });
    Ok((StatusCode::CREATED, Json(body)))
}
