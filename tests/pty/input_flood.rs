//! A flood of typed keys (not a paste: a terminal or a tool that types text as keys) never
//! wedges the wizard: Ctrl-C typed after ten thousand characters still quits, and Esc still
//! goes back.

use std::time::{Duration, Instant};

use crate::support::home::Home;
use crate::support::pty::{CTRL_C, ENTER, PtyApp};

/// Far more than the flood takes once keys are handled in batches, and far less than the
/// minutes it took when every key was drawn.
const GENEROUS: Duration = Duration::from_secs(10);

/// `count` characters typed as keys, in writes the size a fast typist's tool would make.
fn type_flood(app: &mut PtyApp, text: &str, count: usize) {
    let flood: String = text.chars().cycle().take(count).collect();
    for chunk in flood.as_bytes().chunks(1000) {
        app.send(std::str::from_utf8(chunk).expect("ascii"));
    }
}

#[test]
fn ctrl_c_after_ten_thousand_typed_characters_quits() {
    let home = Home::new();
    let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
    app.wait_for("Choose a country");
    let started = Instant::now();
    type_flood(&mut app, "germany ", 10_000);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0, "quit, nothing at stake");
    let took = started.elapsed();
    assert!(took < GENEROUS, "the flood and Ctrl-C took {took:?}");
    assert!(app.screen_restored() && app.terminal_is_cooked());
}

#[test]
fn esc_after_a_flood_in_the_number_box_goes_back() {
    let home = Home::new();
    let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
    app.wait_for("Choose a country");
    app.send("germany");
    app.wait_for("Germany");
    app.send(ENTER);
    app.wait_for("Any city");
    app.send(ENTER);
    app.wait_for("Any type");
    app.send(ENTER);
    app.wait_for("+49 30");
    app.send(ENTER);
    app.wait_for("numbers available");
    let started = Instant::now();
    type_flood(&mut app, "5", 10_000);
    // Esc clears the box, a second Esc goes back to the groups.
    app.send(crate::support::pty::ESC);
    app.send(crate::support::pty::ESC);
    app.wait_for("Choose a number group");
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    let took = started.elapsed();
    assert!(took < GENEROUS, "the flood, Esc and Ctrl-C took {took:?}");
}
