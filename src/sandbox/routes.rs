//! The HTTP side: one handler per endpoint of the Numbers API, the key check, and the
//! envelopes. Handlers lock the state, do their work and unlock before answering; the lock is
//! never held across an await.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Request, State as Extract};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use jiff::Timestamp;
use serde_json::{Value, json};

use super::catalogue::Group;
use super::envelope::ApiError;
use super::params::{Params, Q, order};
use super::pool::formatted;
use super::state::{Purchase, Reservation, State};

/// The state shared by every handler.
pub type Shared = Arc<Mutex<State>>;

/// A real API pages its answers; the available-numbers list stops here.
const AVAILABLE_PAGE: usize = 100;
const MAX_RESULTS_PER_PAGE: usize = 500;

type Answer = Result<Json<Value>, ApiError>;

/// Locks the state. A handler that panicked cannot have left it half-changed in a way that
/// matters more than serving on, so a poisoned lock is taken over.
pub fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The whole API over the given state.
pub fn build(shared: Shared) -> Router {
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
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        // Added last so that it also guards the fallbacks: an unknown path without a key is
        // refused for the key first, as a real gateway does.
        .layer(middleware::from_fn_with_state(shared.clone(), authenticate))
        .with_state(shared)
}

/// Refuses requests without a key; counts the others and lets reservations expire.
async fn authenticate(Extract(shared): Extract<Shared>, request: Request, next: Next) -> Response {
    let has_key = request
        .headers()
        .get("x-user-api-key")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|key| !key.trim().is_empty());
    if !has_key {
        let message = "Missing or invalid API key: send it in the X-User-API-Key header";
        return ApiError::new(StatusCode::UNAUTHORIZED, message).into_response();
    }
    {
        let mut state = lock(&shared);
        state.requests += 1;
        state.expire(Timestamp::now());
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
        "price": { "setup_price": group.setup_price, "monthly_price": group.monthly_price },
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

fn reservation_json(state: &State, reservation: &Reservation) -> Value {
    json!({
        "uuid": reservation.uuid,
        "number": state.number(reservation.number).e164,
        "created_at": reservation.created_at.to_string(),
        "expires_at": reservation.expires_at.to_string(),
        "group_id": state.group_of(reservation.number).id,
    })
}

async fn reserve(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = order(body)?;
    let mut state = lock(&shared);
    let reservation = state
        .reserve(&group_id, number.as_deref(), Timestamp::now())?
        .clone();
    let details = reservation_json(&state, &reservation);
    let body = json!({ "success": true, "data": { "reservation_details": details } });
    Ok((StatusCode::CREATED, Json(body)))
}

async fn list_reservations(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    let list: Vec<Value> = (state.reservations().iter())
        .map(|r| reservation_json(&state, r))
        .collect();
    ok(json!({ "reservations": list }))
}

async fn cancel(Extract(shared): Extract<Shared>, Path(uuid): Path<String>) -> Answer {
    let mut state = lock(&shared);
    let cancelled = state.cancel(&uuid, Timestamp::now())?;
    let message = format!("Reservation {} cancelled successfully", cancelled.uuid);
    Ok(Json(json!({ "success": true, "message": message })))
}

fn purchase_json(state: &State, purchase: &Purchase) -> Value {
    let number = state.number(purchase.number);
    let group = state.group_of(purchase.number);
    json!({
        "uuid": purchase.uuid,
        "number": number.e164,
        "formatted_number": formatted(group, &number.e164),
        "group_id": group.id,
        "iso_country_code": group.country,
        "type": group.did_type,
        "location": group.location,
        "prices": { "setup_price": group.setup_price, "monthly_price": group.monthly_price },
        "purchased_at": purchase.purchased_at.to_string(),
        "status": "ACTIVE",
        "virtual_number_uuid": purchase.virtual_number_uuid,
        "reservation_uuid": purchase.reservation,
    })
}

async fn purchase(
    Extract(shared): Extract<Shared>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let (group_id, number) = order(body)?;
    let mut state = lock(&shared);
    let purchase = state
        .purchase(&group_id, number.as_deref(), Timestamp::now())?
        .clone();
    let details = purchase_json(&state, &purchase);
    let message = format!(
        "Number {} purchased successfully",
        details["number"].as_str().unwrap_or("")
    );
    let body = json!({ "success": true, "message": message, "data": { "purchase": details } });
    Ok((StatusCode::CREATED, Json(body)))
}

async fn info(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    ok(json!({
        "account": {
            "name": "numpick sandbox",
            "uuid": state.account_uuid,
            "on_trial": false,
            "blocked": false,
            "expires_at": "2030-12-31T23:59:59Z",
        },
        "limits": { "requests_per_minute": 80 },
        "usage": { "api_request_count": state.requests, "max_api_request_count": 10_000 },
    }))
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
        .map(|p| {
            let number = state.number(p.number);
            let group = state.group_of(p.number);
            json!({
                "uuid": p.virtual_number_uuid,
                "phone_number": number.e164,
                "formatted_phone_number": formatted(group, &number.e164),
                "iso_country_code": group.country,
                "provider_type": group.did_type,
                "status_text": "ACTIVE",
                "created_at": p.purchased_at.to_string(),
            })
        })
        .collect();
    Ok(Json(json!({
        "success": true,
        "count": state.purchases().len(),
        "page": page,
        "numbers": numbers,
    })))
}
