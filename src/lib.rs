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
//! - [`journal`]: the append-only record of reservations and purchases; [`history`]: the
//!   orders as a history shows them; [`reference`](mod@reference): an order's customer or ticket reference.
//! - [`protocol`]: the messages between the wizard and the worker; [`outcome`]: what became
//!   of an order, as the wizard is told it; [`countdown`]: a time left as `mm:ss`;
//!   [`wording`]: counts in words (`1 number`, `2 numbers`).
//! - [`folders`]: where numpick keeps its files.
//! - [`orders`]: reservations, cancellations and purchases recorded, sent and settled in one
//!   place, for the worker and the subcommands.
//! - [`buy_rule`]: the one rule that decides whether a purchase may be sent now.
//! - [`countries`]: the ISO 3166-1 country table and names; [`calling_codes`]: which
//!   countries a number may belong to.
//! - [`recent_countries`]: the countries used recently, listed first in the wizard.
//! - [`money`]: prices with their currency, and what a purchase costs today.
//! - [`requirements`]: regulatory requirements as a de-duplicated checklist in words.
//! - [`phone_format`]: phone numbers as each country writes them, and read from any form.
//! - [`everywhere`]: one vanity pattern searched in every group of a place, within a credit
//!   budget, with answers that say whether they are complete; [`sweep`] sends such a search
//!   with the client.
//! - [`search`]: the fuzzy, ranked list filter used by every wizard screen.
//! - [`vanity`]: the vanity pattern language, keypad spelling and memorable-number scoring.
//! - [`cli`], [`config`], [`logging`]: the command line, settings and the log file;
//!   [`keyring_store`]: the key in the OS keyring.
//! - [`hardening`], [`private_files`]: no core dumps, no death by SIGXFSZ; files and folders
//!   only their owner can read.
//! - [`commands`]: the subcommands for scripts (tables or `--json`, exit codes).
//!
//! # Layers
//!
//! Imports run one way only, down this list; nothing imports from a layer above its own, and
//! no two modules import each other.
//!
//! - **core**, plain data and pure logic: the API's models and ids (`api::model`, `api::ids`,
//!   `api::reservation`, `api::owned`, `api::order`, `api::phone`, `api::error`,
//!   `api::sanitize`, [`api::Backend`]), [`vanity`], [`search`], [`countries`],
//!   [`calling_codes`], [`money`], [`phone_format`], [`requirements`], [`everywhere`],
//!   [`buy_rule`], [`outcome`], [`history`], [`reference`](mod@reference), [`countdown`],
//!   [`wording`].
//! - **state**, the pure state machine and its messages: [`wizard`], [`protocol`].
//! - **effects**, everything that does I/O: the API client (`api::client` and its transport),
//!   [`worker`], [`journal`], [`orders`], [`sweep`], [`sandbox`], [`folders`],
//!   [`private_files`], [`recent_countries`], [`keyring_store`], [`hardening`].
//! - **front**, what the operator meets: [`ui`] (handed its theme by the front), [`keymap`],
//!   [`mouse`], [`terminal`], [`app`], [`commands`], [`cli`], [`config`], [`logging`].
//! - **test kit**, beside the layers, not in their order: `testkit`, the scripted wizard the
//!   tests and benchmarks share, compiled for them only; it may use every layer, and no
//!   module but a test uses it.
//!
//! # The message flow
//!
//! ```text
//! terminal events ─► keymap ─► Action ─► Wizard::update ─► Vec<Command> ─► worker task
//! ticks (countdown, spinner, pause) ─────► Wizard::tick          │ api::Client (reqwest)
//!                                          Wizard::apply ◄─ WorkerMsg (tagged by RequestId)
//! ui::render(&Wizard, &Theme, &mut Frame) once every event ready has been handled
//! ```

#![warn(unreachable_pub)]
#![allow(
    rustdoc::private_intra_doc_links,
    reason = "the module map above names the crate's own modules too; \
              `cargo doc --document-private-items` links every one"
)]

pub mod api;
pub(crate) mod app;
pub(crate) mod buy_rule;
pub(crate) mod calling_codes;
pub mod cli;
pub mod commands;
pub(crate) mod config;
pub(crate) mod countdown;
pub(crate) mod countries;
pub mod everywhere;
pub mod folders;
pub mod hardening;
pub mod history;
pub mod journal;
pub(crate) mod keymap;
pub(crate) mod keyring_store;
pub mod logging;
pub(crate) mod money;
pub(crate) mod mouse;
pub mod orders;
pub mod outcome;
pub(crate) mod phone_format;
pub(crate) mod private_files;
pub mod protocol;
pub(crate) mod recent_countries;
pub(crate) mod reference;
pub(crate) mod requirements;
pub mod sandbox;
pub(crate) mod search;
pub mod sweep;
pub(crate) mod terminal;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod ui;
pub mod vanity;
pub mod wizard;
pub(crate) mod wording;
pub mod worker;
