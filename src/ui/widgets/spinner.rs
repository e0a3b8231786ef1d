//! The spinner shown while a request is awaited. Its frame follows the wizard's clock, so a
//! given state always draws the same frame.

use std::time::Duration;

use crate::wizard::Wizard;

const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/// How long each frame shows.
const FRAME_TIME: Duration = Duration::from_millis(100);

/// The spinner's frame at the wizard's current time.
pub(crate) fn frame(wizard: &Wizard) -> &'static str {
    let elapsed = wizard.now.saturating_duration_since(wizard.chrome.started);
    let index = elapsed.as_millis() / FRAME_TIME.as_millis();
    FRAMES[(index % FRAMES.len() as u128) as usize]
}
