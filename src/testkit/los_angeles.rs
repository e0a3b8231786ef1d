//! The catalogue of United States › California › Los Angeles the snapshots walk through:
//! three regions, three cities (one with a name too long for any column), the groups of
//! the place and their numbers, as the worker answers them.

use serde_json::json;

use super::fixtures::{decode, listing};
use crate::api::model::{AvailableNumber, City, Group, Region};
use crate::protocol::Answer;

pub fn regions() -> Answer {
    Answer::Regions(listing(vec![
        decode::<Region>(json!({"id": 123, "region_name": "California", "iso_country_code": "US"})),
        decode(json!({"id": 124, "region_name": "New York", "iso_country_code": "US"})),
        decode(json!({"id": 125, "region_name": "Texas", "iso_country_code": "US"})),
    ]))
}

pub fn cities() -> Answer {
    Answer::Cities(listing(vec![
        decode::<City>(json!({"id": 456, "city_name": "Los Angeles", "iso_country_code": "US"})),
        decode(json!({"id": 457, "city_name": "San Francisco", "iso_country_code": "US"})),
        decode(
            json!({"id": 458, "city_name": "San Luis Obispo–Santa Maria–Paso Robles metropolitan area, a name far too long for any column", "iso_country_code": "US"}),
        ),
    ]))
}

pub fn la_group() -> Group {
    decode(json!({
        "id": "abc-123", "prefix": "+1 (213)", "location": "Los Angeles",
        "price": {"setup_price": "0.00", "monthly_price": "3.50"}, "type": "local",
        "requirements": [], "allow_number_selection": true,
        "is_eligible_for_free_number": true,
        "features": ["voice", "sms_in", "sms_out", "whatsapp_business"]
    }))
}

pub fn groups() -> Answer {
    Answer::Groups(listing(vec![
        la_group(),
        decode(json!({
            "id": "abc-124", "prefix": "+1 (323)", "location": "Los Angeles — Hollywood and the hills beyond",
            "price": {"setup_price": "1.00", "monthly_price": "4.25"}, "type": "local",
            "requirements": [], "allow_number_selection": false,
            "features": ["voice", "sms_in"]
        })),
        decode(json!({
            "id": "abc-125", "prefix": "+1 (424)", "location": "Beverly Hills",
            "price": {"setup_price": null, "monthly_price": "12.00"}, "type": "local",
            "requirements": [{"type": "address", "proof": "utility bill"}],
            "allow_number_selection": true, "features": ["voice"]
        })),
    ]))
}

/// The Los Angeles groups of every type (`did_type=all`): the local ones of [`groups`] and a
/// toll-free one.
pub fn place_groups() -> Answer {
    let Answer::Groups(mut listing) = groups() else {
        unreachable!("groups() answers groups")
    };
    listing.items.push(decode(json!({
        "id": "tf-800", "prefix": "+1 (800)", "location": "United States",
        "price": {"setup_price": "0.00", "monthly_price": "9.00"}, "type": "tollfree",
        "requirements": [], "allow_number_selection": true, "features": ["voice"]
    })));
    Answer::Groups(listing)
}

pub fn numbers(count: usize) -> Answer {
    numbers_in("213", count)
}

/// `count` numbers of the area code `area`; the second and fourth contain 555.
pub fn numbers_in(area: &str, count: usize) -> Answer {
    Answer::Numbers(listing(
        (0..count)
            .map(|n| {
                let number = match n {
                    1 => format!("+1{area}5550123"),
                    3 => format!("+1{area}9875550"),
                    _ => format!("+1{area}{:07}", 2_000_000 + n * 7919 % 7_000_000),
                };
                decode::<AvailableNumber>(json!({"id": format!("did-{n}"), "number": number}))
            })
            .collect(),
    ))
}
