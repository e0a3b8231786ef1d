//! Reservations are timed by the server's clock: with a server an hour behind this machine,
//! a live reservation listed at start (after a restart) is live, not expired.

use std::time::{Duration, Instant};

use crate::support::http::{FaultServer, Recorded, Reply};
use jiff::{SignedDuration, Timestamp};
use numpick::api::Backend;
use numpick::api::{Client, ClientConfig};
use numpick::wizard::Wizard;
use numpick::worker;
use secrecy::SecretString;
use serde_json::json;

/// The server's clock: an hour behind this machine's.
fn server_time() -> Timestamp {
    Timestamp::now() - SignedDuration::from_hours(1)
}

/// Every answer carries the server's `Date`; the list holds one reservation made five
/// minutes ago (server time) that ends in twenty.
async fn server_an_hour_behind() -> FaultServer {
    FaultServer::answering(|request: &Recorded| {
        let now = server_time();
        let date = now.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string();
        let reply = match request.path() {
            "/open/numbers/reservations" => Reply::json(
                200,
                json!({"success": true, "data": {"reservations": [{
                    "uuid": "res-1", "number": "+12135551234", "did_group_id": "g-1",
                    "reservation_date": (now - SignedDuration::from_mins(5)).to_string(),
                    "reservation_end_date": (now + SignedDuration::from_mins(20)).to_string()}]}}),
            ),
            "/open/info" => Reply::json(200, json!({"success": true, "account": {"uuid": "a"}})),
            _ => Reply::refusal(404, "not scripted"),
        };
        reply.with_header("Date", &date)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_reservation_is_not_expired_by_a_server_an_hour_behind() {
    let server = server_an_hour_behind().await;
    let config = ClientConfig::new(server.url(), Some(SecretString::from("clock-key")));
    let client = Client::new(config).unwrap();
    let mut worker = worker::spawn(client.clone(), None, Duration::ZERO);
    // As the session does: the wizard's clock is the server's, set before each answer.
    let mut wizard = Wizard::new(Backend::Live, Instant::now(), client.server_now());
    for command in wizard.start(Vec::new()) {
        worker.commands.send(command).unwrap();
    }
    while wizard.is_busy() {
        let message = tokio::time::timeout(Duration::from_secs(10), worker.answers.recv())
            .await
            .expect("an answer")
            .expect("the worker runs");
        wizard.set_server_time(client.server_now());
        for command in wizard.apply(message) {
            worker.commands.send(command).unwrap();
        }
    }
    let offset = client.server_now().duration_since(Timestamp::now());
    assert!(
        (offset + SignedDuration::from_hours(1)).abs() < SignedDuration::from_secs(5),
        "the server's clock is learnt: {offset:?}"
    );
    let now = Instant::now();
    let commands = wizard.tick(now, client.server_now());
    assert!(commands.is_empty(), "{commands:?}");
    let [held] = wizard.holds() else {
        panic!("{:?}", wizard.holds());
    };
    let left = held.deadline.saturating_duration_since(now);
    assert!(
        // The `Date` header counts whole seconds.
        left > Duration::from_secs(19 * 60) && left <= Duration::from_secs(20 * 60 + 2),
        "about twenty minutes left, not expired: {left:?}"
    );
}
