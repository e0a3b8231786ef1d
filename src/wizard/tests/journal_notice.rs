//! Unreadable journal lines are reported, and take nothing away.

use super::*;

#[test]
fn unreadable_journal_lines_are_reported_and_buying_stays_possible() {
    let mut h = Run::unstarted();
    let start = h.wizard.start(Vec::new());
    assert_eq!(start.len(), 2, "reservations and account info: {start:?}");
    h.wizard.warn_unreadable_journal(3);
    let notice = h.wizard.notice().expect("a notice");
    assert_eq!(notice.level, NoticeLevel::Warning);
    assert_eq!(
        notice.text,
        "3 journal lines could not be read and were skipped"
    );
    h.walk_to_review();
    assert!(h.update(Action::Buy).is_empty());
    let purchase = only(h.update(Action::Confirm));
    assert!(
        matches!(call(&purchase), Call::Purchase { .. }),
        "{purchase:?}"
    );
}

#[test]
fn earlier_purchases_left_alone_or_unsettled_are_counted_in_words() {
    let mut h = Run::unstarted();
    h.wizard.note_left_alone(1);
    assert!(
        (h.wizard.notice().unwrap().text)
            .starts_with("1 earlier purchase is pending elsewhere (another account, API address or running numpick) and was left alone"),
        "{:?}",
        h.wizard.notice()
    );
    h.wizard.note_left_alone(2);
    assert!(
        (h.wizard.notice().unwrap().text)
            .starts_with("2 earlier purchases are pending elsewhere (another account, API address or running numpick) and were left alone"),
        "{:?}",
        h.wizard.notice()
    );
    h.wizard.block_for_operator(1);
    assert!(
        (h.wizard.notice().unwrap().text).starts_with("1 earlier purchase could not be settled:"),
        "{:?}",
        h.wizard.notice()
    );
    assert!(
        h.wizard.outcome_unknown(),
        "buying is off until it is resolved"
    );
}
