//! A run walked to each step of the wizard, every load answered on the way.
//!
//! Two walks: the snapshots' ([`at_groups`] and what follows it), through the catalogue of
//! [`super::los_angeles`] with the commands answered as a script; and the state machine
//! tests' ([`Run::walk_to_groups`] and what follows it), one region and one city, with each
//! command answered by name.

use serde_json::Value;

use super::fixtures::{call, city, group, listing, number, only, region, reservation};
use super::los_angeles::{cities, numbers, place_groups, regions};
use super::run::Run;
use crate::api::model::{City, Group};
use crate::protocol::{Answer, Call, Command};
use crate::wizard::{Action, Move};

/// US › California › Los Angeles › local: the group table.
pub fn at_groups() -> Run {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    run.answer(Ok(regions())).act(Action::Choose);
    run.answer(Ok(cities())).down(1).act(Action::Choose);
    // The type step comes from the place's groups of every type; choosing "local" filters
    // them without another call.
    run.answer(Ok(place_groups())).down(1).act(Action::Choose);
    run
}

/// The number list of the Los Angeles group; the group's requirements (none) have arrived.
pub fn at_numbers(count: usize) -> Run {
    let mut run = at_numbers_before_requirements(count);
    run.answer_prefetched(Ok(Answer::Requirements(vec![])));
    run
}

/// The number list of the Los Angeles group, its requirements still awaited.
pub fn at_numbers_before_requirements(count: usize) -> Run {
    let mut run = at_groups();
    run.act(Action::Choose).answer(Ok(numbers(count)));
    run
}

/// The review of `+12135550123`, requirements answered with `requirements`.
pub fn at_review(requirements: Vec<Value>) -> Run {
    let mut run = at_numbers_before_requirements(8);
    run.answer_prefetched(Ok(Answer::Requirements(requirements)));
    run.down(1).act(Action::Choose);
    run
}

/// The reservation of `+12135550123`, made at the start of a ten-minute lifetime.
pub fn at_reserved() -> Run {
    let mut run = at_review(vec![]);
    run.act(Action::Reserve);
    run.answer(Ok(Answer::Reserved(reservation(
        "res-7f3a",
        "+12135550123",
        "2024-01-15T11:20:00Z",
        "2024-01-15T11:30:00Z",
    ))));
    run
}

impl Run {
    /// Searches and chooses a country by typing its name; returns what choosing asked for.
    pub fn choose_country(&mut self, name: &str) -> Vec<Command> {
        self.type_text(name);
        self.update(Action::Choose)
    }

    /// Walks US › California to the city step, its cities answered with `cities`.
    pub fn walk_to_cities(&mut self, cities: Vec<City>) {
        let regions = only(self.choose_country("United States"));
        self.answer_to(
            &regions,
            Answer::Regions(listing(vec![region(123, "California")])),
        );
        let load = only(self.update(Action::Choose));
        self.answer_to(&load, Answer::Cities(listing(cities)));
    }

    /// Walks US › California › Los Angeles › local to the groups, answering every load; the
    /// type step is answered with `groups` (the place's groups of every type), and the call
    /// returned is that one search.
    pub fn walk_to_groups(&mut self, groups: Vec<Group>) -> Command {
        self.walk_to_cities(vec![city(456, "Los Angeles")]);
        self.update(Action::Move(Move::Down));
        let search = only(self.update(Action::Choose));
        self.answer_to(&search, Answer::Groups(listing(groups)));
        self.update(Action::Move(Move::Down));
        let chosen = self.update(Action::Choose);
        assert_eq!(chosen, vec![], "the type's groups are already at hand");
        search
    }

    /// Chooses the highlighted selectable group: returns its numbers call, and answers the
    /// requirements asked for alongside with none.
    pub fn choose_group(&mut self) -> Command {
        let [numbers, requirements] = <[Command; 2]>::try_from(self.update(Action::Choose))
            .expect("the group's numbers and its requirements");
        assert!(matches!(call(&numbers), Call::Numbers { .. }));
        self.answer_to(&requirements, Answer::Requirements(vec![]));
        numbers
    }

    /// Continues to the numbers of a selectable group: `+12135551234` and `+12135550000`.
    pub fn walk_to_numbers(&mut self) {
        self.walk_to_groups(vec![group("abc-123", true)]);
        let numbers = self.choose_group();
        self.answer_to(
            &numbers,
            Answer::Numbers(listing(vec![
                number("+12135551234"),
                number("+12135550000"),
            ])),
        );
    }

    /// Continues to the Review of `+12135551234` in a selectable group.
    pub fn walk_to_review(&mut self) {
        self.walk_to_numbers();
        let review = self.update(Action::Choose);
        assert_eq!(
            review,
            vec![],
            "the requirements were fetched with the numbers"
        );
    }
}
