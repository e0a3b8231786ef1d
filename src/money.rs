//! Money as the operator reads it: every price with its currency (`USD 3.50`), and what a
//! purchase costs on the day it is made — the setup fee plus the first month.
//!
//! The API's prices carry no currency: 2Chat bills in US dollars, so USD is the default, and
//! the config's `currency` names another where an account is billed differently.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::api::model::{GroupPrice, Price};

/// An ISO 4217 currency code: three upper-case letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// US dollars, what 2Chat bills in.
    pub(crate) const USD: Self = Self(*b"USD");

    /// The code, such as `USD`.
    pub(crate) fn code(&self) -> &str {
        // Only ASCII letters are ever stored (see `from_str`).
        std::str::from_utf8(&self.0).unwrap_or("USD")
    }

    /// `USD 3.50`; an unknown price reads `unknown`, without a currency to suggest an amount.
    pub(crate) fn show(self, price: Price) -> String {
        match price {
            Price::Known(_) => format!("{self} {price}"),
            Price::Unknown => price.to_string(),
        }
    }
}

impl Default for Currency {
    fn default() -> Self {
        Self::USD
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = String;

    /// Three letters, in any case (`eur` → `EUR`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        match <[u8; 3]>::try_from(text.as_bytes()) {
            Ok(code) if code.iter().all(u8::is_ascii_alphabetic) => {
                Ok(Self(code.map(|b| b.to_ascii_uppercase())))
            }
            _ => Err(format!(
                "currency {text:?} is not a three-letter code such as USD or EUR"
            )),
        }
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// What buying costs today: the setup fee plus the first month. Unknown when either is.
pub(crate) fn due_now(price: &GroupPrice) -> Price {
    match (price.setup, price.monthly) {
        (Price::Known(setup), Price::Known(monthly)) => Price::Known(setup + monthly),
        _ => Price::Unknown,
    }
}

/// The prices a purchase was agreed at (`null` when unknown: bought without them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct AgreedPrices {
    pub setup: crate::api::model::Price,
    pub monthly: crate::api::model::Price,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(text: &str) -> Price {
        Price::Known(text.parse().unwrap())
    }

    #[test]
    fn prices_are_shown_with_their_currency() {
        assert_eq!(Currency::default().show(known("3.5")), "USD 3.50");
        let euro: Currency = "eur".parse().unwrap();
        assert_eq!(euro.show(known("12.345")), "EUR 12.345");
        assert_eq!(euro.show(Price::Unknown), "unknown");
    }

    #[test]
    fn a_currency_is_three_letters() {
        for bad in ["", "US", "USDX", "U$D", "€"] {
            assert!(bad.parse::<Currency>().is_err(), "{bad:?}");
        }
        assert_eq!(" gbp ".parse::<Currency>().unwrap().code(), "GBP");
    }

    #[test]
    fn due_now_is_setup_plus_the_first_month() {
        let price = GroupPrice {
            setup: known("1.00"),
            monthly: known("3.50"),
            per_minute: Price::Unknown,
        };
        assert_eq!(due_now(&price), known("4.50"));
        let unknown_setup = GroupPrice {
            setup: Price::Unknown,
            ..price
        };
        assert_eq!(due_now(&unknown_setup), Price::Unknown);
    }
}
