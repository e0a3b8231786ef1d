//! Snapshots of the jump by prefix: the city step saying what Enter on digits does, and a
//! prefix with no groups saying which prefix it was.

use numpick::protocol::Answer;
use numpick::testkit::*;
use numpick::wizard::Action;

#[test]
fn the_city_step_offers_the_prefix_and_an_empty_answer_names_it() {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    run.answer(Ok(los_angeles::regions())).act(Action::Choose);
    run.answer(Ok(los_angeles::cities()));
    run.type_text("+1 999");
    snap!("prefix_offered", run);
    run.act(Action::Choose);
    run.answer(Ok(Answer::Groups(listing(vec![]))));
    snap!("prefix_without_groups", run);
}
