//! The message shown instead of the screens when the terminal is smaller than they need.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::{MIN_HEIGHT, MIN_WIDTH, Theme};

/// Draws the message, wrapped and centred, in any area down to 1×1.
pub(crate) fn render(theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.is_empty() {
        return;
    }
    let message = format!(
        "Terminal too small: need at least {MIN_WIDTH}×{MIN_HEIGHT}, now {}×{}",
        area.width, area.height
    );
    // Roughly the lines the message wraps to, to centre it vertically.
    let width = usize::from(area.width);
    let lines = message.chars().count().div_ceil(width);
    let lines = u16::try_from(lines).unwrap_or(u16::MAX).min(area.height);
    let top = (area.height - lines) / 2;
    let place = Rect::new(area.x, area.y + top, area.width, area.height - top);
    let paragraph = Paragraph::new(message)
        .style(theme.warning)
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    frame.render_widget(paragraph, place);
}
