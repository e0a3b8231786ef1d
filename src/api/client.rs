//! The Numbers API client: one method per endpoint, typed answers, one error type.
//!
//! Every method speaks the contract in `NUMBERS-API.md` to the letter (paths, query names,
//! bodies, where each answer keeps its data). Sending, the rate limit and retries are
//! [`super::transport`]'s. A [`Client`] is cheap to clone; clones share the connection pool,
//! the rate limiter and the count of requests sent.
//!
//! This file holds the client's setup and what every call shares; the endpoints are in
//! `client/browse.rs`, `client/orders.rs` and `client/account.rs`.

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
use super::model::{CityId, CountryCode, DidTypeName, RegionId};
use super::transport::{Kind, Success, Transport};
use super::{address, secret};

mod account;
mod browse;
mod orders;

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
        if base.scheme() == "http" {
            // reqwest builds its certificate verifier when the client is built, reading the
            // platform's whole certificate store (tens of milliseconds before the first frame,
            // and an error where there is no store). A plain-http client never makes a TLS
            // connection: it only sends to its own address and follows no redirect.
            builder = builder.use_preconfigured_tls(no_tls_needed());
        }
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
                clock: Default::default(),
            }),
        })
    }

    /// The server's time now, from the `Date` headers of its answers: what reservations
    /// expire by.
    pub fn server_now(&self) -> jiff::Timestamp {
        self.inner.clock.now()
    }

    /// The API's address, as the journal records it next to each purchase.
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// Every HTTP request sent this session, retries included (each costs a credit). Attempts
    /// that found no connection reached nobody and are not counted.
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

/// The TLS settings of a client that never makes a TLS connection: no root is trusted, so
/// nothing could be verified even if it tried.
fn no_tls_needed() -> rustls::ClientConfig {
    rustls::ClientConfig::builder()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth()
}
