//! The sandbox's orders over real HTTP, in the shapes the provider documents: the reserve →
//! cancel → reserve → purchase cycle, the reservations list's own item shape, `purchased` and
//! `failed`, a purchase without `number` buying every reservation, error envelopes for bad
//! bodies, and reservations that expire on their own.

use std::time::Duration;

use crate::support::sandbox::{Api, LA, assert_error, ids};
use jiff::Timestamp;
use reqwest::StatusCode;
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
    assert_eq!(
        keys(details),
        ["created_at", "expires_at", "number", "uuid"],
        "the reserve answer as the reference page documents it"
    );
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
    let listed = api.reservations().await;
    assert_eq!(ids(&listed, "uuid"), [uuid.as_str()]);
    // The list's items have other names than the reserve answer, and prices as numbers.
    let item = &listed[0];
    assert_eq!(
        keys(item),
        [
            "did_group_id",
            "did_type",
            "iso_country_code",
            "location",
            "monthly_price",
            "needs_registration",
            "number",
            "ppm",
            "reservation_date",
            "reservation_end_date",
            "setup_price",
            "supports_sms_in",
            "supports_sms_out",
            "uuid",
        ]
    );
    assert_eq!(item["did_group_id"], LA);
    assert_eq!(item["reservation_end_date"], details["expires_at"]);
    assert_eq!(item["reservation_date"], details["created_at"]);
    assert_eq!(
        (&item["monthly_price"], &item["ppm"]),
        (&json!(1.5), &json!(0.01))
    );
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
    assert_eq!(
        body,
        json!({"success": true, "purchased": [number.clone()], "failed": []})
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
    assert_eq!(entry["status"], 1);
    assert_eq!(entry["iso_country_code"], "US");
    assert_eq!(entry["region_name"], "California");
    assert_eq!(entry["provider_type"], "local");
    assert_eq!(entry["is_toll_free"], false);
    assert_eq!(entry["incoming_price_per_minute"], json!(0.01));
    assert!(entry["uuid"].as_str().unwrap().starts_with("DID"));
    let formatted = entry["formatted_phone_number"].as_str().unwrap();
    assert_eq!(
        formatted,
        format!("+1 {}-{}-{}", &digits[1..4], &digits[4..7], &digits[7..])
    );
    for field in ["created_at", "updated_at", "expires_at"] {
        assert!(
            entry[field].as_str().unwrap().parse::<Timestamp>().is_ok(),
            "{field}"
        );
    }

    // A well-formed order the sandbox cannot sell: 201, the number in `failed`.
    let (status, rebuy) = api.purchase(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(
        rebuy,
        json!({"success": true, "purchased": [], "failed": [number.clone()]})
    );
    let rereserve = api.reserve(LA, &number).await;
    assert_error(&rereserve, StatusCode::CONFLICT, "purchased");
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn a_number_the_group_assigns_is_reserved_then_bought_by_name() {
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

    let tollfree = "us-tollfree-877";
    let picked = api.purchase(tollfree, "+18775550123").await;
    assert_eq!(picked.0, StatusCode::CREATED);
    assert_eq!(
        picked.1["failed"],
        json!(["+18775550123"]),
        "not reserved: not sold"
    );
    let (_, body) = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": tollfree }),
        )
        .await;
    let assigned = body["data"]["reservation_details"]["number"]
        .as_str()
        .unwrap()
        .to_owned();
    // The skill document's body: `number` alone.
    let (status, body) = api
        .post("/open/numbers/purchase", &json!({ "number": assigned }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["purchased"], json!([assigned.clone()]));
    assert_eq!(api.owned().await, [assigned]);
    assert_eq!(
        ids(&api.reservations().await, "number"),
        [reserved.as_str()]
    );
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn a_purchase_without_a_number_buys_every_reservation() {
    let api = Api::default().await;
    let mut held = Vec::new();
    for group in [LA, "de-ber-local-1", "us-tollfree-877"] {
        let (_, body) = api
            .post("/open/numbers/reservations", &json!({ "group_id": group }))
            .await;
        held.push(body["data"]["reservation_details"]["number"].clone());
    }
    // As the skill document warns: a body without `number` buys every active reservation.
    let (status, body) = api
        .post("/open/numbers/purchase", &json!({ "group_id": LA }))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["purchased"], Value::Array(held));
    assert_eq!(api.sandbox.purchases(), 3);
    assert!(api.reservations().await.is_empty());
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
        let mut bodies = vec![
            (json!({ "group_id": 7 }), bad, "group_id"),
            (
                json!({ "group_id": "nope", "number": "+12135550000" }),
                StatusCode::NOT_FOUND,
                "nope",
            ),
            (json!({ "group_id": LA, "number": "call me" }), bad, "E.164"),
            (
                json!({ "group_id": LA, "number": 12135551234_u64 }),
                bad,
                "number",
            ),
        ];
        if path.ends_with("reservations") {
            // A reservation needs its group; a purchase may name only the number.
            bodies.push((json!({}), bad, "group_id"));
            bodies.push((json!({ "group_id": "nope" }), StatusCode::NOT_FOUND, "nope"));
            bodies.push((
                json!({ "group_id": LA, "number": "+493012345678" }),
                StatusCode::NOT_FOUND,
                "+493012345678",
            ));
        }
        for (body, status, needle) in bodies {
            assert_error(&api.post(path, &body).await, status, needle);
        }
    }
    assert_eq!(api.sandbox.purchases(), 0);
    assert!(api.reservations().await.is_empty());
}

/// On tokio's paused clock, which the sandbox's clock follows: the second passes at once.
#[tokio::test(start_paused = true)]
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

    tokio::time::advance(Duration::from_millis(1300)).await;
    assert!(api.reservations().await.is_empty());
    assert_eq!(api.available(LA, &number[1..]).await, [number.as_str()]);
    let (status, body) = api.purchase(LA, &number).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["purchased"], json!([number.clone()]));
    assert_eq!(api.sandbox.purchases(), 1);
}

/// The field names of a JSON object, sorted.
fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}
