//! The terminal the wizard draws on: taking it, giving it back, and job control.
//!
//! Taking it means raw mode, the alternate screen and bracketed paste, so that pasted text
//! arrives as one `Event::Paste` and never as keystrokes (`by` pasted on the Review step must
//! not buy). Giving it back undoes all three, on every way out: after the event loop ends, and
//! in a panic hook chained before ratatui's own.
//!
//! In raw mode the terminal sends Ctrl-Z as a key instead of stopping numpick, and a SIGTSTP
//! from elsewhere (`kill -TSTP`) is caught instead of stopping it with the terminal left raw.
//! Either way numpick gives the terminal back (cooked, main screen, cursor shown) and only
//! then stops. On SIGCONT (`fg`) it takes the terminal again and redraws everything, since the
//! shell and other programs have drawn on it meanwhile.
//!
//! The wizard draws on the controlling terminal (`/dev/tty`), not on stdout: `numpick >
//! out.txt` shows the wizard, and the file gets only what is printed after it.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::signal::unix::{Signal, SignalKind, signal};

/// The wizard's screen: the controlling terminal, written through a buffer that each drawn
/// frame flushes (one write per frame, not one per cell).
pub type Screen = Terminal<CrosstermBackend<BufWriter<File>>>;

/// The controlling terminal, whatever stdin and stdout are.
fn open_tty() -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Takes the terminal: raw mode, the alternate screen and bracketed paste. A panic hook gives
/// it back first, so that no panic leaves a raw terminal behind.
pub fn take() -> io::Result<Screen> {
    let tty = open_tty()?;
    give_back_on_panic();
    enable_raw_mode()?;
    let mut backend = CrosstermBackend::new(BufWriter::new(tty));
    let taken = execute!(backend, EnterAlternateScreen, EnableBracketedPaste)
        .and_then(|()| Terminal::new(backend));
    if taken.is_err() {
        restore_tty();
    }
    taken
}

/// Gives the terminal back: bracketed paste off, cooked mode, the main screen, the cursor
/// shown.
pub fn give_back(terminal: &mut Screen) {
    // The session is ending or pausing: a terminal that cannot be told changes nothing else.
    let _ = execute!(
        terminal.backend_mut(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Gives the terminal back without the session's handle on it (in a panic).
fn restore_tty() {
    let _ = disable_raw_mode();
    if let Ok(mut tty) = open_tty() {
        let _ = execute!(tty, DisableBracketedPaste, LeaveAlternateScreen, Show);
    }
}

/// Makes a panic give the terminal back before the hook already installed (color-eyre's
/// report) runs, so that the report is readable.
fn give_back_on_panic() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // Panicking already: a terminal that cannot be told is not worth a second panic.
        restore_tty();
        previous(info);
    }));
}

/// The OSC 52 sequence that puts `text` on the clipboard of the terminal (also through SSH,
/// and through tmux with `set-clipboard on`).
pub fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Copies `text` to the terminal's clipboard. A terminal that does not understand OSC 52
/// ignores it; a failed write costs only the copy, so it is logged, not raised.
pub fn copy_to_clipboard(text: &str) {
    use std::io::Write as _;
    // To the terminal the wizard draws on, whatever stdout is.
    let written = open_tty().and_then(|mut tty| {
        tty.write_all(osc52(text).as_bytes())?;
        tty.flush()
    });
    if let Err(error) = written {
        tracing::warn!(%error, "the clipboard sequence could not be written");
    }
}

/// Whether `key` is the suspend key (Ctrl-Z), which raw mode delivers as a key.
pub fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

/// Gives the terminal back, stops numpick until it is continued, then takes the terminal
/// again and redraws.
pub fn suspend(terminal: &mut Screen) -> io::Result<()> {
    give_back(terminal);
    stop_until_continued();
    resume(terminal)
}

/// Takes the terminal again after a stop, and makes the next draw repaint every cell.
pub fn resume(terminal: &mut Screen) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        terminal.backend_mut(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        Clear(ClearType::All)
    )?;
    // Forgets the last frame, so that the next draw is compared with a blank screen, which
    // is what the terminal now shows. (`Terminal::clear` would also ask the terminal where
    // its cursor is, racing the event reader for the answer.)
    terminal.swap_buffers();
    Ok(())
}

/// Stops this process as the default SIGTSTP would; returns once it is continued.
fn stop_until_continued() {
    // SIGSTOP, because SIGTSTP is caught here: raising it would only wake our own handler.
    // SAFETY: `raise` sends a signal to this thread and touches no memory.
    let _ = unsafe { libc::raise(libc::SIGSTOP) };
}

/// The job-control signals, while the wizard has the terminal.
pub struct JobControl {
    stop: Signal,
    resumed: Signal,
}

/// What a job-control signal asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobSignal {
    /// SIGTSTP: give the terminal back and stop.
    Stop,
    /// SIGCONT: numpick was stopped by something else (SIGSTOP); take the terminal again.
    Continue,
}

impl JobControl {
    /// Catches SIGTSTP and SIGCONT from now on.
    pub fn new() -> io::Result<Self> {
        Ok(Self {
            stop: signal(SignalKind::from_raw(libc::SIGTSTP))?,
            resumed: signal(SignalKind::from_raw(libc::SIGCONT))?,
        })
    }

    /// The next job-control signal.
    pub async fn next(&mut self) -> JobSignal {
        tokio::select! {
            _ = self.stop.recv() => JobSignal::Stop,
            _ = self.resumed.recv() => JobSignal::Continue,
        }
    }

    /// Does what `signal` asks for with `terminal`.
    pub fn handle(signal: JobSignal, terminal: &mut Screen) -> io::Result<()> {
        match signal {
            JobSignal::Stop => suspend(terminal),
            JobSignal::Continue => resume(terminal),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_sequence_is_osc_52_base64() {
        assert_eq!(osc52("ID + passport"), "\x1b]52;c;SUQgKyBwYXNzcG9ydA==\x07");
    }

    #[test]
    fn only_a_pressed_ctrl_z_suspends() {
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(is_suspend_key(&ctrl_z));
        assert!(!is_suspend_key(&KeyEvent::new(
            KeyCode::Char('z'),
            KeyModifiers::NONE
        )));
        let mut released = ctrl_z;
        released.kind = KeyEventKind::Release;
        assert!(!is_suspend_key(&released));
    }
}
