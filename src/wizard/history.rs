//! The history screen (Ctrl-T), over any screen: every reservation, purchase and release the
//! journal recorded, newest first, with a search box that finds an order by its number, its
//! reference, its group or its outcome.
//!
//! The journal is read by the worker, never while drawing; the screen shows a spinner until
//! it is in. Lines of the journal that could not be read are counted on the screen.

use crate::api::ApiError;
use crate::history::{History, Order};
use crate::protocol::{Answer, Call, Command};

use super::picker::{Picker, Searchable};
use super::{Action, Load, Pending, Wizard, expect_answer};

/// The history screen.
#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    pub load: Load<()>,
    /// The orders, newest first.
    pub list: Picker<Order>,
    /// How many lines of the journal could not be read.
    pub unreadable: usize,
}

impl Searchable for Order {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [
            self.number.as_deref().unwrap_or(""),
            self.reference.as_ref().map_or("", |r| r.as_str()),
            self.group_id.as_deref().unwrap_or(""),
            self.outcome.describe(),
            self.kind.word(),
        ]
    }
}

impl Wizard {
    /// The history screen, when open.
    pub fn history(&self) -> Option<&HistoryView> {
        self.chrome.history.as_ref()
    }

    /// Ctrl-T: opens the history screen and has the worker read the journal.
    pub(super) fn open_history(&mut self) -> Vec<Command> {
        self.chrome.notice = None;
        self.chrome.manager = None;
        self.chrome.owned = None;
        self.chrome.history = Some(HistoryView {
            load: Load::Loading,
            ..HistoryView::default()
        });
        vec![self.requests.ask(Call::History, Pending::History)]
    }

    /// Keys while the history screen is open.
    pub(super) fn update_history(&mut self, action: Action) -> Vec<Command> {
        let Some(view) = &mut self.chrome.history else {
            return Vec::new();
        };
        match action {
            Action::Move(step) => view.list.move_cursor(step),
            Action::Edit(request) => {
                view.list.edit(request, &mut self.lists.filter);
            }
            Action::Back if !view.list.query().value().is_empty() => {
                view.list.clear_query(&mut self.lists.filter);
            }
            Action::Back => self.chrome.history = None,
            Action::Retry => return self.open_history(),
            Action::Choose if matches!(view.load, Load::Failed { .. }) => {
                return self.open_history();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Pasted text typed into the history's search box; false when the screen is not open.
    pub(super) fn paste_into_history(&mut self, text: &str) -> bool {
        let Some(view) = &mut self.chrome.history else {
            return false;
        };
        view.list.insert_text(text, &mut self.lists.filter);
        true
    }

    pub(super) fn apply_history(&mut self, result: Result<Answer, ApiError>) {
        let Some(view) = &mut self.chrome.history else {
            return;
        };
        match expect_answer!(result, Answer::History) {
            Ok(History {
                mut orders,
                unreadable,
            }) => {
                orders.reverse();
                view.unreadable = unreadable;
                view.list = Picker::new(orders);
                view.load = Load::Loaded(());
            }
            Err(message) => view.load = Load::Failed { message },
        }
    }
}
