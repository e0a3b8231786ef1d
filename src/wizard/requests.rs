//! The wizard's record of the requests it awaits: one entry per request sent, carrying the
//! context it was asked in.
//!
//! An answer is taken in against what was asked — the group a reservation was asked for, the
//! target of a purchase — never against what the screen shows when the answer arrives. An
//! answer whose entry was forgotten (its screen was left, a newer request replaced it) is
//! dropped.

use std::collections::BTreeMap;

use crate::api::model::{Group, GroupId, ReservationId};
use crate::protocol::{Call, Command, RequestId};

use super::{PurchaseTarget, Step};

/// A request sent and not answered yet, with what it was asked for.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "a handful of requests are pending at a time: boxing would save nothing"
)]
pub(crate) enum Pending {
    /// The data of a step's screen.
    Load { step: Step },
    /// The numbers containing the vanity box's digits (`None`: any number of the group).
    Vanity { contains: Option<String> },
    /// A query of the search of every group.
    Everywhere(super::everywhere::Job),
    /// The account's active reservations (for the manager, and at start).
    Reservations,
    /// The account's usage and limits, for the meter.
    AccountInfo,
    /// Every number the account owns, for "My numbers".
    Owned,
    /// A release of the owned `number`, sent once.
    Release { number: String },
    /// The journal read as a history, for the history screen.
    History,
    /// A reservation of `number` (a random one if `None`) in the group `group_id`; `group` is
    /// that group's record when the screen had it, for its prices.
    Reserve {
        group_id: GroupId,
        group: Option<Group>,
        number: Option<String>,
        /// Asked for to buy the number it names (a group that assigns its numbers): the
        /// confirmation opens once the number is known.
        then_buy: bool,
    },
    /// A cancellation; `on_quit` when the quit guard sent it on the way out.
    Cancel { uuid: ReservationId, on_quit: bool },
    /// A purchase, sent once.
    Purchase { target: PurchaseTarget },
    /// Asking the API whether this run's purchase went through; `reason` says why its answer
    /// was not enough.
    Settle {
        target: PurchaseTarget,
        reason: String,
    },
    /// Asking the API whether a purchase an earlier run left without an outcome went through.
    SettleEarlier,
    /// An order of a number of the basket.
    Basket(super::basket_orders::BasketJob),
}

/// The requests awaited, by id, and the source of fresh ids.
#[derive(Debug, Default)]
pub(crate) struct Requests {
    last_id: u64,
    pending: BTreeMap<RequestId, Pending>,
}

impl Requests {
    /// Records `pending` under a fresh id and returns the command that asks for `call`.
    pub(crate) fn ask(&mut self, call: Call, pending: Pending) -> Command {
        self.last_id += 1;
        let id = RequestId(self.last_id);
        self.pending.insert(id, pending);
        Command::Call { id, call }
    }

    /// Takes out the entry of the answer tagged `id`, if it is still awaited.
    pub(crate) fn take(&mut self, id: RequestId) -> Option<Pending> {
        self.pending.remove(&id)
    }

    /// Whether any awaited request is as `matches` says.
    pub(crate) fn any(&self, matches: impl Fn(&Pending) -> bool) -> bool {
        self.pending.values().any(matches)
    }

    /// The first awaited request that `choose` picks something from.
    pub(crate) fn find<'a, T>(&'a self, choose: impl Fn(&'a Pending) -> Option<T>) -> Option<T> {
        self.pending.values().find_map(choose)
    }

    /// Stops waiting for the requests `matches` selects: their answers will be dropped.
    pub(crate) fn forget(&mut self, matches: impl Fn(&Pending) -> bool) {
        self.pending.retain(|_, pending| !matches(pending));
    }
}
