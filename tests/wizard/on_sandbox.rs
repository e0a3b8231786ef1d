//! The wizard, its worker and client against the embedded sandbox, in the shapes the provider
//! documents: a group that assigns its numbers is reserved first and the purchase names the
//! reserved number, buying exactly one number while other reservations stay; a reservation
//! made before numpick started is listed with its place and prices and bought from the
//! manager; and the per-minute limit never reaches the operator as an error.

use std::time::Duration;

use secrecy::SecretString;

use crate::support::driver::Driver;
use numpick::api::model::GroupId;
use numpick::api::{Client, ClientConfig};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use numpick::wizard::{Action, Modal, Purchase, Step};

/// Another client on the same account: what was done outside this numpick.
fn side_client(sandbox: &RunningSandbox) -> Client {
    let config = ClientConfig::new(sandbox.base_url(), Some(SecretString::from("side")));
    Client::new(config).unwrap()
}

async fn reserved_numbers(client: &Client) -> Vec<String> {
    let listing = client.reservations().await.unwrap();
    assert_eq!(listing.skipped, 0);
    listing.items.into_iter().map(|r| r.number).collect()
}

#[tokio::test(start_paused = true)]
async fn a_group_that_assigns_numbers_is_reserved_then_exactly_that_number_is_bought() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let side = side_client(&sandbox);
    let others = [
        side.reserve(&GroupId::new("us-ca-la-local-1"), None)
            .await
            .unwrap(),
        side.reserve(&GroupId::new("de-ber-local-1"), None)
            .await
            .unwrap(),
    ];

    let mut driver = Driver::new(&sandbox.base_url(), Duration::from_secs(5), "assigned");
    driver
        .walk(&[
            ("united st", Step::Region),
            ("calif", Step::City),
            ("los", Step::DidType),
            ("toll", Step::Group),
            ("877", Step::Review),
        ])
        .await;
    assert!(
        driver.screen().contains("one the group assigns"),
        "{}",
        driver.screen()
    );
    driver.act(Action::Buy).await;
    assert_eq!(driver.wizard.step(), Step::Reserved);
    let Some(Modal::ConfirmPurchase(target)) = driver.wizard.modal() else {
        panic!(
            "the confirmation opens on the reserved number:\n{}",
            driver.screen()
        );
    };
    let number = target.number.clone().expect("the number is named");
    assert!(number.starts_with("+1877"), "{number}");
    assert!(target.reservation.is_some(), "with its countdown");
    assert!(
        driver.screen().contains("expires in"),
        "{}",
        driver.screen()
    );
    assert_eq!(sandbox.purchases(), 0, "nothing is bought before y");

    driver.act(Action::Confirm).await;
    assert!(
        matches!(driver.wizard.purchase(), Purchase::Bought { number: Some(n), .. } if *n == number),
        "{:?}",
        driver.wizard.purchase()
    );
    assert_eq!(sandbox.purchases(), 1, "exactly one number was bought");
    let owned = side.account_numbers(0, 10).await.unwrap();
    let owned: Vec<&str> = (owned.numbers.items.iter())
        .map(|n| n.phone_number.as_str())
        .collect();
    assert_eq!(owned, [number.as_str()]);
    let still: Vec<String> = others.iter().map(|r| r.number.clone()).collect();
    assert_eq!(
        reserved_numbers(&side).await,
        still,
        "the other reservations remain"
    );
}

#[tokio::test(start_paused = true)]
async fn a_reservation_made_before_start_is_listed_with_its_prices_and_bought_from_the_manager() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let side = side_client(&sandbox);
    let earlier = side
        .reserve(&GroupId::new("de-ber-local-1"), None)
        .await
        .unwrap();
    let other = side
        .reserve(&GroupId::new("us-ca-la-local-1"), None)
        .await
        .unwrap();

    let mut driver = Driver::new(&sandbox.base_url(), Duration::from_secs(5), "listed");
    driver.settle().await;
    driver.act(Action::Reservations).await;
    assert_eq!(driver.wizard.holds().len(), 2);
    let screen = driver.screen();
    assert!(screen.contains("Berlin · local"), "{screen}");
    assert!(screen.contains("3.50"), "the monthly price:\n{screen}");
    assert!(!screen.contains("unknown group"), "{screen}");

    // The cursor starts on the first reservation: the one made earliest.
    driver.act(Action::Buy).await;
    let Some(Modal::ConfirmPurchase(target)) = driver.wizard.modal() else {
        panic!("no confirmation:\n{}", driver.screen());
    };
    assert_eq!(target.number.as_deref(), Some(earlier.number.as_str()));
    assert_eq!(target.group_id, GroupId::new("de-ber-local-1"));
    let group = target.group.as_ref().expect("the prices are known");
    assert_eq!(
        (
            group.price.setup.to_string(),
            group.price.monthly.to_string()
        ),
        ("1.00".to_owned(), "3.50".to_owned())
    );
    let screen = driver.screen();
    assert!(screen.contains("3.50 a month"), "{screen}");
    assert!(screen.contains("Documents"), "{screen}");

    driver.act(Action::Confirm).await;
    assert!(
        matches!(driver.wizard.purchase(), Purchase::Bought { .. }),
        "{:?}",
        driver.wizard.purchase()
    );
    assert_eq!(sandbox.purchases(), 1);
    assert_eq!(
        reserved_numbers(&side).await,
        std::slice::from_ref(&other.number)
    );
}
