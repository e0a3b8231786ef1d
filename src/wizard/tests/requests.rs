//! Answers taken in against what was asked: a reservation belongs to the group it was asked
//! for, whatever the screen shows when its answer arrives.

use super::*;
use crate::protocol::{Answer, Call};
use crate::wizard::{Action, Modal, Step};

/// Reviews `+12135551234` of group `abc-123`, the first of two groups.
fn review_in_the_first_of_two_groups(h: &mut Run) {
    h.walk_to_groups(vec![group("abc-123", true), group("def-456", true)]);
    let numbers = h.choose_group();
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    assert_eq!(h.update(Action::Choose), vec![], "fetched with the numbers");
    assert_eq!(h.wizard.step(), Step::Review);
}

/// From the review, back to the groups and on to the review of `+12135550000` in `def-456`.
fn review_the_second_group(h: &mut Run) {
    h.update(Action::Back);
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::Group);
    h.update(Action::Move(Move::Down));
    let numbers = only(h.update(Action::Choose));
    assert_eq!(
        call(&numbers),
        &Call::Numbers {
            group: "def-456".into(),
            contains: None
        }
    );
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135550000")])),
    );
    h.update(Action::Choose);
    assert_eq!(h.wizard.step(), Step::Review);
    assert_eq!(h.wizard.chosen.group.as_ref().unwrap().id, "def-456".into());
}

#[test]
fn a_reservation_answered_after_moving_to_another_group_is_filed_under_the_group_asked() {
    let mut h = Run::unstarted();
    review_in_the_first_of_two_groups(&mut h);
    let reserve = only(h.update(Action::Reserve));
    assert_eq!(
        call(&reserve),
        &Call::Reserve {
            group: "abc-123".into(),
            number: Some("+12135551234".to_owned()),
            reference: None,
        }
    );
    review_the_second_group(&mut h);

    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    let held = &h.wizard.holds()[0];
    assert_eq!(held.group_id(), Some(&"abc-123".into()));
    assert_eq!(held.group.as_ref().map(|g| &g.id), Some(&"abc-123".into()));
    assert_eq!(
        h.wizard.step(),
        Step::Review,
        "the review of another number stays on screen"
    );
    assert!(h.wizard.notice().unwrap().text.contains("Ctrl-R"));

    // Bought from the manager, it is bought in its own group, with that group's prices.
    let listing_call = only(h.update(Action::Reservations));
    h.answer_to(
        &listing_call,
        Answer::Reservations(listing(vec![h.reservation(10)])),
    );
    h.update(Action::Buy);
    let Some(Modal::ConfirmPurchase(target)) = h.wizard.modal() else {
        panic!("no confirmation: {:?}", h.wizard.modal());
    };
    assert_eq!(
        target.group.as_ref().map(|g| &g.id),
        Some(&"abc-123".into())
    );
    let purchase = only(h.update(Action::Confirm));
    assert_eq!(
        call(&purchase),
        &Call::Purchase {
            order: crate::api::model::PurchaseOrder::new(
                "abc-123".into(),
                crate::api::model::E164::parse("+12135551234").unwrap()
            ),
            reservation: Some("r-1".into()),
            reference: None,
            prices: agreed(),
        }
    );
}

#[test]
fn an_answer_to_a_replaced_vanity_request_is_dropped() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let numbers = h.choose_group();
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    h.type_text("55");
    let first = only(h.tick(VANITY_DEBOUNCE));
    h.type_text("5");
    let second = only(h.tick(VANITY_DEBOUNCE * 3));
    assert_eq!(
        call(&second),
        &Call::Numbers {
            group: "abc-123".into(),
            contains: Some("555".to_owned())
        }
    );
    h.answer_to(
        &first,
        Answer::Numbers(listing(vec![number("+12135559999")])),
    );
    assert_eq!(h.wizard.vanity_asked(), Some(Some("555")), "still awaited");
    h.answer_to(
        &second,
        Answer::Numbers(listing(vec![number("+12135550555")])),
    );
    assert_eq!(h.wizard.vanity_asked(), None);
    assert!(!h.wizard.is_busy());
}
