//! The API client against the embedded sandbox over real HTTP: every endpoint through the
//! client's typed methods, the errors the sandbox answers as the client reports them, the
//! reserve → cancel → reserve → purchase cycle, random picks, expiry, and the request count.
//!
//! Each test starts its own sandbox, so no state is shared between tests.

use std::time::Duration;

use jiff::SignedDuration;
use numpick::api::model::{
    CityId, CountryCode, DidTypeId, DidTypeName, GroupId, RegionId, ReservationId, flatten_fields,
};
use numpick::api::{ApiError, Client, ClientConfig, GroupQuery};
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use rust_decimal::Decimal;

/// Los Angeles, `+1 (213)`, local, with number selection.
const LA: &str = "us-ca-la-local-1";
/// US toll-free `+1 (877)`, nationwide, without number selection.
const TOLLFREE_877: &str = "us-tollfree-877";

async fn start(config: SandboxConfig) -> (RunningSandbox, Client) {
    let sandbox = sandbox::spawn(config).await.expect("the sandbox starts");
    let client = client_for(&sandbox, Some("test-key"));
    (sandbox, client)
}

async fn start_default() -> (RunningSandbox, Client) {
    start(SandboxConfig::default()).await
}

fn client_for(sandbox: &RunningSandbox, key: Option<&str>) -> Client {
    let mut config = ClientConfig::new(sandbox.base_url(), key.map(|k| k.to_owned().into()));
    config.connect_timeout = Duration::from_secs(2);
    config.request_timeout = Duration::from_secs(5);
    Client::new(config).expect("a client")
}

fn country(code: &str) -> CountryCode {
    CountryCode::parse(code).unwrap()
}

fn group(id: &str) -> GroupId {
    GroupId::new(id)
}

fn refused(error: ApiError) -> (u16, String) {
    match error {
        ApiError::Refused { status, message } => (status, message),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn decimal(text: &str) -> Decimal {
    text.parse().unwrap()
}

async fn region_id(client: &Client, code: &str, name: &str) -> RegionId {
    let regions = client.regions(&country(code)).await.unwrap();
    regions
        .items
        .into_iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no region {name} in {code}"))
        .id
}

async fn city_names(client: &Client, code: &str, region: Option<&RegionId>) -> Vec<String> {
    let cities = client.cities(&country(code), region).await.unwrap();
    assert_eq!(cities.skipped, 0);
    cities.items.into_iter().map(|c| c.name).collect()
}

async fn available(client: &Client, group_id: &str, contains: Option<&str>) -> Vec<String> {
    let listing = client
        .available_numbers(&group(group_id), contains)
        .await
        .unwrap();
    assert_eq!(listing.skipped, 0);
    listing.items.into_iter().map(|n| n.number).collect()
}

async fn reserved_numbers(client: &Client) -> Vec<String> {
    let listing = client.reservations().await.unwrap();
    assert_eq!(listing.skipped, 0);
    listing.items.into_iter().map(|r| r.number).collect()
}

async fn owned_numbers(client: &Client) -> (Option<u64>, Vec<String>) {
    let page = client.account_numbers(0, 200).await.unwrap();
    assert_eq!(page.numbers.skipped, 0);
    let numbers = page.numbers.items.into_iter().map(|n| n.phone_number);
    (page.count, numbers.collect())
}

async fn group_ids(client: &Client, query: &GroupQuery) -> Vec<String> {
    let listing = client.groups(query).await.unwrap();
    assert_eq!(listing.skipped, 0);
    listing
        .items
        .into_iter()
        .map(|g| g.id.to_string())
        .collect()
}

#[tokio::test]
async fn regions_cities_and_did_types() {
    let (_sandbox, client) = start_default().await;

    let us = client.regions(&country("US")).await.unwrap();
    assert_eq!(us.skipped, 0);
    assert!(us.items.len() >= 5, "{:?}", us.items);
    let names: Vec<&str> = us.items.iter().map(|r| r.name.as_str()).collect();
    for expected in ["California", "New York", "Texas", "Florida", "Illinois"] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(us.items.iter().all(|r| r.country.as_deref() == Some("US")));
    let de = client.regions(&country("de")).await.unwrap();
    assert!(de.items.is_empty() && de.skipped == 0, "{de:?}");

    let california = region_id(&client, "US", "California").await;
    let new_york = region_id(&client, "US", "New York").await;
    assert_ne!(california, new_york);
    assert_eq!(
        city_names(&client, "US", Some(&california)).await,
        [
            "Los Angeles",
            "San Francisco",
            "San Diego",
            "San Jose",
            "Sacramento"
        ]
    );
    let in_new_york = city_names(&client, "US", Some(&new_york)).await;
    assert_eq!(
        in_new_york,
        ["New York City", "Buffalo", "Rochester", "Albany"]
    );
    let all_us = city_names(&client, "US", None).await;
    assert!(all_us.len() > 9, "{all_us:?}");
    assert!(all_us.iter().any(|c| c == "Los Angeles"));
    assert!(all_us.iter().any(|c| c == "New York City"));
    assert!(all_us.iter().any(|c| c == "Chicago"));
    assert_eq!(
        city_names(&client, "DE", None).await,
        [
            "Berlin",
            "Munich",
            "Hamburg",
            "Frankfurt",
            "Cologne",
            "Stuttgart"
        ]
    );

    let types = client.did_types().await.unwrap();
    let pairs: Vec<(String, DidTypeName)> = types
        .items
        .into_iter()
        .map(|t| (t.id.to_string(), t.name))
        .collect();
    let expected: Vec<(String, DidTypeName)> = [
        "local",
        "mobile",
        "tollfree",
        "national",
        "global",
        "sharedcost",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| ((i + 1).to_string(), DidTypeName::new(*name)))
    .collect();
    assert_eq!(pairs, expected);
}

#[tokio::test]
async fn requirements_take_the_numeric_type_id() {
    let (_sandbox, client) = start_default().await;
    let types = client.did_types().await.unwrap().items;
    let id_of = |name: &str| -> DidTypeId {
        types
            .iter()
            .find(|t| t.name.as_str() == name)
            .unwrap()
            .id
            .clone()
    };
    let local = id_of("local");
    assert_eq!(local.as_str(), "1");

    let de_local = client
        .requirements(&country("DE"), Some(&local))
        .await
        .unwrap();
    let ids: Vec<&str> = de_local.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["de-identity", "de-local-address"]);
    let identity = flatten_fields(&de_local[0]);
    assert!(identity.contains(&(
        "fields".to_owned(),
        "first_name, last_name, date_of_birth, nationality".to_owned()
    )));
    let address = flatten_fields(&de_local[1]);
    assert!(address.contains(&("address.scope".to_owned(), "local_network_area".to_owned())));
    assert!(address.contains(&("type".to_owned(), "address".to_owned())));

    let de_mobile = client
        .requirements(&country("DE"), Some(&id_of("mobile")))
        .await
        .unwrap();
    let ids: Vec<&str> = de_mobile
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["de-identity", "de-address"]);

    let us_local = client
        .requirements(&country("US"), Some(&local))
        .await
        .unwrap();
    assert!(us_local.is_empty(), "{us_local:?}");
    assert!(
        client
            .requirements(&country("US"), None)
            .await
            .unwrap()
            .is_empty()
    );

    let unknown = client
        .requirements(&country("DE"), Some(&DidTypeId::new("99")))
        .await
        .unwrap_err();
    assert_eq!(refused(unknown), (400, "Unknown did_type id 99".to_owned()));
}

#[tokio::test]
async fn group_search() {
    let (_sandbox, client) = start_default().await;
    let us = GroupQuery::new(country("US"));

    let no_region = client.groups(&us).await.unwrap_err();
    assert_eq!(
        refused(no_region),
        (
            400,
            "A region is required to search US numbers: pass region_id (or city_id)".to_owned()
        )
    );

    let california = region_id(&client, "US", "California").await;
    let in_california = GroupQuery {
        region: Some(california.clone()),
        ..us.clone()
    };
    let listing = client.groups(&in_california).await.unwrap();
    let ids: Vec<&str> = listing.items.iter().map(|g| g.id.as_str()).collect();
    for expected in [
        LA,
        "us-ca-la-local-2",
        "us-ca-sf-local-1",
        "us-tollfree-800",
    ] {
        assert!(ids.contains(&expected), "{ids:?}");
    }
    assert!(!ids.iter().any(|id| id.starts_with("us-ny-")), "{ids:?}");
    let california_cities = city_names(&client, "US", Some(&california)).await;
    for g in listing.items.iter().filter(|g| g.did_type == "local") {
        assert!(california_cities.contains(&g.location), "{g:?}");
    }

    let cities = client
        .cities(&country("US"), Some(&california))
        .await
        .unwrap()
        .items;
    let los_angeles: CityId = cities
        .iter()
        .find(|c| c.name == "Los Angeles")
        .unwrap()
        .id
        .clone();
    let la_local = GroupQuery {
        city: Some(los_angeles),
        did_type: Some(DidTypeName::new("local")),
        ..us.clone()
    };
    let listing = client.groups(&la_local).await.unwrap();
    let ids: Vec<&str> = listing.items.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(ids, [LA, "us-ca-la-local-2", "us-ca-la-local-3"]);
    let first = &listing.items[0];
    assert_eq!(first.prefix, "+1 (213)");
    assert_eq!(first.location, "Los Angeles");
    assert_eq!(first.did_type, "local");
    assert_eq!(first.price.setup.amount(), Some(decimal("0.00")));
    assert_eq!(first.price.monthly.amount(), Some(decimal("1.50")));
    assert_eq!(first.price.monthly.to_string(), "1.50");
    assert!(first.allow_number_selection && first.is_eligible_for_free_number);
    assert!(!first.has_requirements());
    assert_eq!(
        first.features,
        ["voice", "sms_in", "sms_out", "whatsapp_business"]
    );
    assert!(listing.items.iter().all(|g| g.did_type == "local"));

    let all_types = GroupQuery {
        did_type: Some(DidTypeName::new("all")),
        ..in_california.clone()
    };
    let all_ids = group_ids(&client, &all_types).await;
    assert_eq!(all_ids, group_ids(&client, &in_california).await);
    assert!(all_ids.iter().any(|id| id == LA));
    assert!(all_ids.iter().any(|id| id == TOLLFREE_877));

    let tollfree = GroupQuery {
        did_type: Some(DidTypeName::new("tollfree")),
        ..in_california.clone()
    };
    assert_eq!(
        group_ids(&client, &tollfree).await,
        ["us-tollfree-800", "us-tollfree-888", TOLLFREE_877]
    );

    let by_prefix = GroupQuery {
        city_name_or_prefix: Some(" 213 ".to_owned()),
        ..us.clone()
    };
    assert_eq!(group_ids(&client, &by_prefix).await, [LA]);
    let by_name = GroupQuery {
        city_name_or_prefix: Some("angeles".to_owned()),
        ..us.clone()
    };
    assert_eq!(
        group_ids(&client, &by_name).await,
        [LA, "us-ca-la-local-2", "us-ca-la-local-3"]
    );

    let de_local = GroupQuery {
        did_type: Some(DidTypeName::new("local")),
        ..GroupQuery::new(country("DE"))
    };
    let de = client.groups(&de_local).await.unwrap().items;
    assert_eq!(de.len(), 6);
    assert!(de.iter().all(|g| g.has_requirements()), "{de:?}");

    let bogus = GroupQuery {
        did_type: Some(DidTypeName::new("bogus")),
        ..in_california
    };
    let (status, message) = refused(client.groups(&bogus).await.unwrap_err());
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Unknown did_type 'bogus': expected all or one of local, mobile, tollfree, national, global, sharedcost"
    );
}

#[tokio::test]
async fn available_numbers_with_and_without_a_digit_filter() {
    let (_sandbox, client) = start_default().await;

    let listing = client.available_numbers(&group(LA), None).await.unwrap();
    assert_eq!(listing.items.len(), 100, "the page stops at 100 numbers");
    for n in &listing.items {
        assert!(
            n.number.starts_with("+1213") && n.number.len() == 12,
            "{n:?}"
        );
        assert!(n.id.as_str().starts_with("did-"), "{n:?}");
    }

    let sample = &listing.items[37].number;
    let digits = &sample[sample.len() - 4..];
    let matching = available(&client, LA, Some(digits)).await;
    assert!(matching.contains(sample), "{matching:?}");
    assert!(
        matching.iter().all(|n| n[1..].contains(digits)),
        "{matching:?}"
    );
    assert!(matching.len() < 100, "{} numbers", matching.len());

    let contains_555 = available(&client, LA, Some("555")).await;
    assert!(!contains_555.is_empty());
    assert!(contains_555.iter().all(|n| n.contains("555")));

    // Blank filters are left out of the query.
    assert_eq!(available(&client, LA, Some("  ")).await.len(), 100);
    assert!(available(&client, TOLLFREE_877, None).await.is_empty());

    let (status, message) = refused(
        client
            .available_numbers(&group("no-such-group"), None)
            .await
            .unwrap_err(),
    );
    assert_eq!(status, 404);
    assert_eq!(message, "Number group 'no-such-group' not found");
}

#[tokio::test]
async fn account_info_reports_the_limit_and_counts_usage() {
    let (_sandbox, client) = start_default().await;

    let first = client.account_info().await.unwrap();
    assert_eq!(first.requests_per_minute, Some(80));
    assert_eq!(first.name.as_deref(), Some("numpick sandbox"));
    assert_eq!(first.on_trial, Some(false));
    assert_eq!(first.blocked, Some(false));
    assert_eq!(first.max_api_request_count, Some(10_000));
    assert_eq!(first.api_request_count, Some(1));
    assert_eq!(first.uuid.as_ref().map(String::len), Some(36));

    client.did_types().await.unwrap();
    client.regions(&country("US")).await.unwrap();
    let refused_search = client.groups(&GroupQuery::new(country("US"))).await;
    assert!(refused_search.is_err());
    let second = client.account_info().await.unwrap();
    assert_eq!(second.api_request_count, Some(5));
    assert_eq!(second.uuid, first.uuid);
    assert_eq!(client.requests_sent(), 5);
}

#[tokio::test]
async fn a_client_without_a_key_is_unauthorized() {
    let (sandbox, client) = start_default().await;
    let keyless = client_for(&sandbox, None);

    let error = keyless.regions(&country("US")).await.unwrap_err();
    assert!(error.is_unauthorized(), "{error:?}");
    assert_eq!(
        error,
        ApiError::Unauthorized {
            status: 401,
            message: "Missing or invalid API key: send it in the X-User-API-Key header".to_owned()
        }
    );
    let purchase = keyless.purchase(&group(LA), None).await.unwrap_err();
    assert!(purchase.is_unauthorized(), "{purchase:?}");
    assert_eq!(keyless.requests_sent(), 2, "a refused key is not retried");
    assert_eq!(sandbox.purchases(), 0);

    // Refused requests are not the account's usage.
    let info = client.account_info().await.unwrap();
    assert_eq!(info.api_request_count, Some(1));
}

#[tokio::test]
async fn reserve_list_cancel_reserve_purchase() {
    let (sandbox, client) = start_default().await;
    let la = group(LA);
    let ttl = SignedDuration::from_secs(600);

    assert!(reserved_numbers(&client).await.is_empty());
    assert_eq!(owned_numbers(&client).await, (Some(0), vec![]));
    let number = available(&client, LA, None).await[3].clone();

    let reservation = client.reserve(&la, Some(&number)).await.unwrap();
    assert_eq!(reservation.number, number);
    assert_eq!(reservation.group_id.as_ref(), Some(&la));
    assert_eq!(
        reservation
            .expires_at
            .duration_since(reservation.created_at),
        ttl
    );
    assert!(!available(&client, LA, None).await.contains(&number));
    let listed = client.reservations().await.unwrap().items;
    assert_eq!(listed, std::slice::from_ref(&reservation));
    assert_eq!(
        listed[0].expires_at.duration_since(listed[0].created_at),
        ttl
    );

    let taken = client.reserve(&la, Some(&number)).await.unwrap_err();
    assert_eq!(
        refused(taken),
        (409, format!("Number {number} is already reserved"))
    );

    let message = client.cancel_reservation(&reservation.uuid).await.unwrap();
    assert_eq!(
        message,
        format!("Reservation {} cancelled successfully", reservation.uuid)
    );
    assert!(reserved_numbers(&client).await.is_empty());
    assert!(available(&client, LA, None).await.contains(&number));
    let twice = client
        .cancel_reservation(&reservation.uuid)
        .await
        .unwrap_err();
    assert_eq!(
        refused(twice),
        (404, format!("Reservation {} not found", reservation.uuid))
    );

    let again = client.reserve(&la, Some(&number)).await.unwrap();
    assert_ne!(again.uuid, reservation.uuid);
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&number)
    );

    let receipt = client.purchase(&la, Some(&number)).await.unwrap();
    assert_eq!(receipt.number(), Some(number.as_str()));
    assert_eq!(receipt.body["success"], true);
    assert_eq!(
        receipt.body["data"]["purchase"]["reservation_uuid"],
        again.uuid.as_str()
    );
    assert_eq!(sandbox.purchases(), 1);
    let (count, owned) = owned_numbers(&client).await;
    assert_eq!((count, owned), (Some(1), vec![number.clone()]));
    let page = client.account_numbers(0, 200).await.unwrap();
    let bought = &page.numbers.items[0];
    assert_eq!(bought.iso_country_code.as_deref(), Some("US"));
    assert_eq!(bought.provider_type.as_deref(), Some("local"));
    assert_eq!(bought.status_text.as_deref(), Some("ACTIVE"));
    assert!(!available(&client, LA, None).await.contains(&number));
    assert!(reserved_numbers(&client).await.is_empty());
    let consumed = client.cancel_reservation(&again.uuid).await.unwrap_err();
    assert_eq!(refused(consumed).0, 404);

    let bought_twice = client.purchase(&la, Some(&number)).await.unwrap_err();
    assert_eq!(
        refused(bought_twice),
        (
            409,
            format!("Number {number} is not available: it has already been purchased")
        )
    );
    let reserve_bought = client.reserve(&la, Some(&number)).await.unwrap_err();
    assert_eq!(refused(reserve_bought).0, 409);
    assert_eq!(sandbox.purchases(), 1);
    assert_eq!(owned_numbers(&client).await.0, Some(1));
}

#[tokio::test]
async fn unknown_groups_and_reservations_are_refused_404() {
    let (sandbox, client) = start_default().await;
    let nowhere = group("no-such-group");

    let reserve = client.reserve(&nowhere, None).await.unwrap_err();
    assert_eq!(
        refused(reserve),
        (404, "Number group 'no-such-group' not found".to_owned())
    );
    let purchase = client.purchase(&nowhere, None).await.unwrap_err();
    assert_eq!(
        refused(purchase),
        (404, "Number group 'no-such-group' not found".to_owned())
    );
    let cancel = client
        .cancel_reservation(&ReservationId::new("no-such-reservation"))
        .await
        .unwrap_err();
    assert_eq!(
        refused(cancel),
        (404, "Reservation no-such-reservation not found".to_owned())
    );
    let foreign = client
        .reserve(&group(LA), Some("+4930123456"))
        .await
        .unwrap_err();
    assert_eq!(
        refused(foreign),
        (404, format!("Number +4930123456 not found in group '{LA}'"))
    );
    assert_eq!(sandbox.purchases(), 0);
    assert_eq!(client.requests_sent(), 4);
}

#[tokio::test]
async fn random_reservation_and_random_purchase() {
    let (sandbox, client) = start_default().await;
    let la = group(LA);
    let tollfree = group(TOLLFREE_877);

    let before = available(&client, LA, None).await;
    let reservation = client.reserve(&la, None).await.unwrap();
    assert!(reservation.number.starts_with("+1213"), "{reservation:?}");
    assert_eq!(reservation.number.len(), 12);
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&reservation.number)
    );
    let after = available(&client, LA, None).await;
    assert!(!after.contains(&reservation.number));
    // The rest of the page is unchanged, in the same order.
    let others: Vec<String> = before
        .into_iter()
        .filter(|n| *n != reservation.number)
        .collect();
    assert_eq!(after[..others.len()], others[..]);

    // A group without number selection refuses a named number and assigns one.
    let named = client
        .reserve(&tollfree, Some("+18775550000"))
        .await
        .unwrap_err();
    let (status, message) = refused(named);
    assert_eq!(status, 400);
    assert!(
        message.contains("does not allow number selection"),
        "{message}"
    );
    let receipt = client.purchase(&tollfree, None).await.unwrap();
    let bought = receipt.number().expect("the receipt names the number");
    assert!(
        bought.starts_with("+1877") && bought.len() == 12,
        "{bought}"
    );
    assert_eq!(receipt.body["data"]["purchase"]["group_id"], TOLLFREE_877);
    assert_eq!(sandbox.purchases(), 1);

    let second = client.purchase(&tollfree, None).await.unwrap();
    let second = second.number().unwrap().to_owned();
    assert_ne!(second, bought);
    assert_eq!(sandbox.purchases(), 2);
    assert_eq!(
        owned_numbers(&client).await,
        (Some(2), vec![bought.to_owned(), second])
    );
    let first_page = client.account_numbers(0, 1).await.unwrap();
    assert_eq!(first_page.count, Some(2));
    assert_eq!(first_page.numbers.items.len(), 1);
    assert_eq!(first_page.numbers.items[0].phone_number, bought);
    // The random purchase did not take the reserved number.
    assert_eq!(reserved_numbers(&client).await, [reservation.number]);
}

#[tokio::test]
async fn a_reservation_expires_on_its_own() {
    let config = SandboxConfig {
        reservation_ttl: Duration::from_secs(1),
        ..Default::default()
    };
    let (sandbox, client) = start(config).await;
    let number = available(&client, LA, None).await[0].clone();

    let reservation = client.reserve(&group(LA), Some(&number)).await.unwrap();
    assert_eq!(
        reservation
            .expires_at
            .duration_since(reservation.created_at),
        SignedDuration::from_secs(1)
    );
    assert_eq!(
        reserved_numbers(&client).await,
        std::slice::from_ref(&number)
    );
    assert!(!available(&client, LA, None).await.contains(&number));

    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(reserved_numbers(&client).await.is_empty());
    assert_eq!(available(&client, LA, None).await[0], number);
    let gone = client
        .cancel_reservation(&reservation.uuid)
        .await
        .unwrap_err();
    assert_eq!(refused(gone).0, 404);
    // The number can be reserved again.
    let again = client.reserve(&group(LA), Some(&number)).await.unwrap();
    assert_eq!(again.number, number);
    assert_eq!(sandbox.purchases(), 0);
}

#[tokio::test]
async fn requests_sent_counts_exactly_the_requests_made() {
    let (sandbox, client) = start_default().await;
    assert_eq!(client.requests_sent(), 0);

    client.did_types().await.unwrap();
    client.regions(&country("US")).await.unwrap();
    assert_eq!(client.requests_sent(), 2);

    // A refusal is one request: 4xx answers are not retried.
    let error = client
        .groups(&GroupQuery::new(country("US")))
        .await
        .unwrap_err();
    assert_eq!(refused(error).0, 400);
    assert_eq!(client.requests_sent(), 3);

    // Clones share the count.
    let clone = client.clone();
    let reservation = clone.reserve(&group(LA), None).await.unwrap();
    clone.cancel_reservation(&reservation.uuid).await.unwrap();
    assert_eq!(client.requests_sent(), 5);
    client.purchase(&group(LA), None).await.unwrap();
    assert_eq!(clone.requests_sent(), 6);
    assert_eq!(sandbox.purchases(), 1);

    // The sandbox saw the same requests, plus this one.
    let info = client.account_info().await.unwrap();
    assert_eq!(info.api_request_count, Some(7));
    assert_eq!(client.requests_sent(), 7);

    // A second client keeps its own count against the same sandbox.
    let other = client_for(&sandbox, Some("another-key"));
    other.account_numbers(0, 10).await.unwrap();
    assert_eq!(other.requests_sent(), 1);
    assert_eq!(client.requests_sent(), 7);
}
