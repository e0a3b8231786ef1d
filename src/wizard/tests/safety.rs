//! The money and reservation guarantees: settling unknown outcomes, buying only after
//! earlier purchases are settled, asking before quitting, recording expiries.

use std::time::Duration;

use super::*;
use crate::api::ApiError;
use crate::outcome::{PendingPurchase, Settlement};
use crate::protocol::{Answer, Call};
use crate::wizard::{Action, InputMode, Modal, NoticeLevel, Purchase, Quitting, Step};

fn pending(number: Option<&str>) -> PendingPurchase {
    PendingPurchase {
        intent: "intent-1".to_owned(),
        at: jiff::Timestamp::UNIX_EPOCH,
        group_id: "abc-123".to_owned(),
        number: number.map(str::to_owned),
        owned_before: None,
    }
}

/// Buys the reviewed number and answers that the outcome is unknown; returns the settle
/// command the wizard sent.
fn buy_with_unknown_outcome(h: &mut Run) -> Command {
    h.walk_to_review();
    h.update(Action::Buy);
    let purchase = only(h.update(Action::Confirm));
    let settle = only(h.answer_to(
        &purchase,
        Answer::PurchaseUnknown {
            pending: pending(Some("+12135551234")),
            reason: "no answer within 20 s".to_owned(),
        },
    ));
    assert_eq!(call(&settle), &Call::Settle(pending(Some("+12135551234"))));
    assert!(matches!(h.wizard.purchase(), Purchase::Settling { .. }));
    assert_eq!(h.wizard.step(), Step::Done);
    settle
}

#[test]
fn an_unknown_outcome_is_settled_by_asking_and_shown_as_bought_when_it_was() {
    let mut h = Run::unstarted();
    let settle = buy_with_unknown_outcome(&mut h);
    assert_eq!(h.update(Action::Buy), vec![], "nothing more while settling");
    h.answer_to(
        &settle,
        Answer::Settled {
            intent: "intent-1".to_owned(),
            settlement: Settlement::Bought {
                number: "+12135551234".to_owned(),
            },
        },
    );
    let Purchase::Bought {
        receipt, number, ..
    } = h.wizard.purchase()
    else {
        panic!("not bought: {:?}", h.wizard.purchase());
    };
    assert_eq!(receipt, &None);
    assert_eq!(number.as_deref(), Some("+12135551234"));
}

#[test]
fn a_settled_not_bought_returns_to_the_review_and_allows_a_new_decision() {
    let mut h = Run::unstarted();
    let settle = buy_with_unknown_outcome(&mut h);
    h.answer_to(
        &settle,
        Answer::Settled {
            intent: "intent-1".to_owned(),
            settlement: Settlement::NotBought {
                number: Some("+12135551234".to_owned()),
            },
        },
    );
    assert_eq!(h.wizard.purchase(), &Purchase::Idle);
    assert_eq!(h.wizard.step(), Step::Review);
    assert!(
        h.wizard
            .notice()
            .unwrap()
            .text
            .contains("did not go through")
    );
    h.update(Action::Buy);
    assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
}

#[test]
fn a_settlement_that_stays_unknown_says_so() {
    let mut h = Run::unstarted();
    let settle = buy_with_unknown_outcome(&mut h);
    h.answer_at(
        &settle,
        Duration::ZERO,
        Err(ApiError::Unreachable {
            detail: "connection refused".to_owned(),
        }),
    );
    let Purchase::Unknown { reason, .. } = h.wizard.purchase() else {
        panic!("{:?}", h.wizard.purchase());
    };
    assert!(reason.contains("checking failed"), "{reason}");
}

#[test]
fn buying_waits_until_earlier_purchases_are_settled() {
    let mut h = Run::unstarted();
    let commands = h.wizard.start(vec![pending(None)]);
    assert_eq!(commands.len(), 3);
    assert_eq!(call(&commands[0]), &Call::Reservations);
    assert_eq!(call(&commands[1]), &Call::AccountInfo);
    assert_eq!(call(&commands[2]), &Call::Settle(pending(None)));
    h.walk_to_review();
    h.update(Action::Buy);
    assert_eq!(h.wizard.modal(), None, "no confirmation before settling");
    h.answer_to(
        &commands[2],
        Answer::Settled {
            intent: "intent-1".to_owned(),
            settlement: Settlement::Bought {
                number: "+4930222".to_owned(),
            },
        },
    );
    let notice = h.wizard.notice().unwrap();
    assert!(
        notice.text.contains("+4930222 is on the account"),
        "{}",
        notice.text
    );
    h.update(Action::Buy);
    assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
}

#[test]
fn quitting_with_an_active_reservation_asks_first() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));

    h.update(Action::Quit);
    assert_eq!(h.wizard.modal(), Some(&Modal::QuitGuard));
    assert_eq!(h.wizard.input_mode(), InputMode::QuitGuard);
    assert!(!h.wizard.should_quit());
    h.update(Action::Decline);
    assert_eq!(h.wizard.modal(), None, "stay");

    h.update(Action::Quit);
    let cancels = h.update(Action::Cancel);
    assert_eq!(cancels.len(), 1);
    assert_eq!(
        h.wizard.notice().unwrap().text,
        "Cancelling 1 reservation, then quitting…"
    );
    assert_eq!(call(&cancels[0]), &Call::Cancel { uuid: "r-1".into() });
    assert!(!h.wizard.should_quit(), "waits for the cancellation");
    h.answer_to(&cancels[0], Answer::Cancelled("cancelled".to_owned()));
    assert!(h.wizard.should_quit());
}

#[test]
fn a_failed_cancellation_on_the_way_out_does_not_quit_silently() {
    let mut h = Run::unstarted();
    a_cancellation_on_the_way_out_that_fails(&mut h);
    assert!(!h.wizard.should_quit());
    assert_eq!(h.wizard.notice().unwrap().level, NoticeLevel::Error);
    h.update(Action::Quit);
    h.update(Action::KeepAndQuit);
    assert!(h.wizard.should_quit(), "keep and quit");
}

#[test]
fn quitting_with_nothing_at_stake_quits_at_once() {
    let mut h = Run::unstarted();
    h.update(Action::Quit);
    assert!(h.wizard.should_quit());
}

#[test]
fn an_expiry_is_recorded_once() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(1)));
    assert_eq!(h.tick(Duration::from_secs(30)), vec![]);
    assert_eq!(
        h.tick(Duration::from_secs(61)),
        vec![Command::RecordExpired { uuid: "r-1".into() }]
    );
    assert_eq!(h.tick(Duration::from_secs(62)), vec![]);
    h.update(Action::Quit);
    assert!(
        h.wizard.should_quit(),
        "an expired reservation is nothing at stake"
    );
}

#[test]
fn a_failure_at_start_is_shown_at_once() {
    let mut h = Run::unstarted();
    let commands = h.wizard.start(Vec::new());
    h.answer_at(
        &commands[0],
        Duration::ZERO,
        Err(ApiError::Unauthorized {
            status: 401,
            message: "Invalid API key".to_owned(),
        }),
    );
    let notice = h.wizard.notice().unwrap();
    assert_eq!(notice.level, NoticeLevel::Error);
    assert!(notice.text.contains("TWOCHAT_API_KEY"), "{}", notice.text);
}

#[test]
fn the_operator_stays_on_a_purchase_until_it_is_settled() {
    let mut h = Run::unstarted();
    buy_with_unknown_outcome(&mut h);
    for action in [Action::Choose, Action::Back, Action::Buy] {
        assert_eq!(h.update(action), vec![], "{action:?}");
        assert_eq!(h.wizard.step(), Step::Done, "{action:?}");
        assert!(
            matches!(h.wizard.purchase(), Purchase::Settling { .. }),
            "{action:?}"
        );
    }
}

#[test]
fn after_an_unknown_outcome_nothing_more_is_bought() {
    let mut h = Run::unstarted();
    let settle = buy_with_unknown_outcome(&mut h);
    h.answer_at(
        &settle,
        Duration::ZERO,
        Err(ApiError::Unreachable {
            detail: "connection refused".to_owned(),
        }),
    );
    assert!(matches!(h.wizard.purchase(), Purchase::Unknown { .. }));

    // Enter on the Done screen: browsing goes on, to another number.
    assert_eq!(h.update(Action::Choose), vec![]);
    assert_eq!(h.wizard.step(), Step::Group);
    let numbers = only(h.update(Action::Choose));
    h.answer_to(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135550000")])),
    );
    h.update(Action::Choose);
    assert_eq!(h.wizard.step(), Step::Review);

    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(h.wizard.modal(), None, "no confirmation");
    let notice = h.wizard.notice().unwrap();
    assert!(
        notice.text.contains("outcome is unknown"),
        "{}",
        notice.text
    );
    assert_eq!(h.update(Action::Confirm), vec![], "no purchase");
}

#[test]
fn nothing_is_bought_while_cancelling_to_quit() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(h.wizard.step(), Step::Reserved);
    h.update(Action::Quit);
    let cancel = only(h.update(Action::Cancel));
    assert_eq!(
        h.wizard.quitting(),
        Quitting::CancellingThenQuit { failed: false }
    );

    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(h.wizard.modal(), None, "no confirmation");
    let notice = h.wizard.notice().unwrap();
    assert!(notice.text.contains("quitting"), "{}", notice.text);
    assert_eq!(h.update(Action::Confirm), vec![], "no purchase");

    h.answer_to(&cancel, Answer::Cancelled("cancelled".to_owned()));
    assert!(h.wizard.should_quit());
}

#[test]
fn a_failed_cancellation_on_the_way_out_leaves_the_wizard_staying() {
    let mut h = Run::unstarted();
    a_cancellation_on_the_way_out_that_fails(&mut h);
    assert_eq!(h.wizard.quitting(), Quitting::No);
    h.update(Action::Buy);
    assert!(
        matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))),
        "staying, the operator may buy the reservation kept"
    );
}

#[test]
fn without_a_journal_nothing_is_bought() {
    let mut h = Run::unstarted();
    h.wizard.set_journal_unavailable();
    h.walk_to_review();
    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(h.wizard.modal(), None, "no confirmation");
    let notice = h.wizard.notice().unwrap();
    assert!(notice.text.contains("journal"), "{}", notice.text);
}

#[test]
fn an_earlier_purchase_whose_outcome_stays_unknown_keeps_buying_off() {
    let mut h = Run::unstarted();
    let commands = h.wizard.start(vec![pending(None)]);
    h.answer_at(
        &commands[2],
        Duration::ZERO,
        Err(ApiError::Unreachable {
            detail: "connection refused".to_owned(),
        }),
    );
    h.walk_to_review();
    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(h.wizard.modal(), None, "no confirmation");
    let notice = h.wizard.notice().unwrap();
    assert!(
        notice.text.contains("outcome is unknown"),
        "{}",
        notice.text
    );
}

#[test]
fn an_earlier_purchase_left_to_the_operator_keeps_buying_off_without_settling_it() {
    let mut h = Run::unstarted();
    let commands = h.wizard.start(Vec::new());
    assert!(
        !commands.iter().any(|c| matches!(call(c), Call::Settle(_))),
        "no reads are spent on it"
    );
    h.wizard.block_for_operator(1);
    let notice = h.wizard.notice().unwrap();
    assert!(
        notice.text.contains("numpick journal resolve"),
        "{}",
        notice.text
    );
    h.walk_to_review();
    assert_eq!(h.update(Action::Buy), vec![]);
    assert_eq!(h.wizard.modal(), None, "no confirmation");
}

/// A reservation held, "cancel them, then quit" asked, and the cancellation timing out; the
/// cancellation's command is returned.
fn a_cancellation_on_the_way_out_that_fails(h: &mut Run) -> crate::protocol::Command {
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    h.update(Action::Quit);
    let cancel = only(h.update(Action::Cancel));
    h.answer_at(
        &cancel,
        Duration::ZERO,
        Err(ApiError::TimedOut {
            after: Duration::from_secs(20),
        }),
    );
    cancel
}
