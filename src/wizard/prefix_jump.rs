//! Jumping by prefix from the city step: an operator who wants "a 213 number" types `213`
//! (or `+1 213`) and Enter, and the groups of that prefix are searched with the API's own
//! `city_name_or_prefix`, any city and any type, without knowing which city it is.

use crate::protocol::Command;

use super::{Choice, Step, Wizard};

/// The prefix digits of `text`, when it is a prefix: digits with optional spaces, dashes and
/// parentheses, after an optional `+<country code> ` that is left out (the groups of the
/// chosen country are searched anyway). `None` for anything else.
pub(super) fn prefix_digits(text: &str) -> Option<String> {
    let text = text.trim();
    let national = match text.strip_prefix('+') {
        Some(rest) => match rest.split_once(' ') {
            Some((country_code, national)) => {
                let is_code = (1..=3).contains(&country_code.len())
                    && country_code.bytes().all(|b| b.is_ascii_digit());
                if !is_code {
                    return None;
                }
                national
            }
            None => rest,
        },
        None => text,
    };
    let plain = national
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
    let digits: String = national.chars().filter(char::is_ascii_digit).collect();
    (plain && !digits.is_empty()).then_some(digits)
}

impl Wizard {
    /// The prefix Enter on the city step would jump to: the box holds a prefix and no city
    /// matches it. Shown to the operator before Enter, and the only test Enter applies.
    pub(crate) fn prefix_offer(&self) -> Option<String> {
        if self.step != Step::City {
            return None;
        }
        let picker = self.lists.cities.load.loaded()?;
        if picker.selected().is_some() {
            return None;
        }
        prefix_digits(picker.query().value())
    }

    /// The prefix the group step was reached by, instead of a city and a type.
    pub(crate) fn prefix_jumped(&self) -> Option<&str> {
        self.chosen.prefix_jump.as_deref()
    }

    /// Enter on the city step when no city matches a box holding a prefix: the groups of
    /// that prefix, in any city and of any type. `None` when the box holds no prefix.
    pub(super) fn jump_by_prefix(&mut self) -> Option<Vec<Command>> {
        let digits = self.prefix_offer()?;
        self.chosen.city = Some(Choice::Any);
        self.chosen.did_type = Some(Choice::Any);
        self.chosen.prefix_jump = Some(digits);
        Some(self.go(Step::Group))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_as_operators_say_them() {
        assert_eq!(prefix_digits("213").as_deref(), Some("213"));
        assert_eq!(prefix_digits("+1 213").as_deref(), Some("213"));
        assert_eq!(prefix_digits("(213)").as_deref(), Some("213"));
        assert_eq!(prefix_digits("+49 30").as_deref(), Some("30"));
        assert_eq!(prefix_digits("Los Angeles"), None);
        assert_eq!(prefix_digits("21a"), None);
        // What is left of an earlier search before the prefix is not a country code.
        assert_eq!(prefix_digits("+1213+1 213"), None);
        assert_eq!(prefix_digits("+1234 213"), None);
        assert_eq!(prefix_digits("  "), None);
    }
}
