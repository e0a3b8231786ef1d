//! Paste is text, never commands, in a real terminal: numpick asks for bracketed paste, so a
//! pasted `by` on the Review step arrives as one paste and neither opens the confirmation nor
//! buys; bracketed paste is turned off again on the way out.

use nix::sys::signal::Signal;
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};

use crate::support::home::Home;
use crate::support::http::{FaultProxy, PurchaseFault};
use crate::support::pty::{CTRL_C, ESC, PtyApp};

const PURCHASE: &str = "/open/numbers/purchase";

struct Server {
    runtime: tokio::runtime::Runtime,
    sandbox: RunningSandbox,
    proxy: FaultProxy,
}

fn server() -> Server {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .unwrap();
    let proxy = runtime.block_on(FaultProxy::start(sandbox.base_url(), PurchaseFault::None));
    Server {
        runtime,
        sandbox,
        proxy,
    }
}

fn start(home: &Home, server: &Server) -> PtyApp {
    let env = [
        ("TWOCHAT_API_KEY", "paste-test-key"),
        ("TWOCHAT_BASE_URL", server.proxy.base_url.as_str()),
    ];
    PtyApp::spawn(home, &[], &env, 100, 30)
}

/// Germany (pasted into the search box) › Any city › Any type › first group › first number ›
/// Review.
fn open_review(app: &mut PtyApp) {
    app.wait_for("Choose a country");
    app.send("\x1b[200~germany\n\x1b[201~");
    app.wait_for("Germany");
    app.choose_on_to_review();
}

#[test]
fn by_pasted_on_review_buys_nothing() {
    let server = server();
    let home = Home::new();
    let mut app = start(&home, &server);
    open_review(&mut app);
    assert!(
        app.paste_is_bracketed(),
        "a terminal types a paste as keys unless asked to bracket it"
    );
    app.send("\x1b[200~by\x1b[201~");
    let screen = app.wait_for("Paste ignored here");
    assert!(!screen.contains("Buy this number?"), "{screen}");
    // In the confirmation a pasted `y` does not confirm either.
    app.send("b");
    app.wait_for("Buy this number?");
    app.send("\x1b[200~y\x1b[201~");
    let screen = app.wait_for("Paste ignored here");
    assert!(screen.contains("Buy this number?"), "{screen}");
    app.send(ESC);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert!(app.paste_mode_restored(), "bracketed paste is off again");
    assert!(app.screen_restored() && app.terminal_is_cooked());
    assert_eq!(server.proxy.count("POST", PURCHASE), 0);
    assert_eq!(server.sandbox.purchases(), 0);
    drop(server.runtime);
}

#[test]
fn a_signal_turns_bracketed_paste_off() {
    let server = server();
    let home = Home::new();
    let mut app = start(&home, &server);
    app.wait_for("Choose a country");
    assert!(app.paste_is_bracketed());
    app.signal(Signal::SIGTERM);
    assert_eq!(app.wait_exit(), 143);
    assert!(app.paste_mode_restored());
    assert!(app.screen_restored() && app.terminal_is_cooked());
    drop(server.runtime);
}

#[test]
fn a_ten_thousand_character_paste_then_ctrl_c_quits_promptly() {
    let server = server();
    let home = Home::new();
    let mut app = start(&home, &server);
    app.wait_for("Choose a country");
    let flood: String = "germany ".repeat(1250);
    assert_eq!(flood.len(), 10_000);
    app.send(&format!("\x1b[200~{flood}\x1b[201~"));
    app.send(CTRL_C);
    let sent = std::time::Instant::now();
    assert_eq!(app.wait_exit(), 0, "quit, nothing at stake");
    let took = sent.elapsed();
    assert!(
        took < std::time::Duration::from_secs(3),
        "Ctrl-C after a flood took {took:?}"
    );
    assert!(app.paste_mode_restored());
    assert!(app.screen_restored() && app.terminal_is_cooked());
    drop(server.runtime);
}
