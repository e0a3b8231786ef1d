//! The type step from one search of the place's groups of every type.

use super::*;
use crate::api::model::{CityId, DidTypeName, RegionId};

/// US › California › (the city typed as `city_search`), at the type step, with its call.
fn at_types(h: &mut Run, city_search: &str) -> Command {
    h.walk_to_cities(vec![city(456, "Los Angeles"), city(457, "San Diego")]);
    h.type_text(city_search);
    let place = only(h.update(Action::Choose));
    assert_eq!(h.wizard.step(), Step::DidType);
    place
}

#[test]
fn the_type_step_lists_only_offered_types_from_one_call_and_choosing_one_asks_nothing() {
    let mut h = Run::unstarted();
    let place = at_types(&mut h, "los");
    assert_eq!(
        call(&place),
        &Call::Groups {
            country: us(),
            region: Some(RegionId::new("123")),
            city: Some(CityId::new("456")),
            did_type: Some(DidTypeName::new("all")),
            prefix: None,
        }
    );
    h.answer_to(
        &place,
        Answer::Groups(listing(vec![
            typed_group("l1", "local"),
            typed_group("t1", "tollfree"),
            typed_group("l2", "local"),
        ])),
    );
    let rows: Vec<String> = (h.wizard.lists.types.load.loaded().unwrap().items().iter())
        .map(|row| match row {
            Choice::Any => "any".to_owned(),
            Choice::One(offer) => format!("{} {}", offer.name, offer.groups),
        })
        .collect();
    assert_eq!(
        rows,
        ["any", "local 2", "tollfree 1"],
        "mobile has none: hidden"
    );

    h.type_text("toll");
    assert_eq!(
        h.update(Action::Choose),
        vec![],
        "filtered here, no second call"
    );
    assert_eq!(h.wizard.step(), Step::Group);
    let ids: Vec<&str> = (h.wizard.lists.groups.load.loaded().unwrap().items().iter())
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(ids, ["t1"]);

    // Back to the types, and "Any type" lists every group, again without a call.
    h.update(Action::Back);
    h.update(Action::Back);
    h.update(Action::Move(Move::First));
    assert_eq!(h.update(Action::Choose), vec![]);
    assert_eq!(
        h.wizard.lists.groups.load.loaded().unwrap().items().len(),
        3
    );
}

#[test]
fn esc_to_broaden_goes_back_to_the_cities_with_their_search_cleared() {
    let mut h = Run::unstarted();
    let place = at_types(&mut h, "san d");
    h.answer_to(&place, Answer::Groups(listing(vec![])));
    assert!(h.wizard.place_offers_nothing());
    assert_eq!(h.update(Action::Choose), vec![], "nothing to choose");
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::City);
    assert_eq!(
        h.wizard.search_text(),
        Some(""),
        "the city search is cleared"
    );
    let picker = h.wizard.lists.cities.load.loaded().unwrap();
    assert_eq!(picker.selected(), Some(&Choice::Any), "the broadest row");
}
