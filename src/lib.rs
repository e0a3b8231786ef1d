//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the typed models and ids of the Numbers API.
pub mod api;
pub mod countries;
pub mod keymap;
pub mod search;
pub mod wizard;
pub mod worker;
