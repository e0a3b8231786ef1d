//! What the operator sees: every screen in every state, reached with the scripted wizard of
//! `numpick::testkit`, drawn on a `TestBackend` and kept as insta snapshots (in `snapshots/`,
//! named `ui__MODULE__NAME.snap`).

mod basket;
mod everywhere;
mod history;
mod holdings;
mod list_columns;
mod reading;
mod refused_countries;
mod screens;
