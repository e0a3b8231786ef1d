//! The order reference set on Review and carried by every reservation and purchase of the
//! session, and the history screen read from the journal by the worker.

use super::*;
use crate::history::{History, OrderOutcome};
use crate::journal::history::orders;
use crate::protocol::{Answer, Call};
use crate::reference::Reference;
use crate::wizard::{Action, InputMode, Modal, Step};

fn reference(text: &str) -> Option<Reference> {
    Reference::parse(text).unwrap()
}

#[test]
fn the_reference_typed_on_review_goes_with_the_reservation_and_the_purchase() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert!(h.update(Action::EditReference).is_empty());
    assert_eq!(h.wizard.input_mode(), InputMode::Search { empty: false });
    // Letters type while it is edited: `b` does not buy, `r` does not reserve.
    assert!(h.type_text("  ACME br\u{7}").asked().is_empty());
    assert!(h.wizard.modal().is_none());
    let pasted = h.wizard.paste("\x1b[31m-7\n");
    assert!(pasted.is_empty());
    h.update(Action::Choose);
    assert_eq!(h.wizard.reference(), reference("ACME br-7").as_ref());
    assert_eq!(h.wizard.input_mode(), InputMode::Commands);

    let reserve = only(h.update(Action::Reserve));
    assert_eq!(
        call(&reserve),
        &Call::Reserve {
            group: "abc-123".into(),
            number: Some("+12135551234".to_owned()),
            reference: reference("ACME br-7"),
        }
    );
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(h.wizard.step(), Step::Reserved);
    h.update(Action::Buy);
    assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
    let purchase = only(h.update(Action::Confirm));
    let Call::Purchase {
        reference: sent, ..
    } = call(&purchase)
    else {
        panic!("not a purchase: {purchase:?}");
    };
    assert_eq!(sent, &reference("ACME br-7"), "remembered for the session");
}

#[test]
fn esc_leaves_the_reference_as_it_was_and_an_empty_one_clears_it() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    h.update(Action::EditReference);
    h.type_text("T-1");
    h.update(Action::Choose);
    h.update(Action::EditReference);
    h.type_text("99");
    h.update(Action::Back);
    assert_eq!(h.wizard.reference(), reference("T-1").as_ref());
    assert_eq!(h.wizard.step(), Step::Review, "Esc only closed the field");
    h.update(Action::EditReference);
    h.update(Action::Edit(InputRequest::DeleteLine));
    h.update(Action::Choose);
    assert_eq!(h.wizard.reference(), None);
    // Typing stops at the most a reference holds.
    h.update(Action::EditReference);
    h.type_text(&"x".repeat(100));
    let typed = h.wizard.reference_edit().unwrap().value().chars().count();
    assert_eq!(typed, crate::reference::MAX_REFERENCE_CHARS);
}

#[test]
fn the_history_opens_from_any_step_is_read_by_the_worker_and_searched() {
    let mut h = Run::unstarted();
    let read = only(h.update(Action::History));
    assert_eq!(call(&read), &Call::History);
    assert!(h.wizard.history().unwrap().load.is_loading());
    let lines = [
        r#"{"event":"purchase_intent","at":"2026-02-01T08:01:00Z","intent":"p-1","group_id":"g","number":"+12135550006","reservation":null,"owned_before":null,"reference":"ACME-7"}"#,
        r#"{"event":"purchase_outcome","at":"2026-02-01T08:01:01Z","intent":"p-1","outcome":{"result":"bought","number":"+12135550006","receipt":null}}"#,
        r#"{"event":"reserved","at":"2026-02-02T08:00:00Z","uuid":"r-9","group_id":"g","number":"+12135550009","expires_at":"2026-02-02T08:10:00Z"}"#,
    ];
    let entries: Vec<crate::journal::Entry> = (lines.iter())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let history = History {
        orders: orders(&entries, h.utc0),
        unreadable: 1,
    };
    h.answer_to(&read, Answer::History(history));
    let view = h.wizard.history().unwrap();
    assert_eq!(view.unreadable, 1);
    let first = view.list.selected().unwrap();
    assert_eq!(first.id, "r-9", "newest first");
    assert_eq!(first.outcome, OrderOutcome::Expired);

    // Letters search (and never reserve or buy); Esc clears, then closes.
    h.type_text("acme");
    let view = h.wizard.history().unwrap();
    assert_eq!(view.list.visible().len(), 1);
    assert_eq!(view.list.selected().unwrap().id, "p-1");
    h.update(Action::Back);
    assert_eq!(h.wizard.history().unwrap().list.visible().len(), 2);
    h.update(Action::Back);
    assert!(h.wizard.history().is_none());
    assert_eq!(h.wizard.step(), Step::Country);
}

#[test]
fn a_history_that_cannot_be_read_says_why_and_enter_reads_again() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let read = only(h.update(Action::History));
    let _ = h.wizard.apply(crate::protocol::WorkerMsg {
        id: match &read {
            Command::Call { id, .. } => *id,
            other => panic!("{other:?}"),
        },
        received_at: h.t0,
        result: Err(ApiError::NotSent {
            detail: "the journal could not be opened".to_owned(),
        }),
        from_cache: false,
    });
    let view = h.wizard.history().unwrap();
    assert!(matches!(&view.load, Load::Failed { message } if message.contains("journal")));
    let again = only(h.update(Action::Choose));
    assert_eq!(call(&again), &Call::History);
    // Ctrl-O and Ctrl-R replace it.
    let _ = h.update(Action::OwnedNumbers);
    assert!(h.wizard.history().is_none());
    assert_eq!(h.wizard.step(), Step::Review);
}
