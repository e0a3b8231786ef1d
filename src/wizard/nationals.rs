//! The vanity box's index: the national numbers of a list's items, split out of their E.164
//! text once, when the items arrive, laid side by side and kept as a bit index of their digits
//! ([`DigitIndex`]), so that a keystroke finds where the pattern can start with a few word
//! operations per 64 digits, then takes each number's last allowed start ([`walks`]) and
//! ranks the matches by counting them per distance from the end.

use std::ops::Range;

use crate::api::model::AvailableNumber;
use crate::vanity::{self, DigitIndex, VanityPattern};

mod walks;

use walks::{LENGTHS, Numbers, Walk, Windows};

/// A number that matches the vanity box, with the matched span of its E.164 text.
///
/// One word: a pattern every other number holds matches tens of thousands of numbers, and
/// each keystroke writes them all out. It holds the item (32 bits), the span's ends (an E.164
/// text is at most 16 bytes) and how far the span ends from the end of the number, which
/// ranks it (8 bits each).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct NumberMatch(u64);

impl NumberMatch {
    /// The match of the item at `index`, over the bytes `span` of its E.164 text (empty
    /// without a pattern). `None` past what a list of numbers can hold.
    pub(super) fn new(index: usize, span: Range<usize>) -> Option<Self> {
        Some(Self::of(
            u32::try_from(index).ok()?,
            u8::try_from(span.start).ok()?,
            u8::try_from(span.end).ok()?,
            0,
        ))
    }

    fn of(index: u32, start: u8, end: u8, distance: u8) -> Self {
        Self(
            u64::from(index)
                | u64::from(start) << Self::START
                | u64::from(end) << Self::END
                | u64::from(distance) << Self::DISTANCE,
        )
    }

    /// Where each field lies in the word.
    const START: u32 = 32;
    const END: u32 = 40;
    const DISTANCE: u32 = 48;

    /// [`Self::of`] built by additions, as a keystroke builds tens of thousands of them: the
    /// match starting `within` digits into item `index`'s national number, which starts
    /// `offset` bytes into its E.164 text, where `fitted` is [`Self::fitted`] for the pattern
    /// and the number's length. When the fields fit their bytes (a start the number holds),
    /// the sums are exactly the fields; otherwise the result means nothing.
    fn placed(index: u32, offset: u8, within: u64, fitted: u64) -> Self {
        // The start and end move on with `within`, and the distance back.
        let per_digit = (1u64 << Self::START)
            .wrapping_add(1 << Self::END)
            .wrapping_sub(1 << Self::DISTANCE);
        let at_offset = u64::from(offset) * ((1 << Self::START) | (1 << Self::END));
        Self(
            (u64::from(index) | at_offset)
                .wrapping_add(within.wrapping_mul(per_digit))
                .wrapping_add(fitted),
        )
    }

    /// What a pattern `width` digits wide adds to a match in a number whose last place for it
    /// is `last` digits in: its end lies `width` bytes after its start, and a match at the
    /// number's first digit ends `last` digits from the end.
    fn fitted(width: u8, last: u8) -> u64 {
        u64::from(width) << Self::END | u64::from(last) << Self::DISTANCE
    }

    /// Index into [`super::NumberList::items`].
    pub(crate) fn index(self) -> usize {
        // The low 32 bits, as put there.
        (self.0 as u32) as usize
    }

    /// Byte range of the matched digits within the E.164 text (empty without a pattern).
    pub(crate) fn span(self) -> Range<usize> {
        // Bytes cut back out of the bits they were put in.
        usize::from((self.0 >> Self::START) as u8)..usize::from((self.0 >> Self::END) as u8)
    }

    /// How far the match ends from the end of its number, below [`LENGTHS`].
    fn distance(self) -> usize {
        (self.0 >> Self::DISTANCE) as usize % LENGTHS
    }
}

/// The national numbers of a list's items, split out of their E.164 text once, when the
/// items arrive, laid side by side and indexed by digit: a keystroke in the vanity box then
/// combines a few bit masks instead of splitting every number again and trying every start.
#[derive(Debug, Clone, Default)]
pub(super) struct Nationals {
    /// Item `i`'s national digits lie at `bounds[i]..bounds[i + 1]` among the national digits
    /// laid one after another; an item that is not valid E.164 (see [`vanity::split_e164`])
    /// holds none there, so that no pattern matches it. At most `u32::MAX` items.
    bounds: Vec<u32>,
    /// Per item, where its national number starts in its E.164 text (after `+` and the
    /// calling code).
    offsets: Vec<u8>,
    /// Where each digit stands in the national digits of every valid item (only this index of
    /// them is kept).
    index: DigitIndex,
    /// Room reused by every keystroke: where the pattern can start, one bit per digit's
    /// position, and the matches found, in the API's order.
    starts: Vec<u64>,
    found: Vec<NumberMatch>,
}

impl Nationals {
    pub(super) fn of(items: &[AvailableNumber]) -> Self {
        // Item indexes are kept in 32 bits; no answer comes near.
        let items = &items[..items.len().min(u32::MAX as usize)];
        let mut digits = String::new();
        let mut bounds = Vec::with_capacity(items.len() + 1);
        let mut offsets = Vec::with_capacity(items.len());
        bounds.push(0);
        for item in items {
            let place = vanity::split_e164(&item.number).and_then(|(_, national)| {
                let offset = u8::try_from(item.number.len() - national.len()).ok()?;
                u32::try_from(digits.len() + national.len()).ok()?;
                Some((national, offset))
            });
            let offset = match place {
                Some((national, offset)) => {
                    digits.push_str(national);
                    offset
                }
                None => 0,
            };
            // Fits, as checked above; an item holding no digits keeps the previous bound.
            bounds.push(u32::try_from(digits.len()).unwrap_or(u32::MAX));
            offsets.push(offset);
        }
        let index = DigitIndex::of(digits.as_bytes());
        // The keystrokes' room, written once now so that the first keystroke after the
        // numbers arrive does not wait for the memory to be mapped in (memory handed out
        // zeroed is mapped only when first written).
        let starts = vec![!0; digits.len().div_ceil(64)];
        let mut found = Vec::new();
        found.resize(items.len(), NumberMatch::default());
        Self {
            bounds,
            offsets,
            index,
            starts,
            found,
        }
    }

    /// Refills `visible` with the items that match `pattern` and their spans in E.164 text,
    /// ordered as [`vanity::rank_matches`] orders them: by how close the match sits to the end
    /// of the number, matches ending on the last digit first, equal distances in the API's
    /// order.
    pub(super) fn rank(&mut self, pattern: &VanityPattern, visible: &mut Vec<NumberMatch>) {
        self.rank_by(pattern, visible, None);
    }

    /// [`Self::rank`], visiting the numbers as `walk` says (`None`: as suits the pattern).
    fn rank_by(
        &mut self,
        pattern: &VanityPattern,
        visible: &mut Vec<NumberMatch>,
        walk: Option<Walk>,
    ) {
        if pattern.is_empty() {
            visible.clear();
            // Every number matches, with an empty span at its end.
            for (index, (ends, &offset)) in (0..).zip(self.bounds.windows(2).zip(&self.offsets)) {
                let len = ends[1] - ends[0];
                if len > 0 {
                    let end = offset.saturating_add(u8::try_from(len).unwrap_or(u8::MAX));
                    visible.push(NumberMatch::of(index, end, end, 0));
                }
            }
            return;
        }
        self.index.starts(pattern, &mut self.starts);
        // Room for every item once, kept from one keystroke to the next.
        self.found
            .resize(self.offsets.len(), NumberMatch::default());
        let numbers = Numbers {
            starts: &self.starts,
            bounds: &self.bounds,
            offsets: &self.offsets,
            windows: Windows::of(
                pattern.len(),
                pattern.is_anchored_start(),
                pattern.is_anchored_end(),
            ),
        };
        let walk = walk.unwrap_or_else(|| numbers.walk_for());
        let count = numbers.walk(walk, &mut self.found);
        let found = self.found.get(..count).unwrap_or_default();
        // Ranked by distance without sorting: each match goes after the nearer ones, keeping
        // the API's order among equals.
        let mut next = [0usize; LENGTHS];
        for one in found {
            next[one.distance()] += 1;
        }
        let mut placed = 0;
        for slot in &mut next {
            (*slot, placed) = (placed, placed + *slot);
        }
        // Every row is written below: only rows the list did not hold yet need filling first.
        visible.resize(found.len(), NumberMatch::default());
        for one in found {
            let slot = &mut next[one.distance()];
            if let Some(row) = visible.get_mut(*slot) {
                *row = *one;
            }
            *slot += 1;
        }
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
            let expected = vanity::rank_matches(&pattern, &texts);
            for walk in [None, Some(Walk::Sparse), Some(Walk::Dense)] {
                nationals.rank_by(&pattern, &mut visible, walk);
                let got: Vec<(usize, std::ops::Range<usize>)> =
                    visible.iter().map(|m| (m.index(), m.span())).collect();
                assert_eq!(got, expected, "pattern {text}, walk {walk:?}");
            }
        }
    }
}
