//! The vanity box's index: the national numbers of a list's items, split out of their E.164
//! text once, when the items arrive, laid side by side and kept as a bit index of their digits
//! ([`DigitIndex`]), so that a keystroke finds where the pattern can start with a few word
//! operations per 64 digits, then visits only the numbers holding such a start.

use std::ops::Range;

use crate::api::model::AvailableNumber;
use crate::vanity::{self, DigitIndex, VanityPattern};

/// A number that matches the vanity box, with the matched span of its E.164 text.
///
/// Eight bytes: a pattern every other number holds matches tens of thousands of numbers, and
/// each keystroke writes them all out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NumberMatch {
    pub(super) index: u32,
    /// The span's ends: an E.164 text is at most 16 bytes.
    pub(super) start: u8,
    pub(super) end: u8,
}

impl NumberMatch {
    /// The match of the item at `index`, over the bytes `span` of its E.164 text (empty
    /// without a pattern). `None` past what a list of numbers can hold.
    pub(super) fn new(index: usize, span: Range<usize>) -> Option<Self> {
        Some(Self {
            index: u32::try_from(index).ok()?,
            start: u8::try_from(span.start).ok()?,
            end: u8::try_from(span.end).ok()?,
        })
    }

    /// Index into [`super::NumberList::items`].
    pub(crate) fn index(self) -> usize {
        self.index as usize
    }

    /// Byte range of the matched digits within the E.164 text (empty without a pattern).
    pub(crate) fn span(self) -> Range<usize> {
        usize::from(self.start)..usize::from(self.end)
    }
}

/// A national number has at most 14 digits (E.164's 15 less one for the calling code), so a
/// match's distance from the end is below this.
const DISTANCES: usize = 16;

/// The national numbers of a list's items, split out of their E.164 text once, when the
/// items arrive, laid side by side and indexed by digit: a keystroke in the vanity box then
/// combines a few bit masks instead of splitting every number again and trying every start.
#[derive(Debug, Clone, Default)]
pub(super) struct Nationals {
    /// Per item, where its national number lies; `None` when it is not valid E.164 (see
    /// [`vanity::split_e164`]), so that no pattern matches it.
    places: Vec<Option<Place>>,
    /// Where each digit stands in the national digits of every valid item, laid one after
    /// another (only this index of them is kept).
    index: DigitIndex,
    /// Room reused by every keystroke: where the pattern can start, one bit per digit's
    /// position, and the matches found, one list per distance from the end, each in the API's
    /// order (the item, at most 4 billion, and where the match starts in its E.164 text).
    starts: Vec<u64>,
    by_distance: [Vec<(u32, u8)>; DISTANCES],
}

/// Where one item's national number lies.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Its start among the national digits laid one after another.
    start: u32,
    /// Its length in digits.
    len: u8,
    /// Its start in the item's E.164 text (after `+` and the calling code).
    offset: u8,
}

impl Nationals {
    pub(super) fn of(items: &[AvailableNumber]) -> Self {
        let mut digits = String::new();
        let places = items
            .iter()
            .map(|item| {
                let (_, national) = vanity::split_e164(&item.number)?;
                let place = Place {
                    start: u32::try_from(digits.len()).ok()?,
                    len: u8::try_from(national.len()).ok()?,
                    offset: u8::try_from(item.number.len() - national.len()).ok()?,
                };
                digits.push_str(national);
                Some(place)
            })
            .collect();
        let index = DigitIndex::of(digits.as_bytes());
        Self {
            places,
            index,
            starts: Vec::new(),
            by_distance: Default::default(),
        }
    }

    /// Refills `visible` with the items that match `pattern` and their spans in E.164 text,
    /// ordered as [`vanity::rank_matches`] orders them: by how close the match sits to the end
    /// of the number, matches ending on the last digit first, equal distances in the API's
    /// order.
    pub(super) fn rank(&mut self, pattern: &VanityPattern, visible: &mut Vec<NumberMatch>) {
        // One list per distance, filled in the API's order, ranks without sorting.
        let mut by_distance = std::mem::take(&mut self.by_distance);
        for found in &mut by_distance {
            found.clear();
        }
        if pattern.is_empty() {
            // Every number matches, with an empty span at its end.
            for (index, place) in (0..).zip(&self.places) {
                if let Some(place) = place {
                    by_distance[0].push((index, place.offset + place.len));
                }
            }
        } else {
            self.index.starts(pattern, &mut self.starts);
            self.matches(pattern, &mut by_distance);
        }
        // A pattern longer than a number matches nothing, so its width fits a byte.
        let width_byte = u8::try_from(pattern.len()).unwrap_or(u8::MAX);
        visible.clear();
        for found in &by_distance {
            visible.extend(found.iter().map(|&(index, start)| NumberMatch {
                index,
                start,
                end: start.saturating_add(width_byte),
            }));
        }
        self.by_distance = by_distance;
    }

    /// Adds to `by_distance`, in the API's order, each item where `pattern` matches and where
    /// its match starts in the E.164 text: of the starts the bit index allows
    /// (`self.starts`), the last one inside the number that its anchors allow, as
    /// [`VanityPattern::find`] chooses.
    fn matches(&self, pattern: &VanityPattern, by_distance: &mut [Vec<(u32, u8)>; DISTANCES]) {
        let starts = &self.starts;
        let width = pattern.len();
        let mut item = 0;
        let mut from = 0;
        while let Some(at) = next_bit(starts, from) {
            // The number holding position `at`: numbers lie in the buffer in the items' order.
            let place = loop {
                match self.places.get(item) {
                    None => return,
                    Some(Some(place)) if stop(*place) > at => break *place,
                    Some(_) => item += 1,
                }
            };
            let start = place.start as usize;
            let stop = stop(place);
            if let Some(last_start) = stop.checked_sub(width).filter(|&s| s >= start) {
                let earliest = if pattern.is_anchored_end() {
                    last_start
                } else {
                    start
                };
                let latest = if pattern.is_anchored_start() {
                    start
                } else {
                    last_start
                };
                if let Some(matched) = last_bit(starts, earliest.max(at), latest) {
                    // Below 16 and 15: a number has at most 15 digits.
                    let distance = stop - (matched + width);
                    let within = u8::try_from(matched - start).unwrap_or(u8::MAX);
                    let Ok(index) = u32::try_from(item) else {
                        return;
                    };
                    by_distance[distance].push((index, place.offset + within));
                }
            }
            // The next number's starts.
            from = stop;
            item += 1;
        }
    }
}

/// Where the number at `place` ends in the buffer.
fn stop(place: Place) -> usize {
    place.start as usize + usize::from(place.len)
}

/// The first set bit of `bits` at `from` or after.
fn next_bit(bits: &[u64], from: usize) -> Option<usize> {
    let mut word = from / 64;
    let mut current = bits.get(word)? & (!0 << (from % 64));
    while current == 0 {
        word += 1;
        current = *bits.get(word)?;
    }
    Some(word * 64 + current.trailing_zeros() as usize)
}

/// The last set bit of `bits` from `low` to `high` (both included).
fn last_bit(bits: &[u64], low: usize, high: usize) -> Option<usize> {
    if low > high {
        return None;
    }
    let mut word = high / 64;
    // The bits at `high` and below within its word.
    let mut current = bits[word] & (!0 >> (63 - high % 64));
    loop {
        if word == low / 64 {
            current &= !0 << (low % 64);
        }
        if current != 0 {
            return Some(word * 64 + 63 - current.leading_zeros() as usize);
        }
        if word == low / 64 {
            return None;
        }
        word -= 1;
        current = bits[word];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::NumberId;

    /// Numbers of several lengths and calling codes, some not E.164, made from a simple
    /// generator so that every digit and many repeats occur.
    fn numbers() -> Vec<String> {
        let codes = ["+1", "+44", "+353", "+49", "+7"];
        let mut state: u64 = 12345;
        (0..3000)
            .map(|n| {
                let code = codes[n % codes.len()];
                let len = match code {
                    "+1" | "+7" => 10,
                    _ => 6 + n % 7,
                };
                let digits: String = (0..len)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        char::from(b'0' + ((state >> 33) % 10) as u8)
                    })
                    .collect();
                if n % 97 == 0 {
                    format!("not {digits}")
                } else {
                    format!("{code}{digits}")
                }
            })
            .collect()
    }

    #[test]
    fn every_pattern_ranks_as_rank_matches_does() {
        let texts = numbers();
        let items: Vec<AvailableNumber> = (texts.iter())
            .map(|n| AvailableNumber {
                id: NumberId::new(format!("did-{n}")),
                number: n.clone(),
            })
            .collect();
        let mut nationals = Nationals::of(&items);
        let mut visible = Vec::new();
        let patterns = [
            "5",
            "55",
            "555",
            "5551",
            "0",
            "^5",
            "5$",
            "^55",
            "99$",
            "5*5",
            "*5",
            "5*",
            "1?3",
            "^*1",
            "*1$",
            "^5*5$",
            "^2*********$",
            "*********9",
            "^*********9$",
            "12*4",
            "PIZZA",
            "7777",
            "0000$",
            "^0",
        ];
        for text in patterns {
            let pattern = VanityPattern::parse(text).unwrap();
            nationals.rank(&pattern, &mut visible);
            let got: Vec<(usize, std::ops::Range<usize>)> =
                visible.iter().map(|m| (m.index(), m.span())).collect();
            assert_eq!(
                got,
                vanity::rank_matches(&pattern, &texts),
                "pattern {text}"
            );
        }
    }
}
