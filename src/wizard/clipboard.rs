//! Copying the requirements checklist on the Review step, to send to the customer.
//!
//! The wizard only keeps the text; the event loop takes it ([`Wizard::take_clipboard`]) and
//! hands it to the terminal's clipboard (OSC 52, which works over SSH and in tmux).

use super::{NoticeLevel, Step, Wizard};
use crate::phone_format::international;
use crate::requirements::Checklist;

impl Wizard {
    /// `d` on the Review step: the checklist of the reviewed group, as text, for the clipboard.
    pub(super) fn copy_checklist(&mut self) {
        let Some(group) = self.group.as_ref().filter(|_| self.step == Step::Review) else {
            return;
        };
        let mut checklist = Checklist::default();
        if let Some(fetched) = self.requirements.load.loaded() {
            checklist.add(fetched);
        }
        checklist.add(&group.requirements);
        if checklist.is_empty() {
            self.say(
                NoticeLevel::Info,
                "No documents are required: nothing to copy.",
            );
            return;
        }
        let number = match &self.number {
            Some(number) => international(number),
            None => format!("a {} number", group.prefix.trim()),
        };
        let kind = group.did_type.trim();
        let place = group.location.trim();
        let mut text = format!("Requirements for {number} ({kind}, {place}):\n");
        text.push_str(&checklist.to_text());
        self.clipboard = Some(text);
        self.say(
            NoticeLevel::Info,
            "Copied the checklist to the clipboard (through the terminal).",
        );
    }

    /// The text waiting for the clipboard, once: the event loop sends it to the terminal.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}
