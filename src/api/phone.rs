//! Phone numbers as the API must receive them: E.164 (`+` and 7 to 15 digits).
//!
//! A number that arrives from the API empty, in a national format or as anything but E.164 is
//! unreadable at decode ([`e164_field`]), so it is never shown in a confirmation and no
//! purchase can be built from it. [`E164`] is the checked value an order is made of.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

/// A number in E.164: `+`, a first digit that is not 0, and 7 to 15 digits in all.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct E164(String);

impl E164 {
    /// Reads `text` as E.164. Spaces, dashes, dots and brackets between the digits are
    /// dropped (`+1 (213) 555-1234`); anything without the leading `+` is refused, because a
    /// national number names no country.
    pub fn parse(text: &str) -> Option<Self> {
        let rest = text.trim().strip_prefix('+')?;
        let mut digits = String::with_capacity(16);
        digits.push('+');
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                _ => return None,
            }
        }
        let count = digits.len() - 1;
        let leading_zero = digits.as_bytes().get(1) == Some(&b'0');
        ((7..=15).contains(&count) && !leading_zero).then_some(Self(digits))
    }

    /// The number as `+` and digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digits without the `+`, for comparing numbers written in different ways.
    pub fn digits(&self) -> &str {
        &self.0[1..]
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for E164 {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for E164 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for E164 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text)
            .ok_or_else(|| de::Error::custom("a phone number that is not E.164 (+ and digits)"))
    }
}

/// For `#[serde(deserialize_with)]` on a `String` field: the number must be E.164, and is kept
/// in its plain `+digits` form.
pub(crate) fn e164_field<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    E164::deserialize(deserializer).map(|number| number.0)
}

/// Digits only, so that `+1 (213) 555-1234`, `12135551234` and `+12135551234` compare equal.
pub(crate) fn digits_of(number: &str) -> String {
    number.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_e164_numbers_are_read() {
        let read = |text: &str| E164::parse(text).map(|n| n.as_str().to_owned());
        assert_eq!(read("+12135551234").as_deref(), Some("+12135551234"));
        assert_eq!(read(" +1 (213) 555-1234 ").as_deref(), Some("+12135551234"));
        assert_eq!(read(""), None);
        assert_eq!(read("+"), None);
        assert_eq!(
            read("(213) 555-1234"),
            None,
            "a national number names no country"
        );
        assert_eq!(read("12135551234"), None);
        assert_eq!(read("+123456"), None, "too short");
        assert_eq!(read("+1234567890123456"), None, "too long");
        assert_eq!(read("+0123456789"), None);
        assert_eq!(read("INV-2026-0001"), None);
        assert_eq!(read("+1213555x1234"), None);
    }

    #[test]
    fn a_field_that_is_not_e164_does_not_decode() {
        #[derive(Deserialize)]
        struct Item {
            #[serde(deserialize_with = "e164_field")]
            number: String,
        }
        let read = |json: &str| serde_json::from_str::<Item>(json).map(|i| i.number);
        assert_eq!(read(r#"{"number": "+4930123456"}"#).unwrap(), "+4930123456");
        assert!(read(r#"{"number": ""}"#).is_err());
        assert!(read(r#"{"number": 4930123456}"#).is_err());
        assert_eq!(digits_of("+1 (213) 555-1234"), "12135551234");
    }
}
