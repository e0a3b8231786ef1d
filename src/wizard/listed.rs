//! What a reservation listed by the API tells about its group.
//!
//! A reservation made before numpick started arrives from the listing with its group id, its
//! place, its type and its prices, but numpick may never have loaded its group. That is
//! enough to confirm a purchase honestly: the number, both prices, and whether documents are
//! needed.

use serde_json::json;

use crate::api::model::{Group, GroupPrice, Reservation};

/// A group as far as the listing of `reservation` describes it; `None` when the listing
/// gives no group id or not both prices.
pub(super) fn group_of_listing(reservation: &Reservation) -> Option<Group> {
    let facts = &reservation.facts;
    if !facts.has_prices() {
        return None;
    }
    let mut features = vec!["voice".to_owned()];
    features.extend(
        facts
            .supports_sms_in
            .filter(|s| *s)
            .map(|_| "sms_in".to_owned()),
    );
    features.extend(
        facts
            .supports_sms_out
            .filter(|s| *s)
            .map(|_| "sms_out".to_owned()),
    );
    let requirements = match facts.needs_registration {
        Some(true) => vec![json!({
            "type": "registration",
            "description": "The number needs registration (documents) before it can be used."
        })],
        _ => Vec::new(),
    };
    Some(Group {
        id: reservation.group_id.clone()?,
        prefix: String::new(),
        location: facts.location.clone().unwrap_or_default(),
        price: GroupPrice {
            setup: facts.setup,
            monthly: facts.monthly,
            per_minute: facts.per_minute,
        },
        did_type: facts.did_type.clone().unwrap_or_default(),
        requirements,
        allow_number_selection: true,
        is_eligible_for_free_number: false,
        features,
    })
}
