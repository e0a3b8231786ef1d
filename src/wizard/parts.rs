//! The four parts of the wizard's state: what the operator chose, the lists each step shows,
//! what the account holds, and the chrome around the screens.
//!
//! A transition touches the part it is about; the renderer reads them the same way. Keeping
//! them apart also lets the borrow checker see that a list and a choice are different data.

use std::collections::BTreeSet;
use std::time::Instant;

use serde_json::Value;

use crate::api::model::{City, Group, Region, ReservationId};
use crate::countries::{self, Country};
use crate::money::Currency;
use crate::search::Filter;

use super::{
    Basket, Choice, Everywhere, Fetched, HistoryView, Manager, Meter, Modal, Notice, NumberList,
    OwnedView, Picker, Purchase, Quitting, Step, TypeOffer, alerts, everywhere, kept_pattern,
    state::Held,
};

/// What the operator has chosen so far, step by step.
#[derive(Debug, Default)]
pub(crate) struct Chosen {
    pub(crate) country: Option<&'static Country>,
    pub(crate) region: Option<Choice<Region>>,
    pub(crate) city: Option<Choice<City>>,
    /// The prefix digits the group search asks for instead of a city (see `prefix_jump`).
    pub(crate) prefix_jump: Option<String>,
    pub(crate) did_type: Option<Choice<TypeOffer>>,
    pub(crate) group: Option<Group>,
    /// The chosen number; `None` on the review means a random number of the group.
    pub(crate) number: Option<String>,
    /// The customer or ticket reference recorded with this session's orders.
    pub(crate) reference: Option<crate::reference::Reference>,
}

/// What each step lists, with its search box, load state and cursor.
pub(crate) struct Lists {
    /// The matcher every search box ranks with (it keeps its buffers between keystrokes).
    pub(crate) filter: Filter,
    pub(crate) countries: Picker<&'static Country>,
    /// Countries the API refused (HTTP 400), this session or before: marked in the list.
    pub(crate) refused_countries: BTreeSet<String>,
    pub(crate) regions: Fetched<Picker<Choice<Region>>>,
    pub(crate) cities: Fetched<Picker<Choice<City>>>,
    /// The types offered in the place, from one search of its groups of every type.
    pub(crate) types: Fetched<Picker<Choice<TypeOffer>>>,
    /// That search's groups, which the group step filters by the chosen type.
    pub(crate) place_groups: Vec<Group>,
    pub(crate) groups: Fetched<Picker<Group>>,
    pub(crate) numbers: Fetched<NumberList>,
    /// When the next vanity request is due after a pause in typing.
    pub(crate) vanity_due: Option<Instant>,
    /// The vanity pattern carried from one group to the next.
    pub(crate) kept_pattern: Option<kept_pattern::KeptPattern>,
    /// The search of every group of the place, shown over the group step while open.
    pub(crate) everywhere: Option<Everywhere>,
    /// Above how many credits a search of every group asks first.
    pub(crate) confirm_search_above: u32,
    pub(crate) requirements: Fetched<Vec<Value>>,
}

impl Default for Lists {
    fn default() -> Self {
        Self {
            filter: Filter::new(),
            countries: Picker::new(countries::all().iter().collect()),
            refused_countries: BTreeSet::new(),
            regions: Fetched::default(),
            cities: Fetched::default(),
            types: Fetched::default(),
            place_groups: Vec::new(),
            groups: Fetched::default(),
            numbers: Fetched::default(),
            vanity_due: None,
            kept_pattern: None,
            everywhere: None,
            confirm_search_above: everywhere::DEFAULT_CONFIRM_ABOVE,
            requirements: Fetched::default(),
        }
    }
}

/// What the account holds, or is about to: reservations, the purchase, the basket.
pub(crate) struct Holdings {
    /// Every active reservation known (made here or listed by the API).
    pub(crate) holds: Vec<Held>,
    /// The reservation shown on the Reserved step.
    pub(crate) current_hold: Option<ReservationId>,
    pub(crate) purchase: Purchase,
    /// Whether some purchase's outcome stayed unknown even after asking the API (this run's,
    /// or one an earlier run left): buying stays off, for it could buy a second number.
    pub(crate) outcome_unknown: bool,
    /// Whether purchases can be recorded in the journal before they are sent; the event loop
    /// says when they cannot ([`super::Wizard::set_journal_unavailable`]).
    pub(crate) journal_open: bool,
    /// The numbers marked to reserve or buy together, and whether their screen is shown.
    pub(crate) basket: Basket,
    /// Reservations near their end, to be alerted once each.
    pub(crate) expiry_alerts: alerts::ExpiryAlerts,
}

impl Default for Holdings {
    fn default() -> Self {
        Self {
            holds: Vec::new(),
            current_hold: None,
            purchase: Purchase::Idle,
            outcome_unknown: false,
            journal_open: true,
            basket: Basket::default(),
            expiry_alerts: alerts::ExpiryAlerts::default(),
        }
    }
}

/// Everything around the steps: dialogs, the screens opened over them, notices, the meter,
/// scrolling, and what the header and status line show.
pub(crate) struct Chrome {
    pub(crate) modal: Option<Modal>,
    /// How far the help is scrolled down.
    pub(crate) help_scroll: usize,
    /// The reservations manager (Ctrl-R), when open.
    pub(crate) manager: Option<Manager>,
    /// "My numbers" (Ctrl-O), when open.
    pub(crate) owned: Option<OwnedView>,
    /// The history of orders (Ctrl-T), when open.
    pub(crate) history: Option<HistoryView>,
    /// The `numpick buy …` command line, while it is shown (Ctrl-E on Review).
    pub(crate) command_line: Option<String>,
    /// The reference as it is being typed on Review, while it is edited.
    pub(crate) reference_edit: Option<tui_input::Input>,
    pub(crate) notice: Option<Notice>,
    /// Whether the operator is leaving; nothing can be bought once they are.
    pub(crate) quitting: Quitting,
    /// How far the Review, Reserved or Done screen is scrolled, and on which step: a scroll
    /// belongs to the step it was made on.
    pub(crate) scroll: (Step, usize),
    /// How far the document on screen can be scrolled, as the renderer last laid it out, and
    /// on which step: only the renderer knows the lines a document wraps to and the room it
    /// has, so it reports this back and scrolling stops exactly at the end.
    pub(crate) document_end: std::cell::Cell<Option<(Step, usize)>>,
    /// The credit meter shown in the status line.
    pub(crate) meter: Meter,
    /// Text waiting to be copied to the terminal's clipboard.
    pub(crate) clipboard: Option<String>,
    /// When the wizard was made: the origin the spinner's frames are counted from.
    pub(crate) started: Instant,
    /// The currency the API's prices are in.
    pub(crate) currency: Currency,
    /// The API's address, shown in the header when it is not the production one.
    pub(crate) endpoint: Option<String>,
    /// Where purchases are recorded, shown with the receipt.
    pub(crate) journal_path: Option<String>,
}

impl Chrome {
    /// The chrome of a wizard made at `started`.
    pub(crate) fn new(started: Instant) -> Self {
        Self {
            modal: None,
            help_scroll: 0,
            manager: None,
            owned: None,
            history: None,
            command_line: None,
            reference_edit: None,
            notice: None,
            quitting: Quitting::No,
            scroll: (Step::Country, 0),
            document_end: std::cell::Cell::new(None),
            meter: Meter::default(),
            clipboard: None,
            started,
            currency: Currency::default(),
            endpoint: None,
            journal_path: None,
        }
    }
}
