//! The answers to each step's load, stored into the step's slot.

use crate::api::ApiError;
use crate::protocol::{Answer, Command};

use super::{
    Choice, Fetched, Load, NoticeLevel, NumberList, Picker, Step, Wizard, expect_answer,
    offered_types,
};

/// The country whose group search needs a region.
const REGION_REQUIRED: &str = "US";

impl Wizard {
    /// Stores the answer to `step`'s load, if that step still waits for it.
    pub(super) fn apply_load(
        &mut self,
        step: Step,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        self.note_country_answer(step, &result);
        if !self.lists.slot(step).is_some_and(|slot| slot.is_loading()) {
            tracing::debug!(?step, "dropping a load the step no longer waits for");
            return Vec::new();
        }
        match step {
            Step::Region => return self.store_regions(result),
            Step::City => {
                let rows = expect_answer!(result, Answer::Cities).map(|listing| {
                    let cities = listing.items.into_iter().map(Choice::One);
                    Picker::new(std::iter::once(Choice::Any).chain(cities).collect())
                });
                store(&mut self.lists.cities, rows, &mut self.lists.filter);
            }
            Step::DidType => {
                let groups = expect_answer!(result, Answer::Groups).map(|listing| listing.items);
                let rows = groups
                    .as_ref()
                    .map(|g| Picker::new(offered_types::offered(g)));
                let rows = rows.map_err(Clone::clone);
                self.lists.place_groups = groups.unwrap_or_default();
                store(&mut self.lists.types, rows, &mut self.lists.filter);
            }
            Step::Group => self.store_groups(result),
            Step::Number => {
                let numbers = expect_answer!(result, Answer::Numbers).map(|listing| {
                    let mut list = NumberList::default();
                    list.replace_items(listing.items, None);
                    list
                });
                self.lists.numbers.load = into_load(numbers);
                self.restore_kept_pattern();
            }
            Step::Review => {
                let requirements = expect_answer!(result, Answer::Requirements);
                self.lists.requirements.load = into_load(requirements);
            }
            Step::Country | Step::Reserved | Step::Done => {}
        }
        Vec::new()
    }

    /// The regions: a country that lists none is searched whole, unless it needs a region.
    fn store_regions(&mut self, result: Result<Answer, ApiError>) -> Vec<Command> {
        let required = self
            .chosen
            .country
            .is_some_and(|c| c.code == REGION_REQUIRED);
        let regions = expect_answer!(result, Answer::Regions);
        let no_regions = regions.as_ref().is_ok_and(|l| l.items.is_empty());
        let rows = regions.map(|listing| {
            let any = (!required).then_some(Choice::Any);
            any.into_iter()
                .chain(listing.items.into_iter().map(Choice::One))
                .collect::<Vec<_>>()
        });
        store(
            &mut self.lists.regions,
            rows.map(Picker::new),
            &mut self.lists.filter,
        );
        if no_regions && !required && self.step == Step::Region {
            // Nothing to choose from: search the whole country.
            self.chosen.region = Some(Choice::Any);
            return self.go(Step::City);
        }
        if no_regions && required {
            self.lists.regions.load = Load::Failed {
                message: "the API listed no regions for this country".to_owned(),
            };
        }
        Vec::new()
    }

    /// The groups; when none match, the operator is told how to broaden the search.
    fn store_groups(&mut self, result: Result<Answer, ApiError>) {
        let groups = expect_answer!(result, Answer::Groups);
        if groups.as_ref().is_ok_and(|l| l.items.is_empty()) {
            let (none, back_to) = match &self.chosen.prefix_jump {
                Some(prefix) => (
                    format!("No number groups with the prefix {prefix} here."),
                    "the cities",
                ),
                None => ("No number groups match.".to_owned(), "the number types"),
            };
            self.say(
                NoticeLevel::Warning,
                format!("{none} Esc to broaden: back to {back_to}, with the search cleared."),
            );
        }
        store(
            &mut self.lists.groups,
            groups.map(|l| Picker::new(l.items)),
            &mut self.lists.filter,
        );
    }
}

fn into_load<T>(result: Result<T, String>) -> Load<T> {
    match result {
        Ok(data) => Load::Loaded(data),
        Err(message) => Load::Failed { message },
    }
}

/// Stores a list answer, keeping what the operator had typed in the search box.
fn store<T: super::picker::Searchable>(
    slot: &mut Fetched<Picker<T>>,
    result: Result<Picker<T>, String>,
    filter: &mut crate::search::Filter,
) {
    slot.load = into_load(result);
    if let Some(picker) = slot.load.loaded_mut() {
        picker.refilter(filter);
    }
}
