//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the Numbers API: typed models and ids, and the HTTP client.
//! - [`countries`]: the ISO 3166-1 country table, names and flags.
//! - [`search`]: the fuzzy, ranked list filter used by every wizard screen.
//! - [`vanity`]: the vanity pattern language, keypad spelling and memorable-number scoring.
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod countries;
pub mod journal;
pub mod keymap;
pub mod logging;
pub mod search;
pub mod vanity;
pub mod wizard;
pub mod worker;
