//! Whether a number on the account is the number a purchase named.
//!
//! The purchase names an E.164 number; the account's list may give the same number in
//! E.164 (`+12135551234`, `+1 213-555-1234`) or in its national format (`(213) 555-1234`,
//! `020 7946 0000`), next to the item's `iso_country_code`. Comparing raw digits would call
//! the national form an absence, and an absence must never be mistaken for "not bought".
//!
//! A national form matches when its digits, less a leading trunk prefix `0`, are the
//! purchased number's national digits (the E.164 digits after the calling code). The list
//! holds only the account's own numbers, so the same national digits under another calling
//! code would be a number of another country on the same account: too unlikely to outweigh
//! the cost of calling a bought number missing.

use crate::api::model::OwnedNumber;
use crate::api::phone::digits_of;
use crate::vanity::split_e164;

/// Whether `owned` is the E.164 number `wanted`.
pub(crate) fn is_same_number(owned: &OwnedNumber, wanted: &str) -> bool {
    let wanted_digits = digits_of(wanted);
    let listed = owned.phone_number.trim();
    let listed_digits = digits_of(listed);
    if listed_digits.is_empty() {
        return false;
    }
    if listed.starts_with('+') || listed_digits == wanted_digits {
        return listed_digits == wanted_digits;
    }
    let Some((_, national)) = split_e164(&wanted_digits) else {
        return false;
    };
    listed_digits.trim_start_matches('0') == national.trim_start_matches('0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(number: &str, country: &str) -> OwnedNumber {
        serde_json::from_value(serde_json::json!({
            "phone_number": number, "iso_country_code": country
        }))
        .unwrap()
    }

    #[test]
    fn a_national_format_is_the_same_number() {
        let us = "+12135551234";
        assert!(is_same_number(&listed("(213) 555-1234", "US"), us));
        assert!(is_same_number(&listed("213.555.1234", "US"), us));
        assert!(is_same_number(&listed("12135551234", "US"), us));
        assert!(is_same_number(&listed("+1 (213) 555-1234", "US"), us));
        let uk = "+442079460000";
        assert!(is_same_number(&listed("020 7946 0000", "GB"), uk));
    }

    #[test]
    fn another_number_is_not_the_same() {
        let us = "+12135551234";
        assert!(!is_same_number(&listed("(213) 555-1235", "US"), us));
        assert!(!is_same_number(&listed("+2135551234", "DZ"), us));
        assert!(!is_same_number(&listed("", "US"), us));
        assert!(!is_same_number(&listed("555-1234", "US"), us));
    }
}
