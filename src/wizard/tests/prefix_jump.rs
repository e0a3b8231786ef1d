//! Jumping to a prefix from the city step: "a 213 number" without knowing the city.

use super::*;
use crate::api::model::RegionId;

fn at_cities(h: &mut Run) {
    h.walk_to_cities(vec![city(456, "Los Angeles")]);
    assert_eq!(h.wizard.step(), Step::City);
}

#[test]
fn digits_on_the_city_step_search_the_groups_of_that_prefix() {
    let mut h = Run::unstarted();
    at_cities(&mut h);
    h.type_text("+1 213");
    let search = only(h.update(Action::Choose));
    assert_eq!(
        call(&search),
        &Call::Groups {
            country: us(),
            region: Some(RegionId::new("123")),
            city: None,
            did_type: None,
            prefix: Some("213".to_owned()),
        }
    );
    assert_eq!(h.wizard.step(), Step::Group);
    h.answer_to(
        &search,
        Answer::Groups(listing(vec![group("abc-123", true)])),
    );
    h.choose_group();
}

#[test]
fn back_from_the_groups_of_a_prefix_is_the_city_step_it_was_typed_on() {
    let mut h = Run::unstarted();
    at_cities(&mut h);
    h.type_text("213");
    let search = only(h.update(Action::Choose));
    h.answer_to(
        &search,
        Answer::Groups(listing(vec![group("abc-123", true)])),
    );
    h.update(Action::Back);
    assert_eq!(
        h.wizard.step(),
        Step::City,
        "the jump skipped the type step"
    );
    assert_eq!(h.wizard.search_text(), Some("213"));
}

#[test]
fn a_city_chosen_by_name_searches_without_a_prefix() {
    let mut h = Run::unstarted();
    at_cities(&mut h);
    h.type_text("213");
    h.update(Action::Choose);
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::City);
    // Esc clears the box, then a city is chosen by name.
    h.update(Action::Back);
    h.update(Action::Move(Move::Down));
    h.update(Action::Choose);
    assert_eq!(h.wizard.step(), Step::DidType);
    assert_eq!(h.wizard.chosen.prefix_jump, None);
}
