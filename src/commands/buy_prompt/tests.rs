//! What the confirmation prompt of `buy` says.

use serde_json::json;

use super::*;
use crate::api::model::Group;

#[test]
fn the_prompt_names_the_total_due_now_and_what_documents_are_needed() {
    let group: Group = serde_json::from_value(json!({
        "id": "de-1", "prefix": "+49 30", "location": "Berlin", "type": "local",
        "price": {"setup_price": "1.00", "monthly_price": "3.50", "ppm": "0.02"},
        "requirements": [{"type": "identity", "documents": ["passport"]},
                         {"type": "address", "address": {"scope": "local_network_area"}}]
    }))
    .unwrap();
    let number = E164::parse("+493012345678").unwrap();
    let known = Known::Group(Box::new(group));
    let id = GroupId::new("de-1");
    let text = prompt_text(&id, &known, &number, None, "EUR".parse().unwrap());
    for expected in [
        "About to buy +493012345678\n",
        "  setup:   EUR 1.00 (one-time)\n",
        "  monthly: EUR 3.50\n",
        "  due now: EUR 4.50 (setup + first month)\n",
        "  per minute: EUR 0.02\n",
        "this group needs: ID + proof of a local address (see",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
}
