//! The mutable side of the sandbox: reservations, purchases, the account's numbers and the
//! request count.
//!
//! A number is available when it is neither reserved nor bought. Reservations expire by
//! themselves: every operation takes `now` and [`State::expire`] drops the reservations whose
//! time is up, so no background task is needed and tests can pass any instant they like.

use std::collections::HashSet;

use jiff::{SignedDuration, Timestamp};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::SandboxConfig;
use super::catalogue::{Catalogue, Group, catalogue};
use super::envelope::ApiError;
use super::pool::{Number, Pools};

/// A number held for the account until `expires_at`.
#[derive(Debug, Clone)]
pub struct Reservation {
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
pub struct Purchase {
    pub uuid: String,
    pub number: usize,
    pub purchased_at: Timestamp,
    /// The id of the number in the account's list of numbers.
    pub virtual_number_uuid: String,
    /// The reservation the purchase consumed, if any.
    pub reservation: Option<String>,
}

/// The whole mutable state of one sandbox.
#[derive(Debug)]
pub struct State {
    pub pools: Pools,
    /// Random picks and uuids; seeded apart from the pools so that picks don't shift numbers.
    rng: ChaCha8Rng,
    ttl: SignedDuration,
    reservations: Vec<Reservation>,
    purchases: Vec<Purchase>,
    owned: HashSet<usize>,
    /// Requests served with a key (what `/open/info` reports as usage).
    pub requests: u64,
    pub account_uuid: String,
}

impl State {
    pub fn new(config: &SandboxConfig) -> Self {
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
        }
    }

    pub fn catalogue(&self) -> &'static Catalogue {
        catalogue()
    }

    pub fn number(&self, index: usize) -> &Number {
        &self.pools.numbers[index]
    }

    pub fn group_of(&self, index: usize) -> &'static Group {
        &catalogue().groups[self.pools.numbers[index].group]
    }

    /// Drops the reservations that have ended by `now`; their numbers are available again.
    pub fn expire(&mut self, now: Timestamp) {
        self.reservations.retain(|r| r.ends > now);
    }

    pub fn is_available(&self, index: usize) -> bool {
        !self.owned.contains(&index) && !self.reservations.iter().any(|r| r.number == index)
    }

    /// The available numbers of a group, in catalogue order.
    pub fn available(&self, group: usize) -> impl Iterator<Item = &Number> {
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

    pub fn reservations(&self) -> &[Reservation] {
        &self.reservations
    }

    pub fn purchases(&self) -> &[Purchase] {
        &self.purchases
    }

    /// Reserves `number` (or a random available number) of a group.
    pub fn reserve(
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
    pub fn cancel(&mut self, uuid: &str, now: Timestamp) -> Result<Reservation, ApiError> {
        self.expire(now);
        match self.reservations.iter().position(|r| r.uuid == uuid) {
            Some(position) => Ok(self.reservations.remove(position)),
            None => Err(ApiError::not_found(format!("Reservation {uuid} not found"))),
        }
    }

    /// Buys `number` (or a random available number) of a group. A number reserved by the
    /// account may be bought: the reservation is consumed.
    pub fn purchase(
        &mut self,
        group_id: &str,
        number: Option<&str>,
        now: Timestamp,
    ) -> Result<&Purchase, ApiError> {
        self.expire(now);
        let index = self.choose(group_id, number)?;
        let reservation = self
            .reservations
            .iter()
            .position(|r| r.number == index)
            .map(|position| self.reservations.remove(position).uuid);
        self.owned.insert(index);
        let purchase = Purchase {
            uuid: uuid_v4(&mut self.rng),
            number: index,
            purchased_at: whole_seconds(now),
            virtual_number_uuid: uuid_v4(&mut self.rng),
            reservation,
        };
        self.purchases.push(purchase);
        Ok(&self.purchases[self.purchases.len() - 1])
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
pub fn uuid_v4(rng: &mut ChaCha8Rng) -> String {
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
mod tests {
    use std::time::Duration;

    use axum::http::StatusCode;

    use super::*;

    const LA: &str = "us-ca-la-local-1";

    fn state(ttl_secs: u64) -> State {
        State::new(&SandboxConfig {
            seed: 11,
            reservation_ttl: Duration::from_secs(ttl_secs),
        })
    }

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_767_225_600 + second).unwrap()
    }

    fn first_number(state: &State) -> String {
        state.available(0).next().unwrap().e164.clone()
    }

    #[test]
    fn a_reservation_holds_its_number_until_it_expires() {
        let mut state = state(600);
        let number = first_number(&state);
        let reservation = state.reserve(LA, Some(&number), at(0)).unwrap();
        assert_eq!(reservation.expires_at, at(600));
        assert!(state.available(0).all(|n| n.e164 != number));
        let again = state.reserve(LA, Some(&number), at(10)).unwrap_err();
        assert_eq!(again.status, StatusCode::CONFLICT);
        state.expire(at(599));
        assert_eq!(state.reservations().len(), 1);
        state.expire(at(600));
        assert!(state.reservations().is_empty());
        assert_eq!(first_number(&state), number);
    }

    #[test]
    fn buying_a_reserved_number_consumes_the_reservation() {
        let mut state = state(600);
        let number = first_number(&state);
        let uuid = state
            .reserve(LA, Some(&number), at(0))
            .unwrap()
            .uuid
            .clone();
        let purchase = state.purchase(LA, Some(&number), at(5)).unwrap();
        assert_eq!(purchase.reservation.as_deref(), Some(uuid.as_str()));
        assert!(state.reservations().is_empty());
        let twice = state.purchase(LA, Some(&number), at(6)).unwrap_err();
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(
            state.cancel(&uuid, at(7)).unwrap_err().status,
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn bad_requests_get_the_right_status() {
        let mut state = state(600);
        let status = |r: Result<&Reservation, ApiError>| r.unwrap_err().status;
        assert_eq!(
            status(state.reserve("nope", None, at(0))),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(state.reserve(LA, Some("call me"), at(0))),
            StatusCode::BAD_REQUEST
        );
        assert_eq!(
            status(state.reserve(LA, Some("+4930123456"), at(0))),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(state.reserve("us-tollfree-877", Some("+18775550000"), at(0))),
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn a_sold_out_group_says_so() {
        let mut state = state(600);
        let group = catalogue().group_index("ch-sharedcost-840").unwrap();
        for _ in 0..catalogue().groups[group].pool_size {
            state.purchase("ch-sharedcost-840", None, at(0)).unwrap();
        }
        assert_eq!(state.available(group).count(), 0);
        let error = state.reserve("ch-sharedcost-840", None, at(1)).unwrap_err();
        assert_eq!(error.status, StatusCode::CONFLICT);
    }

    #[test]
    fn uuids_are_version_4() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let uuid = uuid_v4(&mut rng);
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "4");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }
}
