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
use serde::Serialize;

use crate::api::model::Price;

use super::{Entry, Journal, Outcome, Reference, ReleaseOutcome};

/// What an order was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Reservation,
    Purchase,
    Release,
}

impl OrderKind {
    pub fn word(self) -> &'static str {
        match self {
            Self::Reservation => "reservation",
            Self::Purchase => "purchase",
            Self::Release => "release",
        }
    }
}

/// How an order ended, as far as the journal knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderOutcome {
    /// A reservation with no recorded end, still within its time.
    Held,
    Cancelled,
    Expired,
    /// A purchase that went through; a reservation whose number was bought.
    Bought,
    /// A purchase that did not go through (refused by an error, shown not to have happened
    /// by settling, or resolved so by the operator).
    NotBought,
    /// The API listed the number as failed (a purchase), or refused a release.
    Refused,
    /// Sent, and still not known whether it went through.
    Unknown,
    /// The intent was written and no outcome followed (in flight, or its process ended).
    Pending,
    /// A release the API accepted.
    Released,
}

impl OrderOutcome {
    /// The word scripts see (`not_bought`).
    pub fn word(self) -> &'static str {
        match self {
            Self::Held => "held",
            Self::Cancelled => "cancelled",
            Self::Expired => "expired",
            Self::Bought => "bought",
            Self::NotBought => "not_bought",
            Self::Refused => "refused",
            Self::Unknown => "unknown",
            Self::Pending => "pending",
            Self::Released => "released",
        }
    }

    /// The words people read (`not bought`).
    pub fn describe(self) -> &'static str {
        match self {
            Self::NotBought => "not bought",
            other => other.word(),
        }
    }

    /// Whether a later outcome may still replace it: an unknown one may become known.
    fn is_open(self) -> bool {
        matches!(self, Self::Held | Self::Pending | Self::Unknown)
    }
}

/// One order of the history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    /// When it was made (the intent, or the reservation), or when its outcome was written if
    /// that is all the journal kept.
    pub at: Timestamp,
    pub kind: OrderKind,
    /// The reservation's uuid, or the purchase's or release's intent id.
    pub id: String,
    pub number: Option<String>,
    pub group_id: Option<String>,
    /// The prices a purchase was agreed at (`null` when not recorded or not known).
    pub setup_price: Price,
    pub monthly_price: Price,
    pub outcome: OrderOutcome,
    /// Why it ended as it did, when the journal says.
    pub detail: Option<String>,
    pub reference: Option<Reference>,
    /// For a purchase: the reservation it bought.
    pub reservation: Option<String>,
    /// When its outcome was written.
    pub settled_at: Option<Timestamp>,
    /// For a reservation: when it runs out.
    #[serde(skip)]
    expires_at: Option<Timestamp>,
}

impl Order {
    fn new(at: Timestamp, kind: OrderKind, id: &str) -> Self {
        Self {
            at,
            kind,
            id: id.to_owned(),
            number: None,
            group_id: None,
            setup_price: Price::Unknown,
            monthly_price: Price::Unknown,
            outcome: if kind == OrderKind::Reservation {
                OrderOutcome::Held
            } else {
                OrderOutcome::Pending
            },
            detail: None,
            reference: None,
            reservation: None,
            settled_at: None,
            expires_at: None,
        }
    }

    /// Records an outcome written `at`, unless a final one is already known.
    fn end(&mut self, at: Timestamp, outcome: OrderOutcome, detail: Option<String>) {
        if !self.outcome.is_open() && outcome.is_open() {
            return;
        }
        self.outcome = outcome;
        self.detail = detail;
        self.settled_at = Some(at);
    }
}

/// The history of a journal, and how many of its lines could not be read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub orders: Vec<Order>,
    pub unreadable: usize,
}

impl History {
    /// The history of the journal at `path` at `now` (a missing journal has none).
    pub fn read(path: &Path, now: Timestamp) -> io::Result<Self> {
        let readout = Journal::read_all(path)?;
        Ok(Self {
            orders: orders(&readout.entries, now),
            unreadable: readout.unreadable,
        })
    }

    /// The orders made at or after `since` and, with `reference`, carrying that reference.
    pub fn filtered(&self, reference: Option<&str>, since: Option<Timestamp>) -> Vec<&Order> {
        (self.orders.iter())
            .filter(|order| since.is_none_or(|since| order.at >= since))
            .filter(|order| {
                reference.is_none_or(|wanted| {
                    (order.reference.as_ref()).is_some_and(|reference| reference.matches(wanted))
                })
            })
            .collect()
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
