//! What an answer that may be incomplete is told as: never a bare count, never "no match"
//! while more numbers may exist.

use super::GroupSearch;

/// Why `search` may not hold every matching number, in words for the operator; `None` when
/// it is complete.
pub fn incompleteness(search: &GroupSearch) -> Option<String> {
    if search.is_complete() {
        return None;
    }
    let coverage = &search.coverage;
    if coverage.unsearched {
        return Some("not searched: the search was stopped first".to_owned());
    }
    if let Some(error) = &coverage.error {
        return Some(format!("a search failed: {error}"));
    }
    let among = match &coverage.cut_short {
        Some((len, digits)) if digits.is_empty() => format!("the first {len} numbers"),
        Some((len, digits)) => format!("among the first {len} numbers containing {digits}"),
        None => "some answers".to_owned(),
    };
    if search.pending.is_empty() {
        Some(format!(
            "{among}: the API gives no more, and the pattern cannot narrow it"
        ))
    } else {
        let more = search.pending.len();
        Some(format!(
            "{among}: completing it takes at least {more} more credit{}",
            if more == 1 { "" } else { "s" }
        ))
    }
}

/// How many numbers were found, saying whether that is all: "3 numbers" when complete,
/// "3 numbers so far (may be more)" otherwise.
pub fn count(found: usize, complete: bool) -> String {
    let noun = if found == 1 { "number" } else { "numbers" };
    if complete {
        format!("{found} {noun}")
    } else {
        format!("{found} {noun} so far (there may be more)")
    }
}
