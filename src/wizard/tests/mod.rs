//! State-machine tests: the wizard driven through actions and scripted worker answers.

mod adopted;
mod basket;
mod clarity;
mod copy;
mod everywhere;
mod flow;
mod history;
mod journal_notice;
mod number_filter;
mod offered_types;
mod own_holds;
mod owned;
mod paste;
mod prefetch;
mod prefix_jump;
mod refresh;
mod refused;
mod requests;
mod safety;

use std::time::{Duration, Instant};

use jiff::Timestamp;
use serde_json::json;

use crate::api::Backend;
use tui_input::InputRequest;

use super::*;
use crate::api::model::{AvailableNumber, City, CountryCode, Group, Listing, Region};
use crate::api::{ApiError, model::Reservation};

pub(super) struct Harness {
    pub(super) wizard: Wizard,
    pub(super) t0: Instant,
    pub(super) utc0: Timestamp,
}

pub(super) fn listing<T>(items: Vec<T>) -> Listing<T> {
    Listing { items, skipped: 0 }
}

pub(super) fn region(id: u32, name: &str) -> Region {
    serde_json::from_value(json!({"id": id, "region_name": name, "iso_country_code": "US"}))
        .unwrap()
}

pub(super) fn city(id: u32, name: &str) -> City {
    serde_json::from_value(json!({"id": id, "city_name": name})).unwrap()
}

pub(super) fn group(id: &str, selectable: bool) -> Group {
    serde_json::from_value(json!({
        "id": id, "prefix": "+1 (213)", "location": "Los Angeles", "type": "local",
        "price": {"setup_price": "1.00", "monthly_price": "3.50"},
        "allow_number_selection": selectable, "features": ["voice", "sms_in"]
    }))
    .unwrap()
}

/// The prices of [`group`], as a purchase's confirmation shows them and its intent records.
pub(super) fn agreed() -> Option<crate::money::AgreedPrices> {
    let price = |text: &str| crate::api::model::Price::Known(text.parse().unwrap());
    Some(crate::money::AgreedPrices {
        setup: price("1.00"),
        monthly: price("3.50"),
    })
}

pub(super) fn number(n: &str) -> AvailableNumber {
    AvailableNumber {
        id: crate::api::model::NumberId::new(format!("did-{n}")),
        number: n.to_owned(),
    }
}

impl Harness {
    pub(super) fn new() -> Self {
        let t0 = Instant::now();
        let utc0: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
        Self {
            wizard: Wizard::new(Backend::Sandbox, t0, utc0),
            t0,
            utc0,
        }
    }

    pub(super) fn act(&mut self, action: Action) -> Vec<Command> {
        self.wizard.update(action)
    }

    pub(super) fn type_text(&mut self, text: &str) -> Vec<Command> {
        text.chars()
            .flat_map(|c| self.act(Action::Edit(InputRequest::InsertChar(c))))
            .collect()
    }

    /// Answers `command` with `answer`, arriving `after` the start.
    pub(super) fn answer_at(
        &mut self,
        command: &Command,
        after: Duration,
        answer: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        let Command::Call { id, .. } = command else {
            panic!("not a call: {command:?}");
        };
        self.wizard.apply(WorkerMsg {
            id: *id,
            received_at: self.t0 + after,
            result: answer,
        })
    }

    pub(super) fn answer(&mut self, command: &Command, answer: Answer) -> Vec<Command> {
        self.answer_at(command, Duration::ZERO, Ok(answer))
    }

    pub(super) fn tick(&mut self, after: Duration) -> Vec<Command> {
        let utc = self.utc0 + jiff::SignedDuration::try_from(after).unwrap();
        self.wizard.tick(self.t0 + after, utc)
    }

    /// Searches and chooses a country by typing its name.
    pub(super) fn choose_country(&mut self, name: &str) -> Vec<Command> {
        self.type_text(name);
        self.act(Action::Choose)
    }

    /// Walks US › California › Los Angeles › local to the groups, answering every load; the
    /// type step is answered with `groups` (the place's groups of every type), and the call
    /// returned is that one search.
    pub(super) fn walk_to_groups(&mut self, groups: Vec<Group>) -> Command {
        let regions = only(self.choose_country("United States"));
        self.answer(
            &regions,
            Answer::Regions(listing(vec![region(123, "California")])),
        );
        let cities = only(self.act(Action::Choose));
        self.answer(
            &cities,
            Answer::Cities(listing(vec![city(456, "Los Angeles")])),
        );
        self.act(Action::Move(Move::Down));
        let search = only(self.act(Action::Choose));
        self.answer(&search, Answer::Groups(listing(groups)));
        self.act(Action::Move(Move::Down));
        let chosen = self.act(Action::Choose);
        assert_eq!(chosen, vec![], "the type's groups are already at hand");
        search
    }

    /// Chooses the highlighted selectable group: returns its numbers call, and answers the
    /// requirements asked for alongside with none.
    pub(super) fn choose_group(&mut self) -> Command {
        let [numbers, requirements] = <[Command; 2]>::try_from(self.act(Action::Choose))
            .expect("the group's numbers and its requirements");
        assert!(matches!(call(&numbers), Call::Numbers { .. }));
        self.answer(&requirements, Answer::Requirements(vec![]));
        numbers
    }

    /// Continues to the Review of `+12135551234` in a selectable group.
    pub(super) fn walk_to_review(&mut self) {
        self.walk_to_groups(vec![group("abc-123", true)]);
        let numbers = self.choose_group();
        self.answer(
            &numbers,
            Answer::Numbers(listing(vec![
                number("+12135551234"),
                number("+12135550000"),
            ])),
        );
        let review = self.act(Action::Choose);
        assert_eq!(
            review,
            vec![],
            "the requirements were fetched with the numbers"
        );
    }

    pub(super) fn reservation(&self, minutes: i64) -> Reservation {
        Reservation {
            uuid: "r-1".into(),
            number: "+12135551234".to_owned(),
            created_at: Some(self.utc0),
            expires_at: self.utc0 + jiff::SignedDuration::from_mins(minutes),
            group_id: None,
            facts: Default::default(),
        }
    }
}

pub(super) fn only(mut commands: Vec<Command>) -> Command {
    assert_eq!(commands.len(), 1, "expected one command, got {commands:?}");
    commands.remove(0)
}

pub(super) fn call(command: &Command) -> &Call {
    let Command::Call { call, .. } = command else {
        panic!("not a call: {command:?}");
    };
    call
}

pub(super) fn us() -> CountryCode {
    CountryCode::parse("US").unwrap()
}
