//! The basket's orders: a reservation of every marked number, and the purchase of the whole
//! basket after one confirmation.
//!
//! Reservations are sent together, one request per number; the client's rate limiter paces
//! them, and the worker records each (the orders module's `reserve_recorded`).
//! Purchases go one at a time, each its own journalled intent and its own request naming its
//! number (`purchase_recorded`); [`crate::buy_rule`] is asked before each is
//! sent. A refusal of one number does not stop the others; an outcome that is not known is
//! settled by asking the API first, as a single purchase's is. Only when even that cannot
//! tell does the buy rule stop the rest, which are then shown as not sent, with its reason.

use std::time::Instant;

use crate::api::ApiError;
use crate::api::model::{E164, Group, PurchaseOrder};
use crate::buy_rule;
use crate::money::AgreedPrices;
use crate::outcome::Settlement;
use crate::protocol::{Answer, Call, Command};

use super::basket::{BasketAsk, Stage};
use super::{NoticeLevel, Pending, PurchaseTarget, Wizard, expect_answer};

/// A request sent for one number of the basket, with what it was asked for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum BasketJob {
    Reserve { number: String, group: Group },
    Purchase { target: PurchaseTarget },
    Settle { target: PurchaseTarget },
}

impl BasketJob {
    pub(crate) fn is_purchase(&self) -> bool {
        matches!(self, Self::Purchase { .. })
    }

    pub(crate) fn is_settle(&self) -> bool {
        matches!(self, Self::Settle { .. })
    }
}

impl Wizard {
    /// `r` in the basket: asks to reserve every marked number that holds no active
    /// reservation, saying what it costs.
    pub(super) fn ask_to_reserve_basket(&mut self) {
        let now = self.now;
        let numbers: Vec<String> = (self.held.basket.items.iter())
            .filter(|item| item.stage.buyable())
            .filter(|item| !self.basket_hold(item).is_some_and(|h| h.is_active(now)))
            .map(|item| item.number.clone())
            .collect();
        if numbers.is_empty() {
            let text = if self.held.basket.is_empty() {
                "The basket is empty: Space marks numbers on the number list."
            } else {
                "Every number in the basket is reserved, bought or on its way."
            };
            self.say(NoticeLevel::Info, text);
            return;
        }
        self.held.basket.ask = Some(BasketAsk::Reserve { numbers });
    }

    /// `y` to the reservation question: one reservation request per number, sent together.
    pub(super) fn reserve_basket(&mut self, numbers: &[String]) -> Vec<Command> {
        let mut commands = Vec::new();
        for number in numbers {
            let Some(item) = self.held.basket.item_mut(number) else {
                continue;
            };
            if !item.stage.buyable() {
                continue;
            }
            item.stage = Stage::Reserving;
            let group = item.group.clone();
            let call = Call::Reserve {
                group: group.id.clone(),
                number: Some(number.clone()),
                reference: self.chosen.reference.clone(),
            };
            let job = BasketJob::Reserve {
                number: number.clone(),
                group,
            };
            commands.push(self.requests.ask(call, Pending::Basket(job)));
        }
        self.say(
            NoticeLevel::Info,
            format!(
                "Reserving {}…",
                crate::wording::counted(commands.len(), "number")
            ),
        );
        commands
    }

    /// `b` in the basket: asks once to buy every number that can be bought, unless the buy
    /// rule says no purchase may start now.
    pub(super) fn ask_to_buy_basket(&mut self) {
        let numbers: Vec<String> = (self.held.basket.items.iter())
            .filter(|item| item.stage.buyable())
            .map(|item| item.number.clone())
            .collect();
        if numbers.is_empty() {
            let text = if self.held.basket.is_empty() {
                "The basket is empty: Space marks numbers on the number list."
            } else {
                "Nothing in the basket can be bought now: every number is bought or on its way."
            };
            self.say(NoticeLevel::Info, text);
            return;
        }
        if !self.may_buy_now() {
            return;
        }
        self.held.basket.ask = Some(BasketAsk::Buy { numbers });
    }

    /// `y` to the purchase question: the numbers are queued and the first is sent.
    pub(super) fn buy_basket(&mut self, numbers: &[String]) -> Vec<Command> {
        for number in numbers {
            if let Some(item) = self.held.basket.item_mut(number)
                && item.stage.buyable()
            {
                item.stage = Stage::Queued;
            }
        }
        self.send_next_basket_purchase()
    }

    /// Sends the purchase of the next queued number, once nothing else is being bought or
    /// settled. The buy rule is asked for each; when it refuses, no queued number is sent.
    fn send_next_basket_purchase(&mut self) -> Vec<Command> {
        if self.purchase_pending() {
            return Vec::new();
        }
        loop {
            let Some(item) = (self.held.basket.items.iter()).find(|i| i.stage == Stage::Queued)
            else {
                self.say_basket_done();
                return Vec::new();
            };
            let (number, group) = (item.number.clone(), item.group.clone());
            if let Err(refusal) = buy_rule::may_buy(&self.buy_state()) {
                for item in &mut self.held.basket.items {
                    if item.stage == Stage::Queued {
                        item.stage = Stage::NotSent {
                            reason: refusal.to_string(),
                        };
                    }
                }
                self.say(NoticeLevel::Warning, refusal.to_string());
                return Vec::new();
            }
            // An order always names its number: one numpick cannot name is not sent.
            let Some(e164) = E164::parse(&number) else {
                self.set_stage(
                    &number,
                    Stage::NotSent {
                        reason: "numpick buys only a number it can name".to_owned(),
                    },
                );
                continue;
            };
            // Its reservation is used while it lasts; past it, the number is bought as any
            // unreserved number is, if it is still free.
            let reservation = (self.held.basket.item(&number))
                .and_then(|item| self.basket_hold(item))
                .filter(|held| held.is_active(self.now))
                .cloned();
            let target = PurchaseTarget {
                group_id: group.id.clone(),
                group: Some(group.clone()),
                number: Some(number.clone()),
                reservation,
            };
            let call = Call::Purchase {
                order: PurchaseOrder::new(group.id.clone(), e164),
                reservation: (target.reservation.as_ref()).map(|h| h.reservation.uuid.clone()),
                reference: self.chosen.reference.clone(),
                // What the basket's confirmation showed for this number.
                prices: Some(AgreedPrices {
                    setup: group.price.setup,
                    monthly: group.price.monthly,
                }),
            };
            self.set_stage(&number, Stage::Buying);
            self.say(NoticeLevel::Info, format!("Buying {number}…"));
            let job = BasketJob::Purchase { target };
            return vec![self.requests.ask(call, Pending::Basket(job))];
        }
    }

    fn set_stage(&mut self, number: &str, stage: Stage) {
        if let Some(item) = self.held.basket.item_mut(number) {
            item.stage = stage;
        }
    }

    /// Once no number is queued: how the purchases ended, in one line.
    fn say_basket_done(&mut self) {
        let count = |wanted: fn(&Stage) -> bool| {
            (self.held.basket.items.iter())
                .filter(|i| wanted(&i.stage))
                .count()
        };
        let bought = count(|s| *s == Stage::Bought);
        let refused = count(|s| matches!(s, Stage::Refused { .. } | Stage::NotSent { .. }));
        let unknown = count(|s| matches!(s, Stage::Unknown { .. }));
        let level = if refused + unknown > 0 {
            NoticeLevel::Warning
        } else {
            NoticeLevel::Info
        };
        let mut text = format!("Basket: {bought} bought");
        if refused > 0 {
            text.push_str(&format!(", {refused} not bought"));
        }
        if unknown > 0 {
            text.push_str(&format!(", {unknown} unknown"));
        }
        text.push_str(" — each number's outcome is listed.");
        self.say(level, text);
    }

    /// Takes in the answer to one of the basket's requests.
    pub(super) fn apply_basket(
        &mut self,
        job: BasketJob,
        received_at: Instant,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        match job {
            BasketJob::Reserve { number, group } => {
                self.apply_basket_reserved(&number, group, received_at, result);
                Vec::new()
            }
            BasketJob::Purchase { target } => self.apply_basket_purchase(target, result),
            BasketJob::Settle { target } => {
                let number = target.number.clone().unwrap_or_default();
                match super::purchase::settlement_of(&result) {
                    Ok(Settlement::Bought { .. }) => self.basket_bought(&target),
                    Ok(not_bought @ Settlement::NotBought { .. }) => {
                        let reason = not_bought.describe();
                        self.set_stage(&number, Stage::Refused { reason });
                    }
                    Ok(Settlement::Unknown { reason }) => self.basket_unknown(&number, reason),
                    Err(error) => {
                        self.basket_unknown(&number, format!("checking failed: {error}"));
                    }
                }
                self.send_next_basket_purchase()
            }
        }
    }

    fn apply_basket_reserved(
        &mut self,
        number: &str,
        group: Group,
        received_at: Instant,
        result: Result<Answer, ApiError>,
    ) {
        let stage = match expect_answer!(result, Answer::Reserved) {
            Ok(reservation) => {
                let group_id = group.id.clone();
                let uuid = self.file_hold(reservation, &group_id, Some(group), received_at);
                if let Some(item) = self.held.basket.item_mut(number) {
                    item.hold = Some(uuid);
                }
                Stage::Marked
            }
            Err(reason) => Stage::NotReserved { reason },
        };
        self.set_stage(number, stage);
        if !self
            .held
            .basket
            .items
            .iter()
            .any(|i| i.stage == Stage::Reserving)
        {
            let held = (self.held.basket.items.iter())
                .filter(|i| self.basket_hold(i).is_some_and(|h| h.is_active(self.now)))
                .count();
            self.say(
                NoticeLevel::Info,
                format!(
                    "{held} of {} reserved; each countdown is in the basket.",
                    self.held.basket.len()
                ),
            );
        }
    }

    fn apply_basket_purchase(
        &mut self,
        target: PurchaseTarget,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        let number = target.number.clone().unwrap_or_default();
        match result {
            Ok(Answer::Purchased { .. }) => self.basket_bought(&target),
            Ok(Answer::PurchaseRefused { reason, .. }) => {
                self.set_stage(&number, Stage::Refused { reason });
            }
            Ok(Answer::PurchaseUnknown { pending, reason }) => {
                // Settled as a single purchase is, before anything else is sent.
                self.set_stage(&number, Stage::Settling);
                self.say(
                    NoticeLevel::Warning,
                    format!("{number}: {reason}; checking whether it was bought…"),
                );
                let job = BasketJob::Settle { target };
                return vec![
                    self.requests
                        .ask(Call::Settle(pending), Pending::Basket(job)),
                ];
            }
            Err(ApiError::OutcomeUnknown { reason }) => self.basket_unknown(&number, reason),
            Err(error) => {
                let reason = error.to_string();
                self.set_stage(&number, Stage::Refused { reason });
            }
            Ok(_) => {
                tracing::warn!("worker answered a purchase with another kind of data");
                let reason = "numpick could not read the answer".to_owned();
                self.basket_unknown(&number, reason);
            }
        }
        self.send_next_basket_purchase()
    }

    /// A number of the basket was bought: its reservation is used up, and the number list no
    /// longer offers it.
    fn basket_bought(&mut self, target: &PurchaseTarget) {
        let number = target.number.clone().unwrap_or_default();
        if let Some(held) = &target.reservation {
            self.held
                .holds
                .retain(|h| h.reservation.uuid != held.reservation.uuid);
        }
        if let Some(list) = self.lists.numbers.load.loaded_mut() {
            list.remove_number(&number);
        }
        self.set_stage(&number, Stage::Bought);
    }

    /// Even asking did not tell whether `number` was bought: buying stays off (the buy rule
    /// then stops what is queued).
    fn basket_unknown(&mut self, number: &str, reason: String) {
        self.held.outcome_unknown = true;
        self.set_stage(number, Stage::Unknown { reason });
    }
}
