//! The number step behaves as a filter should: a changed pattern highlights its best match,
//! `?` is typed rather than opening the help, and Tab (memorable first) works with a pattern.

use super::*;

fn at_numbers(h: &mut Run, list: &[&str]) {
    h.walk_to_groups(vec![group("abc-123", true)]);
    let load = h.choose_group();
    let items = list.iter().map(|n| number(n)).collect();
    h.answer_to(&load, Answer::Numbers(listing(items)));
}

fn highlighted(h: &Run) -> Option<String> {
    let list = h.wizard.lists.numbers.load.loaded()?;
    list.selected().map(|n| n.number.clone())
}

#[test]
fn a_changed_pattern_highlights_its_best_match() {
    let mut h = Run::unstarted();
    at_numbers(
        &mut h,
        &[
            "+12130000001",
            "+12135550002",
            "+12139990555",
            "+12135557777",
        ],
    );
    h.update(Action::Move(Move::Down));
    h.update(Action::Move(Move::Down));
    h.type_text("555");
    // Ending in 555 ranks first; the highlight is there, not left on the third row.
    assert_eq!(highlighted(&h).as_deref(), Some("+12139990555"));
}

#[test]
fn a_question_mark_is_typed_into_the_vanity_box() {
    let mut h = Run::unstarted();
    at_numbers(&mut h, &["+12130000001"]);
    assert_eq!(h.wizard.input_mode(), InputMode::Numbers);
    let key = crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('?'),
        crossterm::event::KeyModifiers::NONE,
    );
    assert_eq!(
        crate::keymap::action_for(key, h.wizard.input_mode()),
        Some(Action::Edit(InputRequest::InsertChar('?')))
    );
}

#[test]
fn tab_lists_memorable_numbers_first_with_a_pattern() {
    let mut h = Run::unstarted();
    at_numbers(&mut h, &["+12138340519", "+12134447777"]);
    h.type_text("4");
    let before: Vec<&str> = {
        let list = h.wizard.lists.numbers.load.loaded().unwrap();
        list.visible()
            .iter()
            .map(|m| list.items()[m.index()].number.as_str())
            .collect()
    };
    assert_eq!(
        before,
        ["+12138340519", "+12134447777"],
        "nearest the end first"
    );
    h.update(Action::ToggleOrder);
    assert_eq!(
        highlighted(&h).as_deref(),
        Some("+12134447777"),
        "quad 7 first"
    );
}
