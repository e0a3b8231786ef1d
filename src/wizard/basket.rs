//! The basket: numbers marked with Space on the number list or in the search of every group,
//! across groups, to reserve or buy together.
//!
//! The basket is a screen of its own over the body (Ctrl-K), like the reservations manager:
//! every marked number with its place, prices, its own reservation countdown and where its
//! order stands. There `r` reserves every marked number (the cost in credits asked first) and
//! `b` buys the whole basket after one confirmation that lists each number, its prices and
//! the totals. How the orders are sent and taken in is in [`super::basket_orders`].

use crate::api::model::{Group, Price, ReservationId};
use crate::protocol::Command;

use super::{Action, Held, Wizard};

/// Where one marked number's orders stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Marked; nothing sent for it yet (it may hold a reservation, see [`BasketItem::hold`]).
    Marked,
    /// Its reservation is on its way.
    Reserving,
    /// The reservation was not made.
    NotReserved {
        reason: String,
    },
    /// Confirmed for buying, waiting for its turn: purchases go one at a time.
    Queued,
    /// Its purchase is sent.
    Buying,
    /// Its purchase's answer was lost: the API is being asked whether it went through.
    Settling,
    Bought,
    /// The API refused it, or it was not bought.
    Refused {
        reason: String,
    },
    /// Its purchase was not sent: the buy rule refused it, or it could not be named.
    NotSent {
        reason: String,
    },
    /// Even asking the API did not tell whether it was bought.
    Unknown {
        reason: String,
    },
}

impl Stage {
    /// Whether an order of it is on its way, so that it is neither unmarked nor ordered again.
    pub(crate) fn in_flight(&self) -> bool {
        matches!(
            self,
            Self::Reserving | Self::Queued | Self::Buying | Self::Settling
        )
    }

    /// Whether it may be put in a purchase: not bought, not in flight, not of unknown outcome.
    pub(crate) fn buyable(&self) -> bool {
        !self.in_flight() && !matches!(self, Self::Bought | Self::Unknown { .. })
    }
}

/// A marked number: the number, the group it is sold in (for its id and prices), its
/// reservation once made, and where its orders stand.
#[derive(Debug, Clone, PartialEq)]
pub struct BasketItem {
    pub number: String,
    pub group: Group,
    pub hold: Option<ReservationId>,
    pub stage: Stage,
}

/// A question the basket asks before spending: `y` answers it, `n`/Esc declines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BasketAsk {
    /// Reserve these numbers: one request, one credit, each.
    Reserve { numbers: Vec<String> },
    /// Buy these numbers, each with its own purchase.
    Buy { numbers: Vec<String> },
}

/// The marked numbers, and the basket screen's state.
#[derive(Debug, Clone, Default)]
pub struct Basket {
    pub items: Vec<BasketItem>,
    /// Whether the basket screen is shown.
    pub open: bool,
    pub cursor: usize,
    pub ask: Option<BasketAsk>,
}

impl Basket {
    /// The item of `number`, if marked.
    pub fn item(&self, number: &str) -> Option<&BasketItem> {
        self.items.iter().find(|i| i.number == number)
    }

    pub(super) fn item_mut(&mut self, number: &str) -> Option<&mut BasketItem> {
        self.items.iter_mut().find(|i| i.number == number)
    }

    #[cfg(test)]
    /// Whether `number` is marked.
    pub(crate) fn is_marked(&self, number: &str) -> bool {
        self.item(number).is_some()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Marks `number` of `group`, or unmarks it; an item whose order is on its way stays.
    /// Returns whether it is marked afterwards.
    pub(crate) fn toggle(&mut self, number: &str, group: &Group) -> bool {
        match self.items.iter().position(|i| i.number == number) {
            Some(at) if self.items[at].stage.in_flight() => true,
            Some(at) => {
                self.items.remove(at);
                self.cursor = self.cursor.min(self.items.len().saturating_sub(1));
                false
            }
            None => {
                self.items.push(BasketItem {
                    number: number.to_owned(),
                    group: group.clone(),
                    hold: None,
                    stage: Stage::Marked,
                });
                true
            }
        }
    }

    /// The items a question is about, in the basket's order.
    pub(crate) fn items_of<'a>(
        &'a self,
        numbers: &'a [String],
    ) -> impl Iterator<Item = &'a BasketItem> {
        self.items.iter().filter(|i| numbers.contains(&i.number))
    }
}

/// The totals of a purchase of several numbers: due now (every setup and first month) and
/// monthly; unknown when any number's price is.
pub fn totals<'a>(groups: impl IntoIterator<Item = &'a Group>) -> (Price, Price) {
    let mut due_now = Price::Known(Default::default());
    let mut monthly = Price::Known(Default::default());
    for group in groups {
        due_now = add(due_now, crate::money::due_now(&group.price));
        monthly = add(monthly, group.price.monthly);
    }
    (due_now, monthly)
}

fn add(sum: Price, price: Price) -> Price {
    match (sum, price) {
        (Price::Known(sum), Price::Known(price)) => Price::Known(sum + price),
        _ => Price::Unknown,
    }
}

impl Wizard {
    /// The marked numbers.
    pub fn basket(&self) -> &Basket {
        &self.held.basket
    }

    /// The reservation of a basket item, when the wizard holds it.
    pub(crate) fn basket_hold(&self, item: &BasketItem) -> Option<&Held> {
        let uuid = item.hold.as_ref()?;
        self.held.holds.iter().find(|h| &h.reservation.uuid == uuid)
    }

    /// Space on the number list: marks the highlighted number, or unmarks it.
    pub(super) fn mark_highlighted_number(&mut self) {
        let Some(group) = self.chosen.group.clone() else {
            return;
        };
        let Some(number) = (self.lists.numbers.load.loaded())
            .and_then(super::NumberList::selected)
            .map(|n| n.number.clone())
        else {
            return;
        };
        self.toggle_mark(&number, &group);
    }

    /// Space in the search of every group: marks the highlighted number in its own group.
    pub(super) fn mark_found_number(&mut self) {
        let Some((group, number)) = (self.lists.everywhere.as_ref()).and_then(|s| s.selected())
        else {
            return;
        };
        let (group, number) = (group.clone(), number.number.clone());
        self.toggle_mark(&number, &group);
    }

    fn toggle_mark(&mut self, number: &str, group: &Group) {
        let marked = self.held.basket.toggle(number, group);
        let count = self.held.basket.len();
        let text = if marked {
            format!("Marked. The basket holds {count}: Ctrl-K shows it, to reserve or buy them.")
        } else {
            format!("Unmarked. The basket holds {count}.")
        };
        self.say(super::NoticeLevel::Info, text);
    }

    /// Ctrl-K: shows the basket (over whatever else was open).
    pub(super) fn open_basket(&mut self) -> Vec<Command> {
        self.chrome.manager = None;
        self.chrome.owned = None;
        self.chrome.notice = None;
        self.held.basket.open = true;
        self.held.basket.cursor = self
            .held
            .basket
            .cursor
            .min(self.held.basket.len().saturating_sub(1));
        Vec::new()
    }

    /// A key while the basket is shown.
    pub(super) fn update_basket(&mut self, action: Action) -> Vec<Command> {
        if self.held.basket.ask.is_some() {
            return self.answer_basket(action);
        }
        match action {
            Action::Move(step) => {
                let basket = &mut self.held.basket;
                basket.cursor = super::picker::moved(basket.cursor, basket.len(), step);
                Vec::new()
            }
            Action::Back => {
                self.held.basket.open = false;
                Vec::new()
            }
            Action::Mark => {
                let basket = &mut self.held.basket;
                if let Some(item) = basket.items.get(basket.cursor).cloned() {
                    self.toggle_mark(&item.number, &item.group);
                }
                Vec::new()
            }
            Action::Reserve => {
                self.ask_to_reserve_basket();
                Vec::new()
            }
            Action::Buy => {
                self.ask_to_buy_basket();
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// `r` or `b` in the search of every group: the basket, with its question.
    pub(super) fn basket_from_everywhere(&mut self, action: Action) -> Vec<Command> {
        let commands = self.open_basket();
        match action {
            Action::Reserve => self.ask_to_reserve_basket(),
            Action::Buy => self.ask_to_buy_basket(),
            _ => {}
        }
        commands
    }

    /// The keys of a basket question: `y` sends, `n` or Esc does not; Enter does nothing.
    fn answer_basket(&mut self, action: Action) -> Vec<Command> {
        match action {
            Action::Confirm => match self.held.basket.ask.take() {
                Some(BasketAsk::Reserve { numbers }) => self.reserve_basket(&numbers),
                Some(BasketAsk::Buy { numbers }) => self.buy_basket(&numbers),
                None => Vec::new(),
            },
            Action::Decline | Action::Back => {
                self.held.basket.ask = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
