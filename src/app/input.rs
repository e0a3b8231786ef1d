//! What the event loop takes in: a terminal event or a worker answer woken for, read into an
//! [`Input`], and handed to the wizard.

use std::time::Instant;

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{Event, KeyEvent, MouseEvent, MouseEventKind};
use jiff::Timestamp;

use crate::keymap;
use crate::protocol::{Command, WorkerMsg};
use crate::terminal;
use crate::wizard::Wizard;
use crate::worker::WorkerHandle;

/// Something the event loop woke for.
#[allow(
    clippy::large_enum_variant,
    reason = "one arrival exists at a time, handled at once: boxing would save nothing"
)]
pub(super) enum Arrival {
    Terminal(Option<std::io::Result<Event>>),
    Answer(WorkerMsg),
    Tick,
}

impl Arrival {
    pub(super) fn is_click(&self) -> bool {
        matches!(
            self,
            Self::Terminal(Some(Ok(Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(_),
                ..
            }))))
        )
    }
}

/// What a terminal event asks of the loop.
#[allow(
    clippy::large_enum_variant,
    reason = "one event exists at a time, handled at once: boxing would save nothing"
)]
pub(super) enum TerminalEvent {
    Input(Input),
    Suspend,
    Redraw,
    Closed,
}

/// Reads one event of the terminal.
pub(super) fn read_terminal(event: Option<std::io::Result<Event>>) -> Result<TerminalEvent> {
    Ok(match event {
        Some(Ok(Event::Key(key))) if terminal::is_suspend_key(&key) => TerminalEvent::Suspend,
        Some(Ok(Event::Key(key))) => TerminalEvent::Input(Input::Key(key)),
        // Pasted text is text, never keys: see `Wizard::paste`.
        Some(Ok(Event::Paste(text))) => TerminalEvent::Input(Input::Paste(text)),
        Some(Ok(Event::Mouse(mouse))) => TerminalEvent::Input(Input::Mouse(mouse)),
        Some(Ok(_)) => TerminalEvent::Redraw,
        Some(Err(error)) => return Err(error).wrap_err("reading the terminal failed"),
        None => TerminalEvent::Closed,
    })
}

/// The next terminal event or worker answer that is already waiting, without waiting.
pub(super) fn ready_now(
    events: &mut terminal::Events,
    worker: &mut WorkerHandle,
) -> Option<Arrival> {
    if let Some(event) = events.ready() {
        return Some(Arrival::Terminal(event));
    }
    worker.answers.try_recv().ok().map(Arrival::Answer)
}

/// One thing the event loop takes in.
#[derive(Debug)]
#[allow(
    clippy::large_enum_variant,
    reason = "one input exists at a time, moved straight into the wizard: boxing would save nothing"
)]
pub(super) enum Input {
    Key(KeyEvent),
    /// Text pasted in the terminal (bracketed paste).
    Paste(String),
    /// The wheel or a click, when the mouse is captured.
    Mouse(MouseEvent),
    Answer(WorkerMsg),
    /// Time passed.
    Tick,
}

/// Hands `input` to the wizard at `now` and returns every command it asked for. A key first
/// lets time pass — an expiry or the end of a pause in typing may be due — and what that asks
/// for is sent along with what the key asks for.
pub(super) fn handle(
    wizard: &mut Wizard,
    input: Input,
    now: Instant,
    now_utc: Timestamp,
) -> Vec<Command> {
    match input {
        Input::Key(key) => {
            let mut commands = wizard.tick(now, now_utc);
            if let Some(action) = keymap::action_for(key, wizard.input_mode()) {
                commands.extend(wizard.update(action));
            }
            commands
        }
        Input::Paste(text) => {
            let mut commands = wizard.tick(now, now_utc);
            commands.extend(wizard.paste(&text));
            commands
        }
        Input::Mouse(event) => {
            let mut commands = wizard.tick(now, now_utc);
            let list = crate::mouse::list_on_screen();
            for action in crate::mouse::actions_for(event, wizard.input_mode(), list) {
                commands.extend(wizard.update(action));
            }
            commands
        }
        Input::Answer(message) => {
            wizard.set_server_time(now_utc);
            wizard.apply(message)
        }
        Input::Tick => wizard.tick(now, now_utc),
    }
}
