//! The number step's list: the available numbers of a group, narrowed by the vanity box.
//!
//! The box takes the vanity pattern language ([`crate::vanity`]): digits, keypad letters
//! (`PIZZA` → 74992), `*`/`?` for any digit, `^`/`$` anchors. Typing narrows the numbers
//! already loaded at once; after a pause the wizard asks the API for the pattern's longest run
//! of digits (`number_contains`), and the answer — filtered locally by the whole pattern —
//! replaces the list. Without a pattern, the list can be ordered memorable-first.

use tui_input::{Input, InputRequest};

use crate::api::model::AvailableNumber;
use crate::vanity::{self, VanityPattern};

use super::nationals::Nationals;
pub(crate) use super::nationals::NumberMatch;
use super::picker::Move;
use super::sifted::Sifted;

/// The numbers of one group and the vanity box over them.
#[derive(Debug, Clone, Default)]
pub(crate) struct NumberList {
    items: Vec<AvailableNumber>,
    /// The items' national numbers, laid out for the vanity box.
    nationals: Nationals,
    /// The `number_contains` the items were fetched with (`None`: the unfiltered list).
    fetched_with: Option<String>,
    /// The vanity box, and the numbers that match it with their spans.
    rows: Sifted<NumberMatch>,
    /// The box's text as a pattern, when it is valid and not blank.
    pattern: Option<VanityPattern>,
    /// Why the box's text cannot be used, for the operator.
    pub(crate) pattern_error: Option<String>,
    memorable_first: bool,
}

impl NumberList {
    /// The numbers of an answer fetched with `fetched_with`, shown through the current box.
    pub(crate) fn replace_items(
        &mut self,
        items: Vec<AvailableNumber>,
        fetched_with: Option<String>,
    ) {
        let selected = self.selected().map(|n| n.number.clone());
        self.nationals = Nationals::of(&items);
        self.items = items;
        self.fetched_with = fetched_with;
        self.refilter();
        if let Some(selected) = selected {
            self.select_number(&selected);
        }
    }

    /// Takes `number` out of the list (it was bought), keeping the highlight where it was.
    pub(crate) fn remove_number(&mut self, number: &str) {
        if !self.items.iter().any(|n| n.number == number) {
            return;
        }
        let items = (self.items.iter())
            .filter(|n| n.number != number)
            .cloned()
            .collect();
        let fetched_with = self.fetched_with.clone();
        let cursor = self.rows.cursor;
        self.replace_items(items, fetched_with);
        self.rows.cursor = cursor;
        self.rows.clamp_cursor();
    }

    /// Applies an edit to the vanity box; returns whether its text changed.
    /// A changed pattern puts the highlight on its best match.
    pub(crate) fn edit(&mut self, request: InputRequest) -> bool {
        let changed = self.rows.edit(request);
        if changed {
            self.refilter();
            self.rows.cursor = 0;
        }
        changed
    }

    /// Types `text` into the vanity box at once, filtering once (a paste); returns whether its
    /// text changed.
    pub(crate) fn insert_text(&mut self, text: &str) -> bool {
        let changed = self.rows.insert_text(text);
        if changed {
            self.refilter();
            self.rows.cursor = 0;
        }
        changed
    }

    /// Empties the vanity box; returns whether there was anything to clear.
    pub(crate) fn clear_query(&mut self) -> bool {
        let cleared = self.rows.clear();
        if cleared {
            self.refilter();
        }
        cleared
    }

    /// Switches between the API's order (or the pattern's ranking) and memorable-first.
    pub(crate) fn toggle_memorable_first(&mut self) {
        self.memorable_first = !self.memorable_first;
        self.refilter();
        self.rows.cursor = 0;
    }

    /// How many numbers the API's answer held, when that answer may have been cut short by
    /// its page: the list then holds the first numbers, not all of them.
    pub(crate) fn first_page(&self) -> Option<usize> {
        let len = self.items.len();
        (len >= crate::everywhere::limits::KNOWN_PAGE).then_some(len)
    }

    /// The digits the list was fetched with (`None`: the unfiltered list).
    pub(crate) fn fetched_with(&self) -> Option<&str> {
        self.fetched_with.as_deref()
    }

    /// Whether numbers are listed memorable-first.
    pub(crate) fn memorable_first(&self) -> bool {
        self.memorable_first
    }

    /// The digits to ask the API for: the pattern's longest literal run; `None` for no
    /// narrowing (and for an invalid pattern, which sends nothing).
    pub(crate) fn server_query(&self) -> Option<String> {
        let pattern = self.pattern.as_ref()?;
        Some(pattern.server_query().to_owned()).filter(|digits| !digits.is_empty())
    }

    /// The valid, non-blank pattern in the box.
    pub(crate) fn pattern(&self) -> Option<&VanityPattern> {
        self.pattern.as_ref()
    }

    /// Whether the loaded items already answer the box (no request needed).
    pub(crate) fn is_answered(&self) -> bool {
        self.pattern_error.is_some() || self.fetched_with == self.server_query()
    }

    fn refilter(&mut self) {
        match VanityPattern::parse(self.rows.text()) {
            Ok(pattern) if pattern.is_empty() => {
                self.pattern = None;
                self.pattern_error = None;
            }
            Ok(pattern) => {
                self.pattern = Some(pattern);
                self.pattern_error = None;
            }
            Err(error) => {
                self.pattern = None;
                self.pattern_error = Some(error.to_string());
            }
        }
        match &self.pattern {
            Some(pattern) => {
                self.nationals.rank(pattern, &mut self.rows.visible);
                if self.memorable_first {
                    // Memorable first, the pattern's ranking kept among equals.
                    let items = &self.items;
                    self.rows.visible.sort_by_cached_key(|m| {
                        let national = vanity::national_number(&items[m.index()].number);
                        std::cmp::Reverse(
                            national
                                .and_then(vanity::memorability)
                                .map_or(0, |m| m.score),
                        )
                    });
                }
            }
            None => {
                let order: Vec<usize> = if self.memorable_first {
                    let numbers: Vec<&str> = self.items.iter().map(|n| n.number.as_str()).collect();
                    vanity::memorable_order(&numbers)
                } else {
                    (0..self.items.len()).collect()
                };
                self.rows.visible = order
                    .into_iter()
                    .filter_map(|index| NumberMatch::new(index, 0..0))
                    .collect();
            }
        }
        self.rows.clamp_cursor();
    }

    /// Puts the cursor on `number` when it is visible.
    pub(crate) fn select_number(&mut self, number: &str) {
        let items = &self.items;
        if let Some(position) =
            (self.rows.visible.iter()).position(|m| items[m.index()].number == number)
        {
            self.rows.cursor = position;
        }
    }

    pub(crate) fn move_cursor(&mut self, step: Move) {
        self.rows.move_cursor(step);
    }

    pub(crate) fn selected(&self) -> Option<&AvailableNumber> {
        self.rows.current().map(|m| &self.items[m.index()])
    }

    pub(crate) fn items(&self) -> &[AvailableNumber] {
        &self.items
    }

    pub(crate) fn visible(&self) -> &[NumberMatch] {
        &self.rows.visible
    }

    pub(crate) fn cursor(&self) -> usize {
        self.rows.cursor
    }

    pub(crate) fn query(&self) -> &Input {
        self.rows.query()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::NumberId;

    fn list(numbers: &[&str]) -> NumberList {
        let mut list = NumberList::default();
        let items = numbers
            .iter()
            .map(|n| AvailableNumber {
                id: NumberId::new(format!("did-{n}")),
                number: (*n).to_owned(),
            })
            .collect();
        list.replace_items(items, None);
        list
    }

    fn typed(list: &mut NumberList, text: &str) {
        for c in text.chars() {
            list.edit(InputRequest::InsertChar(c));
        }
    }

    fn shown(list: &NumberList) -> Vec<&str> {
        list.visible()
            .iter()
            .map(|m| list.items()[m.index()].number.as_str())
            .collect()
    }

    #[test]
    fn letters_map_to_the_keypad_and_matches_near_the_end_come_first() {
        let mut numbers = list(&["+12137499211", "+12135574992", "+12135550000"]);
        typed(&mut numbers, "PIZZA");
        assert_eq!(shown(&numbers), ["+12135574992", "+12137499211"]);
        assert_eq!(numbers.server_query().as_deref(), Some("74992"));
        assert_eq!(numbers.visible()[0].span(), 7..12);
        assert_eq!(
            numbers.pattern().unwrap().mapping().as_deref(),
            Some("PIZZA → 74992")
        );
    }

    #[test]
    fn anchors_and_wildcards_filter_locally_and_ask_for_the_longest_run() {
        let mut numbers = list(&["+12135557777", "+12137707770", "+15555551234"]);
        typed(&mut numbers, "77*7$");
        assert_eq!(shown(&numbers), ["+12135557777"]);
        assert_eq!(numbers.server_query().as_deref(), Some("77"));
        numbers.clear_query();
        typed(&mut numbers, "^555");
        assert_eq!(shown(&numbers), ["+15555551234"]);
    }

    #[test]
    fn an_invalid_pattern_says_why_and_asks_nothing() {
        let mut numbers = list(&["+12135551234"]);
        typed(&mut numbers, "55#");
        assert!(numbers.pattern_error.is_some());
        assert_eq!(numbers.server_query(), None);
        assert!(numbers.is_answered(), "nothing to send");
        assert_eq!(shown(&numbers), ["+12135551234"]);
    }

    #[test]
    fn the_box_ranks_as_rank_matches_does() {
        let texts = [
            "+12135551234",
            "not a number",
            "+4930555123",
            "+12135550055",
            "+35312345555",
            "+15555551234",
            "+2135",
            "+447700905551",
        ];
        let mut numbers = list(&texts);
        for pattern in ["5", "55", "^55", "5$", "5*5", "1234$", "^*1"] {
            numbers.clear_query();
            typed(&mut numbers, pattern);
            let expected = vanity::rank_matches(&VanityPattern::parse(pattern).unwrap(), &texts);
            let got: Vec<(usize, std::ops::Range<usize>)> = numbers
                .visible()
                .iter()
                .map(|m| (m.index(), m.span()))
                .collect();
            assert_eq!(got, expected, "pattern {pattern}");
        }
    }

    #[test]
    fn a_removed_number_is_no_longer_offered_and_the_highlight_stays_in_place() {
        let mut numbers = list(&["+12135550001", "+12135550002", "+12135550003"]);
        numbers.move_cursor(Move::Down);
        numbers.remove_number("+12135550002");
        assert_eq!(shown(&numbers), ["+12135550001", "+12135550003"]);
        assert_eq!(numbers.selected().unwrap().number, "+12135550003");
        numbers.remove_number("+19999999999");
        assert_eq!(
            shown(&numbers).len(),
            2,
            "an unknown number changes nothing"
        );
    }

    #[test]
    fn digits_running_from_one_number_into_the_next_match_neither() {
        // The buffer reads …2135550005|5551234567…: "0555" spans the two numbers.
        let mut numbers = list(&["+12135550005", "+15551234567", "+12120555000"]);
        typed(&mut numbers, "0555");
        assert_eq!(shown(&numbers), ["+12120555000"]);
        numbers.clear_query();
        typed(&mut numbers, "5551");
        assert_eq!(shown(&numbers), ["+15551234567"]);
        numbers.clear_query();
        typed(&mut numbers, "5");
        assert_eq!(
            shown(&numbers),
            ["+12135550005", "+15551234567", "+12120555000"],
            "nearest the end first, then the API's order"
        );
    }

    #[test]
    fn memorable_first_puts_striking_numbers_on_top() {
        let mut numbers = list(&["+12135550183", "+12135557777", "+12135551234"]);
        numbers.toggle_memorable_first();
        assert_eq!(shown(&numbers)[0], "+12135557777");
        assert_eq!(shown(&numbers)[2], "+12135550183");
        numbers.toggle_memorable_first();
        assert_eq!(
            shown(&numbers)[0],
            "+12135550183",
            "back to the API's order"
        );
    }
}
