//! Pasted text: always text, never commands.
//!
//! The terminal delivers a paste as one event (bracketed paste), so that `by` pasted on the
//! Review step cannot open a confirmation and answer it. A paste goes into the focused search
//! box as typed text, cleaned of newlines and control characters and cut to
//! [`PASTE_LIMIT`] characters; where there is no box — and in every dialog — it does nothing
//! but say so.

use super::{InputMode, NoticeLevel, Step, Wizard};
use crate::api::sanitize_text;
use crate::protocol::Command;

/// The most characters one paste adds to a search box: no search needs more, and a flood of
/// text must not keep the wizard busy.
pub(super) const PASTE_LIMIT: usize = 256;

/// What a paste says where it cannot go.
pub(super) const PASTE_IGNORED: &str = "Paste ignored here";

impl Wizard {
    /// Takes in pasted `text`: typed into the focused search box, or ignored (with a notice)
    /// on a screen without one and in every dialog.
    #[must_use]
    pub fn paste(&mut self, text: &str) -> Vec<Command> {
        // The reference being edited and the history's search box take a paste as text.
        let (clean, cut) = clean_paste(text);
        if self.chrome.modal.is_none()
            && (self.paste_into_reference(&clean) || self.paste_into_history(&clean))
        {
            return Vec::new();
        }
        // "My numbers" is a dialog over the screen: its box and a release's digits are typed.
        if self.chrome.owned.is_some()
            || !matches!(
                self.input_mode(),
                InputMode::Search { .. } | InputMode::Numbers
            )
        {
            self.say(NoticeLevel::Info, PASTE_IGNORED);
            return Vec::new();
        }
        self.chrome.notice = None;
        self.insert_search_text(&clean);
        if cut {
            self.say(
                NoticeLevel::Info,
                format!("Pasted only the first {PASTE_LIMIT} characters"),
            );
        }
        // Typing asks the API for nothing at once: the vanity box waits for a pause (a tick).
        Vec::new()
    }

    /// Types `text` into the focused search box as one edit: the list is filtered once, not
    /// once per character.
    fn insert_search_text(&mut self, text: &str) {
        let (list, filter) = self.lists.list_mut(self.step);
        let typed = list.is_some_and(|list| list.insert_text(text, filter));
        if typed && self.step == Step::Number {
            self.schedule_vanity();
        }
    }
}

/// `text` without line breaks, control characters or escape sequences, at most
/// [`PASTE_LIMIT`] characters, and whether it was cut. A line break joins the lines (a number
/// copied with its newline is just the number).
fn clean_paste(text: &str) -> (String, bool) {
    let mut joined = text.chars().filter(|c| !matches!(c, '\n' | '\r'));
    // Only a bounded prefix is cleaned: a huge paste costs no more than a full one.
    let bounded: String = joined.by_ref().take(PASTE_LIMIT * 4).collect();
    let more = joined.next().is_some();
    let clean = sanitize_text(&bounded);
    let cut = more || clean.chars().count() > PASTE_LIMIT;
    (clean.chars().take(PASTE_LIMIT).collect(), cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_is_cleaned_and_capped() {
        let clean = |text: &str| clean_paste(text).0;
        assert_eq!(clean("Germ\r\nany\n"), "Germany");
        assert_eq!(clean("\x1b[31m555\x1b[0m\u{7}"), "555");
        assert_eq!(clean("\n\r\n"), "");
        assert_eq!(
            clean_paste(&"7".repeat(10_000)),
            ("7".repeat(PASTE_LIMIT), true)
        );
        let accents = clean_paste(&"é".repeat(300));
        assert_eq!((accents.0.chars().count(), accents.1), (PASTE_LIMIT, true));
        let newlines = format!("{}\n", "1".repeat(PASTE_LIMIT));
        assert_eq!(clean_paste(&newlines), ("1".repeat(PASTE_LIMIT), false));
    }
}
