//! The pure renderer: draws a [`Wizard`] into a frame, in the [`Theme`] it is handed.
//!
//! [`render`] reads the wizard and nothing else — time comes from the wizard's own clock, so
//! the same state always draws the same screen — and builds only the rows a list can show.
//! The screen is a header (the breadcrumb and badges), the current step's body, a notice line
//! and the key hints; the reservations manager and the dialogs are drawn over the body.

pub mod phone;
mod screens;
pub(crate) mod text;
pub mod theme;
mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::wizard::{Modal, Wizard};

pub use theme::{Theme, ThemeName};

/// The smallest terminal the screens are laid out for.
pub(crate) const MIN_WIDTH: u16 = 60;
pub(crate) const MIN_HEIGHT: u16 = 16;

/// What every part of the renderer needs: the state and the styles.
#[derive(Clone, Copy)]
pub(crate) struct View<'a> {
    pub wizard: &'a Wizard,
    pub theme: Theme,
    /// Whether the step's screen has the keyboard (no dialog or manager over it), and so
    /// shows the cursor in its search box.
    pub(crate) focused: bool,
}

/// Draws the whole screen for `wizard` in the colours of `theme` (the front end chooses the
/// theme; the state machine knows nothing of colours).
pub fn render(wizard: &Wizard, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let theme = *theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small::render(&theme, frame, area);
        return;
    }
    let view = View {
        wizard,
        theme,
        focused: wizard.chrome.modal.is_none()
            && wizard.chrome.manager.is_none()
            && wizard.chrome.owned.is_none()
            && !wizard.held.basket.open
            && wizard.chrome.history.is_none()
            && wizard.command_line().is_none(),
    };
    let [header, body, notice, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);

    widgets::header::render(&view, frame, header);
    screens::render(&view, frame, body);
    if wizard.held.basket.open {
        screens::basket::render(&view, frame, body, &wizard.held.basket);
    }
    if let Some(manager) = &wizard.chrome.manager {
        screens::manager::render(&view, frame, body, manager);
    }
    if let Some(owned) = &wizard.chrome.owned {
        screens::owned::render(&view, frame, body, owned);
    }
    if let Some(history) = &wizard.chrome.history {
        screens::history::render(&view, frame, body, history);
    }
    match &wizard.chrome.modal {
        Some(Modal::Help) => widgets::dialog::help(&view, frame, body),
        Some(Modal::ConfirmPurchase(target)) => {
            widgets::dialog::confirm_purchase(&view, frame, body, target);
        }
        Some(Modal::QuitGuard) => widgets::dialog::quit_guard(&view, frame, body),
        None => {}
    }
    if let Some(command) = wizard.command_line() {
        widgets::command_line::render(&view, frame, body, command);
    }
    widgets::notice::render(&view, frame, notice);
    widgets::hints::render(&view, frame, footer);
}

/// A rectangle of at most `width` × `height` in the middle of `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}
