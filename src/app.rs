//! The interactive session: terminal setup and restore, and the event loop.
//!
//! The loop draws, then waits for whichever comes first: a key, a worker answer, a signal, or
//! a tick — and ticks only while something on screen moves, so an idle wizard sleeps.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{Event, EventStream};
use futures_util::StreamExt;
use jiff::Timestamp;
use ratatui::DefaultTerminal;
use tokio::signal::unix::{SignalKind, signal};

use crate::api::Client;
use crate::journal::{Journal, PendingPurchase};
use crate::keymap;
use crate::terminal::{self, JobControl};
use crate::ui;
use crate::ui::theme::ThemeName;
use crate::wizard::{Backend, Wizard};
use crate::worker::{self, Command, WorkerHandle};

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The operator quit.
    Quit,
    /// A signal ended it; the process should exit with `128 + signal`.
    Signal(i32),
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> i32 {
        match self {
            Self::Quit => 0,
            Self::Signal(number) => 128 + number,
        }
    }
}

/// Runs the wizard in the terminal, drawn with `theme`, until the operator quits or a signal
/// arrives. The terminal is restored on every way out, panics included.
pub async fn run(
    client: Client,
    backend: Backend,
    journal_path: Option<PathBuf>,
    theme: ThemeName,
) -> Result<Exit> {
    let (journal, unsettled) = open_journal(journal_path.as_deref());
    let mut wizard = Wizard::new(backend, Instant::now(), Timestamp::now());
    wizard.set_theme(theme);
    if let (Some(_), Some(path)) = (&journal, &journal_path) {
        wizard.set_journal_path(path.display().to_string());
    }
    let mut terminal = terminal::take().wrap_err("numpick needs an interactive terminal")?;
    let worker = worker::spawn(client.clone(), journal);
    let outcome = event_loop(&mut terminal, &client, worker, wizard, unsettled).await;
    terminal::give_back(&mut terminal);
    outcome
}

/// Opens the journal and reads the purchases an earlier run left unsettled. Without a
/// journal numpick still browses and reserves, but does not buy (the worker refuses).
fn open_journal(path: Option<&Path>) -> (Option<Journal>, Vec<PendingPurchase>) {
    let Some(path) = path else {
        tracing::warn!("no folder for the journal: purchases are disabled");
        return (None, Vec::new());
    };
    let unsettled = match Journal::read_all(path) {
        Ok(entries) => Journal::pending_purchases(&entries),
        Err(error) => {
            tracing::error!(%error, "the journal cannot be read: purchases are disabled");
            return (None, Vec::new());
        }
    };
    match Journal::open(path) {
        Ok(journal) => (Some(journal), unsettled),
        Err(error) => {
            tracing::error!(%error, "the journal cannot be opened: purchases are disabled");
            (None, unsettled)
        }
    }
}

async fn event_loop(
    terminal: &mut DefaultTerminal,
    client: &Client,
    mut worker: WorkerHandle,
    mut wizard: Wizard,
    unsettled: Vec<PendingPurchase>,
) -> Result<Exit> {
    let mut events = EventStream::new();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut job_control = JobControl::new()?;
    let start = wizard.start(unsettled);
    send(&worker, start);

    loop {
        wizard.set_meter(client.requests_sent(), client.rate_limit_wait());
        terminal.draw(|frame| ui::render(&wizard, frame))?;
        if wizard.should_quit() {
            return Ok(Exit::Quit);
        }
        let next_tick = wizard.next_tick_in();
        let commands = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if terminal::is_suspend_key(&key) => {
                    terminal::suspend(terminal)?;
                    Vec::new()
                }
                Some(Ok(Event::Key(key))) => {
                    wizard.tick(Instant::now(), Timestamp::now());
                    match keymap::action_for(key, wizard.input_mode()) {
                        Some(action) => wizard.update(action),
                        None => Vec::new(),
                    }
                }
                // A resize needs only the redraw at the top of the loop.
                Some(Ok(_)) => Vec::new(),
                Some(Err(error)) => return Err(error).wrap_err("reading the terminal failed"),
                // The terminal is gone (a closed SSH session): nothing more can be shown.
                None => return Ok(Exit::Signal(libc_signal::SIGHUP)),
            },
            Some(message) = worker.answers.recv() => wizard.apply(message),
            ended = &mut worker.task => return Err(worker_gone(ended)),
            signal = job_control.next() => {
                JobControl::handle(signal, terminal)?;
                Vec::new()
            }
            () = sleep_for(next_tick) => wizard.tick(Instant::now(), Timestamp::now()),
            _ = terminate.recv() => return Ok(Exit::Signal(libc_signal::SIGTERM)),
            _ = hangup.recv() => return Ok(Exit::Signal(libc_signal::SIGHUP)),
            _ = interrupt.recv() => return Ok(Exit::Signal(libc_signal::SIGINT)),
        };
        send(&worker, commands);
    }
}

/// The error that ends the session when the worker is gone while the wizard still needs it:
/// a panic in one of its tasks. The panic hook has given the terminal back already.
fn worker_gone(ended: Result<(), tokio::task::JoinError>) -> color_eyre::Report {
    let cause = match ended {
        Err(error) if error.is_panic() => "an internal error (a panic)",
        Err(_) => "being cancelled",
        Ok(()) => "an internal error in one of its tasks",
    };
    tracing::error!(cause, "the worker stopped; ending the session");
    color_eyre::eyre::eyre!(
        "the session ended: its worker stopped after {cause}. The journal is intact: \
         a purchase that was in flight is settled at the next start"
    )
}

/// Signal numbers for exit codes (the same on every Unix numpick runs on).
mod libc_signal {
    pub const SIGHUP: i32 = 1;
    pub const SIGINT: i32 = 2;
    pub const SIGTERM: i32 = 15;
}

async fn sleep_for(duration: Option<Duration>) {
    match duration {
        Some(duration) => tokio::time::sleep(duration).await,
        None => std::future::pending().await,
    }
}

fn send(worker: &WorkerHandle, commands: Vec<Command>) {
    for command in commands {
        if worker.commands.send(command).is_err() {
            tracing::error!("the worker stopped; a command was not sent");
        }
    }
}
