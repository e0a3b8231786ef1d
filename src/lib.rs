//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the typed models and ids of the Numbers API.
//! - [`wizard`]: the interactive state machine; [`ui`]: its pure renderer.
pub mod api;
pub mod countries;
pub mod search;
pub mod ui;
pub mod wizard;
pub mod worker;
