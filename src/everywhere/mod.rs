//! Finding a number wherever it is: one vanity pattern searched in every group of a place,
//! with answers that say whether they are complete.
//!
//! - [`limits`]: when an answer may have been cut short ([`PageCap`]), and the credits a
//!   search may spend ([`Budget`], which is also how a search is cancelled).
//! - [`group`]: the search of one group: a first query, then, when asked to complete, narrower
//!   wildcard queries wherever an answer was cut short (see [`crate::vanity::ServerQuery`]).
//! - [`note`]: what an incomplete answer is told as, on screen and on stderr.
//! - [`merge`]: the results of many groups as one ranked list.
//!
//! Every request costs a credit, so the cost of the first pass (one query per group that
//! allows number selection) is known before anything is sent ([`first_pass_cost`]); narrowing
//! spends only what the budget still holds, and a search the budget stopped says so.

pub mod group;
pub mod limits;
pub mod merge;
pub mod note;

use futures_util::StreamExt;

use crate::api::Client;
use crate::api::model::Group;
use crate::vanity::VanityPattern;

pub use group::{Coverage, GroupSearch, complete_group, search_group};
pub use limits::{Budget, PageCap};
pub use merge::{Found, merge, ranked};

/// How many groups are searched at the same time. The client's rate limiter decides how fast
/// requests actually go; this only bounds the connections open at once.
const GROUPS_AT_ONCE: usize = 16;

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
pub fn selectable(groups: &[Group]) -> impl Iterator<Item = &Group> {
    groups.iter().filter(|g| g.allow_number_selection)
}

/// The credits of the first pass over `groups`: one per group that allows number selection.
pub fn first_pass_cost(groups: &[Group]) -> u32 {
    u32::try_from(selectable(groups).count()).unwrap_or(u32::MAX)
}

/// Searches every selectable group of `groups` for `pattern`, several at once, calling
/// `progress(done, total)` as each group finishes. Results come back in the order of
/// `groups`; groups that assign numbers at random are not searched (see [`selectable`]).
pub async fn search_groups(
    client: &Client,
    groups: &[Group],
    pattern: &VanityPattern,
    sweep: Sweep<'_>,
    mut progress: impl FnMut(usize, usize),
) -> Vec<GroupSearch> {
    let targets: Vec<&Group> = selectable(groups).collect();
    let total = targets.len();
    let mut searches =
        futures_util::stream::iter(targets.into_iter().enumerate())
            .map(|(index, group)| async move {
                (index, search_group(client, group, pattern, sweep).await)
            })
            .buffer_unordered(GROUPS_AT_ONCE);
    let mut done: Vec<(usize, GroupSearch)> = Vec::with_capacity(total);
    while let Some(result) = searches.next().await {
        done.push(result);
        progress(done.len(), total);
    }
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, search)| search).collect()
}

/// Completes every search of `searches` that has pending narrower queries, several at once,
/// within the sweep's budget.
pub async fn complete_groups(
    client: &Client,
    searches: &mut [GroupSearch],
    pattern: &VanityPattern,
    sweep: Sweep<'_>,
) {
    futures_util::stream::iter(searches.iter_mut().filter(|s| !s.pending.is_empty()))
        .for_each_concurrent(GROUPS_AT_ONCE, |search| {
            complete_group(client, search, pattern, sweep)
        })
        .await;
}
