//! The phone keypad: which digit each letter sits on (ABC→2 … WXYZ→9).

/// The keypad digit of an ASCII letter (either case), or the digit itself; `None` for
/// anything else. 0 and 1 carry no letters.
pub(crate) fn keypad_digit(c: char) -> Option<char> {
    let digit = match c.to_ascii_uppercase() {
        '0'..='9' => return Some(c),
        'A' | 'B' | 'C' => '2',
        'D' | 'E' | 'F' => '3',
        'G' | 'H' | 'I' => '4',
        'J' | 'K' | 'L' => '5',
        'M' | 'N' | 'O' => '6',
        'P' | 'Q' | 'R' | 'S' => '7',
        'T' | 'U' | 'V' => '8',
        'W' | 'X' | 'Y' | 'Z' => '9',
        _ => return None,
    };
    Some(digit)
}

#[cfg(test)]
/// The digits a word dials: letters become their keypad digit, digits stay, anything else
/// (spaces, dashes) is skipped. `"PIZZA"` → `"74992"`.
pub(crate) fn keypad_digits(text: &str) -> String {
    text.chars().filter_map(keypad_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_sits_on_its_key() {
        let keys = [
            ('2', "ABC"),
            ('3', "DEF"),
            ('4', "GHI"),
            ('5', "JKL"),
            ('6', "MNO"),
            ('7', "PQRS"),
            ('8', "TUV"),
            ('9', "WXYZ"),
        ];
        for (digit, letters) in keys {
            for letter in letters.chars() {
                assert_eq!(keypad_digit(letter), Some(digit), "{letter}");
                assert_eq!(keypad_digit(letter.to_ascii_lowercase()), Some(digit));
            }
        }
    }

    #[test]
    fn words_dial_their_digits() {
        assert_eq!(keypad_digits("PIZZA"), "74992");
        assert_eq!(keypad_digits("pizza"), "74992");
        assert_eq!(keypad_digits("1-800-FLOWERS"), "18003569377");
        assert_eq!(keypad_digits("é#"), "");
    }

    #[test]
    fn digits_stay_and_symbols_have_no_key() {
        assert_eq!(keypad_digit('0'), Some('0'));
        assert_eq!(keypad_digit('7'), Some('7'));
        assert_eq!(keypad_digit('*'), None);
        assert_eq!(keypad_digit('é'), None);
    }
}
