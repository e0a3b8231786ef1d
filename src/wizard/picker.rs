//! A list with a search box: the building block of every list screen.
//!
//! The picker owns its items, the text typed into its search box, and the ranked indices of
//! the items that match it. The cursor moves over the matching items only.

use tui_input::{Input, InputRequest};

use crate::search::Filter;

use super::sifted::Sifted;
pub(crate) use super::sifted::moved;
pub use super::sifted::{Move, PAGE};

/// What a list item offers to the search box.
pub trait Searchable {
    /// The texts the search box matches against (a name, a code, a prefix …). Asked for
    /// every item on every keystroke, so implementations return arrays, not vectors.
    fn search_keys(&self) -> impl IntoIterator<Item = &str>;
}

/// A searchable, navigable list.
#[derive(Debug, Clone)]
pub struct Picker<T> {
    items: Vec<T>,
    /// The search box, and the indices into `items` that match it.
    rows: Sifted<usize>,
    /// An order the operator asked for (cheapest first, say), else the list's own.
    order: Option<fn(&T, &T) -> std::cmp::Ordering>,
}

impl<T> Default for Picker<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            rows: Sifted::default(),
            order: None,
        }
    }
}

impl<T: Searchable> Picker<T> {
    /// A picker showing all `items` in their order.
    pub(crate) fn new(items: Vec<T>) -> Self {
        let mut rows = Sifted::default();
        rows.visible = (0..items.len()).collect();
        Self {
            items,
            rows,
            order: None,
        }
    }

    /// Re-ranks the items against the current query, keeping the cursor on the same item when
    /// it still matches, else on the best match.
    pub(crate) fn refilter(&mut self, filter: &mut Filter) {
        let current = self.rows.current().copied();
        let items = &self.items;
        let rows = &mut self.rows;
        rows.visible = filter.rank(rows.text(), items.len(), |i| items[i].search_keys());
        if let Some(order) = self.order {
            // Stable: equal items keep the ranking's order.
            rows.visible.sort_by(|&a, &b| order(&items[a], &items[b]));
        }
        rows.cursor = current
            .and_then(|item| rows.visible.iter().position(|&v| v == item))
            .filter(|_| rows.text().is_empty())
            .unwrap_or(0);
    }

    /// Applies an edit to the search box; returns whether the text changed.
    pub(crate) fn edit(&mut self, request: InputRequest, filter: &mut Filter) -> bool {
        let changed = self.rows.edit(request);
        if changed {
            self.refilter(filter);
        }
        changed
    }

    /// Types `text` into the search box at once, filtering once (a paste); returns whether
    /// the text changed.
    pub(crate) fn insert_text(&mut self, text: &str, filter: &mut Filter) -> bool {
        let changed = self.rows.insert_text(text);
        if changed {
            self.refilter(filter);
        }
        changed
    }

    /// Empties the search box; returns whether there was anything to clear.
    pub(crate) fn clear_query(&mut self, filter: &mut Filter) -> bool {
        let cleared = self.rows.clear();
        if cleared {
            self.refilter(filter);
        }
        cleared
    }

    /// Shows the items in `order` (`None`: the list's own order), the cursor on the same item.
    pub(crate) fn set_order(
        &mut self,
        order: Option<fn(&T, &T) -> std::cmp::Ordering>,
        filter: &mut Filter,
    ) {
        self.order = order;
        self.refilter(filter);
    }

    /// Whether an order the operator asked for is in force.
    pub(crate) fn is_ordered(&self) -> bool {
        self.order.is_some()
    }

    /// Puts the cursor on the first item for which `is_it` holds, if any is visible.
    pub(crate) fn select_where(&mut self, is_it: impl Fn(&T) -> bool) {
        let items = &self.items;
        if let Some(position) = self.rows.visible.iter().position(|&i| is_it(&items[i])) {
            self.rows.cursor = position;
        }
    }
}

impl<T> Picker<T> {
    /// Moves the cursor, staying within the matching items.
    pub(crate) fn move_cursor(&mut self, step: Move) {
        self.rows.move_cursor(step);
    }

    /// The item under the cursor.
    pub(crate) fn selected(&self) -> Option<&T> {
        self.rows.current().map(|&i| &self.items[i])
    }

    /// All items, whether they match or not.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }

    /// Indices of the matching items, best first.
    pub(crate) fn visible(&self) -> &[usize] {
        &self.rows.visible
    }

    /// Position of the cursor among the matching items.
    pub(crate) fn cursor(&self) -> usize {
        self.rows.cursor
    }

    /// The search box.
    pub(crate) fn query(&self) -> &Input {
        self.rows.query()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::sifted::SEARCH_LIMIT;

    impl Searchable for &'static str {
        fn search_keys(&self) -> impl IntoIterator<Item = &str> {
            [*self]
        }
    }

    fn typed(picker: &mut Picker<&'static str>, text: &str, filter: &mut Filter) {
        for c in text.chars() {
            picker.edit(InputRequest::InsertChar(c), filter);
        }
    }

    #[test]
    fn typing_narrows_and_clearing_restores_the_cursor_range() {
        let mut filter = Filter::new();
        let mut picker = Picker::new(vec!["Berlin", "Bern", "Paris"]);
        picker.move_cursor(Move::Last);
        assert_eq!(picker.selected(), Some(&"Paris"));
        typed(&mut picker, "ber", &mut filter);
        assert_eq!(picker.visible().len(), 2);
        assert_eq!(picker.selected(), Some(&"Berlin"));
        picker.move_cursor(Move::PageDown);
        assert_eq!(picker.selected(), Some(&"Bern"));
        assert!(picker.clear_query(&mut filter));
        assert!(!picker.clear_query(&mut filter));
        assert_eq!(picker.visible().len(), 3);
        assert_eq!(picker.selected(), Some(&"Bern"), "cursor stays on the item");
    }

    #[test]
    fn the_search_box_holds_at_most_its_limit_and_still_edits_when_full() {
        let mut filter = Filter::new();
        let mut picker = Picker::new(vec!["Berlin"]);
        typed(&mut picker, &"b".repeat(SEARCH_LIMIT + 10), &mut filter);
        assert_eq!(picker.query().value().chars().count(), SEARCH_LIMIT);
        assert!(!picker.edit(InputRequest::InsertChar('x'), &mut filter));
        assert!(picker.edit(InputRequest::DeletePrevChar, &mut filter));
        assert!(picker.insert_text("xyz", &mut filter), "room for one more");
        assert_eq!(picker.query().value().chars().count(), SEARCH_LIMIT);
    }

    #[test]
    fn nothing_matching_selects_nothing() {
        let mut filter = Filter::new();
        let mut picker = Picker::new(vec!["Berlin"]);
        typed(&mut picker, "zzz", &mut filter);
        assert_eq!(picker.selected(), None);
        picker.move_cursor(Move::Down);
        assert_eq!(picker.selected(), None);
    }
}
