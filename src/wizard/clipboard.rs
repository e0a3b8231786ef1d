//! Copying to the clipboard: the requirements checklist on Review (`d`), and with Ctrl-Y
//! whatever the screen is about — the highlighted or bought number, a reservation's UUID, the
//! receipt, or the command line shown.
//!
//! The wizard only keeps the text; the event loop takes it ([`Wizard::take_clipboard`]) and
//! hands it to the terminal's clipboard (OSC 52, which works over SSH and in tmux). A notice
//! says what was copied.

use super::{NoticeLevel, Purchase, Step, Wizard};
use crate::api::model::flatten_fields;
use crate::api::sanitize_text;
use crate::phone_format::international;
use crate::requirements::Checklist;

/// Something to copy, and how the notice names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Copied {
    pub text: String,
    /// "+1 213-555-1234", "the reservation's UUID of +1 …", "the receipt" …
    pub what: String,
}

impl Wizard {
    /// `d` on the Review step: the checklist of the reviewed group, as text, for the clipboard.
    pub(super) fn copy_checklist(&mut self) {
        let Some(group) = self
            .chosen
            .group
            .as_ref()
            .filter(|_| self.step == Step::Review)
        else {
            return;
        };
        let mut checklist = Checklist::default();
        if let Some(fetched) = self.lists.requirements.load.loaded() {
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
        let number = match &self.chosen.number {
            Some(number) => international(number),
            None => format!("a {} number", group.prefix.trim()),
        };
        let kind = group.did_type.trim();
        let place = group.location.trim();
        let mut text = format!("Requirements for {number} ({kind}, {place}):\n");
        text.push_str(&checklist.to_text());
        self.chrome.clipboard = Some(text);
        self.say(
            NoticeLevel::Info,
            "Copied the checklist to the clipboard (through the terminal).",
        );
    }

    /// Ctrl-Y: copies what the screen is about (see [`Wizard::what_to_copy`]) and says so.
    pub(super) fn copy_shown(&mut self) {
        match self.what_to_copy() {
            Some(copied) => {
                self.chrome.clipboard = Some(copied.text);
                self.say(
                    NoticeLevel::Info,
                    format!(
                        "Copied {} to the clipboard (through the terminal).",
                        copied.what
                    ),
                );
            }
            None => self.say(NoticeLevel::Info, "Nothing to copy here."),
        }
    }

    /// What Ctrl-Y copies here: the command line while it is shown; in "My numbers" the
    /// highlighted number; in the reservations manager the highlighted reservation's UUID; on
    /// a number list the highlighted number; on Review the chosen number; on Reserved the
    /// reservation's UUID; after a purchase the receipt (else the bought number). Numbers are
    /// copied in E.164, as the API and `numpick buy` take them.
    pub(crate) fn what_to_copy(&self) -> Option<Copied> {
        let number = |number: &str| Copied {
            text: number.to_owned(),
            what: international(number),
        };
        let uuid = |held: &super::Held| Copied {
            text: held.reservation.uuid.to_string(),
            what: format!(
                "the reservation's UUID of {}",
                international(&held.reservation.number)
            ),
        };
        if let Some(line) = &self.chrome.command_line {
            return Some(Copied {
                text: line.clone(),
                what: "the command line".to_owned(),
            });
        }
        if let Some(owned) = &self.chrome.owned {
            return owned.list.selected().map(|n| number(&n.phone_number));
        }
        if let Some(manager) = &self.chrome.manager {
            return self.held.holds.get(manager.cursor).map(uuid);
        }
        match self.step {
            Step::Group => self
                .lists
                .everywhere
                .as_ref()
                .and_then(|search| search.selected())
                .map(|(_, found)| number(&found.number)),
            Step::Number => self
                .lists
                .numbers
                .load
                .loaded()
                .and_then(|list| list.selected())
                .map(|found| number(&found.number)),
            Step::Review => self.chosen.number.as_deref().map(number),
            Step::Reserved => self.shown_hold().map(uuid),
            Step::Done => self.receipt_to_copy(),
            Step::Country | Step::Region | Step::City | Step::DidType => None,
        }
    }

    /// After a purchase: the receipt as `field: value` lines under the number bought, or the
    /// number alone when settling found it without a receipt.
    fn receipt_to_copy(&self) -> Option<Copied> {
        let Purchase::Bought {
            receipt,
            number,
            target,
            ..
        } = &self.held.purchase
        else {
            return None;
        };
        let bought = number.as_deref().or(target.number.as_deref());
        let Some(receipt) = receipt else {
            return bought.map(|n| Copied {
                text: n.to_owned(),
                what: international(n),
            });
        };
        let mut text = match bought {
            Some(n) => format!("Bought {n} (group {})\n", target.group_id),
            None => format!("Bought in group {}\n", target.group_id),
        };
        for (key, value) in flatten_fields(&receipt.body) {
            // The receipt is the API's text: only what the screen would show of it.
            text.push_str(&format!(
                "{}: {}\n",
                sanitize_text(&key),
                sanitize_text(&value)
            ));
        }
        Some(Copied {
            text,
            what: "the receipt".to_owned(),
        })
    }

    /// The text waiting for the clipboard, once: the event loop sends it to the terminal.
    pub(crate) fn take_clipboard(&mut self) -> Option<String> {
        self.chrome.clipboard.take()
    }
}
