//! The client's side of the wire contract, checked on a scripted server: paths, query names,
//! headers and bodies as the server sees them, and tolerant decoding of what comes back.

use std::time::Duration;

use crate::support::http::{FaultServer, Reply};
use numpick::api::model::{
    CityId, CountryCode, DidTypeId, DidTypeName, E164, Group, GroupId, Listing, Price,
    PurchaseOrder, RegionId, ReservationId, Verdict,
};
use numpick::api::{ApiError, Client, ClientConfig, GroupQuery};
use secrecy::SecretString;
use serde_json::json;

const KEY: &str = "sk-live-DO-NOT-LEAK-7f3a9c";

fn client_for(url: &str) -> Client {
    let mut config = ClientConfig::new(url, Some(SecretString::from(KEY)));
    config.request_timeout = Duration::from_secs(2);
    Client::new(config).expect("a client")
}

fn ok(data: serde_json::Value) -> Reply {
    Reply::json(200, json!({"success": true, "data": data}))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A US group search answered with `groups` by a scripted server.
async fn us_groups(groups: serde_json::Value) -> Listing<Group> {
    let server = FaultServer::start(vec![ok(json!({ "groups": groups }))]).await;
    client_for(&server.url())
        .groups(&GroupQuery::new(CountryCode::parse("US").unwrap()))
        .await
        .unwrap()
}

fn reservation(uuid: &str) -> serde_json::Value {
    json!({"uuid": uuid, "number": "+12135551234",
           "created_at": "2024-01-15T11:00:00Z", "expires_at": "2024-01-15T11:30:00Z"})
}

#[tokio::test]
async fn query_names_are_the_documented_ones() {
    let server = FaultServer::start(vec![
        ok(json!({"regions": []})),
        ok(json!({"cities": []})),
        ok(json!({"requirements": []})),
        ok(json!({"groups": []})),
        ok(json!({"groups": []})),
        ok(json!({"numbers": []})),
        Reply::json(200, json!({"success": true, "numbers": [], "count": 0})),
    ])
    .await;
    // A trailing slash on the base URL is tolerated.
    let client = client_for(&format!("{}/", server.url()));
    let us = CountryCode::parse("us").unwrap();
    client.regions(&us).await.unwrap();
    client
        .cities(&us, Some(&RegionId::new("123")))
        .await
        .unwrap();
    let de = CountryCode::parse("DE").unwrap();
    client
        .requirements(&de, Some(&DidTypeId::new("7")))
        .await
        .unwrap();
    let query = GroupQuery {
        country: us.clone(),
        region: Some(RegionId::new("123")),
        city: Some(CityId::new("456")),
        city_name_or_prefix: Some("Los A".into()),
        did_type: Some(DidTypeName::new("local")),
    };
    client.groups(&query).await.unwrap();
    client.groups(&GroupQuery::new(us)).await.unwrap();
    let group = GroupId::new("abc-123");
    client.available_numbers(&group, Some("555")).await.unwrap();
    client.account_numbers(0, 200).await.unwrap();

    let seen = server.requests();
    let expect = [
        ("/open/numbers/regions", pairs(&[("country", "US")])),
        (
            "/open/numbers/cities",
            pairs(&[("country", "US"), ("region", "123")]),
        ),
        (
            "/open/numbers/requirements",
            pairs(&[("country", "DE"), ("did_type", "7")]),
        ),
        (
            "/open/numbers/groups",
            pairs(&[
                ("country", "US"),
                ("region_id", "123"),
                ("city_id", "456"),
                ("city_name_or_prefix", "Los A"),
                ("did_type", "local"),
            ]),
        ),
        ("/open/numbers/groups", pairs(&[("country", "US")])),
        (
            "/open/numbers/available",
            pairs(&[("group_id", "abc-123"), ("number_contains", "555")]),
        ),
        (
            "/open/voip/virtual-numbers",
            pairs(&[("page_number", "0"), ("results_per_page", "200")]),
        ),
    ];
    assert_eq!(seen.len(), expect.len());
    for (request, (path, query)) in seen.iter().zip(expect) {
        assert_eq!((request.method.as_str(), request.path()), ("GET", path));
        assert_eq!(request.query(), query, "{path}");
        assert_eq!(request.header("x-user-api-key"), Some(KEY));
    }
}

#[tokio::test]
async fn writes_send_json_bodies_to_the_documented_paths() {
    let server = FaultServer::start(vec![
        Reply::json(
            201,
            json!({"success": true, "data": {"reservation_details": reservation("r-1")}}),
        ),
        Reply::json(
            201,
            json!({"success": true, "purchased": ["+12135551234"], "failed": []}),
        ),
        Reply::json(
            200,
            json!({"success": true, "message": "Reservation a/b c cancelled successfully\u{1b}[0m"}),
        ),
    ])
    .await;
    let client = client_for(&server.url());
    let group = GroupId::new("abc-123");
    let reserved = client.reserve(&group, Some("+12135551234")).await.unwrap();
    assert_eq!(reserved.uuid.as_str(), "r-1");
    assert_eq!(reserved.expires_at.to_string(), "2024-01-15T11:30:00Z");
    let number = E164::parse("+12135551234").unwrap();
    let receipt = client
        .purchase(&PurchaseOrder::new(group.clone(), number.clone()))
        .await
        .unwrap();
    assert_eq!(receipt.verdict(&number), Verdict::Bought);
    assert_eq!(
        receipt.body["failed"],
        json!([]),
        "the whole answer is kept"
    );
    let message = client
        .cancel_reservation(&ReservationId::new("a/b c"))
        .await
        .unwrap();
    assert_eq!(message, "Reservation a/b c cancelled successfully");

    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        (seen[0].method.as_str(), seen[0].path()),
        ("POST", "/open/numbers/reservations")
    );
    assert_eq!(
        seen[0].json(),
        json!({"group_id": "abc-123", "number": "+12135551234"})
    );
    assert_eq!(seen[0].header("content-type"), Some("application/json"));
    assert_eq!(
        (seen[1].method.as_str(), seen[1].path()),
        ("POST", "/open/numbers/purchase")
    );
    assert_eq!(
        seen[1].json(),
        json!({"group_id": "abc-123", "number": "+12135551234"}),
        "a purchase always names its number"
    );
    assert_eq!(seen[1].header("content-type"), Some("application/json"));
    // The uuid is one path segment, whatever it holds.
    assert_eq!(
        (seen[2].method.as_str(), seen[2].path()),
        ("DELETE", "/open/numbers/reservations/a%2Fb%20c")
    );
}

#[tokio::test]
async fn ids_come_through_exactly_whatever_their_json_type() {
    let groups = us_groups(json!([
        {"id": 123, "prefix": "+1 (213)"},
        {"id": "abc-123"},
        {"id": 9007199254740993_u64},
        {"id": 18446744073709551615_u64}
    ]))
    .await;
    let ids: Vec<&str> = groups.items.iter().map(|g| g.id.as_str()).collect();
    assert_eq!(
        ids,
        ["123", "abc-123", "9007199254740993", "18446744073709551615"]
    );
    assert_eq!(groups.skipped, 0);
}

#[tokio::test]
async fn prices_stay_exact_or_unknown_and_odd_fields_are_tolerated() {
    let groups = us_groups(json!([
        {"id": "a", "price": {"setup_price": "1.50", "monthly_price": 1.5}, "new_field": [1]},
        {"id": "b", "price": {"setup_price": null, "monthly_price": "abc"}},
        {"id": "c"},
        {"prefix": "no id"},
        "not an object",
        {"id": "d", "features": ["voice", "sms_in"], "allow_number_selection": true,
         "requirements": [{"type": "address"}], "type": "local"}
    ]))
    .await;
    assert_eq!(groups.skipped, 2, "the malformed items are counted");
    let [a, b, c, d] = groups.items.as_slice() else {
        panic!("{groups:?}");
    };
    assert_eq!(a.price.setup, Price::Known("1.50".parse().unwrap()));
    assert_eq!(a.price.setup.to_string(), "1.50");
    assert_eq!(a.price.monthly, Price::Known("1.5".parse().unwrap()));
    assert_eq!(
        (b.price.setup, b.price.monthly),
        (Price::Unknown, Price::Unknown)
    );
    assert_eq!(c.price.monthly, Price::Unknown);
    assert!(c.features.is_empty() && !c.has_requirements());
    assert!(d.allow_number_selection && d.has_requirements());
    assert_eq!((d.did_type.as_str(), d.features.len()), ("local", 2));
}

#[tokio::test]
async fn the_reservations_list_is_read_as_a_bare_array_or_data_reservations() {
    let server = FaultServer::start(vec![
        ok(json!([reservation("r-1"), {"uuid": "no times"}])),
        ok(json!({"reservations": [reservation("r-2"), reservation("r-3")]})),
    ])
    .await;
    let client = client_for(&server.url());
    let bare = client.reservations().await.unwrap();
    let uuids: Vec<&str> = bare.items.iter().map(|r| r.uuid.as_str()).collect();
    assert_eq!((uuids, bare.skipped), (vec!["r-1"], 1));
    let named = client.reservations().await.unwrap();
    let uuids: Vec<&str> = named.items.iter().map(|r| r.uuid.as_str()).collect();
    assert_eq!(uuids, ["r-2", "r-3"]);
    assert!(
        server
            .requests()
            .iter()
            .all(|r| r.path() == "/open/numbers/reservations")
    );
}

#[tokio::test]
async fn lists_and_account_info_decode() {
    let server = FaultServer::start(vec![
        ok(json!({"did_types": [{"id": 1, "name": "local"}, {"id": "2", "name": "mobile"}]})),
        ok(json!({"cities": [{"id": 456, "city_name": "Los Angeles", "iso_country_code": "US"}]})),
        ok(json!({"requirements": [{"type": "identity", "documents": ["passport"]}]})),
        Reply::json(
            200,
            json!({"success": true, "data": {
            "account": {"name": "Acme", "blocked": false},
            "limits": {"requests_per_minute": 60},
            "usage": {"api_request_count": 12, "max_api_request_count": 10000}}}),
        ),
    ])
    .await;
    let client = client_for(&server.url());
    let types = client.did_types().await.unwrap();
    let ids: Vec<&str> = types.items.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    let cities = client
        .cities(&CountryCode::parse("US").unwrap(), None)
        .await
        .unwrap();
    assert_eq!(cities.items[0].name, "Los Angeles");
    let requirements = client
        .requirements(&CountryCode::parse("DE").unwrap(), None)
        .await
        .unwrap();
    assert_eq!(
        requirements,
        [json!({"type": "identity", "documents": ["passport"]})]
    );
    let info = client.account_info().await.unwrap();
    assert_eq!(info.name.as_deref(), Some("Acme"));
    assert_eq!(
        (info.api_request_count, info.max_api_request_count),
        (Some(12), Some(10000))
    );
    assert_eq!(server.requests()[1].query(), pairs(&[("country", "US")]));
    assert_eq!(server.requests()[3].path(), "/open/info");
}

#[tokio::test]
async fn the_key_never_appears_in_errors_or_debug_output() {
    let server = FaultServer::start(vec![
        Reply::refusal(401, &format!("Invalid API key {KEY}")),
        Reply::raw(200, "text/html", &format!("<html>{KEY}</html>")),
        Reply::refusal(500, &format!("failed for {KEY}")),
    ])
    .await;
    let config = ClientConfig::new(server.url(), Some(SecretString::from(KEY)));
    assert!(!format!("{config:?}").contains(KEY));
    let client = client_for(&server.url());
    assert!(!format!("{client:?}").contains(KEY));
    assert!(format!("{client:?}").contains("has_key: true"));

    let us = CountryCode::parse("US").unwrap();
    let mut errors = vec![
        client.regions(&us).await.unwrap_err(),
        client.regions(&us).await.unwrap_err(),
        client
            .purchase(&PurchaseOrder::new(
                GroupId::new("g"),
                E164::parse("+12135551234").unwrap(),
            ))
            .await
            .unwrap_err(),
    ];
    errors.push(
        Client::new(ClientConfig::new(
            "http://127.0.0.1:1",
            Some(SecretString::from(format!("{KEY}\u{1}x"))),
        ))
        .unwrap_err(),
    );
    assert!(matches!(errors[0], ApiError::Unauthorized { .. }));
    assert!(matches!(errors[1], ApiError::UnexpectedBody { .. }));
    assert!(errors[2].is_outcome_unknown());
    assert!(matches!(errors[3], ApiError::Config { .. }));
    for error in &errors {
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(KEY), "{shown}");
        assert!(!shown.contains(&server.url()), "{shown}");
    }
    assert!(errors[0].to_string().contains("[redacted]"));
}

#[test]
fn client_settings_are_checked() {
    assert!(Client::new(ClientConfig::new(numpick::api::DEFAULT_BASE_URL, None)).is_ok());
    for bad in ["", "api.p.2chat.io", "ftp://example.com", "mailto:a@b.c"] {
        let error = Client::new(ClientConfig::new(bad, None)).unwrap_err();
        assert!(matches!(error, ApiError::Config { .. }), "{bad}: {error:?}");
    }
    let config = ClientConfig::new("http://localhost", None);
    assert_eq!(
        (
            config.connect_timeout,
            config.request_timeout,
            config.max_retry_wait
        ),
        (
            Duration::from_secs(5),
            Duration::from_secs(20),
            Duration::from_secs(30)
        )
    );
    assert_eq!(config.requests_per_minute, 80);
}
