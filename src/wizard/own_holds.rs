//! The operator's own reservations in the number lists: a number already held is marked
//! there, and Enter on it opens its reservation (the Reserved screen and its countdown)
//! instead of asking to reserve it again, which the API would refuse.

use crate::api::model::{Group, ReservationId};
use crate::api::phone::digits_of;
use crate::protocol::Command;

use super::{Held, Step, Wizard};

impl Wizard {
    /// The active reservation the operator holds on `number`, if any.
    pub(crate) fn own_hold_of(&self, number: &str) -> Option<&Held> {
        let digits = digits_of(number);
        self.held
            .holds
            .iter()
            .find(|held| held.is_active(self.now) && digits_of(&held.reservation.number) == digits)
    }

    /// Enter on a number of `group` that the operator already holds: its reservation opens.
    /// `None` when the number is not held.
    pub(super) fn open_own_hold(&mut self, group: &Group, number: &str) -> Option<Vec<Command>> {
        let uuid: ReservationId = self.own_hold_of(number)?.reservation.uuid.clone();
        self.leave_current_step();
        self.chosen.group = Some(group.clone());
        self.chosen.number = Some(number.to_owned());
        self.held.current_hold = Some(uuid);
        self.step = Step::Reserved;
        self.chrome.scroll = (Step::Reserved, 0);
        Some(Vec::new())
    }
}
