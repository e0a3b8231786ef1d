//! Snapshots of every screen in every state, drawn on a `TestBackend`, with the wizard driven
//! only through its public API and the worker's answers scripted.

use std::time::Duration;

use numpick::protocol::Answer;
use numpick::ui::ThemeName;
use numpick::wizard::{Action, Move};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use serde_json::json;

use numpick::testkit::*;

#[test]
fn country_screens() {
    let mut run = Run::new();
    snap!("country_loaded", run);
    snap!("country_loaded_120x40", run, 120, 40);
    run.type_text("united st");
    snap!("country_filtered", run);
    let mut terminal = run.draw(80, 24);
    // Border, then "Search: " and the nine characters typed.
    terminal.backend_mut().assert_cursor_position((18, 2));
    run.type_text("zz");
    snap!("country_no_match", run);
}

#[test]
fn region_screens() {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    snap!("region_loading", run);
    run.answer(Err(refused("The service is temporarily unavailable")));
    snap!("region_failed", run);
    run.act(Action::Choose).answer(Ok(regions()));
    snap!("region_loaded", run);
}

#[test]
fn city_and_type_screens() {
    let mut run = Run::new();
    run.type_text("united st").act(Action::Choose);
    run.answer(Ok(regions())).act(Action::Choose);
    run.answer(Ok(cities()));
    snap!("city_loaded", run);
    run.down(1).act(Action::Choose).answer(Ok(place_groups()));
    snap!("type_loaded", run);
}

#[test]
fn group_screens() {
    let run = at_groups();
    snap!("groups_loaded", run);
    snap!("groups_loaded_120x40", run, 120, 40);

    // Another city, whose search of every type finds nothing: the type step says so.
    let mut empty = at_groups();
    empty
        .act(Action::Back)
        .act(Action::Back)
        .down(1)
        .act(Action::Choose);
    empty.answer(Ok(Answer::Groups(listing(vec![]))));
    snap!("types_none_offered", empty);

    let mut failed = at_groups();
    failed
        .act(Action::Back)
        .act(Action::Back)
        .down(1)
        .act(Action::Choose);
    failed.answer(Err(refused("Too many requests for this account")));
    snap!("types_error", failed);
}

#[test]
fn number_screens() {
    let mut run = at_numbers(8);
    snap!("numbers_loaded", run);
    run.type_text("555");
    snap!("numbers_vanity_filtered", run);
    run.type_text("#");
    snap!("numbers_pattern_error", run);
}

#[test]
fn a_letter_pattern_is_mapped_to_the_keypad_ranked_and_spelled() {
    let mut run = at_groups();
    let numbers = ["+12137499211", "+12135574992", "+12135550123"]
        .iter()
        .enumerate()
        .map(|(n, number)| decode(json!({"id": format!("did-{n}"), "number": number})))
        .collect();
    run.act(Action::Choose)
        .answer(Ok(Answer::Numbers(listing(numbers))))
        .answer_prefetched(Ok(Answer::Requirements(vec![])));
    run.type_text("PIZZA");
    snap!("numbers_letter_pattern", run);
    run.act(Action::Edit(tui_input::InputRequest::DeleteLine));
    run.act(Action::ToggleOrder);
    snap!("numbers_memorable_first", run);
    // The order stays memorable-first under a pattern, and the count says so.
    run.type_text("PIZZA");
    snap!("numbers_pattern_memorable_first", run);
}

#[test]
fn a_group_without_number_selection_is_reviewed_with_a_random_number() {
    let mut run = at_groups();
    run.down(1).act(Action::Choose);
    run.answer(Ok(Answer::Requirements(vec![])));
    snap!("review_random_number", run);
}

#[test]
fn review_screens() {
    let mut loading = at_numbers_before_requirements(8);
    loading.down(1).act(Action::Choose);
    snap!("review_loading", loading);

    let run = at_review(vec![]);
    snap!("review_no_requirements", run);
    snap!("review_no_requirements_120x40", run, 120, 40);

    let requirements = vec![json!({
        "type": "identity",
        "documents": ["passport", "id_card"],
        "address": {"city": "Berlin", "proof": [{"kind": "utility_bill"}]}
    })];
    let mut with = at_groups();
    with.down(2)
        .act(Action::Choose)
        .answer(Ok(numbers_in("424", 3)));
    with.answer_prefetched(Ok(Answer::Requirements(requirements)));
    with.act(Action::Choose);
    snap!("review_with_requirements", with);
    snap!("review_with_requirements_120x40", with, 120, 40);
}

#[test]
fn a_long_review_scrolls() {
    let requirements: Vec<_> = ["identity", "address", "business"]
        .iter()
        .map(|kind| {
            json!({
                "type": kind,
                "description": format!("Proof of {kind}"),
                "documents": ["passport", "id_card", "utility_bill"],
                "fields": {"first_name": true, "last_name": true, "street": true, "city": true}
            })
        })
        .collect();
    let mut run = at_review(requirements);
    snap!("review_long_top", run);
    for _ in 0..3 {
        run.act(Action::Move(Move::PageDown));
    }
    snap!("review_long_end", run);
    run.act(Action::Move(Move::First));
    let top = run.draw(80, 24).backend().to_string();
    assert!(top.contains("Number"), "Home scrolls back to the top");
}

#[test]
fn help_dialog() {
    let mut run = at_groups();
    run.act(Action::Help);
    snap!("help", run);
}

#[test]
fn too_small() {
    let run = at_groups();
    snap!("too_small_59x16", run, 59, 16);
    snap!("too_small_10x3", run, 10, 3);
    snap!("too_small_2x1", run, 2, 1);
    snap!("too_small_1x1", run, 1, 1);
}

/// The first cell of the big countdown digits.
fn countdown_cell(buffer: &Buffer) -> (Color, Modifier) {
    let cell = buffer
        .content()
        .iter()
        .find(|cell| cell.symbol() == "█")
        .expect("the big countdown is drawn");
    (cell.fg, cell.modifier)
}

#[test]
fn the_countdown_changes_colour_in_every_theme() {
    for theme in [
        ThemeName::Default,
        ThemeName::HighContrast,
        ThemeName::NoColor,
    ] {
        let mut run = at_reserved();
        run.theme = theme;
        let mut seen = Vec::new();
        for wait in [1, 509, 81] {
            run.wait(Duration::from_secs(wait));
            seen.push(countdown_cell(run.draw(80, 24).backend().buffer()));
        }
        let [ok, low, critical] = [seen[0], seen[1], seen[2]];
        if theme == ThemeName::NoColor {
            assert!(seen.iter().all(|(fg, _)| *fg == Color::Reset), "{theme:?}");
            assert!(
                ok.1 != low.1 && low.1 != critical.1 && ok.1 != critical.1,
                "{theme:?}"
            );
        } else {
            assert!(
                ok.0 != low.0 && low.0 != critical.0 && ok.0 != critical.0,
                "{theme:?}"
            );
        }
        if theme == ThemeName::Default {
            assert_eq!(
                [ok.0, low.0, critical.0],
                [Color::Green, Color::Yellow, Color::Red]
            );
        }
    }
}

#[test]
fn the_sandbox_badge_and_the_cursor_row_are_styled() {
    let run = at_groups();
    let terminal = run.draw(80, 24);
    let buffer = terminal.backend().buffer();
    let badge = buffer
        .content()
        .iter()
        .position(|c| c.symbol() == "S" && c.bg == Color::Yellow)
        .expect("the SANDBOX badge is drawn on yellow");
    assert_eq!(buffer.pos_of(badge).1, 0, "the badge is in the header");
    // The first group is under the cursor: its row is highlighted.
    assert_eq!(buffer[(3, 5)].bg, Color::Blue);
    assert_eq!(buffer[(3, 6)].bg, Color::Reset);
}

#[test]
fn the_digits_matching_the_vanity_box_are_highlighted() {
    let mut run = at_numbers(8);
    run.type_text("555");
    let terminal = run.draw(80, 24);
    let buffer = terminal.backend().buffer();
    // A match not under the cursor: the row showing "+1 213-555-0123", whose 555 sits at
    // columns 7 to 9 of the number.
    const NUMBER: &str = "+1 213-555-0123";
    let rows: Vec<(u16, String)> = (0..24)
        .map(|y| {
            (
                y,
                (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>(),
            )
        })
        .collect();
    let (y, row) = rows
        .into_iter()
        .find(|(_, row)| row.contains(NUMBER) && !row.contains('▶'))
        .expect("the number is listed without the cursor");
    let start = row.find(NUMBER).expect(&row);
    let start = u16::try_from(row[..start].chars().count()).unwrap();
    for offset in 0..15u16 {
        let cell = &buffer[(start + offset, y)];
        let matched = (7..10).contains(&offset);
        assert_eq!(
            cell.fg == Color::Yellow,
            matched,
            "column {offset} of {row}"
        );
        assert_eq!(cell.modifier.contains(Modifier::UNDERLINED), matched);
    }
}

#[test]
fn only_the_window_around_the_cursor_is_drawn_from_ten_thousand_numbers() {
    let mut run = at_numbers(10_000);
    run.act(Action::Move(Move::Last));
    let terminal = run.draw(80, 24);
    let text = terminal.backend().to_string();
    assert!(text.contains("10000 of 10000"), "{text}");
    let last = last_fixture_number();
    assert!(
        text.contains(&last),
        "the last number {last} is in view:\n{text}"
    );
}

/// The last of the ten thousand fixture numbers, laid out as the screen shows it.
fn last_fixture_number() -> String {
    let n = 9_999usize;
    let digits = format!("{:07}", 2_000_000 + n * 7919 % 7_000_000);
    format!("+1 213-{}-{}", &digits[..3], &digits[3..])
}

#[test]
fn nothing_panics_at_any_size() {
    let mut states = vec![
        Run::new(),
        at_groups(),
        at_numbers(10_000),
        at_review(vec![]),
    ];
    let mut reserved = at_reserved();
    reserved.wait(Duration::from_secs(30));
    states.push(reserved);
    let mut manager = at_groups();
    manager.act(Action::Reservations);
    states.push(manager);
    let mut help = at_groups();
    help.act(Action::Help);
    states.push(help);
    for run in &states {
        for (width, height) in [
            (1, 1),
            (2, 1),
            (2, 2),
            (10, 3),
            (20, 5),
            (59, 16),
            (60, 16),
            (61, 17),
            (300, 100),
        ] {
            run.draw(width, height);
        }
    }
}

/// The "lines a–b of n" indicator of a scrolled document.
fn shown_lines(run: &Run) -> String {
    let screen = format!("{:?}", run.draw(80, 24).backend());
    let at = screen.find("lines ").expect("the document scrolls");
    screen[at..].split(" ·").next().unwrap().to_owned()
}

#[test]
fn past_the_end_of_a_long_review_one_up_scrolls_back_at_once() {
    let requirements: Vec<_> = ["identity", "address", "business"]
        .iter()
        .map(|kind| {
            json!({"type": kind, "description": format!("Proof of {kind}"),
                           "documents": ["passport", "id_card", "utility_bill"]})
        })
        .collect();
    let mut run = at_review(requirements);
    run.draw(80, 24);
    for _ in 0..10 {
        run.act(Action::Move(Move::PageDown));
    }
    let end = shown_lines(&run);
    run.act(Action::Move(Move::Up));
    let one_up = shown_lines(&run);
    assert_ne!(end, one_up, "↑ at the end moves the document");
    let number = |text: &str| -> usize {
        text.trim_start_matches("lines ")
            .split('–')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    assert_eq!(number(&one_up) + 1, number(&end), "{end} then {one_up}");
}

#[test]
fn the_command_for_this_on_review() {
    let mut run = at_review(vec![]);
    run.act(Action::ShowCommand);
    snap!("review_command_line", run);
    snap!("review_command_line_60x16", run, 60, 16);
}
