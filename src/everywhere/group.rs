//! The search of one group: its first query, then, when asked to complete, narrower queries
//! wherever an answer may have been cut short, as long as the budget allows.

use std::collections::HashSet;

use futures_util::StreamExt;

use crate::api::Client;
use crate::api::error::ApiError;
use crate::api::model::{AvailableNumber, Group};
use crate::vanity::{ServerQuery, VanityPattern};

use super::Sweep;

/// How many queries of one group are in flight at once (ten narrower queries at most arise
/// from one that was cut short).
const QUERIES_AT_ONCE: usize = 10;

/// What a group's search could not cover; all empty means the answer is complete.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// An answer that may have been cut short and was not narrowed: its length and the digits
    /// asked for (empty without a pattern). The first such answer is kept, for the message.
    pub capped: Option<(usize, String)>,
    /// Narrower queries that were not sent: the budget ran out or the search was cancelled.
    pub unsent: usize,
    /// The first request that failed.
    pub error: Option<ApiError>,
}

impl Coverage {
    /// Whether every number of the group that matches was found.
    pub fn is_complete(&self) -> bool {
        self.capped.is_none() && self.unsent == 0 && self.error.is_none()
    }
}

/// One group's matching numbers and how far they go.
#[derive(Debug, Clone)]
pub struct GroupSearch {
    pub group: Group,
    /// The numbers that match the whole pattern, each once, in the order they arrived.
    pub numbers: Vec<AvailableNumber>,
    pub coverage: Coverage,
    /// The requests sent (each one credit).
    pub credits: u32,
}

/// Searches `group` for `pattern` (every available number for the empty pattern).
pub async fn search_group(
    client: &Client,
    group: &Group,
    pattern: &VanityPattern,
    sweep: Sweep<'_>,
) -> GroupSearch {
    let mut search = GroupSearch {
        group: group.clone(),
        numbers: Vec::new(),
        coverage: Coverage::default(),
        credits: 0,
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut level: Vec<Option<ServerQuery>> = vec![pattern.first_query()];
    while !level.is_empty() {
        let mut sendable = Vec::with_capacity(level.len());
        for query in level {
            if sweep.budget.take() {
                sendable.push(query);
            } else {
                search.coverage.unsent += 1;
            }
        }
        search.credits += u32::try_from(sendable.len()).unwrap_or(u32::MAX);
        let answers: Vec<_> = futures_util::stream::iter(sendable)
            .map(|query| async move {
                let digits = query.as_ref().map(ServerQuery::digits);
                let answer = client.available_numbers(&group.id, digits).await;
                (query, answer)
            })
            .buffer_unordered(QUERIES_AT_ONCE)
            .collect()
            .await;
        let mut next = Vec::new();
        for (query, answer) in answers {
            let listing = match answer {
                Ok(listing) => listing,
                Err(error) => {
                    search.coverage.error.get_or_insert(error);
                    continue;
                }
            };
            let len = listing.items.len();
            let truncated = sweep.cap.may_be_truncated(len);
            for number in listing.items {
                if pattern.matches(&number.number).is_some() && seen.insert(number.id.to_string()) {
                    search.numbers.push(number);
                }
            }
            if !truncated {
                continue;
            }
            let narrower = match (&query, sweep.complete) {
                (Some(query), true) => pattern.narrow(query),
                _ => Vec::new(),
            };
            if narrower.is_empty() {
                let digits = query.map(|q| q.digits().to_owned()).unwrap_or_default();
                search.coverage.capped.get_or_insert((len, digits));
            } else {
                next.extend(narrower.into_iter().map(Some));
            }
        }
        level = next;
    }
    search
}
