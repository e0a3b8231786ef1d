//! Pasted text goes into the focused search box as text, and nowhere else.

use super::*;
use crate::api::model::GroupId;

#[test]
fn a_paste_types_into_the_search_box_cleaned() {
    let mut h = Run::unstarted();
    let commands = h.wizard.paste("Germ\r\nany\x1b[31m\n");
    assert!(commands.is_empty(), "{commands:?}");
    assert_eq!(h.wizard.search_text(), Some("Germany"));
    assert_eq!(
        h.wizard.lists.countries.selected().map(|c| c.code),
        Some("DE")
    );
    assert_eq!(h.wizard.step(), Step::Country);
}

#[test]
fn a_question_mark_pasted_is_text_not_help() {
    let mut h = Run::unstarted();
    assert!(h.wizard.paste("?").is_empty());
    assert_eq!(h.wizard.modal(), None);
    assert_eq!(h.wizard.search_text(), Some("?"));
}

#[test]
fn a_flood_of_text_is_cut_to_the_limit_and_says_so() {
    let mut h = Run::unstarted();
    assert!(h.wizard.paste(&"x".repeat(10_000)).is_empty());
    assert_eq!(h.wizard.search_text().map(str::len), Some(256));
    let notice = h.wizard.notice().expect("a notice");
    assert!(notice.text.contains("first 256 characters"), "{notice:?}");
}

#[test]
fn a_paste_on_review_neither_reserves_nor_buys() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert_eq!(h.wizard.step(), Step::Review);
    for text in ["by", "r", "b\ny\n"] {
        assert!(h.wizard.paste(text).is_empty(), "{text:?}");
        assert_eq!(h.wizard.modal(), None, "{text:?}");
        assert_eq!(h.wizard.purchase(), &Purchase::Idle);
        assert!(!h.wizard.is_reserving());
        assert_eq!(
            h.wizard.notice().map(|n| n.text.as_str()),
            Some("Paste ignored here")
        );
    }
}

#[test]
fn a_paste_in_a_confirmation_does_not_confirm() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert!(h.update(Action::Buy).is_empty());
    assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
    for text in ["y", "Y", "yes\n"] {
        assert!(h.wizard.paste(text).is_empty(), "{text:?}");
        assert!(matches!(h.wizard.modal(), Some(Modal::ConfirmPurchase(_))));
        assert_eq!(h.wizard.purchase(), &Purchase::Idle);
    }
    // The help ignores a paste too.
    h.update(Action::Decline);
    h.update(Action::Help);
    assert!(h.wizard.paste("k").is_empty());
    assert_eq!(h.wizard.modal(), Some(&Modal::Help));
}

#[test]
fn a_paste_in_the_vanity_box_narrows_at_once_and_asks_after_the_pause() {
    let mut h = Run::unstarted();
    h.walk_to_numbers();
    assert!(h.wizard.paste("555\n1").is_empty());
    assert_eq!(h.wizard.search_text(), Some("5551"));
    let list = h.wizard.lists.numbers.load.loaded().unwrap();
    assert_eq!(list.visible().len(), 1);
    let query = only(h.tick(Duration::from_millis(400)));
    assert_eq!(
        call(&query),
        &Call::Numbers {
            group: GroupId::new("abc-123"),
            contains: Some("5551".to_owned())
        }
    );
}

#[test]
fn a_paste_in_a_group_list_filters_it() {
    let mut h = Run::unstarted();
    let mut elsewhere = group("xyz-9", true);
    elsewhere.location = "San Francisco".to_owned();
    h.walk_to_groups(vec![group("abc-123", true), elsewhere]);
    assert!(h.wizard.paste("Francisco\n").is_empty());
    assert_eq!(h.wizard.search_text(), Some("Francisco"));
    let groups = h.wizard.lists.groups.load.loaded().unwrap();
    assert_eq!(groups.selected().map(|g| g.id.as_str()), Some("xyz-9"));
}
