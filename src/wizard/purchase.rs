//! Buying: the confirmation, the purchase in flight, settling an unknown outcome, and the
//! guard that asks before quitting with something at stake.
//!
//! A purchase passes a confirmation (`y` buys; Enter alone never does), is sent once, and
//! blocks every further buy until it is settled. An unknown outcome is settled by asking the
//! API, never guessed. Whether a purchase may start is decided by [`crate::buy_rule`], both
//! when the confirmation opens and when it is answered.

use crate::api::ApiError;
use crate::api::model::{E164, PurchaseOrder, Receipt, ReservationId};
use crate::buy_rule::{self, BuyState};
use crate::money::AgreedPrices;
use crate::outcome::Settlement;
use crate::protocol::{Answer, Call, Command};

use super::{
    Action, Modal, NoticeLevel, Pending, Purchase, PurchaseTarget, Quitting, Step, Wizard,
};

impl Wizard {
    /// Whether a purchase is sent or being settled: no other may start.
    pub(crate) fn purchase_pending(&self) -> bool {
        self.requests.any(|p| {
            matches!(p, Pending::Purchase { .. } | Pending::Settle { .. })
                || matches!(p, Pending::Basket(job) if job.is_purchase() || job.is_settle())
        })
    }

    /// Whether some purchase's outcome stayed unknown, so that buying is off.
    pub fn outcome_unknown(&self) -> bool {
        self.held.outcome_unknown
    }

    /// Where the wizard stands, as the buy rule reads it.
    pub(super) fn buy_state(&self) -> BuyState {
        BuyState {
            journal_open: self.held.journal_open,
            purchase_in_flight: self.requests.any(|p| {
                matches!(p, Pending::Purchase { .. })
                    || matches!(p, Pending::Basket(job) if job.is_purchase())
            }),
            settling: self.requests.any(|p| {
                matches!(p, Pending::Settle { .. })
                    || matches!(p, Pending::Basket(job) if job.is_settle())
            }),
            checking_earlier: self.requests.any(|p| matches!(p, Pending::SettleEarlier)),
            outcome_unknown: self.held.outcome_unknown,
            quitting: self.chrome.quitting != Quitting::No,
        }
    }

    /// Whether a purchase may start now; if not, says why and returns `false`.
    pub(super) fn may_buy_now(&mut self) -> bool {
        match buy_rule::may_buy(&self.buy_state()) {
            Ok(()) => true,
            Err(refusal) => {
                self.say(NoticeLevel::Warning, refusal.to_string());
                false
            }
        }
    }

    /// Opens the confirmation, unless buying must wait or the reservation expired.
    pub(super) fn ask_to_buy(&mut self, target: PurchaseTarget) {
        if !self.may_buy_now() {
            return;
        }
        if target
            .reservation
            .as_ref()
            .is_some_and(|h| h.is_expired(self.now))
        {
            self.say_expired();
            return;
        }
        self.chrome.modal = Some(Modal::ConfirmPurchase(target));
    }

    fn say_expired(&mut self) {
        self.say(
            NoticeLevel::Error,
            "The reservation has expired and cannot be bought. Reserve the number again (one credit).",
        );
    }

    /// Keys while the purchase confirmation is open: only `y` buys.
    pub(super) fn update_confirmation(&mut self, action: Action) -> Vec<Command> {
        let Some(Modal::ConfirmPurchase(target)) = self.chrome.modal.clone() else {
            return Vec::new();
        };
        match action {
            Action::Confirm => {
                self.chrome.modal = None;
                // Things may have changed since the confirmation opened.
                if !self.may_buy_now() {
                    return Vec::new();
                }
                if target
                    .reservation
                    .as_ref()
                    .is_some_and(|h| h.is_expired(self.now))
                {
                    self.say_expired();
                    return Vec::new();
                }
                // An order always names its number: without one, nothing is sent.
                let Some(number) = target.number.as_deref().and_then(E164::parse) else {
                    self.say(
                        NoticeLevel::Error,
                        "Not bought: numpick buys only a number it can name. Reserve one first.",
                    );
                    return Vec::new();
                };
                let call = Call::Purchase {
                    order: PurchaseOrder::new(target.group_id.clone(), number),
                    reservation: target
                        .reservation
                        .as_ref()
                        .map(|h| h.reservation.uuid.clone()),
                    reference: self.chosen.reference.clone(),
                    // What the confirmation showed; nothing when it could not show the group.
                    prices: target.group.as_ref().map(|group| AgreedPrices {
                        setup: group.price.setup,
                        monthly: group.price.monthly,
                    }),
                };
                let command = self.requests.ask(
                    call,
                    Pending::Purchase {
                        target: target.clone(),
                    },
                );
                self.held.purchase = Purchase::InFlight { target };
                self.say(NoticeLevel::Info, "Buying…");
                vec![command]
            }
            Action::Decline | Action::Back => {
                self.chrome.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Takes in the answer to the purchase of `target`.
    pub(super) fn apply_purchase(
        &mut self,
        target: PurchaseTarget,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        self.held.purchase = Purchase::Idle;
        self.chrome.notice = None;
        self.chrome.modal = None;
        match result {
            Ok(Answer::Purchased { number, receipt }) => {
                self.bought(target, Some(receipt), Some(number));
                Vec::new()
            }
            Ok(Answer::PurchaseRefused { number, reason, .. }) => {
                self.say(
                    NoticeLevel::Error,
                    format!("Not bought: the API refused {number} ({reason})."),
                );
                Vec::new()
            }
            Ok(Answer::PurchaseUnknown { pending, reason }) => {
                let command = self.requests.ask(
                    Call::Settle(pending),
                    Pending::Settle {
                        target: target.clone(),
                        reason: reason.clone(),
                    },
                );
                self.held.purchase = Purchase::Settling { target, reason };
                self.chrome.manager = None;
                self.step = Step::Done;
                vec![command]
            }
            // The worker settles unknown outcomes itself; one that reaches here unsettled
            // is shown as unknown, never as refused.
            Err(ApiError::OutcomeUnknown { reason }) => {
                self.stays_unknown(target, reason);
                Vec::new()
            }
            Err(error) => {
                let expired = target
                    .reservation
                    .as_ref()
                    .is_some_and(|h| h.is_expired(self.now));
                let text = if expired {
                    format!(
                        "Not bought: the reservation expired ({error}). Reserve the number again (one credit)."
                    )
                } else {
                    format!("Not bought: {error}")
                };
                self.say(NoticeLevel::Error, text);
                Vec::new()
            }
            Ok(_) => {
                tracing::warn!("worker answered a purchase with another kind of data");
                let reason = "numpick could not read the answer".to_owned();
                self.stays_unknown(target, reason);
                Vec::new()
            }
        }
    }

    fn bought(&mut self, target: PurchaseTarget, receipt: Option<Receipt>, number: Option<String>) {
        if let Some(held) = &target.reservation {
            self.held
                .holds
                .retain(|h| h.reservation.uuid != held.reservation.uuid);
        }
        // The bought number must not be offered again.
        self.lists.numbers.reset();
        self.held.purchase = Purchase::Bought {
            target,
            receipt,
            number,
            at: self.now_utc,
        };
        self.chrome.manager = None;
        self.step = Step::Done;
    }

    /// The outcome of the purchase of `target` is unknown even after asking: the Done screen
    /// says so, and buying stays off.
    fn stays_unknown(&mut self, target: PurchaseTarget, reason: String) {
        self.held.outcome_unknown = true;
        self.held.purchase = Purchase::Unknown { target, reason };
        self.chrome.manager = None;
        self.step = Step::Done;
    }

    /// Takes in the settlement of an earlier run's purchase.
    pub(super) fn apply_earlier_settled(&mut self, result: &Result<Answer, ApiError>) {
        let settlement = settlement_of(result);
        let text = match &settlement {
            Ok(settlement) => format!("An earlier purchase: {}", settlement.describe()),
            Err(error) => format!("An earlier purchase could not be checked: {error}"),
        };
        let level = match &settlement {
            Ok(Settlement::Bought { .. } | Settlement::NotBought { .. }) => NoticeLevel::Info,
            _ => {
                self.held.outcome_unknown = true;
                NoticeLevel::Warning
            }
        };
        self.say(level, text);
    }

    /// Takes in the settlement of this run's purchase of `target`, whose answer was lost
    /// (`reason`).
    pub(super) fn apply_settled(
        &mut self,
        target: PurchaseTarget,
        reason: String,
        result: &Result<Answer, ApiError>,
    ) {
        self.held.purchase = Purchase::Idle;
        match settlement_of(result) {
            Ok(Settlement::Bought { number }) => self.bought(target, None, Some(number)),
            Ok(not_bought @ Settlement::NotBought { .. }) => {
                self.say(NoticeLevel::Error, not_bought.describe());
                let still_held = target.reservation.as_ref().and_then(|held| {
                    let uuid = &held.reservation.uuid;
                    self.held
                        .holds
                        .iter()
                        .any(|h| &h.reservation.uuid == uuid)
                        .then(|| uuid.clone())
                });
                self.step = match still_held {
                    Some(uuid) => {
                        self.held.current_hold = Some(uuid);
                        Step::Reserved
                    }
                    None if self.chosen.group.is_some() => Step::Review,
                    None => Step::Country,
                };
            }
            Ok(Settlement::Unknown { reason: why }) => {
                self.stays_unknown(target, format!("{reason}; {why}"));
            }
            Err(error) => {
                self.stays_unknown(target, format!("{reason}; checking failed: {error}"));
            }
        }
    }

    /// Whether quitting now would leave something at stake.
    fn quitting_needs_asking(&self) -> bool {
        self.purchase_pending() || self.held.holds.iter().any(|h| h.is_active(self.now))
    }

    /// Ctrl-C or `q`: quits, or asks first when reservations or a purchase are at stake.
    pub(super) fn request_quit(&mut self) {
        if self.quitting_needs_asking() {
            self.chrome.modal = Some(Modal::QuitGuard);
        } else {
            self.chrome.quitting = Quitting::Now;
        }
    }

    /// Keys while the quit guard is open.
    pub(super) fn update_quit_guard(&mut self, action: Action) -> Vec<Command> {
        match action {
            // A second Ctrl-C quits: the reservations stay and expire on their own.
            Action::KeepAndQuit | Action::Quit => {
                self.chrome.quitting = Quitting::Now;
                Vec::new()
            }
            Action::Cancel => {
                self.chrome.modal = None;
                let active: Vec<ReservationId> = self
                    .held
                    .holds
                    .iter()
                    .filter(|h| h.is_active(self.now))
                    .map(|h| h.reservation.uuid.clone())
                    .collect();
                if active.is_empty() {
                    self.chrome.quitting = Quitting::Now;
                    return Vec::new();
                }
                self.chrome.quitting = Quitting::CancellingThenQuit { failed: false };
                self.say(
                    NoticeLevel::Info,
                    format!(
                        "Cancelling {}, then quitting…",
                        crate::wording::counted(active.len(), "reservation")
                    ),
                );
                active
                    .into_iter()
                    .map(|uuid| {
                        let call = Call::Cancel { uuid: uuid.clone() };
                        self.requests.ask(
                            call,
                            Pending::Cancel {
                                uuid,
                                on_quit: true,
                            },
                        )
                    })
                    .collect()
            }
            Action::Back | Action::Decline => {
                self.chrome.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Takes in the answer to a cancellation of `uuid` sent on the way out; quits once all
    /// are in and none failed, and stays otherwise.
    pub(super) fn apply_quit_cancel(
        &mut self,
        uuid: ReservationId,
        result: &Result<Answer, ApiError>,
    ) {
        let mut failed = matches!(
            self.chrome.quitting,
            Quitting::CancellingThenQuit { failed: true }
        );
        match result {
            Ok(_) => self.held.holds.retain(|h| h.reservation.uuid != uuid),
            Err(error) => {
                failed = true;
                self.say(
                    NoticeLevel::Error,
                    format!(
                        "Could not cancel a reservation: {error}. Ctrl-C twice quits and keeps it."
                    ),
                );
            }
        }
        if self.chrome.quitting == Quitting::Now {
            // The operator chose to quit at once meanwhile.
            return;
        }
        let more = self
            .requests
            .any(|p| matches!(p, Pending::Cancel { on_quit: true, .. }));
        self.chrome.quitting = match (more, failed) {
            (true, failed) => Quitting::CancellingThenQuit { failed },
            (false, true) => Quitting::No,
            (false, false) => Quitting::Now,
        };
    }
}

/// A settlement answer, or why there is none.
pub(super) fn settlement_of(result: &Result<Answer, ApiError>) -> Result<Settlement, String> {
    match result {
        Ok(Answer::Settled { settlement, .. }) => Ok(settlement.clone()),
        Ok(_) => Err("numpick received an answer it did not expect".to_owned()),
        Err(error) => Err(error.to_string()),
    }
}
