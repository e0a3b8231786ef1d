//! The mutable side of the sandbox: reservations, purchases, the account's numbers, the
//! request count and the per-minute rate limit.
//!
//! A number is available when it is neither reserved nor bought. Reservations expire by
//! themselves: every operation takes `now` and [`State::expire`] drops the reservations whose
//! time is up, so no background task is needed and tests can pass any instant they like.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::SandboxConfig;
use super::catalogue::{Catalogue, Group, catalogue};
use super::clock::SandboxClock;
use super::envelope::ApiError;
use super::pool::{Number, Pools};

/// A number held for the account until `expires_at`.
#[derive(Debug, Clone)]
pub(super) struct Reservation {
    pub uuid: String,
    /// Index into the pools' numbers.
    pub number: usize,
    pub created_at: Timestamp,
    /// As announced: whole seconds, never later than the real expiry.
    pub expires_at: Timestamp,
    /// The exact instant the reservation ends.
    ends: Timestamp,
}

/// A successful purchase; the bought number belongs to the account from then on.
#[derive(Debug, Clone)]
pub(super) struct Purchase {
    pub number: usize,
    pub(crate) purchased_at: Timestamp,
    /// The id of the number in the account's list of numbers (`DID…`).
    pub(crate) virtual_number_uuid: String,
    /// `ACTIVE` until released, then `PENDING_CANCELLATION`.
    pub released: bool,
}

/// What a purchase request made of one number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Sale {
    /// Bought: the index of the purchase.
    Sold(usize),
    /// Not sold (the number as asked for, and why): it goes in the answer's `failed`.
    Failed { number: String, why: String },
}

/// The whole mutable state of one sandbox.
#[derive(Debug)]
pub(super) struct State {
    pub(crate) pools: Pools,
    /// Random picks and uuids; seeded apart from the pools so that picks don't shift numbers.
    rng: ChaCha8Rng,
    ttl: SignedDuration,
    reservations: Vec<Reservation>,
    purchases: Vec<Purchase>,
    owned: HashSet<usize>,
    /// Requests served with a key (what `/open/info` reports as usage).
    pub requests: u64,
    pub(crate) account_uuid: String,
    /// Requests a key may make in any minute; 0 for no limit.
    pub rate_limit: u32,
    /// When each key's requests of the last minute were admitted, oldest first.
    recent: HashMap<String, VecDeque<tokio::time::Instant>>,
    /// What "now" is for reservations and purchases.
    pub(crate) clock: SandboxClock,
}

impl State {
    pub(super) fn new(config: &SandboxConfig) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed.wrapping_add(0x5eed));
        let account_uuid = uuid_v4(&mut rng);
        Self {
            pools: Pools::generate(catalogue(), config.seed),
            rng,
            ttl: SignedDuration::try_from(config.reservation_ttl).unwrap_or(SignedDuration::MAX),
            reservations: Vec::new(),
            purchases: Vec::new(),
            owned: HashSet::new(),
            requests: 0,
            account_uuid,
            rate_limit: config.rate_limit,
            recent: HashMap::new(),
            clock: SandboxClock::start(),
        }
    }

    /// Admits a request of `key` at `now`, or says how long until the key may send again:
    /// at most [`State::rate_limit`] requests in any sliding minute.
    pub(super) fn admit(&mut self, key: &str, now: tokio::time::Instant) -> Result<(), Duration> {
        if self.rate_limit == 0 {
            return Ok(());
        }
        let minute = Duration::from_secs(60);
        let recent = self.recent.entry(key.to_owned()).or_default();
        while recent
            .front()
            .is_some_and(|at| now.duration_since(*at) >= minute)
        {
            recent.pop_front();
        }
        if recent.len() >= self.rate_limit as usize {
            let oldest = recent.front().copied().unwrap_or(now);
            return Err(minute.saturating_sub(now.duration_since(oldest)));
        }
        recent.push_back(now);
        Ok(())
    }

    pub(super) fn catalogue(&self) -> &'static Catalogue {
        catalogue()
    }

    pub(super) fn number(&self, index: usize) -> &Number {
        &self.pools.numbers[index]
    }

    pub(super) fn group_of(&self, index: usize) -> &'static Group {
        &catalogue().groups[self.pools.numbers[index].group]
    }

    /// Drops the reservations that have ended by `now`; their numbers are available again.
    pub(super) fn expire(&mut self, now: Timestamp) {
        self.reservations.retain(|r| r.ends > now);
    }

    pub(super) fn is_available(&self, index: usize) -> bool {
        !self.owned.contains(&index) && !self.reservations.iter().any(|r| r.number == index)
    }

    /// The available numbers of a group, in catalogue order.
    pub(super) fn available(&self, group: usize) -> impl Iterator<Item = &Number> {
        let members = self
            .pools
            .by_group
            .get(group)
            .map_or(&[][..], Vec::as_slice);
        members
            .iter()
            .filter(|&&n| self.is_available(n))
            .map(|&n| &self.pools.numbers[n])
    }

    pub(super) fn reservations(&self) -> &[Reservation] {
        &self.reservations
    }

    pub(super) fn purchases(&self) -> &[Purchase] {
        &self.purchases
    }

    /// Reserves `number` (or a random available number) of a group.
    pub(super) fn reserve(
        &mut self,
        group_id: &str,
        number: Option<&str>,
        now: Timestamp,
    ) -> Result<&Reservation, ApiError> {
        self.expire(now);
        let index = self.choose(group_id, number)?;
        if self.reservations.iter().any(|r| r.number == index) {
            let e164 = &self.pools.numbers[index].e164;
            return Err(ApiError::conflict(format!(
                "Number {e164} is already reserved"
            )));
        }
        let ends = now.checked_add(self.ttl).unwrap_or(Timestamp::MAX);
        let reservation = Reservation {
            uuid: uuid_v4(&mut self.rng),
            number: index,
            created_at: whole_seconds(now),
            expires_at: whole_seconds(ends),
            ends,
        };
        self.reservations.push(reservation);
        Ok(&self.reservations[self.reservations.len() - 1])
    }

    /// Cancels a reservation; its number goes back to the pool.
    pub(super) fn cancel(&mut self, uuid: &str, now: Timestamp) -> Result<Reservation, ApiError> {
        self.expire(now);
        match self.reservations.iter().position(|r| r.uuid == uuid) {
            Some(position) => Ok(self.reservations.remove(position)),
            None => Err(ApiError::not_found(format!("Reservation {uuid} not found"))),
        }
    }

    /// Buys `number`, of `group_id` when one is given. A number reserved by the account is
    /// sold (the reservation is consumed), even in a group that assigns its numbers; so is
    /// an available number of a group that allows selection. Anything else the request names
    /// correctly but cannot be sold is [`Sale::Failed`]. An unknown group or a number that is
    /// not a phone number is an error.
    pub(super) fn purchase_number(
        &mut self,
        group_id: Option<&str>,
        number: &str,
        now: Timestamp,
    ) -> Result<Sale, ApiError> {
        self.expire(now);
        let group_index =
            match group_id {
                Some(id) => Some(catalogue().group_index(id).ok_or_else(|| {
                    ApiError::not_found(format!("Number group '{id}' not found"))
                })?),
                None => None,
            };
        let text = normalize_number(number)?;
        let failed = |why: &str| {
            Ok(Sale::Failed {
                number: number.trim().to_owned(),
                why: why.to_owned(),
            })
        };
        let Some(index) = self.pools.find(&text) else {
            return failed("no such number");
        };
        let group = self.pools.numbers[index].group;
        if group_index.is_some_and(|g| g != group) {
            return failed("the number is not in that group");
        }
        if self.owned.contains(&index) {
            return failed("the number has already been purchased");
        }
        let reservation = self.reservations.iter().position(|r| r.number == index);
        if reservation.is_none() && !catalogue().groups[group].allow_number_selection {
            return failed("the group assigns its numbers: reserve one first");
        }
        if let Some(position) = reservation {
            self.reservations.remove(position);
        }
        Ok(Sale::Sold(self.sell(index, now)))
    }

    /// Buys every active reservation of the account, as a purchase without `number` does.
    pub(super) fn purchase_reserved(&mut self, now: Timestamp) -> Vec<usize> {
        self.expire(now);
        let held = std::mem::take(&mut self.reservations);
        held.into_iter().map(|r| self.sell(r.number, now)).collect()
    }

    fn sell(&mut self, index: usize, now: Timestamp) -> usize {
        self.owned.insert(index);
        let virtual_number_uuid = format!("DID{}", uuid_v4(&mut self.rng));
        self.purchases.push(Purchase {
            number: index,
            purchased_at: whole_seconds(now),
            virtual_number_uuid,
            released: false,
        });
        self.purchases.len() - 1
    }

    /// Releases an owned number (`DID…` id): it goes to pending cancellation and stays the
    /// account's until the provider takes it back.
    pub(super) fn release(&mut self, uuid: &str) -> Result<(), ApiError> {
        match (self.purchases.iter_mut()).find(|p| p.virtual_number_uuid == uuid) {
            Some(purchase) => {
                purchase.released = true;
                Ok(())
            }
            None => Err(ApiError::not_found(format!(
                "Virtual number {uuid} not found"
            ))),
        }
    }

    /// The number a reservation or purchase is about: the one named (which must belong to the
    /// group and not be bought already; a reserved one is returned, the caller decides), or a
    /// random available one.
    fn choose(&mut self, group_id: &str, number: Option<&str>) -> Result<usize, ApiError> {
        let group_index = catalogue()
            .group_index(group_id)
            .ok_or_else(|| ApiError::not_found(format!("Number group '{group_id}' not found")))?;
        let group = &catalogue().groups[group_index];
        let Some(text) = number else {
            let free: Vec<usize> = self.pools.by_group[group_index]
                .iter()
                .copied()
                .filter(|&n| self.is_available(n))
                .collect();
            if free.is_empty() {
                return Err(ApiError::conflict(format!(
                    "No numbers available in group '{group_id}'"
                )));
            }
            return Ok(free[self.rng.random_range(0..free.len())]);
        };
        let text = normalize_number(text)?;
        if !group.allow_number_selection {
            return Err(ApiError::bad_request(format!(
                "Group '{group_id}' does not allow number selection: omit `number` to get one assigned"
            )));
        }
        let index = self
            .pools
            .find(&text)
            .filter(|&n| self.pools.numbers[n].group == group_index)
            .ok_or_else(|| {
                ApiError::not_found(format!("Number {text} not found in group '{group_id}'"))
            })?;
        if self.owned.contains(&index) {
            let e164 = &self.pools.numbers[index].e164;
            return Err(ApiError::conflict(format!(
                "Number {e164} is not available: it has already been purchased"
            )));
        }
        Ok(index)
    }
}

/// Accepts E.164 (`+12135551234`), the same without `+`, or a `did-` id.
fn normalize_number(text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    if text.starts_with("did-") {
        return Ok(text.to_owned());
    }
    let digits = text.strip_prefix('+').unwrap_or(text);
    if (7..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("+{digits}"))
    } else {
        Err(ApiError::bad_request(format!(
            "Invalid number '{text}': expected E.164, such as +12135551234"
        )))
    }
}

fn whole_seconds(instant: Timestamp) -> Timestamp {
    Timestamp::from_second(instant.as_second()).unwrap_or(instant)
}

/// A version 4 uuid from the seeded generator, so that ids repeat with the seed.
pub(super) fn uuid_v4(rng: &mut ChaCha8Rng) -> String {
    let mut bytes: [u8; 16] = rng.random();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests;
