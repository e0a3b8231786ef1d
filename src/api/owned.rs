//! The numbers the account owns (`GET /open/voip/virtual-numbers`), and their status.
//!
//! The list is the only place that confirms what was bought. Its items carry a `DID…` uuid
//! (the id a release takes), the number in E.164 and formatted, the place, the type, the
//! per-minute price, and a status.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

use super::decoded_text;
use super::model::{Listing, Price};
use super::reservation::parse_instant;

/// Where an owned number stands (`status_text`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum NumberStatus {
    Active,
    AwaitingRegistration,
    PendingActivation,
    PendingCancellation,
    Released,
    /// A status this version of numpick does not know, kept as sent.
    Other(String),
}

impl NumberStatus {
    /// Reads `status_text`, ignoring case.
    pub(crate) fn from_text(text: &str) -> Self {
        match text.trim().to_ascii_uppercase().as_str() {
            "ACTIVE" => Self::Active,
            "AWAITING_REGISTRATION" => Self::AwaitingRegistration,
            "PENDING_ACTIVATION" => Self::PendingActivation,
            "PENDING_CANCELLATION" => Self::PendingCancellation,
            "RELEASED" => Self::Released,
            _ => Self::Other(text.trim().to_owned()),
        }
    }

    /// Whether the account still holds the number (it is neither released nor on its way out).
    pub fn is_held(&self) -> bool {
        !matches!(self, Self::Released | Self::PendingCancellation)
    }

    /// The status in words, for the operator.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Active => "active".to_owned(),
            Self::AwaitingRegistration => "awaiting registration".to_owned(),
            Self::PendingActivation => "pending activation".to_owned(),
            Self::PendingCancellation => "pending cancellation".to_owned(),
            Self::Released => "released".to_owned(),
            Self::Other(text) => text.to_lowercase().replace('_', " "),
        }
    }
}

impl<'de> Deserialize<'de> for NumberStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(|text| Self::from_text(&text))
    }
}

/// A number the account owns.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct OwnedNumber {
    /// `DID…`: the id a release takes.
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub uuid: Option<String>,
    /// E.164, or the national format some answers use; compared by digits.
    #[serde(deserialize_with = "decoded_text::text")]
    pub phone_number: String,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub formatted_phone_number: Option<String>,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub iso_country_code: Option<String>,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub region_name: Option<String>,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub friendly_name: Option<String>,
    /// `local`, `mobile`, `shared-cost`, `national`.
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub provider_type: Option<String>,
    #[serde(default)]
    pub is_toll_free: Option<bool>,
    /// In US dollars.
    #[serde(default)]
    pub incoming_price_per_minute: Price,
    /// The numeric status code, kept as sent.
    #[serde(default)]
    pub status: Option<serde_json::Value>,
    #[serde(default)]
    pub status_text: Option<NumberStatus>,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub updated_at: Option<String>,
    /// The renewal date.
    #[serde(default, deserialize_with = "decoded_text::optional")]
    pub expires_at: Option<String>,
}

impl OwnedNumber {
    /// When it was created on the account, when the answer says it readably.
    pub(crate) fn created(&self) -> Option<Timestamp> {
        self.created_at.as_deref().and_then(parse_instant)
    }

    /// Whether the account still holds it; a number without a status is taken as held.
    pub fn is_held(&self) -> bool {
        self.status_text.as_ref().is_none_or(NumberStatus::is_held)
    }
}

/// One page of the account's numbers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OwnedNumbersPage {
    pub numbers: Listing<OwnedNumber>,
    /// What the API reports as `count`: the total, or the page's size (undocumented).
    pub count: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_owned_number_reads_every_documented_field() {
        let number: OwnedNumber = serde_json::from_value(json!({
            "uuid": "DID64a54de2-0000", "phone_number": "+18132522492",
            "formatted_phone_number": "+1 813-252-2492", "iso_country_code": "US",
            "region_name": "Florida", "friendly_name": "Support", "provider_type": "local",
            "is_toll_free": false, "incoming_price_per_minute": 0.01, "status": 1,
            "status_text": "AWAITING_REGISTRATION", "created_at": "2024-01-15T10:00:00Z",
            "updated_at": "2024-01-15T10:00:00Z", "expires_at": "2024-02-15T10:00:00Z"
        }))
        .unwrap();
        assert_eq!(number.status_text, Some(NumberStatus::AwaitingRegistration));
        assert_eq!(number.incoming_price_per_minute.to_string(), "0.01");
        assert_eq!(
            number.created(),
            Some("2024-01-15T10:00:00Z".parse().unwrap())
        );
        assert!(number.is_held());
    }

    #[test]
    fn statuses_read_in_words_and_unknown_ones_are_kept() {
        assert!(!NumberStatus::from_text("RELEASED").is_held());
        assert!(!NumberStatus::from_text("pending_cancellation").is_held());
        assert_eq!(
            NumberStatus::from_text("ON_HOLD"),
            NumberStatus::Other("ON_HOLD".to_owned())
        );
        assert_eq!(NumberStatus::from_text("ON_HOLD").describe(), "on hold");
        assert!(NumberStatus::from_text("ON_HOLD").is_held());
    }
}
