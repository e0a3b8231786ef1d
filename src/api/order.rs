//! Purchases on the wire: the order that is sent, and how its answer is read.
//!
//! **An order always names its number.** Under the provider's skill document a purchase
//! without `number` buys *every active reservation of the account*; under the reference page
//! it buys a random number of the group. [`PurchaseOrder`] cannot be made without an
//! [`E164`] number, so no code path can produce a number-less body: a group without number
//! selection gets its number by reserving first.
//!
//! The answer (skill document, HTTP 201, no `data` wrapper) lists the numbers bought in
//! `purchased` and the numbers refused in `failed`; [`Receipt::verdict`] reads it for the
//! number ordered. `success: true` with the number in `failed` is a refusal.

use serde::Serialize;
use serde_json::Value;

use super::ids::GroupId;
use super::phone::{E164, digits_of};

/// What a purchase request asks for: `{"group_id": …, "number": …}`, both always present.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct PurchaseOrder {
    pub group_id: GroupId,
    pub number: E164,
}

impl PurchaseOrder {
    pub fn new(group_id: GroupId, number: E164) -> Self {
        Self { group_id, number }
    }
}

/// What the answer to a purchase says about the number ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// In `purchased`: bought.
    Bought,
    /// In `failed`: not bought, although the answer may say `success: true`.
    Refused,
    /// Named in neither list (or neither list is there): settle it from the account.
    Unknown,
}

/// The API's whole answer to a purchase, kept as the operator's receipt.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Receipt {
    /// The complete answer body.
    pub body: Value,
}

impl Receipt {
    /// What the answer says about `number`: read from `purchased` and `failed`, at the top
    /// level as documented, or inside `data` as some answers wrap them.
    pub fn verdict(&self, number: &E164) -> Verdict {
        let lists = |name: &str| -> Vec<&Value> {
            [Some(&self.body), self.body.get("data")]
                .into_iter()
                .flatten()
                .filter_map(|root| root.get(name)?.as_array())
                .flatten()
                .collect()
        };
        let names = |items: Vec<&Value>| items.into_iter().any(|item| names_number(item, number));
        // A number in both lists is contradictory: only asking the account can tell.
        match (names(lists("purchased")), names(lists("failed"))) {
            (true, false) => Verdict::Bought,
            (false, true) => Verdict::Refused,
            _ => Verdict::Unknown,
        }
    }

    /// The reason the answer gives for a refusal, if any (`error_message`, `message`, or a
    /// `reason` beside the failed number).
    pub(crate) fn refusal_reason(&self) -> Option<String> {
        ["error_message", "message", "reason"]
            .iter()
            .find_map(|field| self.body.get(field)?.as_str())
            .map(str::to_owned)
            .filter(|text| !text.trim().is_empty())
    }
}

/// Whether a `purchased`/`failed` item is `number`: a string, or an object whose
/// `number`/`phone_number` is it. Compared by digits, so formatting does not matter.
fn names_number(item: &Value, number: &E164) -> bool {
    let text = match item {
        Value::String(text) => Some(text.as_str()),
        Value::Object(map) => ["number", "phone_number"]
            .iter()
            .find_map(|field| map.get(*field)?.as_str()),
        _ => None,
    };
    text.is_some_and(|text| digits_of(text) == number.digits())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn number() -> E164 {
        E164::parse("+12135551234").unwrap()
    }

    fn verdict(body: Value) -> Verdict {
        Receipt { body }.verdict(&number())
    }

    #[test]
    fn the_answer_is_read_from_purchased_and_failed() {
        let bought = json!({"success": true, "purchased": ["+12135551234"], "failed": []});
        assert_eq!(verdict(bought), Verdict::Bought);
        let refused = json!({"success": true, "purchased": [], "failed": ["+12135551234"]});
        assert_eq!(verdict(refused), Verdict::Refused);
        let formatted = json!({"purchased": [{"number": "+1 213-555-1234"}]});
        assert_eq!(verdict(formatted), Verdict::Bought);
        let wrapped = json!({"success": true, "data": {"failed": ["+12135551234"]}});
        assert_eq!(verdict(wrapped), Verdict::Refused);
    }

    #[test]
    fn an_answer_naming_the_number_in_neither_list_is_unknown() {
        assert_eq!(verdict(json!({"success": true})), Verdict::Unknown);
        let other = json!({"success": true, "purchased": ["+12135550000"], "failed": []});
        assert_eq!(verdict(other), Verdict::Unknown);
        let invoice = json!({"success": true, "number": "INV-2026-0001"});
        assert_eq!(verdict(invoice), Verdict::Unknown);
        let both = json!({"purchased": ["+12135551234"], "failed": ["+12135551234"]});
        assert_eq!(verdict(both), Verdict::Unknown);
    }

    #[test]
    fn an_order_always_carries_its_number() {
        let order = PurchaseOrder::new(GroupId::new("abc-123"), number());
        assert_eq!(
            serde_json::to_value(&order).unwrap(),
            json!({"group_id": "abc-123", "number": "+12135551234"})
        );
    }
}
