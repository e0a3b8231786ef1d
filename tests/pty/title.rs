//! While a reservation is active the window's title shows its countdown, and the terminal's
//! own title is given back on exit — by the quit guard and by a signal; an expiry alert rings
//! the bell and asks for a desktop notification.

use crate::support::home::Home;
use crate::support::pty::{CTRL_C, ENTER, PtyApp};
use nix::sys::signal::Signal;

const PUSH_TITLE: &str = "\x1b[22;0t";
const POP_TITLE: &str = "\x1b[23;0t";
const COUNTDOWN_TITLE: &str = "\x1b]0;numpick ⏳ ";
const EMPTY_TITLE: &str = "\x1b]0;\x07";
const NOTIFICATION: &str = "\x1b]9;";

fn output_text(app: &PtyApp) -> String {
    String::from_utf8_lossy(&app.raw_output()).into_owned()
}

/// Starts numpick on its sandbox with `config` as its config file.
fn start(home: &Home, config: &str) -> PtyApp {
    use std::os::unix::fs::PermissionsExt;
    let dir = home.path().join("config").join("numpick");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(&file, config).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    PtyApp::spawn(home, &[], &[], 100, 30)
}

/// Germany › Any city › Any type › first group › first number › Review › `r`.
fn reserve_a_number(app: &mut PtyApp) {
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
    app.send(ENTER);
    app.wait_for("Review");
    app.send("r");
    app.wait_for("expires in");
}

/// Whether the output ends with the terminal's own title given back: emptied, then popped
/// from the title stack, after the last countdown was written.
fn title_restored(text: &str) -> bool {
    let last_countdown = text.rfind(COUNTDOWN_TITLE);
    let emptied = text.rfind(EMPTY_TITLE);
    let popped = text.rfind(POP_TITLE);
    matches!((last_countdown, emptied, popped), (Some(c), Some(e), Some(p)) if c < e && e < p)
}

#[test]
fn the_title_counts_down_while_reserved_and_is_restored_on_quit() {
    let home = Home::new();
    let mut app = start(&home, "");
    app.wait_for("Choose a country");
    let before = output_text(&app);
    assert!(before.contains(PUSH_TITLE), "the terminal's title is saved");
    assert!(!before.contains(COUNTDOWN_TITLE), "nothing reserved yet");
    reserve_a_number(&mut app);
    app.wait_until("the countdown in the title", |app| {
        output_text(app).contains(COUNTDOWN_TITLE)
    });
    let text = output_text(&app);
    let title = &text[text.rfind(COUNTDOWN_TITLE).unwrap()..];
    let title = &title[..title.find('\x07').expect("a whole title")];
    assert!(title.contains(" · +49"), "the number is in it: {title:?}");
    // The default alert time is a minute: a fresh reservation rings nothing yet.
    assert!(!text.contains(NOTIFICATION));

    app.send(CTRL_C);
    app.wait_for("keep them and quit");
    app.send("k");
    assert_eq!(app.wait_exit(), 0);
    let text = output_text(&app);
    assert!(title_restored(&text), "the title was not given back");
    assert!(app.screen_restored() && app.terminal_is_cooked());
}

#[test]
fn a_signal_gives_the_title_back_too() {
    let home = Home::new();
    let mut app = start(&home, "");
    reserve_a_number(&mut app);
    app.wait_until("the countdown in the title", |app| {
        output_text(app).contains(COUNTDOWN_TITLE)
    });
    app.signal(Signal::SIGTERM);
    assert_eq!(app.wait_exit(), 143);
    assert!(title_restored(&output_text(&app)));
    assert!(app.screen_restored() && app.terminal_is_cooked());
}

#[test]
fn a_reservation_near_its_end_rings_once_and_notifies() {
    let home = Home::new();
    // A day: every reservation is "near its end" at once.
    let mut app = start(&home, "expiry_alert_secs = 86400\nmouse = false\n");
    reserve_a_number(&mut app);
    app.wait_until("the notification", |app| {
        output_text(app).contains(NOTIFICATION)
    });
    // Two more countdown seconds: the alert is not repeated.
    let seen = output_text(&app).matches(COUNTDOWN_TITLE).count();
    app.wait_until("two more seconds", |app| {
        output_text(app).matches(COUNTDOWN_TITLE).count() >= seen + 2
    });
    let text = output_text(&app);
    assert_eq!(text.matches(NOTIFICATION).count(), 1, "notified once");
    let notification = &text[text.find(NOTIFICATION).unwrap()..];
    assert!(
        notification.starts_with("\x1b]9;+49") && notification.contains("expires in"),
        "{:?}",
        &notification[..notification.len().min(80)]
    );
    let bell_before = text[..text.find(NOTIFICATION).unwrap()].ends_with('\x07');
    assert!(bell_before, "the bell rings with it");
    assert!(!text.contains("\x1b[?1000h"), "mouse = false: not captured");
    app.signal(Signal::SIGTERM);
    assert_eq!(app.wait_exit(), 143);
}

#[test]
fn the_mouse_is_captured_by_default_and_released_on_exit() {
    let home = Home::new();
    let mut app = start(&home, "");
    app.wait_for("Choose a country");
    assert!(output_text(&app).contains("\x1b[?1000h"));
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    let text = output_text(&app);
    assert!(text.rfind("\x1b[?1000l") > text.rfind("\x1b[?1000h"));
}
