//! The sandbox's account over real HTTP, in the shapes the provider documents: account info
//! at the top level, the paged account numbers and their release, and the per-minute limit.

use crate::support::sandbox::{Api, assert_error};
use jiff::Timestamp;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn account_info_counts_requests() {
    let api = Api::default().await;
    let (status, body) = api.get("/open/info", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.get("data").is_none(), "no data wrapper: {body}");
    assert_eq!(body["success"], true);
    assert_eq!(body["account"]["on_trial"], false);
    assert_eq!(body["account"]["blocked"], false);
    assert!(body["account"]["name"].is_string() && body["account"]["uuid"].is_string());
    for field in ["created_at", "expires_at"] {
        let text = body["account"][field].as_str().unwrap();
        assert!(text.parse::<Timestamp>().is_ok(), "{field}");
    }
    assert_eq!(body["usage"]["max_api_request_count"], 10_000);
    assert!(body["usage"]["number_check_count"].is_u64());
    assert_eq!(body["usage"]["api_request_count"], 1);
    api.get("/open/numbers/did-types", &[]).await;
    api.get("/open/numbers/regions", &[]).await;
    let (_, body) = api.get("/open/info", &[]).await;
    assert_eq!(body["usage"]["api_request_count"], 4);
}

#[tokio::test]
async fn account_numbers_are_paged_and_released() {
    let api = Api::default().await;
    for _ in 0..3 {
        let (_, body) = api
            .post(
                "/open/numbers/reservations",
                &json!({ "group_id": "de-ber-local-1" }),
            )
            .await;
        let number = body["data"]["reservation_details"]["number"].clone();
        let (status, _) = api
            .post(
                "/open/numbers/purchase",
                &json!({ "group_id": "de-ber-local-1", "number": number }),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    let first = api.account_page("0", "2").await;
    let second = api.account_page("1", "2").await;
    let third = api.account_page("2", "2").await;
    // `count` is the page's size here: a client must page until a page comes back empty.
    assert_eq!(
        (first["count"].clone(), first["page"].clone()),
        (json!(2), json!(0))
    );
    assert!(first.get("data").is_none(), "no data wrapper");
    assert_eq!(first["numbers"].as_array().unwrap().len(), 2);
    assert_eq!(second["numbers"].as_array().unwrap().len(), 1);
    assert_eq!(second["count"], 1);
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

    // Releasing a number puts it in pending cancellation.
    let uuid = first["numbers"][0]["uuid"].as_str().unwrap().to_owned();
    let (status, body) = api
        .delete(&format!("/open/voip/virtual-numbers/{uuid}"))
        .await;
    assert_eq!((status, body), (StatusCode::OK, json!({"success": true})));
    let again = api.account_page("0", "2").await;
    assert_eq!(again["numbers"][0]["status_text"], "PENDING_CANCELLATION");
    // An unknown id: 404 with the error body this endpoint documents, without `success`.
    let (status, body) = api.delete("/open/voip/virtual-numbers/DID-nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"error": true, "error_message": "Virtual number DID-nope not found"})
    );
    assert_eq!(api.sandbox.purchases(), 3);
}

#[tokio::test]
async fn a_key_past_its_limit_gets_429_with_retry_after() {
    let api = Api::with_rate_limit(3).await;
    for _ in 0..3 {
        assert_eq!(
            api.get("/open/numbers/did-types", &[]).await.0,
            StatusCode::OK
        );
    }
    let response = api
        .http
        .get(api.url("/open/numbers/did-types"))
        .header("X-User-API-Key", "test-key")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["success"], false);
    assert!(
        body["error_message"]
            .as_str()
            .unwrap()
            .contains("3 requests per minute")
    );
    // Another key has its own minute; and the account info reports the limit.
    let other = api
        .http
        .get(api.url("/open/info"))
        .header("X-User-API-Key", "another-key")
        .send()
        .await
        .unwrap();
    let info: Value = other.json().await.unwrap();
    assert_eq!(info["limits"]["requests_per_minute"], 3);
}
