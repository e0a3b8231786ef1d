//! numpick: browse, reserve and buy phone numbers through the 2Chat Numbers API.
//!
//! - [`api`]: the Numbers API: typed models and ids, and the HTTP client.
pub mod api;
