//! The real binary on a pseudo-terminal: typed into, read back from its screen, signalled.

#[path = "../support/mod.rs"]
mod support;

mod e2e;
mod input_flood;
mod mouse;
mod paste;
mod safety;
mod terminal;
mod title;
