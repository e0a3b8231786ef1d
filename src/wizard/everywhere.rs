//! Searching every group of the chosen place at once, from the group step: the cost first,
//! a question above the threshold, requests a few at a time, progress in place, Esc to stop
//! what is not sent, and one ranked list whose Enter goes to Review for that number.
//!
//! The queue of queries lives here, not in the worker, so that stopping drops exactly what
//! was not sent; the client's rate limiter paces what is. Answers reuse
//! [`crate::everywhere`]: cut-short answers leave narrower queries pending, which the operator
//! may then send ("complete the search"), the cost shown first.

use std::collections::VecDeque;

use crate::api::ApiError;
use crate::api::model::{AvailableNumber, Group};
use crate::everywhere::{GroupSearch, PageCap, first_pass_cost, ranked};
use crate::protocol::{Answer, Call, Command};
use crate::vanity::{ServerQuery, VanityPattern};

use super::picker::moved;
use super::{Action, Pending, Step, Wizard};

/// Asking before a search that costs more credits than this, unless configured otherwise.
pub(crate) const DEFAULT_CONFIRM_ABOVE: u32 = 5;

/// How many of its queries are in flight at once.
const IN_FLIGHT: usize = 4;

/// Where a search of every group stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The cost is above the threshold: `y` or Enter sends, `n` or Esc does not.
    Confirm { credits: u32 },
    /// Queries are on their way.
    Running,
    /// Answers cut short left narrower queries: `y` sends them (at least `credits` more).
    OfferCompletion { credits: u32 },
    /// Nothing more will be sent; `stopped` when Esc stopped it.
    Finished { stopped: bool },
}

/// One query not sent yet: the first of search `group`, or one of its narrower queries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Job {
    pub group: usize,
    /// `None` asks for any number (the empty pattern).
    pub query: Option<ServerQuery>,
    pub first: bool,
}

/// A search of every selectable group of the place for one pattern.
#[derive(Debug)]
pub(crate) struct Everywhere {
    /// The pattern as typed.
    pub text: String,
    pub pattern: VanityPattern,
    pub(crate) phase: Phase,
    /// One per group that lets a number be picked, in the group list's order.
    pub searches: Vec<GroupSearch>,
    /// Groups that assign a number at random: listed at the end, not searched.
    pub(crate) random_only: Vec<Group>,
    /// The merged list: (search, number) positions, best first.
    pub rows: Vec<(usize, usize)>,
    pub cursor: usize,
    /// Whether the operator has moved the highlight: until then it stays on the best match
    /// as answers arrive; after, on the number they moved to.
    moved: bool,
    /// First queries answered, of how many: the progress shown.
    pub(crate) first_done: usize,
    pub(crate) first_total: usize,
    queue: VecDeque<Job>,
    in_flight: usize,
    cap: PageCap,
}

impl Everywhere {
    fn new(text: &str, pattern: VanityPattern, groups: &[Group]) -> Self {
        let (selectable, random_only): (Vec<&Group>, Vec<&Group>) =
            groups.iter().partition(|g| g.allow_number_selection);
        let first = pattern.first_query();
        Self {
            text: text.to_owned(),
            phase: Phase::Running,
            searches: (selectable.iter())
                .map(|g| GroupSearch::new((*g).clone()))
                .collect(),
            random_only: random_only.into_iter().cloned().collect(),
            rows: Vec::new(),
            cursor: 0,
            moved: false,
            first_done: 0,
            first_total: selectable.len(),
            queue: (0..selectable.len())
                .map(|group| Job {
                    group,
                    query: first.clone(),
                    first: true,
                })
                .collect(),
            in_flight: 0,
            cap: PageCap::new(),
            pattern,
        }
    }

    /// Whether every group's answer is complete.
    pub(crate) fn is_complete(&self) -> bool {
        self.searches.iter().all(GroupSearch::is_complete)
    }

    /// The highlighted number and its group.
    pub(crate) fn selected(&self) -> Option<(&Group, &AvailableNumber)> {
        let &(g, n) = self.rows.get(self.cursor)?;
        let search = &self.searches[g];
        Some((&search.group, &search.numbers[n]))
    }

    /// The credits spent so far.
    pub(crate) fn credits(&self) -> u32 {
        self.searches.iter().map(|s| s.credits).sum()
    }
}

impl Wizard {
    /// Sets above how many credits a search of every group asks first.
    pub fn set_search_confirmation(&mut self, credits: u32) {
        self.lists.confirm_search_above = credits;
    }

    /// Enter on the group step when no group matches the box: its text as a pattern searched
    /// in every group. `None` when the text is not a pattern (the usual Enter applies).
    pub(super) fn search_everywhere_from_groups(&mut self) -> Option<Vec<Command>> {
        let (text, pattern) = self.unmatched_group_pattern()?;
        Some(self.open_everywhere(&text, pattern))
    }

    /// The group step's search box as a vanity pattern, when no group matches it: what a
    /// search of every group would look for. The screen offers it, and Enter sends it.
    pub(super) fn unmatched_group_pattern(&self) -> Option<(String, VanityPattern)> {
        let picker = self.lists.groups.load.loaded()?;
        if picker.selected().is_some() {
            return None;
        }
        let text = picker.query().value();
        let pattern = VanityPattern::parse(text).ok().filter(|p| !p.is_empty())?;
        Some((text.to_owned(), pattern))
    }

    /// Enter on the number step when no number of the group matches the vanity box (and the
    /// API has answered for it): back to the group step, searching every group for it.
    pub(super) fn search_everywhere_from_numbers(&mut self) -> Option<Vec<Command>> {
        let (text, pattern) = self.unmatched_number_pattern()?;
        self.leave_current_step();
        let mut commands = self.go(Step::Group);
        commands.extend(self.open_everywhere(&text, pattern));
        Some(commands)
    }

    /// The number step's vanity box, when no number of the group matches it and the API has
    /// answered for it: what Enter would search every group for. The screen offers it, and
    /// Enter sends it.
    pub(super) fn unmatched_number_pattern(&self) -> Option<(String, VanityPattern)> {
        let list = self.lists.numbers.load.loaded()?;
        if list.selected().is_some() || !list.is_answered() {
            return None;
        }
        let text = list.query().value();
        let pattern = VanityPattern::parse(text).ok().filter(|p| !p.is_empty())?;
        Some((text.to_owned(), pattern))
    }

    fn open_everywhere(&mut self, text: &str, pattern: VanityPattern) -> Vec<Command> {
        let groups = self
            .lists
            .groups
            .load
            .loaded()
            .map_or(&[][..], |p| p.items());
        let search = Everywhere::new(text, pattern, groups);
        let credits = first_pass_cost(groups);
        self.lists.everywhere = Some(search);
        self.keep_pattern(text, None);
        if credits > self.lists.confirm_search_above {
            self.set_everywhere_phase(Phase::Confirm { credits });
            return Vec::new();
        }
        self.send_everywhere()
    }

    fn set_everywhere_phase(&mut self, phase: Phase) {
        if let Some(search) = &mut self.lists.everywhere {
            search.phase = phase;
        }
    }

    /// An action while the search of every group is shown.
    pub(super) fn update_everywhere(&mut self, action: Action) -> Vec<Command> {
        let Some(search) = &mut self.lists.everywhere else {
            return Vec::new();
        };
        match (search.phase, action) {
            (Phase::Confirm { .. }, Action::Confirm | Action::Choose) => {
                search.phase = Phase::Running;
                self.send_everywhere()
            }
            (Phase::Confirm { .. }, Action::Decline | Action::Back) => {
                self.lists.everywhere = None;
                Vec::new()
            }
            (Phase::OfferCompletion { .. }, Action::Confirm) => {
                for (group, s) in search.searches.iter_mut().enumerate() {
                    search.queue.extend(s.pending.drain(..).map(|q| Job {
                        group,
                        query: Some(q),
                        first: false,
                    }));
                }
                search.phase = Phase::Running;
                self.send_everywhere()
            }
            (Phase::OfferCompletion { .. }, Action::Decline) => {
                search.phase = Phase::Finished { stopped: false };
                Vec::new()
            }
            (Phase::Running, Action::Back) => {
                // What is not sent is dropped; answers on their way still count.
                for job in search.queue.drain(..) {
                    let target = &mut search.searches[job.group];
                    match job.query {
                        Some(query) if !job.first => target.pending.push(query),
                        _ => target.coverage.unsearched = true,
                    }
                }
                search.phase = Phase::Finished { stopped: true };
                Vec::new()
            }
            (_, Action::Back) => {
                self.lists.everywhere = None;
                Vec::new()
            }
            (_, Action::Move(step)) => {
                search.cursor = moved(search.cursor, search.rows.len(), step);
                search.moved = true;
                Vec::new()
            }
            (_, Action::Choose) => self.review_found_number(),
            (_, Action::Mark) => {
                self.mark_found_number();
                Vec::new()
            }
            (_, Action::Reserve | Action::Buy) => self.basket_from_everywhere(action),
            _ => Vec::new(),
        }
    }

    /// Enter on a found number: Review for it, in its group, through the usual purchase flow.
    fn review_found_number(&mut self) -> Vec<Command> {
        let Some((group, number)) = self
            .lists
            .everywhere
            .as_ref()
            .and_then(Everywhere::selected)
        else {
            return Vec::new();
        };
        let (group, number) = (group.clone(), number.number.clone());
        if let Some(picker) = self.lists.groups.load.loaded_mut() {
            picker.select_where(|g| g.id == group.id);
        }
        if let Some(opened) = self.open_own_hold(&group, &number) {
            return opened;
        }
        self.chosen.group = Some(group);
        self.chosen.number = Some(number);
        self.go(Step::Review)
    }

    /// Sends queued queries while fewer than [`IN_FLIGHT`] are on their way.
    fn send_everywhere(&mut self) -> Vec<Command> {
        let Some(search) = &mut self.lists.everywhere else {
            return Vec::new();
        };
        let mut calls = Vec::new();
        while search.in_flight < IN_FLIGHT {
            let Some(job) = search.queue.pop_front() else {
                break;
            };
            search.in_flight += 1;
            let target = &mut search.searches[job.group];
            target.credits += 1;
            let call = Call::Numbers {
                group: target.group.id.clone(),
                contains: job.query.as_ref().map(|q| q.digits().to_owned()),
            };
            calls.push((call, Pending::Everywhere(job)));
        }
        if search.queue.is_empty() && search.in_flight == 0 {
            self.finish_everywhere();
        }
        calls
            .into_iter()
            .map(|(call, pending)| self.requests.ask(call, pending))
            .collect()
    }

    /// One answer of the search; `from_cache` when the worker answered it without a request.
    pub(super) fn apply_everywhere(
        &mut self,
        job: Job,
        result: Result<Answer, ApiError>,
        from_cache: bool,
    ) -> Vec<Command> {
        let Some(search) = &mut self.lists.everywhere else {
            return Vec::new();
        };
        search.in_flight = search.in_flight.saturating_sub(1);
        // Its credit was counted when it was asked; an answer kept from before cost none.
        if from_cache && let Some(target) = search.searches.get_mut(job.group) {
            target.credits = target.credits.saturating_sub(1);
        }
        if job.first {
            search.first_done += 1;
        }
        let answer = match result {
            Ok(Answer::Numbers(listing)) => Ok(listing),
            Ok(_) => Err(ApiError::NotSent {
                detail: "numpick received an answer it did not expect".to_owned(),
            }),
            Err(error) => Err(error),
        };
        let Everywhere {
            searches,
            pattern,
            cap,
            ..
        } = &mut *search;
        if let Some(target) = searches.get_mut(job.group) {
            target.absorb(pattern, cap, job.query, answer);
        }
        // The best match stays on top as rows arrive; a number the operator moved to stays
        // highlighted, wherever better ones land.
        let highlighted = (search.rows.get(search.cursor).copied()).filter(|_| search.moved);
        search.rows = ranked(&search.searches, &search.pattern);
        search.cursor = highlighted
            .and_then(|h| search.rows.iter().position(|&r| r == h))
            .unwrap_or(0);
        if matches!(search.phase, Phase::Running) {
            return self.send_everywhere();
        }
        Vec::new()
    }

    fn finish_everywhere(&mut self) {
        let Some(search) = &mut self.lists.everywhere else {
            return;
        };
        if !matches!(search.phase, Phase::Running) {
            return;
        }
        let pending: usize = search.searches.iter().map(|s| s.pending.len()).sum();
        search.phase = if pending > 0 {
            Phase::OfferCompletion {
                credits: u32::try_from(pending).unwrap_or(u32::MAX),
            }
        } else {
            Phase::Finished { stopped: false }
        };
    }
}
