//! Countries the API refused, marked in the country list.

use super::*;

#[test]
fn a_country_the_api_refuses_is_marked_until_it_answers() {
    let mut h = Run::unstarted();
    let cities = only(h.choose_country("Afghanistan"));
    h.answer_at(
        &cities,
        Duration::ZERO,
        Err(crate::api::ApiError::Refused {
            status: 400,
            message: "Invalid or unsupported country 'AF'".to_owned(),
        }),
    );
    assert!(h.wizard.is_refused("AF"));
    // A passing fault is no refusal; an answer clears the mark.
    let again = only(h.update(Action::Choose));
    h.answer_at(
        &again,
        Duration::ZERO,
        Err(crate::api::ApiError::Unreachable {
            detail: "down".to_owned(),
        }),
    );
    assert!(h.wizard.is_refused("AF"));
    let third = only(h.update(Action::Choose));
    h.answer_to(&third, Answer::Cities(listing(vec![city(1, "Kabul")])));
    assert!(!h.wizard.is_refused("AF"));
}
