//! The numbers of many groups as one ranked list.

use std::cmp::Reverse;
use std::ops::Range;

use crate::api::model::{AvailableNumber, Group, Price};
use crate::vanity::{Memorable, VanityPattern};

use super::GroupSearch;

/// One number of the merged list, with what its row shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    pub number: &'a AvailableNumber,
    pub group: &'a Group,
    /// Where the pattern matched, as a byte range of the E.164 text.
    pub matched: Range<usize>,
    pub memorable: Option<Memorable>,
}

/// Every number of `searches` that matches `pattern`, best first (see [`ranked`]).
pub fn merge<'a>(searches: &'a [GroupSearch], pattern: &VanityPattern) -> Vec<Found<'a>> {
    ranked(searches, pattern)
        .into_iter()
        .filter_map(|(g, n)| {
            let search = &searches[g];
            let number = &search.numbers[n];
            Some(Found {
                number,
                group: &search.group,
                matched: pattern.matches(&number.number)?,
                memorable: search.memorable(n),
            })
        })
        .collect()
}

/// The numbers of `searches` that match `pattern`, as (index into `searches`, index into its
/// numbers), best first: matches nearest the end of the number, then the more memorable,
/// then the cheaper per month, then by number (so the order does not depend on which answer
/// came first).
pub fn ranked(searches: &[GroupSearch], pattern: &VanityPattern) -> Vec<(usize, usize)> {
    let mut keyed: Vec<_> = searches
        .iter()
        .enumerate()
        .flat_map(|(g, search)| {
            // The same for every number of the group: worked out once.
            let monthly = monthly_key(search.group.price.monthly);
            search
                .numbers
                .iter()
                .enumerate()
                .filter_map(move |(n, number)| {
                    let text = number.number.as_str();
                    let matched = pattern.matches(text)?;
                    let key = (
                        text.len() - matched.end,
                        Reverse(search.memorable_score(n)),
                        monthly,
                        text,
                    );
                    Some((key, (g, n)))
                })
        })
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, position)| position).collect()
}

/// Known prices first, cheapest first; unknown prices last.
fn monthly_key(price: Price) -> (bool, rust_decimal::Decimal) {
    match price.amount() {
        Some(amount) => (false, amount),
        None => (true, rust_decimal::Decimal::ZERO),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn group(id: &str, monthly: &str) -> Group {
        serde_json::from_value(json!({
            "id": id, "prefix": "+1 (213)", "location": "Los Angeles",
            "price": {"setup_price": "0.00", "monthly_price": monthly},
            "type": "local", "allow_number_selection": true, "features": ["voice"],
        }))
        .unwrap()
    }

    fn search(group: Group, numbers: &[&str]) -> GroupSearch {
        let mut search = GroupSearch::new(group);
        for (i, n) in numbers.iter().enumerate() {
            search.add(
                serde_json::from_value(json!({"id": format!("did-{n}-{i}"), "number": n})).unwrap(),
            );
        }
        search
    }

    #[test]
    fn matches_at_the_end_then_memorable_then_cheaper_come_first() {
        let pattern = VanityPattern::parse("555").unwrap();
        let searches = [
            search(
                group("dear", "3.00"),
                &[
                    "+12135550001",
                    "+12130005550",
                    "+12139174555",
                    "+12134567555",
                ],
            ),
            search(
                group("cheap", "1.00"),
                &["+13105550002", "+13108263555", "+13109999999"],
            ),
        ];
        let ranked: Vec<(&str, &str)> = merge(&searches, &pattern)
            .iter()
            .map(|f| (f.number.number.as_str(), f.group.id.as_str()))
            .collect();
        assert_eq!(
            ranked,
            [
                // "4567" is more memorable than the "555" the next two end with.
                ("+12134567555", "dear"),
                ("+13108263555", "cheap"),
                ("+12139174555", "dear"),
                ("+12130005550", "dear"),
                ("+13105550002", "cheap"),
                ("+12135550001", "dear"),
            ]
        );
    }
}
