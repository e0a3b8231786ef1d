//! Tab on the group step: the groups cheapest first by monthly price, or in the API's order.

use std::cmp::Ordering;

use super::{NoticeLevel, Wizard};
use crate::api::model::Group;

/// Cheapest monthly price first; a group whose price is unknown goes last.
fn by_monthly_price(a: &Group, b: &Group) -> Ordering {
    match (a.price.monthly.amount(), b.price.monthly.amount()) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

impl Wizard {
    pub(super) fn toggle_cheapest_first(&mut self) {
        let Some(picker) = self.lists.groups.load.loaded_mut() else {
            return;
        };
        let order = if picker.is_ordered() {
            None
        } else {
            Some(by_monthly_price as fn(&Group, &Group) -> Ordering)
        };
        picker.set_order(order, &mut self.lists.filter);
        let text = if order.is_some() {
            "Cheapest first (monthly price). Tab: the API's order."
        } else {
            "In the API's order. Tab: cheapest first."
        };
        self.say(NoticeLevel::Info, text);
    }

    /// Whether the group table is sorted by monthly price.
    pub(crate) fn groups_cheapest_first(&self) -> bool {
        self.lists
            .groups
            .load
            .loaded()
            .is_some_and(|p| p.is_ordered())
    }
}
