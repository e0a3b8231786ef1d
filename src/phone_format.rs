//! Phone numbers as each country writes them, and read back from whatever form an operator
//! types, through libphonenumber's metadata (the `phonenumber` crate).
//!
//! One formatter for every screen, table, JSON `formatted` field and receipt, so that a
//! number reads the same everywhere: `+1 213-555-1234`, `+44 20 7216 4999`,
//! `+55 11 98453-2107`. The API is always sent E.164.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::api::model::{CountryCode, E164};

/// `number` (E.164) in the international format of its country; the text as given when
/// libphonenumber cannot read it, so that nothing is ever hidden.
pub(crate) fn international(number: &str) -> String {
    FORMATTED.with(|kept| {
        if let Some(shown) = kept.borrow().get(number) {
            return shown.clone();
        }
        let shown = format_international(number);
        let mut kept = kept.borrow_mut();
        if kept.len() >= KEPT_FORMATS {
            kept.clear();
        }
        kept.insert(number.to_owned(), shown.clone());
        shown
    })
}

/// How many formatted numbers are kept: a screen's worth many times over.
const KEPT_FORMATS: usize = 512;

thread_local! {
    /// The numbers formatted last. libphonenumber parses each number and runs its country's
    /// regular expressions (tens of microseconds), and a list draws the same numbers again on
    /// every frame.
    static FORMATTED: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

fn format_international(number: &str) -> String {
    match phonenumber::parse(None, number) {
        Ok(parsed) => phonenumber::format(&parsed)
            .mode(phonenumber::Mode::International)
            .to_string(),
        Err(_) => number.to_owned(),
    }
}

/// Reads libphonenumber's metadata and its rules for the most common countries, so that the
/// first number shown does not wait for them.
pub(crate) fn warm_up() {
    for number in ["+12135551234", "+442072164999", "+493012345678"] {
        let _ = international(number);
    }
}

/// Reads a number typed in any common form — `+1 213 892 4908`, `(213) 892-4908`,
/// `2138924908` — as E.164. A number without its `+` is read in `country`, and names no
/// country without one. `None` when it cannot be read, or is too short or too long for
/// E.164; whether it exists is the API's to say.
pub(crate) fn read(text: &str, country: Option<&CountryCode>) -> Option<E164> {
    let text = text.trim();
    let region = country.and_then(|code| code.as_str().parse::<phonenumber::country::Id>().ok());
    if !text.starts_with('+') && region.is_none() {
        return None;
    }
    let parsed = phonenumber::parse(region, text).ok()?;
    let e164 = phonenumber::format(&parsed)
        .mode(phonenumber::Mode::E164)
        .to_string();
    E164::parse(&e164)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_number_is_grouped_as_its_country_writes_it() {
        assert_eq!(international("+12135551234"), "+1 213-555-1234");
        assert_eq!(international("+18132522492"), "+1 813-252-2492");
        // London's area code has two digits, not three.
        assert_eq!(international("+442072164999"), "+44 20 7216 4999");
        // A Brazilian mobile keeps its ninth digit with the rest.
        assert_eq!(international("+5511984532107"), "+55 11 98453-2107");
        assert_eq!(international("+493012345678"), "+49 30 12345678");
        assert_eq!(international("not a number"), "not a number");
    }

    #[test]
    fn numbers_are_read_in_any_common_form() {
        let us = CountryCode::parse("US");
        let expected = Some("+12138924908");
        for text in [
            "+1 213 892 4908",
            "(213) 892-4908",
            "2138924908",
            "213.892.4908",
        ] {
            let read = read(text, us.as_ref());
            assert_eq!(read.as_ref().map(E164::as_str), expected, "{text}");
        }
        let de = CountryCode::parse("DE");
        let berlin = read("030 12345678", de.as_ref());
        assert_eq!(berlin.as_ref().map(E164::as_str), Some("+493012345678"));
    }

    #[test]
    fn a_national_number_without_a_country_is_refused() {
        assert_eq!(read("2138924908", None), None);
        assert_eq!(read("+1 213", None), None);
        assert_eq!(read("call me", CountryCode::parse("US").as_ref()), None);
    }
}
