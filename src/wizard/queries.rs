//! What the event loop and the renderer ask of the wizard, and the values they hand it
//! (the currency, the credit meter). None of these change the state machine's course.

use std::time::Duration;

use super::{Held, InputMode, Modal, Notice, Pending, Purchase, Quitting, Step, Wizard};
use crate::money::Currency;

impl Wizard {
    /// How many lines the Review, Reserved or Done screen is scrolled down.
    pub(crate) fn document_scroll(&self) -> usize {
        let (step, offset) = self.chrome.scroll;
        if step == self.step { offset } else { 0 }
    }

    /// The renderer's report of how far the current step's document can be scrolled: its
    /// lines minus the room they have (0 when they all fit).
    pub(crate) fn report_document_end(&self, furthest: usize) {
        self.chrome.document_end.set(Some((self.step, furthest)));
    }

    /// Names the API's address, for the header, when it is not the production one.
    pub fn set_endpoint(&mut self, base_url: impl Into<String>) {
        self.chrome.endpoint = Some(base_url.into());
    }

    /// How far the help is scrolled down.
    pub(crate) fn help_scroll(&self) -> usize {
        self.chrome.help_scroll
    }

    /// Names the currency of the API's prices (USD unless the config says otherwise).
    pub(crate) fn set_currency(&mut self, currency: Currency) {
        self.chrome.currency = currency;
    }

    /// The currency of the API's prices.
    pub fn currency(&self) -> Currency {
        self.chrome.currency
    }

    /// Names the journal file, so that the receipt can say where it was recorded.
    pub fn set_journal_path(&mut self, path: impl Into<String>) {
        self.chrome.journal_path = Some(path.into());
    }

    /// Warns that `lines` lines of the journal could not be read (they were skipped; buying
    /// is not affected).
    pub(crate) fn warn_unreadable_journal(&mut self, lines: usize) {
        let text = crate::outcome::unreadable_note(lines);
        self.say(super::NoticeLevel::Warning, text);
    }

    /// Tells that `count` earlier purchases of another account, another API address or
    /// another running numpick were left alone.
    pub(crate) fn note_left_alone(&mut self, count: usize) {
        let text = format!(
            "{} {} pending elsewhere (another account, API address or running numpick) and {} left alone: see `numpick journal pending`.",
            crate::wording::counted(count, "earlier purchase"),
            crate::wording::is(count),
            crate::wording::was(count),
        );
        self.say(super::NoticeLevel::Info, text);
    }

    /// `count` earlier purchases could not be settled and are no longer settled
    /// automatically: their outcome is unknown, so buying waits until the operator resolves
    /// them.
    pub(crate) fn block_for_operator(&mut self, count: usize) {
        self.held.outcome_unknown = true;
        let text = format!(
            "{} could not be settled: check the account's numbers, then record what happened with `numpick journal resolve`. Buying is off until then.",
            crate::wording::counted(count, "earlier purchase"),
        );
        self.say(super::NoticeLevel::Error, text);
    }

    /// Updates the credit meter from the client's counters (the event loop does this before
    /// each frame; the wizard itself never reads them).
    pub fn set_meter(&mut self, requests_sent: u64, rate_limit_wait: Option<Duration>) {
        self.chrome.meter.requests_sent = requests_sent;
        self.chrome.meter.rate_limit_wait = rate_limit_wait;
    }

    /// The screen shown.
    pub fn step(&self) -> Step {
        self.step
    }

    /// Whether numpick should leave now.
    pub(crate) fn should_quit(&self) -> bool {
        self.chrome.quitting == Quitting::Now
    }

    /// Whether, and how, the operator is leaving.
    pub fn quitting(&self) -> Quitting {
        self.chrome.quitting
    }

    /// Tells the wizard that purchases cannot be recorded in the journal: buying is off.
    pub(crate) fn set_journal_unavailable(&mut self) {
        self.held.journal_open = false;
    }

    /// The purchase's state.
    pub fn purchase(&self) -> &Purchase {
        &self.held.purchase
    }

    /// The dialog open, if any.
    pub fn modal(&self) -> Option<&Modal> {
        self.chrome.modal.as_ref()
    }

    /// The line of feedback shown, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.chrome.notice.as_ref()
    }

    /// Active reservations known to the wizard.
    pub fn holds(&self) -> &[Held] {
        &self.held.holds
    }

    #[cfg(test)]
    /// Whether the reservations manager is open.
    pub(crate) fn manager_open(&self) -> bool {
        self.chrome.manager.is_some()
    }

    /// How the keymap should read the keyboard now.
    pub(crate) fn input_mode(&self) -> InputMode {
        // The command line shown on Review: like the help, any key closes it.
        if self.chrome.command_line.is_some() {
            return InputMode::Help;
        }
        match &self.chrome.modal {
            Some(Modal::Help) => return InputMode::Help,
            Some(Modal::ConfirmPurchase(_)) => return InputMode::Confirm,
            Some(Modal::QuitGuard) => return InputMode::QuitGuard,
            None => {}
        }
        if self.chrome.reference_edit.is_some() {
            return InputMode::Search { empty: false };
        }
        if let Some(view) = &self.chrome.history {
            return InputMode::Search {
                empty: view.list.query().value().is_empty(),
            };
        }
        if let Some(view) = &self.chrome.owned {
            // The search box, or the digits of a release being confirmed.
            let empty = match &view.release {
                Some(confirm) => confirm.typed.is_empty(),
                None => view.list.query().value().is_empty(),
            };
            return InputMode::Search { empty };
        }
        if self.chrome.manager.is_some() {
            return InputMode::Commands;
        }
        if self.held.basket.open {
            return match self.held.basket.ask {
                Some(_) => InputMode::Confirm,
                None => InputMode::Commands,
            };
        }
        if let Some(search) = self
            .lists
            .everywhere
            .as_ref()
            .filter(|_| self.step == Step::Group)
        {
            return match search.phase {
                super::EverywherePhase::Confirm { .. }
                | super::EverywherePhase::OfferCompletion { .. } => InputMode::Confirm,
                _ => InputMode::Commands,
            };
        }
        match self.search_text() {
            // `?` is a wildcard of the vanity box, so there help stays on F1.
            Some(_) if self.step == Step::Number => InputMode::Numbers,
            Some(text) => InputMode::Search {
                empty: text.is_empty(),
            },
            None => InputMode::Commands,
        }
    }

    /// How long the event loop may sleep before the screen changes by itself: a spinner
    /// turns every 100 ms, a countdown changes on the next whole second, the vanity pause ends
    /// at its due time. `None` when nothing moves.
    pub fn next_tick_in(&self) -> Option<Duration> {
        const SPINNER_FRAME: Duration = Duration::from_millis(100);
        let mut next: Option<Duration> = None;
        let mut consider = |candidate: Duration| {
            next = Some(next.map_or(candidate, |n| n.min(candidate)));
        };
        if self.is_busy() {
            consider(SPINNER_FRAME);
        }
        if self.chrome.meter.rate_limit_wait.is_some() {
            consider(Duration::from_secs(1));
        }
        if let Some(due) = self.lists.vanity_due {
            consider(due.saturating_duration_since(self.now));
        }
        for held in self.held.holds.iter().filter(|h| !h.is_expired(self.now)) {
            let remaining = held.remaining(self.now);
            let to_next_second = Duration::from_nanos(u64::from(remaining.subsec_nanos()));
            // Wake just after the displayed second changes.
            consider(to_next_second + Duration::from_millis(1));
        }
        next
    }

    /// Whether a request the operator waits for is in flight (a spinner shows).
    pub fn is_busy(&self) -> bool {
        self.lists.regions.load.is_loading()
            || self.lists.cities.load.is_loading()
            || self.lists.types.load.is_loading()
            || self.lists.groups.load.is_loading()
            || self.lists.numbers.load.is_loading()
            || self.lists.requirements.load.is_loading()
            || self.requests.any(|p| match p {
                // A screen's load shows as busy only while the screen still waits for it.
                Pending::Load { .. } | Pending::AccountInfo => false,
                Pending::Vanity { .. }
                | Pending::Everywhere(_)
                | Pending::Reservations
                | Pending::Reserve { .. }
                | Pending::Cancel { .. }
                | Pending::Purchase { .. }
                | Pending::Settle { .. }
                | Pending::SettleEarlier
                | Pending::Owned
                | Pending::Release { .. }
                | Pending::Basket(_) => true,
                Pending::History => true,
            })
    }

    /// The text of the current screen's search box, if the screen has one.
    pub(crate) fn search_text(&self) -> Option<&str> {
        let list = self.lists.list(self.step)?;
        Some(list.query().value())
    }

    /// On the group step when no group matches the search box, or on the number step when no
    /// number matches the vanity box (the API having answered), and the text is a vanity
    /// pattern: how many groups a search of every group would ask, and its credits. Shown
    /// before Enter sends anything.
    pub(crate) fn everywhere_offer(&self) -> Option<(usize, u32)> {
        if self.lists.everywhere.is_some() {
            return None;
        }
        match self.step {
            Step::Group => self.unmatched_group_pattern()?,
            Step::Number => self.unmatched_number_pattern()?,
            _ => return None,
        };
        let groups = self.lists.groups.load.loaded()?.items();
        let credits = crate::everywhere::first_pass_cost(groups);
        let searched = usize::try_from(credits).unwrap_or(usize::MAX);
        (searched > 0).then_some((searched, credits))
    }
}
