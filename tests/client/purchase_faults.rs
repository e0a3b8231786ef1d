//! Purchases and other writes against a server that fails: a write is sent once, never
//! retried, and an answer that cannot be read leaves its outcome unknown rather than
//! guessed. Each test checks how many requests the server received.

use std::time::Duration;

use tokio::time::Instant;

use crate::support::http::{FaultServer, Reply};
use numpick::api::model::{GroupId, ReservationId};
use numpick::api::{ApiError, Client, ClientConfig};

use super::faults::{client_for, order, purchased};

#[tokio::test(start_paused = true)]
async fn a_500_on_a_purchase_is_outcome_unknown_after_one_request() {
    let server = FaultServer::start(vec![Reply::refusal(500, "internal error"), purchased()]).await;
    let client = client_for(&server.url());
    let error = client
        .purchase(&order("abc-123", "+12135551234"))
        .await
        .unwrap_err();
    assert!(error.is_outcome_unknown(), "{error:?}");
    assert!(error.to_string().contains("HTTP 500"), "{error}");
    assert_eq!((server.count(), client.requests_sent()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn a_purchase_answered_after_the_timeout_is_outcome_unknown_after_one_request() {
    let server = FaultServer::start(vec![
        purchased().late(Duration::from_millis(1500)),
        purchased(),
    ])
    .await;
    let mut config = ClientConfig::new(server.url(), None);
    config.request_timeout = Duration::from_millis(300);
    let client = Client::new(config).unwrap();
    let started = Instant::now();
    let error = client
        .purchase(&order("abc-123", "+12135551234"))
        .await
        .unwrap_err();
    assert!(error.is_outcome_unknown(), "{error:?}");
    assert!(error.to_string().contains("300 ms"), "{error}");
    assert!(started.elapsed() < Duration::from_millis(1200));
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_connection_reset_mid_answer_on_a_purchase_is_outcome_unknown() {
    let server = FaultServer::start(vec![Reply::ResetMidAnswer, purchased()]).await;
    let client = client_for(&server.url());
    let error = client
        .purchase(&order("abc-123", "+12135551234"))
        .await
        .unwrap_err();
    let ApiError::OutcomeUnknown { reason } = &error else {
        panic!("{error:?}");
    };
    assert!(reason.contains("connection broke"), "{reason}");
    assert_eq!((server.count(), client.requests_sent()), (1, 1));
}

#[tokio::test(start_paused = true)]
async fn an_unreadable_2xx_on_a_purchase_is_outcome_unknown() {
    let server = FaultServer::start(vec![Reply::raw(201, "text/html", "<p>Created</p>")]).await;
    let client = client_for(&server.url());
    let error = client
        .purchase(&order("g", "+12135551234"))
        .await
        .unwrap_err();
    assert!(error.is_outcome_unknown(), "{error:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_refused_purchase_is_refused_not_unknown() {
    let server = FaultServer::start(vec![Reply::refusal(402, "Insufficient balance")]).await;
    let client = client_for(&server.url());
    let error = client
        .purchase(&order("g", "+12135551234"))
        .await
        .unwrap_err();
    assert_eq!(
        error,
        ApiError::Refused {
            status: 402,
            message: "Insufficient balance".into()
        }
    );
    assert!(!error.is_outcome_unknown());
    assert_eq!(server.count(), 1);

    let server = FaultServer::start(vec![Reply::refusal(200, "Number not available")]).await;
    let client = client_for(&server.url());
    let error = client
        .purchase(&order("g", "+12135551234"))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Refused { status: 200, .. }));
    assert_eq!(server.count(), 1);
}

#[tokio::test(start_paused = true)]
async fn writes_answered_500_are_not_retried() {
    let server = FaultServer::start(vec![Reply::refusal(500, "boom"); 2]).await;
    let client = client_for(&server.url());
    let error = client.reserve(&GroupId::new("g"), None).await.unwrap_err();
    assert_eq!(
        error,
        ApiError::Refused {
            status: 500,
            message: "boom".into()
        }
    );
    assert_eq!(server.count(), 1);

    let server = FaultServer::start(vec![Reply::raw(503, "text/html", "<html/>"); 2]).await;
    let client = client_for(&server.url());
    let error = client
        .cancel_reservation(&ReservationId::new("r-1"))
        .await
        .unwrap_err();
    assert!(matches!(
        error,
        ApiError::UnexpectedBody { status: 503, .. }
    ));
    assert_eq!(server.count(), 1);
}
