//! The embedded sandbox over real HTTP for the sandbox tests: a sandbox with its own seed and
//! reservation lifetime, requests with a key, the lists the answers carry, and the error
//! envelope's checks.

use std::time::Duration;

use numpick::sandbox::{self, RunningSandbox, SandboxConfig};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Los Angeles, `+1 (213)`, local, with number selection.
pub const LA: &str = "us-ca-la-local-1";

/// A status code and the JSON body that came with it.
pub type Answer = (StatusCode, Value);

/// A query string as name–value pairs.
pub type Query<'a> = &'a [(&'a str, &'a str)];

/// A query that must be refused, the status it gets, and a word its message holds.
pub type Refusal<'a> = (Query<'a>, StatusCode, &'a str);

/// A running sandbox and an HTTP client for it.
pub struct Api {
    pub sandbox: RunningSandbox,
    pub http: reqwest::Client,
}

impl Api {
    pub async fn start(seed: u64, ttl: Duration) -> Self {
        // These tests send raw requests in bursts to check shapes, far above the per-minute
        // limit; the limit is checked on its own (`with_rate_limit`).
        Self::with_config(SandboxConfig {
            seed,
            reservation_ttl: ttl,
            rate_limit: 0,
        })
        .await
    }

    /// A sandbox that allows `limit` requests a minute per key.
    pub async fn with_rate_limit(limit: u32) -> Self {
        Self::with_config(SandboxConfig {
            rate_limit: limit,
            ..SandboxConfig::default()
        })
        .await
    }

    async fn with_config(config: SandboxConfig) -> Self {
        numpick::api::install_tls_provider();
        let sandbox = sandbox::spawn(config).await.unwrap();
        Self {
            sandbox,
            http: reqwest::Client::new(),
        }
    }

    pub async fn default() -> Self {
        Self::start(2026, Duration::from_secs(600)).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    pub async fn send(request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text:?}"));
        (status, body)
    }

    async fn send_keyed(request: reqwest::RequestBuilder) -> Answer {
        Self::send(request.header("X-User-API-Key", "test-key")).await
    }

    pub async fn get(&self, path: &str, query: Query<'_>) -> Answer {
        Self::send_keyed(self.http.get(self.url(path)).query(query)).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> Answer {
        Self::send_keyed(self.http.post(self.url(path)).json(body)).await
    }

    pub async fn post_raw(&self, path: &str, body: &'static str) -> Answer {
        let request = self.http.post(self.url(path)).body(body);
        Self::send_keyed(request.header("Content-Type", "application/json")).await
    }

    pub async fn delete(&self, path: &str) -> Answer {
        Self::send_keyed(self.http.delete(self.url(path))).await
    }

    /// Reserves `number` of `group`.
    pub async fn reserve(&self, group: &str, number: &str) -> Answer {
        let body = json!({ "group_id": group, "number": number });
        self.post("/open/numbers/reservations", &body).await
    }

    /// Buys `number` of `group`.
    pub async fn purchase(&self, group: &str, number: &str) -> Answer {
        let body = json!({ "group_id": group, "number": number });
        self.post("/open/numbers/purchase", &body).await
    }

    /// The list `data.<field>` of a GET that must succeed.
    pub async fn data(&self, path: &str, query: Query<'_>, field: &str) -> Vec<Value> {
        let (status, body) = self.get(path, query).await;
        assert_eq!(status, StatusCode::OK, "{path} {query:?}: {body}");
        body["data"][field]
            .as_array()
            .unwrap_or_else(|| panic!("{path} {query:?}: no list data.{field}: {body}"))
            .clone()
    }

    /// Checks that each GET of `path` with its query is refused with its status and a message
    /// that names its needle.
    pub async fn refusals(&self, path: &str, cases: &[Refusal<'_>]) {
        for (query, status, needle) in cases {
            let answer = self.get(path, query).await;
            assert_eq!(answer.0, *status, "{path} {query:?}: {}", answer.1);
            assert_error(&answer, *status, needle);
        }
    }

    pub async fn regions(&self, country: &str) -> Vec<Value> {
        let query = [("country", country)];
        self.data("/open/numbers/regions", &query, "regions").await
    }

    pub async fn cities(&self, query: Query<'_>) -> Vec<Value> {
        self.data("/open/numbers/cities", query, "cities").await
    }

    pub async fn groups(&self, query: Query<'_>) -> Vec<Value> {
        self.data("/open/numbers/groups", query, "groups").await
    }

    /// The available numbers of a group containing `digits`, as E.164 strings.
    pub async fn available(&self, group: &str, digits: &str) -> Vec<String> {
        let query = [("group_id", group), ("number_contains", digits)];
        let numbers = self
            .data("/open/numbers/available", &query, "numbers")
            .await;
        strings(&numbers, "number")
    }

    pub async fn reservations(&self) -> Vec<Value> {
        self.data("/open/numbers/reservations", &[], "reservations")
            .await
    }

    /// One page of the account's numbers (this answer has no `data` wrapper).
    pub async fn account_page(&self, page: &str, per_page: &str) -> Value {
        let query = [("page_number", page), ("results_per_page", per_page)];
        let (status, body) = self.get("/open/voip/virtual-numbers", &query).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    /// All of the account's numbers.
    pub async fn owned(&self) -> Vec<String> {
        let body = self.account_page("0", "200").await;
        strings(body["numbers"].as_array().unwrap(), "phone_number")
    }
}

#[track_caller]
pub fn assert_error(answer: &Answer, status: StatusCode, needle: &str) {
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

/// The string `field` of each item; an item without it gives "".
pub fn ids(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|i| i[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The string `field` of each item, which every item must have.
fn strings(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|n| n[field].as_str().unwrap().to_owned())
        .collect()
}
