//! Moving through the steps: choosing, going back, and loading each step's data.

use crate::api::model::CountryCode;
use crate::protocol::{Call, Command};

use super::picker::moved;
use super::slots::Slot;

use super::{Action, NumberList, Pending, Picker, Requests, Step, Wizard};

/// Countries whose numbers are searched by region (the contract: only these have regions).
const COUNTRIES_WITH_REGIONS: [&str; 3] = ["US", "CA", "GB"];

impl Wizard {
    pub(super) fn update_step(&mut self, action: Action) -> Vec<Command> {
        self.chrome.notice = None;
        match action {
            Action::Move(step) => {
                self.move_cursor(step);
                Vec::new()
            }
            Action::Edit(request) => self.edit_search(request),
            Action::Choose => self.choose(),
            Action::Back => self.back(),
            Action::Retry => self.refresh(),
            Action::ToggleOrder => {
                if self.step == Step::Number
                    && let Some(list) = self.lists.numbers.load.loaded_mut()
                {
                    list.toggle_memorable_first();
                }
                if self.step == Step::Group {
                    self.toggle_cheapest_first();
                }
                Vec::new()
            }
            Action::Reserve | Action::Buy | Action::Cancel => self.deal(action),
            Action::CopyChecklist => {
                self.copy_checklist();
                Vec::new()
            }
            Action::Confirm | Action::Decline | Action::KeepAndQuit => Vec::new(),
            Action::Quit | Action::Help | Action::Reservations => Vec::new(),
            Action::OwnedNumbers | Action::Release | Action::Basket | Action::History => Vec::new(),
            Action::Mark => {
                if self.step == Step::Number {
                    self.mark_highlighted_number();
                }
                Vec::new()
            }
            Action::EditReference => self.edit_reference(),
            // Handled before any screen sees them (`Wizard::update`).
            Action::Copy | Action::ShowCommand => Vec::new(),
        }
    }

    pub(super) fn country_code(&self) -> Option<CountryCode> {
        self.chosen.country.and_then(|c| CountryCode::parse(c.code))
    }

    fn move_cursor(&mut self, step: super::Move) {
        if self.step.shows_document() {
            // The renderer's report once the document was drawn; a bound before that.
            let bound = match self.chrome.document_end.get() {
                Some((drawn, furthest)) if drawn == self.step => furthest + 1,
                _ => self.document_lines_bound(),
            };
            self.chrome.scroll = (self.step, moved(self.document_scroll(), bound, step));
        } else if let (Some(list), _) = self.lists.list_mut(self.step) {
            list.move_cursor(step);
        }
    }

    /// An upper bound of the lines the current document screen shows, for scrolling before
    /// the renderer has reported where the document ends.
    fn document_lines_bound(&self) -> usize {
        const FRAME_LINES: usize = 30;
        let fields = |value: &serde_json::Value| crate::api::model::flatten_fields(value).len() + 1;
        let content: usize = match self.step {
            Step::Review => {
                let fetched = self
                    .lists
                    .requirements
                    .load
                    .loaded()
                    .map_or(0, |r| r.iter().map(fields).sum());
                let own = self
                    .chosen
                    .group
                    .as_ref()
                    .map_or(0, |g| g.requirements.iter().map(fields).sum());
                fetched + own
            }
            Step::Done => match &self.held.purchase {
                super::Purchase::Bought {
                    receipt: Some(receipt),
                    ..
                } => fields(&receipt.body),
                _ => 0,
            },
            _ => 0,
        };
        FRAME_LINES + content
    }

    fn edit_search(&mut self, request: tui_input::InputRequest) -> Vec<Command> {
        let (list, filter) = self.lists.list_mut(self.step);
        let edited = list.is_some_and(|list| list.edit(request, filter));
        if edited && self.step == Step::Number {
            self.schedule_vanity();
            self.keep_number_box();
        }
        Vec::new()
    }

    fn choose(&mut self) -> Vec<Command> {
        if self.leaving_an_unsettled_purchase() {
            return Vec::new();
        }
        if self.current_load_failed() {
            return self.retry().into_iter().collect();
        }
        match self.step {
            Step::Country => {
                let Some(&country) = self.lists.countries.selected() else {
                    return Vec::new();
                };
                self.chosen.country = Some(country);
                if COUNTRIES_WITH_REGIONS.contains(&country.code) {
                    self.go(Step::Region)
                } else {
                    self.chosen.region = None;
                    self.go(Step::City)
                }
            }
            Step::Region => {
                let Some(choice) = self.lists.regions.load.loaded().and_then(Picker::selected)
                else {
                    return Vec::new();
                };
                self.chosen.region = Some(choice.clone());
                self.go(Step::City)
            }
            Step::City => {
                let Some(choice) = self.lists.cities.load.loaded().and_then(Picker::selected)
                else {
                    // No city matches the box: digits there are a prefix to jump to.
                    return self.jump_by_prefix().unwrap_or_default();
                };
                self.chosen.city = Some(choice.clone());
                self.chosen.prefix_jump = None;
                self.go(Step::DidType)
            }
            Step::DidType => {
                let Some(choice) = self.lists.types.load.loaded().and_then(Picker::selected) else {
                    return Vec::new();
                };
                self.chosen.did_type = Some(choice.clone());
                self.go(Step::Group)
            }
            Step::Group => {
                let Some(group) = self.lists.groups.load.loaded().and_then(Picker::selected) else {
                    // No group matches the box: a pattern there is searched in every group.
                    return self.search_everywhere_from_groups().unwrap_or_default();
                };
                let selectable = group.allow_number_selection;
                self.chosen.group = Some(group.clone());
                if selectable {
                    let mut commands = self.go(Step::Number);
                    commands.extend(self.prefetch_requirements());
                    commands
                } else {
                    self.chosen.number = None;
                    self.go(Step::Review)
                }
            }
            Step::Number => {
                let Some(number) = self
                    .lists
                    .numbers
                    .load
                    .loaded()
                    .and_then(NumberList::selected)
                else {
                    // Nothing here matches the box: its pattern is searched in every group.
                    return self.search_everywhere_from_numbers().unwrap_or_default();
                };
                let number = number.number.clone();
                if let Some(group) = self.chosen.group.clone()
                    && let Some(opened) = self.open_own_hold(&group, &number)
                {
                    return opened;
                }
                self.chosen.number = Some(number);
                self.go(Step::Review)
            }
            Step::Review | Step::Reserved => Vec::new(),
            // After a purchase, Enter starts on another number of the same search.
            // After an unknown outcome buying stays off, but browsing goes on.
            Step::Done => {
                self.held.purchase = super::Purchase::Idle;
                self.lists.numbers.reset();
                self.go(Step::Group)
            }
        }
    }

    /// Esc: clear the search box, else go one step back.
    fn back(&mut self) -> Vec<Command> {
        if self.leaving_an_unsettled_purchase() {
            return Vec::new();
        }
        let (list, filter) = self.lists.list_mut(self.step);
        let cleared = list.is_some_and(|list| list.clear_query(filter));
        if cleared && self.step == Step::Number {
            self.schedule_vanity();
        }
        if cleared {
            return Vec::new();
        }
        let broaden = self.nothing_to_choose_here();
        self.leave_current_step();
        let previous = match self.step {
            Step::Country => return Vec::new(),
            Step::Region => Step::Country,
            Step::City if self.chosen.region.is_some() => Step::Region,
            Step::City => Step::Country,
            Step::DidType => Step::City,
            // A prefix jump skipped the type step: back to the cities, where it was typed.
            Step::Group if self.chosen.prefix_jump.is_some() => Step::City,
            Step::Group => Step::DidType,
            Step::Number => Step::Group,
            // A number found by the search of every group: back to that search's list.
            Step::Review | Step::Reserved | Step::Done if self.lists.everywhere.is_some() => {
                Step::Group
            }
            Step::Review | Step::Reserved | Step::Done => {
                if self
                    .chosen
                    .group
                    .as_ref()
                    .is_some_and(|g| g.allow_number_selection)
                {
                    Step::Number
                } else {
                    Step::Group
                }
            }
        };
        if self.step == Step::Done {
            self.held.purchase = super::Purchase::Idle;
        }
        let commands = self.go(previous);
        if broaden {
            self.broaden(previous);
        }
        commands
    }

    /// Whether the step's list came back empty: nothing is offered for the choices made, so
    /// Esc broadens them.
    fn nothing_to_choose_here(&self) -> bool {
        match self.step {
            Step::DidType => self.place_offers_nothing(),
            Step::Group => self
                .lists
                .groups
                .load
                .loaded()
                .is_some_and(|p| p.items().is_empty()),
            _ => false,
        }
    }

    /// Whether the operator would leave the Done step while its purchase is still being
    /// settled: they stay until it is known whether the number was bought, so that nothing
    /// can be bought again before that.
    fn leaving_an_unsettled_purchase(&self) -> bool {
        self.step == Step::Done && self.purchase_pending()
    }

    /// Drops the data a step was still waiting for as the operator leaves it: its answer is
    /// no longer wanted.
    pub(super) fn leave_current_step(&mut self) {
        let step = self.step;
        self.requests
            .forget(|p| matches!(p, Pending::Load { step: s } if *s == step));
        if let Some(slot) = self.lists.slot_mut(step)
            && slot.is_loading()
        {
            slot.reset();
        }
        if step == Step::Number {
            self.forget_vanity();
            self.lists.vanity_due = None;
        }
    }

    /// Shows `step`, asking for its data unless what is loaded already answers the choices.
    pub(super) fn go(&mut self, step: Step) -> Vec<Command> {
        self.step = step;
        self.chrome.scroll = (step, 0);
        let load = self.retry_or_reuse(false);
        self.restore_kept_pattern();
        load.into_iter().collect()
    }

    /// F5: asks again for the step's data; the catalogue (regions, cities, types) is asked
    /// of the API itself, not of what was kept from an earlier session.
    fn refresh(&mut self) -> Vec<Command> {
        let catalogue = matches!(self.step, Step::Region | Step::City | Step::DidType);
        let forget = catalogue.then_some(Command::ForgetCatalogue);
        forget.into_iter().chain(self.retry()).collect()
    }

    fn retry(&mut self) -> Option<Command> {
        self.retry_or_reuse(true)
    }

    /// The call the current step's data comes from, given the choices so far.
    fn call_for_step(&self) -> Option<Call> {
        let country = self.country_code()?;
        let region = self.region_id();
        match self.step {
            Step::Country | Step::Reserved | Step::Done => None,
            Step::Region => Some(Call::Regions { country }),
            Step::City => Some(Call::Cities { country, region }),
            Step::DidType => self.place_call(),
            Step::Group => {
                self.groups_call(self.chosen.did_type.as_ref()?.one().map(|t| t.name.clone()))
            }
            Step::Number => Some(Call::Numbers {
                group: self.chosen.group.as_ref()?.id.clone(),
                contains: None,
            }),
            Step::Review => self.requirements_call(),
        }
    }

    fn retry_or_reuse(&mut self, force: bool) -> Option<Command> {
        let call = self.call_for_step()?;
        if self.step == Step::Group && self.groups_from_place(&call, force) {
            return None;
        }
        let slot = self.lists.slot_mut(self.step)?;
        fetch(slot, call, &mut self.requests, self.step, force)
    }

    fn current_load_failed(&self) -> bool {
        self.lists
            .slot(self.step)
            .is_some_and(|slot| slot.has_failed())
    }
}

/// Asks for `call` into `step`'s `slot` unless the slot already holds (or awaits) its
/// answer. A load the step awaited before is forgotten: only the newest answer is stored.
pub(super) fn fetch(
    slot: &mut dyn Slot,
    call: Call,
    requests: &mut Requests,
    step: Step,
    force: bool,
) -> Option<Command> {
    if !force && slot.is_current(&call) {
        return None;
    }
    requests.forget(|p| matches!(p, Pending::Load { step: s } if *s == step));
    slot.await_answer(call.clone());
    Some(requests.ask(call, Pending::Load { step }))
}
