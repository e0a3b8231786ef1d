//! The number step's list: the available numbers of a group, narrowed by the vanity box.
//!
//! The box takes the vanity pattern language ([`crate::vanity`]): digits, keypad letters
//! (`PIZZA` → 74992), `*`/`?` for any digit, `^`/`$` anchors. Typing narrows the numbers
//! already loaded at once; after a pause the wizard asks the API for the pattern's longest run
//! of digits (`number_contains`), and the answer — filtered locally by the whole pattern —
//! replaces the list. Without a pattern, the list can be ordered memorable-first.

use std::ops::Range;

use tui_input::{Input, InputRequest};

use crate::api::model::AvailableNumber;
use crate::vanity::{self, VanityPattern};

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
    /// The items' national numbers, laid out for the vanity box.
    nationals: Nationals,
    /// The `number_contains` the items were fetched with (`None`: the unfiltered list).
    fetched_with: Option<String>,
    query: Input,
    /// The box's text as a pattern, when it is valid and not blank.
    pattern: Option<VanityPattern>,
    /// Why the box's text cannot be used, for the operator.
    pub pattern_error: Option<String>,
    visible: Vec<NumberMatch>,
    cursor: usize,
    memorable_first: bool,
}

impl NumberList {
    /// The numbers of an answer fetched with `fetched_with`, shown through the current box.
    pub fn replace_items(&mut self, items: Vec<AvailableNumber>, fetched_with: Option<String>) {
        let selected = self.selected().map(|n| n.number.clone());
        self.nationals = Nationals::of(&items);
        self.items = items;
        self.fetched_with = fetched_with;
        self.refilter();
        if let Some(selected) = selected {
            self.select_number(&selected);
        }
    }

    /// Applies an edit to the vanity box; returns whether its text changed.
    /// A changed pattern puts the highlight on its best match.
    pub fn edit(&mut self, request: InputRequest) -> bool {
        let changed = super::picker::edit_capped(&mut self.query, request);
        if changed {
            self.refilter();
            self.cursor = 0;
        }
        changed
    }

    /// Types `text` into the vanity box at once, filtering once (a paste); returns whether its
    /// text changed.
    pub fn insert_text(&mut self, text: &str) -> bool {
        let changed = super::picker::insert_text(&mut self.query, text);
        if changed {
            self.refilter();
            self.cursor = 0;
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

    /// Switches between the API's order (or the pattern's ranking) and memorable-first.
    pub fn toggle_memorable_first(&mut self) {
        self.memorable_first = !self.memorable_first;
        self.refilter();
        self.cursor = 0;
    }

    /// How many numbers the API's answer held, when that answer may have been cut short by
    /// its page: the list then holds the first numbers, not all of them.
    pub fn first_page(&self) -> Option<usize> {
        let len = self.items.len();
        (len >= crate::everywhere::limits::KNOWN_PAGE).then_some(len)
    }

    /// The digits the list was fetched with (`None`: the unfiltered list).
    pub fn fetched_with(&self) -> Option<&str> {
        self.fetched_with.as_deref()
    }

    /// Whether numbers are listed memorable-first.
    pub fn memorable_first(&self) -> bool {
        self.memorable_first
    }

    /// The digits to ask the API for: the pattern's longest literal run; `None` for no
    /// narrowing (and for an invalid pattern, which sends nothing).
    pub fn server_query(&self) -> Option<String> {
        let pattern = self.pattern.as_ref()?;
        Some(pattern.server_query().to_owned()).filter(|digits| !digits.is_empty())
    }

    /// The valid, non-blank pattern in the box.
    pub fn pattern(&self) -> Option<&VanityPattern> {
        self.pattern.as_ref()
    }

    /// Whether the loaded items already answer the box (no request needed).
    pub fn is_answered(&self) -> bool {
        self.pattern_error.is_some() || self.fetched_with == self.server_query()
    }

    fn refilter(&mut self) {
        match VanityPattern::parse(self.query.value()) {
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
                self.nationals.rank(pattern, &mut self.visible);
                if self.memorable_first {
                    // Memorable first, the pattern's ranking kept among equals.
                    let items = &self.items;
                    self.visible.sort_by_cached_key(|m| {
                        let national = vanity::national_number(&items[m.index].number);
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
                self.visible = order
                    .into_iter()
                    .map(|index| NumberMatch { index, span: 0..0 })
                    .collect();
            }
        }
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

/// The national numbers of a list's items, split out of their E.164 text once, when the
/// items arrive, and kept side by side in one buffer: a keystroke in the vanity box then scans
/// contiguous digits instead of splitting every number again and visiting each one's string.
#[derive(Debug, Clone, Default)]
struct Nationals {
    /// The national digits of every valid item, one after another.
    digits: String,
    /// Per item, where its national number lies; `None` when it is not valid E.164 (see
    /// [`vanity::split_e164`]), so that no pattern matches it.
    places: Vec<Option<Place>>,
}

/// Where one item's national number lies.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Its start in [`Nationals::digits`].
    start: u32,
    /// Its length in digits.
    len: u8,
    /// Its start in the item's E.164 text (after `+` and the calling code).
    offset: u8,
}

impl Nationals {
    fn of(items: &[AvailableNumber]) -> Self {
        let mut digits = String::new();
        let places = items
            .iter()
            .map(|item| {
                let (_, national) = vanity::split_e164(&item.number)?;
                let place = Place {
                    start: u32::try_from(digits.len()).ok()?,
                    len: u8::try_from(national.len()).ok()?,
                    offset: u8::try_from(item.number.len() - national.len()).ok()?,
                };
                digits.push_str(national);
                Some(place)
            })
            .collect();
        Self { digits, places }
    }

    /// Refills `visible` with the items that match `pattern` and their spans in E.164 text,
    /// ordered as [`vanity::rank_matches`] orders them: by how close the match sits to the end
    /// of the number, matches ending on the last digit first, equal distances in the API's
    /// order.
    fn rank(&self, pattern: &VanityPattern, visible: &mut Vec<NumberMatch>) {
        // A national number has at most 14 digits (E.164's 15 less one for the calling code),
        // so the distance from the end is below 16: one bucket per distance, filled in the
        // API's order, ranks without sorting.
        let mut by_distance: [Vec<NumberMatch>; 16] = Default::default();
        let run = pattern.server_query();
        if run.is_empty() || pattern.is_anchored_start() || pattern.is_anchored_end() {
            // Anchors leave one start to try in each number; no run, nothing to search for.
            for (index, place) in self.places.iter().enumerate() {
                if let Some((distance, found)) = place.and_then(|p| self.matched(pattern, index, p))
                {
                    by_distance[distance].push(found);
                }
            }
        } else {
            let mut found = self.holding(run, |index, place| self.matched(pattern, index, place));
            // Found from the last number to the first: the buckets keep the API's order.
            found.reverse();
            for (distance, number) in found {
                by_distance[distance].push(number);
            }
        }
        visible.clear();
        for mut bucket in by_distance {
            visible.append(&mut bucket);
        }
    }

    /// What `judge` says of each number holding the digits `run`, from the last number to the
    /// first. Only those can match a pattern whose longest run of digits is `run`, and a
    /// substring search over the whole buffer (SIMD, memchr's) finds them without visiting
    /// the others.
    fn holding<T>(&self, run: &str, mut judge: impl FnMut(usize, Place) -> Option<T>) -> Vec<T> {
        let finder = memchr::memmem::FinderRev::new(run.as_bytes());
        let haystack = self.digits.as_bytes();
        let mut end = haystack.len();
        // The numbers below `next` are those not passed yet.
        let mut next = self.places.len();
        let mut judged = Vec::new();
        while let Some(at) = finder.rfind(&haystack[..end]) {
            // The number holding byte `at`: the last one starting at or before it.
            let holder = self.places[..next]
                .iter()
                .rposition(|place| place.is_some_and(|p| p.start as usize <= at));
            let Some((index, Some(place))) = holder.map(|index| (index, self.places[index])) else {
                break;
            };
            next = index + 1;
            let start = place.start as usize;
            let stop = start + usize::from(place.len);
            if at + run.len() <= stop {
                judged.extend(judge(index, place));
                end = start;
            } else {
                // The digits run from this number's end into the next one's start: look again
                // within this number.
                end = stop;
            }
        }
        judged
    }

    /// Where `pattern` matches the item at `index` (at `place`): its distance from the end and
    /// its span in E.164 text.
    fn matched(
        &self,
        pattern: &VanityPattern,
        index: usize,
        place: Place,
    ) -> Option<(usize, NumberMatch)> {
        let start = place.start as usize;
        let national = &self.digits[start..start + usize::from(place.len)];
        let span = pattern.find(national)?;
        let offset = usize::from(place.offset);
        let found = NumberMatch {
            index,
            span: span.start + offset..span.end + offset,
        };
        Some((national.len() - span.end, found))
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
            .map(|m| list.items()[m.index].number.as_str())
            .collect()
    }

    #[test]
    fn letters_map_to_the_keypad_and_matches_near_the_end_come_first() {
        let mut numbers = list(&["+12137499211", "+12135574992", "+12135550000"]);
        typed(&mut numbers, "PIZZA");
        assert_eq!(shown(&numbers), ["+12135574992", "+12137499211"]);
        assert_eq!(numbers.server_query().as_deref(), Some("74992"));
        assert_eq!(numbers.visible()[0].span, 7..12);
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
            let got: Vec<(usize, Range<usize>)> = numbers
                .visible()
                .iter()
                .map(|m| (m.index, m.span.clone()))
                .collect();
            assert_eq!(got, expected, "pattern {pattern}");
        }
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
