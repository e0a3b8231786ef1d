//! Buying: the confirmation, the purchase in flight, settling an unknown outcome, and the
//! guard that asks before quitting with something at stake.
//!
//! A purchase passes a confirmation (`y` buys; Enter alone never does), is sent once, and
//! blocks every further buy until it is settled. An unknown outcome is settled by asking the
//! API, never guessed.

use crate::api::ApiError;
use crate::api::model::{E164, PurchaseOrder, Receipt, ReservationId};
use crate::orders::Settlement;
use crate::worker::{Answer, Call, Command, RequestId};

use super::{Action, Modal, NoticeLevel, Purchase, PurchaseTarget, Step, Wizard};

impl Wizard {
    /// Whether a purchase is sent or being settled: no other may start.
    pub fn purchase_pending(&self) -> bool {
        matches!(
            self.purchase,
            Purchase::InFlight { .. } | Purchase::Settling { .. }
        )
    }

    /// Opens the confirmation, unless buying must wait or the reservation expired.
    pub(super) fn ask_to_buy(&mut self, target: PurchaseTarget) {
        if !self.startup_settles.is_empty() {
            self.say(
                NoticeLevel::Info,
                "Checking whether an earlier purchase went through; buying is possible once that is known.",
            );
            return;
        }
        if self.purchase_pending() {
            self.say(
                NoticeLevel::Info,
                "A purchase is in flight: wait for its outcome.",
            );
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
        self.modal = Some(Modal::ConfirmPurchase(target));
    }

    fn say_expired(&mut self) {
        self.say(
            NoticeLevel::Error,
            "The reservation has expired and cannot be bought. Reserve the number again (one credit).",
        );
    }

    /// Keys while the purchase confirmation is open: only `y` buys.
    pub(super) fn update_confirmation(&mut self, action: Action) -> Vec<Command> {
        let Some(Modal::ConfirmPurchase(target)) = self.modal.clone() else {
            return Vec::new();
        };
        match action {
            Action::Confirm => {
                self.modal = None;
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
                let (id, command) = self.command(Call::Purchase {
                    order: PurchaseOrder::new(target.group_id.clone(), number),
                    reservation: target
                        .reservation
                        .as_ref()
                        .map(|h| h.reservation.uuid.clone()),
                });
                self.purchase = Purchase::InFlight { id, target };
                self.say(NoticeLevel::Info, "Buying…");
                vec![command]
            }
            Action::Decline | Action::Back => {
                self.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Takes in the answer to the purchase in flight.
    pub(super) fn apply_purchase(&mut self, result: Result<Answer, ApiError>) -> Vec<Command> {
        let Purchase::InFlight { target, .. } = std::mem::take(&mut self.purchase) else {
            return Vec::new();
        };
        self.notice = None;
        self.modal = None;
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
                let (id, command) = self.command(Call::Settle(pending));
                self.purchase = Purchase::Settling { id, target, reason };
                self.manager = None;
                self.step = Step::Done;
                vec![command]
            }
            // The worker settles unknown outcomes itself; one that reaches here unsettled
            // is shown as unknown, never as refused.
            Err(ApiError::OutcomeUnknown { reason }) => {
                self.purchase = Purchase::Unknown { target, reason };
                self.step = Step::Done;
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
                self.purchase = Purchase::Unknown {
                    target,
                    reason: "numpick could not read the answer".to_owned(),
                };
                self.step = Step::Done;
                Vec::new()
            }
        }
    }

    fn bought(&mut self, target: PurchaseTarget, receipt: Option<Receipt>, number: Option<String>) {
        if let Some(held) = &target.reservation {
            self.holds
                .retain(|h| h.reservation.uuid != held.reservation.uuid);
        }
        // The bought number must not be offered again.
        self.numbers.reset();
        self.purchase = Purchase::Bought {
            target,
            receipt,
            number,
            at: self.now_utc,
        };
        self.manager = None;
        self.step = Step::Done;
    }

    /// Takes in a settlement: of the purchase just made, or of one left unsettled by an
    /// earlier run. Returns whether `id` was such a settlement.
    pub(super) fn apply_settled(
        &mut self,
        id: RequestId,
        result: &Result<Answer, ApiError>,
    ) -> bool {
        let settlement = match result {
            Ok(Answer::Settled { settlement, .. }) => Ok(settlement.clone()),
            Ok(_) => Err("numpick received an answer it did not expect".to_owned()),
            Err(error) => Err(error.to_string()),
        };
        if let Some(position) = self.startup_settles.iter().position(|&s| s == id) {
            self.startup_settles.remove(position);
            let text = match &settlement {
                Ok(settlement) => format!("An earlier purchase: {}", settlement.describe()),
                Err(error) => format!("An earlier purchase could not be checked: {error}"),
            };
            let level = match &settlement {
                Ok(Settlement::Bought { .. } | Settlement::NotBought { .. }) => NoticeLevel::Info,
                _ => NoticeLevel::Warning,
            };
            self.say(level, text);
            return true;
        }
        let Purchase::Settling { id: awaited, .. } = &self.purchase else {
            return false;
        };
        if *awaited != id {
            return false;
        }
        let Purchase::Settling { target, reason, .. } = std::mem::take(&mut self.purchase) else {
            return false;
        };
        match settlement {
            Ok(Settlement::Bought { number }) => self.bought(target, None, Some(number)),
            Ok(not_bought @ Settlement::NotBought { .. }) => {
                self.say(NoticeLevel::Error, not_bought.describe());
                let still_held = target.reservation.as_ref().and_then(|held| {
                    let uuid = &held.reservation.uuid;
                    self.holds
                        .iter()
                        .any(|h| &h.reservation.uuid == uuid)
                        .then(|| uuid.clone())
                });
                self.step = match still_held {
                    Some(uuid) => {
                        self.current_hold = Some(uuid);
                        Step::Reserved
                    }
                    None if self.group.is_some() => Step::Review,
                    None => Step::Country,
                };
            }
            Ok(Settlement::Unknown { reason: why }) => {
                self.purchase = Purchase::Unknown {
                    target,
                    reason: format!("{reason}; {why}"),
                };
            }
            Err(error) => {
                self.purchase = Purchase::Unknown {
                    target,
                    reason: format!("{reason}; checking failed: {error}"),
                };
            }
        }
        true
    }

    /// Whether quitting now would leave something at stake.
    fn quitting_needs_asking(&self) -> bool {
        self.purchase_pending() || self.holds.iter().any(|h| h.is_active(self.now))
    }

    /// Ctrl-C or `q`: quits, or asks first when reservations or a purchase are at stake.
    pub(super) fn request_quit(&mut self) {
        if self.quitting_needs_asking() {
            self.modal = Some(Modal::QuitGuard);
        } else {
            self.quit = true;
        }
    }

    /// Keys while the quit guard is open.
    pub(super) fn update_quit_guard(&mut self, action: Action) -> Vec<Command> {
        match action {
            // A second Ctrl-C quits: the reservations stay and expire on their own.
            Action::KeepAndQuit | Action::Quit => {
                self.quit = true;
                Vec::new()
            }
            Action::Cancel => {
                self.modal = None;
                let active: Vec<ReservationId> = self
                    .holds
                    .iter()
                    .filter(|h| h.is_active(self.now))
                    .map(|h| h.reservation.uuid.clone())
                    .collect();
                if active.is_empty() {
                    self.quit = true;
                    return Vec::new();
                }
                self.say(
                    NoticeLevel::Info,
                    format!("Cancelling {} reservation(s), then quitting…", active.len()),
                );
                active
                    .into_iter()
                    .map(|uuid| {
                        let (id, command) = self.command(Call::Cancel { uuid: uuid.clone() });
                        self.quit_cancels.push((id, uuid));
                        command
                    })
                    .collect()
            }
            Action::Back | Action::Decline => {
                self.modal = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Takes in the answer to a cancellation sent on the way out; quits once all are in and
    /// none failed. Returns whether `id` was one.
    pub(super) fn apply_quit_cancel(
        &mut self,
        id: RequestId,
        result: &Result<Answer, ApiError>,
    ) -> bool {
        let Some(position) = self.quit_cancels.iter().position(|(c, _)| *c == id) else {
            return false;
        };
        let (_, uuid) = self.quit_cancels.remove(position);
        match result {
            Ok(_) => self.holds.retain(|h| h.reservation.uuid != uuid),
            Err(error) => {
                self.quit_cancel_failed = true;
                self.say(
                    NoticeLevel::Error,
                    format!(
                        "Could not cancel a reservation: {error}. Ctrl-C twice quits and keeps it."
                    ),
                );
            }
        }
        if self.quit_cancels.is_empty() && !self.quit_cancel_failed {
            self.quit = true;
        }
        true
    }
}
