//! Reading requests: query strings (empty values count as absent) and the JSON body of a
//! reservation or purchase. Every problem becomes a 400 error envelope, never axum's plain-text
//! rejection.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use serde_json::Value;

use super::catalogue::Country;
use super::envelope::ApiError;
use super::state::State;

/// The query string as an extractor result, so that a malformed one reaches the handler.
pub(super) type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The query string, with empty values treated as absent (`region_id=` means no region).
pub(super) struct Q(HashMap<String, String>);

impl Q {
    pub(super) fn from(params: Params) -> Result<Self, ApiError> {
        params.map(|Query(map)| Self(map)).map_err(|rejection| {
            ApiError::bad_request(format!("Invalid query string: {rejection}"))
        })
    }

    pub(super) fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    pub(super) fn id(&self, key: &str) -> Result<Option<u32>, ApiError> {
        self.number(key, "a numeric id")
    }

    pub(super) fn number<T: std::str::FromStr>(
        &self,
        key: &str,
        what: &str,
    ) -> Result<Option<T>, ApiError> {
        match self.text(key) {
            None => Ok(None),
            Some(value) => value.parse().map(Some).map_err(|_| {
                ApiError::bad_request(format!("Parameter '{key}' must be {what}, got '{value}'"))
            }),
        }
    }

    pub(super) fn country(&self, state: &State) -> Result<&'static Country, ApiError> {
        let code = self.text("country").ok_or_else(|| {
            ApiError::bad_request("Parameter 'country' is required (ISO code, e.g. US)")
        })?;
        state
            .catalogue()
            .country(&code.to_ascii_uppercase())
            .ok_or_else(|| {
                ApiError::bad_request(format!("Invalid or unsupported country '{code}'"))
            })
    }
}

/// `group_id` and the optional `number` of a reservation body.
pub(super) fn order(
    body: Result<Bytes, BytesRejection>,
) -> Result<(String, Option<String>), ApiError> {
    let (group_id, number) = order_fields(body)?;
    let group_id =
        group_id.ok_or_else(|| ApiError::bad_request("Field 'group_id' is required (a string)"))?;
    Ok((group_id, number))
}

/// The optional `group_id` and `number` of a purchase body: the reference page sends both,
/// the skill document only `number`, and without `number` every reservation is bought.
pub(super) fn purchase_order(
    body: Result<Bytes, BytesRejection>,
) -> Result<(Option<String>, Option<String>), ApiError> {
    order_fields(body)
}

fn order_fields(
    body: Result<Bytes, BytesRejection>,
) -> Result<(Option<String>, Option<String>), ApiError> {
    let body = body.map_err(|e| ApiError::bad_request(format!("Unreadable request body: {e}")))?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("Request body is not valid JSON: {e}")))?;
    let Value::Object(fields) = value else {
        return Err(ApiError::bad_request("Request body must be a JSON object"));
    };
    let text = |name: &str| match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.trim().to_owned())),
        Some(_) => Err(ApiError::bad_request(format!(
            "Field '{name}' must be a string"
        ))),
    };
    Ok((text("group_id")?, text("number")?))
}
