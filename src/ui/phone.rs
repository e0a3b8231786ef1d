//! Phone numbers laid out for reading (`+12135551234` → `+1 213 555 1234`), with the digits
//! matched by the vanity box highlighted through the layout.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::clean;

/// Each character of the laid-out number, with the byte index in the E.164 text it shows
/// (`None` for the spaces added between groups).
fn layout(e164: &str, prefix: Option<&str>) -> Vec<(char, Option<usize>)> {
    let Some(digits) = e164.strip_prefix('+') else {
        return verbatim(e164);
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return verbatim(e164);
    }
    let head = head_groups(digits, prefix);
    let used: usize = head.iter().sum();
    let mut sizes = head;
    sizes.extend(tail_groups(digits.len() - used));

    let mut out = vec![('+', Some(0))];
    let mut at = 1;
    for (n, size) in sizes.into_iter().enumerate() {
        if n > 0 {
            out.push((' ', None));
        }
        for (offset, c) in digits[at - 1..at - 1 + size].chars().enumerate() {
            out.push((c, Some(at + offset)));
        }
        at += size;
    }
    out
}

fn verbatim(text: &str) -> Vec<(char, Option<usize>)> {
    clean(text)
        .char_indices()
        .map(|(i, c)| (c, Some(i)))
        .collect()
}

/// The sizes of the leading groups: those of the group's prefix when the number starts with
/// it (`+1 (213)` → 1, 3; `+49 30` → 2, 2), else the North American 1 + area code.
fn head_groups(digits: &str, prefix: Option<&str>) -> Vec<usize> {
    if let Some(prefix) = prefix {
        let groups: Vec<&str> = prefix
            .split(|c: char| !c.is_ascii_digit())
            .filter(|g| !g.is_empty())
            .collect();
        let joined: String = groups.concat();
        if !joined.is_empty() && digits.len() > joined.len() && digits.starts_with(&joined) {
            return groups.iter().map(|g| g.len()).collect();
        }
    }
    if digits.len() == 11 && digits.starts_with('1') {
        return vec![1, 3];
    }
    vec![calling_code_len(digits)]
}

/// How many leading digits are the country calling code (ITU-T E.164 assignments): 1 and 7
/// stand alone, a fixed set of two-digit codes, three digits for the rest.
fn calling_code_len(digits: &str) -> usize {
    const TWO_DIGIT: [&str; 44] = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ];
    let len = if digits.starts_with('1') || digits.starts_with('7') {
        1
    } else if TWO_DIGIT.iter().any(|code| digits.starts_with(code)) {
        2
    } else {
        3
    };
    len.min(digits.len().saturating_sub(1))
}

/// Groups of three and four for the rest: 7 → 3 4, 8 → 4 4, 10 → 3 3 4.
fn tail_groups(mut left: usize) -> Vec<usize> {
    let mut sizes = Vec::new();
    while left > 4 {
        let size = if left == 8 { 4 } else { 3 };
        sizes.push(size);
        left -= size;
    }
    if left > 0 {
        sizes.push(left);
    }
    sizes
}

/// The number laid out for reading.
pub fn pretty(e164: &str, prefix: Option<&str>) -> String {
    layout(e164, prefix).into_iter().map(|(c, _)| c).collect()
}

/// The number laid out for reading, the characters within `matched` (a byte range of the
/// E.164 text) in `highlight`, and a space between two matched digits too.
pub fn number_line(
    e164: &str,
    prefix: Option<&str>,
    matched: &Range<usize>,
    base: Style,
    highlight: Style,
) -> Line<'static> {
    let chars = layout(e164, prefix);
    let hit = |index: Option<usize>| index.is_some_and(|i| matched.contains(&i));
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (n, &(c, index)) in chars.iter().enumerate() {
        let is_hit = match index {
            Some(_) => hit(index),
            None => hit(chars[n - 1].1) && chars.get(n + 1).is_some_and(|next| hit(next.1)),
        };
        if is_hit != run_hit && !run.is_empty() {
            let style = if run_hit { highlight } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { highlight } else { base }));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_for_reading() {
        assert_eq!(pretty("+12135551234", Some("+1 (213)")), "+1 213 555 1234");
        assert_eq!(pretty("+12135551234", None), "+1 213 555 1234");
        assert_eq!(pretty("+493012345678", Some("+49 30")), "+49 30 1234 5678");
        assert_eq!(
            pretty("+5511912345678", Some("+55 11")),
            "+55 11 912 345 678"
        );
        assert_eq!(pretty("+493012345678", None), "+49 301 234 5678");
        assert_eq!(pretty("+35312345678", None), "+353 1234 5678");
        assert_eq!(pretty("not a number", None), "not a number");
    }

    #[test]
    fn the_matched_span_follows_the_layout() {
        let line = number_line("+12135551234", None, &(5..8), Style::new(), Style::new());
        let parts: Vec<&str> = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["+1 213 ", "555", " 1234"]);
        let across = number_line("+12135551234", None, &(7..10), Style::new(), Style::new());
        let parts: Vec<&str> = across.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["+1 213 55", "5 12", "34"]);
    }
}
