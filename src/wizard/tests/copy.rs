//! Ctrl-Y copies what the screen is about, and Ctrl-E shows the command line of Review.

use super::*;

/// The text waiting for the clipboard and the notice that says so.
fn copied(h: &mut Run) -> (Option<String>, String) {
    let notice = h.wizard.chrome.notice.as_ref().map(|n| n.text.clone());
    (h.wizard.take_clipboard(), notice.unwrap_or_default())
}

#[test]
fn on_the_number_list_the_highlighted_number_is_copied_in_e164() {
    let mut h = Run::unstarted();
    h.walk_to_numbers();
    h.update(Action::Move(Move::Down));
    assert!(
        h.update(Action::Copy).is_empty(),
        "copying asks the API nothing"
    );
    let (text, notice) = copied(&mut h);
    assert_eq!(text.as_deref(), Some("+12135550000"));
    assert_eq!(
        notice,
        "Copied +1 213-555-0000 to the clipboard (through the terminal)."
    );
    assert_eq!(h.wizard.take_clipboard(), None, "sent once");
}

#[test]
fn on_review_the_number_and_on_reserved_the_reservations_uuid() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    h.update(Action::Copy);
    assert_eq!(copied(&mut h).0.as_deref(), Some("+12135551234"));
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(h.wizard.step(), Step::Reserved);
    h.update(Action::Copy);
    let (text, notice) = copied(&mut h);
    assert_eq!(text.as_deref(), Some("r-1"));
    assert!(
        notice.contains("the reservation's UUID of +1 213-555-1234"),
        "{notice}"
    );
}

#[test]
fn in_the_manager_the_highlighted_reservations_uuid() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    let listing_call = h.update(Action::Reservations);
    for command in &listing_call {
        h.answer_to(
            command,
            Answer::Reservations(listing(vec![h.reservation(10)])),
        );
    }
    h.update(Action::Copy);
    assert_eq!(copied(&mut h).0.as_deref(), Some("r-1"));
}

#[test]
fn after_a_purchase_the_receipt_is_copied() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    h.update(Action::Buy);
    let purchase = only(h.update(Action::Confirm));
    let receipt = crate::api::model::Receipt {
        body: json!({"success": true, "purchased": ["+12135551234"], "order": "o-77"}),
    };
    let number = "+12135551234".to_owned();
    h.answer_to(&purchase, Answer::Purchased { number, receipt });
    assert_eq!(h.wizard.step(), Step::Done);
    h.update(Action::Copy);
    let (text, notice) = copied(&mut h);
    let text = text.expect("the receipt");
    assert!(
        text.starts_with("Bought +12135551234 (group abc-123)\n"),
        "{text}"
    );
    assert!(text.contains("order: o-77\n"), "{text}");
    assert!(notice.starts_with("Copied the receipt"), "{notice}");
}

#[test]
fn where_there_is_nothing_to_copy_a_notice_says_so() {
    let mut h = Run::unstarted();
    h.update(Action::Copy);
    let (text, notice) = copied(&mut h);
    assert_eq!(text, None);
    assert_eq!(notice, "Nothing to copy here.");
}

#[test]
fn ctrl_e_on_review_shows_the_buy_command_and_ctrl_y_copies_it() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    assert!(h.update(Action::ShowCommand).is_empty());
    let line = "numpick buy abc-123 --number +12135551234 --country US --region 123 --sandbox";
    assert_eq!(h.wizard.command_line(), Some(line));
    // While it is shown, letters do not act on Review: `b` only closes it.
    h.update(Action::Copy);
    assert_eq!(copied(&mut h).0.as_deref(), Some(line));
    // Any key closes it, even one that means nothing on Review (read as in the help).
    assert_eq!(h.wizard.input_mode(), InputMode::Help);
    let x = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('x'));
    let close = crate::keymap::action_for(x, h.wizard.input_mode()).expect("an action");
    assert!(h.update(close).is_empty());
    assert_eq!(h.wizard.command_line(), None);
    h.update(Action::ShowCommand);
    assert!(h.update(Action::Buy).is_empty());
    assert_eq!(h.wizard.command_line(), None);
    assert!(h.wizard.chrome.modal.is_none(), "no purchase was asked for");
}

#[test]
fn the_command_line_never_holds_the_key_nor_credentials_of_the_address() {
    let mut h = Run::unstarted();
    h.wizard.backend = Backend::Live;
    h.wizard
        .set_endpoint("https://ops:secret-key@numbers.example.com".to_owned());
    h.walk_to_review();
    let line = h.wizard.buy_command_line().expect("a group on Review");
    assert_eq!(
        line,
        "numpick buy abc-123 --number +12135551234 --country US --region 123 \
         --base-url https://numbers.example.com/"
    );
    for secret in ["secret", "key", "TWOCHAT_API_KEY", "ops"] {
        assert!(!line.contains(secret), "{secret} in {line}");
    }
}

#[test]
fn a_group_without_number_choice_buys_what_numpick_buy_reserves() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("it's random", false)]);
    let requirements = only(h.update(Action::Choose));
    h.answer_to(&requirements, Answer::Requirements(vec![]));
    assert_eq!(h.wizard.step(), Step::Review);
    assert_eq!(
        h.wizard.buy_command_line().as_deref(),
        Some(r"numpick buy 'it'\''s random' --country US --region 123 --sandbox")
    );
}

#[test]
fn the_command_line_is_shown_on_review_only() {
    let mut h = Run::unstarted();
    h.update(Action::ShowCommand);
    assert_eq!(h.wizard.command_line(), None);
    assert!(
        h.wizard
            .chrome
            .notice
            .as_ref()
            .is_some_and(|n| n.text.contains("Review")),
        "a notice says where it is"
    );
}
