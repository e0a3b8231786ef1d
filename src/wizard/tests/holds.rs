//! Reserving and buying from the wizard: the one purchase command, declining, countdowns,
//! cancelling, refused and unknown outcomes, and the reservations manager.

use std::time::Duration;

use serde_json::json;

use super::*;
use crate::api::ApiError;
use crate::api::model::{E164, GroupId, Listing, Price, PurchaseOrder, Receipt};
use crate::protocol::{Answer, Call};
use crate::wizard::{Action, InputMode, Modal, NoticeLevel, Purchase, Step};
#[test]
fn a_purchase_is_one_command_however_many_keys_are_pressed() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert_eq!(
        h.update(Action::Buy),
        vec![],
        "b only opens the confirmation"
    );
    assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
    assert_eq!(h.update(Action::Choose), vec![], "Enter never buys");
    let mut sent = Vec::new();
    for _ in 0..10 {
        sent.extend(h.update(Action::Confirm));
        sent.extend(h.update(Action::Buy));
        sent.extend(h.update(Action::Choose));
    }
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        call(&sent[0]),
        &Call::Purchase {
            order: PurchaseOrder::new(
                GroupId::new("abc-123"),
                E164::parse("+12135551234").unwrap()
            ),
            reservation: None,
            reference: None,
            prices: agreed(),
        }
    );
    assert!(matches!(h.wizard.purchase(), Purchase::InFlight { .. }));
    let receipt = Receipt {
        body: json!({"success": true, "purchased": ["+12135551234"], "failed": []}),
    };
    let number = "+12135551234".to_owned();
    h.answer_to(&sent[0], Answer::Purchased { number, receipt });
    assert_eq!(h.wizard.step(), Step::Done);
    assert!(matches!(h.wizard.purchase(), Purchase::Bought { .. }));
}

#[test]
fn n_and_esc_decline_the_purchase() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    for decline in [Action::Decline, Action::Back] {
        h.update(Action::Buy);
        assert_eq!(h.update(decline), vec![]);
        assert_eq!(h.wizard.modal(), None);
    }
    assert_eq!(h.wizard.purchase(), &Purchase::Idle);
}

#[test]
fn a_reservation_counts_down_on_the_servers_lifetime_and_cannot_be_bought_once_expired() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    assert_eq!(
        h.update(Action::Reserve),
        vec![],
        "one reservation at a time"
    );
    // The answer arrives 2 s after the start; the server says it lives 10 minutes.
    h.answer_at(
        &reserve,
        Duration::from_secs(2),
        Ok(Answer::Reserved(h.reservation(10))),
    );
    assert_eq!(h.wizard.step(), Step::Reserved);
    let held = h.wizard.shown_hold().unwrap().clone();
    assert_eq!(held.deadline, h.t0 + Duration::from_secs(602));
    h.tick(Duration::from_secs(500));
    assert_eq!(held.remaining(h.wizard.now), Duration::from_secs(102));
    assert!(
        h.wizard.next_tick_in().is_some(),
        "a running countdown ticks"
    );

    // The confirmation is open when the reservation runs out: `y` sends nothing.
    h.update(Action::Buy);
    assert!(h.wizard.modal().is_some());
    h.tick(Duration::from_secs(603));
    assert_eq!(h.update(Action::Confirm), vec![]);
    assert_eq!(h.wizard.notice().unwrap().level, NoticeLevel::Error);
    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(
        h.wizard.modal(),
        None,
        "an expired reservation opens no confirmation"
    );
    assert!(h.wizard.next_tick_in().is_none(), "nothing moves any more");
}

#[test]
fn cancelling_a_reservation_returns_to_the_numbers() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    let cancel = only(h.update(Action::Cancel));
    assert_eq!(call(&cancel), &Call::Cancel { uuid: "r-1".into() });
    let reload = only(h.answer_to(&cancel, Answer::Cancelled("cancelled".to_owned())));
    assert!(matches!(
        call(&reload),
        Call::Numbers { contains: None, .. }
    ));
    assert_eq!(h.wizard.step(), Step::Number);
    assert!(h.wizard.holds().is_empty());
}

#[test]
fn an_unknown_purchase_outcome_is_not_shown_as_bought_or_refused() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    h.update(Action::Buy);
    let purchase = only(h.update(Action::Confirm));
    h.answer_at(
        &purchase,
        Duration::from_secs(20),
        Err(ApiError::OutcomeUnknown {
            reason: "no answer within 20 s".to_owned(),
        }),
    );
    assert!(matches!(h.wizard.purchase(), Purchase::Unknown { .. }));
    assert_eq!(h.wizard.step(), Step::Done);
}

#[test]
fn a_refused_purchase_says_why_and_allows_another_try() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    h.update(Action::Buy);
    let purchase = only(h.update(Action::Confirm));
    h.answer_at(
        &purchase,
        Duration::ZERO,
        Err(ApiError::Refused {
            status: 409,
            message: "number taken".to_owned(),
        }),
    );
    assert_eq!(h.wizard.purchase(), &Purchase::Idle);
    assert!(h.wizard.notice().unwrap().text.contains("number taken"));
    assert_eq!(h.wizard.step(), Step::Review);
}

#[test]
fn the_manager_lists_cancels_and_buys_reservations() {
    let mut h = Run::unstarted();
    let listed = only(h.update(Action::Reservations));
    assert_eq!(call(&listed), &Call::Reservations);
    assert_eq!(h.wizard.input_mode(), InputMode::Commands);
    let mut reservation = h.reservation(10);
    reservation.group_id = Some(GroupId::new("abc-123"));
    // Listed as the skill document gives it: with its place and prices, so that the
    // confirmation can show them although the group was never loaded.
    reservation.facts.location = Some("Los Angeles".to_owned());
    reservation.facts.setup = Price::Known("5.00".parse().unwrap());
    reservation.facts.monthly = Price::Known("3.00".parse().unwrap());
    h.answer_to(&listed, Answer::Reservations(listing(vec![reservation])));
    assert_eq!(h.wizard.holds().len(), 1);
    assert_eq!(h.update(Action::Buy), vec![]);
    let Some(Modal::ConfirmPurchase(target)) = h.wizard.modal() else {
        panic!("no confirmation");
    };
    let shown = target
        .group
        .as_ref()
        .expect("the confirmation knows the prices");
    assert_eq!(shown.price.monthly.to_string(), "3.00");
    let purchase = only(h.update(Action::Confirm));
    assert_eq!(
        call(&purchase),
        &Call::Purchase {
            order: PurchaseOrder::new(
                GroupId::new("abc-123"),
                E164::parse("+12135551234").unwrap()
            ),
            reservation: Some("r-1".into()),
            reference: None,
            // What the confirmation showed: the listing's prices.
            prices: Some(crate::money::AgreedPrices {
                setup: Price::Known("5.00".parse().unwrap()),
                monthly: Price::Known("3.00".parse().unwrap()),
            }),
        }
    );
    assert!(h.wizard.manager_open());
    h.update(Action::Back);
    assert!(!h.wizard.manager_open(), "Esc closes the manager");
}

#[test]
fn a_listed_reservation_without_prices_is_not_bought_from_the_manager() {
    let mut h = Run::unstarted();
    let listed = only(h.update(Action::Reservations));
    let mut reservation = h.reservation(10);
    reservation.group_id = Some(GroupId::new("abc-123"));
    h.answer_to(&listed, Answer::Reservations(listing(vec![reservation])));
    assert_eq!(h.update(Action::Buy), vec![]);
    assert!(h.wizard.modal().is_none(), "no confirmation without prices");
    assert_eq!(h.update(Action::Confirm), vec![]);
    assert!(h.wizard.notice().unwrap().text.contains("prices"));
}

#[test]
fn a_hold_is_kept_when_the_listing_is_incomplete_and_shown_gone_when_it_is_not() {
    let mut h = Run::unstarted();
    let listed = only(h.update(Action::Reservations));
    h.answer_to(
        &listed,
        Answer::Reservations(listing(vec![h.reservation(10)])),
    );
    assert_eq!(h.wizard.holds().len(), 1);
    // A listing with an unreadable item says nothing about the hold: it stays as it was.
    let again = only(h.update(Action::Retry));
    let incomplete = Listing {
        items: Vec::new(),
        skipped: 1,
    };
    h.answer_to(&again, Answer::Reservations(incomplete));
    assert_eq!(h.wizard.holds().len(), 1);
    assert!(!h.wizard.holds()[0].gone);
    assert_eq!(
        h.wizard.notice().unwrap().text,
        "1 reservation could not be read: the list may be incomplete."
    );
    // A complete listing without it: gone (expired or bought elsewhere), not silently removed.
    let last = only(h.update(Action::Retry));
    h.answer_to(&last, Answer::Reservations(listing(Vec::new())));
    assert_eq!(h.wizard.holds().len(), 1);
    assert!(h.wizard.holds()[0].gone);
    assert_eq!(h.update(Action::Buy), vec![]);
    assert!(
        h.wizard.modal().is_none(),
        "a gone reservation is not bought"
    );
}

#[test]
fn a_group_that_assigns_numbers_is_reserved_first_then_bought_by_name() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("rnd-1", false)]);
    let requirements = only(h.update(Action::Choose));
    h.answer_to(&requirements, Answer::Requirements(vec![]));
    assert_eq!(h.wizard.step(), Step::Review);
    let reserve = only(h.update(Action::Buy));
    assert_eq!(
        call(&reserve),
        &Call::Reserve {
            group: GroupId::new("rnd-1"),
            number: None,
            reference: None,
        }
    );
    assert!(
        h.wizard.modal().is_none(),
        "nothing to confirm before the number is known"
    );
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(h.wizard.step(), Step::Reserved);
    let Some(Modal::ConfirmPurchase(target)) = h.wizard.modal() else {
        panic!("the confirmation opens once the number is known");
    };
    assert_eq!(target.number.as_deref(), Some("+12135551234"));
    assert!(target.reservation.is_some(), "with its countdown");
    let purchase = only(h.update(Action::Confirm));
    assert_eq!(
        call(&purchase),
        &Call::Purchase {
            order: PurchaseOrder::new(GroupId::new("rnd-1"), E164::parse("+12135551234").unwrap()),
            reservation: Some("r-1".into()),
            reference: None,
            prices: agreed(),
        }
    );
}

#[test]
fn an_expired_reservation_can_be_made_again_with_r() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(1)));
    assert_eq!(h.update(Action::Reserve), vec![], "not while it is held");
    h.tick(Duration::from_secs(61));
    let again = only(h.update(Action::Reserve));
    assert_eq!(
        call(&again),
        &Call::Reserve {
            group: GroupId::new("abc-123"),
            number: Some("+12135551234".to_owned()),
            reference: None,
        }
    );
    let mut renewed = h.reservation(10);
    renewed.uuid = "r-2".into();
    h.answer_at(
        &again,
        Duration::from_secs(62),
        Ok(Answer::Reserved(renewed)),
    );
    assert_eq!(h.wizard.step(), Step::Reserved);
    let shown = h.wizard.shown_hold().unwrap();
    assert_eq!(shown.reservation.uuid.as_str(), "r-2");
    assert!(!shown.is_expired(h.wizard.now));
}
