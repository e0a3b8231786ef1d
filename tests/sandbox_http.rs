//! The sandbox over real HTTP: every endpoint, its envelopes and status codes, the
//! reserve → cancel → reserve → purchase cycle, expiry, determinism and the catalogue's size.

use std::collections::BTreeSet;
use std::time::Duration;

use jiff::Timestamp;
use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use reqwest::StatusCode;
use rust_decimal::Decimal;
use serde_json::{Value, json};

const LA: &str = "us-ca-la-local-1";
const COUNTRIES: [&str; 18] = [
    "US", "CA", "GB", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "AU", "JP", "IN", "ZA", "AR", "SE",
    "CH", "IE",
];

struct Api {
    sandbox: RunningSandbox,
    http: reqwest::Client,
}

type Answer = (StatusCode, Value);

impl Api {
    async fn start(seed: u64, ttl: Duration) -> Self {
        numpick::api::install_tls_provider();
        let sandbox = sandbox::spawn(SandboxConfig {
            seed,
            reservation_ttl: ttl,
        })
        .await
        .unwrap();
        Self {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    async fn default() -> Self {
        Self::start(2026, Duration::from_secs(600)).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    async fn send(request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
        (status, body)
    }

    async fn get(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        let request = self.http.get(self.url(path)).query(query);
        Self::send(request.header("X-User-API-Key", "test-key")).await
    }

    async fn post(&self, path: &str, body: &Value) -> Answer {
        let request = self.http.post(self.url(path)).json(body);
        Self::send(request.header("X-User-API-Key", "test-key")).await
    }

    async fn post_raw(&self, path: &str, body: &'static str) -> Answer {
        let request = self.http.post(self.url(path)).body(body);
        let request = request.header("Content-Type", "application/json");
        Self::send(request.header("X-User-API-Key", "test-key")).await
    }

    async fn delete(&self, path: &str) -> Answer {
        Self::send(
            self.http
                .delete(self.url(path))
                .header("X-User-API-Key", "k"),
        )
        .await
    }

    /// The available numbers of a group containing `digits`, as E.164 strings.
    async fn available(&self, group: &str, digits: &str) -> Vec<String> {
        let query = [("group_id", group), ("number_contains", digits)];
        let (status, body) = self.get("/open/numbers/available", &query).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let numbers = body["data"]["numbers"].as_array().unwrap();
        numbers
            .iter()
            .map(|n| n["number"].as_str().unwrap().to_owned())
            .collect()
    }

    async fn reservations(&self) -> Vec<Value> {
        let (status, body) = self.get("/open/numbers/reservations", &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["data"]["reservations"].as_array().unwrap().clone()
    }

    async fn owned(&self) -> Vec<String> {
        let query = [("page_number", "0"), ("results_per_page", "200")];
        let (status, body) = self.get("/open/voip/virtual-numbers", &query).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let numbers = body["numbers"].as_array().unwrap();
        numbers
            .iter()
            .map(|n| n["phone_number"].as_str().unwrap().to_owned())
            .collect()
    }

    async fn groups(&self, query: &[(&str, &str)]) -> Vec<Value> {
        let (status, body) = self.get("/open/numbers/groups", query).await;
        assert_eq!(status, StatusCode::OK, "{query:?}: {body}");
        body["data"]["groups"].as_array().unwrap().clone()
    }
}

/// The number the sandbox picks when a Tokyo reservation names none.
async fn random_pick(api: &Api) -> Value {
    let body = json!({ "group_id": "jp-tyo-local-1" });
    let (_, answer) = api.post("/open/numbers/reservations", &body).await;
    answer["data"]["reservation_details"]["number"].clone()
}

/// A page of two of the account's numbers.
async fn page(api: &Api, number: &str) -> Value {
    let query = [("page_number", number), ("results_per_page", "2")];
    api.get("/open/voip/virtual-numbers", &query).await.1
}

#[track_caller]
fn assert_error(answer: &Answer, status: StatusCode, needle: &str) {
    let (actual, body) = answer;
    assert_eq!(*actual, status, "{body}");
    assert_eq!(body["success"], false, "{body}");
    assert_eq!(body["error"], true, "{body}");
    let message = body["error_message"].as_str().unwrap_or_default();
    assert!(
        message.to_lowercase().contains(&needle.to_lowercase()),
        "{message:?} lacks {needle:?}"
    );
}

fn ids(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[field].as_str().unwrap_or_default().to_owned())
        .collect()
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
    assert_eq!(info["data"]["usage"]["api_request_count"], 1);
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
    let california_id = california["id"].as_u64().unwrap().to_string();

    let (_, lower) = api.get("/open/numbers/regions", &[("country", "us")]).await;
    assert_eq!(
        lower["data"]["regions"].as_array().unwrap().len(),
        regions.len()
    );
    let (_, germany) = api.get("/open/numbers/regions", &[("country", "DE")]).await;
    assert_eq!(germany["data"]["regions"], json!([]));
    for region_country in ["CA", "GB"] {
        let (_, body) = api
            .get("/open/numbers/regions", &[("country", region_country)])
            .await;
        assert!(
            body["data"]["regions"].as_array().unwrap().len() >= 2,
            "{body}"
        );
    }
    assert_error(
        &api.get("/open/numbers/regions", &[]).await,
        StatusCode::BAD_REQUEST,
        "country",
    );
    let zz = api.get("/open/numbers/regions", &[("country", "ZZ")]).await;
    assert_error(&zz, StatusCode::BAD_REQUEST, "ZZ");

    let query = [("country", "US"), ("region", california_id.as_str())];
    let (status, body) = api.get("/open/numbers/cities", &query).await;
    assert_eq!(status, StatusCode::OK);
    let cities = body["data"]["cities"].as_array().unwrap();
    let names = ids(cities, "city_name");
    assert!(
        names.contains(&"Los Angeles".to_owned()) && names.contains(&"San Francisco".to_owned())
    );
    assert!(!names.contains(&"Chicago".to_owned()), "{names:?}");
    assert!(
        cities
            .iter()
            .all(|c| c["iso_country_code"] == "US" && c["id"].is_u64())
    );
    let (_, all_us) = api.get("/open/numbers/cities", &[("country", "US")]).await;
    assert!(all_us["data"]["cities"].as_array().unwrap().len() > cities.len());
    let bad = api
        .get(
            "/open/numbers/cities",
            &[("country", "US"), ("region", "California")],
        )
        .await;
    assert_error(&bad, StatusCode::BAD_REQUEST, "region");
    let (_, berlin) = api.get("/open/numbers/cities", &[("country", "DE")]).await;
    assert!(
        ids(berlin["data"]["cities"].as_array().unwrap(), "city_name").contains(&"Berlin".into())
    );
}

#[tokio::test]
async fn did_types_and_requirements() {
    let api = Api::default().await;
    let (status, body) = api.get("/open/numbers/did-types", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let types = body["data"]["did_types"].as_array().unwrap();
    let names: BTreeSet<String> = ids(types, "name").into_iter().collect();
    let expected = [
        "global",
        "local",
        "mobile",
        "national",
        "sharedcost",
        "tollfree",
    ];
    assert_eq!(names, expected.iter().map(|s| s.to_string()).collect());
    let local = types.iter().find(|t| t["name"] == "local").unwrap()["id"]
        .as_u64()
        .unwrap();
    let local = local.to_string();

    let query = [("country", "DE"), ("did_type", local.as_str())];
    let (status, body) = api.get("/open/numbers/requirements", &query).await;
    assert_eq!(status, StatusCode::OK);
    let requirements = body["data"]["requirements"].as_array().unwrap();
    let kinds: Vec<&str> = requirements
        .iter()
        .filter_map(|r| r["type"].as_str())
        .collect();
    assert!(
        kinds.contains(&"identity") && kinds.contains(&"address"),
        "{kinds:?}"
    );
    assert!(requirements.iter().any(|r| r["address"]["country"] == "DE"));

    let (_, us) = api
        .get(
            "/open/numbers/requirements",
            &[("country", "US"), ("did_type", &local)],
        )
        .await;
    assert_eq!(us["data"]["requirements"], json!([]));
    let (_, france) = api
        .get("/open/numbers/requirements", &[("country", "FR")])
        .await;
    let france = france["data"]["requirements"].as_array().unwrap();
    assert!(
        france.iter().any(|r| r["type"] == "business_registration"),
        "{france:?}"
    );
    // The trap: this endpoint wants the id, not the name.
    let by_name = api
        .get(
            "/open/numbers/requirements",
            &[("country", "DE"), ("did_type", "local")],
        )
        .await;
    assert_error(&by_name, StatusCode::BAD_REQUEST, "did_type");
    let unknown = api
        .get(
            "/open/numbers/requirements",
            &[("country", "DE"), ("did_type", "99")],
        )
        .await;
    assert_error(&unknown, StatusCode::BAD_REQUEST, "99");
}

#[tokio::test]
async fn group_search() {
    let api = Api::default().await;
    let no_region = api
        .get(
            "/open/numbers/groups",
            &[("country", "US"), ("did_type", "local")],
        )
        .await;
    assert_error(&no_region, StatusCode::BAD_REQUEST, "region");
    let blank = api
        .get(
            "/open/numbers/groups",
            &[("country", "US"), ("region_id", "")],
        )
        .await;
    assert_error(&blank, StatusCode::BAD_REQUEST, "region");
    let bogus = api
        .get(
            "/open/numbers/groups",
            &[("country", "GB"), ("did_type", "premium")],
        )
        .await;
    assert_error(&bogus, StatusCode::BAD_REQUEST, "premium");
    let region_text = api
        .get(
            "/open/numbers/groups",
            &[("country", "US"), ("region_id", "CA")],
        )
        .await;
    assert_error(&region_text, StatusCode::BAD_REQUEST, "region_id");

    let (_, regions) = api.get("/open/numbers/regions", &[("country", "US")]).await;
    let regions = regions["data"]["regions"].as_array().unwrap().clone();
    let id_of = |name: &str| {
        let region = regions.iter().find(|r| r["region_name"] == name).unwrap();
        region["id"].as_u64().unwrap().to_string()
    };
    let (_, cities) = api
        .get(
            "/open/numbers/cities",
            &[("country", "US"), ("region", &id_of("California"))],
        )
        .await;
    let california: Vec<String> = ids(cities["data"]["cities"].as_array().unwrap(), "city_name");
    let query = [
        ("country", "US"),
        ("region_id", &id_of("California")),
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

    let la_city = cities["data"]["cities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["city_name"] == "Los Angeles")
        .unwrap()["id"]
        .to_string();
    let in_la = api
        .groups(&[
            ("country", "US"),
            ("city_id", &la_city),
            ("did_type", "local"),
        ])
        .await;
    let prefixes: BTreeSet<&str> = in_la
        .iter()
        .map(|g| g["prefix"].as_str().unwrap())
        .collect();
    assert_eq!(
        prefixes,
        BTreeSet::from(["+1 (213)", "+1 (310)", "+1 (323)"])
    );
    // Nationwide toll-free groups serve every city.
    let tollfree = api
        .groups(&[
            ("country", "US"),
            ("city_id", &la_city),
            ("did_type", "tollfree"),
        ])
        .await;
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
    let (status, body) = api
        .get("/open/numbers/available", &[("group_id", LA)])
        .await;
    assert_eq!(status, StatusCode::OK);
    let numbers = body["data"]["numbers"].as_array().unwrap();
    assert_eq!(numbers.len(), 100, "the page is capped");
    for number in numbers {
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
    let letters = api
        .get(
            "/open/numbers/available",
            &[("group_id", LA), ("number_contains", "5a5")],
        )
        .await;
    assert_error(&letters, StatusCode::BAD_REQUEST, "number_contains");
    let unknown = api
        .get("/open/numbers/available", &[("group_id", "no-such-group")])
        .await;
    assert_error(&unknown, StatusCode::NOT_FOUND, "no-such-group");
    assert_error(
        &api.get("/open/numbers/available", &[]).await,
        StatusCode::BAD_REQUEST,
        "group_id",
    );
    // Numbers of a group without selection are assigned, never listed.
    assert!(api.available("us-tollfree-877", "").await.is_empty());
}

#[tokio::test]
async fn reserve_cancel_reserve_purchase() {
    let api = Api::default().await;
    let number = api.available(LA, "").await[0].clone();
    let digits = &number[1..];

    let (status, body) = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
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
    let lifetime = expires.parse::<Timestamp>().unwrap().as_second()
        - created.parse::<Timestamp>().unwrap().as_second();
    assert_eq!(lifetime, 600);
    let uuid = details["uuid"].as_str().unwrap().to_owned();
    assert_eq!(uuid.len(), 36);

    assert!(
        api.available(LA, digits).await.is_empty(),
        "a reserved number is not offered"
    );
    assert_eq!(ids(&api.reservations().await, "uuid"), [uuid.as_str()]);
    let again = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
    assert_error(&again, StatusCode::CONFLICT, "reserved");

    let (status, body) = api
        .delete(&format!("/open/numbers/reservations/{uuid}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({ "success": true, "message": format!("Reservation {uuid} cancelled successfully") })
    );
    assert!(api.reservations().await.is_empty());
    assert_eq!(api.available(LA, digits).await, [number.as_str()]);
    let twice = api
        .delete(&format!("/open/numbers/reservations/{uuid}"))
        .await;
    assert_error(&twice, StatusCode::NOT_FOUND, &uuid);

    let (status, body) = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let second = body["data"]["reservation_details"]["uuid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(second, uuid);

    let (status, body) = api
        .post(
            "/open/numbers/purchase",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
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
    let (_, owned) = api
        .get(
            "/open/voip/virtual-numbers",
            &[("page_number", "0"), ("results_per_page", "200")],
        )
        .await;
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

    let rebuy = api
        .post(
            "/open/numbers/purchase",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
    assert_error(&rebuy, StatusCode::CONFLICT, "purchased");
    let rereserve = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
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
    let picked = api
        .post(
            "/open/numbers/purchase",
            &json!({ "group_id": "us-tollfree-877", "number": "+18775550123" }),
        )
        .await;
    assert_error(&picked, StatusCode::BAD_REQUEST, "selection");
    assert_eq!(api.sandbox.purchases(), 1);
}

#[tokio::test]
async fn bad_bodies_get_error_envelopes() {
    let api = Api::default().await;
    for path in ["/open/numbers/reservations", "/open/numbers/purchase"] {
        assert_error(
            &api.post_raw(path, "{\"group_id\": ").await,
            StatusCode::BAD_REQUEST,
            "JSON",
        );
        assert_error(
            &api.post_raw(path, "").await,
            StatusCode::BAD_REQUEST,
            "JSON",
        );
        assert_error(
            &api.post_raw(path, "[1, 2]").await,
            StatusCode::BAD_REQUEST,
            "object",
        );
        assert_error(
            &api.post(path, &json!({})).await,
            StatusCode::BAD_REQUEST,
            "group_id",
        );
        assert_error(
            &api.post(path, &json!({ "group_id": 7 })).await,
            StatusCode::BAD_REQUEST,
            "group_id",
        );
        assert_error(
            &api.post(path, &json!({ "group_id": "nope" })).await,
            StatusCode::NOT_FOUND,
            "nope",
        );
        let letters = api
            .post(path, &json!({ "group_id": LA, "number": "call me" }))
            .await;
        assert_error(&letters, StatusCode::BAD_REQUEST, "E.164");
        let elsewhere = api
            .post(path, &json!({ "group_id": LA, "number": "+493012345678" }))
            .await;
        assert_error(&elsewhere, StatusCode::NOT_FOUND, "+493012345678");
        let typed = api
            .post(path, &json!({ "group_id": LA, "number": 12135551234_u64 }))
            .await;
        assert_error(&typed, StatusCode::BAD_REQUEST, "number");
    }
    assert_eq!(api.sandbox.purchases(), 0);
    assert!(api.reservations().await.is_empty());
}

#[tokio::test]
async fn reservations_expire_on_their_own() {
    let api = Api::start(5, Duration::from_secs(1)).await;
    let number = api.available(LA, "").await[3].clone();
    let (status, body) = api
        .post(
            "/open/numbers/reservations",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let details = &body["data"]["reservation_details"];
    let created: Timestamp = details["created_at"].as_str().unwrap().parse().unwrap();
    let expires: Timestamp = details["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires.as_second() - created.as_second(), 1);
    assert_eq!(api.reservations().await.len(), 1);
    assert!(api.available(LA, &number[1..]).await.is_empty());

    tokio::time::sleep(Duration::from_millis(1300)).await;
    assert!(api.reservations().await.is_empty());
    assert_eq!(api.available(LA, &number[1..]).await, [number.as_str()]);
    let (status, body) = api
        .post(
            "/open/numbers/purchase",
            &json!({ "group_id": LA, "number": number }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["data"]["purchase"]["reservation_uuid"], Value::Null);
    assert_eq!(api.sandbox.purchases(), 1);
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
    let (_, us_regions) = api.get("/open/numbers/regions", &[("country", "US")]).await;
    let us_regions = us_regions["data"]["regions"].as_array().unwrap().clone();
    assert!(us_regions.len() >= 5);
    let mut without_selection = 0;
    let mut with_requirements = 0;
    for country in COUNTRIES {
        let (_, cities) = api
            .get("/open/numbers/cities", &[("country", country)])
            .await;
        assert!(
            !cities["data"]["cities"].as_array().unwrap().is_empty(),
            "{country} has no cities"
        );
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
    let first = page(&api, "0").await;
    let second = page(&api, "1").await;
    let third = page(&api, "2").await;
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
