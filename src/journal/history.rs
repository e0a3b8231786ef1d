//! The journal read as a history of orders: one row per reservation, purchase and release,
//! its intent and its outcome joined by the ids the journal already uses — a reservation's
//! uuid, a purchase's or a release's intent id. `numpick history` prints it and the wizard's
//! history screen shows it.
//!
//! The journal is the record, so every shape it has ever had is read: entries without an
//! owner, prices or reference (older versions), random purchases whose number only the
//! outcome names, outcomes whose intent line was lost (a row of their own, with what they
//! say), and lines that cannot be read at all, which are counted ([`Journal::read_all`]).

use std::collections::HashMap;
use std::io;
use std::path::Path;

use jiff::Timestamp;

use crate::history::{History, Order, OrderKind, OrderOutcome};

use super::{Entry, Journal, Outcome, ReleaseOutcome};

impl History {
    /// The history of the journal at `path` at `now` (a missing journal has none).
    pub fn read(path: &Path, now: Timestamp) -> io::Result<Self> {
        let readout = Journal::read_all(path)?;
        Ok(Self {
            orders: orders(&readout.entries, now),
            unreadable: readout.unreadable,
        })
    }
}

/// One row per order of `entries`, in the order they were first recorded. `now` tells which
/// reservations without a recorded end have run out.
pub fn orders(entries: &[Entry], now: Timestamp) -> Vec<Order> {
    let mut rows = Rows::default();
    for entry in entries {
        rows.take(entry);
    }
    rows.finish(now)
}

/// The rows being built, with where each id's row is.
#[derive(Default)]
struct Rows {
    orders: Vec<Order>,
    at: HashMap<(OrderKind, String), usize>,
}

impl Rows {
    /// The row of `id`, made from `at` when the journal has none yet (its first line lost).
    fn row(&mut self, kind: OrderKind, id: &str, at: Timestamp) -> &mut Order {
        let next = self.orders.len();
        let index = *self.at.entry((kind, id.to_owned())).or_insert(next);
        if index == next {
            self.orders.push(Order::new(at, kind, id));
        }
        &mut self.orders[index]
    }

    fn take(&mut self, entry: &Entry) {
        use OrderKind::{Purchase, Release, Reservation};
        match entry {
            Entry::Reserved {
                at,
                uuid,
                group_id,
                number,
                expires_at,
                reference,
            } => {
                let order = self.row(Reservation, uuid, *at);
                order.at = *at;
                order.number = Some(number.clone());
                order.group_id = group_id.clone().or(order.group_id.take());
                order.expires_at = Some(*expires_at);
                order.reference = reference.clone().or(order.reference.take());
            }
            Entry::Cancelled { at, uuid } => {
                self.row(Reservation, uuid, *at)
                    .end(*at, OrderOutcome::Cancelled, None);
            }
            Entry::Expired { at, uuid } => {
                let order = self.row(Reservation, uuid, *at);
                // A reservation bought or cancelled before it ran out stays so.
                if order.outcome == OrderOutcome::Held {
                    order.end(*at, OrderOutcome::Expired, None);
                }
            }
            Entry::PurchaseIntent {
                at,
                intent,
                group_id,
                number,
                reservation,
                prices,
                reference,
                ..
            } => {
                let order = self.row(Purchase, intent, *at);
                order.at = *at;
                order.group_id = Some(group_id.clone());
                order.number = number.clone().or(order.number.take());
                order.reservation = reservation.clone();
                if let Some(prices) = prices {
                    order.setup_price = prices.setup;
                    order.monthly_price = prices.monthly;
                }
                order.reference = reference.clone().or(order.reference.take());
            }
            Entry::PurchaseOutcome {
                at,
                intent,
                outcome,
                reference,
            } => {
                let order = self.row(Purchase, intent, *at);
                if order.reference.is_none() {
                    order.reference = reference.clone();
                }
                let (ended, number, detail) = purchase_outcome(outcome);
                if order.number.is_none() {
                    order.number = number;
                }
                order.end(*at, ended, detail);
            }
            Entry::ReleaseIntent {
                at, intent, number, ..
            } => {
                let order = self.row(Release, intent, *at);
                order.at = *at;
                order.number = Some(number.clone());
            }
            Entry::ReleaseOutcome {
                at,
                intent,
                outcome,
            } => {
                let (ended, detail) = match outcome {
                    ReleaseOutcome::Released => (OrderOutcome::Released, None),
                    ReleaseOutcome::Refused { reason } => {
                        (OrderOutcome::Refused, Some(reason.clone()))
                    }
                    ReleaseOutcome::Unknown { reason } => {
                        (OrderOutcome::Unknown, Some(reason.clone()))
                    }
                };
                self.row(Release, intent, *at).end(*at, ended, detail);
            }
        }
    }

    /// Marks the reservations that were bought, and those that ran out unrecorded.
    fn finish(mut self, now: Timestamp) -> Vec<Order> {
        let bought: Vec<(String, Timestamp)> = (self.orders.iter())
            .filter(|order| order.kind == OrderKind::Purchase)
            .filter(|order| order.outcome == OrderOutcome::Bought)
            .filter_map(|order| Some((order.reservation.clone()?, order.settled_at?)))
            .collect();
        for (uuid, at) in bought {
            if let Some(&index) = self.at.get(&(OrderKind::Reservation, uuid)) {
                let order = &mut self.orders[index];
                if order.outcome.is_open() || order.outcome == OrderOutcome::Expired {
                    order.end(at, OrderOutcome::Bought, None);
                }
            }
        }
        for order in &mut self.orders {
            if let (OrderOutcome::Held, Some(expires_at)) = (order.outcome, order.expires_at)
                && expires_at <= now
            {
                order.end(expires_at, OrderOutcome::Expired, None);
            }
        }
        self.orders
    }
}

/// The history's outcome of a purchase outcome, the number it names and why.
fn purchase_outcome(outcome: &Outcome) -> (OrderOutcome, Option<String>, Option<String>) {
    match outcome {
        Outcome::Bought { number, .. } => (OrderOutcome::Bought, number.clone(), None),
        Outcome::NotBought { reason } => (OrderOutcome::NotBought, None, Some(reason.clone())),
        Outcome::Refused { number, reason, .. } => (
            OrderOutcome::Refused,
            Some(number.clone()),
            Some(reason.clone()),
        ),
        Outcome::Unknown { reason } => (OrderOutcome::Unknown, None, Some(reason.clone())),
        Outcome::Resolved { bought, number } => {
            let outcome = if *bought {
                OrderOutcome::Bought
            } else {
                OrderOutcome::NotBought
            };
            let detail = "resolved by the operator (numpick journal resolve)".to_owned();
            (outcome, number.clone(), Some(detail))
        }
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
