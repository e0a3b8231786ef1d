//! The notice line: the wizard's last word to the operator, coloured by its level.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::ui::View;
use crate::ui::text::{clean, fit};
use crate::wizard::NoticeLevel;

/// Draws the notice, if any, on one line.
pub fn render(view: &View<'_>, frame: &mut Frame, area: Rect) {
    let Some(notice) = &view.wizard.notice else {
        return;
    };
    let theme = &view.theme;
    let (mark, style) = match notice.level {
        NoticeLevel::Info => ("", theme.accent),
        NoticeLevel::Warning => ("⚠ ", theme.warning),
        NoticeLevel::Error => ("✗ ", theme.error),
    };
    let area = area.inner(ratatui::layout::Margin::new(1, 0));
    let text = format!("{mark}{}", clean(&notice.text));
    let line = Line::from(Span::styled(
        fit(&text, usize::from(area.width)).into_owned(),
        style,
    ));
    frame.render_widget(line, area);
}
