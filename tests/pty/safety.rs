//! The guarantees under a real terminal and real signals: a purchase interrupted by a kill is
//! settled on the next start, signals during a purchase restore the terminal and keep the
//! journal, a resize storm loses no dialog, and the key never leaks.

use nix::sys::signal::Signal;
use numpick::journal::{Entry, Journal, Outcome};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};

use crate::support::home::Home;
use crate::support::http::{FaultProxy, PurchaseFault};
use crate::support::pty::{CTRL_C, ESC, PtyApp};

const KEY: &str = "sk-LEAKCHECK-5f1e2d";

struct Server {
    runtime: tokio::runtime::Runtime,
    sandbox: RunningSandbox,
    proxy: FaultProxy,
}

fn server(fault: PurchaseFault) -> Server {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime
        .block_on(sandbox::spawn(SandboxConfig::default()))
        .unwrap();
    let proxy = runtime.block_on(FaultProxy::start(sandbox.base_url(), fault));
    Server {
        runtime,
        sandbox,
        proxy,
    }
}

fn start(home: &Home, server: &Server, extra: &[(&str, &str)]) -> PtyApp {
    let mut env = vec![
        ("TWOCHAT_API_KEY", KEY),
        ("TWOCHAT_BASE_URL", server.proxy.base_url.as_str()),
    ];
    env.extend_from_slice(extra);
    PtyApp::spawn(home, &[], &env, 100, 30)
}

/// Germany › Any city › Any type › first group › first number › Review, then `b`.
fn open_confirmation(app: &mut PtyApp) {
    app.wait_for("Choose a country");
    app.send("germany");
    app.choose_on_to_review();
    app.send("b");
    app.wait_for("Buy this number?");
}

fn journal(home: &Home) -> Vec<Entry> {
    Journal::read_all(&home.state_dir().join("journal.jsonl"))
        .unwrap()
        .entries
}

fn intents(entries: &[Entry]) -> usize {
    entries
        .iter()
        .filter(|e| matches!(e, Entry::PurchaseIntent { .. }))
        .count()
}

#[test]
fn a_purchase_cut_short_by_a_kill_is_settled_on_the_next_start() {
    let server = server(PurchaseFault::Hang);
    let home = Home::new();
    let mut app = start(&home, &server, &[]);
    open_confirmation(&mut app);
    app.send("y");
    app.wait_for("Buying");
    app.signal(Signal::SIGKILL);
    app.wait_exit();
    assert_eq!(server.proxy.count("POST", "/open/numbers/purchase"), 1);
    assert_eq!(server.sandbox.purchases(), 1, "the server applied it");
    let before = journal(&home);
    assert_eq!(
        intents(&before),
        1,
        "the intent was on disk before the request"
    );
    assert!(
        !before
            .iter()
            .any(|e| matches!(e, Entry::PurchaseOutcome { .. }))
    );

    server.proxy.set_fault(PurchaseFault::None);
    let mut again = start(&home, &server, &[]);
    let screen = again.wait_for("An earlier purchase");
    assert!(screen.contains("went through"), "{screen}");
    assert_eq!(
        server.proxy.count("POST", "/open/numbers/purchase"),
        1,
        "settled by asking, never by buying again"
    );
    let after = journal(&home);
    assert!(after.iter().any(|e| matches!(
        e,
        Entry::PurchaseOutcome {
            outcome: Outcome::Bought { .. },
            ..
        }
    )));
    again.send(CTRL_C);
    assert_eq!(again.wait_exit(), 0);
    drop(server.runtime);
}

#[test]
fn signals_during_a_purchase_restore_the_terminal_and_keep_the_journal() {
    for (signal, code) in [(Signal::SIGTERM, 143), (Signal::SIGHUP, 129)] {
        let server = server(PurchaseFault::Hang);
        let home = Home::new();
        let mut app = start(&home, &server, &[]);
        open_confirmation(&mut app);
        app.send("y");
        app.wait_for("Buying");
        app.signal(signal);
        assert_eq!(app.wait_exit(), code, "{signal}");
        assert!(app.screen_restored(), "{signal}");
        assert!(app.terminal_is_cooked(), "{signal}");
        assert_eq!(
            intents(&journal(&home)),
            1,
            "{signal}: the journal is intact"
        );
        assert_eq!(server.proxy.count("POST", "/open/numbers/purchase"), 1);
    }
}

#[test]
fn a_resize_storm_during_the_confirmation_keeps_the_dialog() {
    let server = server(PurchaseFault::None);
    let home = Home::new();
    let mut app = start(&home, &server, &[]);
    open_confirmation(&mut app);
    app.resize(120, 40);
    app.wait_for("Buy this number?");
    app.resize(20, 5);
    app.wait_for("small");
    app.resize(1, 1);
    std::thread::sleep(std::time::Duration::from_millis(200));
    app.resize(120, 40);
    // Both on one screen: a screen read halfway through drawing the frame may hold only one.
    app.wait_until("the dialog with its keys", |app| {
        let screen = app.screen();
        screen.contains("Buy this number?") && screen.contains("y buy")
    });
    app.send(ESC);
    app.send(CTRL_C);
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(server.sandbox.purchases(), 0);
}

#[test]
fn the_key_never_appears_on_screen_in_the_log_or_the_journal() {
    let server = server(PurchaseFault::Refused(format!("key {KEY} refused")));
    let home = Home::new();
    let mut app = start(&home, &server, &[("NUMPICK_LOG", "trace")]);
    open_confirmation(&mut app);
    app.send("y");
    app.wait_for("Not bought");
    app.send(CTRL_C);
    app.wait_exit();
    let mut outputs = vec![String::from_utf8_lossy(&app.raw_output()).into_owned()];
    let state = home.state_dir();
    for file in ["numpick.log", "journal.jsonl"] {
        let text = std::fs::read_to_string(state.join(file)).unwrap_or_default();
        assert!(!text.is_empty(), "{file} was written");
        outputs.push(text);
    }
    let log = &outputs[1];
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "the log is verbose"
    );
    for output in &outputs {
        assert!(!output.contains(KEY), "the key leaked");
        assert!(!output.contains("LEAKCHECK"), "part of the key leaked");
    }
}
