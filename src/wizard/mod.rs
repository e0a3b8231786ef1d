//! The wizard: the whole interactive state, as a pure state machine.
//!
//! [`Wizard::update`] takes the operator's [`Action`]s, [`Wizard::apply`] the worker's answers
//! and [`Wizard::tick`] the passing of time; each changes the state and returns the
//! [`Command`]s the worker should perform. Nothing here awaits, spawns, reads the clock or
//! touches the terminal, so every transition is testable without a runtime.

mod action;
mod alerts;
mod answers;
pub mod basket;
mod basket_orders;
mod clipboard;
mod command_line;
mod deal;
pub mod everywhere;
mod flow;
mod history;
mod kept_pattern;
mod listed;
pub mod load;
mod manager;
mod nationals;
pub mod numbers;
pub(crate) mod offered_types;
mod opening;
mod own_holds;
mod owned;
mod parts;
mod paste;
pub mod picker;
mod place_calls;
mod prefix_jump;
mod purchase;
mod queries;
mod reference;
mod refused;
mod requests;
pub mod rows;
mod sifted;
mod slots;
mod sorting;
mod state;
mod summary;
#[cfg(test)]
mod tests;
mod vanity_box;

use std::time::{Duration, Instant};

use jiff::Timestamp;

use crate::api::Backend;

use crate::outcome::PendingPurchase;
use crate::protocol::{Answer, Call, Command, WorkerMsg};
use parts::{Chosen, Chrome, Holdings, Lists};

pub use action::Action;
pub(crate) use action::InputMode;
pub(crate) use alerts::DEFAULT_ALERT_BEFORE;
pub use basket::Basket;
pub use basket::BasketAsk;
pub use basket::BasketItem;
pub use basket::Stage as BasketStage;
pub(crate) use everywhere::Everywhere;
pub(crate) use everywhere::Phase as EverywherePhase;
pub use history::HistoryView;
pub(crate) use load::Fetched;
pub use load::Load;
pub use load::Stage;
pub(crate) use numbers::NumberList;
pub(crate) use offered_types::TypeOffer;
pub(crate) use owned::{OwnedView, ReleaseConfirm};
pub use picker::Move;
pub use picker::Picker;
pub(crate) use requests::{Pending, Requests};
pub(crate) use rows::Choice;
pub use state::Held;
pub use state::Notice;
pub use state::NoticeLevel;
pub use state::PurchaseTarget;
pub use state::Quitting;
pub(crate) use state::{Manager, Meter};
pub use state::{Modal, Purchase};

/// How long the vanity box waits after the last keystroke before asking the API.
pub const VANITY_DEBOUNCE: Duration = Duration::from_millis(300);

/// The wizard's screens, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Country,
    Region,
    City,
    DidType,
    Group,
    Number,
    Review,
    Reserved,
    Done,
}

/// The whole interactive state.
pub struct Wizard {
    pub(crate) now: Instant,
    pub(crate) now_utc: Timestamp,
    pub(crate) backend: Backend,
    pub(crate) step: Step,
    /// Every request awaited, with the context it was asked in.
    pub(crate) requests: Requests,
    pub(crate) chosen: Chosen,
    pub(crate) lists: Lists,
    pub(crate) held: Holdings,
    pub(crate) chrome: Chrome,
}

impl Wizard {
    /// A wizard at the country step. `now` and `now_utc` are the same moment on the monotonic
    /// and the wall clock.
    pub fn new(backend: Backend, now: Instant, now_utc: Timestamp) -> Self {
        Self {
            now,
            now_utc,
            backend,
            step: Step::Country,
            requests: Requests::default(),
            chosen: Chosen::default(),
            lists: Lists::default(),
            held: Holdings::default(),
            chrome: Chrome::new(now),
        }
    }

    /// The commands to send when the wizard starts: the account's active reservations, and
    /// the settling of purchases an earlier run left without an outcome (`unsettled`, from
    /// the journal). Buying is possible once those are settled and none stayed unknown.
    #[must_use = "the commands must be sent to the worker"]
    pub fn start(&mut self, unsettled: Vec<PendingPurchase>) -> Vec<Command> {
        let mut commands = vec![self.request_reservations()];
        commands.push(self.requests.ask(Call::AccountInfo, Pending::AccountInfo));
        let settling = !unsettled.is_empty();
        for pending in unsettled {
            let command = self
                .requests
                .ask(Call::Settle(pending), Pending::SettleEarlier);
            commands.push(command);
        }
        if settling {
            self.say(
                NoticeLevel::Info,
                "Checking whether an earlier purchase went through…",
            );
        }
        commands
    }

    /// Sets the server's time, before an answer is applied: the answer's own dates (a
    /// reservation's end) are then read against the clock they were written by, which its
    /// `Date` header has just told, not against this machine's.
    pub fn set_server_time(&mut self, now_utc: Timestamp) {
        self.now_utc = now_utc;
    }

    /// Lets time pass: expires what ran out and sends a vanity query once typing paused.
    #[must_use = "the commands must be sent to the worker"]
    pub fn tick(&mut self, now: Instant, now_utc: Timestamp) -> Vec<Command> {
        self.now = now;
        self.now_utc = now_utc;
        let mut commands = Vec::new();
        for held in &mut self.held.holds {
            if held.is_expired(now) && !held.expiry_recorded {
                held.expiry_recorded = true;
                commands.push(Command::RecordExpired {
                    uuid: held.reservation.uuid.clone(),
                });
            }
        }
        self.note_expiry_alerts();
        if self.lists.vanity_due.is_some_and(|due| now >= due) {
            self.lists.vanity_due = None;
            commands.extend(self.request_vanity());
        }
        commands
    }

    /// Handles one action of the operator.
    #[must_use = "the commands must be sent to the worker"]
    pub fn update(&mut self, action: Action) -> Vec<Command> {
        if let Some(Modal::QuitGuard) = self.chrome.modal {
            return self.update_quit_guard(action);
        }
        if self.chrome.command_line.is_some() {
            return self.update_command_line(action);
        }
        if action == Action::Quit {
            self.request_quit();
            return Vec::new();
        }
        if let Some(Modal::Help) = self.chrome.modal {
            match action {
                // The help is about thirty lines: past that there is nothing to scroll to.
                Action::Move(Move::Down | Move::PageDown) => {
                    self.chrome.help_scroll = (self.chrome.help_scroll + 1).min(30);
                }
                Action::Move(Move::Up | Move::PageUp) => {
                    self.chrome.help_scroll = self.chrome.help_scroll.saturating_sub(1);
                }
                _ => self.chrome.modal = None,
            }
            return Vec::new();
        }
        if matches!(self.chrome.modal, Some(Modal::ConfirmPurchase(_))) {
            return self.update_confirmation(action);
        }
        if self.chrome.reference_edit.is_some() {
            return self.update_reference(action);
        }
        match action {
            Action::Copy => {
                self.copy_shown();
                Vec::new()
            }
            Action::ShowCommand => {
                self.show_command_line();
                Vec::new()
            }
            Action::Help => {
                self.chrome.modal = Some(Modal::Help);
                self.chrome.help_scroll = 0;
                Vec::new()
            }
            Action::Reservations => {
                self.chrome.owned = None;
                self.chrome.history = None;
                self.open_manager()
            }
            Action::OwnedNumbers => {
                self.chrome.history = None;
                self.open_owned()
            }
            Action::Basket => self.open_basket(),
            Action::History => self.open_history(),
            _ if self.chrome.history.is_some() => self.update_history(action),
            _ if self.chrome.owned.is_some() => self.update_owned(action),
            _ if self.chrome.manager.is_some() => self.update_manager(action),
            _ if self.held.basket.open => self.update_basket(action),
            _ if self.step == Step::Group && self.lists.everywhere.is_some() => {
                self.update_everywhere(action)
            }
            action => self.update_step(action),
        }
    }

    /// Takes in one answer of the worker, against the request it answers. Answers nobody
    /// waits for any more (a screen's data after it was left, a replaced vanity or listing
    /// request) are dropped; those that change what the account holds — reservations,
    /// cancellations, purchases and their settling — are always awaited.
    #[must_use = "the commands must be sent to the worker"]
    pub fn apply(&mut self, message: WorkerMsg) -> Vec<Command> {
        let WorkerMsg {
            id,
            received_at,
            result,
            from_cache,
        } = message;
        self.now = self.now.max(received_at);
        let Some(pending) = self.requests.take(id) else {
            tracing::debug!(?id, "dropping an answer nobody waits for");
            return Vec::new();
        };
        match pending {
            Pending::Load { step } => self.apply_load(step, result),
            Pending::Vanity { contains } => {
                self.apply_vanity(contains, result);
                Vec::new()
            }
            Pending::Everywhere(job) => self.apply_everywhere(job, result, from_cache),
            Pending::Reservations => {
                self.apply_reservations(received_at, result);
                Vec::new()
            }
            Pending::Owned => {
                self.apply_owned(result);
                Vec::new()
            }
            Pending::Release { number } => self.apply_released(number, result),
            Pending::History => {
                self.apply_history(result);
                Vec::new()
            }
            Pending::AccountInfo => {
                match result {
                    Ok(Answer::AccountInfo(info)) => {
                        self.chrome.meter.account = Some(info);
                        self.chrome.meter.requests_at_reading = self.chrome.meter.requests_sent;
                    }
                    // The meter is a convenience: without account info it shows what it can.
                    Ok(_) => tracing::warn!("account info answered with another kind of data"),
                    Err(error) => tracing::warn!(%error, "account info could not be read"),
                }
                Vec::new()
            }
            Pending::Reserve {
                group_id,
                group,
                number,
                then_buy,
            } => {
                self.apply_reserved(group_id, group, number, then_buy, received_at, result);
                Vec::new()
            }
            Pending::Cancel {
                uuid,
                on_quit: false,
            } => self.apply_cancelled(uuid, result),
            Pending::Cancel {
                uuid,
                on_quit: true,
            } => {
                self.apply_quit_cancel(uuid, &result);
                Vec::new()
            }
            Pending::Purchase { target } => self.apply_purchase(target, result),
            Pending::Settle { target, reason } => {
                self.apply_settled(target, reason, &result);
                Vec::new()
            }
            Pending::SettleEarlier => {
                self.apply_earlier_settled(&result);
                Vec::new()
            }
            Pending::Basket(job) => self.apply_basket(job, received_at, result),
        }
    }

    fn say(&mut self, level: NoticeLevel, text: impl Into<String>) {
        self.chrome.notice = Some(Notice {
            level,
            text: text.into(),
        });
    }
}

/// Reads an answer that must be of one kind; any other kind is a programming error that is
/// logged and shown, never a panic.
macro_rules! expect_answer {
    ($result:expr, $variant:path) => {
        match $result {
            Ok($variant(data)) => Ok(data),
            Ok(_) => {
                tracing::warn!(
                    expected = stringify!($variant),
                    "worker answered with another kind of data"
                );
                Err("numpick received an answer it did not expect".to_owned())
            }
            Err(error) => Err(error.to_string()),
        }
    };
}
pub(crate) use expect_answer;
