//! Rendering (placeholder until the screens land).
use crate::wizard::Wizard;

/// Draws the wizard.
pub fn render(_wizard: &Wizard, _frame: &mut ratatui::Frame) {}
