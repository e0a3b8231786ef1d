//! The steps of the wizard: choosing, going back, loading, the vanity box, scrolling.

use std::time::Duration;

use super::*;
use crate::api::ApiError;
use crate::api::model::{CityId, CountryCode, DidTypeName, GroupId, RegionId};
use crate::protocol::{Answer, Call};
use crate::wizard::{Action, Load, Step};
#[test]
fn the_us_requires_a_region_and_cities_are_asked_by_region() {
    let mut h = Run::unstarted();
    let regions = only(h.choose_country("United States"));
    assert_eq!(h.wizard.step(), Step::Region);
    assert_eq!(call(&regions), &Call::Regions { country: us() });
    h.answer_to(
        &regions,
        Answer::Regions(listing(vec![region(123, "California")])),
    );
    let picker = h.wizard.lists.regions.load.loaded().unwrap();
    assert_eq!(picker.items().len(), 1, "no 'Any region' row for the US");
    let cities = only(h.update(Action::Choose));
    assert_eq!(
        call(&cities),
        &Call::Cities {
            country: us(),
            region: Some(RegionId::new("123"))
        }
    );
    assert_eq!(h.wizard.step(), Step::City);
}

#[test]
fn a_country_without_regions_skips_the_region_step() {
    let mut h = Run::unstarted();
    let cities = only(h.choose_country("Germany"));
    assert_eq!(h.wizard.step(), Step::City);
    assert_eq!(
        call(&cities),
        &Call::Cities {
            country: CountryCode::parse("DE").unwrap(),
            region: None
        }
    );
}

#[test]
fn the_place_search_carries_region_and_city_and_asks_for_every_type() {
    let mut h = Run::unstarted();
    let search = h.walk_to_groups(vec![group("abc-123", true)]);
    assert_eq!(
        call(&search),
        &Call::Groups {
            country: us(),
            region: Some(RegionId::new("123")),
            city: Some(CityId::new("456")),
            did_type: Some(DidTypeName::new("all")),
            prefix: None,
        },
        "one search of the place's groups of every type"
    );
    assert_eq!(h.wizard.step(), Step::Group);
}

#[test]
fn a_group_without_number_selection_skips_the_number_step() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("rnd-1", false)]);
    let requirements = only(h.update(Action::Choose));
    assert_eq!(h.wizard.step(), Step::Review);
    assert_eq!(h.wizard.chosen.number, None, "a random number of the group");
    assert_eq!(
        call(&requirements),
        &Call::Requirements {
            country: us(),
            did_type: Some(DidTypeName::new("local")),
        },
        "requirements of the group's type (the worker asks by its numeric id)"
    );
}

#[test]
fn esc_clears_the_search_then_walks_back_to_the_country() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert_eq!(h.wizard.step(), Step::Review);
    let mut seen = vec![h.wizard.step()];
    for _ in 0..10 {
        h.update(Action::Back);
        if seen.last() != Some(&h.wizard.step()) {
            seen.push(h.wizard.step());
        }
    }
    assert_eq!(
        seen,
        [
            Step::Review,
            Step::Number,
            Step::Group,
            Step::DidType,
            Step::City,
            Step::Region,
            Step::Country
        ]
    );
    // The country search still holds "United States": the first Esc clears it.
    assert_eq!(h.wizard.search_text(), Some(""));
}

#[test]
fn going_back_and_forward_keeps_choices_and_asks_nothing_again() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    h.update(Action::Back);
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::City);
    assert_eq!(h.update(Action::Choose), vec![], "types are already loaded");
    assert_eq!(
        h.update(Action::Choose),
        vec![],
        "the same search is already loaded"
    );
    assert_eq!(h.wizard.step(), Step::Group);
    let chosen = h
        .wizard
        .lists
        .types
        .load
        .loaded()
        .unwrap()
        .selected()
        .cloned();
    assert_eq!(
        chosen.and_then(|c| c.one().map(|t| t.name.clone())),
        Some(DidTypeName::new("local"))
    );
}

#[test]
fn an_answer_for_a_step_the_operator_left_is_dropped() {
    let mut h = Run::unstarted();
    let regions = only(h.choose_country("United States"));
    h.answer_to(
        &regions,
        Answer::Regions(listing(vec![region(123, "California")])),
    );
    let cities = only(h.update(Action::Choose));
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::Region);
    h.answer_to(
        &cities,
        Answer::Cities(listing(vec![city(456, "Los Angeles")])),
    );
    assert!(
        matches!(h.wizard.lists.cities.load, Load::Idle),
        "the late answer was dropped"
    );
    let again = only(h.update(Action::Choose));
    assert_ne!(again, cities, "a fresh request with a new id");
}

#[test]
fn the_vanity_box_narrows_at_once_and_asks_the_api_after_a_pause() {
    let mut h = Run::unstarted();
    h.walk_to_numbers();
    assert_eq!(h.type_text("55").asked(), vec![]);
    h.tick(Duration::from_millis(100));
    assert_eq!(
        h.type_text("5").asked(),
        vec![],
        "typing again restarts the pause"
    );
    let list = h.wizard.lists.numbers.load.loaded().unwrap();
    assert_eq!(list.visible().len(), 2, "both contain 555");
    h.type_text("1");
    assert_eq!(
        h.wizard
            .lists
            .numbers
            .load
            .loaded()
            .unwrap()
            .visible()
            .len(),
        1
    );
    assert_eq!(
        h.tick(Duration::from_millis(350)),
        vec![],
        "pause not over yet"
    );
    let query = only(h.tick(Duration::from_millis(400)));
    assert_eq!(
        call(&query),
        &Call::Numbers {
            group: GroupId::new("abc-123"),
            contains: Some("5551".to_owned())
        }
    );
    assert_eq!(
        h.tick(Duration::from_secs(5)),
        vec![],
        "one request per pause"
    );
    h.answer_to(
        &query,
        Answer::Numbers(listing(vec![number("+13105551999")])),
    );
    let list = h.wizard.lists.numbers.load.loaded().unwrap();
    assert_eq!(list.items().len(), 1);
    assert_eq!(list.visible()[0].span(), 5..9, "the matched digits");
}

#[test]
fn a_failed_load_is_retried_with_enter() {
    let mut h = Run::unstarted();
    let cities = only(h.choose_country("Germany"));
    h.answer_at(
        &cities,
        Duration::ZERO,
        Err(ApiError::Unreachable {
            detail: "connection refused".to_owned(),
        }),
    );
    assert!(matches!(h.wizard.lists.cities.load, Load::Failed { .. }));
    let again = only(h.update(Action::Choose));
    assert_eq!(call(&again), call(&cities));
}

#[test]
fn a_letter_pattern_asks_the_api_for_its_keypad_digits_once_after_the_pause() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let numbers = h.choose_group();
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135574992")])),
    );
    let mut sent = h.type_text("PIZZA").asked().to_vec();
    sent.extend(h.tick(Duration::from_millis(100)));
    assert_eq!(sent, vec![], "nothing while typing");
    let query = only(h.tick(Duration::from_millis(400)));
    assert_eq!(
        call(&query),
        &Call::Numbers {
            group: GroupId::new("abc-123"),
            contains: Some("74992".to_owned())
        }
    );
    assert_eq!(h.tick(Duration::from_secs(3)), vec![], "once");
    h.answer_to(
        &query,
        Answer::Numbers(listing(vec![number("+12135574992")])),
    );
    assert_eq!(
        h.tick(Duration::from_secs(4)),
        vec![],
        "the answer satisfies the box"
    );
}

#[test]
fn an_invalid_vanity_pattern_sends_nothing() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let numbers = h.choose_group();
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135574992")])),
    );
    h.type_text("55#");
    assert_eq!(h.tick(Duration::from_secs(2)), vec![]);
    assert_eq!(
        h.wizard.lists.vanity_due, None,
        "no pause awaited for an invalid pattern"
    );
}

#[test]
fn the_review_scrolls_and_starts_at_the_top_each_time() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    for _ in 0..3 {
        h.update(Action::Move(crate::wizard::Move::Down));
    }
    assert_eq!(h.wizard.document_scroll(), 3);
    h.update(Action::Back);
    assert_eq!(
        h.wizard.document_scroll(),
        0,
        "the number list has its own cursor"
    );
    h.update(Action::Choose);
    assert_eq!(h.wizard.step(), Step::Review);
    assert_eq!(
        h.wizard.document_scroll(),
        0,
        "a new review starts at the top"
    );
}
