//! The HTTP side: one handler per endpoint of the Numbers API, the key check, and the
//! envelopes. Handlers lock the state, do their work and unlock before answering; the lock is
//! never held across an await.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Request, State as Extract};
use axum::http::{Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::catalogue::Group;
use super::envelope::ApiError;
use super::params::{Params, Q, order, purchase_order};
use super::state::{Purchase, Reservation, Sale, State};

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

async fn regions(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let country = q.country(&state)?;
    let regions: Vec<Value> = (state.catalogue().regions.iter())
        .filter(|r| r.country == country.code)
        .map(|r| json!({ "id": r.id, "region_name": r.name, "iso_country_code": r.country }))
        .collect();
    ok(json!({ "regions": regions }))
}

async fn cities(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let country = q.country(&state)?;
    let region = q.id("region")?;
    let cities: Vec<Value> = (state.catalogue().cities.iter())
        .filter(|c| c.country == country.code && region.is_none_or(|r| c.region == Some(r)))
        .map(|c| json!({ "id": c.id, "city_name": c.name, "iso_country_code": c.country }))
        .collect();
    ok(json!({ "cities": cities }))
}

async fn did_types(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    let types: Vec<Value> = (state.catalogue().did_types.iter())
        .map(|t| json!({ "id": t.id, "name": t.name }))
        .collect();
    ok(json!({ "did_types": types }))
}

async fn requirements(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let catalogue = state.catalogue();
    let country = q.country(&state)?;
    // This endpoint takes the numeric id, unlike the groups search which takes the name.
    let did_type = match q.number::<u32>(
        "did_type",
        "the numeric DID type id (see /open/numbers/did-types)",
    )? {
        None => None,
        Some(id) => match catalogue.did_type_by_id(id) {
            Some(did_type) => Some(did_type.name.as_str()),
            None => return Err(ApiError::bad_request(format!("Unknown did_type id {id}"))),
        },
    };
    ok(json!({ "requirements": catalogue.requirements(country, did_type) }))
}

async fn groups(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let catalogue = state.catalogue();
    let country = q.country(&state)?;
    let region = q.id("region_id")?;
    let city = q.id("city_id")?;
    let search = q.text("city_name_or_prefix");
    let did_type = match q.text("did_type") {
        None => None,
        Some(name) if name.eq_ignore_ascii_case("all") => None,
        Some(name) => match catalogue.did_type_by_name(name) {
            Some(did_type) => Some(did_type.name.as_str()),
            None => {
                let known: Vec<&str> = catalogue
                    .did_types
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect();
                return Err(ApiError::bad_request(format!(
                    "Unknown did_type '{name}': expected all or one of {}",
                    known.join(", ")
                )));
            }
        },
    };
    if country.code == "US" && region.is_none() && city.is_none() && search.is_none() {
        return Err(ApiError::bad_request(
            "A region is required to search US numbers: pass region_id (or city_id)",
        ));
    }
    let region_of = |group: &Group| group.city.and_then(|id| catalogue.city(id)?.region);
    let search_digits: String = search
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let search_text = search.map(str::to_lowercase);
    let groups: Vec<Value> = (catalogue.groups.iter())
        .filter(|g| g.country == country.code)
        .filter(|g| did_type.is_none_or(|t| g.did_type == t))
        // A nationwide group (no city) serves every region and city of its country.
        .filter(|g| region.is_none_or(|r| g.city.is_none() || region_of(g) == Some(r)))
        .filter(|g| city.is_none_or(|c| g.city.is_none() || g.city == Some(c)))
        .filter(|g| {
            let Some(text) = &search_text else {
                return true;
            };
            g.location.to_lowercase().contains(text.as_str())
                || (!search_digits.is_empty() && g.prefix_digits.contains(&search_digits))
        })
        .map(|g| group_json(&state, g))
        .collect();
    ok(json!({ "groups": groups }))
}

fn group_json(state: &State, group: &Group) -> Value {
    json!({
        "id": group.id,
        "prefix": group.prefix,
        "location": group.location,
        "price": {
            "setup_price": group.setup_price,
            "monthly_price": group.monthly_price,
            "ppm": group.per_minute_price,
        },
        "type": group.did_type,
        "requirements": state.catalogue().group_requirements(group),
        "allow_number_selection": group.allow_number_selection,
        "is_eligible_for_free_number": group.free_number_eligible,
        "features": group.features,
    })
}

async fn available(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let group_id = q
        .text("group_id")
        .ok_or_else(|| ApiError::bad_request("Parameter 'group_id' is required"))?;
    let index = (state.catalogue().group_index(group_id))
        .ok_or_else(|| ApiError::not_found(format!("Number group '{group_id}' not found")))?;
    let contains = q.text("number_contains").unwrap_or("");
    if !contains.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::bad_request(format!(
            "Parameter 'number_contains' must be digits only, got '{contains}'"
        )));
    }
    // Numbers of a group without selection are assigned at random: there is nothing to pick.
    let numbers: Vec<Value> = if state.catalogue().groups[index].allow_number_selection {
        (state.available(index))
            .filter(|n| n.e164[1..].contains(contains))
            .take(AVAILABLE_PAGE)
            .map(|n| json!({ "id": n.id, "number": n.e164 }))
            .collect()
    } else {
        Vec::new()
    };
    ok(json!({ "numbers": numbers }))
}

/// The reserve answer's `reservation_details`, as the reference page documents it.
fn reservation_details(state: &State, reservation: &Reservation) -> Value {
    json!({
        "uuid": reservation.uuid,
        "number": state.number(reservation.number).e164,
        "created_at": reservation.created_at.to_string(),
        "expires_at": reservation.expires_at.to_string(),
    })
}

/// A reservations-list item as the skill document gives it: other names than the reserve
/// answer (`did_group_id`, `reservation_date`, `reservation_end_date`), prices as numbers.
fn listed_reservation(state: &State, reservation: &Reservation) -> Value {
    let group = state.group_of(reservation.number);
    let has = |feature: &str| group.features.iter().any(|f| f == feature);
    json!({
        "uuid": reservation.uuid,
        "number": state.number(reservation.number).e164,
        "did_group_id": group.id,
        "did_type": group.did_type,
        "iso_country_code": group.country,
        "location": group.location,
        "setup_price": json_number(&group.setup_price),
        "monthly_price": json_number(&group.monthly_price),
        "ppm": json_number(group.per_minute_price),
        "reservation_date": reservation.created_at.to_string(),
        "reservation_end_date": reservation.expires_at.to_string(),
        "needs_registration": !state.catalogue().group_requirements(group).is_empty(),
        "supports_sms_in": has("sms_in"),
        "supports_sms_out": has("sms_out"),
    })
}

/// A catalogue price (`"3.50"`) as the JSON number the skill document shows (`3.5`).
fn json_number(price: &str) -> Value {
    price
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

async fn reserve(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = order(body)?;
    let mut state = lock(&shared);
    let now = state.clock.now();
    let reservation = state.reserve(&group_id, number.as_deref(), now)?.clone();
    let details = reservation_details(&state, &reservation);
    let body = json!({ "success": true, "data": { "reservation_details": details } });
    Ok((StatusCode::CREATED, Json(body)))
}

async fn list_reservations(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    let list: Vec<Value> = (state.reservations().iter())
        .map(|r| listed_reservation(&state, r))
        .collect();
    ok(json!({ "reservations": list }))
}

async fn cancel(Extract(shared): Extract<Shared>, Path(uuid): Path<String>) -> Answer {
    let mut state = lock(&shared);
    let now = state.clock.now();
    let cancelled = state.cancel(&uuid, now)?;
    let message = format!("Reservation {} cancelled successfully", cancelled.uuid);
    Ok(Json(json!({ "success": true, "message": message })))
}

/// `POST /open/numbers/purchase`, as the skill document answers it: 201 and
/// `{"success": true, "purchased": […], "failed": […]}`, no `data` wrapper. Without `number`
/// every active reservation of the account is bought, as the skill document says — so a
/// client that sends such a body shows it at once.
async fn purchase(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = purchase_order(body)?;
    let mut state = lock(&shared);
    let now = state.clock.now();
    let (purchased, failed): (Vec<String>, Vec<String>) = match number {
        Some(number) => match state.purchase_number(group_id.as_deref(), &number, now)? {
            Sale::Sold(index) => {
                let bought = state.purchases()[index].number;
                (vec![state.number(bought).e164.clone()], Vec::new())
            }
            Sale::Failed { number, why } => {
                tracing::debug!(%number, why, "sandbox purchase failed");
                (Vec::new(), vec![number])
            }
        },
        None => {
            let sold = state.purchase_reserved(now);
            let numbers = (sold.iter())
                .map(|&index| state.number(state.purchases()[index].number).e164.clone())
                .collect();
            (numbers, Vec::new())
        }
    };
    let body = json!({ "success": true, "purchased": purchased, "failed": failed });
    Ok((StatusCode::CREATED, Json(body)))
}

/// `DELETE /open/voip/virtual-numbers/{uuid}`: the number goes to pending cancellation. The
/// error body of this endpoint has no `success` field, as documented.
async fn release(Extract(shared): Extract<Shared>, Path(uuid): Path<String>) -> Response {
    let mut state = lock(&shared);
    match state.release(&uuid) {
        Ok(()) => Json(json!({ "success": true })).into_response(),
        Err(error) => {
            let body = json!({ "error": true, "error_message": error.message });
            (error.status, Json(body)).into_response()
        }
    }
}

/// `GET /open/info`: `account`, `limits` and `usage` at the top level, beside `success`
/// (no `data` wrapper), as the reference page "Billing" shows.
async fn info(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    Ok(Json(json!({
        "success": true,
        "account": {
            "name": "numpick sandbox",
            "uuid": state.account_uuid,
            "on_trial": false,
            "blocked": false,
            "created_at": "2026-01-01T00:00:00Z",
            "expires_at": "2030-12-31T23:59:59Z",
        },
        "limits": { "requests_per_minute": state.rate_limit },
        "usage": {
            "api_request_count": state.requests,
            "max_api_request_count": 10_000,
            "number_check_count": 0,
            "max_number_check_count": 10_000,
        },
    })))
}

async fn virtual_numbers(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let page: usize = q
        .number("page_number", "a page number from 0")?
        .unwrap_or(0);
    let per_page: usize = q
        .number("results_per_page", "a positive count")?
        .unwrap_or(200);
    if per_page == 0 {
        return Err(ApiError::bad_request(
            "Parameter 'results_per_page' must be at least 1",
        ));
    }
    let per_page = per_page.min(MAX_RESULTS_PER_PAGE);
    let state = lock(&shared);
    let numbers: Vec<Value> = (state.purchases().iter())
        .skip(page.saturating_mul(per_page))
        .take(per_page)
        .map(|p| owned_number(&state, p))
        .collect();
    // Whether `count` is the total or the page's size is undocumented; the sandbox says the
    // page's size, the reading that catches a client which stops early.
    Ok(Json(json!({
        "success": true,
        "count": numbers.len(),
        "page": page,
        "numbers": numbers,
    })))
}

/// An owned number with the fields the reference page lists.
fn owned_number(state: &State, purchase: &Purchase) -> Value {
    let number = state.number(purchase.number);
    let group = state.group_of(purchase.number);
    let (status, status_text) = if purchase.released {
        (4, "PENDING_CANCELLATION")
    } else {
        (1, "ACTIVE")
    };
    let renewal = purchase
        .purchased_at
        .checked_add(jiff::SignedDuration::from_hours(24 * 30))
        .unwrap_or(purchase.purchased_at);
    let region = group
        .city
        .and_then(|id| state.catalogue().city(id)?.region)
        .and_then(|id| state.catalogue().regions.iter().find(|r| r.id == id))
        .map(|r| r.name.clone());
    json!({
        "uuid": purchase.virtual_number_uuid,
        "phone_number": number.e164,
        "formatted_phone_number": owned_format(&number.e164),
        "iso_country_code": group.country,
        "region_name": region,
        "friendly_name": null,
        "provider_type": group.did_type.replace("sharedcost", "shared-cost"),
        "is_toll_free": group.did_type == "tollfree",
        "incoming_price_per_minute": json_number(group.per_minute_price),
        "status": status,
        "status_text": status_text,
        "created_at": purchase.purchased_at.to_string(),
        "updated_at": purchase.purchased_at.to_string(),
        "expires_at": renewal.to_string(),
    })
}

/// `+1 813-252-2492` for the NANP, as the reference page shows, and each country's own
/// grouping elsewhere: libphonenumber's international format is that documented form.
fn owned_format(e164: &str) -> String {
    crate::phone_format::international(e164)
}
