//! One frame of a wizard drawn on a `TestBackend`, as the snapshots and benchmarks see it.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::ui::{Theme, ThemeName, render};
use crate::wizard::Wizard;

/// One frame of `wizard` on a `TestBackend` of `width` × `height`.
pub fn draw(wizard: &Wizard, width: u16, height: u16) -> Terminal<TestBackend> {
    draw_themed(wizard, ThemeName::Default, width, height)
}

/// `wizard` drawn in the colours of `theme`.
pub fn draw_themed(
    wizard: &Wizard,
    theme: ThemeName,
    width: u16,
    height: u16,
) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    draw_into(&mut terminal, wizard, theme);
    terminal
}

/// Draws one frame of `wizard` into a terminal made before, as the event loop draws each
/// frame into the same terminal.
pub fn draw_into(terminal: &mut Terminal<TestBackend>, wizard: &Wizard, theme: ThemeName) {
    terminal
        .draw(|frame| render(wizard, &Theme::of(theme), frame))
        .unwrap();
}
