//! Phone numbers laid out for reading as their country writes them (`+12135551234` →
//! `+1 213-555-1234`, by [`crate::phone_format`]), with the digits matched by the vanity box
//! highlighted through the layout.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::text::clean;

/// Each character of the laid-out number, with the byte index in the E.164 text it shows
/// (`None` for the spaces and dashes the layout adds).
fn layout(e164: &str) -> Vec<(char, Option<usize>)> {
    let Some(digits) = e164.strip_prefix('+') else {
        return verbatim(e164);
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return verbatim(e164);
    }
    let shown = crate::phone_format::international(e164);
    // The layout only adds separators: its digits must be the number's, in order; where
    // they are not (a trunk prefix added, say), the number is shown as it came.
    let shown_digits: String = shown.chars().filter(char::is_ascii_digit).collect();
    if shown_digits != digits || !shown.starts_with('+') {
        return verbatim(e164);
    }
    let mut out = Vec::with_capacity(shown.len());
    let mut at = 0;
    for c in shown.chars() {
        if c == '+' || c.is_ascii_digit() {
            out.push((c, Some(at)));
            at += 1;
        } else {
            out.push((c, None));
        }
    }
    out
}

fn verbatim(text: &str) -> Vec<(char, Option<usize>)> {
    clean(text)
        .char_indices()
        .map(|(i, c)| (c, Some(i)))
        .collect()
}

/// The number laid out for reading.
pub(crate) fn pretty(e164: &str) -> String {
    layout(e164).into_iter().map(|(c, _)| c).collect()
}

/// The number laid out for reading, the characters within `matched` (a byte range of the
/// E.164 text) in `highlight`, and a space between two matched digits too.
pub(crate) fn number_line(
    e164: &str,
    matched: &Range<usize>,
    base: Style,
    highlight: Style,
) -> Line<'static> {
    let chars = layout(e164);
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
    fn numbers_are_grouped_as_their_country_writes_them() {
        assert_eq!(pretty("+12135551234"), "+1 213-555-1234");
        assert_eq!(pretty("+442072164999"), "+44 20 7216 4999");
        assert_eq!(pretty("+5511984532107"), "+55 11 98453-2107");
        assert_eq!(pretty("not a number"), "not a number");
    }

    #[test]
    fn the_matched_span_follows_the_layout() {
        let line = number_line("+12135551234", &(5..8), Style::new(), Style::new());
        let parts: Vec<&str> = line.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["+1 213-", "555", "-1234"]);
        let across = number_line("+12135551234", &(7..10), Style::new(), Style::new());
        let parts: Vec<&str> = across.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(parts, ["+1 213-55", "5-12", "34"]);
    }
}
