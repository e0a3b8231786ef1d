//! The real `numpick` binary in a pseudo-terminal: a whole purchase by keyboard, and the
//! terminal restored on every way out.

use nix::sys::signal::Signal;
use numpick::sandbox::{self, SandboxConfig};

use crate::support::home::Home;
use crate::support::pty::{CTRL_C, ENTER, PtyApp};

/// Walks US › California › Los Angeles › local › +1 (213) › first number › reserve › buy.
fn buy_los_angeles_number(app: &mut PtyApp) {
    app.wait_for("Choose a country");
    app.send("united st");
    app.send(ENTER);
    app.wait_for("California");
    app.send("calif");
    app.send(ENTER);
    app.wait_for("Any city");
    app.send("los");
    app.send(ENTER);
    app.wait_for("Any type");
    app.send("local");
    app.send(ENTER);
    app.wait_for("+1 (213)");
    app.send(ENTER);
    app.wait_for("numbers available");
    app.send(ENTER);
    app.wait_for("No documents required");
    app.send("r");
    app.wait_for("expires in");
    app.send("b");
    app.wait_for("Buy this number?");
    app.send(ENTER);
    assert!(
        app.screen().contains("Buy this number?"),
        "Enter alone does not buy"
    );
    app.send("y");
    app.wait_for("Bought.");
}

#[test]
fn an_operator_buys_a_reserved_number_and_the_server_sees_one_purchase() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .unwrap();
    let home = Home::new();
    let base_url = sandbox.base_url();
    let mut app = PtyApp::spawn(
        &home,
        &[],
        &[
            ("TWOCHAT_API_KEY", "e2e-key"),
            ("TWOCHAT_BASE_URL", &base_url),
        ],
        100,
        30,
    );
    let screen = app.wait_for("Choose a country");
    assert!(!screen.contains("SANDBOX"), "a key means the live path");
    buy_los_angeles_number(&mut app);
    assert_eq!(sandbox.purchases(), 1);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.screen_restored(), "alternate screen left, cursor shown");
    assert!(app.terminal_is_cooked(), "raw mode off");
    assert_eq!(sandbox.purchases(), 1, "exactly one purchase");
    let journal = std::fs::read_to_string(home.state_dir().join("journal.jsonl")).unwrap();
    assert_eq!(journal.matches("\"purchase_intent\"").count(), 1);
    assert_eq!(journal.matches("\"result\":\"bought\"").count(), 1);
}

#[test]
fn without_a_key_numpick_runs_on_its_embedded_sandbox() {
    let home = Home::new();
    let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
    let screen = app.wait_for("Choose a country");
    assert!(screen.contains("SANDBOX"), "{screen}");
    buy_los_angeles_number(&mut app);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.screen_restored());
    let journal = std::fs::read_to_string(home.state_dir().join("sandbox-journal.jsonl")).unwrap();
    assert_eq!(journal.matches("\"purchase_intent\"").count(), 1);
    assert_eq!(journal.matches("\"result\":\"bought\"").count(), 1);
}

#[test]
fn signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for (signal, code) in [
        (Signal::SIGTERM, 143),
        (Signal::SIGHUP, 129),
        (Signal::SIGINT, 130),
    ] {
        let home = Home::new();
        let mut app = PtyApp::spawn(&home, &[], &[], 100, 30);
        app.wait_for("Choose a country");
        assert!(!app.terminal_is_cooked(), "the wizard runs in raw mode");
        app.signal(signal);
        assert_eq!(app.wait_exit(), code, "{signal}");
        assert!(app.screen_restored(), "{signal}: screen restored");
        assert!(app.terminal_is_cooked(), "{signal}: raw mode off");
    }
}
