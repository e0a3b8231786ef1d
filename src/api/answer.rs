//! Reading each endpoint's data out of a `success: true` answer.
//!
//! The contract says where each answer keeps its data; where it leaves the shape open (the
//! reservations list) every documented alternative is accepted. Data that is missing or
//! `null` reads as an empty list; data of the wrong shape is an [`ApiError::UnexpectedBody`].

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::error::ApiError;
use super::model::{GroupId, Listing, OwnedNumbersPage, Reservation};
use super::transport::Success;

/// The body of a reservation or a purchase; `number` left out when none is chosen.
pub(crate) fn order_body(group: &GroupId, number: Option<&str>) -> Value {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(number) => json!({"group_id": group.as_str(), "number": number}),
        None => json!({"group_id": group.as_str()}),
    }
}

/// The list `data.<field>` (or a top-level `<field>`).
pub(crate) fn array_field<'a>(answer: &'a Success, field: &str) -> Result<&'a [Value], ApiError> {
    let body = &answer.body;
    let value = body
        .get("data")
        .and_then(|d| d.get(field))
        .filter(|v| !v.is_null())
        .or_else(|| body.get(field));
    match value {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(unexpected(answer, &format!("{field} is not a list"))),
    }
}

/// The items of `data.<field>`, malformed ones skipped and counted.
pub(crate) fn list<T: DeserializeOwned>(
    answer: &Success,
    field: &str,
) -> Result<Listing<T>, ApiError> {
    array_field(answer, field).map(Listing::from_values)
}

/// `data.reservation_details` of a reserve answer (or `data` itself when it is the details).
pub(crate) fn reservation(answer: &Success) -> Result<Reservation, ApiError> {
    let data = answer.body.get("data");
    data.and_then(|d| d.get("reservation_details"))
        .or_else(|| data.filter(|d| d.get("uuid").is_some()))
        .and_then(|details| Reservation::deserialize(details).ok())
        .ok_or_else(|| unexpected(answer, "no readable reservation_details"))
}

/// The reservations list: `data` as a list, or an object holding it (`data.reservations`, or
/// its only list field).
pub(crate) fn reservations(answer: &Success) -> Result<Listing<Reservation>, ApiError> {
    let items = match answer.body.get("data") {
        None | Some(Value::Null) => return Ok(Listing::default()),
        Some(Value::Array(items)) => items,
        Some(Value::Object(map)) => match map.get("reservations") {
            Some(Value::Array(items)) => items,
            Some(Value::Null) | None => {
                let mut lists = map.values().filter_map(Value::as_array);
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
    Ok(Listing::from_values(items))
}

/// A page of the account's numbers: top-level `numbers` and `count` (inside `data` also read).
pub(crate) fn owned_numbers(answer: &Success) -> Result<OwnedNumbersPage, ApiError> {
    let root = &answer.body;
    let field = |name: &str| {
        root.get(name)
            .filter(|v| !v.is_null())
            .or_else(|| root.get("data").and_then(|d| d.get(name)))
    };
    let numbers = match field("numbers") {
        None | Some(Value::Null) => Listing::default(),
        Some(Value::Array(items)) => Listing::from_values(items),
        Some(_) => return Err(unexpected(answer, "numbers is not a list")),
    };
    let count = field("count").and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()));
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

    fn answer(body: Value) -> Success {
        Success { status: 200, body }
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

    #[test]
    fn an_order_leaves_out_an_unchosen_number() {
        let group = GroupId::new("abc-123");
        assert_eq!(order_body(&group, None), json!({"group_id": "abc-123"}));
        assert_eq!(
            order_body(&group, Some(" ")),
            json!({"group_id": "abc-123"})
        );
        assert_eq!(
            order_body(&group, Some("+12135551234")),
            json!({"group_id": "abc-123", "number": "+12135551234"})
        );
    }
}
