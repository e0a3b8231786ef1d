//! What the operator reads and takes away: the copied checklist, the opening country.

use super::*;

#[test]
fn d_on_review_copies_the_checklist_once_as_text() {
    let mut h = Harness::new();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let numbers = only(h.act(Action::Choose));
    h.answer(
        &numbers,
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    let requirements = only(h.act(Action::Choose));
    let identity = json!({"id": "x-identity", "type": "identity",
                          "documents": ["passport"], "fields": ["full_name"]});
    h.answer(
        &requirements,
        Answer::Requirements(vec![identity.clone(), identity]),
    );
    assert!(h.act(Action::CopyChecklist).is_empty(), "copying asks the API nothing");
    let text = h.wizard.take_clipboard().expect("the checklist is waiting");
    assert_eq!(
        text,
        "Requirements for +1 213-555-1234 (local, Los Angeles):\n\
         1. ID\n   - Accepted: passport.\n   - Provide: full name.\n"
    );
    assert_eq!(h.wizard.take_clipboard(), None, "sent once");
}

#[test]
fn nothing_is_copied_where_no_documents_are_needed() {
    let mut h = Harness::new();
    h.walk_to_review();
    h.act(Action::CopyChecklist);
    assert_eq!(h.wizard.take_clipboard(), None);
}

#[test]
fn the_closing_summary_names_what_was_bought_and_what_is_still_reserved() {
    let mut h = Harness::new();
    assert!(h.wizard.closing_summary().is_empty(), "nothing to say");
    h.wizard.set_journal_path("/state/journal.jsonl");
    h.walk_to_review();
    let reserve = only(h.act(Action::Reserve));
    h.answer(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(
        h.wizard.closing_summary(),
        ["reserved +1 213-555-1234 · until 10:10 UTC · USD 3.50/month"]
    );
    h.act(Action::Buy);
    let purchase = only(h.act(Action::Confirm));
    let receipt = crate::api::model::Receipt {
        body: json!({"success": true, "purchased": ["+12135551234"], "failed": []}),
    };
    let number = "+12135551234".to_owned();
    h.answer(&purchase, Answer::Purchased { number, receipt });
    assert_eq!(
        h.wizard.closing_summary(),
        ["bought +1 213-555-1234 · USD 3.50/month · recorded in /state/journal.jsonl"]
    );
}
