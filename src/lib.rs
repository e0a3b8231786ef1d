//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the Numbers API: typed models and ids, and the HTTP client.
pub mod api;
pub mod app;
pub mod cli;
pub mod config;
pub mod countries;
pub mod keymap;
pub mod logging;
pub mod search;
pub mod wizard;
pub mod worker;
