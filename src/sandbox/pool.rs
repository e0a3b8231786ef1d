//! The numbers of every group, generated from the seed.
//!
//! Each group draws from its own ChaCha8 stream, seeded from the sandbox seed and the group
//! id, so a group's numbers do not depend on how many numbers other groups hold. About a third
//! of the numbers carry a vanity pattern (7777, 1234, 555, 1212, a round 000 ending) so that
//! a `number_contains` search finds something. Numbers are unique across the whole catalogue.

use std::collections::HashMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::catalogue::Catalogue;

/// One number of the catalogue.
#[derive(Debug, Clone)]
pub(super) struct Number {
    /// `did-` and twelve hex digits.
    pub id: String,
    /// E.164 (`+12135551234`).
    pub e164: String,
    /// Index of its group in the catalogue.
    pub group: usize,
}

/// Every number of every group.
#[derive(Debug)]
pub(super) struct Pools {
    pub numbers: Vec<Number>,
    /// Indices into `numbers`, per group, in generation order.
    pub(crate) by_group: Vec<Vec<usize>>,
    by_value: HashMap<u64, usize>,
    by_id: HashMap<u64, usize>,
}

impl Pools {
    /// The pools of a catalogue for a seed: the same seed always gives the same numbers.
    pub(super) fn generate(catalogue: &Catalogue, seed: u64) -> Self {
        let total: usize = catalogue.groups.iter().map(|g| g.pool_size).sum();
        let mut numbers = Vec::with_capacity(total);
        let mut by_group = Vec::with_capacity(catalogue.groups.len());
        // Keyed by the number's digits as an integer (15 digits fit a u64): much cheaper than
        // string keys, which matters because every sandbox generates tens of thousands.
        let mut by_value: HashMap<u64, usize> = HashMap::with_capacity(total);
        let mut by_id: HashMap<u64, usize> = HashMap::with_capacity(total);
        for (index, group) in catalogue.groups.iter().enumerate() {
            let mut rng = ChaCha8Rng::seed_from_u64(seed ^ fnv1a(&group.id));
            let rest_len = group.digits.saturating_sub(group.prefix_digits.len());
            let prefix_value: u64 = group.prefix_digits.parse().unwrap_or(0);
            let mut members = Vec::with_capacity(group.pool_size);
            // Bounded so that a pool larger than its number space cannot loop forever.
            let mut attempts = group.pool_size * 20;
            while members.len() < group.pool_size && attempts > 0 {
                attempts -= 1;
                let rest = subscriber_digits(&mut rng, rest_len);
                let value = rest
                    .iter()
                    .fold(prefix_value, |v, &d| v * 10 + u64::from(d));
                let id = rng.random::<u64>() >> 16;
                if by_value.contains_key(&value) || by_id.contains_key(&id) {
                    continue;
                }
                let position = numbers.len();
                by_value.insert(value, position);
                by_id.insert(id, position);
                numbers.push(Number {
                    id: format!("did-{id:012x}"),
                    e164: format!("+{value}"),
                    group: index,
                });
                members.push(position);
            }
            by_group.push(members);
        }
        Self {
            numbers,
            by_group,
            by_value,
            by_id,
        }
    }

    /// The number written as E.164 or as its `did-` id.
    pub(super) fn find(&self, text: &str) -> Option<usize> {
        if let Some(hex) = text.strip_prefix("did-") {
            let id = u64::from_str_radix(hex, 16).ok()?;
            return self
                .by_id
                .get(&id)
                .copied()
                .filter(|&n| self.numbers[n].id == text);
        }
        let digits = text.strip_prefix('+')?;
        let value: u64 = digits.parse().ok()?;
        self.by_value
            .get(&value)
            .copied()
            .filter(|&n| self.numbers[n].e164 == text)
    }
}

/// The digits after the prefix: the first is 2–9 (as in most numbering plans, and as the
/// NANP requires of an exchange code), the others random, sometimes with a vanity pattern.
fn subscriber_digits(rng: &mut ChaCha8Rng, len: usize) -> Vec<u8> {
    // One draw gives up to 19 digits; random_range per digit is needlessly slow in debug
    // builds, and the bias of `% 10` on a u64 is far below anything observable.
    let mut bits = rng.random::<u64>();
    let mut digits: Vec<u8> = (0..len)
        .map(|position| {
            let base = if position == 0 { 8 } else { 10 };
            let digit = (bits % base) as u8;
            bits /= base;
            if position == 0 { digit + 2 } else { digit }
        })
        .collect();
    if rng.random_bool(0.35) {
        add_vanity(rng, &mut digits);
    }
    digits
}

fn add_vanity(rng: &mut ChaCha8Rng, digits: &mut [u8]) {
    let len = digits.len();
    let mut at_end = false;
    let pattern: Vec<u8> = match rng.random_range(0..7) {
        0 => vec![rng.random_range(0..10); 4],
        1 => {
            let start = rng.random_range(0..7);
            (start..start + 4).collect()
        }
        2 => {
            let start = rng.random_range(3..10);
            (start - 3..=start).rev().collect()
        }
        3 => vec![5, 5, 5],
        4 => {
            let a = rng.random_range(0..10);
            let b = (a + rng.random_range(1..10)) % 10;
            vec![a, b, a, b]
        }
        5 => {
            at_end = true;
            vec![0; rng.random_range(3..5)]
        }
        _ => {
            let a = rng.random_range(2..10);
            vec![a, a, a, rng.random_range(0..10), rng.random_range(0..10)]
        }
    };
    if pattern.len() >= len {
        return;
    }
    let last_start = len - pattern.len();
    let start = if at_end {
        last_start
    } else if pattern[0] >= 2 {
        rng.random_range(0..=last_start)
    } else {
        // A leading 0 or 1 would break the first-digit rule.
        rng.random_range(1..=last_start)
    };
    digits[start..start + pattern.len()].copy_from_slice(&pattern);
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike `DefaultHasher`.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::catalogue;
    use super::*;

    #[test]
    fn every_group_is_full_and_its_numbers_fit_its_prefix() {
        let catalogue = catalogue();
        let pools = Pools::generate(catalogue, 7);
        for (index, group) in catalogue.groups.iter().enumerate() {
            assert_eq!(pools.by_group[index].len(), group.pool_size, "{}", group.id);
            for &n in &pools.by_group[index] {
                let e164 = &pools.numbers[n].e164;
                assert_eq!(e164.len(), group.digits + 1, "{e164}");
                assert!(e164[1..].bytes().all(|b| b.is_ascii_digit()), "{e164}");
                assert!(e164[1..].starts_with(&group.prefix_digits), "{e164}");
                let first = e164.as_bytes()[1 + group.prefix_digits.len()];
                assert!((b'2'..=b'9').contains(&first), "{e164}");
            }
        }
    }

    #[test]
    fn the_seed_decides_the_numbers() {
        let catalogue = catalogue();
        let list = |seed| -> Vec<String> {
            let pools = Pools::generate(catalogue, seed);
            pools.by_group[0]
                .iter()
                .map(|&n| pools.numbers[n].e164.clone())
                .collect()
        };
        assert_eq!(list(1), list(1));
        assert_ne!(list(1), list(2));
    }

    #[test]
    fn vanity_patterns_are_sprinkled_in() {
        let catalogue = catalogue();
        let pools = Pools::generate(catalogue, 2026);
        let la: Vec<&str> = pools.by_group[0]
            .iter()
            .map(|&n| pools.numbers[n].e164.as_str())
            .collect();
        let count = |patterns: &[String]| {
            la.iter()
                .filter(|n| patterns.iter().any(|p| n[5..].contains(p.as_str())))
                .count()
        };
        let repeats: Vec<String> = (0..10).map(|d| d.to_string().repeat(4)).collect();
        let runs: Vec<String> = (0..7)
            .map(|s| (s..s + 4).map(|d| d.to_string()).collect())
            .collect();
        for (name, patterns) in [
            ("555", vec!["555".to_owned()]),
            ("000 ending", vec!["000".to_owned()]),
            ("repeat", repeats),
            ("run", runs),
        ] {
            let hits = count(&patterns);
            assert!(hits >= 5, "{name}: {hits}");
        }
    }

    #[test]
    fn numbers_are_found_by_text_and_id() {
        let pools = Pools::generate(catalogue(), 3);
        let number = &pools.numbers[10];
        assert_eq!(pools.find(&number.e164), Some(10));
        assert_eq!(pools.find(&number.id), Some(10));
        assert_eq!(pools.find("+10000000000"), None);
    }
}
