//! Settling a purchase whose answer was lost, on tokio's paused time against a scripted
//! server: "not on the account yet" is never concluded as "not bought" before the settle
//! window has passed, and never without evidence that the number is still free.

use std::sync::Mutex;
use std::time::Duration;

use crate::support::http::{FaultServer, Recorded, Reply};
use numpick::api::model::{E164, GroupId, PurchaseOrder};
use numpick::api::{Client, ClientConfig};
use numpick::journal::{Entry, Journal, Outcome};
use numpick::orders::{PurchaseResult, purchase_recorded, settle_recorded};
use numpick::outcome::Settlement;
use secrecy::SecretString;
use serde_json::json;

const NUMBER: &str = "+12135551234";
const GROUP: &str = "us-la-local";
const WINDOW: Duration = Duration::from_secs(120);
const ACCOUNT_NUMBERS: &str = "/open/voip/virtual-numbers";

fn client(server: &FaultServer) -> Client {
    let mut config = ClientConfig::new(server.url(), Some(SecretString::from("settle-key")));
    config.request_timeout = Duration::from_secs(20);
    Client::new(config).unwrap()
}

/// A page of the account's numbers holding `numbers` (national or E.164 format).
fn page(numbers: &[&str]) -> Reply {
    let created = jiff::Timestamp::now().to_string();
    let items: Vec<_> = (numbers.iter())
        .map(|n| json!({"phone_number": n, "iso_country_code": "US", "status_text": "ACTIVE", "created_at": created}))
        .collect();
    Reply::json(
        200,
        json!({"success": true, "count": items.len(), "page": 0, "numbers": items}),
    )
}

fn page_number(request: &Recorded) -> u32 {
    (request.query().iter())
        .find(|(name, _)| name == "page_number")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0)
}

/// The purchase's answer arrives only after the client's 20-second timeout.
fn late_purchase() -> Reply {
    Reply::json(
        201,
        json!({"success": true, "purchased": [NUMBER], "failed": []}),
    )
    .late(Duration::from_secs(23))
}

fn journal() -> (tempfile::TempDir, Mutex<Journal>) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::open(&dir.path().join("journal.jsonl")).unwrap();
    (dir, Mutex::new(journal))
}

fn outcomes(dir: &tempfile::TempDir) -> Vec<Outcome> {
    let entries = Journal::read_all(&dir.path().join("journal.jsonl"))
        .unwrap()
        .entries;
    (entries.into_iter())
        .filter_map(|entry| match entry {
            Entry::PurchaseOutcome { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect()
}

/// Buys `NUMBER` against `server`; the answer is lost, so the outcome is unknown.
async fn buy_losing_the_answer(
    server: &FaultServer,
    journal: &Mutex<Journal>,
) -> numpick::outcome::PendingPurchase {
    let order = PurchaseOrder::new(GroupId::new(GROUP), E164::parse(NUMBER).unwrap());
    let result = purchase_recorded(
        &client(server),
        Some(journal),
        &order,
        None,
        None,
        None,
        None,
    )
    .await;
    match result {
        Ok(PurchaseResult::Unknown { pending, .. }) => pending,
        other => panic!("{other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn a_purchase_applied_after_the_timeout_is_settled_as_bought_never_not_bought() {
    // The server applies the purchase a few seconds after the client gave up: the first
    // reading of the account does not show it yet, later ones do (in national format).
    let mut readings = 0;
    let server = FaultServer::answering(move |request| match request.path() {
        "/open/numbers/purchase" => late_purchase(),
        ACCOUNT_NUMBERS if page_number(request) > 0 => page(&[]),
        ACCOUNT_NUMBERS => {
            readings += 1;
            if readings == 1 {
                page(&[])
            } else {
                page(&["(213) 555-1234"])
            }
        }
        _ => Reply::refusal(404, "not scripted"),
    })
    .await;
    let (dir, journal) = journal();
    let pending = buy_losing_the_answer(&server, &journal).await;
    let started = tokio::time::Instant::now();
    let settlement = settle_recorded(&client(&server), Some(&journal), &pending, WINDOW).await;
    assert_eq!(
        settlement,
        Settlement::Bought {
            number: NUMBER.to_owned()
        }
    );
    assert!(started.elapsed() < WINDOW, "bought as soon as it appeared");
    let purchases = (server.requests().iter())
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(purchases, 1, "sent once, never retried");
    let recorded = outcomes(&dir);
    assert!(
        !recorded
            .iter()
            .any(|o| matches!(o, Outcome::NotBought { .. })),
        "{recorded:?}"
    );
    assert!(matches!(recorded.last(), Some(Outcome::Bought { .. })));
}

/// A server on which the number never appears; `free` says whether its reservation is
/// still listed.
async fn never_appearing(free: bool) -> FaultServer {
    FaultServer::answering(move |request| match request.path() {
        "/open/numbers/purchase" => late_purchase(),
        ACCOUNT_NUMBERS => page(&[]),
        "/open/numbers/reservations" => {
            let held = json!({"uuid": "res-1", "number": NUMBER, "did_group_id": GROUP,
                "reservation_date": "2026-01-15T10:00:00Z",
                "reservation_end_date": "2099-01-15T10:30:00Z"});
            let list = if free { vec![held] } else { vec![] };
            Reply::json(
                200,
                json!({"success": true, "data": {"reservations": list}}),
            )
        }
        "/open/numbers/available" => {
            Reply::json(200, json!({"success": true, "data": {"numbers": []}}))
        }
        _ => Reply::refusal(404, "not scripted"),
    })
    .await
}

#[tokio::test(start_paused = true)]
async fn not_bought_is_concluded_only_after_the_window_with_the_number_shown_free() {
    let server = never_appearing(true).await;
    let (_dir, journal) = journal();
    // The window counts from the purchase's intent.
    let intended = tokio::time::Instant::now();
    let pending = buy_losing_the_answer(&server, &journal).await;
    let settlement = settle_recorded(&client(&server), Some(&journal), &pending, WINDOW).await;
    assert_eq!(
        settlement,
        Settlement::NotBought {
            number: Some(NUMBER.to_owned())
        }
    );
    assert!(intended.elapsed() >= WINDOW, "not before the window passed");
    let readings = (server.requests().iter())
        .filter(|r| r.path() == ACCOUNT_NUMBERS)
        .count();
    assert!(readings > 3, "read again and again: {readings}");
}

#[tokio::test(start_paused = true)]
async fn a_number_absent_but_not_shown_free_stays_unknown() {
    let server = never_appearing(false).await;
    let (dir, journal) = journal();
    let pending = buy_losing_the_answer(&server, &journal).await;
    let settlement = settle_recorded(&client(&server), Some(&journal), &pending, WINDOW).await;
    assert!(
        matches!(&settlement, Settlement::Unknown { reason } if reason.contains("neither is it listed")),
        "{settlement:?}"
    );
    assert!(matches!(
        outcomes(&dir).last(),
        Some(Outcome::Unknown { .. })
    ));
}
