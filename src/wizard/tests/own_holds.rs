//! The operator's own reservations in the number lists.

use super::*;

/// Reviews `+12135551234`, reserves it, and goes back to the number list.
fn reserved_then_back_to_the_numbers(h: &mut Run) {
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    assert_eq!(h.wizard.step(), Step::Reserved);
    assert_eq!(h.update(Action::Back), vec![], "the list is still loaded");
    assert_eq!(h.wizard.step(), Step::Number);
}

#[test]
fn enter_on_a_number_held_opens_its_reservation_instead_of_reserving_again() {
    let mut h = Run::unstarted();
    reserved_then_back_to_the_numbers(&mut h);
    assert!(h.wizard.own_hold_of("+12135551234").is_some());
    assert!(h.wizard.own_hold_of("+12135550000").is_none());

    h.update(Action::Move(Move::First));
    assert_eq!(
        h.update(Action::Choose),
        vec![],
        "nothing is asked of the API"
    );
    assert_eq!(h.wizard.step(), Step::Reserved);
    assert_eq!(
        h.wizard.held.current_hold.as_ref().map(|u| u.as_str()),
        Some("r-1")
    );
    assert_eq!(h.wizard.chosen.number.as_deref(), Some("+12135551234"));

    // Another number of the list goes to its Review as usual.
    h.update(Action::Back);
    h.update(Action::Move(Move::Down));
    assert_eq!(h.update(Action::Choose), vec![]);
    assert_eq!(h.wizard.step(), Step::Review);
    assert_eq!(h.wizard.chosen.number.as_deref(), Some("+12135550000"));
}

#[test]
fn an_expired_reservation_no_longer_marks_its_number() {
    let mut h = Run::unstarted();
    reserved_then_back_to_the_numbers(&mut h);
    h.tick(Duration::from_secs(11 * 60));
    assert!(h.wizard.own_hold_of("+12135551234").is_none());
    h.update(Action::Move(Move::First));
    h.update(Action::Choose);
    assert_eq!(
        h.wizard.step(),
        Step::Review,
        "reviewed to be reserved anew"
    );
}
