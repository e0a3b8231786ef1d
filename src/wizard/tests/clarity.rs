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
