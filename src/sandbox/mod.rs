//! The sandbox: a faithful, stateful emulator of the 2Chat Numbers API, served by axum on
//! loopback, so that numpick runs without an account and every test runs offline.
//!
//! It speaks the wire format of `NUMBERS-API.md`: the same paths, parameters, envelopes and
//! status codes, with its own JSON (it shares no types with the client, so a client bug cannot
//! hide behind a matching server bug). What it sells comes from the data files in
//! `assets/sandbox/` (`catalogue`); the numbers of each group are generated from the seed
//! (`pool`), so the same seed always offers the same numbers. Reservations, purchases and the
//! account's numbers live in `state`, behind a mutex, on the sandbox's own `clock`; `routes`
//! maps HTTP onto them.
//!
//! It serves the documented shapes: the reference pages', and the provider's skill document's
//! (2ChatCo/agent-skills, `skills/2chat-numbers/SKILL.md`) where the pages are silent — the
//! reservations list's items, the purchase answer, releasing a number. Choices where both are
//! silent, each the documented neighbour:
//! - nationwide groups (no city: toll-free, most mobile and national ones) match every region
//!   and city filter of their country;
//! - a group without number selection lists no available numbers; a number of it can be
//!   bought only once reserved (a reservation without `number` picks one);
//! - the available-numbers list stops at 100 numbers, after the `number_contains` filter;
//! - the reserve answer carries no group id, as documented: the client knows what it asked;
//! - a purchase of a number that exists but cannot be sold is answered 201 with the number in
//!   `failed`; an unknown group is a 404 and a body that is not an order a 400;
//! - a `number` may be written as E.164, as the same digits without `+`, or as its `did-` id;
//! - there is one account: every reservation is its own, so buying a reserved number consumes
//!   the reservation;
//! - requests without a key are refused before routing and are not counted as usage; the
//!   per-minute limit counts each key's admitted requests over a sliding minute.

mod catalogue;
mod clock;
mod envelope;
mod params;
mod pool;
mod routes;
pub mod service;
mod state;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How a sandbox is set up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Decides the numbers of every group, the random picks and the ids.
    pub seed: u64,
    /// How long a reservation holds its number.
    pub reservation_ttl: Duration,
    /// Requests one key may make in any minute (429 beyond); 0 for no limit. The default is
    /// the documented 80.
    pub rate_limit: u32,
}

/// The per-minute limit the API documents (account info's `requests_per_minute`).
pub(crate) const DOCUMENTED_RATE_LIMIT: u32 = 80;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: 2026,
            reservation_ttl: Duration::from_secs(600),
            rate_limit: DOCUMENTED_RATE_LIMIT,
        }
    }
}

/// The whole API, with fresh state.
pub(crate) fn router(config: SandboxConfig) -> axum::Router {
    routes::build(new_state(&config))
}

fn new_state(config: &SandboxConfig) -> routes::Shared {
    Arc::new(Mutex::new(state::State::new(config)))
}

/// A sandbox serving on loopback in a task of the current runtime; dropping it stops the server.
#[derive(Debug)]
pub struct RunningSandbox {
    addr: SocketAddr,
    state: routes::Shared,
    task: JoinHandle<()>,
}

impl RunningSandbox {
    /// The address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give an API client: `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many purchases have succeeded so far.
    pub fn purchases(&self) -> usize {
        routes::lock(&self.state).purchases().len()
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts a sandbox on `127.0.0.1` and a free port.
pub async fn spawn(config: SandboxConfig) -> std::io::Result<RunningSandbox> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
    let addr = listener.local_addr()?;
    let state = new_state(&config);
    let app = routes::build(state.clone());
    let task = tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            tracing::error!(%error, "the sandbox server stopped");
        }
    });
    Ok(RunningSandbox { addr, state, task })
}

/// Serves the sandbox on `listener` until the future is dropped (or accepting fails).
pub async fn serve(listener: TcpListener, config: SandboxConfig) -> std::io::Result<()> {
    axum::serve(listener, router(config)).await
}
