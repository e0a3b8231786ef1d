//! "The command for this": the `numpick buy …` command line of the reviewed number, in a box
//! over Review, ready to copy (Ctrl-Y).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::View;
use crate::ui::text::clean;

use super::dialog::{popup, wrapped_height};

/// Draws `command` with the keys that copy or close it.
pub(crate) fn render(view: &View<'_>, frame: &mut Frame, area: Rect, command: &str) {
    let theme = &view.theme;
    let lines = vec![
        Line::styled(
            "Buys this number from a script (the key is never in it):",
            theme.muted,
        ),
        Line::raw(""),
        Line::styled(clean(command).into_owned(), theme.title),
        Line::raw(""),
        Line::from(vec![
            Span::styled("Ctrl-Y", theme.accent),
            Span::raw(" copy · "),
            Span::styled("any other key", theme.accent),
            Span::raw(" closes"),
        ]),
    ];
    let width = area.width.saturating_sub(4).min(90);
    let height = wrapped_height(&lines, width) + 2;
    let inner = popup(view, frame, area, "The command for this", (width, height));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
