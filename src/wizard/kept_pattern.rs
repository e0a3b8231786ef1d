//! The vanity pattern stays with the operator: typed in one group's number box (or searched
//! in every group), it fills the box of the next group chosen, so trying one group after
//! another needs no retyping. It is replaced by the next pattern typed, and not put back into
//! the box of the group it was typed in once cleared there.

use crate::api::model::GroupId;
use crate::vanity::VanityPattern;

use super::{NumberList, Step, Wizard};

/// The last pattern typed, and the group whose box it was typed in (`None`: searched in
/// every group).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KeptPattern {
    text: String,
    typed_in: Option<GroupId>,
}

impl Wizard {
    /// Keeps `text` as the pattern to carry to other groups, if it is a pattern.
    pub(super) fn keep_pattern(&mut self, text: &str, typed_in: Option<GroupId>) {
        if VanityPattern::parse(text).is_ok_and(|p| !p.is_empty()) {
            self.lists.kept_pattern = Some(KeptPattern {
                text: text.to_owned(),
                typed_in,
            });
        }
    }

    /// Keeps what the number box holds now.
    pub(super) fn keep_number_box(&mut self) {
        let text = self
            .lists
            .numbers
            .load
            .loaded()
            .map(|l| l.query().value().to_owned());
        let group = self.chosen.group.as_ref().map(|g| g.id.clone());
        if let Some(text) = text {
            self.keep_pattern(&text, group);
        }
    }

    /// Fills an empty number box with the kept pattern, when it was typed elsewhere.
    pub(super) fn restore_kept_pattern(&mut self) {
        if self.step != Step::Number {
            return;
        }
        let Some(kept) = &self.lists.kept_pattern else {
            return;
        };
        let group = self.chosen.group.as_ref().map(|g| &g.id);
        if kept.typed_in.as_ref() == group {
            return;
        }
        let text = kept.text.clone();
        let filled = self
            .lists
            .numbers
            .load
            .loaded_mut()
            .filter(|list| list.query().value().is_empty())
            .is_some_and(|list: &mut NumberList| list.insert_text(&text));
        if filled {
            self.schedule_vanity();
        }
    }
}
