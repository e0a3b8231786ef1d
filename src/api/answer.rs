//! Reading each endpoint's data out of a `success: true` answer.
//!
//! The contract says where each answer keeps its data; where it leaves the shape open (the
//! reservations list) every documented alternative is accepted. Data that is missing or
//! `null` reads as an empty list; data of the wrong shape is an [`ApiError::UnexpectedBody`].

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::error::ApiError;
use super::model::{GroupId, Listing, OwnedNumbersPage, Reservation};
use super::raw::{self, Object, RawValue, Shape};
use super::transport::Success;

/// The body of a reservation; `number` left out when none is chosen (the API picks one and
/// the answer names it). Purchases have their own body, which always names the number
/// ([`super::order::PurchaseOrder`]).
pub(crate) fn reservation_body(group: &GroupId, number: Option<&str>) -> Value {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(number) => json!({"group_id": group.as_str(), "number": number}),
        None => json!({"group_id": group.as_str()}),
    }
}

/// The whole body as a JSON tree, for the small answers that are kept or searched whole.
pub(crate) fn value(answer: &Success) -> Result<Value, ApiError> {
    serde_json::from_str(&answer.body)
        .map(super::decoded_text::tree)
        .map_err(|_| unexpected(answer, "the body is unreadable"))
}

/// The top-level fields of the body (an object: the transport checked it).
fn top(answer: &Success) -> Object<'_> {
    raw::object(&answer.body).unwrap_or_default()
}

/// The raw items of the list `data.<field>` (or a top-level `<field>`).
fn array_field<'a>(answer: &'a Success, field: &str) -> Result<Vec<&'a RawValue>, ApiError> {
    let body = top(answer);
    let value = body
        .get("data")
        .and_then(|d| raw::fields(d)?.get(field).copied())
        .filter(|v| !raw::is_null(v))
        .or_else(|| body.get(field).copied());
    match value.map(raw::shape) {
        None | Some(Shape::Null) => Ok(Vec::new()),
        Some(Shape::List(items)) => Ok(items),
        Some(_) => Err(unexpected(answer, &format!("{field} is not a list"))),
    }
}

/// The items of `data.<field>`, malformed ones skipped and counted.
pub(crate) fn list<T: DeserializeOwned>(
    answer: &Success,
    field: &str,
) -> Result<Listing<T>, ApiError> {
    array_field(answer, field).map(|items| Listing::from_raw(&items))
}

/// `data.reservation_details` of a reserve answer (or `data` itself when it is the details).
pub(crate) fn reservation(answer: &Success) -> Result<Reservation, ApiError> {
    let data = top(answer).get("data").copied();
    let fields = data.and_then(raw::fields);
    let details = match &fields {
        Some(fields) if fields.contains_key("reservation_details") => {
            fields.get("reservation_details").copied()
        }
        Some(fields) if fields.contains_key("uuid") => data,
        _ => None,
    };
    details
        .and_then(|details| raw::decode::<Reservation>(details).ok())
        .ok_or_else(|| unexpected(answer, "no readable reservation_details"))
}

/// The reservations list: `data` as a list, or an object holding it (`data.reservations`, or
/// its only list field).
pub(crate) fn reservations(answer: &Success) -> Result<Listing<Reservation>, ApiError> {
    let body = top(answer);
    let items = match body.get("data").map(|d| raw::shape(d)) {
        None | Some(Shape::Null) => return Ok(Listing::default()),
        Some(Shape::List(items)) => items,
        Some(Shape::Object(map)) => match map.get("reservations").map(|r| raw::shape(r)) {
            Some(Shape::List(items)) => items,
            Some(Shape::Null) | None => {
                let mut lists = map.values().filter_map(|v| match raw::shape(v) {
                    Shape::List(items) => Some(items),
                    _ => None,
                });
                match (lists.next(), lists.next()) {
                    (Some(items), None) => items,
                    (None, _) => return Ok(Listing::default()),
                    (Some(_), Some(_)) => return Err(unexpected(answer, "several lists in data")),
                }
            }
            Some(_) => return Err(unexpected(answer, "reservations is not a list")),
        },
        Some(_) => return Err(unexpected(answer, "data is not a list")),
    };
    Ok(Listing::from_raw(&items))
}

/// A page of the account's numbers: top-level `numbers` and `count` (inside `data` also read).
pub(crate) fn owned_numbers(answer: &Success) -> Result<OwnedNumbersPage, ApiError> {
    let root = top(answer);
    let data = root.get("data").and_then(|d| raw::fields(d));
    let field = |name: &str| {
        root.get(name)
            .copied()
            .filter(|v| !raw::is_null(v))
            .or_else(|| data.as_ref()?.get(name).copied())
    };
    let numbers = match field("numbers").map(raw::shape) {
        None | Some(Shape::Null) => Listing::default(),
        Some(Shape::List(items)) => Listing::from_raw(&items),
        Some(_) => return Err(unexpected(answer, "numbers is not a list")),
    };
    let count = field("count").and_then(|v| {
        raw::decode::<u64>(v)
            .ok()
            .or_else(|| raw::decode::<String>(v).ok()?.trim().parse().ok())
    });
    Ok(OwnedNumbersPage { numbers, count })
}

/// A success answer whose data is not where the contract puts it.
fn unexpected(answer: &Success, what: &str) -> ApiError {
    tracing::debug!(
        status = answer.status,
        what,
        "answer without the expected data"
    );
    ApiError::UnexpectedBody {
        status: answer.status,
        excerpt: what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::AvailableNumber;

    fn answer(body: Value) -> Success {
        Success {
            status: 200,
            body: body.to_string(),
        }
    }

    fn item(uuid: &str) -> Value {
        json!({"uuid": uuid, "number": "+12135551234",
               "created_at": "2024-01-15T11:00:00Z", "expires_at": "2024-01-15T11:30:00Z"})
    }

    fn uuids(listing: &Listing<Reservation>) -> Vec<&str> {
        listing.items.iter().map(|r| r.uuid.as_str()).collect()
    }

    #[test]
    fn reservations_come_in_every_documented_shape() {
        let bare = reservations(&answer(
            json!({"success": true, "data": [item("a"), item("b")]}),
        ));
        assert_eq!(uuids(&bare.unwrap()), ["a", "b"]);
        let named = answer(json!({"data": {"reservations": [item("c")], "total": 1}}));
        assert_eq!(uuids(&reservations(&named).unwrap()), ["c"]);
        let other = answer(json!({"data": {"items": [item("d"), {"uuid": "broken"}]}}));
        let other = reservations(&other).unwrap();
        assert_eq!((uuids(&other), other.skipped), (vec!["d"], 1));
        assert!(
            reservations(&answer(json!({"success": true})))
                .unwrap()
                .items
                .is_empty()
        );
        assert!(
            reservations(&answer(json!({"data": {"count": 0}})))
                .unwrap()
                .items
                .is_empty()
        );
    }

    #[test]
    fn reservations_of_an_unreadable_shape_are_an_error() {
        let two = answer(json!({"data": {"a": [item("a")], "b": [item("b")]}}));
        assert!(matches!(
            reservations(&two),
            Err(ApiError::UnexpectedBody { status: 200, .. })
        ));
        assert!(reservations(&answer(json!({"data": "none"}))).is_err());
        assert!(reservations(&answer(json!({"data": {"reservations": 3}}))).is_err());
    }

    #[test]
    fn lists_missing_or_null_are_empty_and_wrong_shapes_are_errors() {
        let empty: Listing<Value> =
            list(&answer(json!({"data": {"regions": null}})), "regions").unwrap();
        assert!(empty.items.is_empty());
        let top: Listing<Value> = list(&answer(json!({"regions": [1]})), "regions").unwrap();
        assert_eq!(top.items, [json!(1)]);
        let wrong = list::<Value>(&answer(json!({"data": {"regions": {}}})), "regions");
        assert!(wrong.is_err());
    }

    #[test]
    fn the_reservation_details_are_read_from_the_data() {
        let details = answer(json!({"data": {"reservation_details": item("r1")}}));
        assert_eq!(reservation(&details).unwrap().uuid.as_str(), "r1");
        assert_eq!(
            reservation(&answer(json!({"data": item("r2")})))
                .unwrap()
                .uuid
                .as_str(),
            "r2"
        );
        let broken = answer(json!({"data": {"reservation_details": {"uuid": "x"}}}));
        assert!(matches!(
            reservation(&broken),
            Err(ApiError::UnexpectedBody { .. })
        ));
    }

    #[test]
    fn owned_numbers_read_the_top_level_and_a_textual_count() {
        let page = owned_numbers(&answer(json!({"success": true, "count": "2", "page": 0,
            "numbers": [{"phone_number": "+12135550000"}, {"uuid": "no number"}]})))
        .unwrap();
        assert_eq!(
            (page.numbers.items.len(), page.numbers.skipped, page.count),
            (1, 1, Some(2))
        );
    }

    fn text(body: &str) -> Success {
        Success {
            status: 200,
            body: body.to_owned(),
        }
    }

    #[test]
    fn a_list_decodes_from_the_body_text_item_by_item() {
        let body = text(
            r#"{"success": true, "data": {"numbers": [
                {"id": 9007199254740993, "number": "+12135550001", "new_field": [{}]},
                {"id": 2},
                {"id": "n-3", "number": "+12135550003"}]}}"#,
        );
        let numbers: Listing<AvailableNumber> = list(&body, "numbers").unwrap();
        let ids: Vec<&str> = numbers.items.iter().map(|n| n.id.as_str()).collect();
        assert_eq!((ids, numbers.skipped), (vec!["9007199254740993", "n-3"], 1));
    }

    #[test]
    fn reservations_decode_from_the_body_text_in_both_shapes() {
        let a = r#"{"uuid": "a", "number": "+12135551234",
                    "created_at": "2024-01-15T11:00:00Z", "expires_at": "2024-01-15T11:30:00Z"}"#;
        let bare = text(&format!(
            r#"{{"success": true, "data": [{a}, {{"uuid": 1}}]}}"#
        ));
        let bare = reservations(&bare).unwrap();
        assert_eq!((uuids(&bare), bare.skipped), (vec!["a"], 1));
        let held = text(&format!(
            r#"{{"data": {{"total": 1, "reservations": [{a}]}}}}"#
        ));
        assert_eq!(uuids(&reservations(&held).unwrap()), ["a"]);
    }

    #[test]
    fn a_reservation_leaves_out_an_unchosen_number() {
        let group = GroupId::new("abc-123");
        assert_eq!(
            reservation_body(&group, None),
            json!({"group_id": "abc-123"})
        );
        assert_eq!(
            reservation_body(&group, Some(" ")),
            json!({"group_id": "abc-123"})
        );
        assert_eq!(
            reservation_body(&group, Some("+12135551234")),
            json!({"group_id": "abc-123", "number": "+12135551234"})
        );
    }
}
