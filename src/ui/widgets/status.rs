//! What a screen shows in place of its data: loading, a failure with a way on, or nothing found.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::View;
use crate::ui::text::clean;

use super::spinner;

/// A spinner and `label` (`Loading cities…`).
pub(crate) fn loading(view: &View<'_>, frame: &mut Frame, area: Rect, label: &str) {
    let line = Line::from(vec![
        Span::styled(spinner::frame(view.wizard), view.theme.accent),
        Span::raw(" "),
        Span::raw(label.to_owned()),
    ]);
    draw(frame, area, vec![line]);
}

/// What failed, the API's own message, and how to try again.
pub(crate) fn failed(view: &View<'_>, frame: &mut Frame, area: Rect, what: &str, message: &str) {
    let theme = &view.theme;
    let lines = vec![
        Line::styled(format!("✗ {what}"), theme.error),
        Line::raw(clean(message).into_owned()),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Enter", theme.accent),
            Span::styled(" to retry · ", theme.muted),
            Span::styled("Esc", theme.accent),
            Span::styled(" to go back", theme.muted),
        ]),
    ];
    draw(frame, area, lines);
}

/// A message in place of an empty list.
pub(crate) fn empty(view: &View<'_>, frame: &mut Frame, area: Rect, message: &str, hint: &str) {
    let lines = vec![
        Line::styled(message.to_owned(), view.theme.warning),
        Line::styled(hint.to_owned(), view.theme.muted),
    ];
    draw(frame, area, lines);
}

fn draw(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let area = area.inner(Margin::new(1, 1));
    if area.is_empty() {
        return;
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
