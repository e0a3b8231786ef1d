//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! # Modules
//!
//! - [`api`]: the Numbers API: typed models and ids, and the HTTP client.
//! - [`sandbox`]: the embedded, stateful emulator of the API, served by axum on loopback.
//! - [`wizard`]: the interactive state as a pure state machine (`update`, `apply`, `tick`).
//! - [`ui`]: the pure renderer of the wizard (screens, widgets, theme).
//! - [`worker`]: the I/O actor that performs the wizard's commands with the client.
//! - [`app`]: the event loop and signals.
//! - [`terminal`]: taking and giving back the terminal; suspend (Ctrl-Z, SIGTSTP) and resume.
//! - [`keymap`]: keys → the wizard's actions; [`mouse`]: the wheel and clicks → the same.
//! - [`journal`]: the append-only record of reservations and purchases.
//! - [`orders`]: reservations, cancellations and purchases recorded, sent and settled in one
//!   place, for the worker and the subcommands.
//! - [`buy_rule`]: the one rule that decides whether a purchase may be sent now.
//! - [`countries`]: the ISO 3166-1 country table, names and flags; [`calling_codes`]: which
//!   countries a number may belong to.
//! - [`recent_countries`]: the countries used recently, listed first in the wizard.
//! - [`money`]: prices with their currency, and what a purchase costs today.
//! - [`requirements`]: regulatory requirements as a de-duplicated checklist in words.
//! - [`phone_format`]: phone numbers as each country writes them, and read from any form.
//! - [`everywhere`]: one vanity pattern searched in every group of a place, within a credit
//!   budget, with answers that say whether they are complete.
//! - [`search`]: the fuzzy, ranked list filter used by every wizard screen.
//! - [`vanity`]: the vanity pattern language, keypad spelling and memorable-number scoring.
//! - [`cli`], [`config`], [`logging`]: the command line, settings and the log file;
//!   [`keyring_store`]: the key in the OS keyring.
//! - [`hardening`], [`private_files`]: no core dumps, no death by SIGXFSZ; files and folders
//!   only their owner can read.
//! - [`commands`]: the subcommands for scripts (tables or `--json`, exit codes).
//!
//! # The message flow
//!
//! ```text
//! terminal events ─► keymap ─► Action ─► Wizard::update ─► Vec<Command> ─► worker task
//! ticks (countdown, spinner, pause) ─────► Wizard::tick          │ api::Client (reqwest)
//!                                          Wizard::apply ◄─ WorkerMsg (tagged by RequestId)
//! ui::render(&Wizard, &mut Frame) once every event ready has been handled
//! ```
pub mod api;
pub mod app;
pub mod buy_rule;
pub mod calling_codes;
pub mod cli;
pub mod commands;
pub mod config;
pub mod countries;
pub mod everywhere;
pub mod folders;
pub mod hardening;
pub mod journal;
pub mod keymap;
pub mod keyring_store;
pub mod logging;
pub mod money;
pub mod mouse;
pub mod orders;
pub mod outcome;
pub mod phone_format;
pub mod private_files;
pub mod protocol;
pub mod recent_countries;
pub mod requirements;
pub mod sandbox;
pub mod search;
pub mod sweep;
pub mod terminal;
pub mod ui;
pub mod vanity;
pub mod wizard;
pub mod worker;
