//! The sandbox's catalogue over real HTTP: the key every route requires, regions, cities, DID
//! types, requirements, group search, available numbers, determinism by seed, the catalogue's
//! size, unknown routes and methods, and serving on a given listener.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::support::sandbox::{Api, LA, Refusal, assert_error, ids};
use numpick::sandbox::{self, SandboxConfig};
use reqwest::StatusCode;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const COUNTRIES: [&str; 18] = [
    "US", "CA", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "AU", "JP", "IN", "ZA", "AR", "SE",
    "CH", "IE",
];

/// The number the sandbox picks when a Tokyo reservation names none.
async fn random_pick(api: &Api) -> Value {
    let body = json!({ "group_id": "jp-tyo-local-1" });
    let (_, answer) = api.post("/open/numbers/reservations", &body).await;
    answer["data"]["reservation_details"]["number"].clone()
}

/// The id of the US region called `name`, as a query value.
fn region_id(regions: &[Value], name: &str) -> String {
    let region = regions.iter().find(|r| r["region_name"] == name).unwrap();
    region["id"].as_u64().unwrap().to_string()
}

#[tokio::test]
async fn every_route_requires_a_key() {
    let api = Api::default().await;
    let url = api.url("/open/numbers/regions?country=US");
    let answer = Api::send(api.http.get(&url)).await;
    assert_error(&answer, StatusCode::UNAUTHORIZED, "X-User-API-Key");
    let blank = Api::send(api.http.get(&url).header("X-User-API-Key", " ")).await;
    assert_error(&blank, StatusCode::UNAUTHORIZED, "api key");
    let buy = api
        .http
        .post(api.url("/open/numbers/purchase"))
        .json(&json!({ "group_id": LA }));
    assert_error(&Api::send(buy).await, StatusCode::UNAUTHORIZED, "api key");
    let unknown = Api::send(api.http.get(api.url("/nowhere"))).await;
    assert_error(&unknown, StatusCode::UNAUTHORIZED, "api key");
    assert_eq!(api.sandbox.purchases(), 0);
    // Refused requests are not counted as usage: this is the first counted one.
    let (_, info) = api.get("/open/info", &[]).await;
    assert_eq!(
        info["usage"]["api_request_count"], 1,
        "at the top level: {info}"
    );
}

#[tokio::test]
async fn regions_and_cities() {
    let api = Api::default().await;
    let (status, body) = api.get("/open/numbers/regions", &[("country", "US")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["success"], true);
    let regions = body["data"]["regions"].as_array().unwrap();
    assert!(regions.len() >= 5, "{regions:?}");
    let california = regions
        .iter()
        .find(|r| r["region_name"] == "California")
        .unwrap();
    assert_eq!(california["iso_country_code"], "US");
    let california_id = region_id(regions, "California");

    assert_eq!(api.regions("us").await.len(), regions.len());
    assert_eq!(api.regions("DE").await, Vec::<Value>::new());
    for region_country in ["CA", "GB"] {
        let found = api.regions(region_country).await;
        assert!(found.len() >= 2, "{found:?}");
    }
    let bad = StatusCode::BAD_REQUEST;
    let refusals: &[Refusal] = &[(&[], bad, "country"), (&[("country", "ZZ")], bad, "ZZ")];
    api.refusals("/open/numbers/regions", refusals).await;

    let cities = api
        .cities(&[("country", "US"), ("region", &california_id)])
        .await;
    let names = ids(&cities, "city_name");
    assert!(
        names.contains(&"Los Angeles".to_owned()) && names.contains(&"San Francisco".to_owned())
    );
    assert!(!names.contains(&"Chicago".to_owned()), "{names:?}");
    assert!(
        cities
            .iter()
            .all(|c| c["iso_country_code"] == "US" && c["id"].is_u64())
    );
    assert!(api.cities(&[("country", "US")]).await.len() > cities.len());
    let by_name = [("country", "US"), ("region", "California")];
    assert_error(
        &api.get("/open/numbers/cities", &by_name).await,
        bad,
        "region",
    );
    let berlin = api.cities(&[("country", "DE")]).await;
    assert!(ids(&berlin, "city_name").contains(&"Berlin".into()));
}

#[tokio::test]
async fn did_types_and_requirements() {
    let api = Api::default().await;
    let types = api.data("/open/numbers/did-types", &[], "did_types").await;
    let names: BTreeSet<String> = ids(&types, "name").into_iter().collect();
    let expected = "global local mobile national sharedcost tollfree".split(' ');
    assert_eq!(names, expected.map(str::to_owned).collect());
    let local = types.iter().find(|t| t["name"] == "local").unwrap()["id"]
        .as_u64()
        .unwrap();
    let local = local.to_string();

    let path = "/open/numbers/requirements";
    let requirements = api
        .data(
            path,
            &[("country", "DE"), ("did_type", &local)],
            "requirements",
        )
        .await;
    let kinds: Vec<&str> = requirements
        .iter()
        .filter_map(|r| r["type"].as_str())
        .collect();
    assert!(
        kinds.contains(&"identity") && kinds.contains(&"address"),
        "{kinds:?}"
    );
    assert!(requirements.iter().any(|r| r["address"]["country"] == "DE"));

    let us = [("country", "US"), ("did_type", &local)];
    assert_eq!(
        api.data(path, &us, "requirements").await,
        Vec::<Value>::new()
    );
    let france = api.data(path, &[("country", "FR")], "requirements").await;
    assert!(
        france.iter().any(|r| r["type"] == "business_registration"),
        "{france:?}"
    );
    let bad = StatusCode::BAD_REQUEST;
    let refusals: &[Refusal] = &[
        // The trap: this endpoint wants the id, not the name.
        (&[("country", "DE"), ("did_type", "local")], bad, "did_type"),
        (&[("country", "DE"), ("did_type", "99")], bad, "99"),
    ];
    api.refusals(path, refusals).await;
}

#[tokio::test]
async fn group_search() {
    let api = Api::default().await;
    let bad = StatusCode::BAD_REQUEST;
    let refusals: &[Refusal] = &[
        (&[("country", "US"), ("did_type", "local")], bad, "region"),
        (&[("country", "US"), ("region_id", "")], bad, "region"),
        (
            &[("country", "GB"), ("did_type", "premium")],
            bad,
            "premium",
        ),
        (&[("country", "US"), ("region_id", "CA")], bad, "region_id"),
    ];
    api.refusals("/open/numbers/groups", refusals).await;

    let regions = api.regions("US").await;
    let california_id = region_id(&regions, "California");
    let cities = api
        .cities(&[("country", "US"), ("region", &california_id)])
        .await;
    let california: Vec<String> = ids(&cities, "city_name");
    let query = [
        ("country", "US"),
        ("region_id", &california_id),
        ("did_type", "local"),
    ];
    let groups = api.groups(&query).await;
    assert!(groups.len() >= 5);
    assert!(groups.iter().all(|g| g["type"] == "local"
        && california.contains(&g["location"].as_str().unwrap().to_owned())));
    let la = groups.iter().find(|g| g["id"] == LA).unwrap();
    assert_eq!(la["prefix"], "+1 (213)");
    assert_eq!(la["location"], "Los Angeles");
    assert_eq!(la["requirements"], json!([]));
    assert!(
        la["allow_number_selection"].is_boolean() && la["is_eligible_for_free_number"].is_boolean()
    );
    for price in ["setup_price", "monthly_price"] {
        let text = la["price"][price].as_str().unwrap();
        assert!(text.parse::<Decimal>().is_ok(), "{text}");
    }
    assert_eq!(la["features"][0], "voice");

    let la_city = cities
        .iter()
        .find(|c| c["city_name"] == "Los Angeles")
        .unwrap()["id"]
        .to_string();
    let in_la = |did_type| {
        [
            ("country", "US"),
            ("city_id", &la_city),
            ("did_type", did_type),
        ]
    };
    let local = api.groups(&in_la("local")).await;
    let prefixes: BTreeSet<&str> = local
        .iter()
        .map(|g| g["prefix"].as_str().unwrap())
        .collect();
    assert_eq!(
        prefixes,
        BTreeSet::from(["+1 (213)", "+1 (310)", "+1 (323)"])
    );
    // Nationwide toll-free groups serve every city.
    let tollfree = api.groups(&in_la("tollfree")).await;
    assert!(!tollfree.is_empty() && tollfree.iter().all(|g| g["location"] == "United States"));

    let by_prefix = api
        .groups(&[("country", "US"), ("city_name_or_prefix", "213")])
        .await;
    assert_eq!(ids(&by_prefix, "id"), [LA]);
    let by_name = api
        .groups(&[("country", "US"), ("city_name_or_prefix", "los ang")])
        .await;
    assert_eq!(ids(&by_name, "id").len(), 3);

    let german = api.groups(&[("country", "DE"), ("did_type", "all")]).await;
    let kinds: BTreeSet<&str> = german.iter().map(|g| g["type"].as_str().unwrap()).collect();
    assert!(kinds.len() >= 4, "{kinds:?}");
    let berlin = german.iter().find(|g| g["prefix"] == "+49 30").unwrap();
    let needs: Vec<&str> = berlin["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["type"].as_str())
        .collect();
    assert_eq!(needs, ["identity", "address"]);
    assert!(german.iter().any(|g| g["allow_number_selection"] == false));
}

#[tokio::test]
async fn available_numbers() {
    let api = Api::default().await;
    let path = "/open/numbers/available";
    let numbers = api.data(path, &[("group_id", LA)], "numbers").await;
    assert_eq!(numbers.len(), 100, "the page is capped");
    for number in &numbers {
        assert!(number["id"].as_str().unwrap().starts_with("did-"));
        let e164 = number["number"].as_str().unwrap();
        assert!(e164.starts_with("+1213") && e164.len() == 12, "{e164}");
    }
    let fives = api.available(LA, "555").await;
    assert!(
        !fives.is_empty() && fives.iter().all(|n| n[1..].contains("555")),
        "{fives:?}"
    );
    let none = api.available(LA, "99999999999").await;
    assert!(none.is_empty());
    let refusals: &[Refusal] = &[
        (
            &[("group_id", LA), ("number_contains", "5a5")],
            StatusCode::BAD_REQUEST,
            "number_contains",
        ),
        (
            &[("group_id", "no-such-group")],
            StatusCode::NOT_FOUND,
            "no-such-group",
        ),
        (&[], StatusCode::BAD_REQUEST, "group_id"),
    ];
    api.refusals(path, refusals).await;
    // Numbers of a group without selection are assigned, never listed.
    assert!(api.available("us-tollfree-877", "").await.is_empty());
}

#[tokio::test]
async fn the_seed_decides_the_numbers() {
    let first = Api::start(42, Duration::from_secs(600)).await;
    let twin = Api::start(42, Duration::from_secs(600)).await;
    let other = Api::start(43, Duration::from_secs(600)).await;
    for group in [LA, "gb-eng-lon-local-1", "de-ber-local-1"] {
        let numbers = first.available(group, "").await;
        assert_eq!(numbers, twin.available(group, "").await);
        assert_ne!(numbers, other.available(group, "").await);
    }
    assert_eq!(random_pick(&first).await, random_pick(&twin).await);
}

#[tokio::test]
async fn the_catalogue_is_large_enough() {
    let api = Api::default().await;
    let us_regions = api.regions("US").await;
    assert!(us_regions.len() >= 5);
    let mut without_selection = 0;
    let mut with_requirements = 0;
    for country in COUNTRIES {
        let cities = api.cities(&[("country", country)]).await;
        assert!(!cities.is_empty(), "{country} has no cities");
        let mut groups = Vec::new();
        if country == "US" {
            for region in &us_regions {
                let region = region["id"].to_string();
                groups.extend(
                    api.groups(&[("country", "US"), ("region_id", &region)])
                        .await,
                );
            }
        } else {
            groups = api.groups(&[("country", country)]).await;
        }
        let group_ids: BTreeSet<String> = ids(&groups, "id").into_iter().collect();
        let kinds: BTreeSet<&str> = groups.iter().map(|g| g["type"].as_str().unwrap()).collect();
        assert!(
            group_ids.len() >= 2 && kinds.len() >= 2,
            "{country}: {group_ids:?}"
        );
        without_selection += groups
            .iter()
            .filter(|g| g["allow_number_selection"] == false)
            .count();
        with_requirements += groups
            .iter()
            .filter(|g| g["requirements"] != json!([]))
            .count();
        for group in &groups {
            assert!(
                group["features"]
                    .as_array()
                    .unwrap()
                    .contains(&json!("voice"))
            );
            let price = group["price"]["monthly_price"].as_str().unwrap();
            assert!(price.parse::<Decimal>().is_ok(), "{price}");
        }
    }
    assert!(without_selection >= 5, "{without_selection}");
    assert!(with_requirements >= 20, "{with_requirements}");

    // The page cap hides the pool size; the first two digits after the area code split the
    // pool into slices that each fit a page.
    let mut whole = BTreeSet::new();
    for lead in 20..100 {
        let slice = api.available(LA, &format!("1213{lead}")).await;
        assert!(slice.len() < 100, "{lead}: {}", slice.len());
        whole.extend(
            slice
                .into_iter()
                .filter(|n| n[5..].starts_with(&lead.to_string())),
        );
    }
    assert!(whole.len() >= 300, "{}", whole.len());
}

#[tokio::test]
async fn unknown_routes_and_methods_get_envelopes() {
    let api = Api::default().await;
    assert_error(
        &api.get("/open/numbers/nothing", &[]).await,
        StatusCode::NOT_FOUND,
        "/open/numbers/nothing",
    );
    let wrong_method = api.delete("/open/numbers/groups").await;
    assert_error(&wrong_method, StatusCode::METHOD_NOT_ALLOWED, "DELETE");
    let no_reservation = api
        .delete("/open/numbers/reservations/00000000-0000-4000-8000-000000000000")
        .await;
    assert_error(&no_reservation, StatusCode::NOT_FOUND, "not found");
}

#[tokio::test]
async fn serve_runs_on_a_given_listener() {
    numpick::api::install_tls_provider();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(sandbox::serve(listener, SandboxConfig::default()));
    let response = reqwest::Client::new()
        .get(format!("http://{addr}/open/numbers/did-types"))
        .header("X-User-API-Key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["did_types"].as_array().unwrap().len(), 6);
    server.abort();
}
