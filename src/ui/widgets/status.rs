//! What a screen shows in place of its data: loading, a failure with a way on, or nothing found.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::View;
use crate::ui::text::clean;
use crate::wizard::Load;

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

/// A spinner and `label` in one line: the state line of a list that is loading.
pub(crate) fn loading_line(view: &View<'_>, label: &str) -> Line<'static> {
    Line::from(vec![
        Span::styled(spinner::frame(view.wizard), view.theme.accent),
        Span::raw(format!(" {label}")),
    ])
}

/// What a list over its `load` shows until it is loaded: the failure (`what` failed) over
/// `list_area`, or the spinner and `label` on `state_area`. `true` once it is loaded.
pub(crate) fn until_loaded<T>(
    view: &View<'_>,
    frame: &mut Frame,
    load: &Load<T>,
    [state_area, list_area]: [Rect; 2],
    what: &str,
    label: &str,
) -> bool {
    match load {
        Load::Failed { message } => {
            failed(view, frame, list_area, what, message);
            false
        }
        Load::Loading | Load::Idle => {
            frame.render_widget(loading_line(view, label), state_area);
            false
        }
        Load::Loaded(_) => true,
    }
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
