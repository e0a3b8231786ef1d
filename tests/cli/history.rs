//! `history` against a sandbox that outlives one command: purchases made with `--ref` found
//! again by their reference, in JSON and in CSV; the sandbox's own journal kept apart from the
//! real one; a torn journal line counted on stderr; and a bad `--ref` refused before anything
//! is sent.

use crate::support::home::{Home, KEY};
use numpick::api::model::GroupId;
use numpick::api::{Client, ClientConfig};
use numpick::sandbox::{self, SandboxConfig};
use serde_json::Value;

/// A number of `group` free on the sandbox.
async fn free_number(client: &Client, group: &str) -> String {
    let listed = client
        .available_numbers(&GroupId::new(group), None)
        .await
        .unwrap();
    listed.items[0].number.clone()
}

/// The orders of a `history --json` document.
fn orders(doc: &Value) -> &Vec<Value> {
    doc["orders"].as_array().expect("an orders array")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn purchases_are_found_by_their_reference_in_json_and_csv() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let url = sandbox.base_url();
    let side = Client::new(ClientConfig::new(&url, Some("side".to_owned().into()))).unwrap();
    let chosen = free_number(&side, "de-ber-local-1").await;
    let home = Home::new();

    // One number named, one the group assigns (reserved first, with the same reference).
    let bought: Value = home
        .run_async(
            &[
                "buy",
                "de-ber-local-1",
                "--number",
                &chosen,
                "--ref",
                "ACME\u{1b}[31m-7",
                "--yes",
                "--json",
                "--base-url",
                &url,
            ],
            &[KEY],
        )
        .await
        .ok()
        .json();
    assert_eq!(bought["status"], "bought");
    let assigned: Value = home
        .run_async(
            &[
                "buy",
                "us-ca-la-local-1",
                "--ref",
                "Ticket 42",
                "--yes",
                "--json",
                "--base-url",
                &url,
            ],
            &[KEY],
        )
        .await
        .ok()
        .json();
    let assigned = assigned["number"].as_str().unwrap().to_owned();
    let journal = home.journal();
    assert_eq!(
        journal.matches("\"reference\":\"ACME-7\"").count(),
        2,
        "the intent and the outcome carry it, cleaned: {journal}"
    );

    let everything: Value = home
        .run_async(&["history", "--json", "--base-url", &url], &[KEY])
        .await
        .ok()
        .json();
    assert_eq!(everything["backend"], "live");
    assert_eq!(everything["unreadable"], 0);
    let kinds: Vec<(&str, &str, &str)> = orders(&everything)
        .iter()
        .map(|o| {
            (
                o["kind"].as_str().unwrap(),
                o["outcome"].as_str().unwrap(),
                o["reference"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("purchase", "bought", "ACME-7"),
            ("reservation", "bought", "Ticket 42"),
            ("purchase", "bought", "Ticket 42"),
        ]
    );

    let acme: Value = home
        .run_async(
            &["history", "--ref", "acme-7", "--json", "--base-url", &url],
            &[KEY],
        )
        .await
        .ok()
        .json();
    let [order] = orders(&acme).as_slice() else {
        panic!("one order: {acme}");
    };
    assert_eq!(order["number"], chosen.as_str());
    assert_eq!(order["group_id"], "de-ber-local-1");
    assert_eq!(order["currency"], "USD");
    assert!(order["setup_price"].is_string(), "{order}");
    assert!(order["monthly_price"].is_string(), "{order}");
    assert!(order["settled_at"].is_string(), "{order}");

    let csv = home
        .run_async(
            &["history", "--ref", "TICKET 42", "--csv", "--base-url", &url],
            &[KEY],
        )
        .await
        .ok();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "AT",
            "KIND",
            "NUMBER",
            "GROUP",
            "SETUP",
            "MONTHLY",
            "CURRENCY",
            "OUTCOME",
            "REFERENCE",
            "ID"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{csv:?}");
    for row in &rows {
        assert_eq!(&row[2], assigned.as_str());
        assert_eq!(&row[3], "us-ca-la-local-1");
        assert_eq!(&row[6], "USD");
        assert_eq!(&row[7], "bought");
        assert_eq!(&row[8], "Ticket 42");
    }
    assert_eq!(&rows[1][1], "purchase");
    assert!(!rows[1][5].is_empty(), "the monthly price agreed: {csv:?}");

    // Nothing since a day to come: the header alone, and a note on stderr.
    let none = home
        .run_async(
            &["history", "--since", "2999-01-01", "--base-url", &url],
            &[KEY],
        )
        .await
        .ok();
    assert_eq!(none.stdout.lines().count(), 1, "{none:?}");
    assert!(none.stderr.contains("No order matches"), "{none:?}");
}

#[test]
fn the_sandbox_history_is_kept_apart_and_torn_lines_are_counted() {
    let home = Home::new();
    let state = home.state_dir();
    std::fs::create_dir_all(&state).unwrap();
    let line = |id: &str, reference: &str| {
        format!(
            r#"{{"event":"purchase_intent","at":"2026-02-01T08:01:00Z","intent":"{id}","group_id":"g","number":"+12135550006","reservation":null,"owned_before":null,"reference":"{reference}"}}"#
        )
    };
    std::fs::write(
        state.join("journal.jsonl"),
        format!("{}\n{{\"event\":\"purch", line("p-live", "REAL")),
    )
    .unwrap();
    std::fs::write(
        state.join("sandbox-journal.jsonl"),
        format!("{}\n", line("p-sandbox", "PLAY")),
    )
    .unwrap();

    let sandbox = home.run(&["history", "--json"], &[]).ok();
    let doc = sandbox.json();
    assert_eq!(doc["backend"], "sandbox");
    let ids: Vec<&str> = orders(&doc)
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p-sandbox"]);
    assert!(sandbox.stderr.contains("sandbox"), "{sandbox:?}");

    // With a key, the real journal; its torn last line is counted, never fatal.
    let live = home
        .run(
            &["history", "--json"],
            &[KEY, ("TWOCHAT_BASE_URL", "http://127.0.0.1:9")],
        )
        .ok();
    let doc = live.json();
    let ids: Vec<&str> = orders(&doc)
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["p-live"]);
    assert_eq!(doc["unreadable"], 1);
    assert!(
        live.stderr.contains("1 journal line could not be read"),
        "{live:?}"
    );
    let table = home.run(&["history", "--format", "table"], &[KEY]).ok();
    assert!(table.stdout.contains("REAL"), "{table:?}");
    assert!(table.stdout.contains("pending"), "{table:?}");
}

#[test]
fn a_reference_that_is_blank_or_too_long_is_refused_before_anything_is_sent() {
    let home = Home::new();
    let long = "x".repeat(65);
    for bad in ["  \u{7} ", long.as_str()] {
        let run = home.run(
            &["buy", "de-ber-local-1", "--ref", bad, "--yes", "--sandbox"],
            &[],
        );
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains("reference"), "{run:?}");
        let run = home.run(
            &["reserve", "de-ber-local-1", "--ref", bad, "--sandbox"],
            &[],
        );
        assert_eq!(run.code, 2, "{run:?}");
    }
}
