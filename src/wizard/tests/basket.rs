//! The basket: marking across groups, reserving every marked number, and buying them all
//! after one confirmation, one purchase at a time.

use serde_json::json;

use super::*;
use crate::api::model::Receipt;
use crate::outcome::PendingPurchase;
use crate::outcome::Settlement;
use crate::wizard::{BasketAsk, BasketStage, InputMode};

const FIRST: &str = "+12135550001";
const SECOND: &str = "+12135550002";

/// The number step of group `abc-123` with two numbers, both marked.
fn two_marked(h: &mut Run) {
    h.walk_to_groups(vec![group("abc-123", true)]);
    let load = h.choose_group();
    h.answer_to(
        &load,
        Answer::Numbers(listing(vec![number(FIRST), number(SECOND)])),
    );
    assert_eq!(h.wizard.input_mode(), InputMode::Numbers);
    h.update(Action::Mark);
    h.update(Action::Move(Move::Down));
    h.update(Action::Mark);
    assert_eq!(h.wizard.basket().len(), 2);
}

fn receipt(bought: &[&str], failed: &[&str]) -> Receipt {
    Receipt {
        body: json!({"success": true, "purchased": bought, "failed": failed}),
    }
}

fn purchased(number: &str) -> Answer {
    Answer::Purchased {
        number: number.to_owned(),
        receipt: receipt(&[number], &[]),
    }
}

fn refused(number: &str) -> Answer {
    Answer::PurchaseRefused {
        number: number.to_owned(),
        reason: "number not available".to_owned(),
        receipt: receipt(&[], &[number]),
    }
}

fn purchased_number(command: &Command) -> String {
    match call(command) {
        Call::Purchase { order, .. } => order.number.to_string(),
        other => panic!("not a purchase: {other:?}"),
    }
}

fn stage(h: &Run, number: &str) -> BasketStage {
    h.wizard.basket().item(number).unwrap().stage.clone()
}

fn reserved(h: &Run, uuid: &str, number: &str) -> Answer {
    Answer::Reserved(Reservation {
        uuid: uuid.into(),
        number: number.to_owned(),
        ..h.reservation(15)
    })
}

#[test]
fn space_marks_and_unmarks_and_marks_stay_across_groups() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Mark);
    assert_eq!(h.wizard.basket().len(), 1, "Space again unmarks");
    assert!(h.wizard.basket().is_marked(FIRST));
    // Another group: its number joins the first group's in the basket.
    h.update(Action::Back);
    let mut other = group("def-456", true);
    other.location = "Pasadena".to_owned();
    if let Some(picker) = h.wizard.lists.groups.load.loaded_mut() {
        let mut items = picker.items().to_vec();
        items.push(other);
        *picker = Picker::new(items);
        picker.move_cursor(Move::Down);
    }
    let load = only(h.update(Action::Choose));
    h.answer_to(
        &load,
        Answer::Numbers(listing(vec![number("+16265550003")])),
    );
    h.update(Action::Mark);
    let groups: Vec<&str> = (h.wizard.basket().items.iter())
        .map(|i| i.group.id.as_str())
        .collect();
    assert_eq!(groups, ["abc-123", "def-456"]);
}

#[test]
fn r_asks_the_cost_then_reserves_each_marked_number_with_its_own_countdown() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    assert!(h.update(Action::Basket).is_empty());
    assert!(
        h.update(Action::Reserve).is_empty(),
        "nothing before the answer"
    );
    assert_eq!(
        h.wizard.basket().ask,
        Some(BasketAsk::Reserve {
            numbers: vec![FIRST.to_owned(), SECOND.to_owned()]
        })
    );
    assert_eq!(h.wizard.input_mode(), InputMode::Confirm);
    assert!(
        h.update(Action::Choose).is_empty(),
        "Enter does not reserve"
    );
    let sent = h.update(Action::Confirm);
    let asked: Vec<&Call> = sent.iter().map(call).collect();
    let group = crate::api::model::GroupId::new("abc-123");
    assert_eq!(
        asked,
        [
            &Call::Reserve {
                group: group.clone(),
                number: Some(FIRST.to_owned()),
                reference: None,
            },
            &Call::Reserve {
                group,
                number: Some(SECOND.to_owned()),
                reference: None,
            },
        ]
    );
    h.answer_to(&sent[0], reserved(&h, "r-1", FIRST));
    h.answer_at(
        &sent[1],
        Duration::from_secs(30),
        Ok(reserved(&h, "r-2", SECOND)),
    );
    let basket = h.wizard.basket();
    let first = h.wizard.basket_hold(basket.item(FIRST).unwrap()).unwrap();
    let second = h.wizard.basket_hold(basket.item(SECOND).unwrap()).unwrap();
    let now = h.t0 + Duration::from_secs(60);
    assert_eq!(first.remaining(now), Duration::from_secs(14 * 60));
    assert_eq!(second.remaining(now), Duration::from_secs(14 * 60 + 30));
    assert_eq!(
        h.wizard.holds().len(),
        2,
        "the manager and quit guard see them"
    );
}

#[test]
fn b_buys_the_basket_after_one_confirmation_one_purchase_at_a_time() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Basket);
    assert!(h.update(Action::Buy).is_empty());
    assert!(matches!(h.wizard.basket().ask, Some(BasketAsk::Buy { .. })));
    assert!(h.update(Action::Choose).is_empty(), "Enter never buys");
    let first = only(h.update(Action::Confirm));
    assert_eq!(purchased_number(&first), FIRST);
    assert!(
        h.update(Action::Buy).is_empty(),
        "no second confirmation opens while the basket is bought"
    );
    assert_eq!(stage(&h, SECOND), BasketStage::Queued);
    let second = only(h.answer_to(&first, refused(FIRST)));
    assert_eq!(
        purchased_number(&second),
        SECOND,
        "a refusal does not stop it"
    );
    assert!(h.answer_to(&second, purchased(SECOND)).is_empty());
    assert!(matches!(stage(&h, FIRST), BasketStage::Refused { .. }));
    assert_eq!(stage(&h, SECOND), BasketStage::Bought);
    let list = h.wizard.lists.numbers.load.loaded().unwrap();
    let offered: Vec<&str> = list.items().iter().map(|n| n.number.as_str()).collect();
    assert_eq!(offered, [FIRST], "the bought number is no longer offered");
    assert!(
        h.wizard
            .notice()
            .unwrap()
            .text
            .contains("1 bought, 1 not bought"),
        "{:?}",
        h.wizard.notice()
    );
    assert_eq!(
        h.wizard.step(),
        Step::Number,
        "the basket shows the outcomes"
    );
}

#[test]
fn a_reserved_number_is_bought_with_its_reservation() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Basket);
    h.update(Action::Reserve);
    let sent = h.update(Action::Confirm);
    h.answer_to(&sent[0], reserved(&h, "r-1", FIRST));
    h.answer_to(&sent[1], reserved(&h, "r-2", SECOND));
    h.update(Action::Buy);
    let first = only(h.update(Action::Confirm));
    let Call::Purchase { reservation, .. } = call(&first) else {
        panic!()
    };
    assert_eq!(reservation.as_ref().map(|r| r.as_str()), Some("r-1"));
    h.answer_to(&first, purchased(FIRST));
    assert_eq!(
        h.wizard.holds().len(),
        1,
        "the bought reservation is used up"
    );
}

fn pending(number: &str) -> PendingPurchase {
    PendingPurchase {
        intent: format!("intent-{number}"),
        at: jiff::Timestamp::UNIX_EPOCH,
        group_id: "abc-123".to_owned(),
        number: Some(number.to_owned()),
        owned_before: None,
    }
}

fn unknown(number: &str) -> Answer {
    Answer::PurchaseUnknown {
        pending: pending(number),
        reason: "no answer within 20 s".to_owned(),
    }
}

fn settled(number: &str, settlement: Settlement) -> Answer {
    Answer::Settled {
        intent: format!("intent-{number}"),
        settlement,
    }
}

#[test]
fn an_unknown_outcome_is_settled_before_the_next_purchase_is_sent() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Basket);
    h.update(Action::Buy);
    let first = only(h.update(Action::Confirm));
    let settle = only(h.answer_to(&first, unknown(FIRST)));
    assert_eq!(call(&settle), &Call::Settle(pending(FIRST)));
    assert_eq!(stage(&h, FIRST), BasketStage::Settling);
    assert!(h.wizard.purchase_pending(), "the quit guard asks meanwhile");
    let bought = Settlement::Bought {
        number: FIRST.to_owned(),
    };
    let second = only(h.answer_to(&settle, settled(FIRST, bought)));
    assert_eq!(purchased_number(&second), SECOND);
    assert_eq!(stage(&h, FIRST), BasketStage::Bought);
}

#[test]
fn an_outcome_that_stays_unknown_stops_the_rest_as_the_buy_rule_says() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Basket);
    h.update(Action::Buy);
    let first = only(h.update(Action::Confirm));
    let settle = only(h.answer_to(&first, unknown(FIRST)));
    let still = Settlement::Unknown {
        reason: "not on the account yet".to_owned(),
    };
    assert!(h.answer_to(&settle, settled(FIRST, still)).is_empty());
    assert!(matches!(stage(&h, FIRST), BasketStage::Unknown { .. }));
    let BasketStage::NotSent { reason } = stage(&h, SECOND) else {
        panic!("{:?}", stage(&h, SECOND));
    };
    assert_eq!(reason, crate::buy_rule::Refusal::OutcomeUnknown.to_string());
}

#[test]
fn the_buy_rule_is_asked_before_the_confirmation_opens() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.wizard.block_for_operator(1);
    h.update(Action::Basket);
    assert!(h.update(Action::Buy).is_empty());
    assert_eq!(h.wizard.basket().ask, None);
    assert_eq!(h.wizard.notice().unwrap().level, NoticeLevel::Warning);
}

#[test]
fn a_number_without_its_reservation_answer_is_not_reserved_and_says_why() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Basket);
    h.update(Action::Reserve);
    let sent = h.update(Action::Confirm);
    h.answer_to(&sent[0], reserved(&h, "r-1", FIRST));
    h.answer_at(
        &sent[1],
        Duration::ZERO,
        Err(ApiError::Refused {
            status: 409,
            message: "number not available".to_owned(),
        }),
    );
    assert!(matches!(stage(&h, SECOND), BasketStage::NotReserved { .. }));
    // `r` again offers only the number still without a reservation.
    h.update(Action::Reserve);
    assert_eq!(
        h.wizard.basket().ask,
        Some(BasketAsk::Reserve {
            numbers: vec![SECOND.to_owned()]
        })
    );
}

#[test]
fn the_search_of_every_group_marks_and_opens_the_basket_with_r() {
    let mut h = Run::unstarted();
    two_marked(&mut h);
    h.update(Action::Back);
    assert_eq!(h.wizard.step(), Step::Group);
    h.type_text("555");
    let query = only(h.update(Action::Choose));
    assert!(h.wizard.lists.everywhere.is_some());
    h.answer_to(
        &query,
        Answer::Numbers(listing(vec![number("+12135550555")])),
    );
    assert_eq!(h.wizard.input_mode(), InputMode::Commands);
    h.update(Action::Mark);
    assert!(h.wizard.basket().is_marked("+12135550555"));
    assert_eq!(h.wizard.basket().len(), 3);
    h.update(Action::Reserve);
    assert!(h.wizard.basket().open);
    assert!(matches!(
        h.wizard.basket().ask,
        Some(BasketAsk::Reserve { ref numbers }) if numbers.len() == 3
    ));
}
