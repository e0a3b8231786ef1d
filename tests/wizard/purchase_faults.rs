//! Purchases under faults: the wizard and its real worker against a sandbox behind a proxy
//! that breaks purchases. Each test asserts what the server saw and what the operator sees.
//! On tokio's paused clock: timeouts, late answers, settle windows and a reservation's expiry
//! pass without waiting.

use std::time::Duration;

use crate::support::driver::Driver;
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::journal::{Entry, Outcome};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use numpick::wizard::{Action, Purchase, Step};

const PURCHASE: &str = "/open/numbers/purchase";

async fn sandbox_behind(fault: PurchaseFault) -> (RunningSandbox, FaultProxy) {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), fault).await;
    (sandbox, proxy)
}

/// Reviews a number and buys it: `b`, then `y`.
async fn buy(driver: &mut Driver) {
    driver.walk_to_review().await;
    driver.act(Action::Buy).await;
    driver.act(Action::Confirm).await;
}

fn last_outcome(entries: &[Entry]) -> Option<&Outcome> {
    entries.iter().rev().find_map(|e| match e {
        Entry::PurchaseOutcome { outcome, .. } => Some(outcome),
        _ => None,
    })
}

/// A purchase the server applied but whose answer was lost is settled as bought.
async fn settled_as_bought(fault: PurchaseFault, name: &str) {
    let (sandbox, proxy) = sandbox_behind(fault).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_millis(800), name);
    buy(&mut driver).await;
    assert_eq!(
        proxy.count("POST", PURCHASE),
        1,
        "one purchase request, never retried"
    );
    assert_eq!(sandbox.purchases(), 1);
    assert!(
        proxy.count("GET", "/open/voip/virtual-numbers") >= 1,
        "settled by asking the account's numbers"
    );
    let Purchase::Bought {
        receipt, number, ..
    } = driver.wizard.purchase()
    else {
        panic!("{:?}", driver.wizard.purchase());
    };
    assert_eq!(receipt, &None, "no receipt arrived");
    assert!(number.is_some());
    let screen = driver.screen();
    assert!(screen.contains("Bought."), "{screen}");
    assert!(screen.contains("never arrived"), "{screen}");
    assert!(matches!(
        last_outcome(&driver.journal()),
        Some(Outcome::Bought { .. })
    ));
}

#[tokio::test(start_paused = true)]
async fn a_purchase_answered_500_after_applying_is_settled_as_bought() {
    settled_as_bought(PurchaseFault::ServerErrorAfterApplying, "500").await;
}

#[tokio::test(start_paused = true)]
async fn a_purchase_answered_after_the_timeout_is_settled_as_bought() {
    settled_as_bought(PurchaseFault::LateAnswer(Duration::from_secs(2)), "late").await;
}

#[tokio::test(start_paused = true)]
async fn a_purchase_reset_mid_answer_is_settled_as_bought() {
    settled_as_bought(PurchaseFault::ResetAfterApplying, "reset").await;
}

#[tokio::test(start_paused = true)]
async fn a_500_that_was_not_applied_is_settled_as_not_bought() {
    let (sandbox, proxy) = sandbox_behind(PurchaseFault::ServerErrorWithoutApplying).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "not-applied");
    buy(&mut driver).await;
    assert_eq!(proxy.count("POST", PURCHASE), 1);
    assert_eq!(sandbox.purchases(), 0);
    assert_eq!(driver.wizard.purchase(), &Purchase::Idle);
    assert_eq!(driver.wizard.step(), Step::Review, "back to decide again");
    assert!(driver.screen().contains("did not go through"));
    assert!(matches!(
        last_outcome(&driver.journal()),
        Some(Outcome::NotBought { .. })
    ));
}

#[tokio::test(start_paused = true)]
async fn success_false_is_refused_with_the_apis_message_and_not_retried() {
    let refusal =
        PurchaseFault::Refused("Insufficient balance \u{1b}[2J\u{1b}]0;owned\u{7}".into());
    let (sandbox, proxy) = sandbox_behind(refusal).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "refused");
    buy(&mut driver).await;
    assert_eq!(proxy.count("POST", PURCHASE), 1);
    assert_eq!(
        proxy.count("GET", "/open/voip/virtual-numbers"),
        0,
        "nothing to settle"
    );
    assert_eq!(sandbox.purchases(), 0);
    assert_eq!(driver.wizard.purchase(), &Purchase::Idle);
    let screen = driver.screen();
    assert!(screen.contains("Insufficient balance"), "{screen}");
    assert!(
        !screen.contains('\u{1b}') && !screen.contains('\u{7}'),
        "escape sequences inert"
    );
    assert!(matches!(
        last_outcome(&driver.journal()),
        Some(Outcome::NotBought { .. })
    ));
}

#[tokio::test(start_paused = true)]
async fn the_buy_and_confirm_keys_pressed_ten_times_send_one_purchase() {
    let (sandbox, proxy) =
        sandbox_behind(PurchaseFault::LateAnswer(Duration::from_millis(300))).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "ten");
    driver.walk_to_review().await;
    for _ in 0..10 {
        for action in [Action::Buy, Action::Confirm, Action::Choose] {
            let commands = driver.wizard.update(action);
            driver.send(commands);
        }
    }
    driver.settle().await;
    for _ in 0..10 {
        driver.act(Action::Confirm).await;
    }
    assert_eq!(proxy.count("POST", PURCHASE), 1);
    assert_eq!(sandbox.purchases(), 1);
    assert!(matches!(driver.wizard.purchase(), Purchase::Bought { .. }));
}

#[tokio::test(start_paused = true)]
async fn a_reservation_expiring_while_the_confirmation_is_open_is_not_bought() {
    let sandbox = sandbox::spawn(SandboxConfig {
        reservation_ttl: Duration::from_secs(1),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let mut driver = Driver::new(&proxy.base_url, Duration::from_secs(5), "expiry");
    driver.walk_to_review().await;
    driver.act(Action::Reserve).await;
    assert_eq!(driver.wizard.step(), Step::Reserved);
    driver.act(Action::Buy).await;
    assert!(driver.screen().contains("Buy this number?"));
    tokio::time::advance(Duration::from_millis(1300)).await;
    driver.act(Action::Confirm).await;
    assert_eq!(proxy.count("POST", PURCHASE), 0, "nothing sent");
    assert_eq!(sandbox.purchases(), 0);
    let screen = driver.screen();
    assert!(screen.contains("expired"), "{screen}");
}
