//! The number step's list: the available numbers of a group, narrowed by the vanity box.
//!
//! Typing narrows the numbers already loaded at once; after a pause the wizard asks the API
//! for numbers containing the digits (`number_contains`), and the answer replaces the list.

use std::ops::Range;

use tui_input::{Input, InputRequest};

use crate::api::model::AvailableNumber;

use super::picker::{Move, moved};

/// A number that matches the vanity box, with the matched span of its E.164 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberMatch {
    /// Index into [`NumberList::items`].
    pub index: usize,
    /// Byte range of the matched digits within the E.164 text (empty without a pattern).
    pub span: Range<usize>,
}

/// The numbers of one group and the vanity box over them.
#[derive(Debug, Clone, Default)]
pub struct NumberList {
    items: Vec<AvailableNumber>,
    /// The `number_contains` the items were fetched with (`None`: the unfiltered list).
    fetched_with: Option<String>,
    query: Input,
    visible: Vec<NumberMatch>,
    cursor: usize,
    /// Why the vanity box's text cannot be used, for the operator.
    pub pattern_error: Option<String>,
}

impl NumberList {
    /// The numbers of an answer fetched with `fetched_with`, shown through the current box.
    pub fn replace_items(&mut self, items: Vec<AvailableNumber>, fetched_with: Option<String>) {
        let selected = self.selected().map(|n| n.number.clone());
        self.items = items;
        self.fetched_with = fetched_with;
        self.refilter();
        if let Some(selected) = selected {
            self.select_number(&selected);
        }
    }

    /// Applies an edit to the vanity box; returns whether its text changed.
    pub fn edit(&mut self, request: InputRequest) -> bool {
        let changed = self.query.handle(request).is_some_and(|c| c.value);
        if changed {
            self.refilter();
        }
        changed
    }

    /// Empties the vanity box; returns whether there was anything to clear.
    pub fn clear_query(&mut self) -> bool {
        if self.query.value().is_empty() {
            return false;
        }
        self.query.reset();
        self.refilter();
        true
    }

    /// The digits to ask the API for, given the box's text: `None` for no narrowing.
    pub fn server_query(&self) -> Option<String> {
        let digits: String = self
            .query
            .value()
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        (!digits.is_empty()).then_some(digits)
    }

    /// Whether the loaded items already answer the box (no request needed).
    pub fn is_answered(&self) -> bool {
        self.fetched_with == self.server_query()
    }

    /// Recomputes the visible numbers. Runs on every keystroke over up to 100,000 numbers, so
    /// it reuses the list's buffer and searches bytes directly (no searcher built per number).
    fn refilter(&mut self) {
        let wanted = self.server_query();
        self.pattern_error = self
            .query
            .value()
            .chars()
            .find(|c| !c.is_ascii_digit() && !" -.".contains(*c))
            .map(|c| format!("{c:?} is not a digit: type the digits the number should contain"));
        self.visible.clear();
        self.visible.reserve(self.items.len());
        let digits = wanted.as_deref().unwrap_or_default().as_bytes();
        self.visible
            .extend(self.items.iter().enumerate().filter_map(|(index, item)| {
                let span = last_match(item.number.as_bytes(), digits)?;
                Some(NumberMatch { index, span })
            }));
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    /// Puts the cursor on `number` when it is visible.
    pub fn select_number(&mut self, number: &str) {
        if let Some(position) = self
            .visible
            .iter()
            .position(|m| self.items[m.index].number == number)
        {
            self.cursor = position;
        }
    }

    pub fn move_cursor(&mut self, step: Move) {
        self.cursor = moved(self.cursor, self.visible.len(), step);
    }

    pub fn selected(&self) -> Option<&AvailableNumber> {
        self.visible.get(self.cursor).map(|m| &self.items[m.index])
    }

    pub fn items(&self) -> &[AvailableNumber] {
        &self.items
    }

    pub fn visible(&self) -> &[NumberMatch] {
        &self.visible
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn query(&self) -> &Input {
        &self.query
    }
}

/// The byte range of the last occurrence of `digits` in `number`; `0..0` for no digits.
fn last_match(number: &[u8], digits: &[u8]) -> Option<Range<usize>> {
    let Some((&first, _)) = digits.split_first() else {
        return Some(0..0);
    };
    let start = number
        .windows(digits.len())
        .rposition(|window| window[0] == first && window == digits)?;
    Some(start..start + digits.len())
}

#[cfg(test)]
mod tests {
    use super::last_match;

    #[test]
    fn the_last_occurrence_of_the_digits_is_matched() {
        assert_eq!(last_match(b"+12135550123", b""), Some(0..0));
        assert_eq!(last_match(b"+12135550123", b"5"), Some(7..8));
        assert_eq!(last_match(b"+12135550123", b"555"), Some(5..8));
        assert_eq!(last_match(b"+12135551555", b"555"), Some(9..12));
        assert_eq!(last_match(b"+12135550123", b"0123"), Some(8..12));
        assert_eq!(last_match(b"+12135550123", b"999"), None);
        assert_eq!(last_match(b"+1", b"1234"), None);
    }
}
