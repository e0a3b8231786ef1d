//! A reservation whose answer was lost or unreadable is looked up in the reservations list
//! and adopted — recorded and returned — never forgotten while the server holds it.

use std::sync::Mutex;
use std::time::Duration;

use crate::support::http::{FaultServer, Recorded, Reply};
use numpick::api::model::GroupId;
use numpick::api::{ApiError, Client, ClientConfig};
use numpick::journal::{Entry, Journal};
use numpick::orders::deals::reserve_recorded;
use secrecy::SecretString;
use serde_json::json;

const NUMBER: &str = "+12135551234";
const GROUP: &str = "us-la-local";

fn client(server: &FaultServer) -> Client {
    let mut config = ClientConfig::new(server.url(), Some(SecretString::from("reserve-key")));
    config.request_timeout = Duration::from_secs(20);
    Client::new(config).unwrap()
}

/// A server whose reserve answer is `answer`, and whose list holds the reservation when
/// `held`.
async fn server(answer: fn() -> Reply, held: bool) -> FaultServer {
    FaultServer::answering(move |request: &Recorded| {
        match (request.method.as_str(), request.path()) {
            ("POST", "/open/numbers/reservations") => answer(),
            ("GET", "/open/numbers/reservations") => {
                let made = jiff::Timestamp::now().to_string();
                let item = json!({"uuid": "res-lost", "number": NUMBER, "did_group_id": GROUP,
                "reservation_date": made, "reservation_end_date": "2099-01-01T00:00:00Z"});
                let list = if held { vec![item] } else { vec![] };
                Reply::json(
                    200,
                    json!({"success": true, "data": {"reservations": list}}),
                )
            }
            _ => Reply::refusal(404, "not scripted"),
        }
    })
    .await
}

/// A 201 whose `expires_at` cannot be read.
fn unreadable() -> Reply {
    Reply::json(
        201,
        json!({"success": true, "data": {"reservation_details": {
            "uuid": "res-lost", "number": NUMBER, "expires_at": "soon"}}}),
    )
}

/// An answer that comes after the client's timeout.
fn too_late() -> Reply {
    unreadable().late(Duration::from_secs(30))
}

async fn reserve(
    server: &FaultServer,
    number: Option<&str>,
) -> (Result<String, ApiError>, Vec<Entry>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.jsonl");
    let journal = Mutex::new(Journal::open(&path).unwrap());
    let group = GroupId::new(GROUP);
    let result = reserve_recorded(&client(server), Some(&journal), &group, number, None).await;
    let entries = Journal::read_all(&path).unwrap().entries;
    (result.map(|held| held.uuid.to_string()), entries)
}

fn reserved(entries: &[Entry]) -> Vec<&str> {
    (entries.iter())
        .filter_map(|entry| match entry {
            Entry::Reserved { uuid, .. } => Some(uuid.as_str()),
            _ => None,
        })
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_201_with_an_unreadable_answer_is_adopted_from_the_list() {
    let server = server(unreadable, true).await;
    let (result, entries) = reserve(&server, Some(NUMBER)).await;
    assert_eq!(result.unwrap(), "res-lost");
    assert_eq!(
        reserved(&entries),
        ["res-lost"],
        "recorded, so quitting asks about it"
    );
}

#[tokio::test(start_paused = true)]
async fn a_timed_out_random_reservation_is_adopted_from_the_list() {
    let server = server(too_late, true).await;
    let (result, entries) = reserve(&server, None).await;
    assert_eq!(result.unwrap(), "res-lost");
    assert_eq!(reserved(&entries), ["res-lost"]);
    let posts = (server.requests().iter())
        .filter(|r| r.method == "POST")
        .count();
    assert_eq!(posts, 1, "the reservation is not sent again");
}

#[tokio::test(start_paused = true)]
async fn a_lost_reservation_not_in_the_list_stays_an_error() {
    let server = server(too_late, false).await;
    let (result, entries) = reserve(&server, Some(NUMBER)).await;
    assert!(
        matches!(result, Err(ApiError::TimedOut { .. })),
        "{result:?}"
    );
    assert_eq!(reserved(&entries), Vec::<&str>::new());
}
