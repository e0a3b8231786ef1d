//! A reservation, read from either of the shapes the API uses for it.
//!
//! The reserve answer (`data.reservation_details`) says `uuid`, `number`, `created_at`,
//! `expires_at`. The reservations list, per the provider's skill document
//! (2ChatCo/agent-skills, `skills/2chat-numbers/SKILL.md`), uses other names —
//! `did_group_id`, `reservation_date`, `reservation_end_date` — and adds the place, the type
//! and the prices (as JSON numbers). Both are read into one [`Reservation`]; unknown fields
//! are ignored, and an item without a uuid, an E.164 number or an end time does not decode
//! (the listing counts it as unreadable).

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};

use super::ids::{GroupId, ReservationId};
use super::model::Price;
use super::phone::e164_field;

/// A number held for the account until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reservation {
    pub uuid: ReservationId,
    /// E.164.
    pub number: String,
    /// When it was made, where the answer says.
    pub created_at: Option<Timestamp>,
    pub expires_at: Timestamp,
    /// The group it belongs to (`did_group_id` in the list, `group_id` elsewhere).
    pub group_id: Option<GroupId>,
    /// What the list tells about the number; empty for a reserve answer.
    pub facts: ReservationFacts,
}

/// The place, type and prices the reservations list gives with each reservation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReservationFacts {
    pub did_type: Option<String>,
    pub country: Option<String>,
    pub location: Option<String>,
    pub setup: Price,
    pub monthly: Price,
    /// The price per minute of calls, where given.
    pub per_minute: Price,
    pub needs_registration: Option<bool>,
    pub supports_sms_in: Option<bool>,
    pub supports_sms_out: Option<bool>,
}

impl ReservationFacts {
    /// Whether the list gave both prices, so that a confirmation can show them.
    pub(crate) fn has_prices(&self) -> bool {
        self.setup.amount().is_some() && self.monthly.amount().is_some()
    }
}

/// Both shapes' fields; which of a pair is present depends on the endpoint.
#[derive(Deserialize)]
struct Wire {
    uuid: ReservationId,
    #[serde(deserialize_with = "e164_field")]
    number: String,
    #[serde(default, deserialize_with = "lenient_time")]
    created_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_time")]
    reservation_date: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_time")]
    expires_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient_time")]
    reservation_end_date: Option<Timestamp>,
    #[serde(default)]
    group_id: Option<GroupId>,
    #[serde(default)]
    did_group_id: Option<GroupId>,
    #[serde(default, deserialize_with = "super::decoded_text::optional")]
    did_type: Option<String>,
    #[serde(default, deserialize_with = "super::decoded_text::optional")]
    iso_country_code: Option<String>,
    #[serde(default, deserialize_with = "super::decoded_text::optional")]
    location: Option<String>,
    #[serde(default)]
    setup_price: Price,
    #[serde(default)]
    monthly_price: Price,
    #[serde(default)]
    ppm: Price,
    #[serde(default)]
    needs_registration: Option<bool>,
    #[serde(default)]
    supports_sms_in: Option<bool>,
    #[serde(default)]
    supports_sms_out: Option<bool>,
}

impl<'de> Deserialize<'de> for Reservation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        let expires_at = wire
            .expires_at
            .or(wire.reservation_end_date)
            .ok_or_else(|| serde::de::Error::missing_field("expires_at"))?;
        Ok(Self {
            uuid: wire.uuid,
            number: wire.number,
            created_at: wire.created_at.or(wire.reservation_date),
            expires_at,
            group_id: wire.group_id.or(wire.did_group_id),
            facts: ReservationFacts {
                did_type: wire.did_type,
                country: wire.iso_country_code,
                location: wire.location,
                setup: wire.setup_price,
                monthly: wire.monthly_price,
                per_minute: wire.ppm,
                needs_registration: wire.needs_registration,
                supports_sms_in: wire.supports_sms_in,
                supports_sms_out: wire.supports_sms_out,
            },
        })
    }
}

/// An instant as RFC 3339 (`2024-01-15T10:00:00Z`), or a date and time without an offset,
/// read as UTC (`2024-01-15 10:00:00`). A field that is present but unreadable fails the item:
/// a reservation whose end cannot be known must not be counted down.
fn lenient_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let Some(text) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    parse_instant(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("not a date and time: {text:?}")))
}

/// See [`lenient_time`].
pub(crate) fn parse_instant(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    text.parse::<Timestamp>().ok().or_else(|| {
        let civil = text.parse::<jiff::civil::DateTime>().ok()?;
        civil
            .to_zoned(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_documented_list_item_reads_with_its_place_and_prices() {
        let item = json!({
            "uuid": "res-uuid-123", "number": "+12135551234", "did_group_id": "abc-123",
            "did_type": "local", "iso_country_code": "US", "location": "Los Angeles",
            "setup_price": 5.00, "monthly_price": 3.00, "ppm": 0.02,
            "reservation_date": "2024-01-15T10:00:00Z",
            "reservation_end_date": "2024-01-15T10:30:00Z",
            "needs_registration": false, "supports_sms_in": true, "supports_sms_out": true
        });
        let held: Reservation = serde_json::from_value(item).unwrap();
        assert_eq!(held.group_id, Some(GroupId::new("abc-123")));
        assert_eq!(
            held.created_at,
            Some("2024-01-15T10:00:00Z".parse().unwrap())
        );
        assert_eq!(held.expires_at, "2024-01-15T10:30:00Z".parse().unwrap());
        assert_eq!(held.facts.location.as_deref(), Some("Los Angeles"));
        assert_eq!(held.facts.monthly.to_string(), "3.00");
        assert_eq!(held.facts.per_minute.to_string(), "0.02");
        assert!(held.facts.has_prices());
        assert_eq!(held.facts.supports_sms_out, Some(true));
    }

    #[test]
    fn the_reserve_answer_shape_reads_too() {
        let held: Reservation = serde_json::from_value(json!({
            "uuid": "r1", "number": "+4930123456", "group_id": 77,
            "created_at": "2024-01-15T11:00:00Z", "expires_at": "2024-01-15 11:30:00"
        }))
        .unwrap();
        assert_eq!(held.group_id, Some(GroupId::new("77")));
        assert_eq!(held.expires_at, "2024-01-15T11:30:00Z".parse().unwrap());
        assert!(!held.facts.has_prices());
    }

    #[test]
    fn an_item_without_a_readable_end_or_number_does_not_decode() {
        let read = |v: serde_json::Value| serde_json::from_value::<Reservation>(v).is_ok();
        assert!(!read(json!({"uuid": "a", "number": "+4930123456"})));
        assert!(!read(
            json!({"uuid": "a", "number": "+4930123456", "expires_at": "soon"})
        ));
        assert!(!read(
            json!({"uuid": "a", "number": "", "expires_at": "2024-01-15T11:30:00Z"})
        ));
        assert!(!read(
            json!({"number": "+4930123456", "expires_at": "2024-01-15T11:30:00Z"})
        ));
    }
}
