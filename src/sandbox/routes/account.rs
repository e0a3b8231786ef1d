//! The endpoints for the account: its info and usage, the numbers it owns, and releasing one.

use axum::Json;
use axum::extract::{Path, State as Extract};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::{Answer, MAX_RESULTS_PER_PAGE, Shared, json_number, lock};
use crate::sandbox::envelope::ApiError;
use crate::sandbox::params::{Params, Q};
use crate::sandbox::state::{Purchase, State};

/// `DELETE /open/voip/virtual-numbers/{uuid}`: the number goes to pending cancellation. The
/// error body of this endpoint has no `success` field, as documented.
pub(super) async fn release(
    Extract(shared): Extract<Shared>,
    Path(uuid): Path<String>,
) -> Response {
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
pub(super) async fn info(Extract(shared): Extract<Shared>) -> Answer {
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

pub(super) async fn virtual_numbers(Extract(shared): Extract<Shared>, params: Params) -> Answer {
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
