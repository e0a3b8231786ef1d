//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the typed models and ids of the Numbers API.
//! - [`sandbox`]: a stateful emulator of the Numbers API on loopback, for offline runs and tests.
pub mod api;
pub mod sandbox;
