//! The terminal survives what happens around the wizard: a suspend and `fg` (SIGTSTP, Ctrl-Z,
//! SIGCONT), a worker that panics, and a log that can no longer be written.

use crate::support::home::Home;
use crate::support::pty::{CTRL_C, ENTER, PtyApp};
use nix::sys::signal::Signal;

const ALT_SCREEN_ON: &str = "\x1b[?1049h";
const ALT_SCREEN_OFF: &str = "\x1b[?1049l";

fn output_text(app: &PtyApp) -> String {
    String::from_utf8_lossy(&app.raw_output()).into_owned()
}

/// Stops the wizard with `stop`, checks the terminal was given back, continues it and checks
/// it was taken again and everything redrawn.
fn suspend_and_resume(app: &mut PtyApp, stop: impl FnOnce(&mut PtyApp), shown: &str) {
    let entered_before = output_text(app).matches(ALT_SCREEN_ON).count();
    stop(app);
    app.wait_until("stopped", PtyApp::is_stopped);
    assert!(app.terminal_is_cooked(), "stopped with the terminal raw");
    // What it wrote before stopping may still be on its way to the screen parser.
    app.wait_until("back on the main screen", PtyApp::screen_restored);
    // The main screen is shown again, without the wizard.
    assert!(!app.screen().contains(shown), "{}", app.screen());

    app.signal(Signal::SIGCONT);
    app.wait_until("raw again", |app| !app.terminal_is_cooked());
    app.wait_until("redrawn", |app| app.screen().contains(shown));
    let text = output_text(app);
    assert!(text.matches(ALT_SCREEN_ON).count() > entered_before);
    assert!(text.rfind(ALT_SCREEN_ON) > text.rfind(ALT_SCREEN_OFF));
    assert!(!app.is_stopped());
}

#[test]
fn sigtstp_and_ctrl_z_give_the_terminal_back_and_sigcont_takes_it_again() {
    let home = Home::new();
    let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
    app.wait_for("Choose a country");
    suspend_and_resume(
        &mut app,
        |app| app.signal(Signal::SIGTSTP),
        "Choose a country",
    );
    // Still working after the round trip: keys reach the wizard.
    app.send("germany");
    app.send(ENTER);
    app.wait_for("Any city");
    suspend_and_resume(&mut app, |app| app.send("\x1a"), "Any city");
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.terminal_is_cooked() && app.screen_restored());
}

#[test]
fn a_worker_panic_ends_the_session_with_the_terminal_restored() {
    let home = Home::new();
    let env = [("NUMPICK_TEST_WORKER_PANIC", "1")];
    // The wizard's first calls (the account, the reservations) panic in the worker.
    let mut app = PtyApp::spawn(&home, &[], &env, 100, 30);
    assert_eq!(app.wait_exit(), 1);
    assert!(app.terminal_is_cooked(), "the terminal was left raw");
    assert!(app.screen_restored(), "the alternate screen was not left");
    let text = output_text(&app);
    let after_ui = &text[text.rfind(ALT_SCREEN_OFF).unwrap_or(0)..];
    assert!(after_ui.contains("worker stopped"), "{after_ui}");
    assert!(after_ui.contains("journal is intact"), "{after_ui}");
}

#[test]
fn a_log_that_cannot_be_written_never_draws_on_the_screen_nor_kills_numpick() {
    let home = Home::new();
    let env = [("NUMPICK_LOG", "trace")];
    // One block: the log is full after its first lines, as on a full disk; a write past the
    // limit raises SIGXFSZ, which would kill numpick by default.
    let mut app = PtyApp::spawn_with_file_limit(&home, &[], &env, 100, 30, 1);
    app.wait_for("Choose a country");
    app.send("germany");
    app.send(ENTER);
    app.wait_for("Any city");
    let log = home.state_dir().join("numpick.log");
    let written = std::fs::metadata(&log).map(|m| m.len()).unwrap_or(0);
    assert!(
        written > 0 && written <= 1024,
        "the log holds {written} bytes"
    );
    let text = output_text(&app);
    let while_drawn = &text[..text.rfind(ALT_SCREEN_OFF).unwrap_or(text.len())];
    for needle in ["tracing", "Unable to write", "too large", "File too"] {
        assert!(
            !while_drawn.contains(needle),
            "{needle:?} was printed over the wizard"
        );
    }
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.terminal_is_cooked() && app.screen_restored());
    let text = output_text(&app);
    let after_ui = &text[text.rfind(ALT_SCREEN_OFF).unwrap()..];
    assert!(
        after_ui.contains("log file could not be written"),
        "{after_ui}"
    );
}

#[test]
fn with_stdout_in_a_file_the_wizard_still_draws_on_the_terminal() {
    let home = Home::new();
    let out = home.path().join("out.txt");
    let mut app = PtyApp::spawn_with_stdout_to(&home, &[], &[], 100, 30, &out);
    app.wait_for("Choose a country");
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.screen_restored() && app.terminal_is_cooked());
    let written = std::fs::read(&out).unwrap();
    assert!(
        !written.contains(&0x1b),
        "no escape codes in the file: {:?}",
        String::from_utf8_lossy(&written)
    );
}
