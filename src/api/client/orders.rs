//! The client's endpoints for orders: reserve, list the reservations, cancel one, and
//! purchase.

use reqwest::Method;
use serde_json::Value;

use super::Client;
use crate::api::answer;
use crate::api::error::ApiError;
use crate::api::model::{GroupId, Listing, PurchaseOrder, Receipt, Reservation, ReservationId};
use crate::api::transport::Kind;

impl Client {
    /// `POST /open/numbers/reservations` `{"group_id", "number"?}` →
    /// `data.reservation_details`. Never retried.
    pub async fn reserve(
        &self,
        group: &GroupId,
        number: Option<&str>,
    ) -> Result<Reservation, ApiError> {
        let body = answer::reservation_body(group, number);
        let answer = self
            .numbers(
                Method::POST,
                &["reservations"],
                &[],
                Some(&body),
                Kind::Write,
            )
            .await?;
        answer::reservation(&answer)
    }

    /// `GET /open/numbers/reservations`: `data` as a list, or an object holding the list
    /// (`data.reservations`, or its only list field).
    pub async fn reservations(&self) -> Result<Listing<Reservation>, ApiError> {
        let answer = self.get(&["reservations"], &[]).await?;
        answer::reservations(&answer)
    }

    /// `DELETE /open/numbers/reservations/{uuid}` → the API's message, cleaned. Never retried.
    pub async fn cancel_reservation(&self, uuid: &ReservationId) -> Result<String, ApiError> {
        let answer = self
            .numbers(
                Method::DELETE,
                &["reservations", uuid.as_str()],
                &[],
                None,
                Kind::Write,
            )
            .await?;
        let body = answer::value(&answer)?;
        let message = body
            .get("message")
            .or_else(|| body.get("data").and_then(|d| d.get("message")))
            .and_then(Value::as_str)
            .map(|text| self.inner.clean(text))
            .filter(|text| !text.is_empty());
        Ok(message.unwrap_or_else(|| format!("Reservation {uuid} cancelled")))
    }

    /// `POST /open/numbers/purchase` `{"group_id", "number"}` → the whole answer as the
    /// receipt; [`Receipt::verdict`] reads whether the number was bought. The order always
    /// names its number (see [`PurchaseOrder`]). Sent exactly once; when its result cannot be
    /// known the error says so ([`ApiError::OutcomeUnknown`]) and the account's numbers
    /// settle it.
    pub async fn purchase(&self, order: &PurchaseOrder) -> Result<Receipt, ApiError> {
        let body = serde_json::to_value(order).map_err(|_| ApiError::NotSent {
            detail: "the purchase order could not be written".to_owned(),
        })?;
        let answer = self
            .numbers(
                Method::POST,
                &["purchase"],
                &[],
                Some(&body),
                Kind::Irreversible,
            )
            .await?;
        // A body too deep to keep whole is as unreadable as a broken one.
        let body = answer::value(&answer).map_err(|_| ApiError::OutcomeUnknown {
            reason: format!("the answer (HTTP {}) could not be read", answer.status),
        })?;
        Ok(Receipt { body })
    }
}
