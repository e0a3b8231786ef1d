//! The event loop's tests: what a key sends once time has passed.

use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::{SignedDuration, Timestamp};

use super::{Input, handle};
use serde_json::json;

use crate::api::Backend;
use crate::api::model::{AvailableNumber, Listing, NumberId, Reservation};
use crate::protocol::{Answer, Call, Command, WorkerMsg};
use crate::wizard::{Step, VANITY_DEBOUNCE, Wizard};

fn listing<T>(items: Vec<T>) -> Listing<T> {
    Listing { items, skipped: 0 }
}

/// The answer a small German catalogue gives to `call`.
fn catalogue(call: &Call) -> Answer {
    fn value<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
        serde_json::from_value(v).unwrap()
    }
    match call {
        Call::Reservations => Answer::Reservations(listing(vec![])),
        Call::Cities { .. } => Answer::Cities(listing(vec![value(
            json!({"id": 10, "city_name": "Berlin"}),
        )])),
        Call::DidTypes => Answer::DidTypes(listing(vec![value(json!({"id": 1, "name": "local"}))])),
        Call::Groups { .. } => Answer::Groups(listing(vec![value(json!({
            "id": "de-ber-local-1", "prefix": "+49 30", "location": "Berlin",
            "type": "local", "price": {"setup_price": "1.00", "monthly_price": "3.50"},
            "allow_number_selection": true, "features": ["voice"]
        }))])),
        Call::Numbers { .. } => Answer::Numbers(listing(vec![AvailableNumber {
            id: NumberId::new("did-1"),
            number: "+493012345678".to_owned(),
        }])),
        Call::Requirements { .. } => Answer::Requirements(vec![]),
        other => panic!("not in the catalogue: {other:?}"),
    }
}

/// Handles `key` at `now`, then answers every call it asked for from the catalogue.
fn press(wizard: &mut Wizard, key: KeyCode, now: Instant) {
    let utc: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
    let key = KeyEvent::new(key, KeyModifiers::NONE);
    let mut commands = handle(wizard, Input::Key(key), now, utc);
    while let Some(command) = commands.pop() {
        let Command::Call { id, call } = command else {
            continue;
        };
        let result = Ok(catalogue(&call));
        let message = WorkerMsg {
            id,
            received_at: now,
            result,
            from_cache: false,
        };
        commands.extend(handle(wizard, Input::Answer(message), now, utc));
    }
}

/// A wizard that knows of one reservation, made before it started, running out a minute
/// after `t0`.
fn wizard_holding_a_reservation(t0: Instant, utc0: Timestamp) -> Wizard {
    let mut wizard = Wizard::new(Backend::Sandbox, t0, utc0);
    for command in wizard.start(Vec::new()) {
        let Command::Call {
            id,
            call: Call::Reservations,
        } = command
        else {
            continue;
        };
        let reservation = Reservation {
            uuid: "r-1".into(),
            number: "+12135551234".to_owned(),
            created_at: Some(utc0),
            expires_at: utc0 + SignedDuration::from_mins(1),
            group_id: None,
            facts: Default::default(),
        };
        let answer = Answer::Reservations(Listing {
            items: vec![reservation],
            skipped: 0,
        });
        let more = wizard.apply(WorkerMsg {
            id,
            received_at: t0,
            result: Ok(answer),
            from_cache: false,
        });
        assert_eq!(more, vec![]);
    }
    assert_eq!(wizard.holds().len(), 1);
    wizard
}

#[test]
fn a_key_sends_what_the_passing_of_time_asks_for() {
    let t0 = Instant::now();
    let utc0: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
    let mut wizard = wizard_holding_a_reservation(t0, utc0);
    // The first thing after the expiry is a key press, which asks for nothing itself.
    let key = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    let later = Duration::from_secs(61);
    let commands = handle(
        &mut wizard,
        Input::Key(key),
        t0 + later,
        utc0 + SignedDuration::try_from(later).unwrap(),
    );
    assert_eq!(
        commands,
        vec![Command::RecordExpired { uuid: "r-1".into() }],
        "the expiry's journal entry is sent"
    );
}

#[test]
fn a_key_after_the_pause_in_typing_sends_the_vanity_request() {
    let t0 = Instant::now();
    let utc0: Timestamp = "2026-11-27T10:00:00Z".parse().unwrap();
    let mut wizard = Wizard::new(Backend::Sandbox, t0, utc0);
    let _accounts_and_reservations = wizard.start(Vec::new());
    for c in "germany".chars() {
        press(&mut wizard, KeyCode::Char(c), t0);
    }
    // Germany › Any city › Any type › the Berlin group › its numbers.
    for _ in 0..4 {
        press(&mut wizard, KeyCode::Enter, t0);
    }
    assert_eq!(wizard.step(), Step::Number);
    press(&mut wizard, KeyCode::Char('5'), t0);
    assert_eq!(wizard.vanity_asked(), None, "not before the pause");

    // The first thing after the pause is a key that asks for nothing itself.
    let key = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    let commands = handle(&mut wizard, Input::Key(key), t0 + VANITY_DEBOUNCE, utc0);
    let [Command::Call { call, .. }] = commands.as_slice() else {
        panic!("expected the vanity request, got {commands:?}");
    };
    assert_eq!(
        call,
        &Call::Numbers {
            group: "de-ber-local-1".into(),
            contains: Some("5".to_owned()),
        }
    );
    assert_eq!(wizard.vanity_asked(), Some(Some("5")));
}
