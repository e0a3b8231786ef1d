//! The vanity box's buffer: the national numbers of a list's items, split out of their E.164
//! text once, when the items arrive, and kept side by side, so that a keystroke scans
//! contiguous digits — with one SIMD substring search for the pattern's run of digits — instead
//! of splitting every number again and trying every start of each.

use crate::api::model::AvailableNumber;
use crate::vanity::{self, VanityPattern};

use super::numbers::NumberMatch;

/// The national numbers of a list's items, split out of their E.164 text once, when the
/// items arrive, and kept side by side in one buffer: a keystroke in the vanity box then scans
/// contiguous digits instead of splitting every number again and visiting each one's string.
#[derive(Debug, Clone, Default)]
pub(super) struct Nationals {
    /// The national digits of every valid item, one after another.
    digits: String,
    /// Per item, where its national number lies; `None` when it is not valid E.164 (see
    /// [`vanity::split_e164`]), so that no pattern matches it.
    places: Vec<Option<Place>>,
}

/// Where one item's national number lies.
#[derive(Debug, Clone, Copy)]
struct Place {
    /// Its start in [`Nationals::digits`].
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
        Self { digits, places }
    }

    /// Refills `visible` with the items that match `pattern` and their spans in E.164 text,
    /// ordered as [`vanity::rank_matches`] orders them: by how close the match sits to the end
    /// of the number, matches ending on the last digit first, equal distances in the API's
    /// order.
    pub(super) fn rank(&self, pattern: &VanityPattern, visible: &mut Vec<NumberMatch>) {
        // A national number has at most 14 digits (E.164's 15 less one for the calling code),
        // so the distance from the end is below 16: one bucket per distance, filled in the
        // API's order, ranks without sorting.
        let mut by_distance: [Vec<NumberMatch>; 16] = Default::default();
        let run = pattern.server_query();
        if run.is_empty() || pattern.is_anchored_start() || pattern.is_anchored_end() {
            // Anchors leave one start to try in each number; no run, nothing to search for.
            for (index, place) in self.places.iter().enumerate() {
                if let Some((distance, found)) = place.and_then(|p| self.matched(pattern, index, p))
                {
                    by_distance[distance].push(found);
                }
            }
        } else {
            let mut found = self.holding(run, |index, place| self.matched(pattern, index, place));
            // Found from the last number to the first: the buckets keep the API's order.
            found.reverse();
            for (distance, number) in found {
                by_distance[distance].push(number);
            }
        }
        visible.clear();
        for mut bucket in by_distance {
            visible.append(&mut bucket);
        }
    }

    /// What `judge` says of each number holding the digits `run`, from the last number to the
    /// first. Only those can match a pattern whose longest run of digits is `run`, and a
    /// substring search over the whole buffer (SIMD, memchr's) finds them without visiting
    /// the others.
    fn holding<T>(&self, run: &str, mut judge: impl FnMut(usize, Place) -> Option<T>) -> Vec<T> {
        let finder = memchr::memmem::FinderRev::new(run.as_bytes());
        let haystack = self.digits.as_bytes();
        let mut end = haystack.len();
        // The numbers below `next` are those not passed yet.
        let mut next = self.places.len();
        let mut judged = Vec::new();
        while let Some(at) = finder.rfind(&haystack[..end]) {
            // The number holding byte `at`: the last one starting at or before it.
            let holder = self.places[..next]
                .iter()
                .rposition(|place| place.is_some_and(|p| p.start as usize <= at));
            let Some((index, Some(place))) = holder.map(|index| (index, self.places[index])) else {
                break;
            };
            next = index + 1;
            let start = place.start as usize;
            let stop = start + usize::from(place.len);
            if at + run.len() <= stop {
                judged.extend(judge(index, place));
                end = start;
            } else {
                // The digits run from this number's end into the next one's start: look again
                // within this number.
                end = stop;
            }
        }
        judged
    }

    /// Where `pattern` matches the item at `index` (at `place`): its distance from the end and
    /// its span in E.164 text.
    fn matched(
        &self,
        pattern: &VanityPattern,
        index: usize,
        place: Place,
    ) -> Option<(usize, NumberMatch)> {
        let start = place.start as usize;
        let national = &self.digits[start..start + usize::from(place.len)];
        let span = pattern.find(national)?;
        let offset = usize::from(place.offset);
        let found = NumberMatch {
            index,
            span: span.start + offset..span.end + offset,
        };
        Some((national.len() - span.end, found))
    }
}
