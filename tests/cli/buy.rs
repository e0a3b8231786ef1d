//! Reserving and buying from the command line: reserve, reservations and cancel on the sandbox;
//! buy with `--yes`, with `--dry-run`, on a terminal with its confirmation, and without either;
//! a lost purchase answer settled through the journal and never sent twice; and unreadable
//! journal lines reported without stopping a purchase.

use crate::support::home::{
    Home, KEY, NUMBER, account_info, buy_args, items, keys, ok, one_group, posts, set,
};
use crate::support::http::{FaultServer, Reply};
use crate::support::pty::on_terminal;
use serde_json::json;

#[test]
fn reserve_reservations_and_cancel_on_the_sandbox() {
    let home = Home::new();
    let doc = home
        .run(&["reserve", "de-ber-local-1", "--json", "--sandbox"], &[])
        .ok()
        .json();
    let reservation = &doc["reservation"];
    assert_eq!(
        keys(reservation),
        set(&[
            "uuid",
            "number",
            "formatted",
            "group_id",
            "did_type",
            "iso_country_code",
            "location",
            "setup_price",
            "monthly_price",
            "ppm",
            "currency",
            "needs_registration",
            "created_at",
            "expires_at",
            "expires_in_secs"
        ])
    );
    assert!(reservation["number"].as_str().unwrap().starts_with("+4930"));
    assert!(
        reservation["formatted"]
            .as_str()
            .unwrap()
            .starts_with("+49 30 "),
        "{reservation}"
    );
    assert_eq!(reservation["currency"], "USD");
    assert_eq!(reservation["group_id"], "de-ber-local-1");
    let left = reservation["expires_in_secs"].as_i64().unwrap();
    assert!((500..=600).contains(&left), "{left}");
    let table = home
        .run(&["reserve", "de-ber-local-1", "--sandbox"], &[])
        .ok();
    assert!(table.stdout.starts_with("Reserved:"), "{table:?}");
    // The sandbox lives for one command: the next one starts with no reservation.
    let list = home.run(&["reservations", "--json"], &[]).ok().json();
    assert_eq!(
        list,
        json!({"backend": "sandbox", "reservations": [], "unreadable": 0})
    );
    // Piped: the columns on stdout, the note on stderr.
    let list = home.run(&["reservations"], &[]).ok();
    assert_eq!(
        list.stdout,
        "UUID\tNUMBER\tWHERE\tGROUP\tMONTHLY\tEXPIRES AT\tLEFT\n"
    );
    assert!(
        list.stderr.contains("No active reservations.\n"),
        "{list:?}"
    );
    let cancel = home.run(&["cancel", "no-such-uuid", "--json", "--sandbox"], &[]);
    assert_eq!(cancel.code, 3, "{cancel:?}");
    assert!(cancel.stdout.is_empty() && cancel.stderr.contains("not found"));
}

#[test]
fn buy_on_the_sandbox_with_yes() {
    let home = Home::new();
    let doc = home
        .run(
            &[
                "buy",
                "de-ber-local-1",
                "--country",
                "DE",
                "--yes",
                "--json",
                "--sandbox",
            ],
            &[],
        )
        .ok()
        .json();
    assert_eq!(
        keys(&doc),
        set(&[
            "backend",
            "status",
            "group_id",
            "number",
            "formatted",
            "setup_price",
            "monthly_price",
            "ppm",
            "due_now_price",
            "currency",
            "receipt"
        ])
    );
    assert_eq!(doc["status"], "bought");
    assert_eq!(
        (doc["setup_price"].as_str(), doc["monthly_price"].as_str()),
        (Some("1.00"), Some("3.50"))
    );
    assert_eq!(
        (doc["due_now_price"].as_str(), doc["currency"].as_str()),
        (Some("4.50"), Some("USD"))
    );
    let bought = doc["number"].as_str().unwrap();
    assert!(bought.starts_with("+4930"));
    // The receipt is the API's whole answer, the number in `purchased`.
    assert_eq!(
        doc["receipt"],
        json!({"success": true, "purchased": [bought], "failed": []})
    );
    // A chosen number, from the same seeded catalogue.
    let numbers = home
        .run(&["numbers", "de-ber-local-1", "--json"], &[])
        .ok()
        .json();
    let chosen = items(&numbers, "numbers")[3]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    let table = home
        .run(
            &[
                "buy",
                "de-ber-local-1",
                "--country",
                "DE",
                "--number",
                &chosen,
                "--yes",
                "--sandbox",
            ],
            &[],
        )
        .ok();
    assert!(
        table.stdout.contains(&format!("Bought:  {chosen}")),
        "{table:?}"
    );
    // The sandbox's journal is a throwaway: the real one is untouched.
    assert!(!home.state_dir().join("journal.jsonl").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buy_without_a_terminal_and_without_yes_sends_nothing() {
    let server = FaultServer::start(vec![]).await;
    let url = server.url();
    let home = Home::new();
    let run = home
        .run_async(
            &["buy", "g-1", "--country", "DE", "--base-url", &url],
            &[KEY],
        )
        .await;
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--yes") && run.stdout.is_empty());
    assert_eq!(server.count(), 0);
    assert!(!home.state_dir().join("journal.jsonl").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_prints_the_request_and_sends_nothing() {
    // The dry run looks the prices up as a real run would: the reservations, then the
    // groups of the number's country.
    let server = FaultServer::start(vec![ok(json!({"reservations": []})), one_group("g-1")]).await;
    let url = server.url();
    let home = Home::new();
    let args = [
        "buy",
        "g-1",
        "--number",
        NUMBER,
        "--dry-run",
        "--json",
        "--base-url",
        &url,
    ];
    let doc = home.run_async(&args, &[KEY]).await.ok().json();
    assert_eq!(
        doc,
        json!({"backend": "live", "dry_run": true, "setup_price": "1.00", "monthly_price": "3.50",
               "requests": [{"method": "POST", "path": "/open/numbers/purchase",
               "body": {"group_id": "g-1", "number": "+493012345678"}}]})
    );
    assert_eq!(posts(&server), 0, "only lookups: {:?}", server.requests());
    let server = FaultServer::start(vec![]).await;
    let url = server.url();
    // Without a number, the group is asked for one by a reservation, and the purchase still
    // names it: never a purchase body without `number`.
    let table = home
        .run_async(&["buy", "g-1", "--dry-run", "--base-url", &url], &[KEY])
        .await
        .ok();
    assert!(table.stdout.contains("POST /open/numbers/reservations"));
    assert!(table.stdout.contains(r#"{"group_id":"g-1"}"#), "{table:?}");
    assert!(table.stdout.contains("POST /open/numbers/purchase"));
    assert!(
        table
            .stdout
            .contains(r#"{"group_id":"g-1","number":"<the reserved number>"}"#),
        "{table:?}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_purchase_answer_is_settled_and_never_sent_twice() {
    // Unknown even after settling: the account's numbers cannot be read → exit 6.
    let server = FaultServer::start(vec![
        one_group("g-1"),
        account_info(),
        Reply::ResetMidAnswer,
        Reply::refusal(403, "numbers unavailable"),
        // The next run, on the same API address (an intent is settled only there).
        one_group("g-1"),
        account_info(),
        Reply::refusal(403, "numbers unavailable"),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    // The settle window is what the config says; 0 reads the account's numbers once.
    home.write_config("settle_window_secs = 0\n");
    let run = home
        .run_async(&buy_args("g-1", &["--json"], &url), &[KEY])
        .await;
    assert_eq!(run.code, 6, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    assert_eq!(posts(&server), 1, "a purchase is sent once");
    let journal = home.journal();
    assert!(
        journal.contains("\"purchase_intent\"") && journal.contains("\"unknown\""),
        "{journal}"
    );

    // The next buy of the same group settles that one first; still unknown → nothing is sent.
    let run = home.run_async(&buy_args("g-1", &[], &url), &[KEY]).await;
    assert_eq!(run.code, 6, "{run:?}");
    assert!(run.stderr.contains("still unsettled"), "{run:?}");
    assert_eq!(posts(&server), 1, "nothing more was sent");
    assert_eq!(server.count(), 7, "every scripted answer used");

    // Settled as not bought: the number is not on the account once the window has passed,
    // and its reservation is still listed → exit 7, nothing bought.
    let server = FaultServer::start(vec![
        one_group("g-2"),
        account_info(),
        Reply::ResetMidAnswer,
        Reply::json(
            200,
            json!({"success": true, "count": 0, "page": 0, "numbers": []}),
        ),
        ok(
            json!({"reservations": [{"uuid": "res-1", "number": NUMBER, "did_group_id": "g-2",
            "reservation_date": "2026-01-15T10:00:00Z",
            "reservation_end_date": "2099-01-15T10:30:00Z"}]}),
        ),
    ])
    .await;
    let url = server.url();
    let fresh = Home::new();
    fresh.write_config("settle_window_secs = 0\n");
    let run = fresh.run_async(&buy_args("g-2", &[], &url), &[KEY]).await;
    assert_eq!(run.code, 7, "{run:?}");
    assert!(run.stderr.contains("did not go through"), "{run:?}");
    assert_eq!(posts(&server), 1);
}

#[test]
fn buy_on_a_terminal_shows_the_prices_and_buys_on_yes() {
    let home = Home::new();
    let args = ["buy", "de-ber-local-1", "--country", "DE", "--sandbox"];
    let (code, shown) = on_terminal(&home, &args, &[], "y\n");
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("setup:   USD 1.00 (one-time)") && shown.contains("monthly: USD 3.50"),
        "{shown}"
    );
    assert!(
        shown.contains("due now: USD 4.50 (setup + first month)"),
        "{shown}"
    );
    assert!(shown.contains("Buy it? [y/N]"));
    assert!(shown.contains("Bought:  +4930"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn buy_declined_on_a_terminal_sends_no_purchase() {
    let server = FaultServer::start(vec![one_group("g-1")]).await;
    let home = Home::new();
    let url = server.url();
    let args = [
        "buy",
        "g-1",
        "--number",
        NUMBER,
        "--country",
        "DE",
        "--base-url",
        &url,
    ];
    let (code, shown) = home.on_terminal_async(&args, &[KEY], "n\n").await;
    assert_eq!(code, 1, "{shown}");
    assert!(
        shown.contains("About to buy +493012345678") && shown.contains("declined"),
        "{shown}"
    );
    let methods: Vec<String> = server.requests().into_iter().map(|r| r.method).collect();
    assert_eq!(methods, ["GET"], "only the price lookup");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_journal_lines_are_reported_and_do_not_stop_a_purchase() {
    let server = FaultServer::start(vec![
        one_group("g-1"),
        account_info(),
        Reply::json(
            201,
            json!({"success": true, "purchased": [NUMBER], "failed": []}),
        ),
    ])
    .await;
    let url = server.url();
    let home = Home::new();
    std::fs::create_dir_all(home.state_dir()).unwrap();
    // A line that is not UTF-8, then one cut short by a crash (no newline).
    let journal = home.state_dir().join("journal.jsonl");
    std::fs::write(&journal, b"\xff\xfe\n{\"event\":\"purchase_int").unwrap();
    let run = home
        .run_async(&buy_args("g-1", &["--json"], &url), &[KEY])
        .await
        .ok();
    assert!(
        run.stderr.contains("2 journal lines could not be read"),
        "{run:?}"
    );
    assert_eq!(run.json()["status"], "bought");
    assert_eq!(posts(&server), 1);
    let entries = numpick::journal::Journal::read_all(&journal).unwrap();
    assert_eq!(entries.unreadable, 2, "the purchase's own lines are whole");
    assert_eq!(entries.entries.len(), 2, "{:?}", entries.entries);
}
