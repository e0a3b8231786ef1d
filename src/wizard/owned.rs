//! "My numbers" (Ctrl-O), over any screen: the numbers the account owns, with a search box,
//! and releasing one.
//!
//! A release cannot be undone, so its confirmation asks for the number's last four digits,
//! typed (a paste is ignored in it, as in every dialog); Enter with anything else releases
//! nothing. The release is recorded before it is sent and sent once, by the worker through
//! the orders module.

use crate::api::ApiError;
use crate::api::model::OwnedNumber;
use crate::api::phone::digits_of;
use crate::outcome::Released;
use crate::protocol::{Answer, Call, Command};

use super::picker::{Picker, Searchable};
use super::{Action, Load, NoticeLevel, Pending, Wizard, expect_answer};

/// The "My numbers" view.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnedView {
    pub load: Load<()>,
    pub list: Picker<OwnedNumber>,
    /// How many of the account's numbers could not be read.
    pub unreadable: usize,
    /// The release being confirmed, if any.
    pub release: Option<ReleaseConfirm>,
}

/// "Release this number?": what the operator has typed of its last four digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReleaseConfirm {
    pub number: OwnedNumber,
    pub typed: String,
}

impl ReleaseConfirm {
    /// The four digits that confirm it.
    pub(crate) fn last_four(&self) -> String {
        let digits = digits_of(&self.number.phone_number);
        digits[digits.len().saturating_sub(4)..].to_owned()
    }
}

impl Searchable for OwnedNumber {
    fn search_keys(&self) -> impl IntoIterator<Item = &str> {
        [
            self.phone_number.as_str(),
            self.formatted_phone_number.as_deref().unwrap_or(""),
            self.friendly_name.as_deref().unwrap_or(""),
            self.provider_type.as_deref().unwrap_or(""),
        ]
    }
}

impl Wizard {
    /// Ctrl-O: opens "My numbers" and asks for every number the account owns.
    pub(super) fn open_owned(&mut self) -> Vec<Command> {
        self.chrome.notice = None;
        self.chrome.manager = None;
        self.chrome.owned = Some(OwnedView {
            load: Load::Loading,
            ..OwnedView::default()
        });
        vec![self.requests.ask(Call::OwnedNumbers, Pending::Owned)]
    }

    /// Keys while "My numbers" is open.
    pub(super) fn update_owned(&mut self, action: Action) -> Vec<Command> {
        let Some(view) = &mut self.chrome.owned else {
            return Vec::new();
        };
        if let Some(confirm) = &mut view.release {
            return match action {
                Action::Edit(request) => {
                    edit_digits(&mut confirm.typed, request);
                    Vec::new()
                }
                Action::Choose if confirm.typed == confirm.last_four() => {
                    let number = confirm.number.clone();
                    view.release = None;
                    self.release(number)
                }
                Action::Choose => {
                    self.say(
                        NoticeLevel::Warning,
                        "Not released: type the number's last four digits to release it.",
                    );
                    Vec::new()
                }
                Action::Back | Action::Decline => {
                    view.release = None;
                    Vec::new()
                }
                _ => Vec::new(),
            };
        }
        match action {
            Action::Move(step) => {
                view.list.move_cursor(step);
                Vec::new()
            }
            Action::Edit(request) => {
                view.list.edit(request, &mut self.lists.filter);
                Vec::new()
            }
            Action::Back if !view.list.query().value().is_empty() => {
                view.list
                    .edit(tui_input::InputRequest::DeleteLine, &mut self.lists.filter);
                Vec::new()
            }
            Action::Back => {
                self.chrome.owned = None;
                Vec::new()
            }
            Action::Release => {
                let Some(number) = view.list.selected().cloned() else {
                    return Vec::new();
                };
                if !number.is_held() || number.uuid.is_none() {
                    self.say(
                        NoticeLevel::Info,
                        "This number is already on its way out, or has no id to release it by.",
                    );
                    return Vec::new();
                }
                view.release = Some(ReleaseConfirm {
                    number,
                    typed: String::new(),
                });
                Vec::new()
            }
            Action::Retry | Action::Choose if matches!(view.load, Load::Failed { .. }) => {
                self.open_owned()
            }
            _ => Vec::new(),
        }
    }

    fn release(&mut self, number: OwnedNumber) -> Vec<Command> {
        if self.requests.any(|p| matches!(p, Pending::Release { .. })) {
            return Vec::new();
        }
        let call = Call::Release {
            uuid: number.uuid.clone().unwrap_or_default(),
            number: number.phone_number.clone(),
        };
        self.say(NoticeLevel::Info, "Releasing…");
        let pending = Pending::Release {
            number: number.phone_number,
        };
        vec![self.requests.ask(call, pending)]
    }

    pub(super) fn apply_owned(&mut self, result: Result<Answer, ApiError>) {
        let Some(view) = &mut self.chrome.owned else {
            return;
        };
        match expect_answer!(result, Answer::OwnedNumbers) {
            Ok(all) => {
                view.unreadable = all.unreadable;
                view.list = Picker::new(all.numbers);
                view.load = Load::Loaded(());
            }
            Err(message) => view.load = Load::Failed { message },
        }
    }

    pub(super) fn apply_released(
        &mut self,
        number: String,
        result: Result<Answer, ApiError>,
    ) -> Vec<Command> {
        match expect_answer!(result, Answer::Released) {
            Ok(Released::Done) => {
                self.say(
                    NoticeLevel::Info,
                    format!("Released {number}: it is pending cancellation."),
                );
                // The list shows the new status.
                if self.chrome.owned.is_some() {
                    return self.open_owned_keeping_notice();
                }
            }
            Ok(Released::Unknown { reason }) => self.say(
                NoticeLevel::Warning,
                format!(
                    "The release of {number} may or may not have been applied ({reason}); the list will tell."
                ),
            ),
            Err(message) => self.say(NoticeLevel::Error, format!("Not released: {message}")),
        }
        Vec::new()
    }

    fn open_owned_keeping_notice(&mut self) -> Vec<Command> {
        let notice = self.chrome.notice.take();
        let commands = self.open_owned();
        self.chrome.notice = notice;
        commands
    }
}

/// Digits typed into the release confirmation: at most four, digits only.
fn edit_digits(typed: &mut String, request: tui_input::InputRequest) {
    use tui_input::InputRequest;
    match request {
        InputRequest::InsertChar(c) if c.is_ascii_digit() && typed.len() < 4 => typed.push(c),
        InputRequest::DeletePrevChar => {
            typed.pop();
        }
        InputRequest::DeleteLine | InputRequest::DeletePrevWord => typed.clear(),
        _ => {}
    }
}
