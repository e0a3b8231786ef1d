//! A reservation adopted after its answer was lost is kept and shown, with a notice that says
//! what happened.

use super::*;

#[test]
fn an_adopted_reservation_is_held_and_a_notice_says_its_answer_was_lost() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    let reservation = h.reservation(10);
    h.answer_to(
        &reserve,
        Answer::ReservedAfterLostAnswer {
            reservation,
            lost: "the request timed out".to_owned(),
        },
    );
    assert_eq!(
        h.wizard.step(),
        Step::Reserved,
        "shown like any reservation"
    );
    assert_eq!(
        h.wizard.holds().len(),
        1,
        "held, so the quit guard asks about it"
    );
    let notice = h.wizard.chrome.notice.clone().expect("a notice");
    assert_eq!(notice.level, NoticeLevel::Warning);
    assert_eq!(
        notice.text,
        "Reserved +1 213-555-1234, though its answer could not be read (the request timed \
         out): it was found in your reservations, and is kept."
    );
}

#[test]
fn a_reservation_answered_as_usual_has_no_such_notice() {
    let mut h = Run::unstarted();
    h.walk_to_review();
    let reserve = only(h.update(Action::Reserve));
    h.answer_to(&reserve, Answer::Reserved(h.reservation(10)));
    let notice = h.wizard.chrome.notice.as_ref().map(|n| n.text.as_str());
    assert!(
        !notice.is_some_and(|text| text.contains("could not be read")),
        "{notice:?}"
    );
}
