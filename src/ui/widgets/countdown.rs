//! The countdown of a reservation: its colour as time runs out, and its big digits.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::ui::Theme;
use crate::ui::text::{mmss, seconds_left};

/// Below this the countdown warns.
const LOW: u64 = 120;
/// Below this the countdown is critical.
const CRITICAL: u64 = 30;

/// The style of a countdown with `remaining` left, by the seconds it shows.
pub(crate) fn style(theme: &Theme, remaining: Duration) -> Style {
    match seconds_left(remaining) {
        left if left < CRITICAL => theme.countdown_critical,
        left if left < LOW => theme.countdown_low,
        _ => theme.countdown_ok,
    }
}

/// Lines of the big digits.
pub(crate) const BIG_HEIGHT: u16 = 5;

/// The glyph of a digit or colon, five rows high.
fn glyph(c: char) -> [&'static str; 5] {
    match c {
        '0' => ["███", "█ █", "█ █", "█ █", "███"],
        '1' => ["  █", "  █", "  █", "  █", "  █"],
        '2' => ["███", "  █", "███", "█  ", "███"],
        '3' => ["███", "  █", "███", "  █", "███"],
        '4' => ["█ █", "█ █", "███", "  █", "  █"],
        '5' => ["███", "█  ", "███", "  █", "███"],
        '6' => ["███", "█  ", "███", "█ █", "███"],
        '7' => ["███", "  █", "  █", "  █", "  █"],
        '8' => ["███", "█ █", "███", "█ █", "███"],
        '9' => ["███", "█ █", "███", "  █", "███"],
        ':' => [" ", "█", " ", "█", " "],
        _ => [" ", " ", " ", " ", " "],
    }
}

/// `text` (digits and colons) in big glyphs, one string per row.
pub(crate) fn big_lines(text: &str) -> [String; 5] {
    let mut rows: [String; 5] = Default::default();
    for (n, c) in text.chars().enumerate() {
        for (row, part) in rows.iter_mut().zip(glyph(c)) {
            if n > 0 {
                row.push(' ');
            }
            row.push_str(part);
        }
    }
    rows
}

/// Draws the time left in big digits, centred in `area`, in the countdown's colour.
pub(crate) fn render_big(theme: &Theme, frame: &mut Frame, area: Rect, remaining: Duration) {
    let style = style(theme, remaining);
    let lines: Vec<Line<'static>> = big_lines(&mmss(remaining))
        .into_iter()
        .map(|row| Line::styled(row, style))
        .collect();
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::ThemeName;

    #[test]
    fn the_colour_turns_at_two_minutes_and_thirty_seconds() {
        let theme = Theme::of(ThemeName::Default);
        let at = |secs| style(&theme, Duration::from_secs(secs));
        assert_eq!(at(120), theme.countdown_ok);
        assert_eq!(at(119), theme.countdown_low);
        assert_eq!(at(30), theme.countdown_low);
        assert_eq!(at(29), theme.countdown_critical);
        assert_eq!(at(0), theme.countdown_critical);
    }

    #[test]
    fn big_digits_line_up() {
        let rows = big_lines("09:59");
        assert!(rows.iter().all(|r| r.chars().count() == 17));
        assert_eq!(rows[0], "███ ███   ███ ███");
    }
}
