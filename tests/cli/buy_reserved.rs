//! `buy --reservation A B` against a sandbox that outlives one command, through a proxy that
//! records every request: guarded like `buy` (no terminal and no `--yes`: nothing sent), a dry
//! run that prints one request per number, one confirmation on a terminal for both numbers,
//! one purchase request each naming its number, and each outcome reported.

use crate::support::home::{Home, KEY, account_info, ok};
use crate::support::http::{FaultProxy, PurchaseFault};
use crate::support::http::{FaultServer, Reply};
use numpick::api::model::{GroupId, Reservation};
use numpick::api::{Client, ClientConfig};
use numpick::sandbox::{self, SandboxConfig};
use serde_json::{Value, json};

const PURCHASE: &str = "/open/numbers/purchase";
const LA: &str = "us-ca-la-local-1";

/// Two numbers of the Los Angeles group, reserved by another client of the account.
async fn reserve_two(client: &Client) -> [Reservation; 2] {
    let group = GroupId::new(LA);
    [
        client.reserve(&group, None).await.unwrap(),
        client.reserve(&group, None).await.unwrap(),
    ]
}

fn purchased_numbers(proxy: &FaultProxy) -> Vec<String> {
    (proxy.seen().into_iter())
        .filter(|seen| seen.method == "POST" && seen.path == PURCHASE)
        .map(|seen| {
            let body: Value = serde_json::from_str(&seen.body).unwrap();
            assert_eq!(body["group_id"], LA, "{body}");
            body["number"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reserved_numbers_are_bought_after_one_confirmation_each_by_its_number() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let side = Client::new(ClientConfig::new(
        sandbox.base_url(),
        Some("side".to_owned().into()),
    ))
    .unwrap();
    let [a, b] = reserve_two(&side).await;
    let url = proxy.base_url.clone();
    let home = Home::new();
    let buy = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["buy", "--reservation", a.uuid.as_str(), b.uuid.as_str()];
        args.extend_from_slice(extra);
        args.extend(["--base-url", url.as_str()]);
        args.into_iter().map(str::to_owned).collect()
    };
    let run = |args: &[String]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        home.run(&args, &[KEY])
    };

    // Without a terminal and without --yes, nothing is sent.
    let refused = tokio::task::block_in_place(|| run(&buy(&[])));
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--yes"), "{refused:?}");

    // A group or a number cannot be given with reservations: which one to buy would be unclear.
    let both = tokio::task::block_in_place(|| {
        home.run(&["buy", LA, "--reservation", a.uuid.as_str()], &[KEY])
    });
    assert_eq!(both.code, 2, "{both:?}");

    // A dry run prints one purchase per number, with the totals.
    let dry = tokio::task::block_in_place(|| run(&buy(&["--dry-run", "--json"])))
        .ok()
        .json();
    let bodies: Vec<&Value> = (dry["requests"].as_array().unwrap().iter())
        .map(|r| &r["body"])
        .collect();
    assert_eq!(bodies.len(), 2, "{dry}");
    assert_eq!(bodies[0]["number"], a.number.as_str());
    assert_eq!(bodies[1]["number"], b.number.as_str());
    assert!(dry["due_now_price"].is_string(), "{dry}");
    assert_eq!(proxy.count("POST", PURCHASE), 0);

    // A reservation the account does not hold stops everything before anything is sent.
    let unknown = tokio::task::block_in_place(|| {
        run(&[
            "buy".to_owned(),
            "--reservation".to_owned(),
            a.uuid.to_string(),
            "no-such-reservation".to_owned(),
            "--yes".to_owned(),
            "--base-url".to_owned(),
            url.clone(),
        ])
    });
    assert_eq!(unknown.code, 1, "{unknown:?}");
    assert!(
        unknown.stderr.contains("no-such-reservation"),
        "{unknown:?}"
    );
    assert_eq!(proxy.count("POST", PURCHASE), 0);

    // On a terminal: one confirmation for both numbers, with each price and the totals.
    let args = buy(&[]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, shown) = home.on_terminal_async(&args, &[KEY], "y\n").await;
    assert_eq!(code, 0, "{shown}");
    assert_eq!(shown.matches("Buy them? [y/N]").count(), 1, "{shown}");
    assert!(shown.contains("About to buy 2 reserved numbers"), "{shown}");
    assert!(shown.contains("due now: USD "), "{shown}");
    assert!(shown.contains("monthly: USD "), "{shown}");
    assert!(shown.contains("Bought 2 of 2"), "{shown}");

    assert_eq!(
        purchased_numbers(&proxy),
        [a.number.clone(), b.number.clone()],
        "two requests, each naming its number"
    );
    assert_eq!(sandbox.purchases(), 2);
    let journal = home.journal();
    for held in [&a, &b] {
        assert!(
            journal.contains(&format!("\"reservation\":\"{}\"", held.uuid)),
            "{journal}"
        );
    }
}

/// A listed reservation of `number`, ending an hour from now.
fn listed(uuid: &str, number: &str) -> Value {
    let end = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(1);
    json!({
        "uuid": uuid, "number": number, "did_group_id": LA, "did_type": "local",
        "iso_country_code": "US", "location": "Los Angeles",
        "setup_price": 1.00, "monthly_price": 3.50,
        "reservation_date": "2024-01-15T10:00:00Z", "reservation_end_date": end.to_string()
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_refused_does_not_stop_the_other_and_both_are_reported() {
    const GONE: &str = "+12135550001";
    const FREE: &str = "+12135550002";
    let server =
        FaultServer::answering(|request| match (request.method.as_str(), request.path()) {
            ("GET", "/open/numbers/reservations") => ok(json!({
                "reservations": [listed("res-gone", GONE), listed("res-free", FREE)]
            })),
            ("GET", "/open/info") => account_info(),
            ("POST", PURCHASE) => {
                let number = request.json()["number"].as_str().unwrap().to_owned();
                let (bought, failed) = if number == GONE {
                    (vec![], vec![number])
                } else {
                    (vec![number], vec![])
                };
                Reply::json(
                    201,
                    json!({"success": true, "purchased": bought, "failed": failed}),
                )
            }
            _ => Reply::refusal(404, "not scripted"),
        })
        .await;
    let url = server.url();
    let home = Home::new();
    let args = [
        "buy",
        "--reservation",
        "res-gone",
        "res-free",
        "--yes",
        "--json",
        "--base-url",
        url.as_str(),
    ];
    let run = home.run_async(&args, &[KEY]).await;
    assert_eq!(run.code, 3, "one refused: {run:?}");
    let doc = run.json();
    let purchases = doc["purchases"].as_array().unwrap();
    let statuses: Vec<&str> = (purchases.iter())
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["refused", "bought"], "{doc}");
    assert_eq!(purchases[0]["number"], GONE);
    assert_eq!(purchases[0]["reservation"], "res-gone");
    assert_eq!(purchases[1]["due_now_price"], "4.50", "{doc}");
    assert_eq!(doc["due_now_price"], "4.50", "only what was bought");
    assert_eq!(doc["monthly_price"], "3.50");
    assert_eq!(doc["currency"], "USD");
    let sent: Vec<String> = (server.requests().iter())
        .filter(|r| r.method == "POST" && r.path() == PURCHASE)
        .map(|r| r.json()["number"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(sent, [GONE, FREE], "two requests, each naming its number");
    let journal = home.journal();
    assert!(journal.contains("\"refused\""), "{journal}");
}
