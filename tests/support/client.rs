//! The API client against the embedded sandbox over real HTTP: starting a sandbox with a client
//! for it, the model's typed ids, and the lists the client returns, checked for skipped items.
//! Each test starts its own sandbox, so no state is shared between tests.

use std::time::Duration;

use jiff::SignedDuration;
use numpick::api::model::{CountryCode, E164, GroupId, PurchaseOrder, RegionId, Reservation};
use numpick::api::{ApiError, Client, ClientConfig, GroupQuery};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;

pub use super::sandbox::LA;

/// US toll-free `+1 (877)`, nationwide, without number selection.
pub const TOLLFREE_877: &str = "us-tollfree-877";

pub async fn start(config: SandboxConfig) -> (RunningSandbox, Client) {
    let sandbox = sandbox::spawn(config).await.expect("the sandbox starts");
    let client = client_for(&sandbox, Some("test-key"));
    (sandbox, client)
}

pub async fn start_default() -> (RunningSandbox, Client) {
    start(SandboxConfig::default()).await
}

pub fn client_for(sandbox: &RunningSandbox, key: Option<&str>) -> Client {
    let mut config = ClientConfig::new(sandbox.base_url(), key.map(|k| k.to_owned().into()));
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = Duration::from_secs(5);
    Client::new(config).expect("a client")
}

pub fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

pub fn group(id: &str) -> GroupId {
    GroupId::new(id)
}

pub fn refused(error: ApiError) -> (u16, String) {
    match error {
        ApiError::Refused { status, message } => (status, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

pub fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

pub async fn region_id(client: &Client, code: &str, name: &str) -> RegionId {
    let regions = client.regions(&country(code)).await.unwrap();
    regions
        .items
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no region {name} in {code}"))
        .id
}

pub async fn city_names(client: &Client, code: &str, region: Option<&RegionId>) -> Vec<String> {
    let cities = client.cities(&country(code), region).await.unwrap();
    assert_eq!(cities.skipped, 0);
    cities.items.into_iter().map(|c| c.name).collect()
}

pub async fn available(client: &Client, group_id: &str, contains: Option<&str>) -> Vec<String> {
    let listing = client
        .available_numbers(&group(group_id), contains)
        .await
        .unwrap();
    assert_eq!(listing.skipped, 0);
    listing.items.into_iter().map(|n| n.number).collect()
}

pub async fn reserved_numbers(client: &Client) -> Vec<String> {
    let listing = client.reservations().await.unwrap();
    assert_eq!(listing.skipped, 0);
    listing.items.into_iter().map(|r| r.number).collect()
}

pub async fn owned_numbers(client: &Client) -> (Option<u64>, Vec<String>) {
    let page = client.account_numbers(0, 200).await.unwrap();
    assert_eq!(page.numbers.skipped, 0);
    let numbers = page.numbers.items.into_iter().map(|n| n.phone_number);
    (page.count, numbers.collect())
}

pub async fn group_ids(client: &Client, query: &GroupQuery) -> Vec<String> {
    let listing = client.groups(query).await.unwrap();
    assert_eq!(listing.skipped, 0);
    listing
        .items
        .into_iter()
        .map(|g| g.id.to_string())
        .collect()
}

/// How long a reservation lasts.
pub fn lifetime(reservation: &Reservation) -> SignedDuration {
    let created = reservation.created_at.expect("the sandbox says when");
    reservation.expires_at.duration_since(created)
}

/// A purchase order of `number` in `group_id`.
pub fn order(group_id: &str, number: &str) -> PurchaseOrder {
    PurchaseOrder::new(
        group(group_id),
        E164::parse(number).expect("an E.164 number"),
    )
}
