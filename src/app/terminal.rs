//! The terminal the wizard draws on: raw mode and the alternate screen (set up by ratatui),
//! and bracketed paste, so that pasted text arrives as one [`Event::Paste`] and never as
//! keystrokes (`by` pasted on the Review step must not buy).
//!
//! Everything is undone on every way out: [`restore`] after the event loop ends (a quit, a
//! signal, an error), and a panic hook, chained before ratatui's own, for panics.
//!
//! [`Event::Paste`]: crossterm::event::Event::Paste

use std::io::stdout;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use ratatui::DefaultTerminal;

/// Enters raw mode and the alternate screen, and turns on bracketed paste.
pub fn init() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    disable_paste_on_panic();
    if let Err(error) = execute!(stdout(), EnableBracketedPaste) {
        restore();
        return Err(error);
    }
    Ok(terminal)
}

/// Turns bracketed paste off, then leaves the alternate screen and raw mode.
pub fn restore() {
    // The session is ending: if the terminal cannot be told, nothing better can be done.
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// Makes a panic turn bracketed paste off before the hook already installed (ratatui's, which
/// restores the rest, then color-eyre's report) runs.
fn disable_paste_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Panicking already: a terminal that cannot be told is not worth a second panic.
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
}
