//! What the operator asks of the wizard ([`Action`]), and how the keymap should read keys on
//! the screen shown ([`InputMode`]).

use tui_input::InputRequest;

use super::Move;

/// What the operator asked for, as decided by the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Move(Move),
    /// An edit of the screen's search box.
    Edit(InputRequest),
    /// Enter: choose the highlighted row, or retry a failed load.
    Choose,
    /// Esc: close, clear the search box, or go one step back.
    Back,
    Help,
    /// Ctrl-R: the reservations manager.
    Reservations,
    /// Ctrl-O: "My numbers", the numbers the account owns.
    OwnedNumbers,
    /// Ctrl-X in "My numbers": release the highlighted number (after typing its last digits).
    Release,
    /// Ctrl-T: the history of orders, from the journal.
    History,
    /// `e` on Review: edit the reference recorded with the session's orders.
    EditReference,
    Quit,
    Reserve,
    Buy,
    Cancel,
    /// `y` in a confirmation.
    Confirm,
    /// `n` in a confirmation.
    Decline,
    /// `k` in the quit guard: quit and keep the reservations.
    KeepAndQuit,
    /// Ask again for what failed to load.
    Retry,
    /// Tab on the number step: memorable numbers first, or the API's order.
    ToggleOrder,
    /// `d` on Review: copy the requirements checklist.
    CopyChecklist,
    /// Space on a number list: mark the highlighted number for the basket, or unmark it.
    Mark,
    /// Ctrl-K: the basket of marked numbers.
    Basket,
    /// Ctrl-Y: copy what the screen is about (a number, a reservation's UUID, the receipt,
    /// the command line shown).
    Copy,
    /// Ctrl-E on Review: show the `numpick buy …` command line for the reviewed number.
    ShowCommand,
}

/// How the keymap should read keys on the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InputMode {
    /// Letters and digits go to the search box; `empty` when `?` opens the help: the box is
    /// empty, and is not the vanity box (where `?` is a wildcard).
    Search { empty: bool },
    /// Letters are commands (`r`, `b`, `c`, `q`, `?`).
    Commands,
    /// The vanity box of the number step: letters and digits type into it (`?` is a
    /// wildcard there, so help is on F1), and Space marks the highlighted number.
    Numbers,
    /// A yes/no question is open.
    Confirm,
    /// The help is open: any key closes it.
    Help,
    /// The quit guard asks: keep, cancel, or stay.
    QuitGuard,
}
