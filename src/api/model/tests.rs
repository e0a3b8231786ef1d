//! The models' tests: tolerant decoding of what the API sends.

use super::*;
use serde_json::json;

#[test]
fn prices_are_exact_or_explicitly_unknown() {
    let read = |v: Value| serde_json::from_value::<Price>(v).unwrap();
    assert_eq!(read(json!("1.50")), Price::Known("1.50".parse().unwrap()));
    assert_eq!(read(json!(1.5)), Price::Known("1.5".parse().unwrap()));
    assert_eq!(read(json!(null)), Price::Unknown);
    assert_eq!(read(json!("abc")), Price::Unknown);
    assert_eq!(read(json!({"amount": 1})), Price::Unknown);
    assert_eq!(read(json!("0.1")).to_string(), "0.10");
    assert_eq!(read(json!("3.125")).to_string(), "3.125");
    assert_eq!(read(json!(null)).to_string(), "unknown");
}

#[test]
fn a_group_with_missing_and_extra_fields_decodes() {
    let group: Group = serde_json::from_value(json!({
        "id": 77, "prefix": "+49 30", "price": {"setup_price": "1.00"},
        "features": null, "brand_new_field": {"x": 1}
    }))
    .unwrap();
    assert_eq!(group.id.as_str(), "77");
    assert_eq!(group.price.monthly, Price::Unknown);
    assert!(group.features.is_empty() && !group.allow_number_selection);
}

#[test]
fn a_listing_skips_and_counts_malformed_items() {
    let values = vec![
        json!({"id": 1, "region_name": "California", "iso_country_code": "US"}),
        json!({"region_name": "no id"}),
        json!("not an object"),
        json!({"id": "2", "region_name": "Texas"}),
    ];
    let listing = Listing::<Region>::from_values(&values);
    assert_eq!(listing.skipped, 2);
    let names: Vec<&str> = listing.items.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["California", "Texas"]);
}

#[test]
fn account_info_reads_limits_and_usage_with_or_without_data() {
    let body = json!({"success": true, "data": {
        "account": {"name": "Acme", "on_trial": false},
        "limits": {"requests_per_minute": 80},
        "usage": {"api_request_count": "12", "max_api_request_count": 10000}
    }});
    let info = AccountInfo::from_body(&body);
    assert_eq!(info.name.as_deref(), Some("Acme"));
    assert_eq!(info.requests_per_minute, Some(80));
    assert_eq!(info.api_request_count, Some(12));
    assert_eq!(info.max_api_request_count, Some(10000));
    let bare = AccountInfo::from_body(&json!({"limits": {"requests_per_minute": 30}}));
    assert_eq!(bare.requests_per_minute, Some(30));
}

#[test]
fn requirements_of_any_shape_flatten_to_lines() {
    let fields = flatten_fields(&json!({
        "type": "identity",
        "documents": ["passport", "id_card"],
        "address": {"city": "Berlin", "proof": [{"kind": "utility_bill"}]},
        "optional": null
    }));
    assert_eq!(
        fields,
        vec![
            ("address.city".to_owned(), "Berlin".to_owned()),
            ("address.proof.1.kind".to_owned(), "utility_bill".to_owned()),
            ("documents".to_owned(), "passport, id_card".to_owned()),
            ("optional".to_owned(), "—".to_owned()),
            ("type".to_owned(), "identity".to_owned()),
        ]
    );
}
