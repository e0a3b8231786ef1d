//! `owned` and `release` against a sandbox that outlives one command: the owned list after two
//! purchases, and a release that is guarded (no terminal, no `--yes`: nothing sent; the last
//! four digits on a terminal), journalled before and after, and sent once.

use crate::support::home::{Home, KEY};
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::api::model::{E164, GroupId, PurchaseOrder};
use numpick::api::{Client, ClientConfig};
use numpick::sandbox::{self, SandboxConfig};
use serde_json::Value;

/// Buys a number the API assigns in `group`, as another client of the account.
async fn buy_one(client: &Client, group: &str) -> String {
    let held = client.reserve(&GroupId::new(group), None).await.unwrap();
    let order = PurchaseOrder::new(GroupId::new(group), E164::parse(&held.number).unwrap());
    client.purchase(&order).await.unwrap();
    held.number
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn owned_numbers_are_listed_and_one_is_released_once_with_a_record() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let side = Client::new(ClientConfig::new(
        sandbox.base_url(),
        Some("side".to_owned().into()),
    ))
    .unwrap();
    let first = buy_one(&side, "us-ca-la-local-1").await;
    let second = buy_one(&side, "de-ber-local-1").await;
    let url = proxy.base_url.clone();
    let home = Home::new();

    let doc: Value = home
        .run_async(&["owned", "--json", "--base-url", &url], &[KEY])
        .await
        .ok()
        .json();
    let numbers = doc["numbers"].as_array().unwrap();
    let listed: Vec<&str> = numbers
        .iter()
        .map(|n| n["number"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [first.as_str(), second.as_str()]);
    assert_eq!(numbers[0]["status"], "active");
    assert!(numbers[0]["uuid"].as_str().unwrap().starts_with("DID"));
    assert_eq!(doc["unreadable"], 0);
    let table = home
        .run_async(&["owned", "--base-url", &url], &[KEY])
        .await
        .ok();
    assert!(table.stdout.contains("active"), "{table:?}");

    // Without a terminal and without --yes, nothing is sent.
    let refused = home
        .run_async(&["release", &first, "--base-url", &url], &[KEY])
        .await;
    assert_eq!(refused.code, 2, "{refused:?}");
    assert!(refused.stderr.contains("--yes"), "{refused:?}");
    let dry = home
        .run_async(
            &["release", &first, "--dry-run", "--base-url", &url],
            &[KEY],
        )
        .await
        .ok();
    assert!(
        dry.stdout.contains("DELETE /open/voip/virtual-numbers/DID"),
        "{dry:?}"
    );
    assert_eq!(proxy.count("DELETE", "/open/voip/virtual-numbers"), 0);

    // On a terminal, the wrong last four digits release nothing.
    let args = ["release", first.as_str(), "--base-url", url.as_str()];
    let (code, shown) = home.on_terminal_async(&args, &[KEY], "0000\n").await;
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("last four digits"), "{shown}");
    assert_eq!(proxy.count("DELETE", "/open/voip/virtual-numbers"), 0);

    let released: Value = home
        .run_async(
            &["release", &first, "--yes", "--json", "--base-url", &url],
            &[KEY],
        )
        .await
        .ok()
        .json();
    assert_eq!(released["released"], first.as_str());
    assert_eq!(released["status"], "pending cancellation");
    assert_eq!(
        proxy.count("DELETE", "/open/voip/virtual-numbers"),
        1,
        "sent once"
    );
    let journal = home.journal();
    let intent = journal.find("\"release_intent\"").expect("recorded before");
    let outcome = journal.find("\"release_outcome\"").expect("recorded after");
    assert!(
        intent < outcome && journal.contains("\"released\""),
        "{journal}"
    );

    let after: Value = home
        .run_async(&["owned", "--json", "--base-url", &url], &[KEY])
        .await
        .ok()
        .json();
    assert_eq!(after["numbers"][0]["status"], "pending cancellation");
    assert_eq!(after["numbers"][1]["status"], "active");
    // A released number is not released twice.
    let again = home
        .run_async(&["release", &first, "--yes", "--base-url", &url], &[KEY])
        .await;
    assert_eq!(again.code, 2, "{again:?}");
    assert_eq!(proxy.count("DELETE", "/open/voip/virtual-numbers"), 1);
}

#[test]
fn release_without_a_key_needs_sandbox_on_purpose() {
    let run = Home::new().run(&["release", "+12135550000", "--yes"], &[]);
    assert_eq!(run.code, 4, "{run:?}");
    assert!(run.stderr.contains("--sandbox"), "{run:?}");
}
