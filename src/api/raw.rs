//! Reading answer bodies without building a JSON tree.
//!
//! A body is read as an [`Object`] of its top-level fields, each left as the raw JSON text it
//! holds ([`RawValue`], borrowed from the body). Only the parts an answer needs are read
//! further: a list becomes raw items ([`Shape::List`]) that [`Listing::from_raw`] decodes one
//! by one, so a long list costs its decoded items and a slice per item, never a
//! `serde_json::Value` node per field.
//!
//! [`Listing::from_raw`]: super::model::Listing::from_raw

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
pub use serde_json::value::RawValue;

/// The fields of a JSON object, each value still raw text. A repeated key keeps its last
/// value, as `serde_json::Value` does.
pub(crate) type Object<'a> = BTreeMap<String, &'a RawValue>;

/// What a raw value is, read one level deep.
#[derive(Debug)]
pub enum Shape<'a> {
    /// `null`.
    Null,
    /// An array and its raw items.
    List(Vec<&'a RawValue>),
    /// An object and its raw fields.
    Object(Object<'a>),
    /// A string, number or boolean.
    Scalar,
}

/// The top-level fields of `text`, when it is a JSON object.
pub fn object(text: &str) -> Option<Object<'_>> {
    serde_json::from_str(text).ok()
}

/// Reads one level of `raw`.
pub fn shape(raw: &RawValue) -> Shape<'_> {
    let text = raw.get();
    // A raw value starts at its first character: no whitespace comes before it.
    let read = match text.as_bytes().first() {
        Some(b'n') => return Shape::Null,
        Some(b'[') => serde_json::from_str(text).map(Shape::List),
        Some(b'{') => serde_json::from_str(text).map(Shape::Object),
        _ => return Shape::Scalar,
    };
    read.unwrap_or(Shape::Scalar)
}

/// The fields of `raw`, when it is an object.
pub fn fields(raw: &RawValue) -> Option<Object<'_>> {
    match shape(raw) {
        Shape::Object(fields) => Some(fields),
        _ => None,
    }
}

/// Whether `raw` is `null`.
pub fn is_null(raw: &RawValue) -> bool {
    raw.get() == "null"
}

/// `raw` decoded as a `T`.
pub fn decode<T: DeserializeOwned>(raw: &RawValue) -> serde_json::Result<T> {
    serde_json::from_str(raw.get())
}

/// The field `name` of `fields` decoded as a `T`; `None` when it is missing or not a `T`.
pub fn read<T: DeserializeOwned>(fields: &Object<'_>, name: &str) -> Option<T> {
    fields.get(name).and_then(|raw| decode(raw).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{AvailableNumber, Listing, Reservation};

    fn items(text: &str) -> Vec<&RawValue> {
        match shape(serde_json::from_str(text).unwrap()) {
            Shape::List(items) => items,
            other => panic!("not a list: {other:?}"),
        }
    }

    #[test]
    fn a_body_reads_as_raw_fields_and_shapes() {
        let body = r#"{"success": true, "data": {"numbers": [1, 2]}, "n": null, "s": "x",
                       "success": false}"#;
        let fields = object(body).unwrap();
        assert_eq!(
            read::<bool>(&fields, "success"),
            Some(false),
            "the last key wins"
        );
        assert_eq!(read::<String>(&fields, "s").as_deref(), Some("x"));
        assert_eq!(read::<String>(&fields, "n"), None);
        assert!(is_null(fields["n"]) && matches!(shape(fields["s"]), Shape::Scalar));
        let data = self::fields(fields["data"]).unwrap();
        assert!(matches!(shape(data["numbers"]), Shape::List(ref items) if items.len() == 2));
        assert!(object("[1]").is_none() && object("{").is_none() && object("3").is_none());
    }

    #[test]
    fn a_raw_listing_skips_and_counts_malformed_items() {
        let raw = items(
            r#"[{"id": 1, "number": "+12135550001", "extra": {"deep": [1]}},
                {"number": "+12135550002"},
                "not an object",
                {"id": "n-4", "number": "+12135550004"},
                {"id": 5, "number": 7}]"#,
        );
        let listing = Listing::<AvailableNumber>::from_raw(&raw);
        assert_eq!(listing.skipped, 3);
        let ids: Vec<&str> = listing.items.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["1", "n-4"]);
    }

    #[test]
    fn a_huge_id_decodes_exactly() {
        let raw = items(
            r#"[{"id": 9007199254740993, "number": "+12135550001"},
                            {"id": 18446744073709551615, "number": "+12135550002"}]"#,
        );
        let listing = Listing::<AvailableNumber>::from_raw(&raw);
        let ids: Vec<&str> = listing.items.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["9007199254740993", "18446744073709551615"]);
    }

    #[test]
    fn reservations_decode_from_raw_items() {
        let raw = items(
            r#"[{"uuid": "a", "number": "+12135551234", "created_at": "2024-01-15T11:00:00Z",
                 "expires_at": "2024-01-15T11:30:00Z", "group_id": 12345678901234567890},
                {"uuid": "no times"}]"#,
        );
        let listing = Listing::<Reservation>::from_raw(&raw);
        assert_eq!((listing.items.len(), listing.skipped), (1, 1));
        let group = listing.items[0].group_id.as_ref().map(|g| g.as_str());
        assert_eq!(group, Some("12345678901234567890"));
    }
}
