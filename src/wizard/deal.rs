//! Reserving, buying and cancelling: the steps that change what the account holds.
//!
//! A purchase passes a confirmation (`y` buys; Enter alone never does), is sent once, and
//! blocks every further buy until its answer is in. A reservation is filed under the group it
//! was asked for, whatever the screen shows when its answer arrives.

use std::time::{Duration, Instant};

use crate::api::ApiError;
use crate::api::model::{Group, GroupId, ReservationId};
use crate::protocol::{Answer, Call, Command};

use super::{Action, Held, NoticeLevel, Pending, PurchaseTarget, Step, Wizard, expect_answer};

impl Wizard {
    /// `r`, `b` and `c` on the Review and Reserved steps.
    pub(super) fn deal(&mut self, action: Action) -> Vec<Command> {
        match (self.step, action) {
            (Step::Review, Action::Reserve) => {
                let group = self.chosen.group.clone();
                let number = self.chosen.number.clone();
                group
                    .and_then(|group| self.reserve(group.id.clone(), Some(group), number, false))
                    .into_iter()
                    .collect()
            }
            // An expired reservation can be made again, for the same number (a new credit).
            (Step::Reserved, Action::Reserve) => match self.shown_hold() {
                Some(held) if held.is_expired(self.now) => {
                    let group_id = held.group_id().cloned();
                    let group = held.group.clone();
                    let number = Some(held.reservation.number.clone());
                    group_id
                        .and_then(|group_id| self.reserve(group_id, group, number, false))
                        .into_iter()
                        .collect()
                }
                _ => Vec::new(),
            },
            (Step::Review, Action::Buy) => {
                let Some(group) = self.chosen.group.clone() else {
                    return Vec::new();
                };
                match self.chosen.number.clone() {
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
                    None => self
                        .reserve(group.id.clone(), Some(group), None, true)
                        .into_iter()
                        .collect(),
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
    pub(crate) fn shown_hold(&self) -> Option<&Held> {
        let uuid = self.held.current_hold.as_ref()?;
        self.held.holds.iter().find(|h| &h.reservation.uuid == uuid)
    }

    /// Reserves `number` (a random one if `None`) in the group `group_id`, unless a
    /// reservation is already on its way.
    fn reserve(
        &mut self,
        group_id: GroupId,
        group: Option<Group>,
        number: Option<String>,
        then_buy: bool,
    ) -> Option<Command> {
        if self.requests.any(|p| matches!(p, Pending::Reserve { .. })) {
            return None;
        }
        let call = Call::Reserve {
            group: group_id.clone(),
            number: number.clone(),
            reference: self.chosen.reference.clone(),
        };
        let pending = Pending::Reserve {
            group_id,
            group,
            number,
            then_buy,
        };
        Some(self.requests.ask(call, pending))
    }

    /// Whether a reservation is on its way (a spinner shows).
    pub(crate) fn is_reserving(&self) -> bool {
        self.requests.any(|p| matches!(p, Pending::Reserve { .. }))
    }

    /// Whether a cancellation the operator asked for is on its way (a spinner shows).
    pub(crate) fn is_cancelling(&self) -> bool {
        self.requests
            .any(|p| matches!(p, Pending::Cancel { on_quit: false, .. }))
    }

    pub(super) fn cancel(&mut self, uuid: ReservationId) -> Option<Command> {
        if self.is_cancelling() {
            return None;
        }
        let call = Call::Cancel { uuid: uuid.clone() };
        Some(self.requests.ask(
            call,
            Pending::Cancel {
                uuid,
                on_quit: false,
            },
        ))
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
            .filter(|g| g.id == group_id)
            .or_else(|| {
                let groups = self.lists.groups.load.loaded()?;
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

    /// Takes in the answer to a reservation asked for in `group_id` (`group` its record, when
    /// the screen had it). The reservation is filed under that group, not the one on screen.
    pub(super) fn apply_reserved(
        &mut self,
        group_id: GroupId,
        group: Option<Group>,
        number: Option<String>,
        then_buy: bool,
        received_at: Instant,
        result: Result<Answer, ApiError>,
    ) {
        // A reservation found in the list after its answer was lost is kept like any other,
        // and the operator is told: the request seemed to fail, yet a credit was spent.
        let (result, answer_lost) = match result {
            Ok(Answer::ReservedAfterLostAnswer { reservation, lost }) => {
                (Ok(Answer::Reserved(reservation)), Some(lost))
            }
            other => (other, None),
        };
        let reservation = match expect_answer!(result, Answer::Reserved) {
            Ok(reservation) => reservation,
            Err(message) => {
                self.say(NoticeLevel::Error, format!("Not reserved: {message}"));
                return;
            }
        };
        let uuid = self.file_hold(reservation, &group_id, group, received_at);
        // Show it only where the operator still looks at what was reserved.
        let screen_group = self.chosen.group.as_ref().map(|g| &g.id);
        let on_screen = match self.step {
            Step::Review => screen_group == Some(&group_id) && self.chosen.number == number,
            Step::Reserved => true,
            _ => false,
        };
        if on_screen {
            self.held.current_hold = Some(uuid);
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
        if let (Some(lost), Some(held)) = (answer_lost, self.held.holds.last()) {
            let number = crate::phone_format::international(&held.reservation.number);
            self.say(
                NoticeLevel::Warning,
                format!(
                    "Reserved {number}, though its answer could not be read ({lost}): \
                     it was found in your reservations, and is kept."
                ),
            );
        }
    }

    /// Files a reservation the API made, asked for in `group_id` (`group` its record, when
    /// known), as a hold counted down from the arrival of its answer; returns its uuid.
    pub(super) fn file_hold(
        &mut self,
        reservation: crate::api::model::Reservation,
        group_id: &GroupId,
        group: Option<Group>,
        received_at: Instant,
    ) -> ReservationId {
        // The server's own lifetime, so a skewed local clock changes nothing.
        let lifetime = reservation
            .expires_at
            .duration_since(reservation.created_at.unwrap_or(self.now_utc));
        let lifetime = Duration::try_from(lifetime).unwrap_or_default();
        // The API's group, when it names one, is the truth; the record asked with serves
        // only if it is that group.
        let api_group = reservation.group_id.clone().unwrap_or(group_id.clone());
        let group = group.filter(|g| g.id == api_group);
        let uuid = reservation.uuid.clone();
        self.held.holds.retain(|h| h.reservation.uuid != uuid);
        self.held.holds.push(Held {
            reservation,
            expiry_recorded: false,
            group,
            deadline: received_at + lifetime,
            gone: false,
        });
        uuid
    }

    /// Takes in the answer to a cancellation of `uuid` the operator asked for.
    pub(super) fn apply_cancelled(
        &mut self,
        uuid: ReservationId,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        match expect_answer!(result, Answer::Cancelled) {
            Ok(_) => {
                self.held.holds.retain(|h| h.reservation.uuid != uuid);
                self.say(
                    NoticeLevel::Info,
                    "Reservation cancelled; the number is back in the pool.",
                );
                if self.step == Step::Reserved && self.held.current_hold.as_ref() == Some(&uuid) {
                    self.held.current_hold = None;
                    // The numbers shown before still list the number as taken.
                    self.lists.numbers.reset();
                    let back = if self
                        .chosen
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
        Vec::new()
    }
}
