//! The orders as a history shows them: one row per reservation, purchase or release, with
//! its outcome, prices and reference. The journal builds it from its entries
//! (`journal::history`); `numpick history` prints it and the wizard's history screen shows it.

use jiff::Timestamp;
use serde::Serialize;

use crate::api::model::Price;
use crate::reference::Reference;

/// What an order was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderKind {
    Reservation,
    Purchase,
    Release,
}

impl OrderKind {
    pub(crate) fn word(self) -> &'static str {
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
    pub(crate) fn word(self) -> &'static str {
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
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::NotBought => "not bought",
            other => other.word(),
        }
    }

    /// Whether a later outcome may still replace it: an unknown one may become known.
    pub(crate) fn is_open(self) -> bool {
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
    pub(crate) expires_at: Option<Timestamp>,
}

impl Order {
    pub(crate) fn new(at: Timestamp, kind: OrderKind, id: &str) -> Self {
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
    pub(crate) fn end(&mut self, at: Timestamp, outcome: OrderOutcome, detail: Option<String>) {
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
    /// The orders made at or after `since` and, with `reference`, carrying that reference.
    pub(crate) fn filtered(
        &self,
        reference: Option<&str>,
        since: Option<Timestamp>,
    ) -> Vec<&Order> {
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
