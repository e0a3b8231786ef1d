//! The endpoints for browsing: regions, cities, types of number, requirements, groups and
//! the numbers available in a group.

use axum::extract::State as Extract;
use serde_json::{Value, json};

use super::{AVAILABLE_PAGE, Answer, Shared, lock, ok};
use crate::sandbox::catalogue::Group;
use crate::sandbox::envelope::ApiError;
use crate::sandbox::params::{Params, Q};
use crate::sandbox::state::State;

pub(super) async fn regions(Extract(shared): Extract<Shared>, params: Params) -> Answer {
    let q = Q::from(params)?;
    let state = lock(&shared);
    let country = q.country(&state)?;
    let regions: Vec<Value> = (state.catalogue().regions.iter())
        .filter(|r| r.country == country.code)
        .map(|r| json!({ "id": r.id, "region_name": r.name, "iso_country_code": r.country }))
        .collect();
    ok(json!({ "regions": regions }))
}

pub(super) async fn cities(Extract(shared): Extract<Shared>, params: Params) -> Answer {
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

pub(super) async fn did_types(Extract(shared): Extract<Shared>) -> Answer {
    let state = lock(&shared);
    let types: Vec<Value> = (state.catalogue().did_types.iter())
        .map(|t| json!({ "id": t.id, "name": t.name }))
        .collect();
    ok(json!({ "did_types": types }))
}

pub(super) async fn requirements(Extract(shared): Extract<Shared>, params: Params) -> Answer {
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

pub(super) async fn groups(Extract(shared): Extract<Shared>, params: Params) -> Answer {
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

pub(super) async fn available(Extract(shared): Extract<Shared>, params: Params) -> Answer {
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
