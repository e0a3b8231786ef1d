//! What the operator sees: every screen in every state drawn on a `TestBackend` and kept as
//! insta snapshots (in `snapshots/`, named `ui__MODULE__NAME.snap`).

#[path = "../support/mod.rs"]
mod support;

mod basket;

mod everywhere;
mod history;
mod list_columns;
mod reading;
mod refused_countries;
mod screens;
