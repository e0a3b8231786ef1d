//! Sending a search across groups with the client: the first query of each group, several
//! groups at once, then the narrower queries of the answers that were cut short, all within
//! the search's credit budget. What the answers mean is [`crate::everywhere`]'s business; this
//! is only the sending.

use futures_util::StreamExt;

use crate::api::Client;
use crate::api::model::Group;
use crate::everywhere::{GroupSearch, Sweep, selectable};
use crate::vanity::{ServerQuery, VanityPattern};

/// How many groups are searched at the same time. The client's rate limiter decides how fast
/// requests actually go; this only bounds the connections open at once.
const GROUPS_AT_ONCE: usize = 16;

/// How many queries of one group are in flight at once (one answer cut short gives ten
/// narrower queries).
const QUERIES_AT_ONCE: usize = 10;

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
pub(crate) async fn complete_groups(
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

/// Searches `group` for `pattern` (every available number for the empty pattern) with one
/// query, if the budget holds a credit for it. Narrower queries of an answer cut short are
/// left in [`GroupSearch::pending`].
pub async fn search_group(
    client: &Client,
    group: &Group,
    pattern: &VanityPattern,
    sweep: Sweep<'_>,
) -> GroupSearch {
    let mut search = GroupSearch::new(group.clone());
    let first = pattern.first_query();
    if sweep.budget.take() {
        search.credits += 1;
        let digits = first.as_ref().map(ServerQuery::digits);
        let answer = client.available_numbers(&group.id, digits).await;
        search.absorb(pattern, sweep.cap, first, answer);
    } else {
        search.coverage.unsearched = true;
    }
    search
}

/// Sends the pending narrower queries of `search`, and theirs in turn, until none is left or
/// the budget is spent.
pub async fn complete_group(
    client: &Client,
    search: &mut GroupSearch,
    pattern: &VanityPattern,
    sweep: Sweep<'_>,
) {
    loop {
        let mut sendable = Vec::new();
        while !search.pending.is_empty() && sweep.budget.take() {
            sendable.push(search.pending.remove(0));
        }
        if sendable.is_empty() {
            return;
        }
        search.credits += u32::try_from(sendable.len()).unwrap_or(u32::MAX);
        let group = &search.group.id;
        let answers: Vec<_> = futures_util::stream::iter(sendable)
            .map(|query| async move {
                let answer = client.available_numbers(group, Some(query.digits())).await;
                (query, answer)
            })
            .buffer_unordered(QUERIES_AT_ONCE)
            .collect()
            .await;
        for (query, answer) in answers {
            search.absorb(pattern, sweep.cap, Some(query), answer);
        }
    }
}
