//! Showing a number with the word it spells: `2135574992` with `PIZZA` → `213-55-PIZZA`.
//!
//! Layout rule: the spelled part (from the first to the last letter of the matched pattern)
//! stays in one piece, in upper case; the digits before and after it are each grouped in
//! threes from the left, except that a lone final digit is avoided by ending with two pairs
//! (`2135` → `21-35`); groups are joined with dashes.

use super::pattern::{Token, VanityPattern};

#[cfg(test)]
/// The national number with `word` spelled in place, or `None` when the word does not match
/// the number, has no letter to spell, or is not a valid pattern. The word may use the full
/// pattern language (`^`, `$`, wildcards); digits inside the spelled part stay digits.
pub(crate) fn spell(national: &str, word: &str) -> Option<String> {
    VanityPattern::parse(word).ok()?.spell(national)
}

impl VanityPattern {
    /// The national number with this pattern's letters spelled where it matches (at the
    /// place [`VanityPattern::find`] picks); see the free `spell` above.
    pub(crate) fn spell(&self, national: &str) -> Option<String> {
        let matched = self.find(national)?;
        let letter_at = |token: &Token| match *token {
            Token::Digit { letter, .. } => letter,
            Token::AnyDigit => None,
        };
        let first_letter = self.tokens.iter().position(|t| letter_at(t).is_some())?;
        let last_letter = self.tokens.iter().rposition(|t| letter_at(t).is_some())?;
        let word_start = matched.start + first_letter;
        let word_end = matched.start + last_letter + 1;

        let word: String = self.tokens[first_letter..=last_letter]
            .iter()
            .zip(national[word_start..word_end].chars())
            .map(|(token, digit)| letter_at(token).unwrap_or(digit))
            .collect();
        let parts = [
            group_digits(&national[..word_start]),
            word,
            group_digits(&national[word_end..]),
        ];
        let parts: Vec<&str> = parts
            .iter()
            .map(String::as_str)
            .filter(|p| !p.is_empty())
            .collect();
        Some(parts.join("-"))
    }
}

/// Groups digits for reading: threes from the left, ending in two pairs rather than a lone
/// digit. `21355` → `213-55`, `2135` → `21-35`, `2135557` → `213-55-57`.
fn group_digits(digits: &str) -> String {
    let len = digits.len();
    let mut sizes = vec![3; len / 3];
    match len % 3 {
        0 => {}
        2 => sizes.push(2),
        // One left over: turn the last three plus it into two pairs (or keep a lone digit).
        _ if sizes.pop().is_some() => sizes.extend([2, 2]),
        _ => sizes.push(1),
    }
    let mut groups = Vec::with_capacity(sizes.len());
    let mut start = 0;
    for size in sizes {
        groups.push(&digits[start..start + size]);
        start += size;
    }
    groups.join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_the_word_in_place() {
        assert_eq!(
            spell("2135574992", "PIZZA").as_deref(),
            Some("213-55-PIZZA")
        );
        assert_eq!(
            spell("2135574992", "pizza").as_deref(),
            Some("213-55-PIZZA")
        );
        assert_eq!(
            spell("7499221355", "PIZZA").as_deref(),
            Some("PIZZA-213-55")
        );
        assert_eq!(
            spell("2137499255", "PIZZA").as_deref(),
            Some("213-PIZZA-55")
        );
        assert_eq!(
            spell("8003569377", "FLOWERS").as_deref(),
            Some("800-FLOWERS")
        );
    }

    #[test]
    fn digits_and_wildcards_around_the_letters_stay_digits() {
        assert_eq!(
            spell("2135574992", "55PIZZA").as_deref(),
            Some("213-55-PIZZA")
        );
        assert_eq!(
            spell("2135574992", "PI*ZA$").as_deref(),
            Some("213-55-PI9ZA")
        );
        assert_eq!(spell("4155552255", "CALL").as_deref(), Some("415-555-CALL"));
        assert_eq!(
            spell("2135522250", "CA2L").as_deref(),
            Some("213-55-CA2L-0")
        );
    }

    #[test]
    fn nothing_to_spell() {
        assert_eq!(spell("2135551234", "PIZZA"), None, "no match");
        assert_eq!(spell("2135574992", "74992"), None, "no letters");
        assert_eq!(spell("2135574992", ""), None);
        assert_eq!(spell("2135574992", "PIZZA!"), None, "not a pattern");
    }

    #[test]
    fn groups_of_three_without_a_lone_digit() {
        assert_eq!(group_digits(""), "");
        assert_eq!(group_digits("2"), "2");
        assert_eq!(group_digits("21"), "21");
        assert_eq!(group_digits("213"), "213");
        assert_eq!(group_digits("2135"), "21-35");
        assert_eq!(group_digits("21355"), "213-55");
        assert_eq!(group_digits("213555"), "213-555");
        assert_eq!(group_digits("2135557"), "213-55-57");
        assert_eq!(group_digits("2135551234"), "213-555-12-34");
    }
}
