//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the typed models and ids of the Numbers API.
//! - [`countries`]: the ISO 3166-1 country table, names and flags.
//! - [`search`]: the fuzzy, ranked list filter used by every wizard screen.
//! - [`vanity`]: the vanity pattern language, keypad spelling and memorable-number scoring.
pub mod api;
pub mod countries;
pub mod search;
pub mod vanity;
