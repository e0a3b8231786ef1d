//! The data the Numbers API returns, as typed values.
//!
//! Decoding is tolerant where the contract is loose: unknown fields are ignored, a price that
//! is `null` or not a number becomes [`Price::Unknown`] (never zero), and a list with one
//! malformed item keeps the others ([`Listing`] counts what it skipped).

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

use super::decoded_text;

pub use super::ids::{
    CityId, CountryCode, DidTypeId, DidTypeName, GroupId, NumberId, RegionId, ReservationId,
};
pub use super::order::{PurchaseOrder, Receipt, Verdict};
pub use super::owned::NumberStatus;
pub use super::owned::OwnedNumber;
pub use super::owned::OwnedNumbersPage;
pub use super::phone::E164;
pub use super::reservation::Reservation;

/// The items of a list answer that decoded, and how many did not.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<T> {
    /// Items that decoded, in the order the API sent them.
    pub items: Vec<T>,
    /// Items that were malformed and left out.
    pub skipped: usize,
}

impl<T> Default for Listing<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

impl<T: DeserializeOwned> Listing<T> {
    /// Decodes each element of a JSON array on its own, skipping (and counting) the bad ones.
    /// Anything that is not an array yields an empty listing with nothing skipped.
    pub(crate) fn from_values(values: &[Value]) -> Self {
        let mut listing = Self::default();
        for value in values {
            match T::deserialize(value) {
                Ok(item) => listing.items.push(item),
                Err(error) => {
                    tracing::debug!(%error, "skipping a malformed list item");
                    listing.skipped += 1;
                }
            }
        }
        listing
    }

    /// Decodes each raw item of a JSON array on its own (see [`super::raw`]), skipping (and
    /// counting) the bad ones, as [`Listing::from_values`] does.
    pub fn from_raw(items: &[&RawValue]) -> Self {
        let mut listing = Self::default();
        listing.items.reserve(items.len());
        for item in items {
            match serde_json::from_str(item.get()) {
                Ok(item) => listing.items.push(item),
                Err(error) => {
                    tracing::debug!(%error, "skipping a malformed list item");
                    listing.skipped += 1;
                }
            }
        }
        listing
    }
}

/// A price as the API states it: an exact decimal, or unknown when the API sent `null`,
/// nothing, or something that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Price {
    /// An exact amount (the currency is the account's).
    Known(Decimal),
    /// The API did not say, or said something unreadable.
    #[default]
    Unknown,
}

impl Price {
    /// The amount, when known.
    pub fn amount(self) -> Option<Decimal> {
        match self {
            Self::Known(amount) => Some(amount),
            Self::Unknown => None,
        }
    }

    fn from_json(value: &Value) -> Self {
        let parsed = match value {
            Value::String(text) => text.trim().parse::<Decimal>().ok(),
            Value::Number(number) => number.to_string().parse::<Decimal>().ok().or_else(|| {
                // Exponent notation (1e2) is valid JSON but not Decimal's plain syntax.
                Decimal::from_scientific(&number.to_string()).ok()
            }),
            _ => None,
        };
        parsed.map_or(Self::Unknown, Self::Known)
    }
}

impl fmt::Display for Price {
    /// Two decimals at least (`3.5` → `3.50`), every digit the API gave kept.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Known(amount) => {
                let mut shown = *amount;
                if shown.scale() < 2 {
                    shown.rescale(2);
                }
                write!(f, "{shown}")
            }
            Self::Unknown => f.write_str("unknown"),
        }
    }
}

impl<'de> Deserialize<'de> for Price {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(|value| Self::from_json(&value))
    }
}

impl Serialize for Price {
    /// Prices are written as strings (`"3.50"`) or `null`, never as floats.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Known(_) => serializer.serialize_str(&self.to_string()),
            Self::Unknown => serializer.serialize_none(),
        }
    }
}

/// A region (state, province, nation) of the US, CA or GB.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Region {
    pub id: RegionId,
    #[serde(rename = "region_name", deserialize_with = "decoded_text::text")]
    pub name: String,
    #[serde(
        rename = "iso_country_code",
        default,
        deserialize_with = "decoded_text::optional"
    )]
    pub country: Option<String>,
}

/// A city of a country or region.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct City {
    pub id: CityId,
    #[serde(rename = "city_name", deserialize_with = "decoded_text::text")]
    pub name: String,
    #[serde(
        rename = "iso_country_code",
        default,
        deserialize_with = "decoded_text::optional"
    )]
    pub country: Option<String>,
}

/// A kind of number (`local`, `mobile`, `tollfree`, …) and its numeric id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct DidType {
    pub id: DidTypeId,
    pub name: DidTypeName,
}

/// The prices of a number group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub struct GroupPrice {
    /// The one-time fee.
    #[serde(rename = "setup_price", default)]
    pub setup: Price,
    /// The recurring monthly fee.
    #[serde(rename = "monthly_price", default)]
    pub monthly: Price,
    /// The price per minute of calls (`ppm`), where the API gives it.
    #[serde(rename = "ppm", default)]
    pub per_minute: Price,
}

/// A number group: numbers sharing a prefix, location, type and price.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Group {
    pub id: GroupId,
    #[serde(default, deserialize_with = "decoded_text::text")]
    pub prefix: String,
    #[serde(default, deserialize_with = "decoded_text::text")]
    pub location: String,
    #[serde(default)]
    pub price: GroupPrice,
    /// The DID type name (`local`, `mobile`, …).
    #[serde(rename = "type", default, deserialize_with = "decoded_text::text")]
    pub did_type: String,
    /// Regulatory requirements; their shape varies by country, so they are kept as JSON.
    #[serde(default, deserialize_with = "decoded_text::values")]
    pub requirements: Vec<Value>,
    #[serde(default)]
    pub allow_number_selection: bool,
    #[serde(default)]
    pub is_eligible_for_free_number: bool,
    #[serde(default, deserialize_with = "decoded_text::list")]
    pub features: Vec<String>,
}

impl Group {
    /// Whether documents or other regulatory requirements apply to this group.
    pub fn has_requirements(&self) -> bool {
        !self.requirements.is_empty()
    }
}

/// A number that can be reserved or bought.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct AvailableNumber {
    pub id: NumberId,
    /// E.164, for example `+12135551234`; an item with anything else does not decode.
    #[serde(deserialize_with = "super::phone::e164_field")]
    pub number: String,
}

/// The account, its request limit and its usage (`GET /open/info`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AccountInfo {
    pub name: Option<String>,
    pub uuid: Option<String>,
    pub on_trial: Option<bool>,
    pub blocked: Option<bool>,
    pub expires_at: Option<String>,
    pub requests_per_minute: Option<u32>,
    pub api_request_count: Option<u64>,
    pub max_api_request_count: Option<u64>,
}

impl AccountInfo {
    /// Reads the fields the contract names from the answer body: at the top level, as
    /// documented, or inside a `data` wrapper, to be tolerant; whatever is missing or of the
    /// wrong type stays `None`.
    pub(crate) fn from_body(body: &Value) -> Self {
        let sections = ["account", "limits", "usage"];
        let at_top = sections.iter().any(|name| body.get(name).is_some());
        let wrapped = body.get("data").filter(|d| d.is_object());
        let root = if at_top {
            body
        } else {
            wrapped.unwrap_or(body)
        };
        let account = root.get("account");
        let text = |v: Option<&Value>, key: &str| {
            v.and_then(|v| v.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let flag = |key: &str| account.and_then(|a| a.get(key)).and_then(Value::as_bool);
        let count = |section: &str, key: &str| {
            root.get(section)
                .and_then(|s| s.get(key))
                .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
        };
        Self {
            name: text(account, "name"),
            uuid: text(account, "uuid"),
            on_trial: flag("on_trial"),
            blocked: flag("blocked"),
            expires_at: text(account, "expires_at"),
            requests_per_minute: count("limits", "requests_per_minute")
                .and_then(|n| u32::try_from(n).ok()),
            api_request_count: count("usage", "api_request_count"),
            max_api_request_count: count("usage", "max_api_request_count"),
        }
    }
}

/// Flattens a requirement of any shape into `key → value` lines for display: nested objects
/// give dotted keys (`address.city`), arrays give indexed keys or a comma-joined list of
/// scalars, scalars are shown as text.
pub fn flatten_fields(value: &Value) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    flatten_into("", value, &mut fields);
    fields
}

fn flatten_into(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    let join = |key: &str| {
        if prefix.is_empty() {
            key.to_owned()
        } else {
            format!("{prefix}.{key}")
        }
    };
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                flatten_into(&join(key), inner, out);
            }
        }
        Value::Array(items) if items.is_empty() => out.push((prefix.to_owned(), "—".to_owned())),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            let joined: Vec<String> = items.iter().map(scalar_text).collect();
            out.push((prefix.to_owned(), joined.join(", ")));
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                flatten_into(&join(&(index + 1).to_string()), inner, out);
            }
        }
        scalar => out.push((prefix.to_owned(), scalar_text(scalar))),
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => "—".to_owned(),
        other => other.to_string(),
    }
}

/// The type names the groups search takes as they are (the API's documented list).
pub(crate) const DOCUMENTED_TYPE_NAMES: [&str; 7] = [
    "local",
    "mobile",
    "tollfree",
    "national",
    "global",
    "sharedcost",
    "all",
];

#[cfg(test)]
mod tests;
