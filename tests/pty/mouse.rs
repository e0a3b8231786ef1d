//! The mouse in a real terminal: the wheel moves down the list three rows a notch, and a
//! click selects the row under the pointer (it never chooses it).

use crate::support::home::Home;
use crate::support::pty::{CTRL_C, PtyApp};

/// An SGR mouse report (what xterm sends with mouse capture on) at 1-based `column`, `row`.
fn sgr(button: u8, column: u16, row: u16) -> String {
    format!("\x1b[<{button};{column};{row}M")
}

const WHEEL_DOWN: u8 = 65;
const LEFT_BUTTON: u8 = 0;

/// The `N of M` position shown under the list.
fn position(app: &PtyApp) -> String {
    let screen = app.screen();
    let line = screen
        .lines()
        .find(|line| line.starts_with('╰') && line.contains(" of "))
        .unwrap_or_default()
        .to_owned();
    line.trim_matches(|c: char| !c.is_ascii_digit())
        .split(" of ")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_wheel_scrolls_and_a_click_selects_a_row() {
    let home = Home::new();
    let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
    app.wait_for("Choose a country");
    // The title can be on screen before the rest of the first frame: wait for the list's
    // position under it, which is the same check once the frame is whole.
    app.wait_until("the first row selected", |app| position(app) == "1");
    app.send(&sgr(WHEEL_DOWN, 20, 10));
    app.wait_until("moved by the wheel", |app| position(app) == "4");
    // The rows start under the search box and the column names; the first row is on the
    // sixth line. A click on the eighth line selects the third row.
    let first_row = app
        .screen()
        .lines()
        .position(|line| line.contains("Code") && line.contains("Dial"))
        .expect("the column names")
        + 1;
    let third_row = u16::try_from(first_row + 2 + 1).unwrap();
    app.send(&sgr(LEFT_BUTTON, 10, third_row));
    app.send(&format!("\x1b[<{LEFT_BUTTON};10;{third_row}m"));
    app.wait_until("the clicked row selected", |app| position(app) == "3");
    assert!(
        app.screen().contains("Choose a country"),
        "a click does not choose"
    );
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
}
