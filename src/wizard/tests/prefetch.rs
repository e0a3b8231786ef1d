//! A group's requirements are asked for as the group is chosen, so that Review never waits.

use super::*;
use crate::api::model::DidTypeName;

#[test]
fn choosing_a_group_asks_its_requirements_with_its_numbers_once_per_type() {
    let mut h = Run::unstarted();
    // "Any type": both groups are listed.
    let place = {
        let regions = only(h.choose_country("United States"));
        h.answer_to(
            &regions,
            Answer::Regions(listing(vec![region(1, "California")])),
        );
        let cities = only(h.update(Action::Choose));
        h.answer_to(
            &cities,
            Answer::Cities(listing(vec![city(2, "Los Angeles")])),
        );
        h.update(Action::Move(Move::Down));
        only(h.update(Action::Choose))
    };
    h.answer_to(
        &place,
        Answer::Groups(listing(vec![
            typed_group("l1", "local"),
            typed_group("m1", "mobile"),
        ])),
    );
    assert_eq!(h.update(Action::Choose), vec![]);
    let sent = h.update(Action::Choose);
    let calls: Vec<&Call> = sent.iter().map(call).collect();
    assert!(matches!(
        calls[..],
        [Call::Numbers { .. }, Call::Requirements { .. }]
    ));
    let Call::Requirements { did_type, .. } = calls[1] else {
        unreachable!()
    };
    assert_eq!(did_type.as_ref(), Some(&DidTypeName::new("local")));
    h.answer_to(
        &sent[1],
        Answer::Requirements(vec![json!({"type": "identity"})]),
    );
    h.answer_to(
        &sent[0],
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    assert_eq!(h.update(Action::Choose), vec![], "Review has what it shows");
    assert_eq!(h.wizard.step(), Step::Review);
    assert!(h.wizard.lists.requirements.load.loaded().is_some());

    // Another group of another type: its own requirements, asked for again with its numbers.
    h.update(Action::Back);
    h.update(Action::Back);
    h.update(Action::Move(Move::Down));
    let sent = h.update(Action::Choose);
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(matches!(
        call(&sent[1]),
        Call::Requirements { did_type: Some(t), .. } if t.as_str() == "mobile"
    ));
}
