//! Splitting an E.164 number into its country calling code and national number.
//!
//! Vanity patterns (`^555`, `0000$`) speak of the national number, so the calling code must be
//! cut off first. ITU calling codes are prefix-free: no assigned code is the start of another,
//! so reading 1, then 2, then 3 digits and stopping at the first assigned code is unambiguous.

/// One-digit codes: +1 (North American Numbering Plan) and +7 (Russia, Kazakhstan).
const ONE_DIGIT_CODES: [u16; 2] = [1, 7];

/// Every assigned two-digit code.
const TWO_DIGIT_CODES: [u16; 44] = [
    20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56,
    57, 58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
];

/// Three-digit codes as inclusive ranges, including the ones reserved for global services
/// (800 freephone, 870 Inmarsat, 881-883 satellite and international networks).
const THREE_DIGIT_CODE_RANGES: [(u16, u16); 34] = [
    (211, 213),
    (216, 216),
    (218, 218),
    (220, 258),
    (260, 269),
    (290, 291),
    (297, 299),
    (350, 359),
    (370, 378),
    (380, 383),
    (385, 387),
    (389, 389),
    (420, 421),
    (423, 423),
    (500, 509),
    (590, 599),
    (670, 670),
    (672, 683),
    (685, 692),
    (800, 800),
    (808, 808),
    (850, 850),
    (852, 853),
    (855, 856),
    (870, 870),
    (878, 878),
    (880, 883),
    (886, 886),
    (888, 888),
    (960, 968),
    (970, 977),
    (979, 979),
    (992, 996),
    (998, 998),
];

/// Whether `code` is an assigned calling code of `digits` digits.
fn is_calling_code(code: u16, digits: usize) -> bool {
    match digits {
        1 => ONE_DIGIT_CODES.contains(&code),
        2 => TWO_DIGIT_CODES.contains(&code),
        3 => THREE_DIGIT_CODE_RANGES
            .iter()
            .any(|&(first, last)| (first..=last).contains(&code)),
        _ => false,
    }
}

/// Splits `"+12135551234"` into `("1", "2135551234")`: the calling code digits and the national
/// digits, both slices of the input. The leading `+` is optional. `None` when the text is not
/// all digits, is longer than E.164's 15 digits, starts with no assigned calling code, or has
/// no national digits. For +1 the national number must be exactly the 10 NANP digits.
pub(crate) fn split_e164(e164: &str) -> Option<(&str, &str)> {
    let digits = e164.strip_prefix('+').unwrap_or(e164);
    if digits.is_empty() || digits.len() > 15 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let code_len = (1..=3).find(|&len| {
        digits
            .get(..len)
            .and_then(|code| code.parse::<u16>().ok())
            .is_some_and(|code| is_calling_code(code, len))
    })?;
    let (code, national) = digits.split_at(code_len);
    if national.is_empty() || (code == "1" && national.len() != 10) {
        return None;
    }
    Some((code, national))
}

/// The national digits of an E.164 number; see [`split_e164`].
pub(crate) fn national_number(e164: &str) -> Option<&str> {
    split_e164(e164).map(|(_, national)| national)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_one_two_and_three_digit_codes() {
        assert_eq!(split_e164("+12135551234"), Some(("1", "2135551234")));
        assert_eq!(split_e164("+74951234567"), Some(("7", "4951234567")));
        assert_eq!(split_e164("+442071234567"), Some(("44", "2071234567")));
        assert_eq!(split_e164("+4930123456"), Some(("49", "30123456")));
        assert_eq!(split_e164("+5511987654321"), Some(("55", "11987654321")));
        assert_eq!(split_e164("+390612345678"), Some(("39", "0612345678")));
        assert_eq!(split_e164("+353851234567"), Some(("353", "851234567")));
        assert_eq!(split_e164("+972501234567"), Some(("972", "501234567")));
        assert_eq!(split_e164("+21261234567"), Some(("212", "61234567")));
        assert_eq!(split_e164("+85291234567"), Some(("852", "91234567")));
    }

    #[test]
    fn the_plus_is_optional() {
        assert_eq!(split_e164("12135551234"), Some(("1", "2135551234")));
    }

    #[test]
    fn rejects_what_is_not_an_e164_number() {
        assert_eq!(split_e164(""), None);
        assert_eq!(split_e164("+"), None);
        assert_eq!(split_e164("+1 213 555 1234"), None);
        assert_eq!(split_e164("+1213555123"), None, "NANP needs 10 digits");
        assert_eq!(split_e164("+2812345678"), None, "+28x is unassigned");
        assert_eq!(split_e164("+1234567890123456"), None, "over 15 digits");
        assert_eq!(split_e164("+44"), None, "no national digits");
    }

    #[test]
    fn no_code_is_a_prefix_of_another() {
        let codes: Vec<String> = (1..=3usize)
            .flat_map(|len| {
                let low = 10u16.pow(len as u32 - 1);
                (low..low * 10)
                    .filter(move |&code| is_calling_code(code, len))
                    .map(|code| code.to_string())
            })
            .collect();
        assert!(codes.len() > 200, "only {} codes", codes.len());
        for a in &codes {
            for b in &codes {
                assert!(
                    a == b || !b.starts_with(a.as_str()),
                    "{a} is a prefix of {b}"
                );
            }
        }
        assert_eq!(national_number("+33612345678"), Some("612345678"));
    }
}
