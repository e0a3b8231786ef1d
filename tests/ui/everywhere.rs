//! Snapshots of the search of every group: the cost asked first, the progress in place, and
//! the merged list with the group that only assigns numbers at random at the end.

#[allow(
    dead_code,
    reason = "the snapshots of every screen use the rest of the helpers"
)]
use numpick::protocol::{Answer, Command, WorkerMsg};
use numpick::wizard::Action;
use serde_json::json;

use numpick::testkit::*;

fn answer(run: &mut Run, command: &Command, numbers: &[&str]) -> Vec<Command> {
    let Command::Call { id, .. } = command else {
        panic!("not a call: {command:?}");
    };
    let items = (numbers.iter().enumerate())
        .map(|(i, n)| decode(json!({"id": format!("did-{i}"), "number": n})))
        .collect();
    let now = run.now();
    run.wizard.apply(WorkerMsg {
        id: *id,
        received_at: now,
        result: Ok(Answer::Numbers(listing(items))),
        from_cache: false,
    })
}

#[test]
fn every_group_searched_at_once() {
    let mut run = at_groups();
    run.wizard.set_search_confirmation(1);
    run.type_text("5550");
    // No group matches the digits: the screen says what Enter would search, and its cost.
    snap!("everywhere_offered", run);
    run.act(Action::Choose);
    snap!("everywhere_confirm", run);

    let sent = run.wizard.update(Action::Confirm);
    assert_eq!(sent.len(), 2, "the two groups that let a number be picked");
    answer(&mut run, &sent[0], &["+12135550123", "+12139875550"]);
    snap!("everywhere_running", run);

    answer(&mut run, &sent[1], &["+14245550000"]);
    snap!("everywhere_done", run);
}

#[test]
fn a_first_page_is_never_called_a_count() {
    let mut run = at_groups();
    let page = |len: usize| {
        let items = (0..len)
            .map(|i| decode(json!({"id": format!("did-{i}"), "number": format!("+1213800{i:04}")})))
            .collect();
        Ok(Answer::Numbers(listing(items)))
    };
    run.act(Action::Choose).answer(page(100));
    run.answer_prefetched(Ok(Answer::Requirements(vec![])));
    snap!("numbers_first_page", run);
    run.type_text("8?8?8");
    run.wait(numpick::wizard::VANITY_DEBOUNCE);
    run.answer(page(100));
    snap!("numbers_no_match_in_a_first_page", run);

    // Enter searches every group; each answers a full page, so completing is offered, with
    // why on a line of its own and its cost beside the keys.
    let sent = run.wizard.update(Action::Choose);
    let full: Vec<String> = (0..100).map(|i| format!("+1310800{i:04}")).collect();
    let full: Vec<&str> = full.iter().map(String::as_str).collect();
    for command in &sent {
        answer(&mut run, command, &full);
    }
    snap!("everywhere_completion_offered", run, 120, 16);
}

#[test]
fn a_search_that_finds_nothing_says_so_and_offers_no_row_keys() {
    let mut run = at_groups();
    run.type_text("5551234");
    let sent = run.wizard.update(Action::Choose);
    for command in &sent {
        answer(&mut run, command, &[]);
    }
    snap!("everywhere_nothing_found", run);
}

#[test]
fn nothing_found_among_pages_cut_short_is_never_told_as_none() {
    let mut run = at_groups();
    run.type_text("5551234");
    let sent = run.wizard.update(Action::Choose);
    // Full pages for the whole pattern: nothing matches, and nothing narrower can be asked.
    let full: Vec<String> = (0..100).map(|i| format!("+1310555{i:04}")).collect();
    let full: Vec<&str> = full.iter().map(String::as_str).collect();
    for command in &sent {
        answer(&mut run, command, &full);
    }
    snap!("everywhere_nothing_found_so_far", run, 120, 16);
}
