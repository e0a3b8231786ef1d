//! Drives the wizard through its public API into the screens the benchmarks measure, with
//! made-up lists of any size: cities, groups and available numbers.
//!
//! Shared by the benchmarks and by `examples/perf_harness.rs` (through `#[path]`).

#![allow(dead_code, reason = "each benchmark uses its own part of the helpers")]

use std::time::Instant;

use jiff::Timestamp;
use numpick::api::Backend;
use numpick::api::model::{AccountInfo, AvailableNumber, City, Group, Listing, Region};
use numpick::api::raw::{self, Shape};
use numpick::protocol::{Answer, Call, Command, WorkerMsg};
use numpick::ui::{Theme, ThemeName, render};
use numpick::wizard::{Action, Wizard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use tui_input::InputRequest;

/// The terminal size every benchmark draws into.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// A wizard and the commands it asked for last.
pub struct Run {
    pub wizard: Wizard,
    pending: Vec<Command>,
}

impl Run {
    /// A wizard at the country step, its start-up calls answered: no reservations, an
    /// account without details.
    pub fn new() -> Self {
        let utc: Timestamp = "2024-01-15T11:20:00Z".parse().unwrap();
        let mut wizard = Wizard::new(Backend::Sandbox, Instant::now(), utc);
        // The session's first calls: the account's reservations (none) and its info.
        for command in wizard.start(Vec::new()) {
            let Command::Call { id, call } = command else {
                continue;
            };
            let answer = match call {
                Call::Reservations => Answer::Reservations(listing(Vec::new())),
                Call::AccountInfo => Answer::AccountInfo(AccountInfo::default()),
                other => panic!("unexpected call at start: {other:?}"),
            };
            let more = wizard.apply(WorkerMsg {
                id,
                received_at: Instant::now(),
                result: Ok(answer),
            });
            assert!(more.is_empty(), "the start-up answers ask for nothing more");
        }
        Self {
            wizard,
            pending: Vec::new(),
        }
    }

    pub fn act(&mut self, action: Action) -> &mut Self {
        self.pending = self.wizard.update(action);
        self
    }

    pub fn type_text(&mut self, text: &str) -> &mut Self {
        for c in text.chars() {
            self.act(Action::Edit(InputRequest::InsertChar(c)));
        }
        self
    }

    /// Answers the one call the wizard asked for last.
    pub fn answer(&mut self, answer: Answer) -> &mut Self {
        let message = self.message(answer);
        self.pending = self.wizard.apply(message);
        self
    }

    /// Answers the requirements call among those asked for last (with none required); the
    /// other calls stay awaited.
    pub fn answer_requirements(&mut self) -> &mut Self {
        let at = (self.pending.iter())
            .position(|c| {
                matches!(
                    c,
                    Command::Call {
                        call: Call::Requirements { .. },
                        ..
                    }
                )
            })
            .expect("the requirements are asked for");
        let Command::Call { id, .. } = self.pending.remove(at) else {
            unreachable!()
        };
        let more = self.wizard.apply(WorkerMsg {
            id,
            received_at: Instant::now(),
            result: Ok(Answer::Requirements(Vec::new())),
        });
        self.pending.extend(more);
        self
    }

    /// The worker's message answering the call the wizard asked for last.
    pub fn message(&self, answer: Answer) -> WorkerMsg {
        let id = match self.pending.as_slice() {
            [Command::Call { id, .. }] => *id,
            other => panic!("expected one call, the wizard asked for {other:?}"),
        };
        WorkerMsg {
            id,
            received_at: Instant::now(),
            result: Ok(answer),
        }
    }
}

/// A test terminal of the benchmarks' size.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

/// Draws one frame of `wizard`.
pub fn draw(terminal: &mut Terminal<TestBackend>, wizard: &Wizard) {
    terminal
        .draw(|frame| render(wizard, &Theme::of(ThemeName::Default), frame))
        .unwrap();
}

pub fn listing<T>(items: Vec<T>) -> Listing<T> {
    Listing { items, skipped: 0 }
}

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).unwrap()
}

/// The United States with California chosen: the city list is awaited.
pub fn awaiting_cities() -> Run {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    let california =
        decode::<Region>(json!({"id": 123, "region_name": "California", "iso_country_code": "US"}));
    run.answer(Answer::Regions(listing(vec![california])));
    run.act(Action::Choose);
    run
}

/// `count` made-up city names: varied prefixes and suffixes, some accented, each unique.
pub fn city_names(count: usize) -> Vec<String> {
    const PREFIXES: [&str; 12] = [
        "North", "South", "East", "West", "Port", "San", "Saint", "Santa", "São", "Mount", "Lake",
        "New",
    ];
    const SUFFIXES: [&str; 10] = [
        "ville", "burg", "ton", "field", "haven", "ford", " Paulo", " Rosa", "ridge", " Bay",
    ];
    (0..count)
        .map(|n| {
            let prefix = PREFIXES[n % PREFIXES.len()];
            let suffix = SUFFIXES[(n / PREFIXES.len()) % SUFFIXES.len()];
            format!("{prefix}{suffix} {n}")
        })
        .collect()
}

/// The city step with `count` cities loaded (and "Any city").
pub fn at_cities(count: usize) -> Run {
    let mut run = awaiting_cities();
    let cities = city_names(count)
        .into_iter()
        .enumerate()
        .map(|(n, name)| {
            decode::<City>(json!({"id": n + 1, "city_name": name, "iso_country_code": "US"}))
        })
        .collect();
    run.answer(Answer::Cities(listing(cities)));
    run
}

/// The `n`th made-up group; every fifth assigns a random number, the others let one be chosen.
pub fn group(n: usize) -> Group {
    let area = 200 + n % 800;
    decode(json!({
        "id": format!("grp-{n}"), "prefix": format!("+1 ({area})"),
        "location": format!("Los Angeles district {n}"),
        "price": {"setup_price": "0.00", "monthly_price": format!("{}.50", 3 + n % 9)},
        "type": "local", "requirements": [], "allow_number_selection": n % 5 != 4,
        "features": ["voice", "sms_in", "sms_out"]
    }))
}

/// The group step with `count` groups loaded.
pub fn at_groups(count: usize) -> Run {
    let mut run = at_cities(3);
    // Any city: one search of the place's groups, of every type.
    run.act(Action::Choose);
    run.answer(Answer::Groups(listing((0..count).map(group).collect())));
    run.act(Action::Choose); // Any type: the same groups, no new call
    run
}

/// The group step with one group chosen: its numbers are awaited.
pub fn awaiting_numbers() -> Run {
    let mut run = at_groups(1);
    run.act(Action::Choose);
    // The group's requirements are asked for with its numbers: answered, the numbers awaited.
    run.answer_requirements();
    run
}

/// The E.164 text of the `n`th made-up number of area code 200 (all distinct).
pub fn number(n: usize) -> String {
    format!("+1200{:07}", (n * 7919) % 10_000_000)
}

/// `count` available numbers as the API's JSON body of `GET /numbers/available`, written
/// directly (no JSON tree is built, so making the body leaves no memory behind).
pub fn numbers_body(count: usize) -> String {
    use std::fmt::Write;
    let mut body = String::from(r#"{"success":true,"data":{"numbers":["#);
    for n in 0..count {
        if n > 0 {
            body.push(',');
        }
        write!(body, r#"{{"id":"did-{n}","number":"{}"}}"#, number(n)).unwrap();
    }
    body.push_str("]}}");
    body
}

/// Decodes a body made by [`numbers_body`] as the client does, with no JSON tree: the body's
/// top-level fields read raw to judge `success`, read again for `data`, then `data.numbers`
/// as raw items, each decoded on its own.
pub fn parse_numbers(body: &str) -> Listing<AvailableNumber> {
    let judged = raw::object(body).unwrap();
    assert_eq!(raw::read::<bool>(&judged, "success"), Some(true));
    let top = raw::object(body).unwrap();
    let data = raw::fields(top["data"]).unwrap();
    let Shape::List(items) = raw::shape(data["numbers"]) else {
        panic!("numbers is not a list");
    };
    Listing::from_raw(&items)
}

/// `count` decoded numbers, made without JSON.
pub fn numbers_listing(count: usize) -> Listing<AvailableNumber> {
    let numbers = (0..count)
        .map(|n| AvailableNumber {
            id: decode(json!(format!("did-{n}"))),
            number: number(n),
        })
        .collect();
    listing(numbers)
}

/// The number step with `count` numbers loaded.
pub fn at_numbers(count: usize) -> Run {
    let mut run = awaiting_numbers();
    run.answer(Answer::Numbers(numbers_listing(count)));
    run
}
