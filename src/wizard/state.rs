//! The parts of the wizard's state: reservations held, purchases, dialogs, notices.

use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::api::model::{Group, GroupId, Receipt, Reservation};

use super::Load;

/// A line of feedback under the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub level: NoticeLevel,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeLevel {
    Info,
    Warning,
    Error,
}

/// A reservation the operator holds, with its deadline on the monotonic clock.
#[derive(Debug, Clone, PartialEq)]
pub struct Held {
    pub reservation: Reservation,
    /// Whether its expiry has been recorded in the journal.
    pub(crate) expiry_recorded: bool,
    /// The group it was reserved in, when numpick made it: the group asked for, never the one
    /// on screen when the answer arrived. Its prices are shown when buying it.
    pub group: Option<Group>,
    /// When it expires, anchored to the arrival of the answer that announced it.
    pub deadline: Instant,
    /// Missing from a complete, readable listing of the account's reservations: expired or
    /// bought elsewhere. Shown as gone, never bought or counted as active.
    pub gone: bool,
}

impl Held {
    /// Time left at `now` (zero once expired).
    pub(crate) fn remaining(&self, now: Instant) -> Duration {
        self.deadline.saturating_duration_since(now)
    }

    pub(crate) fn is_expired(&self, now: Instant) -> bool {
        now >= self.deadline
    }

    /// Whether it can still be bought or cancelled: not expired, and not gone from the
    /// account's listing.
    pub(crate) fn is_active(&self, now: Instant) -> bool {
        !self.gone && !self.is_expired(now)
    }

    /// The group id to buy it with: the API's own, else the group it was asked in.
    pub(crate) fn group_id(&self) -> Option<&GroupId> {
        self.reservation
            .group_id
            .as_ref()
            .or(self.group.as_ref().map(|g| &g.id))
    }
}

/// What a purchase will buy.
#[derive(Debug, Clone, PartialEq)]
pub struct PurchaseTarget {
    pub group_id: GroupId,
    /// The group, when known: its prices are shown in the confirmation.
    pub group: Option<Group>,
    /// The number; `None` buys a random number of the group.
    pub number: Option<String>,
    /// The reservation being bought, if any.
    pub reservation: Option<Held>,
}

/// Where a purchase stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Purchase {
    #[default]
    Idle,
    /// Sent; nothing more is sent until it is settled.
    InFlight { target: PurchaseTarget },
    /// The answer never arrived or could not be read: the API is being asked whether the
    /// purchase went through.
    Settling {
        target: PurchaseTarget,
        reason: String,
    },
    /// Bought. `receipt` is the API's answer (absent when settling found the number on the
    /// account); `number` the number bought, when known.
    Bought {
        target: PurchaseTarget,
        receipt: Option<Receipt>,
        number: Option<String>,
        at: Timestamp,
    },
    /// Even asking the API did not tell: the number may or may not be bought.
    Unknown {
        target: PurchaseTarget,
        reason: String,
    },
}

/// Whether, and how, the operator is leaving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Quitting {
    #[default]
    No,
    /// The quit guard's "cancel them, then quit": the cancellations are in flight, and nothing
    /// can be bought meanwhile. `failed` once one of them failed: numpick then stays.
    CancellingThenQuit { failed: bool },
    /// Leave now.
    Now,
}

/// A dialog over the screen.
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "at most one dialog exists at a time: boxing would save nothing"
)]
pub enum Modal {
    Help,
    /// "Buy this number?" — `y` buys, `n`/Esc does not.
    ConfirmPurchase(PurchaseTarget),
    /// Quitting while reservations are active or a purchase is in flight: keep them and
    /// quit, cancel them and quit, or stay.
    QuitGuard,
}

/// The reservations manager (Ctrl-R): every active reservation of the account.
#[derive(Debug, Clone, Default)]
pub(crate) struct Manager {
    pub load: Load<()>,
    pub cursor: usize,
    /// How many reservations of the last listing could not be read: the list may be
    /// incomplete, and no hold was dropped because of it.
    pub unreadable: usize,
}

/// What the session has cost in API credits, and whether the rate limit holds it back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Meter {
    /// Requests sent this session (each costs a credit).
    pub requests_sent: u64,
    /// How long the client-side rate limiter is making a request wait, if it is.
    pub rate_limit_wait: Option<Duration>,
    /// The account's usage and limits, from account info, when the API gave them.
    pub account: Option<crate::api::model::AccountInfo>,
    /// `requests_sent` when the account's usage was read.
    pub(crate) requests_at_reading: u64,
}

impl Meter {
    /// The account's monthly usage now: the figure read at the start plus the requests sent
    /// since (each costs a credit).
    pub(crate) fn monthly_used(&self) -> Option<u64> {
        let read = self.account.as_ref()?.api_request_count?;
        Some(read + self.requests_sent.saturating_sub(self.requests_at_reading))
    }
}
