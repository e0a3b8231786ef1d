//! The order reference of the session: a customer or ticket reference, set on the Review step
//! (`e`), kept for the rest of the session and recorded with every reservation and purchase
//! made meanwhile, so that `numpick history --ref` and the history screen find them.
//!
//! While it is edited, keys type into it (as into a search box); Enter keeps it, Esc leaves it
//! as it was. It is cleaned as [`Reference`] cleans it and holds at most
//! [`MAX_REFERENCE_CHARS`] characters: a key past that is not typed.

use tui_input::{Input, InputRequest};

use crate::protocol::Command;
use crate::reference::{MAX_REFERENCE_CHARS, Reference};

use super::{Action, NoticeLevel, Step, Wizard};

impl Wizard {
    /// The reference recorded with this session's orders, if one is set.
    pub fn reference(&self) -> Option<&Reference> {
        self.chosen.reference.as_ref()
    }

    /// The reference being typed on the Review step, if it is being edited.
    pub(crate) fn reference_edit(&self) -> Option<&Input> {
        self.chrome.reference_edit.as_ref()
    }

    /// `e` on Review: edit the reference, starting from the one in force.
    pub(super) fn edit_reference(&mut self) -> Vec<Command> {
        if self.step == Step::Review {
            let current = self.chosen.reference.as_ref().map_or("", Reference::as_str);
            self.chrome.reference_edit = Some(Input::new(current.to_owned()));
        }
        Vec::new()
    }

    /// Keys while the reference is edited.
    pub(super) fn update_reference(&mut self, action: Action) -> Vec<Command> {
        let Some(input) = &mut self.chrome.reference_edit else {
            return Vec::new();
        };
        match action {
            Action::Edit(request) => {
                type_capped(input, request);
            }
            Action::Choose => {
                let typed = input.value().to_owned();
                self.chrome.reference_edit = None;
                self.set_reference(&typed);
            }
            Action::Back => self.chrome.reference_edit = None,
            _ => {}
        }
        Vec::new()
    }

    /// Pasted text typed into the reference being edited; false when none is.
    pub(super) fn paste_into_reference(&mut self, text: &str) -> bool {
        let Some(input) = &mut self.chrome.reference_edit else {
            return false;
        };
        for c in text.chars() {
            type_capped(input, InputRequest::InsertChar(c));
        }
        true
    }

    fn set_reference(&mut self, typed: &str) {
        match Reference::parse(typed) {
            Ok(Some(reference)) => {
                self.say(
                    NoticeLevel::Info,
                    format!("Reference {reference}: it goes with this session's orders."),
                );
                self.chosen.reference = Some(reference);
            }
            Ok(None) => {
                if self.chosen.reference.take().is_some() {
                    self.say(
                        NoticeLevel::Info,
                        "No reference: orders are recorded without one.",
                    );
                }
            }
            // Typing stops at the limit; a paste of control characters could not pass it.
            Err(message) => self.say(NoticeLevel::Warning, message),
        }
    }
}

/// Applies `request`, unless it would make the reference longer than it may be.
fn type_capped(input: &mut Input, request: InputRequest) {
    let full = input.value().chars().count() >= MAX_REFERENCE_CHARS;
    if full && matches!(request, InputRequest::InsertChar(_)) {
        return;
    }
    if let InputRequest::InsertChar(c) = request
        && c.is_control()
    {
        return;
    }
    input.handle(request);
}
