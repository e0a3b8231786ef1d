//! The HTTP fault kit: a scripted server standing in for the API (`server`), and a proxy in
//! front of a real sandbox that breaks purchases (`proxy`). Both speak the same hand-written
//! HTTP (`wire`) and record every request as it arrives, before any reply, so a count is right
//! even when the reply is late or never completes.

mod proxy;
mod server;
mod wire;

pub use proxy::{FaultProxy, PurchaseFault, Seen};
pub use server::{FaultServer, Reply, closed_port_url};
pub use wire::Recorded;
