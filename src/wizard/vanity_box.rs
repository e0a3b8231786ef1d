//! The vanity box's conversation with the API: after a pause in typing, one request for the
//! pattern's digits; an answer for a pattern the operator has since changed is dropped.

use crate::api::ApiError;
use crate::protocol::{Answer, Call, Command};

use super::{NoticeLevel, NumberList, Pending, VANITY_DEBOUNCE, Wizard, expect_answer};

impl Wizard {
    /// Asks the API again after the operator pauses, unless the list already answers the box.
    pub(super) fn schedule_vanity(&mut self) {
        let answered = self
            .lists
            .numbers
            .load
            .loaded()
            .is_none_or(NumberList::is_answered);
        let invalid = self
            .lists
            .numbers
            .load
            .loaded()
            .is_some_and(|l| l.pattern_error.is_some());
        self.lists.vanity_due = (!answered && !invalid).then_some(self.now + VANITY_DEBOUNCE);
        if answered {
            // A request for an abandoned query is no longer wanted.
            self.forget_vanity();
        }
    }

    /// Stops waiting for the vanity request on its way, if any: its answer will be dropped.
    pub(super) fn forget_vanity(&mut self) {
        self.requests
            .forget(|p| matches!(p, Pending::Vanity { .. }));
    }

    /// The digits of the vanity request on its way (`Some(None)`: any number), if one is.
    pub(crate) fn vanity_asked(&self) -> Option<Option<&str>> {
        self.requests.find(|p| match p {
            Pending::Vanity { contains } => Some(contains.as_deref()),
            _ => None,
        })
    }

    pub(super) fn request_vanity(&mut self) -> Option<Command> {
        let list = self.lists.numbers.load.loaded()?;
        if list.is_answered() {
            return None;
        }
        let contains = list.server_query();
        let group = self.chosen.group.as_ref()?.id.clone();
        // Only the newest pattern's answer is wanted.
        self.forget_vanity();
        let call = Call::Numbers {
            group,
            contains: contains.clone(),
        };
        Some(self.requests.ask(call, Pending::Vanity { contains }))
    }

    pub(super) fn apply_vanity(
        &mut self,
        contains: Option<String>,
        result: Result<Answer, ApiError>,
    ) {
        match expect_answer!(result, Answer::Numbers) {
            Ok(listing) => {
                if let Some(list) = self.lists.numbers.load.loaded_mut() {
                    list.replace_items(listing.items, contains);
                }
            }
            Err(message) => self.say(NoticeLevel::Error, message),
        }
    }
}
