//! The Numbers API client: one method per endpoint, typed answers, one error type.
//!
//! Every method speaks the contract in `NUMBERS-API.md` to the letter (paths, query names,
//! bodies, where each answer keeps its data). Sending, the rate limit and retries are
//! [`super::transport`]'s. A [`Client`] is cheap to clone; clones share the connection pool,
//! the rate limiter and the count of requests sent.

use std::fmt;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, Url};
use secrecy::SecretString;
use serde_json::Value;

use super::error::ApiError;
use super::limiter::RateLimiter;
use super::model::{
    AccountInfo, AvailableNumber, City, CityId, CountryCode, DidType, DidTypeId, DidTypeName,
    Group, GroupId, Listing, OwnedNumbersPage, PurchaseOrder, Receipt, Region, RegionId,
    Reservation, ReservationId,
};
use super::transport::{Kind, Success, Transport};
use super::{address, answer, secret};

/// The production API.
pub const DEFAULT_BASE_URL: &str = "https://api.p.2chat.io";

/// The header carrying the key.
const KEY_HEADER: &str = "x-user-api-key";

/// How to reach the API and how patient to be.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// For example `https://api.p.2chat.io` or `http://127.0.0.1:PORT`; a trailing slash is fine.
    pub base_url: String,
    /// Sent as `X-User-API-Key`; without it no key header is sent (the sandbox needs none).
    pub api_key: Option<SecretString>,
    /// The longest wait for a connection.
    pub connect_timeout: Duration,
    /// The longest wait for a whole request, answer included.
    pub request_timeout: Duration,
    /// The client-side limit, until the account info says otherwise.
    pub requests_per_minute: u32,
    /// The longest wait before a retry; a server asking for more gets an error naming it.
    pub max_retry_wait: Duration,
    /// Lets the key go to a plain `http://` address off this machine (refused otherwise).
    pub allow_insecure_http: bool,
}

impl ClientConfig {
    /// The defaults: 5 s to connect, 20 s per request, 80 requests a minute, retries waiting
    /// at most 30 s.
    pub fn new(base_url: impl Into<String>, api_key: Option<SecretString>) -> Self {
        Self {
            base_url: base_url.into(),
            api_key,
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            requests_per_minute: 80,
            max_retry_wait: Duration::from_secs(30),
            allow_insecure_http: false,
        }
    }
}

/// A number-group search (`GET /open/numbers/groups`). Only the country is required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupQuery {
    pub country: CountryCode,
    /// Sent as `region_id`.
    pub region: Option<RegionId>,
    /// Sent as `city_id`.
    pub city: Option<CityId>,
    pub city_name_or_prefix: Option<String>,
    /// A DID type *name* (`local`, …, or `all`); `None` leaves it out.
    pub did_type: Option<DidTypeName>,
}

impl GroupQuery {
    /// A search of a whole country.
    pub fn new(country: CountryCode) -> Self {
        Self {
            country,
            region: None,
            city: None,
            city_name_or_prefix: None,
            did_type: None,
        }
    }
}

/// The Numbers API client.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Transport>,
}

impl fmt::Debug for Client {
    /// The address and counters only: never the key or the headers.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base.as_str())
            .field("has_key", &self.inner.key.is_some())
            .field("requests_per_minute", &self.inner.limiter.limit())
            .field("requests_sent", &self.requests_sent())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Builds a client; fails on an address that is not http(s), a plain-http address off
    /// this machine (unless allowed), or a key that cannot be sent. Nothing is sent and no
    /// name is resolved here.
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        super::install_tls_provider();
        let config_error = |detail: &str| ApiError::Config {
            detail: detail.to_owned(),
        };
        let base = Url::parse(config.base_url.trim())
            .map_err(|_| config_error("the API address is not a valid URL"))?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(config_error(
                "the API address must start with http:// or https://",
            ));
        }
        address::check_key_stays_private(&base, config.allow_insecure_http)?;
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(key) = &config.api_key {
            let value = secret::header_value(key).ok_or_else(|| {
                config_error("the API key holds characters that cannot be sent in a header")
            })?;
            headers.insert(KEY_HEADER, value);
        }
        let mut builder = reqwest::Client::builder();
        if !address::may_use_proxy(&base) {
            // The environment's proxies are for remote https only (see `may_use_proxy`).
            builder = builder.no_proxy();
        }
        let http = builder
            .default_headers(headers)
            .user_agent(concat!("numpick/", env!("CARGO_PKG_VERSION")))
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| config_error("the HTTP client could not be built"))?;
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id());
        Ok(Self {
            inner: Arc::new(Transport {
                http,
                base,
                key: config.api_key,
                limiter: RateLimiter::new(config.requests_per_minute),
                sent: AtomicU64::new(0),
                request_timeout: config.request_timeout,
                max_retry_wait: config.max_retry_wait,
                rng: Mutex::new(ChaCha8Rng::seed_from_u64(seed)),
            }),
        })
    }

    /// `GET /open/numbers/regions?country=` → `data.regions`.
    pub async fn regions(&self, country: &CountryCode) -> Result<Listing<Region>, ApiError> {
        let query = [("country", country.to_string())];
        let answer = self.get(&["regions"], &query).await?;
        answer::list(&answer, "regions")
    }

    /// `GET /open/numbers/cities?country=&region=` → `data.cities`.
    pub async fn cities(
        &self,
        country: &CountryCode,
        region: Option<&RegionId>,
    ) -> Result<Listing<City>, ApiError> {
        let mut query = vec![("country", country.to_string())];
        query.extend(region.map(|r| ("region", r.to_string())));
        let answer = self.get(&["cities"], &query).await?;
        answer::list(&answer, "cities")
    }

    /// `GET /open/numbers/did-types` → `data.did_types`.
    pub async fn did_types(&self) -> Result<Listing<DidType>, ApiError> {
        let answer = self.get(&["did-types"], &[]).await?;
        answer::list(&answer, "did_types")
    }

    /// `GET /open/numbers/requirements?country=&did_type=<numeric id>` → `data.requirements`,
    /// each requirement kept as the JSON it came as.
    pub async fn requirements(
        &self,
        country: &CountryCode,
        did_type: Option<&DidTypeId>,
    ) -> Result<Vec<Value>, ApiError> {
        let mut query = vec![("country", country.to_string())];
        query.extend(did_type.map(|t| ("did_type", t.to_string())));
        let answer = self.get(&["requirements"], &query).await?;
        Ok(answer::list::<Value>(&answer, "requirements")?.items)
    }

    /// `GET /open/numbers/groups?country=&region_id=&city_id=&city_name_or_prefix=&did_type=<name>`
    /// → `data.groups`.
    pub async fn groups(&self, query: &GroupQuery) -> Result<Listing<Group>, ApiError> {
        let mut pairs = vec![("country", query.country.to_string())];
        pairs.extend(query.region.as_ref().map(|r| ("region_id", r.to_string())));
        pairs.extend(query.city.as_ref().map(|c| ("city_id", c.to_string())));
        pairs.extend(
            query
                .city_name_or_prefix
                .as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(|text| ("city_name_or_prefix", text.to_owned())),
        );
        pairs.extend(query.did_type.as_ref().map(|t| ("did_type", t.to_string())));
        let answer = self.get(&["groups"], &pairs).await?;
        answer::list(&answer, "groups")
    }

    /// `GET /open/numbers/available?group_id=&number_contains=` → `data.numbers`.
    pub async fn available_numbers(
        &self,
        group: &GroupId,
        number_contains: Option<&str>,
    ) -> Result<Listing<AvailableNumber>, ApiError> {
        let mut query = vec![("group_id", group.to_string())];
        query.extend(
            number_contains
                .map(str::trim)
                .filter(|digits| !digits.is_empty())
                .map(|digits| ("number_contains", digits.to_owned())),
        );
        let answer = self.get(&["available"], &query).await?;
        answer::list(&answer, "numbers")
    }

    /// `POST /open/numbers/reservations` `{"group_id", "number"?}` →
    /// `data.reservation_details`. Never retried.
    pub async fn reserve(
        &self,
        group: &GroupId,
        number: Option<&str>,
    ) -> Result<Reservation, ApiError> {
        let body = answer::reservation_body(group, number);
        let answer = self
            .numbers(
                Method::POST,
                &["reservations"],
                &[],
                Some(&body),
                Kind::Write,
            )
            .await?;
        answer::reservation(&answer)
    }

    /// `GET /open/numbers/reservations`: `data` as a list, or an object holding the list
    /// (`data.reservations`, or its only list field).
    pub async fn reservations(&self) -> Result<Listing<Reservation>, ApiError> {
        let answer = self.get(&["reservations"], &[]).await?;
        answer::reservations(&answer)
    }

    /// `DELETE /open/numbers/reservations/{uuid}` → the API's message, cleaned. Never retried.
    pub async fn cancel_reservation(&self, uuid: &ReservationId) -> Result<String, ApiError> {
        let answer = self
            .numbers(
                Method::DELETE,
                &["reservations", uuid.as_str()],
                &[],
                None,
                Kind::Write,
            )
            .await?;
        let body = answer::value(&answer)?;
        let message = body
            .get("message")
            .or_else(|| body.get("data").and_then(|d| d.get("message")))
            .and_then(Value::as_str)
            .map(|text| self.inner.clean(text))
            .filter(|text| !text.is_empty());
        Ok(message.unwrap_or_else(|| format!("Reservation {uuid} cancelled")))
    }

    /// `POST /open/numbers/purchase` `{"group_id", "number"}` → the whole answer as the
    /// receipt; [`Receipt::verdict`] reads whether the number was bought. The order always
    /// names its number (see [`PurchaseOrder`]). Sent exactly once; when its result cannot be
    /// known the error says so ([`ApiError::OutcomeUnknown`]) and the account's numbers
    /// settle it.
    pub async fn purchase(&self, order: &PurchaseOrder) -> Result<Receipt, ApiError> {
        let body = serde_json::to_value(order).map_err(|_| ApiError::NotSent {
            detail: "the purchase order could not be written".to_owned(),
        })?;
        let answer = self
            .numbers(
                Method::POST,
                &["purchase"],
                &[],
                Some(&body),
                Kind::Purchase,
            )
            .await?;
        // A body too deep to keep whole is as unreadable as a broken one.
        let body = answer::value(&answer).map_err(|_| ApiError::OutcomeUnknown {
            reason: format!("the answer (HTTP {}) could not be read", answer.status),
        })?;
        Ok(Receipt { body })
    }

    /// `DELETE /open/voip/virtual-numbers/{uuid}` (a `DID…` id): marks an owned number as
    /// pending cancellation. Never retried: a release cannot be undone.
    pub async fn release_number(&self, uuid: &str) -> Result<(), ApiError> {
        let uuid = uuid.trim();
        if uuid.is_empty() {
            return Err(ApiError::NotSent {
                detail: "a release needs the number's id".to_owned(),
            });
        }
        let path = ["open", "voip", "virtual-numbers", uuid];
        self.call(Method::DELETE, &path, &[], None, Kind::Write)
            .await
            .map(|_| ())
    }

    /// `GET /open/info`. Also sets the rate limiter to the account's `requests_per_minute`.
    pub async fn account_info(&self) -> Result<AccountInfo, ApiError> {
        let answer = self
            .call(Method::GET, &["open", "info"], &[], None, Kind::Read)
            .await?;
        let info = AccountInfo::from_body(&answer::value(&answer)?);
        if let Some(limit) = info.requests_per_minute.filter(|limit| *limit > 0) {
            self.set_requests_per_minute(limit);
        }
        Ok(info)
    }

    /// `GET /open/voip/virtual-numbers?page_number=&results_per_page=`: top-level `numbers`
    /// and `count`.
    pub async fn account_numbers(
        &self,
        page_number: u32,
        results_per_page: u32,
    ) -> Result<OwnedNumbersPage, ApiError> {
        let query = [
            ("page_number", page_number.to_string()),
            ("results_per_page", results_per_page.to_string()),
        ];
        let path = ["open", "voip", "virtual-numbers"];
        let answer = self
            .call(Method::GET, &path, &query, None, Kind::Read)
            .await?;
        answer::owned_numbers(&answer)
    }

    /// Every HTTP request sent this session, retries included (each costs a credit). Attempts
    /// that found no connection reached nobody and are not counted.
    /// The API's address (no key, nothing secret).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    pub fn requests_sent(&self) -> u64 {
        self.inner.sent.load(Ordering::Relaxed)
    }

    /// Changes the client-side limit (at least one request a minute).
    pub fn set_requests_per_minute(&self, limit: u32) {
        self.inner.limiter.set_limit(limit);
    }

    /// How long the rate limiter is holding a request back now, if it is.
    pub fn rate_limit_wait(&self) -> Option<Duration> {
        self.inner.limiter.current_wait()
    }

    /// A GET under `/open/numbers/`.
    async fn get(&self, segments: &[&str], query: &[(&str, String)]) -> Result<Success, ApiError> {
        self.numbers(Method::GET, segments, query, None, Kind::Read)
            .await
    }

    /// A call under `/open/numbers/`.
    async fn numbers(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        kind: Kind,
    ) -> Result<Success, ApiError> {
        let mut path = vec!["open", "numbers"];
        path.extend_from_slice(segments);
        self.call(method, &path, query, body, kind).await
    }

    async fn call(
        &self,
        method: Method,
        segments: &[&str],
        query: &[(&str, String)],
        body: Option<&Value>,
        kind: Kind,
    ) -> Result<Success, ApiError> {
        self.inner.call(method, segments, query, body, kind).await
    }
}
