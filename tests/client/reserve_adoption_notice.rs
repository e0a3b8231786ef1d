//! A reservation adopted from the list after its answer was lost says so: the worker answers
//! with what was lost, so that the wizard can tell the operator a credit was spent.

use std::time::Duration;

use crate::support::http::{FaultServer, Recorded, Reply};
use numpick::api::model::GroupId;
use numpick::api::{Client, ClientConfig};
use numpick::orders::deals::reserve_recorded_telling;
use secrecy::SecretString;
use serde_json::json;

const NUMBER: &str = "+12135551234";
const GROUP: &str = "us-la-local";

/// A server whose reserve answer is `answer`, and whose list holds the reservation.
async fn server(answer: fn() -> Reply) -> FaultServer {
    FaultServer::answering(move |request: &Recorded| {
        match (request.method.as_str(), request.path()) {
            ("POST", "/open/numbers/reservations") => answer(),
            ("GET", "/open/numbers/reservations") => {
                let made = jiff::Timestamp::now().to_string();
                let item = json!({"uuid": "res-lost", "number": NUMBER, "did_group_id": GROUP,
                "reservation_date": made, "reservation_end_date": "2099-01-01T00:00:00Z"});
                Reply::json(
                    200,
                    json!({"success": true, "data": {"reservations": [item]}}),
                )
            }
            _ => Reply::refusal(404, "not scripted"),
        }
    })
    .await
}

fn client(server: &FaultServer) -> Client {
    let mut config = ClientConfig::new(server.url(), Some(SecretString::from("notice-key")));
    config.request_timeout = Duration::from_secs(20);
    Client::new(config).unwrap()
}

/// A 201 that is late past the client's timeout.
fn too_late() -> Reply {
    Reply::json(
        201,
        json!({"success": true, "data": {"reservation_details": {
            "uuid": "res-lost", "number": NUMBER, "expires_at": "2099-01-01T00:00:00Z"}}}),
    )
    .late(Duration::from_secs(30))
}

/// The answer as documented, in time.
fn in_time() -> Reply {
    Reply::json(
        201,
        json!({"success": true, "data": {"reservation_details": {
            "uuid": "res-ok", "number": NUMBER, "expires_at": "2099-01-01T00:00:00Z"}}}),
    )
}

#[tokio::test(start_paused = true)]
async fn an_adopted_reservation_says_its_answer_was_lost() {
    let server = server(too_late).await;
    let group = GroupId::new(GROUP);
    let reserved = reserve_recorded_telling(&client(&server), None, &group, Some(NUMBER), None)
        .await
        .unwrap();
    assert_eq!(reserved.reservation.uuid.to_string(), "res-lost");
    let lost = reserved.answer_lost.expect("adopted: the loss is told");
    assert!(!lost.is_empty());
    assert!(!lost.contains("notice-key"), "{lost}");
}

#[tokio::test(start_paused = true)]
async fn a_reservation_answered_in_time_is_not_called_adopted() {
    let server = server(in_time).await;
    let group = GroupId::new(GROUP);
    let reserved = reserve_recorded_telling(&client(&server), None, &group, Some(NUMBER), None)
        .await
        .unwrap();
    assert_eq!(reserved.reservation.uuid.to_string(), "res-ok");
    assert_eq!(reserved.answer_lost, None);
}
