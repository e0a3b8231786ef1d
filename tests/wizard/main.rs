//! The wizard with its real worker and client, driven by actions against a sandbox (behind a
//! fault proxy where faults are the point).

#[path = "../support/mod.rs"]
mod support;

mod credits;
mod credits_second_run;
mod on_sandbox;
mod purchase_faults;
mod server_clock;
