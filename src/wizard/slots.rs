//! One slot per step: what each step holds, found through one table.
//!
//! A list step (country … number) shows a list with a search box and a cursor
//! ([`StepList`]); a step whose data comes from the API keeps it in a [`Slot`] that says where
//! that data stands. [`Lists::list_mut`] and [`Lists::slot_mut`] are the only places that map
//! a step to what it holds, so moving, typing, clearing, leaving, retrying and loading are
//! written once for every step.

use tui_input::{Input, InputRequest};

use crate::protocol::Call;
use crate::search::Filter;

use super::load::Stage;
use super::parts::Lists;
use super::picker::{Move, Searchable};
use super::{Fetched, Load, NumberList, Picker, Step};

/// What every step's list answers to, whatever its rows are.
pub(crate) trait StepList {
    /// Moves the cursor, staying within the matching rows.
    fn move_cursor(&mut self, step: Move);
    /// Applies an edit to the search box; returns whether its text changed.
    fn edit(&mut self, request: InputRequest, filter: &mut Filter) -> bool;
    /// Types `text` into the search box at once, filtering once (a paste); returns whether
    /// the text changed.
    fn insert_text(&mut self, text: &str, filter: &mut Filter) -> bool;
    /// Empties the search box; returns whether there was anything to clear.
    fn clear_query(&mut self, filter: &mut Filter) -> bool;
    /// The search box.
    fn query(&self) -> &Input;
}

impl<T: Searchable> StepList for Picker<T> {
    fn move_cursor(&mut self, step: Move) {
        Picker::move_cursor(self, step);
    }
    fn edit(&mut self, request: InputRequest, filter: &mut Filter) -> bool {
        Picker::edit(self, request, filter)
    }
    fn insert_text(&mut self, text: &str, filter: &mut Filter) -> bool {
        Picker::insert_text(self, text, filter)
    }
    fn clear_query(&mut self, filter: &mut Filter) -> bool {
        Picker::clear_query(self, filter)
    }
    fn query(&self) -> &Input {
        Picker::query(self)
    }
}

/// The vanity box matches with its own pattern language, not the fuzzy matcher.
impl StepList for NumberList {
    fn move_cursor(&mut self, step: Move) {
        NumberList::move_cursor(self, step);
    }
    fn edit(&mut self, request: InputRequest, _: &mut Filter) -> bool {
        NumberList::edit(self, request)
    }
    fn insert_text(&mut self, text: &str, _: &mut Filter) -> bool {
        NumberList::insert_text(self, text)
    }
    fn clear_query(&mut self, _: &mut Filter) -> bool {
        NumberList::clear_query(self)
    }
    fn query(&self) -> &Input {
        NumberList::query(self)
    }
}

/// Where a step's data from the API stands, whatever the data is.
pub(crate) trait Slot {
    fn stage(&self) -> Stage;
    fn is_loading(&self) -> bool {
        self.stage() == Stage::Loading
    }
    fn has_failed(&self) -> bool {
        self.stage() == Stage::Failed
    }
    /// Whether `call` has been made for this step and did not fail.
    fn is_current(&self, call: &Call) -> bool;
    /// Forgets the data (a choice it depended on changed, or its answer is no longer wanted).
    fn reset(&mut self);
    /// Marks `call` as asked: its answer is awaited.
    fn await_answer(&mut self, call: Call);
}

impl<T> Slot for Fetched<T> {
    fn stage(&self) -> Stage {
        self.load.stage()
    }
    fn is_current(&self, call: &Call) -> bool {
        Fetched::is_current(self, call)
    }
    fn reset(&mut self) {
        Fetched::reset(self);
    }
    fn await_answer(&mut self, call: Call) {
        self.call = Some(call);
        self.load = Load::Loading;
    }
}

impl Step {
    /// Whether the step shows a document (scrolled by lines) rather than a list.
    pub(crate) fn shows_document(self) -> bool {
        matches!(self, Self::Review | Self::Reserved | Self::Done)
    }
}

impl Lists {
    /// The list `step` shows, once loaded, with the matcher its search box ranks with.
    pub(crate) fn list_mut(&mut self, step: Step) -> (Option<&mut dyn StepList>, &mut Filter) {
        fn loaded<T: StepList>(slot: &mut Fetched<T>) -> Option<&mut dyn StepList> {
            slot.load.loaded_mut().map(|list| list as &mut dyn StepList)
        }
        let list = match step {
            Step::Country => Some(&mut self.countries as &mut dyn StepList),
            Step::Region => loaded(&mut self.regions),
            Step::City => loaded(&mut self.cities),
            Step::DidType => loaded(&mut self.types),
            Step::Group => loaded(&mut self.groups),
            Step::Number => loaded(&mut self.numbers),
            Step::Review | Step::Reserved | Step::Done => None,
        };
        (list, &mut self.filter)
    }

    /// The list `step` shows, once loaded.
    pub(crate) fn list(&self, step: Step) -> Option<&dyn StepList> {
        fn loaded<T: StepList>(slot: &Fetched<T>) -> Option<&dyn StepList> {
            slot.load.loaded().map(|list| list as &dyn StepList)
        }
        match step {
            Step::Country => Some(&self.countries),
            Step::Region => loaded(&self.regions),
            Step::City => loaded(&self.cities),
            Step::DidType => loaded(&self.types),
            Step::Group => loaded(&self.groups),
            Step::Number => loaded(&self.numbers),
            Step::Review | Step::Reserved | Step::Done => None,
        }
    }

    /// Where `step`'s data from the API stands; `None` for the steps that load nothing.
    pub(crate) fn slot_mut(&mut self, step: Step) -> Option<&mut dyn Slot> {
        match step {
            Step::Region => Some(&mut self.regions),
            Step::City => Some(&mut self.cities),
            Step::DidType => Some(&mut self.types),
            Step::Group => Some(&mut self.groups),
            Step::Number => Some(&mut self.numbers),
            Step::Review => Some(&mut self.requirements),
            Step::Country | Step::Reserved | Step::Done => None,
        }
    }

    /// Where `step`'s data from the API stands; `None` for the steps that load nothing.
    pub(crate) fn slot(&self, step: Step) -> Option<&dyn Slot> {
        match step {
            Step::Region => Some(&self.regions),
            Step::City => Some(&self.cities),
            Step::DidType => Some(&self.types),
            Step::Group => Some(&self.groups),
            Step::Number => Some(&self.numbers),
            Step::Review => Some(&self.requirements),
            Step::Country | Step::Reserved | Step::Done => None,
        }
    }
}
