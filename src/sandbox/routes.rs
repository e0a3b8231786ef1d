//! The HTTP side: one handler per endpoint of the Numbers API, the key check, and the
//! envelopes. Handlers lock the state, do their work and unlock before answering; the lock is
//! never held across an await.
//!
//! This file builds the router and holds the key check and what every handler shares; the
//! handlers are in `routes/browse.rs`, `routes/orders.rs` and `routes/account.rs`.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::extract::{Request, State as Extract};
use axum::http::{Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::envelope::ApiError;
use super::state::State;

mod account;
mod browse;
mod orders;

use account::{info, release, virtual_numbers};
use browse::{available, cities, did_types, groups, regions, requirements};
use orders::{cancel, list_reservations, purchase, reserve};

/// The state shared by every handler.
pub(super) type Shared = Arc<Mutex<State>>;

/// A real API pages its answers; the available-numbers list stops here.
const AVAILABLE_PAGE: usize = 100;
const MAX_RESULTS_PER_PAGE: usize = 500;

type Answer = Result<Json<Value>, ApiError>;

/// Locks the state. A handler that panicked cannot have left it half-changed in a way that
/// matters more than serving on, so a poisoned lock is taken over.
pub(super) fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The whole API over the given state.
pub(super) fn build(shared: Shared) -> Router {
    Router::new()
        .route("/open/numbers/regions", get(regions))
        .route("/open/numbers/cities", get(cities))
        .route("/open/numbers/did-types", get(did_types))
        .route("/open/numbers/requirements", get(requirements))
        .route("/open/numbers/groups", get(groups))
        .route("/open/numbers/available", get(available))
        .route(
            "/open/numbers/reservations",
            get(list_reservations).post(reserve),
        )
        .route("/open/numbers/reservations/{uuid}", delete(cancel))
        .route("/open/numbers/purchase", post(purchase))
        .route("/open/info", get(info))
        .route("/open/voip/virtual-numbers", get(virtual_numbers))
        .route("/open/voip/virtual-numbers/{uuid}", delete(release))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Added last so that it also guards the fallbacks: an unknown path without a key is
        // refused for the key first, as a real gateway does.
        .layer(middleware::from_fn_with_state(shared.clone(), authenticate))
        .with_state(shared)
}

/// Refuses requests without a key, and requests past the key's per-minute limit (429 with
/// `Retry-After`); counts the others and lets reservations expire.
async fn authenticate(Extract(shared): Extract<Shared>, request: Request, next: Next) -> Response {
    let key = request
        .headers()
        .get("x-user-api-key")
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .filter(|key| !key.is_empty())
        .map(str::to_owned);
    let Some(key) = key else {
        let message = "Missing or invalid API key: send it in the X-User-API-Key header";
        return ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
    };
    {
        let mut state = lock(&shared);
        if let Err(wait) = state.admit(&key, tokio::time::Instant::now()) {
            let limit = state.rate_limit;
            drop(state);
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            let message =
                format!("Rate limit exceeded: {limit} requests per minute. Retry in {seconds} s");
            let mut response =
                ApiError::new(StatusCode::TOO_MANY_REQUESTS, message).into_response();
            response.headers_mut().insert(
                header::RETRY_AFTER,
                header::HeaderValue::from(seconds.max(1)),
            );
            return response;
        }
        state.requests += 1;
        let now = state.clock.now();
        state.expire(now);
    }
    next.run(request).await
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::not_found(format!("No route for {method} {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    let message = format!("Method {method} is not allowed on {}", uri.path());
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, message)
}

fn ok(data: Value) -> Answer {
    Ok(Json(json!({ "success": true, "data": data })))
}

/// A catalogue price (`"3.50"`) as the JSON number the skill document shows (`3.5`).
fn json_number(price: &str) -> Value {
    price
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}
