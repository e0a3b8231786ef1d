//! Identifier newtypes.
//!
//! The API sends ids sometimes as JSON numbers and sometimes as strings, and some are large
//! enough (above 2^53) that a float would lose digits. Every id is therefore kept as the exact
//! text it arrived as; JSON integers are read by serde_json as exact `u64`/`i64` and turned
//! into their decimal text, never through `f64`.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Defines an id newtype that deserializes from a JSON string or integer without loss.
macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps an id given as text.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id exactly as the API sent it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IdVisitor).map(Self)
            }
        }
    };
}

id_newtype!(
    /// A region of the US, CA or GB (`data.regions[].id`).
    RegionId
);
id_newtype!(
    /// A city (`data.cities[].id`).
    CityId
);
id_newtype!(
    /// The numeric id of a DID type (`data.did_types[].id`), used by the requirements endpoint.
    DidTypeId
);
id_newtype!(
    /// The name of a DID type (`local`, `mobile`, `tollfree`, …), used by the groups search.
    DidTypeName
);
id_newtype!(
    /// A number group (`data.groups[].id`), used to list, reserve and buy numbers.
    GroupId
);
id_newtype!(
    /// An available number (`data.numbers[].id`).
    NumberId
);
id_newtype!(
    /// A reservation's uuid.
    ReservationId
);

/// Reads an id from a JSON string or integer, keeping every digit.
struct IdVisitor;

impl Visitor<'_> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id as a string or an integer")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        let trimmed = v.trim();
        if trimmed.is_empty() {
            return Err(E::invalid_value(de::Unexpected::Str(v), &self));
        }
        Ok(trimmed.to_owned())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    /// A float can only be an id when it is integral and small enough to be exact; anything
    /// else would be a guess, so it is refused (and the item holding it is skipped).
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
        if v.fract() == 0.0 && v.abs() <= EXACT_LIMIT {
            Ok(format!("{v:.0}"))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// A two-letter ISO 3166-1 country code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CountryCode(String);

impl CountryCode {
    /// Parses a two-letter code in any case (`us` → `US`).
    pub fn parse(code: &str) -> Option<Self> {
        let code = code.trim();
        (code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()))
            .then(|| Self(code.to_ascii_uppercase()))
    }

    /// The upper-case code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for CountryCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| de::Error::custom(format!("not a country code: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_every_digit_whatever_their_json_type() {
        let ids: Vec<GroupId> =
            serde_json::from_str(r#"[123, "abc-123", 9007199254740993, 18446744073709551615]"#)
                .unwrap();
        let texts: Vec<&str> = ids.iter().map(GroupId::as_str).collect();
        assert_eq!(
            texts,
            ["123", "abc-123", "9007199254740993", "18446744073709551615"]
        );
    }

    #[test]
    fn inexact_float_ids_and_empty_strings_are_refused() {
        assert!(serde_json::from_str::<RegionId>("1.5").is_err());
        assert!(serde_json::from_str::<RegionId>("1e300").is_err());
        assert!(serde_json::from_str::<RegionId>(r#""  ""#).is_err());
        assert!(serde_json::from_str::<RegionId>("null").is_err());
        assert_eq!(
            serde_json::from_str::<RegionId>("42.0").unwrap().as_str(),
            "42"
        );
    }

    #[test]
    fn country_codes_are_normalised() {
        assert_eq!(CountryCode::parse(" us ").unwrap().as_str(), "US");
        assert!(CountryCode::parse("USA").is_none());
        assert!(CountryCode::parse("u1").is_none());
    }
}
