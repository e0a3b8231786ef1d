//! The interactive session: the event loop, with the terminal taken and given back by
//! [`crate::terminal`].
//!
//! The loop draws, then waits for whichever comes first: a key, a paste, a mouse event, a
//! worker answer, a signal, or a tick — and ticks only while something on screen moves, so an
//! idle wizard sleeps. Everything else already waiting is handled before the next draw: a
//! flood of typed keys costs one frame per batch, not one per key, so Esc and Ctrl-C typed
//! after it are reached at once.
//!
//! After each draw the window's title is brought up to date (the nearest countdown), and the
//! expiry alerts the wizard noted are rung and notified. What the loop takes in, and how it
//! is handed to the wizard, is in `app/input.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr};
use tokio::signal::unix::{SignalKind, signal};

use crate::api::Backend;
use crate::api::Client;
use crate::journal::{Journal, Unsettled};
use crate::money::Currency;
use crate::protocol::Command;
use crate::terminal::{self, JobControl};
use crate::ui;
use crate::ui::theme::ThemeName;
use crate::wizard::Wizard;
use crate::worker::{self, WorkerHandle};

mod input;

use input::{Arrival, Input, TerminalEvent, handle, read_terminal, ready_now};

/// How the session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// The operator quit.
    Quit,
    /// A signal ended it; the process should exit with `128 + signal`.
    Signal(i32),
}

impl Exit {
    /// The process exit code.
    pub(crate) fn code(self) -> i32 {
        match self {
            Self::Quit => 0,
            Self::Signal(number) => 128 + number,
        }
    }
}

/// What the settings say about how the session looks and reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct Preferences {
    pub theme: ThemeName,
    /// The currency of the API's prices.
    pub currency: Currency,
    /// The API's address, when it is not the production one (shown in the header).
    pub endpoint: Option<String>,
    /// The country the wizard opens on (`default_country`).
    pub default_country: Option<String>,
    /// How long lost purchase answers are looked for on the account before "not bought".
    pub settle_window: Duration,
    /// Above how many credits a search of every group asks first.
    pub(crate) search_confirm_above_credits: u32,
    /// How long before a reservation's end the bell rings (once); `None`: never.
    pub(crate) expiry_alert: Option<Duration>,
    /// Whether an expiry alert also sends a desktop notification (OSC 9).
    pub(crate) desktop_notifications: bool,
    /// Whether the mouse is captured (the wheel scrolls, a click selects a row).
    pub mouse: bool,
}

/// Runs the wizard in the terminal, as `preferences` say, until the operator quits or a
/// signal arrives. The terminal is restored on every way out, panics included.
pub(crate) async fn run(
    client: Client,
    backend: Backend,
    journal_path: Option<PathBuf>,
    preferences: Preferences,
) -> Result<Exit> {
    // libphonenumber's metadata is read on first use; reading it now, beside the terminal's
    // set-up, keeps the first screens from waiting for it.
    std::thread::spawn(crate::phone_format::warm_up);
    let mut opened = open_journal(journal_path.as_deref());
    let unsettled =
        crate::orders::sort_unsettled(&client, std::mem::take(&mut opened.unsettled)).await;
    // Reservations expire by the server's clock (see `Client::server_now`).
    let backend_is_live = backend == Backend::Live;
    let mut wizard = Wizard::new(backend, Instant::now(), client.server_now());
    let theme = ui::Theme::of(preferences.theme);
    wizard.set_search_confirmation(preferences.search_confirm_above_credits);
    wizard.set_expiry_alert(preferences.expiry_alert);
    wizard.set_currency(preferences.currency);
    if let Some(endpoint) = preferences.endpoint {
        wizard.set_endpoint(endpoint);
    }
    let recent_path = crate::recent_countries::path();
    let recent = recent_path
        .as_deref()
        .map(crate::recent_countries::load)
        .unwrap_or_default();
    wizard.open_on(&recent, preferences.default_country.as_deref());
    match (&opened.journal, &journal_path) {
        (Some(_), Some(path)) => wizard.set_journal_path(path.display().to_string()),
        _ => wizard.set_journal_unavailable(),
    }
    let mut terminal = terminal::take_with_mouse(preferences.mouse)
        .wrap_err("numpick needs an interactive terminal")?;
    // The sandbox's catalogue is its own, at an address that changes each run: only the live
    // API's is kept on disk.
    let catalogue = (backend_is_live)
        .then(|| worker::CatalogueStore::in_state_folder(client.base_url()))
        .flatten();
    if let Some(store) = &catalogue {
        wizard.set_refused_countries(store.refused_countries(std::time::SystemTime::now()));
    }
    let settle_window = preferences.settle_window;
    let worker =
        worker::spawn_with_catalogue(client.clone(), opened.journal, settle_window, catalogue);
    let start = wizard.start(unsettled.to_settle);
    if unsettled.left_alone > 0 {
        wizard.note_left_alone(unsettled.left_alone);
    }
    if unsettled.left_to_operator > 0 {
        wizard.block_for_operator(unsettled.left_to_operator);
    }
    if opened.unreadable > 0 {
        wizard.warn_unreadable_journal(opened.unreadable);
    }
    let notify = preferences.desktop_notifications;
    let outcome = event_loop(
        &mut terminal,
        &theme,
        &client,
        worker,
        &mut wizard,
        start,
        notify,
    )
    .await;
    terminal::give_back(&mut terminal);
    if let (Some(path), Some(chosen)) = (&recent_path, wizard.chosen_country()) {
        crate::recent_countries::save(path, &crate::recent_countries::with_chosen(&recent, chosen));
    }
    // Printed once the alternate screen is gone, so that the result stays in the scrollback.
    for line in wizard.closing_summary() {
        println!("numpick: {line}");
    }
    outcome
}

/// The journal opened for the session, what an earlier run left unsettled in it, and how many
/// of its lines could not be read.
struct OpenedJournal {
    journal: Option<Journal>,
    unsettled: Vec<Unsettled>,
    unreadable: usize,
}

/// Opens the journal and reads the purchases an earlier run left unsettled. Without a
/// journal numpick still browses and reserves, but does not buy (the worker refuses). Lines
/// that cannot be read are skipped and counted; they disable nothing.
fn open_journal(path: Option<&Path>) -> OpenedJournal {
    let disabled = |unsettled| OpenedJournal {
        journal: None,
        unsettled,
        unreadable: 0,
    };
    let Some(path) = path else {
        tracing::warn!("no folder for the journal: purchases are disabled");
        return disabled(Vec::new());
    };
    let readout = match Journal::read_all(path) {
        Ok(readout) => readout,
        Err(error) => {
            tracing::error!(%error, "the journal cannot be read: purchases are disabled");
            return disabled(Vec::new());
        }
    };
    let unsettled = Journal::unsettled(&readout.entries);
    match Journal::open(path) {
        Ok(journal) => OpenedJournal {
            journal: Some(journal),
            unsettled,
            unreadable: readout.unreadable,
        },
        Err(error) => {
            tracing::error!(%error, "the journal cannot be opened: purchases are disabled");
            disabled(unsettled)
        }
    }
}

/// How long one batch of waiting events may be handled before the screen is drawn anyway: a
/// flood still shows its progress.
const BATCH_BUDGET: Duration = Duration::from_millis(50);

async fn event_loop(
    terminal: &mut terminal::Screen,
    theme: &ui::Theme,
    client: &Client,
    mut worker: WorkerHandle,
    wizard: &mut Wizard,
    start: Vec<Command>,
    notify: bool,
) -> Result<Exit> {
    let mut events = terminal::Events::start();
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut job_control = JobControl::new()?;
    let mut title = terminal::Title::default();
    // An arrival held back to be handled after a draw (a click, read against the frame shown).
    let mut carried: Option<Arrival> = None;
    send(&worker, start);

    loop {
        wizard.set_meter(client.requests_sent(), client.rate_limit_wait());
        crate::mouse::forget_list();
        terminal.draw(|frame| ui::render(wizard, theme, frame))?;
        if let Err(error) = title.show(terminal.backend_mut(), wizard.title()) {
            tracing::warn!(%error, "the window title could not be set");
        }
        for alert in wizard.take_alerts() {
            terminal::alert(terminal.backend_mut(), &alert.message(), notify);
        }
        if wizard.should_quit() {
            return Ok(Exit::Quit);
        }
        let next_tick = wizard.next_tick_in();
        let first = match carried.take() {
            Some(arrival) => arrival,
            None => tokio::select! {
                event = events.next() => Arrival::Terminal(event),
                Some(message) = worker.answers.recv() => Arrival::Answer(message),
                ended = &mut worker.task => return Err(worker_gone(ended)),
                signal = job_control.next() => {
                    JobControl::handle(signal, terminal)?;
                    title.forget();
                    continue;
                }
                () = sleep_for(next_tick) => Arrival::Tick,
                _ = terminate.recv() => return Ok(Exit::Signal(libc_signal::SIGTERM)),
                _ = hangup.recv() => return Ok(Exit::Signal(libc_signal::SIGHUP)),
                _ = interrupt.recv() => return Ok(Exit::Signal(libc_signal::SIGINT)),
            },
        };
        // Handles `first`, then everything else already waiting, and draws once after.
        let batch_started = Instant::now();
        let mut next = Some(first);
        while let Some(arrival) = next.take() {
            let input = match arrival {
                Arrival::Terminal(event) => match read_terminal(event)? {
                    TerminalEvent::Input(input) => input,
                    TerminalEvent::Suspend => {
                        terminal::suspend(terminal)?;
                        title.forget();
                        break;
                    }
                    // A resize needs only the redraw after the batch.
                    TerminalEvent::Redraw => continue,
                    // The terminal is gone (a closed SSH session): nothing more can be shown.
                    TerminalEvent::Closed => return Ok(Exit::Signal(libc_signal::SIGHUP)),
                },
                Arrival::Answer(message) => Input::Answer(message),
                Arrival::Tick => Input::Tick,
            };
            let commands = handle(wizard, input, Instant::now(), client.server_now());
            send(&worker, commands);
            if let Some(text) = wizard.take_clipboard() {
                terminal::copy_to_clipboard(&text);
            }
            if wizard.should_quit() || batch_started.elapsed() >= BATCH_BUDGET {
                break;
            }
            next = ready_now(&mut events, &mut worker);
            if next.as_ref().is_some_and(Arrival::is_click) {
                // A click means the row under the pointer in the frame shown: draw first.
                carried = next.take();
            }
        }
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
    pub(super) const SIGHUP: i32 = 1;
    pub(super) const SIGINT: i32 = 2;
    pub(super) const SIGTERM: i32 = 15;
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

#[cfg(test)]
mod tests;
