//! A journal shared by accounts, API addresses and processes: `numpick buy` settles only the
//! intents of its own account and address whose writer has ended, leaves the others alone,
//! and stops at an intent left to the operator until `journal resolve` records a verdict.

use std::process::{Child, Command};

use crate::support::home::{Home, KEY, NUMBER, buy_args, group_json};
use crate::support::http::{FaultServer, Recorded, Reply};
use numpick::journal::{Entry, IntentOwner, Journal, Outcome};
use serde_json::json;

const OURS: &str = "+493099990001";
const THEIRS: &str = "+493099990002";

/// A server for account `account`, on which `OURS` and `THEIRS` are bought, and which records
/// what was asked. Purchases of `NUMBER` go through.
async fn server_of(account: &'static str) -> FaultServer {
    FaultServer::answering(move |request: &Recorded| match request.path() {
        "/open/info" => Reply::json(
            200,
            json!({"success": true, "account": {"uuid": account, "name": "Ops"}}),
        ),
        "/open/numbers/groups" => Reply::json(
            200,
            json!({"success": true, "data": {"groups": [group_json("g-1")]}}),
        ),
        "/open/voip/virtual-numbers" => {
            let page = request
                .query()
                .iter()
                .any(|(k, v)| k == "page_number" && v != "0");
            let numbers: Vec<_> = if page {
                vec![]
            } else {
                [OURS, THEIRS]
                    .iter()
                    .map(|n| json!({"phone_number": n, "status_text": "ACTIVE"}))
                    .collect()
            };
            Reply::json(
                200,
                json!({"success": true, "count": numbers.len(), "numbers": numbers}),
            )
        }
        "/open/numbers/purchase" => Reply::json(
            201,
            json!({"success": true, "purchased": [NUMBER], "failed": []}),
        ),
        _ => Reply::refusal(404, "not scripted"),
    })
    .await
}

/// An intent for `number` written an hour ago by a process that has ended.
fn intent(id: &str, number: &str, base_url: &str, account: &str) -> Entry {
    owned_intent(
        id,
        number,
        IntentOwner {
            base_url: base_url.to_owned(),
            account: Some(account.to_owned()),
            // Beyond the kernel's largest pid: no such process runs.
            pid: 4_194_305,
            process_started: Some(1),
        },
    )
}

fn owned_intent(id: &str, number: &str, owner: IntentOwner) -> Entry {
    Entry::PurchaseIntent {
        at: jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1),
        intent: id.to_owned(),
        group_id: "g-1".to_owned(),
        number: Some(number.to_owned()),
        reservation: None,
        owned_before: None,
        owner: Some(owner),
        prices: None,
        reference: None,
    }
}

fn write_journal(home: &Home, entries: &[Entry]) -> std::path::PathBuf {
    let path = home.state_dir().join("journal.jsonl");
    let mut journal = Journal::open(&path).unwrap();
    for entry in entries {
        journal.append(entry).unwrap();
    }
    path
}

/// The final outcomes recorded for `intent`.
fn outcomes_of(path: &std::path::Path, intent: &str) -> Vec<Outcome> {
    (Journal::read_all(path).unwrap().entries.into_iter())
        .filter_map(|entry| match entry {
            Entry::PurchaseOutcome {
                intent: id,
                outcome,
                ..
            } if id == intent => Some(outcome),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_intents_of_this_account_and_address_are_settled() {
    let server = server_of("acct-b").await;
    let base = format!("{}/", server.url());
    let home = Home::new();
    home.write_config("settle_window_secs = 0\n");
    let journal = write_journal(
        &home,
        &[
            intent("on-a", THEIRS, &base, "acct-a"),
            intent("on-b", OURS, &base, "acct-b"),
            intent("other-api", OURS, "https://elsewhere.example/", "acct-b"),
        ],
    );
    let run = home
        .run_async(&buy_args("g-1", &[], &server.url()), &[KEY])
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        matches!(
            outcomes_of(&journal, "on-b").as_slice(),
            [Outcome::Bought { .. }]
        ),
        "settled on its own account"
    );
    assert_eq!(
        outcomes_of(&journal, "on-a"),
        vec![],
        "account A's is left alone"
    );
    assert_eq!(outcomes_of(&journal, "other-api"), vec![]);
    assert!(
        run.stderr.contains("on-a") && run.stderr.contains("left alone"),
        "{run:?}"
    );

    // `journal pending` still lists the two left alone, with their account and address.
    let pending = home.run(&["journal", "pending", "--json"], &[]).ok().json();
    let listed: Vec<(&str, &str)> = (pending["pending"].as_array().unwrap().iter())
        .map(|p| {
            (
                p["intent"].as_str().unwrap(),
                p["account"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed, [("on-a", "acct-a"), ("other-api", "acct-b")]);
}

/// A process that lives until killed: the writer of an intent still in flight.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The start time of `pid`, as numpick records it (field 22 of `/proc/PID/stat`).
fn started(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &stat[stat.rfind(')')? + 1..];
    after_name.split_whitespace().nth(19)?.parse().ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purchase_in_flight_in_another_process_is_left_alone() {
    let server = server_of("acct-b").await;
    let base = format!("{}/", server.url());
    let home = Home::new();
    home.write_config("settle_window_secs = 0\n");
    let writer = Writer(Command::new("sleep").arg("60").spawn().unwrap());
    let pid = writer.0.id();
    let owner = IntentOwner {
        base_url: base.clone(),
        account: Some("acct-b".to_owned()),
        pid,
        process_started: started(pid),
    };
    let journal = write_journal(&home, &[owned_intent("in-flight", OURS, owner)]);
    let run = home
        .run_async(&buy_args("g-1", &[], &server.url()), &[KEY])
        .await;
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        outcomes_of(&journal, "in-flight"),
        vec![],
        "not settled while in flight"
    );
    let reads = (server.requests().iter())
        .filter(|r| r.path() == "/open/voip/virtual-numbers")
        .count();
    assert_eq!(reads, 0);
    assert!(
        run.stderr.contains("in flight in another numpick process"),
        "{run:?}"
    );
    let pending = home.run(&["journal", "pending", "--json"], &[]).ok().json();
    assert_eq!(pending["pending"][0]["state"], "in_flight");

    // Once the writer has ended (dropping it kills and reaps it), the intent is settled.
    drop(writer);
    let again = home
        .run_async(&buy_args("g-1", &[], &server.url()), &[KEY])
        .await;
    assert_eq!(again.code, 0, "{again:?}");
    assert!(matches!(
        outcomes_of(&journal, "in-flight").as_slice(),
        [Outcome::Bought { .. }]
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_intent_undecided_three_times_waits_for_the_operator() {
    let server = server_of("acct-b").await;
    let base = format!("{}/", server.url());
    let home = Home::new();
    let unknown = |n: u32| Entry::PurchaseOutcome {
        at: jiff::Timestamp::now(),
        intent: "stuck".to_owned(),
        outcome: Outcome::Unknown {
            reason: format!("attempt {n}"),
        },
        reference: None,
    };
    let journal = write_journal(
        &home,
        &[
            intent("stuck", "+493099990003", &base, "acct-b"),
            unknown(1),
            unknown(2),
            unknown(3),
        ],
    );
    let run = home
        .run_async(&buy_args("g-1", &[], &server.url()), &[KEY])
        .await;
    assert_eq!(run.code, 6, "{run:?}");
    assert!(
        run.stderr.contains("numpick journal resolve stuck"),
        "{run:?}"
    );
    let asked: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.path().to_owned())
        .collect();
    assert!(
        !asked
            .iter()
            .any(|p| p == "/open/voip/virtual-numbers" || p == "/open/numbers/purchase"),
        "no reads spent on it, and nothing bought: {asked:?}"
    );
    let pending = home.run(&["journal", "pending", "--json"], &[]).ok().json();
    assert_eq!(pending["pending"][0]["state"], "left_to_you");
    assert_eq!(pending["pending"][0]["unknown_attempts"], 3);

    let unknown_id = home.run(&["journal", "resolve", "nope", "--bought"], &[]);
    assert_eq!(unknown_id.code, 2, "{unknown_id:?}");
    let neither = home.run(&["journal", "resolve", "stuck"], &[]);
    assert_eq!(
        neither.code, 2,
        "one of --bought and --not-bought: {neither:?}"
    );
    home.run(&["journal", "resolve", "stuck", "--not-bought"], &[])
        .ok();
    assert_eq!(
        outcomes_of(&journal, "stuck").last(),
        Some(&Outcome::Resolved {
            bought: false,
            number: Some("+493099990003".to_owned())
        })
    );
    let pending = home.run(&["journal", "pending", "--json"], &[]).ok().json();
    assert_eq!(pending["pending"], json!([]));
    let run = home
        .run_async(&buy_args("g-1", &[], &server.url()), &[KEY])
        .await;
    assert_eq!(run.code, 0, "buying again once resolved: {run:?}");
}
