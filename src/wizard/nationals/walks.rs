//! A keystroke's walk over the numbers: of the places where the bit index says the vanity
//! pattern can start, which number each lies in, the last one its anchors allow there, and
//! the match that makes. Two walks give the same answer: one jumps from start to start, for
//! patterns few numbers hold; the other visits every number without a branch on whether it
//! matches, for patterns many numbers hold, where guessing costs more than looking.

use super::NumberMatch;

/// A national number has at most 14 digits (E.164's 15 less one for the calling code), so its
/// length, and how far a match ends from its end, are below this.
pub(super) const LENGTHS: usize = 16;

/// How a keystroke visits the numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Walk {
    /// Only the numbers holding a start, jumping from one start to the next.
    Sparse,
    /// Every number, in one pass.
    Dense,
}

/// Where a pattern may start in a number of each length, and what a match there ends as.
#[derive(Debug, Clone, Copy)]
pub(super) struct Windows {
    /// Per length, bit `p` set where the pattern may start `p` digits into the number: where
    /// it fits, and where its anchors allow; none when it is longer than the number.
    starts_allowed: [u64; LENGTHS],
    /// Per length, what a match adds for the pattern's width and the last place it fits
    /// (see [`NumberMatch::fitted`]).
    fitted: [u64; LENGTHS],
}

impl Windows {
    pub(super) fn of(width: usize, anchored_start: bool, anchored_end: bool) -> Self {
        let mut starts_allowed = [0; LENGTHS];
        let mut fitted = [0; LENGTHS];
        // A pattern longer than any number matches nothing.
        let width_byte = u8::try_from(width).unwrap_or(u8::MAX);
        for (len, (allowed, fitted)) in (0usize..).zip(starts_allowed.iter_mut().zip(&mut fitted)) {
            let Some(last) = len.checked_sub(width) else {
                continue;
            };
            let earliest = if anchored_end { last } else { 0 };
            let latest = if anchored_start { 0 } else { last };
            *allowed = (earliest..=latest).fold(0, |bits, place| bits | 1 << place);
            // Below 16: `len` is.
            *fitted = NumberMatch::fitted(width_byte, u8::try_from(last).unwrap_or(0));
        }
        Self {
            starts_allowed,
            fitted,
        }
    }
}

/// What a keystroke's walk reads: where the pattern can start, and where each number lies.
pub(super) struct Numbers<'a> {
    /// One bit per digit's position.
    pub(super) starts: &'a [u64],
    /// Item `i`'s digits lie at `bounds[i]..bounds[i + 1]`.
    pub(super) bounds: &'a [u32],
    /// Per item, where its national number starts in its E.164 text.
    pub(super) offsets: &'a [u8],
    pub(super) windows: Windows,
}

impl Numbers<'_> {
    /// The walk that suits these starts: every number once starts are common (one for every
    /// eight numbers, about).
    pub(super) fn walk_for(&self) -> Walk {
        let starts: usize = (self.starts.iter())
            .map(|word| word.count_ones() as usize)
            .sum();
        if starts.saturating_mul(8) > self.offsets.len() {
            Walk::Dense
        } else {
            Walk::Sparse
        }
    }

    /// Writes to `found` (with room for every item), in the API's order, each item where the
    /// pattern matches: at the last start the bit index allows inside the number, as
    /// [`crate::vanity::VanityPattern::find`] chooses. Returns how many matched.
    pub(super) fn walk(&self, walk: Walk, found: &mut [NumberMatch]) -> usize {
        match walk {
            Walk::Sparse => self.sparse(found),
            Walk::Dense => self.dense(found),
        }
    }

    /// Visits only the numbers holding a start.
    fn sparse(&self, found: &mut [NumberMatch]) -> usize {
        let stops = self.bounds.get(1..).unwrap_or_default();
        let mut count = 0;
        let mut item = 0;
        let mut from = 0;
        while let Some(at) = next_bit(self.starts, from) {
            // The number holding position `at`: numbers lie in the buffer in the items' order.
            while stops.get(item).is_some_and(|&stop| stop as usize <= at) {
                item += 1;
            }
            let (Some(&start), Some(&stop), Some(&offset)) = (
                self.bounds.get(item),
                stops.get(item),
                self.offsets.get(item),
            ) else {
                break;
            };
            let (one, matched) = self.match_in(item, start as usize, stop as usize, offset);
            if let Some(slot) = found.get_mut(count).filter(|_| matched) {
                *slot = one;
                count += 1;
            }
            from = stop as usize;
            item += 1;
        }
        count
    }

    /// Visits every number, writing each one's match and counting it only when it matched.
    fn dense(&self, found: &mut [NumberMatch]) -> usize {
        let stops = self.bounds.get(1..).unwrap_or_default();
        let mut count = 0;
        let mut start = 0;
        for (item, (&stop, &offset)) in stops.iter().zip(self.offsets).enumerate() {
            let stop = stop as usize;
            let (one, matched) = self.match_in(item, start, stop, offset);
            if let Some(slot) = found.get_mut(count) {
                *slot = one;
            }
            count += usize::from(matched);
            start = stop;
        }
        count
    }

    /// The match in item `item`, whose digits lie at `start..stop` and whose national number
    /// starts `offset` bytes into its E.164 text, and whether there is one (when not, the
    /// match means nothing).
    #[inline(always)]
    fn match_in(&self, item: usize, start: usize, stop: usize, offset: u8) -> (NumberMatch, bool) {
        let len = (stop - start) % LENGTHS;
        let bits = read(self.starts, start) & self.windows.starts_allowed[len];
        // The last allowed start, counted from the number's first digit.
        let within = 63u64.wrapping_sub(u64::from(bits.leading_zeros()));
        let fitted = self.windows.fitted[len];
        // The item fits: at most `u32::MAX` items are kept.
        let one = NumberMatch::placed(item as u32, offset, within, fitted);
        (one, bits != 0)
    }
}

/// The 64 bits of `bits` from position `at` on, or fewer where `bits` ends.
fn read(bits: &[u64], at: usize) -> u64 {
    let (word, shift) = (at / 64, at % 64);
    let (low, high) = match bits.get(word..word + 2) {
        Some(&[low, high]) => (low, high),
        _ => (bits.get(word).copied().unwrap_or(0), 0),
    };
    // Shifting in two steps keeps a shift of 64 (for `shift` 0) out.
    (low >> shift) | ((high << 1) << (63 - shift))
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
