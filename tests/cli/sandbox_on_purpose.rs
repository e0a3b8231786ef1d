//! No sandbox by accident: without a key, orders are refused unless `--sandbox` asks for the
//! sandbox, reading commands say on stderr that nothing is real, and every JSON document names
//! its backend; a key set but blank is an error for every command and for the wizard.

use crate::support::home::{Home, KEY, posts};
use crate::support::http::FaultServer;

const NO_KEY_NOTE: &str =
    "numpick: no TWOCHAT_API_KEY — using the embedded sandbox; nothing here is real";
const EMPTY_KEY: &str = "TWOCHAT_API_KEY is set but empty; unset it to use the sandbox";

#[test]
fn orders_without_a_key_are_refused_and_nothing_is_sent() {
    let home = Home::new();
    let orders: [&[&str]; 4] = [
        &[
            "buy",
            "de-ber-local-1",
            "--country",
            "DE",
            "--yes",
            "--json",
        ],
        &["buy", "de-ber-local-1", "--country", "DE", "--yes"],
        &["reserve", "de-ber-local-1", "--json"],
        &["cancel", "some-uuid"],
    ];
    for args in orders {
        let run = home.run(args, &[]);
        assert_eq!(run.code, 4, "{run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
        assert!(
            run.stderr.contains("pass --sandbox") && run.stderr.contains("nothing was sent"),
            "{run:?}"
        );
        assert!(!run.stderr.contains("Bought"), "{run:?}");
    }
    assert!(!home.state_dir().join("journal.jsonl").exists());
}

#[test]
fn reading_without_a_key_says_so_on_stderr_and_in_the_json() {
    let home = Home::new();
    let run = home.run(&["groups", "DE", "--json"], &[]).ok();
    assert!(run.stderr.contains(NO_KEY_NOTE), "{run:?}");
    let doc = run.json();
    assert_eq!(doc["backend"], "sandbox");
    assert!(!doc["groups"].as_array().unwrap().is_empty());
    // Each time, tables included; the note stays off stdout.
    let table = home.run(&["groups", "DE"], &[]).ok();
    assert!(table.stderr.contains(NO_KEY_NOTE), "{table:?}");
    assert!(!table.stdout.contains("TWOCHAT_API_KEY"), "{table:?}");
}

#[test]
fn a_blank_key_is_an_error_for_every_command_and_the_wizard() {
    let home = Home::new();
    let commands: [&[&str]; 8] = [
        &["groups", "DE", "--json"],
        &["config", "path"],
        &["completions", "bash"],
        &["types"],
        &[
            "buy",
            "de-ber-local-1",
            "--country",
            "DE",
            "--yes",
            "--sandbox",
        ],
        &["reserve", "de-ber-local-1"],
        &["config", "show"],
        // The wizard.
        &[],
    ];
    for blank in ["", "   "] {
        for args in commands {
            let run = home.run(args, &[("TWOCHAT_API_KEY", blank)]);
            assert_eq!(run.code, 4, "{args:?} {run:?}");
            assert!(run.stderr.contains(EMPTY_KEY), "{args:?} {run:?}");
            assert!(run.stdout.is_empty(), "{args:?} {run:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_on_purpose_orders_there_even_with_a_key() {
    // The key's API would see any request: it must see none.
    let server = FaultServer::start(vec![]).await;
    let url = server.url();
    let home = Home::new();
    let buy = [
        "buy",
        "de-ber-local-1",
        "--country",
        "DE",
        "--yes",
        "--sandbox",
        "--base-url",
        &url,
    ];
    let mut json = buy.to_vec();
    json.push("--json");
    let run = home.run_async(&json, &[KEY]).await.ok();
    assert!(
        run.stderr
            .contains("--sandbox — using the embedded sandbox"),
        "{run:?}"
    );
    let doc = run.json();
    assert_eq!(
        (doc["backend"].as_str(), doc["status"].as_str()),
        (Some("sandbox"), Some("bought"))
    );
    let table = home.run_async(&buy, &[KEY]).await.ok();
    let first = table.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Bought:") && first.ends_with(" (sandbox)"),
        "{table:?}"
    );
    let reserved = home
        .run_async(&["reserve", "de-ber-local-1", "--sandbox"], &[])
        .await
        .ok();
    let first = reserved.stdout.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Reserved:") && first.ends_with(" (sandbox)"),
        "{reserved:?}"
    );
    assert_eq!((server.count(), posts(&server)), (0, 0));
}
