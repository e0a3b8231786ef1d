//! Frugal with credits: the whole Los Angeles flow of the contract costs at most 11 requests,
//! and going back and forward through the wizard costs none.

use std::time::Duration;

use secrecy::SecretString;
use tui_input::InputRequest;

use crate::support::driver::Driver;
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::api::model::GroupId;
use numpick::api::{Client, ClientConfig};
use numpick::sandbox::{self, SandboxConfig};
use numpick::wizard::{Action, Purchase, Step};

#[tokio::test(start_paused = true)]
async fn the_los_angeles_flow_costs_at_most_eleven_requests() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;

    // Four digits that some number of the group ends with, looked up without the proxy.
    let side = Client::new(ClientConfig::new(
        sandbox.base_url(),
        Some(SecretString::from("side")),
    ))
    .unwrap();
    let listed = side
        .available_numbers(&GroupId::new("us-ca-la-local-1"), None)
        .await
        .unwrap();
    let first = &listed.items[0].number;
    let vanity = &first[first.len() - 4..];

    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "credits");
    driver.walk_to_groups().await;
    driver.act(Action::Choose).await;
    assert_eq!(driver.wizard.step(), Step::Number);
    for digit in vanity.chars() {
        driver
            .act(Action::Edit(InputRequest::InsertChar(digit)))
            .await;
    }
    driver.pause(Duration::from_millis(400)).await;
    let vanity_requests = proxy.count(
        "GET",
        "/open/numbers/available?group_id=us-ca-la-local-1&number_contains=",
    );
    assert_eq!(
        vanity_requests, 1,
        "one request for the pattern, after the pause"
    );
    driver.act(Action::Choose).await;
    assert_eq!(driver.wizard.step(), Step::Review);

    // Back to the city and forward again: everything is already known.
    let before = proxy.seen().len();
    // Esc: Review → Number, clear the vanity box, → Group → Type, clear "local", → City.
    for _ in 0..6 {
        driver.act(Action::Back).await;
    }
    assert_eq!(driver.wizard.step(), Step::City);
    for _ in 0..4 {
        driver.act(Action::Choose).await;
    }
    assert_eq!(driver.wizard.step(), Step::Review);
    assert_eq!(
        proxy.seen().len(),
        before,
        "going back and forward costs nothing"
    );

    driver.act(Action::Reserve).await;
    assert_eq!(driver.wizard.step(), Step::Reserved);
    driver.act(Action::Buy).await;
    driver.act(Action::Confirm).await;
    assert!(matches!(driver.wizard.purchase(), Purchase::Bought { .. }));
    assert_eq!(sandbox.purchases(), 1);

    let seen = proxy.seen();
    let paths: Vec<String> = seen
        .iter()
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert!(seen.len() <= 11, "{} requests: {paths:#?}", seen.len());
    assert_eq!(proxy.count("GET", "/open/info"), 1, "{paths:#?}");
    assert_eq!(
        proxy.count("GET", "/open/numbers/reservations"),
        1,
        "{paths:#?}"
    );
}
