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
//!
//! While reservations are active the window's title shows the nearest countdown ([`Title`]).
//! The terminal's own title is pushed on its title stack when the terminal is taken, and
//! popped when it is given back — on every way out, signals and panics included; the title is
//! set to empty first, for terminals without a title stack. Mouse capture, when the config
//! asks for it, is turned off again on the same ways out and on suspend.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::cursor::Show;
use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
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
pub(crate) type Screen = Terminal<CrosstermBackend<BufWriter<File>>>;

/// The controlling terminal, whatever stdin and stdout are.
fn open_tty() -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Saves the window's title on the terminal's title stack (xterm's "push title").
pub(crate) const PUSH_TITLE: &str = "\x1b[22;0t";
/// Restores the title saved by [`PUSH_TITLE`].
pub(crate) const POP_TITLE: &str = "\x1b[23;0t";

/// The sequence that sets the window's title to `text`, without any control character in it.
pub(crate) fn set_title(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("\x1b]0;{text}\x07")
}

/// Whether the mouse is captured while the terminal is taken (the config's `mouse`).
static MOUSE_CAPTURE: AtomicBool = AtomicBool::new(false);

/// Whether the session captures the mouse.
fn mouse_captured() -> bool {
    MOUSE_CAPTURE.load(Ordering::SeqCst)
}

/// Takes the terminal: raw mode, the alternate screen and bracketed paste, with its title
/// saved, capturing the mouse too when `mouse` is set (the wheel and clicks then reach
/// numpick instead of selecting text). A panic hook gives it back first, so that no panic
/// leaves a raw terminal behind.
pub(crate) fn take_with_mouse(mouse: bool) -> io::Result<Screen> {
    let tty = open_tty()?;
    MOUSE_CAPTURE.store(mouse, Ordering::SeqCst);
    give_back_on_panic();
    enable_raw_mode()?;
    let mut backend = CrosstermBackend::new(BufWriter::new(tty));
    let taken = enter(&mut backend, mouse).and_then(|()| Terminal::new(backend));
    if taken.is_err() {
        restore_tty();
    }
    taken
}

/// What taking the terminal writes: the alternate screen, bracketed paste, the title saved,
/// and mouse capture when asked for.
fn enter(out: &mut impl io::Write, mouse: bool) -> io::Result<()> {
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    out.write_all(PUSH_TITLE.as_bytes())?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    out.flush()
}

/// What giving the terminal back writes: mouse capture and bracketed paste off, the title
/// emptied then restored, the main screen, the cursor shown.
fn leave(out: &mut impl io::Write, mouse: bool) -> io::Result<()> {
    if mouse {
        execute!(out, DisableMouseCapture)?;
    }
    execute!(out, DisableBracketedPaste)?;
    out.write_all(set_title("").as_bytes())?;
    out.write_all(POP_TITLE.as_bytes())?;
    execute!(out, LeaveAlternateScreen, Show)
}

/// Gives the terminal back: mouse capture and bracketed paste off, the title restored, cooked
/// mode, the main screen, the cursor shown.
pub(crate) fn give_back(terminal: &mut Screen) {
    // The session is ending or pausing: a terminal that cannot be told changes nothing else.
    let _ = leave(terminal.backend_mut(), mouse_captured());
    let _ = disable_raw_mode();
}

/// Gives the terminal back without the session's handle on it (in a panic).
fn restore_tty() {
    let _ = disable_raw_mode();
    if let Ok(mut tty) = open_tty() {
        let _ = leave(&mut tty, mouse_captured());
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
pub(crate) fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Copies `text` to the terminal's clipboard. A terminal that does not understand OSC 52
/// ignores it; a failed write costs only the copy, so it is logged, not raised.
pub(crate) fn copy_to_clipboard(text: &str) {
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

/// The terminal's events, read on a thread of their own and queued, so that the event loop can
/// take every event already typed at once ([`Events::ready`]) and draw once after them.
pub(crate) struct Events {
    queue: tokio::sync::mpsc::UnboundedReceiver<io::Result<Event>>,
}

impl Events {
    /// Starts reading the terminal's events.
    pub(crate) fn start() -> Self {
        let (sender, queue) = tokio::sync::mpsc::unbounded_channel();
        let reader = move || {
            loop {
                let event = crossterm::event::read();
                let failed = event.is_err();
                // The session has ended (the receiver is gone), or the terminal cannot be read.
                if sender.send(event).is_err() || failed {
                    break;
                }
            }
        };
        if let Err(error) = std::thread::Builder::new()
            .name("terminal-input".to_owned())
            .spawn(reader)
        {
            tracing::error!(%error, "the terminal's input cannot be read");
        }
        Self { queue }
    }

    /// The next event; `None` once the terminal can no longer be read.
    pub(crate) async fn next(&mut self) -> Option<io::Result<Event>> {
        self.queue.recv().await
    }

    /// The next event if one is waiting already: `Some(None)` once the terminal can no longer
    /// be read, `None` when nothing waits.
    pub(crate) fn ready(&mut self) -> Option<Option<io::Result<Event>>> {
        use tokio::sync::mpsc::error::TryRecvError;
        match self.queue.try_recv() {
            Ok(event) => Some(Some(event)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(None),
        }
    }
}

/// The window's title as numpick last set it, so that it is written only when it changes.
#[derive(Debug, Default)]
pub(crate) struct Title {
    /// `None`: the terminal's own title shows.
    shown: Option<String>,
}

impl Title {
    /// Makes the title read `wanted`, or, for `None`, the terminal's own title again (popped
    /// from the title stack and saved anew; emptied first for terminals without a stack).
    pub(crate) fn show(
        &mut self,
        out: &mut impl io::Write,
        wanted: Option<String>,
    ) -> io::Result<()> {
        if wanted == self.shown {
            return Ok(());
        }
        match &wanted {
            Some(text) => out.write_all(set_title(text).as_bytes())?,
            None => {
                out.write_all(set_title("").as_bytes())?;
                out.write_all(POP_TITLE.as_bytes())?;
                out.write_all(PUSH_TITLE.as_bytes())?;
            }
        }
        out.flush()?;
        self.shown = wanted;
        Ok(())
    }

    /// After the terminal was given back and taken again, its own title shows.
    pub(crate) fn forget(&mut self) {
        self.shown = None;
    }
}

/// The OSC 9 sequence that asks the terminal for a desktop notification saying `text`
/// (iTerm2, kitty, WezTerm, Windows Terminal, foot …; others ignore it).
pub(crate) fn desktop_notification(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    format!("\x1b]9;{text}\x07")
}

/// Rings the terminal's bell once and, when `notify`, sends a desktop notification of
/// `text`. An alert that cannot be written is logged: the countdown on screen remains.
pub(crate) fn alert(out: &mut impl io::Write, text: &str, notify: bool) {
    let mut sequence = String::from("\x07");
    if notify {
        sequence.push_str(&desktop_notification(text));
    }
    let written = out
        .write_all(sequence.as_bytes())
        .and_then(|()| out.flush());
    if let Err(error) = written {
        tracing::warn!(%error, "the expiry alert could not be written");
    }
}

/// Whether `key` is the suspend key (Ctrl-Z), which raw mode delivers as a key.
pub(crate) fn is_suspend_key(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && key.modifiers.contains(KeyModifiers::CONTROL)
        && matches!(key.code, KeyCode::Char('z' | 'Z'))
}

/// Gives the terminal back, stops numpick until it is continued, then takes the terminal
/// again and redraws.
pub(crate) fn suspend(terminal: &mut Screen) -> io::Result<()> {
    give_back(terminal);
    stop_until_continued();
    resume(terminal)
}

/// Takes the terminal again after a stop, and makes the next draw repaint every cell.
pub(crate) fn resume(terminal: &mut Screen) -> io::Result<()> {
    enable_raw_mode()?;
    enter(terminal.backend_mut(), mouse_captured())?;
    execute!(terminal.backend_mut(), Clear(ClearType::All))?;
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
pub(crate) struct JobControl {
    stop: Signal,
    resumed: Signal,
}

/// What a job-control signal asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JobSignal {
    /// SIGTSTP: give the terminal back and stop.
    Stop,
    /// SIGCONT: numpick was stopped by something else (SIGSTOP); take the terminal again.
    Continue,
}

impl JobControl {
    /// Catches SIGTSTP and SIGCONT from now on.
    pub(crate) fn new() -> io::Result<Self> {
        Ok(Self {
            stop: signal(SignalKind::from_raw(libc::SIGTSTP))?,
            resumed: signal(SignalKind::from_raw(libc::SIGCONT))?,
        })
    }

    /// The next job-control signal.
    pub(crate) async fn next(&mut self) -> JobSignal {
        tokio::select! {
            _ = self.stop.recv() => JobSignal::Stop,
            _ = self.resumed.recv() => JobSignal::Continue,
        }
    }

    /// Does what `signal` asks for with `terminal`.
    pub(crate) fn handle(signal: JobSignal, terminal: &mut Screen) -> io::Result<()> {
        match signal {
            JobSignal::Stop => suspend(terminal),
            JobSignal::Continue => resume(terminal),
        }
    }
}

#[cfg(test)]
mod tests;
