//! The client against a server that fails: every test checks the error and how many requests
//! the server received (each one costs a credit, and a purchase must never be sent twice).
//! On tokio's paused clock: waits, late answers and timeouts pass at once, and a wait is
//! measured on the clock the client sleeps on.

use std::time::Duration;

use tokio::time::Instant;

use crate::support::http::{FaultServer, Reply, closed_port_url};
use numpick::api::model::{CountryCode, E164, GroupId, PurchaseOrder};
use numpick::api::{ApiError, Client, ClientConfig};
use serde_json::json;

pub(super) fn client_for(url: &str) -> Client {
    let mut config = ClientConfig::new(url, Some("test-key-0000".to_owned().into()));
    config.connect_timeout = Duration::from_secs(1);
    config.request_timeout = Duration::from_secs(2);
    Client::new(config).expect("a client")
}

fn us() -> CountryCode {
    CountryCode::parse("US").unwrap()
}

fn regions_ok() -> Reply {
    Reply::json(
        200,
        json!({"success": true, "data": {"regions": [{"id": 123, "region_name": "California"}]}}),
    )
}

pub(super) fn purchased() -> Reply {
    Reply::json(201, json!({"success": true, "number": "+12135551234"}))
}

#[tokio::test(start_paused = true)]
async fn http_401_is_unauthorized_and_not_retried() {
    let server = FaultServer::start(vec![Reply::refusal(401, "Invalid API key")]).await;
    let client = client_for(&server.url());
    let error = client.regions(&us()).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::Unauthorized {
            status: 401,
            message: "Invalid API key".into()
        }
    );
    assert!(error.to_string().contains("TWOCHAT_API_KEY"));
    assert_eq!((server.count(), client.requests_sent()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn http_403_with_an_html_page_is_unauthorized() {
    let page = "<html><body>Forbidden</body></html>";
    let server = FaultServer::start(vec![Reply::raw(403, "text/html", page)]).await;
    let client = client_for(&server.url());
    let error = client.did_types().await.unwrap_err();
    assert!(
        matches!(error, ApiError::Unauthorized { status: 403, .. }),
        "{error:?}"
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn http_429_with_retry_after_seconds_is_waited_then_retried() {
    let server = FaultServer::start(vec![
        Reply::refusal(429, "Too many requests").with_header("Retry-After", "1"),
        regions_ok(),
    ])
    .await;
    let client = client_for(&server.url());
    let started = Instant::now();
    let regions = client.regions(&us()).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited as asked"
    );
    assert_eq!(regions.items[0].id.as_str(), "123");
    assert_eq!((server.count(), client.requests_sent()), (2, 2));
}

#[tokio::test(start_paused = true)]
async fn http_429_with_retry_after_as_an_http_date_is_waited() {
    let in_two_seconds = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(2);
    let date = jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&in_two_seconds)
        .unwrap();
    let server = FaultServer::start(vec![
        Reply::refusal(429, "slow down").with_header("Retry-After", &date),
        regions_ok(),
    ])
    .await;
    let client = client_for(&server.url());
    let started = Instant::now();
    client.regions(&us()).await.unwrap();
    // The date has whole seconds: the wait is between one and two seconds.
    let waited = started.elapsed();
    assert!(waited >= Duration::from_millis(900), "waited {waited:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_retry_after_beyond_the_maximum_is_an_error_naming_it_at_once() {
    let server = FaultServer::start(vec![
        Reply::refusal(429, "Too many requests").with_header("Retry-After", "120"),
    ])
    .await;
    let client = client_for(&server.url());
    let started = Instant::now();
    let error = client.regions(&us()).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(120))
        }
    );
    assert!(error.to_string().contains("120 s"), "{error}");
    assert!(started.elapsed() < Duration::from_secs(1), "nothing slept");
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_5xx_asking_for_a_long_wait_is_wait_too_long() {
    let server = FaultServer::start(vec![
        Reply::raw(503, "text/plain", "maintenance").with_header("Retry-After", "3600"),
    ])
    .await;
    let client = client_for(&server.url());
    let error = client.regions(&us()).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::WaitTooLong {
            wait: Duration::from_secs(3600)
        }
    );
    assert!(error.to_string().contains("3600 s"), "{error}");
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_500_then_200_on_a_get_is_retried_once() {
    let server = FaultServer::start(vec![Reply::refusal(500, "oops"), regions_ok()]).await;
    let client = client_for(&server.url());
    let regions = client.regions(&us()).await.unwrap();
    assert_eq!(regions.items.len(), 1);
    assert_eq!((server.count(), client.requests_sent()), (2, 2));
}

#[tokio::test(start_paused = true)]
async fn a_get_whose_answer_is_late_or_cut_off_is_retried() {
    let server = FaultServer::start(vec![
        regions_ok().late(Duration::from_millis(1500)),
        Reply::ResetMidAnswer,
        regions_ok(),
    ])
    .await;
    let mut config = ClientConfig::new(server.url(), None);
    config.request_timeout = Duration::from_millis(300);
    let client = Client::new(config).unwrap();
    let regions = client.regions(&us()).await.unwrap();
    assert_eq!(regions.items[0].name, "California");
    assert_eq!((server.count(), client.requests_sent()), (3, 3));
}

#[tokio::test(start_paused = true)]
async fn a_get_that_never_answers_in_time_is_timed_out_after_four_tries() {
    let late = regions_ok().late(Duration::from_millis(1500));
    let server = FaultServer::start(vec![late; 4]).await;
    let mut config = ClientConfig::new(server.url(), None);
    config.request_timeout = Duration::from_millis(200);
    let client = Client::new(config).unwrap();
    let error = client.regions(&us()).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::TimedOut {
            after: Duration::from_millis(200)
        }
    );
    assert_eq!(server.count(), 4);
}

#[tokio::test(start_paused = true)]
async fn an_html_502_page_on_a_get_is_tried_four_times_then_unreadable() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let server = FaultServer::start(vec![Reply::raw(502, "text/html", page); 4]).await;
    let client = client_for(&server.url());
    let error = client.regions(&us()).await.unwrap_err();
    let ApiError::UnexpectedBody { status, excerpt } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*status, 502);
    assert!(excerpt.contains("502 Bad Gateway"), "kept for the log");
    assert_eq!(
        error.to_string(),
        "the server sent an answer numpick could not read (HTTP 502)"
    );
    assert_eq!((server.count(), client.requests_sent()), (4, 4));
}

#[tokio::test(start_paused = true)]
async fn malformed_json_on_a_get_is_unexpected_body() {
    let server = FaultServer::start(vec![Reply::raw(
        200,
        "application/json",
        "{\"success\": true, \"data\": {",
    )])
    .await;
    let client = client_for(&server.url());
    let error = client.regions(&us()).await.unwrap_err();
    assert!(
        matches!(error, ApiError::UnexpectedBody { status: 200, .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("success"));
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn success_false_with_http_200_is_refused_with_the_message() {
    let server = FaultServer::start(vec![Reply::refusal(200, "Country not supported")]).await;
    let client = client_for(&server.url());
    let error = client.regions(&CountryCode::parse("fr").unwrap()).await;
    assert_eq!(
        error.unwrap_err(),
        ApiError::Refused {
            status: 200,
            message: "Country not supported".into()
        }
    );
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_error_message_with_escape_sequences_is_cleaned() {
    let message = "\u{1b}[2J\u{1b}[31mGroup\u{1b}[0m sold out\u{1b}]0;owned\u{7}\r\n";
    let server = FaultServer::start(vec![Reply::refusal(400, message)]).await;
    let client = client_for(&server.url());
    let error = client.available_numbers(&GroupId::new("g"), None).await;
    assert_eq!(
        error.unwrap_err(),
        ApiError::Refused {
            status: 400,
            message: "Group sold out".into()
        }
    );
}

#[tokio::test(start_paused = true)]
async fn a_closed_port_is_unreachable_and_costs_nothing() {
    let url = closed_port_url().await;
    let client = client_for(&url);
    let error = client.regions(&us()).await.unwrap_err();
    let ApiError::Unreachable { detail } = &error else {
        panic!("{error:?}");
    };
    assert!(detail.to_lowercase().contains("refused"), "{detail}");
    assert!(!detail.contains("127.0.0.1"), "no address in {detail}");
    assert!(!error.to_string().contains(&url));
    assert_eq!(client.requests_sent(), 0);

    // Nothing reached the server, so a purchase is known not to have happened.
    let error = client
        .purchase(&order("g", "+12135551234"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Unreachable { .. }), "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn the_limiter_holds_the_third_request_of_two_per_minute() {
    let server = FaultServer::start(vec![
        Reply::json(
            200,
            json!({"success": true, "data": {
            "limits": {"requests_per_minute": 2}, "usage": {"api_request_count": 5}}}),
        ),
        regions_ok(),
        regions_ok(),
    ])
    .await;
    let client = client_for(&server.url());
    let info = client.account_info().await.unwrap();
    assert_eq!(info.requests_per_minute, Some(2));
    client.regions(&us()).await.unwrap();
    assert_eq!(client.rate_limit_wait(), None);

    let third = tokio::spawn({
        let client = client.clone();
        async move { client.regions(&us()).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let wait = client.rate_limit_wait().expect("the third request waits");
    assert!(wait > Duration::from_secs(59), "{wait:?}");
    assert!(!third.is_finished());
    assert_eq!(server.count(), 2);

    client.set_requests_per_minute(80);
    third.await.unwrap().unwrap();
    assert_eq!((server.count(), client.requests_sent()), (3, 3));
    assert_eq!(client.rate_limit_wait(), None);
}

/// A purchase order of `number` in `group`.
pub(super) fn order(group: &str, number: &str) -> PurchaseOrder {
    PurchaseOrder::new(GroupId::new(group), E164::parse(number).unwrap())
}
