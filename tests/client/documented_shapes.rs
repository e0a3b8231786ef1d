//! The client against scripted servers answering in each shape the provider documents: the
//! error body without `success`, account info at the top level, the account's numbers over
//! several pages with released numbers among them, and settling read from them.

use std::time::Duration;

use crate::support::http::{FaultServer, Reply};
use numpick::api::model::NumberStatus;
use numpick::api::{ApiError, Client, ClientConfig};
use numpick::orders::settle::{account_numbers, settle};
use numpick::outcome::{PendingPurchase, Settlement};
use serde_json::{Value, json};

fn client_for(url: &str) -> Client {
    let mut config = ClientConfig::new(url, Some("test-key".to_owned().into()));
    config.request_timeout = Duration::from_secs(5);
    Client::new(config).unwrap()
}

fn owned(number: &str, status: &str, created: &str) -> Value {
    json!({"uuid": format!("DID-{number}"), "phone_number": number,
           "formatted_phone_number": number, "status_text": status, "created_at": created})
}

fn page(numbers: Vec<Value>) -> Reply {
    // `count` is the page's size here, one of the two readings the documents leave open.
    Reply::json(
        200,
        json!({"success": true, "count": numbers.len(), "page": 0, "numbers": numbers}),
    )
}

fn intent(number: &str) -> PendingPurchase {
    PendingPurchase {
        intent: "i-1".to_owned(),
        at: "2030-01-15T10:00:00Z".parse().unwrap(),
        group_id: "g-1".to_owned(),
        number: Some(number.to_owned()),
        owned_before: None,
    }
}

#[tokio::test]
async fn an_error_body_without_success_is_a_refusal_shown_verbatim() {
    let server = FaultServer::start(vec![Reply::json(
        404,
        json!({"error": true, "error_message": "Virtual number DID-x not found"}),
    )])
    .await;
    let client = client_for(&server.url());
    let error = client.release_number("DID-x").await.unwrap_err();
    assert_eq!(
        error,
        ApiError::Refused {
            status: 404,
            message: "Virtual number DID-x not found".to_owned()
        }
    );
    assert_eq!(
        server.requests()[0].path(),
        "/open/voip/virtual-numbers/DID-x"
    );
    assert_eq!(server.requests()[0].method, "DELETE");
}

#[tokio::test]
async fn account_info_is_read_at_the_top_level() {
    let server = FaultServer::start(vec![Reply::json(
        200,
        json!({"success": true,
               "account": {"name": "Acme", "uuid": "ACC91be", "on_trial": false, "blocked": false},
               "limits": {"requests_per_minute": 30},
               "usage": {"api_request_count": 77112, "max_api_request_count": 500000}}),
    )])
    .await;
    let client = client_for(&server.url());
    let info = client.account_info().await.unwrap();
    assert_eq!(info.name.as_deref(), Some("Acme"));
    assert_eq!(info.uuid.as_deref(), Some("ACC91be"));
    assert_eq!(info.requests_per_minute, Some(30));
    assert_eq!(info.api_request_count, Some(77112));
    assert!(
        format!("{client:?}").contains("requests_per_minute: 30"),
        "the client keeps under the account's limit"
    );
}

#[tokio::test]
async fn the_account_numbers_are_read_over_every_page_and_released_ones_do_not_count() {
    let wanted = "+12135551234";
    let server = FaultServer::start(vec![
        page(vec![
            owned("+12135550001", "ACTIVE", "2029-01-01T00:00:00Z"),
            owned(wanted, "RELEASED", "2030-01-15T10:00:02Z"),
        ]),
        page(vec![owned(
            "+12135550002",
            "PENDING_CANCELLATION",
            "2029-01-01T00:00:00Z",
        )]),
        page(vec![owned(
            wanted,
            "AWAITING_REGISTRATION",
            "2030-01-15T10:00:03Z",
        )]),
        page(vec![]),
    ])
    .await;
    let client = client_for(&server.url());
    let all = account_numbers(&client).await.unwrap();
    assert_eq!(all.numbers.len(), 4);
    assert_eq!(all.unreadable, 0);
    assert_eq!(
        all.numbers[1].status_text,
        Some(NumberStatus::Released),
        "every documented field is read"
    );
    assert_eq!(
        server.count(),
        4,
        "short pages do not end the read; an empty one does"
    );
    let pages: Vec<String> = (server.requests().iter())
        .map(|r| {
            r.query()
                .iter()
                .find(|(k, _)| k == "page_number")
                .unwrap()
                .1
                .clone()
        })
        .collect();
    assert_eq!(pages, ["0", "1", "2", "3"]);
}

#[tokio::test]
async fn settling_reads_past_short_pages_and_ignores_released_numbers() {
    let wanted = "+12135551234";
    // Bought: on page 2 (after two short pages), held and created after the intent.
    let server = FaultServer::start(vec![
        page(vec![owned(wanted, "RELEASED", "2030-01-15T10:00:02Z")]),
        page(vec![owned(
            "+12135550002",
            "ACTIVE",
            "2029-01-01T00:00:00Z",
        )]),
        page(vec![owned(wanted, "ACTIVE", "2030-01-15T10:00:03Z")]),
        page(vec![]),
    ])
    .await;
    let settled = settle(&client_for(&server.url()), &intent(wanted), Duration::ZERO).await;
    assert_eq!(
        settled,
        Settlement::Bought {
            number: wanted.to_owned()
        }
    );
    // Only released, or held since before the intent: not this purchase — and the number is
    // shown still free (still reserved), as "not bought" requires.
    let server = FaultServer::start(vec![
        page(vec![
            owned(wanted, "RELEASED", "2030-01-15T10:00:02Z"),
            owned("+12135550002", "ACTIVE", "2029-01-01T00:00:00Z"),
        ]),
        page(vec![]),
        Reply::json(
            200,
            json!({"success": true, "data": {"reservations": [{
                "uuid": "r-1", "number": wanted, "did_group_id": "g-1",
                "reservation_end_date": "2030-01-15T10:30:00Z"}]}}),
        ),
    ])
    .await;
    let settled = settle(&client_for(&server.url()), &intent(wanted), Duration::ZERO).await;
    assert!(
        matches!(settled, Settlement::NotBought { .. }),
        "{settled:?}"
    );
}
