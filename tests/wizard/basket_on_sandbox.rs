//! The basket against the sandbox, through a proxy that records every request: two numbers
//! marked, reserved and bought through one confirmation, one purchase request each naming its
//! number; and, with one of them bought elsewhere first, one bought and one refused, both
//! reported.

use std::time::Duration;

use crate::support::driver::Driver;
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::journal::{Entry, Outcome};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use numpick::wizard::{Action, BasketStage, Move, Step};
use serde_json::{Value, json};

const PURCHASE: &str = "/open/numbers/purchase";
const RESERVE: &str = "/open/numbers/reservations";

async fn sandbox_and_proxy() -> (RunningSandbox, FaultProxy) {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    (sandbox, proxy)
}

/// The first two numbers of the Los Angeles group, marked; returns them with their group.
async fn mark_two(driver: &mut Driver) -> (String, Vec<String>) {
    driver.walk_to_groups().await;
    driver.act(Action::Choose).await;
    assert_eq!(driver.wizard.step(), Step::Number);
    driver.act(Action::Mark).await;
    driver.act(Action::Move(Move::Down)).await;
    driver.act(Action::Mark).await;
    let items = &driver.wizard.basket().items;
    assert_eq!(items.len(), 2);
    let group = items[0].group.id.to_string();
    (group, items.iter().map(|i| i.number.clone()).collect())
}

/// The numbers the purchase requests named, in the order they were sent.
fn purchased_numbers(proxy: &FaultProxy) -> Vec<String> {
    (proxy.seen().into_iter())
        .filter(|seen| seen.method == "POST" && seen.path == PURCHASE)
        .map(|seen| {
            let body: Value = serde_json::from_str(&seen.body).unwrap();
            body["number"].as_str().unwrap().to_owned()
        })
        .collect()
}

fn stages(driver: &Driver) -> Vec<BasketStage> {
    (driver.wizard.basket().items.iter())
        .map(|i| i.stage.clone())
        .collect()
}

#[tokio::test]
async fn two_numbers_reserved_and_bought_through_one_confirmation() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "basket-two");
    let (_, numbers) = mark_two(&mut driver).await;

    driver.act(Action::Basket).await;
    driver.act(Action::Reserve).await;
    assert_eq!(proxy.count("POST", RESERVE), 0, "the cost is asked first");
    driver.act(Action::Confirm).await;
    assert_eq!(
        proxy.count("POST", RESERVE),
        2,
        "one reservation per number"
    );
    assert_eq!(driver.wizard.holds().len(), 2);
    let screen = driver.screen();
    assert!(screen.contains("2 with a reservation"), "{screen}");

    driver.act(Action::Buy).await;
    assert_eq!(
        proxy.count("POST", PURCHASE),
        0,
        "nothing before the confirmation"
    );
    driver.act(Action::Confirm).await;

    assert_eq!(
        purchased_numbers(&proxy),
        numbers,
        "two requests, each naming its number"
    );
    assert_eq!(sandbox.purchases(), 2);
    assert_eq!(stages(&driver), [BasketStage::Bought, BasketStage::Bought]);
    assert!(
        driver.wizard.holds().is_empty(),
        "both reservations used up"
    );
    let journal = driver.journal();
    let intents: Vec<(Option<String>, Option<String>)> = (journal.iter())
        .filter_map(|entry| match entry {
            Entry::PurchaseIntent {
                number,
                reservation,
                ..
            } => Some((number.clone(), reservation.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(intents.len(), 2, "each number its own intent");
    for ((number, reservation), expected) in intents.iter().zip(&numbers) {
        assert_eq!(number.as_ref(), Some(expected));
        assert!(reservation.is_some(), "bought with its reservation");
    }
    let reserved = (journal.iter())
        .filter(|e| matches!(e, Entry::Reserved { .. }))
        .count();
    assert_eq!(reserved, 2, "each reservation journalled");
}

#[tokio::test]
async fn one_bought_elsewhere_first_is_refused_and_the_other_is_bought() {
    let (sandbox, proxy) = sandbox_and_proxy().await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "basket-one-gone");
    let (group, numbers) = mark_two(&mut driver).await;

    // The first number is bought straight from the sandbox, behind the wizard's back.
    let sold = reqwest::Client::new()
        .post(format!("{}{PURCHASE}", sandbox.base_url()))
        .header("X-User-API-Key", "someone-else")
        .json(&json!({"group_id": group, "number": numbers[0]}))
        .send()
        .await
        .unwrap();
    assert!(sold.status().is_success());
    assert_eq!(sandbox.purchases(), 1);

    driver.act(Action::Basket).await;
    driver.act(Action::Buy).await;
    driver.act(Action::Confirm).await;

    assert_eq!(
        purchased_numbers(&proxy),
        numbers,
        "the refusal did not stop the second"
    );
    assert_eq!(sandbox.purchases(), 2);
    let stages = stages(&driver);
    assert!(
        matches!(stages[0], BasketStage::Refused { .. }),
        "{stages:?}"
    );
    assert_eq!(stages[1], BasketStage::Bought);
    let outcomes: Vec<Outcome> = (driver.journal().into_iter())
        .filter_map(|entry| match entry {
            Entry::PurchaseOutcome { outcome, .. } => Some(outcome),
            _ => None,
        })
        .collect();
    assert!(
        matches!(outcomes[0], Outcome::Refused { .. }),
        "{outcomes:?}"
    );
    assert!(
        matches!(outcomes[1], Outcome::Bought { .. }),
        "{outcomes:?}"
    );
    let screen = driver.screen();
    assert!(screen.contains("✗ not bought"), "{screen}");
    assert!(screen.contains("✓ bought"), "{screen}");
    assert!(screen.contains("1 bought, 1 not bought"), "{screen}");
}
