//! F5 asks the API itself again: on the catalogue steps, what was kept from an earlier
//! session is forgotten first.

use super::*;

#[test]
fn f5_on_a_catalogue_step_forgets_the_kept_catalogue_first() {
    let mut h = Run::unstarted();
    let regions = only(h.choose_country("United States"));
    h.answer_to(
        &regions,
        Answer::Regions(listing(vec![region(123, "California")])),
    );
    let commands = h.update(Action::Retry);
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert_eq!(commands[0], Command::ForgetCatalogue);
    assert_eq!(call(&commands[1]), &Call::Regions { country: us() });
}

#[test]
fn f5_on_the_number_step_keeps_the_catalogue() {
    let mut h = Run::unstarted();
    h.walk_to_groups(vec![group("abc-123", true)]);
    let load = h.choose_group();
    h.answer_to(
        &load,
        Answer::Numbers(listing(vec![number("+12135551234")])),
    );
    let again = only(h.update(Action::Retry));
    assert!(matches!(call(&again), Call::Numbers { .. }));
}
