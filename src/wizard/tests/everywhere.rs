//! The search of every group of the place, from the group step: one pattern, the cost first,
//! a few requests at a time, Esc stopping what is not sent, completion offered for answers
//! cut short, and Enter going to Review for the number found.

use super::*;
use crate::wizard::EverywherePhase as Phase;

fn groups(count: usize) -> Vec<Group> {
    (0..count).map(|i| group(&format!("g-{i}"), true)).collect()
}

fn contains(command: &Command) -> (String, Option<String>) {
    match call(command) {
        Call::Numbers { group, contains } => (group.to_string(), contains.clone()),
        other => panic!("not a numbers call: {other:?}"),
    }
}

fn numbers(list: &[&str]) -> Answer {
    Answer::Numbers(listing(list.iter().map(|n| number(n)).collect()))
}

fn search(h: &Run) -> &Everywhere {
    h.wizard
        .lists
        .everywhere
        .as_ref()
        .expect("the search of every group is open")
}

#[test]
fn one_pattern_finds_a_number_in_a_second_group_and_enter_reviews_it() {
    let mut h = Run::unstarted();
    let mut place = groups(3);
    place.push(group("random-1", false));
    h.walk_to_groups(place);
    // The headline job from the group step: the seven digits and Enter.
    let mut keystrokes = 0;
    for c in "5551234".chars() {
        assert!(
            h.update(Action::Edit(InputRequest::InsertChar(c)))
                .is_empty()
        );
        keystrokes += 1;
    }
    let sent = h.update(Action::Choose);
    keystrokes += 1;
    assert_eq!(keystrokes, 8);
    let asked: Vec<_> = sent.iter().map(contains).collect();
    assert_eq!(
        asked,
        ["g-0", "g-1", "g-2"].map(|g| (g.to_owned(), Some("5551234".to_owned())))
    );
    assert_eq!(search(&h).phase, Phase::Running);
    assert_eq!(search(&h).random_only.len(), 1, "listed, not searched");
    assert!(h.answer_to(&sent[0], numbers(&[])).is_empty());
    assert_eq!(search(&h).first_done, 1);
    h.answer_to(&sent[1], numbers(&["+12139555123", "+12135551234"]));
    h.answer_to(&sent[2], numbers(&[]));
    let done = search(&h);
    assert_eq!(done.phase, Phase::Finished { stopped: false });
    assert!(done.is_complete());
    assert_eq!(done.rows.len(), 1, "the other number does not match");
    assert_eq!(done.credits(), 3);

    let review = only(h.update(Action::Choose));
    assert!(matches!(call(&review), Call::Requirements { .. }));
    assert_eq!(h.wizard.step, Step::Review);
    assert_eq!(h.wizard.chosen.group.as_ref().unwrap().id.as_str(), "g-1");
    assert_eq!(h.wizard.chosen.number.as_deref(), Some("+12135551234"));

    // Back from the number, the group step shows the search it was found by, and its
    // pattern, not the group's own list.
    h.update(Action::Back);
    assert_eq!(h.wizard.step, Step::Group);
    assert_eq!(search(&h).text, "5551234");
    assert_eq!(search(&h).rows.len(), 1);
    h.update(Action::Back);
    assert!(h.wizard.lists.everywhere.is_none());
    assert_eq!(h.wizard.search_text(), Some("5551234"));
}

#[test]
fn a_box_that_matches_a_group_still_chooses_it() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(3));
    h.type_text("213");
    let load = h.choose_group();
    assert_eq!(contains(&load), ("g-0".to_owned(), None));
    assert_eq!(h.wizard.step, Step::Number);
    assert!(h.wizard.lists.everywhere.is_none());
}

#[test]
fn above_the_threshold_it_asks_first_and_sends_a_few_at_a_time() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(6));
    h.type_text("777");
    assert!(
        h.update(Action::Choose).is_empty(),
        "nothing before the answer"
    );
    assert_eq!(search(&h).phase, Phase::Confirm { credits: 6 });
    assert_eq!(h.wizard.input_mode(), InputMode::Confirm);
    assert!(h.update(Action::Decline).is_empty());
    assert!(h.wizard.lists.everywhere.is_none());

    h.wizard.set_search_confirmation(10);
    let sent = h.update(Action::Choose);
    assert_eq!(sent.len(), 4, "at most four on their way");
    let next = only(h.answer_to(&sent[0], numbers(&[])));
    assert_eq!(contains(&next).0, "g-4");
}

#[test]
fn esc_stops_what_is_not_sent_and_the_list_says_it_is_partial() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(6));
    h.type_text("777");
    h.update(Action::Choose);
    let sent = h.update(Action::Confirm);
    assert_eq!(sent.len(), 4);
    assert!(h.update(Action::Back).is_empty());
    assert_eq!(search(&h).phase, Phase::Finished { stopped: true });
    // Answers already on their way still count; nothing more is sent.
    assert!(h.answer_to(&sent[0], numbers(&["+12135550777"])).is_empty());
    let stopped = search(&h);
    assert_eq!(stopped.rows.len(), 1);
    assert!(!stopped.is_complete());
    assert_eq!(
        crate::everywhere::note::incompleteness(&stopped.searches[5]).as_deref(),
        Some("not searched: the search was stopped first")
    );
}

#[test]
fn a_page_cut_short_offers_to_complete_the_search_with_its_cost() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(1));
    h.type_text("8?8?8");
    let first = only(h.update(Action::Choose));
    assert_eq!(contains(&first).1.as_deref(), Some("8"));
    // A full page of numbers containing 8, two of which match the whole pattern.
    let mut page: Vec<String> = (0..98).map(|i| format!("+1213800{i:04}")).collect();
    page.extend(["+12138283848".to_owned(), "+12130818181".to_owned()]);
    let page: Vec<&str> = page.iter().map(String::as_str).collect();
    h.answer_to(&first, numbers(&page));
    let offered = search(&h);
    assert_eq!(offered.phase, Phase::OfferCompletion { credits: 10 });
    assert!(!offered.is_complete());
    assert_eq!(
        crate::everywhere::note::count(offered.rows.len(), offered.is_complete()),
        "2 numbers so far (there may be more)"
    );

    let mut on_the_way = h.update(Action::Confirm);
    let mut asked = Vec::new();
    while let Some(command) = on_the_way.pop() {
        let digits = contains(&command).1.unwrap();
        let answer = if digits == "838" {
            numbers(&["+12138283848", "+12138883838"])
        } else {
            numbers(&[])
        };
        asked.push(digits);
        on_the_way.extend(h.answer_to(&command, answer));
    }
    asked.sort();
    assert_eq!(
        asked,
        [
            "808", "818", "828", "838", "848", "858", "868", "878", "888", "898"
        ]
    );
    let complete = search(&h);
    assert_eq!(complete.phase, Phase::Finished { stopped: false });
    assert!(complete.is_complete());
    assert_eq!(complete.rows.len(), 3);
    assert_eq!(complete.credits(), 11);
}

#[test]
fn the_pattern_follows_the_operator_to_the_next_group() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(2));
    let first = h.choose_group();
    h.answer_to(&first, numbers(&["+12130000001"]));
    h.type_text("777");
    // Esc clears the box, Esc goes back, ↓ Enter: the next group, with the pattern in place.
    h.update(Action::Back);
    h.update(Action::Back);
    h.update(Action::Move(Move::Down));
    let second = only(h.update(Action::Choose));
    assert_eq!(contains(&second), ("g-1".to_owned(), None));
    h.answer_to(&second, numbers(&["+12130000002"]));
    assert_eq!(h.wizard.search_text(), Some("777"));
    let vanity = only(h.tick(VANITY_DEBOUNCE));
    assert_eq!(
        contains(&vanity),
        ("g-1".to_owned(), Some("777".to_owned()))
    );
}

#[test]
fn enter_on_a_number_box_without_a_match_searches_every_group() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(3));
    let load = h.choose_group();
    h.answer_to(&load, numbers(&["+12130000001"]));
    h.type_text("5551234");
    let asked = only(h.tick(VANITY_DEBOUNCE));
    h.answer_to(&asked, numbers(&[]));
    let sent = h.update(Action::Choose);
    assert_eq!(h.wizard.step, Step::Group);
    assert_eq!(sent.len(), 3, "{sent:?}");
    assert!(
        sent.iter()
            .all(|c| contains(c).1.as_deref() == Some("5551234"))
    );
    assert_eq!(search(&h).text, "5551234");
}

#[test]
fn the_best_match_stays_on_top_as_answers_arrive_until_the_operator_moves() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(3));
    h.type_text("555");
    let sent = h.update(Action::Choose);
    // The first answer holds a match far from the end; the next holds one at the end.
    h.answer_to(&sent[0], numbers(&["+12135550001", "+12135550002"]));
    h.answer_to(&sent[1], numbers(&["+13105551555"]));
    assert_eq!(search(&h).cursor, 0);
    let (group, number) = search(&h).selected().unwrap();
    assert_eq!(
        (group.id.as_str(), number.number.as_str()),
        ("g-1", "+13105551555")
    );

    // Once the operator moves, the number they moved to stays highlighted.
    h.update(Action::Move(Move::Down));
    let chosen = search(&h).selected().unwrap().1.number.clone();
    h.answer_to(&sent[2], numbers(&["+13235559555"]));
    assert_eq!(search(&h).selected().unwrap().1.number, chosen);
    assert_eq!(search(&h).cursor, 2, "a better match arrived above it");
}

#[test]
fn an_answer_the_worker_kept_from_before_costs_no_credit() {
    let mut h = Run::unstarted();
    h.walk_to_groups(groups(2));
    h.type_text("555");
    let sent = h.update(Action::Choose);
    assert_eq!(search(&h).credits(), 2, "counted as they are asked");
    h.answer_to(&sent[0], numbers(&["+12135551555"]));
    let Command::Call { id, .. } = &sent[1] else {
        panic!("not a call: {:?}", sent[1]);
    };
    let _ = h.wizard.apply(crate::protocol::WorkerMsg {
        id: *id,
        received_at: h.t0,
        result: Ok(numbers(&["+13105550000"])),
        from_cache: true,
    });
    assert_eq!(search(&h).phase, Phase::Finished { stopped: false });
    assert_eq!(
        search(&h).credits(),
        1,
        "the second answer was the worker's kept one"
    );
}
