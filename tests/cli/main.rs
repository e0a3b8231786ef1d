//! The command line: the real binary run with arguments in a throwaway home, against the
//! sandbox or a scripted fault server.

#[path = "../support/mod.rs"]
mod support;

mod auth;

mod browse;
mod buy;
mod buy_prices;
mod buy_reserved;
mod config;
mod core_dumps;
mod documented_shapes;
mod everywhere;
mod examples_run;
mod file_modes;
mod find_buy;
mod history;
mod journal_owners;
mod key_precedence;
mod key_privacy;
mod log_rotation;
mod names;
mod no_certificates;
mod owned;
mod packaging;
mod refresh;
mod sandbox_on_purpose;
mod sandbox_service;
