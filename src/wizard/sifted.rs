//! What every list step shares, whatever its rows are: the search box, the rows that match
//! it (best first), and the cursor among them.
//!
//! [`super::Picker`] (names matched by the fuzzy filter) and [`super::NumberList`] (numbers
//! matched by the vanity pattern) differ in how they rank; typing, clearing and moving are
//! this one thing.

use tui_input::{Input, InputRequest};

/// The most characters a search box holds. No name or number is longer, and matching an
/// ever longer query against every item on every key would make a flood of typed text (a
/// paste in a terminal that types it as keys) take minutes, with Ctrl-C waiting behind it.
pub(crate) const SEARCH_LIMIT: usize = 256;

/// How the cursor should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
}

/// How many rows PgUp and PgDn move by.
pub const PAGE: usize = 10;

/// Where a cursor at `cursor` in a list of `len` rows lands after `step`.
pub(crate) fn moved(cursor: usize, len: usize, step: Move) -> usize {
    let last = len.saturating_sub(1);
    match step {
        Move::Up => cursor.saturating_sub(1),
        Move::Down => (cursor + 1).min(last),
        Move::PageUp => cursor.saturating_sub(PAGE),
        Move::PageDown => (cursor + PAGE).min(last),
        Move::First => 0,
        Move::Last => last,
    }
}

/// A search box over a list, the matching rows and the cursor. `V` is what a matching row is
/// kept as: an index into the list, or an index with the span it matched.
#[derive(Debug, Clone)]
pub(crate) struct Sifted<V> {
    query: Input,
    /// The rows that match the box, best first.
    pub(super) visible: Vec<V>,
    /// Position of the cursor within `visible`.
    pub(super) cursor: usize,
}

impl<V> Default for Sifted<V> {
    fn default() -> Self {
        Self {
            query: Input::default(),
            visible: Vec::new(),
            cursor: 0,
        }
    }
}

impl<V> Sifted<V> {
    /// Applies `request` to the box, unless it would make the text longer than
    /// [`SEARCH_LIMIT`]; returns whether the text changed.
    pub(super) fn edit(&mut self, request: InputRequest) -> bool {
        edit_capped(&mut self.query, request)
    }

    /// Types `text` into the box character by character; returns whether its text changed.
    pub(super) fn insert_text(&mut self, text: &str) -> bool {
        // Every character is typed, whatever the ones before did.
        let mut changed = false;
        for c in text.chars() {
            changed |= edit_capped(&mut self.query, InputRequest::InsertChar(c));
        }
        changed
    }

    /// Empties the box; returns whether there was anything to clear.
    pub(super) fn clear(&mut self) -> bool {
        if self.query.value().is_empty() {
            return false;
        }
        self.query.reset();
        true
    }

    /// Moves the cursor, staying within the matching rows.
    pub(super) fn move_cursor(&mut self, step: Move) {
        self.cursor = moved(self.cursor, self.visible.len(), step);
    }

    /// Keeps the cursor on a matching row after the rows changed.
    pub(super) fn clamp_cursor(&mut self) {
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    /// The matching row under the cursor.
    pub(super) fn current(&self) -> Option<&V> {
        self.visible.get(self.cursor)
    }

    /// The text typed.
    pub(super) fn text(&self) -> &str {
        self.query.value()
    }

    /// The search box.
    pub(super) fn query(&self) -> &Input {
        &self.query
    }
}

/// Applies `request` to `input`, unless it would make the text longer than [`SEARCH_LIMIT`];
/// returns whether the text changed.
fn edit_capped(input: &mut Input, request: InputRequest) -> bool {
    let full = input.value().chars().count() >= SEARCH_LIMIT;
    if full && matches!(request, InputRequest::InsertChar(_)) {
        return false;
    }
    input.handle(request).is_some_and(|c| c.value)
}
