//! Finding a number wherever it is: one vanity pattern searched in every group of a place,
//! with answers that say whether they are complete.
//!
//! - [`limits`]: when an answer may have been cut short ([`PageCap`]), and the credits a
//!   search may spend ([`Budget`], which is also how a search is cancelled).
//! - [`group`]: what the search of one group found: a first query, then, when asked to
//!   complete, narrower wildcard queries wherever an answer was cut short (see [`crate::vanity::ServerQuery`]).
//! - [`note`]: what an incomplete answer is told as, on screen and on stderr.
//! - [`merge`](mod@merge): the results of many groups as one ranked list.
//!
//! The sending is the `sweep` module's (the command line); the wizard sends the same queries
//! through its worker.
//!
//! Every request costs a credit, so the cost of the first pass (one query per group that
//! allows number selection) is known before anything is sent ([`first_pass_cost`]); narrowing
//! spends only what the budget still holds, and a search the budget stopped says so.

pub mod group;
pub mod limits;
pub mod merge;
pub mod note;

use crate::api::model::Group;

pub use group::GroupSearch;
pub use limits::{Budget, PageCap};
pub use merge::Found;
pub use merge::{merge, ranked};

/// What a search goes by: the page limit seen so far and the credits it may spend.
#[derive(Debug, Clone, Copy)]
pub struct Sweep<'a> {
    pub cap: &'a PageCap,
    pub budget: &'a Budget,
}

/// The credits completing `searches` costs at least: one per pending narrower query (their
/// answers may be cut short in turn and ask for more).
pub fn completion_cost(searches: &[GroupSearch]) -> u32 {
    let pending: usize = searches.iter().map(|s| s.pending.len()).sum();
    u32::try_from(pending).unwrap_or(u32::MAX)
}

/// The groups a pattern can be searched in: those that allow picking a number.
pub(crate) fn selectable(groups: &[Group]) -> impl Iterator<Item = &Group> {
    groups.iter().filter(|g| g.allow_number_selection)
}

/// The credits of the first pass over `groups`: one per group that allows number selection.
pub fn first_pass_cost(groups: &[Group]) -> u32 {
    u32::try_from(selectable(groups).count()).unwrap_or(u32::MAX)
}
