//! A per-session cache of GET answers, so that going back and forward costs no credit.
//!
//! Catalogue answers (regions, cities, types, requirements, groups) live for the session;
//! available numbers live briefly and are dropped when a number of their group is reserved,
//! bought or released.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

use crate::api::model::GroupId;

use crate::protocol::{Answer, Call};

/// How long a list of available numbers is trusted.
pub(crate) const NUMBERS_TTL: Duration = Duration::from_secs(60);

/// Answers by the call that produced them.
#[derive(Debug, Default)]
pub(crate) struct AnswerCache {
    entries: HashMap<Call, (Instant, Answer)>,
}

impl AnswerCache {
    /// A stored answer to `call` that is still fresh at `now`.
    pub(crate) fn get(&self, call: &Call, now: Instant) -> Option<&Answer> {
        let (stored_at, answer) = self.entries.get(call)?;
        let fresh = match lifetime(call)? {
            None => true,
            Some(ttl) => now.duration_since(*stored_at) < ttl,
        };
        fresh.then_some(answer)
    }

    /// Keeps `answer` to `call` when such answers are cached, and forgets what a change to
    /// the account makes stale.
    pub(crate) fn record(&mut self, call: &Call, answer: &Answer, now: Instant) {
        match call {
            Call::Reserve { group, .. } => self.forget_numbers(Some(group)),
            Call::Purchase { order, .. } => self.forget_numbers(Some(&order.group_id)),
            // The released number's group is not known here: drop every numbers list.
            Call::Cancel { .. } => self.forget_numbers(None),
            _ if lifetime(call).is_some() => {
                self.entries.insert(call.clone(), (now, answer.clone()));
            }
            _ => {}
        }
    }

    /// Forgets the catalogue (regions, cities, DID types), so that it is asked for again.
    pub(crate) fn forget_catalogue(&mut self) {
        self.entries.retain(|call, _| {
            !matches!(
                call,
                Call::Regions { .. } | Call::Cities { .. } | Call::DidTypes
            )
        });
    }

    /// Forgets the numbers lists of `group` (or of every group), after a change to the pool.
    pub(crate) fn forget_numbers(&mut self, group: Option<&GroupId>) {
        self.entries.retain(|call, _| match call {
            Call::Numbers { group: cached, .. } => group.is_some_and(|g| g != cached),
            _ => true,
        });
    }
}

/// `None`: never cached; `Some(None)`: for the session; `Some(Some(ttl))`: for `ttl`.
fn lifetime(call: &Call) -> Option<Option<Duration>> {
    match call {
        Call::Regions { .. }
        | Call::Cities { .. }
        | Call::DidTypes
        | Call::Requirements { .. }
        | Call::Groups { .. } => Some(None),
        Call::Numbers { .. } => Some(Some(NUMBERS_TTL)),
        Call::Reserve { .. }
        | Call::Reservations
        | Call::Cancel { .. }
        | Call::Purchase { .. }
        | Call::Settle(_)
        | Call::AccountInfo
        | Call::OwnedNumbers
        | Call::Release { .. }
        | Call::History => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::{E164, Listing, PurchaseOrder, Receipt};

    fn numbers_call(group: &str) -> Call {
        Call::Numbers {
            group: GroupId::new(group),
            contains: None,
        }
    }

    #[test]
    fn catalogue_answers_live_for_the_session_and_numbers_expire() {
        let mut cache = AnswerCache::default();
        let t0 = Instant::now();
        let answer = Answer::DidTypes(Listing::default());
        cache.record(&Call::DidTypes, &answer, t0);
        cache.record(
            &numbers_call("g1"),
            &Answer::Numbers(Listing::default()),
            t0,
        );
        let later = t0 + Duration::from_secs(3600);
        assert_eq!(cache.get(&Call::DidTypes, later), Some(&answer));
        assert!(
            cache
                .get(&numbers_call("g1"), t0 + Duration::from_secs(5))
                .is_some()
        );
        assert!(cache.get(&numbers_call("g1"), t0 + NUMBERS_TTL).is_none());
    }

    #[test]
    fn a_purchase_drops_its_groups_numbers_only_and_is_never_cached() {
        let mut cache = AnswerCache::default();
        let t0 = Instant::now();
        for group in ["g1", "g2"] {
            cache.record(
                &numbers_call(group),
                &Answer::Numbers(Listing::default()),
                t0,
            );
        }
        let purchase = Call::Purchase {
            order: PurchaseOrder::new(GroupId::new("g1"), E164::parse("+4930123456").unwrap()),
            reservation: None,
            reference: None,
            prices: None,
        };
        let receipt = Answer::Purchased {
            number: "+4930123456".to_owned(),
            receipt: Receipt {
                body: serde_json::json!({"purchased": ["+4930123456"]}),
            },
        };
        cache.record(&purchase, &receipt, t0);
        assert!(cache.get(&purchase, t0).is_none());
        assert!(cache.get(&numbers_call("g1"), t0).is_none());
        assert!(cache.get(&numbers_call("g2"), t0).is_some());
    }
}
