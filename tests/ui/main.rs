//! What the operator sees: every screen in every state drawn on a `TestBackend` and kept as
//! insta snapshots (in `snapshots/`, named `ui__MODULE__NAME.snap`).

#[path = "../support/mod.rs"]
mod support;

mod everywhere;
mod reading;
mod screens;
