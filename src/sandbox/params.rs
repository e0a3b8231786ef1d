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
pub type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The query string, with empty values treated as absent (`region_id=` means no region).
pub struct Q(HashMap<String, String>);

impl Q {
    pub fn from(params: Params) -> Result<Self, ApiError> {
        params.map(|Query(map)| Self(map)).map_err(|rejection| {
            ApiError::bad_request(format!("Invalid query string: {rejection}"))
        })
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    pub fn id(&self, key: &str) -> Result<Option<u32>, ApiError> {
        self.number(key, "a numeric id")
    }

    pub fn number<T: std::str::FromStr>(
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

    pub fn country(&self, state: &State) -> Result<&'static Country, ApiError> {
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

/// `group_id` and the optional `number` of a reservation or purchase body.
pub fn order(body: Result<Bytes, BytesRejection>) -> Result<(String, Option<String>), ApiError> {
    let body = body.map_err(|e| ApiError::bad_request(format!("Unreadable request body: {e}")))?;
    let value: Value = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("Request body is not valid JSON: {e}")))?;
    let Value::Object(fields) = value else {
        return Err(ApiError::bad_request("Request body must be a JSON object"));
    };
    let group_id = match fields.get("group_id") {
        Some(Value::String(id)) if !id.trim().is_empty() => id.trim().to_owned(),
        _ => {
            return Err(ApiError::bad_request(
                "Field 'group_id' is required (a string)",
            ));
        }
    };
    let number = match fields.get("number") {
        None | Some(Value::Null) => None,
        Some(Value::String(n)) if n.trim().is_empty() => None,
        Some(Value::String(n)) => Some(n.clone()),
        Some(_) => return Err(ApiError::bad_request("Field 'number' must be a string")),
    };
    Ok((group_id, number))
}
