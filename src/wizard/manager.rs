//! The reservations manager (Ctrl-R): every active reservation of the account, each with its
//! countdown, to cancel or buy. The same list is loaded at start, so that a restarted numpick
//! picks up the reservations it left.

use std::time::{Duration, Instant};

use crate::protocol::{Answer, Call, Command};

use super::{Action, Held, Load, Manager, Pending, Wizard, expect_answer};

impl Wizard {
    /// A command listing the account's reservations (for the manager and at start). It
    /// replaces a listing still awaited, so that an older list never overwrites a newer one.
    pub(super) fn request_reservations(&mut self) -> Command {
        self.requests.forget(|p| matches!(p, Pending::Reservations));
        let command = self.requests.ask(Call::Reservations, Pending::Reservations);
        if let Some(manager) = &mut self.chrome.manager {
            manager.load = Load::Loading;
        }
        command
    }

    pub(super) fn apply_reservations(
        &mut self,
        received_at: Instant,
        result: Result<Answer, crate::api::ApiError>,
    ) {
        match expect_answer!(result, Answer::Reservations) {
            Ok(listing) => {
                let complete = listing.skipped == 0;
                self.merge_listed(received_at, listing.items, complete);
                if !complete {
                    self.say(
                        super::NoticeLevel::Warning,
                        format!(
                            "{} could not be read: the list may be incomplete.",
                            crate::wording::counted(listing.skipped, "reservation")
                        ),
                    );
                }
                if let Some(manager) = &mut self.chrome.manager {
                    manager.load = Load::Loaded(());
                    manager.unreadable = listing.skipped;
                    manager.cursor = manager.cursor.min(self.held.holds.len().saturating_sub(1));
                }
            }
            Err(message) => match &mut self.chrome.manager {
                Some(manager) => manager.load = Load::Failed { message },
                // At start: the first thing that can tell the operator of a wrong key or an
                // unreachable API.
                None => self.say(
                    super::NoticeLevel::Error,
                    format!("Could not list your reservations: {message}"),
                ),
            },
        }
    }

    /// Takes in the account's reservations as listed. Holds the listing names are updated
    /// (keeping the deadline of one made here, anchored to its own answer); new ones are
    /// counted down from their `reservation_end_date`. A hold the listing does not name is
    /// never dropped: it is marked gone when the listing was `complete` (every item read),
    /// and kept as it was otherwise, since it may be one of the unreadable items.
    fn merge_listed(
        &mut self,
        received_at: Instant,
        listed: Vec<crate::api::model::Reservation>,
        complete: bool,
    ) {
        let now_utc = self.now_utc;
        for held in &mut self.held.holds {
            let named = listed.iter().any(|r| r.uuid == held.reservation.uuid);
            if !named && complete {
                held.gone = true;
            }
        }
        for reservation in listed {
            match (self.held.holds.iter_mut()).find(|h| h.reservation.uuid == reservation.uuid) {
                Some(held) => {
                    held.gone = false;
                    // The listing's group and facts are the API's own; keep what the
                    // reserve answer said where the listing is silent.
                    let group_id = reservation.group_id.or(held.reservation.group_id.take());
                    held.reservation = crate::api::model::Reservation {
                        group_id,
                        created_at: reservation.created_at.or(held.reservation.created_at),
                        ..reservation
                    };
                }
                None => {
                    let left = reservation.expires_at.duration_since(now_utc);
                    let left = Duration::try_from(left).unwrap_or_default();
                    self.held.holds.push(Held {
                        reservation,
                        expiry_recorded: false,
                        group: None,
                        deadline: received_at + left,
                        gone: false,
                    });
                }
            }
        }
    }

    /// Ctrl-R: opens the manager and asks for the account's reservations.
    pub(super) fn open_manager(&mut self) -> Vec<Command> {
        self.chrome.notice = None;
        self.chrome.manager = Some(Manager::default());
        vec![self.request_reservations()]
    }

    pub(super) fn update_manager(&mut self, action: Action) -> Vec<Command> {
        let Some(manager) = &mut self.chrome.manager else {
            return Vec::new();
        };
        match action {
            Action::Move(step) => {
                manager.cursor = super::picker::moved(manager.cursor, self.held.holds.len(), step);
                Vec::new()
            }
            Action::Back => {
                self.chrome.manager = None;
                Vec::new()
            }
            Action::Retry => vec![self.request_reservations()],
            Action::Choose if matches!(manager.load, Load::Failed { .. }) => {
                vec![self.request_reservations()]
            }
            Action::Cancel => {
                let cursor = manager.cursor;
                match self.held.holds.get(cursor) {
                    Some(held) => {
                        let uuid = held.reservation.uuid.clone();
                        self.cancel(uuid).into_iter().collect()
                    }
                    None => Vec::new(),
                }
            }
            Action::Buy => {
                if let Some(held) = self.held.holds.get(manager.cursor).cloned() {
                    self.buy_hold(held);
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
