//! A one-line search box over a list, with the terminal's cursor placed where typing goes.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use tui_input::Input;
use unicode_width::UnicodeWidthStr;

use crate::ui::View;
use crate::ui::text::clean;

/// Draws `label` and the box's text (or `placeholder` when empty) on the first row of `area`.
pub(crate) fn render(
    view: &View<'_>,
    frame: &mut Frame,
    area: Rect,
    label: &str,
    input: &Input,
    placeholder: &str,
) {
    if area.is_empty() {
        return;
    }
    let theme = &view.theme;
    let label = format!("{label} ");
    let label_width = u16::try_from(label.width()).unwrap_or(u16::MAX);
    let room = usize::from(area.width.saturating_sub(label_width + 1));
    let scroll = input.visual_scroll(room);
    let text: String = clean(input.value()).chars().skip(scroll).collect();
    let value = if input.value().is_empty() {
        Span::styled(placeholder.to_owned(), theme.muted)
    } else {
        Span::raw(text)
    };
    let line = Line::from(vec![Span::styled(label, theme.accent), value]);
    frame.render_widget(line, area);
    if view.focused {
        let column = input.visual_cursor().saturating_sub(scroll);
        let x = area.x + label_width + u16::try_from(column).unwrap_or(u16::MAX);
        if x < area.right() {
            frame.set_cursor_position(Position::new(x, area.y));
        }
    }
}
