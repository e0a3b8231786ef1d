//! The command line: the real binary run with arguments in a throwaway home, against the
//! sandbox or a scripted fault server.

#[path = "../support/mod.rs"]
mod support;

mod auth;
mod browse;
mod buy;
mod buy_prices;
mod config;
mod core_dumps;
mod documented_shapes;
mod everywhere;
mod examples_run;
mod file_modes;
mod journal_owners;
mod key_privacy;
mod names;
mod owned;
mod packaging;
mod sandbox_on_purpose;
mod sandbox_service;
