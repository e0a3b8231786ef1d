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
            Some((_country_code, national)) => national,
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
    /// Enter on the city step when no city matches a box holding a prefix: the groups of
    /// that prefix, in any city and of any type. `None` when the box holds no prefix.
    pub(super) fn jump_by_prefix(&mut self) -> Option<Vec<Command>> {
        let picker = self.lists.cities.load.loaded()?;
        if picker.selected().is_some() {
            return None;
        }
        let digits = prefix_digits(picker.query().value())?;
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
        assert_eq!(prefix_digits("  "), None);
    }
}
