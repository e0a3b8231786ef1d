//! The sandbox's orders over real HTTP: the reserve → cancel → reserve → purchase cycle, random
//! numbers when none is named, error envelopes for bad bodies, reservations that expire on
//! their own, the account's request count and its paged numbers.

mod sandbox_support;

use std::time::Duration;

use jiff::Timestamp;
use reqwest::StatusCode;
use sandbox_support::{Api, LA, assert_error, ids};
use serde_json::{Value, json};

/// The instant a reservation or purchase field holds.
fn timestamp(value: &Value) -> Timestamp {
    value.as_str().unwrap().parse().unwrap()
}

#[tokio::test]
async fn reserve_cancel_reserve_purchase() {
    let api = Api::default().await;
    let number = api.available(LA, "").await[0].clone();
    let digits = &number[1..];

    let (status, body) = api.reserve(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let details = &body["data"]["reservation_details"];
    assert_eq!(details["number"], number.as_str());
    assert_eq!(details["group_id"], LA);
    let created = details["created_at"].as_str().unwrap();
    let expires = details["expires_at"].as_str().unwrap();
    assert!(
        created.ends_with('Z') && expires.ends_with('Z') && !created.contains('.'),
        "{created}"
    );
    let lifetime = timestamp(&details["expires_at"]).as_second()
        - timestamp(&details["created_at"]).as_second();
    assert_eq!(lifetime, 600);
    let uuid = details["uuid"].as_str().unwrap().to_owned();
    assert_eq!(uuid.len(), 36);

    assert!(
        api.available(LA, digits).await.is_empty(),
        "a reserved number is not offered"
    );
    assert_eq!(ids(&api.reservations().await, "uuid"), [uuid.as_str()]);
    assert_error(
        &api.reserve(LA, &number).await,
        StatusCode::CONFLICT,
        "reserved",
    );

    let cancel = format!("/open/numbers/reservations/{uuid}");
    let (status, body) = api.delete(&cancel).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "success": true, "message": format!("Reservation {uuid} cancelled successfully") })
    );
    assert!(api.reservations().await.is_empty());
    assert_eq!(api.available(LA, digits).await, [number.as_str()]);
    assert_error(&api.delete(&cancel).await, StatusCode::NOT_FOUND, &uuid);

    let (status, body) = api.reserve(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED);
    let second = body["data"]["reservation_details"]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(second, uuid);

    let (status, body) = api.purchase(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["success"], true);
    let purchase = &body["data"]["purchase"];
    assert_eq!(purchase["number"], number.as_str());
    assert_eq!(purchase["group_id"], LA);
    assert_eq!(purchase["reservation_uuid"], second.as_str());
    assert_eq!(purchase["prices"]["monthly_price"], "1.50");
    assert!(
        purchase["purchased_at"]
            .as_str()
            .unwrap()
            .parse::<Timestamp>()
            .is_ok()
    );
    assert_eq!(api.sandbox.purchases(), 1);

    assert!(
        api.reservations().await.is_empty(),
        "the purchase consumed the reservation"
    );
    assert!(
        api.available(LA, digits).await.is_empty(),
        "a bought number is gone"
    );
    let owned = api.account_page("0", "200").await;
    assert_eq!(owned["count"], 1);
    let entry = &owned["numbers"][0];
    assert_eq!(entry["phone_number"], number.as_str());
    assert_eq!(entry["status_text"], "ACTIVE");
    assert_eq!(entry["iso_country_code"], "US");
    assert_eq!(entry["provider_type"], "local");
    assert!(
        entry["formatted_phone_number"]
            .as_str()
            .unwrap()
            .starts_with("+1 (213) ")
    );

    let rebuy = api.purchase(LA, &number).await;
    assert_error(&rebuy, StatusCode::CONFLICT, "purchased");
    let rereserve = api.reserve(LA, &number).await;
    assert_error(&rereserve, StatusCode::CONFLICT, "purchased");
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn random_numbers_when_none_is_named() {
    let api = Api::default().await;
    let (status, body) = api
        .post("/open/numbers/reservations", &json!({ "group_id": LA }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let reserved = body["data"]["reservation_details"]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(reserved.starts_with("+1213"));
    assert!(api.available(LA, &reserved[1..]).await.is_empty());

    let (status, body) = api
        .post(
            "/open/numbers/purchase",
            &json!({ "group_id": "us-tollfree-877", "number": null }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let bought = body["data"]["purchase"]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        bought.starts_with("+1877") && bought.len() == 12,
        "{bought}"
    );
    assert_eq!(api.owned().await, [bought]);
    let picked = api.purchase("us-tollfree-877", "+18775550123").await;
    assert_error(&picked, StatusCode::BAD_REQUEST, "selection");
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn bad_bodies_get_error_envelopes() {
    let api = Api::default().await;
    let bad = StatusCode::BAD_REQUEST;
    for path in ["/open/numbers/reservations", "/open/numbers/purchase"] {
        for (raw, needle) in [
            ("{\"group_id\": ", "JSON"),
            ("", "JSON"),
            ("[1, 2]", "object"),
        ] {
            assert_error(&api.post_raw(path, raw).await, bad, needle);
        }
        let bodies = [
            (json!({}), bad, "group_id"),
            (json!({ "group_id": 7 }), bad, "group_id"),
            (json!({ "group_id": "nope" }), StatusCode::NOT_FOUND, "nope"),
            (json!({ "group_id": LA, "number": "call me" }), bad, "E.164"),
            (
                json!({ "group_id": LA, "number": "+493012345678" }),
                StatusCode::NOT_FOUND,
                "+493012345678",
            ),
            (
                json!({ "group_id": LA, "number": 12135551234_u64 }),
                bad,
                "number",
            ),
        ];
        for (body, status, needle) in bodies {
            assert_error(&api.post(path, &body).await, status, needle);
        }
    }
    assert_eq!(api.sandbox.purchases(), 0);
    assert!(api.reservations().await.is_empty());
}

#[tokio::test]
async fn reservations_expire_on_their_own() {
    let api = Api::start(5, Duration::from_secs(1)).await;
    let number = api.available(LA, "").await[3].clone();
    let (status, body) = api.reserve(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED);
    let details = &body["data"]["reservation_details"];
    let created = timestamp(&details["created_at"]);
    let expires = timestamp(&details["expires_at"]);
    assert_eq!(expires.as_second() - created.as_second(), 1);
    assert_eq!(api.reservations().await.len(), 1);
    assert!(api.available(LA, &number[1..]).await.is_empty());

    tokio::time::sleep(Duration::from_millis(1300)).await;
    assert!(api.reservations().await.is_empty());
    assert_eq!(api.available(LA, &number[1..]).await, [number.as_str()]);
    let (status, body) = api.purchase(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["data"]["purchase"]["reservation_uuid"], Value::Null);
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn account_info_counts_requests() {
    let api = Api::default().await;
    let (status, body) = api.get("/open/info", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let data = &body["data"];
    assert_eq!(data["account"]["on_trial"], false);
    assert_eq!(data["account"]["blocked"], false);
    assert!(data["account"]["name"].is_string() && data["account"]["uuid"].is_string());
    assert!(
        data["account"]["expires_at"]
            .as_str()
            .unwrap()
            .parse::<Timestamp>()
            .is_ok()
    );
    assert_eq!(data["limits"]["requests_per_minute"], 80);
    assert_eq!(data["usage"]["max_api_request_count"], 10_000);
    assert_eq!(data["usage"]["api_request_count"], 1);
    api.get("/open/numbers/did-types", &[]).await;
    api.get("/open/numbers/regions", &[]).await;
    let (_, body) = api.get("/open/info", &[]).await;
    assert_eq!(body["data"]["usage"]["api_request_count"], 4);
}

#[tokio::test]
async fn account_numbers_are_paged() {
    let api = Api::default().await;
    for _ in 0..3 {
        let (status, _) = api
            .post(
                "/open/numbers/purchase",
                &json!({ "group_id": "de-ber-local-1" }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let first = api.account_page("0", "2").await;
    let second = api.account_page("1", "2").await;
    let third = api.account_page("2", "2").await;
    assert_eq!(
        (first["count"].clone(), first["page"].clone()),
        (json!(3), json!(0))
    );
    assert!(first.get("data").is_none(), "no data wrapper");
    assert_eq!(first["numbers"].as_array().unwrap().len(), 2);
    assert_eq!(second["numbers"].as_array().unwrap().len(), 1);
    assert_eq!(third["numbers"], json!([]));
    let all = api.owned().await;
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|n| n.starts_with("+4930")));
    let bad = api
        .get(
            "/open/voip/virtual-numbers",
            &[("results_per_page", "lots")],
        )
        .await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "results_per_page");
    assert_eq!(api.sandbox.purchases(), 3);
}
