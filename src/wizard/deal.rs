//! Reserving, buying and cancelling: the steps that change what the account holds.
//!
//! A purchase passes a confirmation (`y` buys; Enter alone never does), is sent once, and
//! blocks every further buy until its answer is in.

use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::api::model::{GroupId, ReservationId};
use crate::worker::{Answer, Call, Command, RequestId};

use super::{Action, Held, NoticeLevel, PurchaseTarget, Step, Wizard, expect_answer};

impl Wizard {
    /// `r`, `b` and `c` on the Review and Reserved steps.
    pub(super) fn deal(&mut self, action: Action) -> Vec<Command> {
        match (self.step, action) {
            (Step::Review, Action::Reserve) => {
                let group = self.group.as_ref().map(|g| g.id.clone());
                let number = self.number.clone();
                group
                    .and_then(|group| self.reserve(group, number))
                    .into_iter()
                    .collect()
            }
            // An expired reservation can be made again, for the same number (a new credit).
            (Step::Reserved, Action::Reserve) => match self.shown_hold() {
                Some(held) if held.is_expired(self.now) => {
                    let group = held.group_id().cloned();
                    let number = Some(held.reservation.number.clone());
                    group
                        .and_then(|group| self.reserve(group, number))
                        .into_iter()
                        .collect()
                }
                _ => Vec::new(),
            },
            (Step::Review, Action::Buy) => {
                let Some(group) = self.group.clone() else {
                    return Vec::new();
                };
                match self.number.clone() {
                    Some(number) => {
                        self.ask_to_buy(PurchaseTarget {
                            group_id: group.id.clone(),
                            group: Some(group),
                            number: Some(number),
                            reservation: None,
                        });
                        Vec::new()
                    }
                    // A purchase always names its number: a group that assigns numbers is
                    // asked for one by reserving, and the operator sees which number and its
                    // countdown before confirming.
                    None => {
                        let command = self.reserve(group.id, None);
                        self.reserve_then_buy = command.is_some();
                        command.into_iter().collect()
                    }
                }
            }
            (Step::Reserved, Action::Buy) => {
                if let Some(held) = self.shown_hold().cloned() {
                    self.buy_hold(held);
                }
                Vec::new()
            }
            (Step::Reserved, Action::Cancel) => match self.shown_hold() {
                Some(held) => {
                    let uuid = held.reservation.uuid.clone();
                    self.cancel(uuid).into_iter().collect()
                }
                None => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The reservation shown on the Reserved step.
    pub fn shown_hold(&self) -> Option<&Held> {
        let uuid = self.current_hold.as_ref()?;
        self.holds.iter().find(|h| &h.reservation.uuid == uuid)
    }

    fn reserve(&mut self, group: GroupId, number: Option<String>) -> Option<Command> {
        if self.reserving.is_some() {
            return None;
        }
        let (id, command) = self.command(Call::Reserve { group, number });
        self.reserving = Some(id);
        Some(command)
    }

    pub(super) fn cancel(&mut self, uuid: ReservationId) -> Option<Command> {
        if self.cancelling.is_some() {
            return None;
        }
        let (id, command) = self.command(Call::Cancel { uuid: uuid.clone() });
        self.cancelling = Some((id, uuid));
        Some(command)
    }

    pub(super) fn buy_hold(&mut self, held: Held) {
        if held.gone {
            self.say(
                NoticeLevel::Warning,
                "This reservation is no longer listed by the API: it expired or was bought elsewhere.",
            );
            return;
        }
        let Some(group_id) = held.group_id().cloned() else {
            self.say(
                NoticeLevel::Warning,
                "numpick does not know the group of this reservation, so it cannot buy it here.",
            );
            return;
        };
        let group = held
            .group
            .clone()
            .or_else(|| {
                let groups = self.groups.load.loaded()?;
                groups.items().iter().find(|g| g.id == group_id).cloned()
            })
            .or_else(|| super::listed::group_of_listing(&held.reservation));
        // The confirmation always shows both prices: without them, nothing is bought here.
        let Some(group) = group else {
            self.say(
                NoticeLevel::Warning,
                "numpick does not know this reservation's prices, so it does not buy it here: open its group in the wizard to buy it.",
            );
            return;
        };
        self.ask_to_buy(PurchaseTarget {
            group_id,
            group: Some(group),
            number: Some(held.reservation.number.clone()),
            reservation: Some(held),
        });
    }

    /// Takes in the answer to a reservation or a cancellation.
    pub(super) fn apply_deal(
        &mut self,
        id: RequestId,
        received_at: Instant,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        if self.reserving == Some(id) {
            self.reserving = None;
            match expect_answer!(result, Answer::Reserved) {
                Ok(reservation) => {
                    // The server's own lifetime, so a skewed local clock changes nothing.
                    let lifetime = reservation
                        .expires_at
                        .duration_since(reservation.created_at.unwrap_or(self.now_utc));
                    let lifetime = Duration::try_from(lifetime).unwrap_or_default();
                    let uuid = reservation.uuid.clone();
                    self.holds.retain(|h| h.reservation.uuid != uuid);
                    self.holds.push(Held {
                        reservation,
                        expiry_recorded: false,
                        group: self.group.clone(),
                        deadline: received_at + lifetime,
                        gone: false,
                    });
                    let then_buy = std::mem::take(&mut self.reserve_then_buy);
                    if matches!(self.step, Step::Review | Step::Reserved) {
                        self.current_hold = Some(uuid);
                        self.step = Step::Reserved;
                        if then_buy && let Some(held) = self.shown_hold().cloned() {
                            self.buy_hold(held);
                        }
                    } else {
                        self.say(
                            NoticeLevel::Info,
                            "Reserved. Ctrl-R lists your reservations.",
                        );
                    }
                }
                Err(message) => {
                    self.reserve_then_buy = false;
                    self.say(NoticeLevel::Error, format!("Not reserved: {message}"));
                }
            }
        } else if let Some((_, uuid)) = self.cancelling.take() {
            match expect_answer!(result, Answer::Cancelled) {
                Ok(_) => {
                    self.holds.retain(|h| h.reservation.uuid != uuid);
                    self.say(
                        NoticeLevel::Info,
                        "Reservation cancelled; the number is back in the pool.",
                    );
                    if self.step == Step::Reserved && self.current_hold.as_ref() == Some(&uuid) {
                        self.current_hold = None;
                        // The numbers shown before still list the number as taken.
                        self.numbers.reset();
                        let back = if self
                            .group
                            .as_ref()
                            .is_some_and(|g| g.allow_number_selection)
                        {
                            Step::Number
                        } else {
                            Step::Review
                        };
                        return self.go(back);
                    }
                }
                Err(message) => self.say(NoticeLevel::Error, format!("Not cancelled: {message}")),
            }
        }
        Vec::new()
    }
}
