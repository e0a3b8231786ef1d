//! The 2Chat Numbers API: typed models and ids.
pub mod ids;
pub mod model;
