//! The benchmarks' screens: the wizard of `numpick::testkit` driven into each screen they
//! measure, with made-up lists of any size: cities, groups and available numbers.
//!
//! Shared by the benchmarks and by `examples/perf_harness.rs` (through `#[path]`).

#![allow(dead_code, reason = "each benchmark uses its own part of the helpers")]

use numpick::api::model::{AccountInfo, AvailableNumber, City, Group, Listing};
use numpick::api::raw::{self, Shape};
use numpick::protocol::Answer;
use numpick::testkit::{decode, draw_into, listing, region};
use numpick::ui::ThemeName;
use numpick::wizard::{Action, Wizard};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

pub use numpick::testkit::Run;

/// The terminal size every benchmark draws into.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// A test terminal of the benchmarks' size.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

/// Draws one frame of `wizard`.
pub fn draw(terminal: &mut Terminal<TestBackend>, wizard: &Wizard) {
    draw_into(terminal, wizard, ThemeName::Default);
}

/// The United States with California chosen: the city list is awaited.
pub fn awaiting_cities() -> Run {
    // At the country step, the start-up calls answered: no reservations, an account
    // without details.
    let mut run = Run::started(AccountInfo::default());
    run.type_text("united st").act(Action::Choose);
    let california = region(123, "California");
    run.answer(Ok(Answer::Regions(listing(vec![california]))));
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
    run.answer(Ok(Answer::Cities(listing(cities))));
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
    run.answer(Ok(Answer::Groups(listing((0..count).map(group).collect()))));
    run.act(Action::Choose); // Any type: the same groups, no new call
    run
}

/// The group step with one group chosen: its numbers are awaited.
pub fn awaiting_numbers() -> Run {
    let mut run = at_groups(1);
    run.act(Action::Choose);
    // The group's requirements are asked for with its numbers: answered, the numbers awaited.
    run.answer_prefetched(Ok(Answer::Requirements(Vec::new())));
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
    run.answer(Ok(Answer::Numbers(numbers_listing(count))));
    run
}
