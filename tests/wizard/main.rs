//! The wizard with its real worker and client, driven by actions against a sandbox (behind a
//! fault proxy where faults are the point).

#[path = "../support/mod.rs"]
mod support;

mod basket_on_sandbox;

mod credits;
mod credits_second_run;
mod on_sandbox;
mod prefetch_requirements;
mod purchase_faults;
mod server_clock;
