//! Frugal across sessions: the catalogue (regions, cities, DID types) kept on disk makes the
//! second Los Angeles reserve-and-buy cost at most 8 requests, counted by a proxy.

use std::time::Duration;

use crate::support::driver::Driver;
use crate::support::http::{FaultProxy, PurchaseFault};
use numpick::sandbox::{self, SandboxConfig};
use numpick::wizard::{Action, Purchase, Step};
use numpick::worker::CatalogueStore;

async fn reserve_and_buy_in_los_angeles(base_url: &str, store: CatalogueStore, name: &str) {
    let mut driver = Driver::with_catalogue(base_url, Duration::from_secs(5), name, Some(store));
    driver.walk_to_review().await;
    driver.act(Action::Reserve).await;
    assert_eq!(driver.wizard.step(), Step::Reserved);
    driver.act(Action::Buy).await;
    driver.act(Action::Confirm).await;
    assert!(matches!(driver.wizard.purchase(), Purchase::Bought { .. }));
}

#[tokio::test(start_paused = true)]
async fn the_second_los_angeles_flow_costs_at_most_eight_requests() {
    let sandbox = sandbox::spawn(SandboxConfig::default()).await.unwrap();
    let proxy = FaultProxy::start(sandbox.base_url(), PurchaseFault::None).await;
    let state = tempfile::tempdir().unwrap();
    let store = || CatalogueStore::new(state.path().join("catalogue-cache.json"), &proxy.base_url);

    reserve_and_buy_in_los_angeles(&proxy.base_url, store(), "first-run").await;
    let first = proxy.seen().len();
    reserve_and_buy_in_los_angeles(&proxy.base_url, store(), "second-run").await;
    let seen = proxy.seen();
    let second: Vec<String> = (seen[first..].iter())
        .map(|s| format!("{} {}", s.method, s.path))
        .collect();
    assert!(second.len() <= 8, "{} requests: {second:#?}", second.len());
    assert!(second.len() < first, "the first run cost {first}");
    for path in [
        "/open/numbers/regions",
        "/open/numbers/cities",
        "/open/numbers/did-types",
    ] {
        assert_eq!(
            proxy.count("GET", path),
            1,
            "{path} asked once: {second:#?}"
        );
    }
    assert_eq!(sandbox.purchases(), 2);
}
