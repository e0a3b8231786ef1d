//! What the integration test binaries share beside the scripted wizard of
//! `numpick::testkit` (those that use it include it with
//! `#[path = "../support/mod.rs"] mod support;`):
//!
//! - `home`: a throwaway home and a hermetic environment for running the real binary;
//! - `pty`: the real binary on a pseudo-terminal (portable-pty), typed into and read back;
//! - `http`: the scripted fault server and the fault proxy in front of a sandbox;
//! - `sandbox`, `client`: the embedded sandbox over raw HTTP, and the API client against it;
//! - `driver`: the wizard with its real worker and client, on tokio's clock.

#![allow(
    dead_code,
    unused_imports,
    reason = "each test binary uses its own part of the kit"
)]

pub mod client;
pub mod driver;
pub mod home;
pub mod http;
pub mod pty;
pub mod sandbox;
