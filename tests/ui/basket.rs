//! Snapshots of the basket: marked numbers on the number list, the basket with each number's
//! countdown, the cost asked before reserving them, the one confirmation of their purchase,
//! and each number's outcome.

#[allow(
    dead_code,
    reason = "the snapshots of every screen use the rest of the helpers"
)]
use std::time::Duration;

use numpick::api::model::Receipt;
use numpick::protocol::{Answer, Call};
use numpick::wizard::{Action, BasketStage};
use serde_json::json;

use numpick::testkit::*;

/// The number list with its second and third numbers marked.
fn two_marked() -> Run {
    let mut run = at_numbers(8);
    run.down(1).act(Action::Mark);
    run.down(1).act(Action::Mark);
    run
}

/// The basket of [`two_marked`], both reserved a minute apart.
fn two_reserved() -> Run {
    let mut run = two_marked();
    run.act(Action::Basket)
        .act(Action::Reserve)
        .act(Action::Confirm);
    run.answer_each(|call| {
        let Call::Reserve {
            number: Some(number),
            ..
        } = call
        else {
            panic!("{call:?}");
        };
        let expires = if number.ends_with("0123") {
            "2024-01-15T11:30:00Z"
        } else {
            "2024-01-15T11:31:00Z"
        };
        Ok(Answer::Reserved(reservation(
            &format!("res-{number}"),
            number,
            "2024-01-15T11:20:00Z",
            expires,
        )))
    });
    run
}

#[test]
fn marked_numbers_on_the_list() {
    let run = two_marked();
    snap!("basket_marked_on_the_list", run);
}

#[test]
fn the_basket_and_its_reservation_question() {
    let mut run = two_marked();
    run.act(Action::Basket);
    snap!("basket_marked", run);
    run.act(Action::Reserve);
    snap!("basket_confirm_reserve", run);
}

#[test]
fn the_basket_with_each_countdown() {
    let mut run = two_reserved();
    run.wait(Duration::from_secs(75));
    snap!("basket_reserved", run);
    snap!("basket_reserved_120x40", run, 120, 40);
}

#[test]
fn the_one_confirmation_and_each_outcome() {
    let mut run = two_reserved();
    run.wait(Duration::from_secs(30)).act(Action::Buy);
    snap!("basket_confirm_buy", run);
    snap!("basket_confirm_buy_60x16", run, 60, 16);
    run.act(Action::Confirm);
    // The first is refused; the second is then sent, and bought.
    run.answer_each(|call| {
        let Call::Purchase { order, .. } = call else {
            panic!("{call:?}");
        };
        let number = order.number.to_string();
        Ok(Answer::PurchaseRefused {
            reason: "number not available".to_owned(),
            receipt: Receipt {
                body: json!({"success": true, "purchased": [], "failed": [number]}),
            },
            number,
        })
    });
    run.answer_each(|call| {
        let Call::Purchase { order, .. } = call else {
            panic!("{call:?}");
        };
        let number = order.number.to_string();
        Ok(Answer::Purchased {
            receipt: Receipt {
                body: json!({"success": true, "purchased": [number], "failed": []}),
            },
            number,
        })
    });
    let stages: Vec<&BasketStage> = (run.wizard.basket().items.iter())
        .map(|i| &i.stage)
        .collect();
    assert!(matches!(stages[0], BasketStage::Refused { .. }));
    assert_eq!(stages[1], &BasketStage::Bought);
    snap!("basket_outcomes", run);
}
