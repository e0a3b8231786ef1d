//! The API client, the embedded sandbox and the orders module over real HTTP: against the
//! sandbox, and against a scripted fault server.

#[path = "../support/mod.rs"]
mod support;

mod documented_shapes;

mod everywhere;
mod faults;
mod hostile_text;
mod purchase_faults;
mod reserve_adoption;
mod reserve_adoption_notice;
mod sandbox_account;
mod sandbox_catalogue;
mod sandbox_orders;
mod settle_window;
mod vs_sandbox_browse;
mod vs_sandbox_orders;
mod wire;
