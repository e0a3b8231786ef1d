//! The command line: global flags and subcommands.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

use crate::api::DEFAULT_BASE_URL;

/// Browse, reserve and buy phone numbers through the 2Chat Numbers API.
///
/// Without TWOCHAT_API_KEY, numpick runs on its embedded sandbox: a local emulator of the
/// API, so that everything can be tried without an account and without spending money.
#[derive(Debug, Parser)]
#[command(name = "numpick", version, about, long_about)]
pub struct Cli {
    /// The API's address (used only with TWOCHAT_API_KEY set).
    #[arg(long, global = true, env = "TWOCHAT_BASE_URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Serve the embedded sandbox API on its own, for integrations and curl.
    Sandbox {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Lifetime of a reservation, in seconds.
        #[arg(long, default_value_t = 600)]
        reservation_ttl: u64,
        /// Seed of the generated catalogue and numbers.
        #[arg(long, default_value_t = crate::sandbox::SandboxConfig::default().seed)]
        seed: u64,
    },
}
