//! Snapshots of the order reference on Review (set, being typed, and in the purchase's
//! confirmation) and of the history screen (Ctrl-T): loading, read with every kind of order
//! and an unreadable line, searched.

use numpick::history::History;
use numpick::journal::Entry;
use numpick::journal::history::orders;
use numpick::protocol::Answer;
use numpick::wizard::Action;

use numpick::testkit::*;

/// A journal with a reservation held, one bought with its reference, a refused purchase, a
/// purchase whose outcome stayed unknown and a release.
const JOURNAL: &[&str] = &[
    r#"{"event":"reserved","at":"2024-01-12T09:00:00Z","uuid":"r-1","group_id":"us-ca-la-local-1","number":"+12135550101","expires_at":"2024-01-12T09:10:00Z","reference":"ACME-7"}"#,
    r#"{"event":"purchase_intent","at":"2024-01-12T09:01:00Z","intent":"p-1","group_id":"us-ca-la-local-1","number":"+12135550101","reservation":"r-1","owned_before":null,"prices":{"setup":"1.00","monthly":"3.50"},"reference":"ACME-7"}"#,
    r#"{"event":"purchase_outcome","at":"2024-01-12T09:01:01Z","intent":"p-1","outcome":{"result":"bought","number":"+12135550101","receipt":null},"reference":"ACME-7"}"#,
    r#"{"event":"purchase_intent","at":"2024-01-13T10:00:00Z","intent":"p-2","group_id":"de-ber-local-1","number":"+493012345678","reservation":null,"owned_before":null,"prices":{"setup":"0.00","monthly":"2.00"},"reference":"Ticket 42"}"#,
    r#"{"event":"purchase_outcome","at":"2024-01-13T10:00:01Z","intent":"p-2","outcome":{"result":"refused","number":"+493012345678","reason":"the number is no longer available","receipt":null}}"#,
    r#"{"event":"purchase_intent","at":"2024-01-14T08:00:00Z","intent":"p-3","group_id":"us-ca-la-local-1","number":"+12135550199","reservation":null,"owned_before":null}"#,
    r#"{"event":"purchase_outcome","at":"2024-01-14T08:00:30Z","intent":"p-3","outcome":{"result":"unknown","reason":"timed out"}}"#,
    r#"{"event":"release_intent","at":"2024-01-15T08:00:00Z","intent":"release-1","uuid":"DID1","number":"+12135550101"}"#,
    r#"{"event":"release_outcome","at":"2024-01-15T08:00:01Z","intent":"release-1","outcome":{"result":"released"}}"#,
    r#"{"event":"reserved","at":"2024-01-15T11:15:00Z","uuid":"r-2","group_id":"us-ca-la-local-1","number":"+12135550123","expires_at":"2024-01-15T11:25:00Z"}"#,
];

fn history() -> History {
    let entries: Vec<Entry> = (JOURNAL.iter())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    History {
        orders: orders(&entries, "2024-01-15T11:20:00Z".parse().unwrap()),
        unreadable: 1,
    }
}

#[test]
fn the_history_screen() {
    let mut run = at_groups();
    run.act(Action::History);
    snap!("history_loading", run);
    run.answer(Ok(Answer::History(history())));
    snap!("history_loaded", run);
    snap!("history_loaded_120x40", run, 120, 40);
    snap!("history_loaded_60x16", run, 60, 16);
    run.type_text("acme");
    snap!("history_searched", run);
}

#[test]
fn the_reference_on_review() {
    let mut run = at_review(vec![]);
    run.act(Action::EditReference).type_text("Ticket 4");
    snap!("review_reference_typing", run);
    let mut terminal = run.draw(80, 24);
    // The action line, after "Reference: " and the eight characters typed.
    terminal.backend_mut().assert_cursor_position((21, 20));
    run.type_text("2").act(Action::Choose);
    snap!("review_reference_set", run);
    run.act(Action::Buy);
    snap!("confirm_purchase_with_reference", run);
}
