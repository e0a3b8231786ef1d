//! The search of one group: its first query, then, when asked to complete, the narrower
//! queries of every answer that may have been cut short, as long as the budget allows.

use std::collections::HashSet;

use crate::api::error::ApiError;
use crate::api::model::{AvailableNumber, Group, Listing};
use crate::vanity::{Memorable, ServerQuery, VanityPattern, memorability, national_number};

use super::PageCap;

/// What a group's search could not cover yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// The first answer that may have been cut short: its length and the digits asked for
    /// (empty without a pattern). It stays for the record once the search is completed.
    pub cut_short: Option<(usize, String)>,
    /// An answer was cut short that no narrower query can complete (the pattern has no
    /// wildcard left beside its digits, or there is no pattern): more numbers may exist.
    pub beyond_reach: bool,
    /// The first request was never sent: the search was cancelled or out of credits first.
    pub unsearched: bool,
    /// The first request that failed.
    pub error: Option<ApiError>,
}

/// One group's matching numbers, how far they go, and what is left to ask.
#[derive(Debug, Clone)]
pub struct GroupSearch {
    pub group: Group,
    /// The numbers that match the whole pattern, each once, in the order they arrived.
    pub numbers: Vec<AvailableNumber>,
    pub coverage: Coverage,
    /// Narrower queries of answers cut short, not sent yet (the sweep module's `complete_group` sends them).
    pub pending: Vec<ServerQuery>,
    /// The requests sent (each one credit).
    pub credits: u32,
    seen: HashSet<String>,
    /// What makes each of `numbers` memorable, worked out once as it arrives: it does not
    /// depend on the pattern, and ranking needs it for every match on every change.
    memorable: Vec<Option<Memorable>>,
}

impl GroupSearch {
    /// A search of `group` that has found nothing yet.
    pub fn new(group: Group) -> Self {
        Self {
            group,
            numbers: Vec::new(),
            coverage: Coverage::default(),
            pending: Vec::new(),
            credits: 0,
            seen: HashSet::new(),
            memorable: Vec::new(),
        }
    }

    /// Adds `number` unless it is there already.
    pub fn add(&mut self, number: AvailableNumber) {
        if self.seen.insert(number.id.to_string()) {
            self.memorable
                .push(national_number(&number.number).and_then(memorability));
            self.numbers.push(number);
        }
    }

    /// What makes the number at `n` of [`GroupSearch::numbers`] memorable, if anything.
    pub fn memorable(&self, n: usize) -> Option<Memorable> {
        match self.memorable.get(n) {
            Some(memorable) => memorable.clone(),
            // Added to `numbers` directly: worked out now.
            None => national_number(&self.numbers.get(n)?.number).and_then(memorability),
        }
    }

    /// The memorable score of the number at `n` (0 for a plain number).
    pub(crate) fn memorable_score(&self, n: usize) -> u32 {
        match self.memorable.get(n) {
            Some(memorable) => memorable.as_ref().map_or(0, |m| m.score),
            None => self.memorable(n).map_or(0, |m| m.score),
        }
    }

    /// Whether every number of the group that matches was found.
    pub fn is_complete(&self) -> bool {
        let coverage = &self.coverage;
        self.pending.is_empty()
            && !coverage.beyond_reach
            && !coverage.unsearched
            && coverage.error.is_none()
    }
}

impl GroupSearch {
    /// Takes in the answer to `query` (the first query of the group when `None`): keeps the
    /// numbers that match `pattern`, and, when the answer may have been cut short, leaves its
    /// narrower queries pending (or notes that none can reach further).
    pub(crate) fn absorb(
        &mut self,
        pattern: &VanityPattern,
        cap: &PageCap,
        query: Option<ServerQuery>,
        answer: Result<Listing<AvailableNumber>, ApiError>,
    ) {
        let listing = match answer {
            Ok(listing) => listing,
            Err(error) => {
                self.coverage.error.get_or_insert(error);
                return;
            }
        };
        let len = listing.items.len();
        let cut_short = cap.may_be_truncated(len);
        for number in listing.items {
            if pattern.matches(&number.number).is_some() {
                self.add(number);
            }
        }
        if !cut_short {
            return;
        }
        let digits = query.as_ref().map(|q| q.digits().to_owned());
        self.coverage
            .cut_short
            .get_or_insert_with(|| (len, digits.unwrap_or_default()));
        let narrower = query.map(|q| pattern.narrow(&q)).unwrap_or_default();
        if narrower.is_empty() {
            self.coverage.beyond_reach = true;
        }
        self.pending.extend(narrower);
    }
}
